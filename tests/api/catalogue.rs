//! The catalogue of indicators and targets: everyone reads it, administrators extend it.

use crate::helpers::spawn_app;

#[tokio::test]
async fn admins_add_indicators_and_targets_and_officers_only_read() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    let page = admin.get("/chi-tieu/danh-muc").await.body;
    assert!(page.contains("Bình quân mỗi năm tỷ lệ hộ nghèo giảm 1,6 %/năm"));
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
    // Officers read the catalogue in names, its formula in words; codes are the admin's.
    let catalogue = officer.get("/chi-tieu/danh-muc").await.body;
    assert!(catalogue.contains("Tỷ lệ hộ cận nghèo"));
    assert!(
        catalogue.contains("Số hộ cận nghèo : Số hộ gia đình × 100"),
        "{catalogue}"
    );
    assert!(!catalogue.contains("HO_CAN_NGHEO_TL"));
    assert_eq!(officer.get("/chi-tieu/danh-muc/chi-so").await.status, 403);
    let r = officer.post("/chi-tieu/danh-muc/chi-so", &raw).await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn an_admin_records_another_movement_and_sets_its_targets() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    admin.get("/phong-trao/moi").await;
    let before = app.audit_count().await;
    let mut fields = vec![
        ("code", "HL-CCHC-2026"),
        ("title", " "),
        ("issuing_code", "HL"),
        ("issued_on", "15/01/2026"),
        ("period_from", "2026"),
        ("period_to", "2025"),
    ];
    let r = admin.post("/phong-trao", &fields).await;
    assert!(r.body.contains("Chưa nhập tên phong trào."));
    assert!(
        r.body
            .contains("Năm kết thúc phải không trước năm bắt đầu.")
    );
    assert_eq!(app.audit_count().await, before);
    fields[1] = ("title", "Thi đua cải cách hành chính");
    fields[5] = ("period_to", "2030");
    let r = admin.post("/phong-trao", &fields).await;
    assert!(
        r.body
            .contains("Đã thêm phong trào «Thi đua cải cách hành chính»."),
        "{}",
        r.body
    );
    assert!(r.body.contains("Phong trào chưa có chỉ tiêu nào."));

    admin.get("/chi-tieu/danh-muc/chi-tieu").await;
    let movement = {
        let mut c = app.state.db.conn().await.unwrap();
        thidua::movements::store::by_code(&mut c, "HL-CCHC-2026")
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string()
    };
    let target = [
        ("movement_id", movement.as_str()),
        ("indicator_code", "HS_TT_TL"),
        ("label", "Trên 80 % hồ sơ xử lý trực tuyến"),
        ("scope", "town"),
        ("kind", "level"),
        ("comparator", "gt"),
        ("value", "80"),
        ("year", "2025"),
    ];
    let r = admin.post("/chi-tieu/danh-muc/chi-tieu", &target).await;
    assert!(
        r.body.contains("Năm phải nằm trong kỳ 2026–2030"),
        "{}",
        r.body
    );
    let mut fixed = target.to_vec();
    fixed[7] = ("year", "2028");
    let r = admin.post("/chi-tieu/danh-muc/chi-tieu", &fixed).await;
    assert!(
        r.body
            .contains("Đã thêm chỉ tiêu «Trên 80 % hồ sơ xử lý trực tuyến».")
    );
    assert!(r.body.contains("Năm 2028"));

    // The town now has two movements: the newest is shown, the plan of 2022 one choice away.
    let hl = app.unit_id("HL").await;
    let board = admin
        .get(&format!("/chi-tieu?don_vi={hl}&nam=2028"))
        .await
        .body;
    assert!(board.contains("Trên 80 % hồ sơ xử lý trực tuyến"));
    assert!(board.contains("name=\"phong_trao\""));
    let builtin = {
        let mut c = app.state.db.conn().await.unwrap();
        thidua::movements::store::by_code(&mut c, "HL-NTM-DTVM-2022")
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let old = admin
        .get(&format!(
            "/chi-tieu?don_vi={hl}&nam=2024&phong_trao={builtin}"
        ))
        .await
        .body;
    assert!(old.contains("Tốc độ tăng tổng giá trị sản xuất bình quân đạt 13 %/năm"));
    assert!(!old.contains("Trên 80 % hồ sơ xử lý trực tuyến"));

    let mut officer = app.signed_in("canbo.ducthuan").await;
    assert_eq!(officer.get("/phong-trao/moi").await.status, 403);
}

/// Issue 8, item 14: a database seeded with the first wording is brought to the plan's words on
/// start ("nước máy tập trung", "Tốc độ tăng tổng giá trị sản xuất bình quân đạt 13 %/năm"),
/// and a name an administrator edited since is left as they wrote it.
#[tokio::test]
async fn an_older_catalogue_is_brought_to_the_plans_words_but_edited_names_stay() {
    use thidua::indicators::{store, wording};
    let app = crate::helpers::spawn_app().await;
    let mut tx = app.state.db.begin().await.unwrap();
    // As first seeded: every name back to its first wording, then one edited by hand.
    for (code, old, new) in wording::INDICATORS {
        store::rename_builtin_indicator(&mut tx, code, new, old)
            .await
            .unwrap();
    }
    for (code, old, new) in wording::TARGETS {
        store::relabel_builtin_target(&mut tx, code, new, old)
            .await
            .unwrap();
    }
    store::rename_builtin_indicator(
        &mut tx,
        "BHYT",
        "Tỷ lệ dân số tham gia bảo hiểm y tế",
        "BHYT (sửa tay)",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let now = app.state.clock.now();
    let renamed = wording::bring_to_plan(&app.state.db, now).await.unwrap();
    assert_eq!(
        renamed as usize,
        wording::INDICATORS.len() - 1 + wording::TARGETS.len()
    );
    assert_eq!(
        wording::bring_to_plan(&app.state.db, now).await.unwrap(),
        0,
        "once"
    );

    let mut admin = app.signed_in("admin").await;
    let page = admin.get("/chi-tieu/danh-muc").await.body;
    assert!(
        page.contains("Số hộ dân được sử dụng nước máy tập trung"),
        "{page}"
    );
    assert!(!page.contains("nước sạch tập trung"));
    assert!(page.contains("Tốc độ tăng tổng giá trị sản xuất bình quân đạt 13 %/năm"));
    assert!(page.contains("BHYT (sửa tay)"), "an edited name stays");
    // Found by the new words without diacritics too.
    let mut c = app.state.db.conn().await.unwrap();
    let water = store::by_code(&mut c, "HO_NUOC_SACH")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(water.name, "Số hộ dân được sử dụng nước máy tập trung");
}
