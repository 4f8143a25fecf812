//! England's spread of overall grades over the years.

use super::{Made, Reads};
use crate::national_data;
use crate::shared::{Shared, to_value};

pub(super) const READS: Reads = Reads::ALL_DATA;

pub(super) fn make<'a>(shared: &Shared<'a>) -> Made<'a> {
    let site = shared.site;
    let mut m = Made::new(
        "england.html",
        "england/".into(),
        "England's grades over the years".into(),
        &site.config.language,
    );
    m.description =
        Some("The share of councils in England at each overall grade, year by year.".into());
    m.set("spread", to_value(national_data::spread(site)));
    m
}
