//! TODO

#![allow(clippy::result_large_err)]

pub mod history;
pub mod labels;
pub mod markdown;
pub mod opendata;
pub mod paths;
pub mod readability;
pub mod readability_check;
pub mod render;
pub mod search;
pub mod shared;
pub mod theme;
