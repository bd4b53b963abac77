//! Criteria sets (bộ tiêu chí): the standards a commune, ward, street, village or household
//! reaches — NTM, advanced and model NTM, the civilised-urban ward, civilised street, model
//! residential area, model garden, "gia đình 5 có" — as versioned, dated data.
//!
//! A set has criteria (tiêu chí), each owned by a town office that verifies it; a criterion
//! has indicators (chỉ tiêu) with a measure, a comparator and a target, which may differ by
//! region (the 2021–2025 national sets, QĐ 318/QĐ-TTg), by commune group (QĐ 51/2025/QĐ-TTg)
//! and by year (income 2022…2025). A target whose official number is not in the product yet
//! is `None` — shown as "chờ phòng phụ trách nhập" and never judged automatically.
//!
//! The rules in this file are pure: which indicator version is in force for a year, which
//! target applies to a subject, and whether a value meets it.

pub mod access;
pub mod assess;
pub mod assess_store;
pub mod assess_web;
pub mod basis_web;
pub mod copy_web;
pub mod demo;
pub mod entry_web;
pub mod evidence_web;
pub mod feed;
pub mod matrix;
pub mod matrix_web;
pub mod profile;
pub mod public_web;
pub mod recognition_store;
pub mod recognition_web;
pub mod review_web;
pub mod seed;
pub mod seed_sets;
pub mod sets_web;
pub mod sheet;
pub mod store;
pub mod todo;
pub mod views_store;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

/// "Đạt" of a yes/no indicator, in ten-thousandths like every value.
pub const YES: i64 = 10_000;

/// The words shown where an official number is still missing.
pub const PENDING_TEXT: &str = "chờ phòng phụ trách nhập";

/// What an indicator measures, which decides how a value is typed and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Đạt / không đạt (1 or 0).
    YesNo,
    Number,
    Percent,
    /// Money in whole đồng or million đồng, as the unit label says.
    Amount,
    Count,
}

impl Measure {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Measure::YesNo => "yes_no",
            Measure::Number => "number",
            Measure::Percent => "percent",
            Measure::Amount => "amount",
            Measure::Count => "count",
        }
    }

    /// The measure a stored code names.
    pub fn from_code(code: &str) -> Option<Measure> {
        [
            Measure::YesNo,
            Measure::Number,
            Measure::Percent,
            Measure::Amount,
            Measure::Count,
        ]
        .into_iter()
        .find(|m| m.code() == code)
    }

    /// As the catalogue names it.
    pub fn label(self) -> &'static str {
        match self {
            Measure::YesNo => "Đạt/không đạt",
            Measure::Number => "Số",
            Measure::Percent => "Tỷ lệ (%)",
            Measure::Amount => "Số tiền",
            Measure::Count => "Số lượng",
        }
    }
}

/// How a value is compared with the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    AtLeast,
    AtMost,
    Equal,
    Above,
    Below,
}

impl Comparator {
    /// The stored code, also what the page shows.
    pub fn code(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::AtMost => "≤",
            Comparator::Equal => "=",
            Comparator::Above => ">",
            Comparator::Below => "<",
        }
    }

    /// The comparator a stored code names (`>=` and `<=` read too).
    pub fn from_code(code: &str) -> Option<Comparator> {
        Some(match code.trim() {
            "≥" | ">=" => Comparator::AtLeast,
            "≤" | "<=" => Comparator::AtMost,
            "=" => Comparator::Equal,
            ">" => Comparator::Above,
            "<" => Comparator::Below,
            _ => return None,
        })
    }

    /// Whether `value` (ten-thousandths) meets `target` (ten-thousandths).
    pub fn holds(self, value: i64, target: i64) -> bool {
        match self {
            Comparator::AtLeast => value >= target,
            Comparator::AtMost => value <= target,
            Comparator::Equal => value == target,
            Comparator::Above => value > target,
            Comparator::Below => value < target,
        }
    }
}

/// The result of one indicator in an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Met,
    NotMet,
    /// Không áp dụng: judged so by the person with a note.
    NotApplicable,
    /// The target is still to be entered by the owning office: never judged automatically.
    WaitingTarget,
    /// No value yet, or a value the rule cannot judge (text-only indicators): a person judges.
    NotJudged,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::NotMet => "not_met",
            Verdict::NotApplicable => "na",
            Verdict::WaitingTarget => "waiting_target",
            Verdict::NotJudged => "not_judged",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Verdict::Met => "Đạt",
            Verdict::NotMet => "Chưa đạt",
            Verdict::NotApplicable => "Không áp dụng",
            Verdict::WaitingTarget => PENDING_TEXT,
            Verdict::NotJudged => "Chưa đánh giá",
        }
    }
}

/// Judges a value against an indicator's target.
///
/// `target` and `value` are ten-thousandths (a yes/no target or value is 1 or 0 × 10 000);
/// `judged` is what a person chose when the rule cannot decide (met, not met, not applicable).
/// A computed result wins over a person's choice wherever value and target allow it; a target
/// still `None` is never judged — not even by the person's choice — until the office enters it.
pub fn judge(
    comparator: Comparator,
    target: Option<i64>,
    value: Option<i64>,
    judged: Option<Verdict>,
) -> Verdict {
    if judged == Some(Verdict::NotApplicable) {
        return Verdict::NotApplicable;
    }
    let Some(target) = target else {
        return Verdict::WaitingTarget;
    };
    match value {
        Some(v) if comparator.holds(v, target) => Verdict::Met,
        Some(_) => Verdict::NotMet,
        None => judged
            .filter(|j| matches!(j, Verdict::Met | Verdict::NotMet))
            .unwrap_or(Verdict::NotJudged),
    }
}

/// Which targets apply: the key of the subject's region (2021–2025 sets) or commune group
/// (2026–2030 set), or none for sets with one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetBasis {
    Single,
    Region,
    CommuneGroup,
}

impl TargetBasis {
    pub fn code(self) -> &'static str {
        match self {
            TargetBasis::Single => "single",
            TargetBasis::Region => "region",
            TargetBasis::CommuneGroup => "commune_group",
        }
    }

    pub fn from_code(code: &str) -> Option<TargetBasis> {
        [
            TargetBasis::Single,
            TargetBasis::Region,
            TargetBasis::CommuneGroup,
        ]
        .into_iter()
        .find(|b| b.code() == code)
    }
}

/// One target row: for `basis` ("" for every subject, else a region code or a commune group
/// "1"/"2"/"3"), for `year` (0 for every year), the value in ten-thousandths or None while the
/// office has not entered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub basis: String,
    pub year: i64,
    pub value: Option<i64>,
}

/// The target that applies to a subject with `basis` in `year`: the most specific row wins
/// (its basis and year, its basis any year, every basis that year, every basis any year).
/// `None` when the set has no row for it at all; `Some(None)` when the row waits for its number.
pub fn target_for(targets: &[Target], basis: &str, year: i64) -> Option<Option<i64>> {
    let pick = |b: &str, y: i64| targets.iter().find(|t| t.basis == b && t.year == y);
    pick(basis, year)
        .or_else(|| pick(basis, 0))
        .or_else(|| pick("", year))
        .or_else(|| pick("", 0))
        .map(|t| t.value)
}

/// Whether an indicator version valid from `from` to `to` (inclusive, open ends allowed) is the
/// one in force for an assessment of `year`: the version in force on 31 December of that year,
/// so an amendment from 01/03/2024 (QĐ 211/QĐ-TTg) governs the 2024 assessment.
pub fn in_force(from: Option<NaiveDate>, to: Option<NaiveDate>, year: i64) -> bool {
    let Some(end) = i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31))
    else {
        return false;
    };
    from.is_none_or(|f| f <= end) && to.is_none_or(|t| t >= end)
}

/// Criteria met out of those assessed: a criterion is met when every indicator in force is met
/// or not applicable (and at least one is met or it has none judged otherwise).
pub fn criterion_met(verdicts: &[Verdict]) -> bool {
    !verdicts.is_empty()
        && verdicts
            .iter()
            .all(|v| matches!(v, Verdict::Met | Verdict::NotApplicable))
        && verdicts.contains(&Verdict::Met)
}

/// Reads what an officer typed for an indicator: empty is no value; a yes/no indicator reads
/// "Đạt"/"Chưa đạt" (also "có"/"không", 1/0); others read a Vietnamese number
/// (`text::parse_exact_vn`) with at most four decimals. Errors: the Vietnamese sentence shown.
pub fn parse_value(raw: &str, measure: Measure) -> Result<Option<i64>, String> {
    let t = crate::text::clean(raw);
    if t.is_empty() {
        return Ok(None);
    }
    if measure == Measure::YesNo {
        return match crate::text::fold(&t).as_str() {
            "dat" | "co" | "1" => Ok(Some(YES)),
            "chua dat" | "khong dat" | "khong" | "0" => Ok(Some(0)),
            _ => Err(format!("«{t}»: hãy chọn Đạt hoặc Chưa đạt.")),
        };
    }
    let n = crate::text::parse_exact_vn(&t)?;
    n.as_scaled(4)
        .map(Some)
        .ok_or_else(|| format!("«{t}»: ghi tối đa 4 chữ số thập phân."))
}

/// A value in ten-thousandths as officials write it: "Đạt", "95,5", "1.234".
pub fn show_value(v: i64, measure: Measure) -> String {
    if measure == Measure::YesNo {
        return if v >= YES { "Đạt" } else { "Chưa đạt" }.into();
    }
    let whole = crate::text::group_thousands(v / YES);
    let frac = (v % YES).abs();
    let sign = if v < 0 && v / YES == 0 { "-" } else { "" };
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{frac:04}");
    format!("{sign}{whole},{}", digits.trim_end_matches('0'))
}

/// The target as the page shows it: "≥ 95,5 %", "Đạt", or the pending words.
pub fn target_text(c: Comparator, target: Option<i64>, measure: Measure, unit: &str) -> String {
    match target {
        None => PENDING_TEXT.into(),
        Some(_) if measure == Measure::YesNo => "Đạt".into(),
        Some(t) => {
            let unit = if measure == Measure::Percent {
                "%"
            } else {
                unit
            };
            format!("{} {} {unit}", c.code(), show_value(t, measure))
                .trim_end()
                .to_string()
        }
    }
}

/// The unit kinds a set's subject kind covers (a "village" set covers villages and residential
/// groups, QĐ 18/2020's "khu dân cư"); empty for household sets.
pub fn unit_kinds_of(subject_kind: &str) -> &'static [&'static str] {
    match subject_kind {
        "commune" => &["commune"],
        "ward" => &["ward"],
        "street" => &["street"],
        "village" => &["village", "residential_group"],
        _ => &[],
    }
}

/// What a set's subjects are called.
pub fn subject_kind_label(subject_kind: &str) -> &'static str {
    match subject_kind {
        "commune" => "Xã",
        "ward" => "Phường",
        "street" => "Tuyến phố",
        "village" => "Thôn, tổ dân phố",
        "household" => "Hộ gia đình",
        _ => "Khác",
    }
}

/// Whether a set valid from `from` to `to` applies to some day of `year`.
pub fn applies_in(from: Option<NaiveDate>, to: Option<NaiveDate>, year: i64) -> bool {
    let (Some(first), Some(last)) = (
        i32::try_from(year)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
        i32::try_from(year)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31)),
    ) else {
        return false;
    };
    from.is_none_or(|f| f <= last) && to.is_none_or(|t| t >= first)
}
