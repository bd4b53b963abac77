//! SQL for the indicator catalogue and targets.

use chrono::{DateTime, Utc};

use super::{Indicator, Target};
use crate::db::DbConn;
use crate::text;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

const COLUMNS: &str = "i.id, i.code, i.name, i.measure, i.unit_label, i.direction, i.aggregation, i.weight_code, \
     i.formula, i.min_value, i.max_value, i.at_most_code, i.jump_percent, i.owner_unit_id, i.computed_from, i.sort_order, i.note, i.decimals";

const TARGET_COLUMNS: &str = "t.id, t.movement_id, t.indicator_id, t.scope, t.unit_id, t.year, t.kind, t.comparator, \
     t.value, t.base_year, t.label, t.sort_order";

pub async fn all(c: &mut impl DbConn) -> Result<Vec<Indicator>, sqlx::Error> {
    fetch_all!(
        c,
        Indicator,
        &format!("SELECT {COLUMNS} FROM indicators i ORDER BY i.sort_order, i.code")
    )
}

pub async fn by_id(c: &mut impl DbConn, id: i64) -> Result<Option<Indicator>, sqlx::Error> {
    fetch_optional!(
        c,
        Indicator,
        &format!("SELECT {COLUMNS} FROM indicators i WHERE i.id = $1"),
        id
    )
}

pub async fn by_code(c: &mut impl DbConn, code: &str) -> Result<Option<Indicator>, sqlx::Error> {
    fetch_optional!(
        c,
        Indicator,
        &format!("SELECT {COLUMNS} FROM indicators i WHERE i.code = $1"),
        code
    )
}

/// Which unit kinds enter which indicator: (indicator id, kind code).
pub async fn kinds(c: &mut impl DbConn) -> Result<Vec<(i64, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, String),
        "SELECT indicator_id, kind FROM indicator_kinds ORDER BY indicator_id, kind"
    )
}

pub async fn count(c: &mut impl DbConn) -> Result<i64, sqlx::Error> {
    fetch_scalar!(c, i64, "SELECT COUNT(*) FROM indicators")
}

pub async fn insert(
    tx: &mut impl DbConn,
    i: &Indicator,
    kinds: &[&str],
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let id = fetch_scalar!(
        tx,
        i64,
        "INSERT INTO indicators (code, name, name_key, measure, unit_label, direction, aggregation, weight_code, formula, \
         min_value, max_value, at_most_code, jump_percent, owner_unit_id, computed_from, sort_order, note, created_at, decimals) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id",
        &i.code,
        &i.name,
        text::fold(&i.name),
        &i.measure,
        &i.unit_label,
        &i.direction,
        &i.aggregation,
        &i.weight_code,
        &i.formula,
        i.min_value,
        i.max_value,
        &i.at_most_code,
        i.jump_percent,
        i.owner_unit_id,
        &i.computed_from,
        i.sort_order,
        &i.note,
        now,
        i.decimals
    )?;
    for k in kinds {
        execute!(
            tx,
            "INSERT INTO indicator_kinds (indicator_id, kind) VALUES ($1, $2)",
            id,
            *k
        )?;
    }
    Ok(id)
}

pub async fn targets_of(c: &mut impl DbConn, movement_id: i64) -> Result<Vec<Target>, sqlx::Error> {
    fetch_all!(
        c,
        Target,
        &format!(
            "SELECT {TARGET_COLUMNS} FROM targets t WHERE t.movement_id = $1 ORDER BY t.sort_order, t.id"
        ),
        movement_id
    )
}

pub async fn insert_target(
    tx: &mut impl DbConn,
    t: &Target,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO targets (movement_id, indicator_id, scope, unit_id, year, kind, comparator, value, base_year, label, sort_order, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        t.movement_id,
        t.indicator_id,
        &t.scope,
        t.unit_id,
        t.year,
        &t.kind,
        &t.comparator,
        t.value,
        t.base_year,
        &t.label,
        t.sort_order,
        now
    )
}

/// Per indicator and year, over the approved figures below a unit: the sum and count, and for
/// weighted indicators Σ value × weight and Σ weight.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Aggregate {
    pub indicator_id: i64,
    pub year: i64,
    pub total: f64,
    pub n: i64,
    pub weighted_total: Option<f64>,
    pub weight: Option<f64>,
}

/// The aggregate the kept totals (`summary`) replace, in a single pass over the subtree's
/// figures: the weight of a weighted indicator is the same unit's figure of the weight
/// indicator. No page runs it; the benchmark and the tests compare the totals against it.
pub async fn aggregates_below(
    c: &mut impl DbConn,
    unit: &crate::units::Unit,
    from: i64,
    to: i64,
) -> Result<Vec<Aggregate>, sqlx::Error> {
    let (lo, hi) = crate::units::subtree_bounds(&unit.path);
    fetch_all!(
        c,
        Aggregate,
        "SELECT f.indicator_id, f.year, SUM(f.value) AS total, COUNT(*) AS n, \
         SUM(f.value * w.value) AS weighted_total, SUM(w.value) AS weight \
         FROM units u JOIN figures f ON f.unit_id = u.id JOIN figure_sheets s ON s.id = f.sheet_id \
         JOIN indicator_kinds k ON k.indicator_id = f.indicator_id AND k.kind = u.kind \
         JOIN indicators i ON i.id = f.indicator_id \
         LEFT JOIN indicators wi ON wi.code = i.weight_code \
         LEFT JOIN figures w ON w.unit_id = f.unit_id AND w.year = f.year AND w.indicator_id = wi.id \
         WHERE u.path > $1 AND u.path < $2 AND s.status = 'approved' AND f.value IS NOT NULL \
         AND f.year BETWEEN $3 AND $4 GROUP BY f.indicator_id, f.year",
        &lo,
        &hi,
        from,
        to
    )
}

/// The unit's own approved figures for `from..=to`: (indicator id, year, value).
pub async fn own_figures(
    c: &mut impl DbConn,
    unit_id: i64,
    from: i64,
    to: i64,
) -> Result<Vec<(i64, i64, f64)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, i64, f64),
        "SELECT f.indicator_id, f.year, f.value FROM figures f JOIN figure_sheets s ON s.id = f.sheet_id \
         WHERE f.unit_id = $1 AND s.status = 'approved' AND f.value IS NOT NULL AND f.year BETWEEN $2 AND $3",
        unit_id,
        from,
        to
    )
}

/// The approved figures of a unit's direct children for one year: (unit, indicator, value).
pub async fn children_figures(
    c: &mut impl DbConn,
    parent_id: i64,
    year: i64,
) -> Result<Vec<(i64, i64, f64)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, i64, f64),
        "SELECT f.unit_id, f.indicator_id, f.value FROM units u JOIN figures f ON f.unit_id = u.id \
         JOIN figure_sheets s ON s.id = f.sheet_id \
         WHERE u.parent_id = $1 AND f.year = $2 AND s.status = 'approved' AND f.value IS NOT NULL",
        parent_id,
        year
    )
}

/// Renames the indicator `code` to `new` (and its search key) only while it is still named
/// `old`, the first built-in wording (`wording`). Gives the rows changed.
pub async fn rename_builtin_indicator(
    tx: &mut impl DbConn,
    code: &str,
    old: &str,
    new: &str,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE indicators SET name = $1, name_key = $2 WHERE code = $3 AND name = $4",
        new,
        text::fold(new),
        code,
        old
    )
}

/// Relabels the targets on the indicator `code` still labelled `old` to `new` (`wording`).
pub async fn relabel_builtin_target(
    tx: &mut impl DbConn,
    code: &str,
    old: &str,
    new: &str,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE targets SET label = $1 WHERE label = $2 \
         AND indicator_id IN (SELECT id FROM indicators WHERE code = $3)",
        new,
        old,
        code
    )
}
