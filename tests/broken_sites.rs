//! The corpus of broken sites: every case under tests/broken-sites/<case>/ is
//! a small whole site with one mistake, and its `expected.txt` lists the
//! errors it must give (`location | fragment of the message`, one a line).
//! Cases that cannot be committed as files (invalid UTF-8, huge files,
//! symbolic links, alias bombs, deep nesting) are made at run time.
//!
//! Each case is built with the real binary into a copy in a temporary
//! folder that already holds an output folder, and must give exit status 1,
//! each expected error (its location and words in the same message), no
//! panic, no hang, and the output folder left exactly as it was.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/broken-sites");
const BUNDLE: &str = "content/inspections/2025-11-ilacs";
/// Far above what any case takes; a case that runs longer is hanging.
const TIME_LIMIT: Duration = Duration::from_secs(60);

struct Expected {
    location: String,
    fragment: String,
}

fn parse_expected(text: &str) -> Vec<Expected> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (location, fragment) = l
                .split_once(" | ")
                .unwrap_or_else(|| panic!("expected.txt line without ` | `: {l}"));
            Expected {
                location: location.trim().to_string(),
                fragment: fragment.trim().to_string(),
            }
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else if rel != Path::new("expected.txt") {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// The diagnostics in the command's error output, one block each.
fn blocks(stderr: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in stderr.lines() {
        if line.starts_with("error") || line.starts_with("warning") || out.is_empty() {
            out.push(String::new());
        }
        let last = out.last_mut().unwrap();
        last.push_str(line);
        last.push('\n');
    }
    out
}

/// True when `block` is an error pointing at `location` (a file, `file:line`
/// or `file:line:col`) whose text contains `fragment`.
fn block_matches(block: &str, location: &str, fragment: &str) -> bool {
    let points_there = block.lines().any(|l| {
        l.trim_start()
            .strip_prefix("--> ")
            .and_then(|at| at.strip_prefix(location))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
    });
    block.starts_with("error") && points_there && block.contains(fragment)
}

/// A site in a temporary folder, with a previous output folder in it.
struct Prepared {
    dir: tempfile::TempDir,
    before: Vec<(String, Vec<u8>)>,
}

impl Prepared {
    fn new(fill: impl FnOnce(&Path)) -> Prepared {
        let dir = tempfile::tempdir().unwrap();
        fill(dir.path());
        let out = dir.path().join("site");
        std::fs::create_dir_all(out.join("inspections")).unwrap();
        std::fs::write(out.join("marker.txt"), "the last good site").unwrap();
        // Marked as a site Clarion built, which a build may replace.
        std::fs::write(out.join(".clarion-site"), "").unwrap();
        std::fs::write(out.join("inspections/index.html"), "<p>old</p>").unwrap();
        let before = common::snapshot(&out);
        Prepared { dir, before }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Builds, then checks everything a broken site must do; the problems
    /// found, empty when the case passes, and the whole error output with
    /// the temporary folder redacted, for its snapshot.
    fn check(&self, expected: &[Expected]) -> (Vec<String>, String) {
        let mut problems = Vec::new();
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_clarion"))
            .arg("build")
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .env_remove("GITHUB_ACTIONS")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read stderr on a thread so a chatty child cannot block on a full pipe.
        let mut err_pipe = child.stderr.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut s = Vec::new();
            std::io::Read::read_to_end(&mut err_pipe, &mut s).ok();
            String::from_utf8_lossy(&s).into_owned()
        });
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if started.elapsed() > TIME_LIMIT {
                child.kill().ok();
                child.wait().ok();
                break None;
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let stderr = reader.join().unwrap();
        let Some(status) = status else {
            let hang = format!("still running after {TIME_LIMIT:?}: it hangs");
            return (vec![hang], stderr);
        };
        if status.code() != Some(1) {
            problems.push(format!("exit status {:?}, not 1", status.code()));
        }
        if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
            problems.push("it panicked".into());
        }
        let blocks = blocks(&stderr);
        for e in expected {
            if !blocks
                .iter()
                .any(|b| block_matches(b, &e.location, &e.fragment))
            {
                problems.push(format!(
                    "no error at `{}` saying `{}`",
                    e.location, e.fragment
                ));
            }
        }
        if common::snapshot(&self.root().join("site")) != self.before {
            problems.push("the previous output folder was changed".into());
        }
        let leftovers: Vec<String> = std::fs::read_dir(self.root())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("clarion-tmp"))
            .collect();
        if !leftovers.is_empty() {
            problems.push(format!("temporary folders left behind: {leftovers:?}"));
        }
        if !problems.is_empty() {
            problems.push(format!("stderr was:\n{stderr}"));
        }
        (problems, redact(&stderr, self.root()))
    }
}

/// `text` with the site's temporary folder replaced, so the snapshot is
/// the same on every machine.
fn redact(text: &str, root: &Path) -> String {
    let mut text = text.replace(&root.display().to_string(), "[SITE]");
    if let Ok(real) = root.canonicalize() {
        text = text.replace(&real.display().to_string(), "[SITE]");
    }
    text
}

fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(CASES)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_case_in_the_corpus_fails_cleanly() {
    let names = case_names();
    assert!(
        names.len() >= 70,
        "the corpus has only {} cases",
        names.len()
    );
    // Two at a time: the machines that run this are small.
    let failures = std::sync::Mutex::new(Vec::new());
    let outputs = std::sync::Mutex::new(Vec::new());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(name) = names.get(i) else { break };
                    let dir = PathBuf::from(CASES).join(name);
                    let expected_text = std::fs::read_to_string(dir.join("expected.txt"))
                        .unwrap_or_else(|e| panic!("{name}/expected.txt: {e}"));
                    let expected = parse_expected(&expected_text);
                    let problems = if expected.is_empty() {
                        vec!["expected.txt lists no error".to_string()]
                    } else {
                        let (problems, stderr) =
                            Prepared::new(|root| copy_dir(&dir, root)).check(&expected);
                        outputs.lock().unwrap().push((name.clone(), stderr));
                        problems
                    };
                    if !problems.is_empty() {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{name}:\n  {}", problems.join("\n  ")));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        names.len(),
        failures.join("\n\n")
    );
    assert_snapshots(outputs.into_inner().unwrap());
}

/// Each case's whole error output against its snapshot in tests/snapshots/,
/// on this thread (insta names files by test) and all of them before failing,
/// so one review shows every changed message.
fn assert_snapshots(mut outputs: Vec<(String, String)>) {
    outputs.sort();
    let changed: Vec<String> = outputs
        .into_iter()
        .filter(|(name, stderr)| {
            std::panic::catch_unwind(|| insta::assert_snapshot!(name.as_str(), stderr)).is_err()
        })
        .map(|(name, _)| name)
        .collect();
    assert!(
        changed.is_empty(),
        "the error output changed for {changed:?}: review with `cargo insta review`"
    );
}

// ------------------------------------------------------------ made at run time

/// The valid site of the other tests, with `change` applied.
fn generated(change: impl FnOnce(&Path)) -> Prepared {
    Prepared::new(|root| {
        for (path, bytes) in common::valid_site() {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        change(root);
    })
}

fn expect(pairs: &[(&str, &str)]) -> Vec<Expected> {
    pairs
        .iter()
        .map(|(l, f)| Expected {
            location: (*l).to_string(),
            fragment: (*f).to_string(),
        })
        .collect()
}

#[track_caller]
fn assert_fails_cleanly(site: &Prepared, pairs: &[(&str, &str)]) {
    let (problems, stderr) = site.check(&expect(pairs));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Named after the test: the test harness names its thread so.
    let test = std::thread::current()
        .name()
        .unwrap_or("unnamed")
        .to_string();
    insta::assert_snapshot!(test, stderr);
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

#[test]
fn the_valid_base_site_builds() {
    let site = generated(|_| {});
    let out = Command::new(env!("CARGO_BIN_EXE_clarion"))
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every kind of internal link that reaches something builds with no error
/// and no warning: root, relative, file names, images, anchors, assets.
#[test]
fn valid_links_build() {
    let site = generated(|root| {
        write(
            root,
            &format!("{BUNDLE}/summary.md"),
            b"## What inspectors found\n\nSee the [photo](photo.png), ![the photo](/inspections/2025-11-ilacs/photo.png), \
[below](#what-inspectors-found), [about](/about/), [about again](../../pages/about.md), [home](/), \
[the answer](/documents/2026-01-response/), [for children](children.md#what-they-found), \
[the data](/grades.csv), [the feed](/feed.xml?x=1), [on the web](https://example.org/nowhere/) and \
[by mail](mailto:a@example.org).\n",
        );
        write(
            root,
            "content/pages/about.md",
            b"---\ntitle: About\n---\n## Who we are\n\n[Home](/) and [the findings](../inspections/2025-11-ilacs/summary.md#what-inspectors-found), [us](#who-we-are), [the inspection](../inspections/2025-11-ilacs/), [the photo](/inspections/2025-11-ilacs/photo%2Epng).\n",
        );
    });
    let out = Command::new(env!("CARGO_BIN_EXE_clarion"))
        .args(["--color", "never", "build", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("error") && !stderr.contains("warning"),
        "{stderr}"
    );
}

#[test]
fn invalid_utf8() {
    let site = generated(|root| {
        write(
            root,
            &format!("{BUNDLE}/summary.md"),
            b"## Found\n\nab\xff cd\n",
        );
        write(root, "content/glossary.yaml", b"- term: caf\xe9\n");
    });
    assert_fails_cleanly(
        &site,
        &[
            (&format!("{BUNDLE}/summary.md:3:3"), "not valid UTF-8"),
            ("content/glossary.yaml:1:12", "not valid UTF-8"),
        ],
    );
}

#[test]
fn files_over_ten_mebibytes() {
    let site = generated(|root| {
        for rel in [
            format!("{BUNDLE}/children.md"),
            "content/glossary.yaml".to_string(),
        ] {
            let f = std::fs::File::create(root.join(rel)).unwrap();
            f.set_len(clarion::load::MAX_TEXT_BYTES + 1).unwrap();
        }
    });
    assert_fails_cleanly(
        &site,
        &[
            (&format!("{BUNDLE}/children.md"), "MiB"),
            ("content/glossary.yaml", "MiB"),
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops() {
    use std::os::unix::fs::symlink;
    let site = generated(|root| {
        symlink(".", root.join(BUNDLE).join("loop")).unwrap();
        symlink("../content", root.join("content/pages/again")).unwrap();
        std::fs::create_dir_all(root.join("static")).unwrap();
        symlink("a", root.join("static/b")).unwrap();
        symlink("b", root.join("static/a")).unwrap();
    });
    assert_fails_cleanly(
        &site,
        &[
            (&format!("{BUNDLE}/loop"), "symbolic link"),
            ("content/pages/again", "symbolic link"),
            ("static/a", "symbolic link"),
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "# Secret\n\nprivate\n").unwrap();
    let secret = outside.path().join("secret.md");
    let site = generated(|root| {
        symlink(&secret, root.join("content/pages/secret.md")).unwrap();
        symlink(&secret, root.join(BUNDLE).join("notes.md")).unwrap();
        // A whole inspection folder, and a file at the top of content/.
        symlink(
            outside.path(),
            root.join("content/inspections/2030-01-linked"),
        )
        .unwrap();
        symlink(&secret, root.join("content/index.md")).unwrap();
        std::fs::create_dir_all(root.join("static")).unwrap();
        symlink(outside.path(), root.join("static/outside")).unwrap();
        std::fs::create_dir_all(root.join("themes/default/templates")).unwrap();
        symlink(&secret, root.join("themes/default/templates/page.html")).unwrap();
    });
    assert_fails_cleanly(
        &site,
        &[
            ("content/pages/secret.md", "symbolic link"),
            (&format!("{BUNDLE}/notes.md"), "symbolic link"),
            ("content/inspections/2030-01-linked", "symbolic link"),
            ("content/index.md", "symbolic link"),
            ("static/outside", "symbolic link"),
            ("themes/default/templates/page.html", "symbolic link"),
        ],
    );
}

#[test]
fn alias_bombs() {
    let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut prev = 'a';
    for name in 'b'..='k' {
        bomb.push_str(&format!(
            "{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
        prev = name;
    }
    let front = format!("---\n{bomb}---\nText.\n");
    let started = Instant::now();
    let site = generated(|root| {
        write(root, &format!("{BUNDLE}/inspection.yaml"), bomb.as_bytes());
        write(root, "content/pages/about.md", front.as_bytes());
    });
    assert_fails_cleanly(
        &site,
        &[
            (&format!("{BUNDLE}/inspection.yaml"), "could not be read"),
            ("content/pages/about.md", "could not be read"),
        ],
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// Aliases of one long text: 80 KB of file once made a 100 MB page. What
/// aliases copy is limited by its size, and the error is at the alias that
/// went over.
#[test]
fn alias_copies_of_long_text() {
    let mut yaml = common::INSPECTION_YAML.to_string();
    yaml.push_str(&format!("  - &a \"{}\"\n", "long text ".repeat(1_000)));
    yaml.push_str(&"  - *a\n".repeat(10_000));
    let site = generated(|root| {
        write(root, &format!("{BUNDLE}/inspection.yaml"), yaml.as_bytes());
    });
    assert_fails_cleanly(
        &site,
        &[(
            &format!("{BUNDLE}/inspection.yaml:120:5"),
            "copy more than 1 MB of text",
        )],
    );
}

#[test]
fn ten_thousand_deep_yaml() {
    let flow = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let maps = format!("{}1{}", "{a: ".repeat(10_000), "}".repeat(10_000));
    let front = format!("---\ntitle: {}\n---\nText.\n", "[".repeat(10_000));
    let started = Instant::now();
    let site = generated(|root| {
        write(root, &format!("{BUNDLE}/inspection.yaml"), flow.as_bytes());
        write(root, "content/glossary.yaml", maps.as_bytes());
        write(root, "content/pages/about.md", front.as_bytes());
    });
    assert_fails_cleanly(
        &site,
        &[
            (&format!("{BUNDLE}/inspection.yaml"), "could not be read"),
            ("content/glossary.yaml", "could not be read"),
            ("content/pages/about.md", "could not be read"),
        ],
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn ten_thousand_deep_markdown() {
    let quotes = format!("{} deep\n\n<br>\n", ">".repeat(10_000));
    let divs = format!("Hello.\n\n{}deep\n", "<div>".repeat(10_000));
    let lists = format!("{}deep\n", "- ".repeat(10_000));
    let started = Instant::now();
    let site = generated(|root| {
        write(root, &format!("{BUNDLE}/summary.md"), quotes.as_bytes());
        write(root, "content/pages/about.md", divs.as_bytes());
        write(root, "content/index.md", lists.as_bytes());
    });
    assert_fails_cleanly(
        &site,
        &[
            (&format!("{BUNDLE}/summary.md:1"), "nested more than"),
            ("content/pages/about.md:3", "nested more than"),
            ("content/index.md:1", "nested more than"),
        ],
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// Regression: a file where the site needs a folder failed the write with
/// exit status 2 and no file named.
#[test]
fn files_where_the_site_needs_a_folder() {
    let site = generated(|root| {
        write(root, "static/inspections", b"a file, not a folder");
        write(
            root,
            &format!("{BUNDLE}/children"),
            b"a file named like the child page's folder",
        );
    });
    assert_fails_cleanly(
        &site,
        &[
            ("static/inspections", "needs a folder at /inspections/"),
            (
                &format!("{BUNDLE}/children"),
                "needs a folder at /inspections/2025-11-ilacs/children/",
            ),
        ],
    );
}

/// Regression: site.yaml, content/, themes/ and static/ were read through
/// symbolic links, from anywhere on the machine.
#[cfg(unix)]
#[test]
fn site_yaml_as_a_symlink() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("site.yaml");
    std::fs::write(&target, common::SITE_YAML).unwrap();
    let site = generated(|root| {
        std::fs::remove_file(root.join("site.yaml")).unwrap();
        std::os::unix::fs::symlink(&target, root.join("site.yaml")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("static")).unwrap();
    });
    assert_fails_cleanly(
        &site,
        &[("site.yaml", "symbolic link"), ("static", "symbolic link")],
    );
}
