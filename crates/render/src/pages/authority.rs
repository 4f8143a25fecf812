//! An authority's page: its inspections, documents and grades over time.

use minijinja::Value;

use super::{Made, Reads};
use crate::history;
use crate::shared::{Shared, to_value};
use crate::views::{InspectionObject, document_links};
use clarion_core::{Document, normalise};

/// Its inspections and their documents, and (for "beside England") every
/// council's grade.
pub(super) const READS: Reads = Reads::AUTHORITY_DATA
    .and(Reads::ALL_DATA)
    .and(Reads::DOCUMENTS);

/// The page of `shared.authorities[k]`.
pub(super) fn make<'a>(shared: &Shared<'a>, k: usize) -> Made<'a> {
    let site = shared.site;
    let a = &shared.authorities[k];
    let mut m = Made::new(
        "authority.html",
        format!("authorities/{}/", a.slug),
        a.name.clone(),
        &site.config.language,
    );
    m.description = Some(format!(
        "Inspections of {} and how its grades changed over the years.",
        a.name
    ));
    let list = shared
        .by_authority
        .get(&normalise(&a.name))
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let views: Vec<Value> = list
        .iter()
        .map(|i| InspectionObject::value(shared, shared.index_of(i)))
        .collect();
    let mut docs: Vec<&Document> = list
        .iter()
        .flat_map(|i| shared.documents.get(&i.slug).into_iter().flatten())
        .map(|&k| &site.documents[k])
        .collect();
    docs.sort_by(|x, y| y.date.cmp(&x.date).then_with(|| x.slug.cmp(&y.slug)));
    docs.dedup_by(|x, y| x.slug == y.slug);
    m.set("authority", to_value(a));
    m.set("inspections", Value::from(views));
    let links = document_links(docs, &site.config.base_path);
    m.set("documents", to_value(links));
    m.set("history", to_value(history::history(&a.name, list)));
    // Its latest overall grade beside England's as the site knows it now.
    let now = shared.england.newest;
    let beside = list.iter().find_map(|i| shared.england.beside(i, now));
    m.set("beside_england", to_value(beside));
    m
}
