//! The shared vocabulary of Clarion's stages: the site model every stage
//! reads or makes, partial dates, the one diagnostic type every error an
//! editor can cause becomes, hashing, slugs, language tags and the one HTML
//! escaper. It depends on no other Clarion crate.

#![allow(clippy::result_large_err)]

mod dates;
mod diagnostic;
mod escape;
mod hash;
mod index;
mod lang;
mod model;
mod slug;
mod words;

pub use dates::{
    DEFAULT_TIME_ZONE, DateError, PartialDate, Timestamp, civil_from_days, days_from_civil,
    days_in_month, time_zone, time_zone_names,
};
pub use diagnostic::{
    Diagnostic, Diagnostics, Pos, Severity, Sources, github_annotation,
    render as render_diagnostic, render_all as render_diagnostics,
};
pub use escape::{html as escape_html, write_html as write_html_escaped};
pub use hash::{Fnv, FnvMap, fnv};
pub use index::{Authority, DocumentIndex, SiteIndex};
pub use lang::{is_rtl, is_valid_tag, native_name, primary_subtag, unreviewed_notice};
pub use model::{
    CHILD_READERS, CONTACT_PURPOSES, CheckedBy, ChildParts, ChildrenConfig, Config, Contact,
    Document, ForYou, Framework, GlossaryEntry, Grade, GradeRef, Inspection, Judgement,
    MarkdownFile, NationalEdition, Page, Site, StringsFile, Translation, Visibility, Withheld,
    normalise,
};
pub use slug::{UniqueIds, anchor as anchor_id, is_valid as is_valid_slug, slugify};
pub use words::{
    base_forms, fold_word_into, holds as phrase_holds, with_endings, word_ranges,
    words as glossary_words,
};
