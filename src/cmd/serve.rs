//! `clarion serve`

use std::path::PathBuf;

use super::Ui;
use crate::cli::ServeArgs;
use crate::serve::{self, Settings};

/// The port when none is asked for; it moves to the next free one.
pub const DEFAULT_PORT: u16 = 1111;

pub fn run(ui: &Ui, root: PathBuf, args: ServeArgs) -> i32 {
    if let Err(code) = super::require_site(&root, "serve") {
        return code;
    }
    let served = serve::run(
        ui,
        Settings {
            root,
            bind: args.bind,
            port: args.port.unwrap_or(DEFAULT_PORT),
            exact_port: args.port.is_some(),
            drafts: args.drafts,
            open: args.open,
        },
    );
    match served {
        Ok(()) => super::EXIT_OK,
        Err(e) => super::usage_error(&e),
    }
}
