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
