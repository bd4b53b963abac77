//! The civilised-ward story in headless Chromium: the ward fills and sends its assessment with
//! a file, the urban-management office returns a criterion with its reason, the ward sends it
//! again, the office verifies it, the NTM office records the recognition, and the town's
//! civilised-wards figure moves. The other offices verify over HTTP (the same forms).

use fantoccini::{Client, Locator};

use crate::assessments::*;
use crate::browser::{browser, login};
use crate::helpers::{OFFICER_PASSWORD, spawn_app};
use thidua::auth::Role;

/// Clicks `css` after bringing it to the middle of the screen (the sticky save bar at the
/// bottom would receive a click on a button just above it).
async fn click(b: &Client, css: &str) {
    b.execute(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
        vec![serde_json::json!(css)],
    )
    .await
    .unwrap();
    crate::browser::click(b, css).await;
}

/// Waits until the page's confirmation says `words` (a click that navigates leaves the old
/// page's confirmation in place for a moment) and returns whether it did within 20 s.
async fn flash_says(b: &Client, words: &str) -> bool {
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

async fn text_of(b: &Client) -> String {
    b.find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: cargo test -- --ignored"]
async fn a_ward_assessment_is_returned_fixed_verified_and_recognised_in_the_browser() {
    let app = spawn_app().await;
    for code in OFFICES {
        app.add_user(&officer_of(code), Role::UnitOfficer, code)
            .await;
    }
    app.add_user("phuong.bh", Role::UnitOfficer, "HL-BH").await;
    app.add_user("vp.ntm", Role::NtmOffice, "HL").await;
    let set = ward_set(&app).await;
    enter_pending_targets(&app, set).await;
    let owners = criteria_owners(&app, set).await;
    let housing = owners.iter().find(|o| o.1 == 3).unwrap().0;
    let (mut driver, b) = browser().await;
    b.set_window_size(1366, 900).await.unwrap();

    // The ward opens its 2024 assessment from the set's page and fills every indicator.
    login(&b, &app.base, "phuong.bh", OFFICER_PASSWORD).await;
    b.goto(&format!("{}/tieu-chi/{set}", app.base))
        .await
        .unwrap();
    click(&b, "a[href^='/danh-gia/moi']").await;
    let year = b.find(Locator::Id("year")).await.unwrap();
    year.clear().await.unwrap();
    year.send_keys("2024").await.unwrap();
    click(&b, "main form button").await;
    b.wait().for_element(Locator::Id("af")).await.unwrap();
    for input in b.find_all(Locator::Css("input[name^='v_']")).await.unwrap() {
        input.send_keys("95").await.unwrap();
    }
    for select in b
        .find_all(Locator::Css("select[name^='v_']"))
        .await
        .unwrap()
    {
        select.select_by_label("Đạt").await.unwrap();
    }
    click(&b, "button[value='luu']").await;
    assert!(
        flash_says(&b, "Đã lưu bản đánh giá").await,
        "Đã lưu bản đánh giá"
    );
    assert!(text_of(&b).await.contains("18/18 tiêu chí đạt"));
    let file = std::env::temp_dir().join("quy-hoach-bac-hong.pdf");
    std::fs::write(&file, PDF).unwrap();
    let upload = b
        .find(Locator::Css("form.upload input[type=file]"))
        .await
        .unwrap();
    upload.send_keys(&file.display().to_string()).await.unwrap();
    click(&b, "form.upload button").await;
    assert!(
        flash_says(&b, "Đã đính kèm «quy-hoach-bac-hong.pdf»").await,
        "Đã đính kèm «quy-hoach-bac-hong.pdf»"
    );
    click(&b, "button[value='gui']").await;
    assert!(flash_says(&b, "gửi bản đánh giá").await, "gửi bản đánh giá");
    let url = b.current_url().await.unwrap();
    let id: i64 = url.path().trim_start_matches("/danh-gia/").parse().unwrap();

    // The office returns "Nhà ở" with its reason, in the browser; the others verify.
    login(&b, &app.base, &officer_of("HL-QLDT"), OFFICER_PASSWORD).await;
    b.goto(&format!("{}/danh-gia/{id}", app.base))
        .await
        .unwrap();
    b.find(Locator::Id(&format!("r{housing}")))
        .await
        .unwrap()
        .send_keys("Thiếu biên bản rà soát nhà tạm")
        .await
        .unwrap();
    click(
        &b,
        &format!("form[action$='/tieu-chi/{housing}/tra-lai'] button"),
    )
    .await;
    assert!(
        flash_says(&b, "Đã trả lại tiêu chí").await,
        "Đã trả lại tiêu chí"
    );
    for (cid, _, office) in &owners {
        if *cid != housing {
            let mut o = app.signed_in(&officer_of(office)).await;
            o.get(&format!("/danh-gia/{id}")).await;
            o.post(&format!("/danh-gia/{id}/tieu-chi/{cid}/xac-minh"), &[])
                .await;
        }
    }

    // The ward reads the reason and sends again.
    login(&b, &app.base, "phuong.bh", OFFICER_PASSWORD).await;
    assert!(
        text_of(&b).await.contains("Thiếu biên bản rà soát nhà tạm"),
        "on the home page"
    );
    b.goto(&format!("{}/danh-gia/{id}", app.base))
        .await
        .unwrap();
    assert!(
        text_of(&b)
            .await
            .contains("Bị trả lại: Thiếu biên bản rà soát nhà tạm")
    );
    click(&b, "button[value='gui']").await;
    assert!(flash_says(&b, "gửi bản đánh giá").await, "gửi bản đánh giá");

    login(&b, &app.base, &officer_of("HL-QLDT"), OFFICER_PASSWORD).await;
    b.goto(&format!("{}/danh-gia/{id}", app.base))
        .await
        .unwrap();
    click(
        &b,
        &format!("form[action$='/tieu-chi/{housing}/xac-minh'] button"),
    )
    .await;
    assert!(
        flash_says(&b, "Đã xác minh tiêu chí").await,
        "Đã xác minh tiêu chí"
    );
    assert!(text_of(&b).await.contains("Đã xác minh (khóa)"));

    // The NTM office records the recognition; the town's figure moves to one ward of five.
    login(&b, &app.base, "vp.ntm", OFFICER_PASSWORD).await;
    b.goto(&format!("{}/danh-gia/{id}/cong-nhan", app.base))
        .await
        .unwrap();
    for (field, value) in [
        ("decision_number", "1234/QĐ-UBND"),
        ("decision_date", "15/11/2024"),
        ("authority", "Chủ tịch UBND tỉnh Hà Tĩnh"),
    ] {
        b.find(Locator::Id(field))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    click(&b, "main form button").await;
    assert!(
        flash_says(&b, "Đã ghi quyết định công nhận").await,
        "Đã ghi quyết định công nhận"
    );
    let town = app.unit_id("HL").await;
    b.goto(&format!("{}/chi-tieu?don_vi={town}&nam=2024", app.base))
        .await
        .unwrap();
    let board = text_of(&b).await;
    let row = board
        .lines()
        .find(|l| l.starts_with("Phường đạt chuẩn phường đô thị văn minh"))
        .unwrap_or_default()
        .to_string();
    assert!(row.contains("20"), "{row}");
    b.close().await.unwrap();
    driver.kill().ok();
    driver.wait().ok();
}
