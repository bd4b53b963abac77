//! Scope without side channels (issue 7): form errors do not name what lies outside the
//! user's scope, and a person cannot be attached to a household the officer cannot see.

use crate::helpers::{first_id, spawn_app};

#[tokio::test]
async fn a_code_used_outside_scope_is_refused_without_the_other_units_name() {
    let app = spawn_app().await;
    let other = app.unit("HL-NH").await.unwrap();
    let mut officer = app.signed_in("canbo.ducthuan").await;
    officer.get("/don-vi/moi").await;
    let before = app.audit_count().await;
    let r = officer
        .post(
            "/don-vi",
            &[
                ("code", "HL-NH"),
                ("name", "Tổ dân phố Mới"),
                ("kind", "residential_group"),
                ("parent_code", "HL-DT"),
            ],
        )
        .await;
    assert!(r.body.contains("Mã HL-NH đã được dùng"), "{}", r.body);
    assert!(!r.body.contains(&other.name), "{}", r.body);
    assert_eq!(app.audit_count().await, before);
    // Whoever may see that unit is told its name, which helps.
    let mut admin = app.signed_in("admin").await;
    admin.get("/don-vi/moi").await;
    let r = admin
        .post(
            "/don-vi",
            &[
                ("code", "HL-NH"),
                ("name", "Tổ dân phố Mới"),
                ("kind", "residential_group"),
                ("parent_code", "HL-DT"),
            ],
        )
        .await;
    assert!(
        r.body
            .contains(&format!("Mã HL-NH đã được dùng cho «{}»", other.name)),
        "{}",
        r.body
    );
}

/// Creates a household through the UI as `user` at `unit` and returns its id.
async fn household(app: &crate::helpers::TestApp, user: &str, head: &str, unit: &str) -> String {
    let mut c = app.signed_in(user).await;
    c.get("/ho-gia-dinh/moi").await;
    let r = c
        .post(
            "/ho-gia-dinh",
            &[
                ("head_name", head),
                ("address", "Số 1"),
                ("unit_code", unit),
            ],
        )
        .await;
    assert!(r.body.contains("Đã thêm hộ"), "{}", r.body);
    let q = thidua::text::fold(head).replace(' ', "+");
    first_id(
        &c.get(&format!("/ho-gia-dinh?q={q}")).await.body,
        "/ho-gia-dinh/",
    )
}

#[tokio::test]
async fn a_person_cannot_join_a_household_the_officer_cannot_see() {
    let app = spawn_app().await;
    // One in the neighbouring ward, one registered at the town above the officer's ward.
    let neighbour = household(&app, "canbo.namhong", "Lê Văn Láng Giềng", "HL-NH").await;
    let town = household(&app, "admin", "Phan Văn Thị Xã", "HL").await;
    let own = household(&app, "canbo.ducthuan", "Hồ Văn Nhà Mình", "HL-DT").await;
    let mut officer = app.signed_in("canbo.ducthuan").await;
    officer.get("/ca-nhan/moi").await;
    let before = app.audit_count().await;
    for (case, h) in [("neighbouring ward", &neighbour), ("town", &town)] {
        let r = officer
            .post(
                "/ca-nhan",
                &[
                    ("full_name", "Ngô Thị Khách"),
                    ("gender", "nu"),
                    ("unit_code", "HL-DT"),
                    ("household_id", h),
                ],
            )
            .await;
        assert!(
            r.body
                .contains("Không có hộ gia đình này trong đơn vị đã chọn."),
            "{case}: {}",
            r.body
        );
        assert!(!r.body.contains("Phan Văn") && !r.body.contains("Láng Giềng"));
    }
    assert_eq!(app.audit_count().await, before, "nothing written");
    assert!(
        !officer
            .get("/ca-nhan?q=khach")
            .await
            .body
            .contains("Ngô Thị Khách")
    );

    // A person of the officer's own ward may join its household, but not be moved to the
    // town's household on edit.
    let r = officer
        .post(
            "/ca-nhan",
            &[
                ("full_name", "Ngô Thị Khách"),
                ("gender", "nu"),
                ("unit_code", "HL-DT"),
                ("household_id", &own),
            ],
        )
        .await;
    assert!(r.body.contains("Đã thêm «Ngô Thị Khách»"), "{}", r.body);
    let id = first_id(&r.body, "/ca-nhan/");
    let id = if id.is_empty() {
        first_id(&officer.get("/ca-nhan?q=khach").await.body, "/ca-nhan/")
    } else {
        id
    };
    officer.get(&format!("/ca-nhan/{id}/sua")).await;
    let before = app.audit_count().await;
    let r = officer
        .post(
            &format!("/ca-nhan/{id}/sua"),
            &[
                ("full_name", "Ngô Thị Khách"),
                ("gender", "nu"),
                ("unit_code", "HL-DT"),
                ("household_id", &town),
            ],
        )
        .await;
    assert!(
        r.body
            .contains("Không có hộ gia đình này trong đơn vị đã chọn."),
        "{}",
        r.body
    );
    assert_eq!(app.audit_count().await, before);
}
