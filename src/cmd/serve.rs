//! `clarion serve`

use std::path::PathBuf;

use super::Ui;
use crate::cli::ServeArgs;
use crate::serve::{self, Settings};

pub fn run(ui: &Ui, root: PathBuf, args: ServeArgs) -> i32 {
    if let Err(code) = super::require_site(&root, "serve") {
        return code;
    }
    serve::run(
        ui,
        Settings {
            root,
            bind: args.bind,
            port: args.port,
            drafts: args.drafts,
        },
    )
}
