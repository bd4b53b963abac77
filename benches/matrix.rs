//! Criteria matrix benchmark (not a test): 3,321 communes assessed against the 19 criteria of
//! the commune NTM set for one year, and one province of 70 communes. It reports the matrix
//! page and its XLSX export (median, p95, p99) and the ratio to the bare SQL that fetches the
//! same cells. Run: `cargo bench --bench matrix` (add `TEST_DATABASE_URL=postgres://…/postgres`
//! for PostgreSQL).

mod common;

use std::time::{Duration, Instant};

use thidua::criteria::{assess_store, store, views_store};
use thidua::units::{self, Unit, UnitKind};

const YEAR: i64 = 2024;

async fn add(
    tx: &mut thidua::db::Tx,
    code: String,
    name: String,
    kind: UnitKind,
    parent: Option<&Unit>,
) -> Unit {
    let now = chrono::Utc::now();
    let id = units::store::insert(tx, &common::unit(code, name, kind), parent, true, now)
        .await
        .expect("unit");
    units::store::by_id(tx, id).await.expect("q").expect("row")
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (state, engine) = common::prepare(dir.path()).await;
    let started = Instant::now();
    let mut tx = state.db.begin().await.expect("tx");
    let set = store::sets(&mut tx)
        .await
        .expect("sets")
        .into_iter()
        .find(|s| s.code == "NTM_XA_2021")
        .expect("built-in set");
    let criteria = store::criteria_of(&mut tx, set.id).await.expect("criteria");
    let admin = assess_store::first_admin(&mut tx)
        .await
        .expect("q")
        .expect("admin");
    let now = chrono::Utc::now();
    let country = add(
        &mut tx,
        "BM".into(),
        "Cả nước đo hiệu năng".into(),
        UnitKind::Other,
        None,
    )
    .await;
    let mut provinces = Vec::new();
    let mut communes = 0;
    for p in 0..63 {
        let prov = add(
            &mut tx,
            format!("BM-{p}"),
            format!("Tỉnh M{p}"),
            UnitKind::Province,
            Some(&country),
        )
        .await;
        let count = if p == 0 {
            70
        } else {
            (3_321 - 70) / 62 + usize::from(p - 1 < (3_321 - 70) % 62)
        };
        for w in 0..count {
            let u = add(
                &mut tx,
                format!("BM-{p}-{w}"),
                format!("Xã M{p}.{w}"),
                UnitKind::Commune,
                Some(&prov),
            )
            .await;
            let a = assess_store::create(
                &mut tx,
                &assess_store::NewAssessment {
                    set_id: set.id,
                    set_code: &set.code,
                    subject_type: "unit",
                    subject_id: u.id,
                    unit_id: u.id,
                    year: YEAR,
                },
                admin,
                now,
            )
            .await
            .expect("assessment");
            for (i, c) in criteria.iter().enumerate() {
                let result = if (w + i) % 7 == 0 { "not_met" } else { "met" };
                assess_store::put_result(&mut tx, a, c.id, result)
                    .await
                    .expect("result");
                if (w + i) % 5 != 0 {
                    assess_store::review(&mut tx, a, c.id, "verified", "", admin, now)
                        .await
                        .expect("review");
                }
            }
            assess_store::move_to(&mut tx, a, 1, "submitted", now)
                .await
                .expect("status");
            communes += 1;
        }
        provinces.push(prov);
    }
    tx.commit().await.expect("commit");
    state.db.analyze().await.expect("analyze");
    println!(
        "engine: {engine}; {communes} communes × {} criteria assessed for {YEAR}; set-up {:.1} s",
        criteria.len(),
        started.elapsed().as_secs_f64()
    );
    let server = common::serve_signed_in(state.clone()).await;
    for (label, unit, runs) in [
        ("national, 3,321 communes", &country, 10),
        ("one province, 70 communes", &provinces[0], 40),
    ] {
        let page = format!(
            "{}/tieu-chi/{}/ma-tran?nam={YEAR}&don_vi={}",
            server.base, set.id, unit.id
        );
        let page_median = common::summary(
            &format!("{label}: matrix page"),
            common::time_page(&server.http, &page, "Số đạt", runs).await,
        );
        let xlsx = format!(
            "{}/tieu-chi/{}/ma-tran.xlsx?nam={YEAR}&don_vi={}",
            server.base, set.id, unit.id
        );
        let mut times = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let r = server.http.get(&xlsx).send().await.expect("get");
            assert!(r.status().is_success());
            let bytes = r.bytes().await.expect("body");
            times.push(t.elapsed());
            assert!(bytes.starts_with(b"PK"));
        }
        let xlsx_median = common::summary(&format!("{label}: XLSX export"), times);
        let mut sql = Vec::new();
        for _ in 0..runs {
            let mut c = state.db.conn().await.expect("conn");
            let t = Instant::now();
            let cells = views_store::matrix_cells(&mut c, &set.code, YEAR, &unit.path, "unit")
                .await
                .expect("cells");
            sql.push(t.elapsed());
            assert!(cells.len() >= 70 * criteria.len());
        }
        let sql_median = common::summary(&format!("{label}: bare SQL for the same cells"), sql);
        let ratio = |d: Duration| d.as_secs_f64() / sql_median.as_secs_f64().max(1e-9);
        println!(
            "{label}: page / SQL = {:.1}×, XLSX / SQL = {:.1}×",
            ratio(page_median),
            ratio(xlsx_median)
        );
    }
}
