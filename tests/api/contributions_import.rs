//! Contributions from Excel through the one workbook reader: 100,000 rows with 5 bad ones write
//! nothing and name the 5; the fixed file imports whole; an export re-imports to the same data.

use thidua::documents::xlsx;
use thidua::resources::transfer::HEADERS;

use crate::contributions::{household, person};
use crate::helpers::*;

/// `n` rows for Bắc Hồng: cash from the persons, land from the household (valued at the
/// ward's 2024 price), labour from outside donors with a stated value.
fn rows(n: usize, persons: &[i64], ho: i64) -> Vec<Vec<String>> {
    (0..n)
        .map(|i| {
            let day = format!("{:02}/{:02}/2024", i % 28 + 1, i % 12 + 1);
            let r = |who: String, name: &str, kind: &str, q: String, stated: &str, source: &str| {
                vec![
                    day.clone(),
                    "HL-BH".into(),
                    who,
                    name.into(),
                    kind.into(),
                    q,
                    stated.into(),
                    source.into(),
                    String::new(),
                    format!("dòng {i}"),
                ]
            };
            match i % 3 {
                0 => r(
                    format!("CN-{}", persons[i % persons.len()]),
                    "",
                    "Tiền mặt",
                    format!("{}.000", i % 900 + 100),
                    "",
                    "",
                ),
                1 => r(
                    format!("HGD-{ho}"),
                    "",
                    "Hiến đất",
                    format!("{},5", i % 50 + 1),
                    "",
                    "",
                ),
                _ => r(
                    String::new(),
                    &format!("Nhà hảo tâm {}", i % 97),
                    "Ngày công lao động",
                    "2".into(),
                    "400.000",
                    "Biên bản nghiệm thu",
                ),
            }
        })
        .collect()
}

async fn ward_with_price(app: &TestApp) -> (Client, Vec<i64>, i64) {
    let mut persons = Vec::new();
    for i in 0..10 {
        persons.push(person(app, "HL-BH", &format!("Người thứ {i}"), "0900000000", "").await);
    }
    let ho = household(app, "HL-BH", "Hồ Văn Em").await;
    let mut c = app.signed_in("admin").await;
    c.get("/dong-gop/don-gia").await;
    let r = c
        .post(
            "/dong-gop/don-gia",
            &[
                ("unit_code", "HL-BH"),
                ("year", "2024"),
                ("kind", "land"),
                ("price", "300.000"),
                ("source", "QĐ 5/QĐ-UBND"),
            ],
        )
        .await;
    assert!(r.body.contains("Đã đặt đơn giá"), "{}", r.body);
    c.get("/dong-gop/nhap").await;
    (c, persons, ho)
}

#[tokio::test]
async fn a_100000_row_import_with_5_bad_rows_writes_nothing_and_names_them() {
    let app = spawn_app().await;
    let (mut c, persons, ho) = ward_with_price(&app).await;
    let mut all = rows(100_000, &persons, ho);
    let good = all.clone();
    all[6][0] = "31/02/2024".into(); // Excel row 8, column A: no such date
    all[1_000][1] = "KHONG-CO".into(); // row 1002, B: unknown unit
    all[20_000][2] = "CN-999999".into(); // row 20002, C: unknown person
    all[50_000][5] = "-4".into(); // row 50002, F: negative quantity
    all[99_998][6] = "12.000".into(); // row 100000, G: a stated value without its source
    all[99_998][7] = String::new();
    let before = app.audit_count().await;
    let r = c
        .upload(
            "/dong-gop/nhap",
            xlsx::write_table("Đóng góp", &HEADERS, &all).unwrap(),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("5 lỗi"), "{}", r.body);
    for place in [
        "dòng 8, cột A</td>",
        "dòng 1002, cột B</td>",
        "dòng 20002, cột C</td>",
        "dòng 50002, cột F</td>",
        "dòng 100000, cột H</td>",
    ] {
        assert!(r.body.contains(place), "{place} not reported: {}", r.body);
    }
    assert_eq!(app.audit_count().await, before);
    assert!(
        c.get("/dong-gop")
            .await
            .body
            .contains("Chưa ghi khoản đóng góp nào")
    );

    let r = c
        .upload(
            "/dong-gop/nhap",
            xlsx::write_table("Đóng góp", &HEADERS, &good).unwrap(),
        )
        .await;
    assert!(
        r.body.contains("Đã nhập 100.000 khoản đóng góp"),
        "{}",
        r.body
    );
    assert_eq!(
        app.audit_count().await,
        before + 1,
        "one entry for the import"
    );
    let list = c.get("/dong-gop").await.body;
    assert!(list.contains("(100000 dòng)"), "{list}");
}

#[tokio::test]
async fn an_export_re_imports_to_identical_data() {
    let mut exports: Vec<Vec<u8>> = Vec::new();
    for _ in 0..2 {
        let app = spawn_app().await;
        let (mut c, persons, ho) = ward_with_price(&app).await;
        let file = match exports.last() {
            None => xlsx::write_table("Đóng góp", &HEADERS, &rows(300, &persons, ho)).unwrap(),
            Some(bytes) => bytes.clone(),
        };
        let r = c.upload("/dong-gop/nhap", file).await;
        assert!(r.body.contains("Đã nhập 300 khoản đóng góp"), "{}", r.body);
        let (status, bytes) = c.get_bytes("/dong-gop/xuat.xlsx").await;
        assert_eq!(status, 200);
        exports.push(bytes);
    }
    // The same records; rows of one day may come in another order (newest first by id).
    let sorted = |bytes: &[u8]| {
        let mut rows = xlsx_rows(bytes);
        rows[1..].sort();
        rows
    };
    let (first, second) = (sorted(&exports[0]), sorted(&exports[1]));
    assert_eq!(first.len(), 301);
    assert_eq!(first, second);
    // 2,5 m² at the ward's 300.000 đ/m².
    assert!(
        first
            .iter()
            .any(|r| r[4] == "Hiến đất" && r[5] == "2,5" && r[10] == "750.000"),
        "{:?}",
        &first[..4]
    );
}
