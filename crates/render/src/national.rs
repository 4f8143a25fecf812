//! Each council beside England: the share of councils at each overall
//! grade at the time of an inspection, and England's spread over the
//! years, computed from the site's own inspections (each authority's
//! latest overall grade under the same framework at that date).

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use clarion_core::PartialDate;
use clarion_core::{Inspection, normalise};

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
}

fn percent(count: usize, total: usize) -> usize {
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

/// `this` inspection's overall grade beside every council's latest under
/// the same framework as at `at` (by default its publication, else its
/// date); `None` without an overall grade or with fewer than two councils
/// to compare.
pub fn beside_england(
    all: &[Inspection],
    this: &Inspection,
    at: Option<PartialDate>,
) -> Option<BesideEngland> {
    let fw = this.framework.as_ref()?;
    let own = this.overall?;
    let at = at.or(this.published).or(this.date())?;
    let graded = latest(all, at, |i| {
        i.framework.as_ref().is_some_and(|f| f.key == fw.key)
    });
    if graded.len() < 2 {
        return None;
    }
    let mut counts = vec![0; fw.grades.len()];
    for (_, _, rank) in graded.values() {
        if let Some(c) = counts.get_mut(*rank) {
            *c += 1;
        }
    }
    let shares: Vec<Share> = fw
        .grades
        .iter()
        .zip(&counts)
        .enumerate()
        .map(|(k, (g, &count))| Share {
            label: g.label.clone(),
            count,
            percent: percent(count, graded.len()),
            this: k == own.index,
        })
        .collect();
    let svg = bars_svg(&this.authority, &at.human(), &shares);
    Some(BesideEngland {
        authority: this.authority.clone(),
        framework: fw.name.clone(),
        date: at.human(),
        councils: graded.len(),
        shares,
        svg,
    })
}

/// Horizontal bars, one a grade, each labelled with its grade, count and
/// share in text; this council's bar is marked in words, not colour alone.
fn bars_svg(authority: &str, date: &str, shares: &[Share]) -> String {
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
