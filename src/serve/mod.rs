//! The development server behind `clarion serve`: builds the site in
//! memory, serves it under the sub-path of `base_url` (as GitHub Pages
//! would), rebuilds on every save and tells open pages to reload over
//! Server-Sent Events. Nothing here writes to the output folder.
//!
//! `http` answers requests, `watch` rebuilds on saves, `reload` makes the
//! pages only the preview shows.

mod http;
mod reload;
mod watch;

#[cfg(test)]
mod tests;

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crate::cmd::Ui;
use crate::diagnostic::Diagnostics;
use crate::load;
use crate::pipeline::Options;
use crate::session::Session;
use crate::validate::{self, ValidateOptions};

use http::{Hosts, ServerState, router};
use watch::{WATCHED_FILE, report_build, watch_and_rebuild};

/// Where open pages listen for reloads, under the site's sub-path.
const EVENTS_PATH: &str = "__clarion/events";

/// How far up from the asked-for port to look for a free one.
const PORT_TRIES: u16 = 20;

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

/// Why the server could not start, or stopped: never the content's fault
/// (the content's errors are shown in the browser), so the command exits
/// with status 2.
#[derive(Debug)]
pub enum ServeError {
    /// The site's folder has no site.yaml (or cannot be read).
    NoSite { folder: PathBuf },
    /// The port asked for with --port is taken.
    PortInUse { host: String, port: u16 },
    /// Every port tried from the default one is taken.
    PortsInUse { host: String, first: u16, last: u16 },
    /// Listening failed for another reason.
    Listen {
        host: String,
        port: u16,
        error: std::io::Error,
    },
    /// The listening socket has no address.
    Address(std::io::Error),
    /// The site (or, with no folder, anything) cannot be watched.
    Watch {
        folder: Option<PathBuf>,
        error: String,
    },
    /// The watching thread ended before it said it was ready.
    WatcherStopped,
    /// The server's runtime could not start.
    Runtime(std::io::Error),
    /// The server stopped with an error while serving.
    Stopped(std::io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            ServeError::NoSite { folder } => write!(
                f,
                "There is no site.yaml in {}. Run `clarion serve` in a site's folder, give `--root DIR`, or make a site with `clarion init`.",
                folder.display()
            ),
            ServeError::PortInUse { host, port } => write!(
                f,
                "Port {port} on {host} is in use (by another `clarion serve`, or another program). Stop that program, choose another port with --port, or leave --port out to use the first free port from 1111."
            ),
            ServeError::PortsInUse { host, first, last } => write!(
                f,
                "Ports {first} to {last} on {host} are all in use. Stop the other server, or choose a port with --port."
            ),
            ServeError::Listen { host, port, error } => {
                write!(f, "Could not listen on {host} port {port}: {error}.")
            }
            ServeError::Address(e) => write!(f, "Could not read the server's address: {e}"),
            ServeError::Watch {
                folder: None,
                error,
            } => write!(f, "Could not watch the site for changes: {error}"),
            ServeError::Watch {
                folder: Some(folder),
                error,
            } => write!(
                f,
                "Could not watch {} for changes: {error}",
                folder.display()
            ),
            ServeError::WatcherStopped => f.write_str("The watcher stopped before it started."),
            ServeError::Runtime(e) => write!(f, "Could not start the server: {e}"),
            ServeError::Stopped(e) => write!(f, "the server stopped: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// Listens on `port`, or, unless `exact`, the next free one up to
/// [`PORT_TRIES`] above it.
fn bind(host: &str, port: u16, exact: bool) -> Result<TcpListener, ServeError> {
    let listen_error = |port, error| ServeError::Listen {
        host: host.to_string(),
        port,
        error,
    };
    if exact && port != 0 {
        return TcpListener::bind((host, port)).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                ServeError::PortInUse {
                    host: host.to_string(),
                    port,
                }
            } else {
                listen_error(port, e)
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
            Err(e) => return Err(listen_error(p, e)),
        }
    }
    Err(ServeError::PortsInUse {
        host: host.to_string(),
        first: port,
        last,
    })
}

/// The title and sub-path from site.yaml, read before the first build so
/// the site can be built for the server's own address.
fn site_settings(root: &Path) -> (String, String) {
    let mut diags = Diagnostics::default();
    let raw = load::load(root, &mut diags);
    let site = validate::validate(&raw, ValidateOptions::default(), &mut diags);
    (site.config.title, site.config.base_path)
}

/// Binds as `settings` ask and says where, when it is not quite that.
fn listen(ui: &Ui, settings: &Settings) -> Result<(TcpListener, SocketAddr), ServeError> {
    let listener = bind(&settings.bind, settings.port, settings.exact_port)?;
    let addr = listener.local_addr().map_err(ServeError::Address)?;
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
    Ok((listener, addr))
}

/// Runs the server until Ctrl-C.
pub fn run(ui: &Ui, settings: Settings) -> Result<(), ServeError> {
    let root = match std::fs::canonicalize(&settings.root) {
        Ok(r) if r.join(WATCHED_FILE).is_file() => r,
        _ => {
            return Err(ServeError::NoSite {
                folder: settings.root.clone(),
            });
        }
    };
    let (listener, addr) = listen(ui, &settings)?;
    // The browser's address: a wildcard bind is still reached at 127.0.0.1.
    let shown = if addr.ip().is_unspecified() {
        SocketAddr::from(([127, 0, 0, 1], addr.port()))
    } else {
        addr
    };

    let (title, base_path) = site_settings(&root);
    let url = format!("http://{shown}{base_path}");
    let mut session = Session::new(Options {
        root: root.clone(),
        base_url: Some(url.clone()),
        drafts: settings.drafts,
        ..Options::default()
    });
    let state = Arc::new(ServerState::new(
        base_path,
        Hosts::new(&settings.bind, addr),
    ));

    let started = Instant::now();
    let first = session.rebuild(&[]);
    report_build(ui, &first);
    if state.apply(&first) {
        ui.info(&format!("Built in {} ms", started.elapsed().as_millis()));
    }
    start_watching(ui, root, session, state.clone())?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    // Printed on standard output, even with --quiet: it is the command's result.
    println!("Serving {title} at {url}");
    ui.info("Watching site.yaml, content/, themes/, static/ and i18n/. Press Ctrl-C to stop.");
    if settings.open
        && let Err(e) = webbrowser::open(&url)
    {
        ui.info(&format!(
            "Could not open a web browser ({e}): open {url} yourself."
        ));
    }
    let served = serve_until_stopped(&runtime, listener, state);
    runtime.shutdown_timeout(Duration::from_millis(200));
    served.map_err(ServeError::Stopped)?;
    ui.info("Stopped.");
    Ok(())
}

/// Starts the thread that rebuilds on every save, once it watches the site.
fn start_watching(
    ui: &Ui,
    root: PathBuf,
    session: Session,
    state: Arc<ServerState>,
) -> Result<(), ServeError> {
    let (ready_tx, ready_rx) = mpsc::channel();
    let ui = *ui;
    std::thread::spawn(move || watch_and_rebuild(ui, root, session, state, ready_tx));
    ready_rx.recv().map_err(|_| ServeError::WatcherStopped)?
}

/// Serves the site until Ctrl-C.
fn serve_until_stopped(
    runtime: &tokio::runtime::Runtime,
    listener: TcpListener,
    state: Arc<ServerState>,
) -> std::io::Result<()> {
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let server = axum::serve(listener, router(state));
        tokio::select! {
            r = server.into_future() => r,
            // Open event streams never end by themselves, so Ctrl-C stops
            // the server outright rather than waiting for them.
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}
