//! From raw files to the checked site model, collecting every problem.
//!
//! Each reader takes a positioned YAML tree and the run's `Diagnostics`; it
//! reports what is wrong where it is found and carries on, so one run
//! lists every error in every file.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::frontmatter;
use crate::load::{RawBundle, RawSite, TextFile};
use crate::yaml::{self, Node, Value};
use clarion_core::{Diagnostic, Diagnostics, PartialDate, Pos, Severity, Timestamp, *};

mod child_parts;
mod config;
mod documents;
mod frameworks;
mod inspection;
mod judgements;
mod pages;
mod reader;
mod strings;
#[cfg(test)]
mod tests;

use child_parts::*;
use config::*;
use documents::*;
use frameworks::*;
use inspection::*;
use judgements::*;
use pages::*;
use reader::*;
use strings::*;

pub use config::normalise_base_url;
pub use frameworks::builtin_frameworks;
pub use reader::is_web_url;
pub use strings::parse_strings;

/// The frameworks built into Clarion, in the shape of `frameworks.yaml`.
pub const BUILTIN_FRAMEWORKS: &str = include_str!("../frameworks.yaml");

/// Kinds of inspection that give no grades.
pub const UNGRADED_KINDS: &[&str] = &["focused-visit", "monitoring-visit", "jtai", "thematic"];
/// Kinds Clarion knows by name; others are allowed (any slug) and graded.
pub const KNOWN_KINDS: &[&str] = &[
    "full",
    "focused-visit",
    "monitoring-visit",
    "jtai",
    "thematic",
    "short",
];

/// Page slugs that would clash with addresses Clarion writes itself.
pub const RESERVED_PAGES: &[&str] = &[
    "inspections",
    "documents",
    "glossary",
    "children",
    "static",
    "feed.xml",
    "sitemap.xml",
    "grades.json",
    "grades.csv",
    "404",
    "pagefind",
    "find",
    "authorities",
];

/// The closest of `candidates` to `wanted`, if it is close enough to be a typo.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = normalise(wanted);
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(&w, &normalise(c)), c))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks one inspection folder against the site's settings and frameworks,
/// adding its problems to `diags`. A draft may be unfinished: its problems
/// are listed, but only block the build when drafts are being published.
pub fn check_bundle(
    bundle: &RawBundle,
    config: &Config,
    frameworks: &BTreeMap<String, Arc<Framework>>,
    unreadable: &BTreeSet<String>,
    opts: ValidateOptions,
    diags: &mut Diagnostics,
) -> Option<Inspection> {
    let ctx = Ctx {
        config,
        frameworks,
        unreadable,
    };
    let first = diags.items.len();
    let inspection = read_inspection(bundle, &ctx, diags);
    // Placeholder words from `clarion new inspection` are never published.
    for file in [&bundle.summary, &bundle.children].into_iter().flatten() {
        diags.extend(starter_text(file));
    }
    if inspection.as_ref().is_some_and(|i| i.draft) && !opts.include_drafts {
        for d in &mut diags.items[first..] {
            d.severity = Severity::Warning;
            d.message = format!("(draft) {}", d.message);
        }
    }
    inspection
}

/// Orders inspections as the site shows them: newest first, then by slug.
pub fn sort_inspections(inspections: &mut Vec<Inspection>) {
    // An inspection is large: sort positions, then move each one once.
    let mut order: Vec<usize> = (0..inspections.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&inspections[a], &inspections[b]);
        b.date().cmp(&a.date()).then_with(|| a.slug.cmp(&b.slug))
    });
    let mut slots: Vec<Option<Inspection>> =
        std::mem::take(inspections).into_iter().map(Some).collect();
    *inspections = order.into_iter().filter_map(|k| slots[k].take()).collect();
}

// ---------------------------------------------------------------- the whole site

/// Options that change what validation accepts.
#[derive(Debug, Clone, Copy, Default)]
pub struct ValidateOptions {
    /// Drafts and embargoed inspections are to be published.
    pub include_drafts: bool,
    pub now: Option<Timestamp>,
}

/// The error for a Markdown file whose name is no slug, when it is not
/// one; `kind` says what the file is ("page", "document").
fn invalid_file_name(
    path: &str,
    slug: &str,
    kind: &str,
    siblings: &[TextFile],
) -> Option<Diagnostic> {
    (!clarion_core::is_valid_slug(slug)).then(|| {
        Diagnostic::error(
            path,
            Pos::file(),
            format!("`{slug}.md` is not a valid {kind} file name."),
        )
        .with_help(rename_help(slug, siblings))
    })
}

/// How to rename a file whose name is not a slug, without sending the
/// editor to a name another file in the folder already has.
fn rename_help(slug: &str, siblings: &[TextFile]) -> String {
    let fixed = clarion_core::slugify(slug);
    if siblings.iter().any(|f| file_slug(&f.path) == fixed) {
        format!(
            "File names become web addresses, and `{fixed}.md` is taken by the file beside it: merge the two, or rename this one to another name in lower-case letters, digits and hyphens."
        )
    } else {
        format!("File names become web addresses. Rename it to `{fixed}.md`.")
    }
}

fn file_slug(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// Checks a raw site and builds the model, adding every problem to `diags`.
pub fn validate(raw: &RawSite, opts: ValidateOptions, diags: &mut Diagnostics) -> Site {
    let (mut config, site_unreadable) = read_config(raw.site_yaml.as_ref(), diags);
    config.defaults_unknown =
        site_unreadable || raw.site_yaml.is_none() || raw.unreadable.contains("site.yaml");
    config.strings = read_strings_files(&raw.i18n, diags);

    let frameworks = read_all_frameworks(raw, diags);

    // Each folder is checked on its own core, into its own list.
    let checked: Vec<(Option<Inspection>, Diagnostics)> = raw
        .bundles
        .par_iter()
        .map(|bundle| {
            let mut found = Diagnostics::default();
            let inspection = check_bundle(
                bundle,
                &config,
                &frameworks,
                &raw.unreadable,
                opts,
                &mut found,
            );
            (inspection, found)
        })
        .collect();
    let mut inspections = Vec::with_capacity(checked.len());
    for (inspection, bundle_diags) in checked {
        diags.extend(bundle_diags.items);
        inspections.extend(inspection);
    }
    sort_inspections(&mut inspections);

    let (mut documents, named_at) = read_documents(raw, &inspections, diags);

    let pages = read_pages(raw, diags);

    let glossary = raw
        .glossary
        .as_ref()
        .map(|g| read_glossary(g, diags))
        .unwrap_or_default();
    let index = raw
        .index
        .as_ref()
        .map(|f| read_markdown(f, "index.md's front matter", &["title"], diags).0);

    let withheld = withhold(&mut inspections, &mut documents, &named_at, opts, diags);

    let lookup = SiteIndex::new(&inspections, &documents);
    let national = crate::england::read(raw.england.as_ref(), &frameworks, diags);
    Site {
        root: raw.root.clone(),
        config,
        national,
        frameworks,
        inspections,
        documents,
        pages,
        glossary,
        index,
        withheld,
        lookup,
    }
}

/// The built-in frameworks, with those of content/frameworks.yaml over them.
fn read_all_frameworks(raw: &RawSite, diags: &mut Diagnostics) -> BTreeMap<String, Arc<Framework>> {
    let mut frameworks: BTreeMap<String, Arc<Framework>> = builtin_frameworks()
        .into_iter()
        .map(|f| (f.key.clone(), Arc::new(f)))
        .collect();
    if let Some(file) = &raw.frameworks {
        for f in read_frameworks(file, diags) {
            frameworks.insert(f.key.clone(), Arc::new(f));
        }
    }
    frameworks
}

/// Takes drafts and embargoed inspections, and the documents about them,
/// out of the site, unless drafts are wanted.
fn withhold(
    inspections: &mut Vec<Inspection>,
    documents: &mut Vec<Document>,
    named_at: &NamedAt,
    opts: ValidateOptions,
    diags: &mut Diagnostics,
) -> Vec<Withheld> {
    // Drafts and embargoed inspections leave no trace unless asked for.
    let mut withheld = Vec::new();
    if !opts.include_drafts {
        let now = opts.now.unwrap_or_else(Timestamp::now);
        for i in inspections.iter() {
            let visibility = i.visibility();
            if i.draft || i.embargo.is_some_and(|t| t > now) {
                withheld.push(Withheld {
                    slug: i.slug.clone(),
                    dir: i.dir.clone(),
                    visibility,
                });
            }
        }
        inspections.retain(|i| !i.draft && i.embargo.is_none_or(|t| t <= now));
        // A document about a withheld inspection (a response to its report,
        // say) would give it away: it is withheld with it.
        let hidden: BTreeMap<&str, Visibility> = withheld
            .iter()
            .map(|w| (w.slug.as_str(), w.visibility))
            .collect();
        documents.retain(|d| {
            let Some((slug, visibility)) = d
                .inspections
                .iter()
                .find_map(|s| hidden.get(s.as_str()).map(|v| (s, *v)))
            else {
                return true;
            };
            let pos = named_at
                .get(&(d.file.path.clone(), slug.clone()))
                .copied()
                .unwrap_or(Pos::file());
            let why = match visibility {
                Visibility::Embargoed(t) => format!("is embargoed until {}", t.human()),
                _ => "is a draft".to_string(),
            };
            diags.push(
                Diagnostic::warning(
                    &d.file.path,
                    pos,
                    format!("This document is not published: the inspection `{slug}` it is about {why}."),
                )
                .with_label("withheld")
                .with_help("It is published with the inspection. To publish it now, take the inspection out of its `inspections:` list."),
            );
            false
        });
    }
    withheld
}

/// The line that marks a starter page's text as not yet written. While it
/// is there, the page cannot be published (see [`starter_text`]).
pub const STARTER_MARK: &str =
    "<!-- clarion: starter text. Delete this line once you have written the page. -->";

/// What [`STARTER_MARK`] is found by: its start, so that an editor's
/// retyped or rewrapped version of the line still counts.
const STARTER_KEY: &str = "clarion: starter text";

/// An error at the starter mark of a page written by `clarion new
/// inspection`: its placeholder words must never be published.
fn starter_text(file: &TextFile) -> Option<Diagnostic> {
    let index = file.text.lines().position(|l| l.contains(STARTER_KEY))?;
    Some(
        Diagnostic::error(&file.path, Pos::at(index + 1, 1), "This is still the starter text that `clarion new inspection` wrote.")
            .with_label("starter text")
            .with_help("Write the page in your own words, then delete this line. Until then the inspection cannot be published."),
    )
}
