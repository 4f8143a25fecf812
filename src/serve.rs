//! The development server behind `clarion serve`: builds the site in
//! memory, serves it under the sub-path of `base_url` (as GitHub Pages
//! would), rebuilds on every save and tells open pages to reload over
//! Server-Sent Events. Nothing here writes to the output folder.

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, mpsc};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt as _;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use tokio::sync::broadcast;

use crate::cmd::{EXIT_CONTENT, EXIT_OK, EXIT_USAGE, Ui};
use crate::diagnostic::{self, Diagnostics, Severity, Sources};
use crate::escape::html as escape_html;
use crate::load;
use crate::pipeline::{CommandError, Options, Report};
use crate::render::{Content, Files};
use crate::session::Session;
use crate::validate::{self, ValidateOptions};

/// Where open pages listen for reloads, under the site's sub-path.
pub const EVENTS_PATH: &str = "__clarion/events";

/// The folders (and file) of a site that a rebuild depends on.
pub const WATCHED_DIRS: [&str; 3] = ["content", "themes", "static"];
pub const WATCHED_FILE: &str = "site.yaml";

/// How long the watcher waits for a burst of saves to settle.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// How far up from the asked-for port to look for a free one.
const PORT_TRIES: u16 = 20;

// ------------------------------------------------------------------ building

/// Builds the site for the server. Every rebuild goes through
/// [`Builder::rebuild`], so a smarter (incremental) build can replace the
/// full one without touching the server.
pub struct Builder {
    session: Session,
}

impl Builder {
    pub fn new(opts: Options) -> Builder {
        Builder {
            session: Session::new(opts),
        }
    }

    /// Rebuilds the site in memory after the files in `changed` (absolute
    /// paths; empty for the first build) changed: only the pages that show
    /// a changed inspection when that is all that changed.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Report, CommandError> {
        self.session.rebuild(changed)
    }

    /// Whether the last rebuild re-rendered only part of the site, and how many pages.
    pub fn last(&self) -> Option<crate::session::Kind> {
        self.session.last
    }
}

// ------------------------------------------------------------------ state

/// What the server shows.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The files of the last build that succeeded.
    pub files: Arc<Files>,
    /// The error page, while the last build failed.
    pub problems: Option<Arc<str>>,
}

/// The host names the server answers to. A page on another site that
/// points its own name at 127.0.0.1 (DNS rebinding) sends that name in
/// `Host`, and is refused: only names of this computer and the address
/// the server listens on are answered.
#[derive(Debug, Clone)]
pub struct Hosts {
    /// Lower-case, IPv6 addresses in brackets, without the port.
    names: BTreeSet<String>,
    port: u16,
    /// Listening on every address (`--bind 0.0.0.0`): any address written
    /// as numbers is this computer's, and cannot be rebound.
    any_address: bool,
}

impl Hosts {
    /// The names for a server bound as `bind` (as given) at `addr`.
    pub fn new(bind: &str, addr: SocketAddr) -> Hosts {
        let ip = |ip: std::net::IpAddr| match ip {
            std::net::IpAddr::V4(v4) => v4.to_string(),
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
        };
        let mut names: BTreeSet<String> = ["localhost", "127.0.0.1", "[::1]"]
            .into_iter()
            .map(str::to_string)
            .collect();
        names.insert(ip(addr.ip()));
        let bind = bind.trim().to_ascii_lowercase();
        if !bind.is_empty() {
            names.insert(if bind.contains(':') && !bind.starts_with('[') {
                format!("[{bind}]")
            } else {
                bind
            });
        }
        Hosts {
            names,
            port: addr.port(),
            any_address: addr.ip().is_unspecified(),
        }
    }

    /// Whether a request with this `Host` header is answered.
    pub fn allows(&self, host: Option<&str>) -> bool {
        let Some(host) = host else {
            return false;
        };
        let host = host.trim().to_ascii_lowercase();
        // `name:port`, `[v6]:port`, or either without the port.
        let (name, port) = match host.rsplit_once(':') {
            Some((n, p))
                if !p.is_empty()
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && (!n.contains(':') || n.ends_with(']')) =>
            {
                (n.to_string(), Some(p))
            }
            _ => (host.clone(), None),
        };
        if port.is_some_and(|p| p.parse::<u16>().ok() != Some(self.port)) {
            return false;
        }
        let name = name.trim_end_matches('.').to_string();
        if self.names.contains(&name) {
            return true;
        }
        self.any_address
            && (name.parse::<std::net::Ipv4Addr>().is_ok()
                || name
                    .strip_prefix('[')
                    .and_then(|n| n.strip_suffix(']'))
                    .is_some_and(|n| n.parse::<std::net::Ipv6Addr>().is_ok()))
    }

    /// The address to tell a refused browser to use.
    fn example(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

/// Shared between the HTTP handlers and the rebuild thread.
#[derive(Debug)]
pub struct Shared {
    pub snapshot: RwLock<Snapshot>,
    /// `/` or `/kent-inspections/`.
    pub base_path: String,
    pub reload: broadcast::Sender<()>,
    pub hosts: Hosts,
}

impl Shared {
    pub fn new(base_path: String, hosts: Hosts) -> Shared {
        Shared {
            snapshot: RwLock::new(Snapshot::default()),
            base_path,
            reload: broadcast::channel(16).0,
            hosts,
        }
    }

    fn current(&self) -> (Arc<Files>, Option<Arc<str>>) {
        // A panic elsewhere cannot leave a snapshot half-written (it is
        // replaced whole), so a poisoned lock is still safe to read.
        let s = self
            .snapshot
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        (s.files.clone(), s.problems.clone())
    }

    /// Shows the outcome of a build: its files when it worked, else its
    /// problems over the last good files. Returns true when it worked.
    pub fn apply(&self, result: &Result<Report, CommandError>) -> bool {
        let mut s = self
            .snapshot
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let ok = match result {
            Ok(report) => match &report.built {
                Some(built) if report.ok() => {
                    s.files = Arc::new(built.files.clone());
                    s.problems = None;
                    true
                }
                _ => {
                    s.problems = Some(error_page(&report.diagnostics, &report.sources).into());
                    false
                }
            },
            Err(e) => {
                s.problems = Some(message_page(&e.0).into());
                false
            }
        };
        drop(s);
        // No open page is not a failure.
        let _ = self.reload.send(());
        ok
    }
}

// ------------------------------------------------------------------ pages

pub const PROBLEMS_TITLE: &str = "Clarion found problems in your site";

const PAGE_STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}\
pre{background:#f3f2f1;border-left:6px solid #d4351c;padding:1rem;overflow:auto;white-space:pre-wrap;font-size:1rem}\
pre.warning{border-left-color:#f47738}";

fn page(body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{PROBLEMS_TITLE}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body>\n<h1>{PROBLEMS_TITLE}</h1>\n{body}</body>\n</html>\n"
    )
}

/// The page shown in place of every page while the content has errors:
/// each problem as the terminal shows it, without colour.
pub fn error_page(diags: &Diagnostics, sources: &Sources) -> String {
    let (e, w) = (diags.error_count(), diags.warning_count());
    let mut body = format!(
        "<p>{e} {}, {w} {}. Fix the file and save it: this page reloads by itself.</p>\n",
        if e == 1 { "error" } else { "errors" },
        if w == 1 { "warning" } else { "warnings" },
    );
    for d in &diags.items {
        let class = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        body.push_str(&format!(
            "<pre class=\"{class}\">{}</pre>\n",
            escape_html(&diagnostic::render(d, sources, false))
        ));
    }
    page(&body)
}

fn message_page(msg: &str) -> String {
    page(&format!(
        "<pre class=\"error\">{}</pre>\n<p>Fix it and save: this page reloads by itself.</p>\n",
        escape_html(msg)
    ))
}

/// The script that reloads the page when the site is rebuilt. Only `serve`
/// adds it; built sites never contain it.
pub fn reload_script(base_path: &str) -> String {
    format!(
        "<script>(function(){{var s=new EventSource(\"{}{EVENTS_PATH}\");s.addEventListener(\"reload\",function(){{s.close();location.reload();}});}})();</script>\n",
        escape_html(base_path)
    )
}

/// Adds the reload script just before the last `</body>`, or at the end.
pub fn inject_reload(html: &[u8], base_path: &str) -> Vec<u8> {
    let script = reload_script(base_path);
    let lower = html.to_ascii_lowercase();
    let at = lower
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The Content-Type for a file name.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name == "feed.xml" {
        return "application/atom+xml; charset=utf-8";
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

// ------------------------------------------------------------------ routing

/// What a request path asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Send the browser here (the sub-path, or a folder's address with its `/`).
    Redirect(String),
    /// The reload events.
    Events,
    /// A path inside the site, relative to the sub-path, decoded.
    Site(String),
    /// Outside the site, or a path that tries to escape it.
    NotFound,
}

/// Decodes `%XX` escapes once. None for a bad escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Maps a raw (still percent-encoded) request path to a route. Anything
/// that could climb out of the site is refused, however it is spelt.
pub fn route(raw: &str, base_path: &str) -> Route {
    let lower = raw.to_ascii_lowercase();
    // Encoded separators would turn into real ones after decoding.
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Route::NotFound;
    }
    let Some(path) = percent_decode(raw) else {
        return Route::NotFound;
    };
    if path.contains(['\\', '\0']) || path.split('/').any(|s| s == ".." || s == ".") {
        return Route::NotFound;
    }
    if base_path != "/" && (path == "/" || path == base_path.trim_end_matches('/')) {
        return Route::Redirect(base_path.to_string());
    }
    match path.strip_prefix(base_path) {
        Some(EVENTS_PATH) => Route::Events,
        Some(rest) if !rest.starts_with('/') => Route::Site(rest.to_string()),
        _ => Route::NotFound,
    }
}

/// The file a site path names: `x/` is `x/index.html`. `Err` with an
/// address when the path names a folder without its trailing `/`.
pub fn lookup<'a>(files: &'a Files, rest: &str) -> Option<Result<(String, &'a Content), String>> {
    let key = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.to_string()
    };
    if let Some(c) = files.get(&key) {
        return Some(Ok((key, c)));
    }
    if !rest.is_empty() && files.contains_key(&format!("{rest}/index.html")) {
        return Some(Err(format!("{rest}/")));
    }
    None
}

fn respond(status: StatusCode, ctype: &str, body: Vec<u8>) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(ctype) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn redirect(to: &str) -> Response {
    let mut r = respond(StatusCode::FOUND, "text/plain; charset=utf-8", Vec::new());
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

async fn read_content(content: &Content) -> Option<Vec<u8>> {
    match content {
        Content::Bytes(b) => Some(b.to_vec()),
        Content::Copy(p) => {
            let p = p.clone();
            tokio::task::spawn_blocking(move || std::fs::read(p).ok())
                .await
                .ok()
                .flatten()
        }
    }
}

fn html(shared: &Shared, status: StatusCode, page: &[u8]) -> Response {
    respond(
        status,
        "text/html; charset=utf-8",
        inject_reload(page, &shared.base_path),
    )
}

async fn not_found(shared: &Shared, files: &Files) -> Response {
    let page = match files.get("404.html") {
        Some(c) => read_content(c).await,
        None => None,
    };
    let page = page.unwrap_or_else(|| {
        b"<!doctype html><title>Not found</title><h1>Page not found</h1></body>".to_vec()
    });
    html(shared, StatusCode::NOT_FOUND, &page)
}

fn events(shared: &Shared) -> Response {
    let rx = shared.reload.subscribe();
    // A first comment shows the page (and the tests) that it is listening.
    let hello = futures_util::stream::once(async {
        Ok::<_, Infallible>(Event::default().comment("connected"))
    });
    let reloads = futures_util::stream::unfold(rx, |mut rx| async move {
        match rx.recv().await {
            // Missing a reload among many still means "reload".
            Ok(()) | Err(broadcast::error::RecvError::Lagged(_)) => Some((
                Ok::<_, Infallible>(Event::default().event("reload").data("reload")),
                rx,
            )),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    });
    let mut r = Sse::new(hello.chain(reloads))
        .keep_alive(KeepAlive::default())
        .into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: axum::http::HeaderMap,
) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()));
    if !shared.hosts.allows(host) {
        return respond(
            StatusCode::FORBIDDEN,
            "text/plain; charset=utf-8",
            format!(
                "This preview answers only to the address it is served on. Open {} instead.\n",
                shared.hosts.example()
            )
            .into_bytes(),
        );
    }
    if method != Method::GET && method != Method::HEAD {
        return respond(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            b"Only GET and HEAD are allowed.\n".to_vec(),
        );
    }
    let (files, problems) = shared.current();
    let rest = match route(uri.path(), &shared.base_path) {
        Route::Redirect(to) => return redirect(&to),
        Route::Events => return events(&shared),
        Route::NotFound => return not_found(&shared, &files).await,
        Route::Site(rest) => rest,
    };
    let found = lookup(&files, &rest);
    // While the content has errors, every page shows them instead.
    if let Some(problems) = problems {
        let is_page = match &found {
            Some(Ok((key, _))) => key.ends_with(".html"),
            Some(Err(_)) => true,
            None => !rest.rsplit('/').next().unwrap_or("").contains('.'),
        };
        if is_page {
            return html(&shared, StatusCode::OK, problems.as_bytes());
        }
    }
    match found {
        Some(Ok((key, content))) => match read_content(content).await {
            Some(bytes) if key.ends_with(".html") => html(&shared, StatusCode::OK, &bytes),
            Some(bytes) => respond(StatusCode::OK, content_type(&key), bytes),
            None => not_found(&shared, &files).await,
        },
        Some(Err(folder)) => redirect(&format!("{}{folder}", shared.base_path)),
        None => not_found(&shared, &files).await,
    }
}

/// The server's routes: everything goes through one handler.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

// ------------------------------------------------------------------ watching

/// True when a change to `path` (absolute) can change the site.
pub fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Editors' swap and backup files.
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
        return false;
    }
    if rel == Path::new(WATCHED_FILE) {
        return true;
    }
    WATCHED_DIRS.contains(&first.as_ref())
}

type Watcher = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// Starts watching each of content/, themes/ and static/ that exists and
/// is not watched yet. One that `changed` names itself (deleted, made
/// again, or renamed) or that is gone is watched afresh: a watch follows
/// the folder it was set on, so a folder deleted and made again under the
/// same name would otherwise never be watched.
fn watch_dirs(
    root: &Path,
    debouncer: &mut Watcher,
    watched: &mut BTreeSet<&'static str>,
    changed: &BTreeSet<PathBuf>,
) {
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if watched.contains(dir) && (changed.contains(&path) || !path.is_dir()) {
            // Already gone with the folder, when it was deleted.
            let _ = debouncer.unwatch(&path);
            watched.remove(dir);
        }
        if !watched.contains(dir)
            && root.join(dir).is_dir()
            && debouncer
                .watch(root.join(dir), RecursiveMode::Recursive)
                .is_ok()
        {
            watched.insert(dir);
        }
    }
}

/// Watches the site and rebuilds on every change until the watcher stops.
fn watch_and_rebuild(
    ui: Ui,
    root: PathBuf,
    mut builder: Builder,
    shared: Arc<Shared>,
    ready: mpsc::Sender<Result<(), String>>,
) {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(DEBOUNCE, None, tx) {
        Ok(d) => d,
        Err(e) => {
            let _ = ready.send(Err(format!("Could not watch the site for changes: {e}")));
            return;
        }
    };
    // The root itself is watched alone (not recursively), so that a large
    // output or build folder beside the content costs nothing.
    if let Err(e) = debouncer.watch(&root, RecursiveMode::NonRecursive) {
        let _ = ready.send(Err(format!(
            "Could not watch {} for changes: {e}",
            root.display()
        )));
        return;
    }
    let mut watched = BTreeSet::new();
    watch_dirs(&root, &mut debouncer, &mut watched, &BTreeSet::new());
    let _ = ready.send(Ok(()));

    for result in rx {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for e in errors {
                    ui.info(&format!("Watching for changes: {e}"));
                }
                continue;
            }
        };
        let mut changed = BTreeSet::new();
        for e in &events {
            if matches!(e.kind, EventKind::Access(_)) {
                continue;
            }
            for p in &e.paths {
                if relevant(&root, p) {
                    changed.insert(p.clone());
                }
            }
        }
        if changed.is_empty() {
            continue;
        }
        // A content/, themes/ or static/ folder made (or made again) after the server started.
        watch_dirs(&root, &mut debouncer, &mut watched, &changed);
        let changed: Vec<PathBuf> = changed.into_iter().collect();
        if ui.verbose {
            for p in &changed {
                ui.info(&format!("Changed: {}", p.display()));
            }
        }
        let started = Instant::now();
        let result = builder.rebuild(&changed);
        let ms = started.elapsed().as_millis();
        report_build(&ui, &result);
        if shared.apply(&result) {
            match builder.last() {
                Some(crate::session::Kind::Partial { pages }) => ui.info(&format!(
                    "Rebuilt in {ms} ms ({pages} {} re-rendered)",
                    if pages == 1 { "page" } else { "pages" }
                )),
                _ => ui.info(&format!("Rebuilt in {ms} ms (whole site)")),
            }
        }
        // Drop the build before the next one, so the kept site is not copied.
        drop(result);
    }
}

/// Prints a build's problems on the terminal.
fn report_build(ui: &Ui, result: &Result<Report, CommandError>) {
    match result {
        Ok(report) => {
            ui.diagnostics(&report.diagnostics, &report.sources);
            if !report.ok() {
                ui.info("The site has errors: the browser shows them until you fix them and save.");
            }
        }
        Err(e) => ui.info(&format!("error: {}", e.0)),
    }
}

// ------------------------------------------------------------------ running

/// What `clarion serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Settings {
    pub root: PathBuf,
    pub bind: String,
    /// 0 lets the system choose.
    pub port: u16,
    /// The port was asked for: use it or fail, never the next free one.
    pub exact_port: bool,
    pub drafts: bool,
    /// Open the site in the web browser once it is served.
    pub open: bool,
}

/// Listens on `port`, or, unless `exact`, the next free one up to
/// [`PORT_TRIES`] above it.
pub fn bind(host: &str, port: u16, exact: bool) -> Result<TcpListener, String> {
    if exact && port != 0 {
        return TcpListener::bind((host, port)).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                format!("Port {port} on {host} is in use (by another `clarion serve`, or another program). Stop that program, choose another port with --port, or leave --port out to use the first free port from 1111.")
            } else {
                format!("Could not listen on {host} port {port}: {e}.")
            }
        });
    }
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES)
    };
    for p in port..=last {
        match TcpListener::bind((host, p)) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(format!("Could not listen on {host} port {p}: {e}.")),
        }
    }
    Err(format!(
        "Ports {port} to {last} on {host} are all in use. Stop the other server, or choose a port with --port."
    ))
}

/// The title and sub-path from site.yaml, read before the first build so
/// the site can be built for the server's own address.
fn site_settings(root: &Path) -> (String, String) {
    let mut diags = Diagnostics::default();
    let raw = load::load(root, &mut diags);
    let site = validate::validate(&raw, ValidateOptions::default(), &mut diags);
    (site.config.title, site.config.base_path)
}

/// Runs the server until Ctrl-C. Returns the exit status.
pub fn run(ui: &Ui, settings: Settings) -> i32 {
    let root = match std::fs::canonicalize(&settings.root) {
        Ok(r) if r.join(WATCHED_FILE).is_file() => r,
        _ => {
            return usage(&format!(
                "There is no site.yaml in {}. Run `clarion serve` in a site's folder, give `--root DIR`, or make a site with `clarion init`.",
                settings.root.display()
            ));
        }
    };
    let listener = match bind(&settings.bind, settings.port, settings.exact_port) {
        Ok(l) => l,
        Err(e) => return usage(&e),
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => return usage(&format!("Could not read the server's address: {e}")),
    };
    if settings.port != 0 && addr.port() != settings.port {
        ui.info(&format!(
            "Port {} is in use, so Clarion uses port {} instead.",
            settings.port,
            addr.port()
        ));
    }
    if !addr.ip().is_loopback() {
        ui.info("Listening beyond this computer: anyone on your network can see the site, drafts included if you gave --drafts.");
    }
    // The browser's address: a wildcard bind is still reached at 127.0.0.1.
    let shown = if addr.ip().is_unspecified() {
        SocketAddr::from(([127, 0, 0, 1], addr.port()))
    } else {
        addr
    };

    let (title, base_path) = site_settings(&root);
    let url = format!("http://{shown}{base_path}");
    let mut builder = Builder::new(Options {
        root: root.clone(),
        base_url: Some(url.clone()),
        drafts: settings.drafts,
        ..Options::default()
    });
    let shared = Arc::new(Shared::new(base_path, Hosts::new(&settings.bind, addr)));

    let started = Instant::now();
    let first = builder.rebuild(&[]);
    report_build(ui, &first);
    if shared.apply(&first) {
        ui.info(&format!("Built in {} ms", started.elapsed().as_millis()));
    }

    let (ready_tx, ready_rx) = mpsc::channel();
    {
        let (ui, root, shared) = (*ui, root.clone(), shared.clone());
        std::thread::spawn(move || watch_and_rebuild(ui, root, builder, shared, ready_tx));
    }
    match ready_rx.recv() {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return usage(&e),
        Err(_) => return usage("The watcher stopped before it started."),
    }

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return usage(&format!("Could not start the server: {e}")),
    };
    // Printed on standard output, even with --quiet: it is the command's result.
    println!("Serving {title} at {url}");
    ui.info("Watching site.yaml, content/, themes/ and static/. Press Ctrl-C to stop.");
    if settings.open
        && let Err(e) = webbrowser::open(&url)
    {
        ui.info(&format!(
            "Could not open a web browser ({e}): open {url} yourself."
        ));
    }

    let result: std::io::Result<()> = runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let server = axum::serve(listener, router(shared));
        tokio::select! {
            r = server.into_future() => r,
            // Open event streams never end by themselves, so Ctrl-C stops
            // the server outright rather than waiting for them.
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    });
    runtime.shutdown_timeout(Duration::from_millis(200));
    match result {
        Ok(()) => {
            ui.info("Stopped.");
            EXIT_OK
        }
        Err(e) => {
            ui.info(&format!("error: the server stopped: {e}"));
            EXIT_CONTENT
        }
    }
}

fn usage(msg: &str) -> i32 {
    crate::cmd::usage_error(msg);
    EXIT_USAGE
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
