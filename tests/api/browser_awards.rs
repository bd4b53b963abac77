//! The award round in headless Chromium (issue 12, "Done when"): the ward finds its nominees,
//! writes their nominations and sends its list after confirming; the NTM office receives and
//! sends to appraisal; the two offices give their opinions; the NTM office returns one with a
//! reason; the ward reads it on its home page, fixes and sends it again; after the
//! consolidated proposal and the Steering Committee's opinion the list reaches Internal
//! Affairs, and the board says so. The second nomination's repeated steps go over HTTP (the
//! same forms).

use fantoccini::{Client, Locator};

use crate::award_round::{day, gift, state_of, take};
use crate::browser::{browser, click, login};
use crate::helpers::{OFFICER_PASSWORD, TestApp, spawn_app};
use thidua::auth::Role;

pub(crate) async fn main_text(b: &Client) -> String {
    b.find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Waits until the flash says `words`; false after 20 s.
pub(crate) async fn says(b: &Client, words: &str) -> bool {
    for _ in 0..100 {
        if let Ok(f) = b.find(Locator::Css("p.flash")).await
            && f.text().await.is_ok_and(|t| t.contains(words))
        {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    false
}

pub(crate) async fn type_into(b: &Client, id: &str, text: &str) {
    let e = b.find(Locator::Id(id)).await.unwrap();
    e.clear().await.ok();
    e.send_keys(text).await.unwrap();
}

/// Clicks a form's button after scrolling it into view.
pub(crate) async fn press(b: &Client, css: &str) {
    b.execute(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
        vec![serde_json::json!(css)],
    )
    .await
    .unwrap();
    click(b, css).await;
}

/// The ward writes a nomination of `name` (found by typing it without diacritics).
async fn write_nomination(b: &Client, app: &TestApp, round: &str, search: &str, name: &str) {
    b.goto(&format!("{}/khen-thuong/dot/{round}/de-nghi/moi", app.base))
        .await
        .unwrap();
    type_into(b, "tim", search).await;
    press(b, "form.filters button").await;
    b.wait()
        .for_element(Locator::LinkText(&format!("{name} — Phường Đức Thuận")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.wait().for_element(Locator::Id("na")).await.unwrap();
    type_into(
        b,
        "na",
        "Ủng hộ tiền làm đường giao thông tổ dân phố, vận động bà con cùng góp.",
    )
    .await;
    press(b, "form[action$='/de-nghi'] button").await;
    assert!(says(b, "Đã lập đề nghị khen thưởng").await, "saved");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: cargo test -- --ignored"]
async fn a_ward_s_list_reaches_internal_affairs_in_the_browser() {
    let app = spawn_app().await;
    for (u, r, unit) in [
        ("phuong.dt", Role::UnitOfficer, "HL-DT"),
        ("vp.ntm", Role::NtmOffice, "HL"),
        ("p.kt", Role::UnitOfficer, "HL-KT"),
        ("p.ldtbxh", Role::UnitOfficer, "HL-LDTBXH"),
        ("bcd", Role::Steering, "HL"),
        ("noi.vu", Role::InternalAffairs, "HL"),
    ] {
        app.add_user(u, r, unit).await;
    }
    let an = crate::contributions::person(&app, "HL-DT", "Nguyễn Văn An", "", "").await;
    let binh = crate::contributions::person(&app, "HL-DT", "Trần Thị Bình", "", "").await;
    gift(
        &app,
        ("person", an),
        "HL-DT",
        "cash",
        day(2024, 3, 1),
        80_000_000,
    )
    .await;
    gift(
        &app,
        ("person", binh),
        "HL-DT",
        "cash",
        day(2024, 3, 1),
        79_999_999,
    )
    .await;
    app.state.clock.set_local(day(2024, 12, 5), 9, 0);
    let mut nv = app.signed_in("noi.vu").await;
    let round = crate::award_round::open_round(&app, &mut nv, "2024").await;
    let (mut driver, b) = browser().await;
    b.set_window_size(1366, 900).await.unwrap();

    // The ward writes two nominations and sends its list, confirming first.
    login(&b, &app.base, "phuong.dt", OFFICER_PASSWORD).await;
    write_nomination(&b, &app, &round, "nguyen van an", "Nguyễn Văn An").await;
    let page = main_text(&b).await;
    assert!(
        page.contains("Đạt") && page.contains("80.000.000 đ"),
        "{page}"
    );
    let an_id = b
        .current_url()
        .await
        .unwrap()
        .path()
        .trim_start_matches("/khen-thuong/de-nghi/")
        .to_string();
    write_nomination(&b, &app, &round, "tran thi binh", "Trần Thị Bình").await;
    assert!(
        main_text(&b).await.contains("Không đạt"),
        "79,999,999 đ is below the mark"
    );
    let binh_id = b
        .current_url()
        .await
        .unwrap()
        .path()
        .trim_start_matches("/khen-thuong/de-nghi/")
        .to_string();
    b.goto(&format!("{}/khen-thuong/dot/{round}", app.base))
        .await
        .unwrap();
    type_into(
        &b,
        &format!("tt{}", app.unit_id("HL-DT").await),
        "15/TTr-UBND",
    )
    .await;
    press(&b, "form[action$='/gui'] button").await;
    b.wait()
        .for_element(Locator::Css("form.confirm-actions button"))
        .await
        .unwrap();
    assert!(
        main_text(&b).await.contains("gửi 2 đề nghị"),
        "the confirmation names the list"
    );
    press(&b, "form.confirm-actions button").await;
    assert!(says(&b, "Đã gửi 2 đề nghị").await, "sent");

    // The NTM office receives and sends to appraisal in the browser.
    login(&b, &app.base, "vp.ntm", OFFICER_PASSWORD).await;
    for (step, now) in [
        ("receive", "VP Điều phối NTM đã tiếp nhận"),
        ("send_to_appraisal", "Đang thẩm định"),
    ] {
        b.goto(&format!("{}/khen-thuong/de-nghi/{an_id}", app.base))
            .await
            .unwrap();
        press(&b, &format!("form input[value='{step}'] ~ button")).await;
        assert!(says(&b, now).await, "{step}");
    }
    let mut vp = app.signed_in("vp.ntm").await;
    for step in ["receive", "send_to_appraisal"] {
        assert_eq!(take(&app, &mut vp, &binh_id, step, "").await.status, 200);
    }

    // The economic office gives its opinion in the browser, the labour office over HTTP.
    login(&b, &app.base, "p.kt", OFFICER_PASSWORD).await;
    assert!(
        main_text(&b)
            .await
            .contains("Chờ phòng bạn cho ý kiến thẩm định"),
        "on its home page"
    );
    for id in [&an_id, &binh_id] {
        b.goto(&format!("{}/khen-thuong/de-nghi/{id}", app.base))
            .await
            .unwrap();
        b.find(Locator::Id("op"))
            .await
            .unwrap()
            .select_by_label("Đồng ý")
            .await
            .unwrap();
        press(&b, "form[action$='/y-kien'] button").await;
        assert!(says(&b, "Đã ghi ý kiến thẩm định").await, "opinion");
    }
    let mut ld = app.signed_in("p.ldtbxh").await;
    for id in [&an_id, &binh_id] {
        ld.get(&format!("/khen-thuong/de-nghi/{id}")).await;
        ld.post(
            &format!("/khen-thuong/de-nghi/{id}/y-kien"),
            &[("opinion", "agree"), ("text", "")],
        )
        .await;
    }

    // Bình's is returned with its reason; the ward reads it at home, fixes and sends again.
    login(&b, &app.base, "vp.ntm", OFFICER_PASSWORD).await;
    b.goto(&format!("{}/khen-thuong/de-nghi/{binh_id}", app.base))
        .await
        .unwrap();
    type_into(&b, "treturn", "Bổ sung chứng từ nộp tiền.").await;
    press(&b, "form input[value='return'] ~ button").await;
    assert!(says(&b, "Bị trả lại").await, "returned");
    login(&b, &app.base, "phuong.dt", OFFICER_PASSWORD).await;
    assert!(
        main_text(&b).await.contains("bị trả lại"),
        "the ward's to-do list"
    );
    b.goto(&format!("{}/khen-thuong/de-nghi/{binh_id}", app.base))
        .await
        .unwrap();
    assert!(main_text(&b).await.contains("Bổ sung chứng từ nộp tiền."));
    press(&b, "details.card summary").await;
    type_into(&b, "ea", "Đã bổ sung chứng từ nộp tiền ủng hộ làm đường.").await;
    press(&b, "form[action$='/sua'] button").await;
    assert!(says(&b, "Đã lưu thay đổi").await, "fixed");
    press(&b, "form input[value='submit'] ~ button").await;
    assert!(says(&b, "Đã gửi, chờ tiếp nhận").await, "sent again");
    for step in ["receive", "send_to_appraisal"] {
        assert_eq!(take(&app, &mut vp, &binh_id, step, "").await.status, 200);
    }
    let mut kt = app.signed_in("p.kt").await;
    for c in [&mut kt, &mut ld] {
        c.get(&format!("/khen-thuong/de-nghi/{binh_id}")).await;
        c.post(
            &format!("/khen-thuong/de-nghi/{binh_id}/y-kien"),
            &[("opinion", "agree"), ("text", "")],
        )
        .await;
    }

    // Consolidated and the Steering Committee's opinion in the browser, then forwarded.
    login(&b, &app.base, "vp.ntm", OFFICER_PASSWORD).await;
    b.goto(&format!("{}/khen-thuong/de-nghi/{an_id}", app.base))
        .await
        .unwrap();
    type_into(&b, "tappraise", "Đủ điều kiện, đề nghị tặng Giấy khen.").await;
    press(&b, "form input[value='appraise'] ~ button").await;
    assert!(says(&b, "Đã thẩm định").await, "appraised");
    assert_eq!(
        take(
            &app,
            &mut vp,
            &binh_id,
            "appraise",
            "Đề nghị tặng Giấy khen."
        )
        .await
        .status,
        200
    );
    login(&b, &app.base, "bcd", OFFICER_PASSWORD).await;
    b.goto(&format!("{}/khen-thuong/de-nghi/{an_id}", app.base))
        .await
        .unwrap();
    type_into(&b, "tsteering_opinion", "Thống nhất.").await;
    press(&b, "form input[value='steering_opinion'] ~ button").await;
    assert!(says(&b, "Đã có ý kiến Ban Chỉ đạo").await, "steering");
    let mut bcd = app.signed_in("bcd").await;
    assert_eq!(
        take(&app, &mut bcd, &binh_id, "steering_opinion", "Thống nhất.")
            .await
            .status,
        200
    );
    login(&b, &app.base, "vp.ntm", OFFICER_PASSWORD).await;
    b.goto(&format!("{}/khen-thuong/de-nghi/{an_id}", app.base))
        .await
        .unwrap();
    press(&b, "form input[value='forward'] ~ button").await;
    b.wait()
        .for_element(Locator::Css("form.confirm-actions button"))
        .await
        .unwrap();
    press(&b, "form.confirm-actions button").await;
    assert!(says(&b, "Đã chuyển Phòng Nội vụ").await, "forwarded");
    assert_eq!(
        take(&app, &mut vp, &binh_id, "forward", "").await.status,
        200
    );
    assert_eq!(state_of(&app, &an_id).await.0, "with_internal_affairs");
    assert_eq!(state_of(&app, &binh_id).await.0, "with_internal_affairs");

    login(&b, &app.base, "noi.vu", OFFICER_PASSWORD).await;
    b.goto(&format!("{}/khen-thuong/dot/{round}", app.base))
        .await
        .unwrap();
    let board = main_text(&b).await;
    let row = board
        .lines()
        .find(|l| l.starts_with("Đã chuyển Phòng Nội vụ"))
        .unwrap_or_default();
    assert!(row.split_whitespace().any(|w| w == "2"), "{board}");
    b.close().await.unwrap();
    driver.kill().ok();
    driver.wait().ok();
}
