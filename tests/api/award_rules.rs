//! Award rules as dated data (issue 12, item 1) on either engine: every official reads the
//! coefficients and base salaries and tries the money of a decision date; an open coefficient
//! shows "chờ xác nhận" and blocks the money until an administrator enters it with its basis;
//! no one else changes a rule, and a refused change writes nothing.

use crate::helpers::*;
use thidua::auth::Role;
use thidua::awards::{Level, SubjectKind, store};

async fn row_id(app: &TestApp, form: &str, level: Level, s: SubjectKind, from: &str) -> String {
    let mut c = app.state.db.conn().await.unwrap();
    store::coefficients(&mut c)
        .await
        .unwrap()
        .into_iter()
        .find(|r| {
            r.form_code == form
                && r.level == level
                && r.subject == s
                && r.valid_from.to_string() == from
        })
        .unwrap()
        .id
        .to_string()
}

fn calc(form: &str, level: &str, subject: &str, on: &str) -> String {
    format!("/khen-thuong/quy-dinh?hinh_thuc={form}&cap={level}&doi_tuong={subject}&ngay={on}")
}

/// The calculator's answer on the page.
fn answer(page: &str) -> String {
    let i = page
        .find("class=\"result\"")
        .or_else(|| page.find("role=\"alert\""))
        .unwrap_or_else(|| panic!("an answer: {page}"));
    page[i..].split("</p>").next().unwrap().to_string()
}

#[tokio::test]
async fn an_open_coefficient_blocks_the_money_until_an_administrator_enters_it() {
    let app = spawn_app().await;
    app.add_user("phuong.bh", Role::UnitOfficer, "HL-BH").await;
    let mut w = app.signed_in("phuong.bh").await;
    let page = w.get("/khen-thuong/quy-dinh").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("chờ xác nhận"), "{}", page.body);
    assert!(page.body.contains("Nghị định 161/2026/NĐ-CP"));
    assert!(!page.body.contains("Sửa hệ số"), "officers only read");

    let a = answer(
        &w.get(&calc("giay_khen", "district", "individual", "01/07/2024"))
            .await
            .body,
    );
    assert!(
        a.contains("710.000 đ") && a.contains("0,3 × 2.340.000 đ"),
        "{a}"
    );
    let a = answer(
        &w.get(&calc("giay_khen", "district", "individual", "30/06/2024"))
            .await
            .body,
    );
    assert!(
        a.contains("540.000 đ"),
        "the base of the decision date: {a}"
    );
    let open = calc("giay_khen", "commune", "individual", "20/12/2024");
    let a = answer(&w.get(&open).await.body);
    assert!(a.contains("chờ xác nhận"), "{a}");

    // An officer cannot change a rule; nothing is written.
    let id = row_id(
        &app,
        "giay_khen",
        Level::Commune,
        SubjectKind::Individual,
        "2024-01-01",
    )
    .await;
    let before = app.audit_count().await;
    let fields = [
        ("id", id.as_str()),
        ("coefficient", "0,15"),
        ("basis", "Quyết định của UBND tỉnh"),
        ("confirmed", "co"),
    ];
    assert_eq!(
        w.post("/khen-thuong/quy-dinh/he-so", &fields).await.status,
        403
    );
    assert_eq!(app.audit_count().await, before);

    let mut admin = app.signed_in("admin").await;
    admin.get("/khen-thuong/quy-dinh").await;
    let before = app.audit_count().await;
    // A coefficient with four decimals or without its basis is refused, nothing changes.
    let r = admin
        .post(
            "/khen-thuong/quy-dinh/he-so",
            &[
                ("id", id.as_str()),
                ("coefficient", "0,1555"),
                ("basis", "x"),
            ],
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("quá ba chữ số thập phân"), "{}", r.body);
    let r = admin
        .post(
            "/khen-thuong/quy-dinh/he-so",
            &[("id", id.as_str()), ("coefficient", "0,15"), ("basis", " ")],
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("căn cứ pháp lý"), "{}", r.body);
    assert_eq!(app.audit_count().await, before);
    assert!(answer(&w.get(&open).await.body).contains("chờ xác nhận"));

    let r = admin.post("/khen-thuong/quy-dinh/he-so", &fields).await;
    assert!(
        r.body.contains("Đã ghi hệ số 0,15 × lương cơ sở"),
        "{}",
        r.body
    );
    assert_eq!(app.audit_count().await, before + 1);
    let a = answer(&w.get(&open).await.body);
    assert!(
        a.contains("360.000 đ"),
        "0,15 × 2.340.000 = 351.000 → 360.000: {a}"
    );
    assert!(!a.contains("cần xác nhận"), "{a}");
}

#[tokio::test]
async fn the_base_salary_and_the_household_rounding_are_set_with_their_basis() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    admin.get("/khen-thuong/quy-dinh").await;
    let july = calc("giay_khen", "commune", "individual", "01/07/2026");
    let a = answer(&admin.get(&july).await.body);
    assert!(a.contains("760.000 đ") && a.contains("cần xác nhận"), "{a}");

    let before = app.audit_count().await;
    let r = admin
        .post(
            "/khen-thuong/quy-dinh/luong-co-so",
            &[
                ("from", "01/07/2026"),
                ("amount", "2.530.000"),
                ("basis", "Nghị định 161/2026/NĐ-CP, đã đối chiếu Công báo"),
                ("confirmed", "co"),
            ],
        )
        .await;
    assert!(
        r.body.contains("Đã ghi lương cơ sở từ 01/07/2026"),
        "{}",
        r.body
    );
    assert_eq!(app.audit_count().await, before + 1);
    let a = answer(&admin.get(&july).await.body);
    assert!(
        a.contains("760.000 đ") && !a.contains("cần xác nhận"),
        "{a}"
    );
    let r = admin
        .post(
            "/khen-thuong/quy-dinh/luong-co-so",
            &[("from", "31/02/2026"), ("amount", "1"), ("basis", "x")],
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(app.audit_count().await, before + 1);

    let household = calc("giay_khen", "district", "household", "20/12/2024");
    assert!(answer(&admin.get(&household).await.body).contains("1.060.000 đ"));
    admin
        .post(
            "/khen-thuong/quy-dinh/lam-tron",
            &[("rounding", "of_rounded_individual")],
        )
        .await;
    assert!(answer(&admin.get(&household).await.body).contains("1.070.000 đ"));
    assert_eq!(app.audit_count().await, before + 2);
}
