//! The renderer: pages from the model, in parallel, as files in memory or
//! streamed to a [`PageSink`]. Nothing here reads a file.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::pages::{InspectionValues, Job, all_jobs, render_job};
use crate::shared::Shared;
use crate::templates::Templates;
use clarion_core::Diagnostic;

/// A file of the built site, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Shared, so a kept site can be handed to the server without copying.
    Bytes(Arc<[u8]>),
    /// A file of the site's sources, copied to the output as it is.
    Copy(std::path::PathBuf),
    /// Already written to the staging folder at this path: the final write
    /// leaves it where it is.
    Staged(std::path::PathBuf),
}

/// Output path (relative, `/`-separated) -> content.
pub type Files = BTreeMap<String, Content>;

/// Where pages go as they are made, so a large site is not held in memory
/// whole: the site stage writes them to its staging folder. Rendering itself
/// never touches the disk.
pub trait PageSink: Sync {
    /// Keeps `bytes` as the page at `path` (relative, `/`-separated) and
    /// says where it now lives.
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<std::path::PathBuf>;
}

/// The rendered pages and the problems met on the way.
pub struct Output {
    pub files: Files,
    pub diagnostics: Vec<Diagnostic>,
}

/// What one rendering worker keeps from page to page.
struct Worker {
    /// A page built in a fresh buffer grows it several times, and the
    /// largest (an authority's, a few hundred KB) take fresh memory from
    /// the system: one buffer, reused, avoids both.
    html: Vec<u8>,
}

impl Worker {
    fn new() -> Worker {
        Worker { html: Vec::new() }
    }
}

/// Renders pages with the given templates. It owns its workers' state (a
/// page buffer each), made for one render call.
pub struct Renderer<'r, 'a> {
    shared: &'r Shared<'a>,
    templates: &'r Templates,
    /// One per thread of the pool, by thread index.
    workers: Vec<Mutex<Worker>>,
}

impl<'r, 'a> Renderer<'r, 'a> {
    pub fn new(shared: &'r Shared<'a>, templates: &'r Templates) -> Renderer<'r, 'a> {
        let n = rayon::current_num_threads().max(1);
        Renderer {
            shared,
            templates,
            workers: (0..n).map(|_| Mutex::new(Worker::new())).collect(),
        }
    }

    /// Renders the pages of `group` with this thread's worker.
    fn group(&self, group: &[Job<'a>], stage: Option<&dyn PageSink>) -> Vec<Page> {
        let k = rayon::current_thread_index().unwrap_or(0) % self.workers.len();
        // Never contended: a thread renders one group at a time. A fresh
        // worker stands in should the pool's threads ever outnumber them.
        let mut fresh = None;
        let mut kept = self.workers[k].try_lock().ok();
        let worker: &mut Worker = match kept.as_deref_mut() {
            Some(w) => w,
            None => fresh.insert(Worker::new()),
        };
        let mut local = InspectionValues::default();
        let html = &mut worker.html;
        group
            .iter()
            .map(|j| {
                let p = render_job(self.shared, self.templates, j, &mut local, html);
                let content = match stage {
                    Some(stage) => match stage.put(&p.path, html) {
                        Ok(at) => Content::Staged(at),
                        // Kept in memory; the final write reports the failure.
                        Err(_) => Content::Bytes(html.as_slice().into()),
                    },
                    None => Content::Bytes(html.as_slice().into()),
                };
                (p.path, content, p.diagnostics)
            })
            .collect()
    }

    /// Renders pages in parallel; with `stage`, each page is written to disk
    /// as soon as it is made and only its staged path is kept, so memory
    /// stays proportional to the content, not to the output.
    pub fn render(&self, jobs: &[Job<'a>], stage: Option<&dyn PageSink>) -> Output {
        // An inspection's pages render together, so they share its values.
        let groups: Vec<&[Job]> = jobs
            .chunk_by(|a, b| match (a.inspection(), b.inspection()) {
                (Some(x), Some(y)) => std::ptr::eq(x, y),
                _ => false,
            })
            .collect();
        let pages: Vec<Page> = groups
            .par_iter()
            // Small pieces, so no core is left alone with a long run at the end.
            .with_max_len(8)
            .flat_map_iter(|group| self.group(group, stage))
            .collect();
        let mut files = Files::new();
        let mut diagnostics = Vec::new();
        for (path, content, d) in pages {
            files.insert(path, content);
            diagnostics.extend(d);
        }
        Output { files, diagnostics }
    }
}

/// A page made: where it goes, its content and its problems.
type Page = (String, Content, Vec<Diagnostic>);

/// Renders the given pages, in parallel.
pub fn render_jobs<'a>(shared: &Shared<'a>, templates: &Templates, jobs: &[Job<'a>]) -> Output {
    Renderer::new(shared, templates).render(jobs, None)
}

/// Renders every page of the site, and the finder's index; with `stage`,
/// writing pages to it as they are made.
pub fn render_site_into(
    shared: &Shared,
    templates: &Templates,
    stage: Option<&dyn PageSink>,
) -> Output {
    // The finder's index is made while the pages render.
    let (mut out, search) = rayon::join(
        || Renderer::new(shared, templates).render(&all_jobs(shared), stage),
        || crate::search::files(shared),
    );
    for (path, bytes) in search {
        out.files.insert(path, Content::Bytes(bytes.into()));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::labels::{kind_label, tone};

    #[test]
    fn tones_spread_over_scales() {
        let four: Vec<usize> = (1..=4).map(|r| tone(r, 4)).collect();
        assert_eq!(four, [0, 2, 3, 5]);
        let six: Vec<usize> = (1..=6).map(|r| tone(r, 6)).collect();
        assert_eq!(six, [0, 1, 2, 3, 4, 5]);
        assert_eq!(tone(1, 1), 0);
        assert_eq!((1..=3).map(|r| tone(r, 3)).collect::<Vec<_>>(), [0, 3, 5]);
    }

    #[test]
    fn kind_labels() {
        assert_eq!(kind_label("focused-visit"), "Focused visit");
        assert_eq!(kind_label("fostering"), "Fostering inspection");
    }
}
