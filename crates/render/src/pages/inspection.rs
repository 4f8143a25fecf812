//! An inspection's page: its summary, grades and changes since the last.

use minijinja::Value;

use super::{InspectionValues, Made, Reads, md};
use crate::paths;
use crate::shared::{Shared, to_value};
use crate::views::inspection_title;
use clarion_core::{Diagnostic, Inspection};

/// Its summary and data, its authority's earlier inspections (the changes
/// since the last) and the documents that respond to it.
pub(super) fn reads(i: &Inspection, shared: &Shared) -> Reads {
    let own = Reads::SUMMARY
        .and(Reads::OWN_DATA)
        .and(Reads::AUTHORITY_DATA)
        .and(Reads::DOCUMENTS);
    // Its "Beside England" counts every council's grade.
    if i.overall.is_some() && shared.authorities.len() > 1 {
        own.and(Reads::ALL_DATA)
    } else {
        own
    }
}

pub(super) fn make<'a>(
    shared: &Shared<'a>,
    i: &'a Inspection,
    local: &mut InspectionValues,
    diags: &mut Vec<Diagnostic>,
) -> Made<'a> {
    let mut m = Made::new(
        "inspection.html",
        paths::inspection(&i.slug),
        inspection_title(i),
        &shared.site.config.language,
    );
    m.head = Some(crate::titles::inspection(
        i,
        crate::titles::Variant::Adults,
        shared.authority_list(i),
    ));
    let r = md(shared, &i.summary, false);
    m.description = Some(if r.description.is_empty() {
        super::inspection_description(i)
    } else {
        r.description.clone()
    });
    diags.extend(r.diagnostics);
    m.set("summary_html", Value::from_safe_string(r.html));
    m.set("inspection", local.view(i, shared));
    m.set("changes", local.changes(i, shared));
    m.set("beside_england", to_value(shared.england.beside(i, None)));
    m
}
