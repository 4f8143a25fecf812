//! `clarion new`

use std::path::PathBuf;

use super::{Ui, usage_error};
use crate::cli::NewArgs;

pub fn run(_ui: &Ui, root: PathBuf, args: NewArgs) -> i32 {
    let _ = (root, args);
    usage_error("`clarion new` is not written yet.")
}
