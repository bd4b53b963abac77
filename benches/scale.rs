//! Scale benchmark (not a test): the units tree page at 10,000 units and person search over
//! 100,000 persons, median and p95, on SQLite or on PostgreSQL when `TEST_DATABASE_URL` is set.
//! Run: `cargo bench --bench scale` (add `TEST_DATABASE_URL=postgres://…/postgres` for PG).

mod common;

use std::time::Instant;

use thidua::subjects::{self, ValidPerson};
use thidua::units::{self, UnitKind};

const UNITS: usize = 10_000;
const PERSONS: usize = 100_000;

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (state, engine) = common::prepare(dir.path()).await;
    let now = state.clock.now();
    let started = Instant::now();
    let mut tx = state.db.begin().await.expect("tx");
    let province = units::store::by_code(&mut tx, "HT")
        .await
        .expect("q")
        .expect("HT");
    let mut leaves = Vec::new();
    let mut made = 0;
    'outer: for d in 0..20 {
        let district = common::unit(
            format!("B-{d}"),
            format!("Huyện thử {d}"),
            UnitKind::District,
        );
        let did = units::store::insert(&mut tx, &district, Some(&province), true, now)
            .await
            .expect("insert");
        let district = units::store::by_id(&mut tx, did)
            .await
            .expect("q")
            .expect("row");
        for w in 0..25 {
            let ward = common::unit(
                format!("B-{d}-{w}"),
                format!("Phường thử {d}.{w}"),
                UnitKind::Ward,
            );
            let wid = units::store::insert(&mut tx, &ward, Some(&district), true, now)
                .await
                .expect("insert");
            let ward = units::store::by_id(&mut tx, wid)
                .await
                .expect("q")
                .expect("row");
            made += 2;
            for g in 0..18 {
                let group = common::unit(
                    format!("B-{d}-{w}-{g}"),
                    format!("Tổ dân phố {g}"),
                    UnitKind::ResidentialGroup,
                );
                leaves.push(
                    units::store::insert(&mut tx, &group, Some(&ward), true, now)
                        .await
                        .expect("insert"),
                );
                made += 1;
                if made >= UNITS {
                    break 'outer;
                }
            }
        }
    }
    let family = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ",
    ];
    let middle = ["Văn", "Thị", "Đức", "Ngọc", "Hữu"];
    let given = [
        "An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Minh", "Nga", "Sơn", "Thuận", "Yến",
    ];
    for i in 0..PERSONS {
        let p = ValidPerson {
            full_name: format!(
                "{} {} {} {}",
                family[i % 10],
                middle[(i / 10) % 5],
                given[(i / 50) % 12],
                i
            ),
            birth_year: Some(1950 + (i % 60) as i64),
            gender: "nam".into(),
            household_id: None,
            position: String::new(),
            phone: String::new(),
            citizen_id: String::new(),
        };
        subjects::store::insert_person(&mut tx, &p, leaves[i % leaves.len()], true, now)
            .await
            .expect("insert");
    }
    tx.commit().await.expect("commit");
    println!(
        "engine: {engine}; generated {made} units and {PERSONS} persons in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let server = common::serve_signed_in(state).await;
    let (base, http) = (server.base.clone(), server.http.clone());

    let tree = common::time_page(&http, &format!("{base}/don-vi"), "Tổ dân phố 17", 20).await;
    common::summary("units tree page, 10,000 units", tree);
    let mut search = Vec::new();
    for q in ["nguyen+van+an", "thuan", "le+thi+yen", "pham", "99999"]
        .iter()
        .cycle()
        .take(50)
    {
        let t = Instant::now();
        let r = http
            .get(format!("{base}/ca-nhan?q={q}"))
            .send()
            .await
            .expect("search");
        assert!(r.status().is_success());
        r.text().await.expect("body");
        search.push(t.elapsed());
    }
    common::summary(
        "person search over 100,000 persons (first page of 50, with count)",
        search,
    );
}
