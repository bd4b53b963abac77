//! The rules around assessments: a ward reaches only its own, an office and the administrator
//! cannot fill one, a target still waiting is never judged, refused evidence leaves nothing,
//! and copying a set or amending an indicator leaves earlier assessments exactly as they were.

use crate::assessments::*;
use crate::helpers::*;
use thidua::auth::Role;
use thidua::criteria::store;

#[tokio::test]
async fn each_ward_and_office_stays_in_its_own_lane() {
    let app = spawn_app().await;
    app.add_user("phuong.bh", Role::UnitOfficer, "HL-BH").await;
    app.add_user("phuong.nh", Role::UnitOfficer, "HL-NH").await;
    app.add_user("vp.qldt", Role::UnitOfficer, "HL-QLDT").await;
    let set = ward_set(&app).await;
    let mut bh = app.signed_in("phuong.bh").await;
    let id = open_assessment(&app, &mut bh, set, "HL-BH", "2024").await;

    // Another ward: neither reads nor writes, nor opens one for Bắc Hồng.
    let mut nh = app.signed_in("phuong.nh").await;
    assert_eq!(nh.get(&format!("/danh-gia/{id}")).await.status, 403);
    assert_eq!(
        nh.post(&format!("/danh-gia/{id}"), &[("version", "1")])
            .await
            .status,
        403
    );
    let (status, _) = attach(&nh, id, 1, "x.pdf", PDF.to_vec()).await;
    assert_eq!(status, 403);
    let bh_id = app.unit_id("HL-BH").await.to_string();
    let r = nh
        .post(
            "/danh-gia",
            &[
                ("set_id", &set.to_string()),
                ("subject", &bh_id),
                ("year", "2025"),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(!nh.get("/danh-gia").await.body.contains("Phường Bắc Hồng"));

    // The office reads it (it owns criteria) but cannot fill it, nor verify a draft.
    let mut qldt = app.signed_in("vp.qldt").await;
    let page = qldt.get(&format!("/danh-gia/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(
        !page.body.contains("id=\"af\""),
        "no entry form for the office"
    );
    assert_eq!(
        qldt.post(&format!("/danh-gia/{id}"), &[("version", "1")])
            .await
            .status,
        403
    );
    let owners = criteria_owners(&app, set).await;
    let housing = owners.iter().find(|o| o.1 == 3).unwrap().0;
    let r = qldt
        .post(&format!("/danh-gia/{id}/tieu-chi/{housing}/xac-minh"), &[])
        .await;
    assert_eq!(r.status, 409, "a draft is not reviewed: {}", r.body);
    // The administrator is not an office.
    let mut admin = app.signed_in("admin").await;
    admin.get(&format!("/danh-gia/{id}")).await;
    let r = admin
        .post(&format!("/danh-gia/{id}/tieu-chi/{housing}/xac-minh"), &[])
        .await;
    assert_eq!(r.status, 403);
    // The wrong kind of subject is refused with words.
    let town = app.unit_id("HL").await.to_string();
    let r = bh
        .post(
            "/danh-gia",
            &[
                ("set_id", &set.to_string()),
                ("subject", &town),
                ("year", "2024"),
            ],
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("Đối tượng phải là phường"), "{}", r.body);
}

#[tokio::test]
async fn a_target_waiting_for_its_office_is_never_judged() {
    let app = spawn_app().await;
    app.add_user("phuong.bh", Role::UnitOfficer, "HL-BH").await;
    let set = ward_set(&app).await;
    let mut ward = app.signed_in("phuong.bh").await;
    let id = open_assessment(&app, &mut ward, set, "HL-BH", "2024").await;
    let page = ward.get(&format!("/danh-gia/{id}")).await.body;
    assert!(page.contains(thidua::criteria::PENDING_TEXT));
    let mut fields = all_met(&page);
    // The person also says "met" for every indicator: a waiting target still is not judged.
    let judged: Vec<(String, String)> = fields
        .iter()
        .map(|(k, _)| (k.replacen("v_", "j_", 1), "met".to_string()))
        .chain(
            fields
                .iter()
                .map(|(k, _)| (k.replacen("v_", "n_", 1), "Theo báo cáo".to_string())),
        )
        .collect();
    fields.extend(judged);
    let r = save(&mut ward, id, &fields, "luu").await;
    assert!(r.body.contains("Đã lưu"), "{}", r.body);
    let mut c = app.state.db.conn().await.unwrap();
    let values = thidua::criteria::assess_store::values_of(&mut c, id)
        .await
        .unwrap();
    let waiting: Vec<_> = values.iter().filter(|v| v.target.is_none()).collect();
    assert!(!waiting.is_empty());
    assert!(
        waiting.iter().all(|v| v.verdict == "waiting_target"),
        "{waiting:?}"
    );
    let states = thidua::criteria::assess_store::criteria_states(&mut c, id)
        .await
        .unwrap();
    let income = store::criteria_of(&mut c, set)
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.number == 13)
        .unwrap();
    let st = states.iter().find(|s| s.criterion_id == income.id).unwrap();
    assert_eq!(st.result, "open", "never met while its target waits");
    assert!(r.body.contains("0/18") || !r.body.contains("18/18 tiêu chí đạt"));
}

#[tokio::test]
async fn refused_evidence_leaves_nothing_and_bad_values_keep_the_typing() {
    let app = spawn_app().await;
    app.add_user("phuong.bh", Role::UnitOfficer, "HL-BH").await;
    let set = ward_set(&app).await;
    let mut ward = app.signed_in("phuong.bh").await;
    let id = open_assessment(&app, &mut ward, set, "HL-BH", "2024").await;
    let crit = criteria_owners(&app, set).await[0].0;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "lon.pdf",
            [PDF, &vec![b'0'; 25 * 1024 * 1024]].concat(),
            "20 MB",
        ),
        (
            "chuong-trinh.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00".repeat(50),
            "không phải",
        ),
        ("../../x.pdf", PDF.to_vec(), "Tên tệp"),
        ("rong.pdf", Vec::new(), "rỗng"),
    ];
    for (name, bytes, says) in cases {
        let (status, body) = attach(&ward, id, crit, name, bytes).await;
        assert!(status == 400 || status == 413, "{name}: {status}");
        assert!(body.contains(says), "{name}: {body}");
    }
    let mut c = app.state.db.conn().await.unwrap();
    assert!(
        thidua::files::store::of(&mut c, "assessment", id)
            .await
            .unwrap()
            .is_empty()
    );
    drop(c);
    let page = ward.get(&format!("/danh-gia/{id}")).await.body;
    let mut fields = all_met(&page);
    let percent = fields.iter().position(|(_, v)| v == "95").unwrap();
    fields[percent].1 = "9,5,5".into();
    let r = save(&mut ward, id, &fields, "luu").await;
    assert!(
        r.body.contains("Chưa lưu được: 1 chỉ tiêu cần sửa"),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"9,5,5\""), "what was typed stays");
    let mut c = app.state.db.conn().await.unwrap();
    assert!(
        thidua::criteria::assess_store::values_of(&mut c, id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn copying_a_set_or_amending_an_indicator_leaves_earlier_assessments_unchanged() {
    let app = spawn_app().await;
    for code in OFFICES {
        app.add_user(&officer_of(code), Role::UnitOfficer, code)
            .await;
    }
    app.add_user("phuong.bh", Role::UnitOfficer, "HL-BH").await;
    let set = ward_set(&app).await;
    enter_pending_targets(&app, set).await;
    let mut ward = app.signed_in("phuong.bh").await;
    let id = open_assessment(&app, &mut ward, set, "HL-BH", "2023").await;
    let fields = all_met(&ward.get(&format!("/danh-gia/{id}")).await.body);
    save(&mut ward, id, &fields, "gui").await;
    for (cid, _, office) in criteria_owners(&app, set).await {
        let mut o = app.signed_in(&officer_of(&office)).await;
        o.get(&format!("/danh-gia/{id}")).await;
        o.post(&format!("/danh-gia/{id}/tieu-chi/{cid}/xac-minh"), &[])
            .await;
    }
    let before = ward.get(&format!("/danh-gia/{id}")).await.body;
    assert!(before.contains("18/18 tiêu chí đạt") && before.contains("Đã xác minh (khóa)"));
    let matrix = |page: String| {
        let i = page.find("<table class=\"matrix").expect("matrix");
        page[i..].split("</table>").next().unwrap().to_string()
    };
    let matrix_before = matrix(
        ward.get(&format!("/tieu-chi/{set}/ma-tran?nam=2023"))
            .await
            .body,
    );
    assert!(matrix_before.contains("cell-met"), "{matrix_before}");

    // The office amends its electricity indicator from 01/03/2024 with a stricter target.
    let mut kt = app.signed_in(&officer_of("HL-KT")).await;
    let electricity = {
        let mut c = app.state.db.conn().await.unwrap();
        let crit = store::criteria_of(&mut c, set)
            .await
            .unwrap()
            .into_iter()
            .find(|k| k.number == 4)
            .unwrap();
        store::indicators_of(&mut c, set)
            .await
            .unwrap()
            .into_iter()
            .find(|i| i.criterion_id == crit.id)
            .unwrap()
    };
    kt.get(&format!("/tieu-chi/{set}")).await;
    let r = kt
        .post(
            &format!("/tieu-chi/{set}/chi-so/{}/sua-doi", electricity.id),
            &[
                ("text", "Hộ sử dụng điện an toàn, ổn định"),
                ("measure", "percent"),
                ("comparator", "≥"),
                ("unit_label", ""),
                ("from", "01/03/2024"),
                ("amended_by", "QĐ 211/QĐ-TTg"),
            ],
        )
        .await;
    assert!(r.body.contains("Đã ghi sửa đổi"), "{}", r.body);
    // Another office cannot amend it.
    let mut qldt = app.signed_in(&officer_of("HL-QLDT")).await;
    qldt.get(&format!("/tieu-chi/{set}")).await;
    let r = qldt
        .post(
            &format!("/tieu-chi/{set}/chi-so/{}/chi-tieu", electricity.id),
            &[("value", "10")],
        )
        .await;
    assert_eq!(r.status, 403);

    // The admin copies the set as version 2.
    let mut admin = app.signed_in("admin").await;
    let confirm = admin
        .get(&format!("/tieu-chi/{set}/phien-ban-moi"))
        .await
        .body;
    assert!(
        confirm.contains("giữ nguyên số liệu và kết quả"),
        "{confirm}"
    );
    let r = admin
        .post(
            &format!("/tieu-chi/{set}/phien-ban-moi"),
            &[("xac_nhan", "co")],
        )
        .await;
    assert!(r.body.contains("phiên bản 2"), "{}", r.body);

    let after = ward.get(&format!("/danh-gia/{id}")).await.body;
    assert!(after.contains("18/18 tiêu chí đạt"));
    assert!(
        after.contains("Hộ sử dụng điện an toàn</label>"),
        "the 2023 assessment keeps the old wording"
    );
    assert!(!after.contains("ổn định"));
    assert_eq!(
        matrix_before,
        matrix(
            ward.get(&format!("/tieu-chi/{set}/ma-tran?nam=2023"))
                .await
                .body
        )
    );
    // A 2024 assessment follows the amended indicator.
    let mut c = app.state.db.conn().await.unwrap();
    let sets = store::sets(&mut c).await.unwrap();
    assert_eq!(
        sets.iter().filter(|s| s.code == "DTVM_PHUONG_HT").count(),
        2
    );
}

#[tokio::test]
async fn a_commune_records_its_region_and_group_and_nobody_else_can() {
    let app = spawn_app().await;
    app.add_user("xa.tl", Role::UnitOfficer, "HL-TLO").await;
    app.add_user("phuong.nh", Role::UnitOfficer, "HL-NH").await;
    let tl = app.unit_id("HL-TLO").await;
    let mut xa = app.signed_in("xa.tl").await;
    let page = xa.get(&format!("/don-vi/{tl}")).await.body;
    assert!(
        page.contains("vùng BTB"),
        "Hà Tĩnh is North Central: {page}"
    );
    xa.get(&format!("/don-vi/{tl}/vung-nhom")).await;
    let r = xa
        .post(
            &format!("/don-vi/{tl}/vung-nhom"),
            &[("region", "BTB"), ("group", "4")],
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("Nhóm xã là 1, 2 hoặc 3"));
    let r = xa
        .post(
            &format!("/don-vi/{tl}/vung-nhom"),
            &[("region", "btb"), ("group", "2")],
        )
        .await;
    assert!(r.body.contains("vùng BTB · nhóm xã 2"), "{}", r.body);
    let mut other = app.signed_in("phuong.nh").await;
    // Outside its scope the unit is not found at all, as for every unit page.
    assert_eq!(
        other.get(&format!("/don-vi/{tl}/vung-nhom")).await.status,
        404
    );
}
