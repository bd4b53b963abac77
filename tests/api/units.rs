//! Units through the UI: create, bad input shown back, edit conflicts, close instead of delete.

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_bad_unit_form_comes_back_with_what_was_typed_and_writes_nothing() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;
    let before = app.audit_count().await;
    c.get("/don-vi/moi").await;
    let r = c
        .post(
            "/don-vi",
            &[
                ("code", "TDP 01!"),
                ("name", "Tổ dân phố Số Một"),
                ("kind", "residential_group"),
                ("parent_code", "KHONG-CO"),
                ("valid_from", "31/02/2024"),
            ],
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Tổ dân phố Số Một"), "typed name is kept");
    assert!(r.body.contains("Mã đơn vị chỉ gồm"));
    assert!(r.body.contains("không hợp lệ"));
    assert!(app.unit("TDP 01!").await.is_none());
    assert_eq!(app.audit_count().await, before);
}

#[tokio::test]
async fn units_are_closed_not_deleted_and_edits_are_audited() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;
    let dt = app.unit_id("HL-DT").await;
    c.get(&format!("/don-vi/moi?cha={dt}")).await;
    let r = c
        .post(
            "/don-vi",
            &[
                ("code", "DT-TDP1"),
                ("name", "Tổ dân phố 1"),
                ("kind", "residential_group"),
                ("parent_code", "HL-DT"),
            ],
        )
        .await;
    assert!(r.body.contains("Đã thêm đơn vị"), "{}", r.body);
    let unit = app.unit("DT-TDP1").await.unwrap();
    assert!(
        unit.path
            .starts_with(&app.unit("HL-DT").await.unwrap().path)
    );

    c.get(&format!("/don-vi/{}", unit.id)).await;
    let r = c
        .post(
            &format!("/don-vi/{}/dong", unit.id),
            &[
                ("valid_to", "31/12/2024"),
                ("version", &unit.version.to_string()),
            ],
        )
        .await;
    assert!(
        r.body.contains("Hãy đọc trước khi xác nhận"),
        "closing asks first"
    );
    assert_eq!(app.unit("DT-TDP1").await.unwrap().valid_to, None);
    let r = c
        .post(
            &format!("/don-vi/{}/dong", unit.id),
            &[
                ("valid_to", "31/12/2024"),
                ("version", &unit.version.to_string()),
                ("xac_nhan", "co"),
            ],
        )
        .await;
    assert!(r.body.contains("hết hiệu lực"));
    let closed = app.unit("DT-TDP1").await.unwrap();
    assert_eq!(
        closed.valid_to,
        chrono::NaiveDate::from_ymd_opt(2024, 12, 31)
    );

    // An edit based on the old version is refused, not silently overwritten.
    c.get(&format!("/don-vi/{}/sua", unit.id)).await;
    let r = c
        .post(
            &format!("/don-vi/{}/sua", unit.id),
            &[
                ("code", "DT-TDP1"),
                ("name", "Tên mới"),
                ("kind", "residential_group"),
                ("parent_code", "HL-DT"),
                ("version", &unit.version.to_string()),
            ],
        )
        .await;
    assert!(r.body.contains("vừa được người khác sửa"));
    assert_eq!(app.unit("DT-TDP1").await.unwrap().name, "Tổ dân phố 1");

    let log = c
        .get(&format!("/quan-tri/nhat-ky?doi_tuong=unit&ma={}", unit.id))
        .await
        .body;
    assert!(log.contains("unit.create") && log.contains("unit.close"));
    let checked = c.post("/quan-tri/nhat-ky", &[]).await.body;
    assert!(checked.contains("Chuỗi nhật ký nguyên vẹn"), "{checked}");
}

#[tokio::test]
async fn search_ignores_diacritics_and_case_and_people_sort_the_vietnamese_way() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;
    let r = c.get("/don-vi/tim?q=DUC+THUAN").await.body;
    assert!(r.contains("Phường Đức Thuận"));
    let r = c.get("/don-vi/tim?q=dau+lieu").await.body;
    assert!(r.contains("Phường Đậu Liêu"));

    for (name, year) in [
        ("Trần Văn Bình", "1970"),
        ("Nguyễn Thị An", "1980"),
        ("Lê Văn An", "1975"),
        ("Lê Ân", "1990"),
    ] {
        c.get("/ca-nhan/moi").await;
        let r = c
            .post(
                "/ca-nhan",
                &[
                    ("full_name", name),
                    ("birth_year", year),
                    ("gender", "nam"),
                    ("unit_code", "HL-DT"),
                ],
            )
            .await;
        assert!(r.body.contains("Đã thêm"), "{}", r.body);
    }
    let list = c.get("/ca-nhan?q=").await.body;
    // Given name, then middle, then family name: Thị < Văn decides before Nguyễn or Lê.
    let order: Vec<usize> = ["Nguyễn Thị An", "Lê Văn An", "Lê Ân", "Trần Văn Bình"]
        .iter()
        .map(|n| list.find(n).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "order {order:?}");
    let found = c.get("/ca-nhan?q=tran+van+binh").await.body;
    assert!(found.contains("Trần Văn Bình") && !found.contains("Lê Ân"));
}

#[tokio::test]
async fn a_succession_is_recorded_once_and_shown_from_both_sides() {
    let app = spawn_app().await;
    let mut c = app.signed_in("admin").await;
    for (code, name) in [("DT-TDP7", "Tổ dân phố 7"), ("DT-TDP8", "Tổ dân phố 8")] {
        c.get("/don-vi/moi").await;
        c.post(
            "/don-vi",
            &[
                ("code", code),
                ("name", name),
                ("kind", "residential_group"),
                ("parent_code", "HL-DT"),
            ],
        )
        .await;
    }
    let old = app.unit_id("DT-TDP7").await;
    let new = app.unit_id("DT-TDP8").await;
    let link = format!("/don-vi/{new}/tien-than");
    c.get(&format!("/don-vi/{new}")).await;
    let r = c
        .post(
            &link,
            &[
                ("predecessor_code", "DT-TDP7"),
                ("effective_on", "01/01/2026"),
            ],
        )
        .await;
    assert!(
        r.body
            .contains("Đã ghi: «Tổ dân phố 8» kế thừa «Tổ dân phố 7» từ 01/01/2026."),
        "{}",
        r.body
    );
    assert!(r.body.contains(&format!(
        "href=\"/don-vi/{old}\">Tổ dân phố 7</a> (từ 01/01/2026)"
    )));
    let back = c.get(&format!("/don-vi/{old}")).await.body;
    assert!(back.contains("Đơn vị kế thừa"));
    assert!(back.contains(&format!("href=\"/don-vi/{new}\">Tổ dân phố 8</a>")));

    let before = app.audit_count().await;
    for (code, day, message) in [
        ("DT-TDP7", "01/01/2026", "đã có liên kết kế thừa"),
        ("DT-TDP8", "01/01/2026", "không thể kế thừa chính nó"),
        ("DT-TDP7", "32/01/2026", "Ngày kế thừa không hợp lệ"),
        ("KHONG-CO", "01/01/2026", "Không có đơn vị mã «KHONG-CO»"),
    ] {
        let r = c
            .post(&link, &[("predecessor_code", code), ("effective_on", day)])
            .await;
        assert_eq!(r.status, 400, "{code} {day}");
        assert!(r.body.contains(message), "{code}: {}", r.body);
    }
    assert_eq!(app.audit_count().await, before);

    // A ward officer cannot tie a unit of another ward to theirs.
    let mut officer = app.signed_in("canbo.ducthuan").await;
    officer.get(&format!("/don-vi/{new}")).await;
    let before = app.audit_count().await;
    let r = officer
        .post(
            &link,
            &[
                ("predecessor_code", "HL-NH"),
                ("effective_on", "01/01/2026"),
            ],
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(app.audit_count().await, before);
}
