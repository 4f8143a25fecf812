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
    let mut scan = Scan::default();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) => return Ok(()),
        };
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "table" => scan.start_table(&e),
                "table-row" => scan.start_row(&e),
                "table-cell" | "covered-table-cell" => scan.cell(&e)?,
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "table-row" => scan.end_row()?,
            Event::End(e) if e.local_name().as_ref() == "table" => scan.end_table()?,
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// Where the stream of the sheets' XML has got to, and what it has counted.
struct Scan {
    sheet: String,
    /// 0-based: the row the next row element starts at, its repeat count,
    /// the column the next cell starts at, the last column with a value.
    row: usize,
    row_repeat: usize,
    col: usize,
    last_valued: Option<usize>,
    /// Cells with a value in the file so far.
    cells: usize,
    /// This sheet's first and last rows and columns with a value, and the
    /// grid cells of the sheets before it.
    span: Option<((usize, usize), (usize, usize))>,
    grid: usize,
}

impl Default for Scan {
    fn default() -> Self {
        Scan {
            sheet: String::new(),
            row: 0,
            row_repeat: 1,
            col: 0,
            last_valued: None,
            cells: 0,
            span: None,
            grid: 0,
        }
    }
}

impl Scan {
    fn start_table(&mut self, e: &BytesStart) {
        self.sheet = attr(e, "name").unwrap_or_default();
        self.row = 0;
        self.span = None;
    }

    fn start_row(&mut self, e: &BytesStart) {
        self.row_repeat = repeats(e, "number-rows-repeated");
        self.col = 0;
        self.last_valued = None;
        if e.is_empty() {
            self.row = self.row.saturating_add(self.row_repeat);
        }
    }

    fn cell(&mut self, e: &BytesStart) -> Result<(), TooFar> {
        let n = repeats(e, "number-columns-repeated");
        if attr(e, "value-type").is_some() {
            let (row, col) = (self.row, self.col);
            let last = col.saturating_add(n - 1);
            self.outside(row, last)?;
            self.last_valued = Some(last);
            let ((r0, _), (c0, c1)) = self.span.unwrap_or(((row, row), (col, last)));
            self.span = Some(((r0, row), (c0.min(col), c1.max(last))));
            self.cells = self.cells.saturating_add(n.saturating_mul(self.row_repeat));
            if self.cells > MAX_CELLS {
                return Err(TooFar {
                    sheet: self.sheet.clone(),
                    row: row + 1,
                    col: last + 1,
                    why: format!(
                        "the file has more than {MAX_CELLS} cells with a value, the most the import reads"
                    ),
                });
            }
        }
        self.col = self.col.saturating_add(n);
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), TooFar> {
        if let Some(c) = self.last_valued {
            let last_row = self.row.saturating_add(self.row_repeat - 1);
            self.outside(last_row, c)?;
            if let Some((rows, _)) = self.span.as_mut() {
                rows.1 = last_row;
            }
        }
        self.row = self.row.saturating_add(self.row_repeat);
        Ok(())
    }

    fn end_table(&mut self) -> Result<(), TooFar> {
        if let Some((rows, cols)) = self.span.take() {
            self.grid = self.grid.saturating_add(grid_cells(rows, cols));
            if self.grid > MAX_GRID_CELLS {
                return Err(TooFar {
                    sheet: self.sheet.clone(),
                    row: rows.1 + 1,
                    col: cols.1 + 1,
                    why: grid_why(),
                });
            }
        }
        Ok(())
    }

    /// A value at 0-based `r`, `c` beyond the rows and columns the import
    /// reads is refused.
    fn outside(&self, r: usize, c: usize) -> Result<(), TooFar> {
        if r >= MAX_SHEET_ROWS || c >= MAX_SHEET_COLUMNS {
            return Err(TooFar {
                sheet: self.sheet.clone(),
                row: r.saturating_add(1),
                col: c.saturating_add(1),
                why: format!(
                    "it has a value outside the first {MAX_SHEET_ROWS} rows and {MAX_SHEET_COLUMNS} columns, the most the import reads"
                ),
            });
        }
        Ok(())
    }
}
