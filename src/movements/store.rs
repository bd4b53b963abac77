//! SQL for movements.

use super::Movement;
use crate::db::DbConn;
use crate::{fetch_all, fetch_optional, fetch_scalar};

pub async fn insert(tx: &mut impl DbConn, m: &Movement) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO movements (code, title, kind, issuing_unit_id, document_number, issued_on, period_from, period_to, summary) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        &m.code,
        &m.title,
        &m.kind,
        m.issuing_unit_id,
        &m.document_number,
        m.issued_on,
        m.period_from,
        m.period_to,
        &m.summary
    )
}

pub async fn all(c: &mut impl DbConn) -> Result<Vec<Movement>, sqlx::Error> {
    fetch_all!(
        c,
        Movement,
        "SELECT id, code, title, kind, issuing_unit_id, document_number, issued_on, period_from, period_to, summary \
         FROM movements ORDER BY period_from DESC, id"
    )
}

pub async fn by_code(c: &mut impl DbConn, code: &str) -> Result<Option<Movement>, sqlx::Error> {
    fetch_optional!(
        c,
        Movement,
        "SELECT id, code, title, kind, issuing_unit_id, document_number, issued_on, period_from, period_to, summary \
         FROM movements WHERE code = $1",
        code
    )
}

pub async fn by_id(c: &mut impl DbConn, id: i64) -> Result<Option<Movement>, sqlx::Error> {
    fetch_optional!(
        c,
        Movement,
        "SELECT id, code, title, kind, issuing_unit_id, document_number, issued_on, period_from, period_to, summary \
         FROM movements WHERE id = $1",
        id
    )
}
