//! A built site kept in memory between builds, for `serve`: a change to one
//! inspection's files re-reads and re-checks only that folder and
//! re-renders only the pages that show it. Anything else (settings, themes,
//! the glossary, documents, pages, a new or removed inspection) rebuilds
//! the whole site, which is always correct.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::pipeline::{self, BuildError, Built, Options, Report};
use clarion_content as content;
use clarion_content::{RawSite, ValidateOptions};
use clarion_core::{
    Diagnostic, Diagnostics, Inspection, Judgement, Pos, Site, Timestamp, Visibility, normalise,
};
use clarion_render as render;
use clarion_render::{Content, Files, Job, LinkMap, PageReading, Reads, Shared, Templates};

struct State {
    raw: RawSite,
    site: Arc<Site>,
    templates: Templates,
    versions: BTreeMap<String, String>,
    links: LinkMap,
    files: Files,
    readability: Vec<PageReading>,
    /// The warnings of the site as built, every file's.
    warnings: Vec<Diagnostic>,
}

/// What a rebuild did, for the person watching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Full,
    /// Only the pages that show the changed inspections.
    Partial {
        pages: usize,
    },
}

/// A site kept between builds.
pub struct Session {
    opts: Options,
    state: Option<State>,
    /// What the last rebuild did.
    pub last: Option<Kind>,
}

/// One inspection's edit: what of it changed.
struct BundleEdit {
    slug: String,
    summary: bool,
    children: bool,
    /// Grades, dates, names, translations or files: pages beyond its own show these.
    data: bool,
    /// Where its grades or texts stand in their files: only its own pages
    /// use these (in their messages), so only they are made again.
    moved: bool,
    /// Its authority before and after the edit, normalised.
    authorities: [String; 2],
    /// Its translations' languages before the edit.
    langs_before: Vec<String>,
}

impl BundleEdit {
    fn new(old: &Inspection, new: &Inspection) -> BundleEdit {
        BundleEdit {
            slug: new.slug.clone(),
            summary: old.summary.body != new.summary.body,
            children: children_text(old) != children_text(new),
            data: data_key(old) != data_key(new),
            moved: positions(old) != positions(new),
            authorities: [normalise(&old.authority), normalise(&new.authority)],
            langs_before: old.translations.iter().map(|t| t.lang.clone()).collect(),
        }
    }

    /// Whether the page `job`, which reads `reads`, shows what this edit changed.
    fn reaches(&self, job: &Job, reads: Reads, shared: &Shared) -> bool {
        let own = job.inspection().is_some_and(|i| i.slug == self.slug);
        let own_hit = own
            && (self.summary && reads.any(Reads::SUMMARY)
                || self.children && reads.any(Reads::CHILDREN)
                || (self.data || self.moved) && reads.any(Reads::OWN_DATA));
        own_hit
            || self.data
                && (reads.any(Reads::ALL_DATA)
                    || reads.any(Reads::AUTHORITY_DATA)
                        && job
                            .authority(shared)
                            .is_some_and(|a| self.authorities.contains(&a))
                    || reads.any(Reads::LINKED_DATA) && job.linked().contains(&self.slug))
    }
}

/// Everything about an inspection that other pages may show, as a hash of
/// the model with its texts and source positions left out: the texts are
/// compared on their own, as an edit of one shows on the inspection's own
/// pages only, and so are the positions, which a line added above them
/// moves without changing what any page shows.
fn data_key(i: &Inspection) -> u64 {
    let mut bare = i.clone();
    let blank: Arc<str> = Arc::from("");
    bare.summary.body = blank.clone();
    bare.summary.body_line = 0;
    if let Some(c) = &mut bare.children {
        c.body = blank.clone();
        c.body_line = 0;
    }
    for t in &mut bare.translations {
        t.file.body = blank.clone();
        t.file.body_line = 0;
    }
    if let Some(g) = &mut bare.overall {
        g.pos = Pos::default();
    }
    unplace(&mut bare.judgements);
    let mut hasher = std::hash::DefaultHasher::new();
    bare.hash(&mut hasher);
    hasher.finish()
}

fn unplace(judgements: &mut [Judgement]) {
    for j in judgements {
        if let Some(g) = &mut j.grade {
            g.pos = Pos::default();
        }
        unplace(&mut j.parts);
    }
}

/// Where an inspection's grades and texts stand in their files.
fn positions(i: &Inspection) -> Vec<Pos> {
    fn grades(judgements: &[Judgement], out: &mut Vec<Pos>) {
        for j in judgements {
            out.extend(j.grade.map(|g| g.pos));
            grades(&j.parts, out);
        }
    }
    let line = |l: usize| Pos::at(l, 0);
    let mut out: Vec<Pos> = i.overall.iter().map(|g| g.pos).collect();
    grades(&i.judgements, &mut out);
    out.push(line(i.summary.body_line));
    out.extend(i.children.iter().map(|c| line(c.body_line)));
    out.extend(i.translations.iter().map(|t| line(t.file.body_line)));
    out
}

fn children_text(i: &Inspection) -> Vec<Arc<str>> {
    i.children
        .iter()
        .map(|c| c.body.clone())
        .chain(i.translations.iter().map(|t| t.file.body.clone()))
        .collect()
}

impl Session {
    pub fn new(opts: Options) -> Session {
        Session {
            opts,
            state: None,
            last: None,
        }
    }

    /// Rebuilds after the files in `changed` (absolute, or relative to the
    /// site's root) changed; an empty list builds everything.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Report, BuildError> {
        if let Some(slugs) = self.changed_bundles(changed)
            && let Some(report) = self.rebuild_bundles(&slugs)
        {
            return Ok(report);
        }
        self.full()
    }

    /// The whole site, from scratch.
    pub fn full(&mut self) -> Result<Report, BuildError> {
        let started = Instant::now();
        self.state = None;
        let parts = pipeline::build_parts(&self.opts, None)?;
        self.last = Some(Kind::Full);
        let sources = parts.raw.sources.clone();
        let Some(r) = parts.rendered else {
            return Ok(Report {
                diagnostics: parts.diagnostics,
                sources,
                built: None,
                timings: parts.timings,
            });
        };
        let state = State {
            links: clarion_render::link_map(&r.site),
            raw: parts.raw,
            site: r.site,
            templates: r.templates,
            versions: r.versions,
            files: r.files,
            readability: parts.readability,
            warnings: parts.diagnostics.items.clone(),
        };
        let report = Report {
            diagnostics: parts.diagnostics,
            sources,
            built: Some(state.built()),
            timings: vec![("full rebuild", started.elapsed())],
        };
        self.state = Some(state);
        Ok(report)
    }

    /// The inspection folders `changed` falls in, when it falls in nothing else.
    fn changed_bundles(&self, changed: &[PathBuf]) -> Option<BTreeSet<String>> {
        let state = self.state.as_ref()?;
        if changed.is_empty() {
            return None;
        }
        let root = &self.opts.root;
        let inspections = root.join("content").join("inspections");
        let mut slugs = BTreeSet::new();
        for path in changed {
            let path = if path.is_absolute() {
                path.clone()
            } else {
                root.join(path)
            };
            // The watcher reports real paths; the root may be relative or a link.
            let rel: PathBuf = match path.strip_prefix(&inspections) {
                Ok(r) => r.to_path_buf(),
                Err(_) => path
                    .strip_prefix(inspections.canonicalize().ok()?)
                    .ok()?
                    .to_path_buf(),
            };
            let slug = rel.components().next()?.as_os_str().to_str()?.to_string();
            if rel.components().count() < 2 {
                return None; // the folder itself came or went
            }
            state.site.inspections.iter().find(|i| i.slug == slug)?;
            slugs.insert(slug);
        }
        Some(slugs)
    }

    /// The changed inspections read and checked again, and the problems
    /// found. `None` when one needs a full rebuild: it was published or
    /// withdrawn, or its folder can no longer be read as one.
    fn reload(&mut self, slugs: &BTreeSet<String>) -> Option<(Vec<Inspection>, Diagnostics)> {
        let opts = ValidateOptions {
            include_drafts: self.opts.drafts,
            now: Some(self.opts.now.unwrap_or_else(Timestamp::now)),
        };
        let state = self.state.as_mut()?;
        let mut diags = Diagnostics::default();
        let mut fresh = Vec::new();
        for slug in slugs {
            let bundle = content::reload_bundle(&mut state.raw, slug, &mut diags)?;
            let inspection = content::check_bundle(
                &bundle,
                &state.site.config,
                &state.site.frameworks,
                &state.raw.unreadable,
                opts,
                &mut diags,
            );
            if let Some(i) = inspection {
                // Publishing or withdrawing changes every list: rebuild it all.
                if i.visibility() != Visibility::Public && !self.opts.drafts {
                    return None;
                }
                fresh.push(i);
            }
        }
        Some((fresh, diags))
    }

    /// Re-reads, re-checks and re-renders only what the changed inspections
    /// show. `None` when the change needs a full rebuild instead.
    fn rebuild_bundles(&mut self, slugs: &BTreeSet<String>) -> Option<Report> {
        let started = Instant::now();
        let (fresh, diags) = self.reload(slugs)?;
        let state = self.state.as_mut()?;
        let (diagnostics, built, pages) = if diags.has_errors() || fresh.len() != slugs.len() {
            // Keep the last good site; show the problems.
            let mut all = Diagnostics::default();
            all.extend(diags.items);
            all.sort();
            (all, None, 0)
        } else {
            let changes = state.apply(fresh)?;
            let (diagnostics, pages) = state.rerender(&changes, diags);
            (diagnostics, Some(state.built()), pages)
        };
        self.last = Some(Kind::Partial { pages });
        Some(Report {
            diagnostics,
            sources: state.raw.sources.clone(),
            built,
            timings: vec![("partial rebuild", started.elapsed())],
        })
    }
}

impl State {
    /// Puts the fresh inspections in the site, re-sorted and re-indexed,
    /// and says what changed. `None` when the authorities changed.
    fn apply(&mut self, fresh: Vec<Inspection>) -> Option<Vec<BundleEdit>> {
        // Authority pages exist only when there are more than one.
        let pages_of = |site: &Site| -> BTreeSet<String> {
            let list = &site.lookup.authorities;
            match list.len() {
                0 | 1 => BTreeSet::new(),
                _ => list.iter().map(|a| a.slug.clone()).collect(),
            }
        };
        let before = pages_of(&self.site);
        let site = Arc::make_mut(&mut self.site);
        let mut changes: Vec<BundleEdit> = Vec::new();
        for new in fresh {
            let k = site.inspections.iter().position(|i| i.slug == new.slug)?;
            changes.push(BundleEdit::new(&site.inspections[k], &new));
            site.inspections[k] = new;
        }
        let any_data = changes.iter().any(|c| c.data);
        if any_data {
            content::sort_inspections(&mut site.inspections);
            self.links = clarion_render::link_map(site);
        }
        site.reindex();
        // A new authority changes the list of authorities on every page, and
        // a gone one leaves a page behind: rebuild it all.
        let now = pages_of(site);
        if any_data && (!before.is_subset(&now) || before.is_empty() != now.is_empty()) {
            return None;
        }
        Some(changes)
    }

    /// Renders again the pages `changes` reach and the files made from
    /// every inspection; the site's problems as they are now, and how many
    /// pages were rendered.
    fn rerender(&mut self, changes: &[BundleEdit], diags: Diagnostics) -> (Diagnostics, usize) {
        let site_arc = &self.site;
        let site: &Site = site_arc;
        let shared = Shared::with_links(
            site_arc,
            self.versions.clone(),
            std::borrow::Cow::Borrowed(&self.links),
        );
        // The pages that read what changed, as their kinds declare it.
        let jobs: Vec<Job> = render::all_jobs(&shared)
            .into_iter()
            .filter(|job| {
                let reads = job.reads(&shared);
                changes.iter().any(|e| e.reaches(job, reads, &shared))
            })
            .collect();

        replace_bundle_files(&mut self.files, site, changes);
        let out = render::render_jobs(&shared, &self.templates, &jobs);
        let pages = out.files.len();
        self.files.extend(out.files);

        // Warnings now belong to the changed folders' files as they are.
        let dirs: Vec<String> = changes
            .iter()
            .map(|c| format!("content/inspections/{}/", c.slug))
            .collect();
        let in_changed = |d: &Diagnostic| dirs.iter().any(|dir| d.file.starts_with(dir.as_str()));
        self.warnings.retain(|d| !in_changed(d));
        self.warnings.extend(diags.items);
        self.warnings
            .extend(out.diagnostics.into_iter().filter(|d| in_changed(d)));
        recheck_readability(
            site,
            &self.files,
            changes,
            &mut self.warnings,
            &mut self.readability,
        );

        refresh_site_files(&mut self.files, &shared, changes);
        // Any page's links may reach the changed bundles: check them all,
        // as a full build does, against the files as they are now.
        let broken_links =
            render::check_links(&render::markdown_files(site), &self.links, &self.files);
        drop(shared);

        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(self.warnings.iter().cloned());
        diagnostics.extend(broken_links);
        diagnostics.sort();
        (diagnostics, pages)
    }
}

/// Drops the changed inspections' copied files and translations, which may
/// be gone, and puts back the files they have now.
fn replace_bundle_files(files: &mut Files, site: &Site, changes: &[BundleEdit]) {
    for BundleEdit {
        slug,
        data,
        langs_before,
        ..
    } in changes
    {
        if *data {
            let prefix = clarion_render::paths::inspection(slug);
            files.retain(|p, c| !(p.starts_with(&prefix) && matches!(c, Content::Copy(_))));
            for lang in langs_before {
                files.remove(&format!(
                    "{}index.html",
                    clarion_render::paths::translation(slug, lang)
                ));
            }
            if let Some(i) = site.inspections.iter().find(|i| &i.slug == slug) {
                for (path, content, _) in pipeline::asset_entries(site, i) {
                    files.insert(path, content);
                }
            }
        }
    }
}

/// Reads the changed child pages again for the readability check.
fn recheck_readability(
    site: &Site,
    files: &Files,
    changes: &[BundleEdit],
    warnings: &mut Vec<Diagnostic>,
    readability: &mut Vec<PageReading>,
) {
    for change in changes {
        if !(change.children || change.data || change.moved) {
            continue;
        }
        let Some(file) = site
            .inspections
            .iter()
            .find(|i| i.slug == change.slug)
            .and_then(|i| i.children.as_ref())
        else {
            continue;
        };
        let (mut reading, found) = render::check_file_readability(site, file);
        warnings.extend(found);
        let page = |path: &str| pipeline::page_html(files, path);
        let shown = std::slice::from_mut(&mut reading);
        warnings.extend(render::check_shown_readability(site, &page, shown));
        readability.retain(|r| r.file != reading.file);
        readability.push(reading);
        render::sort_hardest_first(readability);
    }
}

/// The files made from every inspection (finder's index, sitemaps, open
/// data, feed), made again when what they show changed.
fn refresh_site_files(files: &mut Files, shared: &Shared, changes: &[BundleEdit]) {
    let site = shared.site;
    let any_data = changes.iter().any(|c| c.data);
    let changed_slugs: BTreeSet<&str> = changes.iter().map(|c| c.slug.as_str()).collect();
    if any_data {
        // Shards and sitemaps are named by their contents: replace them all.
        files.retain(|p, _| !p.starts_with("search/") && !p.starts_with("sitemap"));
        let generated = pipeline::generated_files(site, files, None);
        files.extend(generated);
        for (path, bytes) in clarion_render::search_index_files(shared) {
            files.insert(path, Content::Bytes(bytes.into()));
        }
    } else if changes.iter().any(|c| c.summary)
        && site
            .inspections
            .iter()
            .take(render::FEED_ENTRIES)
            .any(|i| changed_slugs.contains(i.slug.as_str()))
    {
        files.insert(
            "feed.xml".into(),
            Content::Bytes(render::atom_feed(site).into()),
        );
    }
}

impl State {
    fn built(&self) -> Built {
        Built {
            site: self.site.clone(),
            files: self.files.clone(),
            pages: self.files.keys().filter(|p| p.ends_with(".html")).count(),
            readability: self.readability.clone(),
        }
    }
}
