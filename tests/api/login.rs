//! Login that holds (issue 7): parallel guesses meet the lock, refusals all read the same,
//! a password change ends other sessions, and signed-in pages are not kept by browsers.

use chrono::Duration;
use thidua::auth::web::LOGIN_REFUSED;

use crate::helpers::{ADMIN_PASSWORD, Client, OFFICER_PASSWORD, TestApp, csrf_of, spawn_app};

async fn failed_checks(app: &TestApp) -> i64 {
    let mut c = app.state.db.conn().await.unwrap();
    let filter = thidua::audit::store::Filter {
        action: Some("auth.login_failed".into()),
        ..Default::default()
    };
    let (_, total) = thidua::audit::store::list(&mut c, &filter, 1, 0)
        .await
        .unwrap();
    total
}

fn signed_in(page: &str) -> bool {
    page.contains("Đăng xuất")
}

#[tokio::test]
async fn a_hundred_parallel_guesses_get_at_most_five_password_checks() {
    let app = spawn_app().await;
    // Stopped at the present: the session sweeper, started with the server, must not find
    // these sessions a day old.
    let start = app.state.clock.now();
    app.state.clock.set(start);
    // Each attacker has its own session and form token, as a script would.
    let mut attackers = Vec::new();
    for _ in 0..100 {
        let mut c = app.client().await;
        c.get("/dang-nhap").await;
        attackers.push(c);
    }
    let mut tasks = tokio::task::JoinSet::new();
    for mut c in attackers {
        tasks.spawn(async move {
            c.post(
                "/dang-nhap",
                &[
                    ("username", "canbo.ducthuan"),
                    ("password", "doan-bua-1234"),
                ],
            )
            .await
        });
    }
    while let Some(r) = tasks.join_next().await {
        let r = r.unwrap();
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.body.contains(LOGIN_REFUSED), "{}", r.body);
    }
    let checks = failed_checks(&app).await;
    assert!(
        (1..=5).contains(&checks),
        "{checks} wrong passwords were checked"
    );
    // The account is locked: the right password fails too, with the same words.
    let mut owner = app.client().await;
    let page = owner.login("canbo.ducthuan", OFFICER_PASSWORD).await;
    assert!(!signed_in(&page) && page.contains(LOGIN_REFUSED), "{page}");
    app.state.clock.set(start + Duration::minutes(14));
    assert!(
        !signed_in(&owner.login("canbo.ducthuan", OFFICER_PASSWORD).await),
        "still locked after 14 minutes"
    );
    assert!(failed_checks(&app).await <= 5, "no check while locked");
    // When the lock ends, the owner gets in.
    app.state.clock.set(start + Duration::minutes(16));
    assert!(signed_in(
        &owner.login("canbo.ducthuan", OFFICER_PASSWORD).await
    ));
}

#[tokio::test]
async fn unknown_wrong_locked_and_disabled_accounts_read_the_same() {
    let app = spawn_app().await;
    app.add_user("canbo.khoa", thidua::auth::Role::UnitOfficer, "HL-DT")
        .await;
    let disabled = app
        .add_user("canbo.nghi", thidua::auth::Role::UnitOfficer, "HL-DT")
        .await;
    {
        let mut c = app.state.db.conn().await.unwrap();
        let now = app.state.clock.now();
        thidua::auth::store::update_user(&mut c, disabled, "canbo.nghi", false, now)
            .await
            .unwrap();
    }
    let mut locker = app.client().await;
    for _ in 0..5 {
        locker.login("canbo.khoa", "sai-mat-khau-1").await;
    }
    // One client, so the page differs only where it repeats the typed name.
    let mut c = app.client().await;
    let cases = [
        ("unknown user", "khong.co.ai", "sai-mat-khau-1"),
        ("wrong password", "canbo.namhong", "sai-mat-khau-1"),
        ("locked, right password", "canbo.khoa", OFFICER_PASSWORD),
        ("disabled, right password", "canbo.nghi", OFFICER_PASSWORD),
    ];
    let mut pages = Vec::new();
    for (case, user, password) in cases {
        let page = c.login(user, password).await;
        assert!(page.contains(LOGIN_REFUSED), "{case}: {page}");
        pages.push((case, page.replace(user, "…")));
    }
    for (case, page) in &pages[1..] {
        assert_eq!(page, &pages[0].1, "{case} differs from an unknown user");
    }
}

#[tokio::test]
async fn an_unknown_name_takes_about_as_long_as_a_wrong_password() {
    let app = spawn_app().await;
    let mut c = app.client().await;
    c.login("khong.co.ai", "x").await; // the first refusal may prepare the stand-in hash
    let median = |mut v: Vec<std::time::Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let mut unknown = Vec::new();
    let mut wrong = Vec::new();
    for _ in 0..4 {
        let t = std::time::Instant::now();
        c.login("khong.co.ai", "sai-mat-khau-1").await;
        unknown.push(t.elapsed());
        let t = std::time::Instant::now();
        c.login("canbo.namhong", "sai-mat-khau-1").await;
        wrong.push(t.elapsed());
    }
    let (unknown, wrong) = (median(unknown), median(wrong));
    // Without a password check for unknown names the ratio is tens; with one it is about 1.
    assert!(
        unknown * 3 >= wrong,
        "unknown name {unknown:?} vs wrong password {wrong:?}"
    );
}

#[tokio::test]
async fn a_password_change_signs_out_the_other_sessions() {
    let app = spawn_app().await;
    let mut here = app.signed_in("canbo.ducthuan").await;
    let mut there = app.signed_in("canbo.ducthuan").await;
    here.get("/tai-khoan/mat-khau").await;
    let r = here
        .post(
            "/tai-khoan/mat-khau",
            &[
                ("current", OFFICER_PASSWORD),
                ("new", "mat-khau-moi-rat-dai"),
                ("confirm", "mat-khau-moi-rat-dai"),
            ],
        )
        .await;
    assert!(r.body.contains("Đã đổi mật khẩu"), "{}", r.body);
    // The session that made the change stays; the other is sent to the login page.
    assert!(signed_in(&here.get("/don-vi").await.body));
    let other = there.get("/don-vi").await.body;
    assert!(!signed_in(&other) && other.contains("name=\"password\""));

    // An admin's reset ends every session of that user.
    let mut namhong = app.signed_in("canbo.namhong").await;
    let mut admin = app.signed_in("admin").await;
    let id = {
        let mut c = app.state.db.conn().await.unwrap();
        thidua::auth::store::user_by_username(&mut c, "canbo.namhong")
            .await
            .unwrap()
            .unwrap()
            .id
    };
    admin.get(&format!("/quan-tri/nguoi-dung/{id}")).await;
    let r = admin
        .post(&format!("/quan-tri/nguoi-dung/{id}/mat-khau"), &[])
        .await;
    assert!(r.body.contains("Hãy đọc trước khi xác nhận"), "asks first");
    assert!(
        signed_in(&namhong.get("/don-vi").await.body),
        "asking changes nothing"
    );
    let r = admin
        .post(
            &format!("/quan-tri/nguoi-dung/{id}/mat-khau"),
            &[("xac_nhan", "co")],
        )
        .await;
    assert!(
        r.body
            .contains("Mật khẩu mới của canbo.namhong (chỉ hiện một lần)"),
        "{}",
        r.body
    );
    assert!(!signed_in(&namhong.get("/don-vi").await.body));
    assert!(signed_in(&admin.get("/don-vi").await.body));
}

#[tokio::test]
async fn signed_in_pages_and_exports_are_not_stored_and_no_page_leaks_its_address() {
    let app = spawn_app().await;
    let anon = reqwest::Client::new();
    let login = anon
        .get(format!("{}/dang-nhap", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(header(&login, "cache-control"), "no-store");
    assert_eq!(header(&login, "referrer-policy"), "same-origin");
    let missing = anon
        .get(format!("{}/khong-co", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(header(&missing, "referrer-policy"), "same-origin");

    let c = app.signed_in("canbo.ducthuan").await;
    for path in [
        "/",
        "/don-vi",
        "/ca-nhan",
        "/ca-nhan/xuat.xlsx",
        "/don-vi/xuat.xlsx",
    ] {
        let r = c
            .http
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200, "{path}");
        assert_eq!(header(&r, "cache-control"), "no-store", "{path}");
        assert_eq!(header(&r, "referrer-policy"), "same-origin", "{path}");
    }
}

fn header(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

async fn session_cookie(base: &str) -> String {
    let r = reqwest::Client::new()
        .get(format!("{base}/dang-nhap"))
        .send()
        .await
        .unwrap();
    let cookie = header(&r, "set-cookie");
    assert!(cookie.starts_with("thidua_sid="), "{cookie}");
    cookie
}

#[tokio::test]
async fn the_cookie_is_secure_when_the_public_url_is_https() {
    let plain = spawn_app().await;
    assert!(!session_cookie(&plain.base).await.contains("Secure"));
    let https = crate::helpers::spawn_app_with(|s| {
        s.public_url = "https://thidua.hatinh.gov.vn".into();
    })
    .await;
    let cookie = session_cookie(&https.base).await;
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
}

#[tokio::test]
async fn a_login_form_with_a_nul_byte_is_refused_in_vietnamese_and_writes_nothing() {
    let app = spawn_app().await;
    let before = app.audit_count().await;
    let mut c = Client::new(&app.base);
    let page = c.get("/dang-nhap").await.body;
    assert!(csrf_of(&page).is_some());
    let r = c
        .post(
            "/dang-nhap",
            &[("username", "admin\0"), ("password", ADMIN_PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("<html lang=\"vi\">") && r.body.contains("ký tự rỗng (NUL)"));
    assert!(!signed_in(&c.get("/").await.body));
    assert_eq!(app.audit_count().await, before);
}
