//! Guards inside the transaction they protect: requests racing for the same record get one
//! success and clear refusals — never a 500, never two records where the rules allow one.

use crate::figures::ward_fields;
use crate::helpers::{Client, TestApp, first_id, spawn_app};

const RACERS: usize = 8;

/// `RACERS` clients signed in as `username`, each having loaded `page` (and its form token).
async fn racers(app: &TestApp, username: &str, page: &str) -> Vec<Client> {
    let mut out = Vec::new();
    for _ in 0..RACERS {
        let mut c = app.signed_in(username).await;
        c.get(page).await;
        out.push(c);
    }
    out
}

#[tokio::test]
async fn concurrent_first_saves_of_a_sheet_give_one_success_and_clear_conflicts() {
    let app = spawn_app().await;
    let dt = app.unit_id("HL-DT").await;
    let sheet = format!("/so-lieu/{dt}/2024");
    let fields = ward_fields(&app).await;
    let clients = racers(&app, "canbo.ducthuan", &sheet).await;
    let before = app.audit_count().await;
    let mut tasks = Vec::new();
    for mut c in clients {
        // Every form was loaded before the sheet existed: version 0.
        assert_eq!(c.last_input("version"), "0");
        let (sheet, fields) = (sheet.clone(), fields.clone());
        tasks.push(tokio::spawn(async move {
            let mut all: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            all.push(("version", "0"));
            all.push(("hanh_dong", "luu"));
            c.post(&sheet, &all).await
        }));
    }
    let (mut saved, mut refused) = (0, 0);
    for t in tasks {
        let r = t.await.unwrap();
        match r.status {
            // The client follows the 303 to the sheet page with its flash.
            200 if r.body.contains("Đã lưu số liệu") => saved += 1,
            409 if r.body.contains("vừa được thay đổi ở nơi khác") => refused += 1,
            other => panic!("unexpected {other}: {}", r.body),
        }
    }
    assert_eq!(saved, 1, "exactly one first save wins");
    assert_eq!(refused, RACERS - 1);
    let mut c = app.state.db.conn().await.unwrap();
    let stored = thidua::figures::store::sheet(&mut c, dt, 2024)
        .await
        .unwrap()
        .expect("one sheet");
    assert_eq!(stored.version, 2, "created once and saved once");
    assert_eq!(app.audit_count().await, before + 1, "one audited save");
}

#[tokio::test]
async fn a_unit_joins_one_bloc_of_an_owner_a_year_even_when_requests_race() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    let mut blocs = Vec::new();
    for name in ["Khối phường", "Khối xã"] {
        admin.get("/khoi-thi-dua/moi").await;
        let r = admin
            .post("/khoi-thi-dua", &[("name", name), ("owner_code", "HL")])
            .await;
        assert!(r.body.contains("Đã lập khối"), "{}", r.body);
        let page = admin.get("/khoi-thi-dua?nam=2024").await.body;
        let at = page.find(name).unwrap();
        blocs.push(first_id(
            page[..at].rsplit("<tr").next().unwrap_or(""),
            "/khoi-thi-dua/",
        ));
    }
    assert_ne!(blocs[0], blocs[1]);
    let mut tasks = Vec::new();
    for (n, mut c) in racers(&app, "admin", "/khoi-thi-dua")
        .await
        .into_iter()
        .enumerate()
    {
        let path = format!("/khoi-thi-dua/{}/thanh-vien", blocs[n % 2]);
        tasks.push(tokio::spawn(async move {
            c.post(&path, &[("unit_code", "HL-DT"), ("year", "2024")])
                .await
        }));
    }
    let mut added = 0;
    for t in tasks {
        let r = t.await.unwrap();
        assert_eq!(r.status, 200, "a refusal is the form again: {}", r.body);
        if r.body.contains("Đã thêm «Phường Đức Thuận»") {
            added += 1;
        } else {
            assert!(
                r.body.contains("mỗi đơn vị chỉ ở một khối mỗi năm")
                    || r.body.contains("đã ở trong khối năm 2024"),
                "{}",
                r.body
            );
        }
    }
    assert_eq!(added, 1);
    let mut c = app.state.db.conn().await.unwrap();
    let mut memberships = 0;
    for b in &blocs {
        memberships += thidua::blocs::store::members(&mut c, b.parse().unwrap(), 2024)
            .await
            .unwrap()
            .len();
    }
    assert_eq!(memberships, 1, "the database holds one membership");
}

#[tokio::test]
async fn two_officers_creating_the_same_unit_code_get_one_unit_and_a_form_message() {
    let app = spawn_app().await;
    let mut tasks = Vec::new();
    for (n, mut c) in racers(&app, "canbo.ducthuan", "/don-vi/moi")
        .await
        .into_iter()
        .enumerate()
    {
        let name = format!("Tổ dân phố số {n}");
        tasks.push(tokio::spawn(async move {
            c.post(
                "/don-vi",
                &[
                    ("code", "DT-TDP9"),
                    ("name", name.as_str()),
                    ("kind", "residential_group"),
                    ("parent_code", "HL-DT"),
                ],
            )
            .await
        }));
    }
    let mut created = 0;
    for t in tasks {
        let r = t.await.unwrap();
        assert_eq!(r.status, 200, "{}", r.body);
        if r.body.contains("Đã thêm đơn vị") {
            created += 1;
        } else {
            assert!(r.body.contains("Mã DT-TDP9"), "{}", r.body);
        }
    }
    assert_eq!(created, 1);
    assert!(app.unit("DT-TDP9").await.is_some());
}

#[tokio::test]
async fn racing_succession_links_either_way_round_leave_one_link() {
    let app = spawn_app().await;
    let (a, b) = (app.unit_id("HL-DT").await, app.unit_id("HL-NH").await);
    let links = || async {
        let mut c = app.state.db.conn().await.unwrap();
        thidua::units::store::predecessors(&mut c, a)
            .await
            .unwrap()
            .len()
            + thidua::units::store::successors(&mut c, a)
                .await
                .unwrap()
                .len()
    };
    let before = links().await;
    let mut tasks = Vec::new();
    for (n, mut c) in racers(&app, "admin", "/don-vi")
        .await
        .into_iter()
        .enumerate()
    {
        // Half record "Đức Thuận succeeds Nam Hồng", half the reverse.
        let (unit, predecessor) = if n % 2 == 0 {
            (a, "HL-NH")
        } else {
            (b, "HL-DT")
        };
        tasks.push(tokio::spawn(async move {
            c.post(
                &format!("/don-vi/{unit}/tien-than"),
                &[
                    ("predecessor_code", predecessor),
                    ("effective_on", "01/07/2025"),
                ],
            )
            .await
        }));
    }
    let mut linked = 0;
    for t in tasks {
        let r = t.await.unwrap();
        match r.status {
            200 if r.body.contains("Đã ghi:") => linked += 1,
            400 | 409 if r.body.contains("liên kết kế thừa") => {}
            other => panic!("unexpected {other}: {}", r.body),
        }
    }
    assert_eq!(linked, 1);
    assert_eq!(
        links().await,
        before + 1,
        "one link between the two units, whichever way round"
    );
}
