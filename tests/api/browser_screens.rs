//! Screenshots for review (issue 8, done-when): the units tree, the targets dashboard, a sheet
//! and a chart, at desktop (1366 px) and phone (390 px) width, on the demo data, saved under
//! `target/screenshots/` (or `$THIDUA_SCREENSHOTS`). Each page is also checked for what a
//! reviewer would reject at a glance: a page wider than the screen. Runs with
//! `cargo test -- --ignored`.

use std::path::PathBuf;

use crate::browser::{browser_sized, login};
use crate::helpers::{ADMIN_PASSWORD, spawn_app};

fn screenshot_dir() -> PathBuf {
    let dir = std::env::var("THIDUA_SCREENSHOTS").map_or_else(
        |_| {
            let target = option_env!("CARGO_TARGET_DIR").map_or_else(
                || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
                PathBuf::from,
            );
            target.join("screenshots")
        },
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: cargo test -- --ignored"]
async fn the_tree_dashboard_sheet_and_chart_are_saved_at_desktop_and_phone_width() {
    let app = spawn_app().await;
    thidua::demo::load(&app.state.db, app.state.clock.now(), 60)
        .await
        .unwrap();
    let (hl, dt) = (app.unit_id("HL").await, app.unit_id("HL-DT").await);
    let gtsx = app.indicator_id("GTSX").await;
    let pages = [
        ("cay-don-vi", "/don-vi".to_string()),
        ("chi-tieu", format!("/chi-tieu?don_vi={hl}")),
        ("bang-so-lieu", format!("/so-lieu/{dt}/2024")),
        ("bieu-do", format!("/chi-tieu/chi-so/{gtsx}?don_vi={hl}")),
    ];
    let dir = screenshot_dir();
    for (width, label) in [(None, "1366"), (Some(390), "390")] {
        let (mut driver, b) = browser_sized(width).await;
        if width.is_none() {
            b.set_window_size(1366, 900).await.unwrap();
        }
        login(&b, &app.base, "admin", ADMIN_PASSWORD).await;
        for (name, path) in &pages {
            b.goto(&format!("{}{path}", app.base)).await.unwrap();
            let png = b.screenshot().await.unwrap();
            assert!(png.starts_with(b"\x89PNG"), "{name}: a PNG");
            std::fs::write(dir.join(format!("{name}-{label}.png")), png).unwrap();
            let overflow = b
                .execute(
                    "return document.documentElement.scrollWidth - window.innerWidth;",
                    vec![],
                )
                .await
                .unwrap()
                .as_f64()
                .unwrap();
            assert!(
                overflow <= 0.0,
                "{name} at {label} px scrolls sideways by {overflow} px"
            );
        }
        b.close().await.unwrap();
        driver.kill().ok();
        driver.wait().ok();
    }
    eprintln!("screenshots saved in {}", dir.display());
}
