//! Whole pages of the Kent site (the repository's own content), built once
//! by the real binary into a temporary folder, each compared with its
//! committed snapshot in tests/snapshots/. A page that changes by one byte
//! fails here: that is the contract refactoring must keep (issue 15). When a
//! change is meant, review it: `cargo insta review` (with cargo-insta), or
//! `INSTA_UPDATE=always cargo test --test snapshots` then `git diff`.
//!
//! Snapshots are deterministic: the build's clock is fixed with
//! `SOURCE_DATE_EPOCH`, and the temporary folder and the build's timing are
//! replaced by placeholders in the messages.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// 1 June 2026, 00:00 UTC: after every inspection in content/, so nothing
/// is embargoed and "today" never moves.
const EPOCH: &str = "1780272000";

/// The pages under test, as the build wrote them.
const PAGES: &[&str] = &[
    "index.html",
    "inspections/index.html",
    "inspections/2025-11-ilacs/index.html",
    "inspections/2025-11-ilacs/children/index.html",
    "inspections/2025-11-ilacs/children/ar/index.html",
    "glossary/index.html",
    "feed.xml",
    "grades.csv",
];

struct Kent {
    code: Option<i32>,
    /// What the build printed, stdout then stderr, with placeholders.
    messages: String,
    pages: BTreeMap<&'static str, String>,
}

/// The Kent site, built once for every test in this file.
fn kent() -> &'static Kent {
    static KENT: OnceLock<Kent> = OnceLock::new();
    KENT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out_dir = tmp.path().join("site");
        let out = Command::new(env!("CARGO_BIN_EXE_clarion"))
            .args(["--color", "never", "build", "--root"])
            .arg(env!("CARGO_MANIFEST_DIR"))
            .arg("--output")
            .arg(&out_dir)
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .env("NO_COLOR", "1")
            .env_remove("GITHUB_ACTIONS")
            .env_remove("CI")
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let pages = PAGES
            .iter()
            .map(|p| {
                let body = std::fs::read_to_string(out_dir.join(p)).unwrap_or_default();
                (*p, body)
            })
            .collect();
        Kent {
            code: out.status.code(),
            messages: redact(&text, tmp.path()),
            pages,
        }
    })
}

/// `text` with the temporary folder and the build's timing replaced, so the
/// snapshot is the same on every machine and every run.
fn redact(text: &str, tmp: &Path) -> String {
    let mut text = text.replace(&tmp.display().to_string(), "[TMP]");
    if let Ok(real) = tmp.canonicalize() {
        text = text.replace(&real.display().to_string(), "[TMP]");
    }
    text.lines()
        .map(|line| match line.rfind(" in ") {
            Some(at) if line.ends_with(" s.") || line.ends_with(" ms.") => {
                format!("{} in [TIME].", &line[..at])
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[track_caller]
fn page(path: &str) -> &'static str {
    let kent = kent();
    assert_eq!(
        kent.code,
        Some(0),
        "the Kent site failed:\n{}",
        kent.messages
    );
    let body = &kent.pages[path];
    assert!(!body.is_empty(), "{path} was not written");
    body
}

#[test]
fn kent_build_messages() {
    let kent = kent();
    assert_eq!(kent.code, Some(0), "{}", kent.messages);
    insta::assert_snapshot!(kent.messages);
}

#[test]
fn kent_home_page() {
    insta::assert_snapshot!(page("index.html"));
}

#[test]
fn kent_history_page() {
    insta::assert_snapshot!(page("inspections/index.html"));
}

#[test]
fn kent_inspection_page() {
    insta::assert_snapshot!(page("inspections/2025-11-ilacs/index.html"));
}

#[test]
fn kent_child_page() {
    insta::assert_snapshot!(page("inspections/2025-11-ilacs/children/index.html"));
}

#[test]
fn kent_arabic_child_page() {
    insta::assert_snapshot!(page("inspections/2025-11-ilacs/children/ar/index.html"));
}

#[test]
fn kent_glossary() {
    insta::assert_snapshot!(page("glossary/index.html"));
}

#[test]
fn kent_feed() {
    insta::assert_snapshot!(page("feed.xml"));
}

#[test]
fn kent_grades_csv() {
    insta::assert_snapshot!(page("grades.csv"));
}

#[test]
fn redaction_hides_the_folder_and_the_time() {
    let tmp = Path::new("/tmp/.tmpAbC");
    assert_eq!(
        redact(
            "Built 29 pages (49 files) into /tmp/.tmpAbC/site in 0.11 s.\nok",
            tmp
        ),
        "Built 29 pages (49 files) into [TMP]/site in [TIME].\nok"
    );
}
