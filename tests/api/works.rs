//! Works on either engine: funding by source with social mobilisation summed from the
//! contributions recorded for the work, and the year-end debt that section II's indicator
//! NO_XDCB now reads (no longer typed on figure sheets).

use crate::helpers::*;
use thidua::auth::Role;

fn debt_row(board: &str) -> String {
    let i = board
        .rfind("Nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới, đô thị văn minh</a>")
        .expect("the debt row");
    board[i..].split("</tr>").next().unwrap().to_string()
}

#[tokio::test]
async fn a_works_debt_feeds_the_target_and_contributions_fund_it() {
    let app = spawn_app().await;
    app.add_user("phuong.bh", Role::UnitOfficer, "HL-BH").await;
    app.add_user("phuong.nh", Role::UnitOfficer, "HL-NH").await;
    let mut w = app.signed_in("phuong.bh").await;
    w.get("/cong-trinh").await;
    let r = w
        .post(
            "/cong-trinh",
            &[
                ("unit_code", "HL-BH"),
                ("name", "Nhà văn hóa tổ dân phố 3"),
                ("kind", "Nhà văn hóa"),
                ("in_programme", "1"),
                ("started_on", "01/03/2023"),
                ("finished_on", "30/11/2023"),
                ("total_investment", "1.500.000.000"),
            ],
        )
        .await;
    assert!(r.body.contains("Đã ghi công trình"), "{}", r.body);
    let id = first_id(&w.get("/cong-trinh").await.body, "/cong-trinh/");
    let page = format!("/cong-trinh/{id}");
    w.post(
        &format!("{page}/von"),
        &[("source", "town"), ("amount", "1.000.000.000")],
    )
    .await;
    w.post(
        &format!("{page}/von"),
        &[("source", ""), ("disbursed", "1.200.000.000")],
    )
    .await;
    // Social mobilisation is not typed: it is the contributions recorded for the work.
    let r = w
        .post(
            &format!("{page}/von"),
            &[("source", "social"), ("amount", "5")],
        )
        .await;
    assert_eq!(r.status, 400);
    w.get("/dong-gop/moi").await;
    let r = w
        .post(
            "/dong-gop",
            &[
                ("unit_code", "HL-BH"),
                ("given_on", "10/04/2023"),
                ("outside_name", "Công ty ngoài tỉnh"),
                ("kind", "cash"),
                ("quantity", "300.000.000"),
                ("work", &id),
            ],
        )
        .await;
    assert!(r.body.contains("Đã ghi đóng góp"), "{}", r.body);
    let body = w.get(&page).await.body;
    assert!(
        body.contains("1 khoản đóng góp ghi cho công trình"),
        "{body}"
    );
    assert!(body.contains("1.300.000.000 đ"), "town + social: {body}");

    let r = w
        .post(
            &format!("{page}/no-dong"),
            &[("year", "2023"), ("amount", "200.000.000")],
        )
        .await;
    assert!(
        r.body.contains("Đã ghi nợ đọng cuối năm 2023"),
        "{}",
        r.body
    );
    w.post(
        &format!("{page}/no-dong"),
        &[("year", "2024"), ("amount", "0")],
    )
    .await;
    let bh = app.unit_id("HL-BH").await;
    let board = w.get(&format!("/chi-tieu?don_vi={bh}&nam=2023")).await.body;
    let row = debt_row(&board);
    assert!(
        row.contains("200 triệu đ</td><td class=\"num\">0 triệu đ"),
        "200 triệu đ at the end of 2023, paid by the end of 2024: {row}"
    );
    let drill = w
        .get(&format!(
            "/chi-tieu/chi-so/{}?don_vi={bh}&nam=2023",
            app.indicator_id("NO_XDCB").await
        ))
        .await
        .body;
    assert!(
        drill.contains("Tính từ sổ công trình"),
        "the source is named: {drill}"
    );
    // The figure sheet no longer asks for it.
    let ind = app.indicator_id("NO_XDCB").await;
    let sheet = w.get(&format!("/so-lieu/{bh}/2024")).await.body;
    assert!(sheet.contains("name=\"v_"), "the sheet has inputs");
    assert!(
        !sheet.contains(&format!("name=\"v_{ind}\"")),
        "not typed any more"
    );

    // Another ward neither sees nor changes the work.
    let mut nh = app.signed_in("phuong.nh").await;
    assert_eq!(nh.get(&page).await.status, 404);
    nh.get("/cong-trinh").await;
    let r = nh
        .post(
            &format!("{page}/no-dong"),
            &[("year", "2024"), ("amount", "1")],
        )
        .await;
    assert_eq!(r.status, 404);
    assert!(
        !nh.get("/cong-trinh")
            .await
            .body
            .contains("Nhà văn hóa tổ dân phố 3")
    );
}

#[tokio::test]
async fn a_sponsor_delivers_against_its_commitment() {
    let app = spawn_app().await;
    app.add_user("thi.xa", Role::UnitOfficer, "HL").await;
    let mut t = app.signed_in("thi.xa").await;
    t.get("/do-dau").await;
    let r = t
        .post(
            "/do-dau",
            &[
                ("sponsor_code", "HL-KT"),
                ("unit_code", "HL-TLO"),
                ("from_year", "2023"),
                ("to_year", "2025"),
                ("committed_amount", "120.000.000"),
                ("commitment", "Hỗ trợ xây dựng đường giao thông nội đồng"),
            ],
        )
        .await;
    assert!(r.body.contains("đỡ đầu"), "{}", r.body);
    let id = first_id(&t.get("/do-dau").await.body, "/do-dau/");
    let r = t
        .post(
            &format!("/do-dau/{id}/thuc-hien"),
            &[
                ("delivered_on", "15/10/2024"),
                ("amount", "45.000.000"),
                ("description", "Xi măng cho 300 m đường"),
            ],
        )
        .await;
    assert!(
        r.body.contains("45.000.000 đ (37,5 % cam kết)"),
        "{}",
        r.body
    );
    let office = t
        .get(&format!("/don-vi/{}", app.unit_id("HL-KT").await))
        .await
        .body;
    assert!(
        office.contains("Đỡ đầu Xã Thuận Lộc") || office.contains("Đỡ đầu"),
        "{office}"
    );
    let r = t
        .post(
            &format!("/do-dau/{id}/thuc-hien"),
            &[("delivered_on", "15/10/2099"), ("description", "x")],
        )
        .await;
    assert_eq!(r.status, 400, "a date not yet come");
}

#[tokio::test]
async fn a_programme_work_in_debt_blocks_a_communes_recognition_and_is_named() {
    use crate::assessments::{
        all_met, criteria_owners, enter_pending_targets, officer_of, open_assessment, save,
    };
    let app = spawn_app().await;
    app.add_user("xa.tl", Role::UnitOfficer, "HL-TLO").await;
    app.add_user("vp.ntm", Role::NtmOffice, "HL").await;
    let set = {
        let mut c = app.state.db.conn().await.unwrap();
        thidua::criteria::store::sets(&mut c)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.code == "NTM_XA_2021" && s.version == s.newest)
            .unwrap()
            .id
    };
    enter_pending_targets(&app, set).await;
    let owners = criteria_owners(&app, set).await;
    let mut offices: Vec<String> = owners.iter().map(|o| o.2.clone()).collect();
    offices.sort();
    offices.dedup();
    for office in &offices {
        app.add_user(&officer_of(office), Role::UnitOfficer, office)
            .await;
    }
    let mut xa = app.signed_in("xa.tl").await;
    // The income target depends on the commune's region and group (QĐ 318/QĐ-TTg).
    let tl = app.unit_id("HL-TLO").await;
    xa.get(&format!("/don-vi/{tl}/vung-nhom")).await;
    xa.post(
        &format!("/don-vi/{tl}/vung-nhom"),
        &[("region", "BTB"), ("group", "2")],
    )
    .await;
    let id = open_assessment(&app, &mut xa, set, "HL-TLO", "2024").await;
    let mut fields = all_met(&xa.get(&format!("/danh-gia/{id}")).await.body);
    // Income is in million đồng per person and year: above any commune's target.
    let amounts: Vec<String> = {
        let mut c = app.state.db.conn().await.unwrap();
        thidua::criteria::store::indicators_of(&mut c, set)
            .await
            .unwrap()
            .into_iter()
            .filter(|i| i.measure == "amount")
            .map(|i| format!("v_{}", i.id))
            .collect()
    };
    for (name, value) in &mut fields {
        if amounts.contains(name) {
            *value = "250".into();
        }
    }
    // The North Central region's income target for 2024, as the Economic office enters it.
    let mut admin = app.signed_in("admin").await;
    admin.get(&format!("/tieu-chi/{set}")).await;
    for name in &amounts {
        let r = admin
            .post(
                &format!(
                    "/tieu-chi/{set}/chi-so/{}/chi-tieu",
                    name.trim_start_matches("v_")
                ),
                &[("basis", "BTB"), ("year", "2024"), ("value", "60")],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    save(&mut xa, id, &fields, "luu").await;
    let r = save(&mut xa, id, &fields, "gui").await;
    assert!(r.body.contains("gửi bản đánh giá"), "{}", r.body);
    for (cid, _, office) in &owners {
        let mut o = app.signed_in(&officer_of(office)).await;
        o.get(&format!("/danh-gia/{id}")).await;
        let r = o
            .post(&format!("/danh-gia/{id}/tieu-chi/{cid}/xac-minh"), &[])
            .await;
        assert!(r.body.contains("Đã xác minh"), "{office}: {}", r.body);
    }
    let mut ntm = app.signed_in("vp.ntm").await;
    let recognise = format!("/danh-gia/{id}/cong-nhan");
    let form = ntm.get(&recognise).await.body;
    assert!(
        form.contains("chưa ghi nợ đọng cuối năm 2024"),
        "not a silent pass: {form}"
    );

    xa.get("/cong-trinh").await;
    xa.post(
        "/cong-trinh",
        &[
            ("unit_code", "HL-TLO"),
            ("name", "Đường thôn 5"),
            ("in_programme", "1"),
            ("total_investment", "800.000.000"),
        ],
    )
    .await;
    let work = first_id(&xa.get("/cong-trinh").await.body, "/cong-trinh/");
    let debt = format!("/cong-trinh/{work}/no-dong");
    xa.post(&debt, &[("year", "2024"), ("amount", "35.000.000")])
        .await;
    let form = ntm.get(&recognise).await.body;
    assert!(
        form.contains("Còn nợ đọng xây dựng cơ bản cuối năm 2024")
            && form.contains("Đường thôn 5: 35.000.000 đ"),
        "{form}"
    );
    let decision = [
        ("decision_number", "88/QĐ-UBND"),
        ("decision_date", "20/12/2024"),
        ("authority", "Chủ tịch UBND tỉnh Hà Tĩnh"),
        ("round", ""),
        ("conditions_note", "Đã xem hồ sơ"),
    ];
    assert_eq!(ntm.post(&recognise, &decision).await.status, 409);
    xa.get(&format!("/cong-trinh/{work}")).await;
    xa.post(&debt, &[("year", "2024"), ("amount", "0")]).await;
    let form = ntm.get(&recognise).await.body;
    assert!(form.contains("đã kiểm tra 1 công trình"), "{form}");
    let r = ntm.post(&recognise, &decision).await;
    assert!(r.body.contains("Đã ghi quyết định công nhận"), "{}", r.body);
}
