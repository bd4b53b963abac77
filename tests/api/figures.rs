//! A unit's yearly figures: entry with checks, submit, return with a reason, approve and lock,
//! reopen by the level above; and nobody else's figures in reach.

use crate::helpers::{Client, TestApp, spawn_app};
use thidua::auth::Role;

/// The form fields for a full, valid 2024 sheet of a ward.
pub async fn ward_fields(app: &TestApp) -> Vec<(String, String)> {
    let mut c = app.state.db.conn().await.unwrap();
    let values = [
        ("DAN_SO", "9.850"),
        ("SO_HO", "2.710"),
        ("GTSX", "1.250,5"),
        ("THU_NHAP", "84,2"),
        ("BHYT", "93,4"),
        ("HO_NGHEO", "41"),
        ("HO_NGHEO_TN", "6"),
        ("RAC", "98,7"),
        ("HO_NUOC_SACH", "2.600"),
        ("TP_TONG", "12"),
    ];
    let mut out = Vec::new();
    for (code, v) in values {
        let ind = thidua::indicators::store::by_code(&mut c, code)
            .await
            .unwrap()
            .unwrap();
        out.push((format!("v_{}", ind.id), v.to_string()));
    }
    out
}

pub async fn post_sheet(
    c: &mut Client,
    path: &str,
    fields: &[(String, String)],
    action: &str,
) -> crate::helpers::Reply {
    c.get(path).await;
    let version = c.last_input("version");
    let mut all: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    all.push(("version", &version));
    all.push(("hanh_dong", action));
    c.post(path, &all).await
}

#[tokio::test]
async fn approved_figures_are_locked_until_the_level_above_reopens_them() {
    let app = spawn_app().await;
    app.add_user("vp.ntm", Role::NtmOffice, "HL").await;
    let dt = app.unit_id("HL-DT").await;
    let sheet = format!("/so-lieu/{dt}/2024");
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let fields = ward_fields(&app).await;

    // A bad figure keeps what was typed and writes nothing.
    let mut bad = fields.clone();
    bad[4].1 = "103".into(); // BHYT above 100 %
    bad[5].1 = "3.000".into(); // more poor households than households
    let before = app.audit_count().await;
    let r = post_sheet(&mut ward, &sheet, &bad, "gui").await;
    assert!(
        r.body.contains("Chưa lưu được: 2 chỉ số cần sửa"),
        "{}",
        r.body
    );
    assert!(r.body.contains("Tỷ lệ phải từ 0 đến 100."));
    assert!(
        r.body
            .contains("Không được lớn hơn «Số hộ gia đình» (2.710 hộ).")
    );
    assert!(r.body.contains("value=\"3.000\""));
    assert_eq!(app.audit_count().await, before);

    let r = post_sheet(&mut ward, &sheet, &fields, "gui").await;
    assert!(
        r.body.contains("Đã lưu và gửi số liệu để duyệt."),
        "{}",
        r.body
    );
    assert!(r.body.contains("Đã gửi, chờ duyệt"));
    assert!(
        r.body.contains("1,5 %"),
        "poor-household rate 41 / 2.710 is shown"
    );

    // The ward cannot approve its own figures; the NTM office returns them with a reason.
    let version = ward.last_input("version");
    let r = ward
        .post(&format!("{sheet}/duyet"), &[("version", &version)])
        .await;
    assert_eq!(r.status, 403);
    let mut office = app.signed_in("vp.ntm").await;
    office.get(&sheet).await;
    let version = office.last_input("version");
    let r = office
        .post(
            &format!("{sheet}/tra-lai"),
            &[("version", &version), ("reason", " ")],
        )
        .await;
    assert_eq!(r.status, 400, "a return needs a reason");
    let r = office
        .post(
            &format!("{sheet}/tra-lai"),
            &[
                ("version", &version),
                ("reason", "Thu nhập chưa khớp số liệu thống kê"),
            ],
        )
        .await;
    assert!(r.body.contains("Bị trả lại"), "{}", r.body);

    let mut fixed = fields.clone();
    fixed[3].1 = "84,6".into();
    let r = post_sheet(&mut ward, &sheet, &fixed, "gui").await;
    assert!(r.body.contains("Đã gửi, chờ duyệt"));
    office.get(&sheet).await;
    let version = office.last_input("version");
    // Approving without passing the confirmation step changes nothing: the page asks first.
    let r = office
        .post(&format!("{sheet}/duyet"), &[("version", &version)])
        .await;
    assert!(r.body.contains("Hãy đọc trước khi xác nhận"), "{}", r.body);
    assert!(r.body.contains("đơn vị không sửa được nữa"));
    assert!(office.get(&sheet).await.body.contains("Đã gửi, chờ duyệt"));
    let r = office
        .post(
            &format!("{sheet}/duyet"),
            &[("version", &version), ("xac_nhan", "co")],
        )
        .await;
    assert!(r.body.contains("Đã duyệt (khóa)"), "{}", r.body);

    // Locked: the form is gone and a direct POST is refused, leaving the value as approved.
    let page = ward.get(&sheet).await.body;
    assert!(!page.contains("name=\"hanh_dong\""));
    let mut changed = fixed.clone();
    changed[3].1 = "99".into();
    let mut all: Vec<(&str, &str)> = changed
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let version = ward.last_input("version");
    all.push(("version", &version));
    all.push(("hanh_dong", "luu"));
    let r = ward.post(&sheet, &all).await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("đã được duyệt và khóa"));
    assert!(ward.get(&sheet).await.body.contains("84,6"));

    // Only the level above reopens, and only with a reason; the history shows every step.
    let r = ward
        .post(
            &format!("{sheet}/mo-lai"),
            &[("version", &version), ("reason", "Cần sửa")],
        )
        .await;
    assert_eq!(r.status, 403);
    office.get(&sheet).await;
    let version = office.last_input("version");
    let r = office
        .post(
            &format!("{sheet}/mo-lai"),
            &[("version", &version), ("reason", "")],
        )
        .await;
    assert_eq!(r.status, 400);
    let r = office
        .post(
            &format!("{sheet}/mo-lai"),
            &[
                ("version", &version),
                ("reason", "Điều chỉnh theo số liệu Cục Thống kê"),
            ],
        )
        .await;
    assert!(r.body.contains("Đang nhập"));
    for step in [
        "Gửi duyệt",
        "Trả lại",
        "Thu nhập chưa khớp số liệu thống kê",
        "Duyệt, khóa số liệu",
        "Mở lại",
        "Điều chỉnh theo số liệu Cục Thống kê",
    ] {
        assert!(r.body.contains(step), "history lacks {step}");
    }
}

#[tokio::test]
async fn a_ward_officer_cannot_read_or_submit_another_wards_figures() {
    let app = spawn_app().await;
    let nh = app.unit_id("HL-NH").await;
    let mut own = app.signed_in("canbo.namhong").await;
    let fields = ward_fields(&app).await;
    post_sheet(&mut own, &format!("/so-lieu/{nh}/2024"), &fields, "luu").await;

    let mut other = app.signed_in("canbo.ducthuan").await;
    let before = app.audit_count().await;
    for path in [
        format!("/so-lieu/{nh}/2024"),
        format!("/so-lieu/{nh}/2024/mau.xlsx"),
        format!("/so-lieu/{nh}/2024/nhap"),
        format!("/so-lieu?don_vi={nh}&nam=2024"),
        format!("/chi-tieu?don_vi={nh}&nam=2024"),
    ] {
        assert_eq!(other.get(&path).await.status, 404, "{path}");
    }
    let mut all: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    all.push(("version", "1"));
    all.push(("hanh_dong", "gui"));
    assert_eq!(
        other
            .post(&format!("/so-lieu/{nh}/2024"), &all)
            .await
            .status,
        404
    );
    assert_eq!(
        other
            .post(&format!("/so-lieu/{nh}/2024/gui"), &[("version", "1")])
            .await
            .status,
        404
    );
    assert_eq!(app.audit_count().await, before);
    let page = own.get(&format!("/so-lieu/{nh}/2024")).await.body;
    assert!(page.contains("Đang nhập") && page.contains("84,2"));
}

#[tokio::test]
async fn evidence_is_attached_while_the_sheet_is_open_and_completeness_counts_the_year() {
    let app = spawn_app().await;
    app.add_user("vp.ntm", Role::NtmOffice, "HL").await;
    let dt = app.unit_id("HL-DT").await;
    let sheet = format!("/so-lieu/{dt}/2024");
    let mut ward = app.signed_in("canbo.ducthuan").await;
    post_sheet(&mut ward, &sheet, &ward_fields(&app).await, "luu").await;
    let income = {
        let mut db = app.state.db.conn().await.unwrap();
        thidua::indicators::store::by_code(&mut db, "THU_NHAP")
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let upload = |name: &'static str, bytes: &'static [u8]| {
        reqwest::multipart::Form::new()
            .text("indicator_id", income.to_string())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            )
    };
    let send = |c: &Client, form: reqwest::multipart::Form| {
        let url = format!("{}{sheet}/minh-chung", c.base);
        let csrf = c.csrf.clone();
        let req = c.http.post(url).multipart(form.text("csrf", csrf));
        async move { req.send().await.unwrap() }
    };
    let r = send(&ward, upload("bao-cao.exe", b"MZ")).await;
    assert_eq!(r.status(), 400);
    let r = send(
        &ward,
        upload("Báo cáo thu nhập 2024.pdf", b"%PDF-1.4 thu nhap"),
    )
    .await;
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Đã đính kèm «Báo cáo thu nhập 2024.pdf»")
    );
    let (status, bytes) = ward
        .get_bytes(&format!("{sheet}/minh-chung/{income}"))
        .await;
    assert_eq!((status, bytes.as_slice()), (200, &b"%PDF-1.4 thu nhap"[..]));
    let mut other = app.signed_in("canbo.namhong").await;
    assert_eq!(
        other
            .get_bytes(&format!("{sheet}/minh-chung/{income}"))
            .await
            .0,
        404
    );

    // Sent: no more files; the office sees Đức Thuận waiting and the other five not sent.
    post_sheet(&mut ward, &sheet, &ward_fields(&app).await, "gui").await;
    let r = send(&ward, upload("them.pdf", b"%PDF-1.4")).await;
    assert_eq!(r.status(), 409);
    let mut office = app.signed_in("vp.ntm").await;
    let hl = app.unit_id("HL").await;
    let page = office
        .get(&format!("/so-lieu?don_vi={hl}&nam=2024"))
        .await
        .body;
    assert!(
        page.contains("7 đơn vị báo cáo · 0 đã duyệt · 1 chờ duyệt · 6 chưa gửi"),
        "{page}"
    );
    // Today is after 15/01/2025, so the six that have not sent are late.
    assert!(page.contains("<strong>6 trễ hạn</strong>"));
}

/// Issue 8, item 6: whoever typed or sent a sheet never approves it, on the page or by a
/// direct request; another officer of the reviewing office can.
#[tokio::test]
async fn the_user_who_submitted_a_sheet_gets_403_on_approving_it() {
    let app = spawn_app().await;
    app.add_user("vp.ntm", Role::NtmOffice, "HL").await;
    let dt = app.unit_id("HL-DT").await;
    let sheet = format!("/so-lieu/{dt}/2024");
    let fields = ward_fields(&app).await;
    // The administrator may both enter and review: entering takes the right to approve away.
    let mut admin = app.signed_in("admin").await;
    let r = post_sheet(&mut admin, &sheet, &fields, "gui").await;
    assert!(r.body.contains("Đã lưu và gửi"), "{}", r.body);
    let page = admin.get(&sheet).await.body;
    assert!(page.contains("Bạn đã nhập hoặc gửi bảng số liệu này nên không thể tự duyệt"));
    assert!(!page.contains("Duyệt và khóa số liệu…"));
    assert_eq!(admin.get(&format!("{sheet}/duyet")).await.status, 403);
    admin.get(&sheet).await;
    let version = admin.last_input("version");
    let before = app.audit_count().await;
    let r = admin
        .post(
            &format!("{sheet}/duyet"),
            &[("version", &version), ("xac_nhan", "co")],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(r.body.contains("không thể tự duyệt"));
    assert_eq!(app.audit_count().await, before, "nothing written");
    assert!(admin.get(&sheet).await.body.contains("Đã gửi, chờ duyệt"));

    let mut office = app.signed_in("vp.ntm").await;
    let page = office.get(&sheet).await.body;
    assert!(page.contains("Duyệt và khóa số liệu…"));
    let confirm = office.get(&format!("{sheet}/duyet")).await;
    assert_eq!(confirm.status, 200);
    let version = office.last_input("version");
    let r = office
        .post(
            &format!("{sheet}/duyet"),
            &[("version", &version), ("xac_nhan", "co")],
        )
        .await;
    assert!(r.body.contains("Đã duyệt (khóa)"), "{}", r.body);
}
