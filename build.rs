//! Gives the binary the commit it is built from, for `clarion --version`:
//! `git rev-parse --short HEAD` in a checkout of this repository, else the
//! commit `cargo package` recorded in `.cargo_vcs_info.json` (a crates.io
//! download), else "unknown" (an sdist, a tarball). Never fails the build.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let commit = from_git(&dir)
        .or_else(|| from_vcs_info(&dir))
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=CLARION_COMMIT={commit}");
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn from_git(dir: &Path) -> Option<String> {
    // Only this repository's own checkout: a package unpacked inside some
    // other Git repository (a home folder kept in Git, target/package/)
    // must not take that repository's commit.
    let top = PathBuf::from(git(dir, &["rev-parse", "--show-toplevel"])?);
    if top.canonicalize().ok()? != dir.canonicalize().ok()? {
        return None;
    }
    let commit = git(dir, &["rev-parse", "--short", "HEAD"])?;
    // Rebuild when HEAD moves: HEAD itself (a checkout, a detached HEAD),
    // the branch it names (a commit) and packed-refs. Only files that exist:
    // cargo reruns the script every time for a missing one.
    let mut watch = Vec::new();
    for name in ["HEAD", "packed-refs"] {
        if let Some(path) = git(dir, &["rev-parse", "--git-path", name]) {
            watch.push(dir.join(path));
        }
    }
    if let Some(name) = git(dir, &["symbolic-ref", "-q", "HEAD"])
        && let Some(path) = git(dir, &["rev-parse", "--git-path", &name])
    {
        let path = dir.join(path);
        // A branch only in packed-refs gets its own file at its next
        // commit: its folder (refs/heads/) sees that file appear.
        match path.parent() {
            Some(folder) if !path.exists() => watch.push(folder.to_path_buf()),
            _ => watch.push(path),
        }
    }
    for path in watch.iter().filter(|p| p.exists()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    Some(commit)
}

/// `"sha1": "0123abcd..."` from the file `cargo package` writes.
fn from_vcs_info(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(".cargo_vcs_info.json")).ok()?;
    // `cargo package`'s check build shares this script's run with the
    // checkout's own builds; in the checkout the file is missing, so this
    // line makes the next build there ask git again.
    println!("cargo:rerun-if-changed=.cargo_vcs_info.json");
    let after = text.split("\"sha1\"").nth(1)?;
    let sha: String = after
        .trim_start_matches(|c: char| c == ':' || c.is_whitespace() || c == '"')
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    (sha.len() >= 7).then(|| sha[..7].to_string())
}
