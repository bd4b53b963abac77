//! Workbook cells read as the official sees them in Excel (field cases 04, 06, 07): a rate in a
//! percent-formatted cell, a code typed as a number with a zero-padding format, invisible
//! characters pasted into a name.

use rust_xlsxwriter::{Format, Workbook};
use thidua::units::import::HEADERS;

use crate::helpers::spawn_app;

/// A figure workbook in the entry template's layout for `unit` and `year`; each value is a
/// number written with the given Excel number format.
fn figure_workbook(unit: &str, year: i64, values: &[(&str, f64, &str)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Số liệu").unwrap();
    ws.write_string(0, 0, "Mã đơn vị").unwrap();
    ws.write_string(0, 1, unit).unwrap();
    ws.write_string(1, 0, "Năm").unwrap();
    ws.write_number(1, 1, year as f64).unwrap();
    for (col, h) in thidua::figures::workbook::HEADERS.iter().enumerate() {
        ws.write_string(3, col as u16, *h).unwrap();
    }
    for (n, (code, v, format)) in values.iter().enumerate() {
        let r = 4 + n as u32;
        ws.write_string(r, 0, *code).unwrap();
        ws.write_number_with_format(r, 4, *v, &Format::new().set_num_format(*format))
            .unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_rate_in_a_percent_formatted_cell_is_the_percentage_shown() {
    let app = spawn_app().await;
    let dt = app.unit_id("HL-DT").await;
    let mut c = app.signed_in("canbo.ducthuan").await;
    c.get(&format!("/so-lieu/{dt}/2022/nhap")).await;
    let wb = figure_workbook(
        "HL-DT",
        2022,
        &[
            ("BHYT", 0.965, "0.0%"),
            ("RAC", 0.99, "0%"),
            ("DAN_SO", 5000.0, "#,##0"),
        ],
    );
    let r = c.upload(&format!("/so-lieu/{dt}/2022/nhap"), wb).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("Đã nhập 3 chỉ số"), "{}", r.body);
    c.get(&format!("/so-lieu/{dt}/2022")).await;
    let bhyt = app.indicator_id("BHYT").await;
    let rac = app.indicator_id("RAC").await;
    assert_eq!(c.last_input(&format!("v_{bhyt}")), "96,5");
    assert_eq!(c.last_input(&format!("v_{rac}")), "99");

    // A percent-formatted cell on an indicator that is not a rate is refused, named.
    c.get(&format!("/so-lieu/{dt}/2022/nhap")).await;
    let wb = figure_workbook("HL-DT", 2022, &[("DAN_SO", 0.5, "0%")]);
    let r = c.upload(&format!("/so-lieu/{dt}/2022/nhap"), wb).await;
    assert!(
        r.body.contains("Trang «Số liệu», dòng 5, cột E"),
        "{}",
        r.body
    );
    assert!(r.body.contains("định dạng phần trăm"), "{}", r.body);
}

fn unit_row(code: Option<&str>, number_code: Option<f64>, note: &str) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Đơn vị").unwrap();
    for (col, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, col as u16, *h).unwrap();
    }
    match (code, number_code) {
        (Some(c), _) => ws.write_string(1, 0, c).unwrap(),
        (None, Some(n)) => ws
            .write_number_with_format(1, 0, n, &Format::new().set_num_format("00000"))
            .unwrap(),
        (None, None) => unreachable!(),
    };
    let rest = [
        "Tổ dân phố Mười Hai",
        "Tổ dân phố",
        "HL-TLG",
        "01/01/2022",
        "30/06/2025",
        note,
    ];
    for (i, v) in rest.iter().enumerate() {
        ws.write_string(1, i as u16 + 1, *v).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_code_typed_as_a_number_keeps_the_zeros_excel_shows() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;
    c.get("/don-vi/nhap").await;
    let r = c
        .upload("/don-vi/nhap", unit_row(Some("00012"), None, ""))
        .await;
    assert!(
        r.body.contains("1 đơn vị mới, 0 đơn vị cập nhật"),
        "{}",
        r.body
    );
    c.get("/don-vi/nhap").await;
    let r = c
        .upload("/don-vi/nhap", unit_row(None, Some(12.0), "Sửa ghi chú"))
        .await;
    assert!(
        r.body.contains("0 đơn vị mới, 1 đơn vị cập nhật"),
        "{}",
        r.body
    );
    assert_eq!(app.unit("00012").await.unwrap().note, "Sửa ghi chú");
    assert!(app.unit("12").await.is_none());
}

#[tokio::test]
async fn invisible_characters_in_an_imported_name_are_dropped_and_search_finds_it() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (col, h) in [
        "Mã\u{a0}",
        "Tên ",
        "Loại",
        "Mã đơn vị cấp trên",
        "Hiệu lực từ",
        "Hiệu lực đến",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, col as u16, *h).unwrap();
    }
    let row = [
        "\u{feff}CASE07-TDP",
        "Tổ dân phố\u{200b} Hồng\u{ad} Lam",
        "Tổ dân phố",
        "HL-DT\u{a0}",
        "01/01/2022",
        " 30/06/2025\u{a0}",
    ];
    for (col, v) in row.iter().enumerate() {
        ws.write_string(1, col as u16, *v).unwrap();
    }
    c.get("/don-vi/nhap").await;
    let r = c.upload("/don-vi/nhap", wb.save_to_buffer().unwrap()).await;
    assert!(r.body.contains("1 đơn vị mới"), "{}", r.body);
    assert_eq!(
        app.unit("CASE07-TDP").await.unwrap().name,
        "Tổ dân phố Hồng Lam"
    );
    for q in ["tổ dân phố hồng lam", "to dan pho hong lam"] {
        let page = c.get(&format!("/don-vi/tim?q={q}")).await.body;
        assert!(page.contains("Tổ dân phố Hồng Lam"), "{q}: not found");
    }
}
