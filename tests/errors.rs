//! Every error an editor can cause: exit status 1, the file, line and
//! column, what is wrong, a suggestion, no panic, and the output untouched.

mod common;

use common::*;

const INSPECTION: &str = "content/inspections/2025-11-ilacs/inspection.yaml";

fn with_inspection(yaml: &str) -> Site {
    Site::valid_with(&[(INSPECTION, yaml.as_bytes())])
}

/// Builds once cleanly, breaks the site, builds again: the error must be
/// reported and the first build's output left exactly as it was.
#[track_caller]
fn assert_breaks(site: &Site, break_it: impl FnOnce(&Site), file_line: &str, words: &str) -> Run {
    let fresh = Site::new(&valid_site());
    drop(fresh);
    let previous = site.path("site");
    std::fs::create_dir_all(&previous).unwrap();
    std::fs::write(previous.join("marker.txt"), "old site").unwrap();
    // Marked as a site Clarion built, which a build may replace.
    std::fs::write(previous.join(".clarion-site"), "").unwrap();
    break_it(site);
    let run = site.build();
    run.assert_content_error(file_line, words);
    assert_eq!(
        site.read("site/marker.txt"),
        "old site",
        "the previous output was touched"
    );
    assert_eq!(snapshot(&previous).len(), 2);
    run
}

#[test]
fn unknown_key_in_site_yaml_suggests_the_nearest() {
    let site = Site::valid_with(&[(
        "site.yaml",
        format!("{SITE_YAML}langauge: en-GB\n").as_bytes(),
    )]);
    let run = assert_breaks(&site, |_| {}, "site.yaml:4:1", "`langauge` is not a key");
    assert!(
        run.stderr.contains("Did you mean `language`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_key_in_inspection_yaml_suggests_the_nearest() {
    let site = with_inspection(&INSPECTION_YAML.replace("framework:", "framwork:"));
    let run = site.build();
    run.assert_content_error("inspection.yaml:1:1", "`framwork` is not a key");
    assert!(
        run.stderr.contains("Did you mean `framework`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_grade_lists_grades_and_suggests_nearest() {
    let site = with_inspection(&INSPECTION_YAML.replace("overall: good", "overall: goood"));
    let run = assert_breaks(
        &site,
        |_| {},
        "inspection.yaml:6:10",
        "`goood` is not a grade in the `ilacs` framework",
    );
    // The whole message: the suggestion, the list of grades, the caret.
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn grades_accept_labels_aliases_any_case_and_spacing() {
    let yaml = INSPECTION_YAML
        .replace("overall: good", "overall: GOOD")
        .replace(
            "grade: requires improvement to be good",
            "grade: Requires_Improvement-to be  good",
        );
    with_inspection(&yaml).build().assert_ok();
    let yaml = "framework: safeguarding-lac-2009\nstart: 2010-10\njudgements:\n  - name: Safeguarding services\n    grade: grade 4\n";
    with_inspection(yaml).build().assert_ok();
}

#[test]
fn a_wrong_grade_in_a_nested_part_points_at_its_line() {
    let yaml = "framework: sif\nstart: 2017-03\noverall: good\njudgements:\n  - name: Children looked after\n    grade: good\n    parts:\n      - name: Adoption performance\n        grade: requires improvment\n";
    with_inspection(yaml).build().assert_content_error(
        "inspection.yaml:9:16",
        "Did you mean `Requires improvement`?",
    );
}

#[test]
fn impossible_dates_are_errors() {
    let site = with_inspection(&INSPECTION_YAML.replace("start: 2025-11-03", "start: 2025-02-30"));
    site.build()
        .assert_content_error("inspection.yaml:3:8", "February 2025 has 28 days");
    let site =
        with_inspection(&INSPECTION_YAML.replace("start: 2025-11-03", "start: 3rd November 2025"));
    site.build()
        .assert_content_error("inspection.yaml:3:8", "YYYY-MM-DD");
    let site = with_inspection(&INSPECTION_YAML.replace("end: 2025-11-07", "end: 2025-10-07"));
    site.build().assert_content_error(
        "inspection.yaml:4:6",
        "`end` (2025-10-07) is before `start`",
    );
}

#[test]
fn partial_dates_are_accepted() {
    let yaml = INSPECTION_YAML.replace(
        "start: 2025-11-03\nend: 2025-11-07\npublished: 2025-12-12",
        // A year only, and one in which the inspection's framework (ILACS) ran.
        "published: 2019",
    );
    with_inspection(&yaml).build().assert_ok();
}

#[test]
fn an_inspection_needs_a_date() {
    let yaml = INSPECTION_YAML.replace(
        "start: 2025-11-03\nend: 2025-11-07\npublished: 2025-12-12\n",
        "",
    );
    with_inspection(&yaml)
        .build()
        .assert_content_error("inspection.yaml:1:1", "needs a `start` date");
}

#[test]
fn bad_slugs_suggest_the_corrected_name() {
    let mut files = valid_site();
    files.push((
        "content/inspections/2024 Kent_ILACS/inspection.yaml",
        INSPECTION_YAML.into(),
    ));
    files.push((
        "content/inspections/2024 Kent_ILACS/summary.md",
        b"x".to_vec(),
    ));
    files.push((
        "content/inspections/2024 Kent_ILACS/children.md",
        b"x".to_vec(),
    ));
    let run = Site::new(&files).build();
    run.assert_content_error(
        "content/inspections/2024 Kent_ILACS",
        "Rename the folder to `2024-kent-ilacs`",
    );
    let site = Site::valid_with(&[("content/pages/About Us.md", b"hi")]);
    site.build()
        .assert_content_error("content/pages/About Us.md", "Rename it to `about-us.md`");
}

#[test]
fn ungraded_kinds_cannot_carry_grades() {
    let yaml = INSPECTION_YAML.replace("kind: full", "kind: focused-visit");
    let run = with_inspection(&yaml).build();
    run.assert_content_error(
        "inspection.yaml:6:1",
        "A `focused-visit` inspection is not graded, so it cannot have `overall`",
    );
    assert!(
        run.stderr.contains("inspection.yaml:7:1"),
        "judgements reported too: {}",
        run.stderr
    );
}

#[test]
fn ungraded_visits_need_no_children_page() {
    let site = Site::valid_with(&[
        (INSPECTION, b"kind: thematic\nstart: 2014-10\n"),
        ("content/inspections/2025-11-ilacs/children.md", b""),
    ]);
    site.build().assert_ok();
}

#[test]
fn overall_is_required_where_the_framework_says() {
    let yaml = INSPECTION_YAML.replace("overall: good\n", "");
    with_inspection(&yaml)
        .build()
        .assert_content_error("inspection.yaml:1:1", "needs an `overall` grade");
}

#[test]
fn unknown_framework_suggests_the_nearest() {
    let yaml = INSPECTION_YAML.replace("framework: ilacs", "framework: ilac");
    let run = with_inspection(&yaml).build();
    run.assert_content_error(
        "inspection.yaml:1:12",
        "`ilac` is not a known inspection framework",
    );
    assert!(
        run.stderr.contains("Did you mean `ilacs`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn documents_must_name_inspections_that_exist() {
    let doc = "---\ntitle: Response\ndate: 2026-01-10\ninspections: [2025-11-ilac]\n---\nText\n";
    let site = Site::valid_with(&[("content/documents/2026-01-response.md", doc.as_bytes())]);
    let run = site.build();
    run.assert_content_error(
        "content/documents/2026-01-response.md:4:15",
        "There is no inspection `2025-11-ilac`",
    );
    assert!(
        run.stderr.contains("Did you mean `2025-11-ilacs`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn documents_need_title_and_date() {
    let site = Site::valid_with(&[(
        "content/documents/2026-01-response.md",
        b"---\ntitle: Response\n---\nText\n",
    )]);
    site.build()
        .assert_content_error("content/documents/2026-01-response.md:1:1", "needs `date`");
}

#[test]
fn graded_inspections_need_a_children_page() {
    let site = Site::valid_with(&[("content/inspections/2025-11-ilacs/children.md", b"")]);
    site.build().assert_content_error(
        "content/inspections/2025-11-ilacs/children.md",
        "has no children.md",
    );
}

#[test]
fn inspections_need_a_summary_and_inspection_yaml() {
    let site = Site::valid_with(&[("content/inspections/2025-11-ilacs/summary.md", b"")]);
    site.build().assert_content_error(
        "content/inspections/2025-11-ilacs/summary.md",
        "has no summary.md",
    );
    let mut files = valid_site();
    files.push(("content/inspections/2026-empty/summary.md", b"x".to_vec()));
    Site::new(&files).build().assert_content_error(
        "content/inspections/2026-empty/inspection.yaml",
        "no inspection.yaml",
    );
    // A folder with nothing in it at all is still an inspection to finish.
    let site = Site::new(&valid_site());
    std::fs::create_dir_all(site.path("content/inspections/2026-nothing")).unwrap();
    site.build().assert_content_error(
        "content/inspections/2026-nothing/inspection.yaml",
        "no inspection.yaml",
    );
}

#[test]
fn bad_yaml_names_the_line() {
    let site = with_inspection("framework: ilacs\nkind: full\n  start: 2025-11-03\n");
    let run = site.build();
    run.assert_content_error("inspection.yaml:", "could not be read");
    let site =
        with_inspection("framework: ilacs\nframework: sif\nstart: 2025-11-03\noverall: good\n");
    site.build()
        .assert_content_error("inspection.yaml:2:", "duplicate");
}

#[test]
fn invalid_utf8_is_an_error_naming_the_file() {
    let site = Site::valid_with(&[(
        "content/inspections/2025-11-ilacs/summary.md",
        b"Fine line\nBad \xff byte\n",
    )]);
    assert_breaks(
        &site,
        |_| {},
        "content/inspections/2025-11-ilacs/summary.md:2:5",
        "not valid UTF-8",
    );
}

#[test]
fn huge_files_are_refused() {
    let huge = vec![b'a'; 11 * 1024 * 1024];
    let site = Site::valid_with(&[("content/inspections/2025-11-ilacs/summary.md", &huge)]);
    site.build()
        .assert_content_error("content/inspections/2025-11-ilacs/summary.md", "MiB");
}

#[test]
fn glossary_entries_need_a_meaning() {
    let site = Site::valid_with(&[(
        "content/glossary.yaml",
        b"- term: care leaver\n- term: IRO\n  meaning: \"\"\n",
    )]);
    let run = site.build();
    run.assert_content_error("content/glossary.yaml:1:3", "`care leaver` has no meaning");
    assert!(
        run.stderr.contains("content/glossary.yaml:3:12"),
        "{}",
        run.stderr
    );
}

#[test]
fn translations_need_a_valid_language_tag() {
    let site = Site::valid_with(&[(
        "content/inspections/2025-11-ilacs/children.arabic-lang.md",
        "مرحبا".as_bytes(),
    )]);
    site.build()
        .assert_content_error("children.arabic-lang.md", "not a valid language tag");
}

#[test]
fn front_matter_that_never_closes() {
    let site = Site::valid_with(&[(
        "content/pages/about.md",
        b"---\ntitle: About\nNo closing fence\n",
    )]);
    site.build()
        .assert_content_error("content/pages/about.md:1:1", "never closed");
}

#[test]
fn unknown_front_matter_keys() {
    let site = Site::valid_with(&[("content/pages/about.md", b"---\ntitel: About\n---\nHi\n")]);
    site.build()
        .assert_content_error("content/pages/about.md:2:1", "Did you mean `title`?");
}

#[test]
fn every_error_is_reported_in_one_run() {
    let yaml = INSPECTION_YAML
        .replace("overall: good", "overall: goood")
        .replace("start: 2025-11-03", "start: 2025-13-03")
        .replace("kind: full", "kind: full\ncolour: red");
    let site = Site::valid_with(&[
        (INSPECTION, yaml.as_bytes()),
        ("site.yaml", format!("{SITE_YAML}titel: x\n").as_bytes()),
    ]);
    let run = site.build();
    assert_eq!(run.code, 1);
    // All four errors, in order, then "4 errors".
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn missing_site_yaml() {
    let site = Site::new(&[("content/index.md", b"hi".to_vec())]);
    site.build()
        .assert_content_error("site.yaml", "There is no site.yaml");
}

#[test]
fn reserved_page_names() {
    let site = Site::valid_with(&[("content/pages/glossary.md", b"hi")]);
    site.build()
        .assert_content_error("content/pages/glossary.md", "cannot be called `glossary`");
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang_and_are_errors() {
    let site = Site::new(&valid_site());
    std::os::unix::fs::symlink(site.path("content"), site.path("content/inspections/loop"))
        .unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.path("content/pages/passwd.md")).unwrap();
    let run = site.build();
    run.assert_content_error("content/inspections/loop", "symbolic link");
    assert!(
        run.stderr.contains("content/pages/passwd.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn alias_bombs_and_deep_nesting_are_refused_quickly() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut prev = "a".to_string();
    for n in ["b", "c", "d", "e", "f", "g", "h", "i"] {
        bomb.push_str(&format!("{n}: &{n} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        prev = n.to_string();
    }
    let started = std::time::Instant::now();
    with_inspection(&bomb)
        .build()
        .assert_content_error("inspection.yaml:", "could not be read");
    let deep = format!("framework: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    with_inspection(&deep)
        .build()
        .assert_content_error("inspection.yaml:", "could not be read");
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn unsafe_links_are_warned_and_removed() {
    let site = Site::valid_with(&[(
        "content/inspections/2025-11-ilacs/summary.md",
        b"Hello\n\n[x](javascript:alert(1))\n",
    )]);
    let run = site.build();
    run.assert_ok();
    assert!(run.stderr.contains("summary.md:3"), "{}", run.stderr);
    assert!(
        !site
            .read("site/inspections/2025-11-ilacs/index.html")
            .contains("javascript:")
    );
}

#[test]
fn broken_relative_links_fail_the_build() {
    let site = Site::valid_with(&[(
        "content/pages/about.md",
        b"---\ntitle: About\n---\n\nSee [this](../nowhere.md).\n",
    )]);
    site.build().assert_content_error(
        "content/pages/about.md:5:12",
        "points to a page or file that the site does not have",
    );
}

#[test]
fn two_translations_into_one_language_are_an_error() {
    let site = Site::valid_with(&[
        (
            "content/inspections/2025-11-ilacs/children.ar.md",
            "مرحبا".as_bytes(),
        ),
        (
            "content/inspections/2025-11-ilacs/children.AR.md",
            "مرحبا".as_bytes(),
        ),
    ]);
    site.build()
        .assert_content_error("children.ar.md", "already a translation");
}

// ------------------------------------------- withheld inspections, and what names them

#[test]
fn a_document_about_a_withheld_inspection_is_withheld_with_it() {
    let draft = INSPECTION_YAML.replace("framework: ilacs", "framework: ilacs\ndraft: true");
    let embargoed = INSPECTION_YAML.replace(
        "framework: ilacs",
        "framework: ilacs\nembargo: 2999-01-01T00:01:00Z",
    );
    for (yaml, why) in [(draft, "is a draft"), (embargoed, "is embargoed until")] {
        let mut files = valid_site();
        files.push((
            "content/inspections/2026-02-ilacs/inspection.yaml",
            yaml.into_bytes(),
        ));
        files.push((
            "content/inspections/2026-02-ilacs/summary.md",
            b"Summary.\n".to_vec(),
        ));
        files.push((
            "content/inspections/2026-02-ilacs/children.md",
            b"For you.\n".to_vec(),
        ));
        files.push((
            "content/documents/2026-03-response.md",
            b"---\ntitle: Our response to the February 2026 inspection\ndate: 2026-03-01\ninspections:\n  - 2025-11-ilacs\n  - 2026-02-ilacs\n---\nWe will act.\n"
                .to_vec(),
        ));
        let site = Site::new(&files);
        for args in [&["check"][..], &["build"][..]] {
            let run = site.run(args);
            run.assert_ok();
            assert!(
                run.stderr
                    .contains("content/documents/2026-03-response.md:6:5")
                    && run.stderr.contains(&format!(
                        "This document is not published: the inspection `2026-02-ilacs` it is about {why}"
                    )),
                "{args:?}: {}",
                run.stderr
            );
        }
        for (file, bytes) in snapshot(&site.path("site")) {
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("February 2026 inspection") && !text.contains("2026-03-response"),
                "{file} shows the withheld document"
            );
        }
        site.run(&["build", "--drafts"]).assert_ok();
        assert!(
            site.read("site/feed.xml")
                .contains("February 2026 inspection")
        );
        assert!(site.read("site/sitemap.xml").contains("2026-03-response"));
    }
}

// ------------------------------------------- input that looks valid is read as written

#[test]
fn phone_numbers_keep_their_leading_zero() {
    let yaml = format!(
        "{SITE_YAML}contacts:\n  - name: Childline\n    phone: 08001111\n  - name: Helpline\n    phone: +448001111\n"
    );
    let site = Site::valid_with(&[("site.yaml", yaml.as_bytes())]);
    site.build().assert_ok();
    let child = site.read("site/inspections/2025-11-ilacs/children/index.html");
    assert!(
        child.contains("href=\"tel:08001111\">08001111</a>"),
        "{child}"
    );
    assert!(child.contains("href=\"tel:+448001111\""), "{child}");
}

#[test]
fn a_base_url_ending_in_two_slashes_gives_ordinary_links() {
    let yaml = SITE_YAML.replace("/test-site/", "/test-site//");
    let site = Site::valid_with(&[("site.yaml", yaml.as_bytes())]);
    site.build().assert_ok();
    let home = site.read("site/index.html");
    assert!(!home.contains("\"//"), "{home}");
    assert!(home.contains("/test-site/"), "{home}");
    assert!(!site.read("site/sitemap.xml").contains("test-site//"));
}

#[test]
fn a_rule_at_the_top_of_a_page_keeps_the_heading_under_it() {
    let site = Site::valid_with(&[(
        "content/pages/promise.md",
        b"---\n# Our promise\n---\n\nWe listen.\n",
    )]);
    site.build().assert_ok();
    let page = site.read("site/promise/index.html");
    assert!(page.contains(">Our promise</h"), "{page}");
    assert!(page.contains("<hr"), "{page}");
    assert!(page.contains("We listen."), "{page}");
}

#[test]
fn headings_do_not_take_the_theme_ids() {
    let site = Site::valid_with(&[(
        "content/pages/about.md",
        b"---\ntitle: About\n---\n## Main\n\nText.\n\n## Content\n",
    )]);
    site.build().assert_ok();
    let page = site.read("site/about/index.html");
    assert_eq!(page.matches("id=\"main\"").count(), 1, "{page}");
    assert!(page.contains("id=\"main-2\"") && page.contains("id=\"content-2\""));
}

/// Every id the default theme writes is one headings leave alone.
#[test]
fn the_reserved_ids_cover_the_default_theme() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for part in text.split("id=\"").skip(1) {
            let id = part.split('"').next().unwrap();
            if !id.contains('{') {
                assert!(
                    clarion::markdown::THEME_IDS.contains(&id),
                    "`{id}` is not in THEME_IDS"
                );
            }
        }
    }
}

#[test]
fn word_lock_files_among_pages_are_ignored_and_named() {
    let site = Site::valid_with(&[
        ("content/pages/~$about.md", b"\x00\x01junk"),
        ("content/documents/~$response.md", b"junk"),
    ]);
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr.contains("content/pages/~$about.md")
            && run.stderr.contains("lock file")
            && !run.stderr.contains("Rename it"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/documents/~$response.md"));
    assert!(!site.path("site/~$about").exists());
}

// ------------------------------------------- one error, not a cascade

#[test]
fn a_syntax_error_in_site_yaml_is_not_followed_by_one_error_per_inspection() {
    let site = Site::valid_with(&[(
        "site.yaml",
        b"title: Test inspections\nbase_url: [https://example.github.io/\nauthority: Testshire County Council\n",
    )]);
    let run = site.build();
    run.assert_content_error("site.yaml:", "could not be read");
    assert!(
        !run.stderr.contains("does not say which authority"),
        "{}",
        run.stderr
    );
    // Nor after a missing site.yaml.
    let site = Site::valid_with(&[]);
    std::fs::remove_file(site.path("site.yaml")).unwrap();
    let run = site.build();
    run.assert_content_error("site.yaml", "There is no site.yaml");
    assert!(
        !run.stderr.contains("does not say which authority"),
        "{}",
        run.stderr
    );
    // Without site.yaml's error, a missing authority is still reported.
    let site = Site::valid_with(&[(
        "site.yaml",
        b"title: Test inspections\nbase_url: https://example.github.io/\n",
    )]);
    site.build()
        .assert_content_error("inspection.yaml:1:1", "does not say which authority");
}

#[test]
fn a_document_whose_front_matter_cannot_be_read_gets_that_error_alone() {
    for front in [
        "---\ntitle: [Response\ndate: 2026-01-10\n---\nText\n",
        "---\ntitle: Response\ndate: 2026-01-10\n",
    ] {
        let site = Site::valid_with(&[("content/documents/2026-01-response.md", front.as_bytes())]);
        let run = site.build();
        run.assert_content_error("content/documents/2026-01-response.md:", "");
        assert!(!run.stderr.contains("needs `"), "{}", run.stderr);
    }
}

#[test]
fn a_bad_page_name_is_not_told_to_take_a_name_in_use() {
    let site = Site::valid_with(&[("content/pages/About.md", b"# About again\n")]);
    let run = site.build();
    run.assert_content_error("content/pages/About.md", "is not a valid page file name");
    assert!(
        run.stderr.contains("`about.md` is taken")
            && !run.stderr.contains("Rename it to `about.md`"),
        "{}",
        run.stderr
    );
}
