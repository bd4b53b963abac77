//! Subtree totals kept on write (issue 9): after any sequence of approvals, reopenings, unit
//! moves, closures and new units they equal a recomputation from the figures and the full scan
//! the pages used to run; sibling approvals at the same moment both count.

use crate::helpers::{spawn_app, thidua_command};
use thidua::figures::{Action, SheetStatus, store as sheets};
use thidua::indicators::{self, Indicator};
use thidua::summary::keep;
use thidua::units::{self, Unit, UnitKind, ValidUnit};

/// A small deterministic generator (xorshift64*), so a failing sequence can be replayed from
/// its seed.
pub(crate) struct Dice(pub(crate) u64);

impl Dice {
    pub(crate) fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }
}

pub(crate) fn valid(u: &Unit, kind: UnitKind) -> ValidUnit {
    ValidUnit {
        code: u.code.clone(),
        name: u.name.clone(),
        kind,
        parent_code: None,
        valid_from: u.valid_from,
        valid_to: u.valid_to,
        note: u.note.clone(),
    }
}

pub(crate) async fn unit(app: &crate::helpers::TestApp, id: i64) -> Unit {
    let mut c = app.state.db.conn().await.unwrap();
    units::store::by_id(&mut c, id).await.unwrap().unwrap()
}

pub(crate) async fn add_unit(
    app: &crate::helpers::TestApp,
    code: String,
    kind: UnitKind,
    parent: Option<&Unit>,
) -> Unit {
    let now = app.state.clock.now();
    let mut tx = app.state.db.begin().await.unwrap();
    let v = ValidUnit {
        name: format!("Đơn vị {code}"),
        code,
        kind,
        parent_code: None,
        valid_from: None,
        valid_to: None,
        note: String::new(),
    };
    let id = units::store::insert(&mut tx, &v, parent, false, now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    unit(app, id).await
}

/// Moves the unit's sheet one way the workflow allows, at random: an approved sheet is
/// reopened; a waiting one approved or returned; an open one filled with figures (for the
/// indicators its kind enters) and sent, and mostly approved at once.
async fn approve_or_reopen(
    app: &crate::helpers::TestApp,
    dice: &mut Dice,
    u: &Unit,
    year: i64,
    entered: &[Indicator],
) {
    let now = app.state.clock.now();
    let mut tx = app.state.db.begin().await.unwrap();
    let sheet = sheets::sheet_for_writing(&mut tx, u.id, year, now)
        .await
        .unwrap();
    let step = |r: Result<sheets::Sheet, &'static str>| r.expect("allowed step");
    match sheet.status() {
        SheetStatus::Approved => {
            step(
                sheets::apply(&mut tx, &sheet, Action::Reopen, now)
                    .await
                    .unwrap(),
            );
        }
        SheetStatus::Submitted => {
            let action = if dice.roll(3) == 0 {
                Action::Return
            } else {
                Action::Approve
            };
            step(sheets::apply(&mut tx, &sheet, action, now).await.unwrap());
        }
        SheetStatus::Draft | SheetStatus::Returned => {
            for ind in entered {
                // Some figures left blank, some with decimals that a float sum would drift on.
                let v = match dice.roll(6) {
                    0 => None,
                    n => Some(ind.round(n as f64 * 10.1 + dice.roll(1000) as f64 / 7.0)),
                };
                sheets::put_figure(&mut tx, &sheet, ind.id, v, "", now)
                    .await
                    .unwrap();
            }
            let sent = step(
                sheets::apply(&mut tx, &sheet, Action::Submit, now)
                    .await
                    .unwrap(),
            );
            if dice.roll(4) != 0 {
                step(
                    sheets::apply(&mut tx, &sent, Action::Approve, now)
                        .await
                        .unwrap(),
                );
            }
        }
    }
    tx.commit().await.unwrap();
}

/// The kept totals agree with the recomputation, and what the dashboard reads for `u` agrees
/// with the full scan of its subtree's figures that the pages ran before.
async fn assert_totals_hold(app: &crate::helpers::TestApp, seed: u64, step: usize, u: &Unit) {
    let differences = keep::check(&app.state.db).await.unwrap();
    assert!(
        differences.is_empty(),
        "seed {seed}, step {step}: {differences:?}"
    );
    let mut c = app.state.db.conn().await.unwrap();
    let mut kept = indicators::board::inputs(&mut c, u, 2022, 2026)
        .await
        .unwrap();
    // Figures counted from recognitions are not read from sheets at all.
    let from_records = kept.from_records.clone();
    kept.sums.retain(|(i, _), _| !from_records.contains(i));
    let scanned = indicators::store::aggregates_below(&mut c, u, 2022, 2026)
        .await
        .unwrap();
    assert_eq!(kept.sums.len(), scanned.len(), "seed {seed}, step {step}");
    for a in scanned {
        let (sum, n) = kept.sums[&(a.indicator_id, a.year)];
        assert_eq!(n, a.n, "seed {seed}, step {step}");
        assert!(
            (sum - a.total).abs() < 1e-6,
            "seed {seed}: {sum} vs {}",
            a.total
        );
        if let (Some(vw), Some(w)) = (a.weighted_total, a.weight) {
            let (kvw, kw) = kept.weighted[&(a.indicator_id, a.year)];
            assert!((kvw - vw).abs() < 1e-3 && (kw - w).abs() < 1e-6);
        }
    }
}

#[tokio::test]
async fn kept_totals_equal_a_recomputation_after_random_sequences_of_changes() {
    let app = spawn_app().await;
    let mut c = app.state.db.conn().await.unwrap();
    let kinds = indicators::store::kinds(&mut c).await.unwrap();
    let all = indicators::store::all(&mut c).await.unwrap();
    drop(c);
    let entered_by = |kind: &str| -> Vec<Indicator> {
        all.iter()
            .filter(|i| i.is_entered() && kinds.iter().any(|(id, k)| *id == i.id && k == kind))
            .cloned()
            .collect()
    };
    let country = add_unit(&app, "QG".into(), UnitKind::Other, None).await;
    let mut provinces = Vec::new();
    let mut towns = Vec::new();
    let mut wards = Vec::new();
    for p in 0..2 {
        let province = add_unit(&app, format!("QG-{p}"), UnitKind::Province, Some(&country)).await;
        for t in 0..2 {
            let town = add_unit(&app, format!("QG-{p}-{t}"), UnitKind::Town, Some(&province)).await;
            for w in 0..3 {
                let ward =
                    add_unit(&app, format!("QG-{p}-{t}-{w}"), UnitKind::Ward, Some(&town)).await;
                wards.push(ward.id);
            }
            towns.push(town.id);
        }
        provinces.push(province.id);
    }
    let mut fresh = 0;
    for seed in [7_u64, 2026, 91_153] {
        let mut dice = Dice(seed);
        for step in 0..45 {
            let now = app.state.clock.now();
            match dice.roll(10) {
                // Approvals and reopenings of ward and town sheets, most often.
                0..=4 => {
                    let (id, kind) = if dice.roll(4) == 0 {
                        (towns[dice.roll(towns.len())], "town")
                    } else {
                        (wards[dice.roll(wards.len())], "ward")
                    };
                    let u = unit(&app, id).await;
                    let kind = if u.kind == "commune" { "commune" } else { kind };
                    let year = 2023 + dice.roll(3) as i64;
                    approve_or_reopen(&app, &mut dice, &u, year, &entered_by(kind)).await;
                }
                // A ward moves to another town, or a town to the other province.
                5 => {
                    let (id, parents) = if dice.roll(3) == 0 {
                        (towns[dice.roll(towns.len())], &provinces)
                    } else {
                        (wards[dice.roll(wards.len())], &towns)
                    };
                    let u = unit(&app, id).await;
                    let parent = unit(&app, parents[dice.roll(parents.len())]).await;
                    let kind = UnitKind::from_code(&u.kind).unwrap();
                    let mut tx = app.state.db.begin().await.unwrap();
                    assert!(
                        units::store::update(&mut tx, &u, &valid(&u, kind), Some(&parent), now)
                            .await
                            .unwrap()
                    );
                    tx.commit().await.unwrap();
                }
                // A ward closes mid-year, or reopens (its end date removed).
                6 => {
                    let u = unit(&app, wards[dice.roll(wards.len())]).await;
                    let mut tx = app.state.db.begin().await.unwrap();
                    if u.valid_to.is_some() {
                        let mut v = valid(&u, UnitKind::from_code(&u.kind).unwrap());
                        v.valid_to = None;
                        let parent = unit(&app, u.parent_id.unwrap()).await;
                        assert!(
                            units::store::update(&mut tx, &u, &v, Some(&parent), now)
                                .await
                                .unwrap()
                        );
                    } else {
                        let day =
                            chrono::NaiveDate::from_ymd_opt(2023 + dice.roll(3) as i32, 6, 30)
                                .unwrap();
                        assert!(
                            units::store::close(&mut tx, u.id, u.version, day, now)
                                .await
                                .unwrap()
                        );
                    }
                    tx.commit().await.unwrap();
                }
                // A ward becomes a commune (or back): its figures count under another kind.
                7 => {
                    let u = unit(&app, wards[dice.roll(wards.len())]).await;
                    let kind = if u.kind == "ward" {
                        UnitKind::Commune
                    } else {
                        UnitKind::Ward
                    };
                    let parent = unit(&app, u.parent_id.unwrap()).await;
                    let mut tx = app.state.db.begin().await.unwrap();
                    assert!(
                        units::store::update(&mut tx, &u, &valid(&u, kind), Some(&parent), now)
                            .await
                            .unwrap()
                    );
                    tx.commit().await.unwrap();
                }
                // A new ward is founded in a town.
                _ => {
                    fresh += 1;
                    let town = unit(&app, towns[dice.roll(towns.len())]).await;
                    let ward =
                        add_unit(&app, format!("QG-MOI-{fresh}"), UnitKind::Ward, Some(&town))
                            .await;
                    wards.push(ward.id);
                }
            }
            let root = unit(&app, country.id).await;
            assert_totals_hold(&app, seed, step, &root).await;
            let town = unit(&app, towns[dice.roll(towns.len())]).await;
            assert_totals_hold(&app, seed, step, &town).await;
        }
    }
    // Whatever the sequence left, a rebuild gives back the same totals.
    keep::rebuild(&app.state.db).await.unwrap();
    assert!(keep::check(&app.state.db).await.unwrap().is_empty());
}

#[tokio::test]
async fn check_totals_names_a_tampered_total_and_rebuild_repairs_it() {
    let app = spawn_app().await;
    let hl = unit_by_code(&app, "HL").await;
    let ward = unit_by_code(&app, "HL-DT").await;
    let mut c = app.state.db.conn().await.unwrap();
    let entered: Vec<Indicator> = indicators::store::all(&mut c)
        .await
        .unwrap()
        .into_iter()
        .filter(|i| i.code == "DAN_SO")
        .collect();
    drop(c);
    approve_or_reopen(&app, &mut Dice(5), &ward, 2024, &entered).await;
    assert!(keep::check(&app.state.db).await.unwrap().is_empty());
    let mut tx = app.state.db.begin().await.unwrap();
    let lost = thidua::summary::read_store::below(&mut tx, hl.id)
        .await
        .unwrap();
    thidua::summary::store::add(&mut tx, &[hl.id], &{
        let mut t = thidua::summary::Totals::default();
        t.add(&lost, -1);
        t
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    // The commands an administrator runs, on the same database.
    let run = |command: &str| {
        let out = thidua_command(app.dir.path(), &app.database_url)
            .arg(command)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.success(), text)
    };
    let (ok, said) = run("check-totals");
    assert!(!ok, "a difference fails the command: {said}");
    assert!(said.contains(&format!("Đơn vị #{}: tổng", hl.id)), "{said}");
    assert!(said.contains("thidua rebuild-totals"), "{said}");
    let (ok, said) = run("rebuild-totals");
    assert!(
        ok && said.contains("Đã tính lại số tổng cộng dồn"),
        "{said}"
    );
    let (ok, said) = run("check-totals");
    assert!(ok && said.contains("khớp"), "{said}");
    assert!(keep::check(&app.state.db).await.unwrap().is_empty());
}

async fn unit_by_code(app: &crate::helpers::TestApp, code: &str) -> Unit {
    let mut c = app.state.db.conn().await.unwrap();
    units::store::by_code(&mut c, code).await.unwrap().unwrap()
}

#[tokio::test]
async fn sibling_wards_approved_at_the_same_moment_both_count_in_the_town() {
    let app = spawn_app().await;
    let town = add_unit(&app, "DT".into(), UnitKind::Town, None).await;
    let mut c = app.state.db.conn().await.unwrap();
    let pop = indicators::store::by_code(&mut c, "DAN_SO")
        .await
        .unwrap()
        .unwrap();
    drop(c);
    let mut ready = Vec::new();
    for w in 0..8 {
        let ward = add_unit(&app, format!("DT-{w}"), UnitKind::Ward, Some(&town)).await;
        let now = app.state.clock.now();
        let mut tx = app.state.db.begin().await.unwrap();
        let s = sheets::sheet_for_writing(&mut tx, ward.id, 2025, now)
            .await
            .unwrap();
        sheets::put_figure(&mut tx, &s, pop.id, Some(1_000.0 + w as f64), "", now)
            .await
            .unwrap();
        let sent = sheets::apply(&mut tx, &s, Action::Submit, now)
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
        ready.push(sent);
    }
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(ready.len()));
    let mut tasks = Vec::new();
    for sheet in ready {
        let (db, clock, start) = (app.state.db.clone(), app.state.clock.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let mut tx = db.begin().await.unwrap();
            sheets::apply(&mut tx, &sheet, Action::Approve, clock.now())
                .await
                .unwrap()
                .unwrap();
            tx.commit().await.unwrap();
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let mut c = app.state.db.conn().await.unwrap();
    let below = thidua::summary::read_store::below_in(&mut c, town.id, 2025, 2025)
        .await
        .unwrap();
    let total = below.figures[&(pop.id, 2025)];
    assert_eq!(total.figures, 8, "every approval counted");
    assert_eq!(total.sum, (8_000 + 28) * thidua::summary::SCALE);
    assert_eq!(
        below.sheets[&(2025, "ward".to_string(), "approved".to_string())],
        8
    );
}
