//! SQL for the audit chain. `record` must run inside the transaction whose change it records.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{Actor, Break, Entry, GENESIS, entry_hash, verify_run};
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
    pub actor: Option<String>,
}

const COLUMNS: &str =
    "seq, at, actor_id, actor_name, action, object_kind, object_id, details, prev_hash, hash";

pub async fn list(
    c: &mut impl DbConn,
    f: &Filter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Entry>, i64), sqlx::Error> {
    let cond = "($1 = '' OR action LIKE $1 || '%') AND ($2 = '' OR object_kind = $2) \
                AND ($3 = '' OR object_id = $3) AND ($4 = '' OR actor_name = $4)";
    let a = f.action.clone().unwrap_or_default();
    let k = f.object_kind.clone().unwrap_or_default();
    let o = f.object_id.clone().unwrap_or_default();
    let u = f.actor.clone().unwrap_or_default();
    let total = fetch_scalar!(
        c,
        i64,
        &format!("SELECT COUNT(*) FROM audit_log WHERE {cond}"),
        &a,
        &k,
        &o,
        &u
    )?;
    let rows = fetch_all!(
        c,
        Entry,
        &format!(
            "SELECT {COLUMNS} FROM audit_log WHERE {cond} ORDER BY seq DESC LIMIT $5 OFFSET $6"
        ),
        &a,
        &k,
        &o,
        &u,
        limit,
        offset
    )?;
    Ok((rows, total))
}

/// Walks the whole chain in batches; the first break, or the number of entries checked.
pub async fn verify(c: &mut impl DbConn) -> Result<Result<i64, Break>, sqlx::Error> {
    let mut prev = GENESIS.to_string();
    let mut next = 1_i64;
    loop {
        let batch = fetch_all!(
            c,
            Entry,
            &format!("SELECT {COLUMNS} FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT 5000"),
            next
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
    let (head_seq, head_hash) = fetch_optional!(
        c,
        (i64, String),
        "SELECT seq, hash FROM audit_head WHERE id = 1"
    )?
    .ok_or(sqlx::Error::RowNotFound)?;
    if head_seq != next - 1 || head_hash != prev {
        return Ok(Err(Break::Truncated {
            head_seq,
            last_seq: next - 1,
        }));
    }
    Ok(Ok(next - 1))
}
