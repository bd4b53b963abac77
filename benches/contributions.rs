//! Contributions benchmark (not a test, issue 11): a 100,000-row import through `/dong-gop/nhap`
//! (time and the process's peak memory), then — over 5,000,000 contributions of 20,000 persons
//! to the six localities — a person's yearly totals (their page), the top-100 list of a year and
//! the contributions page with the social-mobilisation figure, each with the ratio to the bare
//! SQL of the same aggregate. Run: `cargo bench --bench contributions` (add
//! `TEST_DATABASE_URL=postgres://…/postgres` for PostgreSQL; `ROWS=…` for fewer rows).

mod common;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use thidua::resources::store::{self, NewContribution};
use thidua::resources::transfer::HEADERS;

/// Contributions per `insert_many` call while filling the table: the kept totals of each call
/// are added once, as an import of that many rows would.
const WRITE_CHUNK: usize = 10_000;
use thidua::subjects::{ValidPerson, store as subjects};

const LOCALITIES: [&str; 6] = ["HL-BH", "HL-NH", "HL-TLG", "HL-DT", "HL-DL", "HL-TLO"];
const PERSONS: usize = 20_000;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn import_file(persons: &[i64]) -> Vec<u8> {
    let rows: Vec<Vec<String>> = (0..100_000)
        .map(|i| {
            vec![
                format!("{:02}/{:02}/2024", i % 28 + 1, i % 12 + 1),
                LOCALITIES[i % 6].to_string(),
                format!("CN-{}", persons[i % persons.len()]),
                String::new(),
                "Tiền mặt".into(),
                format!("{}.000", i % 900 + 100),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    thidua::documents::xlsx::write_table("Đóng góp", &HEADERS, &rows).expect("xlsx")
}

async fn timed_get(server: &common::Server, path: &str, runs: usize) -> Vec<Duration> {
    let mut out = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let r = server
            .http
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .expect("get");
        assert!(r.status().is_success(), "{path}: {}", r.status());
        r.bytes().await.expect("body");
        out.push(t.elapsed());
    }
    out
}

#[tokio::main]
async fn main() {
    let total: usize = std::env::var("ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5_000_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let (state, engine) = common::prepare(dir.path()).await;
    let now = chrono::Utc::now();
    let mut units = Vec::new();
    let mut persons = Vec::new();
    let mut tx = state.db.begin().await.expect("tx");
    for code in LOCALITIES {
        let u = thidua::units::store::by_code(&mut tx, code)
            .await
            .expect("q")
            .expect("unit");
        units.push(u.id);
        for i in 0..PERSONS / LOCALITIES.len() {
            let v = ValidPerson {
                full_name: format!("Người đo {code} {i}"),
                birth_year: Some(1970),
                gender: "nam".into(),
                household_id: None,
                position: String::new(),
                phone: String::new(),
                citizen_id: String::new(),
            };
            persons.push(
                subjects::insert_person(&mut tx, &v, u.id, true, now)
                    .await
                    .expect("person"),
            );
        }
    }
    tx.commit().await.expect("commit");
    let server = common::serve_signed_in(state.clone()).await;

    let file = import_file(&persons);
    let form_page = server
        .http
        .get(format!("{}/dong-gop/nhap", server.base))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    let csrf = common::hidden(&form_page, "csrf");
    let before = common::peak_mib();
    let t = Instant::now();
    let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
        "file",
        reqwest::multipart::Part::bytes(file).file_name("dong-gop.xlsx"),
    );
    let r = server
        .http
        .post(format!("{}/dong-gop/nhap", server.base))
        .multipart(form)
        .send()
        .await
        .expect("post");
    let body = r.text().await.expect("body");
    let took = t.elapsed();
    assert!(body.contains("Đã nhập 100.000 khoản"), "import failed");
    println!(
        "{engine}: import of 100,000 rows through /dong-gop/nhap: {:.1} s; peak memory {:.0} MiB (before {:.0} MiB)",
        took.as_secs_f64(),
        common::peak_mib(),
        before
    );

    // The rest of the 5,000,000 rows straight through the store, in its batches.
    let t = Instant::now();
    let mut rng = Lcg(2026);
    let mut tx = state.db.begin().await.expect("tx");
    let mut written = 100_000;
    let mut batch = Vec::with_capacity(WRITE_CHUNK);
    while written < total {
        let p = rng.next(persons.len() as u64) as usize;
        let year = 2022 + rng.next(4) as i32;
        let value = 100_000 + rng.next(5_000_000) as i64;
        batch.push(NewContribution {
            contributor_type: "person",
            contributor_id: Some(persons[p]),
            outside_name: String::new(),
            unit_id: units[p * LOCALITIES.len() / persons.len()],
            work_id: None,
            kind: "cash",
            quantity: value * 100,
            given_on: NaiveDate::from_ymd_opt(
                year,
                1 + rng.next(12) as u32,
                1 + rng.next(28) as u32,
            )
            .expect("date"),
            year: i64::from(year),
            basis: "cash",
            stated_value: None,
            stated_source: String::new(),
            value,
            note: String::new(),
            is_demo: true,
        });
        written += 1;
        if batch.len() == WRITE_CHUNK || written == total {
            store::insert_many(&mut tx, &batch, None, now)
                .await
                .expect("insert");
            batch.clear();
        }
    }
    tx.commit().await.expect("commit");
    println!(
        "{engine}: {written} contributions in place ({:.0} s to write)",
        t.elapsed().as_secs_f64()
    );

    let who = persons[7];
    let page = common::summary(
        &format!("{engine}: a person's page with yearly totals"),
        timed_get(&server, &format!("/ca-nhan/{who}"), 50).await,
    );
    let mut c = state.db.conn().await.expect("conn");
    let mut bare = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        store::yearly_of(&mut c, "person", who).await.expect("q");
        bare.push(t.elapsed());
    }
    let sql = common::summary(&format!("{engine}: bare SQL of the yearly totals"), bare);
    println!(
        "{engine}: ratio page / SQL {:.4}",
        page.as_secs_f64() / sql.as_secs_f64().max(1e-9)
    );

    let top = common::summary(
        &format!("{engine}: top-100 page of 2024 (whole town)"),
        timed_get(&server, "/dong-gop/nhieu-nhat?nam=2024", 10).await,
    );
    let mut bare = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        // The same aggregate without the scope join and without naming anyone.
        thidua::fetch_all!(
            &mut c,
            (String, Option<i64>, String, i64),
            "SELECT contributor_type, contributor_id, outside_name, CAST(SUM(value) AS BIGINT) FROM contributions WHERE year = $1 GROUP BY contributor_type, contributor_id, outside_name ORDER BY SUM(value) DESC LIMIT 100",
            2024_i64
        )
        .expect("q");
        bare.push(t.elapsed());
    }
    let sql = common::summary(&format!("{engine}: bare SQL of the top 100"), bare);
    println!(
        "{engine}: ratio page / SQL {:.4}",
        top.as_secs_f64() / sql.as_secs_f64().max(1e-9)
    );

    let list = common::summary(
        &format!("{engine}: /dong-gop (figure by year and kind, top 10, first page)"),
        timed_get(&server, "/dong-gop", 5).await,
    );
    let mut bare = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        thidua::fetch_all!(
            &mut c,
            (i64, String, i64),
            "SELECT year, kind, CAST(SUM(value) AS BIGINT) FROM contributions GROUP BY year, kind"
        )
        .expect("q");
        bare.push(t.elapsed());
    }
    let sql = common::summary(
        &format!("{engine}: bare SQL of the figure by year and kind"),
        bare,
    );
    println!(
        "{engine}: ratio page / SQL {:.4}",
        list.as_secs_f64() / sql.as_secs_f64().max(1e-9)
    );
}
