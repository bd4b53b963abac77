//! Report-ready XLSX (issue 8, item 10): what an official pastes into a report or sends up.
//! Each sheet opens with a title block — title, unit, period, what the figures rest on, when
//! and by whom it was exported — then a table whose numbers are number cells with number
//! formats (a percentage is the fraction 0.949 shown as «94,9 %»), units in the headers or in a
//! column of their own, a note column, and a cell note wherever a figure is provisional.
//! Lists meant to be imported again (units, the figure template) stay plain `xlsx` tables.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Note, Workbook, Worksheet, XlsxError};

/// Who and what a report is, written above every sheet's table.
pub struct TitleBlock {
    /// "Tiến độ chỉ tiêu – Thị xã Hồng Lĩnh".
    pub title: String,
    /// Further lines, each "Label: value" ("Đơn vị: …", "Năm: 2025", "Chỉ tính bảng số liệu
    /// đã duyệt").
    pub lines: Vec<String>,
    /// "03/12/2026 14:03" (Vietnam time) and the exporting user's full name.
    pub exported_at: String,
    pub exported_by: String,
}

/// How a number cell is shown. Percentages are stored as the figure on the page (94,9) and
/// written as the fraction Excel expects (0.949) under a `%` format, so a sum or a chart in
/// Excel reads them right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// `#,##0` or `#,##0.0…` with the given decimals.
    Decimal(usize),
    /// `0%`, `0.0%`… with the given decimals of the percentage.
    Percent(usize),
    /// `0`: a year or a code-like number, never grouped (2025, not 2.025).
    Year,
}

/// One cell of a report table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64, Shown),
    Date(NaiveDate),
    /// A figure that does not yet cover every unit: shown in italics with a cell note.
    Provisional(f64, Shown, String),
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::from(s.to_string())
    }
}

/// A sheet of a report: its name (at most 31 characters, as Excel allows), column headers
/// with their widths in characters, and rows.
pub struct Sheet {
    pub name: String,
    pub columns: Vec<(String, f64)>,
    pub rows: Vec<Vec<Cell>>,
}

fn excel_format(shown: Shown) -> String {
    let places = |n: usize| {
        if n == 0 {
            String::new()
        } else {
            format!(".{}", "0".repeat(n))
        }
    };
    match shown {
        Shown::Decimal(n) => format!("#,##0{}", places(n)),
        Shown::Percent(n) => format!("0{}%", places(n)),
        Shown::Year => "0".into(),
    }
}

fn stored(v: f64, shown: Shown) -> f64 {
    match shown {
        Shown::Decimal(_) | Shown::Year => v,
        // 94,9 / 100 is 0.9490000000000001 in binary; the cell holds the decimal Excel shows.
        Shown::Percent(n) => crate::text::round_f64(v / 100.0, n as u32 + 2),
    }
}

/// The report as XLSX bytes: one worksheet per `Sheet`, each with the title block, a bold
/// header row that repeats on every printed page, filters, frozen headers, landscape A4 fitted
/// to the page width. Errors: only those of the writer (a sheet name Excel refuses).
pub fn write(title: &TitleBlock, sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    for sheet in sheets {
        let ws = wb.add_worksheet();
        write_sheet(ws, title, sheet)?;
    }
    wb.save_to_buffer()
}

fn write_sheet(ws: &mut Worksheet, title: &TitleBlock, sheet: &Sheet) -> Result<(), XlsxError> {
    ws.set_name(&sheet.name)?;
    let heading = Format::new().set_bold().set_font_size(14);
    ws.write_string_with_format(0, 0, &title.title, &heading)?;
    let mut row = 1u32;
    for line in &title.lines {
        ws.write_string(row, 0, line)?;
        row += 1;
    }
    ws.write_string(
        row,
        0,
        format!("Xuất lúc {} bởi {}", title.exported_at, title.exported_by),
    )?;
    let header_row = row + 2;
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color("#EEF2F6")
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    for (col, (h, width)) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(header_row, col as u16, h, &bold)?;
        ws.set_column_width(col as u16, *width)?;
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let wrap = Format::new().set_text_wrap();
    for (r, cells) in sheet.rows.iter().enumerate() {
        let r = header_row + 1 + r as u32;
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    ws.write_string_with_format(r, c, s, &wrap)?;
                }
                Cell::Number(v, shown) => {
                    let f = Format::new().set_num_format(excel_format(*shown));
                    ws.write_number_with_format(r, c, stored(*v, *shown), &f)?;
                }
                Cell::Provisional(v, shown, note) => {
                    let f = Format::new()
                        .set_num_format(excel_format(*shown))
                        .set_italic()
                        .set_background_color("#FFF4D6");
                    ws.write_number_with_format(r, c, stored(*v, *shown), &f)?;
                    ws.insert_note(r, c, &Note::new(note).set_author("thidua"))?;
                }
                Cell::Date(d) => {
                    let d =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_date_with_format(r, c, &d, &date)?;
                }
            }
        }
    }
    let last_row = header_row + sheet.rows.len() as u32;
    let last_col = sheet.columns.len().saturating_sub(1) as u16;
    ws.autofilter(header_row, 0, last_row, last_col)?;
    ws.set_freeze_panes(header_row + 1, 0)?;
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&L&A&RTrang &P/&N");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    #[test]
    fn numbers_are_number_cells_under_a_title_block() {
        let title = TitleBlock {
            title: "Tiến độ chỉ tiêu – Thị xã Hồng Lĩnh".into(),
            lines: vec!["Năm: 2025".into(), "Chỉ tính bảng số liệu đã duyệt".into()],
            exported_at: "03/12/2026 14:03".into(),
            exported_by: "Nguyễn Văn An".into(),
        };
        let sheet = Sheet {
            name: "Số liệu".into(),
            columns: vec![("Chỉ số".into(), 40.0), ("Năm 2025".into(), 14.0)],
            rows: vec![
                vec!["Tỷ lệ BHYT".into(), Cell::Number(94.9, Shown::Percent(1))],
                vec![
                    "Số hộ nghèo".into(),
                    Cell::Provisional(
                        38.0,
                        Shown::Decimal(0),
                        "Chưa đủ số liệu (5/6 đơn vị)".into(),
                    ),
                ],
            ],
        };
        let bytes = write(&title, &[sheet]).unwrap();
        let mut book = Xlsx::new(Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Số liệu").unwrap();
        assert_eq!(
            range.get_value((0, 0)),
            Some(&Data::String("Tiến độ chỉ tiêu – Thị xã Hồng Lĩnh".into()))
        );
        assert_eq!(
            range.get_value((3, 0)),
            Some(&Data::String(
                "Xuất lúc 03/12/2026 14:03 bởi Nguyễn Văn An".into()
            ))
        );
        assert_eq!(
            range.get_value((5, 1)),
            Some(&Data::String("Năm 2025".into()))
        );
        assert_eq!(range.get_value((6, 1)), Some(&Data::Float(0.949)));
        assert_eq!(range.get_value((7, 1)), Some(&Data::Float(38.0)));
    }

    #[test]
    fn formats_follow_the_decimals() {
        assert_eq!(excel_format(Shown::Decimal(0)), "#,##0");
        assert_eq!(excel_format(Shown::Decimal(2)), "#,##0.00");
        assert_eq!(excel_format(Shown::Percent(1)), "0.0%");
        assert_eq!(excel_format(Shown::Year), "0");
    }
}
