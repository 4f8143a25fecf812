//! `clarion init`

use super::{Ui, usage_error};
use crate::cli::InitArgs;

pub fn run(_ui: &Ui, args: InitArgs) -> i32 {
    let _ = args;
    usage_error("`clarion init` is not written yet.")
}
