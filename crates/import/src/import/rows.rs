//! The rows of an outcomes table, one at a time: each makes an outcome,
//! a count of rows not imported, or diagnostics.

use std::fmt::Write as _;

use clarion_content::{is_web_url, nearest};
use clarion_core::{Diagnostic, Diagnostics, Framework, PartialDate};

use super::*;

/// The graded areas, in the order their cells are read.
const GRADE_AREAS: [Area; 8] = [
    Area::Overall,
    Area::Leadership,
    Area::HelpAndProtection,
    Area::ChildrenInCare,
    Area::ChildrenInCareAndCareLeavers,
    Area::CareLeavers,
    Area::Adoption,
    Area::SafeguardingBoard,
];

/// The table being read, with what every row needs to be read.
pub(crate) struct Rows<'a> {
    pub(crate) table: &'a Table,
    pub(crate) layout: &'a Layout,
    pub(crate) display: &'a str,
    pub(crate) framework: &'a Framework,
    pub(crate) authority_col: usize,
}

/// What a row's cells have said so far, beyond their values.
struct RowState {
    /// No cell was in error.
    ok: bool,
    /// A cell said the authority was not inspected.
    not_inspected: bool,
}

/// A row's cells, read without error.
struct RowCells {
    authority: String,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    published: Option<PartialDate>,
    kind: Option<String>,
    no_longer_exists: bool,
    not_inspected: bool,
    grades: Grades,
}

/// A row's grade cells.
#[derive(Default)]
struct Grades {
    overall: Option<usize>,
    /// The overall grade's column, when its cell is blank or not a grade.
    overall_empty_at: Option<usize>,
    judgements: Vec<(Area, Judged)>,
}

impl Grades {
    fn graded(&self, area: Option<Area>) -> bool {
        self.judgements
            .iter()
            .any(|(a, j)| area.is_none_or(|x| x == *a) && matches!(j, Judged::Grade(_)))
    }
}

impl Rows<'_> {
    fn col(&self, f: Field) -> Option<usize> {
        self.layout.columns.get(&f).copied()
    }

    /// Every column this import reads, besides names, codes and links, is
    /// empty: a note under the table.
    fn is_blank(&self, row: usize) -> bool {
        self.layout
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
            .all(|(_, c)| *self.table.cell(row, *c) == Cell::Empty)
    }

    /// Reads one row into `parsed`: an outcome, a count, or diagnostics.
    pub(crate) fn parse_row(&self, row: usize, parsed: &mut Parsed, diags: &mut Diagnostics) {
        if let Some(cells) = self.read_row(row, parsed, diags) {
            self.judge_row(row, cells, parsed, diags);
        }
    }

    /// The row's cells, or `None` for a note, a visit, or a row in error.
    fn read_row(
        &self,
        row: usize,
        parsed: &mut Parsed,
        diags: &mut Diagnostics,
    ) -> Option<RowCells> {
        let table = self.table;
        let authority = table.cell(row, self.authority_col).text()?;
        if self.is_blank(row) {
            return None;
        }
        let mut state = RowState {
            ok: true,
            not_inspected: false,
        };
        let start = self.date(row, Field::Start, &authority, &mut state, diags);
        let end = self.date(row, Field::End, &authority, &mut state, diags);
        let published = self.date(row, Field::Published, &authority, &mut state, diags);
        let kind = self
            .col(Field::Kind)
            .and_then(|c| table.cell(row, c).text());
        // The in-year table lists visits beside inspections: a visit has
        // no grades, and is not what this import makes.
        if kind
            .as_deref()
            .is_some_and(|k| normalise_header(k).split(' ').any(|w| w == "visit"))
        {
            parsed.visits += 1;
            return None;
        }
        let no_longer_exists = self
            .col(Field::Status)
            .and_then(|c| table.cell(row, c).text())
            .is_some_and(|t| normalise_header(&t) == "no longer exists");
        let grades = self.grades(row, &authority, &mut state, diags);
        if !state.ok {
            return None;
        }
        Some(RowCells {
            authority,
            start,
            end,
            published,
            kind,
            no_longer_exists,
            not_inspected: state.not_inspected,
            grades,
        })
    }

    /// What a row without errors in its cells makes: an outcome, a count,
    /// or a diagnostic.
    fn judge_row(&self, row: usize, cells: RowCells, parsed: &mut Parsed, diags: &mut Diagnostics) {
        let RowCells {
            authority,
            start,
            end,
            published,
            kind,
            no_longer_exists,
            not_inspected,
            mut grades,
        } = cells;
        let table = self.table;
        let date = start.or(published);
        let (fw, unsure) = row_framework(kind.as_deref(), date, &mut grades);
        let graded = grades.graded(None);
        // A row of some other ungraded activity (a joint targeted area
        // inspection, say) in a table with a type column: not an ILACS
        // inspection, so left out like a visit.
        if grades.overall.is_none() && !graded && kind.is_some() && !not_inspected && date.is_some()
        {
            parsed.visits += 1;
            return;
        }
        if grades.overall.is_none() && fw != ILACS_2026 {
            if not_inspected || date.is_none() || (!graded && grades.overall_empty_at.is_none()) {
                parsed.not_inspected += 1;
            } else {
                let c = grades.overall_empty_at.unwrap_or(self.authority_col);
                diags.push(self.no_overall_grade(row, c, &authority));
            }
            return;
        }
        if grades.overall.is_none() && !graded {
            // From April 2026 with nothing graded: not inspected yet.
            parsed.not_inspected += 1;
            return;
        }
        if date.is_none() {
            diags.push(self.no_date(row, &authority));
            return;
        }
        if unsure {
            diags.push(self.sif_or_ilacs(row, &authority));
        }
        if fw != SIF && date.is_some_and(|d| d.year < 2023) {
            join_care_leavers(&mut grades.judgements);
        }
        parsed.outcomes.push(Outcome {
            source_place: table.place(row, self.authority_col),
            source_col: table.col_number(self.authority_col),
            authority,
            code: self
                .col(Field::Code)
                .and_then(|c| table.cell(row, c).text()),
            source_row: table.row_number(row),
            start,
            end,
            published,
            report_url: self.report_url(row),
            framework: fw,
            overall: grades.overall,
            judgements: grades.judgements,
            no_longer_exists,
        });
    }

    /// The date in the row's `field` column, if the table has one.
    fn date(
        &self,
        row: usize,
        field: Field,
        authority: &str,
        state: &mut RowState,
        diags: &mut Diagnostics,
    ) -> Option<PartialDate> {
        let c = self.col(field)?;
        match read_date(self.table.cell(row, c)) {
            Ok(DateCell::Date(d)) => Some(d),
            Ok(DateCell::None) => None,
            Ok(DateCell::NotInspected) => {
                state.not_inspected = true;
                None
            }
            Err(e) => {
                state.ok = false;
                diags.push(
                    Diagnostic::error(
                        self.display,
                        self.table.pos(row, c),
                        format!("{}: {e} (row of {authority}).", self.table.place(row, c)),
                    )
                    .with_label("not a date")
                    .with_help("Write the date as 15/05/2023, 2023-05-15 or 15 May 2023, or format the cell as a date."),
                );
                None
            }
        }
    }

    /// The row's grade cells, area by area.
    fn grades(
        &self,
        row: usize,
        authority: &str,
        state: &mut RowState,
        diags: &mut Diagnostics,
    ) -> Grades {
        let mut grades = Grades::default();
        for area in GRADE_AREAS {
            let Some(c) = self.col(Field::Grade(area)) else {
                continue;
            };
            let Some(text) = self.table.cell(row, c).text() else {
                if area == Area::Overall {
                    grades.overall_empty_at = Some(c);
                }
                continue;
            };
            if says_not_inspected(&text) {
                state.not_inspected = true;
                continue;
            }
            if let Some(non) = non_grade(&text) {
                if area == Area::Overall {
                    grades.overall_empty_at = Some(c);
                } else {
                    grades.judgements.push((area, Judged::Not(non)));
                }
                continue;
            }
            match parse_grade(self.framework, &text) {
                Some(g) if area == Area::Overall => grades.overall = Some(g),
                Some(g) => grades.judgements.push((area, Judged::Grade(g))),
                None => {
                    state.ok = false;
                    diags.push(self.unknown_grade(row, c, &text, authority));
                }
            }
        }
        grades
    }

    fn unknown_grade(&self, row: usize, c: usize, text: &str, authority: &str) -> Diagnostic {
        let table = self.table;
        let grade_labels: Vec<&str> = self
            .framework
            .grades
            .iter()
            .map(|g| g.label.as_str())
            .collect();
        let mut help = format!(
            "ILACS grades are {} (or the numbers 1 to 4); a cell may also say {}.",
            grade_labels
                .iter()
                .map(|l| format!("\"{l}\""))
                .collect::<Vec<_>>()
                .join(", "),
            NON_GRADE_WORDS
        );
        if let Some(n) = nearest(text, grade_labels.iter().copied()) {
            let _ = write!(help, " Did you mean \"{n}\"?");
        }
        Diagnostic::error(
            self.display,
            table.pos(row, c),
            format!(
                "{}: `{text}` is not an ILACS grade (row of {authority}, column \"{}\").",
                table.place(row, c),
                table
                    .cell(self.layout.header_row, c)
                    .text()
                    .unwrap_or_default()
            ),
        )
        .with_label("unknown grade")
        .with_help(help)
    }

    fn no_overall_grade(&self, row: usize, c: usize, authority: &str) -> Diagnostic {
        Diagnostic::error(
            self.display,
            self.table.pos(row, c),
            format!(
                "{}: {authority} has an inspection date and judgements but no overall effectiveness grade, which ILACS gave for every inspection before April 2026.",
                self.table.place(row, c)
            ),
        )
        .with_label("no grade")
        .with_help("If this is Ofsted's file as published, the table may be one Clarion does not know: import the \"Local authority inspection outcomes as at 31 March\" table. If you typed the table, give the overall grade.")
    }

    /// The column a message about the row's date points at.
    fn date_col(&self) -> usize {
        self.col(Field::Start)
            .or(self.col(Field::Published))
            .unwrap_or(self.authority_col)
    }

    fn no_date(&self, row: usize, authority: &str) -> Diagnostic {
        let c = self.date_col();
        Diagnostic::error(
            self.display,
            self.table.pos(row, c),
            format!(
                "{}: {authority} has grades but no inspection or publication date, so Clarion cannot name its inspection.",
                self.table.place(row, c)
            ),
        )
        .with_label("no date")
        .with_help("Give the inspection date (15/05/2023), or the date the report was published.")
    }

    fn sif_or_ilacs(&self, row: usize, authority: &str) -> Diagnostic {
        let c = self.date_col();
        Diagnostic::warning(
            self.display,
            self.table.pos(row, c),
            format!(
                "{}: {authority}'s inspection is from the first months of 2018, when some inspections were still made under the single inspection framework (SIF) and some under ILACS; the table does not say which, so it is imported as ILACS.",
                self.table.place(row, c)
            ),
        )
        .with_label("SIF or ILACS?")
        .with_help("Check the report's title: if it says \"single inspection\", change `framework: ilacs` to `framework: sif` in the bundle's inspection.yaml (and the folder name's `-ilacs` to `-sif`).")
    }

    /// The link is the cell's text, or the target of its HYPERLINK formula
    /// (Ofsted's files show only "Ofsted Local Authority Webpage"), or made
    /// from the URN column.
    fn report_url(&self, row: usize) -> Option<String> {
        let table = self.table;
        self.col(Field::Link)
            .and_then(|c| {
                table
                    .cell(row, c)
                    .text()
                    .filter(|u| is_web_url(u))
                    .or_else(|| table.formula(row, c).and_then(hyperlink_target))
            })
            .or_else(|| {
                self.col(Field::Urn)
                    .and_then(|c| table.cell(row, c).text())
                    .filter(|u| !u.is_empty() && u.bytes().all(|b| b.is_ascii_digit()))
                    .map(|u| format!("https://reports.ofsted.gov.uk/provider/44/{u}"))
            })
    }
}

/// The framework of a row, and whether that is a guess: SIF alone graded
/// adoption and the safeguarding board, and ILACS graded care leavers on
/// their own only from 2023. Drops the judgements ILACS does not make,
/// whose cells are blank in its rows.
fn row_framework(
    kind: Option<&str>,
    date: Option<PartialDate>,
    grades: &mut Grades,
) -> (&'static str, bool) {
    let sif_signs = grades.graded(Some(Area::Adoption))
        || grades.graded(Some(Area::SafeguardingBoard))
        || (grades.graded(Some(Area::CareLeavers)) && date.is_some_and(|d| d.year < 2023));
    let (fw, unsure) = framework_for(kind, date, sif_signs);
    if fw != SIF {
        grades
            .judgements
            .retain(|(a, _)| !matches!(a, Area::Adoption | Area::SafeguardingBoard));
    }
    (fw, unsure)
}

/// Before January 2023 ILACS judged children in care and care leavers
/// together: a children-in-care grade with no separate care leavers grade
/// is that single judgement.
fn join_care_leavers(judgements: &mut [(Area, Judged)]) {
    if judgements.iter().any(|(a, _)| *a == Area::CareLeavers) {
        return;
    }
    for (a, _) in judgements {
        if *a == Area::ChildrenInCare {
            *a = Area::ChildrenInCareAndCareLeavers;
        }
    }
}
