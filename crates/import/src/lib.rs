//! TODO

#![allow(clippy::result_large_err)]

pub mod import;
