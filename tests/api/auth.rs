//! Login, lockout, CSRF, idle timeout, password change, user administration.

use thidua::auth::web::LOGIN_REFUSED;

use crate::helpers::{OFFICER_PASSWORD, spawn_app, spawn_app_with};

#[tokio::test]
async fn the_sixth_wrong_password_meets_a_locked_account() {
    let app = spawn_app().await;
    let mut c = app.client().await;
    // Every refusal reads the same, so the form does not tell how many tries are left.
    for attempt in 1..=6 {
        let page = c.login("canbo.ducthuan", "sai-mat-khau").await;
        assert!(page.contains(LOGIN_REFUSED), "attempt {attempt}: {page}");
    }
    // Even the right password is refused until the lock runs out.
    let right = c.login("canbo.ducthuan", OFFICER_PASSWORD).await;
    assert!(right.contains(LOGIN_REFUSED) && !right.contains("Đăng xuất"));
    // Another account is unaffected.
    let mut other = app.client().await;
    assert!(
        other
            .login("canbo.namhong", OFFICER_PASSWORD)
            .await
            .contains("Đăng xuất")
    );
}

#[tokio::test]
async fn a_form_posted_without_its_token_is_refused() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;
    let before = app.audit_count().await;
    let fields = [
        ("code", "KHONG-TOKEN"),
        ("name", "Không có mã"),
        ("kind", "ward"),
        ("parent_code", "HL"),
    ];
    let r = c.post_raw("/don-vi", &fields).await;
    assert_eq!(r.status, 403);
    assert!(r.body.contains("Yêu cầu bị từ chối"));
    let mut with_wrong = fields.to_vec();
    with_wrong.push(("csrf", "0000"));
    assert_eq!(c.post_raw("/don-vi", &with_wrong).await.status, 403);
    // A login form without a token is refused as well.
    let mut anon = app.client().await;
    assert_eq!(
        anon.post_raw("/dang-nhap", &[("username", "admin"), ("password", "x")])
            .await
            .status,
        403
    );
    assert!(app.unit("KHONG-TOKEN").await.is_none());
    assert_eq!(app.audit_count().await, before);
}

#[tokio::test]
async fn an_idle_session_ends_and_login_says_why() {
    let app = spawn_app_with(|s| s.idle_timeout_minutes = -1).await;
    let mut c = app.client().await;
    // The login succeeds, but the very next page finds the session idle past the limit.
    let page = c.login("admin", crate::helpers::ADMIN_PASSWORD).await;
    assert!(page.contains("Phiên đăng nhập đã hết"), "{page}");
    assert!(!c.get("/don-vi").await.body.contains("Đăng xuất"));
}

#[tokio::test]
async fn users_change_passwords_and_admins_grant_scoped_roles() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    admin.get("/quan-tri/nguoi-dung/moi").await;
    let r = admin
        .post(
            "/quan-tri/nguoi-dung",
            &[
                ("username", "canbo.dauliu"),
                ("full_name", "Cán bộ Đậu Liêu"),
                ("role", "unit_officer"),
                ("unit_code", "HL-DL"),
            ],
        )
        .await;
    let flash = r
        .body
        .split("chỉ hiện một lần): ")
        .nth(1)
        .expect("generated password is shown once");
    let password: String = flash.chars().take(19).collect();
    let mut u = app.client().await;
    assert!(
        u.login("canbo.dauliu", &password)
            .await
            .contains("Phường Đậu Liêu")
    );
    u.get("/tai-khoan/mat-khau").await;
    let r = u
        .post(
            "/tai-khoan/mat-khau",
            &[("current", &password), ("new", "ngan"), ("confirm", "ngan")],
        )
        .await;
    assert!(r.body.contains("ít nhất 10 ký tự"));
    let r = u
        .post(
            "/tai-khoan/mat-khau",
            &[
                ("current", &password),
                ("new", "mat-khau-moi-dai"),
                ("confirm", "mat-khau-moi-dai"),
            ],
        )
        .await;
    assert!(r.body.contains("Đã đổi mật khẩu"));
    let mut again = app.client().await;
    assert!(
        !again
            .login("canbo.dauliu", &password)
            .await
            .contains("Đăng xuất")
    );
    assert!(
        again
            .login("canbo.dauliu", "mat-khau-moi-dai")
            .await
            .contains("Đăng xuất")
    );
    // A non-admin cannot reach user administration.
    assert_eq!(again.get("/quan-tri/nguoi-dung/moi").await.status, 403);
}

/// Issue 8, item 6: stopping an account and removing a role ask first; asking changes nothing.
#[tokio::test]
async fn stopping_an_account_and_removing_a_role_ask_for_confirmation() {
    let app = spawn_app().await;
    let id = app
        .add_user("vp.noivu", thidua::auth::Role::InternalAffairs, "HL")
        .await;
    let hl = app.unit_id("HL").await;
    let mut admin = app.signed_in("admin").await;
    let user_page = format!("/quan-tri/nguoi-dung/{id}");
    let active = |app: &crate::helpers::TestApp| {
        let db = app.state.db.clone();
        async move {
            let mut c = db.conn().await.unwrap();
            thidua::auth::store::user_by_id(&mut c, id)
                .await
                .unwrap()
                .unwrap()
                .active
        }
    };

    admin.get(&user_page).await;
    let r = admin
        .post(&format!("{user_page}/trang-thai"), &[("active", "0")])
        .await;
    assert!(r.body.contains("Ngừng tài khoản vp.noivu"), "{}", r.body);
    assert!(
        r.body
            .contains("mọi phiên đang mở của tài khoản kết thúc ngay")
    );
    assert!(active(&app).await, "asking changes nothing");
    admin
        .post(
            &format!("{user_page}/trang-thai"),
            &[("active", "0"), ("xac_nhan", "co")],
        )
        .await;
    assert!(!active(&app).await);

    let r = admin
        .post(
            &format!("{user_page}/vai-tro/xoa"),
            &[("role", "internal_affairs"), ("unit_id", &hl.to_string())],
        )
        .await;
    assert!(r.body.contains("Bỏ vai trò"), "{}", r.body);
    assert!(
        admin
            .get(&user_page)
            .await
            .body
            .contains("Bỏ vai trò</button>"),
        "still held"
    );
    let r = admin
        .post(
            &format!("{user_page}/vai-tro/xoa"),
            &[
                ("role", "internal_affairs"),
                ("unit_id", &hl.to_string()),
                ("xac_nhan", "co"),
            ],
        )
        .await;
    assert!(r.body.contains("Đã bỏ vai trò."), "{}", r.body);
}
