//! Watching the site's folders and rebuilding on every save.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::cmd::Ui;
use crate::pipeline::{BuildError, Report};
use crate::session::{Kind as RebuildKind, Session};

use super::ServeError;
use super::http::ServerState;

/// The folders (and file) of a site that a rebuild depends on.
pub const WATCHED_DIRS: [&str; 4] = ["content", "themes", "static", "i18n"];
pub const WATCHED_FILE: &str = "site.yaml";

/// How long the watcher waits for a burst of saves to settle.
const DEBOUNCE: Duration = Duration::from_millis(150);

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

/// Starts watching each of content/, themes/, static/ and i18n/ that exists and
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
/// Tells `ready` once the watch is set, or why it could not be.
pub fn watch_and_rebuild(
    ui: Ui,
    root: PathBuf,
    mut session: Session,
    state: Arc<ServerState>,
    ready: mpsc::Sender<Result<(), ServeError>>,
) {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(DEBOUNCE, None, tx) {
        Ok(d) => d,
        Err(e) => {
            let _ = ready.send(Err(ServeError::Watch {
                folder: None,
                error: e.to_string(),
            }));
            return;
        }
    };
    // The root itself is watched alone (not recursively), so that a large
    // output or build folder beside the content costs nothing.
    if let Err(e) = debouncer.watch(&root, RecursiveMode::NonRecursive) {
        let _ = ready.send(Err(ServeError::Watch {
            folder: Some(root.clone()),
            error: e.to_string(),
        }));
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
        let changed = changed_paths(&root, &events);
        if changed.is_empty() {
            continue;
        }
        // A content/, themes/ or static/ folder made (or made again) after the server started.
        watch_dirs(&root, &mut debouncer, &mut watched, &changed);
        rebuild(&ui, &mut session, &state, changed.into_iter().collect());
    }
}

/// The paths among `events` whose change can change the site.
fn changed_paths(
    root: &Path,
    events: &[notify_debouncer_full::DebouncedEvent],
) -> BTreeSet<PathBuf> {
    let mut changed = BTreeSet::new();
    for e in events {
        if matches!(e.kind, EventKind::Access(_)) {
            continue;
        }
        for p in &e.paths {
            if relevant(root, p) {
                changed.insert(p.clone());
            }
        }
    }
    changed
}

/// Rebuilds after `changed`, shows the outcome and says how long it took.
fn rebuild(ui: &Ui, session: &mut Session, state: &ServerState, changed: Vec<PathBuf>) {
    if ui.verbose {
        for p in &changed {
            ui.info(&format!("Changed: {}", p.display()));
        }
    }
    let started = Instant::now();
    let result = session.rebuild(&changed);
    let ms = started.elapsed().as_millis();
    report_build(ui, &result);
    if state.apply(&result) {
        match session.last {
            Some(RebuildKind::Partial { pages }) => ui.info(&format!(
                "Rebuilt in {ms} ms ({pages} {} re-rendered)",
                if pages == 1 { "page" } else { "pages" }
            )),
            _ => ui.info(&format!("Rebuilt in {ms} ms (whole site)")),
        }
    }
    // Drop the build before the next one, so the kept site is not copied.
    drop(result);
}

/// Prints a build's problems on the terminal.
pub fn report_build(ui: &Ui, result: &Result<Report, BuildError>) {
    match result {
        Ok(report) => {
            ui.diagnostics(&report.diagnostics, &report.sources);
            if !report.ok() {
                ui.info("The site has errors: the browser shows them until you fix them and save.");
            }
        }
        Err(e) => ui.info(&format!("error: {e}")),
    }
}
