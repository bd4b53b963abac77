use super::*;

fn price(p: i64) -> Basis {
    Basis::PricePerUnit {
        price: p,
        source: "QĐ đơn giá (thử)".into(),
    }
}

#[test]
fn land_and_labour_count_at_their_valuation_and_cash_as_entered() {
    // 120,5 m² at 500.000 đ/m².
    assert_eq!(
        value(Kind::Land, 12_050, Some(&price(500_000))),
        Ok(60_250_000)
    );
    // 3 labour days at 250.000 đ.
    assert_eq!(value(Kind::Labour, 300, Some(&price(250_000))), Ok(750_000));
    // Half a đồng rounds up: 0,01 m² at 50 đ is 0,5 đ.
    assert_eq!(value(Kind::Land, 1, Some(&price(50))), Ok(1));
    assert_eq!(value(Kind::Cash, 5_000_000 * 100, None), Ok(5_000_000));
    assert!(
        value(Kind::Cash, 150, None).is_err(),
        "no fraction of a đồng"
    );
    assert!(
        value(Kind::Land, 12_050, None)
            .unwrap_err()
            .contains("căn cứ quy ra tiền")
    );
    let stated = Basis::Stated {
        value: 12_000_000,
        source: "biên bản định giá".into(),
    };
    assert_eq!(value(Kind::Assets, 100, Some(&stated)), Ok(12_000_000));
    assert!(value(Kind::Land, 0, Some(&price(1))).is_err());
}

#[test]
fn the_mark_is_per_year_and_its_comparator_is_data() {
    let mark = Mark {
        threshold: 80_000_000,
        comparator: Comparator::AtLeast,
    };
    let rows = vec![
        (Contributor::Person(1), 2023, 50_000_000),
        (Contributor::Person(1), 2023, 30_000_000),
        (Contributor::Person(2), 2023, 79_999_999),
        (Contributor::Person(1), 2024, 40_000_000),
        // The household's gift of family land counts for the household, not its head (1).
        (Contributor::Household(7), 2024, 90_000_000),
    ];
    let t = yearly_totals(&rows);
    assert!(mark.reached(t[&(Contributor::Person(1), 2023)]));
    assert!(!mark.reached(t[&(Contributor::Person(2), 2023)]));
    assert!(
        !mark.reached(t[&(Contributor::Person(1), 2024)]),
        "per year"
    );
    assert!(mark.reached(t[&(Contributor::Household(7), 2024)]));
    let above = Mark {
        threshold: 80_000_000,
        comparator: Comparator::Above,
    };
    assert!(!above.reached(80_000_000));
    assert!(above.reached(80_000_001));
    assert_eq!(top(&t, 2023, 1), vec![(Contributor::Person(1), 80_000_000)]);
    assert_eq!(top(&t, 2024, 5).len(), 2);
}

#[test]
fn delivered_against_committed_in_tenths_of_a_percent() {
    assert_eq!(delivered_share(45_000_000, Some(120_000_000)), Some(375));
    assert_eq!(delivered_share(120_000_000, Some(120_000_000)), Some(1000));
    // 1/3 is 33,33… %: 33,3 %; 2/3 is 66,67 %: 66,7 %.
    assert_eq!(delivered_share(1, Some(3)), Some(333));
    assert_eq!(delivered_share(2, Some(3)), Some(667));
    assert_eq!(delivered_share(5, None), None);
    assert_eq!(delivered_share(5, Some(0)), None);
    assert_eq!(share_text(375), "37,5 %");
    assert_eq!(share_text(1250), "125,0 %");
}
