//! The append-only audit log: every write commits with an entry, and each entry carries the
//! hash of the one before it, so a changed or deleted row breaks the chain at that point.

pub mod store;
pub mod web;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// Who did it: a user, or the system itself (start-up seeding, imports from the CLI).
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: Option<i64>,
    pub name: String,
}

impl Actor {
    pub fn system() -> Actor {
        Actor {
            id: None,
            name: "hệ thống".into(),
        }
    }
}

/// The hash of the empty chain, stored in `audit_head` by the first migration.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One stored entry, as read back for listing and verification.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Entry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub action: String,
    pub object_kind: String,
    pub object_id: String,
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

impl Entry {
    pub fn at_local(&self) -> String {
        crate::clock::local_time(self.at)
    }
}

/// The hash of an entry's content and its predecessor's hash. Every field that matters goes
/// in, each on its own line, the instant at microsecond precision as both engines store it.
#[allow(clippy::too_many_arguments)]
pub fn entry_hash(
    seq: i64,
    at: DateTime<Utc>,
    actor_id: Option<i64>,
    actor_name: &str,
    action: &str,
    object_kind: &str,
    object_id: &str,
    details: &str,
    prev_hash: &str,
) -> String {
    let mut h = Sha256::new();
    let actor = actor_id.map_or_else(|| "-".to_string(), |i| i.to_string());
    let text = format!(
        "{seq}\n{}\n{actor}\n{actor_name}\n{action}\n{object_kind}\n{object_id}\n{details}\n{prev_hash}",
        at.format("%Y-%m-%dT%H:%M:%S%.6fZ")
    );
    h.update(text.as_bytes());
    hex::encode(h.finalize())
}

/// Where a chain first goes wrong.
#[derive(Debug, PartialEq, Eq)]
pub enum Break {
    /// The entry's content no longer gives its stored hash: it was edited.
    Altered { seq: i64 },
    /// The entry does not point at the hash of the one before it: one was removed or replaced.
    Unlinked { seq: i64 },
    /// The last entry is not the one the head records: entries were cut from the end.
    Truncated { head_seq: i64, last_seq: i64 },
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::Altered { seq } => write!(
                f,
                "mục nhật ký số {seq} đã bị sửa (mã băm không khớp nội dung)"
            ),
            Break::Unlinked { seq } => write!(
                f,
                "mục nhật ký số {seq} không nối với mục trước (có mục bị xóa hoặc thay)"
            ),
            Break::Truncated { head_seq, last_seq } => write!(
                f,
                "nhật ký dừng ở mục {last_seq} nhưng đầu chuỗi ghi mục {head_seq} (có mục cuối bị xóa)"
            ),
        }
    }
}

/// Checks entries in order, starting from `prev` (the genesis hash, or the hash of the entry
/// before the first one given). Returns the last hash seen, or the first break.
pub fn verify_run(
    entries: &[Entry],
    mut prev: String,
    mut expect_seq: i64,
) -> Result<(String, i64), Break> {
    for e in entries {
        if e.seq != expect_seq || e.prev_hash != prev {
            return Err(Break::Unlinked { seq: e.seq });
        }
        let recomputed = entry_hash(
            e.seq,
            e.at,
            e.actor_id,
            &e.actor_name,
            &e.action,
            &e.object_kind,
            &e.object_id,
            &e.details,
            &e.prev_hash,
        );
        if recomputed != e.hash {
            return Err(Break::Altered { seq: e.seq });
        }
        prev = e.hash.clone();
        expect_seq += 1;
    }
    Ok((prev, expect_seq))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn chain(n: i64) -> Vec<Entry> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let at = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, seq as u32).unwrap();
                let details = format!("{{\"n\":{seq}}}");
                let hash = entry_hash(
                    seq,
                    at,
                    Some(1),
                    "admin",
                    "unit.update",
                    "unit",
                    "7",
                    &details,
                    &prev,
                );
                let e = Entry {
                    seq,
                    at,
                    actor_id: Some(1),
                    actor_name: "admin".into(),
                    action: "unit.update".into(),
                    object_kind: "unit".into(),
                    object_id: "7".into(),
                    details,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    #[test]
    fn an_intact_chain_verifies() {
        let c = chain(5);
        let (last, next) = verify_run(&c, GENESIS.into(), 1).unwrap();
        assert_eq!(last, c[4].hash);
        assert_eq!(next, 6);
    }

    #[test]
    fn an_edited_entry_is_named() {
        let mut c = chain(5);
        c[2].details = "{\"n\":99}".into();
        assert_eq!(
            verify_run(&c, GENESIS.into(), 1),
            Err(Break::Altered { seq: 3 })
        );
    }

    #[test]
    fn a_removed_entry_is_named_at_the_gap() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(
            verify_run(&c, GENESIS.into(), 1),
            Err(Break::Unlinked { seq: 3 })
        );
    }

    #[test]
    fn rehashing_an_edit_still_breaks_the_next_link() {
        let mut c = chain(4);
        c[1].details = "{}".into();
        c[1].hash = entry_hash(
            2,
            c[1].at,
            Some(1),
            "admin",
            "unit.update",
            "unit",
            "7",
            "{}",
            &c[1].prev_hash,
        );
        assert_eq!(
            verify_run(&c, GENESIS.into(), 1),
            Err(Break::Unlinked { seq: 3 })
        );
    }
}
