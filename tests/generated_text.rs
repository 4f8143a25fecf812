//! The text Clarion writes from content (issue 16): titles, descriptions,
//! feed summaries, heading ids, language alternates, the sitemap and
//! robots.txt, checked on real builds of Kent and of a synthetic site of
//! many authorities.
mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Site, build_kent, snapshot, unescape, visible_text};

/// The text between `start` and the next `end` in `html`.
fn between<'h>(html: &'h str, start: &str, end: &str) -> Option<&'h str> {
    let from = html.find(start)? + start.len();
    let to = html[from..].find(end)?;
    Some(&html[from..from + to])
}

/// Every HTML page of a built site: path -> (title, description).
fn heads(out: &Path) -> BTreeMap<String, (String, Option<String>)> {
    snapshot(out)
        .into_iter()
        .filter(|(f, _)| f.ends_with(".html"))
        .map(|(f, bytes)| {
            let html = String::from_utf8(bytes).unwrap();
            let title = unescape(between(&html, "<title>", "</title>").unwrap_or_default());
            let description =
                between(&html, "<meta name=\"description\" content=\"", "\"").map(unescape);
            (f, (title, description))
        })
        .collect()
}

/// Ends where a sentence or a word does: never in the middle of a word
/// without an ellipsis.
fn ends_well(text: &str) -> bool {
    text.ends_with(['.', '!', '?', '\u{2026}', '\u{61F}'])
}

/// Unique titles of at most `max` characters, and a description on every
/// page that ends at a sentence or a word.
fn assert_heads(heads: &BTreeMap<String, (String, Option<String>)>, max: usize) {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (file, (title, description)) in heads {
        assert!(
            title.chars().count() <= max,
            "{file}: title of {} characters: {title}",
            title.chars().count()
        );
        if let Some(other) = seen.insert(title, file) {
            panic!("{file} and {other} share the title {title:?}");
        }
        let d = description
            .as_deref()
            .unwrap_or_else(|| panic!("{file} has no description"));
        assert!(ends_well(d), "{file}: description ends mid-sentence: {d:?}");
        for bad in [" .", " ,", " ;", " :", " )"] {
            assert!(!d.contains(bad), "{file}: {bad:?} in {d:?}");
        }
    }
}

#[test]
fn kent_pages_have_unique_short_titles_and_whole_descriptions() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_kent(&out);
    let heads = heads(&out);
    assert!(heads.len() >= 29, "{}", heads.len());
    assert_heads(&heads, 70);
    // Child pages name the authority and the date.
    let (child, child_description) = &heads["inspections/2017-sif/children/index.html"];
    assert!(
        child.contains("Kent") && child.contains("March 2017"),
        "{child}"
    );
    // Written for children: the page's first paragraph, not its heading.
    let d = child_description.as_deref().unwrap();
    assert!(d.starts_with("The inspectors looked at"), "{d}");

    // The feed: whole sentences, no space before punctuation, no heading.
    let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    let summaries: Vec<&str> = feed
        .split("<summary>")
        .skip(1)
        .map(|s| s.split("</summary>").next().unwrap())
        .collect();
    assert_eq!(summaries.len(), 11);
    for s in summaries {
        assert!(ends_well(s), "{s}");
        assert!(!s.contains(" .") && !s.contains(" ,"), "{s}");
        assert!(!s.contains("What it says"), "a heading ran in: {s}");
    }

    // The Arabic page: heading ids in its own script, and both versions
    // pointing at each other.
    let ar = std::fs::read_to_string(out.join("inspections/2025-11-ilacs/children/ar/index.html"))
        .unwrap();
    let en =
        std::fs::read_to_string(out.join("inspections/2025-11-ilacs/children/index.html")).unwrap();
    assert!(
        !ar.contains("id=\"untitled"),
        "untitled ids on the Arabic page"
    );
    assert!(ar.contains("<h2 id=\"ماذا-قالوا\""));
    for page in [&ar, &en] {
        for (lang, path) in [
            ("en-GB", "children/"),
            ("ar", "children/ar/"),
            ("x-default", "children/"),
        ] {
            let link = format!(
                "<link rel=\"alternate\" hreflang=\"{lang}\" href=\"https://example.github.io/kent-inspections/inspections/2025-11-ilacs/{path}\">"
            );
            assert!(page.contains(&link), "{link}");
        }
    }

    // Every inspection page in the sitemap has a date, the Arabic one too.
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    for line in sitemap.lines().filter(|l| l.contains("/inspections/")) {
        assert!(line.contains("<lastmod>"), "{line}");
    }
    // Under a sub-path: no robots.txt; the 404 page claims no address.
    assert!(!out.join("robots.txt").exists());
    let not_found = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(!not_found.contains("rel=\"canonical\""));
}

/// A site of many authorities: hundreds of inspections, several of one
/// authority in one month, and not two pages with one title.
#[test]
fn a_site_of_many_authorities_has_no_two_pages_with_one_title() {
    let site = Site::new(&[]);
    clarion::synthetic::generate(site.root(), 3000).unwrap();
    site.build().assert_ok();
    let heads = heads(&site.path("site"));
    assert!(heads.len() > 1000, "{}", heads.len());
    // A long council name with a full date may pass 70 by a few: the
    // authority and the date that tell two pages apart are never cut.
    assert_heads(&heads, 80);
    let over = heads
        .values()
        .filter(|(t, _)| t.chars().count() > 70)
        .count();
    assert!(
        over * 100 <= heads.len(),
        "{over} titles over 70 characters"
    );
}

/// Several hundred authorities, most inspected once or twice: no two pages
/// share a title, and every description ends at a sentence end or with an
/// ellipsis after a whole word of the page.
#[test]
fn a_site_of_several_hundred_authorities_has_unique_titles_and_whole_descriptions() {
    let site = Site::new(&[]);
    clarion::synthetic::generate_with_authorities(site.root(), 360, 300).unwrap();
    site.build().assert_ok();
    let out = site.path("site");
    let heads = heads(&out);
    let authority_pages = heads
        .keys()
        .filter(|f| f.starts_with("authorities/") && f.matches('/').count() == 2)
        .count();
    assert_eq!(authority_pages, 300);
    assert_heads(&heads, 80);
    let mut cut = 0;
    for (file, (_, description)) in &heads {
        let d = description.as_deref().unwrap_or_default();
        let Some(stem) = d.strip_suffix('\u{2026}') else {
            continue;
        };
        cut += 1;
        let stem = stem.trim_end();
        let text = visible_text(&std::fs::read_to_string(out.join(file)).unwrap());
        let whole = text
            .match_indices(stem)
            .any(|(i, _)| !text[i + stem.len()..].starts_with(char::is_alphanumeric));
        assert!(whole, "{file}: description cut mid-word: {d:?}");
    }
    // The long summaries are cut, so the check above checked something.
    assert!(cut > 10, "{cut} descriptions cut");
}

#[test]
fn a_child_page_may_give_its_own_description_and_a_root_site_gets_robots() {
    let site = Site::valid_with(&[(
        "site.yaml",
        b"title: Test\nbase_url: https://example.org/\nlanguage: en-GB\nauthority: Kent County Council\n",
    )]);
    let children = site.read("content/inspections/2025-11-ilacs/children.md");
    let body = children
        .strip_prefix("---\n")
        .and_then(|s| s.split_once("\n---\n"))
        .map_or(children.as_str(), |(_, b)| b);
    site.write(
        "content/inspections/2025-11-ilacs/children.md",
        &format!(
            "---\ndescription: What Ofsted found when it visited, in plain words.\n---\n{body}"
        ),
    );
    site.build().assert_ok();
    let page = site.read("site/inspections/2025-11-ilacs/children/index.html");
    assert!(
        page.contains(
            "<meta name=\"description\" content=\"What Ofsted found when it visited, in plain words.\">"
        ),
        "{page}"
    );
    assert!(
        site.read("site/robots.txt")
            .contains("Sitemap: https://example.org/sitemap.xml")
    );
}
