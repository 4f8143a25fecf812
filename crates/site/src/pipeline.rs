//! One build, start to finish: load, validate, render, then write. The
//! commands (`build`, `check`, `serve`) are thin wrappers around this.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::output;
use clarion_content as content;
use clarion_content::{RawSite, ValidateOptions};
use clarion_core::{Diagnostic, Diagnostics, Pos, Site, Sources, Timestamp};
use clarion_render as render;
use clarion_render::{Content, Files, PageSink, Shared, Templates};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    /// Defaults to `<root>/site`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Publish drafts and embargoed inspections too.
    pub drafts: bool,
    /// The moment embargoes are compared with; defaults to now.
    pub now: Option<Timestamp>,
}

/// A problem with the command rather than the content (exit status 2):
/// what was asked cannot be done, whatever the content says.
#[derive(Debug)]
pub enum BuildError {
    /// `--base-url` is not a web address.
    BaseUrl { url: String },
    /// The output folder is one Clarion will not replace.
    UnsafeOutput(output::UnsafeOutput),
    /// The output folder (or its lock or staging folder) cannot be written.
    Write {
        folder: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            BuildError::BaseUrl { url } => write!(
                f,
                "--base-url {url} is not a web address: give the full address, such as https://example.github.io/kent/."
            ),
            BuildError::UnsafeOutput(e) => e.fmt(f),
            BuildError::Write { folder, error } => write!(
                f,
                "Could not write the site to {}: {error}",
                folder.display()
            ),
        }
    }
}

impl std::error::Error for BuildError {}

/// A site built in memory.
#[derive(Debug)]
pub struct Built {
    pub site: std::sync::Arc<Site>,
    pub files: Files,
    /// How many HTML pages.
    pub pages: usize,
    /// Reading measures of the child pages, hardest first.
    pub readability: Vec<render::PageReading>,
}

/// The outcome of a build: every diagnostic, the sources to quote them
/// from, and the site when there were no errors.
#[derive(Debug)]
pub struct Report {
    pub diagnostics: Diagnostics,
    pub sources: Sources,
    pub built: Option<Built>,
    /// How long each step took, for `--verbose` and the benchmarks.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

impl Report {
    pub fn ok(&self) -> bool {
        !self.diagnostics.has_errors() && self.built.is_some()
    }
}

/// The output folder a build writes to.
pub fn output_dir(opts: &Options) -> PathBuf {
    opts.output
        .clone()
        .unwrap_or_else(|| opts.root.join("site"))
}

/// Everything one full build makes, before it becomes a [`Report`].
pub(crate) struct Parts {
    pub diagnostics: Diagnostics,
    pub raw: RawSite,
    /// The rendered site, when there were no errors.
    pub rendered: Option<RenderedSite>,
    pub readability: Vec<render::PageReading>,
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Loads, checks and renders the whole site in memory.
pub(crate) fn build_parts(
    opts: &Options,
    stage: Option<&output::Staging>,
) -> Result<Parts, BuildError> {
    let mut timings = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, std::time::Duration)>| {
        let now = std::time::Instant::now();
        timings.push((name, now - clock));
        clock = now;
    };
    let mut diagnostics = Diagnostics::default();
    let raw = content::load_site(&opts.root, &mut diagnostics);
    lap("load", &mut timings);
    let mut site = content::validate(
        &raw,
        ValidateOptions {
            include_drafts: opts.drafts,
            now: opts.now,
        },
        &mut diagnostics,
    );
    lap("validate", &mut timings);
    // Words of the theme a page's language has no text for show in English.
    diagnostics.extend(render::check_strings(&site));
    if let Some(url) = &opts.base_url {
        let (full, path) = content::normalise_base_url(url)
            .ok_or_else(|| BuildError::BaseUrl { url: url.clone() })?;
        site.config.base_url = full;
        site.config.base_path = path;
    }
    // Where each source is published is needed only to render, and is made
    // while the child pages are measured.
    let (mut readability, links) = rayon::join(
        || render::check_readability(&site, &mut diagnostics),
        || clarion_render::link_map(&site),
    );
    lap("readability", &mut timings);
    let rendered = if diagnostics.has_errors() {
        None
    } else {
        render_files(&raw, site, links, &mut diagnostics, stage)
    };
    lap("render", &mut timings);
    if let Some(r) = &rendered {
        // The vocabulary gate reads the child pages as a child sees them.
        let page = |path: &str| page_html(&r.files, path);
        let found = render::check_shown_readability(&r.site, &page, &mut readability);
        diagnostics.extend(found);
        lap("readability as shown", &mut timings);
    }
    diagnostics.sort();
    let rendered = if diagnostics.has_errors() {
        None
    } else {
        rendered
    };
    Ok(Parts {
        diagnostics,
        raw,
        rendered,
        readability,
        timings,
    })
}

/// The bytes of an output file, held in memory or read from disk.
fn content_bytes(content: &Content) -> Option<Cow<'_, [u8]>> {
    match content {
        Content::Bytes(b) => Some(Cow::Borrowed(&**b)),
        Content::Copy(p) | Content::Staged(p) => std::fs::read(p).ok().map(Cow::Owned),
    }
}

/// The HTML of a rendered page, held in memory or already staged to disk.
pub(crate) fn page_html(files: &Files, path: &str) -> Option<String> {
    let bytes = content_bytes(files.get(path)?)?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Loads, checks and renders the site in memory. Writes nothing.
pub fn build_in_memory(opts: &Options) -> Result<Report, BuildError> {
    Ok(into_report(build_parts(opts, None)?))
}

fn into_report(parts: Parts) -> Report {
    let built = parts.rendered.map(|r| Built {
        site: r.site,
        files: r.files,
        pages: r.pages,
        readability: parts.readability,
    });
    Report {
        diagnostics: parts.diagnostics,
        sources: parts.raw.sources,
        built,
        timings: parts.timings,
    }
}

/// Builds the site and, when it has no errors, replaces the output folder
/// with it. While another build of the same folder runs, it waits and says
/// so on standard error.
pub fn build(opts: &Options) -> Result<Report, BuildError> {
    build_waiting(opts, &mut |msg| eprintln!("{msg}"))
}

/// As [`build`], telling `on_wait` when it must wait for another build.
pub fn build_waiting(opts: &Options, on_wait: &mut dyn FnMut(&str)) -> Result<Report, BuildError> {
    let out = output_dir(opts);
    let refused = BuildError::UnsafeOutput;
    // Before the lock file is made beside it: a refused folder is left as it was.
    output::check_output_dir(&opts.root, &out).map_err(refused)?;
    let write_error = |error| BuildError::Write {
        folder: out.clone(),
        error,
    };
    let lock = output::lock_output(&out, &mut |pid| {
        let who = pid.map_or_else(String::new, |p| format!(" (process {p})"));
        on_wait(&format!(
            "Waiting for another build of {}/{who} to finish\u{2026}",
            out.display().to_string().trim_end_matches(['/', '\\'])
        ));
    })
    .map_err(write_error)?;
    // Again under the lock: what is there may have changed while it waited.
    output::check_output_dir(&opts.root, &out).map_err(refused)?;
    // Pages go to disk as they are rendered; the site is swapped in only if all went well.
    let stage = output::Staging::new(&out, lock).map_err(write_error)?;
    let mut report = into_report(build_parts(opts, Some(&stage))?);
    if let Some(built) = &report.built {
        let started = std::time::Instant::now();
        stage.finish(&built.files).map_err(write_error)?;
        report.timings.push(("write", started.elapsed()));
    }
    Ok(report)
}

fn static_layers(raw: &RawSite, theme_name: &str) -> BTreeMap<String, Content> {
    let mut files = BTreeMap::new();
    for (name, bytes) in render::THEME_STATIC {
        files.insert(
            (*name).to_string(),
            Content::Bytes(std::sync::Arc::from(*bytes)),
        );
    }
    if let Some(t) = raw.themes.get(theme_name) {
        for (name, path) in &t.statics {
            files.insert(name.clone(), Content::Copy(path.clone()));
        }
    }
    for (name, path) in &raw.statics {
        files.insert(name.clone(), Content::Copy(path.clone()));
    }
    files
}

fn insert_unique(
    files: &mut Files,
    path: String,
    content: Content,
    source: &str,
    diags: &mut Diagnostics,
) {
    match files.entry(path) {
        std::collections::btree_map::Entry::Occupied(e) => diags.push(
            Diagnostic::error(source, Pos::file(), format!("This file would be published at /{}, where Clarion already writes a page or file.", e.key()))
                .with_help("Rename the file so that the two do not clash."),
        ),
        std::collections::btree_map::Entry::Vacant(e) => {
            e.insert(content);
        }
    }
}

/// A site rendered in memory, with what a later partial rebuild can reuse.
pub(crate) struct RenderedSite {
    pub site: std::sync::Arc<Site>,
    pub files: Files,
    pub pages: usize,
    pub templates: Templates,
    /// Fingerprints of the theme's assets.
    pub versions: BTreeMap<String, String>,
}

fn render_files(
    raw: &RawSite,
    site: Site,
    links: clarion_render::LinkMap,
    diags: &mut Diagnostics,
    stage: Option<&output::Staging>,
) -> Option<RenderedSite> {
    let theme_name = site.config.theme.clone();
    if theme_name != "default" && !raw.themes.contains_key(&theme_name) {
        let mut known: Vec<&str> = raw.themes.keys().map(String::as_str).collect();
        known.push("default");
        diags.push(
            Diagnostic::error(
                "site.yaml",
                site.config.theme_pos,
                format!("There is no theme called `{theme_name}`."),
            )
            .with_help(format!(
                "Themes live in themes/<name>/. Available: {}.",
                known.join(", ")
            )),
        );
        return None;
    }
    let templates = Templates::new(raw.themes.get(&theme_name), diags);
    if diags.has_errors() {
        return None;
    }
    let statics = static_layers(raw, &theme_name);
    let versions = asset_versions(&statics);
    let shared_versions = versions.clone();
    // Shared with the template values, which must own what they point to.
    let site = std::sync::Arc::new(site);
    let shared = Shared::with_links(&site, versions, std::borrow::Cow::Owned(links));
    let out = render::render_site_into(&shared, &templates, stage.map(|s| s as &dyn PageSink));
    diags.extend(out.diagnostics);
    let mut files = out.files;
    let pages = files.keys().filter(|p| p.ends_with(".html")).count();

    files.extend(generated_files(&site, &files, stage));
    add_sources(&mut files, raw, &site, statics, diags);
    report_folder_clashes(&files, &site.root, diags);
    diags.extend(render::check_links(
        &render::markdown_files(&site),
        &shared.links,
        &files,
    ));
    Some(RenderedSite {
        site,
        files,
        pages,
        templates,
        versions: shared_versions,
    })
}

/// Fingerprints of the theme's assets that pages link with a version.
fn asset_versions(statics: &BTreeMap<String, Content>) -> BTreeMap<String, String> {
    let mut versions = BTreeMap::new();
    for name in ["style.css", "read-aloud.js", "favicon.svg", "find.js"] {
        if let Some(b) = statics.get(name).and_then(content_bytes) {
            versions.insert(name.to_string(), render::fingerprint(&b));
        }
    }
    versions
}

/// Adds the files published as they are (inspections' and the site's
/// documents, the static layers), each refused where a page already is.
fn add_sources(
    files: &mut Files,
    raw: &RawSite,
    site: &Site,
    statics: BTreeMap<String, Content>,
    diags: &mut Diagnostics,
) {
    for i in &site.inspections {
        for (path, content, source) in asset_entries(site, i) {
            insert_unique(files, path, content, &source, diags);
        }
    }
    for a in &raw.document_assets {
        insert_unique(
            files,
            format!("documents/{a}"),
            Content::Copy(site.root.join("content/documents").join(a)),
            &format!("content/documents/{a}"),
            diags,
        );
    }
    for (name, content) in statics {
        let source = match &content {
            Content::Copy(p) | Content::Staged(p) => p
                .strip_prefix(&site.root)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/"),
            Content::Bytes(_) => format!("(built-in theme) static/{name}"),
        };
        insert_unique(files, name, content, &source, diags);
    }
}

/// The open data, feed, sitemaps and robots.txt of a site whose pages are
/// `files`. With `stage`, the open data (the largest of them) is streamed to
/// it and comes back as files already staged.
pub(crate) fn generated_files(
    site: &Site,
    files: &Files,
    stage: Option<&output::Staging>,
) -> Vec<(String, Content)> {
    // Independent files, made side by side on every core.
    let (open_data, (feed, sitemaps)) = rayon::join(
        || open_data(site, stage),
        || {
            rayon::join(
                || render::atom_feed(site),
                || render::sitemaps(site, &sitemap_pages(site, files)),
            )
        },
    );
    let mut generated: Vec<(String, Content)> = open_data;
    let mut small: Vec<(String, Vec<u8>)> = vec![
        ("feed.xml".into(), feed),
        // Pagefind (run after Clarion) replaces these with its search UI; until
        // then the Find page loads them and offers no full-text search. The
        // style sheet loads before the page is first drawn, so the page knows
        // from the start whether the search box will come, and nothing moves
        // when it does.
        (
            "pagefind/pagefind-ui.js".into(),
            b"/* Replaced by Pagefind's UI when the site is indexed (npx pagefind --site site). */\n".to_vec(),
        ),
        (
            "pagefind/pagefind-ui.css".into(),
            b"/* Replaced by Pagefind's UI when the site is indexed (npx pagefind --site site).\n   Until then the Find page has no full-text search. */\n.full-text { display: none; }\n".to_vec(),
        ),
        (".nojekyll".into(), Vec::new()),
    ];
    // Crawlers read robots.txt only at a domain's root: under a sub-path it
    // would be ignored, so a site there has none.
    if site.config.base_path == "/" {
        small.push(("robots.txt".into(), render::robots_txt(site)));
    }
    for (name, bytes) in small.into_iter().chain(sitemaps) {
        generated.push((name, Content::Bytes(bytes.into())));
    }
    generated
}

fn open_data(site: &Site, stage: Option<&output::Staging>) -> Vec<(String, Content)> {
    let (json, csv) = ("grades.json", "grades.csv");
    if let Some(stage) = stage {
        let stream = || -> std::io::Result<()> {
            let mut j = std::io::BufWriter::new(stage.create(json)?);
            let mut c = std::io::BufWriter::new(stage.create(csv)?);
            render::write_grades(site, &mut j, &mut c)?;
            std::io::Write::flush(&mut j)?;
            std::io::Write::flush(&mut c)
        };
        if stream().is_ok() {
            return vec![
                (json.into(), Content::Staged(stage.path_of(json))),
                (csv.into(), Content::Staged(stage.path_of(csv))),
            ];
        }
        // Kept in memory, as pages are; the final write reports the failure.
    }
    let (j, c) = render::grades_files(site);
    vec![
        (json.into(), Content::Bytes(j.into())),
        (csv.into(), Content::Bytes(c.into())),
    ]
}

/// The files of an inspection's folder copied beside its page: (output path, content, source).
pub(crate) fn asset_entries(
    site: &Site,
    i: &clarion_core::Inspection,
) -> Vec<(String, Content, String)> {
    i.assets
        .iter()
        .map(|a| {
            (
                format!("{}{a}", clarion_render::paths::inspection(&i.slug)),
                Content::Copy(site.root.join(&i.dir).join(a)),
                format!("{}/{a}", i.dir),
            )
        })
        .collect()
}

/// A file published where the site also needs a folder (`static/inspections`
/// beside the generated `inspections/`) could not be written: an error
/// naming the editor's file, not a failed write.
fn report_folder_clashes(files: &Files, root: &Path, diags: &mut Diagnostics) {
    let source = |path: &str| match files.get(path) {
        Some(Content::Copy(p)) => Some(
            p.strip_prefix(root)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/"),
        ),
        _ => None,
    };
    let mut reported = std::collections::BTreeSet::new();
    for path in files.keys() {
        let mut folder = path.as_str();
        while let Some((parent, _)) = folder.rsplit_once('/') {
            folder = parent;
            if files.contains_key(folder) && reported.insert(folder.to_string()) {
                let file = source(folder)
                    .or_else(|| source(path))
                    .unwrap_or_else(|| folder.to_string());
                diags.push(
                    Diagnostic::error(file, Pos::file(), format!("The site needs a folder at /{folder}/ (for /{path}), but this file would be published at /{folder}."))
                        .with_help("Rename the file or the folder so that the two do not clash."),
                );
            }
        }
    }
}

fn sitemap_pages(site: &Site, files: &Files) -> Vec<(String, Option<String>)> {
    let mut lastmod: BTreeMap<String, String> = BTreeMap::new();
    // A list changes when what it lists does: its newest date.
    let mut newest = |path: String, date: String| {
        let slot = lastmod.entry(path).or_default();
        if date > *slot {
            *slot = date;
        }
    };
    // The lists take the newest inspection's date, found once.
    let mut latest: Option<String> = None;
    for i in &site.inspections {
        if let Some(d) = i.published.or(i.start) {
            let d = d.rfc3339();
            newest(clarion_render::paths::inspection(&i.slug), d.clone());
            newest(clarion_render::paths::children(&i.slug), d.clone());
            for t in &i.translations {
                newest(
                    clarion_render::paths::translation(&i.slug, &t.lang),
                    d.clone(),
                );
            }
            if let Some(a) = site.lookup.authority(&i.authority) {
                newest(format!("authorities/{}/", a.slug), d.clone());
            }
            latest = latest.max(Some(d));
        }
    }
    if let Some(d) = latest {
        for list in ["", "inspections/", "find/", "authorities/"] {
            newest(list.to_string(), d.clone());
        }
    }
    for d in &site.documents {
        let date = d.date.rfc3339();
        newest(clarion_render::paths::document(&d.slug), date.clone());
        newest("documents/".into(), date.clone());
        newest(String::new(), date);
    }
    files
        .keys()
        .filter(|p| p.ends_with("index.html"))
        .map(|p| {
            let path = p.trim_end_matches("index.html").to_string();
            let m = lastmod
                .get(&path)
                .or_else(|| {
                    path.starts_with("inspections/page/")
                        .then(|| lastmod.get("inspections/"))
                        .flatten()
                })
                .cloned();
            (path, m)
        })
        .collect()
}
