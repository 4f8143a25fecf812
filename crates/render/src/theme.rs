//! The default theme, from the `clarion-ssg-theme` crate (`themes/default/`).

pub use clarion_theme::{I18N, STATIC, TEMPLATES};
