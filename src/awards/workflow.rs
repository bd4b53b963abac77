//! The nomination's path to Internal Affairs as a pure state machine (issue 12, item 6; DESIGN
//! §4 "Nomination states"): draft → submitted → received (NTM office) → under appraisal (each
//! appraising office's opinion) → appraised (the NTM office's consolidated proposal) → steering
//! opinion (standing Steering Committee) → with Internal Affairs; returned (reason required,
//! the unit fixes and resubmits) and withdrawn from the early states. Part 2 (council,
//! decision) continues from `WithInternalAffairs`.
//!
//! Who may take a step is `Owner`; whether the user holds it is decided by the web layer
//! (`steps_web`) from the grants, inside the writing transaction.

/// Where a nomination is (`nominations.state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum State {
    Draft,
    Submitted,
    Received,
    UnderAppraisal,
    Appraised,
    SteeringReviewed,
    WithInternalAffairs,
    Returned,
    Withdrawn,
}

impl State {
    pub const ALL: [State; 9] = [
        State::Draft,
        State::Submitted,
        State::Received,
        State::UnderAppraisal,
        State::Appraised,
        State::SteeringReviewed,
        State::WithInternalAffairs,
        State::Returned,
        State::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Submitted => "submitted",
            State::Received => "received",
            State::UnderAppraisal => "under_appraisal",
            State::Appraised => "appraised",
            State::SteeringReviewed => "steering_reviewed",
            State::WithInternalAffairs => "with_internal_affairs",
            State::Returned => "returned",
            State::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|x| x.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            State::Draft => "Đang soạn",
            State::Submitted => "Đã gửi, chờ tiếp nhận",
            State::Received => "VP Điều phối NTM đã tiếp nhận",
            State::UnderAppraisal => "Đang thẩm định",
            State::Appraised => "Đã thẩm định, chờ ý kiến Ban Chỉ đạo",
            State::SteeringReviewed => "Đã có ý kiến Ban Chỉ đạo",
            State::WithInternalAffairs => "Đã chuyển Phòng Nội vụ",
            State::Returned => "Bị trả lại",
            State::Withdrawn => "Đã rút",
        }
    }

    /// The unit may still change the nomination's content and dossier.
    pub fn editable(self) -> bool {
        matches!(self, State::Draft | State::Returned)
    }
}

/// A step a user takes on a nomination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// The proposing unit sends (its list, or a returned nomination again).
    Submit,
    /// The NTM office confirms the dossier arrived.
    Receive,
    /// The NTM office sends it to the appraising offices.
    SendToAppraisal,
    /// The NTM office records its consolidated proposal once every office has given its opinion.
    Appraise,
    /// The standing Steering Committee gives its opinion.
    SteeringOpinion,
    /// The NTM office passes it to Internal Affairs.
    Forward,
    /// The NTM office sends it back to the unit, with the reason.
    Return,
    /// The proposing unit withdraws it.
    Withdraw,
}

impl Action {
    pub const ALL: [Action; 8] = [
        Action::Submit,
        Action::Receive,
        Action::SendToAppraisal,
        Action::Appraise,
        Action::SteeringOpinion,
        Action::Forward,
        Action::Return,
        Action::Withdraw,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Receive => "receive",
            Action::SendToAppraisal => "send_to_appraisal",
            Action::Appraise => "appraise",
            Action::SteeringOpinion => "steering_opinion",
            Action::Forward => "forward",
            Action::Return => "return",
            Action::Withdraw => "withdraw",
        }
    }

    pub fn from_code(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == s)
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            Action::Submit => "Gửi đề nghị",
            Action::Receive => "Tiếp nhận hồ sơ",
            Action::SendToAppraisal => "Chuyển các phòng thẩm định",
            Action::Appraise => "Ghi kết quả thẩm định tổng hợp",
            Action::SteeringOpinion => "Ghi ý kiến Thường trực Ban Chỉ đạo",
            Action::Forward => "Chuyển Phòng Nội vụ",
            Action::Return => "Trả lại đơn vị",
            Action::Withdraw => "Rút đề nghị",
        }
    }

    /// Who owns the step.
    pub fn owner(self) -> Owner {
        match self {
            Action::Submit | Action::Withdraw => Owner::ProposingUnit,
            Action::SteeringOpinion => Owner::Steering,
            Action::Receive
            | Action::SendToAppraisal
            | Action::Appraise
            | Action::Forward
            | Action::Return => Owner::NtmOffice,
        }
    }
}

/// The role that owns a step (plan V.3, VII.4–5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    /// The proposing unit's own officer.
    ProposingUnit,
    /// The NTM Coordination Office, which receives, coordinates appraisal and passes the list on.
    NtmOffice,
    /// The standing Steering Committee.
    Steering,
}

impl Owner {
    pub fn label(self) -> &'static str {
        match self {
            Owner::ProposingUnit => "cán bộ của đơn vị đề nghị",
            Owner::NtmOffice => "Văn phòng Điều phối NTM",
            Owner::Steering => "Thường trực Ban Chỉ đạo",
        }
    }
}

/// What a step needs besides the state: the text the user wrote (reason, consolidated
/// proposal or opinion) and whether every appraising office has given its opinion.
#[derive(Debug, Clone, Copy, Default)]
pub struct Given<'a> {
    pub text: &'a str,
    pub opinions_complete: bool,
}

/// Why a step is refused, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

/// The state after `action` from `state`. Errors: the step does not apply to this state, a
/// return or withdrawal without its reason, a consolidated proposal before every office's
/// opinion or without text, a steering opinion without text.
pub fn next(state: State, action: Action, given: Given<'_>) -> Result<State, Refusal> {
    use State::*;
    let written = !given.text.trim().is_empty();
    let to = match (action, state) {
        (Action::Submit, Draft | Returned) => Submitted,
        (Action::Receive, Submitted) => Received,
        (Action::SendToAppraisal, Received) => UnderAppraisal,
        (Action::Appraise, UnderAppraisal) => {
            if !given.opinions_complete {
                return Err(Refusal(
                    "Chưa đủ ý kiến của các phòng thẩm định: chỉ tổng hợp khi mọi phòng đã ghi ý kiến."
                        .into(),
                ));
            }
            if !written {
                return Err(Refusal(
                    "Ghi đề xuất tổng hợp của Văn phòng Điều phối NTM.".into(),
                ));
            }
            Appraised
        }
        (Action::SteeringOpinion, Appraised) => {
            if !written {
                return Err(Refusal("Ghi ý kiến của Thường trực Ban Chỉ đạo.".into()));
            }
            SteeringReviewed
        }
        (Action::Forward, SteeringReviewed) => WithInternalAffairs,
        (Action::Return, Submitted | Received | UnderAppraisal | Appraised | SteeringReviewed) => {
            if !written {
                return Err(Refusal(
                    "Ghi lý do trả lại để đơn vị biết cần bổ sung, sửa gì.".into(),
                ));
            }
            Returned
        }
        (Action::Withdraw, Draft) => Withdrawn,
        (Action::Withdraw, Submitted | Received | Returned) => {
            if !written {
                return Err(Refusal("Ghi lý do rút đề nghị.".into()));
            }
            Withdrawn
        }
        (a, s) => {
            return Err(Refusal(format!(
                "Không thể «{}» khi đề nghị đang ở bước «{}».",
                a.label(),
                s.label()
            )));
        }
    };
    Ok(to)
}

/// The steps that apply to `state`, in the order the page offers them.
pub fn open_steps(state: State) -> Vec<Action> {
    let probe = Given {
        text: "x",
        opinions_complete: true,
    };
    Action::ALL
        .into_iter()
        .filter(|a| next(state, *a, probe).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so a failing sequence can be replayed from its seed.
    struct Dice(u64);

    impl Dice {
        fn next(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn the_whole_path_in_order() {
        let mut s = State::Draft;
        let text = Given {
            text: "đủ điều kiện",
            opinions_complete: true,
        };
        for a in [
            Action::Submit,
            Action::Receive,
            Action::SendToAppraisal,
            Action::Appraise,
            Action::SteeringOpinion,
            Action::Forward,
        ] {
            s = next(s, a, text).unwrap();
        }
        assert_eq!(s, State::WithInternalAffairs);
    }

    #[test]
    fn refusals_say_why() {
        let none = Given::default();
        assert!(next(State::Submitted, Action::Return, none).is_err());
        assert!(
            next(
                State::UnderAppraisal,
                Action::Appraise,
                Given {
                    text: "x",
                    opinions_complete: false
                }
            )
            .unwrap_err()
            .0
            .contains("ý kiến")
        );
        assert!(
            next(State::Draft, Action::Forward, none)
                .unwrap_err()
                .0
                .contains("Không thể")
        );
        assert_eq!(
            next(State::Draft, Action::Withdraw, none),
            Ok(State::Withdrawn)
        );
        assert!(
            next(
                State::Appraised,
                Action::Withdraw,
                Given { text: "x", ..none }
            )
            .is_err()
        );
    }

    /// Random walks over every action with random texts: no path reaches Internal Affairs
    /// without appraisal and the consolidated proposal since its last submission, every
    /// return carries a reason, and a withdrawn nomination never moves again.
    #[test]
    fn property_no_shortcut_every_return_reasoned_withdrawn_is_final() {
        for seed in 1..=400u64 {
            let mut dice = Dice(seed * 7919);
            let mut s = State::Draft;
            let mut appraised_since_submit = false;
            let mut sent_since_submit = false;
            for _ in 0..60 {
                let a = Action::ALL[dice.next(Action::ALL.len())];
                let text = ["", "  ", "lý do"][dice.next(3)];
                let given = Given {
                    text,
                    opinions_complete: dice.next(2) == 0,
                };
                let before = s;
                match next(s, a, given) {
                    Ok(to) => {
                        assert_ne!(before, State::Withdrawn, "seed {seed}: withdrawn moved");
                        assert_ne!(
                            before,
                            State::WithInternalAffairs,
                            "seed {seed}: part 1 ends with Internal Affairs"
                        );
                        if to == State::Returned {
                            assert!(
                                !text.trim().is_empty(),
                                "seed {seed}: return without reason"
                            );
                        }
                        match a {
                            Action::Submit => {
                                appraised_since_submit = false;
                                sent_since_submit = false;
                            }
                            Action::SendToAppraisal => sent_since_submit = true,
                            Action::Appraise => {
                                assert!(given.opinions_complete, "seed {seed}");
                                assert!(sent_since_submit, "seed {seed}: appraised unsent");
                                appraised_since_submit = true;
                            }
                            _ => {}
                        }
                        if to == State::WithInternalAffairs {
                            assert!(appraised_since_submit, "seed {seed}: skipped appraisal");
                        }
                        s = to;
                    }
                    Err(r) => {
                        assert!(!r.0.is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn every_state_offers_only_steps_that_apply() {
        assert_eq!(open_steps(State::Withdrawn), vec![]);
        assert_eq!(open_steps(State::WithInternalAffairs), vec![]);
        assert_eq!(
            open_steps(State::Draft),
            vec![Action::Submit, Action::Withdraw]
        );
        assert!(open_steps(State::UnderAppraisal).contains(&Action::Return));
        for s in State::ALL {
            assert_eq!(State::from_code(s.code()), Some(s));
        }
    }
}
