//! `clarion new inspection SLUG`: a draft bundle with commented files to fill in.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{EXIT_CONTENT, EXIT_OK, Ui, usage_error};
use crate::cli::{NewArgs, NewWhat};
use crate::diagnostic::Diagnostics;
use crate::load;
use crate::scaffold;
use crate::slug;
use crate::validate::{self, ValidateOptions};

pub fn run(ui: &Ui, root: PathBuf, args: NewArgs) -> i32 {
    match args.what {
        NewWhat::Inspection {
            slug,
            framework,
            kind,
        } => {
            let framework = framework.unwrap_or_else(|| {
                ilacs_on(&scaffold::start_for(&slug, scaffold::today())).to_string()
            });
            inspection(ui, &root, &slug, &framework, &kind)
        }
    }
}

/// ILACS as it runs on a date (`2026-05`, `2026-05-11`): from April 2026 it
/// gives no overall grade, so it is the `ilacs-2026` framework.
fn ilacs_on(start: &str) -> &'static str {
    if start.get(..7).is_some_and(|ym| ym >= "2026-04") {
        "ilacs-2026"
    } else {
        "ilacs"
    }
}

/// Why `clarion new inspection` made nothing (status 2).
#[derive(Debug)]
enum NewError {
    /// The name cannot be a folder name (and web address).
    BadSlug { slug: String },
    /// A kind of inspection Clarion does not know.
    UnknownKind { kind: String },
    /// A framework neither built in nor defined by the site.
    UnknownFramework {
        framework: String,
        known: Vec<String>,
    },
    /// The bundle's folder could not be made.
    Make { rel: String, error: std::io::Error },
    /// One of its files could not be written.
    Write {
        rel: String,
        name: &'static str,
        error: std::io::Error,
    },
}

/// `Did you mean `x`? ` for the nearest of `known`, or nothing.
fn did_you_mean<'a>(given: &str, known: impl Iterator<Item = &'a str>) -> String {
    validate::nearest(given, known)
        .map(|n| format!("Did you mean `{n}`? "))
        .unwrap_or_default()
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            NewError::BadSlug { slug } => write!(
                f,
                "`{slug}` cannot be a folder name: names become web addresses, so they use only lower-case letters, digits and hyphens. Try `clarion new inspection {}`.",
                slug::slugify(slug)
            ),
            NewError::UnknownKind { kind } => write!(
                f,
                "`{kind}` is not a kind of inspection Clarion knows. {}Known kinds: {}.",
                did_you_mean(kind, validate::KNOWN_KINDS.iter().copied()),
                validate::KNOWN_KINDS.join(", ")
            ),
            NewError::UnknownFramework { framework, known } => write!(
                f,
                "`{framework}` is not a known framework. {}Known frameworks: {}. New ones are defined in content/frameworks.yaml.",
                did_you_mean(framework, known.iter().map(String::as_str)),
                known.join(", ")
            ),
            NewError::Make { rel, error } => write!(f, "Could not make {rel}: {error}"),
            NewError::Write { rel, name, error } => {
                write!(f, "Could not write {rel}/{name}: {error}")
            }
        }
    }
}

fn inspection(ui: &Ui, root: &Path, slug: &str, framework: &str, kind: &str) -> i32 {
    if let Err(code) = super::require_site(root, "new inspection") {
        return code;
    }
    if !slug::is_valid(slug) {
        return usage_error(&NewError::BadSlug { slug: slug.into() });
    }
    // The template depends on the kind (graded or not): an unknown one
    // would silently make a graded template.
    if !validate::KNOWN_KINDS.contains(&kind) {
        return usage_error(&NewError::UnknownKind { kind: kind.into() });
    }
    let rel = format!("content/inspections/{slug}");
    let dir = root.join(&rel);
    if dir.exists() {
        let _ = writeln!(
            anstream::stderr(),
            "error: {rel} already exists, so nothing was made or changed. Edit the files there, or choose another name."
        );
        return EXIT_CONTENT;
    }

    // The site's own frameworks count too; its other problems are for `check`.
    let mut ignored = Diagnostics::default();
    let raw = load::load(root, &mut ignored);
    let site = validate::validate(&raw, ValidateOptions::default(), &mut ignored);
    let Some(fw) = site.frameworks.get(framework) else {
        return usage_error(&NewError::UnknownFramework {
            framework: framework.into(),
            known: site.frameworks.keys().cloned().collect(),
        });
    };

    // A month the slug names; never today's date, which would pass as real.
    let start = scaffold::start_in_slug(slug).unwrap_or_default();
    let files = scaffold::new_inspection(slug, fw, kind, &start);
    if let Err(e) = write_bundle(root, &rel, &files) {
        return usage_error(&e);
    }
    tell_next(ui, &rel, &files);
    EXIT_OK
}

/// Makes the bundle's folder and writes its files, never over another.
fn write_bundle(root: &Path, rel: &str, files: &[scaffold::NewFile]) -> Result<(), NewError> {
    let dir = root.join(rel);
    std::fs::create_dir_all(dir.parent().unwrap_or(root))
        .and_then(|()| std::fs::create_dir(&dir))
        .map_err(|error| NewError::Make {
            rel: rel.into(),
            error,
        })?;
    for (name, text) in files {
        // create_new: never overwrite, even a file made a moment ago.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(dir.join(name))
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .map_err(|error| NewError::Write {
                rel: rel.into(),
                name,
                error,
            })?;
    }
    Ok(())
}

/// Says what was made and what to do next.
fn tell_next(ui: &Ui, rel: &str, files: &[scaffold::NewFile]) {
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    ui.info(&format!("Made {rel}/ with {}.", names.join(", ")));
    ui.info(&format!(
        "It is a draft: the site leaves it out until you delete `draft: true`.\n\
         Next:\n  \
         1. Fill in {rel}/inspection.yaml: the dates and every value marked TODO.\n  \
         2. Write {} in your own words, and delete the starter line at the top of each.\n  \
         3. Preview it with `clarion serve --drafts`: until it is complete, the browser shows what\n     \
         is still missing (`clarion check --drafts` lists it too).\n  \
         4. Delete `draft: true` (or set an `embargo:` time) to publish it: until every grade\n     \
         is filled in and the starter lines are gone, `clarion check` says what is left.",
        if names.contains(&"children.md") {
            "summary.md for adults and children.md for children"
        } else {
            "summary.md"
        }
    ));
}

#[cfg(test)]
mod tests {
    #[test]
    fn ilacs_by_date() {
        assert_eq!(super::ilacs_on("2026-03"), "ilacs");
        assert_eq!(super::ilacs_on("2026-03-31"), "ilacs");
        assert_eq!(super::ilacs_on("2026-04"), "ilacs-2026");
        assert_eq!(super::ilacs_on("2027-01-05"), "ilacs-2026");
        assert_eq!(super::ilacs_on("2019-06"), "ilacs");
    }
}
