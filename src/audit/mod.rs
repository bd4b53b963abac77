//! The append-only audit log: every write commits with an entry, and each entry carries the
//! hash of the one before it, so a changed or deleted row breaks the chain at that point.

pub mod checkpoint;
pub mod describe;
pub mod export_web;
pub mod names_store;
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

    /// The details as a list shows them: the first 300 characters. An import's entry names
    /// every code it wrote, which can be a megabyte; the whole stays in the log.
    pub fn details_short(&self) -> String {
        match self.details.char_indices().nth(300) {
            Some((at, _)) => format!("{}…", &self.details[..at]),
            None => self.details.clone(),
        }
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

/// Where a chain goes wrong. Each variant names what was found, so the person reading the
/// report knows whether entries were edited, removed, added outside the chain, or whether the
/// head row itself was changed.
#[derive(Debug, PartialEq, Eq)]
pub enum Break {
    /// A row numbered below 1: `record` numbers entries from 1, so it was put there by hand.
    OutsideChain { seq: i64 },
    /// Two rows carry the same number (possible only if the key constraint was removed).
    Duplicate { seq: i64 },
    /// Entries `from..=to` are missing between two that remain: they were deleted.
    Missing { from: i64, to: i64 },
    /// The entry's content no longer gives its stored hash: it was edited.
    Altered { seq: i64 },
    /// The entry does not point at the hash of the one before it: one was removed or replaced.
    Unlinked { seq: i64 },
    /// The head still records entry `head_seq`, whose hash it holds, but the log stops at
    /// `last_seq`: entries were cut from the end.
    Truncated { head_seq: i64, last_seq: i64 },
    /// The head row disagrees with the last entry it points at in a way deleting entries cannot
    /// explain (its number or hash was changed).
    HeadAltered { head_seq: i64, last_seq: i64 },
    /// A row numbered beyond the head: added outside `record`, or the head was moved back.
    BeyondHead { seq: i64, head_seq: i64 },
    /// The log ends before the entry an outside checkpoint recorded: its tail was cut.
    ShorterThanCheckpoint { checkpoint_seq: i64, last_seq: i64 },
    /// The entry an outside checkpoint recorded no longer has that hash: the log up to it was
    /// rewritten, even if the rewritten chain is consistent in itself.
    Rewritten { seq: i64 },
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::OutsideChain { seq } => write!(
                f,
                "có mục mang số {seq} nằm ngoài chuỗi (số mục bắt đầu từ 1): mục này được chèn ngoài hệ thống"
            ),
            Break::Duplicate { seq } => write!(f, "có hai mục cùng mang số {seq}"),
            Break::Missing { from, to } if from == to => {
                write!(f, "thiếu mục nhật ký số {from} (đã bị xóa)")
            }
            Break::Missing { from, to } => {
                write!(f, "thiếu các mục nhật ký số {from} đến {to} (đã bị xóa)")
            }
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
            Break::HeadAltered { head_seq, last_seq } => write!(
                f,
                "đầu chuỗi đã bị sửa: ghi mục {head_seq} nhưng không khớp mục cuối số {last_seq}"
            ),
            Break::BeyondHead { seq, head_seq } => write!(
                f,
                "có mục số {seq} vượt quá đầu chuỗi (đầu chuỗi ghi mục {head_seq}): mục được chèn ngoài hệ thống hoặc đầu chuỗi bị lùi lại"
            ),
            Break::ShorterThanCheckpoint {
                checkpoint_seq,
                last_seq,
            } => write!(
                f,
                "nhật ký chỉ còn đến mục {last_seq} nhưng điểm kiểm tra đã ghi mục {checkpoint_seq}: các mục cuối đã bị xóa"
            ),
            Break::Rewritten { seq } => write!(
                f,
                "mục nhật ký số {seq} không còn mã băm đã ghi ở điểm kiểm tra: nhật ký đến mục này đã bị viết lại"
            ),
        }
    }
}

/// Checks entries in order, starting from `prev` (the genesis hash, or the hash of the entry
/// before the first one given) and the number `expect_seq`. Returns the last hash seen and the
/// next expected number, or the first break.
pub fn verify_run(
    entries: &[Entry],
    mut prev: String,
    mut expect_seq: i64,
) -> Result<(String, i64), Break> {
    for e in entries {
        if e.seq < expect_seq {
            return Err(Break::Duplicate { seq: e.seq });
        }
        if e.seq > expect_seq {
            return Err(Break::Missing {
                from: expect_seq,
                to: e.seq - 1,
            });
        }
        if e.prev_hash != prev {
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

/// Compares the head row (`head_seq`, `head_hash`) with the last entry the walk reached
/// (`last_seq`, `last_hash`; 0 and the genesis hash for an empty log). Deleting entries from
/// the end leaves the head pointing at a hash no remaining entry has; a head that names the
/// last entry's hash under another number, or another hash under the right number, was edited.
pub fn check_end(
    head_seq: i64,
    head_hash: &str,
    last_seq: i64,
    last_hash: &str,
) -> Result<(), Break> {
    if head_seq == last_seq && head_hash == last_hash {
        return Ok(());
    }
    if head_seq > last_seq && head_hash != last_hash {
        return Err(Break::Truncated { head_seq, last_seq });
    }
    Err(Break::HeadAltered { head_seq, last_seq })
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
    fn a_removed_entry_is_named_as_missing() {
        let mut c = chain(5);
        c.remove(1);
        let found = verify_run(&c, GENESIS.into(), 1);
        assert_eq!(found, Err(Break::Missing { from: 2, to: 2 }));
        assert_eq!(
            found.unwrap_err().to_string(),
            "thiếu mục nhật ký số 2 (đã bị xóa)"
        );
        let mut c = chain(6);
        c.drain(1..4);
        assert_eq!(
            verify_run(&c, GENESIS.into(), 1),
            Err(Break::Missing { from: 2, to: 4 })
        );
    }

    #[test]
    fn a_repeated_number_is_named_as_a_duplicate() {
        let mut c = chain(3);
        let again = c[1].clone();
        c.insert(2, again);
        assert_eq!(
            verify_run(&c, GENESIS.into(), 1),
            Err(Break::Duplicate { seq: 2 })
        );
    }

    #[test]
    fn a_cut_tail_and_an_edited_head_are_told_apart() {
        let c = chain(5);
        let last = &c[2].hash; // entries 4 and 5 deleted; the log now ends at 3
        // Deleted from the end: the head still holds entry 5's number and hash.
        assert_eq!(
            check_end(5, &c[4].hash, 3, last),
            Err(Break::Truncated {
                head_seq: 5,
                last_seq: 3
            })
        );
        // The head's number was changed but its hash is the last entry's.
        assert_eq!(
            check_end(5, last, 3, last),
            Err(Break::HeadAltered {
                head_seq: 5,
                last_seq: 3
            })
        );
        // The right number with another hash.
        assert_eq!(
            check_end(3, GENESIS, 3, last),
            Err(Break::HeadAltered {
                head_seq: 3,
                last_seq: 3
            })
        );
        assert_eq!(check_end(3, last, 3, last), Ok(()));
        assert_eq!(check_end(0, GENESIS, 0, GENESIS), Ok(()));
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
