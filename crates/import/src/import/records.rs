//! Rows of the table turned into outcomes.

use std::collections::BTreeMap;

use clarion_content::is_web_url;
use clarion_core::Framework;
use clarion_core::PartialDate;
use clarion_core::slugify;
use clarion_core::{Diagnostic, Diagnostics, Pos};

use super::rows::Rows;
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
    let mut parsed = Parsed {
        sheet: table.sheet.clone(),
        header_row: table.row_number(layout.header_row),
        ..Parsed::default()
    };
    let Some(authority_col) = layout.columns.get(&Field::Authority).copied() else {
        return parsed;
    };
    parsed.kind = table_kind(table, &layout);
    parsed.edition = edition_of(tables, &layout);
    let rows = Rows {
        table,
        layout: &layout,
        display,
        framework,
        authority_col,
    };
    for row in layout.header_row + 1..table.rows.len() {
        rows.parse_row(row, &mut parsed, diags);
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
