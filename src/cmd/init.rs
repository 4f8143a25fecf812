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

/// Why `clarion init` could not make the site (status 2).
#[derive(Debug)]
enum InitError {
    /// `init DIR` and `--root` name different folders.
    TwoFolders { dir: PathBuf, root: PathBuf },
    /// The folder named is a file.
    NotAFolder { path: PathBuf },
    /// A file of the new site could not be written.
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            InitError::TwoFolders { dir, root } => write!(
                f,
                "Two folders were given: {} (after `init`) and {} (with --root). Give only one: `clarion init DIR`.",
                dir.display(),
                root.display()
            ),
            InitError::NotAFolder { path } => {
                write!(f, "{} is a file, not a folder.", path.display())
            }
            InitError::Write { path, error } => {
                write!(f, "Could not write {}: {error}", path.display())
            }
        }
    }
}

/// The files of one run: made, already there, or left out.
#[derive(Default)]
struct Written {
    made: Vec<&'static str>,
    kept: Vec<&'static str>,
    skipped: Vec<&'static str>,
}

pub fn run(ui: &Ui, root: Option<PathBuf>, args: InitArgs) -> i32 {
    let dir = match site_dir(args.dir, root) {
        Ok(d) => d,
        Err(e) => return usage_error(&e),
    };
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
    let written = match write_files(&dir, existing_site) {
        Ok(w) => w,
        Err(e) => return usage_error(&e),
    };
    tell(ui, &dir, existing_site, &written);
    EXIT_OK
}

/// The folder to make the site in. `clarion --root X init` makes the site
/// in X, as every other command works in X; given twice, the two must agree.
fn site_dir(dir: Option<PathBuf>, root: Option<PathBuf>) -> Result<PathBuf, InitError> {
    let dir = match (dir, root) {
        (Some(dir), Some(root)) if dir != root => {
            return Err(InitError::TwoFolders { dir, root });
        }
        (Some(d), _) | (None, Some(d)) => d,
        (None, None) => PathBuf::from("."),
    };
    if dir.exists() && !dir.is_dir() {
        return Err(InitError::NotAFolder { path: dir });
    }
    Ok(dir)
}

/// Writes every file of a new site that is not there yet (in a site that
/// has inspections, none of its content).
fn write_files(dir: &Path, existing_site: bool) -> Result<Written, InitError> {
    let mut w = Written::default();
    for (rel, text) in scaffold::init_files() {
        let path = dir.join(rel);
        if existing_site && (rel.starts_with(CONTENT) || rel == SITE_YAML) {
            if path.exists() {
                w.kept.push(rel);
            } else {
                w.skipped.push(rel);
            }
            continue;
        }
        if path.exists() {
            w.kept.push(rel);
            continue;
        }
        path.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                // create_new: never overwrite, even a file made a moment ago.
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
            })
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .map_err(|error| InitError::Write {
                path: path.clone(),
                error,
            })?;
        w.made.push(rel);
    }
    Ok(w)
}

/// Says what was made, kept and left out, and what to do next.
fn tell(ui: &Ui, dir: &Path, existing_site: bool, w: &Written) {
    for rel in &w.kept {
        ui.info(&format!("Kept {rel}: it was already there."));
    }
    if !w.skipped.is_empty() {
        ui.info(&format!(
            "Skipped {}: this site already has inspections, and these would be published. Only files that are not content were added.{}",
            w.skipped.join(", "),
            if w.skipped.contains(&SITE_YAML) {
                " Write site.yaml yourself: README.md says what it holds."
            } else {
                ""
            }
        ));
    }
    if existing_site {
        ui.info(&format!(
            "Added {} missing {} to the site in {}.",
            w.made.len(),
            if w.made.len() == 1 { "file" } else { "files" },
            dir.display()
        ));
        return;
    }
    ui.info(&format!(
        "Made a new site in {} ({} files).",
        dir.display(),
        w.made.len()
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
}

/// Whether `dir` already holds inspection folders (or files) of its own.
fn has_inspections(dir: &Path) -> bool {
    std::fs::read_dir(dir.join("content/inspections")).is_ok_and(|mut d| d.next().is_some())
}
