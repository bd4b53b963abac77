//! OCOP products, their evaluations and certificates, and the dated part maxima.

use chrono::{DateTime, NaiveDate, Utc};

use super::{Certification, PartMaxima};
use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// The part maxima rows, oldest first (their `source` is the legal basis shown).
pub async fn maxima(
    c: &mut impl DbConn,
) -> Result<Vec<(NaiveDate, i64, i64, i64, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (NaiveDate, i64, i64, i64, String),
        "SELECT from_date, part_a, part_b, part_c, source FROM ocop_part_maxima ORDER BY from_date"
    )
}

/// Writes the built-in maxima once (a row already there is kept as the admin left it).
pub async fn seed_maxima(tx: &mut impl DbConn, rows: &[PartMaxima]) -> Result<(), sqlx::Error> {
    for m in rows {
        execute!(
            tx,
            "INSERT INTO ocop_part_maxima (from_date, part_a, part_b, part_c, source) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (from_date) DO NOTHING",
            m.from,
            m.a,
            m.b,
            m.c,
            &m.source
        )?;
    }
    Ok(())
}

/// A product as lists and its page show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Product {
    pub id: i64,
    pub name: String,
    pub product_group: String,
    pub owner_type: String,
    pub owner_id: i64,
    pub owner_name: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_path: String,
    pub is_demo: bool,
    /// The latest evaluation's stars and certificate, if any.
    pub stars: Option<i64>,
    pub valid_through: Option<NaiveDate>,
}

/// The owner's name: the unit's (enterprise, cooperative), "Hộ …", or the person's.
const OWNER_NAME: &str = "CASE p.owner_type WHEN 'unit' THEN (SELECT o.name FROM units o WHERE o.id = p.owner_id) WHEN 'household' THEN (SELECT 'Hộ ' || h.head_name FROM households h WHERE h.id = p.owner_id) ELSE (SELECT ps.full_name FROM persons ps WHERE ps.id = p.owner_id) END";

fn select() -> String {
    format!(
        "SELECT p.id, p.name, p.product_group, p.owner_type, p.owner_id, {OWNER_NAME} AS owner_name, p.unit_id, u.name AS unit_name, u.path AS unit_path, p.is_demo, (SELECT e.stars FROM ocop_evaluations e WHERE e.product_id = p.id ORDER BY e.evaluated_on DESC, e.id DESC LIMIT 1) AS stars, (SELECT e.valid_through FROM ocop_evaluations e WHERE e.product_id = p.id AND e.revoked_date IS NULL AND e.valid_through IS NOT NULL ORDER BY e.valid_through DESC LIMIT 1) AS valid_through FROM ocop_products p JOIN units u ON u.id = p.unit_id"
    )
}

pub async fn product(c: &mut impl DbConn, id: i64) -> Result<Option<Product>, sqlx::Error> {
    fetch_optional!(c, Product, &format!("{} WHERE p.id = $1", select()), id)
}

/// The products made at or below `path`, by unit then name.
pub async fn products_in(
    c: &mut impl DbConn,
    path: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<Product>, sqlx::Error> {
    fetch_all!(
        c,
        Product,
        &format!(
            "{} WHERE u.path LIKE $1 || '%' ORDER BY u.path, p.name LIMIT $2 OFFSET $3",
            select()
        ),
        path,
        limit,
        offset
    )
}

/// The products of one owner (`owner_type` "unit", "household" or "person").
pub async fn products_of(
    c: &mut impl DbConn,
    owner_type: &str,
    owner_id: i64,
) -> Result<Vec<Product>, sqlx::Error> {
    fetch_all!(
        c,
        Product,
        &format!(
            "{} WHERE p.owner_type = $1 AND p.owner_id = $2 ORDER BY p.name",
            select()
        ),
        owner_type,
        owner_id
    )
}

pub async fn count_in(c: &mut impl DbConn, path: &str) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM ocop_products p JOIN units u ON u.id = p.unit_id WHERE u.path LIKE $1 || '%'",
        path
    )
}

/// A product to record.
pub struct NewProduct<'a> {
    pub name: &'a str,
    pub group: &'a str,
    pub owner_type: &'a str,
    pub owner_id: i64,
    pub unit_id: i64,
    pub is_demo: bool,
}

pub async fn insert_product(
    tx: &mut impl DbConn,
    p: &NewProduct<'_>,
    user: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO ocop_products (name, product_group, owner_type, owner_id, unit_id, is_demo, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        p.name,
        p.group,
        p.owner_type,
        p.owner_id,
        p.unit_id,
        p.is_demo,
        user,
        now
    )
}

/// One evaluation as the product's history shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Evaluation {
    pub id: i64,
    pub evaluated_on: NaiveDate,
    pub evaluating_level: String,
    pub part_a: i64,
    pub part_b: i64,
    pub part_c: i64,
    pub total: i64,
    pub stars: i64,
    pub certifying_level: String,
    pub certifying_body: String,
    pub certificate_number: String,
    pub certificate_date: Option<NaiveDate>,
    pub valid_through: Option<NaiveDate>,
    pub revoked_number: Option<String>,
    pub revoked_date: Option<NaiveDate>,
    pub revoked_reason: Option<String>,
}

pub async fn evaluations(
    c: &mut impl DbConn,
    product_id: i64,
) -> Result<Vec<Evaluation>, sqlx::Error> {
    fetch_all!(
        c,
        Evaluation,
        "SELECT id, evaluated_on, evaluating_level, part_a, part_b, part_c, total, stars, certifying_level, certifying_body, certificate_number, certificate_date, valid_through, revoked_number, revoked_date, revoked_reason FROM ocop_evaluations WHERE product_id = $1 ORDER BY evaluated_on DESC, id DESC",
        product_id
    )
}

/// An evaluation to record (scores in tenths; certificate fields empty when not certified).
pub struct NewEvaluation<'a> {
    pub product_id: i64,
    pub evaluated_on: NaiveDate,
    pub evaluating_level: &'a str,
    pub parts: (i64, i64, i64),
    pub total: i64,
    pub stars: i64,
    pub certifying_level: &'a str,
    pub certifying_body: &'a str,
    pub certificate_number: &'a str,
    pub certificate_date: Option<NaiveDate>,
    pub valid_through: Option<NaiveDate>,
}

pub async fn insert_evaluation(
    tx: &mut impl DbConn,
    e: &NewEvaluation<'_>,
    user: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO ocop_evaluations (product_id, evaluated_on, evaluating_level, part_a, part_b, part_c, total, stars, certifying_level, certifying_body, certificate_number, certificate_date, valid_through, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        e.product_id,
        e.evaluated_on,
        e.evaluating_level,
        e.parts.0,
        e.parts.1,
        e.parts.2,
        e.total,
        e.stars,
        e.certifying_level,
        e.certifying_body,
        e.certificate_number,
        e.certificate_date,
        e.valid_through,
        user,
        now
    )
}

/// Every certification (3 stars or more, with a certificate date, not revoked) of products made
/// at or below `path`, with the producing unit's path: what the yearly target counts
/// (`super::new_products_in`).
pub async fn certifications_in(
    c: &mut impl DbConn,
    path: &str,
) -> Result<Vec<(String, Certification)>, sqlx::Error> {
    let rows = fetch_all!(
        c,
        (String, i64, NaiveDate, i64),
        "SELECT u.path, e.product_id, e.certificate_date, e.stars FROM ocop_evaluations e JOIN ocop_products p ON p.id = e.product_id JOIN units u ON u.id = p.unit_id WHERE u.path LIKE $1 || '%' AND e.certificate_date IS NOT NULL AND e.stars >= 3 AND e.revoked_date IS NULL",
        path
    )?;
    Ok(rows
        .into_iter()
        .map(|(path, product, date, stars)| {
            (
                path,
                Certification {
                    product,
                    date,
                    stars: u8::try_from(stars).unwrap_or(0),
                },
            )
        })
        .collect())
}

impl Evaluation {
    /// The level the rules of the certificate's date name, when it differs from the one that
    /// issued it (a district certificate after 05/07/2025 is flagged).
    pub fn wrong_level(&self) -> Option<super::Level> {
        let date = self.certificate_date?;
        let expected = super::certifying_level(u8::try_from(self.stars).ok()?, date)?;
        (expected.code() != self.certifying_level).then_some(expected)
    }

    pub fn points(&self, tenths: &i64) -> String {
        crate::text::decimal_vn(*tenths as f64 / 10.0, 1)
    }
}

/// Records the revocation of an evaluation's certificate; false when there is no certificate
/// of that product to revoke (already revoked, or none issued).
pub async fn revoke(
    tx: &mut impl DbConn,
    product_id: i64,
    evaluation_id: i64,
    number: &str,
    date: NaiveDate,
    reason: &str,
) -> Result<bool, sqlx::Error> {
    let n = execute!(
        tx,
        "UPDATE ocop_evaluations SET revoked_number = $3, revoked_date = $4, revoked_reason = $5 WHERE id = $2 AND product_id = $1 AND certificate_date IS NOT NULL AND revoked_date IS NULL",
        product_id,
        evaluation_id,
        number,
        date,
        reason
    )?;
    Ok(n == 1)
}
