//! Issue 8, item 3: each user's home page lists what waits for them — the office the sheet to
//! approve, the ward its returned sheet with the reason, the deadline with days left — and an
//! item goes when it is done.

use crate::figures::{post_sheet, ward_fields};
use crate::helpers::spawn_app;
use chrono::NaiveDate;
use thidua::auth::Role;

fn section(home: &str) -> &str {
    let start = home.find("Việc cần làm").expect("the to-do section");
    let end = home[start..]
        .find("</section>")
        .map_or(home.len(), |e| start + e);
    &home[start..end]
}

#[tokio::test]
async fn the_returned_sheet_and_the_sheet_to_approve_wait_on_the_right_home_pages() {
    let app = spawn_app().await;
    app.state
        .clock
        .set_local(NaiveDate::from_ymd_opt(2025, 1, 3).unwrap(), 9, 0);
    app.add_user("vp.ntm", Role::NtmOffice, "HL").await;
    let dt = app.unit_id("HL-DT").await;
    let sheet = format!("/so-lieu/{dt}/2024");
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let mut office = app.signed_in("vp.ntm").await;

    // Before sending: the ward sees its deadline with the days left; the office has nothing.
    let home = ward.get("/").await.body;
    let todo = section(&home);
    assert!(
        todo.contains("Gửi số liệu năm 2024 – Phường Đức Thuận"),
        "{todo}"
    );
    assert!(
        todo.contains("còn 12 ngày"),
        "15/01/2025 is 12 days after 03/01/2025"
    );
    assert!(section(&office.get("/").await.body).contains("Không có việc nào đang chờ bạn."));

    let fields = ward_fields(&app).await;
    post_sheet(&mut ward, &sheet, &fields, "gui").await;
    let todo = office.get("/").await.body;
    let todo = section(&todo);
    assert!(todo.contains("Chờ bạn duyệt"));
    let told = office.get("/thong-bao").await.body;
    assert!(
        told.contains("canbo.ducthuan gửi duyệt bảng số liệu năm 2024 của Phường Đức Thuận"),
        "{told}"
    );
    assert!(todo.contains("Bảng số liệu năm 2024 – Phường Đức Thuận"));
    assert!(
        !section(&ward.get("/").await.body).contains("Gửi số liệu năm 2024"),
        "sent"
    );

    office.get(&sheet).await;
    let version = office.last_input("version");
    office
        .post(
            &format!("{sheet}/tra-lai"),
            &[
                ("version", &version),
                ("reason", "Thu nhập chưa khớp Chi cục Thống kê"),
            ],
        )
        .await;
    assert!(!section(&office.get("/").await.body).contains("Chờ bạn duyệt"));
    // The completeness page counts the return apart from what was never sent.
    let hl = app.unit_id("HL").await;
    let completeness = office
        .get(&format!("/so-lieu?don_vi={hl}&nam=2024"))
        .await
        .body;
    assert!(
        completeness.contains("1 bị trả lại (chờ đơn vị sửa)"),
        "{completeness}"
    );
    let home = ward.get("/").await.body;
    // The ward is told in the app, without a phone call: the header counts the unread
    // notice, the list names who returned what and why, and opening it marks it read.
    assert!(
        home.contains("Thông báo <span class=\"notice-count\">(1 mới)</span>"),
        "{home}"
    );
    let notices = ward.get("/thong-bao").await.body;
    assert!(
        notices.contains("vp.ntm trả lại bảng số liệu năm 2024 của Phường Đức Thuận để đơn vị sửa. Lý do: Thu nhập chưa khớp Chi cục Thống kê"),
        "{notices}"
    );
    assert!(notices.contains("chưa đọc"));
    let id = crate::helpers::first_id(&notices, "/thong-bao/");
    assert!(!id.is_empty(), "an open link");
    let opened = ward.get(&format!("/thong-bao/{id}")).await;
    assert!(
        opened
            .body
            .contains("Số liệu chỉ tiêu năm 2024 – Phường Đức Thuận"),
        "the notice leads to the sheet"
    );
    assert!(
        !opened.body.contains("notice-count"),
        "read: the count is gone"
    );
    // Nobody else can open or read it.
    assert_eq!(office.get(&format!("/thong-bao/{id}")).await.status, 404);
    assert_eq!(
        office.post(&format!("/thong-bao/{id}"), &[]).await.status,
        404
    );
    let home = ward.get("/").await.body;
    let todo = section(&home);
    assert!(todo.contains("Bị trả lại"));
    assert!(
        todo.contains("Lý do: Thu nhập chưa khớp Chi cục Thống kê"),
        "{todo}"
    );
    // The sheet itself opens with the reason.
    let page = ward.get(&sheet).await.body;
    let reason = page
        .find("Lý do: Thu nhập chưa khớp")
        .expect("reason on the sheet");
    assert!(
        reason < page.find("<table").unwrap(),
        "the reason is above the figures"
    );

    post_sheet(&mut ward, &sheet, &fields, "gui").await;
    assert!(!section(&ward.get("/").await.body).contains("Bị trả lại"));
    office.get(&sheet).await;
    let version = office.last_input("version");
    office
        .post(
            &format!("{sheet}/duyet"),
            &[("version", &version), ("xac_nhan", "co")],
        )
        .await;
    let office_home = office.get("/").await.body;
    assert!(section(&office_home).contains("Không có việc nào đang chờ bạn."));
    assert!(
        !office_home.contains("notice-count"),
        "the sendings the office was told of are settled once the sheet is approved"
    );
    let ward_home = ward.get("/").await.body;
    assert!(section(&ward_home).contains("Không có việc nào đang chờ bạn."));
    assert!(
        ward_home.contains("Thông báo <span class=\"notice-count\">(1 mới)</span>"),
        "the approval is new to the ward"
    );
}
