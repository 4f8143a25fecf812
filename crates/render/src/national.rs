//! Each council beside England: the share of councils at each overall
//! grade at the time of an inspection, and England's spread over the
//! years, computed from the site's own inspections (each authority's
//! latest overall grade under the same framework at that date).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use serde::Serialize;

use clarion_core::PartialDate;
use clarion_core::{Framework, Inspection, normalise};

/// Councils at one grade.
#[derive(Debug, Clone, Serialize)]
pub struct Share {
    pub label: String,
    pub count: usize,
    /// Whole-number share of the councils graded, rounded.
    pub percent: usize,
    /// This council's grade.
    pub this: bool,
}

/// One council's overall grade beside the councils of England.
#[derive(Debug, Clone, Serialize)]
pub struct BesideEngland {
    pub authority: String,
    pub framework: String,
    /// The date compared at, as people write it.
    pub date: String,
    pub councils: usize,
    pub shares: Vec<Share>,
    pub svg: String,
    /// Where England's figures came from, when not the site's own pages.
    pub source: Option<String>,
}

/// England's overall grades at the end of one year.
#[derive(Debug, Clone, Serialize)]
pub struct Year {
    pub year: i32,
    pub councils: usize,
    pub counts: Vec<usize>,
    pub percents: Vec<usize>,
}

/// England's spread of overall grades over the years.
#[derive(Debug, Clone, Serialize)]
pub struct Spread {
    pub grades: Vec<String>,
    pub years: Vec<Year>,
    /// Where the figures came from, when not the site's own pages.
    pub source: Option<String>,
}

pub(crate) fn percent(count: usize, total: usize) -> usize {
    (count * 100 + total / 2) / total.max(1)
}

/// Each authority's latest overall grade dated on or before `at`, of the
/// inspections `keep` accepts: authority -> (date, grade label, rank).
fn latest(
    all: &[Inspection],
    at: PartialDate,
    keep: impl Fn(&Inspection) -> bool,
) -> BTreeMap<String, (PartialDate, &str, usize)> {
    let mut out: BTreeMap<String, (PartialDate, &str, usize)> = BTreeMap::new();
    for i in all {
        let (Some(fw), Some(g), Some(d)) = (&i.framework, i.overall, i.date()) else {
            continue;
        };
        if d > at || !keep(i) {
            continue;
        }
        let Some(grade) = fw.grades.get(g.index) else {
            continue;
        };
        let key = normalise(&i.authority);
        if out.get(&key).is_none_or(|(old, _, _)| d >= *old) {
            out.insert(key, (d, grade.label.as_str(), g.index));
        }
    }
    out
}

/// The councils of England under each framework over time, built once per
/// render: the count of councils at each grade after every date an
/// inspection has, so each page's comparison is a binary search instead of
/// a pass over every inspection (10,000 pages of a 10,000-inspection site).
#[derive(Debug, Default)]
pub struct England {
    timelines: HashMap<String, Timeline>,
    /// The newest date of any inspection: England as the site knows it now.
    pub newest: Option<PartialDate>,
    /// Ofsted's published figures, for a site of one council (`national_data`).
    pub national: Vec<clarion_core::NationalEdition>,
}

/// An inspection's date, its council (normalised) and its grade's rank.
type Graded = (PartialDate, String, usize);

/// One framework's counts after each date, dates ascending.
#[derive(Debug, Default)]
struct Timeline {
    dates: Vec<PartialDate>,
    /// Councils at each grade (by rank), once every inspection dated on or
    /// before the date at the same index is counted.
    counts: Vec<Vec<usize>>,
}

impl England {
    pub fn new(all: &[Inspection]) -> England {
        // Framework key -> (its number of grades, [(date, council, rank)]).
        let mut graded: HashMap<&str, (usize, Vec<Graded>)> = HashMap::new();
        for i in all {
            let (Some(fw), Some(g), Some(d)) = (&i.framework, i.overall, i.date()) else {
                continue;
            };
            if g.index < fw.grades.len() {
                let entry = graded
                    .entry(fw.key.as_str())
                    .or_insert((fw.grades.len(), Vec::new()));
                entry.1.push((d, normalise(&i.authority), g.index));
            }
        }
        let mut timelines = HashMap::new();
        for (key, (grades, mut list)) in graded {
            // Stable, so that of two inspections of one council on one date
            // the later listed counts, as a pass in site order would.
            list.sort_by_key(|(d, _, _)| *d);
            let mut line = Timeline::default();
            let mut rank_of: HashMap<String, usize> = HashMap::new();
            let mut counts = vec![0; grades];
            for (k, (d, authority, rank)) in list.iter().enumerate() {
                if let Some(old) = rank_of.insert(authority.clone(), *rank) {
                    counts[old] -= 1;
                }
                counts[*rank] += 1;
                if list.get(k + 1).is_none_or(|(next, _, _)| next != d) {
                    line.dates.push(*d);
                    line.counts.push(counts.clone());
                }
            }
            timelines.insert(key.to_string(), line);
        }
        England {
            timelines,
            newest: newest(all),
            national: Vec::new(),
        }
    }

    /// `this` inspection's overall grade beside every council's latest
    /// under the same framework as at `at` (by default its publication,
    /// else its date); `None` without an overall grade or with fewer than
    /// two councils to compare.
    pub(crate) fn beside_own(
        &self,
        this: &Inspection,
        at: Option<PartialDate>,
    ) -> Option<BesideEngland> {
        let fw = this.framework.as_ref()?;
        let own = this.overall?;
        let at = at.or(this.published).or(this.date())?;
        let line = self.timelines.get(&fw.key)?;
        let known = line.dates.partition_point(|d| *d <= at);
        let counts = line.counts.get(known.checked_sub(1)?)?;
        BesideEngland::new(this, fw, counts, own.index, at.human())
    }
}

impl BesideEngland {
    /// `this` inspection's grade (`own`, an index into `fw`'s grades)
    /// beside `counts` councils at each grade on `date`; `None` with fewer
    /// than two councils to compare.
    pub(crate) fn new(
        this: &Inspection,
        fw: &Framework,
        counts: &[usize],
        own: usize,
        date: String,
    ) -> Option<BesideEngland> {
        let (councils, shares) = shares(fw, counts, own)?;
        Some(BesideEngland {
            authority: this.authority.clone(),
            framework: fw.name.clone(),
            svg: bars_svg(&this.authority, &date, &shares),
            date,
            councils,
            shares,
            source: None,
        })
    }
}

/// The councils at each grade of `fw` as shares, `own` marked: with the
/// number of councils, or `None` when fewer than two can be compared.
pub(crate) fn shares(fw: &Framework, counts: &[usize], own: usize) -> Option<(usize, Vec<Share>)> {
    let councils: usize = counts.iter().sum();
    if councils < 2 {
        return None;
    }
    let shares = fw
        .grades
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(k, (g, &count))| Share {
            label: g.label.clone(),
            count,
            percent: percent(count, councils),
            this: k == own,
        })
        .collect();
    Some((councils, shares))
}

/// Horizontal bars, one a grade, each labelled with its grade, count and
/// share in text; this council's bar is marked in words, not colour alone.
pub(crate) fn bars_svg(authority: &str, date: &str, shares: &[Share]) -> String {
    const WIDTH: f64 = 720.0;
    const LEFT: f64 = 270.0;
    const BAR: f64 = 300.0;
    const ROW: f64 = 34.0;
    let height = 16.0 + ROW * shares.len() as f64;
    let mut svg = format!(
        "<svg class=\"england-chart\" viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" aria-labelledby=\"england-title\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"england-title\">{} beside the councils of England, {}</title>\n",
        clarion_core::escape_html(authority),
        clarion_core::escape_html(date)
    );
    for (k, s) in shares.iter().enumerate() {
        let y = 8.0 + ROW * k as f64;
        let w = BAR * s.percent as f64 / 100.0;
        let class = if s.this {
            "england-bar this"
        } else {
            "england-bar"
        };
        let _ = writeln!(
            svg,
            "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"end\" class=\"chart-area\">{}</text><rect x=\"{LEFT}\" y=\"{:.0}\" width=\"{w:.1}\" height=\"22\" class=\"{class}\"/><text x=\"{:.1}\" y=\"{:.0}\" class=\"chart-scale\">{} ({}%){}</text>",
            LEFT - 8.0,
            y + 16.0,
            clarion_core::escape_html(&s.label),
            y,
            LEFT + w + 6.0,
            y + 16.0,
            s.count,
            s.percent,
            if s.this { " ← this council" } else { "" }
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The newest date of any inspection: England as the site knows it now.
pub fn newest(all: &[Inspection]) -> Option<PartialDate> {
    all.iter().filter_map(|i| i.published.max(i.date())).max()
}

/// The share of councils at each overall grade at the end of each year
/// with an inspection, when the site holds two councils or more.
pub fn spread(all: &[Inspection]) -> Option<Spread> {
    let years: Vec<i32> = all
        .iter()
        .filter_map(|i| i.date())
        .map(|d| d.year)
        .collect();
    let (first, last) = (*years.iter().min()?, *years.iter().max()?);
    // Grade labels best first, across frameworks (SIF and ILACS share theirs).
    let mut labels: Vec<(usize, String)> = Vec::new();
    for i in all {
        if let (Some(fw), Some(_)) = (&i.framework, i.overall) {
            for (k, g) in fw.grades.iter().enumerate() {
                if !labels.iter().any(|(_, l)| l == &g.label) {
                    labels.push((k, g.label.clone()));
                }
            }
        }
    }
    labels.sort();
    let mut out = Vec::new();
    for year in first..=last {
        let end = PartialDate {
            year,
            month: Some(12),
            day: Some(31),
        };
        let graded = latest(all, end, |_| true);
        if graded.is_empty() {
            continue;
        }
        let counts: Vec<usize> = labels
            .iter()
            .map(|(_, l)| graded.values().filter(|(_, g, _)| g == l).count())
            .collect();
        let percents = counts.iter().map(|&c| percent(c, graded.len())).collect();
        out.push(Year {
            year,
            councils: graded.len(),
            counts,
            percents,
        });
    }
    let councils = latest(
        all,
        PartialDate {
            year: last,
            month: Some(12),
            day: Some(31),
        },
        |_| true,
    );
    (councils.len() >= 2).then(|| Spread {
        grades: labels.into_iter().map(|(_, l)| l).collect(),
        years: out,
        source: None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn shares_round_to_whole_numbers() {
        assert_eq!(super::percent(36, 153), 24);
        assert_eq!(super::percent(67, 153), 44);
        assert_eq!(super::percent(0, 0), 0);
    }
}
