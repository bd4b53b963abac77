//! A ward officer on a phone (390 CSS pixels) enters and submits a year's sheet: every input is
//! within the screen and the page never scrolls sideways. Runs with `cargo test -- --ignored`.

use fantoccini::Locator;

use crate::browser::{browser_sized, click, flash, login};
use crate::helpers::{OFFICER_PASSWORD, spawn_app};

#[tokio::test]
#[ignore = "needs chromium and chromedriver: cargo test -- --ignored"]
async fn a_ward_officer_enters_and_submits_a_sheet_on_a_phone() {
    let app = spawn_app().await;
    let dt = app.unit_id("HL-DT").await;
    let fields = crate::figures::ward_fields(&app).await;
    let (mut driver, b) = browser_sized(Some(390)).await;
    login(&b, &app.base, "canbo.ducthuan", OFFICER_PASSWORD).await;
    b.goto(&format!("{}/so-lieu/{dt}/2024", app.base))
        .await
        .unwrap();

    let width = |script: &'static str| {
        let b = b.clone();
        async move { b.execute(script, vec![]).await.unwrap().as_f64().unwrap() }
    };
    let viewport = width("return window.innerWidth;").await;
    assert!(viewport <= 400.0, "viewport {viewport}");
    // The navigation is one line that opens on a tap, without script (issue 8, item 12).
    let nav_shown = |b: fantoccini::Client| async move {
        b.execute(
            "return document.querySelector('nav.areas').offsetParent !== null;",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap()
    };
    assert!(!nav_shown(b.clone()).await, "collapsed at phone width");
    click(&b, "label.menu-button").await;
    assert!(nav_shown(b.clone()).await, "opened by its button");
    click(&b, "label.menu-button").await;
    let page = width("return document.documentElement.scrollWidth;").await;
    assert!(
        page <= viewport,
        "the page is {page} px wide on a {viewport} px screen"
    );
    for (name, value) in &fields {
        let input = b.find(Locator::Id(name)).await.unwrap();
        let rect = b
            .execute(
                "const r = arguments[0].getBoundingClientRect(); return [r.right, r.width];",
                vec![serde_json::to_value(&input).unwrap()],
            )
            .await
            .unwrap();
        let (right, wide) = (rect[0].as_f64().unwrap(), rect[1].as_f64().unwrap());
        assert!(
            right <= viewport,
            "{name} ends at {right} px, past the screen"
        );
        // Wide enough to read what was typed, not squeezed into a table column.
        assert!(wide >= 200.0, "{name} is only {wide} px wide");
        input.send_keys(value).await.unwrap();
    }
    click(&b, "button[value=gui]").await;
    assert!(flash(&b).await.contains("Đã lưu và gửi số liệu để duyệt."));

    b.close().await.unwrap();
    driver.kill().ok();
    driver.wait().ok();
}
