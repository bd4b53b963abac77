//! Contributions to and from XLSX. The export's first ten columns are exactly what the import
//! reads, so an export re-imports to the same records; the last two (value and basis) are for
//! the reader and ignored on import. No phone number or citizen ID is ever written.

use chrono::NaiveDate;

use super::Kind;
use super::input::{self, Checked, FIELDS, Input};
use super::store::Contribution;
use crate::documents::problems::Problem;
use crate::documents::workbook::{Limits, MIB, Sheet};
use crate::documents::xlsx;
use crate::text;

pub const HEADERS: [&str; 12] = [
    "Ngày",
    "Mã đơn vị nhận",
    "Mã người đóng góp",
    "Tên người đóng góp",
    "Hình thức",
    "Số lượng",
    "Giá trị nêu (đồng)",
    "Nguồn giá trị nêu",
    "Số công trình",
    "Ghi chú",
    "Giá trị quy đổi (đồng)",
    "Căn cứ quy đổi",
];

/// The import's bounds: 100,000 rows of a ward's or the town's records with room to spare.
pub const LIMITS: Limits = Limits {
    file_bytes: 40 * MIB,
    unpacked_bytes: 300 * MIB as u64,
    part_bytes: 8 * MIB as u64,
    entries: 300,
    sheets: 50,
    rows: 200_001,
    columns: 16,
    cells: 3_000_000,
};

/// A quantity in hundredths written the Vietnamese way: 12050 → "120,5", 8000000000 → "80.000.000".
pub fn quantity_text(q: i64) -> String {
    let whole = text::group_thousands(q / 100);
    match q % 100 {
        0 => whole,
        f if f % 10 == 0 => format!("{whole},{}", f / 10),
        f => format!("{whole},{f:02}"),
    }
}

/// How a contribution's value was reached, in words.
pub fn basis_text(c: &Contribution, price: Option<i64>) -> String {
    match c.basis.as_str() {
        "cash" => "Tiền mặt".into(),
        "stated" => format!("Giá trị nêu: {}", c.stated_source),
        _ => match (Kind::from_code(&c.kind), price) {
            (Some(k), Some(p)) => format!(
                "Đơn giá {}/{} năm {}",
                text::money_vnd(p),
                k.unit_label(),
                c.year
            ),
            _ => format!("Đơn giá năm {}", c.year),
        },
    }
}

pub fn export_rows(rows: &[Contribution]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|c| {
            vec![
                text::date_vn(c.given_on),
                c.unit_code.clone(),
                c.contributor_code.clone(),
                c.contributor_name.clone(),
                Kind::from_code(&c.kind).map_or(c.kind.clone(), |k| k.label().to_string()),
                quantity_text(c.quantity),
                c.stated_value
                    .map(text::group_thousands)
                    .unwrap_or_default(),
                c.stated_source.clone(),
                c.work_id.map(|w| w.to_string()).unwrap_or_default(),
                c.note.clone(),
                text::group_thousands(c.value),
                basis_text(c, None),
            ]
        })
        .collect()
}

pub fn export_xlsx(rows: &[Contribution]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    xlsx::write_table("Đóng góp", &HEADERS, &export_rows(rows))
}

/// The rows of a file that passed the checks, each with its 0-based sheet row.
pub struct Parsed {
    pub sheet: String,
    pub rows: Vec<(usize, Checked)>,
    pub errors: Vec<Problem>,
}

/// Reads and checks every row on its own, before any transaction opens; matching the register
/// is `record::write_all`. The contributor's name column is read only for outside donors.
pub fn parse(sheet: &Sheet, today: NaiveDate) -> Result<Parsed, Vec<Problem>> {
    if sheet.height() == 0 {
        return Err(vec![Problem::file("Tệp không có dòng nào.")]);
    }
    let header: Vec<String> = (0..3)
        .map(|c| {
            sheet
                .get(0, c)
                .text()
                .map(|t| text::fold(&t))
                .unwrap_or_default()
        })
        .collect();
    if header != ["ngay", "ma don vi nhan", "ma nguoi dong gop"] {
        return Err(vec![Problem::row(
            &sheet.name,
            0,
            format!(
                "Dòng tiêu đề phải bắt đầu bằng các cột: {}.",
                HEADERS[..10].join(", ")
            ),
        )]);
    }
    let mut errors = sheet.merged_from(1);
    let mut rows = Vec::new();
    for r in 1..sheet.height() {
        if sheet.row_is_empty(r) {
            continue;
        }
        let mut cells = Vec::with_capacity(FIELDS.len());
        for c in 0..FIELDS.len() {
            match sheet.text(r, c) {
                Ok(t) => cells.push(t),
                Err(p) => errors.push(p),
            }
        }
        if cells.len() < FIELDS.len() {
            continue;
        }
        let mut cells = cells.into_iter();
        let mut next = || cells.next().unwrap_or_default();
        let given_on = next();
        let unit_code = next();
        let contributor = next();
        let name = next();
        let i = Input {
            given_on,
            unit_code,
            outside_name: if contributor.trim().is_empty() {
                name
            } else {
                String::new()
            },
            contributor,
            kind: next(),
            quantity: next(),
            stated_value: next(),
            stated_source: next(),
            work: next(),
            note: next(),
        };
        match input::check(&i, today) {
            Ok(c) => rows.push((r, c)),
            Err(es) => errors.extend(es.into_iter().map(|(field, m)| {
                let col = FIELDS.iter().position(|f| *f == field).unwrap_or(0);
                sheet.problem(r, col, m)
            })),
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(Problem::file(
            "Tệp không có dòng đóng góp nào dưới dòng tiêu đề.",
        ));
    }
    Ok(Parsed {
        sheet: sheet.name.clone(),
        rows,
        errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_read_back_as_written() {
        for (q, shown) in [
            (12_050, "120,5"),
            (12_345, "123,45"),
            (8_000_000_000, "80.000.000"),
            (5, "0,05"),
        ] {
            assert_eq!(quantity_text(q), shown);
            assert_eq!(
                text::parse_exact_vn(shown).unwrap().as_scaled(2),
                Some(q),
                "{shown}"
            );
        }
    }
}
