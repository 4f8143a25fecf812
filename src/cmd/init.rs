//! `clarion init [DIR]`: a new site that builds at once.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{EXIT_CONTENT, EXIT_OK, Ui, usage_error};
use crate::cli::InitArgs;
use crate::scaffold;

pub fn run(ui: &Ui, args: InitArgs) -> i32 {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
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
    let mut made = Vec::new();
    let mut kept = Vec::new();
    for (rel, text) in scaffold::init_files() {
        let path = dir.join(rel);
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
