//! End-to-end in headless Chromium (Debian's `chromium` and `chromium-driver`). These need the
//! browser, so they run with `cargo test -- --ignored`; `.ci/run` always runs them.

use fantoccini::{ClientBuilder, Locator};

use crate::helpers::{ADMIN_PASSWORD, spawn_app};

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

#[tokio::test]
#[ignore = "needs chromium and chromedriver: cargo test -- --ignored"]
async fn an_admin_creates_a_residential_group_and_finds_it_without_diacritics() {
    let app = spawn_app().await;
    let (mut driver, url) = chromedriver().await;
    let caps: serde_json::Map<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
        "goog:chromeOptions": {
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
        }
    }))
    .unwrap();
    let b = ClientBuilder::rustls()
        .expect("tls setup")
        .capabilities(caps)
        .connect(&url)
        .await
        .expect("browser session");

    b.goto(&format!("{}/dang-nhap", app.base)).await.unwrap();
    b.find(Locator::Id("username"))
        .await
        .unwrap()
        .send_keys("admin")
        .await
        .unwrap();
    b.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(ADMIN_PASSWORD)
        .await
        .unwrap();
    b.find(Locator::Css("form button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.wait()
        .for_element(Locator::LinkText("Đăng xuất"))
        .await
        .ok();

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
