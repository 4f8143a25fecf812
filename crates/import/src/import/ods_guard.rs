//! A bound on what an ODS file can make calamine allocate. calamine reads
//! an ODS sheet into one grid spanning its values (up to 100 million
//! cells, some gigabytes), so a few bytes of XML (a value far down and to
//! the right, or `number-columns-repeated` on a value) could exhaust
//! memory. The sheet's XML is streamed first, without keeping it, and a
//! value outside the bounds the import reads is refused with its cell.

use std::io::BufReader;

use quick_xml::events::{BytesStart, Event};

use super::{MAX_CELLS, MAX_GRID_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, grid_cells, grid_why};

/// A value the import will not read: its sheet, 1-based cell, and why.
#[derive(Debug, PartialEq)]
pub(crate) struct TooFar {
    pub sheet: String,
    pub row: usize,
    pub col: usize,
    pub why: String,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

fn repeats(e: &BytesStart, name: &str) -> usize {
    attr(e, name)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .max(1)
}

/// Checks an ODS file's sheets. A file that cannot be read as ODS passes:
/// calamine then says what is wrong with it.
pub(crate) fn check_ods(bytes: &[u8]) -> Result<(), TooFar> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut sheet = String::new();
    // 0-based: the row the next row element starts at, its repeat count,
    // the column the next cell starts at, the last column with a value.
    let (mut row, mut row_repeat, mut col) = (0usize, 1usize, 0usize);
    let mut last_valued: Option<usize> = None;
    let mut cells = 0usize;
    // This sheet's first and last rows and columns with a value, and the
    // grid cells of the sheets before it.
    let mut span: Option<((usize, usize), (usize, usize))> = None;
    let mut grid = 0usize;
    let outside = |sheet: &str, r: usize, c: usize| -> Result<(), TooFar> {
        if r >= MAX_SHEET_ROWS || c >= MAX_SHEET_COLUMNS {
            return Err(TooFar {
                sheet: sheet.to_string(),
                row: r.saturating_add(1),
                col: c.saturating_add(1),
                why: format!(
                    "it has a value outside the first {MAX_SHEET_ROWS} rows and {MAX_SHEET_COLUMNS} columns, the most the import reads"
                ),
            });
        }
        Ok(())
    };
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) => return Ok(()),
        };
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = e.is_empty();
                match e.local_name().as_ref() {
                    "table" => {
                        sheet = attr(&e, "name").unwrap_or_default();
                        row = 0;
                        span = None;
                    }
                    "table-row" => {
                        row_repeat = repeats(&e, "number-rows-repeated");
                        col = 0;
                        last_valued = None;
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    "table-cell" | "covered-table-cell" => {
                        let n = repeats(&e, "number-columns-repeated");
                        if attr(&e, "value-type").is_some() {
                            let last = col.saturating_add(n - 1);
                            outside(&sheet, row, last)?;
                            last_valued = Some(last);
                            let ((r0, _), (c0, c1)) = span.unwrap_or(((row, row), (col, last)));
                            span = Some(((r0, row), (c0.min(col), c1.max(last))));
                            cells = cells.saturating_add(n.saturating_mul(row_repeat));
                            if cells > MAX_CELLS {
                                return Err(TooFar {
                                    sheet: sheet.clone(),
                                    row: row + 1,
                                    col: last + 1,
                                    why: format!(
                                        "the file has more than {MAX_CELLS} cells with a value, the most the import reads"
                                    ),
                                });
                            }
                        }
                        col = col.saturating_add(n);
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().as_ref() == "table-row" => {
                if let Some(c) = last_valued {
                    let last_row = row.saturating_add(row_repeat - 1);
                    outside(&sheet, last_row, c)?;
                    if let Some((rows, _)) = span.as_mut() {
                        rows.1 = last_row;
                    }
                }
                row = row.saturating_add(row_repeat);
            }
            Event::End(e) if e.local_name().as_ref() == "table" => {
                if let Some((rows, cols)) = span.take() {
                    grid = grid.saturating_add(grid_cells(rows, cols));
                    if grid > MAX_GRID_CELLS {
                        return Err(TooFar {
                            sheet: sheet.clone(),
                            row: rows.1 + 1,
                            col: cols.1 + 1,
                            why: grid_why(),
                        });
                    }
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}
