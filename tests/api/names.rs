//! People listed the Vietnamese way — given name, then middle name, then family name (case 01)
//! — also in a database whose keys were stored by the older rule.

use crate::helpers::{Client, TestApp, settings, spawn_app};

/// Case 01's six people, in the order they are typed in.
const TYPED: [&str; 6] = [
    "Lê Văn An",
    "Trần Thị An",
    "Nguyễn Thị An",
    "Đỗ Minh An",
    "Hoàng Văn Bình",
    "Bùi Thị Bình",
];

/// The order award annexes and voter lists are printed in.
const EXPECTED: [&str; 6] = [
    "Đỗ Minh An",
    "Nguyễn Thị An",
    "Trần Thị An",
    "Lê Văn An",
    "Bùi Thị Bình",
    "Hoàng Văn Bình",
];

/// The names of `names` in the order they appear on the page.
fn order_on(page: &str, names: &[&str]) -> Vec<String> {
    let mut found: Vec<(usize, String)> = names
        .iter()
        .map(|n| {
            let at = page
                .find(&format!(">{n}<"))
                .unwrap_or_else(|| panic!("{n} is not listed: {page}"));
            (at, n.to_string())
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, n)| n).collect()
}

async fn add_people(c: &mut Client) {
    for name in TYPED {
        c.get("/ca-nhan/moi").await;
        let r = c
            .post(
                "/ca-nhan",
                &[
                    ("full_name", name),
                    ("gender", "nu"),
                    ("unit_code", "HL-DT"),
                ],
            )
            .await;
        assert!(r.body.contains(&format!("Đã thêm «{name}».")), "{}", r.body);
    }
}

async fn listed(app: &TestApp) -> Vec<String> {
    let mut c = app.signed_in("canbo.ducthuan").await;
    order_on(&c.get("/ca-nhan").await.body, &TYPED)
}

#[tokio::test]
async fn people_are_listed_by_given_then_middle_then_family_name() {
    let app = spawn_app().await;
    let mut officer = app.signed_in("canbo.ducthuan").await;
    add_people(&mut officer).await;
    assert_eq!(listed(&app).await, EXPECTED);
}

#[tokio::test]
async fn a_database_keyed_by_the_old_rule_is_re_keyed_at_start_up() {
    let app = spawn_app().await;
    let mut officer = app.signed_in("canbo.ducthuan").await;
    add_people(&mut officer).await;
    officer.get("/ho-gia-dinh/moi").await;
    for head in ["Lê Văn An", "Nguyễn Thị An"] {
        let r = officer
            .post(
                "/ho-gia-dinh",
                &[
                    ("head_name", head),
                    ("address", "Số 1"),
                    ("unit_code", "HL-DT"),
                ],
            )
            .await;
        assert!(
            r.body.contains(&format!("Đã thêm hộ «{head}».")),
            "{}",
            r.body
        );
        officer.get("/ho-gia-dinh/moi").await;
    }
    // What a database written before the fix holds: keys in written order (family name first)
    // and no record of the key version.
    {
        let mut c = app.state.db.conn().await.unwrap();
        thidua::execute!(&mut c, "UPDATE persons SET sort_key = name_key").unwrap();
        thidua::execute!(&mut c, "UPDATE households SET sort_key = name_key").unwrap();
        thidua::execute!(&mut c, "DELETE FROM key_versions").unwrap();
    }
    assert_ne!(listed(&app).await, EXPECTED, "the stale keys are in use");
    let homes = officer.get("/ho-gia-dinh").await.body;
    assert_eq!(
        order_on(&homes, &["Lê Văn An", "Nguyễn Thị An"]),
        ["Lê Văn An", "Nguyễn Thị An"]
    );

    // The next start re-keys them; the one after finds nothing to do.
    thidua::app::prepare(settings(app.dir.path(), &app.database_url))
        .await
        .unwrap();
    assert_eq!(listed(&app).await, EXPECTED);
    let homes = officer.get("/ho-gia-dinh").await.body;
    assert_eq!(
        order_on(&homes, &["Lê Văn An", "Nguyễn Thị An"]),
        ["Nguyễn Thị An", "Lê Văn An"]
    );
    assert_eq!(
        thidua::subjects::store::rekey_people(&app.state.db)
            .await
            .unwrap(),
        0
    );
}
