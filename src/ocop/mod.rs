//! OCOP products (Chương trình Mỗi xã một sản phẩm): the rules of an evaluation, pure — the
//! part maxima in force on the evaluation date, a score's checks, the star bands, who certifies
//! on a date, the 36-month certificate, and which certification counts as a new product for the
//! plan's yearly target (plan II.2.3: 1–2 products of 3 stars or more each year).
//!
//! Scores are held in tenths of a point (halves are allowed: 29,5 is 295), never as floats.
//! Sources: QĐ 1048/QĐ-TTg (21/08/2019) and QĐ 148/QĐ-TTg (24/02/2023) for the scoring sheet and
//! the bands; QĐ 1489/QĐ-TTg (06/07/2025) for the certifying levels after the reorganisation.

pub mod demo;
pub mod feed;
pub mod owner;
pub mod photo_web;
pub mod public_web;
pub mod store;
pub mod todo;
pub mod web;

#[cfg(test)]
mod tests;

/// Writes the built-in part maxima (once per row; an admin's later rows are kept).
pub async fn seed(db: &crate::db::Db) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    store::seed_maxima(&mut tx, &builtin_maxima()).await?;
    tx.commit().await
}

use chrono::{Months, NaiveDate};

/// The six product groups of QĐ 148/QĐ-TTg.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Food,
    Drink,
    Herbal,
    Handicraft,
    Ornamental,
    Tourism,
}

impl Group {
    pub const ALL: [Group; 6] = [
        Group::Food,
        Group::Drink,
        Group::Herbal,
        Group::Handicraft,
        Group::Ornamental,
        Group::Tourism,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Group::Food => "food",
            Group::Drink => "drink",
            Group::Herbal => "herbal",
            Group::Handicraft => "handicraft",
            Group::Ornamental => "ornamental",
            Group::Tourism => "tourism",
        }
    }

    pub fn from_code(code: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Group::Food => "Thực phẩm",
            Group::Drink => "Đồ uống",
            Group::Herbal => "Dược liệu và sản phẩm từ dược liệu",
            Group::Handicraft => "Hàng thủ công mỹ nghệ",
            Group::Ornamental => "Sinh vật cảnh",
            Group::Tourism => "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
        }
    }
}

/// The maxima of the scoring sheet's three parts (tenths), in force from `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartMaxima {
    pub from: NaiveDate,
    /// A — product and community strength.
    pub a: i64,
    /// B — marketing capacity.
    pub b: i64,
    /// C — product quality.
    pub c: i64,
    /// The legal basis ("QĐ 148/QĐ-TTg ngày 24/02/2023").
    pub source: String,
}

/// The maxima in force on `on`: the latest row starting on or before it. None before the first.
pub fn maxima_on(table: &[PartMaxima], on: NaiveDate) -> Option<PartMaxima> {
    table
        .iter()
        .filter(|m| m.from <= on)
        .max_by_key(|m| m.from)
        .cloned()
}

/// The built-in maxima: QĐ 1048/QĐ-TTg split 35/25/40, QĐ 148/QĐ-TTg 40/25/35.
pub fn builtin_maxima() -> Vec<PartMaxima> {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    vec![
        PartMaxima {
            from: day(2019, 8, 21),
            a: 350,
            b: 250,
            c: 400,
            source: "QĐ 1048/QĐ-TTg ngày 21/08/2019".into(),
        },
        PartMaxima {
            from: day(2023, 2, 24),
            a: 400,
            b: 250,
            c: 350,
            source: "QĐ 148/QĐ-TTg ngày 24/02/2023".into(),
        },
    ]
}

/// Reads one part score as typed ("29,5", "30"): a Vietnamese number in whole or half points.
/// Errors: the Vietnamese sentence shown beside the field.
pub fn parse_points(raw: &str) -> Result<i64, String> {
    let shown = crate::text::clean(raw);
    let n = crate::text::parse_exact_vn(&shown)?;
    let tenths = n
        .as_scaled(1)
        .filter(|t| t % 5 == 0)
        .ok_or_else(|| format!("«{shown}»: điểm chấm theo nửa điểm (ví dụ 29,5)."))?;
    if tenths < 0 {
        return Err(format!("«{shown}»: điểm không được âm."));
    }
    Ok(tenths)
}

/// Checks the three parts against the maxima in force and returns the total (tenths).
/// Errors: which part is over its maximum (or the total over 100), in Vietnamese.
pub fn total(a: i64, b: i64, c: i64, max: &PartMaxima) -> Result<i64, String> {
    let show = |t: i64| crate::text::decimal_vn(t as f64 / 10.0, 1);
    for (name, v, m) in [("A", a, max.a), ("B", b, max.b), ("C", c, max.c)] {
        if v < 0 {
            return Err(format!("Phần {name}: điểm không được âm."));
        }
        if v > m {
            return Err(format!(
                "Phần {name} tối đa {} điểm theo {}; đã nhập {}.",
                show(m),
                max.source,
                show(v)
            ));
        }
    }
    let t = a + b + c;
    if t > 1000 {
        return Err(format!("Tổng điểm tối đa 100; đã nhập {}.", show(t)));
    }
    Ok(t)
}

/// Stars from a total in tenths (QĐ 148/QĐ-TTg): under 30 → 1, 30 to under 50 → 2, 50 to under
/// 70 → 3, 70 to under 90 → 4, 90–100 → 5.
pub fn stars(total: i64) -> u8 {
    match total {
        t if t >= 900 => 5,
        t if t >= 700 => 4,
        t if t >= 500 => 3,
        t if t >= 300 => 2,
        _ => 1,
    }
}

/// Only 3 stars and above are certified.
pub fn certifiable(stars: u8) -> bool {
    stars >= 3
}

/// The last day a certificate of `decision` is valid: 36 months on, the day before the third
/// anniversary (15/03/2021 → 14/03/2024). A 29 February decision's anniversary in a common year
/// is 28 February (Civil Code 2015 Art. 147: a month without that day ends on its last day),
/// so 29/02/2024 → 27/02/2027.
pub fn valid_through(decision: NaiveDate) -> Option<NaiveDate> {
    decision
        .checked_add_months(Months::new(36))
        .and_then(|d| d.pred_opt())
}

/// A certificate's standing on `today`: valid, expiring within `warn_days`, or expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Valid,
    ExpiringIn(i64),
    Expired,
}

pub fn standing(valid_through: NaiveDate, today: NaiveDate, warn_days: i64) -> Standing {
    let left = (valid_through - today).num_days();
    if left < 0 {
        Standing::Expired
    } else if left < warn_days {
        Standing::ExpiringIn(left)
    } else {
        Standing::Valid
    }
}

/// Who certifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    District,
    Province,
    Central,
}

impl Level {
    pub fn code(self) -> &'static str {
        match self {
            Level::District => "district",
            Level::Province => "province",
            Level::Central => "central",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::District => "UBND cấp huyện",
            Level::Province => "UBND cấp tỉnh",
            Level::Central => "Thủ tướng Chính phủ (cấp trung ương)",
        }
    }
}

/// The level that certifies `stars` on `on`: until 05/07/2025 the district 3★, the province
/// 4★, the centre 5★; from 06/07/2025 (QĐ 1489/QĐ-TTg, two-level local government) the province
/// 3★ and 4★, the centre 5★. None below 3 stars.
pub fn certifying_level(stars: u8, on: NaiveDate) -> Option<Level> {
    let reorganised = NaiveDate::from_ymd_opt(2025, 7, 6).is_some_and(|d| on >= d);
    match stars {
        5 => Some(Level::Central),
        4 => Some(Level::Province),
        3 if reorganised => Some(Level::Province),
        3 => Some(Level::District),
        _ => None,
    }
}

/// One certification as the target counts it: the product, the decision date and the stars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Certification {
    pub product: i64,
    pub date: NaiveDate,
    pub stars: u8,
}

/// How many products reached 3 stars or more for the first time in `year`: a renewal or a
/// re-evaluation of a product certified before is not a new product (plan II.2.3).
pub fn new_products_in(year: i32, certifications: &[Certification]) -> usize {
    use chrono::Datelike;
    let mut firsts: std::collections::HashMap<i64, NaiveDate> = std::collections::HashMap::new();
    for c in certifications.iter().filter(|c| certifiable(c.stars)) {
        firsts
            .entry(c.product)
            .and_modify(|d| *d = (*d).min(c.date))
            .or_insert(c.date);
    }
    firsts.values().filter(|d| d.year() == year).count()
}
