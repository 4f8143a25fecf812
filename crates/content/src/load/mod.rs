//! Reading a site's files from disk into raw text, without interpreting
//! them: that is `validate`'s job. Nothing here knows about HTML.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::assets;
use clarion_core::{Diagnostic, Diagnostics, Pos, Sources};

mod files;
mod walk;

pub use files::read_text;
use files::*;
use walk::*;

/// Markdown and YAML files larger than this are refused: no real page is
/// near it, and it stops a stray data dump from stalling a build.
pub const MAX_TEXT_BYTES: u64 = 10 * 1024 * 1024;

/// A text file read from the site.
#[derive(Debug, Clone)]
pub struct TextFile {
    /// Relative to the site root, `/`-separated.
    pub path: String,
    pub text: Arc<str>,
}

/// One inspection folder as found on disk.
#[derive(Debug, Clone, Default)]
pub struct RawBundle {
    pub slug: String,
    pub dir: String,
    pub inspection: Option<TextFile>,
    pub summary: Option<TextFile>,
    pub children: Option<TextFile>,
    /// (language tag as written in the file name, file)
    pub translations: Vec<(String, TextFile)>,
    /// Other files, relative to the bundle.
    pub assets: Vec<String>,
}

impl RawBundle {
    /// The folder `content/inspections/<slug>`, before its files are read.
    fn named(slug: &str) -> RawBundle {
        RawBundle {
            slug: slug.to_string(),
            dir: format!("content/inspections/{slug}"),
            ..RawBundle::default()
        }
    }
}

/// A theme's files: templates by name, static files by output path.
#[derive(Debug, Clone, Default)]
pub struct ThemeFiles {
    pub templates: BTreeMap<String, TextFile>,
    pub statics: BTreeMap<String, PathBuf>,
    pub theme_yaml: Option<TextFile>,
}

/// Everything read from a site's folder.
#[derive(Debug, Default)]
pub struct RawSite {
    pub root: PathBuf,
    pub sources: Sources,
    pub site_yaml: Option<TextFile>,
    pub index: Option<TextFile>,
    pub glossary: Option<TextFile>,
    pub frameworks: Option<TextFile>,
    /// `content/england.yaml`: England's figures for a site of one council.
    pub england: Option<TextFile>,
    pub pages: Vec<TextFile>,
    pub documents: Vec<TextFile>,
    /// Files in `documents/` that are not Markdown (a PDF of the paper), by name.
    pub document_assets: Vec<String>,
    pub bundles: Vec<RawBundle>,
    /// The site's own `themes/<name>/`, by theme name.
    pub themes: BTreeMap<String, ThemeFiles>,
    /// The site's `static/`, output path -> file on disk.
    pub statics: BTreeMap<String, PathBuf>,
    /// The site's strings files, `i18n/<lang>.yaml`.
    pub i18n: Vec<TextFile>,
    /// Files that exist but could not be read (already reported).
    pub unreadable: std::collections::BTreeSet<String>,
}

fn rel(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Longest line quoted under an error: a drawing saved on one line would
/// fill the terminal.
const MAX_QUOTED_LINE: usize = 300;

/// Refuses HTML and SVG files, to be copied beside a page, that could run a
/// script on the site's own address (see [`assets::find_active`]).
fn refuse_active(site: &mut RawSite, dir: &str, names: &[String], diags: &mut Diagnostics) {
    for name in names.iter().filter(|n| assets::may_hold_script(n)) {
        // One that cannot be read fails when it is copied, with its own error.
        let Ok(bytes) = std::fs::read(site.root.join(dir).join(name)) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let Some((at, len, what)) = assets::find_active(&text) else {
            continue;
        };
        let before = &text[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let pos = Pos {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            len: text[at..at + len].chars().count(),
        };
        let file = format!("{dir}/{name}");
        let line_len = text[line_start..]
            .find('\n')
            .unwrap_or(text.len() - line_start);
        if line_len <= MAX_QUOTED_LINE {
            site.sources.insert(&file, Arc::from(text.as_ref()));
        }
        diags.push(
            Diagnostic::error(
                file,
                pos,
                format!("This file holds {what}, which could run a script on the site if it were published."),
            )
            .with_label("active content")
            .with_help("Remove it and save the file again (for a chart, export it as a plain SVG or a PNG), or put the file in a .zip to offer it as a download."),
        );
    }
}

impl RawSite {
    fn read(&mut self, path: &Path, diags: &mut Diagnostics) -> Option<TextFile> {
        let result = read_text(&self.root, path);
        self.accept(path, result, diags)
    }

    /// Keeps a file read earlier (its text becomes quotable in messages),
    /// or reports why it could not be read.
    fn accept(
        &mut self,
        path: &Path,
        result: Result<TextFile, Diagnostic>,
        diags: &mut Diagnostics,
    ) -> Option<TextFile> {
        match result {
            Ok(f) => {
                self.sources.insert(&f.path, f.text.clone());
                Some(f)
            }
            Err(d) => {
                // Quote the line of a bad byte, with the byte shown as �.
                if d.pos.line > 0
                    && let Ok(bytes) = std::fs::read(path)
                {
                    self.sources
                        .insert(&d.file, Arc::from(String::from_utf8_lossy(&bytes)));
                }
                self.unreadable.insert(d.file.clone());
                diags.push(d);
                None
            }
        }
    }
}

/// Reads the site at `root`. Problems are collected, never fatal here.
pub fn load(root: &Path, diags: &mut Diagnostics) -> RawSite {
    let mut site = RawSite {
        root: root.to_path_buf(),
        ..RawSite::default()
    };
    // The site's own files and folders may not be links either, or a site
    // could be built from anywhere on the machine.
    let mut is_link = |name: &str| {
        let link = root
            .join(name)
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        if link {
            diags.push(symlink_error(name));
        }
        link
    };
    let linked: Vec<&str> = ["site.yaml", "content", "themes", "static", "i18n"]
        .into_iter()
        .filter(|n| is_link(n))
        .collect();
    let site_yaml = root.join("site.yaml");
    if linked.contains(&"site.yaml") {
        // Already reported.
    } else if site_yaml.is_file() {
        site.site_yaml = site.read(&site_yaml, diags);
    } else {
        diags.push(
            Diagnostic::error("site.yaml", Pos::file(), format!("There is no site.yaml in {}.", folder_words(root)))
                .with_help("Run Clarion in your site's folder, or give it with --root DIR. `clarion init` makes a new site."),
        );
    }
    let content = root.join("content");
    if content.is_dir() && !linked.contains(&"content") {
        load_content(&mut site, &content, diags);
    }
    let themes = root.join("themes");
    if themes.is_dir() && !linked.contains(&"themes") {
        load_themes(&mut site, &themes, diags);
    }
    let i18n = root.join("i18n");
    if i18n.is_dir() && !linked.contains(&"i18n") {
        load_strings(&mut site, &i18n, diags);
    }
    let statics = root.join("static");
    if statics.is_dir() && !linked.contains(&"static") {
        for file in kept_files(root, &statics, diags) {
            let out = rel(&statics, &file);
            site.statics.insert(out, file);
        }
    }
    site
}

fn load_content(site: &mut RawSite, content: &Path, diags: &mut Diagnostics) {
    let root = site.root.clone();
    let mut bundles: BTreeMap<String, RawBundle> = BTreeMap::new();
    // Reading is most of loading a large site: it is done on every core,
    // as the folders are walked.
    let (files, folders) = walk_files_par(&root, content, 2, diags, |f| {
        let text = f.extension().is_some_and(|e| e == "md" || e == "yaml");
        (rel(content, f), text.then(|| read_text(&root, f)))
    });
    for (file, (path, pre)) in files {
        place_file(site, &mut bundles, &root, file, &path, pre, diags);
    }
    add_empty_folders(&mut bundles, content, folders);
    site.bundles = bundles.into_values().collect();
    refuse_active_all(site, diags);
}

/// Files one content file where its path says it belongs, or says why
/// it is ignored.
fn place_file(
    site: &mut RawSite,
    bundles: &mut BTreeMap<String, RawBundle>,
    root: &Path,
    file: PathBuf,
    path: &str,
    pre: Option<Result<TextFile, Diagnostic>>,
    diags: &mut Diagnostics,
) {
    let read = |site: &mut RawSite, diags: &mut Diagnostics| match pre {
        Some(r) => site.accept(&file, r, diags),
        None => site.read(&file, diags),
    };
    let parts: Vec<&str> = path.split('/').collect();
    if skipped(&parts, root, &file, diags) {
        return;
    }
    if let Some(name) = parts
        .last()
        .filter(|n| is_lock_file(n) && n.ends_with(".md"))
    {
        // Not the editor's page: renaming it, as the file-name advice
        // would say, could clash with the page it stands beside.
        diags.push(
            Diagnostic::warning(
                rel(root, &file),
                Pos::file(),
                format!("`{name}` is a lock file a word processor leaves while a file is open, not a page: Clarion ignores it."),
            )
            .with_help("Close the file in the word processor, then delete this one. It may hold the editor's user name, so it is never published."),
        );
        return;
    }
    match parts.as_slice() {
        ["index.md"] => site.index = read(site, diags),
        ["glossary.yaml"] => site.glossary = read(site, diags),
        ["frameworks.yaml"] => site.frameworks = read(site, diags),
        ["england.yaml"] => site.england = read(site, diags),
        ["pages", name] if name.ends_with(".md") => {
            if let Some(f) = read(site, diags) {
                site.pages.push(f);
            }
        }
        ["documents", name] if name.ends_with(".md") => {
            if let Some(f) = read(site, diags) {
                site.documents.push(f);
            }
        }
        ["documents", name] => site.document_assets.push((*name).to_string()),
        ["inspections", slug, rest @ ..] if !rest.is_empty() => {
            let bundle = bundles
                .entry((*slug).to_string())
                .or_insert_with(|| RawBundle::named(slug));
            load_bundle_file(bundle, rest, || read(site, diags));
        }
        _ => diags.push(
            Diagnostic::warning(
                rel(root, &file),
                Pos::file(),
                "This file is not in a place Clarion reads, so it is not part of the site.",
            )
            .with_help(
                "Inspections go in content/inspections/<slug>/, pages in content/pages/, documents in content/documents/, and files to copy as they are in static/.",
            ),
        ),
    }
}

/// An inspection folder with nothing in it still names an inspection the
/// editor meant to write.
fn add_empty_folders(
    bundles: &mut BTreeMap<String, RawBundle>,
    content: &Path,
    folders: Vec<PathBuf>,
) {
    let inspections = content.join("inspections");
    for folder in folders {
        if folder.parent() != Some(inspections.as_path()) {
            continue;
        }
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !is_hidden(&name) {
            bundles
                .entry(name.clone())
                .or_insert_with(|| RawBundle::named(&name));
        }
    }
}

/// Refuses active files (scripts, pages that run them) in every folder
/// whose files are published as they are.
fn refuse_active_all(site: &mut RawSite, diags: &mut Diagnostics) {
    let folders: Vec<(String, Vec<String>)> = site
        .bundles
        .iter()
        .filter(|b| b.assets.iter().any(|a| assets::may_hold_script(a)))
        .map(|b| (b.dir.clone(), b.assets.clone()))
        .chain([(
            "content/documents".to_string(),
            site.document_assets.clone(),
        )])
        .collect();
    for (dir, names) in folders {
        refuse_active(site, &dir, &names, diags);
    }
}

/// Reads one inspection folder again, for a rebuild after it changed.
/// `None` when the folder is gone.
pub fn reload_bundle(site: &mut RawSite, slug: &str, diags: &mut Diagnostics) -> Option<RawBundle> {
    let root = site.root.clone();
    let dir = root.join("content/inspections").join(slug);
    if !dir.is_dir() {
        return None;
    }
    let mut bundle = RawBundle::named(slug);
    let prefix = format!("{}/", bundle.dir);
    site.unreadable.retain(|f| !f.starts_with(&prefix));
    for file in walk_files(&root, &dir, diags) {
        let path = rel(&dir, &file);
        let parts: Vec<&str> = path.split('/').collect();
        if skipped(&parts, &root, &file, diags) {
            continue;
        }
        load_bundle_file(&mut bundle, &parts, || site.read(&file, diags));
    }
    refuse_active(site, &bundle.dir, &bundle.assets, diags);
    if let Some(old) = site.bundles.iter_mut().find(|b| b.slug == slug) {
        *old = bundle.clone();
    }
    Some(bundle)
}

/// Files one file of an inspection's folder; `read` reads it, if it is text.
fn load_bundle_file(
    bundle: &mut RawBundle,
    rest: &[&str],
    read: impl FnOnce() -> Option<TextFile>,
) {
    match rest {
        ["inspection.yaml"] => bundle.inspection = read(),
        ["summary.md"] => bundle.summary = read(),
        ["children.md"] => bundle.children = read(),
        [name] if name.starts_with("children.") && name.ends_with(".md") => {
            let lang = &name["children.".len()..name.len() - ".md".len()];
            if let Some(f) = read() {
                bundle.translations.push((lang.to_string(), f));
            }
        }
        _ => bundle.assets.push(rest.join("/")),
    }
}

/// The files under `dir`, but for junk (reported as `is_junk` does).
fn kept_files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let files = walk_files(root, dir, diags);
    files
        .into_iter()
        .filter(|f| !is_junk(root, f, diags))
        .collect()
}

fn load_themes(site: &mut RawSite, themes: &Path, diags: &mut Diagnostics) {
    let root = site.root.clone();
    for file in kept_files(&root, themes, diags) {
        let path = rel(themes, &file);
        let Some((name, inner)) = path.split_once('/') else {
            continue;
        };
        if is_hidden(name) {
            continue;
        }
        let theme = site.themes.entry(name.to_string()).or_default();
        if let Some(template) = inner.strip_prefix("templates/") {
            if let Some(f) = site.read(&file, diags) {
                site.themes
                    .entry(name.to_string())
                    .or_default()
                    .templates
                    .insert(template.to_string(), f);
            }
        } else if let Some(asset) = inner.strip_prefix("static/") {
            theme.statics.insert(asset.to_string(), file);
        } else if inner == "theme.yaml" {
            let f = site.read(&file, diags);
            site.themes.entry(name.to_string()).or_default().theme_yaml = f;
        }
    }
}

/// The site's strings files: `i18n/<lang>.yaml`, one level, like Hugo's.
fn load_strings(site: &mut RawSite, dir: &Path, diags: &mut Diagnostics) {
    let root = site.root.clone();
    for file in kept_files(&root, dir, diags) {
        let name = rel(dir, &file);
        if name.ends_with(".yaml") && !name.contains('/') {
            if let Some(f) = site.read(&file, diags) {
                site.i18n.push(f);
            }
        } else {
            diags.push(
                Diagnostic::warning(rel(&root, &file), Pos::file(), "This file is not a strings file, so Clarion ignores it.")
                    .with_help("The i18n/ folder holds one file per language, named by its language tag: i18n/ar.yaml, i18n/ps.yaml."),
            );
        }
    }
    site.i18n.sort_by(|a, b| a.path.cmp(&b.path));
}

/// A folder as a sentence names it: `.` would end "in .." with two dots.
pub fn folder_words(root: &Path) -> String {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        "the current folder".to_string()
    } else {
        format!("`{}`", root.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.md");
        std::fs::write(&p, b"ok line\nab\xff\n").unwrap();
        let err = read_text(dir.path(), &p).unwrap_err();
        assert_eq!(err.file, "bad.md");
        assert_eq!((err.pos.line, err.pos.column), (2, 3));
    }

    #[test]
    fn huge_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.yaml");
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(MAX_TEXT_BYTES + 1).unwrap();
        let err = read_text(dir.path(), &p).unwrap_err();
        assert!(err.message.contains("MiB"), "{}", err.message);
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "\u{feff}hello").unwrap();
        assert_eq!(&*read_text(dir.path(), &p).unwrap().text, "hello");
    }
}
