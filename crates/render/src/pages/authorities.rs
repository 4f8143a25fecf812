//! The A to Z of authorities (two or more).

use super::{Made, Reads};
use crate::shared::{Shared, to_value};

/// Every authority and how many inspections each has.
pub(super) const READS: Reads = Reads::ALL_DATA;

pub(super) fn make<'a>(shared: &Shared<'a>) -> Made<'a> {
    let mut m = Made::new(
        "authorities.html",
        "authorities/".into(),
        "Authorities A to Z".into(),
        &shared.site.config.language,
    );
    m.description = Some(format!(
        "The {} councils on this site, from A to Z, each with its inspections.",
        shared.authorities.len()
    ));
    m.set("authorities", to_value(&shared.authorities));
    m
}
