//! The rules that need more than one attribute: a #[code] on every variant, unique codes and
//! messages, one well-formed catch-all, well-formed transparent variants, format strings that
//! name existing fields.

use std::collections::HashMap;

use proc_macro2::Span;
use syn::Member;

use crate::ast::{self, Input, Parsed, Style, Variant};
use crate::attr::{CodeAttr, ErrorAttr, Read, Spanned};
use crate::code_type::CodeType;
use crate::ctxt::Ctxt;
use crate::fmt::{self, Arg};

/// The input, if it breaks no rule; else every mistake found while parsing and checking it,
/// folded into one error.
pub fn check(parsed: Parsed) -> Result<Input, syn::Error> {
    let Parsed {
        mut cx,
        ident,
        input,
    } = parsed;
    let Some(input) = input else {
        // `ast` has recorded why there is no enum; this is a safety net.
        cx.finish()?;
        return Err(syn::Error::new_spanned(
            ident,
            "#[derive(ApiError)] works on enums only",
        ));
    };
    check_input(&mut cx, &input);
    cx.finish().map(|()| input)
}

/// Records every rule the input breaks.
fn check_input(cx: &mut Ctxt, input: &Input) {
    if input.variants.is_empty() {
        cx.error_spanned(
            input.ident,
            "an ApiError enum needs at least one variant with a #[code(...)]",
        );
    }
    check_unique(cx, input);
    let type_params = input.type_params();
    let mut catch_all: Option<&Variant> = None;
    let mut from_types: HashMap<String, &Variant> = HashMap::new();
    let mut nested: HashMap<String, &Variant> = HashMap::new();
    for variant in &input.variants {
        if let Some((_, expr)) = &variant.original.discriminant {
            cx.error_spanned(
                expr,
                "a discriminant is not the code: write the code in #[code(CODE, \"Message\")]",
            );
        }
        match &variant.code {
            None => cx.error_spanned(
                variant.ident,
                format!(
                    "variant `{}` has no #[code(...)]; every variant needs one, such as #[code(1001, \"{}\")] or #[code(other)]",
                    variant.ident, variant.ident
                ),
            ),
            Some((_, CodeAttr::Other { span, .. })) => {
                if let Some(first) = catch_all {
                    cx.error_at(
                        *span,
                        format!(
                            "more than one #[code(other)]: `{}` is already the catch-all",
                            first.ident
                        ),
                    );
                } else {
                    catch_all = Some(variant);
                }
                check_catch_all(cx, variant, input.attrs.code_type.as_ref().map(|code_type| code_type.value));
            }
            Some((_, CodeAttr::Transparent { span })) => {
                check_transparent(cx, variant, *span, &type_params);
                if let [field] = variant.fields.as_slice() {
                    let key = ast::type_key(field.ty);
                    if let Some(first) = nested.get(&key) {
                        cx.error_spanned(
                            field.ty,
                            format!(
                                "`{}` is already nested through `{}`: a table can be nested once",
                                ast::display_type(field.ty),
                                first.ident
                            ),
                        );
                    } else {
                        nested.insert(key, variant);
                    }
                }
            }
            // A code read whole before its attribute's mistake is checked like any other.
            Some((
                _,
                CodeAttr::Entry { code, .. }
                | CodeAttr::Invalid(Read {
                    code: Some(code), ..
                }),
            )) => {
                if let Some(range) = &input.attrs.range {
                    if !(range.start.value..=range.end.value).contains(&code.value) {
                        cx.error_at(
                            code.span,
                            format!(
                                "code {} is outside this table's range {}..={}",
                                code.value, range.start.value, range.end.value
                            ),
                        );
                    }
                }
            }
            Some((_, CodeAttr::Reuse { .. } | CodeAttr::Invalid(_))) => {}
        }
        check_guidance(cx, input, variant);
        // With #[api_error(thiserror)], thiserror checks its own attributes; a `#[from]` of
        // the code type still meets the derive's own `From`/`TryFrom` of codes.
        let from_code = check_from_code_type(cx, input, variant);
        if !input.attrs.thiserror {
            check_fields(cx, variant, &mut from_types);
            if !from_code {
                check_source_type(cx, variant);
            }
            check_error_attr(cx, variant);
        }
    }
}

/// A retry policy belongs to an error: a 2xx code (the success entry returned as an error)
/// has none, and a variant has one `#[retry_after]` field, never on a transparent or reused
/// variant (their policy is the other table's).
fn check_guidance(cx: &mut Ctxt, input: &Input, variant: &Variant) {
    let status = variant
        .keys()
        .and_then(|keys| keys.status.as_ref())
        .or(input.attrs.status.as_ref())
        .map_or(500, |status| status.value);
    let success = (200..300).contains(&status);
    if let Some(retry) = variant.keys().and_then(|keys| keys.guidance.retry.as_ref()) {
        if success {
            cx.error_at(
                retry.span,
                format!(
                    "a retry policy on a {status} code: a success is never retried; declare it on the error codes"
                ),
            );
        }
    }
    let mut delay_fields = variant
        .fields
        .iter()
        .filter_map(|field| field.attrs.retry_after);
    let Some(first) = delay_fields.next() else {
        return;
    };
    if let Some(second) = delay_fields.next() {
        cx.error_at(second, "a variant has one #[retry_after] field");
    }
    if variant.is_transparent() || matches!(variant.code, Some((_, CodeAttr::Reuse { .. }))) {
        cx.error_at(
            first,
            "#[retry_after] on a variant whose entry is another table's; give the delay to that table's variant",
        );
    } else if success {
        cx.error_at(
            first,
            format!("#[retry_after] on a {status} code: a success is never retried"),
        );
    }
}

/// A `#[from]` field of the table's code type: its `From` would meet the table's own
/// conversion of codes (`From<u32>` with a catch-all; without one `TryFrom<u32>`, which the
/// standard library also derives from any `From<u32>`). Reported at the field; whether it
/// was, so that the field is not also reported as no error type.
fn check_from_code_type(cx: &mut Ctxt, input: &Input, variant: &Variant) -> bool {
    if variant.is_catch_all() || variant.is_transparent() || variant.fields.len() != 1 {
        // The catch-all's own check, or #[from]'s "exactly one field", says what is wrong.
        return false;
    }
    let Some(field) = variant.field_with_from() else {
        return false;
    };
    let code_type = input.attrs.code_type().name();
    if !ast::is_primitive(field.ty, code_type) {
        return false;
    }
    let declared = if input.attrs.code_type.is_some() {
        format!(" (#[api_error(code = {code_type})])")
    } else {
        String::new()
    };
    let already = match input.catch_all() {
        Some(catch_all) => format!(
            "the table already has `From<{code_type}>` from its catch-all `{}`",
            catch_all.ident
        ),
        // The standard library derives `TryFrom` from any `From`: the two would meet.
        None => format!("the table already reads codes with its own `TryFrom<{code_type}>`"),
    };
    cx.error_spanned(
        field.ty,
        format!(
            "`#[from] {code_type}` would convert codes too: `{code_type}` is this table's code \
             type{declared}, and {already}; `#[from]` is for an error type to wrap"
        ),
    );
    true
}

/// A source field (`#[source]`, `#[from]`, or named `source`) whose type is plainly not an
/// error: `source()` needs one. Types the derive cannot judge are left to the compiler.
fn check_source_type(cx: &mut Ctxt, variant: &Variant) {
    if variant.is_transparent() || variant.is_catch_all() {
        // Their source() is forwarded, or their field is the code: checked elsewhere.
        return;
    }
    if matches!(variant.error, Some(ErrorAttr::Transparent { .. })) {
        return;
    }
    let Some(field) = variant.source_field() else {
        return;
    };
    let ty = ast::option_inner(field.ty).unwrap_or(field.ty);
    if !ast::is_plainly_not_an_error(ty) {
        return;
    }
    let ty_name = ast::display_type(ty);
    let why = if field.attrs.from.is_some() {
        "`#[from]` needs a type that implements `std::error::Error` (the field is the variant's \
         source())"
            .to_owned()
    } else if field.attrs.source.is_some() {
        "`#[source]` needs a type that implements `std::error::Error`".to_owned()
    } else {
        "a field named `source` is the variant's source(), which needs a type that implements \
         `std::error::Error`"
            .to_owned()
    };
    let fix = if field.attrs.from.is_some() || field.attrs.source.is_some() {
        "keep it as a plain field (an #[error(\"...\")] format can show it), or wrap it in an error type"
    } else {
        "rename the field, or wrap the value in an error type"
    };
    cx.error_spanned(ty, format!("{why}, and `{ty_name}` is not one: {fix}"));
}

/// Codes and messages are unique across the table's own entries; a duplicate points at the
/// second use and names the first. The code and the message of a `#[code]` that goes wrong
/// after them count too: a mistake in one key hides no duplicate.
fn check_unique(cx: &mut Ctxt, input: &Input) {
    let mut codes: HashMap<i128, &Variant> = HashMap::new();
    let mut messages: HashMap<&str, &Variant> = HashMap::new();
    for variant in &input.variants {
        let (code, message) = match &variant.code {
            Some((_, CodeAttr::Entry { code, message, .. })) => (Some(code), Some(message)),
            Some((_, CodeAttr::Invalid(read))) => (read.code.as_ref(), read.message.as_ref()),
            _ => continue,
        };
        if let Some(code) = code {
            check_unique_code(cx, &mut codes, variant, code);
        }
        if let Some(message) = message {
            check_unique_message(cx, &mut messages, variant, message);
        }
    }
}

fn check_unique_code<'v, 'a>(
    cx: &mut Ctxt,
    codes: &mut HashMap<i128, &'v Variant<'a>>,
    variant: &'v Variant<'a>,
    code: &Spanned<i128>,
) {
    if let Some(first) = codes.get(&code.value) {
        cx.error_at(
            code.span,
            format!(
                "duplicate code {}: already used by `{}`",
                code.value, first.ident
            ),
        );
    } else {
        codes.insert(code.value, variant);
    }
}

fn check_unique_message<'v, 'a>(
    cx: &mut Ctxt,
    messages: &mut HashMap<&'v str, &'v Variant<'a>>,
    variant: &'v Variant<'a>,
    message: &'v Spanned<String>,
) {
    if let Some(first) = messages.get(message.value.as_str()) {
        cx.error_at(
            message.span,
            format!(
                "duplicate message \"{}\": already used by `{}`",
                message.value, first.ident
            ),
        );
    } else {
        messages.insert(&message.value, variant);
    }
}

fn check_catch_all(cx: &mut Ctxt, variant: &Variant, declared: Option<CodeType>) {
    let name = declared.unwrap_or_default().name();
    match variant.fields.as_slice() {
        [field] if ast::is_primitive(field.ty, name) => {
            if let Some(span) = field.attrs.from.or(field.attrs.source) {
                cx.error_at(
                    span,
                    "the catch-all's field is the code it keeps; it cannot be #[from] or #[source]",
                );
            }
        }
        [field] => {
            // A table that declares its code type is told where the type comes from.
            let declared = declared.map_or_else(String::new, |declared| {
                format!(", the table's code type (#[api_error(code = {})])", declared.name())
            });
            cx.error_spanned(
                field.ty,
                format!(
                    "the catch-all #[code(other)] holds the unknown code: its one field must be a `{name}`{declared}"
                ),
            );
        }
        _ => cx.error_spanned(
            variant.ident,
            format!(
                "the catch-all #[code(other)] holds the unknown code in exactly one `{name}` field: `{}({name})`",
                variant.ident
            ),
        ),
    }
}

fn check_transparent(cx: &mut Ctxt, variant: &Variant, span: Span, type_params: &[&syn::Ident]) {
    match variant.fields.as_slice() {
        [field] => {
            if ast::mentions_any(field.ty, type_params) {
                cx.error_spanned(
                    field.ty,
                    "a #[code(transparent)] table cannot depend on the enum's type parameters: its entries are fixed at compile time",
                );
            }
            if let Some(span) = field.attrs.source {
                cx.error_at(
                    span,
                    "#[code(transparent)] forwards source() to the inner table; drop #[source]",
                );
            }
        }
        [] => cx.error_at(
            span,
            format!(
                "#[code(transparent)] needs exactly one field, the inner table: `{}(InnerError)`",
                variant.ident
            ),
        ),
        // The fields are the mistake: point at them, not at the attribute.
        fields => cx.error_spanned(
            &variant.original.fields,
            format!(
                "#[code(transparent)] needs exactly one field, the inner table, not {}: keep the table alone, as in `{}`",
                fields.len(),
                transparent_suggestion(variant, fields)
            ),
        ),
    }
}

/// The variant as it would read with its inner table alone: `Auth(AuthError)`, or
/// `Auth { inner: AuthError }`. The inner table is the first field whose type could be one.
fn transparent_suggestion(variant: &Variant, fields: &[ast::Field]) -> String {
    let field = fields
        .iter()
        .find(|field| !ast::is_plainly_not_an_error(field.ty) && !ast::is_option(field.ty))
        .unwrap_or(&fields[0]);
    let ty = ast::display_type(field.ty);
    match &field.member {
        Member::Named(name) => format!("{} {{ {name}: {ty} }}", variant.ident),
        Member::Unnamed(_) => format!("{}({ty})", variant.ident),
    }
}

fn check_fields<'a>(
    cx: &mut Ctxt,
    variant: &'a Variant<'a>,
    from_types: &mut HashMap<String, &'a Variant<'a>>,
) {
    let mut sources = variant
        .fields
        .iter()
        .filter_map(|field| field.attrs.source.or(field.attrs.from));
    if let (Some(_), Some(second)) = (sources.next(), sources.next()) {
        cx.error_at(
            second,
            "a variant has one source: only one field may be #[source] or #[from]",
        );
    }
    let Some(from) = variant.field_with_from() else {
        return;
    };
    let Some(span) = from.attrs.from else {
        return;
    };
    if variant.fields.len() != 1 {
        cx.error_at(
            span,
            "#[from] builds the variant from one value: the variant must have exactly that one field",
        );
        return;
    }
    if variant.is_transparent() {
        // #[code(transparent)] generates From<Inner> already.
        return;
    }
    let key = ast::display_type(from.ty);
    if let Some(first) = from_types.get(&key) {
        cx.error_at(
            span,
            format!(
                "`{key}` is already #[from] in `{}`: two From impls for one type would conflict",
                first.ident
            ),
        );
    } else {
        from_types.insert(key, variant);
    }
}

fn check_error_attr(cx: &mut Ctxt, variant: &Variant) {
    match &variant.error {
        Some(ErrorAttr::Transparent { span }) if variant.fields.len() != 1 => {
            cx.error_at(
                *span,
                "#[error(transparent)] forwards Display and source to exactly one field",
            );
        }
        None | Some(ErrorAttr::Transparent { .. }) => {}
        Some(ErrorAttr::Format { format, args }) => {
            let placeholders = match fmt::placeholders(&format.value()) {
                Ok(placeholders) => placeholders,
                Err(message) => {
                    cx.error_spanned(format, message);
                    return;
                }
            };
            let named_args = named_args(args);
            for placeholder in placeholders {
                match &placeholder.arg {
                    Arg::Next => {}
                    Arg::Other => cx.error_spanned(
                        format,
                        format!(
                            "`{{{}}}` is not a placeholder: name a field, as in `{{field}}` or `{{0}}`",
                            &format.value()[placeholder.start..placeholder.end]
                        ),
                    ),
                    Arg::Index(index) => {
                        if variant.style != Style::Tuple || *index >= variant.fields.len() {
                            cx.error_spanned(
                                format,
                                format!(
                                    "`{{{index}}}` names field {index}, but `{}` has {}",
                                    variant.ident,
                                    field_count(variant)
                                ),
                            );
                        }
                    }
                    Arg::Name(name) => {
                        let is_field = variant.fields.iter().any(
                            |field| matches!(&field.member, Member::Named(ident) if ast::unraw(ident) == *name),
                        );
                        if !is_field && !named_args.contains(name) {
                            cx.error_spanned(
                                format,
                                format!(
                                    "`{{{name}}}` names no field of `{}`{}",
                                    variant.ident,
                                    field_names(variant)
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}

fn field_count(variant: &Variant) -> String {
    match (variant.style, variant.fields.len()) {
        (Style::Tuple, 1) => "one tuple field".to_owned(),
        (Style::Tuple, count) => format!("{count} tuple fields"),
        (Style::Struct, _) => "named fields only".to_owned(),
        (Style::Unit, _) => "no fields".to_owned(),
    }
}

fn field_names(variant: &Variant) -> String {
    let names: Vec<String> = variant
        .fields
        .iter()
        .filter_map(|field| match &field.member {
            Member::Named(ident) => Some(format!("`{ident}`")),
            Member::Unnamed(_) => None,
        })
        .collect();
    if names.is_empty() {
        format!(" (it has {})", field_count(variant))
    } else {
        format!("; its fields are {}", names.join(", "))
    }
}

/// The names of `name = expr` arguments after the format string.
pub fn named_args(args: &proc_macro2::TokenStream) -> Vec<String> {
    use proc_macro2::TokenTree;
    let tokens: Vec<TokenTree> = args.clone().into_iter().collect();
    let mut names = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let after_comma =
            index > 0 && matches!(&tokens[index - 1], TokenTree::Punct(p) if p.as_char() == ',');
        let before_eq = matches!(tokens.get(index + 1), Some(TokenTree::Punct(p)) if p.as_char() == '=')
            && !matches!(tokens.get(index + 2), Some(TokenTree::Punct(p)) if p.as_char() == '=');
        if let (true, true, TokenTree::Ident(ident)) = (after_comma, before_eq, token) {
            names.push(ident.to_string());
        }
    }
    names
}
