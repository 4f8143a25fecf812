//! Bundles: the files an outcome becomes, and writing them safely.

use std::fmt::Write as _;
use std::path::Path;

use clarion_core::Framework;
use clarion_core::PartialDate;

use super::*;

// ------------------------------------------------------------------ files

/// FNV-1a, 64 bits: stable across versions and machines, enough to notice
/// that a person changed a file.
pub fn content_hash(text: &str) -> String {
    format!("{:016x}", clarion_core::fnv(text.as_bytes()))
}

/// The marker line for a file of `body`, in the file's comment syntax.
pub fn with_marker(path: &str, body: &str) -> String {
    let hash = content_hash(body);
    let note = "edit freely: once edited, the import leaves this file alone";
    if path.ends_with(".md") {
        format!("<!-- {MARKER}; hash: {hash}; {note} -->\n{body}")
    } else {
        format!("# {MARKER}; hash: {hash}; {note}\n{body}")
    }
}

/// The body of a generated file and the hash its marker recorded, if the
/// first line is a marker.
pub fn split_marker(text: &str) -> Option<(&str, &str)> {
    let (first, body) = text.split_once('\n')?;
    if !first.contains(MARKER) {
        return None;
    }
    let rest = &first[first.find("hash: ")? + "hash: ".len()..];
    let hash = rest.split(|c: char| !c.is_ascii_hexdigit()).next()?;
    Some((hash, body))
}

pub(crate) fn yaml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The line an import writes at the top of `inspection.yaml` (under the
/// marker) to record which edition it came from.
pub fn edition_line(edition: PartialDate) -> String {
    format!(
        "# from Ofsted's local authority inspection outcomes as at {} (edition: {})\n",
        edition.human(),
        edition.iso()
    )
}

/// The edition an imported `inspection.yaml` records, if any.
pub fn recorded_edition(text: &str) -> Option<PartialDate> {
    let at = text.find("(edition: ")? + "(edition: ".len();
    let iso = text.get(at..at + 10)?;
    PartialDate::parse(iso).ok()
}

/// A judgement's name as its framework gives it.
fn judgement_name(o: &Outcome, area: Area) -> &'static str {
    if o.framework != SIF {
        return area.name();
    }
    match area {
        Area::Overall => "Overall effectiveness",
        Area::Leadership => "Leadership, management and governance",
        Area::HelpAndProtection => "Children who need help and protection",
        Area::ChildrenInCare | Area::ChildrenInCareAndCareLeavers => {
            "Children looked after and achieving permanence"
        }
        Area::CareLeavers => "Experiences and progress of care leavers",
        Area::Adoption => "Adoption performance",
        Area::SafeguardingBoard => "The effectiveness of the Local Safeguarding Children Board",
    }
}

/// "Not judged" for a sentence's start.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Why an inspection has no overall grade, in plain words.
pub const NO_OVERALL_2026: &str = "From April 2026 Ofsted's inspections of local authority children's services give no overall effectiveness grade: each judgement is graded on its own.";

/// Every council's overall grade in one edition of the latest-outcomes
/// table: how many had each grade (by index, best first).
#[derive(Debug, Clone, PartialEq)]
pub struct England {
    pub counts: Vec<usize>,
    pub total: usize,
}

impl England {
    /// From the latest inspection of every authority in the table.
    pub fn from(outcomes: &[Outcome], grades: usize) -> Option<England> {
        let mut counts = vec![0; grades];
        for g in outcomes.iter().filter_map(|o| o.overall) {
            if let Some(n) = counts.get_mut(g) {
                *n += 1;
            }
        }
        let total = counts.iter().sum();
        (total > 0).then_some(England { counts, total })
    }
}

/// A council's overall grade beside the share of councils in England at
/// each grade in the same edition, as a table a screen reader reads.
fn england_section(o: &Outcome, own: usize, framework: &Framework, e: &England) -> String {
    let mut s = String::from("\n## Beside England\n\n");
    let _ = writeln!(
        s,
        "In the same edition of Ofsted's statistics, {} councils in England had an overall effectiveness grade. {}'s was {}.\n",
        e.total, o.authority, framework.grades[own].label
    );
    s.push_str(
        "| Overall effectiveness | Councils in England | Share of councils |\n|---|---:|---:|\n",
    );
    for (g, n) in e.counts.iter().enumerate() {
        let Some(grade) = framework.grades.get(g) else {
            continue;
        };
        let mark = if g == own {
            format!(" ({}'s grade)", o.authority)
        } else {
            String::new()
        };
        // Whole percentages, rounded half up, from integers alone.
        let pct = (n * 200 + e.total) / (2 * e.total);
        let _ = writeln!(s, "| {}{mark} | {n} | {pct}% |", grade.label);
    }
    s
}

/// The three files of an outcome's bundle: (file name, body without marker).
pub fn bundle_files(
    o: &Outcome,
    framework: &Framework,
    edition: Option<PartialDate>,
    england: Option<&England>,
) -> Vec<(&'static str, String)> {
    vec![
        ("inspection.yaml", inspection_yaml(o, framework, edition)),
        ("summary.md", summary_md(o, framework, edition, england)),
        ("children.md", children_md(o, framework)),
    ]
}

/// The bundle's `inspection.yaml`.
fn inspection_yaml(o: &Outcome, framework: &Framework, edition: Option<PartialDate>) -> String {
    let grade = |g: usize| &framework.grades[g];
    let mut y = String::new();
    if let Some(e) = edition {
        y.push_str(&edition_line(e));
    }
    let _ = writeln!(y, "authority: {}", yaml_string(&o.authority));
    let _ = writeln!(y, "framework: {}\nkind: full", o.framework);
    if let Some(d) = o.start {
        let _ = writeln!(y, "start: {}", d.iso());
    }
    if let Some(d) = o.end {
        let _ = writeln!(y, "end: {}", d.iso());
    }
    if let Some(d) = o.published {
        let _ = writeln!(y, "published: {}", d.iso());
    }
    if let Some(u) = &o.report_url {
        let _ = writeln!(y, "report_url: {}", yaml_string(u));
    }
    if let Some(g) = o.overall {
        let _ = writeln!(y, "overall: {}", grade(g).key);
    }
    let graded: Vec<(Area, usize)> = o
        .judgements
        .iter()
        .filter_map(|(a, j)| match j {
            Judged::Grade(g) => Some((*a, *g)),
            Judged::Not(_) => None,
        })
        .collect();
    if !graded.is_empty() {
        y.push_str("judgements:\n");
        for (area, g) in &graded {
            let _ = writeln!(y, "  - name: {}", judgement_name(o, *area));
            let _ = writeln!(y, "    child_name: {}", area.child_name());
            let _ = writeln!(y, "    area: {}", area.area_key());
            let _ = writeln!(y, "    grade: {}", grade(*g).key);
        }
    }
    y
}

/// The bundle's `summary.md`: the inspection in plain words, its grades,
/// and where they come from.
fn summary_md(
    o: &Outcome,
    framework: &Framework,
    edition: Option<PartialDate>,
    england: Option<&England>,
) -> String {
    let mut s = summary_intro(o);
    s.push_str("\n## Grades\n\n");
    grades_list(&mut s, o, framework);
    source_note(&mut s, o, edition);
    if let (Some(g), Some(e)) = (o.overall, england) {
        s.push_str(&england_section(o, g, framework, e));
    }
    s
}

/// Who was inspected, under which framework, and when.
fn summary_intro(o: &Outcome) -> String {
    let who = &o.authority;
    let mut s = String::new();
    let how = match o.framework {
        SIF => {
            "its single inspection framework (SIF), which it used before its framework for inspecting local authority children's services (ILACS) began in 2018"
        }
        ILACS_2026 => {
            "its framework for inspecting local authority children's services (ILACS) as it runs from April 2026, which gives no overall effectiveness grade"
        }
        _ => "its framework for inspecting local authority children's services (ILACS)",
    };
    let _ = writeln!(
        s,
        "Ofsted inspected the children's services of {who} under {how}.\n"
    );
    if o.no_longer_exists {
        let _ = writeln!(
            s,
            "{who} no longer exists as a local authority: Ofsted's inspection history lists it as \"No longer exists\".\n"
        );
    }
    match (o.start, o.end) {
        (Some(start), Some(end)) => {
            let _ = writeln!(
                s,
                "The inspection dates are {} to {}.",
                start.human(),
                end.human()
            );
        }
        (Some(start), None) => {
            let _ = writeln!(s, "The inspection date is {}.", start.human());
        }
        _ => {}
    }
    if let Some(p) = o.published {
        let _ = writeln!(s, "Ofsted published the report on {}.", p.human());
    }
    s
}

/// The overall grade and each judgement, one to a line.
fn grades_list(s: &mut String, o: &Outcome, framework: &Framework) {
    let grade = |g: usize| &framework.grades[g];
    match o.overall {
        Some(g) => {
            let _ = writeln!(s, "- Overall effectiveness: {}", grade(g).label);
        }
        None => {
            let _ = writeln!(s, "- Overall effectiveness: no grade. {NO_OVERALL_2026}");
        }
    }
    for (area, j) in &o.judgements {
        let said = match j {
            Judged::Grade(g) => grade(*g).label.clone(),
            Judged::Not(n) => capitalised(n.words()),
        };
        let _ = writeln!(s, "- {}: {said}", judgement_name(o, *area));
    }
}

/// Where the grades come from, and where the full report is.
fn source_note(s: &mut String, o: &Outcome, edition: Option<PartialDate>) {
    match edition {
        Some(e) => {
            let _ = write!(
                s,
                "\nThese grades come from Ofsted's official statistics on local authority inspection outcomes as at {}.",
                e.human()
            );
        }
        None => s.push_str(
            "\nThese grades come from Ofsted's official statistics, \"Local authority inspection outcomes as at 31 March\".",
        ),
    }
    match &o.report_url {
        Some(u) => {
            let _ = writeln!(s, " The full report is on [Ofsted's website]({u}).");
        }
        None => s.push_str(" The full report is on Ofsted's website.\n"),
    }
}

/// The bundle's `children.md`: the same for children and young people.
fn children_md(o: &Outcome, framework: &Framework) -> String {
    let grade = |g: usize| &framework.grades[g];
    let who = &o.authority;
    let mut c = String::new();
    c.push_str("## What happened\n\n");
    let _ = writeln!(
        c,
        "Inspectors from Ofsted checked the children's services in {who}."
    );
    c.push_str("They looked at how the council helps children and young people.\n");
    if let Some(d) = o.date() {
        let when = match d.month {
            Some(_) => PartialDate { day: None, ..d }.human(),
            None => d.year.to_string(),
        };
        let verb = if o.start.is_some() {
            "This was in"
        } else {
            "The report came out in"
        };
        let _ = writeln!(c, "{verb} {when}.");
    }
    c.push_str("\n## What they said\n\n");
    match o.overall {
        Some(g) => {
            let _ = writeln!(
                c,
                "- Overall: **{}**.",
                grade(g).child_label.to_lowercase()
            );
        }
        None => c.push_str(
            "- Overall: inspectors no longer give one word for everything. They give a word for each part.\n",
        ),
    }
    for (area, j) in &o.judgements {
        let said = match j {
            Judged::Grade(g) => format!("**{}**", grade(*g).child_label.to_lowercase()),
            Judged::Not(_) => "inspectors did not give a word for this".to_string(),
        };
        let _ = writeln!(c, "- {}: {said}.", area.child_name());
    }
    match &o.report_url {
        Some(u) => {
            let _ = writeln!(
                c,
                "\nYou can read the [full report on Ofsted's website]({u})."
            );
        }
        None => c.push_str("\nYou can read the full report on Ofsted's website.\n"),
    }
    c
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileOutcome {
    Made,
    Updated,
    Unchanged,
    /// Edited by a person (or not made by the import): left alone.
    Skipped,
}

/// Writes `body` (with its marker) to `path` unless a person has edited the
/// file there.
pub(crate) fn sync_file(
    path: &Path,
    rel: &str,
    body: &str,
) -> Result<(FileOutcome, Option<String>), ImportError> {
    let existing = match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(ImportError::io(IoAction::Read, path)(e)),
    };
    let outcome = match existing {
        None => FileOutcome::Made,
        Some(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            match split_marker(&text) {
                None => {
                    return Ok((
                        FileOutcome::Skipped,
                        Some(format!(
                            "`{rel}` was not made by the import (or its first line was changed), so it was left as it is."
                        )),
                    ));
                }
                Some((hash, old_body)) if content_hash(old_body) != hash => {
                    return Ok((
                        FileOutcome::Skipped,
                        Some(format!(
                            "`{rel}` was edited since the import made it, so it was left as it is."
                        )),
                    ));
                }
                Some((_, old_body)) if old_body == body => FileOutcome::Unchanged,
                Some(_) => FileOutcome::Updated,
            }
        }
    };
    if outcome != FileOutcome::Unchanged {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(ImportError::io(IoAction::Make, parent))?;
        }
        std::fs::write(path, with_marker(rel, body))
            .map_err(ImportError::io(IoAction::Write, path))?;
    }
    Ok((outcome, None))
}
