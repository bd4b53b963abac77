//! From nothing: the binary starts, prints the address and the admin password once, and that
//! admin sees the built-in units.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::helpers::{Client, fresh_database_url, thidua_command};

/// Reads the child's stdout until it names its address; returns (address, password).
fn read_start(child: &mut std::process::Child) -> (String, Option<String>) {
    let out = child.stdout.take().unwrap();
    let mut password = None;
    for line in BufReader::new(out).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.split("mật khẩu «").nth(1) {
            password = rest.split('»').next().map(str::to_string);
        }
        if let Some(addr) = line.split("đang chạy tại ").nth(1) {
            return (addr.trim().to_string(), password);
        }
    }
    panic!("server exited before printing its address");
}

#[tokio::test]
async fn a_fresh_start_prints_the_admin_password_once_and_shows_the_plan_units() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let mut child = thidua_command(dir.path(), &url)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (addr, password) = read_start(&mut child);
    let password = password.expect("first start prints the admin password");

    let mut c = Client::new(&addr);
    let home = c.login("admin", &password).await;
    assert!(home.contains("Toàn thị xã chung sức xây dựng xã đạt chuẩn Nông thôn mới"));
    let tree = c.get("/don-vi").await.body;
    for name in [
        "Phường Bắc Hồng",
        "Phường Nam Hồng",
        "Phường Trung Lương",
        "Phường Đức Thuận",
        "Phường Đậu Liêu",
        "Xã Thuận Lộc",
    ] {
        assert!(tree.contains(name), "tree lacks {name}");
    }
    // On 01/07/2025 only the two new wards (and the province) are in force.
    let after = c.get("/don-vi?ngay=01/07/2025").await.body;
    assert!(after.contains("Phường Bắc Hồng Lĩnh") && after.contains("Phường Nam Hồng Lĩnh"));
    assert!(!after.contains("Phường Đức Thuận"));
    let bhl = c.get("/don-vi/tim?q=bac+hong+linh").await.body;
    let id = crate::helpers::first_id(&bhl, "/don-vi/");
    let page = c.get(&format!("/don-vi/{id}")).await.body;
    for pred in [
        "Phường Bắc Hồng",
        "Phường Đức Thuận",
        "Phường Trung Lương",
        "Xã Xuân Lam",
    ] {
        assert!(
            page.contains(pred),
            "Bắc Hồng Lĩnh does not name predecessor {pred}"
        );
    }
    // And the other way round: Thuận Lộc names its successor.
    let tl = c.get("/don-vi/tim?q=thuan+loc").await.body;
    let tl_id = crate::helpers::first_id(&tl, "/don-vi/");
    assert!(
        c.get(&format!("/don-vi/{tl_id}"))
            .await
            .body
            .contains("Phường Nam Hồng Lĩnh")
    );
    child.kill().unwrap();
    child.wait().unwrap();

    // A second start keeps the admin and prints no password.
    let mut again = thidua_command(dir.path(), &url)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (_, second) = read_start(&mut again);
    assert_eq!(second, None);
    again.kill().unwrap();
    again.wait().unwrap();
}
