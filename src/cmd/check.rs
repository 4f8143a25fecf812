//! `clarion check`: everything `build` checks, writing nothing.

use std::path::PathBuf;

use super::{EXIT_CONTENT, EXIT_OK, Ui, usage_error};
use crate::cli::CheckArgs;
use crate::model::Visibility;
use crate::pipeline::{self, Options};
use crate::readability_check;

pub fn run(ui: &Ui, root: PathBuf, args: CheckArgs) -> i32 {
    let opts = Options {
        root,
        drafts: args.drafts,
        ..Options::default()
    };
    let report = match pipeline::build_in_memory(&opts) {
        Ok(r) => r,
        Err(e) => return usage_error(&e),
    };
    ui.diagnostics(&report.diagnostics, &report.sources);
    if let Some(built) = &report.built {
        for w in &built.site.withheld {
            ui.info(&match w.visibility {
                Visibility::Draft => format!(
                    "{} is a draft: not published until `draft: true` is removed.",
                    w.slug
                ),
                Visibility::Embargoed(t) => {
                    format!(
                        "{} is embargoed until {}.",
                        w.slug,
                        t.human_in(&built.site.config.timezone)
                    )
                }
                Visibility::Public => continue,
            });
        }
    }
    if let Some(built) = &report.built {
        if args.readability {
            println!("{}", readability_check::table(&built.readability));
        } else if let Some(line) = readability_check::summary_line(&built.readability, &built.site)
        {
            ui.info(&line);
        }
    }
    if report.ok() {
        if let Some(built) = &report.built {
            let n = built.site.inspections.len();
            let (inspections, pages) = (
                if n == 1 { "inspection" } else { "inspections" },
                if built.pages == 1 { "page" } else { "pages" },
            );
            ui.info(&format!(
                "No errors: {n} {inspections}, {} {pages} would be built.",
                built.pages
            ));
        }
        EXIT_OK
    } else {
        EXIT_CONTENT
    }
}
