//! Writing the built site: into a temporary folder beside the output, then
//! swapped in whole, so a failed or interrupted build never leaves a
//! half-written site. Only a folder Clarion made (or an empty or missing
//! one) is ever replaced, and one build at a time holds it.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use clarion_render::{Content, Files, PageSink};

/// The file at the root of every site Clarion writes, so a later build
/// knows the folder is its own to replace (as CACHEDIR.TAG marks caches).
pub const MARKER: &str = ".clarion-site";

/// What the marker says to whoever finds it (it is published with the
/// site, so it holds nothing about the machine or the editor).
pub const MARKER_TEXT: &str = "This folder is a website built by Clarion.\n\
Clarion replaces everything in it on each build: keep no other files here.\n";

/// The prefix of temporary build folders, so a later run can remove those an
/// interrupted build left behind.
fn temp_prefix(output: &Path) -> String {
    format!(".{}.clarion-tmp-", output_name(output))
}

fn output_name(output: &Path) -> String {
    output
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned())
}

/// The lock file beside the output, held for the whole of a build.
pub fn lock_path(output: &Path) -> PathBuf {
    parent_of(output).join(format!(".{}.clarion-lock", output_name(output)))
}

fn parent_of(output: &Path) -> &Path {
    output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Why an output folder is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The folder holds the site being built (its root, or an ancestor).
    HoldsSite,
    /// The folder is inside one of the site's source folders.
    InsideSource(&'static str),
    /// The folder holds another site's sources (`site.yaml`, `content/`...).
    HoldsSource(String),
    /// The folder is, holds or is inside a git repository's `.git`.
    Git,
    /// A file, not a folder.
    NotAFolder,
    /// A folder of other files, not a site Clarion built.
    NotClarions(Vec<String>),
    /// The folder could not be listed.
    Unreadable(String),
}

/// An output folder Clarion will not replace, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeOutput {
    /// As the command was given it.
    pub folder: PathBuf,
    pub why: Refusal,
}

impl UnsafeOutput {
    /// What is wrong, in plain words.
    pub fn message(&self) -> String {
        let f = self.folder.display();
        match &self.why {
            Refusal::HoldsSite => format!(
                "Refusing to build into {f}: it holds the site's own files, and building there would replace them."
            ),
            Refusal::InsideSource(s) => format!(
                "Refusing to build into {f}: it is inside the site's {s}/ folder, and building there would replace the site's own files."
            ),
            Refusal::HoldsSource(what) => format!(
                "Refusing to build into {f}: it holds {what}, the source of a site, which building there would delete."
            ),
            Refusal::Git => format!(
                "Refusing to build into {f}: it is part of a git repository (.git), whose history building there would delete."
            ),
            Refusal::NotAFolder => {
                format!("Refusing to build into {f}: it is a file, not a folder.")
            }
            Refusal::NotClarions(names) => format!(
                "Refusing to build into {f}: it holds files Clarion did not make ({}), and building there would delete them.",
                names.join(", ")
            ),
            Refusal::Unreadable(e) => {
                format!("Refusing to build into {f}: Clarion could not see what it holds ({e}).")
            }
        }
    }

    /// What to do about it.
    pub fn help(&self) -> &'static str {
        match &self.why {
            Refusal::HoldsSite | Refusal::InsideSource(_) => {
                "Build into a folder of its own: leave out --output (the site goes to site/), or give a new folder such as --output ../site-output."
            }
            Refusal::NotAFolder => "Give a folder: a new one, or an empty one.",
            _ => {
                "Give a new or empty folder with --output. If you do want this folder replaced, delete it yourself first: Clarion only replaces folders it built (they hold a .clarion-site file)."
            }
        }
    }
}

impl std::fmt::Display for UnsafeOutput {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}\n  help: {}", self.message(), self.help())
    }
}

/// The files every build of every version of Clarion has written at the
/// root of a site, whatever the theme: a folder holding all of them (and
/// neither `.git` nor a site's sources) is a site built before sites were
/// marked, and may be replaced.
const UNMARKED_SITE: [&str; 6] = [
    "index.html",
    "sitemap.xml",
    "feed.xml",
    "robots.txt",
    "grades.json",
    "grades.csv",
];

/// The absolute form of `p`, resolving links in the part that exists.
fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        if name == ".." {
            out.pop();
        } else if name != "." {
            out.push(name);
        }
    }
    out
}

/// Refuses an output folder that building into would lose someone's work:
/// the site's root or a folder holding it, one of its source folders or a
/// folder inside one, a git repository or another site's sources, a file,
/// or any folder of files that is not a site Clarion built. A missing or
/// empty folder, one holding [`MARKER`], or one holding every file of
/// [`UNMARKED_SITE`] (a site built before sites were marked) is accepted.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<PathBuf, UnsafeOutput> {
    let refuse = |why| {
        Err(UnsafeOutput {
            folder: output.to_path_buf(),
            why,
        })
    };
    let root = absolute(root);
    let out = absolute(output);
    if root.starts_with(&out) {
        return refuse(Refusal::HoldsSite);
    }
    for source in ["content", "themes", "static"] {
        if out.starts_with(root.join(source)) {
            return refuse(Refusal::InsideSource(source));
        }
    }
    if out.components().any(|c| c.as_os_str() == ".git") {
        return refuse(Refusal::Git);
    }
    let meta = match std::fs::metadata(&out) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return refuse(Refusal::Unreadable(e.to_string())),
    };
    if !meta.is_dir() {
        return refuse(Refusal::NotAFolder);
    }
    let names: BTreeSet<String> = match std::fs::read_dir(&out) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(e) => return refuse(Refusal::Unreadable(e.to_string())),
    };
    if names.contains(".git") {
        return refuse(Refusal::Git);
    }
    if names.contains("site.yaml") {
        return refuse(Refusal::HoldsSource("site.yaml".into()));
    }
    if names.is_empty()
        || names.contains(MARKER)
        || UNMARKED_SITE.iter().all(|n| names.contains(*n))
    {
        return Ok(out);
    }
    let mut shown: Vec<String> = names.iter().take(3).cloned().collect();
    if names.len() > 3 {
        shown.push(format!("and {} more", names.len() - 3));
    }
    refuse(Refusal::NotClarions(shown))
}

/// Held while a build of one output folder runs; released when dropped
/// (or when the process ends, however it ends).
#[derive(Debug)]
pub struct OutputLock {
    file: Option<std::fs::File>,
    path: PathBuf,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still held, so the site's folder is left as it was.
        // A build waiting on the removed file sees it is gone and takes a
        // new one (below). Windows cannot remove an open file: it stays.
        #[cfg(unix)]
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Takes the lock on `output` (the file [`lock_path`] beside it), waiting
/// while another build holds it; `on_wait` is told the other builder's
/// process id first, when it is known. Only the holder touches the output
/// and its temporary folders, so two builds never remove each other's.
pub fn lock_output(output: &Path, on_wait: &mut dyn FnMut(Option<u32>)) -> io::Result<OutputLock> {
    use std::io::{Read as _, Seek as _, Write as _};
    std::fs::create_dir_all(parent_of(output))?;
    let path = lock_path(output);
    let mut told = false;
    let mut file = loop {
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                if !told {
                    let mut text = String::new();
                    let _ = file.read_to_string(&mut text);
                    on_wait(text.trim().parse().ok());
                    told = true;
                }
                file.lock()?;
            }
            // A file system without locks (some network shares): build as
            // before rather than not at all.
            Err(std::fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                return Ok(OutputLock { file: None, path });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
        if still_at(&file, &path) {
            break file;
        }
        // Its holder removed it before letting go: lock the file there now.
    };
    // Who holds it, for the message of the next build that waits.
    file.set_len(0)?;
    file.rewind()?;
    write!(file, "{}", std::process::id())?;
    Ok(OutputLock {
        file: Some(file),
        path,
    })
}

/// Whether the open `file` is still the one at `path`.
#[cfg(unix)]
fn still_at(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Lock files are never removed where open files cannot be.
#[cfg(not(unix))]
fn still_at(_: &std::fs::File, _: &Path) -> bool {
    true
}

/// Removes temporary folders that an interrupted build left beside
/// `output`. Called only under [`lock_output`]: every builder holds that
/// lock for as long as its temporary folder exists, so any such folder
/// found then belongs to a builder that is gone.
pub fn remove_stale_temp_dirs(output: &Path) {
    let (Some(parent), prefix) = (output.parent(), temp_prefix(output)) else {
        return;
    };
    if let Ok(entries) = std::fs::read_dir(parent) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

/// A fresh folder beside the output that a build writes into as it goes,
/// swapped in whole by [`Staging::finish`]; dropped unfinished, it is
/// deleted and the output is untouched.
pub struct Staging {
    tmp: tempfile::TempDir,
    /// Held until the staged site is swapped in or thrown away.
    _lock: OutputLock,
    output: PathBuf,
    /// The folder, open: pages are made relative to it, so the system does
    /// not walk the whole path again for each of tens of thousands.
    #[cfg(target_os = "linux")]
    dir: rustix::fd::OwnedFd,
}

impl Staging {
    /// Under `lock`, taken on the same output by [`lock_output`].
    pub fn new(output: &Path, lock: OutputLock) -> io::Result<Staging> {
        let parent = parent_of(output);
        std::fs::create_dir_all(parent)?;
        remove_stale_temp_dirs(output);
        let tmp = tempfile::Builder::new()
            .prefix(&temp_prefix(output))
            .tempdir_in(parent)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // tempfile makes the folder private; a published site is readable by all.
            std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755))?;
        }
        #[cfg(target_os = "linux")]
        let dir = rustix::fs::open(
            tmp.path(),
            rustix::fs::OFlags::DIRECTORY
                | rustix::fs::OFlags::RDONLY
                | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )?;
        Ok(Staging {
            tmp,
            _lock: lock,
            output: output.to_path_buf(),
            #[cfg(target_os = "linux")]
            dir,
        })
    }

    /// Where a file of the site is staged.
    pub fn path_of(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    /// Writes one file now, so a large site need not be held in memory.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        std::io::Write::write_all(&mut self.create(rel)?, bytes)
    }

    /// Creates (or empties) the staged file `rel`, making its folder first.
    pub fn create(&self, rel: &str) -> io::Result<std::fs::File> {
        // Nearly every page is the only file in a new folder: make the folder
        // first rather than fail to open the file and then make it.
        if let Some((dir, _)) = rel.rsplit_once('/') {
            self.make_folder(dir)?;
        }
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{Mode, OFlags, openat};
            let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC;
            Ok(openat(&self.dir, rel, flags, Mode::from_raw_mode(0o666))?.into())
        }
        #[cfg(not(target_os = "linux"))]
        std::fs::File::create(self.path_of(rel))
    }

    /// Makes the staged folder `dir` (and its parents, if need be).
    fn make_folder(&self, dir: &str) -> io::Result<()> {
        #[cfg(target_os = "linux")]
        let made = rustix::fs::mkdirat(&self.dir, dir, rustix::fs::Mode::from_raw_mode(0o777))
            .map_err(io::Error::from);
        #[cfg(not(target_os = "linux"))]
        let made = std::fs::create_dir(self.path_of(dir));
        match made {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                std::fs::create_dir_all(self.path_of(dir))
            }
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => Err(e),
            _ => Ok(()),
        }
    }

    /// Writes the files not yet staged and swaps the staged site in.
    pub fn finish(self, files: &Files) -> io::Result<()> {
        let staged = self.tmp.path().to_path_buf();
        let rest: Files = files
            .iter()
            .filter(|(_, c)| !matches!(c, Content::Staged(p) if p.starts_with(&staged)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        write_tree(self.tmp.path(), &rest)?;
        // Last, over any file of the same name, so the next build knows the folder.
        std::fs::write(self.tmp.path().join(MARKER), MARKER_TEXT)?;
        swap_in(self.tmp, &self.output)
    }
}

impl PageSink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<PathBuf> {
        self.write(path, bytes)?;
        Ok(self.path_of(path))
    }
}

/// Writes every file under `dir`: folders first, then files in parallel.
pub fn write_tree(dir: &Path, files: &Files) -> io::Result<()> {
    let folders: BTreeSet<&str> = files
        .keys()
        .filter_map(|p| p.rsplit_once('/').map(|(d, _)| d))
        .collect();
    for f in &folders {
        std::fs::create_dir_all(dir.join(f))?;
    }
    files
        .par_iter()
        .try_for_each(|(path, content)| match content {
            Content::Bytes(b) => std::fs::write(dir.join(path), &**b),
            Content::Copy(src) | Content::Staged(src) => {
                std::fs::copy(src, dir.join(path)).map(|_| ())
            }
        })
}

/// Deletes a folder's contents on every core: an old site of 20,000 pages
/// takes a fifth of a second to delete on one. Errors are left for the
/// caller's final `remove_dir_all` to meet.
fn remove_tree_parallel(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let entries: Vec<_> = entries.flatten().collect();
    entries.par_iter().for_each(|e| {
        let path = e.path();
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            remove_tree_parallel(&path);
            let _ = std::fs::remove_dir(&path);
        } else {
            let _ = std::fs::remove_file(&path);
        }
    });
}

fn swap_in(tmp: tempfile::TempDir, output: &Path) -> io::Result<()> {
    if !output.exists() {
        let path = tmp.keep();
        return std::fs::rename(&path, output);
    }
    if !output.is_dir() {
        return Err(io::Error::other(format!(
            "{} exists and is not a folder",
            output.display()
        )));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        // One atomic step: readers see the old site or the new, never a mix.
        if renameat_with(CWD, tmp.path(), CWD, output, RenameFlags::EXCHANGE).is_ok() {
            // The old site is now at the temporary path.
            remove_tree_parallel(tmp.path());
            drop(tmp);
            return Ok(());
        }
    }
    // Two renames where the system cannot exchange: the old site is moved
    // aside first, and put back if the new one cannot take its place.
    let aside = tempfile::Builder::new()
        .prefix(&temp_prefix(output))
        .tempdir_in(output.parent().unwrap_or(Path::new(".")))?;
    let aside_path = aside.path().join("old");
    std::fs::rename(output, &aside_path)?;
    let new_path = tmp.keep();
    if let Err(e) = std::fs::rename(&new_path, output) {
        let _ = std::fs::rename(&aside_path, output);
        let _ = std::fs::remove_dir_all(&new_path);
        return Err(e);
    }
    drop(aside);
    Ok(())
}

#[cfg(test)]
mod tests;
