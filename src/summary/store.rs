//! SQL for the subtree totals: what one unit or one sheet contributes, and adding a signed
//! delta to the units above (`rebuild_store.rs` recomputes and compares them all).

use chrono::NaiveDate;

use super::{FigureTotal, Totals, from_limbs, limbs};
use crate::db::{DbConn, Ex};
use crate::{execute, fetch_all};

/// An approved figure as it enters the totals: unit, indicator, year, value, and the same
/// unit's figure of the indicator's weight. Only figures of an indicator that the unit's kind
/// enters count, as the dashboard has always counted them.
pub(super) const FIGURE_ROWS: &str = "SELECT f.unit_id, f.indicator_id, f.year, f.value, w.value AS weight \
     FROM units u JOIN figure_sheets s ON s.unit_id = u.id JOIN figures f ON f.sheet_id = s.id \
     JOIN indicator_kinds k ON k.indicator_id = f.indicator_id AND k.kind = u.kind \
     JOIN indicators i ON i.id = f.indicator_id \
     LEFT JOIN indicators wi ON wi.code = i.weight_code \
     LEFT JOIN figures w ON w.unit_id = f.unit_id AND w.year = f.year AND w.indicator_id = wi.id \
     WHERE f.value IS NOT NULL";

pub(super) type FigureRow = (i64, i64, i64, f64, Option<f64>);

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
pub(super) const COUNTED_SQL: &str = "('submitted', 'returned', 'approved')";

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
        &format!("{FIGURE_ROWS} AND s.status = 'approved' AND f.unit_id = $1"),
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
        &format!("{FIGURE_ROWS} AND f.sheet_id = $1"),
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
