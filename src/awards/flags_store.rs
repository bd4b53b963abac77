//! The dated flags on a subject's profile (disciplined, under investigation …) that the
//! eligibility guards read: listed, recorded and ended.

use chrono::{DateTime, NaiveDate, Utc};

use super::guards::Flag;
use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_scalar};

/// The subject's flags, newest first, with their ids.
pub async fn flags(
    c: &mut impl DbConn,
    subject_type: &str,
    id: i64,
) -> Result<Vec<(i64, Flag)>, sqlx::Error> {
    Ok(fetch_all!(
        c,
        (i64, String, NaiveDate, Option<NaiveDate>, String),
        "SELECT id, kind, from_date, to_date, note FROM subject_flags WHERE subject_type = $1 AND subject_id = $2 ORDER BY from_date DESC, id DESC",
        subject_type,
        id
    )?
    .into_iter()
    .map(|(fid, kind, from, to, note)| (fid, Flag { kind, from, to, note }))
    .collect())
}

pub async fn insert_flag(
    tx: &mut impl DbConn,
    (subject_type, id): (&str, i64),
    f: &Flag,
    is_demo: bool,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO subject_flags (subject_type, subject_id, kind, from_date, to_date, note, is_demo, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        subject_type,
        id,
        &f.kind,
        f.from,
        f.to,
        &f.note,
        is_demo,
        by,
        now
    )
}

/// Ends an open flag on `on`. Returns whether it was open.
pub async fn end_flag(
    tx: &mut impl DbConn,
    (subject_type, id): (&str, i64),
    flag_id: i64,
    on: NaiveDate,
) -> Result<bool, sqlx::Error> {
    Ok(execute!(
        tx,
        "UPDATE subject_flags SET to_date = $4 WHERE id = $3 AND subject_type = $1 AND subject_id = $2 AND (to_date IS NULL OR to_date > $4)",
        subject_type,
        id,
        flag_id,
        on
    )? == 1)
}
