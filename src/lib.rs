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
pub mod serve;

pub use clarion_content::{assets, frontmatter, load, synthetic, validate, yaml};
pub use clarion_core::{dates, diagnostic, escape, hash, lang, model, slug};
pub use clarion_import::import;
pub use clarion_render::{
    history, labels, markdown, opendata, paths, readability, readability_check, render, search,
    shared, theme,
};
pub use clarion_site::{output, pipeline, session};
