//! `Error::source` from `#[source]`, `#[from]` and fields named `source`; `From` impls of
//! `#[from]` fields.

use core::error::Error;
use core::fmt;
use std::io;

use apicode::ApiError;

/// A leaf error, to tell sources apart by type and text.
#[derive(Debug, PartialEq, Eq)]
struct Upstream(&'static str);

impl fmt::Display for Upstream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "upstream said {}", self.0)
    }
}

impl Error for Upstream {}

#[derive(Debug, ApiError)]
#[api_error(status = 502)]
enum Gateway {
    /// No source at all
    #[code(1, "Plain")]
    Plain,

    /// Upstream failed
    #[code(2, "Tagged")]
    Tagged(#[source] Upstream),

    /// Upstream failed, named field
    #[code(3, "TaggedNamed")]
    TaggedNamed {
        attempt: u32,
        #[source]
        cause: Upstream,
    },

    /// I/O failed
    #[code(4, "Io", status = 500)]
    Io(#[from] io::Error),

    /// A field named source is the source without any attribute
    #[code(5, "NamedSource")]
    NamedSource { source: Upstream, host: String },

    /// Maybe a source
    #[code(6, "MaybeSource")]
    MaybeSource {
        #[source]
        cause: Option<Upstream>,
    },

    /// Maybe a source, by name
    #[code(7, "MaybeNamed")]
    MaybeNamed { source: Option<io::Error> },

    /// A boxed source
    #[code(8, "Boxed")]
    Boxed(#[source] Box<dyn Error + Send + Sync>),

    /// A boxed source from a conversion
    #[code(9, "BoxedFrom")]
    BoxedFrom {
        #[from]
        inner: Box<dyn Error + Send + Sync + 'static>,
    },

    /// A field that merely holds an error is not a source without an attribute
    #[code(10, "NotASource")]
    #[error("failed with {0}")]
    NotASource(Upstream),

    /// An optional boxed source
    #[code(11, "MaybeBoxed")]
    MaybeBoxed(#[source] Option<Box<dyn Error + Send + Sync>>),

    #[code(other)]
    Unknown(u32),
}

fn source_text(error: &dyn Error) -> Option<String> {
    error.source().map(ToString::to_string)
}

#[test]
fn variants_without_a_source_field_have_no_source() {
    assert!(Gateway::Plain.source().is_none());
    assert!(Gateway::Unknown(77).source().is_none());
}

#[test]
fn source_attribute_on_a_tuple_field() {
    let error = Gateway::Tagged(Upstream("no"));
    assert_eq!(source_text(&error).as_deref(), Some("upstream said no"));
    let source = error
        .source()
        .and_then(|source| source.downcast_ref::<Upstream>());
    assert_eq!(source, Some(&Upstream("no")));
}

#[test]
fn source_attribute_on_a_named_field_among_others() {
    let error = Gateway::TaggedNamed {
        attempt: 3,
        cause: Upstream("busy"),
    };
    assert_eq!(source_text(&error).as_deref(), Some("upstream said busy"));
    assert!(matches!(error, Gateway::TaggedNamed { attempt: 3, .. }));
}

#[test]
fn from_field_is_the_source() {
    let error = Gateway::Io(io::Error::new(io::ErrorKind::TimedOut, "slow disk"));
    let source = error.source().expect("the io::Error");
    assert_eq!(source.to_string(), "slow disk");
    assert_eq!(
        source.downcast_ref::<io::Error>().map(io::Error::kind),
        Some(io::ErrorKind::TimedOut)
    );
}

#[test]
fn from_field_generates_a_from_impl() {
    let error = Gateway::from(io::Error::new(io::ErrorKind::NotFound, "gone"));
    assert!(matches!(&error, Gateway::Io(inner) if inner.kind() == io::ErrorKind::NotFound));
    assert_eq!(error.code(), 4);
    assert_eq!(error.http_status(), 500);
}

#[test]
fn question_mark_converts_through_the_from_impl() {
    fn read() -> Result<(), Gateway> {
        Err(io::Error::other("broken pipe"))?;
        Ok(())
    }
    let error = read().unwrap_err();
    assert_eq!(error.code(), 4);
    assert_eq!(source_text(&error).as_deref(), Some("broken pipe"));
}

#[test]
fn field_named_source_is_the_source() {
    let error = Gateway::NamedSource {
        source: Upstream("down"),
        host: "sms.example".into(),
    };
    assert_eq!(source_text(&error).as_deref(), Some("upstream said down"));
    assert!(matches!(&error, Gateway::NamedSource { host, .. } if host == "sms.example"));
}

#[test]
fn optional_source_is_the_inner_error_or_none() {
    let error = Gateway::MaybeSource {
        cause: Some(Upstream("late")),
    };
    assert_eq!(source_text(&error).as_deref(), Some("upstream said late"));
    // The source is the error itself, not the Option around it.
    assert!(error.source().is_some_and(<dyn Error>::is::<Upstream>));

    assert!(Gateway::MaybeSource { cause: None }.source().is_none());
}

#[test]
fn optional_field_named_source_is_the_inner_error_or_none() {
    let error = Gateway::MaybeNamed {
        source: Some(io::Error::other("reset")),
    };
    assert_eq!(source_text(&error).as_deref(), Some("reset"));
    assert!(Gateway::MaybeNamed { source: None }.source().is_none());
}

#[test]
fn boxed_source_is_the_boxed_error() {
    let error = Gateway::Boxed(Box::new(Upstream("boxed")));
    let source = error.source().expect("the boxed error");
    assert_eq!(source.to_string(), "upstream said boxed");
    // The box is transparent: the source downcasts to the error inside it.
    assert!(source.is::<Upstream>());
}

#[test]
fn optional_boxed_source_is_the_boxed_error_or_none() {
    let error = Gateway::MaybeBoxed(Some(Box::new(Upstream("maybe"))));
    assert!(error.source().is_some_and(<dyn Error>::is::<Upstream>));
    assert!(Gateway::MaybeBoxed(None).source().is_none());
}

#[test]
fn from_a_boxed_error() {
    let boxed: Box<dyn Error + Send + Sync> = Box::new(Upstream("converted"));
    let error = Gateway::from(boxed);
    assert_eq!(error.code(), 9);
    assert!(error.source().is_some_and(<dyn Error>::is::<Upstream>));

    let error = Gateway::from(Box::<dyn Error + Send + Sync>::from("a message"));
    assert_eq!(source_text(&error).as_deref(), Some("a message"));
}

#[test]
fn a_field_without_source_attribute_is_not_a_source() {
    let error = Gateway::NotASource(Upstream("kept"));
    assert_eq!(error.to_string(), "failed with upstream said kept");
    assert!(error.source().is_none());
}

#[test]
fn the_source_chain_can_be_walked() {
    #[derive(Debug, ApiError)]
    enum Outer {
        /// Gateway failed
        #[code(100, "Gateway")]
        Gateway(#[from] Gateway),
    }

    let error = Outer::from(Gateway::Tagged(Upstream("deep")));
    let mut chain = Vec::new();
    let mut next: Option<&dyn Error> = Some(&error);
    while let Some(error) = next {
        chain.push(error.to_string());
        next = error.source();
    }
    assert_eq!(
        chain,
        ["Gateway failed", "Upstream failed", "upstream said deep"]
    );
}

/// An error with a source of its own, behind `#[error(transparent)]`.
#[derive(Debug)]
struct Wrapper(Upstream);

impl fmt::Display for Wrapper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("wrapper")
    }
}

impl Error for Wrapper {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.0)
    }
}

#[derive(Debug, ApiError)]
enum Layered {
    /// Wrapped
    #[code(1, "Wrapped")]
    #[error(transparent)]
    Wrapped(#[from] Wrapper),

    /// The attribute wins over the field's name
    #[code(2, "Explicit")]
    #[error("explicit ({source})")]
    Explicit {
        #[source]
        cause: Upstream,
        source: String,
    },
}

#[test]
fn transparent_from_field_forwards_display_and_source_and_converts() {
    let error = Layered::from(Wrapper(Upstream("inner")));
    assert_eq!(error.to_string(), "wrapper");
    // Transparent: the source is the field's own source, not the field.
    let source = error.source().expect("the wrapper's source");
    assert!(source.is::<Upstream>());
    assert_eq!(error.code(), 1);
}

#[test]
fn source_attribute_wins_over_a_field_named_source() {
    let error = Layered::Explicit {
        cause: Upstream("attr"),
        source: "a label".into(),
    };
    assert_eq!(error.to_string(), "explicit (a label)");
    assert_eq!(source_text(&error).as_deref(), Some("upstream said attr"));
}
