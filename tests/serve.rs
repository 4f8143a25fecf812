//! `clarion serve` driven over HTTP on 127.0.0.1: pages, live reload,
//! the error page, and paths that try to escape the site.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{INSPECTION_YAML, Site, valid_site};

const WAIT: Duration = Duration::from_secs(10);
const PAGE: &str = "/test-site/inspections/2025-11-ilacs/";

/// Kills the server however the test ends.
struct Server {
    child: Child,
    port: u16,
    stderr: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &Site) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_clarion"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let (line_tx, line_rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = line_tx.send(line);
            }
        });
        // Drained so the server never blocks on a full pipe; kept for failure messages.
        let (err_tx, err_rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = err_tx.send(line);
            }
        });
        let mut server = Server {
            child,
            port: 0,
            stderr: err_rx,
        };
        let line = line_rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no address printed; stderr: {}", server.log()));
        assert!(
            line.starts_with("Serving Test inspections at http://127.0.0.1:"),
            "{line}"
        );
        let url = line.rsplit(" at ").next().unwrap();
        assert!(url.ends_with("/test-site/"), "{url}");
        server.port = url
            .trim_start_matches("http://127.0.0.1:")
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        server
    }

    fn log(&self) -> String {
        self.stderr.try_iter().collect::<Vec<_>>().join("\n")
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        s
    }

    /// Sends a raw request path (not encoded or normalised by any client).
    fn get(&self, path: &str) -> Reply {
        self.get_as(path, "127.0.0.1")
    }

    /// As [`Server::get`], with this `Host` header.
    fn get_as(&self, path: &str, host: &str) -> Reply {
        let mut s = self.connect();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Reply {
            status,
            head: head.to_ascii_lowercase(),
            body: body.to_string(),
        }
    }

    /// Opens the reload events and waits until the server is listening.
    fn events(&self) -> Events {
        let mut s = self.connect();
        write!(
            s,
            "GET /test-site/__clarion/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut events = Events {
            stream: s,
            seen: String::new(),
        };
        let head = events.wait_for(": connected");
        assert!(
            head.to_ascii_lowercase().contains("text/event-stream"),
            "{head}"
        );
        events
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    /// Reads until `what` appears after what was already consumed, and
    /// gives what was consumed.
    fn wait_for(&mut self, what: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut buf = [0u8; 4096];
        while !self.seen.contains(what) {
            assert!(
                Instant::now() < deadline,
                "no {what:?} within {WAIT:?}; got {:?}",
                self.seen
            );
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("event stream closed; got {:?}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(e) => panic!("reading events: {e}; got {:?}", self.seen),
            }
        }
        // Consume up to and including it, so the next wait needs a new event.
        let end = self.seen.find(what).unwrap() + what.len();
        self.seen.drain(..end).collect()
    }

    fn wait_for_reload(&mut self) {
        self.wait_for("event: reload");
    }
}

#[test]
fn serves_reloads_shows_errors_and_refuses_escapes() {
    let site = Site::new(&valid_site());
    let server = Server::start(&site);

    // A page, with the reload script that only `serve` adds.
    let page = server.get(PAGE);
    assert_eq!(page.status, 200, "{}", server.log());
    assert!(
        page.head.contains("content-type: text/html"),
        "{}",
        page.head
    );
    assert!(
        page.head.contains("cache-control: no-store"),
        "{}",
        page.head
    );
    assert!(page.body.contains("Things are good."), "{}", page.body);
    assert!(page.body.contains("/test-site/__clarion/events"));
    assert!(page.body.contains("</script>\n</body>"));

    // `/` and the sub-path without its slash lead to the site.
    for path in ["/", "/test-site"] {
        let r = server.get(path);
        assert_eq!(r.status, 302, "{path}");
        assert!(r.head.contains("location: /test-site/"), "{}", r.head);
    }
    let r = server.get("/test-site/inspections/2025-11-ilacs");
    assert_eq!(r.status, 302);
    assert!(
        r.head
            .contains("location: /test-site/inspections/2025-11-ilacs/")
    );

    // Content types, and a file copied from the bundle.
    for (path, ctype) in [
        ("/test-site/feed.xml", "application/atom+xml"),
        ("/test-site/grades.csv", "text/csv"),
        ("/test-site/grades.json", "application/json"),
        (
            "/test-site/inspections/2025-11-ilacs/photo.png",
            "image/png",
        ),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.head.contains(&format!("content-type: {ctype}")),
            "{path}: {}",
            r.head
        );
        assert!(!r.body.contains("__clarion"), "{path}");
    }
    assert!(
        server
            .get("/test-site/inspections/2025-11-ilacs/photo.png")
            .body
            .contains("PNG fake")
    );

    // Save a change: the page is told to reload and shows it.
    let mut events = server.events();
    site.write(
        "content/inspections/2025-11-ilacs/summary.md",
        "## What inspectors found\n\nThings are very good indeed.\n",
    );
    events.wait_for_reload();
    let page = server.get(PAGE);
    assert!(
        page.body.contains("Things are very good indeed."),
        "{}",
        page.body
    );

    // Break the YAML: every page shows the problem, file and line.
    site.write(
        "content/inspections/2025-11-ilacs/inspection.yaml",
        &INSPECTION_YAML.replace("overall: good", "overall: brilliant"),
    );
    events.wait_for_reload();
    for path in [PAGE, "/test-site/"] {
        let r = server.get(path);
        assert_eq!(r.status, 200);
        assert!(
            r.body.contains("Clarion found problems in your site"),
            "{}",
            r.body
        );
        assert!(
            r.body
                .contains("content/inspections/2025-11-ilacs/inspection.yaml:6"),
            "{}",
            r.body
        );
        assert!(r.body.contains("brilliant"));
        assert!(
            r.body.contains("/test-site/__clarion/events"),
            "the error page reloads too"
        );
    }
    // Files other than pages are still served.
    assert_eq!(server.get("/test-site/grades.csv").status, 200);

    // Fix it: the page comes back.
    site.write(
        "content/inspections/2025-11-ilacs/inspection.yaml",
        INSPECTION_YAML,
    );
    events.wait_for_reload();
    let page = server.get(PAGE);
    assert_eq!(page.status, 200);
    assert!(
        !page.body.contains("Clarion found problems"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Things are very good indeed."));

    // Nothing outside the site, however the path is spelt.
    for path in [
        "/test-site/../site.yaml",
        "/../site.yaml",
        "/test-site/%2e%2e/site.yaml",
        "/test-site/%2E%2E/%2E%2E/etc/passwd",
        "/test-site/inspections%2f2025-11-ilacs/",
        "/test-site/inspections%2F2025-11-ilacs/summary.md",
        "/test-site/..%5csite.yaml",
        "/test-site/inspections/2025-11-ilacs/%00",
        "/test-site/content/inspections/2025-11-ilacs/summary.md",
        "/site.yaml",
        "/test-site/site.yaml",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.body.contains("Page not found"), "{path}: {}", r.body);
    }
    // A raw backslash: refused by us (404) or by the HTTP parser (400), never served.
    let r = server.get("/test-site/..\\site.yaml");
    assert!(r.status == 404 || r.status == 400, "{}", r.status);
    assert!(!r.body.contains("base_url"));

    // A missing page: the site's 404 page, with status 404.
    let r = server.get("/test-site/no-such-page/");
    assert_eq!(r.status, 404);
    assert!(r.head.contains("content-type: text/html"));
    assert!(r.body.contains("Page not found"));
    assert!(r.body.contains("__clarion/events"));

    // Only GET and HEAD.
    let mut s = server.connect();
    write!(
        s,
        "POST {PAGE} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 405"), "{raw}");
}

#[test]
fn starts_with_errors_and_recovers() {
    let site = Site::valid_with(&[(
        "content/inspections/2025-11-ilacs/inspection.yaml",
        INSPECTION_YAML
            .replace("start: 2025-11-03", "start: 2025-13-03")
            .as_bytes(),
    )]);
    let server = Server::start(&site);
    let r = server.get(PAGE);
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains("Clarion found problems in your site"),
        "{}",
        r.body
    );
    assert!(r.body.contains("inspection.yaml:3"), "{}", r.body);

    let mut events = server.events();
    site.write(
        "content/inspections/2025-11-ilacs/inspection.yaml",
        INSPECTION_YAML,
    );
    events.wait_for_reload();
    let r = server.get(PAGE);
    assert!(r.body.contains("Things are good."), "{}", r.body);
}

#[test]
fn build_output_has_no_reload_script() {
    let site = Site::new(&valid_site());
    assert_eq!(site.build().code, 0);
    let page = site.read("site/inspections/2025-11-ilacs/index.html");
    assert!(page.contains("Things are good."));
    assert!(!page.contains("__clarion"));
    assert!(!site.read("site/404.html").contains("__clarion"));
}

#[test]
fn refuses_a_folder_without_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_clarion"))
        .args(["serve", "--port", "0", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("There is no site.yaml"));
}

#[test]
fn answers_only_to_its_own_host_names() {
    let site = Site::new(&valid_site());
    let server = Server::start(&site);
    let port = server.port;
    for host in [
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
    ] {
        let r = server.get_as(PAGE, &host);
        assert_eq!(r.status, 200, "{host}");
        assert!(r.body.contains("Things are good."), "{host}");
    }
    // A page elsewhere whose own name was pointed at 127.0.0.1 (DNS rebinding).
    for host in [
        "attacker.example".to_string(),
        format!("attacker.example:{port}"),
        format!("127.0.0.1.attacker.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
    ] {
        for path in [PAGE, "/test-site/grades.csv", "/test-site/__clarion/events"] {
            let r = server.get_as(path, &host);
            assert_eq!(r.status, 403, "{host} {path}");
            assert!(r.head.contains("content-type: text/plain"), "{}", r.head);
            assert!(
                r.body.contains(&format!(
                    "answers only to the address it is served on. Open http://127.0.0.1:{port}/"
                )),
                "{}",
                r.body
            );
            assert!(!r.body.contains("Things are good."));
        }
    }
}

/// Asks for `path` until its body satisfies `ok`, for at most WAIT.
#[track_caller]
fn wait_for_page(server: &Server, path: &str, what: &str, ok: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + WAIT;
    loop {
        let r = server.get(path);
        if ok(&r.body) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{path} never showed {what}; last body:\n{}\nlog:\n{}",
            r.body,
            server.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn edits_are_rebuilt_after_content_is_deleted_and_made_again() {
    let site = Site::new(&valid_site());
    let server = Server::start(&site);
    let content: Vec<(&str, Vec<u8>)> = valid_site()
        .into_iter()
        .filter(|(p, _)| p.starts_with("content/"))
        .collect();
    let restore = || {
        for (path, bytes) in &content {
            let p = site.path(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
    };
    let good = |b: &str| b.contains("Things are good.");

    // Deleted, noticed, then made again.
    std::fs::remove_dir_all(site.path("content")).unwrap();
    wait_for_page(&server, PAGE, "the inspection gone", |b| !good(b));
    restore();
    wait_for_page(&server, PAGE, "the inspection back", good);
    site.write(
        "content/inspections/2025-11-ilacs/summary.md",
        "## What inspectors found\n\nFirst edit after the folder came back.\n",
    );
    wait_for_page(&server, PAGE, "the first edit", |b| {
        b.contains("First edit after the folder came back.")
    });

    // Moved away and made again at once, as some editors and sync tools do.
    std::fs::rename(site.path("content"), site.path("content-old")).unwrap();
    restore();
    wait_for_page(&server, PAGE, "the inspection back", good);
    site.write(
        "content/inspections/2025-11-ilacs/summary.md",
        "## What inspectors found\n\nSecond edit after the folder came back.\n",
    );
    wait_for_page(&server, PAGE, "the second edit", |b| {
        b.contains("Second edit after the folder came back.")
    });
}

#[test]
fn serve_leaves_out_junk_and_refuses_scripts_in_files_as_build_does() {
    let site = Site::valid_with(&[(
        "content/inspections/2025-11-ilacs/~$report.docx",
        b"Jo Bloggs",
    )]);
    let server = Server::start(&site);
    let r = server.get("/test-site/inspections/2025-11-ilacs/~$report.docx");
    assert_eq!(r.status, 404);
    assert!(!r.body.contains("Jo Bloggs"));
    // An edit that adds a script beside the page shows the error, file and line.
    site.write(
        "content/inspections/2025-11-ilacs/chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect onclick=\"steal()\"/>\n</svg>\n",
    );
    wait_for_page(&server, PAGE, "the error", |b| {
        b.contains("content/inspections/2025-11-ilacs/chart.svg:2:7")
    });
    let r = server.get("/test-site/inspections/2025-11-ilacs/chart.svg");
    assert!(!r.body.contains("steal()"), "{}", r.body);
}
