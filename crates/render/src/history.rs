//! The story across inspections: each authority's grades by area over the
//! years, comparisons with the previous inspection, and the history chart.
//!
//! Grades from different scales are compared by their place on the scale
//! (0 for the best grade, 1 for the worst), so a 4-point and a 6-point
//! scale line up honestly.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::labels::{ICONS, tone};
use clarion_core::{Framework, GradeRef, Inspection, Judgement, PartialDate};

/// What an area is called, for adults and for children.
pub fn area_names(area: &str) -> (String, String) {
    let (adult, child) = match area {
        "overall" => ("Overall effectiveness", "Overall"),
        "leadership" => ("Leaders", "How well the people in charge lead"),
        "help-and-protection" => ("Help and protection", "Keeping children safe"),
        "children-in-care" => ("Children in care", "Children in care"),
        "care-leavers" => ("Care leavers", "Young people leaving care"),
        "adoption" => ("Adoption", "Adoption"),
        "fostering" => ("Fostering", "Foster care"),
        "safeguarding-partnership" => ("Safeguarding partnership", "How services work together"),
        other => {
            let mut s = other.replace('-', " ");
            if let Some(first) = s.get(0..1) {
                let up = first.to_uppercase();
                s.replace_range(0..1, &up);
            }
            return (s.clone(), s);
        }
    };
    (adult.to_string(), child.to_string())
}

/// The order areas are shown in: the common ones first, others by name.
const KNOWN_AREAS: [&str; 8] = [
    "overall",
    "leadership",
    "help-and-protection",
    "children-in-care",
    "care-leavers",
    "adoption",
    "fostering",
    "safeguarding-partnership",
];

fn area_order(area: &str) -> (usize, String) {
    (
        KNOWN_AREAS
            .iter()
            .position(|k| *k == area)
            .unwrap_or(KNOWN_AREAS.len()),
        area.to_string(),
    )
}

/// The area an inspection's overall grade speaks for: the council's overall
/// effectiveness for a full inspection, the service itself for an
/// inspection of one service (fostering, adoption, ...).
pub fn overall_area(kind: &str) -> &str {
    match kind {
        "full" | "short" => "overall",
        "child-protection" | "protection" | "safeguarding" => "help-and-protection",
        "looked-after-children" | "children-looked-after" => "children-in-care",
        "adoption-support" => "adoption",
        other => other,
    }
}

/// One graded area of one inspection.
#[derive(Debug, Clone)]
pub struct AreaGrade<'a> {
    /// Borrowed: the comparison with earlier inspections reads many.
    pub area: &'a str,
    pub judgement: &'a str,
    pub framework: &'a Framework,
    pub grade: GradeRef,
}

impl AreaGrade<'_> {
    /// 0 for the scale's best grade, 1 for its worst.
    pub fn position(&self) -> f64 {
        let scale = self.framework.grades.len();
        if scale <= 1 {
            0.0
        } else {
            self.grade.index as f64 / (scale - 1) as f64
        }
    }
}

fn collect<'a>(fw: &'a Framework, js: &'a [Judgement], out: &mut Vec<AreaGrade<'a>>) {
    for j in js {
        if let (Some(g), Some(area)) = (j.grade, &j.area) {
            out.push(AreaGrade {
                area,
                judgement: &j.name,
                framework: fw,
                grade: g,
            });
        }
        collect(fw, &j.parts, out);
    }
}

/// Every graded area of an inspection; an area graded twice keeps the first.
pub fn area_grades(i: &Inspection) -> Vec<AreaGrade<'_>> {
    let Some(fw) = i.framework.as_deref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(g) = i.overall {
        out.push(AreaGrade {
            area: overall_area(&i.kind),
            judgement: "Overall effectiveness",
            framework: fw,
            grade: g,
        });
    }
    collect(fw, &i.judgements, &mut out);
    // A handful of areas: a linear check beats a set of copied names.
    let mut kept: Vec<AreaGrade> = Vec::with_capacity(out.len());
    for a in out {
        if !kept.iter().any(|k| k.area == a.area) {
            kept.push(a);
        }
    }
    kept
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Better,
    Same,
    Worse,
}

#[derive(Debug, Clone, Serialize)]
pub struct GradeBrief {
    pub label: String,
    pub child_label: String,
    pub rank: usize,
    pub scale: usize,
    pub tone: usize,
    pub icon: &'static str,
}

fn brief(a: &AreaGrade) -> GradeBrief {
    let g = &a.framework.grades[a.grade.index];
    let scale = a.framework.grades.len();
    let t = tone(a.grade.index + 1, scale);
    GradeBrief {
        label: g.label.clone(),
        child_label: g.child_label.clone(),
        rank: a.grade.index + 1,
        scale,
        tone: t,
        icon: ICONS[t],
    }
}

/// How one area moved since the authority's previous inspection that graded it.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub area: String,
    pub name: String,
    pub child_name: String,
    pub judgement: String,
    pub change: Change,
    pub previous: GradeBrief,
    pub current: GradeBrief,
    pub previous_slug: String,
    pub previous_year: Option<i32>,
    pub previous_date: Option<String>,
    /// "This got better since 2017."
    pub child_sentence: String,
}

/// For each area this inspection grades, the change since the latest earlier
/// inspection of the same authority that graded that area.
/// `same_authority` holds the authority's inspections, newest first.
pub fn since_last(same_authority: &[&Inspection], current: &Inspection) -> Vec<Comparison> {
    let Some(date) = current.date() else {
        return Vec::new();
    };
    // Newest first, so the first earlier match is the latest.
    let earlier = same_authority
        .iter()
        .copied()
        .filter(|i| i.slug != current.slug)
        .filter(|i| i.date().is_some_and(|d| d < date));
    let current_areas = area_grades(current);
    // Each area's latest earlier grade, reading each earlier inspection once.
    let mut previous: Vec<Option<(&Inspection, AreaGrade)>> = vec![None; current_areas.len()];
    let mut missing = current_areas.len();
    for i in earlier {
        if missing == 0 {
            break;
        }
        for a in area_grades(i) {
            if let Some(k) = current_areas.iter().position(|c| c.area == a.area)
                && previous[k].is_none()
            {
                previous[k] = Some((i, a));
                missing -= 1;
            }
        }
    }
    let mut out = Vec::new();
    for (now, prev) in current_areas.into_iter().zip(previous) {
        let Some((prev_i, prev)) = prev else { continue };
        let (p, c) = (prev.position(), now.position());
        let change = if (p - c).abs() < 1e-9 {
            Change::Same
        } else if c < p {
            Change::Better
        } else {
            Change::Worse
        };
        let year = prev_i.date().map(|d| d.year);
        let when = year.map_or_else(|| "last time".to_string(), |y| format!("since {y}"));
        let child_sentence = match change {
            Change::Better => format!("This got better {when}."),
            Change::Same => format!(
                "This is the same as {}.",
                year.map_or("last time".into(), |y| format!("in {y}"))
            ),
            Change::Worse => format!("This got worse {when}."),
        };
        let (name, child_name) = area_names(now.area);
        out.push(Comparison {
            area: now.area.to_string(),
            name,
            child_name,
            judgement: now.judgement.to_string(),
            change,
            previous: brief(&prev),
            current: brief(&now),
            previous_slug: prev_i.slug.clone(),
            previous_year: year,
            previous_date: prev_i.date().map(|d| d.human()),
            child_sentence,
        });
    }
    out
}

/// One inspection in an authority's history.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub slug: String,
    pub title: String,
    pub date: Option<String>,
    pub year: Option<i32>,
}

/// One area across the years: a grade per column, or none.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub area: String,
    pub name: String,
    pub cells: Vec<Option<GradeBrief>>,
    #[serde(skip)]
    positions: Vec<Option<f64>>,
}

/// An authority's grades by area over the years, oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    pub authority: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The chart, as inline SVG.
    pub svg: String,
}

/// The history of the graded inspections of one authority (`same_authority`,
/// newest first).
pub fn history(authority: &str, same_authority: &[&Inspection]) -> Option<History> {
    let mut inspections: Vec<&Inspection> = same_authority
        .iter()
        .copied()
        .filter(|i| !area_grades(i).is_empty())
        .collect();
    inspections.reverse(); // oldest first
    if inspections.is_empty() {
        return None;
    }
    let columns: Vec<Column> = inspections
        .iter()
        .map(|i| Column {
            slug: i.slug.clone(),
            title: i.title.clone().unwrap_or_else(|| i.slug.clone()),
            date: i.date().map(|d| d.human()),
            year: i.date().map(|d| d.year),
        })
        .collect();
    let mut rows: BTreeMap<(usize, String), Row> = BTreeMap::new();
    for (col, i) in inspections.iter().enumerate() {
        for a in area_grades(i) {
            let key = area_order(a.area);
            let row = rows.entry(key).or_insert_with(|| Row {
                area: a.area.to_string(),
                name: area_names(a.area).0,
                cells: vec![None; columns.len()],
                positions: vec![None; columns.len()],
            });
            row.cells[col] = Some(brief(&a));
            row.positions[col] = Some(a.position());
        }
    }
    // An area seen once, under a name no other inspection uses, tells no
    // story over time: it stays on its inspection's page, out of the chart.
    let rows: Vec<Row> = rows
        .into_values()
        .filter(|r| {
            area_order(&r.area).0 < KNOWN_AREAS.len() || r.cells.iter().flatten().count() > 1
        })
        .collect();
    let svg = chart_svg(
        authority,
        &columns,
        &rows,
        inspections.iter().map(|i| i.date()).collect(),
    );
    Some(History {
        authority: authority.to_string(),
        columns,
        rows,
        svg,
    })
}

/// `x` with one decimal, exactly as `{:.1}` writes it, without the slow
/// exact path the standard formatter often takes for such numbers; a chart
/// at national scale writes tens of thousands.
struct Tenths(f64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let scaled = self.0 * 10.0;
        let frac = scaled - scaled.floor();
        // Near a half the product's rounding could matter: ask the exact way.
        if !scaled.is_finite() || scaled.abs() > 1e15 || (frac - 0.5).abs() < 1e-6 {
            return write!(f, "{:.1}", self.0);
        }
        let tenths = scaled.round().abs() as u64;
        let sign = if self.0.is_sign_negative() { "-" } else { "" };
        write!(f, "{sign}{}.{}", tenths / 10, tenths % 10)
    }
}

/// The marker of a grade: the same icon shapes as the badges, so the chart
/// never relies on colour alone.
fn marker(out: &mut String, icon: &str, x: f64, y: f64, tone: usize) {
    let shape = match icon {
        "star" => {
            "<path d=\"M12 2.5l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5L2.5 9.4l6.6-.9z\"/>"
        }
        "tick-circle" => {
            "<circle cx=\"12\" cy=\"12\" r=\"10\"/><path d=\"M7 12.5l3.2 3.2L17.5 8.5\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2.6\"/>"
        }
        "tick" => {
            "<circle cx=\"12\" cy=\"12\" r=\"11\" fill=\"#fff\" stroke=\"currentColor\" stroke-width=\"2\"/><path d=\"M5.5 12.5l4.5 4.5 8.5-9.5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"3.2\"/>"
        }
        "exclamation" => {
            "<circle cx=\"12\" cy=\"12\" r=\"10\"/><path d=\"M12 6.5v7\" stroke=\"#fff\" stroke-width=\"2.8\"/><circle cx=\"12\" cy=\"17.3\" r=\"1.6\" fill=\"#fff\"/>"
        }
        "warning" => {
            "<path d=\"M12 2.5L22.5 21h-21z\"/><path d=\"M12 9v5.5\" stroke=\"#fff\" stroke-width=\"2.5\"/>"
        }
        _ => {
            "<rect x=\"1\" y=\"1\" width=\"22\" height=\"22\" rx=\"3\"/><path d=\"M7 7l10 10M17 7L7 17\" stroke=\"#fff\" stroke-width=\"3\"/>"
        }
    };
    let _ = write!(
        out,
        "<g class=\"grade-tone-{tone}\" fill=\"currentColor\" transform=\"translate({} {}) scale(0.75) translate(-12 -12)\">{shape}</g>",
        Tenths(x),
        Tenths(y)
    );
}

// The chart's layout, in SVG units.
const WIDTH: f64 = 720.0;
const LEFT: f64 = 20.0;
const RIGHT: f64 = 30.0;
const TOP: f64 = 44.0;
const ROW: f64 = 84.0;
const LABEL: f64 = 22.0;
const BAND: f64 = 48.0;

/// Where column `c` of `n` sits across the chart.
fn x_of(c: usize, n: usize) -> f64 {
    if n <= 1 {
        LEFT + (WIDTH - LEFT - RIGHT) / 2.0
    } else {
        LEFT + 14.0 + (WIDTH - LEFT - RIGHT - 28.0) * c as f64 / (n - 1) as f64
    }
}

fn chart_svg(
    authority: &str,
    columns: &[Column],
    rows: &[Row],
    dates: Vec<Option<PartialDate>>,
) -> String {
    let height = TOP + ROW * rows.len() as f64 + 10.0;
    let desc = chart_desc(authority, columns, rows);
    let mut svg = format!(
        "<svg class=\"history-chart\" viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" aria-labelledby=\"history-title history-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"history-title\">{}</title>\n<desc id=\"history-desc\">{}</desc>\n",
        clarion_core::escape_html(&format!("Grade history of {authority}")),
        clarion_core::escape_html(desc.trim())
    );
    year_labels(&mut svg, columns, &dates);
    for (r_i, row) in rows.iter().enumerate() {
        row_svg(&mut svg, r_i, row, columns.len());
    }
    svg.push_str("</svg>");
    svg
}

/// The chart in words, for its `<desc>`.
fn chart_desc(authority: &str, columns: &[Column], rows: &[Row]) -> String {
    let mut desc = format!("Grades of {authority} by area, oldest inspection first. ");
    for r in rows {
        let parts: Vec<String> = r
            .cells
            .iter()
            .zip(columns)
            .filter_map(|(c, col)| {
                c.as_ref().map(|g| {
                    format!(
                        "{}: {}",
                        col.year
                            .map_or_else(|| col.title.clone(), |y| y.to_string()),
                        g.label
                    )
                })
            })
            .collect();
        let _ = write!(desc, "{}: {}. ", r.name, parts.join(", "));
    }
    desc
}

/// Year labels along the top; a year with several inspections names their months.
fn year_labels(svg: &mut String, columns: &[Column], dates: &[Option<PartialDate>]) {
    let years: Vec<Option<i32>> = dates.iter().map(|d| d.map(|d| d.year)).collect();
    for (c, col) in columns.iter().enumerate() {
        let shared_year = years
            .iter()
            .filter(|y| **y == years[c] && y.is_some())
            .count()
            > 1;
        let label = match dates.get(c).copied().flatten() {
            Some(d) if shared_year && d.month.is_some() => {
                let month = PartialDate { day: None, ..d }.human();
                format!("{} {}", &month[..3], d.year)
            }
            Some(d) => d.year.to_string(),
            None => col.title.clone(),
        };
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"24\" text-anchor=\"middle\" class=\"chart-year\">{}</text>",
            Tenths(x_of(c, columns.len())),
            clarion_core::escape_html(&label)
        );
    }
}

/// One area's band: its name, the best and worst guides, its line and markers.
fn row_svg(svg: &mut String, r_i: usize, row: &Row, n: usize) {
    let top = TOP + ROW * r_i as f64;
    let band_top = top + LABEL;
    let _ = writeln!(
        svg,
        "<text x=\"{LEFT}\" y=\"{}\" class=\"chart-area\">{}</text>",
        Tenths(top + 15.0),
        clarion_core::escape_html(&row.name)
    );
    // Best at the top of the band, worst at the bottom.
    for (k, label) in [(0.0, "best"), (1.0, "worst")] {
        let y = band_top + BAND * k;
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" class=\"chart-guide\"/><text x=\"{}\" y=\"{}\" class=\"chart-scale\" text-anchor=\"end\">{label}</text>",
            Tenths(WIDTH - RIGHT + 4.0),
            Tenths(WIDTH - 2.0),
            Tenths(y + 4.0),
            y = Tenths(y),
        );
    }
    let points: Vec<(f64, f64, &GradeBrief)> = row
        .positions
        .iter()
        .zip(&row.cells)
        .enumerate()
        .filter_map(|(c, (p, g))| Some((x_of(c, n), band_top + BAND * (*p)?, g.as_ref()?)))
        .collect();
    if points.len() > 1 {
        svg.push_str("<polyline points=\"");
        for (k, (x, y, _)) in points.iter().enumerate() {
            let gap = if k == 0 { "" } else { " " };
            let _ = write!(svg, "{gap}{},{}", Tenths(*x), Tenths(*y));
        }
        svg.push_str("\" class=\"chart-line\"/>\n");
    }
    for (x, y, g) in points {
        marker(svg, g.icon, x, y, g.tone);
        svg.push('\n');
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tenths_write_what_the_standard_formatter_writes() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut values = vec![
            0.0,
            -0.0,
            0.05,
            0.25,
            0.35,
            -0.04,
            -1.25,
            12.75,
            719.95,
            1e16,
            f64::NAN,
        ];
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push((x % 2_000_000) as f64 / 1000.0 - 500.0);
            values.push(20.0 + 14.0 + 656.0 * (x % 97) as f64 / ((x % 89) + 1) as f64);
        }
        for v in values {
            assert_eq!(Tenths(v).to_string(), format!("{v:.1}"), "{v:?}");
        }
    }

    use super::*;

    #[test]
    fn area_names_have_plain_versions() {
        assert_eq!(area_names("care-leavers").0, "Care leavers");
        assert_eq!(area_names("my-own-area").0, "My own area");
    }

    #[test]
    fn overall_of_a_service_inspection_is_that_service() {
        assert_eq!(overall_area("full"), "overall");
        assert_eq!(overall_area("fostering"), "fostering");
        assert_eq!(overall_area("child-protection"), "help-and-protection");
    }
}
