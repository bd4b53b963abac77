use chrono::NaiveDate;

use super::*;

const E4: i64 = 10_000;

#[test]
fn a_value_meets_its_target_by_the_comparator() {
    let t = Some(100 * E4);
    assert_eq!(
        judge(Comparator::AtLeast, t, Some(100 * E4), None),
        Verdict::Met
    );
    assert_eq!(
        judge(Comparator::AtLeast, t, Some(99 * E4 + 9_999), None),
        Verdict::NotMet
    );
    assert_eq!(
        judge(Comparator::AtMost, Some(3 * E4), Some(3 * E4), None),
        Verdict::Met
    );
    assert_eq!(
        judge(Comparator::Below, Some(3 * E4), Some(3 * E4), None),
        Verdict::NotMet
    );
    assert_eq!(
        judge(Comparator::Equal, Some(E4), Some(E4), None),
        Verdict::Met
    );
}

#[test]
fn a_target_waiting_for_its_number_is_never_judged() {
    for value in [None, Some(0), Some(1_000_000 * E4)] {
        for choice in [None, Some(Verdict::Met), Some(Verdict::NotMet)] {
            assert_eq!(
                judge(Comparator::AtLeast, None, value, choice),
                Verdict::WaitingTarget
            );
        }
    }
    // Not applicable is a person's statement about the subject, not about the number.
    assert_eq!(
        judge(
            Comparator::AtLeast,
            None,
            None,
            Some(Verdict::NotApplicable)
        ),
        Verdict::NotApplicable
    );
}

#[test]
fn the_computed_result_wins_over_a_persons_choice() {
    assert_eq!(
        judge(Comparator::AtLeast, Some(E4), Some(0), Some(Verdict::Met)),
        Verdict::NotMet
    );
    assert_eq!(
        judge(Comparator::AtLeast, Some(E4), None, Some(Verdict::Met)),
        Verdict::Met
    );
    assert_eq!(
        judge(Comparator::AtLeast, Some(E4), None, None),
        Verdict::NotJudged
    );
}

#[test]
fn the_most_specific_target_applies() {
    let rows = vec![
        Target {
            basis: String::new(),
            year: 0,
            value: Some(E4),
        },
        Target {
            basis: "BTB".into(),
            year: 0,
            value: Some(2 * E4),
        },
        Target {
            basis: "BTB".into(),
            year: 2024,
            value: None,
        },
    ];
    assert_eq!(target_for(&rows, "BTB", 2024), Some(None));
    assert_eq!(target_for(&rows, "BTB", 2023), Some(Some(2 * E4)));
    assert_eq!(target_for(&rows, "DBSH", 2024), Some(Some(E4)));
    assert_eq!(target_for(&rows[1..], "DBSH", 2024), None);
}

#[test]
fn an_amendment_governs_the_years_it_is_in_force_at_year_end() {
    let amended = NaiveDate::from_ymd_opt(2024, 3, 1);
    let day_before = NaiveDate::from_ymd_opt(2024, 2, 29);
    // The original version: to 29/02/2024, so 2023 and not 2024.
    assert!(in_force(None, day_before, 2023));
    assert!(!in_force(None, day_before, 2024));
    // The amended one: from 01/03/2024.
    assert!(!in_force(amended, None, 2023));
    assert!(in_force(amended, None, 2024));
    assert!(in_force(amended, None, 2025));
}

#[test]
fn a_criterion_is_met_when_every_indicator_is() {
    use Verdict::*;
    assert!(criterion_met(&[Met, Met, NotApplicable]));
    assert!(!criterion_met(&[Met, WaitingTarget]));
    assert!(!criterion_met(&[Met, NotJudged]));
    assert!(!criterion_met(&[NotApplicable]));
    assert!(!criterion_met(&[]));
}

#[test]
fn codes_read_back() {
    for m in ["yes_no", "number", "percent", "amount", "count"] {
        assert_eq!(Measure::from_code(m).map(Measure::code), Some(m));
    }
    assert_eq!(Comparator::from_code(">="), Some(Comparator::AtLeast));
    assert_eq!(Comparator::from_code("≤").map(Comparator::code), Some("≤"));
    assert_eq!(Comparator::from_code("~"), None);
}

#[test]
fn every_built_in_set_reads_and_has_its_criteria() {
    use super::seed::parse_line;
    use super::seed_sets::SETS;
    let count = |code: &str| {
        let set = SETS.iter().find(|s| s.code == code).unwrap();
        let parsed: Vec<_> = set
            .criteria
            .lines()
            .map(|l| parse_line(l).unwrap())
            .collect();
        let groups: std::collections::BTreeSet<_> = parsed.iter().map(|p| p.2).collect();
        (parsed.len(), groups.len())
    };
    assert_eq!(count("NTM_XA_2021"), (19, 5));
    assert_eq!(count("NTM_NC_2021").0, 19);
    assert_eq!(count("DTVM_PHUONG_HT").0, 18);
    assert_eq!(count("NTM_XA_2026").0, 10);
    assert_eq!(count("GIA_DINH_5_CO").0, 5);
    for set in SETS {
        for (i, line) in set.criteria.lines().enumerate() {
            let (number, ..) = parse_line(line).unwrap();
            assert_eq!(number, i as i64 + 1, "{}", set.code);
        }
    }
}

#[test]
fn no_built_in_number_is_invented() {
    use super::seed::parse_line;
    use super::seed_sets::SETS;
    for set in SETS {
        for line in set.criteria.lines() {
            for ind in parse_line(line).unwrap().4 {
                // Only a yes/no indicator with its content carries a target ("đạt").
                if let Some(t) = ind.target {
                    assert!(ind.measure == Measure::YesNo && t == YES, "{}", ind.text);
                }
            }
        }
    }
    let income = parse_line(SETS[0].criteria.lines().nth(9).unwrap()).unwrap();
    assert_eq!(income.1, "Thu nhập");
    assert_eq!(income.4[0].years, vec![2022, 2023, 2024, 2025]);
    assert_eq!(income.4[0].target, None);
}

#[test]
fn values_read_and_show_the_vietnamese_way() {
    use super::{Comparator, Measure, parse_value, show_value, target_text};
    assert_eq!(parse_value("95,5", Measure::Percent), Ok(Some(955_000)));
    assert_eq!(parse_value("1.234", Measure::Count), Ok(Some(12_340_000)));
    assert_eq!(parse_value("  ", Measure::Count), Ok(None));
    assert_eq!(parse_value("Đạt", Measure::YesNo), Ok(Some(super::YES)));
    assert_eq!(parse_value("chưa đạt", Measure::YesNo), Ok(Some(0)));
    assert!(parse_value("có lẽ", Measure::YesNo).is_err());
    assert!(parse_value("1,23456", Measure::Number).is_err());
    assert!(parse_value("1,234,567", Measure::Number).is_err());
    assert_eq!(show_value(955_000, Measure::Percent), "95,5");
    assert_eq!(show_value(12_340_000, Measure::Count), "1.234");
    assert_eq!(
        target_text(Comparator::AtLeast, Some(950_000), Measure::Percent, ""),
        "≥ 95 %"
    );
    assert_eq!(
        target_text(Comparator::AtLeast, None, Measure::Percent, ""),
        super::PENDING_TEXT
    );
}
