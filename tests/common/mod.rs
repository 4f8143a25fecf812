//! Helpers for tests that build real sites in temporary folders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SITE_YAML: &str = "title: Test inspections\nbase_url: https://example.github.io/test-site/\nauthority: Testshire County Council\n";

pub const INSPECTION_YAML: &str = "\
framework: ilacs
kind: full
start: 2025-11-03
end: 2025-11-07
published: 2025-12-12
overall: good
judgements:
  - name: The impact of leaders on social work practice with children and families
    grade: good
  - name: The experiences and progress of care leavers
    child_name: How young people leaving care are helped
    grade: requires improvement to be good
improvements:
  - Better homes for care leavers.
";

pub const SUMMARY_MD: &str =
    "## What inspectors found\n\nThings are good. See the [photo](photo.png).\n";
pub const CHILDREN_MD: &str =
    "## What they found\n\nThe people who look after you are doing a good job.\n";

/// A small valid site: one graded inspection, a page, a document, a glossary.
pub fn valid_site() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("site.yaml", SITE_YAML.into()),
        ("content/inspections/2025-11-ilacs/inspection.yaml", INSPECTION_YAML.into()),
        ("content/inspections/2025-11-ilacs/summary.md", SUMMARY_MD.into()),
        ("content/inspections/2025-11-ilacs/children.md", CHILDREN_MD.into()),
        ("content/inspections/2025-11-ilacs/photo.png", b"\x89PNG fake".to_vec()),
        ("content/pages/about.md", "---\ntitle: About\n---\nAbout this site. [Home](/) and [the inspection](../inspections/2025-11-ilacs/summary.md).\n".into()),
        ("content/documents/2026-01-response.md", "---\ntitle: Council response\ndate: 2026-01-10\ninspections: [2025-11-ilacs]\n---\nThe council's answer.\n".into()),
        ("content/glossary.yaml", "- term: care leaver\n  also: [care leavers]\n  meaning: A young person who used to be in care.\n- term: social worker\n  meaning: A person whose job is to help you.\n".into()),
    ]
}

pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn new(files: &[(&str, Vec<u8>)]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        Site { dir }
    }

    /// The valid site with some files replaced or added (empty content removes the file).
    pub fn valid_with(changes: &[(&str, &[u8])]) -> Site {
        let mut files = valid_site();
        for (path, bytes) in changes {
            files.retain(|(p, _)| p != path);
            if !bytes.is_empty() {
                files.push((path, bytes.to_vec()));
            }
        }
        let files: Vec<(&str, Vec<u8>)> = files.into_iter().collect();
        Site::new(&files)
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_clarion"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .env_remove("GITHUB_ACTIONS")
            .output()
            .unwrap();
        Run::from(out)
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn assert_ok(&self) -> &Run {
        assert_eq!(self.code, 0, "stderr:\n{}", self.stderr);
        self
    }

    /// Exit status 1, no panic, and the message names `file:line`.
    #[track_caller]
    pub fn assert_content_error(&self, file_line: &str, words: &str) -> &Run {
        assert_eq!(self.code, 1, "stderr:\n{}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        assert!(
            self.stderr.contains(file_line),
            "expected `{file_line}` in:\n{}",
            self.stderr
        );
        assert!(
            self.stderr.contains(words),
            "expected `{words}` in:\n{}",
            self.stderr
        );
        self
    }
}

/// Every file under `dir` with its bytes, sorted.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.push((rel, std::fs::read(e.path()).unwrap()));
        }
    }
    out
}

/// Every `href` and `src` attribute value in an HTML page.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

/// The binary run on the repository's own Kent site (`--root`), without
/// colour, dated after every Kent inspection so none is embargoed.
pub fn kent(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clarion"))
        .args(["--color", "never"])
        .args(args)
        .arg("--root")
        .arg(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", "1780272000")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The Kent site built into `out`; its messages if it does not build.
pub fn build_kent(out: &Path) {
    let out = kent(&["-q", "build", "--output", &out.to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The text a reader sees in HTML: each tag a space, entities decoded,
/// spaces made single.
pub fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    unescape(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The entities Clarion's pages use, decoded.
pub fn unescape(s: &str) -> String {
    s.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
