//! The command line, as CONTENT.md describes it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "clarion",
    version,
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
    /// Print a table of the reading age of every child page, hardest first.
    #[arg(long)]
    pub readability: bool,
    /// Check drafts as strictly as published inspections.
    #[arg(long)]
    pub drafts: bool,
}
