//! The default theme, embedded in the binary so a site without `themes/`
//! builds. A site's own `themes/<name>/` files win over these, file by file.

/// (template name, source) of the embedded default theme.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../themes/default/templates/base.html"),
    ),
    (
        "macros.html",
        include_str!("../themes/default/templates/macros.html"),
    ),
    (
        "index.html",
        include_str!("../themes/default/templates/index.html"),
    ),
    (
        "inspection.html",
        include_str!("../themes/default/templates/inspection.html"),
    ),
    (
        "children.html",
        include_str!("../themes/default/templates/children.html"),
    ),
    (
        "inspections.html",
        include_str!("../themes/default/templates/inspections.html"),
    ),
    (
        "document.html",
        include_str!("../themes/default/templates/document.html"),
    ),
    (
        "documents.html",
        include_str!("../themes/default/templates/documents.html"),
    ),
    (
        "page.html",
        include_str!("../themes/default/templates/page.html"),
    ),
    (
        "glossary.html",
        include_str!("../themes/default/templates/glossary.html"),
    ),
    (
        "404.html",
        include_str!("../themes/default/templates/404.html"),
    ),
];

/// (output path, bytes) of the embedded default theme's static files.
pub const STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../themes/default/static/style.css"),
    ),
    (
        "favicon.svg",
        include_bytes!("../themes/default/static/favicon.svg"),
    ),
    (
        "read-aloud.js",
        include_bytes!("../themes/default/static/read-aloud.js"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded list must follow the theme folder, or a file added there
    /// would silently be missing from sites without `themes/`.
    #[test]
    fn embedded_theme_matches_the_theme_folder() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = std::fs::read_dir(root.join("templates"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = TEMPLATES.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
        let mut statics: Vec<String> = std::fs::read_dir(root.join("static"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        statics.sort();
        let mut embedded: Vec<String> = STATIC.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(statics, embedded);
    }
}
