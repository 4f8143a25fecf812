//! Writes a synthetic site for benchmarks and scale tests:
//! `cargo run --release --example gen -- --inspections 10000 --out /dev/shm/synthetic`
//! (`--authorities N` spreads them over N authorities; 150 unless given)

use std::path::PathBuf;

fn main() {
    let mut inspections = 1000usize;
    let mut authorities = 150usize;
    let mut out = PathBuf::from("target/synthetic");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--inspections" | "-n" => {
                inspections = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--authorities" | "-a" => {
                authorities = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--out" | "-o" => out = args.next().map(PathBuf::from).unwrap_or_else(|| usage()),
            _ => usage(),
        }
    }
    if out.exists() {
        eprintln!("{} exists: give a new folder.", out.display());
        std::process::exit(2);
    }
    match clarion::synthetic::generate_with_authorities(&out, inspections, authorities) {
        Ok(c) => println!(
            "Wrote {} inspections ({} translations, {} documents) to {}",
            c.inspections,
            c.translations,
            c.documents,
            out.display()
        ),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

fn usage() -> ! {
    eprintln!("usage: gen --inspections N [--authorities N] --out DIR");
    std::process::exit(2);
}
