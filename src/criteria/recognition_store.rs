//! Recognitions (công nhận đạt chuẩn) and their withdrawal, and the backsliding query.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// 31 December of `year` (a withdrawal after it leaves the year's recognition standing).
fn year_end(year: i64) -> NaiveDate {
    i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether the subject holds a recognition of `set_code` for `year`: recognised for that year
/// or before, and not withdrawn by the end of it.
pub async fn held(
    c: &mut impl DbConn,
    set_code: &str,
    subject_type: &str,
    subject_id: i64,
    year: i64,
) -> Result<bool, sqlx::Error> {
    let n = fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM recognitions WHERE set_code = $1 AND subject_type = $2 AND subject_id = $3 AND recognised_year <= $4 AND (withdrawn_date IS NULL OR withdrawn_date > $5)",
        set_code,
        subject_type,
        subject_id,
        year,
        year_end(year)
    )?;
    Ok(n > 0)
}

/// A recognition as lists and pages show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecognitionRow {
    pub id: i64,
    pub set_id: i64,
    pub set_code: String,
    pub set_name: String,
    pub subject_type: String,
    pub subject_id: i64,
    pub subject_name: String,
    pub unit_id: i64,
    pub unit_path: String,
    pub assessment_id: Option<i64>,
    pub decision_number: String,
    pub decision_date: NaiveDate,
    pub authority: String,
    pub round: String,
    pub recognised_year: i64,
    pub outstanding_field: String,
    pub conditions_note: String,
    pub withdrawn_number: Option<String>,
    pub withdrawn_date: Option<NaiveDate>,
    pub withdrawn_reason: Option<String>,
}

impl RecognitionRow {
    /// "đạt chuẩn từ 15/11/2023 (năm 2023)", or the withdrawal.
    pub fn standing(&self) -> String {
        match (&self.withdrawn_number, self.withdrawn_date) {
            (Some(n), Some(d)) => format!(
                "Đã thu hồi theo quyết định {n} ngày {}",
                crate::text::date_vn(d)
            ),
            _ => format!(
                "Đạt chuẩn từ {} (công nhận cho năm {})",
                crate::text::date_vn(self.decision_date),
                self.recognised_year
            ),
        }
    }

    pub fn withdrawn(&self) -> bool {
        self.withdrawn_date.is_some()
    }
}

fn select() -> String {
    format!(
        "SELECT r.id, r.set_id, r.set_code, s.name AS set_name, r.subject_type, r.subject_id, {} AS subject_name, r.unit_id, u.path AS unit_path, r.assessment_id, r.decision_number, r.decision_date, r.authority, r.round, r.recognised_year, r.outstanding_field, r.conditions_note, r.withdrawn_number, r.withdrawn_date, r.withdrawn_reason FROM recognitions r JOIN criteria_sets s ON s.id = r.set_id JOIN units u ON u.id = r.unit_id",
        super::assess_store::SUBJECT_NAME.replace("a.", "r.")
    )
}

pub async fn find(c: &mut impl DbConn, id: i64) -> Result<Option<RecognitionRow>, sqlx::Error> {
    fetch_optional!(
        c,
        RecognitionRow,
        &format!("{} WHERE r.id = $1", select()),
        id
    )
}

/// The recognitions of subjects that are units among `unit_ids` (a unit and its predecessors),
/// or of one household; newest decision first.
pub async fn of_subject(
    c: &mut impl DbConn,
    subject_type: &str,
    subject_id: i64,
) -> Result<Vec<RecognitionRow>, sqlx::Error> {
    fetch_all!(
        c,
        RecognitionRow,
        &format!(
            "{} WHERE r.subject_type = $1 AND r.subject_id = $2 ORDER BY r.decision_date DESC, r.id DESC",
            select()
        ),
        subject_type,
        subject_id
    )
}

/// One page of the recognitions of subjects at or below `path`, newest first.
pub async fn list(
    c: &mut impl DbConn,
    path: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<RecognitionRow>, sqlx::Error> {
    fetch_all!(
        c,
        RecognitionRow,
        &format!(
            "{} WHERE u.path LIKE $1 || '%' ORDER BY r.decision_date DESC, r.id DESC LIMIT $2 OFFSET $3",
            select()
        ),
        path,
        limit,
        offset
    )
}

pub async fn count(c: &mut impl DbConn, path: &str) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM recognitions r JOIN units u ON u.id = r.unit_id WHERE u.path LIKE $1 || '%'",
        path
    )
}

/// A decision to record.
pub struct NewRecognition<'a> {
    pub set_id: i64,
    pub set_code: &'a str,
    pub subject_type: &'a str,
    pub subject_id: i64,
    pub unit_id: i64,
    pub assessment_id: i64,
    pub decision_number: &'a str,
    pub decision_date: NaiveDate,
    pub authority: &'a str,
    pub round: &'a str,
    pub recognised_year: i64,
    pub outstanding_field: &'a str,
    pub conditions_note: &'a str,
}

pub async fn insert(
    tx: &mut impl DbConn,
    r: &NewRecognition<'_>,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO recognitions (set_id, set_code, subject_type, subject_id, unit_id, assessment_id, decision_number, decision_date, authority, round, recognised_year, outstanding_field, conditions_note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        r.set_id,
        r.set_code,
        r.subject_type,
        r.subject_id,
        r.unit_id,
        r.assessment_id,
        r.decision_number,
        r.decision_date,
        r.authority,
        r.round,
        r.recognised_year,
        r.outstanding_field,
        r.conditions_note,
        user_id,
        now
    )
}

/// Whether the subject already has a recognition of the set code that is not withdrawn.
pub async fn standing_for(
    c: &mut impl DbConn,
    set_code: &str,
    subject_type: &str,
    subject_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    fetch_optional!(
        c,
        (i64,),
        "SELECT id FROM recognitions WHERE set_code = $1 AND subject_type = $2 AND subject_id = $3 AND withdrawn_date IS NULL",
        set_code,
        subject_type,
        subject_id
    )
    .map(|r| r.map(|(id,)| id))
}

/// Records the withdrawal decision; false when it was withdrawn meanwhile.
#[allow(clippy::too_many_arguments)]
pub async fn withdraw(
    tx: &mut impl DbConn,
    id: i64,
    number: &str,
    date: NaiveDate,
    reason: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = execute!(
        tx,
        "UPDATE recognitions SET withdrawn_number = $2, withdrawn_date = $3, withdrawn_reason = $4, withdrawn_by = $5, withdrawn_at = $6 WHERE id = $1 AND withdrawn_at IS NULL",
        id,
        number,
        date,
        reason,
        user_id,
        now
    )?;
    Ok(n == 1)
}

/// Subjects of `set_code` at or below `path` that backslide: a sent assessment of a year after
/// a standing recognition's year with a criterion not met. (subject type, subject id, year).
pub async fn backsliding_in(
    c: &mut impl DbConn,
    set_code: &str,
    path: &str,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    fetch_all!(
        c,
        (String, i64, i64),
        "SELECT DISTINCT a.subject_type, a.subject_id, a.year FROM assessments a JOIN units u ON u.id = a.unit_id JOIN assessment_criteria ac ON ac.assessment_id = a.id JOIN recognitions r ON r.set_code = a.set_code AND r.subject_type = a.subject_type AND r.subject_id = a.subject_id WHERE ($1 = '' OR a.set_code = $1) AND u.path LIKE $2 || '%' AND a.status <> 'draft' AND ac.result = 'not_met' AND r.withdrawn_date IS NULL AND a.year > r.recognised_year ORDER BY a.subject_id, a.year",
        set_code,
        path
    )
}

/// Every recognition of `set_code` whose subject unit is at or below `path`, as (subject's
/// path, recognised year, withdrawal date): `feed` counts them per year.
pub async fn recognised_by_year(
    c: &mut impl DbConn,
    set_code: &str,
    path: &str,
) -> Result<Vec<(String, i64, Option<NaiveDate>)>, sqlx::Error> {
    fetch_all!(
        c,
        (String, i64, Option<NaiveDate>),
        "SELECT su.path, r.recognised_year, r.withdrawn_date FROM recognitions r JOIN units su ON su.id = r.subject_id WHERE r.set_code = $1 AND r.subject_type = 'unit' AND su.path LIKE $2 || '%'",
        set_code,
        path
    )
}

/// The years a subject backslides in (see `backsliding_in`), oldest first.
pub async fn backsliding_of(
    c: &mut impl DbConn,
    subject_type: &str,
    subject_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    fetch_all!(
        c,
        (i64,),
        "SELECT DISTINCT a.year FROM assessments a JOIN assessment_criteria ac ON ac.assessment_id = a.id JOIN recognitions r ON r.set_code = a.set_code AND r.subject_type = a.subject_type AND r.subject_id = a.subject_id WHERE a.subject_type = $1 AND a.subject_id = $2 AND a.status <> 'draft' AND ac.result = 'not_met' AND r.withdrawn_date IS NULL AND a.year > r.recognised_year ORDER BY a.year",
        subject_type,
        subject_id
    )
    .map(|r| r.into_iter().map(|(y,)| y).collect())
}
