//! The importer: Ofsted's published spreadsheet of inspection outcomes
//! turned into one inspection folder per local authority, never
//! overwriting a file a person has edited.

#![allow(clippy::result_large_err)]

mod import;

pub use import::{ImportError, IoAction, TableKind, import_ofsted_outcomes, with_marker};
