//! Link addresses: which are safe, and where a link between source files goes.

use std::collections::BTreeMap;

/// Where each source file of the site is published, so relative links
/// between Markdown files and to bundle files can be rewritten.
#[derive(Debug, Default, Clone)]
pub struct LinkMap {
    /// Base path of the site: `/` or `/kent-inspections/`.
    pub base_path: String,
    /// Content path (`content/pages/about.md`) -> site path (`about/`), no leading slash.
    pub targets: BTreeMap<String, String>,
}

impl LinkMap {
    pub(crate) fn resolve(&self, from_dir: &str, link: &str) -> Option<String> {
        let mut parts: Vec<&str> = from_dir.split('/').filter(|p| !p.is_empty()).collect();
        for seg in link.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                s => parts.push(s),
            }
        }
        let joined = parts.join("/");
        self.targets
            .get(&joined)
            .or_else(|| self.targets.get(&format!("{joined}/")))
            .map(|t| format!("{}{}", self.base_path, t))
    }
}

pub(crate) fn scheme_of(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| scheme.to_ascii_lowercase())
}

/// True for addresses that may appear in a link: web, mail, phone, and
/// relative ones. Strips control characters and spaces browsers ignore.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    match scheme_of(&cleaned) {
        None => true,
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto" | "tel"),
    }
}
