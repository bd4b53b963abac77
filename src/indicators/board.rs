//! What a unit's dashboard shows, assembled from the store and the pure rules: each target
//! that applies to the unit with its status and arithmetic, and every indicator's figures by
//! year. The dashboard page, the drill-down and the Excel export all read it.

use std::collections::HashMap;

pub use super::below::{children_inputs, children_series, inputs};
use super::below::{estimate_inputs, name_missing};
use super::progress::{self, Assessment, Comparator, Goal, Status};
use super::provisional::{self, Coverage};
use super::totals::{self, Catalogue, Inputs, Series};
use super::{Indicator, Target, store};
use crate::db::DbConn;
use crate::movements::{self, Movement};
use crate::units::Unit;

pub struct Card {
    pub target: Target,
    pub indicator: Indicator,
    pub deadline: i64,
    pub assessment: Assessment,
    pub missing: String,
    /// Coverage of the judged year and, for a path, its base year (empty for own figures).
    pub gaps: Vec<Coverage>,
}

impl Card {
    /// "Đã đạt", or "Chưa đủ số liệu (5/6 đơn vị)".
    pub fn status_label(&self) -> String {
        provisional::label(self.assessment.status, &self.gaps)
    }
}

pub struct Board {
    pub movement: Option<Movement>,
    /// Every movement covering the unit, for the page's selector.
    pub movements: Vec<Movement>,
    pub years: Vec<i64>,
    pub year: i64,
    /// The year the page would open on by the calendar, when it opened on an earlier one
    /// because that year's figures are not all approved yet.
    pub newer_incomplete: Option<i64>,
    pub cards: Vec<Card>,
    /// Every indicator with its series for this unit, shown as the unit shows it.
    pub rows: Vec<(Indicator, Series)>,
    /// What the rows were computed from (kept to name more years, `name_every_year`).
    inputs: Inputs,
}

impl Board {
    pub fn count(&self, css: &str) -> usize {
        self.cards
            .iter()
            .filter(|c| c.assessment.status.css() == css)
            .count()
    }
}

/// The goal a stored target sets, or None for a malformed row.
pub fn goal_of(t: &Target) -> Option<Goal> {
    match t.kind.as_str() {
        "level" => Some(Goal::Level {
            comparator: Comparator::from_code(&t.comparator)?,
            value: t.value,
        }),
        "growth" => Some(Goal::Growth {
            percent: t.value,
            base_year: t.base_year?,
        }),
        "fall" => Some(Goal::Fall {
            points: t.value,
            base_year: t.base_year?,
        }),
        _ => None,
    }
}

/// The movements whose issuing unit is this unit or above it, newest period first.
pub async fn movements_for(c: &mut impl DbConn, unit: &Unit) -> Result<Vec<Movement>, sqlx::Error> {
    let mut out = Vec::new();
    for m in movements::store::all(c).await? {
        if let Some(issuer) = crate::units::store::by_id(c, m.issuing_unit_id).await?
            && unit.path.starts_with(&issuer.path)
        {
            out.push(m);
        }
    }
    Ok(out)
}

/// The movement asked for if it covers the unit, else the newest that does.
pub async fn movement_for(
    c: &mut impl DbConn,
    unit: &Unit,
    wanted: Option<i64>,
) -> Result<Option<Movement>, sqlx::Error> {
    let all = movements_for(c, unit).await?;
    Ok(all
        .iter()
        .find(|m| Some(m.id) == wanted)
        .or(all.first())
        .cloned())
}

/// Does target `t` of a movement issued by `issuer_id` apply to `unit`?
fn applies(t: &Target, unit: &Unit, issuer_id: i64) -> bool {
    match t.scope.as_str() {
        "each" => matches!(unit.kind.as_str(), "ward" | "commune") && unit.id != issuer_id,
        _ => t.unit_id == Some(unit.id),
    }
}

pub struct Loaded {
    pub indicators: Vec<Indicator>,
    pub kinds: HashMap<i64, Vec<String>>,
}

pub async fn catalogue(c: &mut impl DbConn) -> Result<Loaded, sqlx::Error> {
    let indicators = store::all(c).await?;
    let mut kinds: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, k) in store::kinds(c).await? {
        kinds.entry(id).or_default().push(k);
    }
    Ok(Loaded { indicators, kinds })
}

/// The series of every indicator for `unit` over `years`, with the inputs they came from.
pub async fn series_for(
    c: &mut impl DbConn,
    cat: &Loaded,
    unit: &Unit,
    years: &[i64],
) -> Result<(Vec<(Indicator, Series)>, Inputs), sqlx::Error> {
    let (from, to) = (
        years.first().copied().unwrap_or(0),
        years.last().copied().unwrap_or(0),
    );
    let inputs = inputs(c, unit, from, to).await?;
    let rows = rows_from(cat, &inputs, unit, from..=to);
    Ok((rows, inputs))
}

impl Board {
    /// Names the missing units of every year of the board, not only the year shown (the
    /// export writes a note for each year).
    pub async fn name_every_year(
        &mut self,
        c: &mut impl DbConn,
        cat: &Loaded,
        unit: &Unit,
    ) -> Result<(), sqlx::Error> {
        let (Some(from), Some(to)) = (self.years.first().copied(), self.years.last().copied())
        else {
            return Ok(());
        };
        name_missing(c, cat, unit, &mut self.inputs, from..=to).await?;
        self.rows = rows_from(cat, &self.inputs, unit, from..=to);
        Ok(())
    }
}

impl Loaded {
    /// The unit kinds that enter some indicator: the units that report.
    pub(super) fn reporting(&self) -> Vec<String> {
        let mut kinds: Vec<String> = self.kinds.values().flatten().cloned().collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }
}

pub(super) fn rows_from(
    cat: &Loaded,
    inputs: &Inputs,
    unit: &Unit,
    years: std::ops::RangeInclusive<i64>,
) -> Vec<(Indicator, Series)> {
    let catalogue = Catalogue {
        indicators: &cat.indicators,
        kinds: &cat.kinds,
    };
    cat.indicators
        .iter()
        .map(|i| {
            let s = totals::series(&catalogue, inputs, i, &unit.kind, years.clone());
            (totals::display_indicator(i, s.own), s)
        })
        .filter(|(_, s)| s.own || s.expected.values().any(|n| *n > 0))
        .collect()
}

/// Whether every figure of `year` that is built from units below has all of them approved.
fn complete_in(rows: &[(Indicator, Series)], year: i64) -> bool {
    rows.iter()
        .all(|(_, s)| s.coverage(year).is_none_or(|c| c.complete()))
}

/// The board of `unit` as of `year`. None: the last year of the movement's period that has
/// passed, as judged from `today_year` — or, when that year's figures are not all approved,
/// the latest earlier year whose figures are (`Board::newer_incomplete` then names the other).
/// A card whose figures lack units is provisional, never a verdict
/// (`provisional::withhold`).
pub async fn board(
    c: &mut impl DbConn,
    cat: &Loaded,
    unit: &Unit,
    year: Option<i64>,
    today_year: i64,
    wanted: Option<i64>,
) -> Result<Board, sqlx::Error> {
    let movement = movement_for(c, unit, wanted).await?;
    let movements = movements_for(c, unit).await?;
    let (from, to) = movement.as_ref().map_or((today_year - 4, today_year), |m| {
        (m.period_from, m.period_to)
    });
    let calendar_year = (today_year - 1).clamp(from, to);
    let asked = year.unwrap_or(calendar_year);
    let years: Vec<i64> = (from.min(asked)..=to.max(asked)).collect();
    let (rows, inputs) = series_for(c, cat, unit, &years).await?;
    let (year, newer_incomplete) = match year {
        Some(y) => (y, None),
        None => match (from..=calendar_year)
            .rev()
            .find(|y| complete_in(&rows, *y))
        {
            Some(y) if y != calendar_year => (y, Some(calendar_year)),
            _ => (calendar_year, None),
        },
    };
    // Missing units are named for the year shown; other years say how many (`missing_note`).
    let mut inputs = inputs;
    let missing = name_missing(c, cat, unit, &mut inputs, year..=year).await?;
    let rows = rows_from(cat, &inputs, unit, from.min(asked)..=to.max(asked));
    let estimate = match estimate_inputs(c, cat, &inputs, year, missing.get(&year)).await? {
        Some(est) => rows_from(cat, &est, unit, from.min(asked)..=year),
        None => Vec::new(),
    };
    let mut cards = Vec::new();
    if let Some(m) = &movement {
        for t in store::targets_of(c, m.id).await? {
            let relevant_year = t.year.is_none_or(|y| y == year);
            if !applies(&t, unit, m.issuing_unit_id) || !relevant_year {
                continue;
            }
            let (Some(goal), Some((ind, series))) = (
                goal_of(&t),
                rows.iter().find(|(i, _)| i.id == t.indicator_id),
            ) else {
                continue;
            };
            let deadline = t.year.unwrap_or(m.period_to);
            let assessment = progress::assess(ind, goal, deadline, year, &series.points());
            let judged = assessment.latest.map_or(year.min(deadline), |(y, _)| y);
            let base = match goal {
                Goal::Growth { base_year, .. } | Goal::Fall { base_year, .. } => Some(base_year),
                Goal::Level { .. } => None,
            };
            let gaps: Vec<Coverage> = std::iter::once(judged)
                .chain(base)
                .filter_map(|y| series.coverage(y))
                .collect();
            let only_this_year_short = gaps.iter().all(|g| g.year == year || g.complete());
            let estimated = (judged == year && only_this_year_short)
                .then(|| estimate.iter().find(|(i, _)| i.id == ind.id))
                .flatten()
                .map(|(i, s)| progress::assess(i, goal, deadline, year, &s.points()))
                .filter(|e| e.status != Status::NoData);
            cards.push(Card {
                missing: series.missing_note(judged),
                assessment: provisional::withhold(assessment, &gaps, estimated.as_ref()),
                gaps,
                indicator: ind.clone(),
                target: t,
                deadline,
            });
        }
    }
    Ok(Board {
        movement,
        movements,
        years,
        year,
        newer_incomplete,
        cards,
        rows,
        inputs,
    })
}
