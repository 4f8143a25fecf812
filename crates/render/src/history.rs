//! The story across inspections: each authority's grades by area over the
//! years, comparisons with the previous inspection, and the history chart.
//!
//! Grades from different scales are compared by their place on the scale
//! (0 for the best grade, 1 for the worst), so a 4-point and a 6-point
//! scale line up honestly.

use std::collections::{BTreeMap, HashMap};
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
/// inspection of one service (fostering, adoption, ...). The first of
/// [`overall_areas`].
pub fn overall_area(kind: &str) -> &str {
    overall_areas(kind)[0]
}

/// Every area an inspection's overall grade speaks for. An inspection of
/// services for children in care judged care leavers with them, in one grade.
pub fn overall_areas(kind: &str) -> Vec<&str> {
    match kind {
        "full" | "short" => vec!["overall"],
        "child-protection" | "protection" | "safeguarding" => vec!["help-and-protection"],
        "children-in-care" | "looked-after-children" | "children-looked-after" => {
            vec!["children-in-care", "care-leavers"]
        }
        "adoption-support" => vec!["adoption"],
        other => vec![other],
    }
}

/// One graded area of one inspection.
#[derive(Debug, Clone)]
pub struct AreaGrade<'a> {
    /// Borrowed: the comparison with earlier inspections reads many.
    pub area: &'a str,
    /// Every area the judgement covers (this one among them): more than
    /// one when the judgement is joint.
    pub joint: Vec<&'a str>,
    pub judgement: &'a str,
    pub framework: &'a Framework,
    pub grade: GradeRef,
    /// Which graded judgement of its inspection this is, in order: the
    /// areas of one joint judgement share it.
    pub id: usize,
    /// Whether the grade is the overall grade of an inspection of one
    /// service (fostering, adoption...), not a judgement of a wider one.
    pub service: bool,
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
        if let Some(g) = j.grade {
            let id = out.last().map_or(0, |a| a.id + 1);
            let joint: Vec<&str> = j.areas.iter().map(String::as_str).collect();
            for area in &joint {
                out.push(AreaGrade {
                    area,
                    joint: joint.clone(),
                    judgement: &j.name,
                    framework: fw,
                    grade: g,
                    id,
                    service: false,
                });
            }
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
        let joint = overall_areas(&i.kind);
        let service = joint != ["overall"];
        for area in &joint {
            out.push(AreaGrade {
                area,
                joint: joint.clone(),
                judgement: if service {
                    i.title.as_deref().unwrap_or("Overall effectiveness")
                } else {
                    "Overall effectiveness"
                },
                framework: fw,
                grade: g,
                id: 0,
                service,
            });
        }
    }
    // Judgements number on after the overall grade: `collect` takes the
    // next id from the last grade pushed.
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

/// How a grade compares with an earlier one. `Rescaled`: the grades stand
/// at the same place on two different scales ("adequate" then "requires
/// improvement"), which is not "the same". `Mixed`: a joint grade that is
/// better than one earlier grade and not another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Better,
    Same,
    Worse,
    Rescaled,
    Mixed,
}

#[derive(Debug, Clone, Serialize)]
pub struct GradeBrief {
    pub label: String,
    pub child_label: String,
    pub rank: usize,
    pub scale: usize,
    pub tone: usize,
    pub icon: &'static str,
    /// For a joint grade, the other areas it covered ("children in care").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joint_with: Option<String>,
}

fn brief(a: &AreaGrade) -> GradeBrief {
    let g = &a.framework.grades[a.grade.index];
    let scale = a.framework.grades.len();
    let t = tone(a.grade.index + 1, scale);
    let others: Vec<String> = a
        .joint
        .iter()
        .filter(|x| **x != a.area)
        .map(|x| lower_first(&area_names(x).0))
        .collect();
    GradeBrief {
        label: g.label.clone(),
        child_label: g.child_label.clone(),
        rank: a.grade.index + 1,
        scale,
        tone: t,
        icon: ICONS[t],
        joint_with: (!others.is_empty()).then(|| and_list(&others)),
    }
}

/// How one judgement moved since the authority's earlier inspections that
/// graded the same areas.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The judgement's first area: a child page's cards find it by this.
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
    /// For adults, after the area's name: "better than in 2017. Good in
    /// 2017; Outstanding now."
    pub sentence: String,
    /// For children, whole sentences: "This is better than in 2017, when
    /// it was “Good”."
    pub child_sentence: String,
}

/// `first` with its first letter in lower case ("care leavers"), unless
/// it starts a name written in capitals ("LSCB").
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if !b.is_uppercase() => {
            a.to_lowercase().chain(s[a.len_utf8()..].chars()).collect()
        }
        _ => s.to_string(),
    }
}

/// The names of `areas` for adults and for children, each with its first
/// letter in lower case, as they read inside a sentence.
fn lower_names(areas: &[&str]) -> (Vec<String>, Vec<String>) {
    areas
        .iter()
        .map(|a| {
            let (adult, child) = area_names(a);
            (lower_first(&adult), lower_first(&child))
        })
        .unzip()
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "have" for people ("care leavers have"), "has" for a service.
fn have(name: &str) -> &'static str {
    if name.contains("children") || name.contains("people") || name.ends_with('s') {
        "have"
    } else {
        "has"
    }
}

/// "their" for people, "its" for a service.
fn their(name: &str) -> &'static str {
    if have(name) == "have" { "their" } else { "its" }
}

/// What changed in the grade words between two scales, in plain words:
/// "“Adequate” became “Requires improvement”".
fn scale_note(before: &Framework, now: &Framework) -> String {
    if before.grades.len() == now.grades.len() {
        let renamed: Vec<String> = before
            .grades
            .iter()
            .zip(&now.grades)
            .filter(|(a, b)| a.key != b.key)
            .map(|(a, b)| format!("“{}” became “{}”", a.label, b.label))
            .collect();
        if !renamed.is_empty() {
            return format!("The grades changed in between: {}.", and_list(&renamed));
        }
    }
    format!(
        "The grades changed in between: {} grades then, {} now.",
        before.grades.len(),
        now.grades.len()
    )
}

/// One earlier judgement and the areas of the current one it is set beside.
struct Earlier<'a> {
    inspection: &'a Inspection,
    grade: AreaGrade<'a>,
    areas: Vec<&'a str>,
}

fn change_between(prev: &AreaGrade, now: &AreaGrade) -> Change {
    let (p, c) = (prev.position(), now.position());
    if (p - c).abs() < 1e-9 {
        if prev.framework.same_scale(now.framework) {
            Change::Same
        } else {
            Change::Rescaled
        }
    } else if c < p {
        Change::Better
    } else {
        Change::Worse
    }
}

/// Each dated inspection of one authority with its graded areas and, for
/// each area, the latest grade of it from an earlier inspection (by date)
/// of the same authority: found in one pass over the authority's
/// inspections, oldest first, not by a walk back from each of them, which
/// grew with the square of a council's inspections.
pub struct PreviousGrades<'a> {
    /// The dated inspections, oldest first, each with its graded areas.
    inspections: Vec<(&'a Inspection, Vec<AreaGrade<'a>>)>,
    /// For each of them, each area's latest earlier grade: where it is in
    /// `inspections` (inspection, area).
    previous: Vec<Vec<Option<(usize, usize)>>>,
    by_slug: HashMap<&'a str, usize>,
}

impl<'a> PreviousGrades<'a> {
    /// `same_authority` holds the authority's inspections, newest first.
    pub fn of(same_authority: &[&'a Inspection]) -> PreviousGrades<'a> {
        // Oldest first; of two with one date, the one listed first wins
        // (it is seen last), as a walk from the newest would find it.
        let mut dated: Vec<&Inspection> = same_authority
            .iter()
            .rev()
            .copied()
            .filter(|i| i.date().is_some())
            .collect();
        dated.sort_by_key(|i| i.date());
        let inspections: Vec<(&Inspection, Vec<AreaGrade>)> =
            dated.into_iter().map(|i| (i, area_grades(i))).collect();
        let mut latest: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut previous = Vec::with_capacity(inspections.len());
        let mut start = 0;
        // Inspections of one date are not earlier than each other.
        for group in inspections.chunk_by(|a, b| a.0.date() == b.0.date()) {
            for (_, areas) in group {
                previous.push(areas.iter().map(|a| latest.get(a.area).copied()).collect());
            }
            for (k, (_, areas)) in group.iter().enumerate() {
                for (n, a) in areas.iter().enumerate() {
                    latest.insert(a.area, (start + k, n));
                }
            }
            start += group.len();
        }
        let by_slug = inspections
            .iter()
            .enumerate()
            .map(|(k, (i, _))| (i.slug.as_str(), k))
            .collect();
        PreviousGrades {
            inspections,
            previous,
            by_slug,
        }
    }

    /// For each judgement `current` grades, the change since the latest
    /// earlier inspections of its authority that graded its areas. Only
    /// grades of the same area are compared; a joint grade is set beside
    /// the earlier grade of each area it covers, and says it was joint.
    pub fn since_last(&self, current: &Inspection) -> Vec<Comparison> {
        let Some(&at) = self.by_slug.get(current.slug.as_str()) else {
            return Vec::new();
        };
        let (current_areas, previous) = (&self.inspections[at].1, &self.previous[at]);
        // One comparison per current judgement; its areas' earlier grades
        // grouped by the earlier judgement they came from.
        let mut out = Vec::new();
        let mut k = 0;
        for mine in current_areas.chunk_by(|a, b| a.id == b.id) {
            let end = k + mine.len();
            let now = &mine[0];
            let mut groups: Vec<Earlier> = Vec::new();
            for (a, prev) in mine.iter().zip(&previous[k..end]) {
                let Some((i, p)) =
                    prev.map(|(i, n)| (self.inspections[i].0, &self.inspections[i].1[n]))
                else {
                    continue;
                };
                match groups
                    .iter_mut()
                    .find(|g| g.inspection.slug == i.slug && g.grade.id == p.id)
                {
                    Some(g) => g.areas.push(a.area),
                    None => groups.push(Earlier {
                        inspection: i,
                        grade: p.clone(),
                        areas: vec![a.area],
                    }),
                }
            }
            if !groups.is_empty() {
                out.push(compare(now, mine, &groups));
            }
            k = end;
        }
        out
    }
}

fn year_of(i: &Inspection) -> Option<i32> {
    i.date().map(|d| d.year)
}

/// The comparison of one current judgement (its areas `mine`) with its
/// earlier grades.
fn compare(now: &AreaGrade, mine: &[AreaGrade], groups: &[Earlier]) -> Comparison {
    let changes: Vec<Change> = groups
        .iter()
        .map(|g| change_between(&g.grade, now))
        .collect();
    let change = if changes.iter().all(|c| *c == changes[0]) {
        changes[0]
    } else {
        Change::Mixed
    };
    let first = &groups[0];
    let years: Vec<Option<i32>> = groups.iter().map(|g| year_of(g.inspection)).collect();
    let one_year = years.iter().all(|y| *y == years[0]);
    let (than, as_in, since) = match years[0] {
        Some(y) if one_year => (
            format!("than in {y}"),
            format!("as in {y}"),
            format!("since {y}"),
        ),
        _ => (
            "than before".to_string(),
            "as before".to_string(),
            "since the last inspection".to_string(),
        ),
    };
    let when =
        |g: &Earlier| year_of(g.inspection).map_or_else(|| "before".into(), |y| format!("in {y}"));
    let when_cap =
        |g: &Earlier| year_of(g.inspection).map_or_else(|| "Before".into(), |y| format!("In {y}"));
    let scale_changed = groups
        .iter()
        .any(|g| !g.grade.framework.same_scale(now.framework));
    // Simple: one earlier judgement of exactly the same areas.
    let simple = groups.len() == 1 && first.grade.joint == now.joint;
    let cur = brief(now);
    let (adult_lower, child_lower) = lower_names(&now.joint);
    // "Children in care and care leavers": the first name as it is, the rest
    // in lower case.
    let joined = |first: String, lowered: &[String]| {
        let mut l = lowered.to_vec();
        l[0] = first;
        and_list(&l)
    };
    let (adult_first, child_first) = area_names(now.joint[0]);
    let name = joined(adult_first, &adult_lower);
    let child_name = joined(child_first, &child_lower);

    let verdict = match change {
        Change::Better => format!("better {than}."),
        Change::Worse => format!("worse {than}."),
        Change::Same => format!("the same {as_in}."),
        Change::Rescaled => format!("graded on a new scale {since}."),
        Change::Mixed => format!("changed {since}."),
    };
    let mut adult = verdict;
    let mut child = String::new();
    let previous = brief(&first.grade);
    if simple {
        let prev = &previous;
        let service = if first.grade.service && !now.service {
            ", at the inspection of that service alone"
        } else {
            ""
        };
        let (old, new) = if scale_changed {
            (", on the old scale", ", on the new one")
        } else {
            ("", "")
        };
        let y = when(first);
        let _ = write!(
            adult,
            " {} {y}{service}{old}; {} now{new}.",
            prev.label, cur.label
        );
        child = match change {
            Change::Better => format!(
                "This is better than {y}, when it was “{}”.",
                prev.child_label
            ),
            Change::Worse => format!(
                "This is worse than {y}, when it was “{}”.",
                prev.child_label
            ),
            Change::Same => format!("This is the same as {y}: “{}”.", prev.child_label),
            Change::Rescaled | Change::Mixed => format!(
                "{} Ofsted's word for this was “{}”.",
                when_cap(first),
                prev.child_label
            ),
        };
    } else {
        for (n, g) in groups.iter().enumerate() {
            let prev = brief(&g.grade);
            // A clause that opens a sentence: "In 2017, ...".
            let (sep, at) = (if n == 0 { "" } else { " " }, when_cap(g));
            if g.grade.joint.len() > 1 {
                let (adult_l, child_l) = lower_names(&g.grade.joint);
                let _ = write!(
                    adult,
                    " {at}, {} had one grade together: {}.",
                    and_list(&adult_l),
                    prev.label
                );
                let _ = write!(
                    child,
                    "{sep}{at}, Ofsted gave one word for both {}: “{}”.",
                    and_list(&child_l),
                    prev.child_label
                );
            } else {
                let (a, c) = area_names(g.areas[0]);
                let (a, c) = (lower_first(&a), lower_first(&c));
                let (their_a, their_c) = (their(&a), their(&c));
                // The same year as the clause before: one sentence,
                // "In 2017, children in care had their own grade: Good, and
                // care leavers theirs: Good."
                let follows = n > 0
                    && groups[n - 1].grade.joint.len() == 1
                    && year_of(groups[n - 1].inspection) == year_of(g.inspection);
                if follows {
                    adult.pop();
                    child.pop();
                    let _ = write!(adult, ", and {a} {their_a}s: {}.", prev.label);
                    let _ = write!(child, ", and {c} {their_c}s: “{}”.", prev.child_label);
                } else {
                    let _ = write!(adult, " {at}, {a} had {their_a} own grade: {}.", prev.label);
                    let _ = write!(
                        child,
                        "{sep}{at}, {c} had {their_c} own word: “{}”.",
                        prev.child_label
                    );
                }
            }
        }
        if mine.len() > 1 || now.joint.len() > 1 {
            let _ = write!(
                adult,
                " Now {} have one grade together: {}.",
                and_list(&adult_lower),
                cur.label
            );
            let _ = write!(
                child,
                " Now Ofsted gives one word for both {}: “{}”.",
                and_list(&child_lower),
                cur.child_label
            );
        } else {
            let (a, c) = (&adult_lower[0], &child_lower[0]);
            let _ = write!(
                adult,
                " Now {a} {} {} own: {}.",
                have(a),
                their(a),
                cur.label
            );
            let _ = write!(
                child,
                " Now {c} {} {} own word: “{}”.",
                have(c),
                their(c),
                cur.child_label
            );
        }
        child.push_str(match change {
            Change::Better => " That is better.",
            Change::Worse => " That is worse.",
            Change::Same => " That is the same word.",
            Change::Rescaled | Change::Mixed => "",
        });
    }
    if scale_changed {
        let g = groups
            .iter()
            .find(|g| !g.grade.framework.same_scale(now.framework))
            .unwrap_or(first);
        let _ = write!(adult, " {}", scale_note(g.grade.framework, now.framework));
        child.push_str(match change {
            Change::Rescaled | Change::Mixed => {
                " Ofsted uses new grade words now, so we cannot say if this is better or worse."
            }
            _ => " Ofsted uses some new grade words now.",
        });
    } else if change == Change::Mixed {
        child.push_str(" Some of it is better and some of it is not.");
    }
    Comparison {
        area: now.area.to_string(),
        name,
        child_name,
        judgement: now.judgement.to_string(),
        change,
        previous,
        current: cur,
        previous_slug: first.inspection.slug.clone(),
        previous_year: year_of(first.inspection),
        previous_date: first.inspection.date().map(|d| d.human()),
        sentence: adult,
        child_sentence: child,
    }
}

/// One inspection in an authority's history.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub slug: String,
    pub title: String,
    pub date: Option<String>,
    pub year: Option<i32>,
    /// The column's heading: its year, or month and year when the
    /// authority had several inspections that year ("Jan 2013").
    pub label: String,
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
    // Each graded inspection with its grades, read once for the filter and
    // the rows.
    let (mut inspections, mut grades): (Vec<&Inspection>, Vec<Vec<AreaGrade>>) = same_authority
        .iter()
        .map(|&i| (i, area_grades(i)))
        .filter(|(_, g)| !g.is_empty())
        .unzip();
    // Oldest first.
    inspections.reverse();
    grades.reverse();
    if inspections.is_empty() {
        return None;
    }
    let columns: Vec<Column> = inspections
        .iter()
        .map(|i| {
            let shared_year = inspections
                .iter()
                .filter(|o| o.date().map(|d| d.year) == i.date().map(|d| d.year))
                .count()
                > 1;
            let title = i.title.clone().unwrap_or_else(|| i.slug.clone());
            let label = match i.date() {
                Some(d) if shared_year && d.month.is_some() => {
                    let month = PartialDate { day: None, ..d }.human();
                    format!("{} {}", month.get(..3).unwrap_or(&month), d.year)
                }
                Some(d) => d.year.to_string(),
                None => title.clone(),
            };
            Column {
                slug: i.slug.clone(),
                title,
                date: i.date().map(|d| d.human()),
                year: i.date().map(|d| d.year),
                label,
            }
        })
        .collect();
    let mut rows: BTreeMap<(usize, String), Row> = BTreeMap::new();
    for (col, graded) in grades.into_iter().enumerate() {
        for a in graded {
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

/// Where column `c` of `n` sits across the chart, when dates are unknown:
/// evenly spread.
fn x_of(c: usize, n: usize) -> f64 {
    if n <= 1 {
        LEFT + (WIDTH - LEFT - RIGHT) / 2.0
    } else {
        LEFT + 14.0 + (WIDTH - LEFT - RIGHT - 28.0) * c as f64 / (n - 1) as f64
    }
}

/// A date as months since year 0, mid-month when the day is unknown and
/// mid-year when the month is.
fn months(d: PartialDate) -> f64 {
    let month = d.month.map_or(6.0, |m| f64::from(m) - 1.0);
    let day = match (d.month, d.day) {
        (Some(_), Some(day)) => (f64::from(day) - 1.0) / 31.0,
        (Some(_), None) => 0.5,
        (None, _) => 0.0,
    };
    f64::from(d.year) * 12.0 + month + day
}

/// The least distance between two columns, so each marker stays visible.
const MIN_GAP: f64 = 12.0;

/// Where each column sits: in proportion to time, so five years look longer
/// than five months, with columns kept [`MIN_GAP`] apart. Evenly spread if
/// any inspection is undated.
fn x_positions(dates: &[Option<PartialDate>]) -> Vec<f64> {
    let n = dates.len();
    let even = || (0..n).map(|c| x_of(c, n)).collect();
    let Some(ts) = dates
        .iter()
        .map(|d| d.map(months))
        .collect::<Option<Vec<f64>>>()
    else {
        return even();
    };
    let (Some(lo), Some(hi)) = (ts.first().copied(), ts.last().copied()) else {
        return even();
    };
    if n <= 1 || hi - lo < 1e-9 {
        return even();
    }
    let (left, span) = (LEFT + 14.0, WIDTH - LEFT - RIGHT - 28.0);
    // The gaps kept apart take their room from the proportional part.
    let room = (span - MIN_GAP * (n - 1) as f64).max(0.0);
    ts.iter()
        .enumerate()
        .map(|(c, t)| left + MIN_GAP * c as f64 + room * (t - lo) / (hi - lo))
        .collect()
}

/// Where 1 January of `year` sits on the chart's time scale, between the
/// columns on either side of it (`ts`: the columns' [`months`]).
fn x_of_year(year: i32, ts: &[f64], xs: &[f64]) -> Option<f64> {
    let t = f64::from(year) * 12.0;
    let k = ts.iter().position(|x| *x >= t)?;
    if k == 0 {
        return None;
    }
    let (t0, t1) = (ts[k - 1], ts[k]);
    Some(xs[k - 1] + (xs[k] - xs[k - 1]) * (t - t0) / (t1 - t0))
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
    // The chart body sits on the chart's white; its invisible frame makes
    // its box the whole chart, so contrast checkers (axe) can measure each
    // label against the body's background instead of giving up at the SVG.
    let _ = writeln!(
        svg,
        "<g class=\"chart-body\"><rect width=\"{WIDTH}\" height=\"{height:.0}\" fill=\"none\" visibility=\"hidden\"/>"
    );
    let xs = x_positions(&dates);
    year_labels(&mut svg, columns, &dates, &xs);
    for (r_i, row) in rows.iter().enumerate() {
        row_svg(&mut svg, r_i, row, &xs);
    }
    svg.push_str("</g></svg>");
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
                c.as_ref().map(|g| match &g.joint_with {
                    Some(w) => format!("{}: {} (one grade together with {w})", col.label, g.label),
                    None => format!("{}: {}", col.label, g.label),
                })
            })
            .collect();
        let _ = write!(desc, "{}: {}. ", r.name, parts.join(", "));
    }
    desc
}

/// Year labels along the top. With every inspection dated, the chart is a
/// time line: a tick marks the start of each year, labelled where the label
/// has room. Otherwise each column shows its [`Column::label`].
fn year_labels(svg: &mut String, columns: &[Column], dates: &[Option<PartialDate>], xs: &[f64]) {
    let dated: Option<Vec<PartialDate>> = dates.iter().copied().collect();
    if let Some(dated) = dated
        && let (Some(first), Some(last), Some(x0), Some(x1)) =
            (dated.first(), dated.last(), xs.first(), xs.last())
        && last.year > first.year
    {
        // The first inspection's year at its column, then a tick at each
        // new year, labelled where the label has room.
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"24\" text-anchor=\"middle\" class=\"chart-year\">{}</text>",
            Tenths(*x0),
            first.year
        );
        // Each column's time, worked out once for every year's tick.
        let ts: Vec<f64> = dated.iter().copied().map(months).collect();
        let per_year = (x1 - x0) / ((months(*last) - months(*first)) / 12.0).max(1.0);
        let step = [1, 2, 5, 10, 20, 50]
            .into_iter()
            .find(|s| per_year * f64::from(*s) >= 40.0)
            .unwrap_or(100);
        let mut labelled = *x0;
        for year in first.year + 1..=last.year {
            let Some(x) = x_of_year(year, &ts, xs) else {
                continue;
            };
            let _ = write!(
                svg,
                "<line x1=\"{x}\" x2=\"{x}\" y1=\"30\" y2=\"36\" class=\"chart-guide\"/>",
                x = Tenths(x)
            );
            if year % step == 0 && x - labelled >= 30.0 {
                let _ = write!(
                    svg,
                    "<text x=\"{}\" y=\"24\" text-anchor=\"middle\" class=\"chart-year\">{year}</text>",
                    Tenths(x)
                );
                labelled = x;
            }
            svg.push('\n');
        }
        return;
    }
    for (col, x) in columns.iter().zip(xs) {
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"24\" text-anchor=\"middle\" class=\"chart-year\">{}</text>",
            Tenths(*x),
            clarion_core::escape_html(&col.label)
        );
    }
}

/// One area's band: its name, the best and worst guides, its line and markers.
fn row_svg(svg: &mut String, r_i: usize, row: &Row, xs: &[f64]) {
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
        .filter_map(|(c, (p, g))| Some((xs[c], band_top + BAND * (*p)?, g.as_ref()?)))
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
    fn joint_names_read_as_plain_english() {
        assert_eq!(lower_first("Care leavers"), "care leavers");
        assert_eq!(lower_first("LSCB review"), "LSCB review");
        let names = ["children in care".to_string(), "care leavers".to_string()];
        assert_eq!(and_list(&names), "children in care and care leavers");
        assert_eq!(have("care leavers"), "have");
        assert_eq!(their("adoption"), "its");
    }

    #[test]
    fn inspections_sit_in_proportion_to_time() {
        let d = |y, m| {
            Some(PartialDate {
                year: y,
                month: Some(m),
                day: None,
            })
        };
        // Five months, then five years.
        let xs = x_positions(&[d(2013, 1), d(2013, 6), d(2018, 6)]);
        let (short, long) = (xs[1] - xs[0], xs[2] - xs[1]);
        assert!(long > 8.0 * short, "{xs:?}");
        // The same month twice still keeps the markers apart.
        let xs = x_positions(&[d(2013, 1), d(2013, 1), d(2020, 1)]);
        assert!(xs[1] - xs[0] >= MIN_GAP - 1e-9, "{xs:?}");
        // An undated inspection: spread evenly.
        let xs = x_positions(&[d(2013, 1), None, d(2020, 1)]);
        assert!(((xs[1] - xs[0]) - (xs[2] - xs[1])).abs() < 1e-9);
    }

    #[test]
    fn an_inspection_of_children_in_care_covers_care_leavers_too() {
        assert_eq!(
            overall_areas("children-in-care"),
            ["children-in-care", "care-leavers"]
        );
        assert_eq!(overall_area("children-in-care"), "children-in-care");
    }

    #[test]
    fn overall_of_a_service_inspection_is_that_service() {
        assert_eq!(overall_area("full"), "overall");
        assert_eq!(overall_area("fostering"), "fostering");
        assert_eq!(overall_area("child-protection"), "help-and-protection");
    }
}
