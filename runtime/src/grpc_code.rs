//! The canonical gRPC status code that a table declares for each error: part of the core, since
//! [`ApiError::grpc_code`](crate::ApiError::grpc_code) returns it whatever the features.
//! Re-exported by [`grpc`](crate::grpc), where users name it.

use core::fmt;
use core::str::FromStr;

/// A canonical gRPC status code, as `google/rpc/code.proto` and `tonic::Code` define them.
///
/// In the derive's `grpc = "..."` keys and in [`FromStr`] / [`GrpcCode::from_name`], a code is
/// written in snake case: `"invalid_argument"`, `"unauthenticated"`, `"resource_exhausted"`
/// ([`GrpcCode::NAMES`] lists them all). [`Display`](fmt::Display) writes the same name.
///
/// ```
/// use apicode::grpc::GrpcCode;
///
/// let code: GrpcCode = "permission_denied".parse().unwrap();
/// assert_eq!(code, GrpcCode::PermissionDenied);
/// assert_eq!(code.as_i32(), 7);
/// assert_eq!(code.to_string(), "permission_denied");
/// assert_eq!(GrpcCode::from_i32(16), Some(GrpcCode::Unauthenticated));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(i32)]
pub enum GrpcCode {
    /// `ok` (0): not an error.
    Ok = 0,
    /// `cancelled` (1): the caller cancelled the operation.
    Cancelled = 1,
    /// `unknown` (2): an error with no better code.
    Unknown = 2,
    /// `invalid_argument` (3): the request is wrong whatever the state of the system.
    InvalidArgument = 3,
    /// `deadline_exceeded` (4): the deadline passed before the operation completed.
    DeadlineExceeded = 4,
    /// `not_found` (5): a requested entity was not found.
    NotFound = 5,
    /// `already_exists` (6): the entity a client tried to create exists.
    AlreadyExists = 6,
    /// `permission_denied` (7): the caller is known but may not do this.
    PermissionDenied = 7,
    /// `resource_exhausted` (8): a quota or a rate limit is exhausted.
    ResourceExhausted = 8,
    /// `failed_precondition` (9): the system is not in the state the operation needs.
    FailedPrecondition = 9,
    /// `aborted` (10): the operation was aborted, typically by a concurrency conflict.
    Aborted = 10,
    /// `out_of_range` (11): the operation went past the valid range.
    OutOfRange = 11,
    /// `unimplemented` (12): the operation is not implemented or not supported.
    Unimplemented = 12,
    /// `internal` (13): an invariant of the service is broken.
    Internal = 13,
    /// `unavailable` (14): the service is unavailable for now; retrying may help.
    Unavailable = 14,
    /// `data_loss` (15): unrecoverable data loss or corruption.
    DataLoss = 15,
    /// `unauthenticated` (16): the request has no valid credentials.
    Unauthenticated = 16,
}

impl GrpcCode {
    /// Every code, in numeric order: `ALL[n].as_i32() == n`.
    pub const ALL: [GrpcCode; 17] = [
        GrpcCode::Ok,
        GrpcCode::Cancelled,
        GrpcCode::Unknown,
        GrpcCode::InvalidArgument,
        GrpcCode::DeadlineExceeded,
        GrpcCode::NotFound,
        GrpcCode::AlreadyExists,
        GrpcCode::PermissionDenied,
        GrpcCode::ResourceExhausted,
        GrpcCode::FailedPrecondition,
        GrpcCode::Aborted,
        GrpcCode::OutOfRange,
        GrpcCode::Unimplemented,
        GrpcCode::Internal,
        GrpcCode::Unavailable,
        GrpcCode::DataLoss,
        GrpcCode::Unauthenticated,
    ];

    /// The accepted names, in numeric order: what `grpc = "..."` takes.
    pub const NAMES: [&'static str; 17] = [
        "ok",
        "cancelled",
        "unknown",
        "invalid_argument",
        "deadline_exceeded",
        "not_found",
        "already_exists",
        "permission_denied",
        "resource_exhausted",
        "failed_precondition",
        "aborted",
        "out_of_range",
        "unimplemented",
        "internal",
        "unavailable",
        "data_loss",
        "unauthenticated",
    ];

    /// The code's number on the wire (`grpc-status`).
    #[must_use]
    pub const fn as_i32(self) -> i32 {
        self as i32
    }

    /// The code numbered `value`, or `None` outside `0..=16`.
    #[must_use]
    pub const fn from_i32(value: i32) -> Option<Self> {
        if value < 0 || value > 16 {
            return None;
        }
        #[allow(clippy::cast_sign_loss)] // checked above
        Some(Self::ALL[value as usize])
    }

    /// The code's snake-case name, such as `"invalid_argument"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        #[allow(clippy::cast_sign_loss)] // every discriminant is in 0..=16
        Self::NAMES[self as usize]
    }

    /// The code whose snake-case name is `name` (case-sensitive), or `None`.
    #[must_use]
    pub const fn from_name(name: &str) -> Option<Self> {
        let mut index = 0;
        while index < Self::NAMES.len() {
            if crate::compose::same_str(Self::NAMES[index], name) {
                return Some(Self::ALL[index]);
            }
            index += 1;
        }
        None
    }

    /// The code for an HTTP status, as `google/rpc/code.proto` maps them, with the statuses it
    /// leaves open decided as follows:
    ///
    /// | HTTP status | gRPC code |
    /// | --- | --- |
    /// | 2xx | `ok` |
    /// | 400 | `invalid_argument` |
    /// | 401 | `unauthenticated` |
    /// | 403 | `permission_denied` |
    /// | 404 | `not_found` |
    /// | 408 | `deadline_exceeded` |
    /// | 409 | `aborted` |
    /// | 429 | `resource_exhausted` |
    /// | 499 | `cancelled` |
    /// | other 4xx | `failed_precondition` |
    /// | 500 | `internal` |
    /// | 501 | `unimplemented` |
    /// | 502, 503 | `unavailable` |
    /// | 504 | `deadline_exceeded` |
    /// | other 5xx | `internal` |
    /// | anything else (1xx, 3xx, outside 100..=599) | `unknown` |
    ///
    /// Why: 409 is `aborted` rather than `already_exists` because a conflict is the general
    /// case and an existing entity one kind of it (say `grpc = "already_exists"` on that code);
    /// the other client errors (402, 405, 410, 412, 413, 422, ...) say that the request cannot
    /// succeed as the system stands, which is `failed_precondition`, and tell a client not to
    /// retry unchanged; 502 is `unavailable` as for 503, since retrying later may help; other
    /// server errors are `internal`. A 1xx or 3xx is not an error and not a success either.
    ///
    /// ```
    /// use apicode::grpc::GrpcCode;
    ///
    /// assert_eq!(GrpcCode::from_http_status(401), GrpcCode::Unauthenticated);
    /// assert_eq!(GrpcCode::from_http_status(402), GrpcCode::FailedPrecondition);
    /// assert_eq!(GrpcCode::from_http_status(503), GrpcCode::Unavailable);
    /// assert_eq!(GrpcCode::from_http_status(200), GrpcCode::Ok);
    /// ```
    #[must_use]
    pub const fn from_http_status(status: u16) -> Self {
        match status {
            200..=299 => GrpcCode::Ok,
            400 => GrpcCode::InvalidArgument,
            401 => GrpcCode::Unauthenticated,
            403 => GrpcCode::PermissionDenied,
            404 => GrpcCode::NotFound,
            408 | 504 => GrpcCode::DeadlineExceeded,
            409 => GrpcCode::Aborted,
            429 => GrpcCode::ResourceExhausted,
            499 => GrpcCode::Cancelled,
            402..=499 => GrpcCode::FailedPrecondition,
            501 => GrpcCode::Unimplemented,
            502 | 503 => GrpcCode::Unavailable,
            500..=599 => GrpcCode::Internal,
            _ => GrpcCode::Unknown,
        }
    }
}

impl fmt::Display for GrpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing a [`GrpcCode`] from a name that is not one of [`GrpcCode::NAMES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownGrpcCode;

impl fmt::Display for UnknownGrpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown gRPC code name; expected one of ")?;
        for (index, name) in GrpcCode::NAMES.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

impl core::error::Error for UnknownGrpcCode {}

impl FromStr for GrpcCode {
    type Err = UnknownGrpcCode;

    fn from_str(name: &str) -> Result<Self, UnknownGrpcCode> {
        GrpcCode::from_name(name).ok_or(UnknownGrpcCode)
    }
}

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (index, code) in GrpcCode::ALL.iter().enumerate() {
            assert_eq!(code.as_i32(), i32::try_from(index).unwrap());
            assert_eq!(GrpcCode::from_name(code.name()), Some(*code));
            assert_eq!(code.name().parse::<GrpcCode>(), Ok(*code));
            assert_eq!(GrpcCode::from_i32(code.as_i32()), Some(*code));
        }
        assert_eq!(GrpcCode::from_i32(17), None);
        assert_eq!(GrpcCode::from_i32(-1), None);
        assert_eq!("InvalidArgument".parse::<GrpcCode>(), Err(UnknownGrpcCode));
        assert!(
            std::format!("{UnknownGrpcCode}").ends_with("data_loss, unauthenticated"),
            "the error lists the names"
        );
    }

    #[test]
    fn http_mapping_of_code_proto() {
        let documented = [
            (400, GrpcCode::InvalidArgument),
            (401, GrpcCode::Unauthenticated),
            (403, GrpcCode::PermissionDenied),
            (404, GrpcCode::NotFound),
            (409, GrpcCode::Aborted),
            (429, GrpcCode::ResourceExhausted),
            (499, GrpcCode::Cancelled),
            (500, GrpcCode::Internal),
            (501, GrpcCode::Unimplemented),
            (503, GrpcCode::Unavailable),
            (504, GrpcCode::DeadlineExceeded),
        ];
        for (status, code) in documented {
            assert_eq!(GrpcCode::from_http_status(status), code, "{status}");
        }
        let decided = [
            (200, GrpcCode::Ok),
            (204, GrpcCode::Ok),
            (402, GrpcCode::FailedPrecondition),
            (422, GrpcCode::FailedPrecondition),
            (408, GrpcCode::DeadlineExceeded),
            (502, GrpcCode::Unavailable),
            (507, GrpcCode::Internal),
            (100, GrpcCode::Unknown),
            (302, GrpcCode::Unknown),
            (0, GrpcCode::Unknown),
            (600, GrpcCode::Unknown),
        ];
        for (status, code) in decided {
            assert_eq!(GrpcCode::from_http_status(status), code, "{status}");
        }
    }
}
