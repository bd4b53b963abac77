//! Dashboard benchmark (not a test): the targets dashboard and one indicator's drill-down at
//! province scale (70 units × 40 indicators × 10 years) and national scale (3,321 units × 40 ×
//! 10 ≈ 1.3 M approved figures), median and p95, with the ratio to the bare SQL aggregate the
//! page needs. Run: `cargo bench --bench dashboard` (add `TEST_DATABASE_URL=…` for PostgreSQL).

mod common;

use std::time::Instant;

use thidua::db::Tx;
use thidua::figures;
use thidua::indicators::{self, Indicator, Target};
use thidua::movements::{self, Movement};
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

/// Approved figures for every ward, indicator and year.
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

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (state, engine) = common::prepare(dir.path()).await;
    let started = Instant::now();
    let mut tx = state.db.begin().await.expect("tx");
    let inds = indicators_to_forty(&mut tx).await;
    let province = add(
        &mut tx,
        common::unit("BP".into(), "Tỉnh đo hiệu năng".into(), UnitKind::Province),
        None,
    )
    .await;
    let mut wards = Vec::new();
    for w in 0..70 {
        wards.push(
            add(
                &mut tx,
                common::unit(format!("BP-{w}"), format!("Phường P{w}"), UnitKind::Ward),
                Some(&province),
            )
            .await,
        );
    }
    let country = add(
        &mut tx,
        common::unit("BN".into(), "Cả nước đo hiệu năng".into(), UnitKind::Other),
        None,
    )
    .await;
    let mut national = Vec::new();
    for p in 0..63 {
        let prov = add(
            &mut tx,
            common::unit(format!("BN-{p}"), format!("Tỉnh N{p}"), UnitKind::Province),
            Some(&country),
        )
        .await;
        let count = 3_321 / 63 + usize::from(p < 3_321 % 63);
        for w in 0..count {
            national.push(
                add(
                    &mut tx,
                    common::unit(
                        format!("BN-{p}-{w}"),
                        format!("Xã N{p}.{w}"),
                        UnitKind::Ward,
                    ),
                    Some(&prov),
                )
                .await,
            );
        }
    }
    movement_at(&mut tx, &province).await;
    movement_at(&mut tx, &country).await;
    let small = figures_for(&mut tx, &wards, &inds).await;
    let large = figures_for(&mut tx, &national, &inds).await;
    tx.commit().await.expect("commit");
    state.db.analyze().await.expect("analyze");
    println!(
        "engine: {engine}; {} indicators; {small} + {large} approved figures for {} + {} wards written in {:.1} s",
        inds.len(),
        wards.len(),
        national.len(),
        started.elapsed().as_secs_f64()
    );

    let income = inds
        .iter()
        .find(|i| i.code == "THU_NHAP")
        .expect("THU_NHAP")
        .id;
    let db = state.db.clone();
    let (base, http) = common::serve_signed_in(state).await;
    for (label, root, runs) in [
        ("province, 70 units", &province, 20),
        ("national, 3,321 units", &country, 10),
    ] {
        let mut bare = Vec::new();
        for _ in 0..runs {
            let mut c = db.conn().await.expect("conn");
            let t = Instant::now();
            let rows =
                indicators::store::aggregates_below(&mut c, root, *YEARS.start(), *YEARS.end())
                    .await
                    .expect("aggregate");
            bare.push(t.elapsed());
            assert_eq!(rows.len(), INDICATORS * YEARS.count());
        }
        let sql = common::summary(&format!("{label}: bare SQL aggregate"), bare);
        let page = common::time_page(
            &http,
            &format!("{base}/chi-tieu?don_vi={}&nam=2025", root.id),
            "Thu nhập bình quân",
            runs,
        )
        .await;
        let page = common::summary(&format!("{label}: dashboard page"), page);
        let drill = common::time_page(
            &http,
            &format!(
                "{base}/chi-tieu/chi-so/{income}?don_vi={}&nam=2025",
                root.id
            ),
            "Theo đơn vị năm 2025",
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
}
