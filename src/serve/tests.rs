use std::path::Path;

use super::http::{Hosts, Route, content_type, lookup, route};
use super::reload::{PROBLEMS_TITLE, error_page, inject_reload};
use super::watch::relevant;
use crate::diagnostic::{self, Diagnostics, Sources};
use crate::render::{Content, Files};

#[test]
fn routes_refuse_escapes() {
    let b = "/kent/";
    assert_eq!(route("/", b), Route::Redirect(b.into()));
    assert_eq!(route("/kent", b), Route::Redirect(b.into()));
    assert_eq!(route("/kent/", b), Route::Site(String::new()));
    assert_eq!(route("/kent/a%20b/", b), Route::Site("a b/".into()));
    assert_eq!(route("/kent/__clarion/events", b), Route::Events);
    for bad in [
        "/kent/../site.yaml",
        "/kent/%2e%2e/site.yaml",
        "/kent/%2E%2E/x",
        "/kent/a%2fb",
        "/kent/a%2Fb",
        "/kent/..%5csite.yaml",
        "/kent/a\\b",
        "/kent/a%00",
        "/kent/%zz",
        "/kent/%ff",
        "/kent/./x",
        "/kent//etc/passwd",
        "/other/",
    ] {
        assert_eq!(route(bad, b), Route::NotFound, "{bad}");
    }
    assert_eq!(route("/", "/"), Route::Site(String::new()));
}

#[test]
fn lookup_finds_index_and_redirects_folders() {
    let mut files = Files::new();
    files.insert(
        "index.html".into(),
        Content::Bytes(b"home".as_slice().into()),
    );
    files.insert(
        "a/index.html".into(),
        Content::Bytes(b"a".as_slice().into()),
    );
    assert!(matches!(lookup(&files, ""), Some(Ok((k, _))) if k == "index.html"));
    assert!(matches!(lookup(&files, "a/"), Some(Ok((k, _))) if k == "a/index.html"));
    assert_eq!(
        lookup(&files, "a").map(|r| r.map(|(k, _)| k)),
        Some(Err("a/".into()))
    );
    assert!(lookup(&files, "b").is_none());
}

#[test]
fn reload_script_goes_before_the_last_body_end() {
    let out = inject_reload(b"<html><body>x</BODY></html>", "/kent/");
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("x<script>"), "{out}");
    assert!(out.contains("\"/kent/__clarion/events\""));
    assert!(out.ends_with("</script>\n</BODY></html>"));
    let out = inject_reload(b"no body", "/");
    assert!(
        String::from_utf8(out)
            .unwrap()
            .starts_with("no body<script>")
    );
}

#[test]
fn content_types() {
    assert_eq!(
        content_type("feed.xml"),
        "application/atom+xml; charset=utf-8"
    );
    assert_eq!(content_type("sitemap.xml"), "application/xml");
    assert_eq!(content_type("a/b.PNG"), "image/png");
    assert_eq!(content_type("x"), "application/octet-stream");
    assert_eq!(content_type("grades.csv"), "text/csv; charset=utf-8");
}

#[test]
fn relevant_changes() {
    let root = Path::new("/s");
    assert!(relevant(root, Path::new("/s/site.yaml")));
    assert!(relevant(root, Path::new("/s/content/a/summary.md")));
    assert!(relevant(root, Path::new("/s/themes/x/templates/base.html")));
    assert!(relevant(root, Path::new("/s/i18n/ar.yaml")));
    assert!(!relevant(root, Path::new("/s/site/index.html")));
    assert!(!relevant(root, Path::new("/s/content/.summary.md.swp")));
    assert!(!relevant(root, Path::new("/s/README.md")));
    assert!(!relevant(root, Path::new("/elsewhere/site.yaml")));
}

#[test]
fn answers_only_to_its_own_host_names() {
    let local = Hosts::new("127.0.0.1", "127.0.0.1:4000".parse().unwrap());
    for ok in [
        "127.0.0.1:4000",
        "127.0.0.1",
        "localhost:4000",
        "LOCALHOST",
        "localhost.:4000",
        "[::1]:4000",
    ] {
        assert!(local.allows(Some(ok)), "{ok}");
    }
    for bad in [
        "evil.example:4000",
        "evil.example",
        "127.0.0.1:4001",
        "localhost:80",
        "127.0.0.1.evil.example:4000",
        "192.168.1.9:4000",
        "",
    ] {
        assert!(!local.allows(Some(bad)), "{bad}");
    }
    assert!(!local.allows(None));
    let all = Hosts::new("0.0.0.0", "0.0.0.0:4000".parse().unwrap());
    assert!(all.allows(Some("192.168.1.9:4000")));
    assert!(all.allows(Some("[fe80::1]:4000")));
    assert!(!all.allows(Some("rebound.example:4000")));
    let named = Hosts::new("mybox.local", "192.168.1.9:4000".parse().unwrap());
    assert!(named.allows(Some("mybox.local:4000")));
    assert!(named.allows(Some("192.168.1.9:4000")));
    assert!(!named.allows(Some("10.0.0.1:4000")));
}

#[test]
fn error_page_escapes() {
    let mut diags = Diagnostics::default();
    diags.push(diagnostic::Diagnostic::error(
        "content/x.md",
        diagnostic::Pos::file(),
        "bad <script>",
    ));
    let page = error_page(&diags, &Sources::default());
    assert!(page.contains(PROBLEMS_TITLE));
    assert!(page.contains("bad &lt;script&gt;"));
    assert!(!page.contains("bad <script>"));
}
