//! Issue 8, item 13: plain Vietnamese instead of codes. Ordinary pages carry no indicator codes
//! or raw formulas; the audit log reads as sentences with links, and Internal Affairs reads it
//! for its scope; the review panel sits at the top and shows what changed since the version
//! the office approved.

use chrono::NaiveDate;

use crate::figures::{post_sheet, ward_fields};
use crate::helpers::spawn_app;
use crate::timeliness::review;
use thidua::auth::Role;

#[tokio::test]
async fn pages_speak_in_names_and_the_log_reads_as_sentences_for_internal_affairs() {
    let app = spawn_app().await;
    app.state
        .clock
        .set_local(NaiveDate::from_ymd_opt(2025, 1, 8).unwrap(), 9, 0);
    app.add_user("vp.ntm", Role::NtmOffice, "HL").await;
    app.add_user("vp.noivu", Role::InternalAffairs, "HL").await;
    let dt = app.unit_id("HL-DT").await;
    let hl = app.unit_id("HL").await;
    let sheet = format!("/so-lieu/{dt}/2024");
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let mut fields = ward_fields(&app).await;

    // The sheet names its indicators, never their codes.
    let page = ward.get(&sheet).await.body;
    for code in ["DAN_SO", "HO_NGHEO_TN", "THU_NHAP"] {
        assert!(!page.contains(code), "{code} on the sheet");
    }
    post_sheet(&mut ward, &sheet, &fields, "gui").await;
    let mut office = app.signed_in("vp.ntm").await;
    review(&mut office, &sheet, "duyet", "").await;

    // The drill-down says how a rate is computed in words.
    let rate = app.indicator_id("HO_NGHEO_TL").await;
    let drill = office
        .get(&format!("/chi-tieu/chi-so/{rate}?don_vi={hl}&nam=2024"))
        .await
        .body;
    assert!(!drill.contains("HO_NGHEO / SO_HO"), "no raw formula");
    assert!(
        drill.contains("Số hộ nghèo : Số hộ gia đình × 100"),
        "{drill}"
    );

    // Reopened, corrected and sent again: the office sees what changed, at the top.
    review(
        &mut office,
        &sheet,
        "mo-lai",
        "Thu nhập theo số liệu mới của Chi cục",
    )
    .await;
    let income = format!("v_{}", app.indicator_id("THU_NHAP").await);
    for (k, v) in fields.iter_mut() {
        if *k == income {
            *v = "86,5".into();
        }
    }
    post_sheet(&mut ward, &sheet, &fields, "gui").await;
    let page = office.get(&sheet).await.body;
    let panel = page
        .find("Thay đổi so với bản đã duyệt lần trước")
        .expect("changes listed");
    assert!(
        panel < page.find("id=\"sheet-form\"").unwrap(),
        "the review panel is at the top"
    );
    let changes = &page[panel..page[panel..].find("</table>").unwrap() + panel];
    assert!(
        changes.contains("84,2 triệu đ/người") && changes.contains("86,5 triệu đ/người"),
        "{changes}"
    );
    assert!(
        !changes.contains("Dân số"),
        "unchanged figures are not listed"
    );

    // Internal Affairs reads the log as sentences, with links, within the town.
    let mut noivu = app.signed_in("vp.noivu").await;
    let log = noivu.get("/quan-tri/nhat-ky?hanh_dong=so-lieu").await.body;
    assert!(
        log.contains("canbo.ducthuan gửi duyệt bảng số liệu năm 2024 của Phường Đức Thuận."),
        "{log}"
    );
    assert!(log.contains("vp.ntm mở lại bảng số liệu năm 2024 của Phường Đức Thuận. Lý do: Thu nhập theo số liệu mới của Chi cục."));
    assert!(log.contains(&format!("href=\"/so-lieu/{dt}/2024\"")));
    assert!(
        !log.contains("figures.submit"),
        "no action codes for Internal Affairs"
    );
    assert!(
        !log.contains("Kiểm tra chuỗi"),
        "the chain check stays with the administrator"
    );
    // Part of a name, without diacritics, finds the person's entries.
    let by_ward = noivu.get("/quan-tri/nhat-ky?nguoi=DUCTHUAN").await.body;
    assert!(by_ward.contains("canbo.ducthuan gửi duyệt"), "{by_ward}");
    assert!(!by_ward.contains("vp.ntm mở lại"));
    let all = noivu.get("/quan-tri/nhat-ky").await.body;
    assert!(
        !all.contains("đăng nhập."),
        "sign-ins are the administrator's"
    );
    let (status, bytes) = noivu
        .get_bytes("/quan-tri/nhat-ky/xuat.xlsx?hanh_dong=so-lieu")
        .await;
    assert_eq!(status, 200);
    let rows = crate::helpers::xlsx_rows(&bytes);
    assert!(
        rows.iter()
            .flatten()
            .any(|c| c.contains("gửi duyệt bảng số liệu năm 2024 của Phường Đức Thuận"))
    );
    // A ward officer does not read the log.
    assert_eq!(ward.get("/quan-tri/nhat-ky").await.status, 403);
}
