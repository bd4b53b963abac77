//! The catalogue of indicators and targets: everyone reads it, administrators extend it.

use crate::helpers::spawn_app;

#[tokio::test]
async fn admins_add_indicators_and_targets_and_officers_only_read() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    let page = admin.get("/chi-tieu/danh-muc").await.body;
    assert!(page.contains("Tỷ lệ hộ nghèo giảm 1,6 điểm %/năm"));
    assert!(page.contains("giảm 1,6 điểm/năm từ 2022"));
    assert!(page.contains("HO_NGHEO / SO_HO * 100"));

    admin.get("/chi-tieu/danh-muc/chi-so").await;
    let before = app.audit_count().await;
    let fields = [
        ("code", "ho_can_ngheo_tl"),
        ("name", "Tỷ lệ hộ cận nghèo"),
        ("measure", "percent"),
        ("direction", "lower"),
        ("aggregation", "formula"),
        ("rule", "HO_CAN_NGHEO / SO_HO * 100"),
        ("kind_ward", "1"),
        ("kind_commune", "1"),
    ];
    let r = admin.post("/chi-tieu/danh-muc/chi-so", &fields).await;
    assert!(
        r.body
            .contains("Công thức dùng mã HO_CAN_NGHEO chưa có trong danh mục.")
    );
    assert!(
        r.body.contains("Tỷ lệ hộ cận nghèo"),
        "what was typed comes back"
    );
    assert_eq!(app.audit_count().await, before);
    let mut raw = fields.to_vec();
    raw[0] = ("code", "HO_CAN_NGHEO");
    raw[1] = ("name", "Số hộ cận nghèo");
    raw[2] = ("measure", "count");
    raw[4] = ("aggregation", "sum");
    raw[5] = ("rule", "");
    let r = admin.post("/chi-tieu/danh-muc/chi-so", &raw).await;
    assert!(r.body.contains("Đã thêm chỉ số HO_CAN_NGHEO"), "{}", r.body);
    let r = admin.post("/chi-tieu/danh-muc/chi-so", &fields).await;
    assert!(
        r.body.contains("Đã thêm chỉ số HO_CAN_NGHEO_TL"),
        "{}",
        r.body
    );

    admin.get("/chi-tieu/danh-muc/chi-tieu").await;
    let movement = admin.last_input_option("movement_id");
    let target = [
        ("movement_id", movement.as_str()),
        ("indicator_code", "HO_CAN_NGHEO_TL"),
        ("label", "Tỷ lệ hộ cận nghèo giảm 1 điểm %/năm"),
        ("scope", "each"),
        ("kind", "fall"),
        ("value", "1"),
        ("base_year", ""),
    ];
    let r = admin.post("/chi-tieu/danh-muc/chi-tieu", &target).await;
    assert!(r.body.contains("Lộ trình cần năm gốc"), "{}", r.body);
    let mut with_base = target.to_vec();
    with_base[6] = ("base_year", "2023");
    let r = admin.post("/chi-tieu/danh-muc/chi-tieu", &with_base).await;
    assert!(
        r.body
            .contains("Đã thêm chỉ tiêu «Tỷ lệ hộ cận nghèo giảm 1 điểm %/năm»."),
        "{}",
        r.body
    );
    assert!(r.body.contains("giảm 1 điểm/năm từ 2023"));

    // The new indicator is on every ward's sheet from now on.
    let dt = app.unit_id("HL-DT").await;
    let mut officer = app.signed_in("canbo.ducthuan").await;
    assert!(
        officer
            .get(&format!("/so-lieu/{dt}/2024"))
            .await
            .body
            .contains("Số hộ cận nghèo")
    );
    assert!(
        officer
            .get("/chi-tieu/danh-muc")
            .await
            .body
            .contains("HO_CAN_NGHEO_TL")
    );
    assert_eq!(officer.get("/chi-tieu/danh-muc/chi-so").await.status, 403);
    let r = officer.post("/chi-tieu/danh-muc/chi-so", &raw).await;
    assert_eq!(r.status, 403);
}
