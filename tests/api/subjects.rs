//! Households through the UI: edit, move within scope, members added from the household page.

use crate::helpers::{first_id, spawn_app};

#[tokio::test]
async fn a_household_is_edited_within_scope_and_bad_input_changes_nothing() {
    let app = spawn_app().await;
    let mut officer = app.signed_in("canbo.ducthuan").await;
    officer.get("/ho-gia-dinh/moi").await;
    let r = officer
        .post(
            "/ho-gia-dinh",
            &[
                ("head_name", "Nguyễn Văn Hùng"),
                ("address", "Số 3"),
                ("unit_code", "HL-DT"),
            ],
        )
        .await;
    assert!(
        r.body.contains("Đã thêm hộ «Nguyễn Văn Hùng»."),
        "{}",
        r.body
    );
    let id = first_id(
        &officer.get("/ho-gia-dinh?q=hung").await.body,
        "/ho-gia-dinh/",
    );
    let edit = format!("/ho-gia-dinh/{id}/sua");

    let page = officer.get(&format!("/ho-gia-dinh/{id}")).await.body;
    assert!(page.contains(&format!("href=\"{edit}\"")));
    assert!(page.contains(&format!(
        "/ca-nhan/moi?don_vi={}&amp;ho={id}",
        app.unit_id("HL-DT").await
    )));

    officer.get(&edit).await;
    let before = app.audit_count().await;
    let r = officer
        .post(
            &edit,
            &[
                ("head_name", " "),
                ("address", "Số 5"),
                ("unit_code", "HL-NH"),
            ],
        )
        .await;
    assert!(r.body.contains("Chưa nhập tên chủ hộ."));
    assert!(
        r.body
            .contains("Bạn không có quyền ghi hộ gia đình cho đơn vị này.")
    );
    assert!(r.body.contains("Số 5"), "what was typed comes back");
    assert_eq!(app.audit_count().await, before);

    let r = officer
        .post(
            &edit,
            &[
                ("head_name", "Nguyễn  Văn Hưng"),
                ("address", "Số 5, tổ 2"),
                ("unit_code", "HL-DT"),
            ],
        )
        .await;
    assert!(r.body.contains("Đã lưu thay đổi."));
    assert!(r.body.contains("Hộ Nguyễn Văn Hưng") && r.body.contains("Số 5, tổ 2"));
    assert!(
        officer
            .get("/ho-gia-dinh?q=van+hung")
            .await
            .body
            .contains("Nguyễn Văn Hưng")
    );

    // Another ward's officer does not even learn it exists; a council member reads only.
    let mut other = app.signed_in("canbo.namhong").await;
    assert_eq!(other.get(&edit).await.status, 404);
    let mut member = app.signed_in("thanhvien.hd").await;
    assert_eq!(member.get(&format!("/ho-gia-dinh/{id}")).await.status, 200);
    assert_eq!(member.get(&edit).await.status, 403);
}
