//! The one workbook reader behind every import. It reads a cell as Excel shows it (number
//! formats, the workbook's date system, codes typed as numbers, formulas' stored results) and
//! is bounded against hostile files: the archive's entries and unpacked size, the number of
//! sheets, the declared and real extent of the sheet are checked before anything large is
//! allocated, and a problem is a message naming sheet, row and column — never a panic.

use std::io::Cursor;

use calamine::{DataRef, Reader, SheetVisible, Xlsx, XlsxError};
use chrono::NaiveDate;

use super::numfmt::{self, Shown};
use super::problems::Problem;

/// How much of a workbook an import accepts. Each kind of import has its own, stated in its
/// form; anything over a limit is refused before it is read.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest upload, in bytes (the request body limit of the route).
    pub file_bytes: usize,
    /// Sum of the archive's unpacked entries, in bytes.
    pub unpacked_bytes: u64,
    /// Largest unpacked entry that is not a worksheet or the shared strings (styles, …).
    pub part_bytes: u64,
    /// Entries in the archive.
    pub entries: usize,
    /// Sheets in the workbook.
    pub sheets: usize,
    /// Rows of the sheet read, counted from row 1.
    pub rows: u32,
    /// Columns the import reads (A, B, …); cells further right are counted, not kept.
    pub columns: u32,
    /// Cells the sheet may declare (its `dimension`) or hold.
    pub cells: u64,
}

pub const MIB: usize = 1024 * 1024;

impl Limits {
    /// Units lists: a province's whole register fits (`thidua import units`, `/don-vi/nhap`).
    pub const UNITS: Limits = Limits {
        file_bytes: 20 * MIB,
        unpacked_bytes: 150 * MIB as u64,
        part_bytes: 8 * MIB as u64,
        entries: 300,
        sheets: 50,
        rows: 200_001,
        columns: 16,
        cells: 4_000_000,
    };

    /// One unit's yearly figure sheet (`/so-lieu/{unit}/{year}/nhap`).
    pub const FIGURES: Limits = Limits {
        file_bytes: 2 * MIB,
        unpacked_bytes: 20 * MIB as u64,
        part_bytes: 4 * MIB as u64,
        entries: 300,
        sheets: 50,
        rows: 2_000,
        columns: 16,
        cells: 200_000,
    };

    /// The upload limit as the form states it: "20 MB".
    pub fn file_label(&self) -> String {
        format!("{} MB", self.file_bytes / MIB)
    }
}

/// A cell as the official sees it in Excel.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    /// Typed text, cleaned (NFC, invisible characters removed, spaces collapsed).
    Text(String),
    /// A number under its format: `0,965` formatted `0.0%` is 96,5 percent; `12` formatted
    /// `00000` shows `00012`.
    Number(Shown),
    /// A date cell, in the workbook's own date system (1900 or 1904).
    Date(NaiveDate),
    Bool(bool),
    /// `#N/A`, `#DIV/0!`, …
    Error(String),
    /// A formula saved without its result (written by a program, never opened in Excel).
    Unevaluated,
}

impl Cell {
    /// The cell as text, as Excel shows it: codes keep their leading zeros, decimals use a
    /// comma, percentages keep their sign (`96,5%`), dates are `dd/mm/yyyy`. Error cells and formulas without a result are refused.
    pub fn text(&self) -> Result<String, String> {
        match self {
            Cell::Empty => Ok(String::new()),
            Cell::Text(t) => Ok(t.clone()),
            // A percent cell reads with its sign, as shown: a code column never takes 0,5 for 50.
            Cell::Number(n) if n.percent => Ok(format!("{}%", n.text)),
            Cell::Number(n) => Ok(n.text.clone()),
            Cell::Date(d) => Ok(crate::text::date_vn(*d)),
            Cell::Bool(true) => Ok("TRUE".into()),
            Cell::Bool(false) => Ok("FALSE".into()),
            Cell::Error(e) => Err(format!("Ô báo lỗi {e}; hãy sửa công thức hoặc nhập giá trị.")),
            Cell::Unevaluated => Err(
                "Ô có công thức nhưng tệp không lưu kết quả; hãy mở tệp bằng Excel, để Excel tính rồi lưu lại."
                    .into(),
            ),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.is_empty(),
            _ => false,
        }
    }
}

/// Which sheet an import reads.
#[derive(Clone, Debug)]
pub enum Which {
    /// The first sheet (lists exported by thidua have one).
    First,
    /// The sheet with this name (templates name theirs).
    Named(String),
}

/// The sheet read: its name and its cells, rows and columns counted from 0.
#[derive(Debug)]
pub struct Sheet {
    pub name: String,
    rows: Vec<Vec<Cell>>,
    merged: Vec<((u32, u32), (u32, u32))>,
}

static EMPTY: Cell = Cell::Empty;

impl Sheet {
    /// Rows up to the last one holding a cell.
    pub fn height(&self) -> usize {
        self.rows.len()
    }

    /// The cell at 0-based `row`, `col`; empty outside the sheet.
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    /// The cell's text (see `Cell::text`), or a problem naming where it is.
    pub fn text(&self, row: usize, col: usize) -> Result<String, Problem> {
        self.get(row, col)
            .text()
            .map_err(|m| self.problem(row, col, m))
    }

    /// Whether every kept cell of the row is empty.
    pub fn row_is_empty(&self, row: usize) -> bool {
        self.rows
            .get(row)
            .is_none_or(|r| r.iter().all(Cell::is_empty))
    }

    /// A problem at 0-based `row`, `col`, shown as Excel numbers them.
    pub fn problem(&self, row: usize, col: usize, message: impl Into<String>) -> Problem {
        Problem::cell(&self.name, row, col, message)
    }

    /// Merged cells reaching rows from `first_row` on: their value sits in one cell only, so
    /// the rows beside it would read as blank. Refused, naming each area.
    pub fn merged_from(&self, first_row: usize) -> Vec<Problem> {
        self.merged
            .iter()
            .filter(|(_, end)| end.0 as usize >= first_row)
            .map(|(start, end)| {
                let area = format!(
                    "{}{}:{}{}",
                    super::xlsx::column_name(start.1 as usize),
                    start.0 + 1,
                    super::xlsx::column_name(end.1 as usize),
                    end.0 + 1
                );
                self.problem(
                    start.0 as usize,
                    start.1 as usize,
                    format!(
                        "Ô gộp {area}: hãy bỏ gộp ô (Merge & Center) để mỗi dòng có đủ giá trị."
                    ),
                )
            })
            .collect()
    }
}

/// Reads one sheet of an uploaded workbook within `limits`. Any problem with the file as a
/// whole (not a workbook, too large, hidden sheet, damaged) comes back as one `Problem`;
/// problems with cells are left to the import, which knows what each column means.
pub fn read(bytes: &[u8], which: &Which, limits: &Limits) -> Result<Sheet, Problem> {
    // The reader is our last line against hostile files; a panic inside a dependency must
    // become a message, not a dropped request.
    std::panic::catch_unwind(|| read_bounded(bytes, which, limits)).unwrap_or_else(|_| {
        Err(Problem::file(
            "Tệp bị hỏng, không đọc được. Hãy mở bằng Excel, lưu lại rồi tải lên.",
        ))
    })
}

fn read_bounded(bytes: &[u8], which: &Which, limits: &Limits) -> Result<Sheet, Problem> {
    if bytes.len() > limits.file_bytes {
        return Err(Problem::file(format!(
            "Tệp quá lớn: tối đa {}.",
            limits.file_label()
        )));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Problem::file(
            "Đây là tệp Excel cũ (.xls) hoặc tệp có mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu nếu có, rồi «Lưu thành» .xlsx.",
        ));
    }
    super::archive::check(bytes, limits)?;
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(damaged)?;
    let sheets = wb.sheets_metadata().to_vec();
    if sheets.len() > limits.sheets {
        return Err(Problem::file(format!(
            "Tệp có {} trang; tối đa {} trang.",
            sheets.len(),
            limits.sheets
        )));
    }
    let meta = match which {
        Which::First => sheets.first(),
        Which::Named(n) => sheets.iter().find(|s| &s.name == n),
    }
    .ok_or_else(|| match which {
        Which::First => Problem::file("Bảng tính không có trang nào."),
        Which::Named(n) => Problem::file(format!(
            "Không có trang «{n}»; hãy dùng tệp mẫu tải từ hệ thống."
        )),
    })?;
    let name = meta.name.clone();
    if meta.visible != SheetVisible::Visible {
        return Err(Problem::file(format!(
            "Trang «{name}» đang bị ẩn. Hãy hiện trang (Unhide) để kiểm tra nội dung rồi tải lại."
        )));
    }
    let mut sheet = read_values(&mut wb, &name, limits)?;
    mark_unevaluated(&mut wb, &mut sheet, limits)?;
    sheet.merged = wb
        .merge_cells_by_sheet_name(&name)
        .map_err(damaged)?
        .into_iter()
        .filter(|d| d.start.1 < limits.columns)
        .map(|d| (d.start, d.end))
        .collect();
    Ok(sheet)
}

fn damaged(e: XlsxError) -> Problem {
    match e {
        XlsxError::Password => Problem::file("Tệp có mật khẩu. Hãy bỏ mật khẩu rồi tải lại."),
        _ => Problem::file(
            "Tệp bị hỏng hoặc không phải bảng tính .xlsx; hãy mở bằng Excel, lưu lại rồi tải lên.",
        ),
    }
}

fn too_many_cells(name: &str, limits: &Limits) -> Problem {
    Problem::file(format!(
        "Trang «{name}» quá lớn: tối đa {} dòng và {} ô.",
        crate::text::group_thousands(i64::from(limits.rows)),
        crate::text::group_thousands(limits.cells as i64)
    ))
}

fn read_values(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
) -> Result<Sheet, Problem> {
    let mut reader = wb.worksheet_cells_reader(name).map_err(damaged)?;
    let dim = reader.dimensions();
    let declared_rows = u64::from(dim.end.0.saturating_sub(dim.start.0)) + 1;
    let declared_cols = u64::from(dim.end.1.saturating_sub(dim.start.1)) + 1;
    if dim.end.0 >= limits.rows || declared_rows.saturating_mul(declared_cols) > limits.cells {
        return Err(too_many_cells(name, limits));
    }
    let formats: Vec<String> = reader
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .map(|f| f.format_code.clone())
                .unwrap_or_default()
        })
        .collect();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut count: u64 = 0;
    while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(damaged)? {
        count += 1;
        let (r, c) = cell.get_position();
        if r >= limits.rows || count > limits.cells {
            return Err(too_many_cells(name, limits));
        }
        if c >= limits.columns {
            continue;
        }
        let value = convert(
            cell.get_value(),
            formats.get(style).map_or("", String::as_str),
        );
        if value == Cell::Empty {
            continue;
        }
        let (r, c) = (r as usize, c as usize);
        if rows.len() <= r {
            rows.resize_with(r + 1, Vec::new);
        }
        if rows[r].len() <= c {
            rows[r].resize(c + 1, Cell::Empty);
        }
        rows[r][c] = value;
    }
    Ok(Sheet {
        name: name.to_string(),
        rows,
        merged: Vec::new(),
    })
}

/// A second pass finds formulas saved without a result: their cell reads as blank in the
/// first pass and must not be taken for a figure left empty.
fn mark_unevaluated(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &mut Sheet,
    limits: &Limits,
) -> Result<(), Problem> {
    let mut reader = wb.worksheet_cells_reader(&sheet.name).map_err(damaged)?;
    while let Some(rec) = reader.next_cell_with_formula_metadata().map_err(damaged)? {
        let (r, c) = rec.pos;
        if rec.formula.is_none() || rec.value != DataRef::Empty || c >= limits.columns {
            continue;
        }
        // The first pass has checked every position against the limits already.
        let (r, c) = (r as usize, c as usize);
        if sheet.rows.len() <= r {
            sheet.rows.resize_with(r + 1, Vec::new);
        }
        if sheet.rows[r].len() <= c {
            sheet.rows[r].resize(c + 1, Cell::Empty);
        }
        sheet.rows[r][c] = Cell::Unevaluated;
    }
    Ok(())
}

fn convert(d: &DataRef<'_>, format: &str) -> Cell {
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Float(f) => Cell::Number(numfmt::show(*f, format)),
        DataRef::Int(i) => Cell::Number(numfmt::show(*i as f64, format)),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell::Date(t.date()),
            _ => Cell::Number(numfmt::show(dt.as_f64(), "")),
        },
        DataRef::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| text_cell(s), Cell::Date),
        DataRef::DurationIso(s) => text_cell(s),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

fn text_cell(s: &str) -> Cell {
    let t = crate::text::clean(s);
    if t.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(t)
    }
}

#[cfg(test)]
#[path = "workbook_tests.rs"]
mod tests;
