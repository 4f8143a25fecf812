//! `clarion serve`

use std::path::PathBuf;

use super::{Ui, usage_error};
use crate::cli::ServeArgs;

pub fn run(_ui: &Ui, root: PathBuf, args: ServeArgs) -> i32 {
    let _ = (root, args);
    usage_error("`clarion serve` is not written yet.")
}
