//! TODO

#![allow(clippy::result_large_err)]

pub mod assets;
pub mod frontmatter;
pub mod load;
pub mod synthetic;
pub mod validate;
pub mod yaml;
