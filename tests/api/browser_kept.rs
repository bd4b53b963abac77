//! Issue 8, item 5 in the browser: what a ward officer types survives a session that expired
//! over lunch, and attaching a piece of evidence does not throw away unsaved figures. Runs
//! with `cargo test -- --ignored`.

use chrono::NaiveDate;
use fantoccini::{Client, Locator};

use crate::browser::{browser, click, fill_login, login};
use crate::helpers::{OFFICER_PASSWORD, spawn_app};

async fn value_of(b: &Client, id: &str) -> String {
    b.find(Locator::Id(id))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Waits until the page's confirmation says `words` (the page before may still show its own
/// confirmation for a moment after a click) and returns it.
async fn flash_saying(b: &Client, words: &str) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(p) = b.find(Locator::Css("p.flash")).await
            && let Ok(text) = p.text().await
        {
            if text.contains(words) {
                return text;
            }
            last = text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    panic!("no confirmation saying «{words}»; last seen: «{last}»")
}

async fn type_into(b: &Client, id: &str, value: &str) {
    let input = b.find(Locator::Id(id)).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(value).await.unwrap();
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: cargo test -- --ignored"]
async fn typed_figures_survive_an_expired_session_and_an_evidence_upload() {
    let app = spawn_app().await;
    let day = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    app.state.clock.set_local(day, 8, 0);
    let dt = app.unit_id("HL-DT").await;
    let income = format!("v_{}", app.indicator_id("THU_NHAP").await);
    let insured = format!("v_{}", app.indicator_id("BHYT").await);
    let (mut driver, b) = browser().await;
    login(&b, &app.base, "canbo.ducthuan", OFFICER_PASSWORD).await;
    let sheet = format!("{}/so-lieu/{dt}/2024", app.base);
    b.goto(&sheet).await.unwrap();
    type_into(&b, &income, "84,2").await;

    // Lunch: the session lapses with the form open, then the officer presses "Lưu".
    app.state.clock.set_local(day, 14, 0);
    click(&b, "button[value=luu]").await;
    b.wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::Id("username"))
        .await
        .unwrap();
    let page = b.source().await.unwrap();
    assert!(page.contains("Phiên đăng nhập đã hết"), "{page}");
    fill_login(&b, "canbo.ducthuan", OFFICER_PASSWORD).await;
    flash_saying(&b, "CHƯA được lưu").await;
    assert_eq!(value_of(&b, &income).await, "84,2", "back as typed");
    click(&b, "button[value=luu]").await;
    flash_saying(&b, "Đã lưu số liệu").await;

    // Typed but not saved, then a file attached: the figure is kept with the file.
    type_into(&b, &insured, "93,4").await;
    click(&b, "details summary").await;
    let file = app.dir.path().join("bhyt.pdf");
    std::fs::write(&file, b"%PDF-1.4 danh sach BHYT").unwrap();
    b.find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    click(&b, "button[value=minh-chung]").await;
    let told = flash_saying(&b, "Đã đính kèm «bhyt.pdf»").await;
    assert!(told.contains("cũng đã được lưu nháp"), "{told}");
    b.goto(&sheet).await.unwrap();
    assert_eq!(value_of(&b, &insured).await, "93,4", "kept with the upload");
    assert_eq!(value_of(&b, &income).await, "84,2");

    b.close().await.unwrap();
    driver.kill().ok();
    driver.wait().ok();
}
