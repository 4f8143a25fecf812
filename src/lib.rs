//! Clarion: a static site generator for public reporting of inspections.
//!
//! The command: `cli` parses it, `cmd` holds one thin file per command,
//! `serve` is the preview server and `scaffold` writes new sites. The work
//! is done by the stage crates, re-exported here under their old paths so
//! tests, benches and examples read `clarion::render::...` as before. See
//! ARCHITECTURE.md for the map.

// Diagnostics are returned by value on purpose: they are the error type of
// every reader, and boxing them would add noise for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod cli;
pub mod cmd;
pub mod scaffold;
mod serve;

// The stage crates under the module paths they had before the split, so
// the command, tests, benches and examples read `clarion::render::...`.
pub mod dates {
    pub use clarion_core::{
        DEFAULT_TIME_ZONE, PartialDate, Timestamp, civil_from_days, days_from_civil, days_in_month,
        time_zone, time_zone_names,
    };
}
pub mod diagnostic {
    pub use clarion_core::{
        Diagnostic, Diagnostics, Pos, Severity, Sources, github_annotation,
        render_diagnostic as render, render_diagnostics as render_all,
    };
}
pub mod escape {
    pub use clarion_core::{escape_html as html, write_html_escaped as write_html};
}
pub mod frontmatter {
    pub use clarion_content::split_frontmatter as split;
}
pub mod hash {
    pub use clarion_core::{Fnv, FnvMap, fnv};
}
pub mod import {
    pub use clarion_import::{TableKind, import_ofsted_outcomes, with_marker};
}
pub mod lang {
    pub use clarion_core::{is_rtl, is_valid_tag, native_name, unreviewed_notice};
}
pub mod load {
    pub use clarion_content::{
        MAX_TEXT_BYTES, RawBundle, RawSite, TextFile, ThemeFiles, folder_words, load_site as load,
        reload_bundle,
    };
}
pub mod markdown {
    pub use clarion_render::{
        GlossaryMatcher, LinkMap, RenderOptions, THEME_IDS, render_markdown as render,
    };
}
pub mod model {
    pub use clarion_core::{
        ChildrenConfig, Config, Contact, Document, Framework, GlossaryEntry, Grade, GradeRef,
        Inspection, Judgement, MarkdownFile, Page, Site, Translation, Visibility, Withheld,
        normalise,
    };
}
pub mod opendata {
    pub use clarion_render::{
        FEED_ENTRIES, atom_feed as feed, grades_files as grades, robots_txt as robots, sitemaps,
        write_grades,
    };
}
pub use clarion_render::paths;
pub mod pipeline {
    pub use clarion_site::{
        BuildError, Options, Report, build, build_in_memory, build_waiting, output_dir,
    };
}
pub mod readability_check {
    pub use clarion_render::{
        PageReading, check_file_readability as check_file, check_readability as check,
        readability_summary_line as summary_line, readability_table as table, sort_hardest_first,
    };
}
pub mod render {
    pub use clarion_render::{
        Content, Files, HOME_LIST, INSPECTION_FIELDS, InspectionObject, Job, PageSink, Templates,
        all_jobs, render_jobs, render_site_into,
    };
}
pub mod search {
    pub use clarion_render::{search_index_files as files, shard_keys};
}
pub mod session {
    pub use clarion_site::{RebuildKind as Kind, Session};
}
pub mod shared {
    pub use clarion_render::{Shared, fingerprint, link_map};
}
pub mod slug {
    pub use clarion_core::{UniqueIds, anchor_id as anchor, is_valid_slug as is_valid, slugify};
}
pub mod synthetic {
    pub use clarion_content::generate_synthetic_site as generate;
    pub use clarion_content::generate_synthetic_site_with_authorities as generate_with_authorities;
}
pub mod theme {
    pub use clarion_render::THEME_STATIC as STATIC;
}
pub mod validate {
    pub use clarion_content::{
        KNOWN_KINDS, STARTER_MARK, UNGRADED_KINDS, ValidateOptions, builtin_frameworks,
        check_bundle, is_web_url, nearest, normalise_base_url, sort_inspections, validate,
    };
}
pub mod yaml {
    pub use clarion_content::parse_yaml as parse;
}
