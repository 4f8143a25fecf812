//! Heading ids: slugs that avoid each other and the theme's own ids.

/// Ids the default theme gives its own parts, and ones themes commonly use,
/// which headings in content must not take.
pub const THEME_IDS: &[&str] = &[
    "main",
    "content",
    "top",
    "skip",
    "skip-link",
    "header",
    "footer",
    "nav",
    "navigation",
    "search",
    "menu",
    "advocate-heading",
    "authorities-heading",
    "changes-heading",
    "children-link-heading",
    "children-said-heading",
    "complain-heading",
    "data-heading",
    "documents-heading",
    "finder-grade",
    "finder-kind",
    "finder-q",
    "finder-year",
    "for-you-heading",
    "full-text-heading",
    "full-text-search",
    "grades-heading",
    "history-heading",
    "improvements-heading",
    "in-short-heading",
    "inspections-heading",
    "judgements-caption",
    "listen-label",
    "related-heading",
    "results-heading",
    "summary-heading",
    "talk",
    "talk-heading",
    "words-heading",
    "england-heading",
    "england-title",
];

/// A heading's id: its anchor (letters of any script kept, so an Arabic
/// heading keeps its words), or that with `-2`, `-3`… when another heading
/// or the theme has it already.
pub(super) fn heading_id(text: &str, used: &mut clarion_core::UniqueIds, prefix: &str) -> String {
    used.unique(&format!("{prefix}{}", clarion_core::anchor_id(text)))
}
