//! Glossary words on child pages, in real builds: each explained once,
//! where first used, in a disclosure that needs no script; never in an
//! everyday sense the glossary leaves out; plurals and possessives found.

mod common;

use common::{Site, build_kent};

const GLOSSARY: &str = "\
- term: good
  only_in: [is good, was good]
  not_in: [for good, good at]
  meaning: The second best grade Ofsted gives.
- term: box
  meaning: A thing to keep things in.
- term: nurse
  meaning: A person who looks after your health.
- term: advocate
  meaning: A person who helps you say what you think.
- term: foster carer
  also: [carers]
  meaning: A person who looks after children in care in their own home.
- term: care leaver
  meaning: A young person who used to be in care.
";

const CHILDREN: &str = "\
## What they found

A new family for good. She is good at maths. Kent is good.

- Your boxes and the nurse's room.
- Advocates help. Foster carers' homes, and carers' rights.

Care leavers get help. Care leavers, care leavers and
care leavers again.
";

fn site() -> Site {
    Site::valid_with(&[
        ("content/glossary.yaml", GLOSSARY.as_bytes()),
        (
            "content/inspections/2025-11-ilacs/children.md",
            CHILDREN.as_bytes(),
        ),
        (
            "content/inspections/2025-11-ilacs/children.ar.md",
            "## ما وجدوه\n\nCare leavers: نص.\n".as_bytes(),
        ),
    ])
}

/// The words marked in `html`, in order.
fn marked(html: &str) -> Vec<String> {
    html.split("<span class=\"term\">")
        .skip(1)
        .filter_map(|s| s.split("</span>").next())
        .map(|w| w.replace("&#39;", "'"))
        .collect()
}

/// The `<details>` blocks of `html`.
fn explanations(html: &str) -> Vec<&str> {
    html.split("<details class=\"explain\">")
        .skip(1)
        .filter_map(|s| s.split("</details>").next())
        .collect()
}

#[test]
fn words_are_explained_once_where_first_used_in_the_senses_given() {
    let site = site();
    site.build().assert_ok();
    let page = site.read("site/inspections/2025-11-ilacs/children/index.html");
    let summary = page
        .split("class=\"prose child-summary\"")
        .nth(1)
        .and_then(|s| s.split("id=\"words-heading\"").next())
        .unwrap();
    // "for good" and "good at" are everyday: the grade is the third "good".
    // Plurals and possessives of each word; `care leavers` once only.
    assert_eq!(
        marked(summary),
        [
            "good",
            "boxes",
            "nurse's",
            "Advocates",
            "Foster carers'",
            "Care leavers"
        ]
    );
    assert!(summary.contains("A new family for good. She is good at maths. Kent is <span class=\"term\">good</span>.</p>"), "{summary}");
    let details = explanations(summary);
    assert_eq!(details.len(), 4, "{summary}");
    assert_eq!(
        details[0],
        "<summary>What does the word <b>good</b> mean?</summary>\n\
         <p><dfn>good</dfn>: The second best grade Ofsted gives.</p>\n"
    );
    assert!(details[1].starts_with(
        "<summary>What do the words <b>boxes</b> and <b>nurse</b> mean?</summary>\n<p><dfn>box</dfn>: A thing to keep things in.</p>"
    ));
    assert!(details[2].contains("<p><dfn>foster carer</dfn>: A person who looks after"));
    // `carers'` after `Foster carers'` is the same word: not explained again.
    assert!(!details[2].contains("<b>carers</b>"), "{}", details[2]);
    assert!(details[3].starts_with("<summary>What does the word <b>care leavers</b> mean?"));
    // A disclosure is never inside a paragraph: every `<p>` before it is closed.
    for (i, _) in summary.match_indices("<details") {
        let before = &summary[..i];
        assert!(
            before.matches("<p>").count() == before.matches("</p>").count(),
            "a <details> inside a <p> at {i}: {summary}"
        );
    }
    // No jump: nothing links to "Words to know", which still lists each word.
    assert!(!page.contains("href=\"#word-"), "{page}");
    let words: Vec<&str> = page
        .split("id=\"words-heading\"")
        .nth(1)
        .unwrap()
        .split("<dt>")
        .skip(1)
        .filter_map(|s| s.split("</dt>").next())
        .collect();
    assert_eq!(
        words,
        [
            "advocate",
            "box",
            "care leaver",
            "foster carer",
            "good",
            "nurse"
        ]
    );
}

#[test]
fn adult_and_translated_pages_explain_nothing() {
    let site = site();
    site.build().assert_ok();
    for page in [
        "site/inspections/2025-11-ilacs/index.html",
        "site/inspections/2025-11-ilacs/children/ar/index.html",
    ] {
        let html = site.read(page);
        assert!(!html.contains("class=\"term\""), "{page}");
        assert!(!html.contains("class=\"explain\""), "{page}");
    }
}

/// The Kent child pages: no word explained twice, none linked away,
/// "good" never explained in "good at" or "good enough", and each meaning
/// in a closed disclosure shown in "Words to know" too (the vocabulary
/// measure reads it there, where it is always on screen).
#[test]
fn kent_child_pages_explain_each_word_once() {
    let tmp = tempfile::tempdir().unwrap();
    build_kent(&tmp.path().join("site"));
    let mut pages = 0;
    for entry in std::fs::read_dir(tmp.path().join("site/inspections")).unwrap() {
        let page = entry.unwrap().path().join("children/index.html");
        let Ok(html) = std::fs::read_to_string(&page) else {
            continue;
        };
        pages += 1;
        let words = marked(&html);
        let details = explanations(&html);
        let defined = details.iter().map(|d| d.matches("<dfn>").count()).sum();
        assert_eq!(words.len(), defined, "{}", page.display());
        assert!(
            (1..=20).contains(&words.len()),
            "{}: {words:?}",
            page.display()
        );
        let mut seen: Vec<String> = Vec::new();
        for d in &details {
            for dfn in d.split("<dfn>").skip(1) {
                let word = dfn.split("</dfn>").next().unwrap().to_string();
                assert!(!seen.contains(&word), "{word} twice on {}", page.display());
                seen.push(word);
                let meaning = dfn.split("</dfn>: ").nth(1).unwrap();
                let meaning = meaning.split("</p>").next().unwrap();
                let words_list = html.split("class=\"words\"").nth(1).unwrap();
                assert!(
                    words_list.contains(&format!("<dd>{meaning}</dd>")),
                    "{meaning} not in Words to know on {}",
                    page.display()
                );
            }
        }
        assert!(!html.contains("href=\"#word-"), "{}", page.display());
        for everyday in ["good</span> at", "good</span> enough", "good</span> help"] {
            assert!(!html.contains(everyday), "{everyday} on {}", page.display());
        }
    }
    assert!(pages >= 8, "{pages} child pages");
}
