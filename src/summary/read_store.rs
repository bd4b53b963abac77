//! SQL the reading pages use: a unit's kept totals, its direct children's, and — only for a
//! year whose counts say units are missing — those units, and the figures they had the year
//! before. None of these aggregates figures over a subtree.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Totals;
use super::store::{FIGURE_TOTAL_COLUMNS, FigureTotalRow};
use crate::db::DbConn;
use crate::fetch_all;

/// Fills `out` (unit id → totals) from the three tables, for the units `which` selects
/// (an SQL condition on `unit_id` with `$1`, `$2` and `$3`: a unit or parent id, first and
/// last year).
async fn read(
    c: &mut impl DbConn,
    which: &str,
    id: i64,
    from: i64,
    to: i64,
) -> Result<HashMap<i64, Totals>, sqlx::Error> {
    let mut out: HashMap<i64, Totals> = HashMap::new();
    let figures = fetch_all!(
        c,
        FigureTotalRow,
        &format!(
            "SELECT {FIGURE_TOTAL_COLUMNS} FROM summary_figures WHERE {which} AND year BETWEEN $2 AND $3"
        ),
        id,
        from,
        to
    )?;
    for r in figures {
        let t = out.entry(r.unit_id).or_default();
        t.figures.insert((r.indicator_id, r.year), r.total());
    }
    // Unit spans carry no year column; the unused bounds keep one placeholder scheme.
    let units = fetch_all!(
        c,
        (i64, String, i64, i64, i64),
        &format!(
            "SELECT unit_id, kind, first_year, last_year, units FROM summary_units \
             WHERE {which} AND first_year <= $3 AND last_year >= $2"
        ),
        id,
        from,
        to
    )?;
    for (unit, kind, first, last, n) in units {
        out.entry(unit)
            .or_default()
            .units
            .insert((kind, first, last), n);
    }
    let sheets = fetch_all!(
        c,
        (i64, i64, String, String, i64),
        &format!(
            "SELECT unit_id, year, kind, status, sheets FROM summary_sheets WHERE {which} AND year BETWEEN $2 AND $3"
        ),
        id,
        from,
        to
    )?;
    for (unit, year, kind, status, n) in sheets {
        out.entry(unit)
            .or_default()
            .sheets
            .insert((year, kind, status), n);
    }
    Ok(out)
}

/// Every kept row of every unit.
pub async fn all(c: &mut impl DbConn) -> Result<HashMap<i64, Totals>, sqlx::Error> {
    // A condition every row meets, over every year the spans can name.
    read(c, "unit_id >= $1", i64::MIN, 0, 9999).await
}

/// Everything kept below the unit `id`, every year.
pub async fn below(c: &mut impl DbConn, id: i64) -> Result<Totals, sqlx::Error> {
    below_in(c, id, 0, 9999).await
}

/// What is kept below the unit `id` for the years `from..=to`.
pub async fn below_in(
    c: &mut impl DbConn,
    id: i64,
    from: i64,
    to: i64,
) -> Result<Totals, sqlx::Error> {
    Ok(read(c, "unit_id = $1", id, from, to)
        .await?
        .remove(&id)
        .unwrap_or_default())
}

/// What is kept below each direct child of `parent_id` for `year` (children with nothing below
/// are absent).
pub async fn below_children(
    c: &mut impl DbConn,
    parent_id: i64,
    year: i64,
) -> Result<HashMap<i64, Totals>, sqlx::Error> {
    read(
        c,
        "unit_id IN (SELECT id FROM units WHERE parent_id = $1)",
        parent_id,
        year,
        year,
    )
    .await
}

/// The units below `path` that should have an approved sheet for `year` and have none: of a
/// kind that enters some indicator, existing that year. `$1`/`$2` bound the subtree, `$3`/`$4`
/// are the year's first and last day, `$5` the year.
const MISSING: &str = "FROM units u WHERE u.path > $1 AND u.path < $2 \
     AND u.kind IN (SELECT DISTINCT kind FROM indicator_kinds) \
     AND (u.valid_from IS NULL OR u.valid_from <= $4) AND (u.valid_to IS NULL OR u.valid_to >= $3) \
     AND NOT EXISTS (SELECT 1 FROM figure_sheets s WHERE s.unit_id = u.id AND s.year = $5 AND s.status = 'approved')";

fn year_bounds(year: i64) -> (Option<NaiveDate>, Option<NaiveDate>) {
    (
        NaiveDate::from_ymd_opt(year as i32, 1, 1),
        NaiveDate::from_ymd_opt(year as i32, 12, 31),
    )
}

/// A unit below that should have an approved sheet for a year and has none.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Missing {
    pub id: i64,
    pub path: String,
    pub kind: String,
    pub name: String,
    /// Whether it had an approved sheet the year before (what an estimate can stand it in with).
    pub approved_before: bool,
}

/// Every missing unit below `path` in `year`, in list order. Called only when the kept counts
/// say some are missing; one pass over the subtree's units and their sheet for the year (never
/// their figures).
pub async fn missing_below(
    c: &mut impl DbConn,
    path: &str,
    year: i64,
) -> Result<Vec<Missing>, sqlx::Error> {
    let (lo, hi) = crate::units::subtree_bounds(path);
    let (first, last) = year_bounds(year);
    fetch_all!(
        c,
        Missing,
        &format!(
            "SELECT u.id, u.path, u.kind, u.name, EXISTS (SELECT 1 FROM figure_sheets p \
             WHERE p.unit_id = u.id AND p.year = $6 AND p.status = 'approved') AS approved_before \
             {MISSING} ORDER BY u.sort_key, u.id"
        ),
        &lo,
        &hi,
        first,
        last,
        year,
        year - 1
    )
}

/// The approved figures of `year` of the units `ids`: (unit id, indicator id, value) — what a
/// provisional estimate stands missing units in with. Reads only those units' rows.
pub async fn approved_figures_of(
    c: &mut impl DbConn,
    ids: &[i64],
    year: i64,
) -> Result<Vec<(i64, i64, f64)>, sqlx::Error> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        // Ids are integers, written into the text rather than bound one by one.
        let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
        out.extend(fetch_all!(
            c,
            (i64, i64, f64),
            &format!(
                "SELECT f.unit_id, f.indicator_id, f.value FROM figure_sheets s JOIN figures f ON f.sheet_id = s.id \
                 WHERE s.unit_id IN ({}) AND s.year = $1 AND s.status = 'approved' AND f.value IS NOT NULL",
                list.join(", ")
            ),
            year
        )?);
    }
    Ok(out)
}
