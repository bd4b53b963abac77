//! Contribution totals kept on write (issue 11): after any sequence of gifts recorded in
//! batches, cancellations, revaluations and wards moving between towns, the kept rows equal a
//! recomputation from the contributions, and what the pages read (the social-mobilisation
//! figure, the list's count, the top contributors) equals a full scan of the subtree.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use thidua::resources::store::{self, NewContribution};
use thidua::resources::totals_store;
use thidua::summary::keep;
use thidua::units::{self, Unit, UnitKind};

use crate::contributions::{household, person};
use crate::helpers::TestApp;
use crate::totals::{Dice, add_unit, unit, valid};

/// Per year and kind: (count, quantity, value), by the scan the pages ran before.
type ByKind = BTreeMap<(i64, String), (i64, i64, i64)>;

async fn scanned_by_kind(app: &TestApp, path: &str) -> ByKind {
    let mut c = app.state.db.conn().await.unwrap();
    thidua::fetch_all!(
        &mut c,
        (i64, String, i64, i64, i64),
        "SELECT c.year, c.kind, COUNT(*), CAST(SUM(c.quantity) AS BIGINT), CAST(SUM(c.value) AS BIGINT) FROM contributions c JOIN units u ON u.id = c.unit_id WHERE u.path LIKE $1 || '%' GROUP BY c.year, c.kind",
        path
    )
    .unwrap()
    .into_iter()
    .map(|(y, k, n, q, v)| ((y, k), (n, q, v)))
    .collect()
}

/// Every contributor's total of `year`: (total, type, id, outside name), sorted.
type Totals = Vec<(i64, String, Option<i64>, String)>;

async fn scanned_top(app: &TestApp, path: &str, year: i64) -> Totals {
    let mut c = app.state.db.conn().await.unwrap();
    let mut rows: Totals = thidua::fetch_all!(
        &mut c,
        (i64, String, Option<i64>, String),
        "SELECT CAST(SUM(x.value) AS BIGINT), x.contributor_type, x.contributor_id, x.outside_name FROM contributions x JOIN units u ON u.id = x.unit_id WHERE u.path LIKE $1 || '%' AND x.year = $2 GROUP BY x.contributor_type, x.contributor_id, x.outside_name",
        path,
        year
    )
    .unwrap();
    rows.sort();
    rows
}

async fn assert_totals_hold(app: &TestApp, seed: u64, step: usize, u: &Unit) {
    let differences = keep::check(&app.state.db).await.unwrap();
    assert!(
        differences.is_empty(),
        "seed {seed}, step {step}: {differences:?}"
    );
    let mut c = app.state.db.conn().await.unwrap();
    let kept: ByKind = totals_store::totals_by_kind(&mut c, &u.path)
        .await
        .unwrap()
        .into_iter()
        .map(|(y, k, n, q, v)| ((y, k), (n, q, v)))
        .collect();
    assert_eq!(
        kept,
        scanned_by_kind(app, &u.path).await,
        "seed {seed}, step {step}"
    );
    let count = totals_store::count(&mut c, &u.path, Some(2024), Some("land"))
        .await
        .unwrap();
    let scanned = scanned_by_kind(app, &u.path).await;
    assert_eq!(
        count,
        scanned.get(&(2024, "land".into())).map_or(0, |s| s.0),
        "seed {seed}, step {step}"
    );
    let top = totals_store::top(&mut c, &u.path, 2024, 1_000)
        .await
        .unwrap();
    assert!(
        top.windows(2).all(|w| w[0].total >= w[1].total),
        "largest first"
    );
    let mut top: Totals = top
        .into_iter()
        .map(|t| {
            (
                t.total,
                t.contributor_type,
                t.contributor_id,
                t.outside_name,
            )
        })
        .collect();
    top.sort();
    assert_eq!(
        top,
        scanned_top(app, &u.path, 2024).await,
        "seed {seed}, step {step}"
    );
}

fn gift(
    dice: &mut Dice,
    unit_id: i64,
    who: &[(&'static str, Option<i64>, &str)],
) -> NewContribution {
    let (contributor_type, contributor_id, name) = who[dice.roll(who.len())];
    let year = 2023 + dice.roll(3) as i64;
    let land = dice.roll(2) == 0;
    let quantity = 100 * (1 + dice.roll(500) as i64);
    NewContribution {
        contributor_type,
        contributor_id,
        outside_name: name.into(),
        unit_id,
        work_id: None,
        kind: if land { "land" } else { "cash" },
        quantity,
        given_on: NaiveDate::from_ymd_opt(year as i32, 3, 1).unwrap(),
        year,
        basis: if land { "stated" } else { "cash" },
        stated_value: land.then_some(quantity * 1_000),
        stated_source: if land { "Biên bản định giá" } else { "" }.into(),
        value: if land {
            quantity * 1_000
        } else {
            quantity / 100
        },
        note: String::new(),
        is_demo: false,
    }
}

#[tokio::test]
async fn kept_contribution_totals_equal_a_scan_after_random_gifts_cancels_revaluations_and_moves() {
    let app = crate::helpers::spawn_app().await;
    let root = add_unit(&app, "QG".into(), UnitKind::Province, None).await;
    let towns = [
        add_unit(&app, "QG-A".into(), UnitKind::Town, Some(&root)).await,
        add_unit(&app, "QG-B".into(), UnitKind::Town, Some(&root)).await,
    ];
    let mut wards = Vec::new();
    for (t, town) in towns.iter().enumerate() {
        for w in 0..3 {
            let code = format!("QG-{t}-{w}");
            wards.push(add_unit(&app, code, UnitKind::Ward, Some(town)).await.id);
        }
    }
    let an = person(&app, "QG-0-0", "Nguyễn Văn An", "", "").await;
    let binh = person(&app, "QG-1-1", "Trần Thị Bình", "", "").await;
    let ho = household(&app, "QG-0-1", "Lê Văn Cường").await;
    let who = [
        ("person", Some(an), ""),
        ("person", Some(binh), ""),
        ("household", Some(ho), ""),
        ("unit", Some(towns[1].id), ""),
        ("outside", None, "Công ty TNHH Ánh Dương"),
        ("outside", None, "Ông Phạm Văn Dũng"),
    ];
    for seed in [11_u64, 2024, 77_003] {
        let mut dice = Dice(seed);
        for step in 0..30 {
            let now = app.state.clock.now();
            let mut tx = app.state.db.begin().await.unwrap();
            let ids: Vec<i64> =
                thidua::fetch_all!(&mut tx, (i64,), "SELECT id FROM contributions ORDER BY id")
                    .unwrap()
                    .into_iter()
                    .map(|(i,)| i)
                    .collect();
            match dice.roll(6) {
                // A batch of gifts, as an import or the demo writes them.
                0..=2 => {
                    let rows: Vec<NewContribution> = (0..1 + dice.roll(60))
                        .map(|_| {
                            let ward = wards[dice.roll(wards.len())];
                            gift(&mut dice, ward, &who)
                        })
                        .collect();
                    store::insert_many(&mut tx, &rows, None, now).await.unwrap();
                }
                // A gift recorded by mistake is cancelled.
                3 if !ids.is_empty() => {
                    assert!(
                        store::delete(&mut tx, ids[dice.roll(ids.len())])
                            .await
                            .unwrap()
                    );
                }
                // A price change revalues some gifts.
                4 if !ids.is_empty() => {
                    let changes: Vec<(i64, i64)> = (0..1 + dice.roll(5))
                        .map(|_| (ids[dice.roll(ids.len())], dice.roll(9_000_000) as i64))
                        .collect::<BTreeMap<_, _>>()
                        .into_iter()
                        .collect();
                    store::set_values(&mut tx, &changes).await.unwrap();
                }
                // A ward moves to the other town.
                _ => {
                    let u = unit(&app, wards[dice.roll(wards.len())]).await;
                    let to = if u.parent_id == Some(towns[0].id) {
                        &towns[1]
                    } else {
                        &towns[0]
                    };
                    let kind = UnitKind::from_code(&u.kind).unwrap();
                    assert!(
                        units::store::update(&mut tx, &u, &valid(&u, kind), Some(to), now)
                            .await
                            .unwrap()
                    );
                }
            }
            tx.commit().await.unwrap();
            assert_totals_hold(&app, seed, step, &unit(&app, root.id).await).await;
            let town = unit(&app, towns[dice.roll(2)].id).await;
            assert_totals_hold(&app, seed, step, &town).await;
            let ward = unit(&app, wards[dice.roll(wards.len())]).await;
            assert_totals_hold(&app, seed, step, &ward).await;
        }
    }
    keep::rebuild(&app.state.db).await.unwrap();
    assert!(keep::check(&app.state.db).await.unwrap().is_empty());
}
