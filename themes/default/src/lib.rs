//! The default theme, embedded so a site without `themes/` builds. A
//! site's own `themes/<name>/` files win over these, file by file.

macro_rules! embed {
    ($dir:literal, $include:ident, $($name:literal),* $(,)?) => {
        &[$(($name, $include!(concat!("../", $dir, "/", $name)))),*]
    };
}

/// (template name, source) of the embedded default theme.
pub const TEMPLATES: &[(&str, &str)] = embed!(
    "templates",
    include_str,
    "base.html",
    "macros.html",
    "index.html",
    "inspection.html",
    "children.html",
    "inspections.html",
    "document.html",
    "documents.html",
    "page.html",
    "glossary.html",
    "404.html",
    "history.html",
    "authorities.html",
    "authority.html",
    "find.html",
    "beside-england.html",
    "england.html",
);

/// (output path, bytes) of the embedded default theme's static files.
pub const STATIC: &[(&str, &[u8])] = embed!(
    "static",
    include_bytes,
    "style.css",
    "favicon.svg",
    "read-aloud.js",
    "find.js",
);

/// (language tag, YAML) of the embedded strings files: the words the
/// theme writes, per language (`i18n/en.yaml`, `i18n/ar.yaml`).
pub const I18N: &[(&str, &str)] = &[
    ("en", include_str!("../i18n/en.yaml")),
    ("ar", include_str!("../i18n/ar.yaml")),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the files in one folder of the theme, sorted.
    fn on_disk(folder: &str) -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let names = std::fs::read_dir(root.join(folder)).unwrap();
        sorted(names.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()))
    }

    fn sorted(names: impl Iterator<Item = String>) -> Vec<String> {
        let mut names: Vec<String> = names.collect();
        names.sort();
        names
    }

    /// The embedded list must follow the theme folder, or a file added there
    /// would silently be missing from sites without `themes/`.
    #[test]
    fn embedded_theme_matches_the_theme_folder() {
        let templates = sorted(TEMPLATES.iter().map(|(n, _)| n.to_string()));
        assert_eq!(on_disk("templates"), templates);
        let statics = sorted(STATIC.iter().map(|(n, _)| n.to_string()));
        assert_eq!(on_disk("static"), statics);
        let strings = sorted(I18N.iter().map(|(l, _)| format!("{l}.yaml")));
        assert_eq!(on_disk("i18n"), strings);
    }
}
