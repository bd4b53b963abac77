//! Award statistics (issue 13, item 7) as a pure summary of the decisions' entries: counts and
//! money of awards in force by year, form, category, proposing unit and subject kind, and the
//! shares going to small collectives and to people working directly in production — the
//! plan's priority principle (Law 2022 Art. 5; Decree 152 Art. 4). A revoked entry leaves
//! every count and is counted apart; an entry re-issued by an amending decision counts once.

use std::collections::BTreeMap;

use super::SubjectKind;
use super::decision_store::StatRow;

/// A line of a breakdown: label, awards in force, money in đồng.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub label: String,
    pub count: i64,
    pub money: i64,
}

/// The summary of a set of entries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stats {
    pub count: i64,
    pub money: i64,
    pub revoked: i64,
    pub small_collectives: i64,
    pub direct_production: i64,
    pub by_year: Vec<Line>,
    pub by_form: Vec<Line>,
    pub by_category: Vec<Line>,
    pub by_unit: Vec<Line>,
    pub by_kind: Vec<Line>,
}

fn lines(map: BTreeMap<String, (i64, i64)>, by_count: bool) -> Vec<Line> {
    let mut v: Vec<Line> = map
        .into_iter()
        .map(|(label, (count, money))| Line {
            label,
            count,
            money,
        })
        .collect();
    if by_count {
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    }
    v
}

/// Summarises `rows` (only year `year` when given).
pub fn summarise(rows: &[StatRow], year: Option<i64>) -> Stats {
    let mut s = Stats::default();
    let (mut y, mut f, mut c, mut u, mut k) = (
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
    );
    for r in rows.iter().filter(|r| year.is_none_or(|y| r.year == y)) {
        match r.state.as_str() {
            "revoked" => {
                s.revoked += 1;
                continue;
            }
            "amended" => continue,
            _ => {}
        }
        s.count += 1;
        s.money += r.amount;
        s.small_collectives += i64::from(r.small_collective);
        s.direct_production += i64::from(r.direct_production);
        let kind = SubjectKind::from_code(&r.subject_kind).map_or("", |k| k.label());
        for (map, key) in [
            (&mut y, r.year.to_string()),
            (&mut f, r.form_name.clone()),
            (&mut c, r.category.to_uppercase()),
            (&mut u, r.unit_name.clone()),
            (&mut k, kind.to_string()),
        ] {
            let e = map.entry(key).or_insert((0, 0));
            e.0 += 1;
            e.1 += r.amount;
        }
    }
    s.by_year = lines(y, false);
    s.by_form = lines(f, true);
    s.by_category = lines(c, false);
    s.by_unit = lines(u, true);
    s.by_kind = lines(k, true);
    s
}

/// "3/8 (37,5 %)": a share as the count over the total with one decimal of the percentage,
/// computed in integers (rounded half up).
pub fn share(part: i64, total: i64) -> String {
    if total <= 0 {
        return "0/0".into();
    }
    let tenths = (part * 1000 + total / 2) / total;
    format!("{part}/{total} ({},{} %)", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(year: i64, kind: &str, amount: i64, state: &str, small: bool) -> StatRow {
        StatRow {
            year,
            body_path: "/1/".into(),
            form_name: "Giấy khen".into(),
            category: "b".into(),
            unit_name: "Phường Đức Thuận".into(),
            subject_kind: kind.into(),
            amount,
            state: state.into(),
            direct_production: kind == "individual",
            small_collective: small,
        }
    }

    #[test]
    fn revoked_and_amended_entries_leave_the_counts() {
        let rows = [
            row(2024, "individual", 710_000, "awarded", false),
            row(2024, "collective", 1_410_000, "awarded", true),
            row(2024, "individual", 710_000, "revoked", false),
            row(2024, "individual", 710_000, "amended", false),
            row(2023, "individual", 700_000, "awarded", false),
        ];
        let s = summarise(&rows, Some(2024));
        assert_eq!((s.count, s.money, s.revoked), (2, 2_120_000, 1));
        assert_eq!((s.small_collectives, s.direct_production), (1, 1));
        assert_eq!(summarise(&rows, None).by_year.len(), 2);
        assert_eq!(s.by_kind[0].count, 1);
    }

    #[test]
    fn a_share_is_exact_to_a_tenth() {
        assert_eq!(share(3, 8), "3/8 (37,5 %)");
        assert_eq!(share(1, 3), "1/3 (33,3 %)");
        assert_eq!(share(2, 3), "2/3 (66,7 %)");
        assert_eq!(share(0, 0), "0/0");
    }
}
