//! The entry workbook: downloaded for a unit and year, filled in, uploaded whole or not at all.

use crate::helpers::spawn_app;
use thidua::documents::workbook::{Cell, Limits, Which, read};

/// The downloaded workbook with column E (values) set from `values` by indicator code, and
/// `extra` rows appended.
fn filled(template: &[u8], values: &[(&str, &str)], extra: &[(&str, &str)]) -> Vec<u8> {
    let sheet = read(template, &Which::Named("Số liệu".into()), &Limits::FIGURES).unwrap();
    let rows: Vec<Vec<Cell>> = (0..sheet.height())
        .map(|r| (0..8).map(|c| sheet.get(r, c).clone()).collect())
        .collect();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Số liệu").unwrap();
    let mut last = 0;
    for (r, row) in rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(t) => {
                    ws.write_string(r as u32, col as u16, t).unwrap();
                }
                Cell::Number(n) => {
                    ws.write_number(r as u32, col as u16, n.value).unwrap();
                }
                _ => {}
            }
        }
        if let Some(Cell::Text(code)) = row.first()
            && let Some((_, v)) = values.iter().find(|(c, _)| c == code)
        {
            match v.parse::<f64>() {
                Ok(n) => ws.write_number(r as u32, 4, n).unwrap(),
                Err(_) => ws.write_string(r as u32, 4, *v).unwrap(),
            };
        }
        last = r;
    }
    for (n, (code, v)) in extra.iter().enumerate() {
        let r = (last + 1 + n) as u32;
        ws.write_string(r, 0, *code).unwrap();
        ws.write_string(r, 4, *v).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

const GOOD: [(&str, &str); 10] = [
    ("DAN_SO", "9850"),
    ("SO_HO", "2710"),
    ("GTSX", "1250.5"),
    ("THU_NHAP", "84.2"),
    ("BHYT", "93.4"),
    ("HO_NGHEO", "41"),
    ("HO_NGHEO_TN", "6"),
    ("RAC", "98,7"),
    ("HO_NUOC_SACH", "2600"),
    ("TP_TONG", "12"),
];

#[tokio::test]
async fn a_workbook_with_four_bad_cells_writes_nothing_and_names_them_all() {
    let app = spawn_app().await;
    let dt = app.unit_id("HL-DT").await;
    let mut c = app.signed_in("canbo.ducthuan").await;
    c.get(&format!("/so-lieu/{dt}/2024/nhap")).await;
    let (status, template) = c.get_bytes(&format!("/so-lieu/{dt}/2024/mau.xlsx")).await;
    assert_eq!(status, 200);

    let mut bad: Vec<(&str, &str)> = GOOD.to_vec();
    bad[4].1 = "105"; // BHYT over 100 %
    bad[5].1 = "bốn mươi"; // not a number
    bad[8].1 = "2800"; // more households on piped water than households
    let wb = filled(&template, &bad, &[("KHONG_CO", "1")]);
    let before = app.audit_count().await;
    let r = c.upload(&format!("/so-lieu/{dt}/2024/nhap"), wb).await;
    assert!(r.body.contains("Chưa nhập được tệp (4 lỗi)"), "{}", r.body);
    // Rows: 1–4 are the heading; DAN_SO is on row 5, so BHYT 9, HO_NGHEO 10, HO_NUOC_SACH 13.
    for place in [
        "Trang «Số liệu», dòng 9, cột E",
        "Trang «Số liệu», dòng 10, cột E",
        "Trang «Số liệu», dòng 13, cột E",
        "Trang «Số liệu», dòng 15, cột A",
    ] {
        assert!(r.body.contains(place), "{place} not reported");
    }
    assert!(r.body.contains("Tỷ lệ phải từ 0 đến 100."));
    assert!(r.body.contains("«bốn mươi» không phải là số."));
    assert!(
        r.body
            .contains("Mã chỉ số «KHONG_CO» không thuộc bảng số liệu")
    );
    assert_eq!(app.audit_count().await, before);
    assert!(
        !c.get(&format!("/so-lieu/{dt}/2024"))
            .await
            .body
            .contains("84,2")
    );

    c.get(&format!("/so-lieu/{dt}/2024/nhap")).await;
    let r = c
        .upload(
            &format!("/so-lieu/{dt}/2024/nhap"),
            // A workbook filled from an older template still has the figures now counted from
            // recognitions, the OCOP register and the works: their rows are passed over, not
            // refused.
            filled(
                &template,
                &GOOD,
                &[
                    ("DTVM_DAT", "Đạt"),
                    ("TP_VM", "8"),
                    ("OCOP_3SAO", "1"),
                    ("NO_XDCB", "0"),
                ],
            ),
        )
        .await;
    assert!(
        r.body.contains("Đã nhập 10 chỉ số từ tệp Excel"),
        "{}",
        r.body
    );
    let page = c.get(&format!("/so-lieu/{dt}/2024")).await.body;
    assert!(page.contains("value=\"84,2\"") && page.contains("value=\"1250,5\""));

    // Another unit's workbook is refused by its heading, even by a user who may edit both.
    let mut admin = app.signed_in("admin").await;
    let nh = app.unit_id("HL-NH").await;
    admin.get(&format!("/so-lieu/{nh}/2024/nhap")).await;
    let r = admin
        .upload(
            &format!("/so-lieu/{nh}/2024/nhap"),
            filled(&template, &GOOD, &[]),
        )
        .await;
    assert!(r.body.contains("Mã đơn vị phải là HL-NH"), "{}", r.body);
}

#[tokio::test]
async fn a_locked_sheet_says_so_before_a_file_is_chosen() {
    let app = spawn_app().await;
    let dt = app.unit_id("HL-DT").await;
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let fields = crate::figures::ward_fields(&app).await;
    let path = format!("/so-lieu/{dt}/2024");
    let r = crate::figures::post_sheet(&mut ward, &path, &fields, "gui").await;
    assert!(
        r.body.contains("Đã lưu và gửi số liệu để duyệt."),
        "{}",
        r.body
    );
    let r = ward.get(&format!("{path}/nhap")).await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("đang chờ duyệt"), "{}", r.body);
    assert!(!r.body.contains("type=\"file\""));
}
