//! Each council beside England for a site of one council: England's
//! figures from `content/england.yaml` (Ofsted's published table, written
//! by `clarion import ofsted-outcomes --authority`), used where the site's
//! own inspections do not give two councils to compare.

use clarion_core::{Inspection, NationalEdition, PartialDate, Site};

use crate::national::{BesideEngland, England, Spread, Year, percent};

impl England {
    /// With Ofsted's published figures to fall back on; England "now" is
    /// then the newest edition if it is newer than any inspection.
    pub fn with_national(mut self, editions: &[NationalEdition]) -> England {
        let newest = editions.iter().map(|e| e.as_at).max();
        self.newest = self.newest.max(newest);
        self.national = editions.to_vec();
        self
    }

    /// `this` inspection's overall grade beside every council's latest
    /// under the same framework as at `at` (by default its publication,
    /// else its date): from the published edition nearest before, which
    /// counts every council (a site of one council still holds `clarion
    /// init`'s example), else from the site's own inspections; `None`
    /// without an overall grade or with fewer than two councils to compare.
    pub fn beside(&self, this: &Inspection, at: Option<PartialDate>) -> Option<BesideEngland> {
        self.beside_published(this, at)
            .or_else(|| self.beside_own(this, at))
    }

    fn beside_published(
        &self,
        this: &Inspection,
        at: Option<PartialDate>,
    ) -> Option<BesideEngland> {
        let fw = this.framework.as_ref()?;
        let own = this.overall?;
        let at = at.or(this.published).or(this.date())?;
        // Editions are oldest first: the newest dated on or before `at`.
        let edition = self.national.iter().rev().find(|e| e.as_at <= at)?;
        let counts = edition.counts.get(&fw.key)?;
        let mut beside = BesideEngland::new(this, fw, counts, own.index, edition.as_at.human())?;
        beside.source = Some(format!(
            "England: {} councils as at {}, from Ofsted's published table",
            beside.councils, beside.date
        ));
        Some(beside)
    }
}

/// England's spread over the years: from the published editions when the
/// site has them, else from its own inspections (two councils or more).
pub fn spread(site: &Site) -> Option<Spread> {
    published_spread(site).or_else(|| crate::national::spread(&site.inspections))
}

/// One row a published edition, its grades by label best first (SIF and
/// ILACS share theirs), as the site's own spread does.
fn published_spread(site: &Site) -> Option<Spread> {
    let mut labels: Vec<(usize, String)> = Vec::new();
    for e in &site.national {
        for key in e.counts.keys() {
            for (k, g) in site.frameworks.get(key)?.grades.iter().enumerate() {
                if !labels.iter().any(|(_, l)| l == &g.label) {
                    labels.push((k, g.label.clone()));
                }
            }
        }
    }
    labels.sort();
    let mut years = Vec::new();
    for e in &site.national {
        let mut counts = vec![0; labels.len()];
        for (key, by_grade) in &e.counts {
            let fw = site.frameworks.get(key)?;
            for (g, n) in fw.grades.iter().zip(by_grade) {
                if let Some(k) = labels.iter().position(|(_, l)| l == &g.label) {
                    counts[k] += n;
                }
            }
        }
        let councils: usize = counts.iter().sum();
        if councils < 2 {
            continue;
        }
        let percents = counts.iter().map(|&c| percent(c, councils)).collect();
        years.push(Year {
            year: e.as_at.year,
            councils,
            counts,
            percents,
        });
    }
    (!years.is_empty()).then(|| Spread {
        grades: labels.into_iter().map(|(_, l)| l).collect(),
        years,
        source: Some(
            "From Ofsted's published tables of local authority inspection outcomes: each year's row is the table as at 31 March of that year, each council by its latest inspection.".into(),
        ),
    })
}
