use chrono::NaiveDate;

use super::money::HouseholdRounding::{OfRoundedIndividual, Once};
use super::seed::{bases, coefficients, forms};
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn paid(form: &str, level: Level, s: SubjectKind, on: NaiveDate) -> Result<i64, Pending> {
    money(&coefficients(), &bases(), form, level, s, on, Once).map(|m| m.amount)
}

#[test]
fn a_town_giay_khen_follows_the_base_salary_at_each_boundary() {
    use SubjectKind::{Collective, Household, Individual};
    let gk = |s, on| paid("giay_khen", Level::District, s, on).unwrap();
    // 30/06 vs 01/07/2023: 1,490,000 → 1,800,000.
    assert_eq!(gk(Individual, d(2023, 6, 30)), 450_000); // 447,000 rounded up
    assert_eq!(gk(Individual, d(2023, 7, 1)), 540_000);
    assert_eq!(gk(Collective, d(2023, 6, 30)), 900_000); // 894,000
    assert_eq!(gk(Collective, d(2023, 7, 1)), 1_080_000);
    assert_eq!(
        gk(Household, d(2023, 7, 1)),
        540_000,
        "the individual amount"
    );
    // 30/06 vs 01/07/2024: 1,800,000 → 2,340,000; from 2024 a household gets 1.5 × individual.
    assert_eq!(gk(Individual, d(2024, 6, 30)), 540_000);
    assert_eq!(gk(Individual, d(2024, 7, 1)), 710_000);
    assert_eq!(gk(Collective, d(2024, 7, 1)), 1_410_000);
    assert_eq!(gk(Household, d(2024, 6, 30)), 810_000);
    assert_eq!(gk(Household, d(2024, 7, 1)), 1_060_000);
}

#[test]
fn from_july_2025_the_ward_grants_and_2026_uses_the_new_base() {
    use SubjectKind::{Collective, Household, Individual};
    let gk = |s, on| paid("giay_khen", Level::Commune, s, on).unwrap();
    assert_eq!(gk(Individual, d(2026, 6, 30)), 710_000);
    assert_eq!(gk(Individual, d(2026, 7, 1)), 760_000); // 759,000
    assert_eq!(gk(Collective, d(2026, 7, 1)), 1_520_000); // 1,518,000
    assert_eq!(gk(Household, d(2026, 7, 1)), 1_140_000); // 1,138,500
    let m = money(
        &coefficients(),
        &bases(),
        "giay_khen",
        Level::Commune,
        Individual,
        d(2026, 7, 1),
        Once,
    )
    .unwrap();
    assert!(!m.confirmed, "Decree 161/2026 is still to confirm");
    assert_eq!(
        granting_unit(1, Some(9), d(2025, 6, 30)),
        (Some(1), Level::District)
    );
    assert_eq!(
        granting_unit(1, Some(9), d(2025, 7, 1)),
        (Some(9), Level::Commune)
    );
    assert_eq!(granting_unit(1, None, d(2025, 7, 1)).0, None);
}

#[test]
fn a_commune_chairman_paid_less_before_2024_and_is_open_until_july_2025() {
    let gk = |on| paid("giay_khen", Level::Commune, SubjectKind::Individual, on);
    assert_eq!(gk(d(2023, 7, 1)), Ok(270_000), "0,15 × 1,800,000");
    assert!(matches!(gk(d(2024, 3, 1)), Err(Pending::Open { .. })));
    assert!(matches!(gk(d(2025, 6, 30)), Err(Pending::Open { .. })));
    assert_eq!(gk(d(2025, 7, 1)), Ok(710_000));
}

#[test]
fn an_open_coefficient_blocks_the_money_and_never_borrows_another_period() {
    let ldtt = |on| {
        paid(
            "lao_dong_tien_tien",
            Level::District,
            SubjectKind::Individual,
            on,
        )
    };
    assert!(matches!(ldtt(d(2024, 12, 20)), Err(Pending::Open { .. })));
    assert_eq!(
        paid(
            "lao_dong_tien_tien",
            Level::Commune,
            SubjectKind::Individual,
            d(2025, 12, 20)
        ),
        Ok(710_000)
    );
    assert_eq!(
        paid(
            "giay_khen",
            Level::Province,
            SubjectKind::Individual,
            d(2024, 1, 1)
        ),
        Err(Pending::NoRow)
    );
    assert!(
        Pending::Open { basis: "x".into() }
            .text()
            .contains("chờ xác nhận")
    );
    assert_eq!(
        paid(
            "giay_khen",
            Level::District,
            SubjectKind::Individual,
            d(2017, 12, 31)
        ),
        Err(Pending::NoRow)
    );
}

#[test]
fn the_household_rounding_order_is_a_setting() {
    let on = d(2024, 12, 20);
    let h = |r| {
        money(
            &coefficients(),
            &bases(),
            "giay_khen",
            Level::District,
            SubjectKind::Household,
            on,
            r,
        )
        .unwrap()
        .amount
    };
    assert_eq!(h(Once), 1_060_000);
    assert_eq!(h(OfRoundedIndividual), 1_070_000);
}

#[test]
fn every_form_names_who_it_is_for_and_every_rate_names_its_basis() {
    let fs = forms();
    for r in coefficients() {
        let f = fs.iter().find(|f| f.code == r.form_code).unwrap();
        assert!(
            f.subjects.contains(&r.subject),
            "{} {:?}",
            f.code,
            r.subject
        );
        assert!(!r.basis.is_empty());
    }
    let gdvh = fs.iter().find(|f| f.code == "gia_dinh_van_hoa").unwrap();
    assert!(
        !gdvh.applies(SubjectKind::Household, d(2023, 12, 1)),
        "Decree 86/2023"
    );
    assert!(gdvh.applies(SubjectKind::Household, d(2024, 12, 1)));
    assert!(!gdvh.applies(SubjectKind::Individual, d(2024, 12, 1)));
}
