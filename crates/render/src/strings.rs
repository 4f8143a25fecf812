//! The words the theme writes, per language: the theme's strings files
//! (`themes/default/i18n/`) under the site's own (`i18n/<lang>.yaml`), and
//! the template functions that read them (`t`, `month_year`, `grade_text`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, LazyLock};

use minijinja::value::{Kwargs, Object};
use minijinja::{State, Value};

use crate::theme;
use clarion_content::{TextFile, parse_strings};
use clarion_core::{Config, Diagnostic, Pos, Site, native_name, primary_subtag};

/// The language every other falls back to, key by key.
const BASE: &str = "en";

/// Every language's strings: the site's over the theme's, key by key.
#[derive(Debug, Default)]
pub struct Strings {
    /// Lower-case language tag -> key -> text.
    by_lang: BTreeMap<String, BTreeMap<String, String>>,
    /// The site's language, lower case.
    site_lang: String,
}

impl Strings {
    pub fn new(config: &Config) -> Strings {
        let mut by_lang = theme_strings().clone();
        for (lang, file) in &config.strings {
            let own = by_lang.entry(lang.to_ascii_lowercase()).or_default();
            own.extend(file.strings.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        Strings {
            by_lang,
            site_lang: config.language.to_ascii_lowercase(),
        }
    }

    /// `lang` and then its language alone (`ar-EG`, then `ar`).
    fn chain(lang: &str) -> [String; 2] {
        [lang.to_ascii_lowercase(), primary_subtag(lang)]
    }

    /// The text of `key` in the first of `tags` (lower case) that has it.
    fn find(&self, tags: &[String], key: &str) -> Option<&str> {
        tags.iter()
            .find_map(|l| self.by_lang.get(l)?.get(key))
            .map(String::as_str)
    }

    /// The languages a lookup in `lang` tries, found once for a page
    /// rather than again for each of its words.
    fn lang_chain(&self, lang: &str) -> LangChain {
        let mut tags: Vec<String> = Vec::new();
        let push = |tags: &mut Vec<String>, more: [String; 2]| {
            for t in more {
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
        };
        push(&mut tags, Strings::chain(lang));
        let own = tags.len();
        push(&mut tags, Strings::chain(&self.site_lang));
        push(&mut tags, Strings::chain(BASE));
        LangChain { tags, own }
    }

    /// The text of `key` in `lang` itself, with no fallback to another language.
    pub fn own(&self, lang: &str, key: &str) -> Option<&str> {
        self.find(&Strings::chain(lang), key)
    }

    /// The text of `key` in `lang`, or else in the site's language, or English.
    pub fn get(&self, lang: &str, key: &str) -> Option<&str> {
        self.find(&self.lang_chain(lang).tags, key)
    }

    /// Whether Clarion has any strings in `lang`.
    pub fn knows(&self, lang: &str) -> bool {
        Strings::chain(lang)
            .iter()
            .any(|l| self.by_lang.get(l).is_some_and(|m| !m.is_empty()))
    }

    /// The language a page in `lang` is written in around its text: its
    /// own where there are strings for it, else the site's.
    pub fn ui_lang<'l>(&self, lang: &'l str, site_lang: &'l str) -> &'l str {
        if self.knows(lang) { lang } else { site_lang }
    }

    /// "November 2025" in `lang`, or the year alone when that is all we know.
    pub fn month_year(&self, lang: &str, year: &str, month: Option<u32>) -> String {
        self.month_year_in(&self.lang_chain(lang), year, month)
    }

    fn month_year_in(&self, chain: &LangChain, year: &str, month: Option<u32>) -> String {
        let Some(m) = month else {
            return year.to_string();
        };
        let name = self
            .find(&chain.tags, &format!("months.{m}"))
            .unwrap_or_default();
        let pattern = self
            .find(&chain.tags, "months.month_year")
            .unwrap_or("{month} {year}");
        fill(
            pattern,
            &[("month", name.to_string()), ("year", year.to_string())],
        )
    }

    /// English keys `lang` does not have.
    fn missing(&self, lang: &str) -> Vec<&str> {
        let Some(base) = self.by_lang.get(BASE) else {
            return Vec::new();
        };
        base.keys()
            .filter(|k| self.own(lang, k).is_none())
            .map(String::as_str)
            .collect()
    }
}

/// The theme's own strings, by language: built in, so read once a run,
/// not again for `check_strings` and each `serve` rebuild.
fn theme_strings() -> &'static BTreeMap<String, BTreeMap<String, String>> {
    static THEME: LazyLock<BTreeMap<String, BTreeMap<String, String>>> = LazyLock::new(|| {
        let mut by_lang = BTreeMap::new();
        for (lang, yaml) in theme::I18N {
            let file = TextFile {
                path: format!("(built-in theme) i18n/{lang}.yaml"),
                text: Arc::from(*yaml),
            };
            // The theme's own files are checked by a test; nothing to report.
            let mut ignored = clarion_core::Diagnostics::default();
            by_lang.insert((*lang).to_string(), parse_strings(&file, &mut ignored));
        }
        by_lang
    });
    &THEME
}

/// `{name}` in `text` replaced by each value of `args`.
pub(crate) fn fill(text: &str, args: &[(&str, String)]) -> String {
    let mut out = text.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The languages the site's pages are in: the site's, and each translation's.
pub(crate) fn page_languages(site: &Site) -> BTreeSet<&str> {
    let mut langs = BTreeSet::new();
    langs.insert(site.config.language.as_str());
    for i in &site.inspections {
        langs.extend(i.translations.iter().map(|t| t.lang.as_str()));
    }
    langs
}

/// Warnings for each language a page is written in that lacks strings
/// English has: those words show in English on its pages.
pub fn check_strings(site: &Site) -> Vec<Diagnostic> {
    let strings = Strings::new(&site.config);
    let mut out = Vec::new();
    for lang in page_languages(site) {
        if primary_subtag(lang) == BASE {
            continue;
        }
        let missing = strings.missing(lang);
        if missing.is_empty() {
            continue;
        }
        let file = site
            .config
            .strings
            .iter()
            .find(|(l, _)| Strings::chain(lang).contains(&l.to_ascii_lowercase()))
            .map_or_else(|| format!("i18n/{lang}.yaml"), |(_, f)| f.path.clone());
        let name = native_name(lang);
        let shown: Vec<String> = missing.iter().take(8).map(|k| format!("`{k}`")).collect();
        let more = if missing.len() > shown.len() {
            format!(" and {} more", missing.len() - shown.len())
        } else {
            String::new()
        };
        let message = if strings.knows(lang) {
            format!(
                "{} of the theme's strings have no text in `{lang}` ({name}), so pages in it show them in English: {}{more}.",
                missing.len(),
                shown.join(", ")
            )
        } else {
            format!(
                "There are no strings in `{lang}` ({name}), so the headings, buttons, contacts and menus of pages in it are in English."
            )
        };
        out.push(
            Diagnostic::warning(file, Pos::file(), message).with_help(format!(
                "Copy the theme's i18n/en.yaml to i18n/{lang}.yaml at the site's root and translate the texts, keeping the keys and the {{names}} in braces. Have a qualified translator check it."
            )),
        );
    }
    out
}

/// Lower-case language tags, in the order a lookup tries them.
#[derive(Debug)]
struct LangChain {
    tags: Vec<String>,
    /// How many of `tags` are the language itself (`ar-eg`, `ar`); the
    /// rest are the site's language and English.
    own: usize,
}

impl LangChain {
    fn own(&self) -> &[String] {
        &self.tags[..self.own]
    }
}

/// The strings of one page's language, as the template functions find them.
#[derive(Debug)]
pub(crate) struct PageStrings {
    strings: Arc<Strings>,
    /// The languages of the page's own words (see [`Strings::ui_lang`]),
    /// then their fallbacks.
    chain: LangChain,
}

impl PageStrings {
    pub fn new(strings: Arc<Strings>, ui_lang: &str) -> PageStrings {
        let chain = strings.lang_chain(ui_lang);
        PageStrings { strings, chain }
    }

    fn own(&self, key: &str) -> Option<&str> {
        self.strings.find(self.chain.own(), key)
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.strings.find(&self.chain.tags, key)
    }
}

impl Object for PageStrings {}

/// The context variable a page's [`PageStrings`] travel in.
pub(crate) const STRINGS: &str = "__clarion_strings";

fn page_strings(state: &State) -> Option<Value> {
    state.lookup(STRINGS)
}

fn with_strings<R>(state: &State, f: impl FnOnce(&PageStrings) -> R) -> Option<R> {
    let v = page_strings(state)?;
    let s = v.downcast_object_ref::<PageStrings>()?;
    Some(f(s))
}

/// `t("talk.heading")`: the page's language's text; `t("x", name=v)` fills
/// `{name}`; `t("x", default=v)` gives `v` when the page's own language has
/// no `x` (no fallback to English then: for texts editors give in English).
pub(crate) fn t(state: &State, key: &str, kwargs: Kwargs) -> Result<Value, minijinja::Error> {
    let default: Option<Value> = kwargs.get("default")?;
    let mut args = Vec::new();
    for name in kwargs.args() {
        if name == "default" {
            continue;
        }
        let v: Value = kwargs.get(name)?;
        args.push((
            name,
            if v.is_none() || v.is_undefined() {
                String::new()
            } else {
                v.to_string()
            },
        ));
    }
    kwargs.assert_all_used()?;
    let found = with_strings(state, |s| match &default {
        Some(_) => s.own(key).map(str::to_string),
        None => s.get(key).map(str::to_string),
    })
    .flatten();
    Ok(match (found, default) {
        (Some(text), _) => Value::from(fill(&text, &args)),
        (None, Some(d)) => d,
        // A theme's typo shows as its key, not as nothing.
        (None, None) => Value::from(key),
    })
}

/// A date's month and year in the page's language: `month_year(i.date)`.
pub(crate) fn month_year(state: &State, date: Value) -> Value {
    let iso = date
        .get_attr("iso")
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .or_else(|| date.as_str().map(str::to_string))
        .unwrap_or_default();
    let mut parts = iso.split('-');
    let year = parts.next().unwrap_or_default().to_string();
    let month = parts.next().and_then(|m| m.parse::<u32>().ok());
    let text = with_strings(state, |s| s.strings.month_year_in(&s.chain, &year, month));
    match text {
        Some(t) => Value::from(t),
        // Outside a page, the English words the date carries.
        None => date.get_attr("month_year").unwrap_or(Value::from(iso)),
    }
}

/// A grade's `field` (`label`, `child_label`, `child_meaning`) in the
/// page's language: `grade.<framework>.<key>.<field>`, then
/// `grade.<key>.<field>`, then the framework's own (English) word.
pub(crate) fn grade_text(state: &State, grade: &Value, field: &str) -> Option<Value> {
    let attr = |name: &str| {
        grade
            .get_attr(name)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
    };
    let own = with_strings(state, |s| {
        let key = attr("key")?;
        let fw = attr("framework").unwrap_or_default();
        s.own(&format!("grade.{fw}.{key}.{field}"))
            .or_else(|| s.own(&format!("grade.{key}.{field}")))
            .map(str::to_string)
    })
    .flatten();
    match own {
        Some(t) => Some(Value::from(t)),
        None => grade
            .get_attr(field)
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_none()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let raw = clarion_content::RawSite::default();
        let mut d = clarion_core::Diagnostics::default();
        clarion_content::validate(&raw, Default::default(), &mut d).config
    }

    /// Arabic is built in whole: a page in it shows no English string.
    #[test]
    fn arabic_has_every_english_string() {
        let s = Strings::new(&config());
        assert_eq!(s.missing("ar"), Vec::<&str>::new());
        assert_eq!(s.missing("ar-EG"), Vec::<&str>::new());
    }

    #[test]
    fn the_theme_strings_files_parse_cleanly() {
        for (lang, yaml) in theme::I18N {
            let file = TextFile {
                path: format!("{lang}.yaml"),
                text: Arc::from(*yaml),
            };
            let mut d = clarion_core::Diagnostics::default();
            let m = parse_strings(&file, &mut d);
            assert!(d.is_empty(), "{lang}: {:?}", d.items);
            assert!(m.len() > 50, "{lang}: {}", m.len());
        }
    }

    #[test]
    fn a_missing_string_falls_back_to_english() {
        let mut c = config();
        c.strings.insert(
            "ps".into(),
            clarion_core::StringsFile {
                path: "i18n/ps.yaml".into(),
                strings: [(
                    "talk.heading".to_string(),
                    "زه له چا سره خبرې وکړم؟".to_string(),
                )]
                .into(),
            },
        );
        let s = Strings::new(&c);
        assert_eq!(s.get("ps", "talk.heading"), Some("زه له چا سره خبرې وکړم؟"));
        assert_eq!(s.get("ps", "talk.phone"), Some("Phone"));
        assert_eq!(s.own("ps", "talk.phone"), None);
        assert!(s.knows("ps"));
        assert!(!s.knows("ti"));
        assert_eq!(s.ui_lang("ti", "en-GB"), "en-GB");
        assert_eq!(fill("In {month}.", &[("month", "May".into())]), "In May.");
    }
}
