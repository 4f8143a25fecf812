//! Reading a site's files from disk into raw text, without interpreting
//! them: that is `validate`'s job. Nothing here knows about HTML.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::assets;
use clarion_core::{Diagnostic, Diagnostics, Pos, Sources};

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

/// Reads a text file: size-capped, UTF-8 checked, byte-order mark dropped.
pub fn read_text(root: &Path, path: &Path) -> Result<TextFile, Diagnostic> {
    use std::io::Read;
    let name = rel(root, path);
    // One open and one stat of the open file: a site has tens of thousands.
    let file = std::fs::File::open(path).map_err(|e| io_error(&name, &e))?;
    let meta = file.metadata().map_err(|e| io_error(&name, &e))?;
    if meta.len() > MAX_TEXT_BYTES {
        return Err(Diagnostic::error(
            &name,
            Pos::file(),
            format!(
                "This file is {:.1} MiB; Clarion reads Markdown and YAML files of up to {} MiB.",
                meta.len() as f64 / 1_048_576.0,
                MAX_TEXT_BYTES / 1_048_576
            ),
        )
        .with_help("Split it into smaller files, or move large data out of the site's content."));
    }
    // Up to the size just read, which spares each file a last read to find
    // its end. A file still being written is read again on its next change.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(meta.len())
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&name, &e))?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(TextFile {
                path: name,
                text: Arc::from(text),
            })
        }
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(Diagnostic::error(
                &name,
                Pos::at(line, column),
                format!(
                    "This file is not valid UTF-8 text (a bad byte at line {line}, column {column})."
                ),
            )
            .with_help(
                "Save the file as UTF-8 in your editor (\"Save with encoding\" > UTF-8). Text pasted from Word or an old system is the usual cause.",
            ))
        }
    }
}

fn io_error(name: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        name,
        Pos::file(),
        format!("This file could not be read: {e}."),
    )
    .with_help("Check that the file exists and that you have permission to read it.")
}

fn symlink_error(name: &str) -> Diagnostic {
    Diagnostic::error(
        name,
        Pos::file(),
        "This is a symbolic link. Clarion does not follow links, so that a site cannot pull in files from elsewhere or loop forever.",
    )
    .with_help("Replace the link with a copy of the file or folder it points to.")
}

/// Every regular file under `dir`, sorted, without following links; links are errors.
fn walk_files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    // All the way down: the listing below, not walkdir, which stats each
    // folder before opening it.
    let mut found = Vec::new();
    list_until(root, dir, usize::MAX, &mut found, diags);
    found.into_iter().filter_map(Found::file).collect()
}

/// A folder, or an entry in one, that could not be read.
fn folder_error(name: String, e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(name, Pos::file(), format!("This could not be read: {e}."))
        .with_help("Check the folder's permissions.")
}

/// What the top of a parallel walk found.
enum Found {
    File(PathBuf),
    /// A folder to walk on its own.
    Folder(PathBuf),
}

impl Found {
    fn file(self) -> Option<PathBuf> {
        match self {
            Found::File(p) => Some(p),
            Found::Folder(_) => None,
        }
    }
}

/// Lists `dir` in [`walk_files`]' order down to `depth` levels, the folders
/// there left to walk later. Not walkdir: it opens every folder it yields,
/// and at the top of a national site that is ten thousand, one by one.
fn list_until(
    root: &Path,
    dir: &Path,
    depth: usize,
    found: &mut Vec<Found>,
    diags: &mut Diagnostics,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            diags.push(folder_error(rel(root, dir), &e));
            return;
        }
    };
    let mut list = Vec::new();
    for entry in entries {
        match entry.and_then(|e| Ok((e.file_name(), e.path(), e.file_type()?))) {
            Ok(item) => list.push(item),
            Err(e) => diags.push(folder_error(rel(root, dir), &e)),
        }
    }
    list.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, path, kind) in list {
        if kind.is_symlink() {
            diags.push(symlink_error(&rel(root, &path)));
        } else if kind.is_file() {
            found.push(Found::File(path));
        } else if kind.is_dir() {
            if depth <= 1 {
                found.push(Found::Folder(path));
            } else {
                list_until(root, &path, depth - 1, found, diags);
            }
        }
    }
}

/// As [`walk_files`], in the same order, with each folder `depth` levels
/// down (each inspection's, for `content/`) walked on every core and `visit`
/// run on each file as it is found: a national site has tens of thousands.
/// Also gives the folders `depth` levels down, empty ones included.
fn walk_files_par<T: Send>(
    root: &Path,
    dir: &Path,
    depth: usize,
    diags: &mut Diagnostics,
    visit: impl Fn(&Path) -> T + Sync,
) -> (Vec<(PathBuf, T)>, Vec<PathBuf>) {
    let mut found = Vec::new();
    list_until(root, dir, depth, &mut found, diags);
    let folders = found
        .iter()
        .filter_map(|f| match f {
            Found::Folder(d) => Some(d.clone()),
            Found::File(_) => None,
        })
        .collect();
    let parts: Vec<(Vec<(PathBuf, T)>, Diagnostics)> = found
        .into_par_iter()
        .map(|f| {
            let mut problems = Diagnostics::default();
            let files = match f {
                Found::File(p) => vec![p],
                Found::Folder(d) => walk_files(root, &d, &mut problems),
            };
            let visited = files
                .into_iter()
                .map(|p| {
                    let v = visit(&p);
                    (p, v)
                })
                .collect();
            (visited, problems)
        })
        .collect();
    let mut out = Vec::new();
    for (files, problems) in parts {
        out.extend(files);
        diags.extend(problems.items);
    }
    (out, folders)
}

/// `~$about.md`: what Word and LibreOffice leave beside a file they have open.
fn is_lock_file(name: &str) -> bool {
    name.starts_with("~$") || name.starts_with(".~lock.")
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// True for a file editors' machines leave behind (see [`assets::junk`]),
/// which is never published; a warning says so for those an editor may
/// have made or may miss.
fn is_junk(root: &Path, file: &Path, diags: &mut Diagnostics) -> bool {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(junk) = assets::junk(&name) else {
        return false;
    };
    if junk.loud {
        diags.push(
            Diagnostic::warning(
                rel(root, file),
                Pos::file(),
                format!("This file is {}, so Clarion leaves it out of the site.", junk.what),
            )
            .with_help("Nothing is wrong with the site. Delete the file when you no longer need it (a lock file goes when the document is closed)."),
        );
    }
    true
}

/// True for a file of content/ that is not read: one in a hidden folder,
/// a junk file (with a warning when [`is_junk`] gives one), or a hidden file.
fn skipped(parts: &[&str], root: &Path, file: &Path, diags: &mut Diagnostics) -> bool {
    let (name, folders) = parts.split_last().unwrap_or((&"", &[]));
    folders.iter().any(|p| is_hidden(p)) || is_junk(root, file, diags) || is_hidden(name)
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
    let linked: Vec<&str> = ["site.yaml", "content", "themes", "static"]
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
    let statics = root.join("static");
    if statics.is_dir() && !linked.contains(&"static") {
        for file in walk_files(root, &statics, diags) {
            if is_junk(root, &file, diags) {
                continue;
            }
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

fn load_themes(site: &mut RawSite, themes: &Path, diags: &mut Diagnostics) {
    let root = site.root.clone();
    for file in walk_files(&root, themes, diags) {
        if is_junk(&root, &file, diags) {
            continue;
        }
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
