//! What the matrix, the verification queue, the to-do list, the timeline and the public pages
//! read: assessments and criterion results across subjects, one query each.

use chrono::{DateTime, Utc};

use super::matrix::StoredCell;
use crate::db::DbConn;
use crate::fetch_all;

/// Every stored cell of `subject_type` subjects ("unit", "household") of `set_code` for `year`
/// filled at or below `path`.
pub async fn matrix_cells(
    c: &mut impl DbConn,
    set_code: &str,
    year: i64,
    path: &str,
    subject_type: &str,
) -> Result<Vec<StoredCell>, sqlx::Error> {
    fetch_all!(
        c,
        StoredCell,
        "SELECT a.subject_id, a.id AS assessment_id, a.status, cr.number, ac.result, ac.review FROM assessments a JOIN units u ON u.id = a.unit_id JOIN assessment_criteria ac ON ac.assessment_id = a.id JOIN criteria cr ON cr.id = ac.criterion_id WHERE a.set_code = $1 AND a.year = $2 AND a.subject_type = $4 AND u.path LIKE $3 || '%'",
        set_code,
        year,
        path,
        subject_type
    )
}

/// The households assessed under `set_code` for `year` at or below `path`, as (id, name), by
/// unit then name: a household set's matrix has a row per household assessed.
pub async fn assessed_households(
    c: &mut impl DbConn,
    set_code: &str,
    year: i64,
    path: &str,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, String),
        "SELECT h.id, 'Hộ ' || h.head_name || ' (' || u.name || ')' FROM assessments a JOIN households h ON h.id = a.subject_id JOIN units u ON u.id = a.unit_id WHERE a.set_code = $1 AND a.year = $2 AND a.subject_type = 'household' AND u.path LIKE $3 || '%' ORDER BY u.path, h.sort_key",
        set_code,
        year,
        path
    )
}

/// A criterion waiting for an office: which assessment, which criterion, since when.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Waiting {
    pub assessment_id: i64,
    pub subject_name: String,
    pub set_name: String,
    pub year: i64,
    pub number: i64,
    pub criterion: String,
    pub owner_unit_id: i64,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// The criteria owned by `offices` that wait for verification in sent assessments, oldest
/// submission first.
pub async fn waiting_for(
    c: &mut impl DbConn,
    offices: &[i64],
    limit: i64,
) -> Result<Vec<Waiting>, sqlx::Error> {
    if offices.is_empty() {
        return Ok(Vec::new());
    }
    let ids = offices
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    fetch_all!(
        c,
        Waiting,
        &format!(
            "SELECT a.id AS assessment_id, {} AS subject_name, s.name AS set_name, a.year, cr.number, cr.name AS criterion, cr.owner_unit_id, a.submitted_at FROM assessment_criteria ac JOIN assessments a ON a.id = ac.assessment_id JOIN criteria cr ON cr.id = ac.criterion_id JOIN criteria_sets s ON s.id = a.set_id WHERE ac.review = 'pending' AND a.status IN ('submitted', 'returned') AND cr.owner_unit_id IN ({ids}) ORDER BY a.submitted_at, a.id, cr.number LIMIT $1",
            super::assess_store::SUBJECT_NAME
        ),
        limit
    )
}

/// A rejected criterion or a reopened assessment waiting for the subject's officer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ToFix {
    pub assessment_id: i64,
    pub subject_name: String,
    pub set_name: String,
    pub year: i64,
    pub status: String,
    pub number: Option<i64>,
    pub criterion: Option<String>,
    pub reason: Option<String>,
}

/// What waits for the officers at or above `path`: rejected criteria of returned assessments.
pub async fn to_fix(
    c: &mut impl DbConn,
    path: &str,
    limit: i64,
) -> Result<Vec<ToFix>, sqlx::Error> {
    fetch_all!(
        c,
        ToFix,
        &format!(
            "SELECT a.id AS assessment_id, {} AS subject_name, s.name AS set_name, a.year, a.status, cr.number, cr.name AS criterion, ac.reason FROM assessments a JOIN units u ON u.id = a.unit_id JOIN criteria_sets s ON s.id = a.set_id LEFT JOIN assessment_criteria ac ON ac.assessment_id = a.id AND ac.review = 'rejected' LEFT JOIN criteria cr ON cr.id = ac.criterion_id WHERE a.status = 'returned' AND ac.criterion_id IS NOT NULL AND u.path LIKE $1 || '%' ORDER BY a.id, cr.number LIMIT $2",
            super::assess_store::SUBJECT_NAME
        ),
        path,
        limit
    )
}

/// Verified assessments at or below `path` with every criterion met and no recognition of the
/// set yet: a recognition due for the level above.
pub async fn recognition_due(
    c: &mut impl DbConn,
    path: &str,
    limit: i64,
) -> Result<Vec<(i64, String, String, i64)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, String, String, i64),
        &format!(
            "SELECT a.id, {} AS subject_name, s.name, a.year FROM assessments a JOIN units u ON u.id = a.unit_id JOIN criteria_sets s ON s.id = a.set_id WHERE a.status = 'verified' AND u.path LIKE $1 || '%' AND u.path <> $1 AND NOT EXISTS (SELECT 1 FROM assessment_criteria ac WHERE ac.assessment_id = a.id AND ac.result <> 'met') AND NOT EXISTS (SELECT 1 FROM recognitions r WHERE r.set_code = a.set_code AND r.subject_type = a.subject_type AND r.subject_id = a.subject_id AND r.withdrawn_date IS NULL) ORDER BY a.year DESC, a.id LIMIT $2",
            super::assess_store::SUBJECT_NAME
        ),
        path,
        limit
    )
}

/// One assessment of a subject's timeline with its criteria met out of all.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TimelineRow {
    pub id: i64,
    pub set_code: String,
    pub set_name: String,
    pub year: i64,
    pub status: String,
    pub met: i64,
    pub total: i64,
    pub not_met: i64,
}

/// Every assessment of a subject across years and sets, newest year first.
pub async fn timeline(
    c: &mut impl DbConn,
    subject_type: &str,
    subject_id: i64,
) -> Result<Vec<TimelineRow>, sqlx::Error> {
    fetch_all!(
        c,
        TimelineRow,
        "SELECT a.id, a.set_code, s.name AS set_name, a.year, a.status, (SELECT COUNT(*) FROM assessment_criteria ac WHERE ac.assessment_id = a.id AND ac.result = 'met') AS met, (SELECT COUNT(*) FROM criteria cr WHERE cr.set_id = a.set_id) AS total, (SELECT COUNT(*) FROM assessment_criteria ac WHERE ac.assessment_id = a.id AND ac.result = 'not_met') AS not_met FROM assessments a JOIN criteria_sets s ON s.id = a.set_id WHERE a.subject_type = $1 AND a.subject_id = $2 ORDER BY a.year DESC, s.name",
        subject_type,
        subject_id
    )
}

/// For the public page: per criterion of the unit's newest sent assessment of each set, its
/// result, review and how many evidence files support it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicCriterion {
    pub assessment_id: i64,
    pub set_name: String,
    pub year: i64,
    pub status: String,
    pub number: i64,
    pub name: String,
    pub result: String,
    pub review: String,
    pub files: i64,
}

pub async fn public_criteria(
    c: &mut impl DbConn,
    unit_id: i64,
) -> Result<Vec<PublicCriterion>, sqlx::Error> {
    fetch_all!(
        c,
        PublicCriterion,
        "SELECT a.id AS assessment_id, s.name AS set_name, a.year, a.status, cr.number, cr.name, ac.result, ac.review, (SELECT COUNT(*) FROM attachments f WHERE f.owner_kind = 'assessment' AND f.owner_id = a.id AND f.slot = cr.id AND f.removed_at IS NULL) AS files FROM assessments a JOIN criteria_sets s ON s.id = a.set_id JOIN assessment_criteria ac ON ac.assessment_id = a.id JOIN criteria cr ON cr.id = ac.criterion_id WHERE a.subject_type = 'unit' AND a.subject_id = $1 AND a.status <> 'draft' AND a.year = (SELECT MAX(b.year) FROM assessments b WHERE b.subject_type = 'unit' AND b.subject_id = $1 AND b.set_code = a.set_code AND b.status <> 'draft') ORDER BY s.name, cr.number",
        unit_id
    )
}

/// A ward's or commune's standing in one set: its newest sent assessment's criteria met, and
/// whether it holds the recognition (for the targets dashboard).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Standing {
    pub assessment_id: i64,
    pub subject_name: String,
    pub set_name: String,
    pub year: i64,
    pub status: String,
    pub met: i64,
    pub total: i64,
    pub recognised: Option<String>,
}

/// The newest sent assessment of every ward and commune at or below `path`, per set.
pub async fn standings(c: &mut impl DbConn, path: &str) -> Result<Vec<Standing>, sqlx::Error> {
    fetch_all!(
        c,
        Standing,
        "SELECT a.id AS assessment_id, u.name AS subject_name, s.name AS set_name, a.year, a.status, (SELECT COUNT(*) FROM assessment_criteria ac WHERE ac.assessment_id = a.id AND ac.result = 'met') AS met, (SELECT COUNT(*) FROM criteria cr WHERE cr.set_id = a.set_id) AS total, (SELECT MIN(r.decision_number) FROM recognitions r WHERE r.set_code = a.set_code AND r.subject_type = 'unit' AND r.subject_id = a.subject_id AND r.withdrawn_date IS NULL) AS recognised FROM assessments a JOIN units u ON u.id = a.subject_id JOIN criteria_sets s ON s.id = a.set_id WHERE a.subject_type = 'unit' AND u.kind IN ('ward', 'commune') AND u.path LIKE $1 || '%' AND a.status <> 'draft' AND a.year = (SELECT MAX(b.year) FROM assessments b WHERE b.subject_type = 'unit' AND b.subject_id = a.subject_id AND b.set_code = a.set_code AND b.status <> 'draft') ORDER BY u.path, s.name",
        path
    )
}

/// Backsliding subjects at or below `path` (see `recognition_store::backsliding_in`), named:
/// (assessment id, subject, set, year).
pub async fn backsliding_named(
    c: &mut impl DbConn,
    path: &str,
) -> Result<Vec<(i64, String, String, i64)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, String, String, i64),
        &format!(
            "SELECT DISTINCT a.id, {} AS subject_name, s.name, a.year FROM assessments a JOIN units u ON u.id = a.unit_id JOIN criteria_sets s ON s.id = a.set_id JOIN assessment_criteria ac ON ac.assessment_id = a.id JOIN recognitions r ON r.set_code = a.set_code AND r.subject_type = a.subject_type AND r.subject_id = a.subject_id WHERE u.path LIKE $1 || '%' AND a.status <> 'draft' AND ac.result = 'not_met' AND r.withdrawn_date IS NULL AND a.year > r.recognised_year ORDER BY a.year DESC, a.id",
            super::assess_store::SUBJECT_NAME
        ),
        path
    )
}

/// The id of the section-II indicator `code` when it is computed from `source` records
/// ("criteria", "ocop").
pub async fn fed_indicator(
    c: &mut impl DbConn,
    code: &str,
    source: &str,
) -> Result<Option<i64>, sqlx::Error> {
    crate::fetch_optional!(
        c,
        (i64,),
        "SELECT id FROM indicators WHERE code = $1 AND computed_from = $2",
        code,
        source
    )
    .map(|r| r.map(|(id,)| id))
}

/// The units of `kind` (or, with `or_kind`, of either kind) strictly below `path` with their
/// validity: the wards a civilised-ward figure counts, the wards and communes an OCOP one does.
pub async fn units_below(
    c: &mut impl DbConn,
    path: &str,
    kind: &str,
    or_kind: &str,
) -> Result<Vec<(String, Option<chrono::NaiveDate>, Option<chrono::NaiveDate>)>, sqlx::Error> {
    fetch_all!(
        c,
        (String, Option<chrono::NaiveDate>, Option<chrono::NaiveDate>),
        "SELECT path, valid_from, valid_to FROM units WHERE kind IN ($2, $3) AND path LIKE $1 || '%' AND path <> $1",
        path,
        kind,
        or_kind
    )
}
