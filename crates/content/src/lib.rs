//! The content stage: reads a site's folder into memory (`load`, with the
//! junk and active-content scan of `assets`), parses YAML and front matter,
//! and validates it all into the model, reporting every problem as a
//! diagnostic. Also the deterministic synthetic site used by benches and
//! scale tests. Nothing here renders or writes a page.

#![allow(clippy::result_large_err)]

mod assets;
mod england;
mod frontmatter;
mod load;
mod synthetic;
mod validate;
mod yaml;

pub use england::read as read_england;
pub use frontmatter::split as split_frontmatter;
pub use load::{
    MAX_TEXT_BYTES, RawBundle, RawSite, TextFile, ThemeFiles, folder_words, load as load_site,
    reload_bundle,
};
pub use synthetic::generate as generate_synthetic_site;
pub use synthetic::generate_with_authorities as generate_synthetic_site_with_authorities;
pub use validate::{
    KNOWN_KINDS, STARTER_MARK, UNGRADED_KINDS, ValidateOptions, builtin_frameworks, check_bundle,
    is_web_url, nearest, normalise_base_url, parse_strings, sort_inspections, validate,
};
pub use yaml::parse as parse_yaml;
