//! Why an import stopped: the command's problems, typed. A problem in the
//! spreadsheet itself is a `Diagnostic` in the summary instead.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem with the command rather than the file's contents: the binary
/// shows it as a usage error.
#[derive(Debug)]
pub enum ImportError {
    /// The folder is not a site: it has no `site.yaml`.
    NoSite(PathBuf),
    /// A file or folder could not be read, made, written or renamed.
    Io {
        action: IoAction,
        path: PathBuf,
        source: std::io::Error,
    },
    /// A framework the import writes is not built in (a fault in Clarion).
    MissingFramework,
}

/// What was being done to the file an `Io` error names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoAction {
    Read,
    Make,
    Write,
    Rename,
}

impl ImportError {
    pub(crate) fn io(action: IoAction, path: &Path) -> impl FnOnce(std::io::Error) -> ImportError {
        let path = path.to_path_buf();
        move |source| ImportError::Io {
            action,
            path,
            source,
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NoSite(root) => write!(
                f,
                "`{}` has no site.yaml: run the import in a site's folder, or give it with --root (`clarion init` makes a new site).",
                root.display()
            ),
            ImportError::Io {
                action,
                path,
                source,
            } => {
                let verb = match action {
                    IoAction::Read => "read",
                    IoAction::Make => "make",
                    IoAction::Write => "write",
                    IoAction::Rename => "rename",
                };
                write!(f, "cannot {verb} `{}`: {source}", path.display())
            }
            ImportError::MissingFramework => {
                f.write_str("a built-in framework (ilacs, ilacs-2026 or sif) is missing")
            }
        }
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
