//! How contributions, works and sponsorships read on the pages: amounts in đồng, quantities
//! with their unit, the social-mobilisation figure laid out by year and kind.

use super::Kind;
use crate::text;
use crate::web::error::AppError;

/// A whole, non-negative amount of đồng typed the Vietnamese way ("1.500.000"); the error names
/// the field: "Đơn giá: số đồng nguyên, không âm."
pub fn dong(raw: &str, what: &str) -> Result<i64, AppError> {
    text::parse_exact_vn(raw)
        .map_err(|m| AppError::BadRequest(format!("{what}: {m}")))?
        .as_scaled(0)
        .filter(|v| *v >= 0)
        .ok_or_else(|| AppError::BadRequest(format!("{what}: số đồng nguyên, không âm.")))
}

/// [`dong`] for a field that may be left empty.
pub fn optional_dong(raw: &str, what: &str) -> Result<Option<i64>, AppError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        dong(raw, what).map(Some)
    }
}

/// One year of the social-mobilisation figure: value per kind (in `Kind::ALL` order), total.
pub struct YearRow {
    pub year: i64,
    pub by_kind: Vec<i64>,
    pub total: i64,
}

pub fn year_rows(rows: &[(i64, String, i64, i64, i64)]) -> Vec<YearRow> {
    let mut out: Vec<YearRow> = Vec::new();
    for (year, kind, _, _, value) in rows {
        if out.last().is_none_or(|r| r.year != *year) {
            out.push(YearRow {
                year: *year,
                by_kind: vec![0; Kind::ALL.len()],
                total: 0,
            });
        }
        if let (Some(r), Some(i)) = (
            out.last_mut(),
            Kind::ALL.iter().position(|k| k.code() == kind),
        ) {
            r.by_kind[i] += value;
            r.total += value;
        }
    }
    out
}

/// `1.234.567 đ` for templates.
pub fn money(v: impl Whole) -> String {
    text::money_vnd(v.whole())
}

/// A whole number however many references deep a template hands it over.
pub trait Whole {
    fn whole(&self) -> i64;
}

impl Whole for i64 {
    fn whole(&self) -> i64 {
        *self
    }
}

impl<T: Whole + ?Sized> Whole for &T {
    fn whole(&self) -> i64 {
        (**self).whole()
    }
}

/// The kind's label and its quantity with its unit: "Hiến đất 120,5 m²".
pub fn quantity(kind: &str, q: impl Whole) -> String {
    let q = &q.whole();
    match Kind::from_code(kind) {
        Some(Kind::Cash) => text::money_vnd(q / 100),
        Some(k) => format!("{} {}", super::transfer::quantity_text(*q), k.unit_label()),
        None => super::transfer::quantity_text(*q),
    }
}

pub fn kind_label(kind: &str) -> &'static str {
    Kind::from_code(kind).map_or("", Kind::label)
}
