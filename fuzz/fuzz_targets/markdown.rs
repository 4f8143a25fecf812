//! Markdown to HTML with glossary links and link rewriting, sanitiser
//! included: whatever the input, the HTML has no script, no event handler
//! attribute and no `javascript:` address.
#![no_main]

use std::collections::BTreeMap;
use std::sync::Arc;

use clarion::markdown::{GlossaryMatcher, LinkMap, RenderOptions, render};
use clarion::model::{GlossaryEntry, MarkdownFile};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/properties/html_check.rs"]
mod html_check;

fn entry(term: &str, also: &[&str]) -> GlossaryEntry {
    GlossaryEntry {
        term: term.into(),
        also: also.iter().map(|s| s.to_string()).collect(),
        meaning: "m".into(),
        // As the glossary gives ids: letters of any script kept.
        id: clarion::slug::anchor(term),
        // A sense phrase, so the second matcher is fuzzed too.
        not_in: if term == "on" { vec!["go on".into()] } else { Vec::new() },
        ..GlossaryEntry::default()
    }
}

fuzz_target!(|text: &str| {
    let entries = vec![
        entry("care leaver", &["care leavers"]),
        entry("IRO", &["independent reviewing officer"]),
        entry("on", &[]),
        entry("儿童 保护", &[]),
    ];
    let matcher = GlossaryMatcher::new(&entries);
    let mut targets = BTreeMap::new();
    targets.insert("content/pages/about.md".to_string(), "about/".to_string());
    targets.insert(
        "content/inspections/x/photo.png".to_string(),
        "inspections/x/photo.png".to_string(),
    );
    let links = LinkMap {
        base_path: "/site/".into(),
        targets,
    };
    let file = MarkdownFile {
        path: "content/inspections/x/children.md".into(),
        body: Arc::from(text),
        body_line: 1,
        title: None,
    };
    for glossary in [Some(&matcher), None] {
        let r = render(
            &file,
            &RenderOptions {
                links: &links,
                glossary,
                id_prefix: "p-",
            },
        );
        if let Some(problem) = html_check::unsafe_html(&r.html) {
            panic!("{problem} in:\n{}", r.html);
        }
    }
});
