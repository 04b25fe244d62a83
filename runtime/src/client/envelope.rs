//! The envelope read through serde alone: the members named by a [`Reader`], in any order, in
//! any self-describing format.

use alloc::string::String;
use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::{Data, Reader};

/// An envelope as it was read: the code as the table `E` reads it, the message, and the data.
///
/// [`Reader::envelope`] reads it, [`Reader::answer`] turns it into the typed answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope<T, E> {
    /// The code, read by `E`'s `Deserialize`.
    pub code: E,
    /// The message member, when the answer has one (and it is not `null`).
    pub message: Option<String>,
    /// The data member, when the answer has one; `None` with
    /// [`Reader::flattened_data`] and [`Reader::without_data`].
    pub data: Option<T>,
}

impl Reader<'_> {
    /// Reads an envelope from any self-describing serde format (one whose deserializer reads
    /// an optional member, as JSON, YAML or CBOR do): the code member (required),
    /// the message member (a string or `null`, optional) and the data member (read as `T`
    /// whenever present); other members are ignored, a member given twice is an error.
    ///
    /// A code that `E` rejects is an error naming it. With [`Reader::flattened_data`], the data
    /// is the whole body, which one pass over a deserializer cannot read beside the code: this
    /// leaves `data` empty, and [`Reader::read`] (feature `client`) reads it in a second pass.
    ///
    /// ```
    /// use apicode::ApiError;
    /// use apicode::client::Reader;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(serde = "string")]
    /// enum SmsError {
    ///     /// Success
    ///     #[code(0, "Ok", status = 200)]
    ///     Ok,
    ///     #[code(other)]
    ///     Unknown(u32),
    /// }
    ///
    /// let body = r#"{"code": "0", "message": "Success", "data": {"recipients": 1}}"#;
    /// let mut json = serde_json::Deserializer::from_str(body);
    /// let envelope = Reader::new()
    ///     .envelope::<serde_json::Value, SmsError, _>(&mut json)
    ///     .unwrap();
    /// assert!(matches!(envelope.code, SmsError::Ok));
    /// assert_eq!(envelope.message.as_deref(), Some("Success"));
    /// assert_eq!(envelope.data.unwrap()["recipients"], 1);
    /// ```
    pub fn envelope<'de, T, E, D>(&self, deserializer: D) -> Result<Envelope<T, E>, D::Error>
    where
        T: DeserializeOwned,
        E: DeserializeOwned,
        D: de::Deserializer<'de>,
    {
        let raw = self.raw::<T, D>(deserializer, true)?;
        let code = raw.code.ok_or_else(|| {
            de::Error::custom(format_args!("missing member `{}`", self.wire.code_member()))
        })?;
        let code = code.decode::<E>().map_err(de::Error::custom)?;
        Ok(Envelope {
            code,
            message: raw.message,
            data: raw.data,
        })
    }

    /// The members of an envelope, the code not yet converted.
    /// The members of an envelope; the message is kept only when `keep_message` says so (it is
    /// checked to be a string or null either way).
    pub(crate) fn raw<'de, T, D>(
        &self,
        deserializer: D,
        keep_message: bool,
    ) -> Result<RawEnvelope<T>, D::Error>
    where
        T: DeserializeOwned,
        D: de::Deserializer<'de>,
    {
        deserializer.deserialize_map(EnvelopeVisitor {
            reader: self,
            keep_message,
            data: PhantomData,
        })
    }
}

/// The members of an envelope as read, before the code is converted.
pub(crate) struct RawEnvelope<T> {
    pub(crate) code: Option<CodeValue>,
    pub(crate) message: Option<String>,
    pub(crate) data: Option<T>,
}

/// A code as the format carried it, kept so that the table's `Deserialize` reads it after the
/// envelope is complete: its refusal is then a refused code, not a malformed document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CodeValue {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Bool(bool),
    Text(String),
    Null,
}

impl CodeValue {
    /// The code read by `E`'s own `Deserialize`, or why it refused it.
    pub(crate) fn decode<E: DeserializeOwned>(&self) -> Result<E, de::value::Error> {
        use serde::de::IntoDeserializer;
        match self {
            CodeValue::Unsigned(value) => E::deserialize(value.into_deserializer()),
            CodeValue::Signed(value) => E::deserialize(value.into_deserializer()),
            CodeValue::Float(value) => E::deserialize(value.into_deserializer()),
            CodeValue::Bool(value) => E::deserialize(value.into_deserializer()),
            CodeValue::Text(value) => E::deserialize(value.as_str().into_deserializer()),
            CodeValue::Null => E::deserialize(().into_deserializer()),
        }
    }
}

impl fmt::Display for CodeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeValue::Unsigned(value) => write!(f, "{value}"),
            CodeValue::Signed(value) => write!(f, "{value}"),
            CodeValue::Float(value) => write!(f, "{value}"),
            CodeValue::Bool(value) => write!(f, "{value}"),
            CodeValue::Text(value) => write!(f, "{value:?}"),
            CodeValue::Null => f.write_str("null"),
        }
    }
}

struct CodeVisitor;

impl Visitor<'_> for CodeVisitor {
    type Value = CodeValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a code: a number or a string")
    }

    fn visit_u64<X: de::Error>(self, value: u64) -> Result<CodeValue, X> {
        Ok(CodeValue::Unsigned(value))
    }

    fn visit_i64<X: de::Error>(self, value: i64) -> Result<CodeValue, X> {
        Ok(CodeValue::Signed(value))
    }

    fn visit_f64<X: de::Error>(self, value: f64) -> Result<CodeValue, X> {
        Ok(CodeValue::Float(value))
    }

    fn visit_bool<X: de::Error>(self, value: bool) -> Result<CodeValue, X> {
        Ok(CodeValue::Bool(value))
    }

    fn visit_str<X: de::Error>(self, value: &str) -> Result<CodeValue, X> {
        Ok(CodeValue::Text(value.into()))
    }

    fn visit_string<X: de::Error>(self, value: String) -> Result<CodeValue, X> {
        Ok(CodeValue::Text(value))
    }

    fn visit_unit<X: de::Error>(self) -> Result<CodeValue, X> {
        Ok(CodeValue::Null)
    }

    fn visit_none<X: de::Error>(self) -> Result<CodeValue, X> {
        Ok(CodeValue::Null)
    }
}

impl<'de> de::Deserialize<'de> for CodeValue {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CodeVisitor)
    }
}

/// Which of the reader's members a key names.
enum Key {
    Code,
    Message,
    Data,
    /// The member the code and the message sit in.
    Nest,
    Other,
}

/// Where a key is read: at the top of the body, or inside the nest member.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Top,
    Nested,
}

struct KeySeed<'r, 'a> {
    reader: &'r Reader<'a>,
    level: Level,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_, '_> {
    type Value = Key;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_, '_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<X: de::Error>(self, key: &str) -> Result<Key, X> {
        let wire = self.reader.wire;
        let nest = wire.nest_member();
        // The code and the message are read where the wire puts them, the data at the top.
        let members_here = match self.level {
            Level::Top => nest.is_none(),
            Level::Nested => true,
        };
        Ok(if members_here && key == wire.code_member() {
            Key::Code
        } else if members_here && key == wire.message_member() {
            Key::Message
        } else if self.level == Level::Top && nest == Some(key) {
            Key::Nest
        } else if self.level == Level::Top && wire.data_member() == Data::Member(key) {
            Key::Data
        } else {
            Key::Other
        })
    }
}

struct EnvelopeVisitor<'r, 'a, T> {
    reader: &'r Reader<'a>,
    keep_message: bool,
    data: PhantomData<T>,
}

/// What a pass over the members has seen so far.
struct Seen<T> {
    envelope: RawEnvelope<T>,
    keep_message: Keep,
    message: bool,
    data: bool,
    nest: bool,
}

impl<T: DeserializeOwned> Seen<T> {
    /// Reads the members of one object, at `level`.
    fn members<'de, A: MapAccess<'de>>(
        &mut self,
        reader: &Reader<'_>,
        level: Level,
        map: &mut A,
    ) -> Result<(), A::Error> {
        let wire = reader.wire;
        while let Some(key) = map.next_key_seed(KeySeed { reader, level })? {
            match key {
                Key::Code => {
                    if self.envelope.code.is_some() {
                        return Err(duplicate(wire.code_member()));
                    }
                    self.envelope.code = Some(map.next_value()?);
                }
                Key::Message => {
                    if self.message {
                        return Err(duplicate(wire.message_member()));
                    }
                    self.message = true;
                    if self.keep_message == Keep::Message {
                        self.envelope.message = map.next_value()?;
                    } else {
                        map.next_value::<MessageChecked>()?;
                    }
                }
                Key::Data => {
                    if self.data {
                        return Err(duplicate("data"));
                    }
                    self.data = true;
                    self.envelope.data = map.next_value()?;
                }
                Key::Nest => {
                    if self.nest {
                        return Err(duplicate(wire.nest_member().unwrap_or_default()));
                    }
                    self.nest = true;
                    map.next_value_seed(NestSeed { seen: self, reader })?;
                }
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The nest member's value: an object holding the code and the message, or `null`.
struct NestSeed<'s, 'r, 'a, T> {
    seen: &'s mut Seen<T>,
    reader: &'r Reader<'a>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for NestSeed<'_, '_, '_, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for NestSeed<'_, '_, '_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an object with a `{}` member",
            self.reader.wire.code_member()
        )
    }

    fn visit_unit<X: de::Error>(self) -> Result<(), X> {
        Ok(())
    }

    fn visit_none<X: de::Error>(self) -> Result<(), X> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.seen.members(self.reader, Level::Nested, &mut map)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for EnvelopeVisitor<'_, '_, T> {
    type Value = RawEnvelope<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let wire = self.reader.wire;
        match wire.nest_member() {
            Some(nest) => write!(f, "an object with a `{nest}` member"),
            None => write!(f, "an object with a `{}` member", wire.code_member()),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEnvelope<T>, A::Error> {
        let mut seen = Seen {
            envelope: RawEnvelope {
                code: None,
                message: None,
                data: None,
            },
            keep_message: if self.keep_message {
                Keep::Message
            } else {
                Keep::Code
            },
            message: false,
            data: false,
            nest: false,
        };
        seen.members(self.reader, Level::Top, &mut map)?;
        Ok(seen.envelope)
    }
}

/// What of the members a pass keeps beside the code and the data.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// The message too.
    Message,
    /// The code alone: the message is checked, not copied.
    Code,
}

/// A message member checked to be a string or null, and not kept: reading an answer needs only
/// its code, and a message copied into a `String` would be one allocation per answer.
struct MessageChecked;

impl<'de> de::Deserialize<'de> for MessageChecked {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_option(MessageChecked)
    }
}

impl<'de> Visitor<'de> for MessageChecked {
    type Value = MessageChecked;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<X: de::Error>(self, _: &str) -> Result<MessageChecked, X> {
        Ok(MessageChecked)
    }

    fn visit_none<X: de::Error>(self) -> Result<MessageChecked, X> {
        Ok(MessageChecked)
    }

    fn visit_unit<X: de::Error>(self) -> Result<MessageChecked, X> {
        Ok(MessageChecked)
    }

    fn visit_some<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<MessageChecked, D::Error> {
        deserializer.deserialize_str(MessageChecked)
    }
}

fn duplicate<X: de::Error>(name: &str) -> X {
    X::custom(format_args!("duplicate member `{name}`"))
}

#[cfg(test)]
mod tests {
    use alloc::string::{String, ToString};
    use alloc::vec;

    use serde::de::value::{Error, MapDeserializer};

    use crate::ApiError;
    use crate::client::Reader;

    #[derive(Debug, PartialEq, ApiError)]
    #[api_error(serde = "string")]
    enum AuthError {
        /// Success
        #[code(0, "Ok", status = 200)]
        Ok,
        /// Invalid access key id
        #[code(104111, "InvalidAccessKeyId", status = 401)]
        InvalidAccessKeyId,
    }

    // serde's own map deserializer, no JSON at all; its plain values cannot stand for an
    // optional member (`message`, `data`), so it carries codes only.
    fn map<V: serde::de::IntoDeserializer<'static, Error>>(
        pairs: vec::Vec<(&'static str, V)>,
    ) -> MapDeserializer<'static, vec::IntoIter<(&'static str, V)>, Error> {
        MapDeserializer::new(pairs.into_iter())
    }

    #[test]
    fn an_envelope_is_read_from_any_self_describing_deserializer() {
        // A `serde_json::Value` is a document without text: only serde's `Deserializer` trait
        // is spoken.
        let reader = Reader::new().data("result");
        let document = serde_json::json!({"result": "sent", "message": "Success", "code": "0"});
        let envelope = reader.envelope::<String, AuthError, _>(document).unwrap();
        assert_eq!(envelope.code, AuthError::Ok);
        assert_eq!(envelope.message.as_deref(), Some("Success"));
        assert_eq!(envelope.data.as_deref(), Some("sent"));
        assert_eq!(
            reader.answer(200, envelope).unwrap(),
            Ok(String::from("sent"))
        );

        let envelope = reader
            .envelope::<(), AuthError, _>(serde_json::json!({"code": 104_111, "message": null}))
            .unwrap();
        assert_eq!(envelope.message, None);
        assert_eq!(
            reader.answer(200, envelope).unwrap(),
            Err(AuthError::InvalidAccessKeyId)
        );
    }

    #[test]
    fn an_envelope_without_its_code_or_with_a_refused_one_is_an_error() {
        let reader = Reader::new().code("errcode");
        let missing = reader.envelope::<(), AuthError, _>(map(vec![("code", "0")]));
        assert_eq!(missing.unwrap_err().to_string(), "missing member `errcode`");
        let unknown = reader.envelope::<(), AuthError, _>(map(vec![("errcode", "7")]));
        assert!(unknown.unwrap_err().to_string().contains('7'));
        let twice =
            reader.envelope::<(), AuthError, _>(map(vec![("errcode", "0"), ("errcode", "0")]));
        assert_eq!(twice.unwrap_err().to_string(), "duplicate member `errcode`");
    }

    #[test]
    fn a_success_envelope_is_no_success_under_an_error_status_nor_without_its_data() {
        let reader = Reader::new();
        let read = || {
            reader
                .envelope::<u32, AuthError, _>(map(vec![("code", "0")]))
                .unwrap()
        };
        let odd = reader.answer(500, read()).unwrap_err();
        assert_eq!(
            odd.kind(),
            crate::client::ClientErrorKind::UnexpectedSuccess
        );
        assert_eq!(odd.status(), Some(500));
        let empty = reader.answer(200, read()).unwrap_err();
        assert_eq!(empty.kind(), crate::client::ClientErrorKind::Data);
        assert!(
            empty.to_string().contains("a success without `data`"),
            "{empty}"
        );
    }
}
