//! The files `clarion new inspection` and `clarion init` write. Nothing
//! here touches the disk: the commands decide where and whether to write.

mod inspection;
mod site;
mod workflow;

#[cfg(test)]
mod tests;

pub use inspection::{new_inspection, start_for, start_in_slug, today};
pub use site::{EXAMPLE_SLUG, init_files};
pub use workflow::{pages_workflow, repository_workflow};

/// Clarion's repository, from Cargo.toml (the one place it is written).
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
// A package without the address would write a README with an empty link.
const _: () = assert!(!REPOSITORY.is_empty(), "Cargo.toml must set `repository`");

/// The version of Clarion a new site's workflow installs: this one.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The package that carries the `clarion` command on PyPI and crates.io.
pub const PACKAGE: &str = env!("CARGO_PKG_NAME");

/// Pagefind, which makes the search index: one exact version (the one the
/// browser tests use), so a site's search never changes without a commit.
pub const PAGEFIND: &str = "pagefind@1.6.0";

/// A file to write: its path relative to the site (or bundle), and its text.
pub type NewFile = (&'static str, String);
