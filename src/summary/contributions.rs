//! Contribution totals kept on write (issue 11): for each unit, what it and every unit below
//! it received, per year and kind (the "social mobilisation" figure and the list's count), and
//! per year and contributor (the top contributors and the plan's 80-million mark, KH 7/2022
//! V.1.g). Unlike the figure totals, a unit's own row includes what the unit itself received:
//! wards and communes are where gifts land.
//!
//! Pure: the shapes and the roll-up. SQL is in `contributions_store.rs`.

use std::collections::{BTreeMap, HashMap};

/// (unit, year, kind code).
pub type KindKey = (i64, i64, String);
/// What one kind adds: (how many, quantity in hundredths of its unit, value in whole đồng).
pub type KindSum = (i64, i64, i64);
/// (unit, year, contributor type, contributor id — 0 for an outside donor, outside name).
pub type ContributorKey = (i64, i64, String, i64, String);
/// What one contributor adds: (how many, value in whole đồng).
pub type ContributorSum = (i64, i64);

/// One contribution as the totals see it: the beneficiary's unit path, the year, the kind,
/// who gave it (id 0 and a name for an outside donor), the quantity in hundredths and the
/// value in whole đồng.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Gift {
    pub path: String,
    pub year: i64,
    pub kind: String,
    pub contributor_type: String,
    pub contributor_id: i64,
    pub outside_name: String,
    pub quantity: i64,
    pub value: i64,
}

/// Signed changes to the kept rows, in key order: writing them in that order in every
/// transaction makes two writers wait for each other rather than deadlock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delta {
    pub kinds: BTreeMap<KindKey, KindSum>,
    pub contributors: BTreeMap<ContributorKey, ContributorSum>,
}

/// The ids on a unit path, the unit itself last ("/1/5/9/" → [1, 5, 9]).
pub fn path_ids(path: &str) -> Vec<i64> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect()
}

impl Delta {
    /// Adds `sign` × the gift to every unit in `units` (the beneficiary and those above it).
    pub fn add_to(&mut self, units: &[i64], g: &Gift, sign: i64) {
        for u in units {
            let k = self.kinds.entry((*u, g.year, g.kind.clone())).or_default();
            k.0 += sign;
            k.1 += sign * g.quantity;
            k.2 += sign * g.value;
            let c = self
                .contributors
                .entry((
                    *u,
                    g.year,
                    g.contributor_type.clone(),
                    g.contributor_id,
                    g.outside_name.clone(),
                ))
                .or_default();
            c.0 += sign;
            c.1 += sign * g.value;
        }
    }

    /// Adds `sign` × the gift to its beneficiary and every unit above it.
    pub fn add_gift(&mut self, g: &Gift, sign: i64) {
        self.add_to(&path_ids(&g.path), g, sign);
    }

    /// Moves the kept rows of one unit (what its subtree received) from the units above its
    /// old place to those above its new place.
    pub fn move_subtree(
        &mut self,
        kept_kinds: &[(i64, String, i64, i64, i64)],
        kept_contributors: &[(i64, String, i64, String, i64, i64)],
        from: &[i64],
        to: &[i64],
    ) {
        for (units, sign) in [(from, -1), (to, 1)] {
            for u in units {
                for (year, kind, n, q, v) in kept_kinds {
                    let k = self.kinds.entry((*u, *year, kind.clone())).or_default();
                    k.0 += sign * n;
                    k.1 += sign * q;
                    k.2 += sign * v;
                }
                for (year, t, id, name, n, v) in kept_contributors {
                    let c = self
                        .contributors
                        .entry((*u, *year, t.clone(), *id, name.clone()))
                        .or_default();
                    c.0 += sign * n;
                    c.1 += sign * v;
                }
            }
        }
    }

    /// Without the rows that change nothing.
    pub fn trimmed(mut self) -> Delta {
        self.kinds.retain(|_, s| *s != (0, 0, 0));
        self.contributors.retain(|_, s| *s != (0, 0));
        self
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.contributors.is_empty()
    }
}

/// The totals rolled up from each beneficiary's own sums (what `check-totals` compares with
/// the kept rows): `own_kinds` (unit, year, kind, n, quantity, value) and `own_contributors`
/// (unit, year, type, id, name, n, value), with `paths` giving each unit's place.
pub fn roll_up(
    paths: &HashMap<i64, String>,
    own_kinds: &[(i64, i64, String, i64, i64, i64)],
    own_contributors: &[(i64, i64, String, i64, String, i64, i64)],
) -> Delta {
    let mut d = Delta::default();
    let above = |unit: &i64| paths.get(unit).map(|p| path_ids(p)).unwrap_or_default();
    for (unit, year, kind, n, q, v) in own_kinds {
        for u in above(unit) {
            let k = d.kinds.entry((u, *year, kind.clone())).or_default();
            k.0 += n;
            k.1 += q;
            k.2 += v;
        }
    }
    for (unit, year, t, id, name, n, v) in own_contributors {
        for u in above(unit) {
            let c = d
                .contributors
                .entry((u, *year, t.clone(), *id, name.clone()))
                .or_default();
            c.0 += n;
            c.1 += v;
        }
    }
    d.trimmed()
}

/// Where `kept` and `recomputed` differ, one line each (what `thidua check-totals` prints).
pub fn differences(kept: &Delta, recomputed: &Delta) -> Vec<String> {
    let mut out = Vec::new();
    let keys: std::collections::BTreeSet<&KindKey> =
        kept.kinds.keys().chain(recomputed.kinds.keys()).collect();
    for k in keys {
        let (a, b) = (kept.kinds.get(k), recomputed.kinds.get(k));
        if a != b {
            out.push(format!(
                "đơn vị {} năm {} hình thức {}: lưu {:?}, tính lại {:?}",
                k.0, k.1, k.2, a, b
            ));
        }
    }
    let keys: std::collections::BTreeSet<&ContributorKey> = kept
        .contributors
        .keys()
        .chain(recomputed.contributors.keys())
        .collect();
    for k in keys {
        let (a, b) = (kept.contributors.get(k), recomputed.contributors.get(k));
        if a != b {
            out.push(format!(
                "đơn vị {} năm {} người đóng góp {} {} {}: lưu {:?}, tính lại {:?}",
                k.0, k.1, k.2, k.3, k.4, a, b
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gift(path: &str, value: i64) -> Gift {
        Gift {
            path: path.into(),
            year: 2024,
            kind: "land".into(),
            contributor_type: "household".into(),
            contributor_id: 7,
            outside_name: String::new(),
            quantity: 15_000,
            value,
        }
    }

    #[test]
    fn a_gift_counts_for_its_ward_and_every_unit_above() {
        let mut d = Delta::default();
        d.add_gift(&gift("/1/5/9/", 30_000_000), 1);
        let units: Vec<i64> = d.kinds.keys().map(|k| k.0).collect();
        assert_eq!(units, vec![1, 5, 9]);
        assert_eq!(d.kinds[&(9, 2024, "land".into())], (1, 15_000, 30_000_000));
        assert_eq!(
            d.contributors[&(1, 2024, "household".into(), 7, String::new())],
            (1, 30_000_000)
        );
    }

    #[test]
    fn cancelling_takes_away_exactly_what_recording_added() {
        let mut d = Delta::default();
        d.add_gift(&gift("/1/5/9/", 30_000_000), 1);
        d.add_gift(&gift("/1/5/9/", 30_000_000), -1);
        assert!(d.trimmed().is_empty());
    }

    #[test]
    fn a_moved_ward_takes_its_totals_to_its_new_parent() {
        let mut d = Delta::default();
        d.move_subtree(
            &[(2024, "cash".into(), 2, 500, 5)],
            &[(2024, "person".into(), 3, String::new(), 2, 5)],
            &[1, 5],
            &[1, 6],
        );
        let d = d.trimmed();
        assert_eq!(d.kinds.len(), 2, "the common ancestor does not change");
        assert_eq!(d.kinds[&(5, 2024, "cash".into())], (-2, -500, -5));
        assert_eq!(d.kinds[&(6, 2024, "cash".into())], (2, 500, 5));
    }

    #[test]
    fn the_roll_up_matches_the_deltas_of_the_same_gifts() {
        let paths: HashMap<i64, String> = [(1, "/1/"), (5, "/1/5/"), (9, "/1/5/9/")]
            .into_iter()
            .map(|(i, p)| (i, p.to_string()))
            .collect();
        let mut kept = Delta::default();
        kept.add_gift(&gift("/1/5/9/", 10), 1);
        kept.add_gift(&gift("/1/5/", 20), 1);
        let recomputed = roll_up(
            &paths,
            &[
                (9, 2024, "land".into(), 1, 15_000, 10),
                (5, 2024, "land".into(), 1, 15_000, 20),
            ],
            &[
                (9, 2024, "household".into(), 7, String::new(), 1, 10),
                (5, 2024, "household".into(), 7, String::new(), 1, 20),
            ],
        );
        assert_eq!(
            differences(&kept.trimmed(), &recomputed),
            Vec::<String>::new()
        );
        assert_eq!(recomputed.kinds[&(1, 2024, "land".into())], (2, 30_000, 30));
    }
}
