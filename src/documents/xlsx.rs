//! Plain XLSX tables: a bold header row, then text cells — what officials open in Excel.

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

/// One sheet named `sheet` with `headers` and `rows`, as XLSX bytes.
pub fn write_table(
    sheet: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    let bold = Format::new().set_bold();
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
    fn excel_serials_become_dates() {
        assert_eq!(excel_date(45839.0), "01/07/2025");
    }

    #[test]
    fn garbage_is_refused_with_a_message() {
        assert!(read_rows(b"not a workbook").unwrap_err().contains(".xlsx"));
    }
}
