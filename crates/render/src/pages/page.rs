//! A free-standing page (`content/pages/`).

use minijinja::Value;

use super::{Made, Reads, md};
use crate::paths;
use crate::shared::Shared;
use clarion_core::{Diagnostic, Page};

pub(super) const READS: Reads = Reads::PAGES;

pub(super) fn make<'a>(shared: &Shared<'a>, p: &'a Page, diags: &mut Vec<Diagnostic>) -> Made<'a> {
    let mut m = Made::new(
        "page.html",
        paths::page(&p.slug),
        p.title.clone(),
        &shared.site.config.language,
    );
    let r = md(shared, &p.file, false);
    m.description = p
        .description
        .clone()
        .or_else(|| (!r.description.is_empty()).then(|| r.description.clone()));
    diags.extend(r.diagnostics);
    m.set("html", Value::from_safe_string(r.html));
    m
}
