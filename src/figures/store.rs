//! SQL for figure sheets, their values and their history.

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Sheet {
    pub id: i64,
    pub unit_id: i64,
    pub year: i64,
    pub status: String,
    pub is_demo: bool,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

impl Sheet {
    pub fn status(&self) -> super::SheetStatus {
        super::SheetStatus::from_code(&self.status)
    }
}

/// One stored figure of a sheet.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Figure {
    pub indicator_id: i64,
    pub value: Option<f64>,
    pub comment: String,
    pub evidence_name: String,
    pub evidence_key: String,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Event {
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub reason: String,
    pub user_name: String,
    pub at: DateTime<Utc>,
}

pub async fn sheet(
    c: &mut impl DbConn,
    unit_id: i64,
    year: i64,
) -> Result<Option<Sheet>, sqlx::Error> {
    fetch_optional!(
        c,
        Sheet,
        "SELECT id, unit_id, year, status, is_demo, version, updated_at FROM figure_sheets WHERE unit_id = $1 AND year = $2",
        unit_id,
        year
    )
}

/// The sheet, created as a draft the first time anything is saved into it.
pub async fn sheet_for_writing(
    tx: &mut impl DbConn,
    unit_id: i64,
    year: i64,
    now: DateTime<Utc>,
) -> Result<Sheet, sqlx::Error> {
    claim_sheet(tx, unit_id, year, now).await.map(|(s, _)| s)
}

/// The sheet as it stands inside the write transaction, and whether this call created it.
/// Two first saves racing for the same unit and year both reach the UNIQUE (unit_id, year)
/// row: `ON CONFLICT DO NOTHING` makes the loser wait for the winner and then find its sheet
/// (on PostgreSQL; SQLite's `BEGIN IMMEDIATE` already serialises them) instead of failing, so
/// the caller can compare versions and answer 409.
pub async fn claim_sheet(
    tx: &mut impl DbConn,
    unit_id: i64,
    year: i64,
    now: DateTime<Utc>,
) -> Result<(Sheet, bool), sqlx::Error> {
    let created = execute!(
        tx,
        "INSERT INTO figure_sheets (unit_id, year, status, version, updated_at) VALUES ($1, $2, 'draft', 1, $3) \
         ON CONFLICT (unit_id, year) DO NOTHING",
        unit_id,
        year,
        now
    )? == 1;
    let sheet = sheet(tx, unit_id, year)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    Ok((sheet, created))
}

/// Why a sheet could not be moved when someone else changed it first.
pub const MOVED_ELSEWHERE: &str = "Bảng số liệu vừa được thay đổi ở nơi khác; hãy tải lại trang.";

/// Moves `sheet` by `action`. The new state comes only from `figures::transition`, and the row
/// changes only if its version is still the one read, so a handler can neither set a state
/// directly nor move a sheet someone else just moved. The moved sheet, or why not.
pub async fn apply(
    tx: &mut impl DbConn,
    sheet: &Sheet,
    action: super::Action,
    now: DateTime<Utc>,
) -> Result<Result<Sheet, &'static str>, sqlx::Error> {
    let to = match super::transition(sheet.status(), action) {
        Ok(to) => to,
        Err(why) => return Ok(Err(why)),
    };
    if !set_status(tx, sheet, to.code(), now).await? {
        return Ok(Err(MOVED_ELSEWHERE));
    }
    Ok(Ok(Sheet {
        status: to.code().into(),
        version: sheet.version + 1,
        updated_at: now,
        ..sheet.clone()
    }))
}

pub async fn figures(
    c: &mut impl DbConn,
    unit_id: i64,
    year: i64,
) -> Result<Vec<Figure>, sqlx::Error> {
    fetch_all!(
        c,
        Figure,
        "SELECT indicator_id, value, comment, evidence_name, evidence_key FROM figures WHERE unit_id = $1 AND year = $2",
        unit_id,
        year
    )
}

/// Writes one figure and its comment, keeping any evidence already attached.
pub async fn put_figure(
    tx: &mut impl DbConn,
    sheet: &Sheet,
    indicator_id: i64,
    value: Option<f64>,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let n = execute!(
        tx,
        "UPDATE figures SET value = $1, comment = $2, updated_at = $3 WHERE unit_id = $4 AND year = $5 AND indicator_id = $6",
        value,
        comment,
        now,
        sheet.unit_id,
        sheet.year,
        indicator_id
    )?;
    if n > 0 {
        return Ok(n);
    }
    execute!(
        tx,
        "INSERT INTO figures (sheet_id, unit_id, year, indicator_id, value, comment, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        sheet.id,
        sheet.unit_id,
        sheet.year,
        indicator_id,
        value,
        comment,
        now
    )
}

pub async fn set_evidence(
    tx: &mut impl DbConn,
    sheet: &Sheet,
    indicator_id: i64,
    name: &str,
    key: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    put_figure_if_missing(tx, sheet, indicator_id, now).await?;
    execute!(
        tx,
        "UPDATE figures SET evidence_name = $1, evidence_key = $2, updated_at = $3 WHERE unit_id = $4 AND year = $5 AND indicator_id = $6",
        name,
        key,
        now,
        sheet.unit_id,
        sheet.year,
        indicator_id
    )
}

async fn put_figure_if_missing(
    tx: &mut impl DbConn,
    sheet: &Sheet,
    indicator_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let exists = fetch_scalar!(
        tx,
        i64,
        "SELECT COUNT(*) FROM figures WHERE unit_id = $1 AND year = $2 AND indicator_id = $3",
        sheet.unit_id,
        sheet.year,
        indicator_id
    )?;
    if exists == 0 {
        put_figure(tx, sheet, indicator_id, None, "", now).await?;
    }
    Ok(())
}

/// Marks a sheet as demo data (`thidua demo`), so pages can say so.
pub async fn mark_demo(tx: &mut impl DbConn, sheet_id: i64) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE figure_sheets SET is_demo = TRUE WHERE id = $1",
        sheet_id
    )
}

/// Writes `status` if nobody moved the sheet since `version` was read, and keeps the subtree
/// totals above the unit (`summary::keep::sheet_moved`). Only tests and `apply`/`touch` call
/// this; handlers move sheets with `apply`.
pub async fn set_status(
    tx: &mut impl DbConn,
    sheet: &Sheet,
    status: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = execute!(
        tx,
        "UPDATE figure_sheets SET status = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4",
        status,
        now,
        sheet.id,
        sheet.version
    )?;
    if n == 1 {
        // The totals above follow in the same transaction (issue 9).
        crate::summary::keep::sheet_moved(
            tx,
            sheet.unit_id,
            sheet.id,
            sheet.year,
            &sheet.status,
            status,
        )
        .await?;
    }
    Ok(n == 1)
}

/// Bumps the version of an editable sheet, so a save and a submit cannot cross unnoticed.
pub async fn touch(
    tx: &mut impl DbConn,
    sheet: &Sheet,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    set_status(tx, sheet, &sheet.status, now).await
}

#[allow(clippy::too_many_arguments)]
pub async fn add_event(
    tx: &mut impl DbConn,
    sheet_id: i64,
    action: &str,
    from: &str,
    to: &str,
    reason: &str,
    user: (Option<i64>, &str),
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO sheet_events (sheet_id, action, from_status, to_status, reason, user_id, user_name, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        sheet_id,
        action,
        from,
        to,
        reason,
        user.0,
        user.1,
        now
    )
}

/// Everyone who has had their hands on a sheet: typed or imported figures, attached evidence
/// (the audit log) or submitted it (its history); user ids, for `may_approve_as`.
pub async fn hands_on(c: &mut impl DbConn, sheet_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = fetch_all!(
        c,
        (i64,),
        "SELECT actor_id FROM audit_log WHERE object_kind = 'figure_sheet' AND object_id = $1 \
         AND action IN ('figures.save', 'figures.submit', 'figures.import', 'figures.evidence') \
         AND actor_id IS NOT NULL \
         UNION SELECT user_id FROM sheet_events WHERE sheet_id = $2 AND action = 'submit' \
         AND user_id IS NOT NULL",
        sheet_id.to_string(),
        sheet_id
    )?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

pub async fn events(c: &mut impl DbConn, sheet_id: i64) -> Result<Vec<Event>, sqlx::Error> {
    fetch_all!(
        c,
        Event,
        "SELECT action, from_status, to_status, reason, user_name, at FROM sheet_events WHERE sheet_id = $1 ORDER BY id",
        sheet_id
    )
}

/// Writes many figures at once (benchmarks and bulk loads): rows of (sheet id, unit id, year,
/// indicator id, value). Every value is a number, so the statement is built from numbers only.
pub async fn insert_many(
    tx: &mut impl DbConn,
    rows: &[(i64, i64, i64, i64, f64)],
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let mut written = 0;
    for chunk in rows.chunks(1000) {
        let values: Vec<String> = chunk
            .iter()
            .filter(|r| r.4.is_finite())
            .map(|(s, u, y, i, v)| format!("({s}, {u}, {y}, {i}, {v:?}, '', $1)"))
            .collect();
        if values.is_empty() {
            continue;
        }
        written += execute!(
            tx,
            &format!(
                "INSERT INTO figures (sheet_id, unit_id, year, indicator_id, value, comment, updated_at) VALUES {}",
                values.join(", ")
            ),
            now
        )?;
    }
    Ok(written)
}

/// Creates an approved sheet (benchmarks and bulk loads); its id. Bypasses the kept totals:
/// a bulk load ends with `summary::keep::rebuild`.
pub async fn insert_approved(
    tx: &mut impl DbConn,
    unit_id: i64,
    year: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO figure_sheets (unit_id, year, status, version, updated_at) VALUES ($1, $2, 'approved', 1, $3) RETURNING id",
        unit_id,
        year,
        now
    )
}
