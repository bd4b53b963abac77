//! Award cycle part 2 in headless Chromium (issue 13, "Done when"): Internal Affairs posts the
//! public notice, anyone reads it and comments without logging in; after the notice the
//! council's session is created, attendance taken and the secret ballot opened; a member
//! votes on their own screen (the other members' ballots go over HTTP, the same form);
//! Internal Affairs closes the ballot, issues the decision after its confirmation, and prints
//! the certificates — one page per awardee, each with its register number.

use fantoccini::Locator;

use crate::browser::{browser, login};
use crate::browser_awards::{main_text, press, says, type_into};
use crate::council_setup::*;
use crate::helpers::{OFFICER_PASSWORD, spawn_app};
use crate::pdf_text::poppler;
use thidua::auth::Role;

#[tokio::test]
#[ignore = "needs chromium and chromedriver: cargo test -- --ignored"]
async fn notice_vote_decision_and_certificates_in_the_browser() {
    let app = spawn_app().await;
    app.state.clock.set_local(day(2024, 11, 25), 9, 0);
    let (round, ids) = forwarded_round(
        &app,
        2024,
        "HL-DT",
        &[
            ("Phan Thị Ủy", false),
            ("Đinh Văn Ộ", false),
            ("Tổ dân phố Ặc", true),
        ],
    )
    .await;
    let members = council(&app, "HL", "hd", 11, 8, day(2024, 1, 1)).await;
    app.add_user("noivu", Role::InternalAffairs, "HL").await;
    let (mut driver, b) = browser().await;
    let base = app.base.clone();

    // Notice: five working days from Monday 25/11, the day of posting not counted.
    login(&b, &base, "noivu", OFFICER_PASSWORD).await;
    b.goto(&format!("{base}/khen-thuong/dot/{round}/hoi-dong"))
        .await
        .unwrap();
    press(&b, "input[name='enabled']").await;
    type_into(&b, "nd", "5").await;
    press(&b, "input[name='post']").await;
    press(&b, "form[action$='/niem-yet'] button").await;
    b.wait()
        .for_element(Locator::XPath(
            "//p[contains(., 'đến hết ngày')]/strong[.='02/12/2024']",
        ))
        .await
        .expect("the notice's end");

    // The public page, without login; a comment needs no account.
    b.delete_all_cookies().await.unwrap();
    b.goto(&format!("{base}/cong-khai/khen-thuong/{round}"))
        .await
        .unwrap();
    let page = main_text(&b).await;
    for name in ["Phan Thị Ủy", "Đinh Văn Ộ", "Tổ dân phố Ặc"] {
        assert!(page.contains(name), "{name}: {page}");
    }
    b.find(Locator::Id("on"))
        .await
        .unwrap()
        .select_by_value(&ids[1].to_string())
        .await
        .unwrap();
    type_into(
        &b,
        "ob",
        "Ông Ộ đã nhận khen thưởng cho cùng đóng góp này năm trước.",
    )
    .await;
    press(&b, "form[action$='/y-kien'] button").await;
    assert!(says(&b, "Đã nhận ý kiến của bạn").await, "comment received");

    // The objection is dismissed with its reason, then the council meets on 05/12.
    app.state.clock.set_local(day(2024, 12, 5), 8, 0);
    login(&b, &base, "noivu", OFFICER_PASSWORD).await;
    b.goto(&format!("{base}/khen-thuong/dot/{round}/hoi-dong"))
        .await
        .unwrap();
    press(
        &b,
        "form[action^='/khen-thuong/y-kien/'] input[value='dismissed']",
    )
    .await;
    b.find(Locator::Css(
        "form[action^='/khen-thuong/y-kien/'] textarea",
    ))
    .await
    .unwrap()
    .send_keys("Đã xác minh: năm trước khen thành tích khác.")
    .await
    .unwrap();
    press(&b, "form[action^='/khen-thuong/y-kien/'] button").await;
    b.wait()
        .for_element(Locator::XPath("//td[starts-with(., 'Không chấp nhận')]"))
        .await
        .expect("objection resolved");
    press(&b, "#phien-hop summary").await;
    type_into(&b, "sh", "05/12/2024").await;
    press(&b, "form[action$='/phien'] button").await;
    b.wait()
        .for_element(Locator::Css("form[action$='/diem-danh']"))
        .await
        .unwrap();
    for m in &members[..8] {
        b.find(Locator::Css(&format!("select[name='p_{m}']")))
            .await
            .unwrap()
            .select_by_value("present")
            .await
            .unwrap();
    }
    press(&b, "form[action$='/diem-danh'] button").await;
    assert!(says(&b, "Đã ghi điểm danh").await, "attendance");
    press(&b, "form[action$='/mo'] button").await;
    assert!(says(&b, "Đã mở bỏ phiếu kín").await, "ballot open");
    let session = b.current_url().await.unwrap();
    let session_id: String = session
        .path()
        .trim_start_matches("/khen-thuong/phien/")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();

    // A member votes on their own screen.
    login(&b, &base, "hd1", OFFICER_PASSWORD).await;
    b.goto(&format!("{base}/khen-thuong/phien/{session_id}"))
        .await
        .unwrap();
    for n in &ids {
        press(&b, &format!("input[name='c_{n}'][value='agree']")).await;
    }
    press(&b, "form[action$='/bo-phieu'] button").await;
    assert!(
        says(&b, "Đã nhận phiếu của bạn cho 3 đối tượng").await,
        "voted"
    );
    let mine = main_text(&b).await;
    assert!(
        !mine.contains("Đồng ý\t1"),
        "no count is shown while voting"
    );
    for i in 2..=8 {
        let choices: Vec<(i64, &str)> = ids.iter().map(|n| (*n, "agree")).collect();
        let r = vote(&app, &format!("hd{i}"), &session_id, &choices).await;
        assert!(r.body.contains("Đã nhận phiếu"), "{}", r.body);
    }

    // Internal Affairs closes the ballot and issues the decision.
    login(&b, &base, "noivu", OFFICER_PASSWORD).await;
    b.goto(&format!("{base}/khen-thuong/phien/{session_id}"))
        .await
        .unwrap();
    press(&b, "form[action$='/ket-thuc'] button").await;
    b.wait()
        .for_element(Locator::Css("form.confirm-actions button"))
        .await
        .unwrap();
    press(&b, "form.confirm-actions button").await;
    assert!(says(&b, "Đã kết thúc bỏ phiếu").await, "closed");
    let results = main_text(&b).await;
    assert!(results.matches("Đạt").count() >= 3, "{results}");
    b.goto(&format!(
        "{base}/khen-thuong/dot/{round}/hoi-dong#quyet-dinh"
    ))
    .await
    .unwrap();
    type_into(&b, "dd", "05/12/2024").await;
    type_into(&b, "ds", "Nguyễn Hồng Lĩnh").await;
    press(&b, "form[action$='/quyet-dinh'] button").await;
    b.wait()
        .for_element(Locator::Css("form.confirm-actions button"))
        .await
        .unwrap();
    let preview = main_text(&b).await;
    assert!(
        preview.contains("3 đối tượng, tổng tiền thưởng 2.830.000 đ"),
        "{preview}"
    );
    press(&b, "form.confirm-actions button").await;
    assert!(
        says(&b, "Đã ban hành Quyết định số 01/QĐ-UBND").await,
        "issued"
    );
    let decision = b.current_url().await.unwrap().path().to_string();
    let page = main_text(&b).await;
    for want in ["GK-2024-0001", "GK-2024-0003", "Tổ dân phố Ặc", "1.410.000"] {
        assert!(page.contains(want), "{want}: {page}");
    }
    let link = b
        .find(Locator::LinkText("In giấy khen (đủ mẫu)"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(link, format!("{decision}/giay-khen.pdf"));
    b.close().await.unwrap();
    driver.kill().ok();
    driver.wait().ok();

    // The certificates the link prints: a page per awardee, each with its number.
    let mut nv = app.signed_in("noivu").await;
    let (status, pdf) = nv.get_bytes(&link).await;
    assert_eq!(status, 200);
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(" 3")),
        "{info}"
    );
    let text = poppler("pdftotext", &[], &pdf);
    for n in ["GK-2024-0001", "GK-2024-0002", "GK-2024-0003", "Đinh Văn Ộ"] {
        assert!(text.contains(n), "{n}: {text}");
    }
}
