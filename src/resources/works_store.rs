//! Works, their funding by source and their outstanding debt at each year-end.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Work {
    pub id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_path: String,
    pub name: String,
    pub kind: String,
    pub in_programme: bool,
    pub started_on: Option<NaiveDate>,
    pub finished_on: Option<NaiveDate>,
    /// Whole đồng.
    pub total_investment: i64,
    pub disbursed: i64,
    pub is_demo: bool,
    /// The debt at the latest year-end recorded, and that year.
    pub last_debt: Option<i64>,
    pub last_debt_year: Option<i64>,
}

const SELECT: &str = "SELECT w.id, w.unit_id, u.name AS unit_name, u.path AS unit_path, w.name, w.kind, w.in_programme, w.started_on, w.finished_on, w.total_investment, w.disbursed, w.is_demo, (SELECT d.amount FROM work_debts d WHERE d.work_id = w.id ORDER BY d.year DESC LIMIT 1) AS last_debt, (SELECT d.year FROM work_debts d WHERE d.work_id = w.id ORDER BY d.year DESC LIMIT 1) AS last_debt_year FROM works w JOIN units u ON u.id = w.unit_id";

pub async fn one(c: &mut impl DbConn, id: i64) -> Result<Option<Work>, sqlx::Error> {
    fetch_optional!(c, Work, &format!("{SELECT} WHERE w.id = $1"), id)
}

/// Works of units at or below `path`, by unit then name.
pub async fn works_in(
    c: &mut impl DbConn,
    path: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<Work>, sqlx::Error> {
    fetch_all!(
        c,
        Work,
        &format!(
            "{SELECT} WHERE u.path LIKE $1 || '%' ORDER BY u.path, w.name, w.id LIMIT $2 OFFSET $3"
        ),
        path,
        limit,
        offset
    )
}

pub async fn count_in(c: &mut impl DbConn, path: &str) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM works w JOIN units u ON u.id = w.unit_id WHERE u.path LIKE $1 || '%'",
        path
    )
}

/// A work to record.
pub struct NewWork<'a> {
    pub unit_id: i64,
    pub name: &'a str,
    pub kind: &'a str,
    pub in_programme: bool,
    pub started_on: Option<NaiveDate>,
    pub finished_on: Option<NaiveDate>,
    pub total_investment: i64,
    pub is_demo: bool,
}

pub async fn insert(
    tx: &mut impl DbConn,
    w: &NewWork<'_>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO works (unit_id, name, kind, in_programme, started_on, finished_on, total_investment, disbursed, is_demo, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10) RETURNING id",
        w.unit_id,
        w.name,
        w.kind,
        w.in_programme,
        w.started_on,
        w.finished_on,
        w.total_investment,
        w.is_demo,
        by,
        now
    )
}

/// (source code, amount) of a work's entered funding.
pub async fn funding_of(c: &mut impl DbConn, id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    fetch_all!(
        c,
        (String, i64),
        "SELECT source, amount FROM work_funding WHERE work_id = $1",
        id
    )
}

/// Sets one source's amount; gives the amount it replaced.
pub async fn set_funding(
    tx: &mut impl DbConn,
    id: i64,
    source: &str,
    amount: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let old = fetch_optional!(
        tx,
        (i64,),
        "SELECT amount FROM work_funding WHERE work_id = $1 AND source = $2",
        id,
        source
    )?;
    execute!(
        tx,
        "INSERT INTO work_funding (work_id, source, amount) VALUES ($1, $2, $3) ON CONFLICT (work_id, source) DO UPDATE SET amount = excluded.amount",
        id,
        source,
        amount
    )?;
    Ok(old.map(|(a,)| a))
}

pub async fn set_disbursed(tx: &mut impl DbConn, id: i64, amount: i64) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "UPDATE works SET disbursed = $1 WHERE id = $2",
        amount,
        id
    )?;
    Ok(())
}

/// (year, amount) of a work's year-end debts, newest first.
pub async fn debts_of(c: &mut impl DbConn, id: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, i64),
        "SELECT year, amount FROM work_debts WHERE work_id = $1 ORDER BY year DESC",
        id
    )
}

/// Sets the debt at the end of `year`; gives the amount it replaced.
pub async fn set_debt(
    tx: &mut impl DbConn,
    id: i64,
    year: i64,
    amount: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let old = fetch_optional!(
        tx,
        (i64,),
        "SELECT amount FROM work_debts WHERE work_id = $1 AND year = $2",
        id,
        year
    )?;
    execute!(
        tx,
        "INSERT INTO work_debts (work_id, year, amount) VALUES ($1, $2, $3) ON CONFLICT (work_id, year) DO UPDATE SET amount = excluded.amount",
        id,
        year,
        amount
    )?;
    Ok(old.map(|(a,)| a))
}

/// The social-mobilisation funding of a work: the value of the contributions recorded for it.
/// Gives (count, value in đồng).
pub async fn contributed_to(c: &mut impl DbConn, id: i64) -> Result<(i64, i64), sqlx::Error> {
    let n = fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM contributions WHERE work_id = $1",
        id
    )?;
    let v = fetch_scalar!(
        c,
        Option<i64>,
        "SELECT CAST(SUM(value) AS BIGINT) FROM contributions WHERE work_id = $1",
        id
    )?;
    Ok((n, v.unwrap_or(0)))
}

/// The programme works at or below `path` with their debt recorded at the end of `year`
/// (`None`: none recorded): what the recognition condition and the figure read.
pub async fn programme_year_end(
    c: &mut impl DbConn,
    path: &str,
    year: i64,
) -> Result<Vec<(i64, String, Option<i64>)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, String, Option<i64>),
        "SELECT w.id, w.name, (SELECT d.amount FROM work_debts d WHERE d.work_id = w.id AND d.year = $2) FROM works w JOIN units u ON u.id = w.unit_id WHERE u.path LIKE $1 || '%' AND w.in_programme = TRUE ORDER BY w.name, w.id",
        path,
        year
    )
}

/// Per year-end, the programme works' total debt at or below `path` — (year, đồng) — for the
/// years that have any record.
pub async fn debt_by_year(c: &mut impl DbConn, path: &str) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, i64),
        "SELECT d.year, CAST(SUM(d.amount) AS BIGINT) FROM work_debts d JOIN works w ON w.id = d.work_id JOIN units u ON u.id = w.unit_id WHERE u.path LIKE $1 || '%' AND w.in_programme = TRUE GROUP BY d.year ORDER BY d.year",
        path
    )
}
