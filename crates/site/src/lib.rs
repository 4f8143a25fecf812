//! The site stage: runs a build start to finish (`pipeline`), writes the
//! output whole with a lock, a marker and an atomic swap (`output`), and
//! keeps a built site in memory for `serve`'s incremental rebuilds
//! (`session`).

#![allow(clippy::result_large_err)]

mod output;
mod pipeline;
mod session;

pub use pipeline::{
    BuildError, Options, Report, build, build_in_memory, build_waiting, output_dir,
};
pub use session::{Kind as RebuildKind, Session};
