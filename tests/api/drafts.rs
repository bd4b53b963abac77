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
    assert!(r.body.contains("«Tỷ lệ người dân tham gia bảo hiểm y tế»"));
    assert!(
        r.body.contains("value=\"103\""),
        "what was typed is still there"
    );

    // Reloaded from the store: the valid cells are saved, the invalid one is not.
    let page = ward.get(&sheet).await.body;
    assert!(page.contains("value=\"9850\""), "population saved: {page}");
    assert!(page.contains("value=\"84,2\""), "income saved");
    assert!(!page.contains("value=\"103\""));
    // The civilised-ward figure comes from recognitions now: it is not typed on the sheet.
    let civilised = app.indicator_id("DTVM_DAT").await;
    assert!(
        !page.contains(&format!("name=\"v_{civilised}\"")),
        "computed from recognitions"
    );

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

/// The ward officer of Đức Thuận with its 2024 sheet open at 08:00 on 06/01/2025; `lunch`
/// moves the clock past the idle timeout (to 14:00).
async fn sheet_open_before_lunch() -> (crate::helpers::TestApp, crate::helpers::Client, String) {
    let app = spawn_app().await;
    app.state.clock.set_local(monday(), 8, 0);
    let dt = app.unit_id("HL-DT").await;
    let sheet = format!("/so-lieu/{dt}/2024");
    let mut ward = app.signed_in("canbo.ducthuan").await;
    ward.get(&sheet).await;
    (app, ward, sheet)
}

fn monday() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap()
}

fn lunch(app: &crate::helpers::TestApp) {
    app.state.clock.set_local(monday(), 14, 0);
}

/// Typed values survive an expired session: the save lands on the login page saying why,
/// nothing is written, and signing in again opens the sheet with what was typed, unsaved.
#[tokio::test]
async fn typed_values_survive_an_expired_session() {
    let (app, mut ward, sheet) = sheet_open_before_lunch().await;
    let fields = ward_fields(&app).await;
    let version = ward.last_input("version");
    let before = app.audit_count().await;

    // Lunch: the session lapses while the form is open; then "Lưu".
    lunch(&app);
    let mut typed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    typed.extend([("version", version.as_str()), ("hanh_dong", "luu")]);
    let r = ward.post(&sheet, &typed).await;
    assert!(r.body.contains("Phiên đăng nhập đã hết"), "{}", r.body);
    assert_eq!(app.audit_count().await, before, "nothing saved yet");

    let back = ward
        .login("canbo.ducthuan", crate::helpers::OFFICER_PASSWORD)
        .await;
    assert!(
        back.contains("Số liệu chỉ tiêu năm 2024 – Phường Đức Thuận"),
        "{back}"
    );
    assert!(back.contains("CHƯA được lưu"), "{back}");
    assert!(back.contains("value=\"84,2\""), "income as typed: {back}");
    assert!(back.contains("value=\"1.250,5\""), "production as typed");
    // Shown once: reloading shows the stored (empty) sheet, and saving stores the values.
    let reload = ward.get(&sheet).await.body;
    assert!(!reload.contains("value=\"84,2\""));
    let r = post_sheet(&mut ward, &sheet, &fields, "luu").await;
    assert!(r.body.contains("Đã lưu số liệu"), "{}", r.body);
}

/// A form posted to someone's lapsed session without that session's token (another site, a
/// stale tab of another session) is not kept: nobody can plant values in a sheet.
#[tokio::test]
async fn a_lapsed_session_keeps_nothing_without_its_own_token() {
    let (app, mut ward, sheet) = sheet_open_before_lunch().await;
    lunch(&app);
    let income = app.indicator_id("THU_NHAP").await;
    let field = format!("v_{income}");
    ward.post_raw(&sheet, &[(&field, "999"), ("csrf", "0000")])
        .await;
    let back = ward
        .login("canbo.ducthuan", crate::helpers::OFFICER_PASSWORD)
        .await;
    assert!(!back.contains("value=\"999\""), "{back}");
    assert!(back.contains("Việc cần làm"), "home, not the sheet");
}

/// Attaching evidence posts the typed figures along and keeps them as a draft.
#[tokio::test]
async fn attaching_evidence_keeps_the_typed_figures() {
    let app = spawn_app().await;
    let dt = app.unit_id("HL-DT").await;
    let sheet = format!("/so-lieu/{dt}/2024");
    let mut ward = app.signed_in("canbo.ducthuan").await;
    ward.get(&sheet).await;
    let version = ward.last_input("version");
    let income = app.indicator_id("THU_NHAP").await;
    let mut form = reqwest::multipart::Form::new()
        .text("csrf", ward.csrf.clone())
        .text("version", version)
        .text("indicator_id", income.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(&b"%PDF-1.4 thu nhap"[..]).file_name("thu-nhap.pdf"),
        );
    for (k, v) in ward_fields(&app).await {
        form = form.text(k, v);
    }
    let r = ward
        .http
        .post(format!("{}{sheet}/minh-chung", ward.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Số liệu đang nhập cũng đã được lưu nháp"),
        "{body}"
    );
    let page = ward.get(&sheet).await.body;
    assert!(page.contains("value=\"84,2\""), "income kept: {page}");
    assert!(page.contains("thu-nhap.pdf"));
}

/// A ward merged away on 30/06/2025 has no 2026 sheet: the page says so instead of offering
/// inputs, and a save — typed or imported — is refused with nothing written.
#[tokio::test]
async fn a_unit_that_no_longer_exists_enters_nothing_for_that_year() {
    let app = spawn_app().await;
    let dt = app.unit_id("HL-DT").await;
    let sheet = format!("/so-lieu/{dt}/2026");
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let page = ward.get(&sheet).await.body;
    assert!(
        page.contains("«Phường Đức Thuận» không có hiệu lực trong năm 2026"),
        "{page}"
    );
    assert!(!page.contains("name=\"hanh_dong\""), "no save buttons");
    let before = app.audit_count().await;
    let fields = ward_fields(&app).await;
    let r = post_sheet(&mut ward, &sheet, &fields, "luu").await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.body.contains("không nhập số liệu năm này"));
    assert_eq!(app.audit_count().await, before, "nothing written");
    // 2025, the year it closed in, is still entered.
    let page = ward.get(&format!("/so-lieu/{dt}/2025")).await.body;
    assert!(page.contains("name=\"hanh_dong\""));
}
