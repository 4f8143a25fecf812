//! `clarion build`

use std::path::PathBuf;
use std::time::Instant;

use super::{EXIT_CONTENT, EXIT_OK, Ui, usage_error};
use crate::cli::BuildArgs;
use crate::pipeline::{self, Options};

pub fn run(ui: &Ui, root: PathBuf, args: BuildArgs) -> i32 {
    let started = Instant::now();
    let opts = Options {
        root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        now: None,
    };
    let report = match pipeline::build(&opts) {
        Ok(r) => r,
        Err(e) => return usage_error(&e.0),
    };
    ui.diagnostics(&report.diagnostics, &report.sources);
    match &report.built {
        Some(built) if report.ok() => {
            ui.info(&format!(
                "Built {} pages ({} files) into {} in {:.2} s.",
                built.pages,
                built.files.len(),
                pipeline::output_dir(&opts).display(),
                started.elapsed().as_secs_f64()
            ));
            EXIT_OK
        }
        _ => {
            ui.info("The site was not built; the output folder is as it was.");
            EXIT_CONTENT
        }
    }
}
