//! Units from Excel: all-or-nothing with every bad row named; an export re-imports unchanged.

use thidua::documents::xlsx;
use thidua::units::import::HEADERS;

use crate::helpers::spawn_app;

fn workbook(bad: bool) -> Vec<u8> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for w in 0..20 {
        rows.push(vec![
            format!("IMP-{w:02}"),
            format!("Khu {w}"),
            "Phường".into(),
            "HL".into(),
            String::new(),
            String::new(),
            String::new(),
        ]);
        for g in 0..24 {
            rows.push(vec![
                format!("IMP-{w:02}-{g:02}"),
                format!("Tổ dân phố {g} khu {w}"),
                "Tổ dân phố".into(),
                format!("IMP-{w:02}"),
                "01/01/2020".into(),
                String::new(),
                String::new(),
            ]);
        }
    }
    assert_eq!(rows.len(), 500);
    if bad {
        rows[9][2] = "Quận".into(); // row 11 in Excel: unknown kind
        rows[99][3] = "KHONG-CO".into(); // row 101: missing parent
        rows[399][5] = "32/13/2024".into(); // row 401: bad date
    }
    xlsx::write_table("Đơn vị", &HEADERS, &rows).unwrap()
}

#[tokio::test]
async fn a_500_unit_workbook_with_3_bad_rows_writes_nothing_and_names_them() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;
    let before = app.audit_count().await;
    c.get("/don-vi/nhap").await;
    let r = c.upload("/don-vi/nhap", workbook(true)).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("3 lỗi"), "{}", r.body);
    for row in [
        "dòng 11, cột C</td>",
        "dòng 101, cột D</td>",
        "dòng 401, cột F</td>",
    ] {
        assert!(r.body.contains(row), "row {row} not reported");
    }
    assert!(app.unit("IMP-00").await.is_none());
    assert_eq!(app.audit_count().await, before);

    let r = c.upload("/don-vi/nhap", workbook(false)).await;
    assert!(r.body.contains("Đã nhập: 500 đơn vị mới"), "{}", r.body);
    assert_eq!(
        app.unit("IMP-03-07").await.unwrap().name,
        "Tổ dân phố 7 khu 3"
    );
}

#[tokio::test]
async fn a_bad_parent_reported_against_the_database_also_writes_nothing() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;
    let mut rows = vec![vec![
        "A1".to_string(),
        "Đơn vị A1".into(),
        "Phường".into(),
        "HL".into(),
    ]];
    rows.push(vec![
        "A2".into(),
        "Đơn vị A2".into(),
        "Tổ dân phố".into(),
        "KHONG-CO".into(),
    ]);
    c.get("/don-vi/nhap").await;
    let r = c
        .upload(
            "/don-vi/nhap",
            xlsx::write_table("x", &HEADERS, &rows).unwrap(),
        )
        .await;
    assert!(r.body.contains("Không có đơn vị cấp trên mã KHONG-CO"));
    assert!(app.unit("A1").await.is_none());
}

#[tokio::test]
async fn an_export_reimports_to_identical_data() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;
    c.get("/don-vi/nhap").await;
    c.upload("/don-vi/nhap", workbook(false)).await;
    let (_, first) = c.get_bytes("/don-vi/xuat.xlsx").await;
    let first_rows = crate::helpers::xlsx_rows(&first);
    // 24 built-in units, 5 offices the built-in criteria sets name, 500 imported.
    assert_eq!(first_rows.len(), 1 + 24 + 5 + 500);

    // Into the same database: nothing changes.
    c.get("/don-vi/nhap").await;
    let r = c.upload("/don-vi/nhap", first.clone()).await;
    assert!(
        r.body.contains("0 đơn vị mới, 0 đơn vị cập nhật"),
        "{}",
        r.body
    );

    // Into a fresh database: the same rows come out again.
    let other = spawn_app().await;
    let mut o = other.signed_in("admin").await;
    o.get("/don-vi/nhap").await;
    let r = o.upload("/don-vi/nhap", first).await;
    assert!(r.body.contains("500 đơn vị mới"), "{}", r.body);
    let (_, second) = o.get_bytes("/don-vi/xuat.xlsx").await;
    assert_eq!(crate::helpers::xlsx_rows(&second), first_rows);
}

#[tokio::test]
async fn a_unit_moved_by_an_import_takes_its_subtree_and_new_children_along() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;
    c.get("/don-vi/nhap").await;
    c.upload("/don-vi/nhap", workbook(false)).await;
    let row = |code: &str, name: &str, kind: &str, parent: &str| -> Vec<String> {
        vec![code.into(), name.into(), kind.into(), parent.into()]
    };
    // Khu 1 moves under Đức Thuận; a new group joins one of its existing groups' siblings.
    let rows = vec![
        row("IMP-01", "Khu 1", "Phường", "HL-DT"),
        row("IMP-01-99", "Tổ dân phố mới", "Tổ dân phố", "IMP-01"),
    ];
    c.get("/don-vi/nhap").await;
    let r = c
        .upload(
            "/don-vi/nhap",
            xlsx::write_table("x", &HEADERS, &rows).unwrap(),
        )
        .await;
    assert!(
        r.body.contains("1 đơn vị mới, 1 đơn vị cập nhật"),
        "{}",
        r.body
    );
    let dt = app.unit("HL-DT").await.unwrap();
    for code in ["IMP-01", "IMP-01-05", "IMP-01-99"] {
        let u = app.unit(code).await.unwrap();
        assert!(
            u.path.starts_with(&dt.path),
            "{code}: {} not under {}",
            u.path,
            dt.path
        );
        assert!(u.path.ends_with(&format!("/{}/", u.id)));
    }
    // The ward officer of Đức Thuận now sees the moved subtree.
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let id = app.unit_id("IMP-01-99").await;
    assert_eq!(ward.get(&format!("/don-vi/{id}")).await.status, 200);
}
