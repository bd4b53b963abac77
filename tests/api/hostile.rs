//! Hostile and oversized workbooks: each refused with a message, none takes the server down,
//! and while they are read other users' saves go through.

use rust_xlsxwriter::Workbook;
use thidua::units::import::HEADERS;

use crate::figures::{post_sheet, ward_fields};
use crate::helpers::{Client, spawn_app};
use crate::mutate::{Rng, archive, mutated, parts};

/// A units list of `rows` rows; every row lacks its kind when `bad`.
fn units_list(rows: usize, bad: bool) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (col, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, col as u16, *h).unwrap();
    }
    for r in 1..=rows as u32 {
        ws.write_string(r, 0, format!("HOST-{r:06}")).unwrap();
        ws.write_string(r, 1, format!("Tổ dân phố {r}")).unwrap();
        ws.write_string(r, 2, if bad { "" } else { "Tổ dân phố" })
            .unwrap();
        ws.write_string(r, 3, "HL-DT").unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// The same workbook with its sheet declaring every cell Excel has.
fn declaring_everything() -> Vec<u8> {
    let mut p = parts(&units_list(3, false)).unwrap();
    for (name, xml) in &mut p {
        if name.contains("worksheets/") {
            let start = xml.find("<dimension ref=\"").unwrap();
            let end = start + xml[start..].find("/>").unwrap() + 2;
            xml.replace_range(start..end, "<dimension ref=\"A1:XFD1048576\"/>");
        }
    }
    archive(&p).unwrap()
}

/// 200 MB of spaces packed into a few hundred kilobytes.
fn zip_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..200 {
        zip.write_all(&spaces).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

async fn still_answers(c: &mut Client) {
    let r = c.get("/don-vi").await;
    assert_eq!(r.status, 200, "the server stopped answering");
}

#[tokio::test]
async fn hostile_workbooks_are_refused_with_a_message_and_the_server_keeps_answering() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    let mut other = app.signed_in("canbo.ducthuan").await;
    admin.get("/don-vi/nhap").await;
    let r = admin.upload("/don-vi/nhap", declaring_everything()).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("quá lớn"), "{}", r.body);
    still_answers(&mut other).await;

    let bomb = zip_bomb();
    assert!(bomb.len() < 1 << 20);
    let r = admin.upload("/don-vi/nhap", bomb).await;
    assert!(r.body.contains("giải nén quá lớn"), "{}", r.body);
    still_answers(&mut other).await;

    let good = parts(&units_list(5, false)).unwrap();
    let mut rng = Rng(0x5eed_0007);
    for n in 0..1000 {
        let r = admin
            .upload("/don-vi/nhap", mutated(&mut rng, &good).unwrap())
            .await;
        // Refused with a message, or — when the damage left a readable list — imported.
        assert!(
            r.status == 200 && (r.body.contains("role=\"alert\"") || r.body.contains("Đã nhập")),
            "workbook {n}: {} {}",
            r.status,
            &r.body[..r.body.len().min(500)]
        );
        if n % 100 == 0 {
            still_answers(&mut other).await;
        }
    }
    assert_eq!(app.unit("HL-DT").await.unwrap().name, "Phường Đức Thuận");
}

#[tokio::test]
async fn twelve_large_invalid_imports_do_not_fail_another_users_save() {
    let app = spawn_app().await;
    let dt = app.unit_id("HL-DT").await;
    let big = units_list(20_000, true);
    let mut uploads = Vec::new();
    for _ in 0..12 {
        let mut c = app.signed_in("admin").await;
        c.get("/don-vi/nhap").await;
        let bytes = big.clone();
        uploads.push(tokio::spawn(async move {
            c.upload("/don-vi/nhap", bytes).await
        }));
    }
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let fields = ward_fields(&app).await;
    let path = format!("/so-lieu/{dt}/2024");
    for _ in 0..10 {
        let r = post_sheet(&mut ward, &path, &fields, "luu").await;
        assert!(
            r.status == 303 || r.status == 200,
            "save failed: {}",
            r.status
        );
        assert!(!r.body.contains("sự cố"), "save failed: {}", r.body);
    }
    for u in uploads {
        let r = u.await.unwrap();
        assert_eq!(r.status, 200);
        // The report names the first 200 problems and counts the rest; the page stays small.
        assert!(
            r.body.contains("Chưa nhập được tệp (20000 lỗi)"),
            "{}",
            &r.body[..2000]
        );
        assert!(r.body.contains("và 19800 lỗi khác"));
        assert!(r.body.len() < 200_000, "{} bytes", r.body.len());
    }
    assert!(app.unit("HOST-000001").await.is_none());
}
