//! Dates and grades as the files write them.

use clarion_core::Framework;
use clarion_core::{DateError, PartialDate, civil_from_days, days_from_civil, days_in_month};

use super::*;

// ------------------------------------------------------------------ values

/// Why a cell is not a date, in words for the error on its row.
#[derive(Debug, Clone, PartialEq)]
pub enum NotADate {
    /// Not in any shape the import reads.
    Shape(String),
    /// Written year first, but not a date (`2023-13-01`).
    Iso(String, DateError),
    Month {
        text: String,
        month: u8,
    },
    Day {
        text: String,
        day: u8,
        days: u8,
    },
    /// A spreadsheet number that is no day.
    Serial(f64),
}

impl std::fmt::Display for NotADate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotADate::Shape(text) => write!(f, "`{text}` is not a date Clarion can read"),
            NotADate::Iso(text, e) => write!(f, "`{text}` {e}"),
            NotADate::Month { text, month } => {
                write!(f, "`{text}` has month {month}, but months run from 1 to 12")
            }
            NotADate::Day { text, day, days } => {
                write!(f, "`{text}` has day {day}, but that month has {days} days")
            }
            NotADate::Serial(n) => write!(f, "`{n}` is not a date"),
        }
    }
}

/// Dates as the files give them: `2023-05-15`, `15/05/2023`, `15 May 2023`,
/// `15-May-23`, `May 2023`, with or without a time after them.
pub fn parse_date_text(text: &str) -> Result<PartialDate, NotADate> {
    let t = text.trim();
    let t = t
        .split_once('T')
        .filter(|(d, _)| d.len() == 10 && d.as_bytes().get(4) == Some(&b'-'))
        .map_or(t, |(d, _)| d);
    let t = t.strip_suffix(" 00:00:00").unwrap_or(t).trim();
    let bad = || NotADate::Shape(text.to_string());
    if t.len() >= 4 && t.as_bytes()[..4].iter().all(u8::is_ascii_digit) && t.contains('-') {
        return PartialDate::parse(t).map_err(|e| NotADate::Iso(text.to_string(), e));
    }
    let parts: Vec<&str> = t
        .split(|c: char| c == '/' || c == '.' || c == '-' || c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year_of = |s: &str| -> Option<i32> {
        let n = number(s)?;
        match s.len() {
            4 => i32::try_from(n).ok(),
            2 => i32::try_from(2000 + n).ok(),
            _ => None,
        }
    };
    let (day, month, year) = match parts.as_slice() {
        [d, m, y] => {
            let month = number(m)
                .and_then(|m| u8::try_from(m).ok())
                .or_else(|| month_from_name(m))
                .ok_or_else(bad)?;
            let day = number(d)
                .and_then(|d| u8::try_from(d).ok())
                .ok_or_else(bad)?;
            (Some(day), month, year_of(y).ok_or_else(bad)?)
        }
        [m, y] => (
            None,
            month_from_name(m).ok_or_else(bad)?,
            year_of(y).ok_or_else(bad)?,
        ),
        _ => return Err(bad()),
    };
    if !(1..=12).contains(&month) {
        return Err(NotADate::Month {
            text: text.to_string(),
            month,
        });
    }
    if let Some(d) = day
        && (d == 0 || d > days_in_month(year, month))
    {
        return Err(NotADate::Day {
            text: text.to_string(),
            day: d,
            days: days_in_month(year, month),
        });
    }
    Ok(PartialDate {
        year,
        month: Some(month),
        day,
    })
}

pub(crate) fn month_from_name(s: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let s = s.to_lowercase();
    if s.len() < 3 {
        return None;
    }
    let s = if s == "sept" { "sep".to_string() } else { s };
    NAMES
        .iter()
        .position(|n| n.starts_with(&s))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// A spreadsheet serial day number (days since 1899-12-30) as a date.
pub(crate) fn date_from_serial(n: f64) -> Option<PartialDate> {
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    let days = days_from_civil(1899, 12, 30) + n.floor() as i64;
    let (year, month, day) = civil_from_days(days);
    Some(PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    })
}

/// "Not yet inspected", as the outcomes files write it.
pub(crate) fn says_not_inspected(s: &str) -> bool {
    let n = normalise_header(s);
    n.starts_with("not yet inspected")
        || n == "not inspected"
        || n == "not yet inspected under ilacs"
        // The 2022 edition's word for the two Northamptonshire councils,
        // made in 2021 and not yet inspected.
        || n.starts_with("no full inspection")
}

/// Grade cells that say there is no grade for this judgement.
pub(crate) fn says_no_grade(s: &str) -> bool {
    let n = normalise_header(s);
    n.is_empty()
        || matches!(
            n.as_str(),
            "x" | "z" | "na" | "n a" | "not applicable" | "not judged" | "none" | "no grade"
        )
}

/// A judgement's cell that names why there is no grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonGrade {
    /// "Not judged", "No grade", "None".
    NotJudged,
    /// "Not applicable", "N/A", and the statistical marks "x" and "z".
    NotApplicable,
}

impl NonGrade {
    pub fn words(self) -> &'static str {
        match self {
            NonGrade::NotJudged => "not judged",
            NonGrade::NotApplicable => "not applicable",
        }
    }
}

/// The words a judgement's cell may hold instead of a grade, for messages.
pub const NON_GRADE_WORDS: &str =
    "\"Not judged\", \"No grade\", \"Not applicable\", \"N/A\", \"x\" or \"z\" (no grade given)";

/// The named non-grades; any other word is an error.
pub fn non_grade(s: &str) -> Option<NonGrade> {
    match normalise_header(s).as_str() {
        "not judged" | "no grade" | "none" | "not graded" => Some(NonGrade::NotJudged),
        "x" | "z" | "na" | "n a" | "not applicable" => Some(NonGrade::NotApplicable),
        _ => None,
    }
}

/// A grade written as a number (1 to 4) or a word, with any "Grade" before it.
pub fn parse_grade(framework: &Framework, text: &str) -> Option<usize> {
    let t = collapse_spaces(text);
    let lower = t.to_lowercase();
    let t = lower
        .strip_prefix("grade")
        .map_or(lower.as_str(), str::trim);
    let t = t.strip_suffix(".0").unwrap_or(t);
    framework.find_grade(t)
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DateCell {
    None,
    NotInspected,
    Date(PartialDate),
}

pub(crate) fn read_date(cell: &Cell) -> Result<DateCell, NotADate> {
    match cell {
        Cell::Empty => Ok(DateCell::None),
        Cell::Date(d) => Ok(DateCell::Date(*d)),
        Cell::Number(n) => date_from_serial(*n)
            .map(DateCell::Date)
            .ok_or(NotADate::Serial(*n)),
        Cell::Text(s) if says_not_inspected(s) => Ok(DateCell::NotInspected),
        Cell::Text(s) if says_no_grade(s) => Ok(DateCell::None),
        Cell::Text(s) => parse_date_text(s).map(DateCell::Date),
    }
}
