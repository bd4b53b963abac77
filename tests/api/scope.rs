//! An officer of Đức Thuận works on Đức Thuận and nothing else — pages, edits, search, exports.

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_ward_officer_sees_and_edits_only_their_subtree() {
    let app = spawn_app().await;
    // Admin puts a residential group, a person and a household in each ward.
    let mut admin = app.signed_in("admin").await;
    for (ward, code, person) in [
        ("HL-DT", "DT-TDP1", "Phạm Thị Thuận"),
        ("HL-NH", "NH-TDP1", "Hoàng Văn Nam"),
    ] {
        admin.get("/don-vi/moi").await;
        admin
            .post(
                "/don-vi",
                &[
                    ("code", code),
                    ("name", &format!("Tổ dân phố 1 {ward}")),
                    ("kind", "residential_group"),
                    ("parent_code", ward),
                ],
            )
            .await;
        admin.get("/ca-nhan/moi").await;
        let r = admin
            .post(
                "/ca-nhan",
                &[
                    ("full_name", person),
                    ("gender", "nu"),
                    ("unit_code", code),
                    ("citizen_id", "042190001234"),
                ],
            )
            .await;
        assert!(r.body.contains("Đã thêm"), "{}", r.body);
        admin.get("/ho-gia-dinh/moi").await;
        admin
            .post(
                "/ho-gia-dinh",
                &[("head_name", person), ("unit_code", code)],
            )
            .await;
    }
    let nh = app.unit("HL-NH").await.unwrap();
    let nh_group = app.unit("NH-TDP1").await.unwrap();
    let nh_person = admin.get("/ca-nhan?q=hoang+van+nam").await.body;
    let nh_person_id = crate::helpers::first_id(&nh_person, "/ca-nhan/");
    let nh_household = admin.get("/ho-gia-dinh?q=hoang").await.body;
    let nh_household_id = crate::helpers::first_id(&nh_household, "/ho-gia-dinh/");
    assert!(!nh_person_id.is_empty() && !nh_household_id.is_empty());

    let mut dt = app.signed_in("canbo.ducthuan").await;
    // Own ward: visible and editable, and a group can be added under it.
    let dt_id = app.unit_id("HL-DT").await;
    assert_eq!(dt.get(&format!("/don-vi/{dt_id}")).await.status, 200);
    dt.get(&format!("/don-vi/moi?cha={dt_id}")).await;
    let r = dt
        .post(
            "/don-vi",
            &[
                ("code", "DT-TDP2"),
                ("name", "Tổ dân phố 2"),
                ("kind", "residential_group"),
                ("parent_code", "HL-DT"),
            ],
        )
        .await;
    assert!(r.body.contains("Đã thêm đơn vị"), "{}", r.body);
    let own = app.unit("HL-DT").await.unwrap();
    dt.get(&format!("/don-vi/{dt_id}/sua")).await;
    let r = dt
        .post(
            &format!("/don-vi/{dt_id}/sua"),
            &[
                ("code", "HL-DT"),
                ("name", "Phường Đức Thuận"),
                ("kind", "ward"),
                ("parent_code", "HL"),
                ("valid_to", "30/06/2025"),
                ("note", "Đã rà soát"),
                ("version", &own.version.to_string()),
            ],
        )
        .await;
    assert!(r.body.contains("Đã lưu thay đổi"), "{}", r.body);

    // Every URL of Nam Hồng's objects answers 403 or 404.
    for path in [
        format!("/don-vi/{}", nh.id),
        format!("/don-vi/{}/sua", nh.id),
        format!("/don-vi/{}", nh_group.id),
        format!("/don-vi/moi?cha={}", nh.id),
        format!("/ca-nhan/{nh_person_id}"),
        format!("/ca-nhan/{nh_person_id}/sua"),
        format!("/ca-nhan?don_vi={}", nh.id),
        format!("/ho-gia-dinh/{nh_household_id}"),
        format!("/ho-gia-dinh?don_vi={}", nh.id),
        format!("/ca-nhan/xuat.xlsx?don_vi={}", nh.id),
        "/quan-tri/nguoi-dung".to_string(),
        "/quan-tri/nhat-ky".to_string(),
    ] {
        let s = dt.get(&path).await.status;
        assert!(s == 403 || s == 404, "{path} answered {s}");
    }
    dt.get("/").await;
    for (path, fields) in [
        (
            format!("/don-vi/{}/sua", nh.id),
            vec![
                ("code", "HL-NH"),
                ("name", "Bị sửa"),
                ("kind", "ward"),
                ("parent_code", "HL"),
                ("version", "1"),
            ],
        ),
        (
            format!("/don-vi/{}/dong", nh.id),
            vec![("valid_to", "01/01/2024"), ("version", "1")],
        ),
        (
            format!("/ca-nhan/{nh_person_id}/sua"),
            vec![
                ("full_name", "Bị sửa"),
                ("gender", "nam"),
                ("unit_code", "NH-TDP1"),
            ],
        ),
    ] {
        let r = dt.post(&path, &fields).await;
        assert!(
            r.status == 403 || r.status == 404,
            "{path} answered {}",
            r.status
        );
    }
    // Creating under Nam Hồng is refused with a message, and nothing is written.
    dt.get("/don-vi/moi").await;
    let r = dt
        .post(
            "/don-vi",
            &[
                ("code", "NH-TDP9"),
                ("name", "Lấn sân"),
                ("kind", "residential_group"),
                ("parent_code", "HL-NH"),
            ],
        )
        .await;
    assert!(r.body.contains("không có quyền"));
    assert!(app.unit("NH-TDP9").await.is_none());
    assert_eq!(app.unit("HL-NH").await.unwrap().name, "Phường Nam Hồng");
    assert!(
        app.unit("HL-NH").await.unwrap().valid_to == chrono::NaiveDate::from_ymd_opt(2025, 6, 30)
    );

    // Lists, search and exports hold only Đức Thuận's data.
    let tree = dt.get("/don-vi").await.body;
    assert!(
        tree.contains("Tổ dân phố 2")
            && !tree.contains("Phường Nam Hồng")
            && !tree.contains("Thị xã Hồng Lĩnh")
    );
    assert!(
        !dt.get("/don-vi/tim?q=nam+hong")
            .await
            .body
            .contains("Phường Nam Hồng")
    );
    let persons = dt.get("/ca-nhan?q=").await.body;
    assert!(persons.contains("Phạm Thị Thuận") && !persons.contains("Hoàng Văn Nam"));
    assert!(
        !dt.get("/ho-gia-dinh?q=")
            .await
            .body
            .contains("Hoàng Văn Nam")
    );
    let (status, bytes) = dt.get_bytes("/don-vi/xuat.xlsx").await;
    assert_eq!(status, 200);
    let rows = crate::helpers::xlsx_rows(&bytes);
    let codes: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(codes.len(), 3, "{codes:?}");
    assert!(codes.contains(&"HL-DT") && codes.contains(&"DT-TDP1") && codes.contains(&"DT-TDP2"));
    let (_, bytes) = dt.get_bytes("/ca-nhan/xuat.xlsx").await;
    let book = crate::reports::assert_report(&bytes, "Danh sách cá nhân");
    let rows = &book["Cá nhân"];
    let names: Vec<String> = rows
        .iter()
        .skip_while(|r| crate::reports::text(&r[0]) != "STT")
        .skip(1)
        .map(|r| crate::reports::text(&r[1]))
        .collect();
    assert_eq!(names, ["Phạm Thị Thuận"], "only the ward's own person");
    // The citizen ID never appears in an export.
    assert!(
        !rows
            .iter()
            .flatten()
            .any(|c| crate::reports::text(c).contains("042190001234"))
    );
    let (_, bytes) = dt.get_bytes("/ho-gia-dinh/xuat.xlsx").await;
    let book = crate::reports::assert_report(&bytes, "Danh sách hộ gia đình");
    assert!(
        !book["Hộ gia đình"]
            .iter()
            .flatten()
            .any(|c| crate::reports::text(c).contains("Hoàng Văn Nam")),
        "another ward's household stays out"
    );
}

#[tokio::test]
async fn a_council_member_reads_but_cannot_change_the_register() {
    let app = spawn_app().await;
    let mut m = app.signed_in("thanhvien.hd").await;
    let dt = app.unit("HL-DT").await.unwrap();
    assert_eq!(m.get(&format!("/don-vi/{}", dt.id)).await.status, 200);
    assert_eq!(m.get(&format!("/don-vi/{}/sua", dt.id)).await.status, 403);
    m.get("/").await;
    let r = m
        .post(
            &format!("/don-vi/{}/dong", dt.id),
            &[("valid_to", "01/01/2024"), ("version", "1")],
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(app.unit("HL-DT").await.unwrap().version, dt.version);
}
