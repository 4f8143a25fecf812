//! A document's page, with links to the inspections it responds to.

use minijinja::Value;

use super::{Made, Reads, md};
use crate::paths;
use crate::shared::{Shared, to_value};
use crate::views::{LinkView, date_view};
use clarion_core::{Diagnostic, Document};

/// Its text, and the titles and dates of the inspections it links to.
pub(super) const READS: Reads = Reads::DOCUMENTS.and(Reads::LINKED_DATA);

pub(super) fn make<'a>(
    shared: &Shared<'a>,
    d: &'a Document,
    diags: &mut Vec<Diagnostic>,
) -> Made<'a> {
    let site = shared.site;
    let base = &site.config.base_path;
    let mut m = Made::new(
        "document.html",
        paths::document(&d.slug),
        d.title.clone(),
        &site.config.language,
    );
    m.head = Some(crate::titles::document(&d.title, &d.date.human()));
    let r = md(shared, &d.file, false);
    m.description = Some(if r.description.is_empty() {
        format!("{}, {}.", d.title, d.date.human())
    } else {
        r.description.clone()
    });
    diags.extend(r.diagnostics);
    let linked: Vec<LinkView> = d
        .inspections
        .iter()
        .filter_map(|s| shared.by_slug.get(s.as_str()))
        .map(|&k| &site.inspections[k])
        .map(|i| LinkView {
            title: i.title.as_deref().unwrap_or(&i.slug),
            url: format!("{base}{}", paths::inspection(&i.slug)),
            date: date_view(i.date()),
        })
        .collect();
    m.set("html", Value::from_safe_string(r.html));
    m.set("inspections", to_value(&linked));
    m.set("date", to_value(date_view(Some(d.date))));
    m.set("source_url", Value::from(d.source_url.clone()));
    m
}
