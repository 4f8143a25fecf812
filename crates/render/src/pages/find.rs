//! The finder: a search box over the index, and a list without JavaScript.

use minijinja::Value;

use super::{Made, Reads};
use crate::shared::{Shared, to_value};
use crate::views::InspectionObject;

/// How many inspections the find page lists without JavaScript before it
/// points to the A-Z list of authorities.
const FIND_PAGE_LIST: usize = 500;

pub(super) const READS: Reads = Reads::ALL_DATA;

pub(super) fn make<'a>(shared: &Shared<'a>) -> Made<'a> {
    let site = shared.site;
    let mut m = Made::new(
        "find.html",
        "find/".into(),
        "Find an inspection".into(),
        &site.config.language,
    );
    m.description = Some(
        "Find an inspection on this site: search by council, year or grade, or look through the list."
            .into(),
    );
    m.set("authorities", to_value(&shared.authorities));
    let views: Vec<Value> = (0..site.inspections.len().min(FIND_PAGE_LIST))
        .map(|k| InspectionObject::value(shared, k))
        .collect();
    m.set("inspections", Value::from(views));
    m.set("inspection_count", Value::from(site.inspections.len()));
    let search = format!("{}search/", site.config.base_path);
    m.set("search_url", Value::from(search));
    m
}
