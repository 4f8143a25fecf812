//! `clarion import`

use std::path::PathBuf;

use super::{Ui, usage_error};
use crate::cli::ImportArgs;

pub fn run(_ui: &Ui, root: PathBuf, args: ImportArgs) -> i32 {
    let _ = (root, args);
    usage_error("`clarion import` is not written yet.")
}
