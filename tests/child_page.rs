//! The child page's parts (issue 17): help first, words before cards, the
//! parts children.md's front matter gives, contacts by purpose, and one
//! word per grade on the Kent pages. Each test builds a real site.

mod common;

use common::{Site, build_kent, valid_site};

const CHILD_PAGE: &str = "site/inspections/2025-11-ilacs/children/index.html";
const BUNDLE: &str = "content/inspections/2025-11-ilacs";

const SITE_WITH_PURPOSES: &str = "title: Test inspections
base_url: https://example.github.io/test-site/
authority: Testshire County Council
contacts:
  - name: Childline
    purpose: talk
    phone: 0800 1111
  - name: Help at Hand
    purpose: [talk, complain, advocate]
    phone: 0800 528 0731
    description: It helps children in care.
  - name: Testshire complaints
    purpose: complain
    no_phone: Testshire has not given us this number yet.
  - name: Testshire rights
    purpose: [complain, advocate]
    no_phone: Ask your social worker for the number.
  - name: Old contact with no purpose
    url: https://example.org/
";

const CHILDREN_WITH_PARTS: &str = "---
in_short: Inspectors said Testshire is Good. Care leavers need more help.
children_said:
  - Children said their social worker listens to them.
for_you:
  - reader: leaving care
    problem: Some homes are not safe.
    next: The council will find better homes.
    help: Your personal adviser.
  - problem: Social workers are busy.
    next: More social workers will start soon.
    help: Your IRO.
checked_by: young people in care
checked: 2026-03
---
## What they found

The people who look after you are doing a good job.
";

fn position(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in:\n{html}"))
}

#[test]
fn the_parts_show_in_order_with_help_first() {
    let site = Site::valid_with(&[
        ("site.yaml", SITE_WITH_PURPOSES.as_bytes()),
        (
            "content/inspections/2025-11-ilacs/children.md",
            CHILDREN_WITH_PARTS.as_bytes(),
        ),
    ]);
    site.build().assert_ok();
    let html = site.read(CHILD_PAGE);

    // "Who can I talk to?" is the first link after the skip link, before
    // the site's header and menu, and leads to the section.
    let skip = position(&html, "class=\"skip-link\"");
    let top = position(&html, "<a href=\"#talk\">Who can I talk to?</a>");
    let header = position(&html, "<header");
    assert!(skip < top && top < header, "{html}");
    assert!(html.contains("<section class=\"talk\" id=\"talk\""));

    // Words first: In short before the cards.
    let in_short = position(
        &html,
        "Inspectors said Testshire is Good. Care leavers need more help.",
    );
    assert!(in_short < position(&html, "<ul class=\"cards\">"));

    let said = position(&html, "What children told the inspectors");
    let text = position(&html, "doing a good job");
    let for_you = position(&html, "What this means for you");
    assert!(text < said && said < for_you, "{html}");
    // A glossary word in a part is explained there, at its first use on
    // the page, and is plain after that ("Social workers are busy.").
    assert!(html.contains(
        "<li>Children said their <span class=\"term\">social worker</span> listens to them.<details class=\"explain\"><summary>What does the word <b>social worker</b> mean?</summary>"
    ), "{html}");
    assert_eq!(
        html.matches("<span class=\"term\">social worker").count(),
        1
    );
    // Everyone first, then each reader under its heading; every problem
    // with what will happen and who can help.
    let everyone = position(&html, "For everyone");
    let leaving = position(&html, "If you are leaving care");
    assert!(everyone < leaving);
    assert!(position(&html, "Social workers are busy.") < leaving);
    assert!(leaving < position(&html, "Some homes are not safe."));
    for words in [
        "<strong>What will happen:</strong> The council will find better homes.",
        "<strong>Who can help:</strong> Your personal adviser.",
    ] {
        assert!(html.contains(words), "{words}");
    }
    assert!(html.contains("Checked by young people in care, March 2026."));

    // Contacts by purpose: a contact with no purpose still shows under
    // "Who can I talk to?"; a number, or the reason there is none.
    let talk = &html[position(&html, "id=\"talk-heading\"")..];
    let complain_at = position(talk, "How to complain");
    let advocate_at = position(talk, "How to get an advocate");
    let (talk_part, rest) = talk.split_at(complain_at);
    let (complain_part, advocate_part) = rest.split_at(advocate_at - complain_at);
    assert!(talk_part.contains("Childline"));
    assert!(talk_part.contains("Old contact with no purpose"));
    assert!(!talk_part.contains("Testshire complaints"));
    assert!(complain_part.contains("Testshire complaints"));
    assert!(complain_part.contains("Testshire has not given us this number yet."));
    assert!(complain_part.contains("href=\"tel:08005280731\""));
    assert!(!complain_part.contains("Childline"));
    assert!(advocate_part.contains("Help at Hand"));
    assert!(!advocate_part.contains("Testshire complaints"));
    // A contact with several purposes is shown in full once, under the
    // first; later it is its name, linked back, and its phone.
    assert_eq!(html.matches("It helps children in care.").count(), 1);
    assert!(talk_part.contains("<li id=\"contact-2\"><strong>Help at Hand</strong>"));
    let again = "<a href=\"#contact-2\">Help at Hand</a><span> (see above).</span> Phone";
    assert!(complain_part.contains(again), "{complain_part}");
    assert!(advocate_part.contains(again), "{advocate_part}");
    assert!(complain_part.contains("<li id=\"contact-4\"><strong>Testshire rights"));
    assert!(advocate_part.contains("<a href=\"#contact-4\">Testshire rights</a>"));
    assert_eq!(
        html.matches("Ask your social worker for the number.")
            .count(),
        1
    );
}

#[test]
fn a_page_without_the_parts_builds_as_before() {
    let site = Site::new(&valid_site());
    site.build().assert_ok();
    let html = site.read(CHILD_PAGE);
    for absent in [
        "In short",
        "What children told the inspectors",
        "What this means for you",
        "Checked by",
        "How to complain",
        "How to get an advocate",
    ] {
        assert!(!html.contains(absent), "{absent}");
    }
    // The link to help is on every child page.
    assert!(html.contains("<a href=\"#talk\">Who can I talk to?</a>"));
}

#[test]
fn a_translation_shows_its_own_parts_only() {
    let site = Site::valid_with(&[
        (
            "content/inspections/2025-11-ilacs/children.md",
            CHILDREN_WITH_PARTS.as_bytes(),
        ),
        (
            "content/inspections/2025-11-ilacs/children.cy.md",
            "---\nin_short: Mae Testshire yn dda.\n---\n## Beth wnaethon nhw ei ddarganfod\n\nMae pethau'n dda.\n"
                .as_bytes(),
        ),
    ]);
    site.build().assert_ok();
    let html = site.read("site/inspections/2025-11-ilacs/children/cy/index.html");
    assert!(html.contains("Mae Testshire yn dda."));
    assert!(!html.contains("Inspectors said Testshire is Good."));
    assert!(!html.contains("Children said their social worker"));
    assert!(!html.contains("Checked by"));
}

#[test]
fn a_problem_without_next_and_a_date_without_a_checker_are_reported() {
    let children = "---\nfor_you:\n  - reader: in care\n    problem: Homes are far away.\n    help: Your social worker.\nchecked: 2026-03\n---\nText for children.\n";
    let site = Site::valid_with(&[(
        "content/inspections/2025-11-ilacs/children.md",
        children.as_bytes(),
    )]);
    let r = site.build();
    r.assert_content_error(
        &format!("{BUNDLE}/children.md:3:5"),
        "This problem does not say what will happen.",
    );
    r.assert_content_error(
        &format!("{BUNDLE}/children.md:1:1"),
        "`checked` says when this page was checked, but not by whom.",
    );
}

/// The Kent pages name each grade by its child label only: Ofsted's own
/// word appears once, on its card (`Ofsted's word: ...`).
#[test]
fn kent_child_pages_use_one_word_per_grade() {
    let out = tempfile::tempdir().unwrap();
    build_kent(out.path());
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(out.path().join("inspections")) {
        let entry = entry.unwrap();
        let p = entry.path();
        // English child pages: .../<slug>/children/index.html.
        if !(p.ends_with("children/index.html")) {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(p).unwrap();
        // The page's own text: after the finder's hidden filters.
        let m = position(&html, "<main");
        let start = m + position(&html[m..], "<div class=\"wrap\">");
        let main = &html[start..position(&html, "</main>")];
        let words: String = main
            .lines()
            .filter(|l| !l.contains("class=\"official\""))
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase();
        for ofsted in ["outstanding", "adequate", "requires improvement"] {
            assert!(
                !words.contains(ofsted),
                "{} names a grade `{ofsted}` outside its card",
                p.display()
            );
        }
        let cards = main.matches("class=\"card ").count();
        assert_eq!(
            // The word comes from a strings file, so its `'` is escaped.
            main.matches("Ofsted's word:").count() + main.matches("Ofsted&#39;s word:").count(),
            cards,
            "{}: one Ofsted word per card",
            p.display()
        );
    }
    assert!(pages >= 8, "{pages} child pages");
}

#[test]
fn a_long_in_short_is_a_warning_at_its_line() {
    let children = "---\ntitle: What Ofsted found\nin_short: One. Two. Three. Four.\n---\nText for children.\n";
    let site = Site::valid_with(&[(
        "content/inspections/2025-11-ilacs/children.md",
        children.as_bytes(),
    )]);
    let r = site.build();
    r.assert_ok();
    assert!(
        r.stderr.contains(&format!("{BUNDLE}/children.md:3:11")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("`in_short` has 4 sentences"),
        "{}",
        r.stderr
    );
}
