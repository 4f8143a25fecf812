//! `clarion init [DIR]`: a new site that builds at once.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{EXIT_CONTENT, EXIT_OK, Ui, usage_error};
use crate::cli::InitArgs;
use crate::scaffold;

/// Where content lives: `init --force` adds nothing there to a site that
/// already has inspections, since all of it would be published.
const CONTENT: &str = "content/";

/// Not content, but the example's title and council would be published
/// (as every inspection's default `authority`), so it is left out too.
const SITE_YAML: &str = "site.yaml";

pub fn run(ui: &Ui, root: Option<PathBuf>, args: InitArgs) -> i32 {
    // `clarion --root X init` makes the site in X, as every other command
    // works in X; given twice, the two must agree.
    let dir = match (args.dir, root) {
        (Some(d), Some(r)) if d != r => {
            return usage_error(&format!(
                "Two folders were given: {} (after `init`) and {} (with --root). Give only one: `clarion init DIR`.",
                d.display(),
                r.display()
            ));
        }
        (Some(d), _) | (None, Some(d)) => d,
        (None, None) => PathBuf::from("."),
    };
    if dir.exists() && !dir.is_dir() {
        return usage_error(&format!("{} is a file, not a folder.", dir.display()));
    }
    let has_files = std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some());
    if has_files && !args.force {
        let _ = writeln!(
            anstream::stderr(),
            "error: {} is not empty, so nothing was made. Choose an empty (or new) folder, or add --force to add the site's files beside what is there (no file is ever replaced).",
            dir.display()
        );
        return EXIT_CONTENT;
    }
    let existing_site = has_inspections(&dir);
    let mut made = Vec::new();
    let mut kept = Vec::new();
    let mut skipped = Vec::new();
    for (rel, text) in scaffold::init_files() {
        let path = dir.join(rel);
        if existing_site && (rel.starts_with(CONTENT) || rel == SITE_YAML) {
            if path.exists() {
                kept.push(rel);
            } else {
                skipped.push(rel);
            }
            continue;
        }
        if path.exists() {
            kept.push(rel);
            continue;
        }
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                // create_new: never overwrite, even a file made a moment ago.
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
            })
            .and_then(|mut f| f.write_all(text.as_bytes()));
        match written {
            Ok(()) => made.push(rel),
            Err(e) => return usage_error(&format!("Could not write {}: {e}", path.display())),
        }
    }
    for rel in &kept {
        ui.info(&format!("Kept {rel}: it was already there."));
    }
    if !skipped.is_empty() {
        ui.info(&format!(
            "Skipped {}: this site already has inspections, and these would be published. Only files that are not content were added.{}",
            skipped.join(", "),
            if skipped.contains(&SITE_YAML) {
                " Write site.yaml yourself: README.md says what it holds."
            } else {
                ""
            }
        ));
    }
    if existing_site {
        ui.info(&format!(
            "Added {} missing {} to the site in {}.",
            made.len(),
            if made.len() == 1 { "file" } else { "files" },
            dir.display()
        ));
        return EXIT_OK;
    }
    ui.info(&format!(
        "Made a new site in {} ({} files).",
        dir.display(),
        made.len()
    ));
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", dir.display())
    };
    ui.info(&format!(
        "Next:\n  \
         1. Set `title`, `base_url` and `authority` in site.yaml.\n  \
         2. See it: {cd}clarion serve\n  \
         3. Replace the example inspection in content/inspections/{}/ (`clarion new inspection SLUG` makes a new one) and complete content/pages/accessibility.md.\n  \
         4. Publish: push to GitHub and, in the repository's Settings under Pages, choose \"GitHub Actions\". README.md says more.",
        scaffold::EXAMPLE_SLUG
    ));
    EXIT_OK
}

/// Whether `dir` already holds inspection folders (or files) of its own.
fn has_inspections(dir: &Path) -> bool {
    std::fs::read_dir(dir.join("content/inspections")).is_ok_and(|mut d| d.next().is_some())
}
