use super::*;

fn input(code: &str, name: &str, kind: &str) -> UnitInput {
    UnitInput {
        code: code.into(),
        name: name.into(),
        kind: kind.into(),
        ..Default::default()
    }
}

#[test]
fn accepts_kinds_by_code_or_label_without_accents() {
    assert_eq!(
        UnitKind::parse("Tổ dân phố"),
        Some(UnitKind::ResidentialGroup)
    );
    assert_eq!(
        UnitKind::parse("to dan pho"),
        Some(UnitKind::ResidentialGroup)
    );
    assert_eq!(UnitKind::parse("ward"), Some(UnitKind::Ward));
    assert_eq!(UnitKind::parse("quận"), None);
}

#[test]
fn reports_every_bad_field() {
    let mut i = input("mã có dấu", "", "quận");
    i.valid_from = "01/07/2025".into();
    i.valid_to = "30/06/2025".into();
    let errs = validate(&i).unwrap_err();
    let fields: Vec<_> = errs.iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, vec!["code", "name", "kind", "valid_to"]);
}

#[test]
fn cleans_a_good_input() {
    let mut i = input(" TDP-01 ", "  Tổ dân phố   1 ", "Tổ dân phố");
    i.parent_code = "DT".into();
    let Ok(v) = validate(&i) else {
        panic!("a good input is refused");
    };
    assert_eq!(v.code, "TDP-01");
    assert_eq!(v.name, "Tổ dân phố 1");
    assert_eq!(v.parent_code.as_deref(), Some("DT"));
}

fn unit(id: i64, parent: Option<i64>, name: &str) -> Unit {
    Unit {
        id,
        code: format!("U{id}"),
        name: name.into(),
        kind: "ward".into(),
        parent_id: parent,
        path: String::new(),
        valid_from: None,
        valid_to: NaiveDate::from_ymd_opt(2025, 6, 30),
        note: String::new(),
        is_demo: false,
        version: 1,
    }
}

#[test]
fn tree_puts_children_under_parents_in_given_order() {
    let rows = tree_order(vec![
        unit(1, None, "Tỉnh"),
        unit(2, Some(1), "A"),
        unit(3, Some(2), "A1"),
        unit(4, Some(1), "B"),
    ]);
    let seen: Vec<(i64, usize)> = rows.iter().map(|r| (r.unit.id, r.level)).collect();
    assert_eq!(seen, vec![(1, 0), (2, 1), (3, 2), (4, 1)]);
}

#[test]
fn siblings_come_by_kind_then_in_name_order() {
    let kind = |mut u: Unit, k: &str| {
        u.kind = k.into();
        u
    };
    let rows = tree_order(vec![
        unit(1, None, "Thị xã"),
        kind(unit(2, Some(1), "Phòng Kinh tế"), "department"),
        unit(3, Some(1), "Phường Bắc Hồng"),
        kind(unit(4, Some(1), "Xã Thuận Lộc"), "commune"),
        unit(5, Some(1), "Phường Đức Thuận"),
    ]);
    let ids: Vec<i64> = rows.iter().map(|r| r.unit.id).collect();
    assert_eq!(ids, vec![1, 3, 5, 4, 2]);
}

#[test]
fn subtree_bounds_hold_exactly_the_units_below() {
    let (lo, hi) = subtree_bounds("/1/5/");
    let below = |p: &str| p > lo.as_str() && p < hi.as_str();
    assert!(below("/1/5/7/") && below("/1/5/70/12/"));
    assert!(!below("/1/5/") && !below("/1/50/") && !below("/1/6/") && !below("/1/4/9/"));
}

#[test]
fn validity_reads_in_vietnamese() {
    let u = unit(1, None, "x");
    assert_eq!(u.validity(), "đến 30/06/2025");
    let last = NaiveDate::from_ymd_opt(2025, 6, 30);
    let next = NaiveDate::from_ymd_opt(2025, 7, 1);
    assert!(last.is_some_and(|d| u.is_valid_on(d)));
    assert!(next.is_some_and(|d| !u.is_valid_on(d)));
}
