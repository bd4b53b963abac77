//! Issue 8, item 7: account setup that cannot go wrong quietly. The role list has no default
//! and says the scope each role needs; a town office granted at a ward is refused with the
//! fix; the unit is picked by its name; the user list shows roles, scopes and last sign-in; a
//! password the administrator chose is changed at first sign-in.

use crate::helpers::{Client, TestApp, spawn_app};

async fn create(admin: &mut Client, username: &str, role: &str, unit: &str) -> String {
    admin.get("/quan-tri/nguoi-dung/moi").await;
    admin
        .post(
            "/quan-tri/nguoi-dung",
            &[
                ("username", username),
                ("full_name", "Lê Thị Hoa"),
                ("role", role),
                ("unit_code", unit),
            ],
        )
        .await
        .body
}

async fn exists(app: &TestApp, username: &str) -> bool {
    let mut c = app.state.db.conn().await.unwrap();
    thidua::auth::store::user_by_username(&mut c, username)
        .await
        .unwrap()
        .is_some()
}

#[tokio::test]
async fn a_town_office_is_set_up_over_the_town_and_changes_its_password_first() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    let form = admin.get("/quan-tri/nguoi-dung/moi").await.body;
    assert!(
        form.contains("<option value=\"\" disabled selected>— Chọn vai trò —</option>"),
        "no role is chosen for the admin"
    );
    assert!(form.contains("Văn phòng Điều phối NTM (phạm vi: toàn thị xã"));
    assert!(
        form.contains("<option value=\"Phường Đức Thuận – hết hiệu lực 30/06/2025 (HL-DT)\">"),
        "units offered by name, a closed one marked"
    );

    // No role: refused, nothing created.
    let r = create(&mut admin, "hoa.ntm", "", "Thị xã Hồng Lĩnh").await;
    assert!(r.contains("Hãy chọn vai trò."), "{r}");
    // The NTM office at a ward would see one ward only: refused with the fix.
    let r = create(
        &mut admin,
        "hoa.ntm",
        "ntm_office",
        "Phường Đức Thuận (HL-DT)",
    )
    .await;
    assert!(r.contains("làm việc trên toàn thị xã"), "{r}");
    assert!(r.contains("không phải «Phường Đức Thuận»"));
    // An administrator is the whole system's: "admin at a ward" would limit nothing.
    let r = create(&mut admin, "hoa.ntm", "admin", "Phường Đức Thuận (HL-DT)").await;
    assert!(r.contains("có quyền trên toàn hệ thống"), "{r}");
    // A name shared by nothing exactly: close names are offered.
    let r = create(&mut admin, "hoa.ntm", "ntm_office", "Hồng Lĩnh").await;
    assert!(
        r.contains("Không có đơn vị tên đúng «Hồng Lĩnh». Có phải:"),
        "{r}"
    );
    assert!(r.contains("Thị xã Hồng Lĩnh (HL)"));
    assert!(
        !exists(&app, "hoa.ntm").await,
        "nothing created by the refusals"
    );

    // Typed without diacritics, the town's name is enough.
    let r = create(&mut admin, "hoa.ntm", "ntm_office", "thi xa hong linh").await;
    let password: String = r
        .split("chỉ hiện một lần): ")
        .nth(1)
        .expect("the initial password is shown once")
        .chars()
        .take(19)
        .collect();

    // First sign-in: the password page comes first, and every other page leads back to it.
    let mut hoa = app.client().await;
    let first = hoa.login("hoa.ntm", &password).await;
    assert!(first.contains("Đây là lần đầu bạn đăng nhập"), "{first}");
    assert!(
        hoa.get("/so-lieu")
            .await
            .body
            .contains("Đây là lần đầu bạn đăng nhập")
    );
    hoa.get("/tai-khoan/mat-khau").await;
    let same = hoa
        .post(
            "/tai-khoan/mat-khau",
            &[
                ("current", &password),
                ("new", &password),
                ("confirm", &password),
            ],
        )
        .await;
    assert!(same.body.contains("phải khác mật khẩu hiện tại"));
    let changed = hoa
        .post(
            "/tai-khoan/mat-khau",
            &[
                ("current", &password),
                ("new", "mat-khau-cua-hoa-2026"),
                ("confirm", "mat-khau-cua-hoa-2026"),
            ],
        )
        .await;
    assert!(changed.body.contains("Đã đổi mật khẩu"), "{}", changed.body);
    assert!(
        hoa.get("/so-lieu")
            .await
            .body
            .contains("Tình hình nộp số liệu")
    );

    // The list shows each role with its scope and when the person last signed in.
    let list = admin.get("/quan-tri/nguoi-dung?q=hoa").await.body;
    assert!(
        list.contains("Văn phòng Điều phối NTM – Thị xã Hồng Lĩnh"),
        "{list}"
    );
    assert!(!list.contains("Chưa đăng nhập"), "signed in: {list}");
    let list = admin.get("/quan-tri/nguoi-dung?q=canbo.namhong").await.body;
    assert!(list.contains("Cán bộ đơn vị – Phường Nam Hồng") && list.contains("Chưa đăng nhập"));

    // A role added later is checked the same way.
    let id = crate::helpers::first_id(
        &admin.get("/quan-tri/nguoi-dung?q=hoa").await.body,
        "/quan-tri/nguoi-dung/",
    );
    admin.get(&format!("/quan-tri/nguoi-dung/{id}")).await;
    let r = admin
        .post(
            &format!("/quan-tri/nguoi-dung/{id}/vai-tro"),
            &[
                ("role", "internal_affairs"),
                ("unit_code", "Phường Nam Hồng"),
            ],
        )
        .await;
    assert!(
        r.body
            .contains("Chưa giao được vai trò: Vai trò «Phòng Nội vụ"),
        "told on the user's page: {}",
        r.body
    );
    assert!(r.body.contains("làm việc trên toàn thị xã"));
    assert!(
        r.body.contains("Vai trò và phạm vi"),
        "still on the user's page"
    );
}
