//! Plain XLSX tables: a bold header row, then text cells — what officials open in Excel.

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

/// One sheet named `sheet` with `headers` and `rows`, as XLSX bytes.
pub fn write_table(
    sheet: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    write_tables(&[(sheet, headers, rows)])
}

/// A table (name, headers, rows) for `write_tables`.
pub type Table<'a> = (&'a str, &'a [&'a str], &'a [Vec<String>]);

/// Several sheets in one workbook, each a bold header row then text cells.
pub fn write_tables(tables: &[Table]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    for (sheet, headers, rows) in tables {
        let ws = wb.add_worksheet();
        ws.set_name(*sheet)?;
        for (col, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, *h, &bold)?;
            ws.set_column_width(col as u16, if col == 1 { 40 } else { 18 })?;
        }
        for (r, row) in rows.iter().enumerate() {
            for (col, value) in row.iter().enumerate() {
                ws.write_string(r as u32 + 1, col as u16, value)?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }
    wb.save_to_buffer()
}

/// The first sheet's rows as text, header included. Numbers written by Excel come back without
/// a trailing `.0`; dates typed as dates come back as `dd/mm/yyyy`.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|_| "Tệp không phải bảng tính Excel (.xlsx) hợp lệ.".to_string())?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(|| "Bảng tính không có trang nào.".to_string())?
        .map_err(|_| "Không đọc được trang đầu của bảng tính.".to_string())?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect())
}

/// A cell as read for figures: numbers stay numbers, so `1.234` typed as a number is never
/// mistaken for "one thousand two hundred thirty-four".
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
}

/// The rows of the sheet named `sheet`, cells kept typed; `Ok(None)` when there is no such sheet.
pub fn read_sheet(bytes: &[u8], sheet: &str) -> Result<Option<Vec<Vec<Cell>>>, String> {
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|_| "Tệp không phải bảng tính Excel (.xlsx) hợp lệ.".to_string())?;
    if !wb.sheet_names().iter().any(|n| n == sheet) {
        return Ok(None);
    }
    let range = wb
        .worksheet_range(sheet)
        .map_err(|_| format!("Không đọc được trang «{sheet}»."))?;
    // Rows are counted from A1 even when the sheet's first rows are empty.
    let top = range.start().map_or(0, |(r, _)| r as usize);
    let left = range.start().map_or(0, |(_, c)| c as usize);
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; left];
        cells.extend(row.iter().map(|d| match d {
            Data::Empty => Cell::Empty,
            Data::Float(f) => Cell::Number(*f),
            Data::Int(i) => Cell::Number(*i as f64),
            other => {
                let t = cell_text(other);
                if t.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(t)
                }
            }
        }));
        rows.push(cells);
    }
    Ok(Some(rows))
}

/// `A`, `B`, … `Z`, `AA` for a 0-based column, as Excel labels it.
pub fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push((b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e:?}"),
    }
}

/// An Excel date serial (days since 30/12/1899) as `dd/mm/yyyy`.
fn excel_date(serial: f64) -> String {
    chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|base| base.checked_add_days(chrono::Days::new(serial.max(0.0).floor() as u64)))
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_table_reads_back_the_same() {
        let rows = vec![
            vec![
                "HL-DT".to_string(),
                "Phường Đức Thuận".to_string(),
                "".to_string(),
            ],
            vec![
                "00123".to_string(),
                "Tổ dân phố 1".to_string(),
                "30/06/2025".to_string(),
            ],
        ];
        let bytes = write_table("Đơn vị", &["Mã", "Tên", "Hiệu lực đến"], &rows).unwrap();
        let back = read_rows(&bytes).unwrap();
        assert_eq!(back[0], vec!["Mã", "Tên", "Hiệu lực đến"]);
        assert_eq!(&back[1..], &rows[..]);
    }

    #[test]
    fn columns_are_named_like_excel() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(4), "E");
        assert_eq!(column_name(26), "AA");
    }

    #[test]
    fn excel_serials_become_dates() {
        assert_eq!(excel_date(45839.0), "01/07/2025");
    }

    #[test]
    fn garbage_is_refused_with_a_message() {
        assert!(read_rows(b"not a workbook").unwrap_err().contains(".xlsx"));
    }
}
