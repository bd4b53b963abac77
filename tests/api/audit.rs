//! The audit chain: tampering is found and named; a SIGKILL loses no acknowledged edit.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::helpers::{Client, fresh_database_url, spawn_app, thidua_command};

#[tokio::test]
async fn changing_one_audit_row_makes_verify_fail_and_name_it() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;
    c.get("/don-vi/moi").await;
    c.post(
        "/don-vi",
        &[
            ("code", "DT-TDP7"),
            ("name", "Tổ dân phố 7"),
            ("kind", "residential_group"),
            ("parent_code", "HL-DT"),
        ],
    )
    .await;

    let ok = thidua_command(app.dir.path(), &app.database_url)
        .args(["audit", "verify"])
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("nguyên vẹn"));

    let mut conn = app.state.db.conn().await.unwrap();
    let target: i64 = thidua::fetch_scalar!(
        &mut conn,
        i64,
        "SELECT MIN(seq) FROM audit_log WHERE action = 'unit.create' AND details LIKE '%DT-TDP7%'"
    )
    .unwrap();
    thidua::execute!(
        &mut conn,
        "UPDATE audit_log SET details = '{\"code\":\"DT-TDP8\"}' WHERE seq = $1",
        target
    )
    .unwrap();
    drop(conn);

    let bad = thidua_command(app.dir.path(), &app.database_url)
        .args(["audit", "verify"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains(&format!("mục nhật ký số {target} đã bị sửa")),
        "{err}"
    );
    // Viewing the admin page does not walk the chain; its "Kiểm tra chuỗi" button does, and warns.
    let page = c.get("/quan-tri/nhat-ky").await.body;
    assert!(!page.contains("CẢNH BÁO"), "{page}");
    assert!(page.contains("Kiểm tra chuỗi"));
    let checked = c.post("/quan-tri/nhat-ky", &[]).await.body;
    assert!(
        checked.contains(&format!("CẢNH BÁO: mục nhật ký số {target} đã bị sửa")),
        "{checked}"
    );
}

#[tokio::test]
async fn a_sigkill_during_a_burst_of_edits_loses_no_acknowledged_edit() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let start = |dir: &std::path::Path| {
        let mut child = thidua_command(dir, &url)
            .env("THIDUA_ADMIN_PASSWORD", "mat-khau-quan-tri")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let addr = BufReader::new(out)
            .lines()
            .map_while(Result::ok)
            .find_map(|l| {
                l.split("đang chạy tại ")
                    .nth(1)
                    .map(|a| a.trim().to_string())
            })
            .expect("address");
        (child, addr)
    };
    let (mut child, addr) = start(dir.path());
    let mut acknowledged = Vec::new();
    let mut clients = Vec::new();
    for _ in 0..4 {
        let mut c = Client::new(&addr);
        c.login("admin", "mat-khau-quan-tri").await;
        c.get("/ca-nhan/moi").await;
        clients.push(c);
    }
    // Four writers at once; the server is killed while they are still sending.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    for (w, c) in clients.into_iter().enumerate() {
        let tx = tx.clone();
        tokio::spawn(async move {
            for i in 0..1000 {
                let name = format!("Người Thử {w} Số {i}");
                let sent = c
                    .http
                    .post(format!("{}/ca-nhan", c.base))
                    .form(&[
                        ("full_name", name.as_str()),
                        ("gender", "nam"),
                        ("unit_code", "HL-DT"),
                        ("csrf", c.csrf.as_str()),
                    ])
                    .send()
                    .await;
                match sent {
                    Ok(r) if r.status().is_success() => {
                        if tx.send(name).is_err() {
                            return;
                        }
                    }
                    _ => return,
                }
            }
        });
    }
    drop(tx);
    while acknowledged.len() < 60 {
        acknowledged.push(rx.recv().await.expect("writers keep going"));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    while let Some(n) = rx.recv().await {
        acknowledged.push(n);
    }

    let (mut child, addr) = start(dir.path());
    let mut c = Client::new(&addr);
    c.login("admin", "mat-khau-quan-tri").await;
    for name in &acknowledged {
        let q = thidua::text::fold(name).replace(' ', "+");
        assert!(
            c.get(&format!("/ca-nhan?q={q}"))
                .await
                .body
                .contains(name.as_str()),
            "lost acknowledged edit {name}"
        );
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let verify = thidua_command(dir.path(), &url)
        .args(["audit", "verify"])
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
}

/// Issue 8, item 10: the administrator exports the filtered log as a report workbook; nobody
/// else can.
#[tokio::test]
async fn the_audit_log_exports_for_the_administrator_only() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;
    c.get("/don-vi/moi").await;
    c.post(
        "/don-vi",
        &[
            ("code", "DT-TDP7"),
            ("name", "Tổ dân phố 7"),
            ("kind", "residential_group"),
            ("parent_code", "HL-DT"),
        ],
    )
    .await;
    let (status, bytes) = c
        .get_bytes("/quan-tri/nhat-ky/xuat.xlsx?doi_tuong=unit")
        .await;
    assert_eq!(status, 200);
    let book = crate::reports::assert_report(&bytes, "Nhật ký hệ thống");
    let rows = &book["Nhật ký"];
    assert!(
        rows.iter()
            .any(|r| crate::reports::text(&r[0]).starts_with("Lọc theo: loại đối tượng «unit»"))
    );
    let entries: Vec<&Vec<calamine::Data>> = rows
        .iter()
        .skip_while(|r| crate::reports::text(&r[0]) != "Số")
        .skip(1)
        .collect();
    assert!(!entries.is_empty());
    assert!(
        entries
            .iter()
            .all(|r| crate::reports::text(&r[5]) == "unit"),
        "the filter holds"
    );
    assert!(
        entries
            .iter()
            .any(|r| crate::reports::text(&r[2]).ends_with("tạo đơn vị «Tổ dân phố 7».")),
        "each entry reads as a sentence"
    );
    assert!(
        matches!(entries[0][0], calamine::Data::Float(_)),
        "entry numbers are numbers"
    );

    let mut ward = app.signed_in("canbo.ducthuan").await;
    let (status, _) = ward.get_bytes("/quan-tri/nhat-ky/xuat.xlsx").await;
    assert_eq!(status, 403);
}
