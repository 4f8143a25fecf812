//! Walking a site's folders: in order, in parallel, skipping what editors'
//! machines leave behind.

use super::*;

/// Every regular file under `dir`, sorted, without following links; links are errors.
pub(super) fn walk_files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    // All the way down: the listing below, not walkdir, which stats each
    // folder before opening it.
    let mut found = Vec::new();
    list_until(root, dir, usize::MAX, &mut found, diags);
    found.into_iter().filter_map(Found::file).collect()
}

/// A folder, or an entry in one, that could not be read.
pub(super) fn folder_error(name: String, e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(name, Pos::file(), format!("This could not be read: {e}."))
        .with_help("Check the folder's permissions.")
}

/// What the top of a parallel walk found.
pub(super) enum Found {
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
pub(super) fn list_until(
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
pub(super) fn walk_files_par<T: Send>(
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
pub(super) fn is_lock_file(name: &str) -> bool {
    name.starts_with("~$") || name.starts_with(".~lock.")
}

pub(super) fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// True for a file editors' machines leave behind (see [`assets::junk`]),
/// which is never published; a warning says so for those an editor may
/// have made or may miss.
pub(super) fn is_junk(root: &Path, file: &Path, diags: &mut Diagnostics) -> bool {
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
pub(super) fn skipped(parts: &[&str], root: &Path, file: &Path, diags: &mut Diagnostics) -> bool {
    let (name, folders) = parts.split_last().unwrap_or((&"", &[]));
    folders.iter().any(|p| is_hidden(p)) || is_junk(root, file, diags) || is_hidden(name)
}
