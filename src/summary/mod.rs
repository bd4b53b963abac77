//! Subtree totals kept on write (issue 9): for each unit, what the units strictly below it add
//! up to — approved figures per indicator and year, units per kind and years of existence,
//! approved sheets per year and kind — so that a page about a unit reads that unit's few rows
//! instead of re-aggregating its subtree. The rule every total follows (ARCHITECTURE.md,
//! "Totals kept on write"): a change to a unit's own contribution is applied, as a signed
//! delta, to each of its ancestors in the transaction that makes the change (`keep`); a full
//! recomputation (`roll_up`) must always give the same rows (`thidua check-totals`).
//!
//! This module is pure: the shapes, exact arithmetic and the roll-up. SQL is in `store.rs`.

pub mod contributions;
pub mod contributions_store;
pub mod keep;
pub mod read_store;
pub mod rebuild_store;
pub mod store;

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};

/// Figures keep at most four decimals (`indicators::MAX_DECIMALS`), so a sum of them is an
/// exact integer count of ten-thousandths.
pub const SCALE: i128 = 10_000;

/// An exact total is stored as `high × LIMB + low` in two 64-bit integer columns. Each delta
/// adds to both with plain integer addition (atomic in SQL, no lock); `low` may drift beyond
/// `LIMB`, which is harmless: it overflows only after some nine million deltas on one row.
pub const LIMB: i128 = 1_000_000_000_000;

/// `v` in ten-thousandths, exactly as stored (figures are rounded to their decimals on
/// entry); None for a value that is not a finite number.
pub fn exact(v: f64) -> Option<i128> {
    if !v.is_finite() {
        return None;
    }
    // Through the decimal text: the nearest four-decimal number to the stored double, which is
    // what was typed, where `v * 10000` could land a hair off an integer.
    let text = format!("{v:.4}");
    let (whole, frac) = text.split_once('.')?;
    let negative = whole.starts_with('-');
    let digits: i128 = format!("{}{frac}", whole.trim_start_matches('-'))
        .parse()
        .ok()?;
    Some(if negative { -digits } else { digits })
}

/// A total as two column values (high, low), saturating at what 64-bit columns can hold.
pub fn limbs(total: i128) -> (i64, i64) {
    let high = i64::try_from(total / LIMB).unwrap_or(if total < 0 { i64::MIN } else { i64::MAX });
    // |total % LIMB| < 10^12 always fits.
    let low = i64::try_from(total % LIMB).unwrap_or_default();
    (high, low)
}

/// The total two column values stand for.
pub fn from_limbs(high: i64, low: i64) -> i128 {
    i128::from(high) * LIMB + i128::from(low)
}

/// `total` at `scale` (ten-thousandths, or their square for value × weight) as a number to
/// compute shares and averages with.
pub fn to_f64(total: i128, scale: i128) -> f64 {
    total as f64 / scale as f64
}

/// The first and last year a unit exists in (`Unit::exists_in`), 0 and 9999 for open ends.
pub fn span(valid_from: Option<NaiveDate>, valid_to: Option<NaiveDate>) -> (i64, i64) {
    (
        valid_from.map_or(0, |d| i64::from(d.year())),
        valid_to.map_or(9999, |d| i64::from(d.year())),
    )
}

/// The ids of the units above the one at `path` ("/1/5/9/" → [1, 5]), root first.
pub fn ancestors(path: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    ids.pop();
    ids
}

/// One indicator and year's approved figures below a unit: how many, their exact sum, and for
/// a weighted indicator how many have a weight, Σ value × weight and Σ weight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FigureTotal {
    pub figures: i64,
    /// Σ value, in ten-thousandths.
    pub sum: i128,
    pub weighted: i64,
    /// Σ value × weight, in hundred-millionths.
    pub weighted_sum: i128,
    /// Σ weight, in ten-thousandths.
    pub weight: i128,
}

impl FigureTotal {
    fn add(&mut self, o: &FigureTotal, sign: i64) {
        let s = i128::from(sign);
        self.figures += sign * o.figures;
        self.sum = self.sum.saturating_add(s * o.sum);
        self.weighted += sign * o.weighted;
        self.weighted_sum = self.weighted_sum.saturating_add(s * o.weighted_sum);
        self.weight = self.weight.saturating_add(s * o.weight);
    }

    fn is_zero(&self) -> bool {
        *self == FigureTotal::default()
    }
}

/// Everything a unit adds to each unit above it, or everything below a unit: the three tables'
/// rows for one unit, keyed as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// (indicator id, year) → the approved figures.
    pub figures: BTreeMap<(i64, i64), FigureTotal>,
    /// (kind, first year, last year) → how many units.
    pub units: BTreeMap<(String, i64, i64), i64>,
    /// (year, kind, status) → sheets sent (`COUNTED` statuses) of units that exist that year.
    pub sheets: BTreeMap<(i64, String, String), i64>,
}

/// The sheet statuses the totals count: a sheet sent and waiting, returned, or approved. A
/// draft, or no sheet, is what the completeness page calls "not sent".
pub const COUNTED: [&str; 3] = ["submitted", "returned", "approved"];

/// How the sheets of `year` stand below a unit, over units of `kinds`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Units that should report (exist that year).
    pub expected: i64,
    pub waiting: i64,
    pub returned: i64,
    pub approved: i64,
}

impl Coverage {
    /// Units with a draft or no sheet.
    pub fn not_sent(&self) -> i64 {
        (self.expected - self.waiting - self.returned - self.approved).max(0)
    }
}

impl Totals {
    /// Counts one approved figure, with the same unit's figure of the weight indicator when the
    /// indicator is weighted and that figure is filled in.
    pub fn add_figure(&mut self, indicator_id: i64, year: i64, value: f64, weight: Option<f64>) {
        let Some(v) = exact(value) else { return };
        let mut t = FigureTotal {
            figures: 1,
            sum: v,
            ..FigureTotal::default()
        };
        if let Some(w) = weight.and_then(exact) {
            t.weighted = 1;
            t.weighted_sum = v.saturating_mul(w);
            t.weight = w;
        }
        self.figures
            .entry((indicator_id, year))
            .or_default()
            .add(&t, 1);
    }

    /// Counts one unit of `kind` existing from `valid_from` to `valid_to`.
    pub fn add_unit(
        &mut self,
        kind: &str,
        valid_from: Option<NaiveDate>,
        valid_to: Option<NaiveDate>,
    ) {
        let (first, last) = span(valid_from, valid_to);
        *self
            .units
            .entry((kind.to_string(), first, last))
            .or_default() += 1;
    }

    /// Counts one sheet of a unit of `kind` for `year` in `status`, when the status is one the
    /// totals count.
    pub fn add_sheet(&mut self, year: i64, kind: &str, status: &str, sign: i64) {
        if COUNTED.contains(&status) {
            *self
                .sheets
                .entry((year, kind.to_string(), status.to_string()))
                .or_default() += sign;
        }
    }

    /// How `year`'s sheets stand over units of `kinds`.
    pub fn coverage(&self, kinds: &[String], year: i64) -> Coverage {
        let expected = self
            .units
            .iter()
            .filter(|((k, first, last), _)| kinds.contains(k) && *first <= year && year <= *last)
            .map(|(_, n)| n)
            .sum();
        let count = |status: &str| -> i64 {
            kinds
                .iter()
                .filter_map(|k| self.sheets.get(&(year, k.clone(), status.to_string())))
                .sum()
        };
        Coverage {
            expected,
            waiting: count("submitted"),
            returned: count("returned"),
            approved: count("approved"),
        }
    }

    /// Adds `other` once (`sign` 1) or takes it away (`sign` -1).
    pub fn add(&mut self, other: &Totals, sign: i64) {
        for (k, t) in &other.figures {
            self.figures.entry(*k).or_default().add(t, sign);
        }
        for (k, n) in &other.units {
            *self.units.entry(k.clone()).or_default() += sign * n;
        }
        for (k, n) in &other.sheets {
            *self.sheets.entry(k.clone()).or_default() += sign * n;
        }
    }

    /// The same totals without rows that add nothing: a row every delta cancelled out is the
    /// same as no row.
    pub fn trimmed(mut self) -> Totals {
        self.figures.retain(|_, t| !t.is_zero());
        self.units.retain(|_, n| *n != 0);
        self.sheets.retain(|_, n| *n != 0);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.figures.is_empty() && self.units.is_empty() && self.sheets.is_empty()
    }
}

/// Every unit's subtree totals from each unit's own contribution: each unit's `own` is added to
/// every unit above it (`paths`: unit id → materialised path). Units with nothing below are
/// left out. This is the recomputation the kept totals must equal.
pub fn roll_up(paths: &HashMap<i64, String>, own: &HashMap<i64, Totals>) -> HashMap<i64, Totals> {
    let mut out: HashMap<i64, Totals> = HashMap::new();
    for (id, totals) in own {
        let Some(path) = paths.get(id) else { continue };
        for a in ancestors(path) {
            out.entry(a).or_default().add(totals, 1);
        }
    }
    out.into_iter()
        .map(|(id, t)| (id, t.trimmed()))
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

/// Where two sets of subtree totals differ, one line per unit and table, in Vietnamese (what
/// `thidua check-totals` prints); empty when they agree.
pub fn differences(kept: &HashMap<i64, Totals>, recomputed: &HashMap<i64, Totals>) -> Vec<String> {
    let mut ids: Vec<i64> = kept.keys().chain(recomputed.keys()).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    let empty = Totals::default();
    let mut out = Vec::new();
    for id in ids {
        let k = kept.get(&id).unwrap_or(&empty);
        let r = recomputed.get(&id).unwrap_or(&empty);
        for (table, same) in [
            ("số liệu", k.figures == r.figures),
            ("đơn vị", k.units == r.units),
            ("bảng đã duyệt", k.sheets == r.sheets),
        ] {
            if !same {
                out.push(format!(
                    "Đơn vị #{id}: tổng {table} đang lưu khác với tính lại từ đầu."
                ));
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
