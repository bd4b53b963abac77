//! Award round benchmark (not a test, issue 12): a 2024 round of 10,000 nominations from 70
//! proposing units spread over the workflow's states, and a 2023 round of 1,000. It reports the
//! round's board, the nomination list (first page, a name search without diacritics, one
//! unit's list sorted by state, a late page far in) and the consolidated list of 1,000 as DOCX
//! and XLSX — median, p95, p99. Run: `cargo bench --bench awards` (add
//! `TEST_DATABASE_URL=postgres://…/postgres` for PostgreSQL).

mod common;

use std::time::Instant;

use thidua::awards::nominations_store::{self as store, Content, Moved};
use thidua::awards::rounds_store::{self, NewRound};
use thidua::units::{self, UnitKind};

const UNITS: usize = 70;
const GIVEN: [&str; 8] = ["An", "Bình", "Cường", "Dũng", "Hoa", "Lan", "Minh", "Thảo"];
const FAMILY: [&str; 6] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng"];
const STATES: [(&str, &str); 6] = [
    ("submit", "submitted"),
    ("receive", "received"),
    ("send_to_appraisal", "under_appraisal"),
    ("appraise", "appraised"),
    ("steering_opinion", "steering_reviewed"),
    ("forward", "with_internal_affairs"),
];

async fn fill(
    tx: &mut thidua::db::Tx,
    round: i64,
    units: &[(i64, String)],
    n: usize,
    now: chrono::DateTime<chrono::Utc>,
) {
    for i in 0..n {
        let (unit, _) = &units[i % units.len()];
        let name = format!("{} Văn {} {i}", FAMILY[i % 6], GIVEN[i % 8]);
        let c = Content {
            category: ["b", "c", "f", "g", "h"][i % 5].into(),
            subject_type: "outside".into(),
            subject_id: None,
            subject_unit_id: *unit,
            subject_name: name,
            outside_address: "Hà Tĩnh".into(),
            form_code: "giay_khen".into(),
            achievement: "Tích cực đóng góp xây dựng đường giao thông nông thôn của thôn.".into(),
            achievement_year: 2024,
            basis: None,
            direct_production: i % 2 == 0,
            small_collective: false,
        };
        let id = store::insert(tx, round, *unit, &c, true, None, now)
            .await
            .expect("insert");
        // Seven in ten are sent; the sent ones walk a few steps each.
        let steps = if i % 10 < 7 { 1 + i % STATES.len() } else { 0 };
        let mut from = "draft";
        for (v, (action, to)) in STATES.iter().take(steps).enumerate() {
            let moved = Moved {
                late: (*action == "submit").then_some((i % 23 == 0, "nộp bổ sung")),
                ..Moved::default()
            };
            store::step(
                tx,
                id,
                v as i64 + 1,
                (action, from, to),
                &moved,
                (None, "ntm_office"),
                "",
                now,
            )
            .await
            .expect("step");
            from = to;
        }
    }
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (state, engine) = common::prepare(dir.path()).await;
    let started = Instant::now();
    let now = chrono::Utc::now();
    let mut tx = state.db.begin().await.expect("tx");
    let town = units::store::by_code(&mut tx, "HL")
        .await
        .expect("q")
        .expect("town");
    let mut proposing = Vec::new();
    for i in 0..UNITS {
        let v = common::unit(
            format!("BM-X{i}"),
            format!("Xã đo hiệu năng {i:02}"),
            UnitKind::Commune,
        );
        let id = units::store::insert(&mut tx, &v, Some(&town), true, now)
            .await
            .expect("unit");
        proposing.push((id, v.name));
    }
    let movement = thidua::movements::store::by_code(&mut tx, "HL-NTM-DTVM-2022")
        .await
        .expect("q")
        .expect("movement");
    let mut ids = Vec::new();
    for code in ["HL-VPNTM", "HL-KT", "HL-LDTBXH"] {
        ids.push(
            units::store::by_code(&mut tx, code)
                .await
                .expect("q")
                .expect("office")
                .id,
        );
    }
    let unit_ids: Vec<i64> = proposing.iter().map(|u| u.0).collect();
    let mut rounds = Vec::new();
    for (year, n) in [(2024, 10_000), (2023, 1_000)] {
        let r = NewRound {
            movement_id: movement.id,
            year,
            deadline: chrono::NaiveDate::from_ymd_opt(year as i32, 12, 10).expect("date"),
            receiving_unit_id: ids[0],
            note: "",
            proposing: &unit_ids,
            appraising: &ids[1..],
            is_demo: true,
        };
        let id = rounds_store::insert(&mut tx, &r, None, now)
            .await
            .expect("round");
        fill(&mut tx, id, &proposing, n, now).await;
        rounds.push(id);
    }
    tx.commit().await.expect("commit");
    println!(
        "{engine}: 11,000 nominations of 70 units written in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let server = common::serve_signed_in(state.clone()).await;
    let (big, small) = (rounds[0], rounds[1]);
    let unit = proposing[7].0;
    let b = &server.base;
    for (label, url, expect) in [
        (
            "round board, 10,000 nominations",
            format!("{b}/khen-thuong/dot/{big}"),
            "Tình hình nộp",
        ),
        (
            "list, first page",
            format!("{b}/khen-thuong/dot/{big}/de-nghi"),
            "Danh sách đề nghị",
        ),
        (
            "list, search 'nguyen van an' without diacritics",
            format!("{b}/khen-thuong/dot/{big}/de-nghi?tim=nguyen+van+an"),
            "Nguyễn Văn An",
        ),
        (
            "list, one unit sorted by state",
            format!("{b}/khen-thuong/dot/{big}/de-nghi?don_vi={unit}&sap_xep=trang_thai"),
            "Trang 1",
        ),
        (
            "list, page 150",
            format!("{b}/khen-thuong/dot/{big}/de-nghi?trang=150"),
            "Trang 150",
        ),
    ] {
        common::summary(
            &format!("{engine}: {label}"),
            common::time_page(&server.http, &url, expect, 30).await,
        );
    }
    for (label, path, sign) in [
        (
            "consolidated DOCX, 1,000 nominations",
            "danh-sach.docx",
            &b"PK"[..],
        ),
        (
            "consolidated XLSX, 1,000 nominations",
            "danh-sach.xlsx",
            &b"PK"[..],
        ),
    ] {
        let url = format!("{b}/khen-thuong/dot/{small}/{path}");
        let mut times = Vec::new();
        for _ in 0..10 {
            let t = Instant::now();
            let r = server.http.get(&url).send().await.expect("get");
            assert!(r.status().is_success(), "{url}: {}", r.status());
            let bytes = r.bytes().await.expect("body");
            times.push(t.elapsed());
            assert!(bytes.starts_with(sign), "{path}: a zip");
        }
        common::summary(&format!("{engine}: {label}"), times);
    }
}
