//! A unit's sheet as an Excel workbook, pure: the template written for a unit and year (blank
//! or as filled so far), and a filled one read back and checked. The pages are in
//! `workbook_web.rs`. An upload is checked whole: every bad cell is named by sheet, row and
//! column, and a workbook with any bad cell writes nothing.

use std::collections::HashMap;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::sheet::{SheetData, typed};
use super::{check_sheet, parse_value};
use crate::documents::problems::Problem;
use crate::documents::workbook::{Cell, Sheet};
use crate::indicators::{Indicator, Measure};

pub const SHEET: &str = "Số liệu";
/// The row (0-based) of the column headers; figures start on the next row.
const HEADER_ROW: usize = 3;
/// The column headings of the template, on row `HEADER_ROW`.
pub const HEADERS: [&str; 6] = [
    "Mã chỉ số",
    "Chỉ số",
    "Đơn vị tính",
    "Năm trước",
    "Giá trị",
    "Ghi chú",
];
const VALUE_COL: usize = 4;
const COMMENT_COL: usize = 5;

pub fn workbook(data: &SheetData) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let bold = Format::new().set_bold();
    ws.write_string_with_format(0, 0, "Mã đơn vị", &bold)?;
    ws.write_string(0, 1, &data.unit.code)?;
    ws.write_string(0, 2, &data.unit.name)?;
    ws.write_string_with_format(1, 0, "Năm", &bold)?;
    ws.write_number(1, 1, data.year as f64)?;
    ws.write_string(
        2,
        0,
        "Chỉ điền cột «Giá trị» và «Ghi chú»; không đổi mã chỉ số. Số thập phân dùng dấu phẩy hoặc nhập dạng số.",
    )?;
    for (col, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW as u32, col as u16, *h, &bold)?;
    }
    ws.set_column_width(1, 55)?;
    ws.set_column_width(2, 16)?;
    ws.set_column_width(3, 14)?;
    ws.set_column_width(4, 14)?;
    ws.set_column_width(5, 40)?;
    for (n, i) in data.entered.iter().enumerate() {
        let r = (HEADER_ROW + 1 + n) as u32;
        ws.write_string(r, 0, &i.code)?;
        ws.write_string(r, 1, &i.name)?;
        ws.write_string(
            r,
            2,
            if i.unit_label.is_empty() {
                i.measure().label()
            } else {
                &i.unit_label
            },
        )?;
        if let Some(v) = data.last_year.get(&i.code) {
            ws.write_string(r, 3, typed(i, *v))?;
        }
        let stored = data.values.get(&i.id);
        match stored.and_then(|f| f.value) {
            Some(v) if i.measure() == crate::indicators::Measure::YesNo => {
                ws.write_string(r, VALUE_COL as u16, typed(i, v))?;
            }
            Some(v) => {
                ws.write_number(r, VALUE_COL as u16, v)?;
            }
            None => {}
        }
        if let Some(f) = stored.filter(|f| !f.comment.is_empty()) {
            ws.write_string(r, COMMENT_COL as u16, &f.comment)?;
        }
    }
    ws.set_freeze_panes(HEADER_ROW as u32 + 1, 0)?;
    wb.save_to_buffer()
}

/// A figure read from the workbook: indicator id, value, comment.
pub type Read = (i64, Option<f64>, String);

/// The value cell as the text an official would type for it: a percent-formatted cell showing
/// «96,5 %» is 96,5 — for a percentage; a yes/no cell may hold TRUE/FALSE.
fn value_text(sheet: &Sheet, r: usize, ind: &Indicator) -> Result<String, String> {
    match sheet.get(r, VALUE_COL) {
        Cell::Number(n) if n.percent && ind.measure() != Measure::Percent => Err(format!(
            "Ô định dạng phần trăm ({} %) nhưng chỉ số này tính bằng «{}»; hãy bỏ định dạng phần trăm.",
            n.text,
            ind.measure().label()
        )),
        Cell::Bool(b) if ind.measure() == Measure::YesNo => {
            Ok(if *b { "Đạt" } else { "Chưa đạt" }.to_string())
        }
        Cell::Bool(_) => Err("Ô TRUE/FALSE không phải là số.".into()),
        Cell::Date(d) => Err(format!(
            "Ô ngày tháng ({}) không phải là số; hãy đổi định dạng ô thành Số.",
            crate::text::date_vn(*d)
        )),
        other => other.text(),
    }
}

/// Reads and checks a filled workbook against the sheet it must belong to. Every cell is
/// read as Excel shows it; every problem is named by sheet, row and column.
pub fn parse(sheet: &Sheet, data: &SheetData) -> Result<Vec<Read>, Vec<Problem>> {
    let mut errors = sheet.merged_from(HEADER_ROW + 1);
    let text = |r: usize, c: usize, errors: &mut Vec<Problem>| match sheet.text(r, c) {
        Ok(t) => t,
        Err(p) => {
            errors.push(p);
            String::new()
        }
    };
    if text(0, 1, &mut errors) != data.unit.code {
        errors.push(sheet.problem(
            0,
            1,
            format!(
                "Mã đơn vị phải là {} (tệp của đơn vị khác?).",
                data.unit.code
            ),
        ));
    }
    if text(1, 1, &mut errors) != data.year.to_string() {
        errors.push(sheet.problem(1, 1, format!("Năm phải là {}.", data.year)));
    }
    let by_code: HashMap<&str, &Indicator> =
        data.entered.iter().map(|i| (i.code.as_str(), i)).collect();
    let mut read: Vec<Read> = Vec::new();
    let mut row_of: HashMap<String, usize> = HashMap::new();
    let (mut values, mut comments) = (HashMap::new(), HashMap::new());
    for r in HEADER_ROW + 1..sheet.height() {
        let code = text(r, 0, &mut errors);
        let comment = text(r, COMMENT_COL, &mut errors);
        if code.is_empty() {
            if !sheet.get(r, VALUE_COL).is_empty() {
                errors.push(sheet.problem(r, 0, "Có giá trị nhưng thiếu mã chỉ số."));
            }
            continue;
        }
        if data.from_records.contains(&code) {
            // An older template's row for a figure now counted from recognitions.
            continue;
        }
        let Some(ind) = by_code.get(code.as_str()) else {
            errors.push(sheet.problem(
                r,
                0,
                format!("Mã chỉ số «{code}» không thuộc bảng số liệu của đơn vị này."),
            ));
            continue;
        };
        if row_of.insert(code.clone(), r).is_some() {
            errors.push(sheet.problem(r, 0, format!("Mã chỉ số «{code}» xuất hiện hai lần.")));
            continue;
        }
        // An empty cell keeps what is stored: an upload never blanks a figure silently.
        let stored = data.values.get(&ind.id);
        let comment = match stored {
            Some(f) if comment.is_empty() => f.comment.clone(),
            _ => comment,
        };
        match value_text(sheet, r, ind).and_then(|raw| parse_value(ind, &raw)) {
            Ok(v) => {
                let v = v.or_else(|| stored.and_then(|f| f.value));
                if let Some(v) = v {
                    values.insert(code.clone(), v);
                }
                comments.insert(code.clone(), comment.clone());
                read.push((ind.id, v, comment));
            }
            Err(m) => errors.push(sheet.problem(r, VALUE_COL, m)),
        }
    }
    for (code, msg) in check_sheet(&data.entered, &values, &comments, &data.last_year, false) {
        if let Some(&r) = row_of.get(&code) {
            errors.push(sheet.problem(r, VALUE_COL, msg));
        }
    }
    if errors.is_empty() {
        Ok(read)
    } else {
        Err(errors)
    }
}
