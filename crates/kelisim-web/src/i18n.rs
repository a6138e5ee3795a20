//! Translations (Project Fluent): Kazakh (default), Russian, English.
//!
//! The `.ftl` files are embedded in the binary. Error reasons from the domain
//! (`err-required`, ...) are keys here too, so that errors read in the user's
//! language. A test fails when a key is missing in any language, and when a
//! template or handler uses a key that no file defines.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Kk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
    pub fn from_code(s: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == s)
    }
    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }
}

pub const SOURCES: [(&str, &str); 3] = [("kk", include_str!("../i18n/kk.ftl")), ("ru", include_str!("../i18n/ru.ftl")), ("en", include_str!("../i18n/en.ftl"))];

pub struct I18n {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

fn build() -> I18n {
    let mut bundles = Vec::new();
    for (code, src) in SOURCES {
        let lang = Lang::from_code(code).expect("known language");
        let res = FluentResource::try_new(src.to_string()).unwrap_or_else(|(_, errs)| panic!("{code}.ftl does not parse: {errs:?}"));
        let langid: unic_langid::LanguageIdentifier = code.parse().expect("language id");
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        bundle.add_resource(res).unwrap_or_else(|errs| panic!("{code}.ftl: {errs:?}"));
        bundles.push((lang, bundle));
    }
    I18n { bundles }
}

/// The translations, built once from the embedded files.
pub fn get() -> &'static I18n {
    static I18N: OnceLock<I18n> = OnceLock::new();
    I18N.get_or_init(build)
}

impl I18n {
    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        &self.bundles.iter().find(|(l, _)| *l == lang).expect("bundle per language").1
    }

    /// The text of `key` in `lang`; the key itself when missing (a test
    /// makes sure none is).
    pub fn t(&self, lang: Lang, key: &str) -> String {
        self.format(lang, key, None)
    }

    /// The text of `key` with named arguments.
    pub fn t_args(&self, lang: Lang, key: &str, args: &[(&str, String)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            match v.parse::<f64>() {
                Ok(n) if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()) => fa.set(*k, FluentValue::from(n)),
                _ => fa.set(*k, FluentValue::from(v.clone())),
            }
        }
        self.format(lang, key, Some(&fa))
    }

    fn format(&self, lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = self.bundle(lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut errors = vec![];
        bundle.format_pattern(pattern, args, &mut errors).into_owned()
    }

    /// Every message id of one language (for the completeness test).
    pub fn keys(&self, lang: Lang) -> Vec<String> {
        let src = SOURCES.iter().find(|(c, _)| *c == lang.code()).map(|(_, s)| *s).unwrap_or("");
        let res = FluentResource::try_new(src.to_string()).unwrap_or_else(|(r, _)| r);
        res.entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }
}

/// Shorthand for `get().t(lang, key)`.
pub fn t(lang: Lang, key: &str) -> String {
    get().t(lang, key)
}
