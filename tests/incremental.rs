//! Partial rebuilds (for `serve`) must give exactly the site a full build gives.

mod common;

use std::path::PathBuf;

use clarion::pipeline::{self, Options};
use clarion::render::{Content, Files};
use clarion::session::{Kind, Session};
use common::*;

fn opts(site: &Site) -> Options {
    Options {
        root: site.root().to_path_buf(),
        now: Some(clarion::dates::Timestamp(1_900_000_000)),
        ..Options::default()
    }
}

fn bytes(files: &Files) -> Vec<(String, Vec<u8>)> {
    files
        .iter()
        .map(|(k, v)| {
            let b = match v {
                Content::Bytes(b) => b.to_vec(),
                Content::Copy(p) | Content::Staged(p) => std::fs::read(p).unwrap(),
            };
            (k.clone(), b)
        })
        .collect()
}

/// Edits the site, rebuilds partially, and compares with a full build.
#[track_caller]
fn edit_and_compare(site: &Site, session: &mut Session, rel: &str, text: &str) -> Kind {
    site.write(rel, text);
    let report = session.rebuild(&[PathBuf::from(rel)]).unwrap();
    assert!(report.ok(), "{:?}", report.diagnostics);
    let kind = session.last.unwrap();
    let partial = bytes(&report.built.unwrap().files);
    let full = bytes(
        &pipeline::build_in_memory(&opts(site))
            .unwrap()
            .built
            .unwrap()
            .files,
    );
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&partial), names(&full), "the same files");
    for ((name, a), (_, b)) in partial.iter().zip(&full) {
        assert!(a == b, "{name} differs after a partial rebuild");
    }
    kind
}

#[test]
fn a_summary_edit_re_renders_one_page_and_matches_a_full_build() {
    let site = Site::new(&valid_site());
    let mut session = Session::new(opts(&site));
    assert!(session.rebuild(&[]).unwrap().ok());
    let kind = edit_and_compare(
        &site,
        &mut session,
        "content/inspections/2025-11-ilacs/summary.md",
        "## New\n\nA changed summary.\n",
    );
    assert_eq!(kind, Kind::Partial { pages: 1 });
}

#[test]
fn edits_of_children_grades_and_files_match_a_full_build() {
    let site = Site::new(&valid_site());
    let mut session = Session::new(opts(&site));
    assert!(session.rebuild(&[]).unwrap().ok());
    let kind = edit_and_compare(
        &site,
        &mut session,
        "content/inspections/2025-11-ilacs/children.md",
        "The care leavers are happy now.\n",
    );
    assert!(matches!(kind, Kind::Partial { pages: 1 }), "{kind:?}");
    let yaml = INSPECTION_YAML.replace("overall: good", "overall: outstanding");
    let kind = edit_and_compare(
        &site,
        &mut session,
        "content/inspections/2025-11-ilacs/inspection.yaml",
        &yaml,
    );
    assert!(matches!(kind, Kind::Partial { .. }), "{kind:?}");
    edit_and_compare(
        &site,
        &mut session,
        "content/inspections/2025-11-ilacs/children.ar.md",
        "---\nreviewed: false\n---\nمرحبا\n",
    );
    edit_and_compare(
        &site,
        &mut session,
        "content/inspections/2025-11-ilacs/report.pdf",
        "%PDF-1.4 fake",
    );
    let moved = INSPECTION_YAML.replace("start: 2025-11-03", "start: 2024-11-03");
    edit_and_compare(
        &site,
        &mut session,
        "content/inspections/2025-11-ilacs/inspection.yaml",
        &moved,
    );
}

#[test]
fn a_line_that_only_moves_grades_re_renders_their_own_pages_alone() {
    let site = Site::new(&valid_site());
    let mut session = Session::new(opts(&site));
    assert!(session.rebuild(&[]).unwrap().ok());
    let rel = "content/inspections/2025-11-ilacs/inspection.yaml";
    // Grades and dates as they were, a line lower: no other page shows a
    // position, so only the inspection's own pages are made again.
    let moved = edit_and_compare(
        &site,
        &mut session,
        rel,
        &format!("# Checked.\n{INSPECTION_YAML}"),
    );
    let Kind::Partial { pages: moved } = moved else {
        panic!("{moved:?}");
    };
    let regraded = INSPECTION_YAML.replace("overall: good", "overall: outstanding");
    let Kind::Partial { pages: regraded } = edit_and_compare(&site, &mut session, rel, &regraded)
    else {
        panic!("a grade edit is partial");
    };
    assert!(
        moved < regraded,
        "{moved} pages for a move, {regraded} for a grade"
    );
}

#[test]
fn other_changes_rebuild_everything() {
    let site = Site::new(&valid_site());
    let mut session = Session::new(opts(&site));
    assert!(session.rebuild(&[]).unwrap().ok());
    let kind = edit_and_compare(
        &site,
        &mut session,
        "site.yaml",
        &format!("{SITE_YAML}description: New words.\n"),
    );
    assert_eq!(kind, Kind::Full);
    let kind = edit_and_compare(
        &site,
        &mut session,
        "content/glossary.yaml",
        "- term: social worker\n  meaning: Helps you.\n",
    );
    assert_eq!(kind, Kind::Full);
}

#[test]
fn an_error_keeps_the_last_good_site_and_a_fix_brings_it_back() {
    let site = Site::new(&valid_site());
    let mut session = Session::new(opts(&site));
    assert!(session.rebuild(&[]).unwrap().ok());
    let rel = "content/inspections/2025-11-ilacs/inspection.yaml";
    site.write(
        rel,
        &INSPECTION_YAML.replace("overall: good", "overall: goood"),
    );
    let report = session.rebuild(&[PathBuf::from(rel)]).unwrap();
    assert!(!report.ok());
    assert!(
        report
            .diagnostics
            .items
            .iter()
            .any(|d| d.file.ends_with("inspection.yaml") && d.pos.line == 6)
    );
    let kind = edit_and_compare(&site, &mut session, rel, INSPECTION_YAML);
    assert!(matches!(kind, Kind::Partial { .. }));
}

#[test]
fn a_broken_link_made_in_a_partial_rebuild_is_an_error_until_fixed() {
    let site = Site::new(&valid_site());
    let mut session = Session::new(opts(&site));
    assert!(session.rebuild(&[]).unwrap().ok());
    let rel = "content/inspections/2025-11-ilacs/summary.md";
    site.write(rel, "## Found\n\nSee [about](/abot/).\n");
    let report = session.rebuild(&[PathBuf::from(rel)]).unwrap();
    assert!(matches!(session.last, Some(Kind::Partial { .. })));
    assert!(!report.ok());
    assert!(report.diagnostics.items.iter().any(|d| d.is_error()
        && d.file == rel
        && (d.pos.line, d.pos.column) == (3, 13)
        && d.help.as_deref().unwrap_or("").contains("`/about/`")));
    let kind = edit_and_compare(&site, &mut session, rel, SUMMARY_MD);
    assert!(matches!(kind, Kind::Partial { .. }));
}

/// The valid site with three more councils, two of them named in scripts
/// that slugify alike (`untitled`, `untitled-2`), and a document about one.
fn councils_site() -> Site {
    let other = |authority: &str, start: &str| {
        INSPECTION_YAML
            .replace("start: 2025-11-03", &format!("start: {start}"))
            .replace("kind: full", &format!("kind: full\nauthority: {authority}"))
            .into_bytes()
    };
    let mut files = valid_site();
    for (dir, authority, start) in [
        ("2024-05-ilacs", "Otherton Council", "2024-05-06"),
        ("2023-01-ilacs", "مجلس المدينة", "2023-01-09"),
        ("2022-01-ilacs", "市议会", "2022-01-10"),
    ] {
        let dir: &'static str = format!("content/inspections/{dir}").leak();
        files.push((
            format!("{dir}/inspection.yaml").leak(),
            other(authority, start),
        ));
        files.push((
            format!("{dir}/summary.md").leak(),
            "Things are fine.\n".into(),
        ));
        files.push((format!("{dir}/children.md").leak(), CHILDREN_MD.into()));
    }
    files.push((
        "content/documents/2024-06-plan.md",
        "---\ntitle: Otherton's plan\ndate: 2024-06-10\ninspections: [2024-05-ilacs]\n---\nThe plan.\n"
            .into(),
    ));
    Site::new(&files)
}

/// Each page kind is shown by an edit of what it reads, partial or whole:
/// home, lists, an inspection's pages, authorities (A to Z and each one's,
/// including a `-2` slug), England, find, documents, pages, glossary, 404.
#[test]
fn every_page_kind_matches_a_full_build_after_an_edit() {
    let site = councils_site();
    let mut session = Session::new(opts(&site));
    let first = session.rebuild(&[]).unwrap();
    assert!(first.ok(), "{:?}", first.diagnostics);
    let built = bytes(&session.rebuild(&[]).unwrap().built.unwrap().files);
    for page in [
        "authorities/index.html",
        "authorities/untitled-2/index.html",
        "england/index.html",
        "find/index.html",
        "documents/2024-06-plan/index.html",
        "404.html",
    ] {
        assert!(built.iter().any(|(p, _)| p == page), "{page} is built");
    }
    let dir = "content/inspections";
    let graded = |authority: &str, start: &str, overall: &str| {
        INSPECTION_YAML
            .replace("start: 2025-11-03", &format!("start: {start}"))
            .replace("kind: full", &format!("kind: full\nauthority: {authority}"))
            .replace("overall: good", &format!("overall: {overall}"))
    };
    // Data: lists, authorities, England, find and the linked document.
    for (rel, yaml) in [
        (
            format!("{dir}/2024-05-ilacs/inspection.yaml"),
            graded("Otherton Council", "2024-05-06", "outstanding"),
        ),
        (
            format!("{dir}/2022-01-ilacs/inspection.yaml"),
            graded("市议会", "2022-01-10", "inadequate"),
        ),
    ] {
        let kind = edit_and_compare(&site, &mut session, &rel, &yaml);
        assert!(matches!(kind, Kind::Partial { .. }), "{rel}: {kind:?}");
    }
    // Texts: the inspection's own page and its children's page.
    for (rel, text) in [
        (format!("{dir}/2023-01-ilacs/summary.md"), "Changed.\n"),
        (format!("{dir}/2023-01-ilacs/children.md"), "Changed too.\n"),
    ] {
        assert_eq!(
            edit_and_compare(&site, &mut session, &rel, text),
            Kind::Partial { pages: 1 },
            "{rel}"
        );
    }
    // Documents, pages, the glossary and the layout (404) rebuild it all.
    for (rel, text) in [
        (
            "content/documents/2024-06-plan.md",
            "---\ntitle: A new plan\ndate: 2024-06-10\ninspections: [2024-05-ilacs]\n---\nNew.\n",
        ),
        (
            "content/pages/about.md",
            "---\ntitle: About us\n---\nNew.\n",
        ),
        (
            "content/glossary.yaml",
            "- term: care leaver\n  meaning: Someone who was in care.\n",
        ),
        (
            "site.yaml",
            "title: New title\nbase_url: https://example.github.io/t/\nauthority: Testshire County Council\n",
        ),
    ] {
        assert_eq!(
            edit_and_compare(&site, &mut session, rel, text),
            Kind::Full,
            "{rel}"
        );
    }
}
