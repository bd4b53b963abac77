//! Works (công trình) of the NTM / civilised-urban programme, pure: funding sources, and the
//! outstanding basic-construction debt at a year-end that plan II.2.1 wants at zero and that
//! QĐ 18/2022/QĐ-TTg (as amended by QĐ 03/2024) makes a condition of recognition.

/// Where a work's money came from. `Social` is never typed: it is the sum of the contributions
/// recorded for the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Central,
    Province,
    Town,
    Ward,
    Social,
    Enterprise,
}

impl Source {
    pub const ALL: [Source; 6] = [
        Source::Central,
        Source::Province,
        Source::Town,
        Source::Ward,
        Source::Social,
        Source::Enterprise,
    ];

    /// The sources an officer enters (social mobilisation comes from contributions).
    pub const ENTERED: [Source; 5] = [
        Source::Central,
        Source::Province,
        Source::Town,
        Source::Ward,
        Source::Enterprise,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Source::Central => "central",
            Source::Province => "province",
            Source::Town => "town",
            Source::Ward => "ward",
            Source::Social => "social",
            Source::Enterprise => "enterprise",
        }
    }

    pub fn from_code(code: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Source::Central => "Ngân sách trung ương",
            Source::Province => "Ngân sách tỉnh",
            Source::Town => "Ngân sách thị xã",
            Source::Ward => "Ngân sách phường, xã",
            Source::Social => "Xã hội hóa (đóng góp của nhân dân)",
            Source::Enterprise => "Doanh nghiệp",
        }
    }
}

/// A programme work as the debt check reads it: its name and the debt recorded at the end of
/// the year asked about (`None`: nothing recorded for that year-end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearEnd {
    pub name: String,
    pub debt: Option<i64>,
}

/// The result of the condition "no outstanding basic-construction debt on the programme's
/// works" for a year-end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DebtCheck {
    /// This many works have a record for the year-end, none in debt.
    Clear(usize),
    /// Every work in debt, named with its amount ("Nhà văn hóa thôn 3: 120.000.000 đ").
    InDebt(Vec<String>),
    /// No programme work has a record for the year-end: the check cannot be made, it stays
    /// "cần xem xét" — never a silent pass.
    NotRecorded,
}

/// Judges the condition from the works' year-end records.
pub fn no_debt(works: &[YearEnd]) -> DebtCheck {
    let recorded: Vec<&YearEnd> = works.iter().filter(|w| w.debt.is_some()).collect();
    if recorded.is_empty() {
        return DebtCheck::NotRecorded;
    }
    let blocking: Vec<String> = recorded
        .iter()
        .filter_map(|w| match w.debt {
            Some(d) if d > 0 => Some(format!("{}: {}", w.name, crate::text::money_vnd(d))),
            _ => None,
        })
        .collect();
    if blocking.is_empty() {
        DebtCheck::Clear(recorded.len())
    } else {
        DebtCheck::InDebt(blocking)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(name: &str, debt: Option<i64>) -> YearEnd {
        YearEnd {
            name: name.into(),
            debt,
        }
    }

    #[test]
    fn a_work_in_debt_blocks_and_is_named() {
        let works = [
            w("Đường thôn 1", Some(0)),
            w("Nhà văn hóa thôn 3", Some(120_000_000)),
            w("Kênh mương", None),
        ];
        assert_eq!(
            no_debt(&works),
            DebtCheck::InDebt(vec!["Nhà văn hóa thôn 3: 120.000.000 đ".to_string()])
        );
    }

    #[test]
    fn no_debt_when_every_recorded_work_is_paid() {
        assert_eq!(
            no_debt(&[w("A", Some(0)), w("B", None)]),
            DebtCheck::Clear(1)
        );
    }

    #[test]
    fn nothing_recorded_is_not_a_pass() {
        assert_eq!(no_debt(&[w("A", None)]), DebtCheck::NotRecorded);
        assert_eq!(no_debt(&[]), DebtCheck::NotRecorded);
    }

    #[test]
    fn sources_round_trip() {
        for s in Source::ALL {
            assert_eq!(Source::from_code(s.code()), Some(s));
        }
        assert!(!Source::ENTERED.contains(&Source::Social));
    }
}
