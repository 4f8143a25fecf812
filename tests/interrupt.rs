//! A build killed part-way (SIGKILL, so no clean-up code runs) must leave
//! the last good site exactly as it was, and the next build must succeed
//! and clear away the temporary folder the killed one left.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn temp_folders(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site.clarion-tmp-"))
        .collect()
}

/// Adds `n` more inspections, so that a build takes a moment.
fn grow(site: &Site, from: usize, n: usize) {
    for k in from..from + n {
        let dir = format!("content/inspections/2019-{k:05}-visit");
        site.write(
            &format!("{dir}/inspection.yaml"),
            &INSPECTION_YAML.replace("2025-", "2019-"),
        );
        site.write(
            &format!("{dir}/summary.md"),
            &format!("## Visit {k}\n\nWhat the inspectors found on visit {k}.\n"),
        );
        site.write(&format!("{dir}/children.md"), CHILDREN_MD);
    }
}

fn start_build(site: &Site) -> Child {
    Command::new(env!("CARGO_BIN_EXE_clarion"))
        .args(["build", "--quiet", "--root"])
        .arg(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Starts a build and kills it once its temporary folder appears; false
/// when the build finished before it could be caught.
fn kill_part_way(site: &Site) -> bool {
    let mut child = start_build(site);
    let started = Instant::now();
    loop {
        if !temp_folders(site.root()).is_empty() {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            return true;
        }
        if child.try_wait().unwrap().is_some() || started.elapsed() > Duration::from_secs(120) {
            child.kill().ok();
            child.wait().ok();
            return false;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

#[test]
fn a_killed_build_leaves_the_last_good_site_whole() {
    let site = Site::new(&valid_site());
    site.build().assert_ok();
    let output = site.path("site");
    let good = snapshot(&output);
    assert!(good.len() > 10);

    // Grow the site until a build can be caught while it writes.
    let mut size = 0;
    let mut caught = false;
    for more in [1500, 3000, 6000] {
        grow(&site, size, more);
        size += more;
        if kill_part_way(&site) {
            caught = true;
            break;
        }
        // The build finished first and replaced the site; start again from a known good one.
        let _ = std::fs::remove_dir_all(&output);
        for (rel, bytes) in &good {
            let p = output.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
    }
    assert!(
        caught,
        "no build could be caught part-way, even with {size} inspections"
    );
    eprintln!("caught a build of {size} inspections part-way");

    assert!(
        snapshot(&output) == good,
        "the killed build changed the previous output"
    );

    // The next build succeeds, replaces the site and leaves no temporary folder.
    let run = site.build();
    run.assert_ok();
    assert_eq!(temp_folders(site.root()), Vec::<String>::new());
    assert!(
        output
            .join("inspections/2019-00000-visit/index.html")
            .is_file(),
        "the new build is not in place"
    );
}

/// The pages a complete build of the valid site has.
const PAGES: [&str; 7] = [
    "index.html",
    "inspections/2025-11-ilacs/index.html",
    "inspections/2025-11-ilacs/children/index.html",
    "documents/2026-01-response/index.html",
    "about/index.html",
    "glossary/index.html",
    "sitemap.xml",
];

fn quiet_build(site: &Site) -> Child {
    Command::new(env!("CARGO_BIN_EXE_clarion"))
        .args(["build", "--root"])
        .arg(site.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for a build for at most a minute; its exit status and stderr.
fn finish(mut child: Child) -> (i32, String) {
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().ok();
            panic!("a build took over a minute");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn twenty_pairs_of_simultaneous_builds_each_leave_a_complete_site() {
    let site = Site::new(&valid_site());
    grow(&site, 0, 40);
    let started = Instant::now();
    for pair in 0..20 {
        // Every other pair over an existing site, the rest into no folder at all.
        if pair % 2 == 0 {
            let _ = std::fs::remove_dir_all(site.path("site"));
        }
        let (a, b) = (quiet_build(&site), quiet_build(&site));
        for (code, stderr) in [finish(a), finish(b)] {
            assert_eq!(code, 0, "pair {pair}: {stderr}");
        }
        for page in PAGES {
            assert!(
                site.path("site").join(page).is_file(),
                "pair {pair}: {page} is missing"
            );
        }
        assert!(
            site.path("site/inspections/2019-00039-visit/index.html")
                .is_file()
        );
        assert_eq!(
            temp_folders(site.root()),
            Vec::<String>::new(),
            "pair {pair}"
        );
        assert!(
            !site.path(".site.clarion-lock").exists(),
            "pair {pair}: the lock file was left in the site's folder"
        );
    }
    assert!(started.elapsed() < Duration::from_secs(300));
}

#[test]
fn a_build_waits_for_the_one_holding_the_output_and_says_so() {
    let site = Site::new(&valid_site());
    // This test stands in for a build in progress: it holds the lock and
    // has a temporary folder being filled.
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(site.path(".site.clarion-lock"))
        .unwrap();
    lock.lock().unwrap();
    std::fs::write(site.path(".site.clarion-lock"), "4242").unwrap();
    site.write(".site.clarion-tmp-busy/index.html", "being written");
    let child = quiet_build(&site);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(!site.path("site").exists(), "the build did not wait");
    assert!(
        site.path(".site.clarion-tmp-busy/index.html").is_file(),
        "the build removed a temporary folder whose builder is still running"
    );
    lock.unlock().unwrap();
    let (code, stderr) = finish(child);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("Waiting for another build of")
            && stderr.contains("site/ (process 4242) to finish"),
        "{stderr}"
    );
    // Its builder gone, the left-over folder is cleared away.
    assert_eq!(temp_folders(site.root()), Vec::<String>::new());
    assert!(
        !site.path(".site.clarion-lock").exists(),
        "the lock file stayed"
    );
    assert!(site.path("site/index.html").is_file());
}
