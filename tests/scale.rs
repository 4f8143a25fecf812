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

/// 8,000 glossary words in Chinese: once all `untitled-2-2-2...`, a 62 MB
/// page built in two minutes. Each now has a short id of its own, and the
/// page grows with the glossary, not with its square.
#[test]
fn a_glossary_in_any_script_stays_in_proportion() {
    let mut glossary = String::new();
    let mut terms = std::collections::BTreeSet::new();
    let mut n: u32 = 0;
    while terms.len() < 8_000 {
        // Deterministic two- to four-character words from the CJK block;
        // the first two characters spell `n`, so all differ.
        let len = 2 + (n % 3) as usize;
        let word: String = (0..len)
            .map(|k| {
                let code = match k {
                    0 => n % 3_000,
                    1 => n / 3_000,
                    _ => (n * 7 + k as u32) % 3_000,
                };
                char::from_u32(0x4e00 + code).unwrap()
            })
            .collect();
        n += 1;
        if terms.insert(word.clone()) {
            glossary.push_str(&format!("- term: {word}\n  meaning: 儿童的解释。\n"));
        }
    }
    let site = Site::valid_with(&[("content/glossary.yaml", glossary.as_bytes())]);
    site.build().assert_ok();
    let page = site.read("site/glossary/index.html");
    let ids: Vec<&str> = page
        .split("id=\"word-")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(ids.len(), 8_000);
    let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), 8_000, "ids repeat");
    assert!(ids.iter().all(|id| id.chars().count() <= 8), "long ids");
    // About 250 bytes of page per word, whatever the script.
    assert!(
        page.len() < 8_000 * 400 + 100_000,
        "{} bytes for {} bytes of glossary",
        page.len(),
        glossary.len()
    );
}
