//! Issue 8, item 5: no typed work lost — a draft saved with an invalid cell keeps every valid
//! one and lists the invalid; only submitting needs every cell valid.

use crate::figures::{post_sheet, ward_fields};
use crate::helpers::spawn_app;

#[tokio::test]
async fn a_draft_with_one_invalid_cell_keeps_the_valid_ones() {
    let app = spawn_app().await;
    let dt = app.unit_id("HL-DT").await;
    let sheet = format!("/so-lieu/{dt}/2024");
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let mut fields = ward_fields(&app).await;
    let valid = fields.len() - 1;
    fields[4].1 = "103".into(); // BHYT above 100 %

    let r = post_sheet(&mut ward, &sheet, &fields, "luu").await;
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains(&format!(
            "Đã lưu nháp {valid} chỉ số hợp lệ. Còn 1 chỉ số chưa lưu"
        )),
        "{}",
        r.body
    );
    assert!(r.body.contains("«Tỷ lệ dân số tham gia bảo hiểm y tế»"));
    assert!(
        r.body.contains("value=\"103\""),
        "what was typed is still there"
    );

    // Reloaded from the store: the valid cells are saved, the invalid one is not.
    let page = ward.get(&sheet).await.body;
    assert!(page.contains("value=\"9850\""), "population saved: {page}");
    assert!(page.contains("value=\"84,2\""), "income saved");
    assert!(!page.contains("value=\"103\""));

    // The page after the partial save carries the new version: correcting and sending works.
    fields[4].1 = "93,4".into();
    let r = post_sheet(&mut ward, &sheet, &fields, "gui").await;
    assert!(
        r.body.contains("Đã lưu và gửi số liệu để duyệt."),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn submitting_still_needs_every_cell_valid() {
    let app = spawn_app().await;
    let dt = app.unit_id("HL-DT").await;
    let sheet = format!("/so-lieu/{dt}/2024");
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let mut fields = ward_fields(&app).await;
    fields[4].1 = "103".into();
    let before = app.audit_count().await;
    let r = post_sheet(&mut ward, &sheet, &fields, "gui").await;
    assert!(
        r.body.contains("Chưa lưu được: 1 chỉ số cần sửa"),
        "{}",
        r.body
    );
    assert_eq!(app.audit_count().await, before, "nothing written");
}
