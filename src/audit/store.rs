//! SQL for the audit chain. `record` must run inside the transaction whose change it records.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::checkpoint::{self, Checkpoint};
use super::{Actor, Break, Entry, GENESIS, check_end, entry_hash, verify_run};
use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// Appends one entry. Claiming the next number with an `UPDATE … RETURNING` on the single head
/// row locks it until commit, so concurrent writers append one after another on both engines.
pub async fn record(
    tx: &mut impl DbConn,
    at: DateTime<Utc>,
    actor: &Actor,
    action: &str,
    object_kind: &str,
    object_id: &str,
    details: &Value,
) -> Result<i64, sqlx::Error> {
    let (seq, prev): (i64, String) = fetch_optional!(
        tx,
        (i64, String),
        "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash"
    )?
    .ok_or(sqlx::Error::RowNotFound)?;
    let details = details.to_string();
    let hash = entry_hash(
        seq,
        at,
        actor.id,
        &actor.name,
        action,
        object_kind,
        object_id,
        &details,
        &prev,
    );
    execute!(
        tx,
        "INSERT INTO audit_log (seq, at, actor_id, actor_name, action, object_kind, object_id, details, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        seq,
        at,
        actor.id,
        &actor.name,
        action,
        object_kind,
        object_id,
        &details,
        &prev,
        &hash
    )?;
    execute!(tx, "UPDATE audit_head SET hash = $1 WHERE id = 1", &hash)?;
    Ok(seq)
}

/// Filters of the admin's audit page.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub action: Option<String>,
    pub object_kind: Option<String>,
    pub object_id: Option<String>,
    /// The accounts whose entries to keep (`describe::matching_accounts`); `None` for anyone.
    pub actors: Option<Vec<i64>>,
    /// Only entries about objects under this unit path (an Internal Affairs officer's scope,
    /// `names_store::in_scope`); `None` for the administrator's whole log.
    pub scope: Option<String>,
}

const COLUMNS: &str =
    "seq, at, actor_id, actor_name, action, object_kind, object_id, details, prev_hash, hash";

pub async fn list(
    c: &mut impl DbConn,
    f: &Filter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Entry>, i64), sqlx::Error> {
    // Ids are integers from the database, so listing them inline cannot inject anything; an
    // empty list matches nobody.
    let actors = match &f.actors {
        Some(ids) if !ids.is_empty() => ids
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        _ => "NULL".to_string(),
    };
    let cond = |scope: &str| {
        format!(
            "($1 = '' OR action LIKE $1 || '%') AND ($2 = '' OR object_kind = $2) \
             AND ($3 = '' OR object_id = $3) \
             AND ($4 = '' OR actor_id IN ({actors})) \
             AND ({scope} = '' OR {})",
            super::names_store::in_scope(scope)
        )
    };
    let a = f.action.clone().unwrap_or_default();
    let k = f.object_kind.clone().unwrap_or_default();
    let o = f.object_id.clone().unwrap_or_default();
    let u = if f.actors.is_some() { "có" } else { "" };
    let s = f.scope.clone().unwrap_or_default();
    let total = fetch_scalar!(
        c,
        i64,
        &format!("SELECT COUNT(*) FROM audit_log WHERE {}", cond("$5")),
        &a,
        &k,
        &o,
        &u,
        &s
    )?;
    let rows = fetch_all!(
        c,
        Entry,
        &format!(
            "SELECT {COLUMNS} FROM audit_log WHERE {} ORDER BY seq DESC LIMIT $6 OFFSET $7",
            cond("$5")
        ),
        &a,
        &k,
        &o,
        &u,
        &s,
        limit,
        offset
    )?;
    Ok((rows, total))
}

/// The head row: the number and hash of the last entry `record` appended.
pub async fn head(c: &mut impl DbConn) -> Result<Checkpoint, sqlx::Error> {
    let (seq, hash) = fetch_optional!(
        c,
        (i64, String),
        "SELECT seq, hash FROM audit_head WHERE id = 1"
    )?
    .ok_or(sqlx::Error::RowNotFound)?;
    Ok(Checkpoint { seq, hash })
}

/// Verifies the whole log: no row numbered below 1, no number twice, every entry from 1 to the
/// head present, unedited and linked to the one before, the head matching the last entry, and
/// nothing beyond the head. Gives the verified head, or the first break found.
///
/// Entries appended while this runs are numbered past the head read at the start; they are
/// left for the next check rather than reported.
pub async fn verify(c: &mut impl DbConn) -> Result<Result<Checkpoint, Break>, sqlx::Error> {
    let start = head(c).await?;
    let below_one = fetch_scalar!(
        c,
        Option<i64>,
        "SELECT MIN(seq) FROM audit_log WHERE seq < 1"
    )?;
    if let Some(seq) = below_one {
        return Ok(Err(Break::OutsideChain { seq }));
    }
    let twice = fetch_optional!(
        c,
        (i64,),
        "SELECT seq FROM audit_log GROUP BY seq HAVING COUNT(*) > 1 ORDER BY seq LIMIT 1"
    )?;
    if let Some((seq,)) = twice {
        return Ok(Err(Break::Duplicate { seq }));
    }
    let mut prev = GENESIS.to_string();
    let mut next = 1_i64;
    loop {
        let batch = fetch_all!(
            c,
            Entry,
            &format!(
                "SELECT {COLUMNS} FROM audit_log WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT 5000"
            ),
            next,
            start.seq
        )?;
        if batch.is_empty() {
            break;
        }
        match verify_run(&batch, prev, next) {
            Ok((p, n)) => {
                prev = p;
                next = n;
            }
            Err(b) => return Ok(Err(b)),
        }
    }
    if let Err(b) = check_end(start.seq, &start.hash, next - 1, &prev) {
        return Ok(Err(b));
    }
    let beyond = fetch_scalar!(
        c,
        Option<i64>,
        "SELECT MIN(seq) FROM audit_log WHERE seq > $1",
        start.seq
    )?;
    if let Some(seq) = beyond {
        // Re-read the head: an entry committed since the start is past the old head legitimately.
        let now = head(c).await?;
        if seq > now.seq {
            return Ok(Err(Break::BeyondHead {
                seq,
                head_seq: now.seq,
            }));
        }
    }
    Ok(Ok(start))
}

/// Compares the log with a checkpoint kept outside the database (see `checkpoint::check`).
pub async fn verify_checkpoint(
    c: &mut impl DbConn,
    cp: &Checkpoint,
) -> Result<Result<(), Break>, sqlx::Error> {
    let last = fetch_scalar!(c, Option<i64>, "SELECT MAX(seq) FROM audit_log")?.unwrap_or(0);
    let hash_at = fetch_optional!(
        c,
        (String,),
        "SELECT hash FROM audit_log WHERE seq = $1",
        cp.seq
    )?;
    Ok(checkpoint::check(
        cp,
        last,
        hash_at.as_ref().map(|(h,)| h.as_str()),
    ))
}
