//! The command line, as CONTENT.md describes it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "clarion",
    // The commit comes from build.rs; the address from Cargo.toml.
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("CLARION_COMMIT"), ")"),
    long_version = concat!(
        env!("CARGO_PKG_VERSION"),
        " (commit ",
        env!("CLARION_COMMIT"),
        ")\n",
        env!("CARGO_PKG_REPOSITORY")
    ),
    about = "Builds accessible websites of inspection results, for adults and for children.",
    long_about = None
)]
pub struct Cli {
    /// The site's folder (the one with site.yaml). Defaults to the current folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Print errors only.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more about what is happening.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into site/ (or --output DIR).
    Build(BuildArgs),
    /// Read and check everything (data, links, readability) and write nothing.
    Check(CheckArgs),
    /// Build, serve on 127.0.0.1, rebuild and reload the browser on every save.
    Serve(ServeArgs),
    /// Make something new: `clarion new inspection SLUG`.
    New(NewArgs),
    /// Make a new site, ready to build and to publish on GitHub Pages.
    Init(InitArgs),
    /// Bring in published data: `clarion import ofsted-outcomes FILE`.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on [default: 1111, or the next free one]. A port
    /// given here is used or the command fails: it never moves.
    #[arg(long, short, value_name = "PORT")]
    pub port: Option<u16>,
    /// Open the site in the web browser once it is served.
    #[arg(long)]
    pub open: bool,
    /// The address to listen on. Only change this if you know why.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Include drafts and embargoed inspections.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub what: NewWhat,
}

#[derive(Debug, Subcommand)]
pub enum NewWhat {
    /// A new inspection folder with commented starting files.
    Inspection {
        /// The folder name: lower-case letters, digits and hyphens, e.g. 2026-03-ilacs.
        slug: String,
        /// The framework's key (ilacs, ilacs-2026, sif, safeguarding-lac-2009, or one of
        /// content/frameworks.yaml). Without it: ILACS as it runs on the inspection's date
        /// (ilacs-2026, with no overall grade, from April 2026).
        #[arg(long)]
        framework: Option<String>,
        /// The kind of inspection: full, focused-visit, monitoring-visit, jtai, thematic or short.
        #[arg(long, default_value = "full")]
        kind: String,
    },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make the site in: this one, or the one `--root DIR` names
    /// (the current folder if neither is given).
    pub dir: Option<PathBuf>,
    /// Write into a folder that is not empty.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub what: ImportWhat,
}

#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Ofsted's "Local authority inspection outcomes" (ODS, XLSX or CSV).
    OfstedOutcomes {
        /// The spreadsheet.
        file: PathBuf,
        /// Import an edition older than the one the site was imported from.
        #[arg(long)]
        force: bool,
        /// Import only this authority's inspections (its name or code), for a
        /// site of one council; each still shows England's grades beside it.
        #[arg(long, value_name = "NAME")]
        authority: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the site. Replaced whole when the build succeeds.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The address the site is served from, overriding site.yaml's base_url.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include drafts and embargoed inspections.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print the reading and vocabulary ages of every child page, hardest first,
    /// with the sentences and words that make each hard.
    #[arg(long)]
    pub readability: bool,
    /// Check drafts as strictly as published inspections.
    #[arg(long)]
    pub drafts: bool,
}
