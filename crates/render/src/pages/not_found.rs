//! The page a server shows for an address the site does not have.

use super::{Made, Reads};
use crate::shared::Shared;

/// Nothing but the layout.
pub(super) const READS: Reads = Reads::NOTHING;

pub(super) fn make<'a>(shared: &Shared<'a>) -> Made<'a> {
    let mut m = Made::new(
        "404.html",
        "404.html".into(),
        "Page not found".into(),
        &shared.site.config.language,
    );
    m.description =
        Some("There is no page at this address. Go to the home page or find an inspection.".into());
    m
}
