//! A unit's figure for each indicator and year: its own approved figure when units of its kind
//! enter the indicator, otherwise the figure of the units below it (sum, weighted average,
//! share of units meeting it, or a formula over those), from approved sheets only — with the
//! units still missing named, so a town total never pretends to be complete.

use std::collections::{BTreeMap, HashMap};

use super::{Aggregation, Indicator, Measure, formula};

/// What the database gives for one unit and a range of years: its own approved figures, and
/// the totals kept for the units below it (`summary`), never the figures below themselves.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    /// The unit's own approved figures: (indicator id, year) → value.
    pub own: HashMap<(i64, i64), f64>,
    /// Over the units below, of the indicator's kinds: (indicator, year) → (sum, count).
    pub sums: HashMap<(i64, i64), (f64, i64)>,
    /// Σ value × weight and Σ weight, for weighted indicators.
    pub weighted: HashMap<(i64, i64), (f64, f64)>,
    /// The units below by kind and the years they exist: (kind, first year, last year, how
    /// many), 0 and 9999 standing for open ends (`summary::span`).
    pub units: Vec<(String, i64, i64, i64)>,
    /// Approved sheets below, of units that exist that year: (year, kind) → how many.
    pub approved: HashMap<(i64, String), i64>,
    /// For the years some units are missing: the first of them in list order, as (kind, name),
    /// at least five of each kind when there are that many.
    pub missing_names: HashMap<i64, Vec<(String, String)>>,
    /// Indicators whose figures come from records rather than sheets (recognitions:
    /// `criteria::feed`): complete whatever sheets are approved.
    pub from_records: std::collections::HashSet<i64>,
}

impl Inputs {
    /// How many units of `kinds` below should report for `year`, and how many have an approved
    /// sheet (a ward closed on 30/06/2025 still reports 2025).
    pub fn coverage_of(&self, kinds: &[String], year: i64) -> (usize, usize) {
        let expected: i64 = self
            .units
            .iter()
            .filter(|(k, first, last, _)| kinds.contains(k) && *first <= year && year <= *last)
            .map(|(.., n)| n)
            .sum();
        let approved: i64 = kinds
            .iter()
            .filter_map(|k| self.approved.get(&(year, k.clone())))
            .sum();
        (
            usize::try_from(expected).unwrap_or(0),
            usize::try_from(approved).unwrap_or(0),
        )
    }

    /// Whether some unit below of the `reporting` kinds lacks an approved sheet for `year`.
    pub fn any_missing(&self, reporting: &[String], year: i64) -> bool {
        let (expected, approved) = self.coverage_of(reporting, year);
        expected > approved
    }

    /// The inputs the kept totals below a unit give (own figures and names are added by the
    /// caller): exact sums turned into numbers to compute with.
    pub fn from_totals(t: &crate::summary::Totals) -> Inputs {
        use crate::summary::{SCALE, to_f64};
        let mut out = Inputs::default();
        for ((ind, year), f) in &t.figures {
            if f.figures > 0 {
                out.sums
                    .insert((*ind, *year), (to_f64(f.sum, SCALE), f.figures));
            }
            if f.weighted > 0 {
                out.weighted.insert(
                    (*ind, *year),
                    (
                        to_f64(f.weighted_sum, SCALE * SCALE),
                        to_f64(f.weight, SCALE),
                    ),
                );
            }
        }
        out.units = t
            .units
            .iter()
            .map(|((kind, first, last), n)| (kind.clone(), *first, *last, *n))
            .collect();
        out.approved = t
            .sheets
            .iter()
            .filter(|((_, _, status), _)| status == "approved")
            .map(|((year, kind, _), n)| ((*year, kind.clone()), *n))
            .collect();
        out
    }
}

/// One indicator's figures for a unit, year by year, with what is missing from each year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    pub values: BTreeMap<i64, f64>,
    /// The first units below (at most five) expected to report but without an approved sheet
    /// that year, by name.
    pub missing: BTreeMap<i64, Vec<String>>,
    /// How many units below are expected to report but lack an approved sheet, by year.
    pub short: BTreeMap<i64, usize>,
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
        self.short.get(year).is_some_and(|n| *n > 0)
    }

    /// How many of the units the year's figure should cover are in it; None for a unit's own
    /// figure or a year not computed.
    pub fn coverage(&self, year: i64) -> Option<super::provisional::Coverage> {
        let expected = *self.expected.get(&year)?;
        let missing = self.short.get(&year).copied().unwrap_or(0);
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
        let short = self.short.get(&year).copied().unwrap_or(0);
        if short == 0 {
            return String::new();
        }
        let names = self.missing.get(&year).map_or(&[][..], Vec::as_slice);
        let expected = self.expected.get(&year).copied().unwrap_or(0);
        if names.is_empty() {
            // A year the page does not name units for: how many, without a list.
            return format!(
                "Số liệu năm {year} mới có {}/{expected} đơn vị được duyệt; còn thiếu {short} đơn vị.",
                expected.saturating_sub(short)
            );
        }
        let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
        let more = short.saturating_sub(shown.len());
        format!(
            "Số liệu năm {year} mới có {}/{expected} đơn vị được duyệt; còn thiếu: {}{}.",
            expected.saturating_sub(short),
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
        if !own && inputs.from_records.contains(&ind.id) {
            // Counted from records for every unit below: complete, whatever sheets say.
            let n = inputs
                .sums
                .get(&(ind.id, year))
                .map_or(0, |(_, n)| usize::try_from(*n).unwrap_or(0));
            out.expected.insert(year, n);
            out.short.insert(year, 0);
            out.missing.insert(year, Vec::new());
        } else if !own {
            let kinds = cat.kinds_of(ind.id);
            let (expected, approved) = inputs.coverage_of(kinds, year);
            let short = expected.saturating_sub(approved);
            let names: Vec<String> = inputs
                .missing_names
                .get(&year)
                .into_iter()
                .flatten()
                .filter(|(k, _)| kinds.contains(k))
                .take(short.min(5))
                .map(|(_, n)| n.clone())
                .collect();
            out.expected.insert(year, expected);
            out.short.insert(year, short);
            out.missing.insert(year, names);
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

/// A unit missing in a year, taken at its approved figures of the year before: its kind and
/// indicator id → value.
pub struct StandIn {
    pub kind: String,
    pub figures: HashMap<i64, f64>,
}

/// `inputs` with each unit of `stand_ins` counted in `year` as if its sheet were approved: the
/// estimate a provisional card may quote, never a figure that is judged.
pub fn with_stand_ins(
    cat: &Catalogue,
    inputs: &Inputs,
    year: i64,
    stand_ins: &HashMap<i64, StandIn>,
) -> Inputs {
    let mut out = inputs.clone();
    for stand_in in stand_ins.values() {
        let figures = &stand_in.figures;
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
        *out.approved
            .entry((year, stand_in.kind.clone()))
            .or_default() += 1;
    }
    out
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
