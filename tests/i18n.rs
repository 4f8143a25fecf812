//! The theme's words per language (strings files, site.yaml's per-language
//! texts) and a child page's recording, on real sites built in temp folders.

mod common;

use common::*;

const DIR: &str = "content/inspections/2025-11-ilacs";
const ARABIC: &str = "---\ntitle: تفتيش\n---\nالأشخاص الذين يعتنون بك يقومون بعمل جيد.\n";
const PASHTO: &str = "---\ntitle: تفتیش\n---\nهغه کسان چې ستاسو پاملرنه کوي ښه کار کوي.\n";

fn with(files: &[(&str, &str)]) -> Site {
    let changes: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    Site::valid_with(&changes)
}

fn page(site: &Site, lang: Option<&str>) -> String {
    match lang {
        None => site.read("site/inspections/2025-11-ilacs/children/index.html"),
        Some(l) => site.read(&format!(
            "site/inspections/2025-11-ilacs/children/{l}/index.html"
        )),
    }
}

#[test]
fn arabic_is_built_in_and_english_stays_english() {
    let site = with(&[(&format!("{DIR}/children.ar.md"), ARABIC)]);
    let run = site.build();
    run.assert_ok();
    assert!(!run.stderr.contains("strings"), "{}", run.stderr);
    let ar = page(&site, Some("ar"));
    for words in [
        "انتقل إلى المحتوى الرئيسي",
        "مع من يمكنني أن أتحدث؟",
        "اقرأ لي هذه الصفحة",
        "ماذا وجدوا؟",
        // The grade cards: the child's word for `good`.
        "<span class=\"grade-word\">جيد</span>",
        // The date in Arabic.
        "نوفمبر 2025",
    ] {
        assert!(ar.contains(words), "the Arabic page lacks {words}");
    }
    for english in [
        "Skip to main content",
        "Who can I talk to?",
        "Read this page to me",
        "grade-word\">Good<",
    ] {
        assert!(!ar.contains(english), "the Arabic page says {english}");
    }
    let en = page(&site, None);
    for words in [
        "Skip to main content",
        "Who can I talk to?",
        "Read this page to me",
        "November 2025",
    ] {
        assert!(en.contains(words), "the English page lacks {words}");
    }
}

#[test]
fn a_site_strings_file_overrides_the_theme_key_by_key() {
    let site = with(&[
        (&format!("{DIR}/children.ar.md"), ARABIC),
        ("i18n/en.yaml", "talk:\n  heading: Who can help me?\n"),
        ("i18n/ar.yaml", "talk.heading: من يستطيع مساعدتي؟\n"),
    ]);
    site.build().assert_ok();
    let en = page(&site, None);
    assert!(en.contains("Who can help me?"));
    assert!(!en.contains("Who can I talk to?"));
    // Keys the site does not give keep the theme's words.
    assert!(en.contains("Skip to main content"));
    let ar = page(&site, Some("ar"));
    assert!(ar.contains("من يستطيع مساعدتي؟"));
    assert!(ar.contains("انتقل إلى المحتوى الرئيسي"));
}

#[test]
fn a_missing_string_falls_back_to_english_and_check_says_so() {
    let site = with(&[
        (&format!("{DIR}/children.ps.md"), PASHTO),
        (
            "i18n/ps.yaml",
            "talk:\n  heading: زه له چا سره خبرې وکړم؟\n",
        ),
    ]);
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(run.stderr.contains("i18n/ps.yaml"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("have no text in `ps` (پښتو), so pages in it show them in English"),
        "{}",
        run.stderr
    );
    site.build().assert_ok();
    let ps = page(&site, Some("ps"));
    assert!(ps.contains("زه له چا سره خبرې وکړم؟"));
    // Not given in Pashto: English, the fallback.
    assert!(ps.contains("Read this page to me"));
}

#[test]
fn a_language_with_no_strings_is_written_in_the_sites_and_marked_so() {
    let site = with(&[(&format!("{DIR}/children.ps.md"), PASHTO)]);
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(
        run.stderr.contains("There are no strings in `ps`"),
        "{}",
        run.stderr
    );
    site.build().assert_ok();
    let ps = page(&site, Some("ps"));
    assert!(ps.contains("<header class=\"site-header\" lang=\"en-GB\" dir=\"ltr\">"));
    assert!(ps.contains("<html lang=\"ps\" dir=\"rtl\">"));
}

#[test]
fn site_yaml_gives_the_title_and_contacts_per_language() {
    let site_yaml = "\
title:
  en-GB: Test inspections
  ar: عمليات التفتيش
base_url: https://example.github.io/test-site/
authority: Testshire County Council
contacts:
  - name:
      en-GB: Childline
      ar: تشايلدلاين
    phone: 0800 1111
    description:
      en-GB: You can talk to Childline about anything.
      ar: يمكنك أن تتحدث مع تشايلدلاين عن أي شيء.
  - name: Plain Contact
    description: A plain description.
";
    let site = with(&[
        ("site.yaml", site_yaml),
        (&format!("{DIR}/children.ar.md"), ARABIC),
    ]);
    site.build().assert_ok();
    let ar = page(&site, Some("ar"));
    assert!(ar.contains("عمليات التفتيش"));
    assert!(ar.contains("تشايلدلاين"));
    assert!(ar.contains("يمكنك أن تتحدث مع تشايلدلاين عن أي شيء."));
    // Given once: the same in every language.
    assert!(ar.contains("Plain Contact"));
    let en = page(&site, None);
    assert!(en.contains("<a class=\"site-title\" href=\"/test-site/\">Test inspections</a>"));
    assert!(en.contains("You can talk to Childline about anything."));
    assert!(!en.contains("تشايلدلاين"));
}

#[test]
fn a_title_per_language_needs_the_sites_language() {
    let site_yaml = "title:\n  ar: عمليات التفتيش\nbase_url: https://example.github.io/test-site/\nauthority: Testshire County Council\n";
    let site = with(&[("site.yaml", site_yaml)]);
    site.build().assert_content_error(
        "site.yaml:2:3",
        "`title` is given per language, but not in the site's language `en-GB`",
    );
}

#[test]
fn a_strings_file_must_be_named_by_a_language_and_hold_text() {
    let site = with(&[("i18n/arabic words.yaml", "talk.heading: x\n")]);
    site.build()
        .assert_content_error("i18n/arabic words.yaml", "is not named by a language tag");
    let site = with(&[("i18n/ar.yaml", "talk:\n  heading:\n    - a list\n")]);
    site.build().assert_content_error(
        "i18n/ar.yaml:3:5",
        "The string `talk.heading` is a list; it should be text.",
    );
}

#[test]
fn a_recording_is_copied_and_offered_before_read_aloud() {
    let site = Site::valid_with(&[
        (&format!("{DIR}/children.mp3"), b"ID3 fake mp3".as_slice()),
        (&format!("{DIR}/children.ar.md"), ARABIC.as_bytes()),
        (
            &format!("{DIR}/children.ar.mp3"),
            b"ID3 fake arabic mp3".as_slice(),
        ),
    ]);
    site.build().assert_ok();
    assert_eq!(
        std::fs::read(site.path("site/inspections/2025-11-ilacs/children.mp3")).unwrap(),
        b"ID3 fake mp3"
    );
    assert!(
        site.path("site/inspections/2025-11-ilacs/children.ar.mp3")
            .exists()
    );
    let en = page(&site, None);
    let audio = en
        .find("<audio controls")
        .expect("the English page offers its recording");
    assert!(en.contains("src=\"/test-site/inspections/2025-11-ilacs/children.mp3\""));
    let button = en.find("data-read-aloud").unwrap();
    assert!(audio < button, "the recording comes before read-aloud");
    let ar = page(&site, Some("ar"));
    assert!(ar.contains("src=\"/test-site/inspections/2025-11-ilacs/children.ar.mp3\""));
}

#[test]
fn a_page_without_a_recording_offers_none() {
    let site = Site::new(&valid_site());
    site.build().assert_ok();
    assert!(!page(&site, None).contains("<audio"));
}

#[test]
fn recordings_no_page_offers_are_warned_about() {
    let site = Site::valid_with(&[
        (&format!("{DIR}/children.ar.mp3"), b"ID3".as_slice()),
        (&format!("{DIR}/Children.m4a"), b"ftyp".as_slice()),
    ]);
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("there is no children.ar.md in this folder, so no page offers it"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`Children.m4a` looks like a recording of the child page"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_translation_missing_the_english_parts_is_warned_about() {
    let children = "---\nin_short: Kent is good. Care leavers need more help.\nchildren_said:\n  - Children said their IRO listens.\n---\nThe people who look after you are doing a good job.\n";
    let site = with(&[
        (&format!("{DIR}/children.md"), children),
        (&format!("{DIR}/children.ar.md"), ARABIC),
    ]);
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "children.md gives `in_short`, `children_said`, but this translation does not, so the page in العربية (ar) leaves them out."
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("children.ar.md"), "{}", run.stderr);
}

#[test]
fn kents_arabic_page_has_every_part_the_english_one_has() {
    let out = kent(&["check"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("but this translation does not"),
        "{stderr}"
    );
}

#[test]
fn footer_names_the_sites_pages_in_the_pages_language_when_given() {
    let site = with(&[
        (&format!("{DIR}/children.ar.md"), ARABIC),
        ("i18n/ar.yaml", "pages:\n  about: عن هذا الموقع\n"),
    ]);
    site.build().assert_ok();
    let ar = page(&site, Some("ar"));
    assert!(
        ar.contains("<a href=\"/test-site/about/\" hreflang=\"en-GB\">عن هذا الموقع <span class=\"meta\">(بالإنجليزية)</span></a>"),
        "{ar}"
    );
    // The English page keeps the page's own title.
    let en = page(&site, None);
    assert!(
        en.contains("<a href=\"/test-site/about/\">About</a>"),
        "{en}"
    );
    // With no title in Arabic, the English one, marked as English.
    let site = with(&[(&format!("{DIR}/children.ar.md"), ARABIC)]);
    site.build().assert_ok();
    let ar = page(&site, Some("ar"));
    assert!(
        ar.contains("<a href=\"/test-site/about/\" lang=\"en-GB\" dir=\"ltr\">About</a>"),
        "{ar}"
    );
}
