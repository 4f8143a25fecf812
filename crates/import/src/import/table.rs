//! Cells and tables, whatever file they came from.

use std::collections::BTreeMap;

use clarion_core::PartialDate;
use clarion_core::Pos;

// ------------------------------------------------------------------ cells

/// One cell of the table, whatever file it came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(PartialDate),
}

impl Cell {
    pub(crate) fn text(&self) -> Option<String> {
        match self {
            Cell::Empty => None,
            Cell::Text(s) => {
                let t = collapse_spaces(s);
                (!t.is_empty()).then_some(t)
            }
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Date(d) => Some(d.iso()),
        }
    }
}

pub(crate) fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A sheet (or the whole of a CSV file): rows of cells, with the 1-based
/// number of its first row and column so places can be named.
#[derive(Debug, Clone)]
pub struct Table {
    /// The sheet's name; `None` for a CSV file.
    pub sheet: Option<String>,
    pub first_row: usize,
    pub first_col: usize,
    pub rows: Vec<Vec<Cell>>,
    /// Formulas that hold a link (`HYPERLINK(...)`), by (row, column) index
    /// into `rows`: the cell's value is only the link's words.
    pub formulas: BTreeMap<(usize, usize), String>,
    /// For CSV: the line each row starts on, which differs from its index
    /// once a quoted cell holds a line break.
    pub row_lines: Option<Vec<usize>>,
}

impl Table {
    pub(crate) fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }
    /// A sheet from its cells, starting at (1-based) `first_row`, `first_col`.
    pub fn sheet(name: String, first_row: usize, first_col: usize, rows: Vec<Vec<Cell>>) -> Table {
        Table {
            sheet: Some(name),
            first_row,
            first_col,
            rows,
            formulas: BTreeMap::new(),
            row_lines: None,
        }
    }
    /// The table of a CSV file: its rows and the line each starts on.
    pub fn csv(rows: Vec<Vec<Cell>>, lines: Vec<usize>) -> Table {
        Table {
            sheet: None,
            first_row: 1,
            first_col: 1,
            rows,
            formulas: BTreeMap::new(),
            row_lines: Some(lines),
        }
    }
    pub(crate) fn row_number(&self, row: usize) -> usize {
        match &self.row_lines {
            Some(lines) => lines.get(row).copied().unwrap_or(self.first_row + row),
            None => self.first_row + row,
        }
    }
    /// The formula of a cell, if it holds a link.
    pub(crate) fn formula(&self, row: usize, col: usize) -> Option<&str> {
        self.formulas.get(&(row, col)).map(String::as_str)
    }
    pub(crate) fn col_number(&self, col: usize) -> usize {
        self.first_col + col
    }
    /// `sheet `X`, cell B7` or `cell B7`.
    pub(crate) fn place(&self, row: usize, col: usize) -> String {
        let cell = cell_name(self.row_number(row), self.col_number(col));
        match &self.sheet {
            Some(s) => format!("sheet `{s}`, cell {cell}"),
            None => format!("cell {cell}"),
        }
    }
    pub(crate) fn pos(&self, row: usize, col: usize) -> Pos {
        Pos::at(self.row_number(row), self.col_number(col))
    }
    pub(crate) fn where_(&self) -> String {
        match &self.sheet {
            Some(s) => format!("sheet `{s}`"),
            None => "the file".to_string(),
        }
    }
}

/// A spreadsheet cell's name: column letters and row number (`B7`, `AA10`).
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}
