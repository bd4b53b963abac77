//! What a board reads about the units below a unit: the kept totals (`summary`) turned into
//! `totals::Inputs`, the missing units named for the years a page shows, the estimate's
//! stand-ins, and the same for each direct child at once (drill-down, export).

use std::collections::HashMap;

use super::board::Loaded;
use super::totals::{self, Catalogue, Inputs, Series};
use super::{Indicator, store};
use crate::db::DbConn;
use crate::summary::read_store::Missing;
use crate::units::Unit;

/// Everything `totals::series` needs for `unit` over `from..=to`: its own approved figures and
/// the totals kept below it (`summary`). Missing units are counted, not named
/// (`name_missing` names them for the years a page shows).
pub async fn inputs(
    c: &mut impl DbConn,
    unit: &Unit,
    from: i64,
    to: i64,
) -> Result<Inputs, sqlx::Error> {
    let below = crate::summary::read_store::below_in(c, unit.id, from, to).await?;
    let mut out = Inputs::from_totals(&below);
    out.own = store::own_figures(c, unit.id, from, to)
        .await?
        .into_iter()
        .map(|(i, y, v)| ((i, y), v))
        .collect();
    crate::criteria::feed::apply(c, unit, from, to, &mut out).await?;
    crate::ocop::feed::apply(c, unit, from, to, &mut out).await?;
    crate::resources::feed::apply(c, unit, from, to, &mut out).await?;
    Ok(out)
}

/// Fills `inputs.missing_names` for the years in `years` that lack units, one query per such
/// year; gives those years' missing units (the estimate stands them in).
pub(super) async fn name_missing(
    c: &mut impl DbConn,
    cat: &Loaded,
    unit: &Unit,
    inputs: &mut Inputs,
    years: std::ops::RangeInclusive<i64>,
) -> Result<HashMap<i64, Vec<Missing>>, sqlx::Error> {
    let reporting = cat.reporting();
    let mut out = HashMap::new();
    for year in years {
        if inputs.any_missing(&reporting, year) {
            let missing = crate::summary::read_store::missing_below(c, &unit.path, year).await?;
            inputs
                .missing_names
                .insert(year, first_names(&missing, &unit.path));
            out.insert(year, missing);
        }
    }
    Ok(out)
}

/// The first `NAMED` missing units of each kind strictly below `path`, as (kind, name), in
/// list order.
fn first_names(missing: &[Missing], path: &str) -> Vec<(String, String)> {
    let mut per_kind: HashMap<&str, usize> = HashMap::new();
    missing
        .iter()
        .filter(|m| m.path.starts_with(path) && m.path != path)
        .filter(|m| {
            let n = per_kind.entry(m.kind.as_str()).or_default();
            *n += 1;
            *n <= NAMED
        })
        .map(|m| (m.kind.clone(), m.name.clone()))
        .collect()
}

/// How many missing units of each kind a note names (`Series::missing_note` shows five).
const NAMED: usize = 5;

/// The inputs with the units still missing in `year` (`missing`) taken at their approved
/// figures of the year before, for the estimate a provisional card quotes; None when nothing
/// is missing. Reads only those units' figures.
pub(super) async fn estimate_inputs(
    c: &mut impl DbConn,
    cat: &Loaded,
    inputs: &Inputs,
    year: i64,
    missing: Option<&Vec<Missing>>,
) -> Result<Option<Inputs>, sqlx::Error> {
    let Some(missing) = missing.filter(|m| !m.is_empty()) else {
        return Ok(None);
    };
    let kinds: HashMap<i64, &str> = missing.iter().map(|m| (m.id, m.kind.as_str())).collect();
    // Only a unit approved the year before has figures to stand in with.
    let ids: Vec<i64> = missing
        .iter()
        .filter(|m| m.approved_before)
        .map(|m| m.id)
        .collect();
    let mut stand_ins: HashMap<i64, totals::StandIn> = HashMap::new();
    for (u, ind, v) in crate::summary::read_store::approved_figures_of(c, &ids, year - 1).await? {
        stand_ins
            .entry(u)
            .or_insert_with(|| totals::StandIn {
                kind: kinds.get(&u).copied().unwrap_or_default().to_string(),
                figures: HashMap::new(),
            })
            .figures
            .insert(ind, v);
    }
    let catalogue = Catalogue {
        indicators: &cat.indicators,
        kinds: &cat.kinds,
    };
    Ok(Some(totals::with_stand_ins(
        &catalogue, inputs, year, &stand_ins,
    )))
}

/// What the drill-down and the export need about each direct child of `parent` for `year`:
/// the child's own approved figures and the totals kept below it, read for all children at
/// once (missing units are named only for children that lack some).
pub async fn children_inputs(
    c: &mut impl DbConn,
    cat: &Loaded,
    parent: &Unit,
    year: i64,
) -> Result<Vec<(Unit, Inputs)>, sqlx::Error> {
    let mut below = crate::summary::read_store::below_children(c, parent.id, year).await?;
    let mut own: HashMap<i64, HashMap<(i64, i64), f64>> = HashMap::new();
    for (unit, ind_id, v) in store::children_figures(c, parent.id, year).await? {
        own.entry(unit).or_default().insert((ind_id, year), v);
    }
    let mut out = Vec::new();
    for child in crate::units::store::children(c, parent.id).await? {
        let mut inputs = below
            .remove(&child.id)
            .map(|t| Inputs::from_totals(&t))
            .unwrap_or_default();
        inputs.own = own.remove(&child.id).unwrap_or_default();
        out.push((child, inputs));
    }
    // The missing units of every child in one query, shared out by path.
    let reporting = cat.reporting();
    if out.iter().any(|(_, i)| i.any_missing(&reporting, year)) {
        let missing = crate::summary::read_store::missing_below(c, &parent.path, year).await?;
        for (child, inputs) in out.iter_mut() {
            let names = first_names(&missing, &child.path);
            if !names.is_empty() {
                inputs.missing_names.insert(year, names);
            }
        }
    }
    Ok(out)
}

/// One indicator's figure for `year` at each child of `children_inputs` that reports it or has
/// units below that do, built the same way as the parent's figure.
pub fn children_series(
    cat: &Loaded,
    children: &[(Unit, Inputs)],
    indicator_id: i64,
    year: i64,
) -> Vec<(Unit, Indicator, Series)> {
    let Some(ind) = cat.indicators.iter().find(|i| i.id == indicator_id) else {
        return Vec::new();
    };
    let catalogue = Catalogue {
        indicators: &cat.indicators,
        kinds: &cat.kinds,
    };
    children
        .iter()
        .filter_map(|(child, inputs)| {
            let s = totals::series(&catalogue, inputs, ind, &child.kind, year..=year);
            (s.own || s.expected.values().any(|n| *n > 0))
                .then(|| (child.clone(), totals::display_indicator(ind, s.own), s))
        })
        .collect()
}
