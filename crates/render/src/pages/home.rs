//! The home page: the newest inspections, the authorities (or the one
//! authority's history), the site's introduction and newest documents.

use minijinja::Value;

use super::{HOME_LIST, Made, Reads, md};
use crate::history;
use crate::shared::{Shared, to_value};
use crate::views::{InspectionObject, document_links};
use clarion_core::{Diagnostic, normalise};

pub(super) const READS: Reads = Reads::ALL_DATA.and(Reads::DOCUMENTS);

pub(super) fn make<'a>(shared: &Shared<'a>, diags: &mut Vec<Diagnostic>) -> Made<'a> {
    let site = shared.site;
    let config = &site.config;
    let mut m = Made::new(
        "index.html",
        String::new(),
        config.title.clone(),
        &config.language,
    );
    m.description = config.description.clone();
    let views: Vec<Value> = (0..site.inspections.len().min(HOME_LIST))
        .map(|k| InspectionObject::value(shared, k))
        .collect();
    m.set("inspections", Value::from(views));
    m.set("inspection_count", Value::from(site.inspections.len()));
    if let [only] = shared.authorities.as_slice() {
        let list = shared
            .by_authority
            .get(&normalise(&only.name))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        m.set("history", to_value(history::history(&only.name, list)));
    } else {
        m.set("authorities", to_value(&shared.authorities));
    }
    if let Some(index) = &site.index {
        let r = md(shared, index, false);
        diags.extend(r.diagnostics);
        if m.description.is_none() && !r.description.is_empty() {
            m.description = Some(r.description.clone());
        }
        m.set("intro_html", Value::from_safe_string(r.html));
    }
    if m.description.is_none() {
        m.description = Some(format!(
            "{}: Ofsted inspection results, explained for adults and for children.",
            config.title
        ));
    }
    // The newest few: a national site has thousands, on their own page.
    let docs = document_links(site.documents.iter().take(HOME_LIST), &config.base_path);
    m.set("documents", to_value(docs));
    m.set("document_count", Value::from(site.documents.len()));
    m
}
