//! Markdown to safe HTML: pulldown-cmark with tables, footnotes and
//! strikethrough, heading anchors, links rewritten for the site's sub-path,
//! glossary words linked on child pages, raw HTML sanitised.

mod glossary;
mod ids;
mod nesting;
mod parse;
mod render;
#[cfg(test)]
mod tests;
mod text;
mod urls;

pub use glossary::GlossaryMatcher;
pub use ids::THEME_IDS;
pub(crate) use nesting::VOID_TAGS;
pub(crate) use parse::{line_of, line_starts, options};
pub use render::{Explained, Explainer, RenderOptions, Rendered, render};
pub use text::{cut, plain_text_prefix, text_blocks};
pub use urls::LinkMap;
pub(crate) use urls::{is_safe_url, scheme_of};
