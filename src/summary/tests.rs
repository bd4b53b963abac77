use super::*;

#[test]
fn figures_become_exact_ten_thousandths() {
    assert_eq!(exact(77.18), Some(771_800));
    assert_eq!(exact(0.1 + 0.2), Some(3_000));
    assert_eq!(exact(-12.5), Some(-125_000));
    assert_eq!(exact(-0.00001), Some(0));
    assert_eq!(exact(1_234_567_890_123.0), Some(12_345_678_901_230_000));
    assert_eq!(exact(f64::NAN), None);
}

#[test]
fn limbs_hold_totals_beyond_64_bits_and_add_as_integers() {
    let big: i128 = 123_456_789_012_345_678_901_234;
    let (h, l) = limbs(big);
    assert_eq!(from_limbs(h, l), big);
    let (h2, l2) = limbs(-big / 3);
    // What the database does: adds the columns separately.
    assert_eq!(from_limbs(h + h2, l + l2), big - big / 3);
}

#[test]
fn tenths_summed_exactly_do_not_drift_when_taken_away_again() {
    let mut t = Totals::default();
    let mut one = Totals::default();
    one.add_figure(1, 2024, 0.1, None);
    for _ in 0..1_000 {
        t.add(&one, 1);
    }
    for _ in 0..999 {
        t.add(&one, -1);
    }
    assert_eq!(t.figures[&(1, 2024)].sum, 1_000);
    t.add(&one, -1);
    assert!(t.trimmed().is_empty());
}

#[test]
fn a_weighted_figure_counts_only_with_its_weight() {
    let mut t = Totals::default();
    t.add_figure(7, 2025, 80.5, Some(12_000.0));
    t.add_figure(7, 2025, 60.0, None);
    let f = t.figures[&(7, 2025)];
    assert_eq!((f.figures, f.weighted), (2, 1));
    assert_eq!(
        to_f64(f.weighted_sum, SCALE * SCALE) / to_f64(f.weight, SCALE),
        80.5
    );
    assert_eq!(to_f64(f.sum, SCALE), 140.5);
}

#[test]
fn ancestors_and_spans_read_as_the_tree_and_calendar_say() {
    assert_eq!(ancestors("/1/5/9/"), vec![1, 5]);
    assert_eq!(ancestors("/1/"), Vec::<i64>::new());
    let closed = NaiveDate::from_ymd_opt(2025, 6, 30);
    assert_eq!(span(None, closed), (0, 2025));
    assert_eq!(
        span(NaiveDate::from_ymd_opt(2025, 7, 1), None),
        (2025, 9999)
    );
}

#[test]
fn roll_up_adds_each_unit_to_every_unit_above_it() {
    let paths: HashMap<i64, String> = [(1, "/1/"), (2, "/1/2/"), (3, "/1/2/3/"), (4, "/1/4/")]
        .into_iter()
        .map(|(i, p)| (i, p.to_string()))
        .collect();
    let mut own = HashMap::new();
    for (id, v) in [(3, 10.0), (4, 5.0)] {
        let mut t = Totals::default();
        t.add_unit("ward", None, None);
        t.add_sheet(2024, "ward", "approved", 1);
        t.add_sheet(2024, "ward", "draft", 1);
        t.add_figure(1, 2024, v, None);
        own.insert(id, t);
    }
    let totals = roll_up(&paths, &own);
    assert_eq!(totals[&1].figures[&(1, 2024)].sum, 150_000);
    assert_eq!(totals[&2].figures[&(1, 2024)].sum, 100_000);
    assert_eq!(totals[&1].units[&("ward".to_string(), 0, 9999)], 2);
    assert!(!totals.contains_key(&3), "nothing is below a ward");
    let wards = ["ward".to_string()];
    let c = totals[&1].coverage(&wards, 2024);
    assert_eq!(
        (c.expected, c.approved, c.not_sent()),
        (2, 2, 0),
        "drafts are not counted"
    );
    assert_eq!(totals[&1].coverage(&wards, 2025).not_sent(), 2);
    assert!(differences(&totals, &totals).is_empty());
    let mut wrong = totals.clone();
    wrong.get_mut(&2).unwrap().sheets.clear();
    assert_eq!(
        differences(&wrong, &totals),
        vec!["Đơn vị #2: tổng bảng đã duyệt đang lưu khác với tính lại từ đầu.".to_string()]
    );
}
