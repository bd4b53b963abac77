//! Units to and from XLSX: the export, and the reading of an import file. An import is
//! checked whole before anything is written: every bad row is reported by row and column, and
//! a file with any bad row writes nothing. Writing a checked file is `import_write.rs`.

use std::collections::{HashMap, HashSet};

use super::{Unit, UnitInput, ValidUnit, validate};
use crate::documents::problems::Problem;
use crate::documents::workbook::Sheet;
use crate::documents::xlsx;
use crate::text;

pub const HEADERS: [&str; 7] = [
    "Mã",
    "Tên",
    "Loại",
    "Mã đơn vị cấp trên",
    "Hiệu lực từ",
    "Hiệu lực đến",
    "Ghi chú",
];

/// The rows of an export: one per unit, parents before children.
pub fn export_rows(units: &[Unit]) -> Vec<Vec<String>> {
    let codes: HashMap<i64, &str> = units.iter().map(|u| (u.id, u.code.as_str())).collect();
    let mut sorted: Vec<&Unit> = units.iter().collect();
    sorted.sort_by_key(|u| (u.depth(), u.id));
    sorted
        .into_iter()
        .map(|u| {
            vec![
                u.code.clone(),
                u.name.clone(),
                u.kind_label().to_string(),
                u.parent_id
                    .and_then(|p| codes.get(&p))
                    .unwrap_or(&"")
                    .to_string(),
                u.valid_from.map(text::date_vn).unwrap_or_default(),
                u.valid_to.map(text::date_vn).unwrap_or_default(),
                u.note.clone(),
            ]
        })
        .collect()
}

pub fn export_xlsx(units: &[Unit]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    xlsx::write_table("Đơn vị", &HEADERS, &export_rows(units))
}

/// The form field each column of `HEADERS` fills, in order.
const FIELDS: [&str; 7] = [
    "code",
    "name",
    "kind",
    "parent_code",
    "valid_from",
    "valid_to",
    "note",
];

/// The rows of a file that passed the checks (with their 0-based sheet rows), the problems of
/// the others, and every code the file mentions in its first column.
pub struct Parsed {
    pub sheet: String,
    pub rows: Vec<(usize, ValidUnit)>,
    pub errors: Vec<Problem>,
    pub codes: HashSet<String>,
}

/// Reads and checks every row on its own, before any transaction opens; the rows are then
/// judged against the register by `import_file`. Cells are read as Excel shows them, so a
/// code typed as 12 under the format `00000` is the code `00012`.
pub fn parse(sheet: &Sheet) -> Result<Parsed, Vec<Problem>> {
    if sheet.height() == 0 {
        return Err(vec![Problem::file("Tệp không có dòng nào.")]);
    }
    let header: Vec<String> = (0..2)
        .map(|c| {
            sheet
                .get(0, c)
                .text()
                .map(|t| text::fold(&t))
                .unwrap_or_default()
        })
        .collect();
    if header != ["ma", "ten"] {
        return Err(vec![Problem::row(
            &sheet.name,
            0,
            format!(
                "Dòng tiêu đề phải bắt đầu bằng các cột: {}.",
                HEADERS.join(", ")
            ),
        )]);
    }
    let mut errors = sheet.merged_from(1);
    let mut out = Vec::new();
    let mut codes = HashSet::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in 1..sheet.height() {
        if sheet.row_is_empty(r) {
            continue;
        }
        let mut cells = Vec::with_capacity(HEADERS.len());
        for c in 0..HEADERS.len() {
            match sheet.text(r, c) {
                Ok(t) => cells.push(t),
                Err(p) => errors.push(p),
            }
        }
        if cells.len() < HEADERS.len() {
            continue;
        }
        codes.insert(cells[0].clone());
        let input = UnitInput {
            code: cells[0].clone(),
            name: cells[1].clone(),
            kind: cells[2].clone(),
            parent_code: cells[3].clone(),
            valid_from: cells[4].clone(),
            valid_to: cells[5].clone(),
            note: cells[6].clone(),
        };
        match validate(&input) {
            Ok(v) => {
                if let Some(first) = seen.insert(v.code.clone(), r + 1) {
                    errors.push(Problem::row(
                        &sheet.name,
                        r,
                        format!("Mã {} đã có ở dòng {first}.", v.code),
                    ));
                } else {
                    out.push((r, v));
                }
            }
            // Each problem in the cell it belongs to, so the official finds it at once.
            Err(es) => errors.extend(es.into_iter().map(|(field, m)| {
                match FIELDS.iter().position(|f| *f == field) {
                    Some(col) => sheet.problem(r, col, m),
                    None => Problem::row(&sheet.name, r, m),
                }
            })),
        }
    }
    Ok(Parsed {
        sheet: sheet.name.clone(),
        rows: out,
        errors,
        codes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::workbook::{self, Limits, Which};

    fn sheet(rows: &[[&str; 4]]) -> Sheet {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect();
        let bytes = xlsx::write_table("Đơn vị", &HEADERS, &rows).unwrap();
        workbook::read(&bytes, &Which::First, &Limits::UNITS).unwrap()
    }

    #[test]
    fn every_bad_row_is_reported_by_its_excel_row_number() {
        let s = sheet(&[
            ["A", "Đơn vị A", "Phường", ""],
            ["", "Không mã", "Phường", ""],
            ["B", "Đơn vị B", "Quận", ""],
            ["A", "Trùng mã", "Phường", ""],
        ]);
        let errs = parse(&s).unwrap().errors;
        let rows: Vec<usize> = errs.iter().map(|e| e.row).collect();
        assert_eq!(rows, vec![3, 4, 5]);
        assert!(errs[2].message.contains("dòng 2"));
    }

    #[test]
    fn a_wrong_header_is_refused() {
        let rows = vec![vec!["x".to_string()]];
        let bytes = xlsx::write_table("x", &["Họ tên", "Năm sinh"], &rows).unwrap();
        let s = workbook::read(&bytes, &Which::First, &Limits::UNITS).unwrap();
        assert_eq!(parse(&s).err().unwrap()[0].row, 1);
    }
}
