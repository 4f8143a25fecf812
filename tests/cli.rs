//! The command line itself: folders, exit statuses, ports, kinds, embargo
//! times in the site's time zone, and `serve --open`. Each runs the real
//! binary on a site in a temporary folder.

mod common;

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
    assert!(
        r.stderr.contains("cd there && clarion serve"),
        "{}",
        r.stderr
    );

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
            r.stderr
                .contains("There is no site.yaml in the current folder."),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains(".."), "{args:?}: {}", r.stderr);
    }
    let r = clarion(tmp.path(), &["--root", "..", "serve", "--port", "0"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("There is no site.yaml in `..`."),
        "{}",
        r.stderr
    );
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
        r.stderr
            .contains("full, focused-visit, monitoring-visit, jtai, thematic, short"),
        "{}",
        r.stderr
    );
    assert!(!site.path("content/inspections/2026-04-visit").exists());
}

/// Starts `clarion serve` and waits for its address, or for it to end.
fn serve(
    site: &Site,
    args: &[&str],
    envs: &[(&str, &Path)],
) -> (std::process::Child, Option<String>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clarion"));
    cmd.arg("serve")
        .args(args)
        .arg("--root")
        .arg(site.root())
        .env("NO_COLOR", "1")
        .env_remove("BROWSER")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    let _ = BufReader::new(stdout).read_line(&mut line);
    let url = line.split(" at ").nth(1).map(|u| u.trim().to_string());
    (child, url)
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

#[test]
fn serve_open_starts_the_browser_named_by_browser() {
    let site = Site::new(&valid_site());
    let tmp = tempfile::tempdir().unwrap();
    let opened = tmp.path().join("opened.txt");
    let browser = tmp.path().join("fake-browser");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    #[cfg(not(unix))]
    return;

    let (mut child, url) = serve(&site, &["--port", "0", "--open"], &[("BROWSER", &browser)]);
    let url = url.expect("serve printed its address");
    let started = Instant::now();
    while !opened.exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(std::fs::read_to_string(&opened).unwrap(), url);

    // Without --open, no browser.
    std::fs::remove_file(&opened).unwrap();
    let (mut child, url) = serve(&site, &["--port", "0"], &[("BROWSER", &browser)]);
    assert!(url.is_some());
    std::thread::sleep(Duration::from_millis(500));
    let _ = child.kill();
    let _ = child.wait();
    assert!(!opened.exists());
}

fn embargoed_site(site_yaml: &str, embargo: &str) -> Site {
    let yaml = format!("embargo: {embargo}\n{}", common::INSPECTION_YAML);
    Site::valid_with(&[
        ("site.yaml", site_yaml.as_bytes()),
        (
            "content/inspections/2025-11-ilacs/inspection.yaml",
            yaml.as_bytes(),
        ),
        // The common about page links to the inspection, which a public
        // page may not do while it is withheld.
        ("content/pages/about.md", b"# About\n\nAbout this site.\n"),
    ])
}

#[test]
fn embargo_times_are_read_in_the_sites_time_zone() {
    // 09:30 in London on 15 June 2027 is 08:30 UTC (summer time).
    let site = embargoed_site(common::SITE_YAML, "2027-06-15 09:30");
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("2025-11-ilacs is embargoed until 15 June 2027 at 09:30 (Europe/London)."),
        "{}",
        check.stderr
    );
    let at = |epoch: &str| {
        Command::new(env!("CARGO_BIN_EXE_clarion"))
            .args(["build", "--root"])
            .arg(site.root())
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap()
    };
    // 08:29:59 UTC: still embargoed; 08:30:00 UTC: published.
    assert!(at("1813048199").status.success());
    assert!(!site.read("site/grades.csv").contains("2025-11-ilacs"));
    assert!(at("1813048200").status.success());
    assert!(site.read("site/grades.csv").contains("2025-11-ilacs"));

    // The `T` form, and another zone named in site.yaml.
    let yaml = format!("{}timezone: America/New_York\n", common::SITE_YAML);
    let site = embargoed_site(&yaml, "2027-01-15T09:30");
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("embargoed until 15 January 2027 at 09:30 (America/New_York)."),
        "{}",
        check.stderr
    );
    // A UTC time is still UTC, shown in the site's zone.
    let site = embargoed_site(common::SITE_YAML, "2027-06-15T00:01:00Z");
    let check = site.run(&["check"]);
    assert!(
        check
            .stderr
            .contains("embargoed until 15 June 2027 at 01:01 (Europe/London)."),
        "{}",
        check.stderr
    );
}

#[test]
fn an_unknown_time_zone_is_an_error_with_a_suggestion() {
    let yaml = format!("{}timezone: Europe/Londn\n", common::SITE_YAML);
    let site = Site::valid_with(&[("site.yaml", yaml.as_bytes())]);
    let r = site.build();
    r.assert_content_error(
        "site.yaml:4:",
        "`Europe/Londn` is not a time zone Clarion knows.",
    );
    assert!(
        r.stderr.contains("Did you mean `Europe/London`?"),
        "{}",
        r.stderr
    );
}
