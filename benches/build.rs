//! The build benchmark: `cargo bench` (or `cargo bench -- 1000 10000 100000`).
//!
//! For each size it writes a synthetic site, then reports the full build's
//! wall time, pages per second, peak memory and output size, and the time
//! to rebuild in `serve`'s incremental mode after changing one summary.md
//! and after changing site.yaml. Each full build runs in a child process so
//! its peak memory is its own. Sites and output go to /dev/shm when it
//! exists (tmpfs: the file system's cost is not Clarion's), else target/.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use clarion::pipeline::{self, Options};
use clarion::session::Session;

// The allocator the clarion binary uses, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn scratch() -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        shm.join("clarion-bench")
    } else {
        PathBuf::from("target/clarion-bench")
    }
}

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn dir_bytes(dir: &Path) -> (u64, usize) {
    let mut bytes = 0;
    let mut files = 0;
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if e.file_type().is_file() {
            bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
            files += 1;
        }
    }
    (bytes, files)
}

/// In the child: one full build to disk; prints `wall_ms pages peak_kib`.
fn child(root: &Path, out: &Path) {
    let started = Instant::now();
    let report = pipeline::build(&Options {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        ..Options::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let wall = started.elapsed();
    let built = report
        .built
        .unwrap_or_else(|| panic!("the synthetic site did not build"));
    println!(
        "{} {} {}",
        wall.as_secs_f64() * 1000.0,
        built.pages,
        peak_memory_kib().unwrap_or(0)
    );
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn bench(n: usize, runs: usize) {
    let base = scratch().join(format!("n{n}"));
    let root = base.join("src");
    let out = base.join("site");
    if !root.join("site.yaml").exists() {
        let _ = std::fs::remove_dir_all(&base);
        let t = Instant::now();
        clarion::synthetic::generate(&root, n).unwrap_or_else(|e| panic!("{e}"));
        eprintln!(
            "  generated {n} inspections in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let mut walls = Vec::new();
    let mut pages = 0;
    let mut peak = 0;
    for _ in 0..runs {
        // Into an empty folder, as Hugo is timed: replacing a site also
        // deletes the old one, which the build's own time should not hide.
        let _ = std::fs::remove_dir_all(&out);
        let o = Command::new(&exe)
            .arg("--child")
            .arg(&root)
            .arg(&out)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8_lossy(&o.stdout);
        let line = text.lines().last().unwrap_or_default().to_string();
        let f: Vec<f64> = line
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        if f.len() != 3 {
            panic!("child failed: {}", String::from_utf8_lossy(&o.stderr));
        }
        walls.push(Duration::from_secs_f64(f[0] / 1000.0));
        pages = f[1] as usize;
        peak = peak.max(f[2] as u64);
    }
    let wall = median(walls);
    let (bytes, files) = dir_bytes(&out);
    // What the finder fetches for a search for "kent": its index and the
    // shard Kent's name is in.
    let finder_bytes: u64 = std::iter::once("index".to_string())
        .chain(clarion::search::shard_keys("Kent"))
        .filter_map(|k| std::fs::metadata(out.join(format!("search/{k}.json"))).ok())
        .map(|m| m.len())
        .sum();

    // serve's incremental mode, in this process.
    let mut session = Session::new(Options {
        root: root.clone(),
        ..Options::default()
    });
    let t = Instant::now();
    let first = session.rebuild(&[]).unwrap_or_else(|e| panic!("{e}"));
    let serve_first = t.elapsed();
    drop(first);
    let summary = std::fs::read_dir(root.join("content/inspections"))
        .ok()
        .and_then(|mut d| d.next())
        .and_then(Result::ok)
        .map(|e| e.path().join("summary.md"))
        .unwrap_or_else(|| panic!("no inspection"));
    let original = std::fs::read_to_string(&summary).unwrap_or_default();
    let mut edits = Vec::new();
    for k in 0..5 {
        std::fs::write(&summary, format!("{original}\nEdit {k}.\n"))
            .unwrap_or_else(|e| panic!("{e}"));
        let t = Instant::now();
        let r = session
            .rebuild(std::slice::from_ref(&summary))
            .unwrap_or_else(|e| panic!("{e}"));
        edits.push(t.elapsed());
        assert!(r.ok());
        drop(r);
    }
    let _ = std::fs::write(&summary, &original);
    let site_yaml = root.join("site.yaml");
    let yaml = std::fs::read_to_string(&site_yaml).unwrap_or_default();
    let _ = std::fs::write(&site_yaml, format!("{yaml}description: Changed.\n"));
    let t = Instant::now();
    let r = session
        .rebuild(std::slice::from_ref(&site_yaml))
        .unwrap_or_else(|e| panic!("{e}"));
    let settings = t.elapsed();
    drop(r);
    let _ = std::fs::write(&site_yaml, yaml);

    println!(
        "| {n:>7} | {pages:>7} | {:>8.2} s | {:>9.0} | {:>7.0} MB | {:>7.1} MB | {:>5.1} KB | {files:>7} | {:>6.1} ms | {:>7.2} s | {:>6.2} s | {:>6.1} KB |",
        wall.as_secs_f64(),
        pages as f64 / wall.as_secs_f64(),
        peak as f64 / 1024.0,
        bytes as f64 / 1_048_576.0,
        bytes as f64 / n as f64 / 1024.0,
        median(edits).as_secs_f64() * 1000.0,
        settings.as_secs_f64(),
        serve_first.as_secs_f64(),
        finder_bytes as f64 / 1024.0,
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") && args.len() == 3 {
        child(Path::new(&args[1]), Path::new(&args[2]));
        return;
    }
    // `cargo bench` passes `--bench`; sizes may follow.
    let mut sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![1_000, 10_000];
    }
    println!(
        "Clarion build benchmark on {} cores; output under {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        scratch().display()
    );
    println!(
        "| inspections | pages | full build | pages/s | peak memory | output | per inspection | files | summary.md edit | site.yaml edit | serve first build | finder \"kent\" |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in sizes {
        let runs = if n >= 100_000 { 1 } else { 3 };
        bench(n, runs);
    }
}
