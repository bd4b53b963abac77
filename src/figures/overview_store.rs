//! Queries that read many units' sheets at once: the lines of the completeness page and the
//! open sheets the to-do list is built from.

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::fetch_all;
use crate::units::Unit;
use crate::units::store::COLUMNS as UNIT_COLUMNS;

/// One line of the completeness page: a unit that reports, its sheet's status that year if it
/// has a sheet, and when the sheet was first sent (the first `submit` in its history).
#[derive(Debug, sqlx::FromRow)]
pub struct ReportingUnit {
    #[sqlx(flatten)]
    pub unit: Unit,
    pub status: Option<String>,
    /// The sheet's version (what a tick on "duyệt các bảng đã chọn" carries).
    pub sheet_version: Option<i64>,
    pub first_sent: Option<DateTime<Utc>>,
    /// Who sent it that first time, as the history names them.
    pub first_sender: Option<String>,
}

/// The units under `path` (itself included) whose kind enters any indicator, valid in `year`,
/// with their sheet's status and first submission that year if they have a sheet. With
/// `near` (the id of the unit at `path`), only that unit and its direct children: the
/// completeness page lists those one by one and counts the rest from the kept totals.
pub async fn reporting_units(
    c: &mut impl DbConn,
    path: &str,
    year: i64,
    near: Option<i64>,
) -> Result<Vec<ReportingUnit>, sqlx::Error> {
    let (lo, hi) = crate::units::subtree_bounds(path);
    let first = chrono::NaiveDate::from_ymd_opt(year as i32, 1, 1);
    let last = chrono::NaiveDate::from_ymd_opt(year as i32, 12, 31);
    // Event ids grow with time, so the lowest id is the first submission; ordering by id
    // avoids comparing instants stored as text on SQLite.
    fetch_all!(
        c,
        ReportingUnit,
        &format!(
            "SELECT {UNIT_COLUMNS}, s.status, s.version AS sheet_version, \
             (SELECT e.at FROM sheet_events e WHERE e.sheet_id = s.id AND e.action = 'submit' \
              ORDER BY e.id LIMIT 1) AS first_sent, \
             (SELECT e.user_name FROM sheet_events e WHERE e.sheet_id = s.id AND e.action = 'submit' \
              ORDER BY e.id LIMIT 1) AS first_sender \
             FROM units u \
             LEFT JOIN figure_sheets s ON s.unit_id = u.id AND s.year = $2 \
             WHERE u.path >= $1 AND u.path < $5 AND u.kind IN (SELECT DISTINCT kind FROM indicator_kinds) \
             AND (u.valid_from IS NULL OR u.valid_from <= $4) AND (u.valid_to IS NULL OR u.valid_to >= $3) \
             AND ($6 IS NULL OR u.id = $6 OR u.parent_id = $6) \
             ORDER BY LENGTH(u.path), u.sort_key"
        ),
        &lo,
        year,
        first,
        last,
        &hi,
        near
    )
}

/// A sheet still moving (draft, submitted or returned) with the last step of its history.
#[derive(Debug, sqlx::FromRow)]
pub struct OpenSheet {
    pub sheet_id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_path: String,
    pub year: i64,
    pub status: String,
    pub last_action: Option<String>,
    pub last_reason: Option<String>,
    pub last_by: Option<String>,
    pub last_at: Option<DateTime<Utc>>,
}

/// The open sheets of the units under `path` (itself included), newest year first, at most
/// 500 — what the to-do list is built from.
pub async fn open_sheets(c: &mut impl DbConn, path: &str) -> Result<Vec<OpenSheet>, sqlx::Error> {
    let (lo, hi) = crate::units::subtree_bounds(path);
    fetch_all!(
        c,
        OpenSheet,
        "SELECT s.id AS sheet_id, u.id AS unit_id, u.name AS unit_name, u.path AS unit_path, \
         s.year, s.status, e.action AS last_action, e.reason AS last_reason, \
         e.user_name AS last_by, e.at AS last_at \
         FROM figure_sheets s JOIN units u ON u.id = s.unit_id \
         LEFT JOIN sheet_events e ON e.id = (SELECT MAX(x.id) FROM sheet_events x WHERE x.sheet_id = s.id) \
         WHERE u.path >= $1 AND u.path < $2 AND s.status IN ('draft', 'submitted', 'returned') \
         ORDER BY s.year DESC, LENGTH(u.path), u.sort_key LIMIT 500",
        &lo,
        &hi
    )
}
