//! SQL for the subtree totals: what one unit or one sheet contributes, adding a signed delta to
//! the units above, and the full recomputation behind `thidua rebuild-totals` / `check-totals`.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{FigureTotal, Totals, from_limbs, limbs};
use crate::db::{DbConn, Ex};
use crate::{execute, fetch_all};

/// An approved figure as it enters the totals: unit, indicator, year, value, and the same
/// unit's figure of the indicator's weight. Only figures of an indicator that the unit's kind
/// enters count, as the dashboard has always counted them.
const FIGURE_ROWS: &str = "SELECT f.unit_id, f.indicator_id, f.year, f.value, w.value AS weight \
     FROM units u JOIN figure_sheets s ON s.unit_id = u.id JOIN figures f ON f.sheet_id = s.id \
     JOIN indicator_kinds k ON k.indicator_id = f.indicator_id AND k.kind = u.kind \
     JOIN indicators i ON i.id = f.indicator_id \
     LEFT JOIN indicators wi ON wi.code = i.weight_code \
     LEFT JOIN figures w ON w.unit_id = f.unit_id AND w.year = f.year AND w.indicator_id = wi.id \
     WHERE f.value IS NOT NULL";

type FigureRow = (i64, i64, i64, f64, Option<f64>);

/// A unit as the totals see it: where it sits, its kind, and the years it exists.
#[derive(sqlx::FromRow)]
pub struct Placed {
    pub id: i64,
    pub path: String,
    pub kind: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

impl Placed {
    /// Whether the unit exists in `year` (`Unit::exists_in`).
    pub fn exists_in(&self, year: i64) -> bool {
        let (first, last) = super::span(self.valid_from, self.valid_to);
        first <= year && year <= last
    }
}

/// The unit `id` as the totals see it.
pub async fn placed(c: &mut impl DbConn, id: i64) -> Result<Option<Placed>, sqlx::Error> {
    crate::fetch_optional!(
        c,
        Placed,
        "SELECT id, path, kind, valid_from, valid_to FROM units WHERE id = $1",
        id
    )
}

/// The sheet statuses the totals count, as an SQL list.
const COUNTED_SQL: &str = "('submitted', 'returned', 'approved')";

/// What the unit `id` adds to each unit above it, as it stands now: itself as a unit, its sent
/// sheets, and its approved figures; with its path. None for no such unit.
pub async fn own(c: &mut impl DbConn, id: i64) -> Result<Option<(Totals, String)>, sqlx::Error> {
    let mut t = Totals::default();
    let Some(u) = placed(c, id).await? else {
        return Ok(None);
    };
    t.add_unit(&u.kind, u.valid_from, u.valid_to);
    let sheets = fetch_all!(
        c,
        (i64, String),
        &format!(
            "SELECT year, status FROM figure_sheets WHERE unit_id = $1 AND status IN {COUNTED_SQL}"
        ),
        id
    )?;
    for (year, status) in sheets {
        if u.exists_in(year) {
            t.add_sheet(year, &u.kind, &status, 1);
        }
    }
    let rows = fetch_all!(
        c,
        FigureRow,
        &format!("{FIGURE_ROWS} AND s.status = 'approved' AND u.id = $1"),
        id
    )?;
    for (_, ind, year, v, w) in rows {
        t.add_figure(ind, year, v, w);
    }
    Ok(Some((t, u.path)))
}

/// The figures of the sheet `sheet_id` as they count while it is approved, whatever its
/// status now.
pub async fn sheet_figures(c: &mut impl DbConn, sheet_id: i64) -> Result<Totals, sqlx::Error> {
    let mut t = Totals::default();
    let rows = fetch_all!(
        c,
        FigureRow,
        &format!("{FIGURE_ROWS} AND s.id = $1"),
        sheet_id
    )?;
    for (_, ind, year, v, w) in rows {
        t.add_figure(ind, year, v, w);
    }
    Ok(t)
}

/// Rows one upsert statement carries at most: 400 × 11 values stays far below both engines'
/// limits on bound parameters.
const BATCH: usize = 400;

/// Adds `delta` (signed) to the kept totals of each unit in `ancestors`, creating rows as
/// needed. Each row is one `INSERT … ON CONFLICT DO UPDATE SET col = col + delta`: an atomic
/// integer addition on both engines, so approvals in sibling wards both count in their town.
/// Rows are written in key order, the same in every transaction, so two writers wait for each
/// other rather than deadlock.
pub async fn add(
    tx: &mut impl DbConn,
    ancestors: &[i64],
    delta: &Totals,
) -> Result<(), sqlx::Error> {
    let mut ids = ancestors.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let figures: Vec<(i64, (i64, i64), FigureTotal)> = ids
        .iter()
        .flat_map(|a| delta.figures.iter().map(move |(k, t)| (*a, *k, *t)))
        .collect();
    for chunk in figures.chunks(BATCH) {
        add_figures(tx, chunk).await?;
    }
    for a in &ids {
        for ((kind, first, last), n) in &delta.units {
            execute!(
                tx,
                "INSERT INTO summary_units (unit_id, kind, first_year, last_year, units) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (unit_id, kind, first_year, last_year) DO UPDATE SET units = summary_units.units + excluded.units",
                *a,
                kind,
                *first,
                *last,
                *n
            )?;
        }
    }
    for a in &ids {
        for ((year, kind, status), n) in &delta.sheets {
            execute!(
                tx,
                "INSERT INTO summary_sheets (unit_id, year, kind, status, sheets) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (unit_id, year, kind, status) DO UPDATE SET sheets = summary_sheets.sheets + excluded.sheets",
                *a,
                *year,
                kind,
                status,
                *n
            )?;
        }
    }
    Ok(())
}

async fn add_figures(
    tx: &mut impl DbConn,
    rows: &[(i64, (i64, i64), FigureTotal)],
) -> Result<(), sqlx::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    let values: Vec<String> = (0..rows.len())
        .map(|i| {
            let p: Vec<String> = (1..=11).map(|k| format!("${}", i * 11 + k)).collect();
            format!("({})", p.join(", "))
        })
        .collect();
    let sql = format!(
        "INSERT INTO summary_figures (unit_id, indicator_id, year, figures, sum_high, sum_low, weighted, \
         weighted_high, weighted_low, weight_high, weight_low) VALUES {} \
         ON CONFLICT (unit_id, indicator_id, year) DO UPDATE SET \
         figures = summary_figures.figures + excluded.figures, \
         sum_high = summary_figures.sum_high + excluded.sum_high, \
         sum_low = summary_figures.sum_low + excluded.sum_low, \
         weighted = summary_figures.weighted + excluded.weighted, \
         weighted_high = summary_figures.weighted_high + excluded.weighted_high, \
         weighted_low = summary_figures.weighted_low + excluded.weighted_low, \
         weight_high = summary_figures.weight_high + excluded.weight_high, \
         weight_low = summary_figures.weight_low + excluded.weight_low",
        values.join(", ")
    );
    macro_rules! bind_all {
        ($q:expr) => {{
            let mut q = $q;
            for (unit, (ind, year), t) in rows {
                let (sh, sl) = limbs(t.sum);
                let (wsh, wsl) = limbs(t.weighted_sum);
                let (wh, wl) = limbs(t.weight);
                q = q
                    .bind(*unit)
                    .bind(*ind)
                    .bind(*year)
                    .bind(t.figures)
                    .bind(sh)
                    .bind(sl)
                    .bind(t.weighted)
                    .bind(wsh)
                    .bind(wsl)
                    .bind(wh)
                    .bind(wl);
            }
            q
        }};
    }
    match tx.ex() {
        Ex::Sqlite(c) => {
            bind_all!(sqlx::query(sqlx::AssertSqlSafe(sql.as_str())))
                .execute(c)
                .await?;
        }
        Ex::Postgres(c) => {
            bind_all!(sqlx::query(sqlx::AssertSqlSafe(sql.as_str())))
                .execute(c)
                .await?;
        }
    }
    Ok(())
}

/// One kept row of `summary_figures` as read back.
#[derive(sqlx::FromRow)]
pub(super) struct FigureTotalRow {
    pub unit_id: i64,
    pub indicator_id: i64,
    pub year: i64,
    pub figures: i64,
    pub sum_high: i64,
    pub sum_low: i64,
    pub weighted: i64,
    pub weighted_high: i64,
    pub weighted_low: i64,
    pub weight_high: i64,
    pub weight_low: i64,
}

impl FigureTotalRow {
    pub(super) fn total(&self) -> FigureTotal {
        FigureTotal {
            figures: self.figures,
            sum: from_limbs(self.sum_high, self.sum_low),
            weighted: self.weighted,
            weighted_sum: from_limbs(self.weighted_high, self.weighted_low),
            weight: from_limbs(self.weight_high, self.weight_low),
        }
    }
}

pub(super) const FIGURE_TOTAL_COLUMNS: &str = "unit_id, indicator_id, year, figures, sum_high, sum_low, weighted, \
     weighted_high, weighted_low, weight_high, weight_low";

/// Every kept total, by unit (what `check-totals` compares), rows that add nothing left out.
pub async fn kept(c: &mut impl DbConn) -> Result<HashMap<i64, Totals>, sqlx::Error> {
    let mut out: HashMap<i64, Totals> = HashMap::new();
    let figures = fetch_all!(
        c,
        FigureTotalRow,
        &format!("SELECT {FIGURE_TOTAL_COLUMNS} FROM summary_figures")
    )?;
    for r in figures {
        let t = out.entry(r.unit_id).or_default();
        t.figures.insert((r.indicator_id, r.year), r.total());
    }
    let units = fetch_all!(
        c,
        (i64, String, i64, i64, i64),
        "SELECT unit_id, kind, first_year, last_year, units FROM summary_units"
    )?;
    for (id, kind, first, last, n) in units {
        out.entry(id)
            .or_default()
            .units
            .insert((kind, first, last), n);
    }
    let sheets = fetch_all!(
        c,
        (i64, i64, String, String, i64),
        "SELECT unit_id, year, kind, status, sheets FROM summary_sheets"
    )?;
    for (id, year, kind, status, n) in sheets {
        out.entry(id)
            .or_default()
            .sheets
            .insert((year, kind, status), n);
    }
    Ok(out
        .into_iter()
        .map(|(id, t)| (id, t.trimmed()))
        .filter(|(_, t)| !t.is_empty())
        .collect())
}

/// Every unit's totals recomputed from the units, sent sheets and approved figures, ignoring what is
/// kept: one pass over each table, rolled up in memory (`summary::roll_up`).
pub async fn recompute(c: &mut impl DbConn) -> Result<HashMap<i64, Totals>, sqlx::Error> {
    let units = fetch_all!(
        c,
        Placed,
        "SELECT id, path, kind, valid_from, valid_to FROM units"
    )?;
    let mut own: HashMap<i64, Totals> = HashMap::new();
    for u in &units {
        own.entry(u.id)
            .or_default()
            .add_unit(&u.kind, u.valid_from, u.valid_to);
    }
    let by_id: HashMap<i64, &Placed> = units.iter().map(|u| (u.id, u)).collect();
    let sheets = fetch_all!(
        c,
        (i64, i64, String),
        &format!("SELECT unit_id, year, status FROM figure_sheets WHERE status IN {COUNTED_SQL}")
    )?;
    for (id, year, status) in sheets {
        if let Some(u) = by_id.get(&id).filter(|u| u.exists_in(year)) {
            own.entry(id)
                .or_default()
                .add_sheet(year, &u.kind, &status, 1);
        }
    }
    let rows = fetch_all!(
        c,
        FigureRow,
        &format!("{FIGURE_ROWS} AND s.status = 'approved'")
    )?;
    for (id, ind, year, v, w) in rows {
        own.entry(id).or_default().add_figure(ind, year, v, w);
    }
    let paths: HashMap<i64, String> = units.into_iter().map(|u| (u.id, u.path)).collect();
    Ok(super::roll_up(&paths, &own))
}

/// Locks the kept totals against writers until the transaction ends: on PostgreSQL with a
/// table lock (`EXCLUSIVE` to rewrite, `SHARE` to compare), so an approval committing meanwhile
/// waits and then adds its delta to the rows as they are afterwards; on SQLite the write
/// transaction (`BEGIN IMMEDIATE`) already excludes other writers.
pub async fn lock(tx: &mut impl DbConn, exclusive: bool) -> Result<(), sqlx::Error> {
    if let Ex::Postgres(c) = tx.ex() {
        let mode = if exclusive { "EXCLUSIVE" } else { "SHARE" };
        let sql =
            format!("LOCK TABLE summary_figures, summary_units, summary_sheets IN {mode} MODE");
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(c).await?;
    }
    Ok(())
}

/// Replaces every kept total by `totals` (call after `lock(tx, true)`).
pub async fn replace(
    tx: &mut impl DbConn,
    totals: &HashMap<i64, Totals>,
) -> Result<(), sqlx::Error> {
    execute!(tx, "DELETE FROM summary_figures")?;
    execute!(tx, "DELETE FROM summary_units")?;
    execute!(tx, "DELETE FROM summary_sheets")?;
    let mut ids: Vec<&i64> = totals.keys().collect();
    ids.sort_unstable();
    for id in ids {
        add(tx, &[*id], &totals[id]).await?;
    }
    Ok(())
}

/// The `app_meta` key recording that the totals were built on this database.
const BUILT_KEY: &str = "summary_built";

/// Records that the totals were built (in the rebuilding transaction).
pub async fn mark_built(tx: &mut impl DbConn) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO app_meta (key, value) VALUES ($1, '1') ON CONFLICT (key) DO NOTHING",
        BUILT_KEY
    )?;
    Ok(())
}

/// Whether the totals were ever built on this database.
pub async fn built(c: &mut impl DbConn) -> Result<bool, sqlx::Error> {
    Ok(crate::fetch_optional!(
        c,
        (String,),
        "SELECT value FROM app_meta WHERE key = $1",
        BUILT_KEY
    )?
    .is_some())
}

/// How big the kept totals are: rows in `summary_figures`, `summary_units` and
/// `summary_sheets`, and on PostgreSQL the bytes the three tables take with their indexes
/// (what the benchmark reports).
pub async fn sizes(c: &mut impl DbConn) -> Result<(i64, i64, i64, Option<i64>), sqlx::Error> {
    let count = "SELECT (SELECT COUNT(*) FROM summary_figures), (SELECT COUNT(*) FROM summary_units), \
                 (SELECT COUNT(*) FROM summary_sheets)";
    let (f, u, s) = crate::fetch_optional!(c, (i64, i64, i64), count)?.unwrap_or_default();
    let bytes = match c.ex() {
        Ex::Postgres(pg) => Some(
            sqlx::query_scalar::<_, i64>(
                "SELECT (pg_total_relation_size('summary_figures') + pg_total_relation_size('summary_units') \
                 + pg_total_relation_size('summary_sheets'))::BIGINT",
            )
            .fetch_one(pg)
            .await?,
        ),
        // The dbstat table exists only where SQLite was built with it; without, no figure.
        Ex::Sqlite(lite) => sqlx::query_scalar::<_, i64>(
            "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'summary_%' OR name LIKE 'sqlite_autoindex_summary_%'",
        )
        .fetch_one(lite)
        .await
        .ok(),
    };
    Ok((f, u, s, bytes))
}
