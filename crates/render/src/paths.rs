//! Where each page is published: paths with no leading slash, relative to
//! the base path. Shared by the pages, the finder's index and the open data.

pub fn inspection(slug: &str) -> String {
    format!("inspections/{slug}/")
}
pub fn children(slug: &str) -> String {
    format!("inspections/{slug}/children/")
}
pub fn translation(slug: &str, lang: &str) -> String {
    format!("inspections/{slug}/children/{lang}/")
}
pub fn document(slug: &str) -> String {
    format!("documents/{slug}/")
}
pub fn page(slug: &str) -> String {
    format!("{slug}/")
}
