//! The render stage: the model in, the site's files out, in memory. Pages
//! (MiniJinja templates over the embedded default theme), Markdown,
//! history charts, the finder's index, open data, feeds and the
//! readability check. Nothing here reads a file: pages stream to a
//! [`PageSink`] when the caller gives one.

#![allow(clippy::result_large_err)]

mod history;
mod labels;
mod links;
mod markdown;
mod national;
mod national_data;
mod opendata;
mod pages;
// A namespace of one-line path functions, kept public as such.
mod page_text;
pub mod paths;
mod readability;
mod readability_check;
mod render;
mod search;
mod shared;
mod strings;
mod templates;
mod theme;
mod titles;
mod views;

pub use links::{check as check_links, markdown_files};
pub use markdown::{GlossaryMatcher, LinkMap, RenderOptions, THEME_IDS, render as render_markdown};
pub use opendata::{
    FEED_ENTRIES, feed as atom_feed, grades as grades_files, robots as robots_txt, sitemaps,
    write_grades,
};
pub use pages::{HOME_LIST, Job, Reads, all_jobs};
pub use readability_check::{
    PageReading, ShownReading, check as check_readability, check_file as check_file_readability,
    check_shown as check_shown_readability, sort_hardest_first,
    summary_line as readability_summary_line, table as readability_table,
};
pub use render::{Content, Files, PageSink, Renderer, render_jobs, render_site_into};
pub use search::{files as search_index_files, shard_keys};
pub use shared::{Shared, fingerprint, link_map};
pub use strings::{Strings, check_strings};
pub use templates::Templates;
pub use theme::STATIC as THEME_STATIC;
pub use views::{INSPECTION_FIELDS, InspectionObject};
