//! Issue 8, item 4: "duyệt các bảng đã chọn" on the completeness page. The office ticks the
//! waiting sheets, reads one confirmation page, and each sheet is then approved on its own —
//! a sheet that moved meanwhile is passed over and named, and nothing moves without the
//! confirmation.

use crate::figures::{post_sheet, ward_fields};
use crate::helpers::{TestApp, spawn_app};
use chrono::NaiveDate;
use thidua::auth::Role;

async fn status(app: &TestApp, unit: i64) -> String {
    let mut c = app.state.db.conn().await.unwrap();
    thidua::figures::store::sheet(&mut c, unit, 2024)
        .await
        .unwrap()
        .unwrap()
        .status
}

#[tokio::test]
async fn the_office_approves_the_ticked_sheets_after_one_confirmation() {
    let app = spawn_app().await;
    app.state
        .clock
        .set_local(NaiveDate::from_ymd_opt(2025, 1, 10).unwrap(), 9, 0);
    app.add_user("vp.ntm", Role::NtmOffice, "HL").await;
    app.add_user("vp.ntm2", Role::NtmOffice, "HL").await;
    let (hl, dt, nh) = (
        app.unit_id("HL").await,
        app.unit_id("HL-DT").await,
        app.unit_id("HL-NH").await,
    );
    let fields = ward_fields(&app).await;
    for (user, unit) in [("canbo.ducthuan", dt), ("canbo.namhong", nh)] {
        let mut ward = app.signed_in(user).await;
        post_sheet(&mut ward, &format!("/so-lieu/{unit}/2024"), &fields, "gui").await;
    }

    let mut office = app.signed_in("vp.ntm").await;
    let page = office
        .get(&format!("/so-lieu?don_vi={hl}&nam=2024"))
        .await
        .body;
    assert!(page.contains("Duyệt các bảng đã chọn"), "{page}");
    let (v_dt, v_nh) = (
        office.last_input(&format!("sheet_{dt}")),
        office.last_input(&format!("sheet_{nh}")),
    );
    assert!(
        !v_dt.is_empty() && !v_nh.is_empty(),
        "both waiting sheets can be ticked"
    );
    let ticks = [
        ("nam", "2024"),
        ("don_vi", &hl.to_string()),
        (&format!("sheet_{dt}"), &v_dt),
        (&format!("sheet_{nh}"), &v_nh),
    ]
    .map(|(k, v)| (k.to_string(), v.to_string()));
    let as_pairs = |extra: &[(&str, &str)]| {
        let mut all: Vec<(String, String)> = ticks.to_vec();
        all.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        all
    };

    // Without the confirmation: a page naming both wards, and nothing approved.
    let pairs = as_pairs(&[]);
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let confirm = office.post("/so-lieu/duyet-nhieu", &refs).await;
    assert_eq!(confirm.status, 200);
    assert!(
        confirm
            .body
            .contains("Sẽ duyệt và khóa số liệu năm 2024 của 2 đơn vị"),
        "{}",
        confirm.body
    );
    assert!(confirm.body.contains("Phường Đức Thuận") && confirm.body.contains("Phường Nam Hồng"));
    assert_eq!(status(&app, dt).await, "submitted");
    assert_eq!(status(&app, nh).await, "submitted");

    // Meanwhile a colleague returns Nam Hồng's sheet.
    let mut colleague = app.signed_in("vp.ntm2").await;
    colleague.get(&format!("/so-lieu/{nh}/2024")).await;
    let version = colleague.last_input("version");
    colleague
        .post(
            &format!("/so-lieu/{nh}/2024/tra-lai"),
            &[
                ("version", &version),
                ("reason", "Thiếu minh chứng hộ nghèo"),
            ],
        )
        .await;

    let pairs = as_pairs(&[("xac_nhan", "co")]);
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let done = office.post("/so-lieu/duyet-nhieu", &refs).await;
    assert!(
        done.body
            .contains("Đã duyệt và khóa 1 bảng số liệu năm 2024."),
        "{}",
        done.body
    );
    assert!(
        done.body.contains("Không duyệt được: Phường Nam Hồng"),
        "{}",
        done.body
    );
    assert_eq!(status(&app, dt).await, "approved");
    assert_eq!(status(&app, nh).await, "returned", "the return stands");

    // A ward officer cannot approve anything this way, and nothing moves.
    let mut ward = app.signed_in("canbo.namhong").await;
    let pairs = [
        ("nam".to_string(), "2024".to_string()),
        (format!("sheet_{nh}"), "1".to_string()),
        ("xac_nhan".to_string(), "co".to_string()),
    ];
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    ward.get("/").await;
    let refused = ward.post("/so-lieu/duyet-nhieu", &refs).await;
    assert_eq!(refused.status, 403);
    assert_eq!(status(&app, nh).await, "returned");
}
