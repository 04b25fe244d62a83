//! `Localized`: the table's translations, read from its Fluent files while the derive expands
//! (feature `fluent`, which apicode's own `fluent` feature turns on) and checked against the
//! table: every own code translated in every declared locale, no translation of a code the table
//! does not have, every `{ $argument }` a field of its variant. The files are included with
//! `include_str!`, so Cargo rebuilds the table when one changes. A translation that is text
//! alone is also written into the impl (`plain_text`), so that the runtime answers it with a
//! `match` rather than a lookup in the Fluent bundle.

use proc_macro2::TokenStream;
#[cfg(not(feature = "fluent"))]
use quote::quote_spanned;

use crate::model::Model;

/// The impl, or nothing for a table without `locales(...)`.
pub fn expand(model: &Model) -> TokenStream {
    let locales = &model.input.attrs.locales;
    let Some(span) = locales.span else {
        return TokenStream::new();
    };
    #[cfg(feature = "fluent")]
    {
        let _ = span;
        match fluent::expand(model) {
            Ok(tokens) => tokens,
            Err(errors) => errors.to_compile_error(),
        }
    }
    #[cfg(not(feature = "fluent"))]
    {
        let _ = model;
        quote_spanned! {span=>
            ::core::compile_error!(
                "`locales(...)` needs apicode's `fluent` feature: apicode = { features = [\"fluent\"] }"
            );
        }
    }
}

#[cfg(feature = "fluent")]
mod fluent {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;
    use proc_macro2::TokenStream;
    use quote::quote;

    use crate::ast::Variant;
    use crate::model::{Model, RowSource};

    /// The messages of one file: each id with the variables its pattern names.
    type Messages = BTreeMap<String, BTreeSet<String>>;

    /// The messages of one file whose value is text alone (no placeable), with that text as
    /// Fluent formats it: the runtime answers them from a `match` instead of the bundle.
    type Plain = BTreeMap<String, String>;

    pub fn expand(model: &Model) -> Result<TokenStream, syn::Error> {
        let locales = &model.input.attrs.locales;
        let span = locales.span.expect("checked by the caller");
        let error = |message: String| syn::Error::new(span, message);
        let manifest = std::env::var("CARGO_MANIFEST_DIR")
            .map_err(|_| error("CARGO_MANIFEST_DIR is not set: build with Cargo".into()))?;
        let dir = locales
            .dir
            .as_ref()
            .map_or("locales", |dir| dir.value.as_str());
        // Own rows: their messages must be translated; their variants give the arguments.
        let own: BTreeMap<&str, &Variant> = model
            .rows
            .iter()
            .filter_map(|row| match &row.source {
                RowSource::Inline { message, .. } => Some((*message, row.variant)),
                RowSource::Reused { .. } => None,
            })
            .collect();
        let catch_all = model
            .input
            .catch_all()
            .map(|variant| crate::ast::unraw(variant.ident));
        // Reused and transparent entries have messages only the compiler knows: a file may
        // translate them, and `apicode::locale::check` tests the whole table.
        let delegates = model.input.variants.iter().any(Variant::is_transparent)
            || model
                .rows
                .iter()
                .any(|row| matches!(row.source, RowSource::Reused { .. }));

        let mut errors: Option<syn::Error> = None;
        let mut push = |message: String| {
            let next = error(message);
            match &mut errors {
                Some(errors) => errors.combine(next),
                None => errors = Some(next),
            }
        };
        let mut sources = Vec::new();
        let mut used: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for tag in &locales.tags {
            let file = format!("{dir}/{}.ftl", tag.value);
            let path = format!("{manifest}/{file}");
            let source = match std::fs::read_to_string(&path) {
                Ok(source) => source,
                Err(why) => {
                    push(format!(
                        "cannot read `{file}` (the `{}` locale): {why}",
                        tag.value
                    ));
                    continue;
                }
            };
            let (messages, plain) = match messages(&source) {
                Ok(read) => read,
                Err(why) => {
                    push(format!("`{file}`: {why}"));
                    continue;
                }
            };
            let table = Table {
                own: &own,
                catch_all: catch_all.as_deref(),
                delegates,
            };
            for problem in table.check(&file, &messages, &mut used) {
                push(problem);
            }
            sources.push(Source {
                tag: tag.value.clone(),
                path,
                plain,
            });
        }
        if let Some(errors) = errors {
            return Err(errors);
        }
        Ok(implementation(model, &sources, &used, &own))
    }

    /// A locale's file, read: its tag, its path, and its messages of text alone.
    struct Source {
        tag: String,
        path: String,
        plain: Plain,
    }

    /// What a file is checked against: the table's own messages and their variants, the
    /// catch-all's name, and whether other tables' messages may appear.
    struct Table<'m, 'a> {
        own: &'m BTreeMap<&'a str, &'a Variant<'a>>,
        catch_all: Option<&'m str>,
        delegates: bool,
    }

    impl<'a> Table<'_, 'a> {
        /// The mistakes of one file; the fields each translated message names go to `used`.
        fn check(
            &self,
            file: &str,
            messages: &Messages,
            used: &mut BTreeMap<&'a str, BTreeSet<String>>,
        ) -> Vec<String> {
            let own = self.own;
            let mut problems = Vec::new();
            let missing: Vec<&str> = own
                .keys()
                .filter(|message| !messages.contains_key(**message))
                .copied()
                .collect();
            if !missing.is_empty() {
                problems.push(format!(
                    "`{file}` translates no {}: every code of the table needs a translation in every declared locale",
                    list(&missing)
                ));
            }
            if !self.delegates {
                let stale: Vec<&str> = messages
                    .keys()
                    .map(String::as_str)
                    .filter(|id| !own.contains_key(id) && self.catch_all != Some(*id))
                    .collect();
                if !stale.is_empty() {
                    problems.push(format!(
                        "`{file}` translates {}, which the table does not have",
                        list(&stale)
                    ));
                }
            }
            for (id, variables) in messages {
                let Some((&message, variant)) = own.get_key_value(id.as_str()) else {
                    continue;
                };
                let fields = named_fields(variant);
                for variable in variables {
                    if fields.contains(variable) {
                        used.entry(message).or_default().insert(variable.clone());
                        continue;
                    }
                    let known = if fields.is_empty() {
                        "it has no named field".to_owned()
                    } else {
                        let names: Vec<&str> = fields.iter().map(String::as_str).collect();
                        format!("its fields: {}", list(&names))
                    };
                    problems.push(format!(
                        "`{file}`: `{id}` uses `{{ ${variable} }}`, which names no field of `{}` ({known})",
                        variant.ident
                    ));
                }
            }
            problems
        }
    }

    /// "`A`, `B` and `C`".
    fn list(names: &[&str]) -> String {
        let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
        crate::symbol::one_of(&quoted.iter().map(String::as_str).collect::<Vec<_>>())
            .replace("``", "`")
            .replace(" or ", " and ")
    }

    /// The names of a variant's named fields.
    fn named_fields(variant: &Variant) -> BTreeSet<String> {
        variant
            .fields
            .iter()
            .filter_map(|field| match &field.member {
                syn::Member::Named(name) => Some(crate::ast::unraw(name)),
                syn::Member::Unnamed(_) => None,
            })
            .collect()
    }

    /// The messages of a Fluent source and those of text alone, or the first syntax error
    /// with its line.
    fn messages(source: &str) -> Result<(Messages, Plain), String> {
        let resource = fluent_syntax::parser::parse(source).map_err(|(_, errors)| {
            let first = &errors[0];
            let line = source[..first.pos.start.min(source.len())]
                .lines()
                .count()
                .max(1);
            format!("line {line}: {}", first.kind)
        })?;
        let mut messages = Messages::new();
        let mut plain = Plain::new();
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    pattern_variables(pattern, &mut variables);
                    if let Some(text) = plain_text(pattern) {
                        plain.insert(message.id.name.to_owned(), text);
                    }
                }
                for attribute in &message.attributes {
                    pattern_variables(&attribute.value, &mut variables);
                }
                messages.insert(message.id.name.to_owned(), variables);
            }
        }
        Ok((messages, plain))
    }

    /// The text of a pattern without placeables, as Fluent formats it: its text elements in
    /// order (the parser has already joined and dedented the lines of a multiline value).
    fn plain_text(pattern: &ast::Pattern<&str>) -> Option<String> {
        pattern
            .elements
            .iter()
            .map(|element| match element {
                ast::PatternElement::TextElement { value } => Some(*value),
                ast::PatternElement::Placeable { .. } => None,
            })
            .collect()
    }

    fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, out);
            }
        }
    }

    fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, out);
                for variant in variants {
                    pattern_variables(&variant.value, out);
                }
            }
            ast::Expression::Inline(inline) => inline_variables(inline, out),
        }
    }

    fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_owned());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    inline_variables(argument, out);
                }
                for argument in &arguments.named {
                    inline_variables(&argument.value, out);
                }
            }
            ast::InlineExpression::Placeable { expression } => {
                expression_variables(expression, out);
            }
            _ => {}
        }
    }

    /// The `Localized` impl: the sources, the bundles built once, the arguments of each
    /// variant whose translations name its fields, and each locale's texts without
    /// placeables.
    fn implementation(
        model: &Model,
        sources: &[Source],
        used: &BTreeMap<&str, BTreeSet<String>>,
        own: &BTreeMap<&str, &Variant>,
    ) -> TokenStream {
        let krate = &model.krate;
        let ident = model.input.ident;
        let Model {
            impl_generics,
            ty_generics,
            where_error,
            ..
        } = model;
        let language = model
            .input
            .attrs
            .locales
            .language
            .as_ref()
            .map_or("en", |language| language.value.as_str());
        let catch_all = if let Some(variant) = model.input.catch_all() {
            let name = crate::ast::unraw(variant.ident);
            quote!(::core::option::Option::Some(#name))
        } else {
            quote!(::core::option::Option::None)
        };
        let locales = sources
            .iter()
            .map(|Source { tag, path, .. }| quote!((#tag, ::core::include_str!(#path))));
        let display_is_detail = display_is_detail(model);
        let plain = plain_texts(model, sources, own);
        let arms = used.iter().filter_map(|(id, fields)| {
            let variant = own.get(id)?;
            let name = &variant.ident;
            let bindings = fields.iter().map(|field| {
                let member = syn::Ident::new(field, proc_macro2::Span::call_site());
                quote!(#member)
            });
            let sets = fields.iter().map(|field| {
                let member = syn::Ident::new(field, proc_macro2::Span::call_site());
                quote!(__args.set(#field, #krate::locale::fluent_arg(#member));)
            });
            Some(quote!(Self::#name { #(#bindings,)* .. } => { #(#sets)* }))
        });
        quote! {
            #[automatically_derived]
            impl #impl_generics #krate::locale::Localized for #ident #ty_generics #where_error {
                const LANGUAGE: &'static ::core::primitive::str = #language;
                const LOCALES: &'static [(&'static ::core::primitive::str, &'static ::core::primitive::str)] =
                    &[#(#locales),*];
                const CATCH_ALL: ::core::option::Option<&'static ::core::primitive::str> = #catch_all;
                fn bundles() -> &'static #krate::locale::Bundles {
                    static __APICODE_BUNDLES: #krate::locale::Once = #krate::locale::Once::new();
                    __APICODE_BUNDLES.get_or_init(|| {
                        #krate::locale::Bundles::new(
                            <Self as #krate::locale::Localized>::LOCALES,
                        )
                    })
                }
                #[allow(unused_mut)]
                fn fluent_args(&self) -> #krate::locale::FluentArgs<'static> {
                    let mut __args = #krate::locale::FluentArgs::new();
                    #[allow(unreachable_patterns)]
                    match self {
                        #(#arms)*
                        _ => {}
                    }
                    __args
                }
                fn display_is_detail(&self) -> ::core::primitive::bool {
                    #display_is_detail
                }
                fn plain_text(
                    &self,
                    __locale: ::core::primitive::usize,
                ) -> ::core::option::Option<&'static ::core::primitive::str> {
                    match __locale {
                        #(#plain)*
                        _ => ::core::option::Option::None,
                    }
                }
            }
        }
    }

    /// Whether a value's `Display` is its detail: true but for the variants with
    /// `#[error(...)]`, transparent ones and the catch-all (see `display.rs`).
    fn display_is_detail(model: &Model) -> TokenStream {
        let formatted: Vec<TokenStream> = model
            .input
            .variants
            .iter()
            .filter(|variant| !crate::display::writes_detail(variant))
            .map(|variant| {
                let name = &variant.ident;
                quote!(Self::#name { .. })
            })
            .collect();
        if formatted.is_empty() {
            quote!(true)
        } else {
            quote!(!::core::matches!(self, #(#formatted)|*))
        }
    }

    /// One arm per locale (its place in `LOCALES`), each a `match` from the variants whose
    /// translation is text alone to that text.
    fn plain_texts(
        model: &Model,
        sources: &[Source],
        own: &BTreeMap<&str, &Variant>,
    ) -> Vec<TokenStream> {
        let catch_all = model
            .input
            .catch_all()
            .map(|variant| (crate::ast::unraw(variant.ident), variant));
        sources
            .iter()
            .enumerate()
            .map(|(index, source)| {
                let arms = source.plain.iter().filter_map(|(id, text)| {
                    let variant = match own.get(id.as_str()) {
                        Some(variant) => *variant,
                        None => catch_all
                            .as_ref()
                            .filter(|(name, _)| name == id)
                            .map(|(_, variant)| *variant)?,
                    };
                    let name = &variant.ident;
                    Some(quote!(Self::#name { .. } => ::core::option::Option::Some(#text),))
                });
                quote! {
                    #index => match self {
                        #(#arms)*
                        #[allow(unreachable_patterns)]
                        _ => ::core::option::Option::None,
                    },
                }
            })
            .collect()
    }
}
