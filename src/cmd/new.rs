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

fn inspection(ui: &Ui, root: &Path, slug: &str, framework: &str, kind: &str) -> i32 {
    if let Err(code) = super::require_site(root, "new inspection") {
        return code;
    }
    if !slug::is_valid(slug) {
        let fixed = slug::slugify(slug);
        return usage_error(&format!(
            "`{slug}` cannot be a folder name: names become web addresses, so they use only lower-case letters, digits and hyphens. Try `clarion new inspection {fixed}`."
        ));
    }
    // The template depends on the kind (graded or not): an unknown one
    // would silently make a graded template.
    if !validate::KNOWN_KINDS.contains(&kind) {
        let near = validate::nearest(kind, validate::KNOWN_KINDS.iter().copied())
            .map(|n| format!("Did you mean `{n}`? "))
            .unwrap_or_default();
        return usage_error(&format!(
            "`{kind}` is not a kind of inspection Clarion knows. {near}Known kinds: {}.",
            validate::KNOWN_KINDS.join(", ")
        ));
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
        let keys: Vec<&str> = site.frameworks.keys().map(String::as_str).collect();
        let near = validate::nearest(framework, keys.iter().copied())
            .map(|n| format!("Did you mean `{n}`? "))
            .unwrap_or_default();
        return usage_error(&format!(
            "`{framework}` is not a known framework. {near}Known frameworks: {}. New ones are defined in content/frameworks.yaml.",
            keys.join(", ")
        ));
    };

    // A month the slug names; never today's date, which would pass as real.
    let start = scaffold::start_in_slug(slug).unwrap_or_default();
    let files = scaffold::new_inspection(slug, fw, kind, &start);
    if let Err(e) = std::fs::create_dir_all(dir.parent().unwrap_or(root))
        .and_then(|()| std::fs::create_dir(&dir))
    {
        return usage_error(&format!("Could not make {rel}: {e}"));
    }
    for (name, text) in &files {
        // create_new: never overwrite, even a file made a moment ago.
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(dir.join(name))
            .and_then(|mut f| f.write_all(text.as_bytes()));
        if let Err(e) = written {
            return usage_error(&format!("Could not write {rel}/{name}: {e}"));
        }
    }
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
    EXIT_OK
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
