//! Clarion: a static site generator for public reporting of inspections.
//!
//! The flow goes one way: `load` reads files, `validate` checks them into
//! the `model`, `render` turns the model into pages in memory, and `output`
//! writes them, replacing the previous site whole.

pub mod dates;
pub mod diagnostic;
pub mod frontmatter;
pub mod lang;
pub mod load;
pub mod model;
pub mod slug;
pub mod validate;
pub mod yaml;
