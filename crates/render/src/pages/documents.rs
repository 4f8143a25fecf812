//! The list of related documents.

use super::{Made, Reads};
use crate::shared::{Shared, to_value};
use crate::views::document_links;

pub(super) const READS: Reads = Reads::DOCUMENTS;

pub(super) fn make<'a>(shared: &Shared<'a>) -> Made<'a> {
    let site = shared.site;
    let mut m = Made::new(
        "documents.html",
        "documents/".into(),
        "Related documents".into(),
        &site.config.language,
    );
    m.description =
        Some("Council papers and other documents that answer the inspections on this site.".into());
    let links = document_links(&site.documents, &site.config.base_path);
    m.set("documents", to_value(links));
    m
}
