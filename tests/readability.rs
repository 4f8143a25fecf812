//! Reading ages of child pages, reported by `check` and `build`.

mod common;

use common::*;

const CHILD: &str = "content/inspections/2025-11-ilacs/children.md";

fn long_text(sentence: &str, times: usize) -> String {
    (0..times).map(|_| sentence).collect::<Vec<_>>().join(" ")
}

#[test]
fn long_sentences_are_warned_with_their_line() {
    let easy = long_text("You are safe. People help you.", 12);
    let text = format!(
        "{easy}\n\nThe council's independent reviewing officers consistently evaluate the effectiveness of individual care arrangements for every child in care.\n"
    );
    let site = Site::valid_with(&[(CHILD, text.as_bytes())]);
    let run = site.build();
    run.assert_ok();
    assert!(run.stderr.contains("children.md:3"), "{}", run.stderr);
    assert!(run.stderr.contains("18 words"), "{}", run.stderr);
    assert!(
        run.stderr.contains("child page read at ages"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_hard_page_is_a_warning_or_with_strict_an_error() {
    let hard = long_text(
        "Organisational accountability necessitates comprehensive interdisciplinary collaboration.",
        12,
    );
    let site = Site::valid_with(&[(CHILD, hard.as_bytes())]);
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(run.stderr.contains("reading age of"), "{}", run.stderr);
    let strict = format!("{SITE_YAML}children:\n  strict: true\n  reading_age_max: 11\n");
    let site = Site::valid_with(&[(CHILD, hard.as_bytes()), ("site.yaml", strict.as_bytes())]);
    site.run(&["check"])
        .assert_content_error(CHILD, "reading age of");
}

#[test]
fn the_table_lists_every_child_page_hardest_first() {
    let site = Site::new(&valid_site());
    let run = site.run(&["check", "--readability"]);
    run.assert_ok();
    assert!(run.stdout.contains("Reading age"), "{}", run.stdout);
    assert!(
        run.stdout.contains("too short to measure"),
        "the valid site's child page is short: {}",
        run.stdout
    );
    let easy = long_text("You are safe. People help you.", 12);
    let site = Site::valid_with(&[(CHILD, easy.as_bytes())]);
    let run = site.run(&["check", "--readability"]);
    assert!(
        run.stdout.contains(CHILD) && !run.stdout.contains("too short"),
        "{}",
        run.stdout
    );
}

#[test]
fn translations_are_not_scored() {
    let arabic = long_text(
        "أنت بأمان. الناس يساعدونك كثيرا في كل يوم من الأيام الطويلة جدا جدا جدا جدا.",
        10,
    );
    let site = Site::valid_with(&[(
        "content/inspections/2025-11-ilacs/children.ar.md",
        arabic.as_bytes(),
    )]);
    let run = site.run(&["check", "--readability"]);
    run.assert_ok();
    assert!(
        !run.stdout.contains("children.ar.md") && !run.stderr.contains("children.ar.md"),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

/// Short sentences of everyday words, with a long word in every other one.
fn page_of_long_words() -> String {
    long_text(
        "The inspectors visited everyone. You are safe. Your family is important. We play.",
        8,
    )
}

#[test]
fn the_table_gives_both_measures_of_the_page_as_shown_and_its_hardest_parts() {
    let site = Site::valid_with(&[(CHILD, page_of_long_words().as_bytes())]);
    let run = site.run(&["check", "--readability"]);
    run.assert_ok();
    let out = &run.stdout;
    assert!(out.contains("Vocabulary age: SMOG grade + 5"), "{out}");
    // Summary and page reading ages, the page's vocabulary age, and words.
    let row = out
        .lines()
        .find(|l| l.ends_with(CHILD))
        .unwrap_or_else(|| panic!("no row for {CHILD}: {out}"));
    let numbers: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(numbers.len(), 7, "{row}");
    for n in &numbers[..3] {
        assert!(n.parse::<f64>().is_ok(), "{row}");
    }
    // The page as shown has more words than the summary: headings, cards, contacts.
    let (summary, page): (usize, usize) =
        (numbers[3].parse().unwrap(), numbers[4].parse().unwrap());
    assert_eq!(summary, 104);
    assert!(page > summary, "{row}");
    assert!(out.contains("Sentences with most long words:"), "{out}");
    assert_eq!(
        out.matches("visited everyone.").count(),
        1,
        "listed once: {out}"
    );
    assert!(out.contains("3: The inspectors visited everyone."), "{out}");
    assert!(out.contains("Long words ("), "{out}");
    // Eight in the summary; the theme's lead says "they", not "inspectors".
    assert!(out.contains("inspectors (8)"), "{out}");
}

#[test]
fn a_page_of_long_words_fails_the_vocabulary_gate_or_with_strict_stops() {
    let text = page_of_long_words();
    let lenient = format!("{SITE_YAML}children:\n  reading_age_max: 18\n  vocabulary_age_max: 9\n");
    let site = Site::valid_with(&[(CHILD, text.as_bytes()), ("site.yaml", lenient.as_bytes())]);
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(run.stderr.contains("vocabulary age of"), "{}", run.stderr);
    assert!(
        run.stderr.contains("the site's limit is 9"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("has a reading age"), "{}", run.stderr);

    let strict = format!("{lenient}  strict: true\n");
    let site = Site::valid_with(&[(CHILD, text.as_bytes()), ("site.yaml", strict.as_bytes())]);
    site.run(&["check"])
        .assert_content_error(CHILD, "vocabulary age of");
    site.run(&["build"])
        .assert_content_error(CHILD, "vocabulary age of");

    // Within the limit: no warning.
    let easy = format!(
        "{SITE_YAML}children:\n  reading_age_max: 18\n  vocabulary_age_max: 18\n  strict: true\n"
    );
    let site = Site::valid_with(&[(CHILD, text.as_bytes()), ("site.yaml", easy.as_bytes())]);
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(!run.stderr.contains("vocabulary age of"), "{}", run.stderr);
}
