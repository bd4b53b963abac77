use chrono::NaiveDate;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn stars_are_right_at_every_boundary() {
    for (total, want) in [
        (0, 1),
        (295, 1),
        (300, 2),
        (495, 2),
        (500, 3),
        (695, 3),
        (700, 4),
        (895, 4),
        (900, 5),
        (1000, 5),
    ] {
        assert_eq!(stars(total), want, "{total}");
    }
    assert!(!certifiable(2) && certifiable(3));
}

#[test]
fn the_maxima_in_force_on_the_evaluation_date_are_applied() {
    let table = builtin_maxima();
    let old = maxima_on(&table, day(2022, 6, 1)).unwrap();
    let new = maxima_on(&table, day(2023, 2, 24)).unwrap();
    assert_eq!((old.a, old.c), (350, 400));
    assert_eq!((new.a, new.c), (400, 350));
    assert_eq!(maxima_on(&table, day(2019, 1, 1)), None);
    // 38 in part A is fine under QĐ 148 but over QĐ 1048's 35.
    assert_eq!(total(380, 200, 300, &new), Ok(880));
    let e = total(380, 200, 300, &old).unwrap_err();
    assert!(e.contains("Phần A tối đa 35") && e.contains("1048"), "{e}");
    assert!(total(400, 260, 300, &new).unwrap_err().contains("Phần B"));
}

#[test]
fn points_are_read_in_halves() {
    assert_eq!(parse_points("29,5"), Ok(295));
    assert_eq!(parse_points(" 30 "), Ok(300));
    assert!(parse_points("29,3").unwrap_err().contains("nửa điểm"));
    assert!(parse_points("-1").is_err());
    assert!(parse_points("ba mươi").is_err());
}

#[test]
fn a_certificate_lasts_until_the_day_before_its_third_anniversary() {
    assert_eq!(valid_through(day(2021, 3, 15)), Some(day(2024, 3, 14)));
    assert_eq!(valid_through(day(2024, 2, 29)), Some(day(2027, 2, 27)));
    assert_eq!(valid_through(day(2023, 2, 28)), Some(day(2026, 2, 27)));
    assert_eq!(valid_through(day(2022, 12, 31)), Some(day(2025, 12, 30)));
    assert_eq!(valid_through(day(2021, 1, 1)), Some(day(2023, 12, 31)));
    let end = day(2026, 3, 1);
    assert_eq!(standing(end, day(2025, 11, 1), 90), Standing::Valid);
    assert_eq!(standing(end, day(2026, 1, 1), 90), Standing::ExpiringIn(59));
    assert_eq!(standing(end, day(2026, 3, 1), 90), Standing::ExpiringIn(0));
    assert_eq!(standing(end, day(2026, 3, 2), 90), Standing::Expired);
}

#[test]
fn the_certifying_level_follows_the_decision_date() {
    assert_eq!(certifying_level(3, day(2025, 7, 5)), Some(Level::District));
    assert_eq!(certifying_level(3, day(2025, 7, 6)), Some(Level::Province));
    assert_eq!(certifying_level(4, day(2024, 1, 1)), Some(Level::Province));
    assert_eq!(certifying_level(5, day(2026, 1, 1)), Some(Level::Central));
    assert_eq!(certifying_level(2, day(2026, 1, 1)), None);
}

#[test]
fn a_renewal_is_not_a_new_product_and_a_first_certification_is() {
    let c = |product, date, stars| Certification {
        product,
        date,
        stars,
    };
    let all = [
        c(1, day(2022, 5, 1), 3),
        c(1, day(2025, 4, 30), 3), // renewal of product 1
        c(2, day(2023, 9, 1), 2),  // not certified
        c(2, day(2025, 2, 1), 3),  // product 2's first certification
        c(3, day(2024, 6, 1), 4),
        c(3, day(2025, 6, 1), 5), // a rise, not a new product
    ];
    assert_eq!(new_products_in(2022, &all), 1);
    assert_eq!(new_products_in(2023, &all), 0);
    assert_eq!(new_products_in(2024, &all), 1);
    assert_eq!(new_products_in(2025, &all), 1);
}
