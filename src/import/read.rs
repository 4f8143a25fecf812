//! Reading workbooks and CSV files into tables.

use std::path::Path;

use calamine::{Data, Reader as _};

use crate::dates::PartialDate;
use crate::diagnostic::{Diagnostic, Pos};

use super::*;

// ------------------------------------------------------------------ reading files

/// Why a file could not be read: the command was wrong (no such file), or
/// the file is not a spreadsheet (an editor's problem).
#[derive(Debug)]
pub enum ReadError {
    Command(String),
    Content(Diagnostic),
}

/// Reads every sheet of a workbook, or the one table of a CSV file.
pub fn read_tables(path: &Path, display: &str) -> Result<Vec<Table>, ReadError> {
    let bytes = std::fs::read(path)
        .map_err(|e| ReadError::Command(format!("cannot read `{display}`: {e}")))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let looks_zip = bytes.starts_with(b"PK\x03\x04");
    let looks_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if ext == "csv" || ext == "txt" || (!looks_zip && !looks_ole) {
        return Ok(vec![Table {
            sheet: None,
            first_row: 1,
            first_col: 1,
            rows: parse_csv(&decode_text(&bytes)),
        }]);
    }
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
        ReadError::Content(
            Diagnostic::error(
                display,
                Pos::file(),
                format!("`{display}` could not be read as a spreadsheet: {e}."),
            )
            .with_help(
                "Give Ofsted's outcomes file as it was downloaded (.ods), or save it as .xlsx or .csv.",
            ),
        )
    })?;
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| {
            ReadError::Content(Diagnostic::error(
                display,
                Pos::file(),
                format!("sheet `{name}` of `{display}` could not be read: {e}."),
            ))
        })?;
        let (first_row, first_col) = range
            .start()
            .map(|(r, c)| (r as usize + 1, c as usize + 1))
            .unwrap_or((1, 1));
        let rows = range
            .rows()
            .map(|r| r.iter().map(cell_from_data).collect())
            .collect();
        tables.push(Table {
            sheet: Some(name),
            first_row,
            first_col,
            rows,
        });
    }
    Ok(tables)
}

pub(crate) fn cell_from_data(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Cell::Date(PartialDate {
                year: i32::from(y),
                month: Some(m),
                day: Some(d),
            })
        }
        Data::DateTimeIso(s) => match parse_date_text(s) {
            Ok(d) => Cell::Date(d),
            Err(_) => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// UTF-8 (with or without a byte-order mark), else Windows-1252 as Excel
/// writes CSV on Windows.
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes
            .iter()
            .map(|&b| match b {
                0x80 => '€',
                0x91 | 0x92 => '\'',
                0x93 | 0x94 => '"',
                0x96 | 0x97 => '-',
                _ => char::from(b),
            })
            .collect(),
    }
}

/// RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line
/// breaks. Every field is text.
pub fn parse_csv(text: &str) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut field_started = false;
    let mut chars = text.chars().peekable();
    let field_cell = |f: &mut String| {
        let t = std::mem::take(f);
        if t.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(t)
        }
    };
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if !field_started || field.trim().is_empty() => {
                field.clear();
                quoted = true;
                field_started = true;
            }
            ',' => {
                row.push(field_cell(&mut field));
                field_started = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(field_cell(&mut field));
                field_started = false;
                rows.push(std::mem::take(&mut row));
            }
            _ => {
                field.push(c);
                field_started = true;
            }
        }
    }
    if field_started || !field.is_empty() || !row.is_empty() {
        row.push(field_cell(&mut field));
        rows.push(row);
    }
    rows
}
