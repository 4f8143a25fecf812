//! Rows of the table turned into outcomes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use clarion_content::{is_web_url, nearest};
use clarion_core::Framework;
use clarion_core::PartialDate;
use clarion_core::slugify;
use clarion_core::{Diagnostic, Diagnostics, Pos};

use super::*;

// ------------------------------------------------------------------ records

/// One local authority's latest ILACS inspection, as the table gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub authority: String,
    /// The authority's code (`E09000002`), if the table gives one.
    pub code: Option<String>,
    /// Where it came from: sheet and row, for messages.
    pub source_row: usize,
    /// The authority's cell: its column number and its name for messages.
    pub source_col: usize,
    pub source_place: String,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub published: Option<PartialDate>,
    pub report_url: Option<String>,
    /// The framework's key: `sif`, `ilacs` or `ilacs-2026`.
    pub framework: &'static str,
    /// The grade index into the framework's grades (the same four, best
    /// first, in all three); none from April 2026.
    pub overall: Option<usize>,
    pub judgements: Vec<(Area, Judged)>,
    /// The history table's "Local authority status" said so.
    pub no_longer_exists: bool,
}

/// A judgement's cell: a grade, or a word that says there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    Grade(usize),
    Not(NonGrade),
}

pub const SIF: &str = "sif";
pub const ILACS: &str = "ilacs";
pub const ILACS_2026: &str = "ilacs-2026";

/// ILACS began in January 2018; the single inspection framework (SIF) ran
/// to the end of 2017, and some of its inspections into the first months
/// of 2018 (Lambeth's and Darlington's in February 2018, while Rochdale's
/// in January 2018 was ILACS). From April 2026 ILACS gives no overall grade.
/// `sif_signs`: the row grades something only SIF graded. Returns the
/// framework and whether the choice is a guess.
pub fn framework_for(
    kind: Option<&str>,
    date: Option<PartialDate>,
    sif_signs: bool,
) -> (&'static str, bool) {
    let on_or_after =
        |y: i32, m: u8| date.is_some_and(|d| (d.year, d.month.unwrap_or(1)) >= (y, m));
    let ilacs = if on_or_after(2026, 4) {
        ILACS_2026
    } else {
        ILACS
    };
    if let Some(k) = kind {
        let n = normalise_header(k);
        let words: Vec<&str> = n.split(' ').collect();
        if words.contains(&"sif") || n.contains("single inspection") {
            return (SIF, false);
        }
        if words.contains(&"ilacs") {
            return (ilacs, false);
        }
    }
    if sif_signs && !on_or_after(2018, 4) {
        return (SIF, false);
    }
    match date {
        Some(_) if !on_or_after(2018, 1) => (SIF, false),
        Some(_) if !on_or_after(2018, 4) => (ILACS, true),
        _ => (ilacs, false),
    }
}

impl Outcome {
    pub(crate) fn date(&self) -> Option<PartialDate> {
        self.start.or(self.published)
    }
    /// `<yyyy-mm>-<authority>-<framework>` (`-ilacs` for both ILACS).
    pub fn slug(&self) -> String {
        let prefix = match self.date() {
            Some(PartialDate {
                year,
                month: Some(m),
                ..
            }) => format!("{year:04}-{m:02}-"),
            Some(d) => format!("{:04}-", d.year),
            None => String::new(),
        };
        let suffix = if self.framework == SIF {
            "sif"
        } else {
            "ilacs"
        };
        format!("{prefix}{}-{suffix}", self.authority_slug())
    }
    /// The authority's part of the folder name. "&" is written "and", as
    /// Ofsted's editions write the same council both ways ("Telford and
    /// Wrekin", "Telford & Wrekin").
    pub fn authority_slug(&self) -> String {
        slugify(&self.authority.replace('&', " and "))
    }
    /// What makes two rows the same authority: its code where the table
    /// has one, else its name in lower case with "&" as "and".
    pub fn identity(&self) -> String {
        match &self.code {
            Some(c) => c.to_ascii_uppercase(),
            None => collapse_spaces(&self.authority.to_lowercase().replace('&', " and ")),
        }
    }
}

/// What the table held.
#[derive(Debug, Default)]
pub struct Parsed {
    pub outcomes: Vec<Outcome>,
    /// Rows of authorities not yet inspected.
    pub not_inspected: usize,
    /// Rows of visits (the in-year table): not graded, not imported.
    pub visits: usize,
    /// What the table is.
    pub kind: TableKind,
    /// Which 31 March the file is for, from its title rows or sheet name.
    pub edition: Option<PartialDate>,
    /// The sheet read (`None` for CSV).
    pub sheet: Option<String>,
    pub header_row: usize,
}

/// Reads the outcomes from the tables of a file. Every problem is reported.
pub fn parse_outcomes(
    tables: &[Table],
    display: &str,
    framework: &Framework,
    diags: &mut Diagnostics,
) -> Parsed {
    let layout = match find_layout(tables, display) {
        Ok(l) => l,
        Err(d) => {
            diags.push(d);
            return Parsed::default();
        }
    };
    let table = &tables[layout.table];
    let col = |f: Field| layout.columns.get(&f).copied();
    let mut parsed = Parsed {
        sheet: table.sheet.clone(),
        header_row: table.row_number(layout.header_row),
        ..Parsed::default()
    };
    let Some(authority_col) = col(Field::Authority) else {
        return parsed;
    };
    parsed.kind = table_kind(table, &layout);
    parsed.edition = edition_of(tables, &layout);
    let grade_labels: Vec<&str> = framework.grades.iter().map(|g| g.label.as_str()).collect();
    let grade_areas = [
        Area::Overall,
        Area::Leadership,
        Area::HelpAndProtection,
        Area::ChildrenInCare,
        Area::ChildrenInCareAndCareLeavers,
        Area::CareLeavers,
        Area::Adoption,
        Area::SafeguardingBoard,
    ];
    for row in layout.header_row + 1..table.rows.len() {
        let Some(authority) = table.cell(row, authority_col).text() else {
            continue;
        };
        // Every other column this import reads, empty: a note under the table.
        let used: Vec<usize> = layout
            .columns
            .iter()
            .filter(|(f, _)| {
                !matches!(
                    f,
                    Field::Authority
                        | Field::Region
                        | Field::Code
                        | Field::OldCode
                        | Field::Link
                        | Field::Urn
                )
            })
            .map(|(_, c)| *c)
            .collect();
        if used.iter().all(|c| *table.cell(row, *c) == Cell::Empty) {
            continue;
        }
        let mut row_ok = true;
        let mut not_inspected = false;
        let mut date_of = |field: Field, diags: &mut Diagnostics| -> Option<PartialDate> {
            let c = col(field)?;
            match read_date(table.cell(row, c)) {
                Ok(DateCell::Date(d)) => Some(d),
                Ok(DateCell::None) => None,
                Ok(DateCell::NotInspected) => {
                    not_inspected = true;
                    None
                }
                Err(e) => {
                    row_ok = false;
                    diags.push(
                        Diagnostic::error(
                            display,
                            table.pos(row, c),
                            format!("{}: {e} (row of {authority}).", table.place(row, c)),
                        )
                        .with_label("not a date")
                        .with_help("Write the date as 15/05/2023, 2023-05-15 or 15 May 2023, or format the cell as a date."),
                    );
                    None
                }
            }
        };
        let start = date_of(Field::Start, diags);
        let end = date_of(Field::End, diags);
        let published = date_of(Field::Published, diags);
        let kind = col(Field::Kind).and_then(|c| table.cell(row, c).text());
        // The in-year table lists visits beside inspections: a visit has
        // no grades, and is not what this import makes.
        if kind
            .as_deref()
            .is_some_and(|k| normalise_header(k).split(' ').any(|w| w == "visit"))
        {
            parsed.visits += 1;
            continue;
        }
        let no_longer_exists = col(Field::Status)
            .and_then(|c| table.cell(row, c).text())
            .is_some_and(|t| normalise_header(&t) == "no longer exists");
        let mut overall = None;
        let mut overall_empty_at = None;
        let mut judgements = Vec::new();
        for area in grade_areas {
            let Some(c) = col(Field::Grade(area)) else {
                continue;
            };
            let cell = table.cell(row, c);
            let Some(text) = cell.text() else {
                if area == Area::Overall {
                    overall_empty_at = Some(c);
                }
                continue;
            };
            if says_not_inspected(&text) {
                not_inspected = true;
                continue;
            }
            if let Some(non) = non_grade(&text) {
                if area == Area::Overall {
                    overall_empty_at = Some(c);
                } else {
                    judgements.push((area, Judged::Not(non)));
                }
                continue;
            }
            match parse_grade(framework, &text) {
                Some(g) if area == Area::Overall => overall = Some(g),
                Some(g) => judgements.push((area, Judged::Grade(g))),
                None => {
                    row_ok = false;
                    let mut help = format!(
                        "ILACS grades are {} (or the numbers 1 to 4); a cell may also say {}.",
                        grade_labels
                            .iter()
                            .map(|l| format!("\"{l}\""))
                            .collect::<Vec<_>>()
                            .join(", "),
                        NON_GRADE_WORDS
                    );
                    if let Some(n) = nearest(&text, grade_labels.iter().copied()) {
                        let _ = write!(help, " Did you mean \"{n}\"?");
                    }
                    diags.push(
                        Diagnostic::error(
                            display,
                            table.pos(row, c),
                            format!(
                                "{}: `{text}` is not an ILACS grade (row of {authority}, column \"{}\").",
                                table.place(row, c),
                                table.cell(layout.header_row, c).text().unwrap_or_default()
                            ),
                        )
                        .with_label("unknown grade")
                        .with_help(help),
                    );
                }
            }
        }
        if !row_ok {
            continue;
        }
        let date = start.or(published);
        // What the row says: SIF alone graded adoption and the safeguarding
        // board, and ILACS graded care leavers on their own only from 2023.
        let graded_in = |a: Area| {
            judgements
                .iter()
                .any(|(x, j)| *x == a && matches!(j, Judged::Grade(_)))
        };
        let sif_signs = graded_in(Area::Adoption)
            || graded_in(Area::SafeguardingBoard)
            || (graded_in(Area::CareLeavers) && date.is_some_and(|d| d.year < 2023));
        let (fw, unsure) = framework_for(kind.as_deref(), date, sif_signs);
        if fw != SIF {
            // ILACS has no such judgements: the cells are blank in its rows.
            judgements.retain(|(a, _)| !matches!(a, Area::Adoption | Area::SafeguardingBoard));
        }
        let graded = judgements
            .iter()
            .any(|(_, j)| matches!(j, Judged::Grade(_)));
        // A row of some other ungraded activity (a joint targeted area
        // inspection, say) in a table with a type column: not an ILACS
        // inspection, so left out like a visit.
        if overall.is_none() && !graded && kind.is_some() && !not_inspected && date.is_some() {
            parsed.visits += 1;
            continue;
        }
        if overall.is_none() && fw != ILACS_2026 {
            if not_inspected || date.is_none() || (!graded && overall_empty_at.is_none()) {
                parsed.not_inspected += 1;
            } else {
                let c = overall_empty_at.unwrap_or(authority_col);
                diags.push(
                    Diagnostic::error(
                        display,
                        table.pos(row, c),
                        format!(
                            "{}: {authority} has an inspection date and judgements but no overall effectiveness grade, which ILACS gave for every inspection before April 2026.",
                            table.place(row, c)
                        ),
                    )
                    .with_label("no grade")
                    .with_help("If this is Ofsted's file as published, the table may be one Clarion does not know: import the \"Local authority inspection outcomes as at 31 March\" table. If you typed the table, give the overall grade."),
                );
            }
            continue;
        }
        if overall.is_none()
            && !judgements
                .iter()
                .any(|(_, j)| matches!(j, Judged::Grade(_)))
        {
            // From April 2026 with nothing graded: not inspected yet.
            parsed.not_inspected += 1;
            continue;
        }
        if date.is_none() {
            let c = col(Field::Start)
                .or(col(Field::Published))
                .unwrap_or(authority_col);
            diags.push(
                Diagnostic::error(
                    display,
                    table.pos(row, c),
                    format!(
                        "{}: {authority} has grades but no inspection or publication date, so Clarion cannot name its inspection.",
                        table.place(row, c)
                    ),
                )
                .with_label("no date")
                .with_help("Give the inspection date (15/05/2023), or the date the report was published."),
            );
            continue;
        }
        if unsure {
            let c = col(Field::Start)
                .or(col(Field::Published))
                .unwrap_or(authority_col);
            diags.push(
                Diagnostic::warning(
                    display,
                    table.pos(row, c),
                    format!(
                        "{}: {authority}'s inspection is from the first months of 2018, when some inspections were still made under the single inspection framework (SIF) and some under ILACS; the table does not say which, so it is imported as ILACS.",
                        table.place(row, c)
                    ),
                )
                .with_label("SIF or ILACS?")
                .with_help("Check the report's title: if it says \"single inspection\", change `framework: ilacs` to `framework: sif` in the bundle's inspection.yaml (and the folder name's `-ilacs` to `-sif`)."),
            );
        }
        // Before January 2023 ILACS judged children in care and care leavers
        // together: a children-in-care grade with no separate care leavers
        // grade from then is that single judgement.
        let has_care_leavers = judgements.iter().any(|(a, _)| *a == Area::CareLeavers);
        let before_2023 = date.is_some_and(|d| d.year < 2023);
        if !has_care_leavers && before_2023 && fw != SIF {
            for (a, _) in &mut judgements {
                if *a == Area::ChildrenInCare {
                    *a = Area::ChildrenInCareAndCareLeavers;
                }
            }
        }
        // The link is the cell's text, or the target of its HYPERLINK
        // formula (Ofsted's files show only "Ofsted Local Authority
        // Webpage"), or made from the URN column.
        let report_url = col(Field::Link)
            .and_then(|c| {
                table
                    .cell(row, c)
                    .text()
                    .filter(|u| is_web_url(u))
                    .or_else(|| table.formula(row, c).and_then(hyperlink_target))
            })
            .or_else(|| {
                col(Field::Urn)
                    .and_then(|c| table.cell(row, c).text())
                    .filter(|u| !u.is_empty() && u.bytes().all(|b| b.is_ascii_digit()))
                    .map(|u| format!("https://reports.ofsted.gov.uk/provider/44/{u}"))
            });
        parsed.outcomes.push(Outcome {
            source_place: table.place(row, authority_col),
            source_col: table.col_number(authority_col),
            authority,
            code: col(Field::Code).and_then(|c| table.cell(row, c).text()),
            source_row: table.row_number(row),
            start,
            end,
            published,
            report_url,
            framework: fw,
            overall,
            judgements,
            no_longer_exists,
        });
    }
    parsed
}

/// The latest inspection of each authority (the outcomes files give one row
/// per authority; if one gives more, the newest wins). Two authorities
/// whose names make the same folder name are an error: one would silently
/// replace the other.
///
/// With `every_inspection` (the history and in-year tables) each dated
/// inspection of an authority is kept, not only its latest.
pub fn latest_per_authority(
    outcomes: Vec<Outcome>,
    every_inspection: bool,
    display: &str,
    diags: &mut Diagnostics,
) -> Vec<Outcome> {
    let mut by: BTreeMap<String, Outcome> = BTreeMap::new();
    for o in outcomes {
        let mut key = o.identity();
        if every_inspection {
            key = format!("{key}\n{}", o.date().map(|d| d.iso()).unwrap_or_default());
        }
        match by.get(&key) {
            Some(old) if old.date() >= o.date() => {}
            _ => {
                by.insert(key, o);
            }
        }
    }
    let mut folders: BTreeMap<String, &Outcome> = BTreeMap::new();
    let mut clashes = Vec::new();
    for o in by.values() {
        match folders.get(&o.authority_slug()) {
            Some(first) if first.identity() == o.identity() => {}
            Some(first) => clashes.push((*first, o)),
            None => {
                folders.insert(o.authority_slug(), o);
            }
        }
    }
    for (a, b) in clashes {
        let (a, b) = if a.source_row <= b.source_row {
            (a, b)
        } else {
            (b, a)
        };
        diags.push(
            Diagnostic::error(
                display,
                Pos::at(b.source_row, b.source_col),
                format!(
                    "{}: `{}` and `{}` ({}) are different names that make the same folder name, `{}`, so one inspection would replace the other.",
                    b.source_place,
                    b.authority,
                    a.authority,
                    a.source_place,
                    a.authority_slug(),
                ),
            )
            .with_label("same folder as another row")
            .with_help("If the two rows are one authority, write its name the same way in both; if they are two, give them names that differ in more than punctuation or case."),
        );
    }
    by.into_values().collect()
}

/// The target of a `HYPERLINK("https://..."; "words")` formula (ODS writes
/// `of:=HYPERLINK(...)` and `;`, XLSX `,`), if it is a web address.
pub fn hyperlink_target(formula: &str) -> Option<String> {
    let upper = formula.to_ascii_uppercase();
    let at = upper.find("HYPERLINK(")? + "HYPERLINK(".len();
    let rest = formula.get(at..)?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    let url = rest[..end].trim();
    is_web_url(url).then(|| url.to_string())
}
