//! `CodeTable`, and tables made of other tables: the flattened `ENTRIES`, reused entries, and
//! the compile-time checks of codes, messages and ranges across tables.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ast::Variant;
use crate::attr::CodeAttr;
use crate::convert;
use crate::expand::Gen;

impl Gen<'_> {
    pub fn code_table(&self) -> TokenStream {
        let krate = &self.krate;
        let ident = self.input.ident;
        let name = ident.to_string();
        let name = name.trim_start_matches("r#");
        let (impl_generics, ty_generics, where_clause) = self.split();
        let composed = self
            .input
            .variants
            .iter()
            .any(|variant| variant.is_transparent() || is_reused(variant));
        let has_transparent = self.input.variants.iter().any(Variant::is_transparent);
        let entries = if has_transparent {
            quote!(&__APICODE_ENTRIES)
        } else if self.rows.is_empty() {
            quote!(&[])
        } else {
            quote!(&__APICODE_ROWS)
        };
        let composition = if composed {
            self.composition(name, has_transparent)
        } else {
            TokenStream::new()
        };
        let range = self.input.attrs.range.as_ref().map(|range| {
            let start = Literal::u32_unsuffixed(range.start.value);
            let end = Literal::u32_unsuffixed(range.end.value);
            quote! {
                const RANGE: ::core::option::Option<#krate::CodeRange> =
                    ::core::option::Option::Some(#krate::CodeRange { start: #start, end: #end });
            }
        });
        let from_code = convert::from_code(self);
        let from_message = convert::from_message(self);
        quote! {
            #composition

            #[automatically_derived]
            impl #impl_generics #krate::CodeTable for #ident #ty_generics #where_clause {
                const NAME: &'static ::core::primitive::str = #name;
                const ENTRIES: &'static [#krate::Entry] = #entries;
                #range
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
    fn composition(&self, name: &str, flatten: bool) -> TokenStream {
        let krate = &self.krate;
        let private = &self.private;
        let mut segments = Vec::new();
        let mut checks = Vec::new();
        let own_range = self.input.attrs.range.as_ref().map_or_else(
            || quote!(::core::option::Option::None),
            |range| {
                let start = Literal::u32_unsuffixed(range.start.value);
                let end = Literal::u32_unsuffixed(range.end.value);
                quote!(::core::option::Option::Some(#krate::CodeRange { start: #start, end: #end }))
            },
        );
        let mut external_seen = false;
        for variant in &self.input.variants {
            let label = variant.ident.to_string();
            let label = label.trim_start_matches("r#");
            let (segment, external, span) = if variant.is_row() {
                let index = self.row_index(variant);
                let reused = is_reused(variant);
                let span = match &variant.code {
                    Some((_, CodeAttr::Reuse { path })) => syn::spanned::Spanned::span(path),
                    Some((_, CodeAttr::Entry { code, .. })) => code.span,
                    _ => variant.ident.span(),
                };
                let segment = quote! {
                    #private::Segment::Row {
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
                let inner = type_key(ty);
                let except = self.rows.iter().filter_map(|row| match &row.code {
                    Some((_, CodeAttr::Reuse { path })) if reused_type_key(path) == inner => {
                        let index = self.row_index(row);
                        Some(quote!(__APICODE_ROWS[#index].code))
                    }
                    _ => None,
                });
                let segment = quote! {
                    #private::Segment::Table {
                        entries: <#ty as #krate::CodeTable>::ENTRIES,
                        except: &[#(#except),*],
                        variant: #label,
                        table: <#ty as #krate::CodeTable>::NAME,
                        range: <#ty as #krate::CodeTable>::RANGE,
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
                    #private::flat_len(__APICODE_SEGMENTS);
                const __APICODE_ENTRIES: [#krate::Entry; __APICODE_ENTRY_COUNT] =
                    #private::flatten(__APICODE_SEGMENTS);
            }
        });
        quote! {
            const __APICODE_SEGMENTS: &[#private::Segment] = &[#(#segments),*];
            #flat
            const fn __apicode_check(__segment: ::core::primitive::usize) -> #private::Report {
                #private::check_segment(#name, __APICODE_SEGMENTS, __segment, #own_range)
            }
            #(#checks)*
        }
    }
}

/// Whether the variant reuses another table's entry.
fn is_reused(variant: &Variant) -> bool {
    matches!(variant.code, Some((_, CodeAttr::Reuse { .. })))
}

/// `Type::Variant` -> the row of `Variant` in `Type`'s rows, a constant expression. The
/// variant is looked up in `Type`'s mirror enum, spanned at the user's tokens, so that a
/// missing variant is reported there (with rustc's "similar name" suggestion).
pub fn reused_entry(private: &TokenStream, path: &syn::Path) -> TokenStream {
    let mut table = path.clone();
    let Some(last) = table.segments.pop() else {
        return quote!(::core::unreachable!());
    };
    let variant = &last.ident;
    // Drop the trailing `::` left by the pop.
    let table: syn::Path = {
        let segments = table.segments.iter();
        let leading = table.leading_colon;
        syn::parse_quote!(#leading #(#segments)::*)
    };
    let span = variant.span();
    quote::quote_spanned! {span=>
        <#table as #private::Rows>::ROWS[<#table as #private::Rows>::Rows::#variant as ::core::primitive::usize]
    }
}

/// A comparable key for the table a reuse path names (the path without its last segment).
pub fn reused_type_key(path: &syn::Path) -> String {
    let mut segments: Vec<String> = path
        .segments
        .iter()
        .map(|segment| quote!(#segment).to_string())
        .collect();
    segments.pop();
    segments.join("::").replace(' ', "")
}

/// A comparable key for a transparent field's type.
pub fn type_key(ty: &syn::Type) -> String {
    quote!(#ty).to_string().replace(' ', "")
}
