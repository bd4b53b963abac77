//! Assessments, their indicator values and their per-criterion results and reviews.

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// One assessment with its subject's name and the unit that fills it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AssessmentRow {
    pub id: i64,
    pub set_id: i64,
    pub set_code: String,
    pub set_name: String,
    pub subject_type: String,
    pub subject_id: i64,
    pub subject_name: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_path: String,
    pub year: i64,
    pub status: String,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
}

impl AssessmentRow {
    pub fn status(&self) -> super::assess::Status {
        super::assess::Status::from_code(&self.status)
    }
}

/// The subject's name: the unit's, or "Hộ <head>" for a household.
pub const SUBJECT_NAME: &str = "CASE WHEN a.subject_type = 'unit' THEN (SELECT su.name FROM units su WHERE su.id = a.subject_id) ELSE (SELECT 'Hộ ' || h.head_name FROM households h WHERE h.id = a.subject_id) END";

fn select() -> String {
    format!(
        "SELECT a.id, a.set_id, a.set_code, s.name AS set_name, a.subject_type, a.subject_id, {SUBJECT_NAME} AS subject_name, a.unit_id, u.name AS unit_name, u.path AS unit_path, a.year, a.status, a.version, a.updated_at, a.submitted_at FROM assessments a JOIN criteria_sets s ON s.id = a.set_id JOIN units u ON u.id = a.unit_id"
    )
}

pub async fn find(c: &mut impl DbConn, id: i64) -> Result<Option<AssessmentRow>, sqlx::Error> {
    fetch_optional!(
        c,
        AssessmentRow,
        &format!("{} WHERE a.id = $1", select()),
        id
    )
}

/// The assessment of a subject for a set code and year, whatever version it was made under.
pub async fn find_for(
    c: &mut impl DbConn,
    set_code: &str,
    subject_type: &str,
    subject_id: i64,
    year: i64,
) -> Result<Option<i64>, sqlx::Error> {
    fetch_optional!(
        c,
        (i64,),
        "SELECT id FROM assessments WHERE set_code = $1 AND subject_type = $2 AND subject_id = $3 AND year = $4",
        set_code,
        subject_type,
        subject_id,
        year
    )
    .map(|r| r.map(|(id,)| id))
}

/// What a new assessment is about.
pub struct NewAssessment<'a> {
    pub set_id: i64,
    pub set_code: &'a str,
    pub subject_type: &'a str,
    pub subject_id: i64,
    pub unit_id: i64,
    pub year: i64,
}

pub async fn create(
    tx: &mut impl DbConn,
    a: &NewAssessment<'_>,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO assessments (set_id, set_code, subject_type, subject_id, unit_id, year, status, version, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'draft', 1, $7, $8, $8) RETURNING id",
        a.set_id,
        a.set_code,
        a.subject_type,
        a.subject_id,
        a.unit_id,
        a.year,
        user_id,
        now
    )
}

/// Filters of the assessment list; `path` is the scope (units at or below it).
pub struct Filter<'a> {
    pub path: &'a str,
    pub set_code: &'a str,
    pub year: Option<i64>,
    pub status: &'a str,
}

fn where_of(f: &Filter<'_>) -> &'static str {
    let _ = f;
    "WHERE u.path LIKE $1 || '%' AND ($2 = '' OR a.set_code = $2) AND ($3 = 0 OR a.year = $3) AND ($4 = '' OR a.status = $4)"
}

/// One page of the assessments in scope, newest year first, then by subject.
pub async fn list(
    c: &mut impl DbConn,
    f: &Filter<'_>,
    limit: i64,
    offset: i64,
) -> Result<Vec<AssessmentRow>, sqlx::Error> {
    fetch_all!(
        c,
        AssessmentRow,
        &format!(
            "{} {} ORDER BY a.year DESC, s.name, u.path, a.id LIMIT $5 OFFSET $6",
            select(),
            where_of(f)
        ),
        f.path,
        f.set_code,
        f.year.unwrap_or(0),
        f.status,
        limit,
        offset
    )
}

pub async fn count(c: &mut impl DbConn, f: &Filter<'_>) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        &format!(
            "SELECT COUNT(*) FROM assessments a JOIN units u ON u.id = a.unit_id {}",
            where_of(f)
        ),
        f.path,
        f.set_code,
        f.year.unwrap_or(0),
        f.status
    )
}

/// One indicator's stored value.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ValueRow {
    pub indicator_id: i64,
    pub value: Option<i64>,
    pub judged: Option<String>,
    pub target: Option<i64>,
    pub verdict: String,
    pub note: String,
    pub entered_by: String,
    pub entered_at: DateTime<Utc>,
}

pub async fn values_of(c: &mut impl DbConn, id: i64) -> Result<Vec<ValueRow>, sqlx::Error> {
    fetch_all!(
        c,
        ValueRow,
        "SELECT v.indicator_id, v.value, v.judged, v.target, v.verdict, v.note, u.full_name AS entered_by, v.entered_at FROM assessment_values v JOIN users u ON u.id = v.entered_by WHERE v.assessment_id = $1",
        id
    )
}

/// A value to store, with the target and verdict it was judged with.
pub struct PutValue<'a> {
    pub indicator_id: i64,
    pub value: Option<i64>,
    pub judged: Option<&'a str>,
    pub target: Option<i64>,
    pub verdict: &'a str,
    pub note: &'a str,
}

pub async fn put_value(
    tx: &mut impl DbConn,
    id: i64,
    v: &PutValue<'_>,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO assessment_values (assessment_id, indicator_id, value, judged, target, verdict, note, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (assessment_id, indicator_id) DO UPDATE SET value = excluded.value, judged = excluded.judged, target = excluded.target, verdict = excluded.verdict, note = excluded.note, entered_by = excluded.entered_by, entered_at = excluded.entered_at",
        id,
        v.indicator_id,
        v.value,
        v.judged,
        v.target,
        v.verdict,
        v.note,
        user_id,
        now
    )
}

/// One criterion's result and review in an assessment.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CriterionState {
    pub criterion_id: i64,
    pub result: String,
    pub review: String,
    pub reason: String,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
}

pub async fn criteria_states(
    c: &mut impl DbConn,
    id: i64,
) -> Result<Vec<CriterionState>, sqlx::Error> {
    fetch_all!(
        c,
        CriterionState,
        "SELECT s.criterion_id, s.result, s.review, s.reason, u.full_name AS reviewed_by, s.reviewed_at FROM assessment_criteria s LEFT JOIN users u ON u.id = s.reviewed_by WHERE s.assessment_id = $1",
        id
    )
}

/// Stores a criterion's result; a changed result sends a verified criterion back to pending
/// (what the office verified is no longer what is there), a rejected one keeps its reason.
pub async fn put_result(
    tx: &mut impl DbConn,
    id: i64,
    criterion_id: i64,
    result: &str,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO assessment_criteria (assessment_id, criterion_id, result, review) VALUES ($1, $2, $3, 'pending') ON CONFLICT (assessment_id, criterion_id) DO UPDATE SET result = excluded.result, review = CASE WHEN assessment_criteria.review = 'verified' AND assessment_criteria.result <> excluded.result THEN 'pending' ELSE assessment_criteria.review END",
        id,
        criterion_id,
        result
    )
}

/// A verified criterion whose values or evidence changed goes back to pending.
pub async fn unverify(
    tx: &mut impl DbConn,
    id: i64,
    criterion_id: i64,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE assessment_criteria SET review = 'pending', reviewed_by = NULL, reviewed_at = NULL WHERE assessment_id = $1 AND criterion_id = $2 AND review = 'verified'",
        id,
        criterion_id
    )
}

/// Records an office's review of a pending criterion; 0 rows when it was reviewed meanwhile.
pub async fn review(
    tx: &mut impl DbConn,
    id: i64,
    criterion_id: i64,
    review: &str,
    reason: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE assessment_criteria SET review = $3, reason = $4, reviewed_by = $5, reviewed_at = $6 WHERE assessment_id = $1 AND criterion_id = $2 AND review = 'pending'",
        id,
        criterion_id,
        review,
        reason,
        user_id,
        now
    )
}

/// On resubmission the rejected criteria wait for their office again (the reason stays for
/// the office to read what it asked for).
pub async fn rejected_to_pending(tx: &mut impl DbConn, id: i64) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE assessment_criteria SET review = 'pending' WHERE assessment_id = $1 AND review = 'rejected'",
        id
    )
}

/// Moves the assessment to `status` if it is still at `version`; false when it moved meanwhile.
pub async fn move_to(
    tx: &mut impl DbConn,
    id: i64,
    version: i64,
    status: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = execute!(
        tx,
        "UPDATE assessments SET status = $3, version = version + 1, updated_at = $4, submitted_at = CASE WHEN $3 = 'submitted' THEN $4 ELSE submitted_at END WHERE id = $1 AND version = $2",
        id,
        version,
        status,
        now
    )?;
    Ok(n == 1)
}

/// The reviews of every criterion, to decide the state after one of them changed.
pub async fn reviews(c: &mut impl DbConn, id: i64) -> Result<Vec<String>, sqlx::Error> {
    fetch_all!(
        c,
        (String,),
        "SELECT review FROM assessment_criteria WHERE assessment_id = $1",
        id
    )
    .map(|r| r.into_iter().map(|(s,)| s).collect())
}

/// Marks a save on an assessment still in the subject's hands at `version`; false when it moved
/// (sent, verified, or saved elsewhere) meanwhile.
pub async fn touch(
    tx: &mut impl DbConn,
    id: i64,
    version: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = execute!(
        tx,
        "UPDATE assessments SET version = version + 1, updated_at = $3 WHERE id = $1 AND version = $2 AND status IN ('draft', 'returned')",
        id,
        version,
        now
    )?;
    Ok(n == 1)
}

/// The active users holding a role at one of `units` (an office's staff, for notices).
pub async fn staff_of(c: &mut impl DbConn, unit_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    fetch_all!(
        c,
        (i64,),
        "SELECT DISTINCT r.user_id FROM user_roles r JOIN users s ON s.id = r.user_id WHERE r.unit_id = $1 AND s.active = $2",
        unit_id,
        true
    )
    .map(|r| r.into_iter().map(|(id,)| id).collect())
}

/// Every criterion result of the assessment back to pending review (a reopened assessment is
/// verified again after the subject's changes).
pub async fn all_to_pending(tx: &mut impl DbConn, id: i64) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE assessment_criteria SET review = 'pending', reviewed_by = NULL, reviewed_at = NULL WHERE assessment_id = $1",
        id
    )
}

/// The first `n` demo households with their unit, for the demo's household assessments.
pub async fn demo_households(c: &mut impl DbConn, n: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, i64),
        "SELECT id, unit_id FROM households WHERE is_demo = $1 ORDER BY id LIMIT $2",
        true,
        n
    )
}

/// The first administrator's id (who the demo's entries are recorded under), if any.
pub async fn first_admin(c: &mut impl DbConn) -> Result<Option<i64>, sqlx::Error> {
    fetch_optional!(
        c,
        (i64,),
        "SELECT MIN(user_id) FROM user_roles WHERE role = 'admin' HAVING COUNT(*) > 0"
    )
    .map(|r| r.map(|(id,)| id))
}
