//! The Emulation–Reward Council's members, sessions and secret ballot as pure rules (issue 13,
//! item 2). Members hold a role for a period; a session records who is present, absent or
//! voting in writing (when the council's regulation allows it), who recuses on which nominee,
//! and takes one ballot per member and nominee. Which member chose what is never stored: the
//! store keeps who has voted apart from the counts (migration 0017).

use chrono::NaiveDate;

/// A member's role in the council (chair, deputy, standing member, secretary, member).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberRole {
    Chair,
    Deputy,
    Standing,
    Secretary,
    Member,
}

impl MemberRole {
    pub const ALL: [MemberRole; 5] = [
        MemberRole::Chair,
        MemberRole::Deputy,
        MemberRole::Standing,
        MemberRole::Secretary,
        MemberRole::Member,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MemberRole::Chair => "chair",
            MemberRole::Deputy => "deputy",
            MemberRole::Standing => "standing",
            MemberRole::Secretary => "secretary",
            MemberRole::Member => "member",
        }
    }

    pub fn from_code(s: &str) -> Option<MemberRole> {
        MemberRole::ALL.into_iter().find(|r| r.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            MemberRole::Chair => "Chủ tịch Hội đồng",
            MemberRole::Deputy => "Phó Chủ tịch Hội đồng",
            MemberRole::Standing => "Ủy viên thường trực",
            MemberRole::Secretary => "Thư ký",
            MemberRole::Member => "Ủy viên",
        }
    }
}

/// Whether a member in office from `from` to `to` (inclusive, open when `None`) sits on `on`.
pub fn in_office(from: NaiveDate, to: Option<NaiveDate>, on: NaiveDate) -> bool {
    from <= on && to.is_none_or(|t| on <= t)
}

/// A member's attendance at a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Presence {
    Present,
    Absent,
    /// Absent, voting in writing (only where the session's setting allows it).
    Written,
}

impl Presence {
    pub const ALL: [Presence; 3] = [Presence::Present, Presence::Absent, Presence::Written];

    pub fn code(self) -> &'static str {
        match self {
            Presence::Present => "present",
            Presence::Absent => "absent",
            Presence::Written => "written",
        }
    }

    pub fn from_code(s: &str) -> Option<Presence> {
        Presence::ALL.into_iter().find(|p| p.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Presence::Present => "Có mặt",
            Presence::Absent => "Vắng",
            Presence::Written => "Vắng, gửi phiếu bằng văn bản",
        }
    }
}

/// Where a session is: attendance being taken, ballot open, or closed with its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionState {
    Preparing,
    Voting,
    Closed,
}

impl SessionState {
    pub fn code(self) -> &'static str {
        match self {
            SessionState::Preparing => "preparing",
            SessionState::Voting => "voting",
            SessionState::Closed => "closed",
        }
    }

    pub fn from_code(s: &str) -> SessionState {
        match s {
            "voting" => SessionState::Voting,
            "closed" => SessionState::Closed,
            _ => SessionState::Preparing,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SessionState::Preparing => "Đang điểm danh",
            SessionState::Voting => "Đang bỏ phiếu",
            SessionState::Closed => "Đã kết thúc",
        }
    }
}

/// One ballot's choice. Only the counts keep it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Choice {
    Agree,
    Disagree,
    Abstain,
}

impl Choice {
    pub fn from_code(s: &str) -> Option<Choice> {
        match s {
            "agree" => Some(Choice::Agree),
            "disagree" => Some(Choice::Disagree),
            "abstain" => Some(Choice::Abstain),
            _ => None,
        }
    }
}

/// What stands between a member and a ballot on one nominee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BallotFacts {
    pub session: SessionState,
    /// `None`: not a member of this session's council.
    pub presence: Option<Presence>,
    pub written_allowed: bool,
    pub recused: bool,
    pub already_cast: bool,
    /// The nominee is on the ballot (forwarded to Internal Affairs, no objection open or upheld).
    pub on_ballot: bool,
}

/// Why the ballot is refused, in Vietnamese; `None` when it may be cast.
pub fn ballot_refusal(f: BallotFacts) -> Option<&'static str> {
    if f.session != SessionState::Voting {
        return Some("Phiên họp không ở bước bỏ phiếu.");
    }
    match f.presence {
        None => return Some("Bạn không phải thành viên Hội đồng của phiên họp này."),
        Some(Presence::Absent) => {
            return Some("Bạn được ghi vắng mặt ở phiên họp này nên không bỏ phiếu.");
        }
        Some(Presence::Written) if !f.written_allowed => {
            return Some(
                "Quy chế của Hội đồng không cho thành viên vắng mặt bỏ phiếu bằng văn bản.",
            );
        }
        _ => {}
    }
    if f.recused {
        return Some(
            "Bạn đã xin không tham gia biểu quyết đối tượng này (xung đột lợi ích), nên phiếu không được nhận.",
        );
    }
    if !f.on_ballot {
        return Some(
            "Đối tượng này không có trong danh sách biểu quyết (ý kiến phản ánh chưa giải quyết hoặc đã được chấp nhận).",
        );
    }
    if f.already_cast {
        return Some("Bạn đã bỏ phiếu cho đối tượng này; mỗi thành viên chỉ bỏ một phiếu.");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: BallotFacts = BallotFacts {
        session: SessionState::Voting,
        presence: Some(Presence::Present),
        written_allowed: false,
        recused: false,
        already_cast: false,
        on_ballot: true,
    };

    #[test]
    fn a_present_member_votes_once() {
        assert_eq!(ballot_refusal(OK), None);
        let again = BallotFacts {
            already_cast: true,
            ..OK
        };
        assert!(ballot_refusal(again).unwrap().contains("chỉ bỏ một phiếu"));
    }

    #[test]
    fn a_recused_member_is_refused() {
        let f = BallotFacts {
            recused: true,
            ..OK
        };
        assert!(ballot_refusal(f).unwrap().contains("xung đột lợi ích"));
    }

    #[test]
    fn written_votes_only_where_the_regulation_allows() {
        let written = BallotFacts {
            presence: Some(Presence::Written),
            ..OK
        };
        assert!(ballot_refusal(written).is_some());
        let allowed = BallotFacts {
            written_allowed: true,
            ..written
        };
        assert_eq!(ballot_refusal(allowed), None);
        let absent = BallotFacts {
            presence: Some(Presence::Absent),
            ..allowed
        };
        assert!(ballot_refusal(absent).is_some());
    }

    #[test]
    fn outsiders_closed_sessions_and_objected_nominees_are_refused() {
        for f in [
            BallotFacts {
                presence: None,
                ..OK
            },
            BallotFacts {
                session: SessionState::Closed,
                ..OK
            },
            BallotFacts {
                on_ballot: false,
                ..OK
            },
        ] {
            assert!(ballot_refusal(f).is_some(), "{f:?}");
        }
    }

    #[test]
    fn office_periods_include_both_ends() {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        assert!(in_office(d(1, 1), Some(d(12, 31)), d(12, 31)));
        assert!(!in_office(d(1, 2), None, d(1, 1)));
    }
}
