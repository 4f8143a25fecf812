//! Clarion: a static site generator for public reporting of inspections.
//!
//! The flow goes one way: `load` reads files, `validate` checks them into
//! the `model`, `render` turns the model into pages in memory, and `output`
//! writes them, replacing the previous site whole. `pipeline` runs the
//! steps; `cmd` holds one thin file per command.

// Diagnostics are returned by value on purpose: they are the error type of
// every reader, and boxing them would add noise for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod assets;
pub mod cli;
pub mod cmd;
pub mod dates;
pub mod diagnostic;
pub mod frontmatter;
pub mod hash;
pub mod history;
pub mod import;
pub mod lang;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod national;
pub mod opendata;
pub mod output;
pub mod pipeline;
pub mod readability;
pub mod readability_check;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod session;
pub mod slug;
pub mod synthetic;
pub mod theme;
pub mod validate;
pub mod yaml;
