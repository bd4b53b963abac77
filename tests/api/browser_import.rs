//! A units list uploaded through the real form in headless Chromium: a file with many bad rows
//! is reported by place, 200 problems at most; a code typed as a zero-padded number keeps its
//! zeros. Runs with `cargo test -- --ignored`, like the other browser stories.

use fantoccini::Locator;
use rust_xlsxwriter::{Format, Workbook};
use thidua::units::import::HEADERS;

use crate::browser::{browser, click, flash, login};
use crate::helpers::{ADMIN_PASSWORD, spawn_app};

/// `rows` units under HL-DT; the code of the first is the number 12 shown as `00012`, and
/// with `bad` every row lacks its kind.
fn list(rows: u32, bad: bool) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (col, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, col as u16, *h).unwrap();
    }
    let padded = Format::new().set_num_format("00000");
    for r in 1..=rows {
        if r == 1 {
            ws.write_number_with_format(r, 0, 12.0, &padded).unwrap();
        } else {
            ws.write_string(r, 0, format!("BR-{r:04}")).unwrap();
        }
        ws.write_string(r, 1, format!("Tổ dân phố thử {r}"))
            .unwrap();
        ws.write_string(r, 2, if bad { "" } else { "Tổ dân phố" })
            .unwrap();
        ws.write_string(r, 3, "HL-DT").unwrap();
    }
    wb.save_to_buffer().unwrap()
}

async fn upload(b: &fantoccini::Client, base: &str, file: &std::path::Path) {
    b.goto(&format!("{base}/don-vi/nhap")).await.unwrap();
    b.find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    click(b, "form.stack button").await;
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: cargo test -- --ignored"]
async fn a_units_list_with_bad_rows_is_reported_and_a_good_one_keeps_its_codes() {
    let app = spawn_app().await;
    let (mut driver, b) = browser().await;
    login(&b, &app.base, "admin", ADMIN_PASSWORD).await;

    let bad = app.dir.path().join("sai.xlsx");
    std::fs::write(&bad, list(250, true)).unwrap();
    upload(&b, &app.base, &bad).await;
    let report = b
        .wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::Css("div.errors"))
        .await
        .expect("an error report")
        .text()
        .await
        .unwrap();
    assert!(report.contains("Chưa nhập được tệp (250 lỗi)"), "{report}");
    assert!(report.contains("và 50 lỗi khác"), "{report}");
    assert!(report.contains("Trang «Sheet1», dòng 2"), "{report}");
    let rows = b
        .find_all(Locator::Css("div.errors tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 201, "200 problems and the count of the rest");
    assert!(app.unit("00012").await.is_none());

    let good = app.dir.path().join("dung.xlsx");
    std::fs::write(&good, list(3, false)).unwrap();
    upload(&b, &app.base, &good).await;
    assert!(flash(&b).await.contains("Đã nhập: 3 đơn vị mới"));
    assert_eq!(app.unit("00012").await.unwrap().name, "Tổ dân phố thử 1");

    b.close().await.unwrap();
    driver.kill().ok();
    driver.wait().ok();
}
