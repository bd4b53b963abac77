//! The council's quorum and pass threshold as data, computed in integers (issue 13, item 2).
//!
//! National law sets no quorum or threshold for Giấy khen-level awards; each council's own
//! regulation does (reference facts, "Councils and public notice"). So a threshold states its
//! comparator (≥ 90 % and > 90 % differ at exactly 90 %), its fraction exactly (2/3 is not 0.67)
//! and its denominator; a recused member still counts among all members.

/// ≥ or >.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    AtLeast,
    MoreThan,
}

/// What the fraction is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denominator {
    /// Every member of the council for the period, recused and absent ones included.
    AllMembers,
    /// The members present at the session.
    Present,
    /// The ballots collected for the nominee (present members' and written votes).
    BallotsCollected,
}

/// A share rule: `count` compared with `numerator / denominator` of the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub comparator: Comparator,
    pub numerator: i64,
    pub denominator: i64,
    pub of: Denominator,
}

/// The sizes a share may be taken of, for one nominee at one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub all_members: i64,
    pub present: i64,
    pub ballots: i64,
}

impl Share {
    /// Whether `count` meets the share of `counts`: `count × d` against `n × base`, in i128 so
    /// no rounding or overflow can decide a vote. A zero denominator never passes.
    pub fn met(&self, count: i64, counts: Counts) -> bool {
        if self.denominator <= 0 {
            return false;
        }
        let base = match self.of {
            Denominator::AllMembers => counts.all_members,
            Denominator::Present => counts.present,
            Denominator::BallotsCollected => counts.ballots,
        };
        let left = i128::from(count) * i128::from(self.denominator);
        let right = i128::from(self.numerator) * i128::from(base);
        match self.comparator {
            Comparator::AtLeast => left >= right,
            Comparator::MoreThan => left > right,
        }
    }

    /// "quá 1/2 tổng số thành viên", "từ 9/10 số thành viên có mặt" …
    pub fn text(&self) -> String {
        let cmp = match self.comparator {
            Comparator::AtLeast => "từ",
            Comparator::MoreThan => "quá",
        };
        let of = match self.of {
            Denominator::AllMembers => "tổng số thành viên Hội đồng",
            Denominator::Present => "số thành viên có mặt",
            Denominator::BallotsCollected => "số phiếu thu về",
        };
        format!("{cmp} {}/{} {of}", self.numerator, self.denominator)
    }
}

impl Share {
    /// How a session stores the rule: "gt 1/2 all", "ge 9/10 present", "ge 1/2 ballots".
    pub fn code(&self) -> String {
        let cmp = match self.comparator {
            Comparator::AtLeast => "ge",
            Comparator::MoreThan => "gt",
        };
        let of = match self.of {
            Denominator::AllMembers => "all",
            Denominator::Present => "present",
            Denominator::BallotsCollected => "ballots",
        };
        format!("{cmp} {}/{} {of}", self.numerator, self.denominator)
    }

    /// Reads `code()`'s form; `None` for anything else, a zero or negative part, or a
    /// numerator above its denominator (a share of more than all is no rule).
    pub fn from_code(s: &str) -> Option<Share> {
        let mut parts = s.split_whitespace();
        let comparator = match parts.next()? {
            "ge" => Comparator::AtLeast,
            "gt" => Comparator::MoreThan,
            _ => return None,
        };
        let (n, d) = parts.next()?.split_once('/')?;
        let (numerator, denominator): (i64, i64) = (n.parse().ok()?, d.parse().ok()?);
        let of = match parts.next()? {
            "all" => Denominator::AllMembers,
            "present" => Denominator::Present,
            "ballots" => Denominator::BallotsCollected,
            _ => return None,
        };
        if parts.next().is_some() || numerator <= 0 || denominator <= 0 || numerator > denominator {
            return None;
        }
        Some(Share {
            comparator,
            numerator,
            denominator,
            of,
        })
    }
}

impl TieRule {
    pub fn code(self) -> &'static str {
        match self {
            TieRule::Fails => "fails",
            TieRule::Revote => "revote",
        }
    }

    pub fn from_code(s: &str) -> Option<TieRule> {
        match s {
            "fails" => Some(TieRule::Fails),
            "revote" => Some(TieRule::Revote),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TieRule::Fails => "Hòa phiếu thì không đạt",
            TieRule::Revote => "Hòa phiếu thì bỏ phiếu lại",
        }
    }
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::Failed => "failed",
            Outcome::Revote => "revote",
        }
    }

    pub fn from_code(s: &str) -> Option<Outcome> {
        [Outcome::Passed, Outcome::Failed, Outcome::Revote]
            .into_iter()
            .find(|o| o.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Passed => "Đạt",
            Outcome::Failed => "Không đạt",
            Outcome::Revote => "Hòa phiếu — bỏ phiếu lại",
        }
    }
}

/// What a tie (as many agree as disagree) leads to, as the council's regulation says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieRule {
    /// The nominee is not approved.
    Fails,
    /// The council votes again on that nominee.
    Revote,
}

/// The result for one nominee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed,
    /// A tie under `TieRule::Revote`: the ballot for this nominee is taken again.
    Revote,
}

/// The result of a nominee's ballot: `agree` against the threshold, after a tie rule. Ties are
/// looked at only where the threshold did not already decide (a threshold met by a tie —
/// e.g. "từ 1/2 số phiếu" at 4–4 — passes).
pub fn outcome(
    threshold: &Share,
    tie: TieRule,
    agree: i64,
    disagree: i64,
    counts: Counts,
) -> Outcome {
    if threshold.met(agree, counts) {
        Outcome::Passed
    } else if agree == disagree && agree > 0 && tie == TieRule::Revote {
        Outcome::Revote
    } else {
        Outcome::Failed
    }
}

/// Presets from the reference facts; a council chooses one or writes its own.
pub fn presets() -> Vec<(&'static str, Share)> {
    let s = |comparator, numerator, denominator, of| Share {
        comparator,
        numerator,
        denominator,
        of,
    };
    use Comparator::*;
    use Denominator::*;
    vec![
        ("Quá nửa tổng số thành viên", s(MoreThan, 1, 2, AllMembers)),
        (
            "Quá nửa số thành viên có mặt (Bắc Ninh 2025: đa số quyết định)",
            s(MoreThan, 1, 2, Present),
        ),
        (
            "Từ 90 % tổng số thành viên (Nghị định 91/2017, danh hiệu cao)",
            s(AtLeast, 9, 10, AllMembers),
        ),
        (
            "Từ 80 % tổng số thành viên (ngành tòa án, Chiến sĩ thi đua cơ sở)",
            s(AtLeast, 4, 5, AllMembers),
        ),
    ]
}

/// The quorum preset of Bắc Ninh 2025: the council meets with at least 2/3 of its members.
pub fn quorum_two_thirds() -> Share {
    Share {
        comparator: Comparator::AtLeast,
        numerator: 2,
        denominator: 3,
        of: Denominator::AllMembers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ELEVEN_EIGHT: Counts = Counts {
        all_members: 11,
        present: 8,
        ballots: 8,
    };

    fn preset(i: usize) -> Share {
        presets()[i].1
    }

    #[test]
    fn more_than_half_of_all_eleven_needs_six() {
        let t = preset(0);
        assert_eq!(
            outcome(&t, TieRule::Fails, 6, 2, ELEVEN_EIGHT),
            Outcome::Passed
        );
        assert_eq!(
            outcome(&t, TieRule::Fails, 5, 3, ELEVEN_EIGHT),
            Outcome::Failed
        );
    }

    #[test]
    fn ninety_percent_of_all_fails_with_eight_of_eight_present() {
        let t = preset(2);
        assert_eq!(
            outcome(&t, TieRule::Fails, 8, 0, ELEVEN_EIGHT),
            Outcome::Failed
        );
        let ten = Counts {
            all_members: 10,
            present: 10,
            ballots: 10,
        };
        assert_eq!(
            outcome(&t, TieRule::Fails, 9, 1, ten),
            Outcome::Passed,
            "exactly 90 %"
        );
    }

    #[test]
    fn at_least_and_more_than_differ_exactly_at_the_fraction() {
        let counts = Counts {
            all_members: 9,
            present: 9,
            ballots: 9,
        };
        let at_least = quorum_two_thirds();
        let more_than = Share {
            comparator: Comparator::MoreThan,
            ..at_least
        };
        assert!(at_least.met(6, counts));
        assert!(!more_than.met(6, counts));
        assert!(more_than.met(7, counts));
    }

    #[test]
    fn a_tie_fails_or_is_voted_again_as_the_regulation_says() {
        let t = preset(1);
        assert_eq!(
            outcome(&t, TieRule::Fails, 4, 4, ELEVEN_EIGHT),
            Outcome::Failed
        );
        assert_eq!(
            outcome(&t, TieRule::Revote, 4, 4, ELEVEN_EIGHT),
            Outcome::Revote
        );
        let half = Share {
            comparator: Comparator::AtLeast,
            ..t
        };
        assert_eq!(
            outcome(&half, TieRule::Revote, 4, 4, ELEVEN_EIGHT),
            Outcome::Passed
        );
    }

    #[test]
    fn a_rule_is_stored_and_read_back_exactly() {
        for (_, p) in presets().into_iter().chain([("", quorum_two_thirds())]) {
            assert_eq!(Share::from_code(&p.code()), Some(p));
        }
        assert_eq!(preset(0).code(), "gt 1/2 all");
        for bad in [
            "",
            "ge 0.67 all",
            "ge 3/2 all",
            "ge 0/3 all",
            "eq 1/2 all",
            "ge 1/2 all x",
        ] {
            assert_eq!(Share::from_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_zero_denominator_never_passes() {
        let broken = Share {
            denominator: 0,
            ..preset(0)
        };
        assert!(!broken.met(11, ELEVEN_EIGHT));
    }

    #[test]
    fn the_text_names_comparator_fraction_and_base() {
        assert_eq!(preset(2).text(), "từ 9/10 tổng số thành viên Hội đồng");
        assert_eq!(preset(1).text(), "quá 1/2 số thành viên có mặt");
    }
}
