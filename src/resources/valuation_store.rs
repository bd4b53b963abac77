//! The valuation prices contributions are valued with (per unit, year and kind) and each
//! movement's mark for a year's contributions.

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional};

/// A unit's valuation price for a year and kind.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Price {
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_path: String,
    pub year: i64,
    pub kind: String,
    /// Đồng per m², per labour day or per item.
    pub price: i64,
    pub source: String,
}

/// The prices of units at or below `path`, newest year first.
pub async fn prices_in(c: &mut impl DbConn, path: &str) -> Result<Vec<Price>, sqlx::Error> {
    fetch_all!(
        c,
        Price,
        "SELECT p.unit_id, u.name AS unit_name, u.path AS unit_path, p.year, p.kind, p.price, p.source FROM valuation_prices p JOIN units u ON u.id = p.unit_id WHERE u.path LIKE $1 || '%' ORDER BY p.year DESC, u.path, p.kind",
        path
    )
}

/// Every price, keyed for valuing many rows at once: (unit, year, kind, price, source).
pub async fn all_prices(
    c: &mut impl DbConn,
) -> Result<Vec<(i64, i64, String, i64, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, i64, String, i64, String),
        "SELECT unit_id, year, kind, price, source FROM valuation_prices"
    )
}

/// Sets (or replaces) a price; gives the price it replaced.
#[allow(clippy::too_many_arguments)]
pub async fn set_price(
    tx: &mut impl DbConn,
    unit_id: i64,
    year: i64,
    kind: &str,
    price: i64,
    source: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    let old = fetch_optional!(
        tx,
        (i64, String),
        "SELECT price, source FROM valuation_prices WHERE unit_id = $1 AND year = $2 AND kind = $3",
        unit_id,
        year,
        kind
    )?;
    execute!(
        tx,
        "INSERT INTO valuation_prices (unit_id, year, kind, price, source, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (unit_id, year, kind) DO UPDATE SET price = excluded.price, source = excluded.source, set_by = excluded.set_by, set_at = excluded.set_at",
        unit_id,
        year,
        kind,
        price,
        source,
        by,
        now
    )?;
    Ok(old)
}

/// The mark of the movement whose period holds `year`: (threshold in đồng, comparator code,
/// source), or None when no movement of that year sets one.
pub async fn mark_for(
    c: &mut impl DbConn,
    year: i64,
) -> Result<Option<(i64, String, String)>, sqlx::Error> {
    fetch_optional!(
        c,
        (i64, String, String),
        "SELECT m.threshold, m.comparator, m.source FROM contribution_marks m JOIN movements v ON v.id = m.movement_id WHERE v.period_from <= $1 AND v.period_to >= $1 ORDER BY v.period_from DESC, v.id LIMIT 1",
        year
    )
}

/// Writes a movement's mark once (an admin's later change is kept).
pub async fn seed_mark(
    tx: &mut impl DbConn,
    movement_code: &str,
    threshold: i64,
    comparator: &str,
    source: &str,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO contribution_marks (movement_id, threshold, comparator, source) SELECT id, $2, $3, $4 FROM movements WHERE code = $1 ON CONFLICT (movement_id) DO NOTHING",
        movement_code,
        threshold,
        comparator,
        source
    )?;
    Ok(())
}

/// Every movement with its mark, if set: (movement id, code, title, threshold, comparator,
/// source).
#[allow(clippy::type_complexity)]
pub async fn marks(
    c: &mut impl DbConn,
) -> Result<
    Vec<(
        i64,
        String,
        String,
        Option<i64>,
        Option<String>,
        Option<String>,
    )>,
    sqlx::Error,
> {
    fetch_all!(
        c,
        (
            i64,
            String,
            String,
            Option<i64>,
            Option<String>,
            Option<String>
        ),
        "SELECT v.id, v.code, v.title, m.threshold, m.comparator, m.source FROM movements v LEFT JOIN contribution_marks m ON m.movement_id = v.id ORDER BY v.period_from DESC, v.id"
    )
}

/// Sets a movement's mark (an admin's decision, with its source); gives the one it replaced.
pub async fn set_mark(
    tx: &mut impl DbConn,
    movement_id: i64,
    threshold: i64,
    comparator: &str,
    source: &str,
) -> Result<Option<(i64, String, String)>, sqlx::Error> {
    let old = fetch_optional!(
        tx,
        (i64, String, String),
        "SELECT threshold, comparator, source FROM contribution_marks WHERE movement_id = $1",
        movement_id
    )?;
    execute!(
        tx,
        "INSERT INTO contribution_marks (movement_id, threshold, comparator, source) VALUES ($1, $2, $3, $4) ON CONFLICT (movement_id) DO UPDATE SET threshold = excluded.threshold, comparator = excluded.comparator, source = excluded.source",
        movement_id,
        threshold,
        comparator,
        source
    )?;
    Ok(old)
}
