//! The rules of an assessment (đánh giá), pure: its states and who moves it, a criterion's
//! result from its indicators, the summary n/N with the missing criteria named, the conditions
//! a recognition must meet, and backsliding (a recognised subject that later fails a criterion).

use super::Verdict;

/// Where an assessment stands. Draft and returned are in the subject's hands; submitted waits
/// for the owning offices; verified is locked like an approved figure sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Submitted,
    Returned,
    Verified,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Returned => "returned",
            Status::Verified => "verified",
        }
    }

    /// An unknown code reads as a draft (the table is only ever written from `code`).
    pub fn from_code(code: &str) -> Status {
        match code {
            "submitted" => Status::Submitted,
            "returned" => Status::Returned,
            "verified" => Status::Verified,
            _ => Status::Draft,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Đang nhập",
            Status::Submitted => "Chờ các phòng xác minh",
            Status::Returned => "Bị trả lại để sửa",
            Status::Verified => "Đã xác minh (khóa)",
        }
    }

    /// The subject's officer may type values and attach or remove evidence.
    pub fn is_editable(self) -> bool {
        matches!(self, Status::Draft | Status::Returned)
    }
}

/// An owning office's review of one criterion since the last submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    Pending,
    Verified,
    Rejected,
}

impl Review {
    pub fn code(self) -> &'static str {
        match self {
            Review::Pending => "pending",
            Review::Verified => "verified",
            Review::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Review {
        match code {
            "verified" => Review::Verified,
            "rejected" => Review::Rejected,
            _ => Review::Pending,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Review::Pending => "Chờ xác minh",
            Review::Verified => "Đã xác minh",
            Review::Rejected => "Bị trả lại",
        }
    }
}

/// A criterion's result from the verdicts of its indicators in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Met,
    NotMet,
    /// Some indicator is not judged yet, or waits for its official target.
    Open,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::NotMet => "not_met",
            Outcome::Open => "open",
        }
    }

    pub fn from_code(code: &str) -> Outcome {
        match code {
            "met" => Outcome::Met,
            "not_met" => Outcome::NotMet,
            _ => Outcome::Open,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Met => "Đạt",
            Outcome::NotMet => "Chưa đạt",
            Outcome::Open => "Chưa xác định",
        }
    }
}

/// Met when every indicator is met or not applicable and one at least is met
/// (`super::criterion_met`); not met as soon as one indicator is not met; open otherwise —
/// an indicator waiting for its target keeps the criterion open, never met or not met.
pub fn outcome(verdicts: &[Verdict]) -> Outcome {
    if verdicts.contains(&Verdict::NotMet) {
        Outcome::NotMet
    } else if super::criterion_met(verdicts) {
        Outcome::Met
    } else {
        Outcome::Open
    }
}

/// The state after a review: every criterion verified locks the assessment; any rejected one
/// returns it to the subject; otherwise it still waits for the other offices.
pub fn status_after_review(reviews: &[Review]) -> Status {
    if !reviews.is_empty() && reviews.iter().all(|r| *r == Review::Verified) {
        Status::Verified
    } else if reviews.contains(&Review::Rejected) {
        Status::Returned
    } else {
        Status::Submitted
    }
}

/// Criteria met out of all, and the names of those not met (not met or still open), in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub met: usize,
    pub total: usize,
    pub missing: Vec<String>,
}

impl Summary {
    /// From (criterion label, outcome) pairs in criterion order.
    pub fn of<'a>(rows: impl IntoIterator<Item = (&'a str, Outcome)>) -> Summary {
        let mut s = Summary::default();
        for (name, o) in rows {
            s.total += 1;
            if o == Outcome::Met {
                s.met += 1;
            } else {
                s.missing.push(name.to_string());
            }
        }
        s
    }

    /// Every criterion met (the "all criteria" way a set decides recognition).
    pub fn all_met(&self) -> bool {
        self.total > 0 && self.met == self.total
    }

    /// "15/19 tiêu chí đạt".
    pub fn text(&self) -> String {
        format!("{}/{} tiêu chí đạt", self.met, self.total)
    }
}

/// A recognition condition beyond the criteria (QĐ 18/2022/QĐ-TTg as amended by QĐ 03/2024):
/// `no_debt`, `satisfaction`, `security`. `no_debt` is checked from the works register
/// (`resources::works::no_debt`); the others have no records, so each is shown as "cần xem
/// xét" with what the person recording the decision must confirm.
pub fn condition_text(code: &str) -> Option<&'static str> {
    Some(match code {
        "no_debt" => "Không còn nợ đọng xây dựng cơ bản trong các công trình của chương trình",
        "satisfaction" => "Sự hài lòng của người dân đạt yêu cầu",
        "security" => "Đảm bảo yêu cầu an ninh, trật tự",
        _ => return None,
    })
}

/// Why a recognition cannot be recorded yet (empty: it can): the assessment of the recognised
/// year must be verified, the set's way of deciding met, and the prerequisite standard held.
/// `prerequisite` is `Some(held)` when the set requires another standard.
pub fn recognition_blockers(
    status: Option<Status>,
    summary: &Summary,
    min_score: Option<i64>,
    prerequisite: Option<(&str, bool)>,
) -> Vec<String> {
    let mut out = Vec::new();
    match status {
        None => out.push("Chưa có kết quả đánh giá của năm được công nhận.".into()),
        Some(Status::Verified) => {}
        Some(_) => {
            out.push("Kết quả đánh giá năm này chưa được các phòng phụ trách xác minh đủ.".into())
        }
    }
    let enough = match min_score {
        Some(min) => i64::try_from(summary.met).unwrap_or(i64::MAX) >= min,
        None => summary.all_met(),
    };
    if status.is_some() && !enough {
        out.push(format!(
            "Mới có {}; còn thiếu: {}.",
            summary.text(),
            summary.missing.join("; ")
        ));
    }
    if let Some((name, false)) = prerequisite {
        out.push(format!(
            "Chưa được công nhận «{name}» — tiêu chuẩn phải đạt trước."
        ));
    }
    out
}

/// A recognised subject backslides when a later year's assessment (any after the recognised
/// year) has a criterion not met. `later` is (year, outcomes of that year's criteria).
/// Returns the first such year.
pub fn backsliding(recognised_year: i64, later: &[(i64, Vec<Outcome>)]) -> Option<i64> {
    let mut years: Vec<&(i64, Vec<Outcome>)> =
        later.iter().filter(|(y, _)| *y > recognised_year).collect();
    years.sort_by_key(|(y, _)| *y);
    years
        .into_iter()
        .find(|(_, o)| o.contains(&Outcome::NotMet))
        .map(|(y, _)| *y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_target_keeps_the_criterion_open() {
        assert_eq!(
            outcome(&[Verdict::Met, Verdict::WaitingTarget]),
            Outcome::Open
        );
        assert_eq!(
            outcome(&[Verdict::Met, Verdict::NotApplicable]),
            Outcome::Met
        );
        assert_eq!(
            outcome(&[Verdict::WaitingTarget, Verdict::NotMet]),
            Outcome::NotMet
        );
        assert_eq!(outcome(&[]), Outcome::Open);
    }

    #[test]
    fn reviews_decide_the_state() {
        use Review::*;
        assert_eq!(status_after_review(&[Verified, Verified]), Status::Verified);
        assert_eq!(status_after_review(&[Verified, Rejected]), Status::Returned);
        assert_eq!(status_after_review(&[Verified, Pending]), Status::Submitted);
        assert_eq!(status_after_review(&[]), Status::Submitted);
    }

    #[test]
    fn summary_names_what_is_missing() {
        let s = Summary::of([
            ("1. Quy hoạch", Outcome::Met),
            ("2. Giao thông", Outcome::NotMet),
            ("3. Điện", Outcome::Open),
        ]);
        assert_eq!(s.text(), "1/3 tiêu chí đạt");
        assert_eq!(s.missing, vec!["2. Giao thông", "3. Điện"]);
        assert!(!s.all_met());
    }

    #[test]
    fn recognition_needs_verification_all_criteria_and_the_prerequisite() {
        let all = Summary::of([("1", Outcome::Met), ("2", Outcome::Met)]);
        assert!(recognition_blockers(Some(Status::Verified), &all, None, None).is_empty());
        assert_eq!(
            recognition_blockers(Some(Status::Submitted), &all, None, None).len(),
            1
        );
        let short = Summary::of([("1", Outcome::Met), ("2. Điện", Outcome::NotMet)]);
        let b = recognition_blockers(Some(Status::Verified), &short, None, None);
        assert!(b[0].contains("2. Điện"), "{b:?}");
        assert!(recognition_blockers(Some(Status::Verified), &short, Some(1), None).is_empty());
        let b = recognition_blockers(
            Some(Status::Verified),
            &all,
            None,
            Some(("Xã nông thôn mới nâng cao", false)),
        );
        assert!(b[0].contains("nâng cao"), "{b:?}");
        assert_eq!(recognition_blockers(None, &all, None, None).len(), 1);
    }

    #[test]
    fn backsliding_is_a_later_year_with_a_criterion_not_met() {
        let later = vec![
            (2023, vec![Outcome::NotMet]),
            (2024, vec![Outcome::Met, Outcome::Open]),
            (2025, vec![Outcome::Met, Outcome::NotMet]),
        ];
        assert_eq!(backsliding(2023, &later), Some(2025));
        assert_eq!(backsliding(2025, &later), None);
        assert_eq!(backsliding(2022, &later), Some(2023));
    }

    #[test]
    fn conditions_have_words() {
        for c in ["no_debt", "satisfaction", "security"] {
            assert!(condition_text(c).is_some());
        }
        assert_eq!(condition_text("x"), None);
    }
}
