//! `CodeTable`: the name, the flattened `ENTRIES`, the range, `from_code` and `from_message`,
//! and for tables made of other tables, the compile-time checks of codes, messages and ranges
//! across them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use crate::ast::Variant;
use crate::attr::{CodeAttr, Spanned, WireData};
use crate::code_type::CodeType;
use crate::model::{Model, RowSource};
use crate::pattern;

/// The `CodeTable` impl, and the composition of a table made of other tables.
pub fn expand(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let ident = model.input.ident;
    let name = model.name.as_str();
    let Model {
        impl_generics,
        ty_generics,
        where_clause,
        where_error,
        ..
    } = model;
    let composed = model
        .input
        .variants
        .iter()
        .any(|variant| variant.is_transparent() || is_reused(variant));
    let has_transparent = model.input.variants.iter().any(Variant::is_transparent);
    let entries = if has_transparent {
        quote!(&__APICODE_ENTRIES)
    } else if model.rows.is_empty() {
        quote!(&[])
    } else {
        quote!(&__APICODE_ROWS)
    };
    let composition = if composed {
        composition(model, name, has_transparent)
    } else {
        TokenStream::new()
    };
    let code_ty = &model.code_ty;
    let range = model.input.attrs.range.as_ref().map(|range| {
        let start = CodeType::literal(range.start.value);
        let end = CodeType::literal(range.end.value);
        quote! {
            const RANGE: ::core::option::Option<#krate::CodeRange<#code_ty>> =
                ::core::option::Option::Some(#krate::CodeRange { start: #start, end: #end });
        }
    });
    let domain = model
        .domain
        .map(|domain| quote!(const DOMAIN: &'static ::core::primitive::str = #domain;));
    let wire = wire(model);
    let from_code = lookup(model, &Lookup::Code);
    let from_message = lookup(model, &Lookup::Message);
    let compose = &model.compose;
    let reasons = model.reasons_checked_at.map(|span| {
        quote_spanned! {span=>
            const _: () = if let ::core::option::Option::Some(__problem) =
                #compose::check_reasons(
                    <#ident as #krate::CodeTable<#code_ty>>::NAME,
                    <#ident as #krate::CodeTable<#code_ty>>::ENTRIES,
                )
                .problem()
            {
                ::core::panic!("{}", __problem)
            };
        }
    });
    // A `u32` table is an `ApiTable` by the runtime's blanket impl.
    let api_table = (model.code_type != CodeType::U32).then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #krate::ApiTable for #ident #ty_generics #where_error {
                type Code = #code_ty;
            }
        }
    });
    quote! {
        #composition
        #reasons
        #api_table

        #[automatically_derived]
        impl #impl_generics #krate::CodeTable<#code_ty> for #ident #ty_generics #where_clause {
            const NAME: &'static ::core::primitive::str = #name;
            const ENTRIES: &'static [#krate::Entry<#code_ty>] = #entries;
            #range
            #domain
            #wire
            #from_code
            #from_message
        }
    }
}

/// A table made with other tables: its segments in declaration order (rows, and the
/// entries of transparent tables less the codes that rows reuse from the same table), the
/// flattened `ENTRIES` when a transparent table takes part, and one compile-time check per
/// reused row or transparent table, spanned at it: codes and messages of other tables are
/// only known to the compiler, and a constant that panics fails the build naming the code.
fn composition(model: &Model, name: &str, flatten: bool) -> TokenStream {
    let krate = &model.krate;
    let private = &model.private;
    let compose = &model.compose;
    let code_ty = &model.code_ty;
    let mut segments = Vec::new();
    let mut checks = Vec::new();
    let own_range = model.input.attrs.range.as_ref().map_or_else(
        || quote!(::core::option::Option::None),
        |range| {
            let start = CodeType::literal(range.start.value);
            let end = CodeType::literal(range.end.value);
            quote!(::core::option::Option::Some(#krate::CodeRange { start: #start, end: #end }))
        },
    );
    let mut external_seen = false;
    for variant in &model.input.variants {
        let label = variant.ident.to_string();
        let label = label.trim_start_matches("r#");
        let (segment, external, span) = if variant.is_row() {
            let index = model.row_index(variant);
            let reused = is_reused(variant);
            let span = match &variant.code {
                Some((_, CodeAttr::Reuse { path })) => syn::spanned::Spanned::span(path),
                Some((_, CodeAttr::Entry { code, .. })) => code.span,
                _ => variant.ident.span(),
            };
            let segment = quote! {
                #compose::Segment::Row {
                    entry: __APICODE_ROWS[#index],
                    variant: #label,
                    reused: #reused,
                }
            };
            (segment, reused, span)
        } else if variant.is_transparent() {
            let Some(field) = variant.fields.first() else {
                continue;
            };
            let ty = field.ty;
            let nested = model.nested(ty);
            let inner = crate::ast::type_key(ty);
            let except =
                model
                    .rows
                    .iter()
                    .enumerate()
                    .filter_map(|(index, row)| match &row.source {
                        RowSource::Reused { path }
                            if crate::ast::reused_type_key(path) == inner =>
                        {
                            Some(quote!(__APICODE_ROWS[#index].code))
                        }
                        _ => None,
                    });
            let segment = quote! {
                #compose::Segment::Table {
                    entries: #nested::NESTED_ENTRIES,
                    except: &[#(#except),*],
                    variant: #label,
                    table: #nested::NESTED_NAME,
                    range: #nested::NESTED_RANGE,
                }
            };
            (segment, true, syn::spanned::Spanned::span(ty))
        } else {
            continue;
        };
        // A segment is checked against the ones before it, so a collision is reported at
        // its second occurrence; inline rows before any other table's entry need no check.
        external_seen |= external;
        if external_seen {
            let index = segments.len();
            checks.push(quote::quote_spanned! {span=>
                const _: () = if let ::core::option::Option::Some(__problem) =
                    __apicode_check(#index).problem()
                {
                    ::core::panic!("{}", __problem)
                };
            });
        }
        segments.push(segment);
    }
    let flat = flatten.then(|| {
        quote! {
            const __APICODE_ENTRY_COUNT: ::core::primitive::usize =
                #compose::flat_len(__APICODE_SEGMENTS);
            const __APICODE_ENTRIES: [#krate::Entry<#code_ty>; __APICODE_ENTRY_COUNT] =
                #compose::flatten(__APICODE_SEGMENTS);
        }
    });
    quote! {
        const __APICODE_SEGMENTS: &[#compose::Segment] = &[#(#segments),*];
        #flat
        const fn __apicode_check(__segment: ::core::primitive::usize) -> #private::Report {
            #compose::check_segment(#name, __APICODE_SEGMENTS, __segment, #own_range)
        }
        #(#checks)*
    }
}

/// Whether the variant reuses another table's entry.
fn is_reused(variant: &Variant) -> bool {
    matches!(variant.code, Some((_, CodeAttr::Reuse { .. })))
}

/// Which lookup `lookup` writes: `from_code` or `from_message`. Both follow the same rules:
/// own codes by a `match`, reused entries next (they win over a transparent table holding the
/// same code), transparent tables last.
enum Lookup {
    Code,
    Message,
}

impl Lookup {
    /// The parameter, its type, the method and the `Entry` field it compares.
    fn names(&self, model: &Model) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
        match self {
            Lookup::Code => (
                quote!(__code),
                model.code_ty.clone(),
                quote!(from_code),
                quote!(code),
            ),
            Lookup::Message => (
                quote!(__message),
                quote!(&::core::primitive::str),
                quote!(from_message),
                quote!(message),
            ),
        }
    }
}

fn lookup(model: &Model, by: &Lookup) -> TokenStream {
    let private = &model.private;
    let (key, key_ty, method, field) = by.names(model);
    let none = quote!(::core::option::Option::None);
    let hashed = match by {
        Lookup::Code => model.code_lookup.is_some(),
        Lookup::Message => model.message_phf.is_some(),
    };
    if hashed && model.direct {
        return direct_lookup(model, by);
    }
    let mut arms = Vec::new();
    let mut reused = Vec::new();
    for (index, row) in model.rows.iter().enumerate() {
        let variant_ident = row.variant.ident;
        match &row.source {
            RowSource::Inline { code, message, .. } => {
                if hashed {
                    continue;
                }
                let build = pattern::build(private, &quote!(Self::#variant_ident), row.variant);
                let pattern = match by {
                    Lookup::Code => CodeType::literal(*code),
                    Lookup::Message => quote!(#message),
                };
                arms.push(quote!(#pattern => #build,));
            }
            RowSource::Reused { .. } => {
                let build = pattern::build(private, &quote!(Self::#variant_ident), row.variant);
                reused.push(quote! {
                    if #key == __APICODE_ROWS[#index].#field {
                        return #build;
                    }
                });
            }
        }
    }
    let transparent = transparent_lookups(model, &method, &key);
    let needs_probe = model.rows.iter().any(|row| !row.variant.fields.is_empty());
    let probe = needs_probe.then(|| {
        quote! {
            #[allow(unused_imports)]
            use #private::{NoDefault as _, ViaDefault as _};
        }
    });
    // Sparse codes make a literal match a tree of unpredictable branches; a perfect hash finds
    // the row with two multiplications and two loads, and `__apicode_variant` builds the
    // variant of a row.
    let found = if hashed {
        let row = match by {
            Lookup::Code => quote!(__apicode_lookup(__code)),
            Lookup::Message => quote!(__apicode_message_row(__message)),
        };
        Some(quote!(__apicode_variant(#row)))
    } else if arms.is_empty() {
        None
    } else {
        // A value in every arm lets the compiler turn the match into a table, or into the tag.
        Some(quote! {
            match #key {
                #(#arms)*
                _ => #none,
            }
        })
    };
    let rest = reused.is_empty() && transparent.is_empty();
    let matcher = match found {
        Some(found) if rest => {
            return quote! {
                fn #method(#key: #key_ty) -> ::core::option::Option<Self> {
                    #probe
                    #found
                }
            };
        }
        Some(found) => quote! {
            let __found = #found;
            if __found.is_some() {
                return __found;
            }
        },
        None => TokenStream::new(),
    };
    quote! {
        fn #method(#key: #key_ty) -> ::core::option::Option<Self> {
            #probe
            #matcher
            #(#reused)*
            #(#transparent)*
            #none
        }
    }
}

/// A lookup of a table whose variants are all unit rows or the catch-all: `From<u32>` is the
/// whole lookup.
fn direct_lookup(model: &Model, by: &Lookup) -> TokenStream {
    let (key, key_ty, method, _) = by.names(model);
    let none = quote!(::core::option::Option::None);
    let count = model.rows.len();
    let code_ty = &model.code_ty;
    let from_u32 = quote!(<Self as ::core::convert::From<#code_ty>>::from);
    let body = match by {
        Lookup::Code => {
            let catch_all = model
                .input
                .catch_all()
                .map(|variant| pattern::variant_pattern(&quote!(Self), variant));
            quote! {
                match #from_u32(__code) {
                    #catch_all => #none,
                    __value => ::core::option::Option::Some(__value),
                }
            }
        }
        Lookup::Message => quote! {
            let __row = __apicode_message_row(__message);
            if __row < #count {
                ::core::option::Option::Some(#from_u32(__APICODE_ROWS[__row].code))
            } else {
                #none
            }
        },
    };
    quote! {
        fn #method(#key: #key_ty) -> ::core::option::Option<Self> {
            #body
        }
    }
}

/// Asks each transparent variant's table in turn.
fn transparent_lookups(model: &Model, method: &TokenStream, key: &TokenStream) -> Vec<TokenStream> {
    model
        .input
        .variants
        .iter()
        .filter(|variant| variant.is_transparent())
        .filter_map(|variant| {
            let nested = model.nested(variant.fields.first()?.ty);
            let method = quote::format_ident!("nested_{}", method.to_string());
            let pattern = pattern::single_field_pattern(variant, "__inner");
            Some(quote! {
                if let ::core::option::Option::Some(__inner) = #nested::#method(#key) {
                    return ::core::option::Option::Some(#pattern);
                }
            })
        })
        .collect()
}

/// `const WIRE` as `#[api_error(wire(...))]` declares it: the runtime's builder calls, so the
/// constant reads as the attribute does. `wire(problem)` goes through a macro of the runtime
/// that is a compile error, at `problem`, when the runtime lacks the `problem` feature.
fn wire(model: &Model) -> Option<TokenStream> {
    let attrs = &model.input.attrs;
    let wire = attrs.wire.as_ref()?;
    let krate = &model.krate;
    let start = if let Some(span) = wire.problem {
        let krate = crate::ctxt::respan(krate.clone(), span);
        quote_spanned!(span=> #krate::__apicode_problem_wire!())
    } else {
        quote!(#krate::wire::Wire::new())
    };
    let text = |name: &str, value: &Option<Spanned<String>>| {
        value.as_ref().map(|value| {
            let method = format_ident!("{name}");
            let text = &value.value;
            quote!(.#method(#text))
        })
    };
    let code = text("code", &wire.code);
    let message = text("message", &wire.message);
    let nest = text("nest", &wire.nest);
    let detail = text("detail", &wire.detail);
    let content_type = text("content_type", &wire.content_type);
    let data = wire.data.as_ref().map(|data| match &data.value {
        WireData::Member(name) => quote!(.data(#name)),
        WireData::Flattened => quote!(.flattened_data()),
        WireData::Absent => quote!(.without_data()),
    });
    let status = wire.status.as_ref().map(|status| {
        let status = status.value;
        quote!(.status(#status))
    });
    let success = attrs.wire_success.as_ref().map(|success| {
        let code = CodeType::literal(success.value);
        quote!(.success_code(#code))
    });
    let code_required = wire.code_required.map(|_| quote!(.code_required()));
    Some(quote! {
        const WIRE: #krate::wire::Wire<'static> = #start
            #code #message #nest #detail #data #status #success #code_required #content_type;
    })
}
