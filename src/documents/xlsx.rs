//! Plain XLSX tables: a bold header row, then text cells — what officials open in Excel.
//! Reading goes through `documents::workbook`, the one reader every import uses.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_table_reads_back_the_same() {
        use crate::documents::workbook::{Limits, Which, read};
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
        let sheet = read(&bytes, &Which::First, &Limits::UNITS).unwrap();
        let text = |r, c| sheet.text(r, c).unwrap();
        assert_eq!(
            [text(0, 0), text(0, 1), text(0, 2)],
            ["Mã", "Tên", "Hiệu lực đến"]
        );
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                assert_eq!(&text(r + 1, c), v);
            }
        }
    }

    #[test]
    fn columns_are_named_like_excel() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(4), "E");
        assert_eq!(column_name(26), "AA");
    }
}
