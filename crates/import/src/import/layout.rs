//! Finding the outcomes table: its sheet, header row and columns.

use std::collections::BTreeMap;

use clarion_core::PartialDate;
use clarion_core::{Diagnostic, Pos};

use super::*;

// ------------------------------------------------------------------ headers

/// What a judgement is about, as CONTENT.md's `area`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    Overall,
    Leadership,
    HelpAndProtection,
    ChildrenInCare,
    /// The single judgement inspections before January 2023 gave.
    ChildrenInCareAndCareLeavers,
    CareLeavers,
    /// Judgements only the single inspection framework (SIF, to 2018) gave.
    Adoption,
    SafeguardingBoard,
}

impl Area {
    /// The judgement's name as ILACS reports give it.
    pub fn name(self) -> &'static str {
        match self {
            Area::Overall => "Overall effectiveness",
            Area::Leadership => {
                "The impact of leaders on social work practice with children and families"
            }
            Area::HelpAndProtection => {
                "The experiences and progress of children who need help and protection"
            }
            Area::ChildrenInCare => "The experiences and progress of children in care",
            Area::ChildrenInCareAndCareLeavers => {
                "The experiences and progress of children in care and care leavers"
            }
            Area::CareLeavers => "The experiences and progress of care leavers",
            Area::Adoption => "Adoption performance",
            Area::SafeguardingBoard => "The effectiveness of the Local Safeguarding Children Board",
        }
    }
    pub fn area_key(self) -> &'static str {
        match self {
            Area::Overall => "overall",
            Area::Leadership => "leadership",
            Area::HelpAndProtection => "help-and-protection",
            Area::ChildrenInCare | Area::ChildrenInCareAndCareLeavers => "children-in-care",
            Area::CareLeavers => "care-leavers",
            Area::Adoption => "adoption",
            Area::SafeguardingBoard => "safeguarding-partnership",
        }
    }
    /// Plain words for the child page.
    pub fn child_name(self) -> &'static str {
        match self {
            Area::Overall => "Overall",
            Area::Leadership => "How well the people in charge lead the work",
            Area::HelpAndProtection => "How children who need help are kept safe",
            Area::ChildrenInCare => "How children in care are looked after",
            Area::ChildrenInCareAndCareLeavers => {
                "How children in care and young people leaving care are helped"
            }
            Area::CareLeavers => "How young people leaving care are helped",
            Area::Adoption => "How children are helped to be adopted",
            Area::SafeguardingBoard => "How the people who keep children safe work together",
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Authority,
    /// The authority's code: "Local authority area code", "New LA code".
    Code,
    /// The code an authority had before 2011 ("Old LA code"): not used to
    /// match authorities, as some editions give only the new one.
    OldCode,
    Region,
    Start,
    End,
    Published,
    Link,
    /// Ofsted's unique reference number for the authority.
    Urn,
    /// "Inspection type" ("ILACS Standard Inspection", "ILACS Focused
    /// Visit") or a framework column.
    Kind,
    /// "Local authority status" in the history table ("Current", "No
    /// longer exists").
    Status,
    /// "Visit theme", only in the in-year table.
    VisitTheme,
    Grade(Area),
}

/// Header aliases, normalised (see `normalise_header`): what each edition
/// calls each column. A leading "the" is dropped before matching.
pub(crate) const HEADER_ALIASES: &[(&str, Field)] = &[
    // 2023 and 2025 editions: "Local authority name"; the brief's "Local authority".
    ("local authority name", Field::Authority),
    ("local authority", Field::Authority),
    ("la name", Field::Authority),
    ("authority", Field::Authority),
    ("authority name", Field::Authority),
    ("local authority area code", Field::Code),
    ("local authority code", Field::Code),
    ("la code", Field::Code),
    ("new la code", Field::Code),
    ("la area code", Field::Code),
    ("area code", Field::Code),
    ("old la code", Field::OldCode),
    ("ofsted region", Field::Region),
    ("region", Field::Region),
    ("region name", Field::Region),
    ("inspection date", Field::Start),
    ("inspection start date", Field::Start),
    ("start date", Field::Start),
    ("date of inspection", Field::Start),
    ("inspection start", Field::Start),
    ("date inspection started", Field::Start),
    ("inspection end date", Field::End),
    ("end date", Field::End),
    ("publication date", Field::Published),
    ("report publication date", Field::Published),
    ("date published", Field::Published),
    ("published", Field::Published),
    ("publication", Field::Published),
    ("urn", Field::Urn),
    ("inspection type", Field::Kind),
    ("inspection visit type", Field::Kind),
    ("type of inspection", Field::Kind),
    ("inspection framework", Field::Kind),
    ("framework", Field::Kind),
    ("local authority status", Field::Status),
    ("la status", Field::Status),
    ("visit theme", Field::VisitTheme),
    ("inspection visit date", Field::Start),
    // Names other editions have used or may use for the same columns.
    ("latest inspection date", Field::Start),
    ("date of latest inspection", Field::Start),
    ("date of last inspection", Field::Start),
    ("last inspection date", Field::Start),
    ("latest inspection start date", Field::Start),
    ("date report published", Field::Published),
    ("latest inspection publication date", Field::Published),
    ("local authority la", Field::Authority),
    ("la number", Field::OldCode),
    ("latest overall effectiveness", Field::Grade(Area::Overall)),
    (
        "overall effectiveness judgement",
        Field::Grade(Area::Overall),
    ),
    ("web link", Field::Link),
    ("weblink", Field::Link),
    ("report link", Field::Link),
    ("link to report", Field::Link),
    ("report url", Field::Link),
    ("url", Field::Link),
    ("overall effectiveness", Field::Grade(Area::Overall)),
    ("overall effectiveness grade", Field::Grade(Area::Overall)),
    ("overall", Field::Grade(Area::Overall)),
    ("overall judgement", Field::Grade(Area::Overall)),
    // 2023: "Impact of leaders"; 2025: the full ILACS name.
    ("impact of leaders", Field::Grade(Area::Leadership)),
    (
        "impact of leaders on social work practice with children and families",
        Field::Grade(Area::Leadership),
    ),
    ("leadership", Field::Grade(Area::Leadership)),
    ("leaders", Field::Grade(Area::Leadership)),
    ("help and protection", Field::Grade(Area::HelpAndProtection)),
    (
        "children who need help and protection",
        Field::Grade(Area::HelpAndProtection),
    ),
    (
        "experiences and progress of children who need help and protection",
        Field::Grade(Area::HelpAndProtection),
    ),
    ("children in care", Field::Grade(Area::ChildrenInCare)),
    (
        "experiences and progress of children in care",
        Field::Grade(Area::ChildrenInCare),
    ),
    ("children looked after", Field::Grade(Area::ChildrenInCare)),
    (
        "children in care and care leavers",
        Field::Grade(Area::ChildrenInCareAndCareLeavers),
    ),
    (
        "experiences and progress of children in care and care leavers",
        Field::Grade(Area::ChildrenInCareAndCareLeavers),
    ),
    ("care leavers", Field::Grade(Area::CareLeavers)),
    // The single inspection framework's names (the 2022 edition still
    // lists inspections from 2016 to early 2018 made under it).
    (
        "leadership management and governance",
        Field::Grade(Area::Leadership),
    ),
    (
        "children looked after and achieving permanence",
        Field::Grade(Area::ChildrenInCare),
    ),
    (
        "experiences and progress of children looked after and achieving permanence",
        Field::Grade(Area::ChildrenInCare),
    ),
    ("adoption performance", Field::Grade(Area::Adoption)),
    ("adoption", Field::Grade(Area::Adoption)),
    (
        "effectiveness of the local safeguarding children board",
        Field::Grade(Area::SafeguardingBoard),
    ),
    (
        "local safeguarding children board",
        Field::Grade(Area::SafeguardingBoard),
    ),
    ("lscb", Field::Grade(Area::SafeguardingBoard)),
    (
        "experiences and progress of care leavers",
        Field::Grade(Area::CareLeavers),
    ),
];

/// Lower case, footnote marks (`[note 3]`, `(note 3)`) and punctuation
/// dropped, line breaks and runs of spaces made one space, a leading "the"
/// dropped.
pub fn normalise_header(s: &str) -> String {
    let mut cleaned = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() => cleaned.extend(c.to_lowercase()),
            '\'' | '\u{2019}' => {}
            _ => cleaned.push(' '),
        }
    }
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    // "(note 3)" left as words at the end.
    if words.len() >= 2
        && words[words.len() - 2] == "note"
        && words[words.len() - 1].chars().all(|c| c.is_ascii_digit())
    {
        words.truncate(words.len() - 2);
    }
    if words.first() == Some(&"the") {
        words.remove(0);
    }
    words.join(" ")
}

/// The field a header names, if it is one the import knows.
pub fn field_for_header(header: &str) -> Option<Field> {
    let n = normalise_header(header);
    HEADER_ALIASES
        .iter()
        .find(|(alias, _)| *alias == n)
        .map(|(_, f)| *f)
}

/// Where the table is: its sheet, header row and columns.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub(crate) table: usize,
    pub(crate) header_row: usize,
    pub(crate) columns: BTreeMap<Field, usize>,
}

pub(crate) fn header_fields(table: &Table, row: usize) -> BTreeMap<Field, usize> {
    let mut out = BTreeMap::new();
    for (col, cell) in table.rows.get(row).into_iter().flatten().enumerate() {
        if let Cell::Text(t) = cell
            && let Some(f) = field_for_header(t)
        {
            out.entry(f).or_insert(col);
        }
    }
    out
}

pub(crate) fn accepted_headers(field: Field) -> String {
    let mut names: Vec<String> = Vec::new();
    for (alias, f) in HEADER_ALIASES {
        if *f == field {
            let mut s = alias.replace("la ", "LA ").replace("url", "URL");
            if let Some(first) = s.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            names.push(format!("\"{s}\""));
        }
    }
    names.join(", ")
}

/// Which of Ofsted's tables this is. The outcomes workbooks hold three
/// with the same grade columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableKind {
    /// Each authority's latest inspection as at 31 March: one row each.
    #[default]
    Latest,
    /// "ILACS inspection history": every inspection since 2018, several
    /// rows per authority, some authorities that "No longer exist".
    History,
    /// "In-year inspections": the year's inspections and visits.
    InYear,
}

impl TableKind {
    pub fn describe(self) -> &'static str {
        match self {
            TableKind::Latest => "the table of each authority's latest inspection",
            TableKind::History => {
                "Ofsted's ILACS inspection history table (every inspection since 2018)"
            }
            TableKind::InYear => "Ofsted's table of the year's inspections and visits",
        }
    }
}

/// The words of a table's sheet name and title rows, normalised.
fn title_words(table: &Table, header_row: usize) -> String {
    let mut words = table
        .sheet
        .as_deref()
        .map(normalise_header)
        .unwrap_or_default();
    for row in table.rows.iter().take(header_row) {
        for cell in row {
            if let Some(t) = cell.text() {
                words.push(' ');
                words.push_str(&normalise_header(&t));
            }
        }
    }
    words
}

pub(crate) fn table_kind(table: &Table, layout: &Layout) -> TableKind {
    let title = title_words(table, layout.header_row);
    let kind_header = layout
        .columns
        .get(&Field::Kind)
        .and_then(|c| table.cell(layout.header_row, *c).text())
        .map(|t| normalise_header(&t))
        .unwrap_or_default();
    if layout.columns.contains_key(&Field::VisitTheme)
        || kind_header.contains("visit")
        || title.contains("in year")
    {
        TableKind::InYear
    } else if layout.columns.contains_key(&Field::Status) || title.contains("history") {
        TableKind::History
    } else {
        TableKind::Latest
    }
}

/// Which 31 March a file is for: "as at 31 March 2025" in the table's
/// title rows or sheet name (`LA_level_at_31_Mar_2022`), else on another
/// sheet's first rows (the cover).
pub(crate) fn edition_of(tables: &[Table], layout: &Layout) -> Option<PartialDate> {
    let find = |text: &str| -> Option<i32> {
        let words: Vec<&str> = text.split(' ').collect();
        words.windows(2).find_map(|w| {
            (matches!(w[0], "march" | "mar") && w[1].len() == 4)
                .then(|| w[1].parse::<i32>().ok())
                .flatten()
        })
    };
    let table = &tables[layout.table];
    let year = find(&title_words(table, layout.header_row)).or_else(|| {
        tables
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != layout.table)
            .find_map(|(_, t)| find(&title_words(t, t.rows.len().min(6))))
    })?;
    Some(PartialDate {
        year,
        month: Some(3),
        day: Some(31),
    })
}

/// Finds the sheet and header row of the outcomes table.
pub(crate) fn find_layout(tables: &[Table], display: &str) -> Result<Layout, Diagnostic> {
    let (found, near_miss) = header_rows(tables);
    if let Some(best) = best_layout(tables, &found) {
        if !best.columns.contains_key(&Field::Grade(Area::Overall)) {
            return Err(no_overall_column(&tables[best.table], best, display));
        }
        return Ok(best.clone());
    }
    if let Some(miss) = near_miss {
        return Err(no_authority_column(tables, miss, display));
    }
    Err(not_outcomes(tables, display))
}

/// The best row without an authority column, for the error message:
/// table, row, column of its first grade, and its count of grade columns.
type NearMiss = (usize, usize, usize, usize);

/// Each table's first header row with an authority column, and the near
/// miss with most grade columns.
fn header_rows(tables: &[Table]) -> (Vec<Layout>, Option<NearMiss>) {
    let mut found: Vec<Layout> = Vec::new();
    let mut near_miss: Option<NearMiss> = None;
    for (t, table) in tables.iter().enumerate() {
        for row in 0..table.rows.len().min(HEADER_SCAN_ROWS) {
            let columns = header_fields(table, row);
            if columns.contains_key(&Field::Authority) {
                found.push(Layout {
                    table: t,
                    header_row: row,
                    columns,
                });
                break;
            }
            let grades = columns
                .keys()
                .filter(|f| matches!(f, Field::Grade(_)))
                .count();
            if grades > 0 && near_miss.is_none_or(|(_, _, _, n)| grades > n) {
                let col = columns
                    .iter()
                    .filter(|(f, _)| matches!(f, Field::Grade(_)))
                    .map(|(_, c)| *c)
                    .min()
                    .unwrap_or(0);
                near_miss = Some((t, row, col, grades));
            }
        }
    }
    (found, near_miss)
}

/// The layout to import of those found.
fn best_layout<'a>(tables: &[Table], found: &'a [Layout]) -> Option<&'a Layout> {
    // Prefer the sheet of latest outcomes ("Inspections_as_at_31_March",
    // "LA_level_at_31_Mar_2023") over other tables with the same columns.
    let preferred = |l: &Layout| {
        let name = tables[l.table]
            .sheet
            .as_deref()
            .map(normalise_header)
            .unwrap_or_default();
        let has_grades = l.columns.contains_key(&Field::Grade(Area::Overall));
        (
            has_grades,
            table_kind(&tables[l.table], l) == TableKind::Latest,
            name.contains("as at")
                || name.contains("at 31")
                || name.contains("31 march")
                || name.contains("la level"),
        )
    };
    found.iter().max_by_key(|l| {
        let (g, latest, p) = preferred(l);
        (g, latest, p, std::cmp::Reverse(l.table))
    })
}

/// The error for a header row with no column of overall grades.
fn no_overall_column(table: &Table, best: &Layout, display: &str) -> Diagnostic {
    let col = best.columns[&Field::Authority];
    // The 2024 edition's history table puts each authority's first
    // and second ILACS inspections side by side on one row.
    let side_by_side = table.rows[best.header_row].iter().position(|c| {
        c.text()
            .is_some_and(|t| normalise_header(&t).starts_with("first ilacs"))
    });
    if let Some(c) = side_by_side {
        return Diagnostic::error(
            display,
            table.pos(best.header_row, c),
            format!(
                "{}: this is Ofsted's table of ILACS inspections with each authority's first and second inspection side by side (`{}`), as the 2024 edition gives its history; Clarion imports tables with one inspection per row.",
                table.place(best.header_row, c),
                table.cell(best.header_row, c).text().unwrap_or_default(),
            ),
        )
        .with_label("first and second inspections on one row")
        .with_help("Import the edition's \"Inspections as at 31 March\" sheet (the whole ODS file as downloaded picks it), or the 2025 edition's ILACS history table, which has one inspection per row.");
    }
    Diagnostic::error(
        display,
        table.pos(best.header_row, col),
        format!(
            "{}: this row looks like the header row of the table (it has `{}`), but no column is headed \"Overall effectiveness\", so this is not a layout of Ofsted's outcomes that Clarion knows.",
            table.place(best.header_row, col),
            table.cell(best.header_row, col).text().unwrap_or_default(),
        ),
    )
    .with_label("header row")
    .with_help(format!(
        "Head the column of overall grades with one of: {}. The other grade columns can be headed {}, {}, {} and {}.",
        accepted_headers(Field::Grade(Area::Overall)),
        accepted_headers(Field::Grade(Area::Leadership)),
        accepted_headers(Field::Grade(Area::HelpAndProtection)),
        accepted_headers(Field::Grade(Area::ChildrenInCare)),
        accepted_headers(Field::Grade(Area::CareLeavers)),
    ))
}

/// The error for a header row of grades with no authority column.
fn no_authority_column(tables: &[Table], miss: NearMiss, display: &str) -> Diagnostic {
    let (t, row, known_col, _) = miss;
    let table = &tables[t];
    // The first header the import does not know is most likely the
    // authorities' column under another name.
    let col = table
        .rows
        .get(row)
        .into_iter()
        .flatten()
        .enumerate()
        .find(|(_, c)| c.text().is_some_and(|t| field_for_header(&t).is_none()))
        .map_or(known_col, |(i, _)| i);
    Diagnostic::error(
        display,
        table.pos(row, col),
        format!(
            "{}: this row looks like the header row of the table (it has `{}`), but no column is headed \"Local authority\"; {} is `{}`.",
            row_place(table, row),
            table.cell(row, known_col).text().unwrap_or_default(),
            cell_name(table.row_number(row), table.col_number(col)),
            table.cell(row, col).text().unwrap_or_default(),
        ),
    )
    .with_label("header row")
    .with_help(format!(
        "Head the column of local authority names with one of: {}.",
        accepted_headers(Field::Authority)
    ))
}

/// The error for a file with no header row at all.
fn not_outcomes(tables: &[Table], display: &str) -> Diagnostic {
    let sheets: Vec<String> = tables.iter().map(Table::where_).collect();
    Diagnostic::error(
        display,
        Pos::file(),
        format!(
            "`{display}` does not look like Ofsted's local authority inspection outcomes: none of the first {HEADER_SCAN_ROWS} rows of {} has a \"Local authority\" column.",
            sheets.join(", ")
        ),
    )
    .with_help(format!(
        "Use the \"Local authority inspection outcomes as at 31 March\" file from GOV.UK. Its header row needs a column headed one of {} and one headed \"Overall effectiveness\".",
        accepted_headers(Field::Authority)
    ))
}

pub(crate) fn row_place(table: &Table, row: usize) -> String {
    match &table.sheet {
        Some(s) => format!("sheet `{s}`, row {}", table.row_number(row)),
        None => format!("row {}", table.row_number(row)),
    }
}
