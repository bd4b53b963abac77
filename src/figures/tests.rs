use super::*;
use crate::auth::Grant;
use crate::indicators::tests::indicator;

fn user(grants: &[(Role, &str)]) -> CurrentUser {
    CurrentUser {
        id: 1,
        username: "u".into(),
        full_name: "U".into(),
        must_change_password: false,
        grants: grants
            .iter()
            .map(|(role, path)| Grant {
                role: *role,
                unit_id: 1,
                unit_path: (*path).into(),
                unit_code: "X".into(),
                unit_name: "x".into(),
            })
            .collect(),
    }
}

#[test]
fn a_sheet_goes_draft_submitted_approved_and_back_only_by_reopening() {
    use SheetStatus::*;
    assert_eq!(transition(Draft, Action::Submit), Ok(Submitted));
    assert_eq!(transition(Submitted, Action::Return), Ok(Returned));
    assert_eq!(transition(Returned, Action::Submit), Ok(Submitted));
    assert_eq!(transition(Submitted, Action::Approve), Ok(Approved));
    assert!(transition(Approved, Action::Submit).is_err());
    assert!(transition(Approved, Action::Return).is_err());
    assert_eq!(transition(Approved, Action::Reopen), Ok(Draft));
    assert!(transition(Draft, Action::Approve).is_err());
    assert!(!Approved.is_editable() && !Submitted.is_editable());
    assert!(Action::Return.needs_reason() && Action::Reopen.needs_reason());
    assert!(!Action::Approve.needs_reason());
}

#[test]
fn only_an_office_above_the_unit_reviews_it() {
    let ward = "/1/2/6/";
    assert!(may_review(&user(&[(Role::NtmOffice, "/1/2/")]), ward));
    assert!(
        !may_review(&user(&[(Role::NtmOffice, ward)]), ward),
        "not its own figures"
    );
    assert!(!may_review(&user(&[(Role::UnitOfficer, "/1/2/")]), ward));
    assert!(!may_review(&user(&[(Role::NtmOffice, "/1/3/")]), ward));
    assert!(may_enter(&user(&[(Role::UnitOfficer, ward)]), ward));
    assert!(!may_enter(&user(&[(Role::UnitOfficer, "/1/2/7/")]), ward));
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

#[test]
fn an_unsent_sheet_is_late_only_after_the_fifteenth_of_january() {
    assert!(!is_late(None, 2024, day(2025, 1, 15)));
    assert_eq!(timeliness(None, 2024, day(2025, 1, 15)), Timeliness::NotDue);
    assert!(is_late(None, 2024, day(2025, 1, 16)));
    assert_eq!(
        timeliness(None, 2024, day(2025, 1, 16)),
        Timeliness::Overdue
    );
}

#[test]
fn a_sheet_first_sent_by_the_deadline_stays_on_time_whatever_happens_later() {
    // Sent 10/01, returned 20/01, resent 22/01: only the first sending counts.
    let first = Some(day(2025, 1, 10));
    assert!(!is_late(first, 2024, day(2025, 1, 25)));
    assert!(!is_late(first, 2024, day(2026, 11, 29)));
    assert_eq!(
        timeliness(Some(day(2025, 1, 15)), 2024, day(2025, 3, 1)),
        Timeliness::OnTime,
        "the fifteenth itself is in time"
    );
}

#[test]
fn a_sheet_first_sent_after_the_deadline_stays_late_once_sent() {
    let first = Some(day(2025, 1, 20));
    assert!(is_late(first, 2024, day(2025, 1, 25)));
    assert_eq!(
        timeliness(first, 2024, day(2025, 1, 25)),
        Timeliness::SentLate
    );
    // Ten months late is still late, not forgiven by being sent.
    assert_eq!(
        timeliness(Some(day(2026, 11, 29)), 2025, day(2026, 11, 29)),
        Timeliness::SentLate
    );
    assert_eq!(deadline(2024), Some(day(2025, 1, 15)));
}

#[test]
fn typed_values_are_checked_against_their_measure() {
    let pct = indicator(Measure::Percent, "");
    assert_eq!(parse_value(&pct, "96,5"), Ok(Some(96.5)));
    assert_eq!(parse_value(&pct, ""), Ok(None));
    assert_eq!(
        parse_value(&pct, "101").unwrap_err(),
        "Tỷ lệ phải từ 0 đến 100."
    );
    assert!(
        parse_value(&pct, "chín mươi")
            .unwrap_err()
            .contains("không phải là số")
    );
    let mut count = indicator(Measure::Count, "hộ");
    count.min_value = Some(0.0);
    assert_eq!(parse_value(&count, "1.234"), Ok(Some(1234.0)));
    assert_eq!(
        parse_value(&count, "12,5").unwrap_err(),
        "Số đếm phải là số nguyên."
    );
    assert_eq!(
        parse_value(&count, "-3").unwrap_err(),
        "Không được nhỏ hơn 0 hộ."
    );
    let yes = indicator(Measure::YesNo, "");
    assert_eq!(parse_value(&yes, "Đạt"), Ok(Some(1.0)));
    assert_eq!(parse_value(&yes, "chưa đạt"), Ok(Some(0.0)));
}

#[test]
fn poor_households_cannot_exceed_households_and_jumps_need_a_comment() {
    let mut hh = indicator(Measure::Count, "hộ");
    hh.code = "SO_HO".into();
    hh.name = "Số hộ gia đình".into();
    hh.jump_percent = Some(10.0);
    let mut poor = indicator(Measure::Count, "hộ");
    poor.code = "HO_NGHEO".into();
    poor.at_most_code = "SO_HO".into();
    let inds = vec![hh, poor];
    let values: HashMap<String, f64> =
        [("SO_HO".into(), 1000.0), ("HO_NGHEO".into(), 1200.0)].into();
    let last: HashMap<String, f64> = [("SO_HO".into(), 800.0)].into();
    let problems = check_sheet(&inds, &values, &HashMap::new(), &last, false);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0]
            .1
            .contains("Thay đổi 25 % so với năm trước (800 hộ), quá 10 %")
    );
    assert_eq!(
        problems[1].1,
        "Không được lớn hơn «Số hộ gia đình» (1.000 hộ)."
    );
    let commented: HashMap<String, String> =
        [("SO_HO".into(), "Sáp nhập tổ dân phố".into())].into();
    assert_eq!(
        check_sheet(&inds, &values, &commented, &last, false).len(),
        1
    );
    let only_hh: HashMap<String, f64> = [("SO_HO".into(), 1000.0)].into();
    let missing = check_sheet(&inds, &only_hh, &commented, &last, true);
    assert_eq!(
        missing,
        vec![(
            "HO_NGHEO".to_string(),
            "Chưa nhập; cần đủ số liệu để gửi duyệt.".to_string()
        )]
    );
}

#[test]
fn typed_values_are_kept_at_the_declared_decimals() {
    // One decimal for a percentage: 89,96 is stored as 90 (halves away from zero, exactly).
    let pct = indicator(Measure::Percent, "");
    assert_eq!(parse_value(&pct, "89,96"), Ok(Some(90.0)));
    assert_eq!(parse_value(&pct, "96,45"), Ok(Some(96.5)));
    assert_eq!(parse_value(&pct, "96,44"), Ok(Some(96.4)));
    // A percent sign in a percentage column is what the official meant.
    assert_eq!(parse_value(&pct, "96,5%"), Ok(Some(96.5)));
    assert_eq!(parse_value(&pct, "96,5 %"), Ok(Some(96.5)));
    // 100,04 rounds to 100, which is allowed; 100,05 rounds to 100,1, which is not.
    assert_eq!(parse_value(&pct, "100,04"), Ok(Some(100.0)));
    assert!(parse_value(&pct, "100,05").is_err());
    // Case 11: the English decimal «0.125» is 0,125 triệu đ of debt, never 125.
    let debt = crate::indicators::Indicator {
        decimals: 3,
        ..indicator(Measure::Vnd, "triệu đ")
    };
    assert_eq!(parse_value(&debt, "0.125"), Ok(Some(0.125)));
    assert_eq!(parse_value(&debt, "1.234,5"), Ok(Some(1234.5)));
    // US grouping is ambiguous and refused, naming what was typed.
    let people = indicator(Measure::Count, "người");
    let err = parse_value(&people, "1,234,567").unwrap_err();
    assert!(err.contains("«1,234,567»"), "{err}");
    assert_eq!(parse_value(&people, "3\u{a0}210"), Ok(Some(3210.0)));
}

#[test]
fn money_is_never_split_below_one_dong() {
    let dong = indicator(Measure::Vnd, "đồng");
    assert_eq!(dong.decimals, 0);
    assert_eq!(parse_value(&dong, "1.234.567"), Ok(Some(1_234_567.0)));
    let err = parse_value(&dong, "1.234,5").unwrap_err();
    assert!(err.contains("phần lẻ dưới 1 đồng"), "{err}");
    // 84,2000005 triệu đ is 84.200.000,5 đ: refused, not rounded away silently.
    let income = indicator(Measure::Vnd, "triệu đ/người");
    assert!(parse_value(&income, "84,2000005").is_err());
    // Within whole đồng, more digits than declared are rounded to the declared one decimal.
    assert_eq!(parse_value(&income, "84,25"), Ok(Some(84.3)));
}
