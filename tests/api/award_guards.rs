//! What stops or marks a nomination, on either engine (issue 12, items 4–6): an award from
//! another authority recorded on the profile blocks a second award for the same land gift;
//! an open discipline flag blocks, an ended one does not; an appraiser's override needs a
//! written reason and is kept beside the computed result; rounds are opened only by the town's
//! offices; and every refused step writes nothing.

use crate::award_round::{day, gift, nominate, nomination_id, open_round, state_of, take};
use crate::helpers::*;
use thidua::auth::Role;

#[tokio::test]
async fn another_authority_s_award_and_an_open_flag_block_and_say_why() {
    let app = spawn_app().await;
    app.add_user("phuong.dt", Role::UnitOfficer, "HL-DT").await;
    app.add_user("noi.vu", Role::InternalAffairs, "HL").await;
    app.add_user("vp.ntm", Role::NtmOffice, "HL").await;
    let an = crate::contributions::person(&app, "HL-DT", "Nguyễn Văn An", "", "").await;
    let binh = crate::contributions::person(&app, "HL-DT", "Trần Thị Bình", "", "").await;
    let land = gift(
        &app,
        ("person", an),
        "HL-DT",
        "land",
        day(2024, 5, 1),
        120_000_000,
    )
    .await;
    app.state.clock.set_local(day(2024, 12, 1), 9, 0);

    // A ward officer cannot open a round; nothing is written.
    let mut w = app.signed_in("phuong.dt").await;
    w.get("/khen-thuong").await;
    let before = app.audit_count().await;
    let r = w
        .post(
            "/khen-thuong/dot",
            &[("movement_id", "1"), ("year", "2024")],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(app.audit_count().await, before);
    let mut nv = app.signed_in("noi.vu").await;
    let round = open_round(&app, &mut nv, "2024").await;
    nv.get("/khen-thuong").await;
    let (movement, vp) = (
        nv.last_input_option("movement_id"),
        app.unit_id("HL-VPNTM").await.to_string(),
    );
    let (kt, dt) = (
        format!("tham_dinh_{}", app.unit_id("HL-KT").await),
        format!("de_nghi_{}", app.unit_id("HL-DT").await),
    );
    let before = app.audit_count().await;
    let r = nv
        .post(
            "/khen-thuong/dot",
            &[
                ("movement_id", &movement),
                ("year", "2024"),
                ("deadline", ""),
                ("receiving_unit_id", &vp),
                (&kt, "co"),
                (&dt, "co"),
            ],
        )
        .await;
    assert_eq!(r.status, 409, "one round per movement and year: {}", r.body);
    assert!(
        r.body.contains("đã có đợt khen thưởng năm 2024"),
        "{}",
        r.body
    );
    assert_eq!(app.audit_count().await, before);

    // An enterprise lies outside the ward's scope, yet the ward finds and proposes it.
    let town = crate::totals::unit(&app, app.unit_id("HL").await).await;
    let firm = crate::totals::add_unit(
        &app,
        "DN-CHE".into(),
        thidua::units::UnitKind::Enterprise,
        Some(&town),
    )
    .await;
    let found = w
        .get(&format!(
            "/khen-thuong/dot/{round}/de-nghi/moi?tim=don+vi+dn"
        ))
        .await
        .body;
    assert!(
        found.contains(&format!("doi_tuong=unit:{}", firm.id)),
        "{found}"
    );
    let r = nominate(
        &mut w,
        &round,
        &format!("unit:{}", firm.id),
        "d",
        "giay_khen",
        "",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body.contains("sản phẩm OCOP từ 3 sao"),
        "category d is judged: {}",
        r.body
    );
    // A person of another ward is not found nor accepted.
    let other = crate::contributions::person(&app, "HL-BH", "Võ Văn Xa", "", "").await;
    let r = nominate(
        &mut w,
        &round,
        &format!("person:{other}"),
        "g",
        "giay_khen",
        "",
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.body);

    // The province's Bằng khen for the same land gift, recorded on the profile.
    nv.get(&format!("/khen-thuong/doi-tuong?loai=person&id={an}"))
        .await;
    let basis = format!("contribution:{land}");
    let r = nv
        .post(
            "/khen-thuong/doi-tuong/khen",
            &[
                ("loai", "person"),
                ("id", &an.to_string()),
                ("form_name", "Bằng khen của Chủ tịch UBND tỉnh"),
                ("authority", "UBND tỉnh Hà Tĩnh"),
                ("decision_number", "3210/QĐ-UBND"),
                ("decision_date", "20/11/2024"),
                ("achievement_year", "2024"),
                ("category", ""),
                ("basis", &basis),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = nominate(
        &mut w,
        &round,
        &format!("person:{an}"),
        "g",
        "giay_khen",
        &basis,
    )
    .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(
        r.body.contains("3210/QĐ-UBND") && r.body.contains("UBND tỉnh Hà Tĩnh"),
        "{}",
        r.body
    );
    // Another achievement of his is not blocked.
    let r = nominate(
        &mut w,
        &round,
        &format!("person:{an}"),
        "g",
        "giay_khen",
        "",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("Nguyễn Văn An"));

    // An open discipline flag blocks; the page says why and from when.
    let r = nv
        .post(
            "/khen-thuong/doi-tuong/canh-bao",
            &[
                ("loai", "person"),
                ("id", &binh.to_string()),
                ("kind", "discipline"),
                ("from", "01/11/2024"),
                ("to", ""),
                ("note", "Tờ trình 05 về xem xét kỷ luật"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let before = app.audit_count().await;
    let r = nominate(
        &mut w,
        &round,
        &format!("person:{binh}"),
        "g",
        "giay_khen",
        "",
    )
    .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(
        r.body.contains("kỷ luật") && r.body.contains("01/11/2024"),
        "{}",
        r.body
    );
    assert_eq!(app.audit_count().await, before, "nothing written");
    // A ward officer of another ward cannot record a flag on her.
    app.add_user("phuong.bh", Role::UnitOfficer, "HL-BH").await;
    let mut bh = app.signed_in("phuong.bh").await;
    bh.get("/").await;
    let r = bh
        .post(
            "/khen-thuong/doi-tuong/canh-bao",
            &[
                ("loai", "person"),
                ("id", &binh.to_string()),
                ("kind", "complaint"),
                ("from", "01/11/2024"),
                ("note", "x"),
            ],
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.body);
    // Ended, it no longer blocks.
    let page = nv
        .get(&format!("/khen-thuong/doi-tuong?loai=person&id={binh}"))
        .await
        .body;
    let flag = first_value(&page, "name=\"end\" value=\"");
    let r = nv
        .post(
            "/khen-thuong/doi-tuong/canh-bao",
            &[
                ("loai", "person"),
                ("id", &binh.to_string()),
                ("end", &flag),
                ("to", "30/11/2024"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = nominate(
        &mut w,
        &round,
        &format!("person:{binh}"),
        "g",
        "giay_khen",
        "",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = nomination_id(&r.body);

    // Sent, received: the NTM office overrides the failing g check only with a reason.
    w.get(&format!("/khen-thuong/dot/{round}")).await;
    let dt = app.unit_id("HL-DT").await.to_string();
    let r = w
        .post(
            &format!("/khen-thuong/dot/{round}/gui"),
            &[
                ("unit_id", &dt),
                ("proposal_number", ""),
                ("late_reason", ""),
                ("xac_nhan", "co"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut vp = app.signed_in("vp.ntm").await;
    assert_eq!(take(&app, &mut vp, &id, "receive", "").await.status, 200);
    let page = vp.get(&format!("/khen-thuong/de-nghi/{id}")).await.body;
    assert!(
        page.contains("<strong>Cần xem xét</strong>")
            || page.contains("<strong>Không đạt</strong>"),
        "{page}"
    );
    let before = app.audit_count().await;
    let r = vp
        .post(
            &format!("/khen-thuong/de-nghi/{id}/dieu-chinh"),
            &[
                ("check", "contribution_mark"),
                ("outcome", "pass"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    let r = w
        .post(
            &format!("/khen-thuong/de-nghi/{id}/dieu-chinh"),
            &[
                ("check", "contribution_mark"),
                ("outcome", "pass"),
                ("reason", "Có sáng kiến được áp dụng."),
            ],
        )
        .await;
    assert_eq!(
        r.status, 403,
        "the unit cannot judge its own nomination: {}",
        r.body
    );
    assert_eq!(app.audit_count().await, before);
    let r = vp
        .post(
            &format!("/khen-thuong/de-nghi/{id}/dieu-chinh"),
            &[
                ("check", "contribution_mark"),
                ("outcome", "pass"),
                ("reason", "Có sáng kiến làm đường được áp dụng toàn phường."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body.contains("(điều chỉnh)") && r.body.contains("Có sáng kiến làm đường"),
        "{}",
        r.body
    );

    // Every step out of turn, or by the wrong role, is refused and writes nothing.
    let before = app.audit_count().await;
    for (unit, action) in [
        (true, "receive"),
        (true, "forward"),
        (false, "withdraw"),
        (false, "steering_opinion"),
        (false, "forward"),
        (false, "appraise"),
    ] {
        let c = if unit { &mut w } else { &mut vp };
        let r = take(&app, c, &id, action, "lý do").await;
        assert!(
            matches!(r.status, 403 | 409),
            "{action}: {} {}",
            r.status,
            r.body
        );
    }
    assert_eq!(app.audit_count().await, before);
    assert_eq!(state_of(&app, &id).await.0, "received");
    // The unit may still withdraw from here, with a reason and after confirming.
    let (_, v) = state_of(&app, &id).await;
    let r = w
        .post(
            &format!("/khen-thuong/de-nghi/{id}/buoc"),
            &[
                ("action", "withdraw"),
                ("version", &v.to_string()),
                ("text", "Đối tượng chuyển công tác."),
            ],
        )
        .await;
    assert!(r.body.contains("Xác nhận"), "asks first: {}", r.body);
    assert_eq!(state_of(&app, &id).await.0, "received");
    assert_eq!(
        take(&app, &mut w, &id, "withdraw", "Đối tượng chuyển công tác.")
            .await
            .status,
        200
    );
    assert_eq!(state_of(&app, &id).await.0, "withdrawn");
    assert_eq!(
        take(&app, &mut vp, &id, "receive", "").await.status,
        409,
        "a withdrawn nomination never moves"
    );
}

fn first_value(page: &str, needle: &str) -> String {
    let i = page
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {page}"));
    page[i + needle.len()..]
        .chars()
        .take_while(|c| *c != '"')
        .collect()
}
