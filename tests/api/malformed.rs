//! Malformed requests (issue 7): NUL bytes, absurd page numbers, ids that are not numbers,
//! wrong methods and content types get a Vietnamese page with a 4xx status — never axum's
//! English text, never a 500 — and write nothing.

use crate::helpers::{Reply, TestApp, spawn_app};

/// A page a person can read: our HTML error page, in Vietnamese, none of axum's words.
fn assert_vietnamese_4xx(r: &Reply, what: &str) {
    assert!(
        (400..500).contains(&r.status),
        "{what}: status {} {}",
        r.status,
        r.body
    );
    assert!(
        r.body.contains("<html lang=\"vi\">") && r.body.contains("Về trang chủ"),
        "{what}: not our page: {}",
        r.body
    );
    for english in ["Failed to", "Invalid", "invalid digit", "Expected request"] {
        assert!(!r.body.contains(english), "{what}: {}", r.body);
    }
}

async fn persons_named(app: &TestApp, q: &str) -> i64 {
    let mut c = app.state.db.conn().await.unwrap();
    let (_, total) = thidua::subjects::store::search_persons(&mut c, 0, true, q, "/", 10, 0)
        .await
        .unwrap();
    total
}

#[tokio::test]
async fn a_nul_byte_in_any_form_or_query_is_refused_and_writes_nothing() {
    let app = spawn_app().await;
    let before = app.audit_count().await;
    let mut officer = app.signed_in("canbo.ducthuan").await;
    let after_login = app.audit_count().await;
    assert_eq!(after_login, before + 1);

    officer.get("/ca-nhan/moi").await;
    let r = officer
        .post(
            "/ca-nhan",
            &[
                ("full_name", "Trần Thị\0 Nul"),
                ("gender", "nu"),
                ("unit_code", "HL-DT"),
            ],
        )
        .await;
    assert_vietnamese_4xx(&r, "person name");
    assert_eq!(persons_named(&app, "nul").await, 0);

    let mut admin = app.signed_in("admin").await;
    let after_admin = app.audit_count().await;
    admin.get("/don-vi/moi").await;
    let r = admin
        .post(
            "/don-vi",
            &[
                ("code", "NUL-1"),
                ("name", "Tổ dân phố\0 Một"),
                ("kind", "residential_group"),
                ("parent_code", "HL-DT"),
            ],
        )
        .await;
    assert_vietnamese_4xx(&r, "unit name");
    assert!(app.unit("NUL-1").await.is_none());

    for path in [
        "/don-vi/tim?q=h%E1%BB%93ng%00lam",
        "/ca-nhan?q=%00",
        "/ho-gia-dinh?q=a%00b",
        "/quan-tri/nguoi-dung?q=%00",
        "/quan-tri/nhat-ky?hanh_dong=%00",
        "/don-vi/%00",
    ] {
        assert_vietnamese_4xx(&admin.get(path).await, path);
    }
    assert_eq!(app.audit_count().await, after_admin);
}

#[tokio::test]
async fn absurd_page_numbers_are_clamped_or_refused_in_vietnamese() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    for list in [
        "/don-vi/tim?q=h",
        "/ca-nhan",
        "/ho-gia-dinh",
        "/khoi-thi-dua",
        "/quan-tri/nguoi-dung",
        "/quan-tri/nhat-ky",
    ] {
        let join = if list.contains('?') { '&' } else { '?' };
        for page in ["9223372036854775807", "-1", "0", "-9223372036854775808"] {
            let path = format!("{list}{join}trang={page}");
            let r = admin.get(&path).await;
            assert_eq!(r.status, 200, "{path}: {}", r.body);
        }
        for page in ["99999999999999999999", "hai", "1.5"] {
            let path = format!("{list}{join}trang={page}");
            let r = admin.get(&path).await;
            assert_vietnamese_4xx(&r, &path);
            assert!(r.body.contains("«trang»"), "{path}: {}", r.body);
        }
    }
}

#[tokio::test]
async fn ids_that_are_not_numbers_get_a_vietnamese_page() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    let hl = app.unit_id("HL-DT").await;
    for path in [
        "/don-vi/abc".to_string(),
        "/don-vi/99999999999999999999/sua".to_string(),
        "/ca-nhan/-".to_string(),
        "/ho-gia-dinh/1e3".to_string(),
        "/khoi-thi-dua/x".to_string(),
        "/quan-tri/nguoi-dung/abc".to_string(),
        "/chi-tieu/chi-so/abc".to_string(),
        "/so-lieu/abc/2024".to_string(),
        format!("/so-lieu/{hl}/hai-nghin"),
        format!("/so-lieu/{hl}/99999999999999999999"),
        "/ca-nhan/moi?don_vi=abc".to_string(),
        "/khoi-thi-dua/1?nam=abc".to_string(),
    ] {
        assert_vietnamese_4xx(&admin.get(&path).await, &path);
    }
}

#[tokio::test]
async fn wrong_methods_and_bodies_get_vietnamese_pages() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let send = |req: reqwest::RequestBuilder| async move {
        let r = req.send().await.unwrap();
        Reply {
            status: r.status().as_u16(),
            body: r.text().await.unwrap(),
        }
    };
    let url = |p: &str| format!("{}{p}", app.base);
    let token = admin.csrf.clone();
    let r = send(
        admin
            .http
            .put(url("/don-vi"))
            .header("x-csrf-token", &token),
    )
    .await;
    assert_eq!(r.status, 405);
    assert_vietnamese_4xx(&r, "PUT /don-vi");
    let r = send(
        admin
            .http
            .post(url("/don-vi"))
            .header("x-csrf-token", &token)
            .header("content-type", "application/json")
            .body("{\"code\":\"JSON-1\"}"),
    )
    .await;
    assert_vietnamese_4xx(&r, "JSON to a form");
    let r = send(
        admin
            .http
            .post(url("/don-vi/nhap"))
            .header("x-csrf-token", &token)
            .form(&[("file", "khong-phai-tep")]),
    )
    .await;
    assert_vietnamese_4xx(&r, "a form where a file is expected");
    let r = send(
        admin
            .http
            .post(url("/don-vi/1/sua"))
            .header("x-csrf-token", &token)
            .form(&[("code", "HT")]),
    )
    .await;
    assert_vietnamese_4xx(&r, "a form without its version");
    assert!(r.body.contains("«version»"), "{}", r.body);
    let huge = "a".repeat(3 * 1024 * 1024);
    let r = send(
        admin
            .http
            .post(url("/don-vi"))
            .header("x-csrf-token", &token)
            .form(&[("code", "TO-1"), ("name", huge.as_str())]),
    )
    .await;
    assert_vietnamese_4xx(&r, "a form larger than the body limit");
    assert!(app.unit("TO-1").await.is_none());
    assert!(app.unit("JSON-1").await.is_none());
}
