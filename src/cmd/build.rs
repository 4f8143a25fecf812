//! `clarion build`

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{EXIT_CONTENT, EXIT_OK, Ui, usage_error};
use crate::cli::BuildArgs;
use crate::pipeline::{self, Options};

pub fn run(ui: &Ui, root: PathBuf, args: BuildArgs) -> i32 {
    let started = Instant::now();
    let opts = Options {
        root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        now: None,
    };
    let progress = Progress::start(ui);
    let report = pipeline::build_waiting(&opts, &mut |msg| ui.info(msg));
    progress.stop();
    let report = match report {
        Ok(r) => r,
        Err(e) => return usage_error(&e),
    };
    ui.diagnostics(&report.diagnostics, &report.sources);
    if ui.verbose {
        for (step, took) in &report.timings {
            ui.info(&format!(
                "  {step:<12} {:>8.1} ms",
                took.as_secs_f64() * 1000.0
            ));
        }
    }
    let code = match &report.built {
        Some(built) if report.ok() => {
            if let Some(line) =
                crate::readability_check::summary_line(&built.readability, &built.site)
            {
                ui.info(&line);
            }
            ui.info(&format!(
                "Built {} pages ({} files) into {} in {:.2} s.",
                built.pages,
                built.files.len(),
                pipeline::output_dir(&opts).display(),
                started.elapsed().as_secs_f64()
            ));
            EXIT_OK
        }
        _ => {
            ui.info("The site was not built; the output folder is as it was.");
            EXIT_CONTENT
        }
    };
    // The process ends now: freeing a national site piece by piece would
    // take a tenth of the build on one core, for memory the system takes back.
    std::mem::forget(report);
    code
}

/// "Building… 3.2 s" on one rewritten line, for builds longer than a
/// second, only on a terminal: CI logs would fill with those lines.
struct Progress {
    stop: Option<(mpsc::Sender<()>, JoinHandle<()>)>,
}

impl Progress {
    fn start(ui: &Ui) -> Progress {
        let wanted =
            !ui.quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        if !wanted {
            return Progress { stop: None };
        }
        let (tx, rx) = mpsc::channel::<()>();
        let started = Instant::now();
        let handle = std::thread::spawn(move || {
            let mut shown = false;
            let mut wait = Duration::from_secs(1);
            // Any message, or the sender dropping, means the build is over.
            while let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(wait) {
                shown = true;
                wait = Duration::from_millis(100);
                let mut err = std::io::stderr().lock();
                let _ = write!(
                    err,
                    "\rBuilding\u{2026} {:.1} s",
                    started.elapsed().as_secs_f64()
                );
                let _ = err.flush();
            }
            if shown {
                // Clears the line for what the build prints next.
                let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
            }
        });
        Progress {
            stop: Some((tx, handle)),
        }
    }

    fn stop(self) {
        if let Some((tx, handle)) = self.stop {
            drop(tx);
            let _ = handle.join();
        }
    }
}
