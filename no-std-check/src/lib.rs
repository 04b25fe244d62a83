//! A derived code table used without the standard library.
//!
//! This crate is `#![no_std]` and depends on `apicode` without its `std` and `alloc` features,
//! so `cargo build -p no-std-check` compiles the runtime, serde and the derive's output against
//! `core` alone. The functions below use what an embedded user would: codes, messages, HTTP
//! statuses, lookups, `TryFrom`, and `Display` written into a fixed buffer.
#![no_std]
#![forbid(unsafe_code)]

#[cfg(test)]
extern crate std;

use core::fmt::{self, Write};

use apicode::{ApiError, CodeTable, UnknownCode};

/// Errors a device reports, with a catch-all for codes of newer firmware.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiError)]
#[api_error(status = 400)]
pub enum DeviceError {
    /// The device is busy
    #[code(1, "Busy", status = 503)]
    Busy,
    /// The request is malformed
    #[code(2, "Malformed")]
    Malformed,
    /// The payload is too large
    #[code(3, "TooLarge", status = 413)]
    #[error("payload of {0} bytes is too large")]
    TooLarge(u32),
    /// A code this firmware does not know
    #[code(other)]
    Unknown(u32),
}

/// Errors of the boot loader: a closed table, without a catch-all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiError)]
pub enum BootError {
    /// The firmware image is corrupt
    #[code(100, "CorruptImage")]
    CorruptImage,
    /// The battery is too low to boot
    #[code(101, "LowBattery", status = 503)]
    #[error("battery at {percent}%")]
    LowBattery {
        /// The charge left.
        percent: u32,
    },
}

/// A fixed-capacity text buffer: `core::fmt::Write` without allocation. Writing past the
/// capacity fails with `fmt::Error` and keeps what fitted.
pub struct Buffer<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Buffer<N> {
    /// An empty buffer.
    pub const fn new() -> Self {
        Buffer {
            bytes: [0; N],
            len: 0,
        }
    }

    /// The text written so far.
    pub fn as_str(&self) -> &str {
        // Only whole `str`s are copied in, so the bytes are always UTF-8.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl<const N: usize> Default for Buffer<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> Write for Buffer<N> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let end = self.len + text.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// What a device reports for a code: the code, the table's message and the HTTP status.
/// Codes outside the table keep their number.
pub fn describe(code: u32) -> (u32, &'static str, u16) {
    let error = DeviceError::from(code);
    (error.code(), error.message(), error.http_status())
}

/// The declared device error for `code`, never the catch-all.
pub fn declared(code: u32) -> Option<DeviceError> {
    DeviceError::from_code(code)
}

/// The boot error for `code`, or the unknown code.
pub fn boot_error(code: u32) -> Result<BootError, UnknownCode> {
    BootError::try_from(code)
}

/// Writes any table's error, through `&dyn ApiError`, into `buffer`.
pub fn render<'b, const N: usize>(
    error: &dyn ApiError,
    buffer: &'b mut Buffer<N>,
) -> Result<&'b str, fmt::Error> {
    write!(buffer, "{} {}: {}", error.code(), error.message(), error)?;
    Ok(buffer.as_str())
}

/// Writes the error of an unknown boot code into `buffer`.
pub fn render_unknown<const N: usize>(
    code: u32,
    buffer: &mut Buffer<N>,
) -> Result<&str, fmt::Error> {
    match boot_error(code) {
        Ok(error) => render(&error, buffer),
        Err(unknown) => {
            write!(buffer, "{unknown}")?;
            Ok(buffer.as_str())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_messages_and_statuses() {
        assert_eq!(describe(1), (1, "Busy", 503));
        assert_eq!(describe(2), (2, "Malformed", 400));
        assert_eq!(describe(3), (3, "TooLarge", 413));
        // A code of newer firmware: the catch-all keeps it, under the enum's status.
        assert_eq!(describe(77), (77, "Unknown", 400));
        assert_eq!(u32::from(DeviceError::TooLarge(9)), 3);
        assert_eq!(DeviceError::Busy.detail(), "The device is busy");
    }

    #[test]
    fn lookups_and_conversions() {
        assert_eq!(declared(2), Some(DeviceError::Malformed));
        // A field with `Default` is built from the code alone.
        assert_eq!(declared(3), Some(DeviceError::TooLarge(0)));
        assert_eq!(declared(77), None);
        assert_eq!(DeviceError::from(77), DeviceError::Unknown(77));
        assert_eq!(DeviceError::from_message("Busy"), Some(DeviceError::Busy));
        assert_eq!(boot_error(100), Ok(BootError::CorruptImage));
        assert_eq!(boot_error(101), Ok(BootError::LowBattery { percent: 0 }));
        let unknown = boot_error(7).unwrap_err();
        assert_eq!((unknown.code(), unknown.table()), (7, "BootError"));
        let codes: [u32; 3] = core::array::from_fn(|index| DeviceError::ENTRIES[index].code);
        assert_eq!(codes, [1, 2, 3]);
        assert_eq!(DeviceError::ENTRIES.len(), 3);
    }

    #[test]
    fn display_into_a_fixed_buffer() {
        let mut buffer = Buffer::<64>::new();
        assert_eq!(
            render(&DeviceError::Busy, &mut buffer),
            Ok("1 Busy: The device is busy")
        );
        let mut buffer = Buffer::<64>::new();
        assert_eq!(
            render(&DeviceError::TooLarge(70_000), &mut buffer),
            Ok("3 TooLarge: payload of 70000 bytes is too large")
        );
        let mut buffer = Buffer::<64>::new();
        assert_eq!(
            render(&BootError::LowBattery { percent: 5 }, &mut buffer),
            Ok("101 LowBattery: battery at 5%")
        );
        let mut buffer = Buffer::<64>::new();
        assert_eq!(
            render(&DeviceError::Unknown(9), &mut buffer),
            Ok("9 Unknown: A code this firmware does not know (code 9)")
        );
        let mut buffer = Buffer::<64>::new();
        assert_eq!(
            render_unknown(7, &mut buffer),
            Ok("unknown BootError code 7")
        );
    }

    #[test]
    fn a_full_buffer_fails_without_panicking() {
        let mut buffer = Buffer::<7>::new();
        assert_eq!(render(&DeviceError::Busy, &mut buffer), Err(fmt::Error));
        // What fitted is kept, whole pieces only.
        assert_eq!(buffer.as_str(), "1 Busy");
    }
}
