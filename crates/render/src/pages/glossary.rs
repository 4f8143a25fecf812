//! The glossary: every word explained.

use super::{Made, Reads};
use crate::shared::{Shared, to_value};

pub(super) const READS: Reads = Reads::GLOSSARY;

pub(super) fn make<'a>(shared: &Shared<'a>) -> Made<'a> {
    let site = shared.site;
    let mut m = Made::new(
        "glossary.html",
        "glossary/".into(),
        "Words explained".into(),
        &site.config.language,
    );
    m.description = Some(
        "The words this site uses about inspections and children's services, explained in plain English."
            .into(),
    );
    m.set("entries", to_value(&site.glossary));
    m
}
