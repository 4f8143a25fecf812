//! One file per command. Each is thin: the work is in the library.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;

use std::io::Write as _;

use crate::cli::{Cli, ColorWhen, Command};
use crate::diagnostic::{self, Diagnostics, Severity, Sources};

/// Exit statuses, as CONTENT.md defines them.
pub const EXIT_OK: i32 = 0;
pub const EXIT_CONTENT: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// How to talk to the person running the command.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub quiet: bool,
    pub verbose: bool,
    pub github: bool,
}

impl Ui {
    pub fn info(&self, msg: &str) {
        if !self.quiet {
            let _ = writeln!(anstream::stderr(), "{msg}");
        }
    }

    /// Prints diagnostics (warnings hidden when quiet), and GitHub Actions
    /// annotations when running there.
    pub fn diagnostics(&self, diags: &Diagnostics, sources: &Sources) {
        let mut err = anstream::stderr();
        for d in &diags.items {
            if self.quiet && d.severity == Severity::Warning {
                continue;
            }
            let _ = writeln!(err, "{}\n", diagnostic::render(d, sources, true));
        }
        let (e, w) = (diags.error_count(), diags.warning_count());
        if e + w > 0 && !(self.quiet && e == 0) {
            let _ = writeln!(
                err,
                "{e} {}, {w} {}",
                if e == 1 { "error" } else { "errors" },
                if w == 1 { "warning" } else { "warnings" }
            );
        }
        if self.github {
            let mut out = std::io::stdout().lock();
            for d in &diags.items {
                let _ = writeln!(out, "{}", diagnostic::github_annotation(d));
            }
        }
    }
}

/// Runs the command line and returns the exit status.
pub fn run(cli: Cli) -> i32 {
    match cli.color {
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
        ColorWhen::Auto => {}
    }
    let ui = Ui {
        quiet: cli.quiet,
        verbose: cli.verbose,
        github: std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"),
    };
    let given_root = cli.root.clone();
    let root = cli.root.clone().unwrap_or_else(|| ".".into());
    match cli.command {
        Command::Build(args) => build::run(&ui, root, args),
        Command::Check(args) => check::run(&ui, root, args),
        Command::Serve(args) => serve::run(&ui, root, args),
        Command::New(args) => new::run(&ui, root, args),
        Command::Init(args) => init::run(&ui, given_root, args),
        Command::Import(args) => import::run(&ui, root, args),
    }
}

/// The status of a command run where there is no site: the same for every
/// command (1, as `build` and `check` report it among the content's errors,
/// and GitHub shows it on site.yaml), with the same words.
pub fn require_site(root: &std::path::Path, command: &str) -> Result<(), i32> {
    if root.join("site.yaml").is_file() {
        return Ok(());
    }
    let _ = writeln!(
        anstream::stderr(),
        "error: There is no site.yaml in {}. Run `clarion {command}` in your site's folder, give `--root DIR`, or make a site with `clarion init`.",
        crate::load::folder_words(root)
    );
    Err(EXIT_CONTENT)
}

/// Prints a problem with the command (not the content: a typed error such
/// as `BuildError` or `ServeError`, or a message) and gives its status.
/// Every command reports such problems here, the same way.
pub fn usage_error(err: &dyn std::fmt::Display) -> i32 {
    let _ = writeln!(anstream::stderr(), "error: {err}");
    EXIT_USAGE
}
