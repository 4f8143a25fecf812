use std::io;
use std::path::Path;

use super::*;

/// Writes `files` into a fresh folder beside `output` and swaps it in.
fn write_site(output: &Path, files: &Files) -> io::Result<()> {
    let lock = lock_output(output, &mut |_| {})?;
    Staging::new(output, lock)?.finish(files)
}

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
fn replaces_only_folders_clarion_built() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("src");
    std::fs::create_dir_all(root.join("content")).unwrap();
    let why = |out: &Path| check_output_dir(&root, out).map_err(|e| e.why);
    let mk = |rel: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, "x").unwrap();
        p.parent().unwrap().to_path_buf()
    };
    assert!(why(&dir.path().join("new/deeper")).is_ok());
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    assert!(why(&dir.path().join("empty")).is_ok());
    let docs = mk("docs/report.docx");
    assert!(matches!(why(&docs), Err(Refusal::NotClarions(n)) if n == ["report.docx"]));
    let repo = mk("other/.git/HEAD");
    assert_eq!(why(&repo), Err(Refusal::Git));
    assert_eq!(why(&repo.join(".git")), Err(Refusal::Git));
    assert_eq!(why(&mk("repo2/.git")), Err(Refusal::Git));
    assert_eq!(
        why(&mk("another-site/site.yaml")),
        Err(Refusal::HoldsSource("site.yaml".into()))
    );
    assert_eq!(
        why(&dir.path().join("docs/report.docx")),
        Err(Refusal::NotAFolder)
    );
    let marked = mk(&format!("marked/{MARKER}"));
    mk("marked/anything.html");
    assert!(why(&marked).is_ok());
    // Built by an older Clarion: every generated file, no marker.
    for name in UNMARKED_SITE {
        mk(&format!("old/{name}"));
    }
    assert!(why(&dir.path().join("old")).is_ok());
    std::fs::remove_file(dir.path().join("old/grades.csv")).unwrap();
    assert!(why(&dir.path().join("old")).is_err());
    // A marker does not make a repository replaceable.
    mk(&format!("marked-repo/{MARKER}"));
    assert_eq!(why(&mk("marked-repo/.git/HEAD")), Err(Refusal::Git));
}

#[test]
fn a_second_lock_waits_and_names_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let first = lock_output(&out, &mut |_| panic!("nothing to wait for")).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let mut told = None;
        let _second = lock_output(&out, &mut |pid| told = Some(pid)).unwrap();
        tx.send(told).unwrap();
    });
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(rx.try_recv().is_err(), "the second lock did not wait");
    drop(first);
    let told = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
    assert_eq!(told, Some(Some(std::process::id())));
    waiter.join().unwrap();
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
    assert_eq!(
        std::fs::read_to_string(out.join(MARKER)).unwrap(),
        MARKER_TEXT
    );
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    // Windows cannot remove the open lock file, so it stays there.
    left.retain(|n| cfg!(unix) || !n.ends_with(".clarion-lock"));
    left.sort();
    assert_eq!(
        left,
        ["site"],
        "temporary folders or the lock file were left behind"
    );
}

#[test]
fn stale_temp_dirs_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    std::fs::create_dir_all(dir.path().join(".site.clarion-tmp-abc/x")).unwrap();
    write_site(&out, &Files::new()).unwrap();
    assert!(!dir.path().join(".site.clarion-tmp-abc").exists());
}
