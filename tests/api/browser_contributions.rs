//! A land gift in headless Chromium: the ward officer sets the ward's land price for the year,
//! records a household's 120,5 m², and sees the gift valued, the household's yearly total on its
//! page and the ward's social-mobilisation figure change.

use fantoccini::{Client, Locator};

use crate::browser::{browser, login};
use crate::contributions::household;
use crate::helpers::{OFFICER_PASSWORD, spawn_app};
use thidua::auth::Role;

async fn fill(b: &Client, fields: &[(&str, &str)]) {
    for (id, value) in fields {
        let e = b.find(Locator::Id(id)).await.unwrap();
        e.clear().await.unwrap();
        e.send_keys(value).await.unwrap();
    }
}

async fn send(b: &Client) {
    b.execute(
        "document.querySelector('main form.stack button').scrollIntoView({block: 'center'});",
        vec![],
    )
    .await
    .unwrap();
    crate::browser::click(b, "main form.stack button").await;
}

/// Waits until `main` says `words` (after a click that navigates) and returns its text.
async fn main_says(b: &Client, words: &str) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(m) = b.find(Locator::Css("main")).await
            && let Ok(t) = m.text().await
        {
            if t.contains(words) {
                return t;
            }
            last = t;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    panic!("«{words}» not shown: {last}");
}

fn figure_row(text: &str) -> String {
    text.lines()
        .find(|l| l.starts_with("2024"))
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: cargo test -- --ignored"]
async fn a_land_gift_is_valued_and_moves_the_totals_in_the_browser() {
    let app = spawn_app().await;
    app.add_user("phuong.bh", Role::UnitOfficer, "HL-BH").await;
    let ho = household(&app, "HL-BH", "Võ Văn Phúc").await;
    let (mut driver, b) = browser().await;
    b.set_window_size(1366, 900).await.unwrap();
    login(&b, &app.base, "phuong.bh", OFFICER_PASSWORD).await;

    // One cash gift first, so the figure has a "before".
    b.goto(&format!("{}/dong-gop/moi", app.base)).await.unwrap();
    fill(
        &b,
        &[
            ("given_on", "02/02/2024"),
            ("outside_name", "Nhà hảo tâm"),
            ("quantity", "5.000.000"),
        ],
    )
    .await;
    send(&b).await;
    main_says(&b, "5.000.000 đ").await;
    b.goto(&format!("{}/dong-gop", app.base)).await.unwrap();
    let before = figure_row(&main_says(&b, "Huy động xã hội hóa").await);
    assert!(before.contains("5.000.000 đ"), "{before}");

    b.goto(&format!("{}/dong-gop/don-gia", app.base))
        .await
        .unwrap();
    fill(
        &b,
        &[
            ("year", "2024"),
            ("price", "600.000"),
            ("source", "QĐ 3/QĐ-UBND ngày 05/01/2024"),
        ],
    )
    .await;
    send(&b).await;
    main_says(&b, "QĐ 3/QĐ-UBND ngày 05/01/2024").await;

    b.goto(&format!("{}/dong-gop/moi", app.base)).await.unwrap();
    b.find(Locator::Css("#kind option[value='land']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    fill(
        &b,
        &[
            ("given_on", "15/03/2024"),
            ("contributor", &format!("HGD-{ho}")),
            ("quantity", "120,5"),
        ],
    )
    .await;
    send(&b).await;
    // 120,5 m² at 600.000 đ/m².
    let page = main_says(&b, "72.300.000 đ").await;
    assert!(
        page.contains("120,5 m²") && page.contains("Đơn giá 600.000 đ/m² năm 2024"),
        "{page}"
    );

    b.goto(&format!("{}/ho-gia-dinh/{ho}", app.base))
        .await
        .unwrap();
    let profile = main_says(&b, "Năm 2024 (1 khoản)").await;
    assert!(profile.contains("72.300.000 đ"), "{profile}");
    b.goto(&format!("{}/dong-gop", app.base)).await.unwrap();
    let after = figure_row(&main_says(&b, "Huy động xã hội hóa").await);
    assert!(
        after.contains("72.300.000 đ") && after.contains("77.300.000 đ"),
        "{after}"
    );
    assert_ne!(before, after);
    b.close().await.unwrap();
    driver.kill().ok();
    driver.wait().ok();
}
