//! Checkpoints: the head's number and hash written somewhere the database cannot reach (a
//! file, a printed report). Someone who can write to the database and knows the hash formula
//! can rewrite or cut the end of the chain and recompute every hash after it, and the chain will
//! look whole; the entry a checkpoint names must still carry the checkpoint's hash, and the
//! chain must still reach it.

use chrono::{DateTime, Utc};

use super::{Break, GENESIS};

/// The head of a verified chain: its last entry's number and hash (0 and the genesis hash for
/// an empty log).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
}

impl Checkpoint {
    /// The file text: two `key=value` lines after comments saying what it is and when it was
    /// taken. The same two lines are shown on the admin's audit page to copy into a report.
    pub fn to_file(&self, taken_at: DateTime<Utc>) -> String {
        format!(
            "# Điểm kiểm tra nhật ký thidua, lập lúc {} (giờ Việt Nam).\n\
             # Cất tệp này ngoài máy chủ; kiểm tra lại: thidua audit verify --checkpoint TỆP\n\
             {}\n",
            crate::clock::local_time(taken_at),
            self.lines()
        )
    }

    /// `seq=…` and `hash=…`, one per line.
    pub fn lines(&self) -> String {
        format!("seq={}\nhash={}", self.seq, self.hash)
    }

    /// Reads a checkpoint file: `seq=N` and `hash=H` lines (`:` works too, `#` starts a
    /// comment). Errors name what is wrong, in Vietnamese.
    pub fn parse(text: &str) -> Result<Checkpoint, String> {
        let mut seq = None;
        let mut hash = None;
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once('=').or_else(|| line.split_once(':')) else {
                return Err(format!("dòng «{line}» không có dạng khóa=giá trị"));
            };
            match key.trim() {
                "seq" => {
                    let n = value
                        .trim()
                        .parse::<i64>()
                        .ok()
                        .filter(|n| *n >= 0)
                        .ok_or_else(|| format!("số mục «{}» không hợp lệ", value.trim()))?;
                    seq = Some(n);
                }
                "hash" => {
                    let h = value.trim().to_ascii_lowercase();
                    if h.len() != GENESIS.len() || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return Err(format!("mã băm «{}» không hợp lệ", value.trim()));
                    }
                    hash = Some(h);
                }
                _ => {}
            }
        }
        match (seq, hash) {
            (Some(seq), Some(hash)) => Ok(Checkpoint { seq, hash }),
            _ => Err("tệp điểm kiểm tra phải có dòng seq=… và dòng hash=…".into()),
        }
    }
}

/// Compares a checkpoint with the log as it is now: `last_seq` is the highest entry number
/// present, `hash_at` the stored hash of entry `cp.seq` (if that entry exists).
pub fn check(cp: &Checkpoint, last_seq: i64, hash_at: Option<&str>) -> Result<(), Break> {
    if cp.seq == 0 {
        // An empty chain is the start of every chain.
        return Ok(());
    }
    if last_seq < cp.seq {
        return Err(Break::ShorterThanCheckpoint {
            checkpoint_seq: cp.seq,
            last_seq,
        });
    }
    match hash_at {
        None => Err(Break::Missing {
            from: cp.seq,
            to: cp.seq,
        }),
        Some(h) if h != cp.hash => Err(Break::Rewritten { seq: cp.seq }),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn cp() -> Checkpoint {
        Checkpoint {
            seq: 42,
            hash: "ab".repeat(32),
        }
    }

    #[test]
    fn a_checkpoint_file_reads_back_as_written() {
        let at = Utc.with_ymd_and_hms(2025, 1, 25, 3, 0, 0).unwrap();
        let file = cp().to_file(at);
        assert!(file.contains("25/01/2025 10:00"), "{file}");
        assert_eq!(Checkpoint::parse(&file), Ok(cp()));
        // Copied by hand from the admin page, with spaces and a colon.
        let typed = format!("seq: 42\nhash : {}\n", "AB".repeat(32));
        assert_eq!(Checkpoint::parse(&typed), Ok(cp()));
    }

    #[test]
    fn a_damaged_checkpoint_file_is_refused_with_the_reason() {
        assert!(Checkpoint::parse("seq=-1\nhash=00").is_err());
        assert_eq!(
            Checkpoint::parse(&format!("seq=4x\nhash={}", "0".repeat(64))),
            Err("số mục «4x» không hợp lệ".into())
        );
        assert_eq!(
            Checkpoint::parse("seq=4\nhash=xyz"),
            Err("mã băm «xyz» không hợp lệ".into())
        );
        assert!(
            Checkpoint::parse("seq=4")
                .unwrap_err()
                .contains("dòng hash=")
        );
    }

    #[test]
    fn a_rewritten_or_cut_tail_is_named() {
        let c = cp();
        assert_eq!(check(&c, 42, Some(&c.hash)), Ok(()));
        assert_eq!(check(&c, 50, Some(&c.hash)), Ok(()), "the log grew since");
        assert_eq!(
            check(&c, 40, None),
            Err(Break::ShorterThanCheckpoint {
                checkpoint_seq: 42,
                last_seq: 40
            })
        );
        let other = "cd".repeat(32);
        assert_eq!(
            check(&c, 45, Some(&other)),
            Err(Break::Rewritten { seq: 42 })
        );
        assert_eq!(
            check(&c, 45, None),
            Err(Break::Missing { from: 42, to: 42 })
        );
        let empty = Checkpoint {
            seq: 0,
            hash: GENESIS.into(),
        };
        assert_eq!(check(&empty, 0, None), Ok(()));
    }
}
