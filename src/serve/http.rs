//! The HTTP side of the preview: which host names it answers to, how a
//! request path maps to a file, and the one handler every request goes
//! through.

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt as _;
use tokio::sync::broadcast;

use crate::pipeline::{BuildError, Report};
use crate::render::{Content, Files};

use super::EVENTS_PATH;
use super::reload::{error_page, inject_reload, message_page};

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

/// What the server shows and how it is reached: shared between the HTTP
/// handlers and the rebuild thread.
#[derive(Debug)]
pub struct ServerState {
    pub snapshot: RwLock<Snapshot>,
    /// `/` or `/kent-inspections/`.
    pub base_path: String,
    pub reload: broadcast::Sender<()>,
    pub hosts: Hosts,
}

impl ServerState {
    pub fn new(base_path: String, hosts: Hosts) -> ServerState {
        ServerState {
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
    pub fn apply(&self, result: &Result<Report, BuildError>) -> bool {
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
                s.problems = Some(message_page(&e.to_string()).into());
                false
            }
        };
        drop(s);
        // No open page is not a failure.
        let _ = self.reload.send(());
        ok
    }
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
        Content::Copy(p) | Content::Staged(p) => {
            let p = p.clone();
            tokio::task::spawn_blocking(move || std::fs::read(p).ok())
                .await
                .ok()
                .flatten()
        }
    }
}

fn html(state: &ServerState, status: StatusCode, page: &[u8]) -> Response {
    respond(
        status,
        "text/html; charset=utf-8",
        inject_reload(page, &state.base_path),
    )
}

async fn not_found(state: &ServerState, files: &Files) -> Response {
    let page = match files.get("404.html") {
        Some(c) => read_content(c).await,
        None => None,
    };
    let page = page.unwrap_or_else(|| {
        b"<!doctype html><title>Not found</title><h1>Page not found</h1></body>".to_vec()
    });
    html(state, StatusCode::NOT_FOUND, &page)
}

fn events(state: &ServerState) -> Response {
    let rx = state.reload.subscribe();
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
    State(state): State<Arc<ServerState>>,
    method: Method,
    uri: Uri,
    headers: axum::http::HeaderMap,
) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()));
    if !state.hosts.allows(host) {
        return respond(
            StatusCode::FORBIDDEN,
            "text/plain; charset=utf-8",
            format!(
                "This preview answers only to the address it is served on. Open {} instead.\n",
                state.hosts.example()
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
    let (files, problems) = state.current();
    let rest = match route(uri.path(), &state.base_path) {
        Route::Redirect(to) => return redirect(&to),
        Route::Events => return events(&state),
        Route::NotFound => return not_found(&state, &files).await,
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
            return html(&state, StatusCode::OK, problems.as_bytes());
        }
    }
    match found {
        Some(Ok((key, content))) => match read_content(content).await {
            Some(bytes) if key.ends_with(".html") => html(&state, StatusCode::OK, &bytes),
            Some(bytes) => respond(StatusCode::OK, content_type(&key), bytes),
            None => not_found(&state, &files).await,
        },
        Some(Err(folder)) => redirect(&format!("{}{folder}", state.base_path)),
        None => not_found(&state, &files).await,
    }
}

/// The server's routes: everything goes through one handler.
pub fn router(state: Arc<ServerState>) -> Router {
    Router::new().fallback(handle).with_state(state)
}
