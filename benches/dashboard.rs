//! Dashboard benchmark (not a test), at national size: 3,321 wards in 504 towns of 63
//! provinces, 40 indicators × 10 years ≈ 1.3 M approved figures, with 3 % of the wards' last
//! year still waiting. It reports the time to rebuild and check the kept totals and their size;
//! the town, province and national dashboards and drill-downs (median, p95, p99) with the ratio
//! to reading the same summary rows with bare SQL, and the full subtree scan they replaced;
//! approving a sheet over HTTP; and a bounded HTTP load on the national dashboard against a
//! static page of the same bytes on the same server. Run: `cargo bench --bench dashboard`
//! (add `TEST_DATABASE_URL=postgres://…/postgres` for PostgreSQL).

mod common;

use std::time::Instant;

use thidua::db::Tx;
use thidua::figures;
use thidua::indicators::{self, Indicator, Target};
use thidua::movements::{self, Movement};
use thidua::summary;
use thidua::units::{self, Unit, UnitKind, ValidUnit};

const YEARS: std::ops::RangeInclusive<i64> = 2016..=2025;
const INDICATORS: usize = 40;

async fn add(tx: &mut Tx, v: ValidUnit, parent: Option<&Unit>) -> Unit {
    let now = chrono::Utc::now();
    let id = units::store::insert(tx, &v, parent, true, now)
        .await
        .expect("unit");
    units::store::by_id(tx, id).await.expect("q").expect("row")
}

/// Tops the catalogue up to 40 indicators that wards enter, all summed.
async fn indicators_to_forty(tx: &mut Tx) -> Vec<Indicator> {
    let now = chrono::Utc::now();
    let kinds = indicators::store::kinds(tx).await.expect("kinds");
    let entered_by_wards = |all: &[Indicator]| -> Vec<Indicator> {
        all.iter()
            .filter(|i| i.is_entered() && kinds.iter().any(|(id, k)| *id == i.id && k == "ward"))
            .cloned()
            .collect()
    };
    let all = indicators::store::all(tx).await.expect("all");
    let mut template = all.first().expect("catalogue").clone();
    for n in entered_by_wards(&all).len()..INDICATORS {
        template.code = format!("BENCH_{n:02}");
        template.name = format!("Chỉ số đo hiệu năng {n}");
        template.aggregation = "sum".into();
        template.at_most_code = String::new();
        indicators::store::insert(tx, &template, &["ward"], now)
            .await
            .expect("indicator");
    }
    let kinds = indicators::store::kinds(tx).await.expect("kinds");
    indicators::store::all(tx)
        .await
        .expect("all")
        .into_iter()
        .filter(|i| i.is_entered() && kinds.iter().any(|(id, k)| *id == i.id && k == "ward"))
        .collect()
}

/// A movement issued by `root` with the built-in movement's targets.
async fn movement_at(tx: &mut Tx, root: &Unit) {
    let now = chrono::Utc::now();
    let builtin = movements::store::by_code(tx, indicators::seed::MOVEMENT)
        .await
        .expect("q")
        .expect("built-in");
    let m = Movement {
        id: 0,
        code: format!("BENCH-{}", root.code),
        issuing_unit_id: root.id,
        period_from: *YEARS.start(),
        period_to: *YEARS.end(),
        ..builtin.clone()
    };
    let mid = movements::store::insert(tx, &m).await.expect("movement");
    for t in indicators::store::targets_of(tx, builtin.id)
        .await
        .expect("targets")
    {
        let t = Target {
            movement_id: mid,
            unit_id: if t.scope == "town" {
                Some(root.id)
            } else {
                None
            },
            base_year: t.base_year.map(|_| *YEARS.start()),
            year: t.year.map(|y| y - 2022 + *YEARS.start()),
            ..t
        };
        indicators::store::insert_target(tx, &t, now)
            .await
            .expect("target");
    }
}

/// Approved figures for every ward, indicator and year (loaded in bulk: the totals are rebuilt
/// afterwards, as `thidua rebuild-totals` does after an import).
async fn figures_for(tx: &mut Tx, wards: &[Unit], inds: &[Indicator]) -> usize {
    let now = chrono::Utc::now();
    let mut rows = Vec::new();
    for (w, ward) in wards.iter().enumerate() {
        for year in YEARS {
            let sheet = figures::store::insert_approved(tx, ward.id, year, now)
                .await
                .expect("sheet");
            for (n, ind) in inds.iter().enumerate() {
                let v = match ind.measure().code() {
                    "percent" => 80.0 + ((w + n) % 15) as f64,
                    "yesno" => ((w + year as usize) % 2) as f64,
                    _ => 1_000.0 + (w * 7 + n * 13) as f64 + (year - 2016) as f64 * 25.0,
                };
                rows.push((sheet, ward.id, year, ind.id, v));
            }
        }
        if rows.len() >= 50_000 {
            figures::store::insert_many(tx, &rows, now)
                .await
                .expect("figures");
            rows.clear();
        }
    }
    figures::store::insert_many(tx, &rows, now)
        .await
        .expect("figures");
    wards.len() * inds.len() * YEARS.count()
}

/// Every 33rd ward's last-year sheet goes back to waiting, so the pages name missing units.
async fn leave_some_waiting(tx: &mut Tx, wards: &[Unit]) -> usize {
    let now = chrono::Utc::now();
    let mut n = 0;
    for ward in wards.iter().step_by(33) {
        let sheet = figures::store::sheet(tx, ward.id, *YEARS.end())
            .await
            .expect("q")
            .expect("sheet");
        assert!(
            figures::store::set_status(tx, &sheet, "submitted", now)
                .await
                .expect("status")
        );
        n += 1;
    }
    n
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (state, engine) = common::prepare(dir.path()).await;
    let started = Instant::now();
    let mut tx = state.db.begin().await.expect("tx");
    let inds = indicators_to_forty(&mut tx).await;
    let country = add(
        &mut tx,
        common::unit("BN".into(), "Cả nước đo hiệu năng".into(), UnitKind::Other),
        None,
    )
    .await;
    let (mut provinces, mut towns, mut wards) = (Vec::new(), Vec::new(), Vec::new());
    for p in 0..63 {
        let prov = add(
            &mut tx,
            common::unit(format!("BN-{p}"), format!("Tỉnh N{p}"), UnitKind::Province),
            Some(&country),
        )
        .await;
        let count = 3_321 / 63 + usize::from(p < 3_321 % 63);
        for t in 0..8 {
            let town = add(
                &mut tx,
                common::unit(
                    format!("BN-{p}-{t}"),
                    format!("Thị xã N{p}.{t}"),
                    UnitKind::Town,
                ),
                Some(&prov),
            )
            .await;
            for w in (0..count).filter(|w| w % 8 == t) {
                wards.push(
                    add(
                        &mut tx,
                        common::unit(
                            format!("BN-{p}-{t}-{w}"),
                            format!("Xã N{p}.{w}"),
                            UnitKind::Ward,
                        ),
                        Some(&town),
                    )
                    .await,
                );
            }
            towns.push(town);
        }
        provinces.push(prov);
    }
    movement_at(&mut tx, &country).await;
    let figures = figures_for(&mut tx, &wards, &inds).await;
    let waiting = leave_some_waiting(&mut tx, &wards).await;
    tx.commit().await.expect("commit");
    state.db.analyze().await.expect("analyze");
    println!(
        "engine: {engine}; {} indicators; {figures} approved figures for {} wards in {} towns of {} provinces \
         ({waiting} sheets of {} waiting) written in {:.1} s",
        inds.len(),
        wards.len(),
        towns.len(),
        provinces.len(),
        YEARS.end(),
        started.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let built = summary::keep::rebuild(&state.db).await.expect("rebuild");
    println!(
        "rebuild-totals: {built} units with totals in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let differences = summary::keep::check(&state.db).await.expect("check");
    assert!(differences.is_empty(), "{differences:?}");
    println!(
        "check-totals: no difference, in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let mut c = state.db.conn().await.expect("conn");
    let (rows_f, rows_u, rows_s, bytes) =
        summary::rebuild_store::sizes(&mut c).await.expect("sizes");
    println!(
        "summary tables: {rows_f} figure rows, {rows_u} unit rows, {rows_s} sheet rows{}",
        bytes.map_or(String::new(), |b| format!(
            ", {:.1} MB with indexes",
            b as f64 / 1e6
        ))
    );
    drop(c);

    let income = inds
        .iter()
        .find(|i| i.code == "THU_NHAP")
        .expect("THU_NHAP")
        .id;
    let db = state.db.clone();
    let server = common::serve_signed_in(state).await;
    let (base, http) = (server.base.clone(), server.http.clone());
    for (label, root) in [
        ("town, 6–7 wards", &towns[0]),
        ("province, 53 wards", &provinces[0]),
        ("national, 3,321 wards", &country),
    ] {
        let runs = 100;
        let mut bare = Vec::new();
        for _ in 0..runs {
            let mut c = db.conn().await.expect("conn");
            let t = Instant::now();
            let rows = indicators::board::inputs(&mut c, root, *YEARS.start(), *YEARS.end())
                .await
                .expect("summary");
            bare.push(t.elapsed());
            assert_eq!(rows.sums.len(), INDICATORS * YEARS.count());
        }
        let sql = common::summary(&format!("{label}: summary rows, bare SQL"), bare);
        let page = common::time_page(
            &http,
            &format!("{base}/chi-tieu?don_vi={}&nam={}", root.id, YEARS.end()),
            "Thu nhập bình quân",
            runs,
        )
        .await;
        let page = common::summary(&format!("{label}: dashboard page"), page);
        let drill = common::time_page(
            &http,
            &format!(
                "{base}/chi-tieu/chi-so/{income}?don_vi={}&nam={}",
                root.id,
                YEARS.end()
            ),
            "Theo đơn vị năm",
            runs,
        )
        .await;
        let drill = common::summary(&format!("{label}: drill-down page (THU_NHAP)"), drill);
        println!(
            "{label}: dashboard / bare SQL = {:.1}×, drill-down / bare SQL = {:.1}×",
            page.as_secs_f64() / sql.as_secs_f64(),
            drill.as_secs_f64() / sql.as_secs_f64()
        );
    }
    // What the national page's reads cost one by one.
    let last = *YEARS.end();
    let mut parts: [Vec<std::time::Duration>; 3] = Default::default();
    for _ in 0..30 {
        let mut c = db.conn().await.expect("conn");
        let t = Instant::now();
        summary::read_store::below_in(&mut c, country.id, *YEARS.start(), last)
            .await
            .expect("below");
        parts[0].push(t.elapsed());
        let t = Instant::now();
        let missing = summary::read_store::missing_below(&mut c, &country.path, last)
            .await
            .expect("missing");
        parts[1].push(t.elapsed());
        let ids: Vec<i64> = missing
            .iter()
            .filter(|m| m.approved_before)
            .map(|m| m.id)
            .collect();
        let t = Instant::now();
        summary::read_store::approved_figures_of(&mut c, &ids, last - 1)
            .await
            .expect("stand-ins");
        parts[2].push(t.elapsed());
    }
    let [below, names, stand_ins] = parts;
    common::summary("national: the kept totals' rows alone", below);
    common::summary("national: the missing units of one year", names);
    common::summary(
        "national: last year's figures of the missing units",
        stand_ins,
    );
    let mut scan = Vec::new();
    for _ in 0..3 {
        let mut c = db.conn().await.expect("conn");
        let t = Instant::now();
        indicators::store::aggregates_below(&mut c, &country, *YEARS.start(), *YEARS.end())
            .await
            .expect("scan");
        scan.push(t.elapsed());
    }
    common::summary("national: the full subtree scan the totals replace", scan);

    let approvals = common::time_approvals(&db, &base, &http, &wards, *YEARS.end() - 1, 40).await;
    common::summary("approving a sheet (HTTP POST, confirmed)", approvals);
    let check = summary::keep::check(&db).await.expect("check");
    assert!(check.is_empty(), "after approvals: {check:?}");

    let dashboard = format!("{base}/chi-tieu?don_vi={}&nam={}", country.id, YEARS.end());
    common::load(&server, &dashboard, 8, std::time::Duration::from_secs(10)).await;
}
