//! `clarion import ofsted-outcomes FILE`

use std::path::PathBuf;

use super::{EXIT_CONTENT, EXIT_OK, Ui, usage_error};
use crate::cli::{ImportArgs, ImportWhat};
use crate::diagnostic::Sources;
use crate::import;

pub fn run(ui: &Ui, root: PathBuf, args: ImportArgs) -> i32 {
    match args.what {
        ImportWhat::OfstedOutcomes {
            file,
            force,
            authority,
        } => ofsted_outcomes(ui, root, file, force, authority.as_deref()),
    }
}

fn ofsted_outcomes(
    ui: &Ui,
    root: PathBuf,
    file: PathBuf,
    force: bool,
    authority: Option<&str>,
) -> i32 {
    let report = match import::import_ofsted_outcomes(&root, &file, force, authority) {
        Ok(r) => r,
        Err(e) => return usage_error(&e),
    };
    ui.diagnostics(&report.diagnostics, &Sources::default());
    if report.diagnostics.has_errors() {
        ui.info("Nothing was written: fix the file and run the import again.");
        return EXIT_CONTENT;
    }
    if ui.verbose {
        let sheet = report
            .sheet
            .as_deref()
            .map(|s| format!("sheet `{s}`, "))
            .unwrap_or_default();
        ui.info(&format!(
            "Read {sheet}header row {} of `{}`{}.",
            report.header_row,
            file.display(),
            report
                .edition
                .map(|e| format!(", the edition as at {}", e.human()))
                .unwrap_or_default()
        ));
    }
    if report.kind != import::TableKind::Latest {
        ui.info(&format!(
            "`{}` is {}: every inspection in it is imported, not only each authority's latest.",
            file.display(),
            report.kind.describe()
        ));
    }
    if report.visits > 0 {
        ui.info(&format!(
            "Left out {} of visits and other ungraded activity (focused and monitoring visits, say): this import makes graded inspections only.",
            if report.visits == 1 { "1 row".to_string() } else { format!("{} rows", report.visits) }
        ));
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    ui.info(&format!(
        "Imported Ofsted's outcomes from `{}`: made {}, updated {}, unchanged {}, skipped {}, ignored {} not yet inspected.",
        file.display(),
        plural(report.made, "inspection", "inspections"),
        report.updated,
        report.unchanged,
        plural(report.skipped.len(), "edited file", "edited files"),
        report.not_inspected,
    ));
    if report.made + report.updated > 0 {
        ui.info("Run `clarion check` to check the site, then `clarion build`.");
    }
    EXIT_OK
}
