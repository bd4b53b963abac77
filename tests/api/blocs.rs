//! Emulation blocs: members per year, one bloc per unit a year, scope by the owner unit.

use crate::helpers::{TestApp, first_id, spawn_app};

async fn member_count(app: &TestApp, bloc: &str, year: i64) -> usize {
    let mut c = app.state.db.conn().await.unwrap();
    let id: i64 = bloc.parse().unwrap();
    thidua::blocs::store::members(&mut c, id, year)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_bloc_keeps_its_members_year_by_year_and_refuses_what_does_not_belong() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;

    c.get("/khoi-thi-dua/moi").await;
    let before = app.audit_count().await;
    let r = c
        .post(
            "/khoi-thi-dua",
            &[("name", "  "), ("owner_code", "KHONG-CO")],
        )
        .await;
    assert!(r.body.contains("Chưa nhập tên khối thi đua."), "{}", r.body);
    assert_eq!(app.audit_count().await, before, "a bad form writes nothing");

    let r = c
        .post(
            "/khoi-thi-dua",
            &[("name", "Khối các phường, xã"), ("owner_code", "HL")],
        )
        .await;
    assert!(r.body.contains("Đã lập khối «Khối các phường, xã»."));
    let bloc = first_id(
        &c.get("/khoi-thi-dua?nam=2024").await.body,
        "/khoi-thi-dua/",
    );
    let add = format!("/khoi-thi-dua/{bloc}/thanh-vien");

    for code in ["HL-DT", "HL-NH"] {
        let r = c.post(&add, &[("unit_code", code), ("year", "2024")]).await;
        assert!(r.body.contains("vào khối năm 2024"), "{}", r.body);
    }
    let refusals = [
        ("HL-DT", "2024", "đã ở trong khối năm 2024"),
        ("NX-XL", "2024", "không thuộc đơn vị tổ chức khối"),
        ("HL", "2024", "không thuộc đơn vị tổ chức khối"),
        (
            "HL-TLO",
            "2026",
            "không còn hoặc chưa có hiệu lực trong năm 2026",
        ),
        ("KHONG-CO", "2024", "Không có đơn vị mã «KHONG-CO»"),
    ];
    for (code, year, message) in refusals {
        let r = c.post(&add, &[("unit_code", code), ("year", year)]).await;
        assert!(r.body.contains(message), "{code} {year}: {}", r.body);
    }
    let r = c
        .post(&add, &[("unit_code", "HL-DT"), ("year", "năm ngoái")])
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(member_count(&app, &bloc, 2024).await, 2);

    // A second bloc of the same town cannot take Đức Thuận in the same year.
    c.post(
        "/khoi-thi-dua",
        &[("name", "Khối cơ quan chuyên môn"), ("owner_code", "HL")],
    )
    .await;
    let other = first_id(
        &c.get("/khoi-thi-dua?q=co+quan&nam=2024").await.body,
        "/khoi-thi-dua/",
    );
    assert_ne!(other, bloc);
    let r = c
        .post(
            &format!("/khoi-thi-dua/{other}/thanh-vien"),
            &[("unit_code", "HL-DT"), ("year", "2024")],
        )
        .await;
    assert!(
        r.body
            .contains("đã thuộc khối «Khối các phường, xã» năm 2024")
    );

    // Carrying over: 2025 takes both wards; 2026 takes neither, both ended on 30/06/2025.
    let carry = format!("/khoi-thi-dua/{bloc}/chuyen-nam");
    let r = c.post(&carry, &[("year", "2025")]).await;
    assert!(
        r.body
            .contains("Đã chuyển 2 đơn vị từ năm 2024 sang năm 2025."),
        "{}",
        r.body
    );
    let r = c.post(&carry, &[("year", "2026")]).await;
    assert!(r.body.contains("Đã chuyển 0 đơn vị"), "{}", r.body);
    assert!(
        r.body
            .contains("Không chuyển: Phường Đức Thuận, Phường Nam Hồng.")
    );
    let r = c.post(&carry, &[("year", "2030")]).await;
    assert_eq!(r.status, 400, "nothing to carry from 2029");

    // The ward's profile shows its bloc, year by year.
    let dt = app.unit_id("HL-DT").await;
    let profile = c.get(&format!("/don-vi/{dt}")).await.body;
    assert!(profile.contains("Khối thi đua"));
    assert!(profile.contains(&format!("/khoi-thi-dua/{bloc}?nam=2025")));

    // Removing a member asks first, and asking changes nothing (issue 8, item 6).
    let r = c
        .post(
            &format!("/khoi-thi-dua/{bloc}/thanh-vien/bo"),
            &[("unit_id", &dt.to_string()), ("year", "2024")],
        )
        .await;
    assert!(r.body.contains("Hãy đọc trước khi xác nhận"), "{}", r.body);
    assert_eq!(member_count(&app, &bloc, 2024).await, 2);
    let r = c
        .post(
            &format!("/khoi-thi-dua/{bloc}/thanh-vien/bo"),
            &[
                ("unit_id", &dt.to_string()),
                ("year", "2024"),
                ("xac_nhan", "co"),
            ],
        )
        .await;
    assert!(
        r.body
            .contains("Đã bỏ «Phường Đức Thuận» khỏi khối năm 2024.")
    );
    assert_eq!(member_count(&app, &bloc, 2024).await, 1);
    assert_eq!(member_count(&app, &bloc, 2025).await, 2);
}

#[tokio::test]
async fn a_ward_officer_neither_sees_nor_changes_the_towns_blocs() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    admin.get("/khoi-thi-dua/moi").await;
    admin
        .post(
            "/khoi-thi-dua",
            &[("name", "Khối các phường, xã"), ("owner_code", "HL")],
        )
        .await;
    let bloc = first_id(&admin.get("/khoi-thi-dua").await.body, "/khoi-thi-dua/");
    admin
        .post(
            &format!("/khoi-thi-dua/{bloc}/thanh-vien"),
            &[("unit_code", "HL-NH"), ("year", "2024")],
        )
        .await;

    let mut officer = app.signed_in("canbo.ducthuan").await;
    let list = officer.get("/khoi-thi-dua?nam=2024").await.body;
    assert!(!list.contains("Khối các phường, xã"));
    assert_eq!(
        officer.get(&format!("/khoi-thi-dua/{bloc}")).await.status,
        404
    );
    let before = app.audit_count().await;
    for (path, fields) in [
        ("thanh-vien", vec![("unit_code", "HL-DT"), ("year", "2024")]),
        ("chuyen-nam", vec![("year", "2025")]),
        ("sua", vec![("name", "Đổi tên"), ("version", "1")]),
    ] {
        let r = officer
            .post(&format!("/khoi-thi-dua/{bloc}/{path}"), &fields)
            .await;
        assert_eq!(r.status, 404, "{path}");
    }
    assert_eq!(app.audit_count().await, before);
    assert_eq!(member_count(&app, &bloc, 2024).await, 1);

    // Inside the ward, the officer may run blocs of its own.
    officer.get("/khoi-thi-dua/moi").await;
    let r = officer
        .post(
            "/khoi-thi-dua",
            &[("name", "Khối tổ dân phố"), ("owner_code", "HL")],
        )
        .await;
    assert!(
        r.body
            .contains("Bạn không có quyền lập khối thi đua ở đơn vị này.")
    );
    let r = officer
        .post(
            "/khoi-thi-dua",
            &[("name", "Khối tổ dân phố"), ("owner_code", "HL-DT")],
        )
        .await;
    assert!(
        r.body.contains("Đã lập khối «Khối tổ dân phố»."),
        "{}",
        r.body
    );
}

/// Issue 8, item 9: a ward officer sees its own bloc — the fellow members, their statuses and
/// approved figures side by side — on the latest year that has members, and no other bloc.
#[tokio::test]
async fn a_ward_sees_its_bloc_and_its_fellows_figures_side_by_side() {
    let app = crate::helpers::spawn_app().await;
    thidua::demo::load(&app.state.db, app.state.clock.now(), 40)
        .await
        .unwrap();
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let list = ward.get("/khoi-thi-dua").await.body;
    assert!(list.contains("Khối các phường, xã (mẫu)"), "{list}");
    assert!(
        !list.contains("Khối các cơ quan chuyên môn (mẫu)"),
        "not a member there"
    );
    let bloc = crate::helpers::first_id(&list, "/khoi-thi-dua/");
    let page = ward.get(&format!("/khoi-thi-dua/{bloc}")).await.body;
    assert!(page.contains("So sánh các thành viên năm"), "{page}");
    for fellow in ["Phường Đức Thuận", "Phường Nam Hồng", "Xã Thuận Lộc"] {
        assert!(page.contains(fellow), "{fellow}");
    }
    assert!(page.contains("Đã duyệt"), "statuses shown");
    assert!(
        page.contains("(đơn vị của bạn)"),
        "the ward finds its own column"
    );
    assert!(page.contains("Tỷ lệ hộ nghèo"), "rates computed per member");
    assert!(
        !page.contains("Thêm vào khối"),
        "a ward does not edit the bloc"
    );
    // The other blocs stay hidden.
    let admin_list = app.signed_in("admin").await.get("/khoi-thi-dua").await.body;
    let other = admin_list
        .match_indices("href=\"/khoi-thi-dua/")
        .map(|(i, _)| {
            admin_list[i + 20..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .find(|id| !id.is_empty() && *id != bloc)
        .unwrap();
    assert_eq!(
        ward.get(&format!("/khoi-thi-dua/{other}")).await.status,
        404
    );
}
