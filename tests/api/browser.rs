//! End-to-end in headless Chromium (Debian's `chromium` and `chromium-driver`). These need the
//! browser, so they run with `cargo test -- --ignored`; `.ci/run` always runs them.

use fantoccini::{Client, ClientBuilder, Locator};

use crate::helpers::{ADMIN_PASSWORD, OFFICER_PASSWORD, spawn_app};
use thidua::auth::Role;

async fn chromedriver() -> (std::process::Child, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = std::process::Command::new(
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()),
    )
    .arg(format!("--port={port}"))
    .stdout(std::process::Stdio::null())
    .spawn()
    .expect("chromedriver is installed (apt-get install chromium-driver)");
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..50 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    (child, url)
}

/// A headless Chromium session and the chromedriver process behind it.
pub(crate) async fn browser() -> (std::process::Child, Client) {
    browser_sized(None).await
}

/// The same, its viewport `width` CSS pixels wide when given (a phone is 390).
pub(crate) async fn browser_sized(width: Option<u32>) -> (std::process::Child, Client) {
    let (driver, url) = chromedriver().await;
    let mut options = serde_json::json!({
        "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
    });
    if let Some(w) = width {
        options["mobileEmulation"] =
            serde_json::json!({"deviceMetrics": {"width": w, "height": 844, "pixelRatio": 1.0}});
    }
    let caps: serde_json::Map<String, serde_json::Value> =
        serde_json::from_value(serde_json::json!({ "goog:chromeOptions": options })).unwrap();
    let b = ClientBuilder::rustls()
        .expect("tls setup")
        .capabilities(caps)
        .connect(&url)
        .await
        .expect("browser session");
    (driver, b)
}

/// Signs in through the login form, starting from a browser without a session.
pub(crate) async fn login(b: &Client, base: &str, username: &str, password: &str) {
    b.delete_all_cookies().await.unwrap();
    b.goto(&format!("{base}/dang-nhap")).await.unwrap();
    fill_login(b, username, password).await;
    b.wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::Css("form[action='/dang-xuat']"))
        .await
        .expect("signed in");
}

/// Types the name and password into the login form on the current page and sends it.
pub(crate) async fn fill_login(b: &Client, username: &str, password: &str) {
    b.find(Locator::Id("username"))
        .await
        .unwrap()
        .send_keys(username)
        .await
        .unwrap();
    b.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(password)
        .await
        .unwrap();
    b.find(Locator::Css("form button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

pub(crate) async fn click(b: &Client, css: &str) {
    b.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Waits for the confirmation after a form was sent and returns its text.
pub(crate) async fn flash(b: &Client) -> String {
    b.wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::Css("p.flash"))
        .await
        .expect("a confirmation")
        .text()
        .await
        .unwrap()
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: cargo test -- --ignored"]
async fn an_admin_creates_a_residential_group_and_finds_it_without_diacritics() {
    let app = spawn_app().await;
    let (mut driver, b) = browser().await;
    login(&b, &app.base, "admin", ADMIN_PASSWORD).await;

    let dt = app.unit_id("HL-DT").await;
    b.goto(&format!("{}/don-vi/{dt}", app.base)).await.unwrap();
    b.find(Locator::LinkText("Thêm đơn vị trực thuộc"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.find(Locator::Id("code"))
        .await
        .unwrap()
        .send_keys("DT-TDP-BROWSER")
        .await
        .unwrap();
    b.find(Locator::Id("name"))
        .await
        .unwrap()
        .send_keys("Tổ dân phố Hưng Thịnh")
        .await
        .unwrap();
    b.find(Locator::Css("form.stack button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The form posts and the browser follows the redirect to the new unit's page.
    let flash = b
        .wait()
        .for_element(Locator::Css("p.flash"))
        .await
        .expect("a confirmation after saving");
    assert!(flash.text().await.unwrap().contains("Đã thêm đơn vị"));

    b.goto(&format!("{}/don-vi", app.base)).await.unwrap();
    b.find(Locator::Css("form[action='/don-vi/tim'] input[name=q]"))
        .await
        .unwrap()
        .send_keys("hung thinh")
        .await
        .unwrap();
    b.find(Locator::Css("form[action='/don-vi/tim'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.wait()
        .for_element(Locator::Css("table"))
        .await
        .expect("search results");
    let results = b.source().await.unwrap();
    assert!(results.contains("Tổ dân phố Hưng Thịnh"), "{results}");
    b.close().await.unwrap();
    driver.kill().ok();
    driver.wait().ok();
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: cargo test -- --ignored"]
async fn a_ward_submits_is_returned_fixes_and_is_approved_and_the_town_sees_it() {
    let app = spawn_app().await;
    app.add_user("vp.ntm", Role::NtmOffice, "HL").await;
    let dt = app.unit_id("HL-DT").await;
    let hl = app.unit_id("HL").await;
    let sheet = format!("{}/so-lieu/{dt}/2024", app.base);
    let dashboard = format!("{}/chi-tieu?don_vi={hl}&nam=2024", app.base);
    let fields = crate::figures::ward_fields(&app).await;
    let income_field = fields[3].0.clone();
    let (mut driver, b) = browser().await;

    login(&b, &app.base, "vp.ntm", OFFICER_PASSWORD).await;
    b.goto(&dashboard).await.unwrap();
    let before = b.source().await.unwrap();
    assert!(!before.contains("2024: 84,6 triệu đ/người"));

    login(&b, &app.base, "canbo.ducthuan", OFFICER_PASSWORD).await;
    b.goto(&sheet).await.unwrap();
    for (name, value) in &fields {
        b.find(Locator::Id(name))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    click(&b, "button[value=gui]").await;
    assert!(flash(&b).await.contains("Đã lưu và gửi số liệu để duyệt."));

    login(&b, &app.base, "vp.ntm", OFFICER_PASSWORD).await;
    b.goto(&sheet).await.unwrap();
    b.find(Locator::Id("reason-return"))
        .await
        .unwrap()
        .send_keys("Thu nhập chưa khớp số liệu thống kê")
        .await
        .unwrap();
    click(&b, "form[action$='/tra-lai'] button").await;
    assert!(flash(&b).await.contains("Bị trả lại"));

    login(&b, &app.base, "canbo.ducthuan", OFFICER_PASSWORD).await;
    b.goto(&sheet).await.unwrap();
    assert!(
        b.source()
            .await
            .unwrap()
            .contains("Thu nhập chưa khớp số liệu thống kê")
    );
    let income = b.find(Locator::Id(&income_field)).await.unwrap();
    income.clear().await.unwrap();
    income.send_keys("84,6").await.unwrap();
    click(&b, "button[value=gui]").await;
    assert!(flash(&b).await.contains("Đã lưu và gửi"));

    login(&b, &app.base, "vp.ntm", OFFICER_PASSWORD).await;
    b.goto(&sheet).await.unwrap();
    click(&b, "a[href$='/duyet']").await;
    assert!(
        b.source()
            .await
            .unwrap()
            .contains("Hãy đọc trước khi xác nhận")
    );
    click(&b, "button.danger").await;
    assert!(flash(&b).await.contains("Đã duyệt (khóa)"));

    b.goto(&dashboard).await.unwrap();
    let after = b.source().await.unwrap();
    assert!(after.contains("2024: 84,6 triệu đ/người"), "{after}");
    assert!(after.contains("Số liệu năm 2024 mới có 1/6 đơn vị được duyệt"));
    b.close().await.unwrap();
    driver.kill().ok();
    driver.wait().ok();
}
