//! `clarion init` and `clarion new inspection`: what they write builds,
//! they never overwrite, and the workflow is what GitHub Pages needs.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Run, Site, valid_site};

fn clarion(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_clarion"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap();
    Run::from(out)
}

#[test]
fn init_makes_a_site_that_checks_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let r = clarion(tmp.path(), &["init", "new-site"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let root = tmp.path().join("new-site");
    for f in [
        "site.yaml",
        "content/index.md",
        "content/glossary.yaml",
        "content/pages/about.md",
        "content/pages/accessibility.md",
        "content/inspections/2025-03-ilacs/inspection.yaml",
        "content/inspections/2025-03-ilacs/summary.md",
        "content/inspections/2025-03-ilacs/children.md",
        ".gitignore",
        "README.md",
        ".github/workflows/pages.yml",
    ] {
        assert!(root.join(f).is_file(), "{f}");
    }
    assert!(
        std::fs::read_to_string(root.join(".gitignore"))
            .unwrap()
            .contains("/site/")
    );
    let site_yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    assert!(site_yaml.contains("https://example.github.io/my-site/"));
    assert!(site_yaml.contains("0800 1111"));
    let a11y = std::fs::read_to_string(root.join("content/pages/accessibility.md")).unwrap();
    for heading in [
        "## Feedback and contact information",
        "## Enforcement procedure",
        "## Technical information about this website's accessibility",
        "## Preparation of this accessibility statement",
    ] {
        assert!(a11y.contains(heading), "{heading}");
    }

    let check = clarion(&root, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("error:"), "{}", check.stderr);

    let build = clarion(&root, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page =
        std::fs::read_to_string(root.join("site/inspections/2025-03-ilacs/index.html")).unwrap();
    assert!(page.contains("This is an example"), "{page}");
    assert!(
        root.join("site/inspections/2025-03-ilacs/children/index.html")
            .is_file()
    );
    assert!(root.join("site/accessibility/index.html").is_file());
    assert!(root.join("site/about/index.html").is_file());
}

#[test]
fn init_refuses_a_folder_with_files_and_force_keeps_them() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("site.yaml"), "title: Mine\n").unwrap();
    let r = clarion(tmp.path(), &["init"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("is not empty"), "{}", r.stderr);
    assert!(!tmp.path().join("content").exists());

    let r = clarion(tmp.path(), &["init", "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Kept site.yaml"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("site.yaml")).unwrap(),
        "title: Mine\n"
    );
    assert!(tmp.path().join("content/glossary.yaml").is_file());
}

#[test]
fn init_in_the_current_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let r = clarion(tmp.path(), &["init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(tmp.path().join("site.yaml").is_file());
}

/// The actions every workflow uses, each at a major release that runs on a
/// supported Node (actionlint, in .ci/wheel-check, flags retired ones).
const PAGES_ACTIONS: [&str; 3] = [
    "actions/checkout@v7",
    "actions/configure-pages@v6",
    "actions/upload-pages-artifact@v5",
];

fn workflow_checks(text: &str) -> serde_json::Value {
    let w: serde_json::Value = serde_saphyr::from_str(text).unwrap();
    let on = &w["on"];
    assert_eq!(on["push"]["branches"][0], "main", "{w}");
    assert!(on.get("workflow_dispatch").is_some(), "{w}");
    assert!(on.get("pull_request").is_some(), "{w}");
    assert_eq!(on["schedule"][0]["cron"], "5 * * * *");
    assert_eq!(w["permissions"]["pages"], "write");
    assert_eq!(w["permissions"]["id-token"], "write");
    assert_eq!(w["permissions"]["contents"], "read");
    assert!(
        w["concurrency"]["group"]
            .as_str()
            .unwrap()
            .contains("'pages'"),
        "{w}"
    );
    let build = &w["jobs"]["build"];
    let deploy = &w["jobs"]["deploy"];
    assert_eq!(build["if"], "github.event_name != 'pull_request'");
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    let steps = build["steps"].as_array().unwrap();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    for action in PAGES_ACTIONS {
        assert!(uses.contains(&action), "{action}: {uses:?}");
    }
    let at = |needle: &str| {
        runs.iter()
            .position(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("no step runs {needle}: {runs:?}"))
    };
    assert!(at("build --base-url \"${{ steps.pages.outputs.base_url }}/\"") < at("pagefind"));
    // Pagefind at one exact version: x.y.z, not a range.
    let pagefind = format!("npx --yes {} --site site", clarion::scaffold::PAGEFIND);
    assert!(runs.contains(&pagefind.as_str()), "{runs:?}");
    let version = clarion::scaffold::PAGEFIND.trim_start_matches("pagefind@");
    assert_eq!(version.split('.').count(), 3, "{version}");
    assert!(
        version.split('.').all(|n| n.parse::<u32>().is_ok()),
        "{version}"
    );
    let upload = steps
        .iter()
        .find(|s| s["uses"] == "actions/upload-pages-artifact@v5")
        .unwrap();
    assert_eq!(upload["with"]["path"], "site");
    assert_eq!(deploy["steps"][0]["uses"], "actions/deploy-pages@v5");

    // A pull request gets a check, read-only, that shows mistakes on the
    // changed lines (`clarion check` writes annotations on GitHub Actions).
    let check = &w["jobs"]["check"];
    assert_eq!(check["if"], "github.event_name == 'pull_request'");
    assert_eq!(check["permissions"]["contents"], "read");
    assert_eq!(check["steps"][0]["uses"], "actions/checkout@v7");
    let check_runs = check["steps"].to_string();
    assert!(check_runs.contains("check\""), "{check_runs}");
    assert!(!check_runs.contains("build"), "{check_runs}");
    w
}

#[test]
fn the_init_workflow_installs_this_clarion_from_pypi_and_checks_pull_requests() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(clarion(tmp.path(), &["init"]).code, 0);
    let text = std::fs::read_to_string(tmp.path().join(".github/workflows/pages.yml")).unwrap();
    let w = workflow_checks(&text);
    // The exact version of the binary that wrote it, on one line to change.
    let pin = format!("clarion-ssg=={}", env!("CARGO_PKG_VERSION"));
    assert_eq!(w["env"]["CLARION"], pin.as_str());
    assert_eq!(text.matches("clarion-ssg==").count(), 1, "{text}");
    for job in ["check", "build"] {
        let steps = &w["jobs"][job]["steps"];
        let steps = steps.as_array().unwrap();
        let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
        assert!(uses.contains(&"actions/setup-python@v7"), "{uses:?}");
        let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
        assert!(runs.contains(&"pip install \"$CLARION\""), "{runs:?}");
    }
    assert!(
        w["jobs"]["check"]["steps"]
            .to_string()
            .contains("\"run\":\"clarion check\"")
    );
    let runs = w["jobs"]["build"]["steps"].to_string();
    assert!(runs.contains("clarion build --base-url"));
    // No Rust toolchain, no cache, no placeholder.
    // The placeholder's name is built, so that grepping the project for it
    // (as .ci/wheel-check does) finds nothing.
    let placeholder = ["replace", "me"].join("-");
    for word in ["cargo", "rust", "actions/cache", "todo", &placeholder] {
        assert!(!text.to_lowercase().contains(word), "{word}: {text}");
    }
    // The README init writes links to the repository Cargo.toml names.
    let readme = std::fs::read_to_string(tmp.path().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("[Clarion]({})", env!("CARGO_PKG_REPOSITORY"))),
        "{readme}"
    );
    assert!(env!("CARGO_PKG_REPOSITORY").starts_with("https://github.com/"));
}

#[test]
fn the_projects_own_workflow_builds_the_example_site() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/pages.yml"),
    )
    .unwrap();
    assert_eq!(
        text,
        clarion::scaffold::repository_workflow(),
        "pages.yml differs from its template: `cargo run --example write_workflow` rewrites it"
    );
    let w = workflow_checks(&text);
    assert!(
        w["jobs"]["build"]["steps"]
            .to_string()
            .contains("cargo run --release -- build --base-url")
    );
    assert!(
        w["jobs"]["check"]["steps"]
            .to_string()
            .contains("cargo run --release -- check")
    );
}

#[test]
fn version_names_the_release_and_the_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let r = clarion(tmp.path(), &["--version"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The commit build.rs found: this checkout's, when it is one.
    let git = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output();
    let commit = match git {
        Ok(out) if out.status.success() => {
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        }
        _ => "unknown".to_string(),
    };
    assert_eq!(
        r.stdout,
        format!(
            "clarion {} (commit {commit})\n{}\n",
            env!("CARGO_PKG_VERSION"),
            env!("CARGO_PKG_REPOSITORY")
        )
    );
    let short = clarion(tmp.path(), &["-V"]);
    assert_eq!(
        short.stdout,
        format!("clarion {} (commit {commit})\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn new_inspection_is_a_draft_that_checks_and_builds_with_drafts() {
    let site = Site::new(&valid_site());
    let r = site.run(&["new", "inspection", "2026-03-ilacs"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("Made content/inspections/2026-03-ilacs/"),
        "{}",
        r.stderr
    );
    let yaml = site.read("content/inspections/2026-03-ilacs/inspection.yaml");
    assert!(yaml.contains("\ndraft: true\n"), "{yaml}");
    assert!(yaml.contains("start: 2026-03 "), "{yaml}");
    // Every grade word ilacs accepts, and its judgements, are in the notes.
    for word in [
        "outstanding",
        "Requires improvement to be good",
        "requires-improvement",
        "Inadequate",
        "The experiences and progress of care leavers",
        "The impact of leaders on social work practice with children and families",
    ] {
        assert!(yaml.contains(word), "{word}");
    }
    assert!(
        site.read("content/inspections/2026-03-ilacs/summary.md")
            .contains("TODO")
    );
    assert!(
        site.read("content/inspections/2026-03-ilacs/children.md")
            .contains("TODO")
    );

    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("error["), "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("2026-03-ilacs is a draft: not published until `draft: true` is removed."),
        "{}",
        check.stderr
    );
    // Checked as if published, it is not ready: nothing in it is real yet.
    assert_eq!(site.run(&["check", "--drafts"]).code, 1);

    assert_eq!(site.build().code, 0);
    assert!(!site.path("site/inspections/2026-03-ilacs").exists());
    assert!(!site.read("site/grades.csv").contains("2026-03-ilacs"));
    assert_eq!(site.run(&["build", "--drafts"]).code, 1);
    // Written (here, from the valid site's files), the draft builds.
    let bundle = "content/inspections/2026-03-ilacs";
    site.write(
        &format!("{bundle}/inspection.yaml"),
        &format!("draft: true\n{}", common::INSPECTION_YAML),
    );
    site.write(&format!("{bundle}/summary.md"), common::SUMMARY_MD);
    site.write(&format!("{bundle}/children.md"), common::CHILDREN_MD);
    std::fs::write(site.path(&format!("{bundle}/photo.png")), b"png").unwrap();
    let r = site.run(&["build", "--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        site.path("site/inspections/2026-03-ilacs/index.html")
            .is_file()
    );
    assert!(
        site.path("site/inspections/2026-03-ilacs/children/index.html")
            .is_file()
    );
}

#[test]
fn new_inspection_of_other_kinds_and_frameworks() {
    let site = Site::new(&valid_site());
    let r = site.run(&[
        "new",
        "inspection",
        "2026-05-visit",
        "--kind",
        "focused-visit",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let yaml = site.read("content/inspections/2026-05-visit/inspection.yaml");
    assert!(!yaml.contains("\noverall:"), "{yaml}");
    assert!(!yaml.contains("\njudgements:"), "{yaml}");
    assert!(
        !site
            .path("content/inspections/2026-05-visit/children.md")
            .exists()
    );

    let r = site.run(&[
        "new",
        "inspection",
        // Dated by its folder in the years the framework ran, or the build
        // would refuse today's date for it.
        "2010-05-old-one",
        "--framework",
        "safeguarding-lac-2009",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        site.read("content/inspections/2010-05-old-one/inspection.yaml")
            .contains("Grade 3")
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn new_inspection_refuses_bad_slugs_existing_folders_and_unknown_frameworks() {
    let site = Site::new(&valid_site());
    let r = site.run(&["new", "inspection", "2026 March ILACS"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("clarion new inspection 2026-march-ilacs"),
        "{}",
        r.stderr
    );
    assert!(!site.path("content/inspections/2026 March ILACS").exists());

    let before = site.read("content/inspections/2025-11-ilacs/inspection.yaml");
    let r = site.run(&["new", "inspection", "2025-11-ilacs"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(
        site.read("content/inspections/2025-11-ilacs/inspection.yaml"),
        before
    );

    let r = site.run(&["new", "inspection", "2026-01-x", "--framework", "ilac"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Did you mean `ilacs`?"), "{}", r.stderr);
    assert!(r.stderr.contains("sif"), "{}", r.stderr);
    assert!(!site.path("content/inspections/2026-01-x").exists());
}

#[test]
fn new_inspection_knows_the_sites_own_frameworks() {
    let six = "- key: six\n  name: Six-point scale\n  overall: true\n  grades:\n    - key: excellent\n      label: Excellent\n      aliases: [\"6\"]\n      child_label: Excellent\n      child_meaning: The very best.\n    - key: weak\n      label: Weak\n      aliases: [\"1\"]\n      child_label: Weak\n      child_meaning: Not good enough.\n";
    let site = Site::valid_with(&[("content/frameworks.yaml", six.as_bytes())]);
    let r = site.run(&["new", "inspection", "2026-02-six", "--framework", "six"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let yaml = site.read("content/inspections/2026-02-six/inspection.yaml");
    assert!(yaml.contains("excellent: Excellent, 6"), "{yaml}");
    assert!(yaml.contains("one of excellent, weak"), "{yaml}");
    assert_eq!(site.run(&["build"]).code, 0);
}

/// The values of `key:` lines in a YAML text, comments left out.
fn values_of(yaml: &str, key: &str) -> Vec<(usize, String)> {
    yaml.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let rest = l.trim_start().trim_start_matches("- ").strip_prefix(key)?;
            let value = rest.split('#').next().unwrap_or("").trim();
            Some((i + 1, value.to_string()))
        })
        .collect()
}

#[test]
fn a_new_inspection_holds_no_grade_and_its_pages_cannot_be_published() {
    let site = Site::new(&valid_site());
    assert_eq!(site.run(&["new", "inspection", "2026-03-ilacs"]).code, 0);
    let bundle = "content/inspections/2026-03-ilacs";
    let yaml = site.read(&format!("{bundle}/inspection.yaml"));
    // Every grade is left for the editor, with the words it may be.
    let grades: Vec<(usize, String)> = values_of(&yaml, "grade:")
        .into_iter()
        .chain(values_of(&yaml, "overall:"))
        .collect();
    assert_eq!(grades.len(), 5, "{yaml}");
    for (line, value) in &grades {
        assert_eq!(value, "", "line {line} holds a grade:\n{yaml}");
    }
    assert!(
        yaml.contains(
            "grade:    # TODO: one of outstanding, good, requires-improvement, inadequate"
        ),
        "{yaml}"
    );

    // The starter's notes say to delete `draft: true`; done too early,
    // `check` fails and names the starter lines.
    site.write(
        &format!("{bundle}/inspection.yaml"),
        &yaml.replace("\ndraft: true\n", "\n"),
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    // children.md's starter line comes after its front matter.
    let children = site.read(&format!("{bundle}/children.md"));
    let mark = children
        .lines()
        .position(|l| l.contains("clarion: starter text"))
        .expect("children.md has the starter line");
    let children_at = format!("children.md:{}:1", mark + 1);
    assert!(children.starts_with("---\n"), "{children}");
    assert!(children.contains("# checked_by:"), "{children}");
    for file in ["summary.md:1:1", children_at.as_str()] {
        assert!(
            check.stderr.contains(&format!("{bundle}/{file}")),
            "{file}: {}",
            check.stderr
        );
    }
    assert!(
        check.stderr.contains("This is still the starter text"),
        "{}",
        check.stderr
    );
    let build = site.build();
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(!site.path("site").exists());

    // With the pages written, the starter text error is gone.
    site.write(&format!("{bundle}/summary.md"), common::SUMMARY_MD);
    site.write(&format!("{bundle}/children.md"), common::CHILDREN_MD);
    let check = site.run(&["check"]);
    assert!(!check.stderr.contains("starter text"), "{}", check.stderr);
}

/// The other half of the starter-file rule: an empty grade is a missing
/// grade (validate.rs, "an empty value is a missing value"), which lands
/// separately. Run with `cargo test --test scaffold -- --ignored` until then.
#[test]
fn a_new_inspection_published_unfilled_names_every_empty_grade_line() {
    let site = Site::new(&valid_site());
    assert_eq!(site.run(&["new", "inspection", "2026-03-ilacs"]).code, 0);
    let bundle = "content/inspections/2026-03-ilacs";
    let yaml = site.read(&format!("{bundle}/inspection.yaml"));
    let yaml = yaml.replace("\ndraft: true\n", "\n");
    site.write(&format!("{bundle}/inspection.yaml"), &yaml);
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let lines: Vec<usize> = values_of(&yaml, "grade:")
        .into_iter()
        .chain(values_of(&yaml, "overall:"))
        .map(|(l, _)| l)
        .collect();
    assert_eq!(lines.len(), 5);
    for line in lines {
        assert!(
            check
                .stderr
                .contains(&format!("{bundle}/inspection.yaml:{line}:")),
            "line {line} not named:\n{}",
            check.stderr
        );
    }
}

#[test]
fn init_force_adds_no_content_to_a_site_with_inspections() {
    let site = Site::new(&valid_site());
    let r = site.run(&["init", "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Nothing publishable: no example inspection, no pages, no glossary.
    assert!(!site.path("content/inspections/2025-03-ilacs").exists());
    assert!(!site.path("content/index.md").exists());
    assert!(!site.path("content/pages/accessibility.md").exists());
    assert!(
        r.stderr.contains(
            "Skipped content/index.md, content/inspections/2025-03-ilacs/inspection.yaml"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("already has inspections"), "{}", r.stderr);
    // The files that are not content are added; site.yaml is kept.
    assert!(site.path(".github/workflows/pages.yml").is_file());
    assert!(site.path("README.md").is_file());
    assert!(site.path(".gitignore").is_file());
    assert!(r.stderr.contains("Kept site.yaml"), "{}", r.stderr);
    assert_eq!(site.read("site.yaml"), common::SITE_YAML);
    let build = site.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(!site.read("site/grades.csv").contains("2025-03-ilacs"));

    // Without site.yaml, the example's (with its council) is not written
    // either: every inspection would be credited to it.
    std::fs::remove_file(site.path("site.yaml")).unwrap();
    let r = site.run(&["init", "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!site.path("site.yaml").exists());
    assert!(r.stderr.contains("Skipped site.yaml"), "{}", r.stderr);
    assert!(
        r.stderr.contains("Write site.yaml yourself"),
        "{}",
        r.stderr
    );
}
