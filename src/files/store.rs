//! The file store's rows: one `stored_files` row per distinct content (by SHA-256) and one
//! `attachments` row per file attached to something (a figure of a sheet, an indicator of an
//! assessment), with the name it was given, who uploaded it and when.

use chrono::{DateTime, Utc};

use super::Accepted;
use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// What an attachment hangs on: `kind` names the table ("figure_sheet", "assessment"), `id` the
/// row, `slot` the indicator inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner<'a> {
    pub kind: &'a str,
    pub id: i64,
    pub slot: i64,
}

/// One attached file as listings show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Attachment {
    pub id: i64,
    pub slot: i64,
    pub sha256: String,
    pub name: String,
    pub size: i64,
    pub media_type: String,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
}

/// Records the content once (a second upload of the same bytes finds the row) and attaches it
/// to `owner` under the name given. Returns the attachment's id.
pub async fn attach(
    tx: &mut impl DbConn,
    file: &Accepted,
    owner: Owner<'_>,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    register(tx, &file.sha256, file.size, file.kind.media_type(), now).await?;
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO attachments (sha256, owner_kind, owner_id, slot, name, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        &file.sha256,
        owner.kind,
        owner.id,
        owner.slot,
        &file.name,
        user_id,
        now
    )
}

const LISTED: &str = "SELECT a.id, a.slot, a.sha256, a.name, f.size, f.media_type, u.full_name AS uploaded_by, a.uploaded_at FROM attachments a JOIN stored_files f ON f.sha256 = a.sha256 JOIN users u ON u.id = a.uploaded_by";

/// The files attached to `kind`/`id` and not removed, by slot then upload order.
pub async fn of(c: &mut impl DbConn, kind: &str, id: i64) -> Result<Vec<Attachment>, sqlx::Error> {
    fetch_all!(
        c,
        Attachment,
        &format!(
            "{LISTED} WHERE a.owner_kind = $1 AND a.owner_id = $2 AND a.removed_at IS NULL ORDER BY a.slot, a.id"
        ),
        kind,
        id
    )
}

/// One attachment of `kind`/`id` by its own id, if it is still attached.
pub async fn one(
    c: &mut impl DbConn,
    kind: &str,
    id: i64,
    attachment_id: i64,
) -> Result<Option<Attachment>, sqlx::Error> {
    fetch_optional!(
        c,
        Attachment,
        &format!(
            "{LISTED} WHERE a.owner_kind = $1 AND a.owner_id = $2 AND a.id = $3 AND a.removed_at IS NULL"
        ),
        kind,
        id,
        attachment_id
    )
}

/// Marks an attachment removed (the row stays for the audit trail; the content stays in the
/// store, where another attachment may use it). Returns whether a row changed.
pub async fn remove(
    tx: &mut impl DbConn,
    kind: &str,
    id: i64,
    attachment_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = execute!(
        tx,
        "UPDATE attachments SET removed_at = $1, removed_by = $2 WHERE owner_kind = $3 AND owner_id = $4 AND id = $5 AND removed_at IS NULL",
        now,
        user_id,
        kind,
        id,
        attachment_id
    )?;
    Ok(done > 0)
}

/// The media type the store recorded for `sha256`, if it holds that content.
pub async fn media_type(c: &mut impl DbConn, sha256: &str) -> Result<Option<String>, sqlx::Error> {
    fetch_optional!(
        c,
        (String,),
        "SELECT media_type FROM stored_files WHERE sha256 = $1",
        sha256
    )
    .map(|r| r.map(|(t,)| t))
}

/// Every stored content's key and size, for backup and restore to check against the blobs.
pub async fn all(c: &mut impl DbConn) -> Result<Vec<(String, i64)>, sqlx::Error> {
    fetch_all!(
        c,
        (String, i64),
        "SELECT sha256, size FROM stored_files ORDER BY sha256"
    )
}

/// Figure evidence recorded before the store existed: keys the figures name that have no
/// `stored_files` row yet, with one figure's name for each.
pub async fn unregistered_figure_keys(
    c: &mut impl DbConn,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (String, String),
        "SELECT f.evidence_key, MIN(f.evidence_name) FROM figures f WHERE f.evidence_key <> '' AND NOT EXISTS (SELECT 1 FROM stored_files s WHERE s.sha256 = f.evidence_key) GROUP BY f.evidence_key"
    )
}

/// Records content once by its hash (a second time finds the row), without attaching it.
pub async fn register(
    tx: &mut impl DbConn,
    sha256: &str,
    size: i64,
    media_type: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO stored_files (sha256, size, media_type, stored_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING",
        sha256,
        size,
        media_type,
        now
    )
}
