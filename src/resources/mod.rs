//! Contributions of money, land, assets and labour (plan IV.7, V.1.d–g), pure: what a
//! contribution is worth in whole đồng under its valuation basis, whose yearly total it counts
//! in, and the plan's mark "80 million đồng or more" — a threshold and comparator that are data
//! per movement (other provinces used "from 40 million" or "more than 20 million"), never a
//! constant here. `input` checks what was typed, `record` matches and values it inside the
//! writing transaction, `transfer` is the XLSX import and export, the `*_web` files the pages.
//!
//! Quantities are held in hundredths of their own unit (120,5 m² is 12 050); money is whole đồng
//! (`i64`), never floating point.

pub mod cancel_web;
pub mod demo;
pub mod evidence_web;
pub mod feed;
pub mod input;
pub mod lookup_store;
pub mod marks_web;
pub mod prices_web;
pub mod profile;
pub mod record;
pub mod shown;
pub mod sponsor_store;
pub mod sponsor_web;
pub mod store;
pub mod totals_store;
pub mod transfer;
pub mod transfer_web;
pub mod valuation_store;
pub mod web;
pub mod works;
pub mod works_store;
pub mod works_web;

#[cfg(test)]
mod tests;

/// The built-in movement's mark: Hồng Lĩnh's plan V.1.g rewards individuals "có đóng góp từ
/// 80 triệu đồng trở lên" in a year. Written once; an admin's later change is kept.
pub async fn seed(db: &crate::db::Db) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    valuation_store::seed_mark(
        &mut tx,
        "HL-NTM-DTVM-2022",
        80_000_000,
        "at_least",
        "Kế hoạch tháng 7/2022 của UBND thị xã Hồng Lĩnh, mục V.1.g",
    )
    .await?;
    tx.commit().await
}

use std::collections::BTreeMap;

/// What was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Cash,
    /// Land, in m².
    Land,
    /// Assets and materials, in items.
    Assets,
    /// Labour, in days.
    Labour,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Cash, Kind::Land, Kind::Assets, Kind::Labour];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Cash => "cash",
            Kind::Land => "land",
            Kind::Assets => "assets",
            Kind::Labour => "labour",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Cash => "Tiền mặt",
            Kind::Land => "Hiến đất",
            Kind::Assets => "Tài sản, vật tư",
            Kind::Labour => "Ngày công lao động",
        }
    }

    /// The unit its quantity is written in.
    pub fn unit_label(self) -> &'static str {
        match self {
            Kind::Cash => "đồng",
            Kind::Land => "m²",
            Kind::Assets => "hiện vật",
            Kind::Labour => "ngày công",
        }
    }
}

/// How a contribution that is not cash is valued: a price per unit (per m², per labour day)
/// set by decision for the unit and year, or a value stated with its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    PricePerUnit { price: i64, source: String },
    Stated { value: i64, source: String },
}

/// The value in đồng of `quantity` (hundredths of the kind's unit) under `basis`; cash is its
/// own value (`quantity` in hundredths of a đồng must then be whole đồng). The product is
/// rounded half up to the đồng. Errors: the Vietnamese sentence shown.
pub fn value(kind: Kind, quantity: i64, basis: Option<&Basis>) -> Result<i64, String> {
    if quantity <= 0 {
        return Err("Số lượng phải lớn hơn 0.".into());
    }
    if kind == Kind::Cash {
        if quantity % 100 != 0 {
            return Err("Số tiền tính bằng đồng, không có phần lẻ.".into());
        }
        return Ok(quantity / 100);
    }
    match basis {
        None => Err(format!(
            "{} cần căn cứ quy ra tiền: đơn giá theo quyết định của đơn vị trong năm, hoặc giá trị có nguồn ghi rõ.",
            kind.label()
        )),
        Some(Basis::Stated { value, .. }) if *value >= 0 => Ok(*value),
        Some(Basis::PricePerUnit { price, .. }) if *price >= 0 => {
            let v = (i128::from(quantity) * i128::from(*price) + 50) / 100;
            i64::try_from(v).map_err(|_| "Giá trị quy đổi quá lớn.".to_string())
        }
        Some(_) => Err("Đơn giá, giá trị không được âm.".into()),
    }
}

/// Who a contribution is credited to: exactly the contributor recorded — a gift of family land
/// recorded for the household counts for the household, never for its head as a person.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Contributor {
    Person(i64),
    Household(i64),
    /// An enterprise, cooperative or organisation in the register.
    Unit(i64),
    /// A named donor from outside the register.
    Outside(String),
}

/// How a yearly total is compared with the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    /// "từ … trở lên" (≥).
    AtLeast,
    /// "trên …" (>).
    Above,
}

/// The mark of a movement: e.g. Hồng Lĩnh's plan "80 triệu đồng trở lên" is
/// `Mark { threshold: 80_000_000, comparator: AtLeast }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub threshold: i64,
    pub comparator: Comparator,
}

impl Mark {
    pub fn reached(&self, total: i64) -> bool {
        match self.comparator {
            Comparator::AtLeast => total >= self.threshold,
            Comparator::Above => total > self.threshold,
        }
    }
}

/// Totals per contributor and year of `(contributor, year, value in đồng)` rows.
pub fn yearly_totals(rows: &[(Contributor, i32, i64)]) -> BTreeMap<(Contributor, i32), i64> {
    let mut out = BTreeMap::new();
    for (who, year, v) in rows {
        *out.entry((who.clone(), *year)).or_insert(0) += v;
    }
    out
}

/// The `n` largest yearly totals of `year`, largest first (ties by contributor).
pub fn top(
    totals: &BTreeMap<(Contributor, i32), i64>,
    year: i32,
    n: usize,
) -> Vec<(Contributor, i64)> {
    let mut list: Vec<(Contributor, i64)> = totals
        .iter()
        .filter(|((_, y), _)| *y == year)
        .map(|((c, _), v)| (c.clone(), *v))
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list.truncate(n);
    list
}

/// A sponsor's delivered-vs-committed figure in tenths of a percent, rounded half up
/// (45 000 000 of 120 000 000 đ is 375, shown "37,5 %"); None when nothing was committed in money.
pub fn delivered_share(delivered: i64, committed: Option<i64>) -> Option<i64> {
    let committed = committed.filter(|c| *c > 0)?;
    let tenths =
        (i128::from(delivered.max(0)) * 2000 + i128::from(committed)) / (2 * i128::from(committed));
    i64::try_from(tenths).ok()
}

/// "37,5 %".
pub fn share_text(tenths: i64) -> String {
    format!(
        "{},{} %",
        crate::text::group_thousands(tenths / 10),
        tenths % 10
    )
}
