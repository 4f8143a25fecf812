//! TODO

#![allow(clippy::result_large_err)]

pub mod dates;
pub mod diagnostic;
pub mod escape;
pub mod hash;
pub mod lang;
pub mod model;
pub mod slug;
