//! Sponsorships (đỡ đầu, plan III.1–2) and the dated records of what was delivered.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::DbConn;
use crate::{fetch_all, fetch_optional, fetch_scalar};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Sponsorship {
    pub id: i64,
    pub sponsor_id: i64,
    pub sponsor_name: String,
    pub sponsor_path: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_path: String,
    pub from_year: i64,
    pub to_year: i64,
    /// Whole đồng, when the commitment is money or valued works.
    pub committed_amount: Option<i64>,
    pub commitment: String,
    pub is_demo: bool,
    /// Sum of the delivered amounts, đồng.
    pub delivered: i64,
}

const SELECT: &str = "SELECT s.id, s.sponsor_id, sp.name AS sponsor_name, sp.path AS sponsor_path, s.unit_id, u.name AS unit_name, u.path AS unit_path, s.from_year, s.to_year, s.committed_amount, s.commitment, s.is_demo, COALESCE((SELECT CAST(SUM(d.amount) AS BIGINT) FROM sponsorship_deliveries d WHERE d.sponsorship_id = s.id), 0) AS delivered FROM sponsorships s JOIN units sp ON sp.id = s.sponsor_id JOIN units u ON u.id = s.unit_id";

pub async fn one(c: &mut impl DbConn, id: i64) -> Result<Option<Sponsorship>, sqlx::Error> {
    fetch_optional!(c, Sponsorship, &format!("{SELECT} WHERE s.id = $1"), id)
}

/// Sponsorships whose sponsored unit or sponsor is at or below `path`, newest first.
pub async fn touching(c: &mut impl DbConn, path: &str) -> Result<Vec<Sponsorship>, sqlx::Error> {
    fetch_all!(
        c,
        Sponsorship,
        &format!(
            "{SELECT} WHERE u.path LIKE $1 || '%' OR sp.path LIKE $1 || '%' ORDER BY s.from_year DESC, u.path, s.id LIMIT 500"
        ),
        path
    )
}

/// Sponsorships given by the unit `sponsor_id` or received by it.
pub async fn of_unit(c: &mut impl DbConn, unit_id: i64) -> Result<Vec<Sponsorship>, sqlx::Error> {
    fetch_all!(
        c,
        Sponsorship,
        &format!(
            "{SELECT} WHERE s.sponsor_id = $1 OR s.unit_id = $1 ORDER BY s.from_year DESC, s.id"
        ),
        unit_id
    )
}

pub struct NewSponsorship<'a> {
    pub sponsor_id: i64,
    pub unit_id: i64,
    pub from_year: i64,
    pub to_year: i64,
    pub committed_amount: Option<i64>,
    pub commitment: &'a str,
    pub is_demo: bool,
}

pub async fn insert(
    tx: &mut impl DbConn,
    s: &NewSponsorship<'_>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO sponsorships (sponsor_id, unit_id, from_year, to_year, committed_amount, commitment, is_demo, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        s.sponsor_id,
        s.unit_id,
        s.from_year,
        s.to_year,
        s.committed_amount,
        s.commitment,
        s.is_demo,
        by,
        now
    )
}

/// (date, amount, description) of what was delivered, oldest first.
pub async fn deliveries(
    c: &mut impl DbConn,
    id: i64,
) -> Result<Vec<(NaiveDate, Option<i64>, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (NaiveDate, Option<i64>, String),
        "SELECT delivered_on, amount, description FROM sponsorship_deliveries WHERE sponsorship_id = $1 ORDER BY delivered_on, id",
        id
    )
}

pub async fn deliver(
    tx: &mut impl DbConn,
    id: i64,
    on: NaiveDate,
    amount: Option<i64>,
    description: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO sponsorship_deliveries (sponsorship_id, delivered_on, amount, description, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        id,
        on,
        amount,
        description,
        by,
        now
    )
}
