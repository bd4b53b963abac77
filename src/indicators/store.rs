//! SQL for the indicator catalogue and targets.

use chrono::{DateTime, Utc};

use super::{Indicator, Target};
use crate::db::DbConn;
use crate::text;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

const COLUMNS: &str = "i.id, i.code, i.name, i.measure, i.unit_label, i.direction, i.aggregation, i.weight_code, \
     i.formula, i.min_value, i.max_value, i.at_most_code, i.jump_percent, i.owner_unit_id, i.computed_from, i.sort_order, i.note";

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
         min_value, max_value, at_most_code, jump_percent, owner_unit_id, computed_from, sort_order, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id",
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
        now
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
