//! TODO

#![allow(clippy::result_large_err)]

pub mod output;
pub mod pipeline;
pub mod session;
