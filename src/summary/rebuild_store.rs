//! SQL for reading all kept totals at once and recomputing them from the inputs: what
//! `thidua rebuild-totals` and `thidua check-totals` run, and the table sizes the benchmark
//! reports.

use std::collections::HashMap;

use super::Totals;
use super::store::{COUNTED_SQL, FIGURE_ROWS, FigureRow, Placed, add};
use crate::db::{DbConn, Ex};
use crate::{execute, fetch_all};

/// Every kept total, by unit (what `check-totals` compares), rows that add nothing left out.
pub async fn kept(c: &mut impl DbConn) -> Result<HashMap<i64, Totals>, sqlx::Error> {
    Ok(super::read_store::all(c)
        .await?
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
        let sql = format!(
            "LOCK TABLE summary_figures, summary_units, summary_sheets, summary_contributions, summary_contributors IN {mode} MODE"
        );
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
