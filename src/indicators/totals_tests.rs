use super::*;
use crate::indicators::tests::indicator;

fn ind(id: i64, code: &str, measure: Measure, aggregation: &str, rule: &str) -> Indicator {
    let mut i = indicator(measure, "");
    i.id = id;
    i.code = code.into();
    i.aggregation = aggregation.into();
    if aggregation == "formula" {
        i.formula = rule.into();
    } else {
        i.weight_code = rule.into();
    }
    i
}

/// Three wards; 2024 approved for two of them.
fn town() -> (Vec<Indicator>, HashMap<i64, Vec<String>>, Inputs) {
    let inds = vec![
        ind(1, "DAN_SO", Measure::Count, "sum", ""),
        ind(2, "THU_NHAP", Measure::Vnd, "weighted", "DAN_SO"),
        ind(3, "SO_HO", Measure::Count, "sum", ""),
        ind(4, "HO_NGHEO", Measure::Count, "sum", ""),
        ind(
            5,
            "HO_NGHEO_TL",
            Measure::Percent,
            "formula",
            "HO_NGHEO / SO_HO * 100",
        ),
        ind(6, "DTVM_DAT", Measure::YesNo, "share", ""),
    ];
    let kinds = (1..=6).map(|id| (id, vec!["ward".to_string()])).collect();
    // Bắc Hồng and Nam Hồng open-ended, Đậu Liêu closed on 30/06/2025; the counts say one is
    // missing in 2024 and the store named it.
    let mut inputs = Inputs {
        units: vec![("ward".into(), 0, 9999, 2), ("ward".into(), 0, 2025, 1)],
        ..Inputs::default()
    };
    inputs.approved.insert((2024, "ward".into()), 2);
    inputs
        .missing_names
        .insert(2024, vec![("ward".into(), "Phường Đậu Liêu".into())]);
    // Bắc Hồng 6.000 people at 80, Nam Hồng 4.000 at 90 → (480.000 + 360.000) / 10.000 = 84.
    inputs.sums.insert((1, 2024), (10_000.0, 2));
    inputs.sums.insert((2, 2024), (170.0, 2));
    inputs.weighted.insert((2, 2024), (840_000.0, 10_000.0));
    inputs.sums.insert((3, 2024), (2_500.0, 2));
    inputs.sums.insert((4, 2024), (50.0, 2));
    inputs.sums.insert((6, 2024), (1.0, 2));
    (inds, kinds, inputs)
}

#[test]
fn town_figures_come_from_approved_ward_figures_and_name_the_missing_ward() {
    let (inds, kinds, inputs) = town();
    let cat = Catalogue {
        indicators: &inds,
        kinds: &kinds,
    };
    let pop = series(&cat, &inputs, &inds[0], "town", 2024..=2024);
    assert_eq!(pop.values.get(&2024), Some(&10_000.0));
    assert!(!pop.own);
    assert_eq!(
        pop.missing_note(2024),
        "Số liệu năm 2024 mới có 2/3 đơn vị được duyệt; còn thiếu: Phường Đậu Liêu."
    );
    let income = series(&cat, &inputs, &inds[1], "town", 2024..=2024);
    assert_eq!(
        income.values.get(&2024),
        Some(&84.0),
        "weighted by population, not 85"
    );
    let rate = series(&cat, &inputs, &inds[4], "town", 2024..=2024);
    assert_eq!(rate.values.get(&2024), Some(&2.0), "50 / 2.500 × 100");
    let share = series(&cat, &inputs, &inds[5], "town", 2024..=2024);
    assert_eq!(share.values.get(&2024), Some(&50.0));
    assert_eq!(display_indicator(&inds[5], false).show(50.0), "50 %");
}

#[test]
fn a_closed_ward_is_not_expected_after_it_closed() {
    let (inds, kinds, inputs) = town();
    let cat = Catalogue {
        indicators: &inds,
        kinds: &kinds,
    };
    let pop = series(&cat, &inputs, &inds[0], "town", 2026..=2026);
    assert_eq!(pop.expected.get(&2026), Some(&2));
    assert_eq!(pop.values.get(&2026), None, "nothing approved for 2026");
}

#[test]
fn a_ward_reads_its_own_figures() {
    let (inds, kinds, mut inputs) = town();
    inputs.own.insert((3, 2024), 1_000.0);
    inputs.own.insert((4, 2024), 35.0);
    let cat = Catalogue {
        indicators: &inds,
        kinds: &kinds,
    };
    let rate = series(&cat, &inputs, &inds[4], "ward", 2024..=2024);
    assert!(rate.own);
    assert!((rate.values[&2024] - 3.5).abs() < 1e-9);
    assert_eq!(rate.missing_note(2024), "");
}

#[test]
fn a_note_names_five_and_counts_the_rest_from_the_totals() {
    let (inds, kinds, mut inputs) = town();
    inputs.units = vec![("ward".into(), 0, 9999, 40)];
    inputs.approved.insert((2024, "ward".into()), 32);
    let names: Vec<(String, String)> = (1..=8)
        .map(|n| ("ward".to_string(), format!("Xã {n}")))
        .chain([("commune".to_string(), "Xã khác loại".to_string())])
        .collect();
    inputs.missing_names.insert(2024, names);
    let cat = Catalogue {
        indicators: &inds,
        kinds: &kinds,
    };
    let pop = series(&cat, &inputs, &inds[0], "town", 2024..=2024);
    assert_eq!(
        pop.missing_note(2024),
        "Số liệu năm 2024 mới có 32/40 đơn vị được duyệt; còn thiếu: Xã 1, Xã 2, Xã 3, Xã 4, Xã 5 và 3 đơn vị khác."
    );
    assert!(pop.incomplete(&2024));
    assert_eq!(
        pop.coverage(2024).map(|c| (c.approved, c.expected)),
        Some((32, 40))
    );
}
