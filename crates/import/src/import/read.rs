//! Reading workbooks and CSV files into tables.

use std::path::Path;

use calamine::{Data, Reader as _};

use clarion_core::PartialDate;
use clarion_core::{Diagnostic, Pos};

use super::*;

// ------------------------------------------------------------------ reading files

/// Why a file could not be read: the command was wrong (no such file), or
/// the file is not a spreadsheet (an editor's problem).
#[derive(Debug)]
pub enum ReadError {
    Command(ImportError),
    Content(Diagnostic),
}

/// The most rows and columns of a sheet the import reads. Ofsted's tables
/// have about 160 rows (the history table under 300) and under 20
/// columns; a spreadsheet may claim up to 1,048,576 by 16,384, and a grid
/// of that size would need hundreds of gigabytes.
pub const MAX_SHEET_ROWS: usize = 100_000;
pub const MAX_SHEET_COLUMNS: usize = 1_000;
/// The most cells with a value the import keeps from one file.
pub const MAX_CELLS: usize = 1_000_000;
/// The most cells the grids spanning each sheet's values may hold, all
/// sheets together: a grid is what is allocated (32 bytes a cell, so
/// 160 MB at most), and one value at row 100,000 and one at column 1,000
/// would otherwise ask for 100 million.
pub const MAX_GRID_CELLS: usize = 5_000_000;

/// The cells a sheet's grid spans, from its first and last rows and
/// columns with a value.
pub(crate) fn grid_cells(rows: (usize, usize), cols: (usize, usize)) -> usize {
    (rows.1 - rows.0 + 1).saturating_mul(cols.1 - cols.0 + 1)
}

pub(crate) fn grid_why() -> String {
    format!(
        "the file's values are spread over more than {MAX_GRID_CELLS} cells (counting the empty ones between them), the most the import reads"
    )
}

/// Reads every sheet of a workbook, or the one table of a CSV file.
pub fn read_tables(path: &Path, display: &str) -> Result<Vec<Table>, ReadError> {
    let bytes = std::fs::read(path)
        .map_err(|e| ReadError::Command(ImportError::io(IoAction::Read, Path::new(display))(e)))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let looks_zip = bytes.starts_with(b"PK\x03\x04");
    let looks_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if ext == "csv" || ext == "txt" || ext == "tsv" || (!looks_zip && !looks_ole) {
        return Ok(vec![read_csv(&bytes)]);
    }
    // Excel 97-2003 (.xls) and binary (.xlsb) workbooks are read by
    // calamine into a grid spanning their values with no check Clarion can
    // make first; Ofsted publishes ODS, and Excel saves any of them as XLSX.
    if looks_ole {
        return Err(unreadable(
            display,
            &"it is an Excel 97-2003 workbook (.xls), which the import does not read",
        ));
    }
    // An XLSX file is read cell by cell, so that no claim in it makes
    // calamine allocate a grid (one cell at XFD1048576 would ask for
    // 512 GB); an ODS file's XML is checked before calamine reads it.
    if ext != "ods"
        && let Ok(book) = calamine::Xlsx::new(std::io::Cursor::new(bytes.clone()))
    {
        return read_xlsx(book, display);
    }
    if let Err(far) = super::ods_guard::check_ods(&bytes) {
        return Err(too_big(display, &far.sheet, far.row, far.col, far.why));
    }
    read_ods(bytes, display)
}

/// Reads every sheet of an ODS workbook, checked already.
fn read_ods(bytes: Vec<u8>, display: &str) -> Result<Vec<Table>, ReadError> {
    let mut book: calamine::Ods<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| unreadable(display, &e))?;
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
        let mut table = Table::sheet(name.clone(), first_row, first_col, rows);
        // Links are formulas (`HYPERLINK("https://..."; "words")`): the
        // value is only the words.
        if let Ok(formulas) = book.worksheet_formula(&name) {
            for (r, c, f) in formulas.used_cells() {
                let (r0, c0) = formulas.start().unwrap_or((0, 0));
                let (row, col) = (r0 as usize + r + 1, c0 as usize + c + 1);
                if is_link_formula(f) && row >= first_row && col >= first_col {
                    table
                        .formulas
                        .insert((row - first_row, col - first_col), f.clone());
                }
            }
        }
        tables.push(table);
    }
    Ok(tables)
}

/// The error for a file that is not a spreadsheet the import reads.
fn unreadable(display: &str, e: &dyn std::fmt::Display) -> ReadError {
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
}

fn is_link_formula(f: &str) -> bool {
    f.to_ascii_uppercase().contains("HYPERLINK(")
}

/// The error for a sheet too big to read, naming its farthest cell.
fn too_big(display: &str, sheet: &str, row: usize, col: usize, why: String) -> ReadError {
    ReadError::Content(
        Diagnostic::error(
            display,
            Pos::at(row, col),
            format!("sheet `{sheet}` of `{display}`, cell {}: {why}, so the file was not read.", cell_name(row, col)),
        )
        .with_label("too far out")
        .with_help(format!(
            "Ofsted's tables fit in a few hundred rows and a few dozen columns. Delete what is in cell {} (and anything else far from the table) and save the file again, or save the sheet with the table as CSV.",
            cell_name(row, col)
        )),
    )
}

/// Reads an XLSX workbook cell by cell, refusing a sheet with a value
/// outside the bounds above before anything of its size is allocated.
fn read_xlsx(
    mut book: calamine::Xlsx<std::io::Cursor<Vec<u8>>>,
    display: &str,
) -> Result<Vec<Table>, ReadError> {
    let mut tables = Vec::new();
    let mut kept = 0usize;
    let mut grid = 0usize;
    let broken = |name: &str, e: &dyn std::fmt::Display| {
        ReadError::Content(Diagnostic::error(
            display,
            Pos::file(),
            format!("sheet `{name}` of `{display}` could not be read: {e}."),
        ))
    };
    for name in book.sheet_names() {
        let mut cells: Vec<(usize, usize, Cell)> = Vec::new();
        {
            let mut reader = book
                .worksheet_cells_reader(&name)
                .map_err(|e| broken(&name, &e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| broken(&name, &e))? {
                let value = cell_from_data(&Data::from(cell.get_value().clone()));
                if value == Cell::Empty {
                    continue;
                }
                let (r, c) = cell.get_position();
                let (r, c) = (r as usize, c as usize);
                if r >= MAX_SHEET_ROWS || c >= MAX_SHEET_COLUMNS {
                    return Err(too_big(
                        display,
                        &name,
                        r + 1,
                        c + 1,
                        format!(
                            "it has a value outside the first {MAX_SHEET_ROWS} rows and {MAX_SHEET_COLUMNS} columns, the most the import reads"
                        ),
                    ));
                }
                kept += 1;
                if kept > MAX_CELLS {
                    return Err(too_big(
                        display,
                        &name,
                        r + 1,
                        c + 1,
                        format!(
                            "the file has more than {MAX_CELLS} cells with a value, the most the import reads"
                        ),
                    ));
                }
                cells.push((r, c, value));
            }
        }
        let links = link_formulas(&mut book, &name).map_err(|e| broken(&name, &e))?;
        // The grid spans the cells with a value, as calamine's ranges do.
        let first_row = cells.iter().map(|c| c.0).min().unwrap_or(0);
        let first_col = cells.iter().map(|c| c.1).min().unwrap_or(0);
        let last_row = cells.iter().map(|c| c.0).max().unwrap_or(0);
        let last_col = cells.iter().map(|c| c.1).max().unwrap_or(0);
        grid = grid.saturating_add(grid_cells((first_row, last_row), (first_col, last_col)));
        if grid > MAX_GRID_CELLS {
            return Err(too_big(
                display,
                &name,
                last_row + 1,
                last_col + 1,
                grid_why(),
            ));
        }
        let rows = into_rows(cells, first_row, first_col);
        let mut table = Table::sheet(name.clone(), first_row + 1, first_col + 1, rows);
        for (r, c, f) in links {
            if r >= first_row && c >= first_col {
                table.formulas.insert((r - first_row, c - first_col), f);
            }
        }
        tables.push(table);
    }
    Ok(tables)
}

/// A sheet's link formulas (`HYPERLINK(...)`) within the bounds read.
fn link_formulas(
    book: &mut calamine::Xlsx<std::io::Cursor<Vec<u8>>>,
    name: &str,
) -> Result<Vec<(usize, usize, String)>, calamine::XlsxError> {
    let mut links = Vec::new();
    let mut reader = book.worksheet_cells_reader(name)?;
    while let Some(f) = reader.next_formula()? {
        let (r, c) = f.get_position();
        let (r, c) = (r as usize, c as usize);
        if r < MAX_SHEET_ROWS && c < MAX_SHEET_COLUMNS && is_link_formula(f.get_value()) {
            links.push((r, c, f.get_value().clone()));
        }
    }
    Ok(links)
}

/// The rows of a grid whose top left cell is (`first_row`, `first_col`),
/// from its cells with a value.
fn into_rows(
    cells: Vec<(usize, usize, Cell)>,
    first_row: usize,
    first_col: usize,
) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (r, c, value) in cells {
        let (r, c) = (r - first_row, c - first_col);
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, Cell::Empty);
        }
        row[c] = value;
    }
    rows
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

/// The text of a CSV file: UTF-16 (little or big endian, by its
/// byte-order mark, as Excel's "Unicode text" writes it, or by the zero
/// bytes of ASCII text without one), UTF-8 (with or without a mark), else
/// Windows-1252 as Excel writes CSV on Windows. Returns the text and the
/// encoding's name for messages.
pub(crate) fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    use encoding_rs::{UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_with_bom_removal(bytes);
        let name = if enc == UTF_8 {
            "UTF-8"
        } else if enc == UTF_16LE {
            "UTF-16 LE"
        } else {
            "UTF-16 BE"
        };
        return (text.into_owned(), name);
    }
    // Text in UTF-16 without a mark: ASCII letters leave every other byte zero.
    let head = &bytes[..bytes.len().min(512)];
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    if head.len() >= 4 && zeros_at(1) * 4 >= head.len() && zeros_at(0) == 0 {
        return (
            UTF_16LE.decode_without_bom_handling(bytes).0.into_owned(),
            "UTF-16 LE",
        );
    }
    if head.len() >= 4 && zeros_at(0) * 4 >= head.len() && zeros_at(1) == 0 {
        return (
            UTF_16BE.decode_without_bom_handling(bytes).0.into_owned(),
            "UTF-16 BE",
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => (
            WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            "Windows-1252",
        ),
    }
}

/// The separators a CSV file may use: Excel writes `;` where the decimal
/// mark is a comma, and tab in "Unicode text".
const DELIMITERS: [char; 4] = [',', ';', '\t', '|'];

/// Reads a CSV file with the separator under which its header row is
/// found, else the one that splits its first lines most evenly.
pub(crate) fn read_csv(bytes: &[u8]) -> Table {
    let (text, _encoding) = decode_text(bytes);
    // Decide on the first part only: a header is near the top.
    let mut cut = text.len().min(64 * 1024);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let mut best = (',', 0usize);
    for d in DELIMITERS {
        let (rows, _) = parse_csv_with(head, d);
        if rows.iter().take(HEADER_SCAN_ROWS).any(|r| {
            r.iter().any(
                |c| matches!(c, Cell::Text(t) if field_for_header(t) == Some(Field::Authority)),
            )
        }) {
            best = (d, usize::MAX);
            break;
        }
        let widest = rows
            .iter()
            .take(HEADER_SCAN_ROWS)
            .map(Vec::len)
            .max()
            .unwrap_or(0);
        if widest > best.1 {
            best = (d, widest);
        }
    }
    let (rows, lines) = parse_csv_with(&text, best.0);
    Table::csv(rows, lines)
}

/// RFC 4180 CSV with commas.
#[cfg(test)]
pub fn parse_csv(text: &str) -> Vec<Vec<Cell>> {
    parse_csv_with(text, ',').0
}

/// RFC 4180 CSV: quoted fields may hold the separator, quotes (doubled)
/// and line breaks. Every field is text. Returns the rows and the line
/// each row starts on.
pub fn parse_csv_with(text: &str, delimiter: char) -> (Vec<Vec<Cell>>, Vec<usize>) {
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut line = 1usize;
    let mut row_line = 1usize;
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
                // A line break inside a cell still ends a line of the file.
                if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
                    line += 1;
                }
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
            c if c == delimiter => {
                row.push(field_cell(&mut field));
                field_started = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(field_cell(&mut field));
                field_started = false;
                rows.push(std::mem::take(&mut row));
                lines.push(row_line);
                line += 1;
                row_line = line;
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
        lines.push(row_line);
    }
    (rows, lines)
}
