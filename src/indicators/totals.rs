//! A unit's figure for each indicator and year: its own approved figure when units of its kind
//! enter the indicator, otherwise the figure of the units below it (sum, weighted average,
//! share of units meeting it, or a formula over those), from approved sheets only — with the
//! units still missing named, so a town total never pretends to be complete.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use super::{Aggregation, Indicator, Measure, formula};

/// What the database gives for one unit and a range of years.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    /// The unit's own approved figures: (indicator id, year) → value.
    pub own: HashMap<(i64, i64), f64>,
    /// Over the units below, of the indicator's kinds: (indicator, year) → (sum, count).
    pub sums: HashMap<(i64, i64), (f64, i64)>,
    /// Σ value × weight and Σ weight, for weighted indicators.
    pub weighted: HashMap<(i64, i64), (f64, f64)>,
    /// The units below that report anything: (name, kind, valid from, valid to).
    pub reporters: Vec<Reporter>,
    /// (unit id, year) of approved sheets below.
    pub approved: HashSet<(i64, i64)>,
}

#[derive(Clone, Debug)]
pub struct Reporter {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

impl Reporter {
    /// Whether the unit existed for part of `year` (a ward closed on 30/06/2025 still reports 2025).
    pub fn exists_in(&self, year: i64) -> bool {
        let first = NaiveDate::from_ymd_opt(year as i32, 1, 1);
        let last = NaiveDate::from_ymd_opt(year as i32, 12, 31);
        self.valid_from.zip(last).is_none_or(|(f, l)| f <= l)
            && self.valid_to.zip(first).is_none_or(|(t, f)| t >= f)
    }
}

/// One indicator's figures for a unit, year by year, with what is missing from each year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    pub values: BTreeMap<i64, f64>,
    /// Units below expected to report but without an approved sheet that year.
    pub missing: BTreeMap<i64, Vec<String>>,
    /// How many units the year's figure should cover (0 for a unit's own figure).
    pub expected: BTreeMap<i64, usize>,
    /// True when the figure is the unit's own, not built from the units below.
    pub own: bool,
}

impl Series {
    /// The year's figure as `ind` shows it, or "—".
    pub fn show_at(&self, ind: &Indicator, year: &i64) -> String {
        self.values.get(year).map_or("—".into(), |v| ind.show(*v))
    }

    /// Whether the year's figure lacks some units below.
    pub fn incomplete(&self, year: &i64) -> bool {
        self.missing.get(year).is_some_and(|m| !m.is_empty())
    }

    /// How many of the units the year's figure should cover are in it; None for a unit's own
    /// figure or a year not computed.
    pub fn coverage(&self, year: i64) -> Option<super::provisional::Coverage> {
        let expected = *self.expected.get(&year)?;
        let missing = self.missing.get(&year).map_or(0, Vec::len);
        Some(super::provisional::Coverage {
            year,
            approved: expected.saturating_sub(missing),
            expected,
        })
    }

    pub fn points(&self) -> Vec<(i64, f64)> {
        self.values.iter().map(|(y, v)| (*y, *v)).collect()
    }

    /// "Số liệu năm 2024 mới có 5/6 đơn vị được duyệt; còn thiếu: Phường Đậu Liêu." or "".
    pub fn missing_note(&self, year: i64) -> String {
        let Some(names) = self.missing.get(&year).filter(|m| !m.is_empty()) else {
            return String::new();
        };
        let expected = self.expected.get(&year).copied().unwrap_or(0);
        let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
        let more = names.len().saturating_sub(shown.len());
        format!(
            "Số liệu năm {year} mới có {}/{expected} đơn vị được duyệt; còn thiếu: {}{}.",
            expected - names.len(),
            shown.join(", "),
            if more > 0 {
                format!(" và {more} đơn vị khác")
            } else {
                String::new()
            }
        )
    }
}

/// The catalogue with each indicator's kinds, as the computation needs it.
pub struct Catalogue<'a> {
    pub indicators: &'a [Indicator],
    pub kinds: &'a HashMap<i64, Vec<String>>,
}

impl Catalogue<'_> {
    fn by_code(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.code == code)
    }

    fn kinds_of(&self, id: i64) -> &[String] {
        self.kinds.get(&id).map_or(&[], Vec::as_slice)
    }
}

/// The series of `ind` for a unit of kind `unit_kind`, over `years`.
pub fn series(
    cat: &Catalogue,
    inputs: &Inputs,
    ind: &Indicator,
    unit_kind: &str,
    years: std::ops::RangeInclusive<i64>,
) -> Series {
    let own = cat.kinds_of(ind.id).iter().any(|k| k == unit_kind);
    let mut out = Series {
        own,
        ..Series::default()
    };
    for year in years {
        if let Some(v) = value(cat, inputs, ind, own, year, 0) {
            out.values.insert(year, v);
        }
        if !own {
            let kinds = cat.kinds_of(ind.id);
            let expected: Vec<&Reporter> = inputs
                .reporters
                .iter()
                .filter(|r| kinds.contains(&r.kind) && r.exists_in(year))
                .collect();
            let missing: Vec<String> = expected
                .iter()
                .filter(|r| !inputs.approved.contains(&(r.id, year)))
                .map(|r| r.name.clone())
                .collect();
            out.expected.insert(year, expected.len());
            out.missing.insert(year, missing);
        }
    }
    out
}

fn value(
    cat: &Catalogue,
    inputs: &Inputs,
    ind: &Indicator,
    own: bool,
    year: i64,
    depth: u8,
) -> Option<f64> {
    if ind.aggregation() == Aggregation::Formula {
        // Formulas over formulas are allowed, but not endlessly.
        if depth > 4 {
            return None;
        }
        let expr = formula::parse(&ind.formula).ok()?;
        let mut vars = HashMap::new();
        for code in expr.codes() {
            let part = cat.by_code(&code)?;
            if let Some(v) = value(cat, inputs, part, own, year, depth + 1) {
                vars.insert(code, v);
            }
        }
        return expr.eval(&vars);
    }
    if own {
        return inputs.own.get(&(ind.id, year)).copied();
    }
    let (sum, n) = inputs.sums.get(&(ind.id, year)).copied()?;
    if n == 0 {
        return None;
    }
    match ind.aggregation() {
        Aggregation::Sum | Aggregation::Formula => Some(sum),
        Aggregation::Share => Some(sum / n as f64 * 100.0),
        Aggregation::Weighted if ind.weight_code.is_empty() => Some(sum / n as f64),
        Aggregation::Weighted => inputs
            .weighted
            .get(&(ind.id, year))
            .filter(|(_, w)| *w > 0.0)
            .map(|(vw, w)| vw / w),
    }
}

/// `inputs` with each unit of `stand_ins` (unit id → indicator id → its approved figure of the
/// year before) counted in `year` as if its sheet were approved: the estimate a provisional
/// card may quote, never a figure that is judged.
pub fn with_stand_ins(
    cat: &Catalogue,
    inputs: &Inputs,
    year: i64,
    stand_ins: &HashMap<i64, HashMap<i64, f64>>,
) -> Inputs {
    let mut out = inputs.clone();
    for (unit, figures) in stand_ins {
        for (ind_id, v) in figures {
            let sum = out.sums.entry((*ind_id, year)).or_insert((0.0, 0));
            sum.0 += v;
            sum.1 += 1;
            let weight = cat
                .indicators
                .iter()
                .find(|i| i.id == *ind_id && !i.weight_code.is_empty())
                .and_then(|i| cat.by_code(&i.weight_code))
                .and_then(|w| figures.get(&w.id));
            if let Some(w) = weight {
                let acc = out.weighted.entry((*ind_id, year)).or_insert((0.0, 0.0));
                acc.0 += v * w;
                acc.1 += w;
            }
        }
        out.approved.insert((*unit, year));
    }
    out
}

/// The units below that should have an approved sheet for `year` and have none, as ids.
pub fn missing_ids(inputs: &Inputs, year: i64) -> Vec<i64> {
    inputs
        .reporters
        .iter()
        .filter(|r| r.exists_in(year) && !inputs.approved.contains(&(r.id, year)))
        .map(|r| r.id)
        .collect()
}

/// How a computed figure is shown: a share of units reads as a percentage above the units.
pub fn display_indicator(ind: &Indicator, own: bool) -> Indicator {
    let mut shown = ind.clone();
    if !own && ind.aggregation() == Aggregation::Share {
        shown.measure = Measure::Percent.code().into();
        shown.decimals = Measure::Percent.default_decimals("");
    }
    shown
}

#[cfg(test)]
#[path = "totals_tests.rs"]
mod tests;
