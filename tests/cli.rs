//! The command line itself: folders, exit statuses, ports, kinds, embargo
//! times in the site's time zone, and `serve --open`. Each runs the real
//! binary on a site in a temporary folder.

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
fn init_makes_the_site_in_the_root_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let r = clarion(tmp.path(), &["--root", "there", "init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(tmp.path().join("there/site.yaml").is_file());
    assert!(!tmp.path().join("site.yaml").exists());
    assert!(r.stderr.contains("cd there && clarion serve"), "{}", r.stderr);

    // The same folder twice is fine; two different ones are refused.
    let r = clarion(tmp.path(), &["init", "same", "--root", "same"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(tmp.path().join("same/site.yaml").is_file());
    let r = clarion(tmp.path(), &["init", "one", "--root", "two"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("Give only one"), "{}", r.stderr);
    assert!(!tmp.path().join("one").exists() && !tmp.path().join("two").exists());
}

#[test]
fn a_folder_without_a_site_is_the_same_error_from_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        &["build"][..],
        &["check"],
        &["serve", "--port", "0"],
        &["new", "inspection", "2026-01-ilacs"],
    ] {
        let r = clarion(tmp.path(), args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("There is no site.yaml in the current folder."),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains(".."), "{args:?}: {}", r.stderr);
    }
    let r = clarion(tmp.path(), &["--root", "..", "serve", "--port", "0"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("There is no site.yaml in `..`."), "{}", r.stderr);
}

#[test]
fn new_inspection_refuses_an_unknown_kind() {
    let site = Site::new(&valid_site());
    let r = site.run(&["new", "inspection", "2026-04-visit", "--kind", "monitoring"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("`monitoring` is not a kind of inspection Clarion knows. Did you mean `monitoring-visit`?"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("full, focused-visit, monitoring-visit, jtai, thematic, short"),
        "{}",
        r.stderr
    );
    assert!(!site.path("content/inspections/2026-04-visit").exists());
}

#[test]
fn a_port_asked_for_is_used_or_the_command_fails() {
    let site = Site::new(&valid_site());
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_clarion"))
        .args(["serve", "--port", &port, "--root"])
        .arg(site.root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("Port {port} on 127.0.0.1 is in use")),
        "{stderr}"
    );
    assert!(stderr.contains("leave --port out"), "{stderr}");
}
