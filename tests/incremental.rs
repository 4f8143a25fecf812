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
                Content::Copy(p) => std::fs::read(p).unwrap(),
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
