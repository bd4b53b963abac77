//! Timeliness by the first sending (case 12), run on a clock the story sets: the 2024 figures
//! are due on 15/01/2025; a return or a reopen by the office never makes a unit late, and a
//! unit that first sends after the deadline stays marked late once it has sent.

use chrono::NaiveDate;

use crate::figures::{post_sheet, ward_fields};
use crate::helpers::{Client, TestApp, spawn_app};
use thidua::auth::Role;

/// Moves the app's clock to 09:00 Vietnam time on that day of January 2025.
fn on_january(app: &TestApp, day: u32) {
    let date = NaiveDate::from_ymd_opt(2025, 1, day).unwrap();
    app.state.clock.set_local(date, 9, 0);
}

/// The table row of the completeness page that names `unit`.
fn row<'a>(page: &'a str, unit: &str) -> &'a str {
    let at = page
        .find(&format!(">{unit}</"))
        .unwrap_or_else(|| panic!("{unit} not listed: {page}"));
    let start = page[..at].rfind("<tr").unwrap_or(at);
    let end = at + page[at..].find("</tr>").unwrap_or(page.len() - at);
    &page[start..end]
}

/// Acts on a sheet as the office (approve, return, reopen), confirmed.
pub(crate) async fn review(office: &mut Client, sheet: &str, action: &str, reason: &str) -> String {
    office.get(sheet).await;
    let version = office.last_input("version");
    office
        .post(
            &format!("{sheet}/{action}"),
            &[
                ("version", &version),
                ("reason", reason),
                ("xac_nhan", "co"),
            ],
        )
        .await
        .body
}

#[tokio::test]
async fn a_sheet_is_on_time_or_late_by_its_first_sending_whatever_the_office_does_after() {
    let app = spawn_app().await;
    app.add_user("vp.ntm", Role::NtmOffice, "HL").await;
    let fields = ward_fields(&app).await;
    let hl = app.unit_id("HL").await;
    let dt = format!("/so-lieu/{}/2024", app.unit_id("HL-DT").await);
    let nh = format!("/so-lieu/{}/2024", app.unit_id("HL-NH").await);
    let completeness = format!("/so-lieu?don_vi={hl}&nam=2024");

    // 10/01/2025: Đức Thuận sends, five days before the deadline.
    on_january(&app, 10);
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let r = post_sheet(&mut ward, &dt, &fields, "gui").await;
    assert!(r.body.contains("Đã gửi, chờ duyệt"), "{}", r.body);
    let mut office = app.signed_in("vp.ntm").await;
    let page = office.get(&completeness).await.body;
    assert!(
        page.contains("<strong>0 trễ hạn</strong>"),
        "nobody is late before the deadline: {page}"
    );

    // 20/01/2025 (each day everyone signs in afresh): the office returns Đức Thuận's sheet;
    // Nam Hồng sends for the first time, five days late.
    on_january(&app, 20);
    let mut office = app.signed_in("vp.ntm").await;
    let r = review(&mut office, &dt, "tra-lai", "Thu nhập chưa khớp thống kê").await;
    assert!(r.contains("Bị trả lại"), "{r}");
    let page = office.get(&completeness).await.body;
    let returned = row(&page, "Phường Đức Thuận");
    assert!(
        returned.contains("Bị trả lại") && !returned.contains("trễ"),
        "a return does not make the unit late: {returned}"
    );
    let mut other = app.signed_in("canbo.namhong").await;
    let r = post_sheet(&mut other, &nh, &fields, "gui").await;
    assert!(r.body.contains("Đã gửi, chờ duyệt"), "{}", r.body);

    // 22/01/2025: Đức Thuận sends again.
    on_january(&app, 22);
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let r = post_sheet(&mut ward, &dt, &fields, "gui").await;
    assert!(r.body.contains("Đã gửi, chờ duyệt"), "{}", r.body);

    // 25/01/2025: the office reads the year.
    on_january(&app, 25);
    let mut office = app.signed_in("vp.ntm").await;
    let page = office.get(&completeness).await.body;
    let on_time = row(&page, "Phường Đức Thuận");
    assert!(
        on_time.contains("Đã gửi, chờ duyệt · gửi đúng hạn (10/01/2025)")
            && !on_time.contains("trễ"),
        "{on_time}"
    );
    let late = row(&page, "Phường Nam Hồng");
    assert!(
        late.contains("Đã gửi, chờ duyệt · <strong>nộp trễ</strong> (gửi lần đầu 20/01/2025)"),
        "{late}"
    );
    assert!(late.contains("Người gửi lần đầu: "), "who sent it: {late}");
    assert!(
        row(&page, "Phường Bắc Hồng").contains("Chưa nhập · <strong>trễ hạn</strong>"),
        "a unit that never sent is overdue"
    );
    assert!(
        page.contains("7 đơn vị báo cáo · 0 đã duyệt · 2 chờ duyệt · 5 chưa gửi"),
        "{page}"
    );
    assert!(page.contains("<strong>5 trễ hạn</strong>"), "{page}");
    assert!(page.contains("<strong>1 nộp trễ</strong>"), "{page}");

    // Approved, then reopened by the office: Đức Thuận is back in its hands, still on time;
    // Nam Hồng, approved, is still late.
    let r = review(&mut office, &dt, "duyet", "").await;
    assert!(r.contains("Đã duyệt (khóa)"), "{r}");
    let r = review(&mut office, &nh, "duyet", "").await;
    assert!(r.contains("Đã duyệt (khóa)"), "{r}");
    let r = review(&mut office, &dt, "mo-lai", "Bổ sung số hộ nghèo").await;
    assert!(r.contains("Đang nhập"), "{r}");
    let page = office.get(&completeness).await.body;
    let reopened = row(&page, "Phường Đức Thuận");
    assert!(
        reopened.contains("Đang nhập") && !reopened.contains("trễ"),
        "{reopened}"
    );
    assert!(
        row(&page, "Phường Nam Hồng").contains("Đã duyệt (khóa) · <strong>nộp trễ</strong>"),
        "{page}"
    );
    assert!(page.contains("<strong>5 trễ hạn</strong>"), "{page}");
    assert!(page.contains("<strong>1 nộp trễ</strong>"), "{page}");

    // Filtered by status: the approved one alone; the late ones without the reopened ward.
    let approved = office
        .get(&format!("{completeness}&trang_thai=da-duyet"))
        .await
        .body;
    assert!(approved.contains("Phường Nam Hồng") && !approved.contains("Phường Bắc Hồng"));
    let late = office
        .get(&format!("{completeness}&trang_thai=tre"))
        .await
        .body;
    assert!(late.contains("Phường Nam Hồng") && late.contains("Phường Bắc Hồng"));
    assert!(
        !late.contains("<td>Phường Đức Thuận</td>"),
        "on time, though reopened"
    );
    // Ordered by first sending: the two that ever sent come first, on-time Đức Thuận first.
    let by_date = office
        .get(&format!("{completeness}&sap_xep=ngay-gui"))
        .await
        .body;
    let dt_at = by_date.find("<td>Phường Đức Thuận</td>").unwrap();
    let nh_at = by_date.find("<td>Phường Nam Hồng</td>").unwrap();
    let bh_at = by_date.find("<td>Phường Bắc Hồng</td>").unwrap();
    assert!(dt_at < nh_at && nh_at < bh_at);

    // The same lines as a report workbook: the first sending as a date cell, late or on time.
    let (status, bytes) = office
        .get_bytes(&format!("/so-lieu/xuat.xlsx?don_vi={hl}&nam=2024"))
        .await;
    assert_eq!(status, 200);
    let book =
        crate::reports::assert_report(&bytes, "Tình hình nộp số liệu năm 2024 – Thị xã Hồng Lĩnh");
    let rows = &book["Nộp số liệu 2024"];
    let nam_hong = rows
        .iter()
        .find(|r| crate::reports::text(&r[1]) == "Phường Nam Hồng")
        .expect("Nam Hồng's line");
    assert!(
        !crate::reports::text(&nam_hong[5]).is_empty(),
        "who first sent it"
    );
    assert!(
        matches!(nam_hong[4], calamine::Data::DateTime(_)),
        "{nam_hong:?}"
    );
    assert_eq!(
        crate::reports::text(&nam_hong[6]),
        "Nộp trễ (gửi lần đầu sau hạn)"
    );
}
