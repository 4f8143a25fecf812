//! A synthetic site of a few hundred inspections: the lists that would grow
//! with a national site stay short, and everything is still reachable.
mod common;

use common::Site;

#[test]
fn long_lists_are_shortened_on_the_home_page_and_paginated() {
    let site = Site::new(&[]);
    clarion::synthetic::generate(site.root(), 250).unwrap();
    site.build().assert_ok();
    let home = site.read("site/index.html");

    let inspection_links = home.matches("class=\"timeline-item").count();
    assert!(
        inspection_links > 0 && inspection_links <= clarion::render::HOME_LIST,
        "home lists {inspection_links} inspections"
    );
    assert!(home.contains("See all 250 inspections"));

    let documents = std::fs::read_dir(site.path("site/documents"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert!(
        documents > clarion::render::HOME_LIST,
        "{documents} documents"
    );
    assert!(home.contains(&format!("See all {documents} documents")));
    let all_documents = site.read("site/documents/index.html");
    assert_eq!(all_documents.matches("<time datetime=").count(), documents);

    // 100 to a page: three pages, each linking to the next.
    let first = site.read("site/inspections/index.html");
    assert!(first.contains("inspections/page/2/"));
    let third = site.read("site/inspections/page/3/index.html");
    assert!(third.contains("page 3 of 3"));
    assert!(!site.path("site/inspections/page/4").exists());
}
