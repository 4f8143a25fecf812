//! Writing the built site: into a temporary folder beside the output, then
//! swapped in whole, so a failed or interrupted build never leaves a
//! half-written site.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::{Content, Files};

/// The prefix of temporary build folders, so a later run can remove those an
/// interrupted build left behind.
fn temp_prefix(output: &Path) -> String {
    let name = output
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.clarion-tmp-")
}

/// Why an output folder is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeOutput(pub String);

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

/// Refuses an output folder that is the site's root, one of its source
/// folders, inside one, or a folder holding them: replacing it would delete
/// the editor's work.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<PathBuf, UnsafeOutput> {
    let root = absolute(root);
    let out = absolute(output);
    if root.starts_with(&out) {
        return Err(UnsafeOutput(format!(
            "{} holds the site's own files; building there would replace them.",
            output.display()
        )));
    }
    for source in ["content", "themes", "static"] {
        if out.starts_with(root.join(source)) {
            return Err(UnsafeOutput(format!(
                "{} is inside the site's {source}/ folder; building there would replace the site's own files.",
                output.display()
            )));
        }
    }
    Ok(out)
}

/// Removes temporary folders that an interrupted build left beside `output`.
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
    output: PathBuf,
    /// The folder, open: pages are made relative to it, so the system does
    /// not walk the whole path again for each of tens of thousands.
    #[cfg(target_os = "linux")]
    dir: rustix::fd::OwnedFd,
}

impl Staging {
    pub fn new(output: &Path) -> io::Result<Staging> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
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
            .filter(|(_, c)| !matches!(c, Content::Copy(p) if p.starts_with(&staged)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        write_tree(self.tmp.path(), &rest)?;
        swap_in(self.tmp, &self.output)
    }
}

/// Writes `files` into a fresh folder beside `output` and swaps it in.
pub fn write_site(output: &Path, files: &Files) -> io::Result<()> {
    Staging::new(output)?.finish(files)
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
            Content::Copy(src) => std::fs::copy(src, dir.join(path)).map(|_| ()),
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
mod tests {
    use super::*;

    #[test]
    fn refuses_source_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site-src");
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root, dir.path()).is_err());
        assert!(check_output_dir(&root, &root.join("content")).is_err());
        assert!(check_output_dir(&root, &root.join("content/x")).is_err());
        assert!(check_output_dir(&root, &root.join("static")).is_err());
        assert!(check_output_dir(&root, &root.join("themes/../content")).is_err());
        assert!(check_output_dir(&root, &root.join("site")).is_ok());
        assert!(check_output_dir(&root, &dir.path().join("elsewhere")).is_ok());
    }

    #[test]
    fn writes_and_swaps_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut files = Files::new();
        files.insert(
            "a/index.html".into(),
            Content::Bytes(b"one".as_slice().into()),
        );
        write_site(&out, &files).unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        let mut files = Files::new();
        files.insert("b.txt".into(), Content::Bytes(b"two".as_slice().into()));
        write_site(&out, &files).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(std::fs::read(out.join("b.txt")).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "temporary folders were left behind");
    }

    #[test]
    fn stale_temp_dirs_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(dir.path().join(".site.clarion-tmp-abc/x")).unwrap();
        write_site(&out, &Files::new()).unwrap();
        assert!(!dir.path().join(".site.clarion-tmp-abc").exists());
    }
}
