//! The list of every inspection, a hundred to a page.

use minijinja::Value;
use serde::Serialize;

use super::{Made, Reads};
use crate::shared::{Shared, to_value};
use crate::views::InspectionObject;

/// Inspections per page of the list of all inspections.
pub const LIST_PAGE: usize = 100;

pub(super) const READS: Reads = Reads::ALL_DATA;

fn list_page_path(n: usize) -> String {
    if n == 0 {
        "inspections/".into()
    } else {
        format!("inspections/page/{}/", n + 1)
    }
}

#[derive(Serialize)]
struct Pagination {
    page: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
}

/// The `n`th (0-based) page of the list.
pub(super) fn make<'a>(shared: &Shared<'a>, n: usize) -> Made<'a> {
    let site = shared.site;
    let base = &site.config.base_path;
    let pages = site.inspections.len().div_ceil(LIST_PAGE).max(1);
    let title = if pages > 1 {
        format!("All inspections (page {} of {pages})", n + 1)
    } else {
        "All inspections".into()
    };
    let mut m = Made::new(
        "inspections.html",
        list_page_path(n),
        title,
        &site.config.language,
    );
    m.description = Some(if pages > 1 {
        format!(
            "Every inspection on this site, newest first: page {} of {pages}.",
            n + 1
        )
    } else {
        "Every inspection on this site, newest first.".into()
    });
    let first = n * LIST_PAGE;
    let views: Vec<Value> = (first..site.inspections.len().min(first + LIST_PAGE))
        .map(|k| InspectionObject::value(shared, k))
        .collect();
    m.set("inspections", Value::from(views));
    let link = |k: usize| format!("{base}{}", list_page_path(k));
    m.set(
        "pagination",
        to_value(Pagination {
            page: n + 1,
            pages,
            previous: (n > 0).then(|| link(n - 1)),
            next: (n + 1 < pages).then(|| link(n + 1)),
        }),
    );
    m
}
