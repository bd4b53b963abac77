//! No verdict on incomplete data (issue 8): a town figure built from fewer units than expected
//! is provisional — "Chưa đủ số liệu (5/6 đơn vị)" — and never "đã đạt" or "chậm, không đạt".
//! The arithmetic on the figures so far stays visible, labelled as such, and an estimate (the
//! missing units taken at last year's figures) may be added, clearly as an estimate.

use super::progress::{Assessment, Status};

/// How many of the units a year's figure should cover have an approved sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub year: i64,
    pub approved: usize,
    pub expected: usize,
}

impl Coverage {
    pub fn complete(&self) -> bool {
        self.approved >= self.expected
    }

    /// "5/6 đơn vị".
    pub fn fraction(&self) -> String {
        format!("{}/{} đơn vị", self.approved, self.expected)
    }
}

/// The verdict words `progress::assess` ends a level target's arithmetic with.
const VERDICTS: [&str; 3] = ["; đã đạt trước hạn.", "; đã đạt.", "; không đạt."];

/// `a` as it may be shown when its figures rest on `gaps` (the judged year and, for a path,
/// its base year): unchanged when every gap is complete or there was nothing to judge;
/// otherwise `Status::Provisional`, its explanation opening with what is missing and keeping
/// the arithmetic without a verdict. `estimate`, when given, is the assessment with the missing
/// units taken at last year's figures, and is quoted as an estimate only.
pub fn withhold(a: Assessment, gaps: &[Coverage], estimate: Option<&Assessment>) -> Assessment {
    let open: Vec<&Coverage> = gaps.iter().filter(|g| !g.complete()).collect();
    if open.is_empty() || a.status == Status::NoData {
        return a;
    }
    let what = open
        .iter()
        .map(|g| format!("năm {} mới có {} được duyệt", g.year, g.fraction()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut arithmetic = a.explanation.as_str();
    for v in VERDICTS {
        if let Some(rest) = arithmetic.strip_suffix(v) {
            arithmetic = rest;
            break;
        }
    }
    let arithmetic = arithmetic.trim_end_matches('.');
    let mut explanation =
        format!("Chưa kết luận: số liệu {what}. Tạm tính trên số liệu đã có: {arithmetic}.");
    if let Some(e) = estimate.filter(|e| !matches!(e.status, Status::NoData | Status::Provisional))
    {
        explanation.push_str(&format!(
            " Ước tính nếu các đơn vị còn thiếu giữ số liệu năm trước: {}.",
            e.status.label().to_lowercase()
        ));
    }
    Assessment {
        status: Status::Provisional,
        explanation,
        latest: a.latest,
    }
}

/// The card's status words: "Chưa đủ số liệu (5/6 đơn vị)" for a provisional card, the plain
/// label otherwise.
pub fn label(status: Status, gaps: &[Coverage]) -> String {
    match (status, gaps.iter().find(|g| !g.complete())) {
        (Status::Provisional, Some(g)) => format!("{} ({})", status.label(), g.fraction()),
        _ => status.label().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(status: Status, explanation: &str) -> Assessment {
        Assessment {
            status,
            explanation: explanation.into(),
            latest: Some((2025, 6.8)),
        }
    }

    const FIVE_OF_SIX: Coverage = Coverage {
        year: 2025,
        approved: 5,
        expected: 6,
    };

    #[test]
    fn a_verdict_on_five_of_six_units_is_withheld() {
        let a = verdict(
            Status::OffTrack,
            "2025: 0,3 %; đến năm 2025 cần không còn hộ nghèo; không đạt.",
        );
        let shown = withhold(a, &[FIVE_OF_SIX], None);
        assert_eq!(shown.status, Status::Provisional);
        assert_eq!(
            shown.explanation,
            "Chưa kết luận: số liệu năm 2025 mới có 5/6 đơn vị được duyệt. Tạm tính trên số liệu \
             đã có: 2025: 0,3 %; đến năm 2025 cần không còn hộ nghèo."
        );
        assert!(!shown.explanation.contains("không đạt"));
        assert_eq!(
            label(shown.status, &[FIVE_OF_SIX]),
            "Chưa đủ số liệu (5/6 đơn vị)"
        );
    }

    #[test]
    fn achieved_is_withheld_too_and_an_estimate_is_named_as_one() {
        let a = verdict(Status::Achieved, "2025: 0 hộ; đã đạt.");
        let estimate = verdict(Status::OffTrack, "…");
        let shown = withhold(a, &[FIVE_OF_SIX], Some(&estimate));
        assert_eq!(shown.status, Status::Provisional);
        assert!(!shown.explanation.contains("đã đạt"));
        assert!(
            shown.explanation.ends_with(
                "Ước tính nếu các đơn vị còn thiếu giữ số liệu năm trước: chậm, không đạt."
            ),
            "{}",
            shown.explanation
        );
    }

    #[test]
    fn an_incomplete_base_year_also_withholds_a_path_verdict() {
        let base = Coverage {
            year: 2022,
            approved: 4,
            expected: 6,
        };
        let complete = Coverage {
            year: 2025,
            approved: 6,
            expected: 6,
        };
        let a = verdict(Status::OnTrack, "2025: …; tăng bình quân 12 %/năm.");
        let shown = withhold(a, &[complete, base], None);
        assert_eq!(shown.status, Status::Provisional);
        assert!(shown.explanation.contains("năm 2022 mới có 4/6 đơn vị"));
        assert_eq!(
            label(shown.status, &[complete, base]),
            "Chưa đủ số liệu (4/6 đơn vị)"
        );
    }

    #[test]
    fn complete_figures_keep_their_verdict() {
        let a = verdict(Status::OffTrack, "2025: 6,8 %; không đạt.");
        let full = Coverage {
            year: 2025,
            approved: 6,
            expected: 6,
        };
        assert_eq!(withhold(a.clone(), &[full], None), a);
        let nothing = verdict(Status::NoData, "Chưa có số liệu được duyệt đến năm 2025.");
        assert_eq!(withhold(nothing.clone(), &[FIVE_OF_SIX], None), nothing);
    }
}
