//! The council's rules and the deciding body on either engine (issue 13): "90 % of all
//! members" fails a nominee with 8 agree of 8 present; a tie under "vote again" clears that
//! nominee's ballots; the public comment form refuses a sixth comment in an hour (429) with
//! nothing written; a day swap entered on the calendar moves the notice's end; after
//! 01/07/2026 the successor ward decides, from its own register starting at 01, paying
//! 760,000 đ / 1,520,000 đ, while the town can no longer issue.

use crate::council_setup::*;
use crate::helpers::*;
use thidua::auth::Role;
use thidua::documents::docx::text_of;

#[tokio::test]
async fn ninety_percent_of_all_members_fails_with_eight_of_eight_present_and_ties_vote_again() {
    let app = spawn_app().await;
    app.state.clock.set_local(day(2024, 12, 2), 9, 0);
    let (round, ids) = forwarded_round(
        &app,
        2024,
        "HL-DT",
        &[("Lê Thị Tám", false), ("Ngô Văn Hòa", false)],
    )
    .await;
    let members = council(&app, "HL", "hd", 11, 8, day(2024, 1, 1)).await;
    app.add_user("noivu", Role::InternalAffairs, "HL").await;
    let town = app.unit_id("HL").await;
    let mut nv = app.signed_in("noivu").await;

    let s = session(&mut nv, round, town, "02/12/2024", "ge 9/10 all", "revote").await;
    // Without two thirds present the council cannot vote.
    let short = attend_and_open(&mut nv, &s, &members, 7).await;
    assert_eq!(short.status, 409, "{}", short.body);
    assert!(
        short.body.contains("Chưa đủ điều kiện họp"),
        "{}",
        short.body
    );
    let r = attend_and_open(&mut nv, &s, &members, 8).await;
    assert!(r.body.contains("Đã mở bỏ phiếu kín"), "{}", r.body);
    for i in 1..=8 {
        let tie = if i <= 4 { "agree" } else { "disagree" };
        let r = vote(
            &app,
            &format!("hd{i}"),
            &s,
            &[(ids[0], "agree"), (ids[1], tie)],
        )
        .await;
        assert!(r.body.contains("Đã nhận phiếu"), "{}", r.body);
    }
    let r = nv
        .post(
            &format!("/khen-thuong/phien/{s}/ket-thuc"),
            &[("xac_nhan", "co")],
        )
        .await;
    assert!(
        r.body.contains("bỏ phiếu lại cho: Ngô Văn Hòa"),
        "{}",
        r.body
    );
    assert_eq!(
        counts(&app, &s).await,
        vec![(ids[0], 8, 0, 0)],
        "the tie's ballots are cleared"
    );
    // The tied nominee is voted again; the decided one takes no more ballots.
    let again = vote(&app, "hd1", &s, &[(ids[0], "disagree")]).await;
    assert_eq!(again.status, 403, "{}", again.body);
    for i in 1..=8 {
        let r = vote(
            &app,
            &format!("hd{i}"),
            &s,
            &[(ids[1], if i <= 3 { "agree" } else { "disagree" })],
        )
        .await;
        assert!(r.body.contains("Đã nhận phiếu"), "{}", r.body);
    }
    let r = nv
        .post(
            &format!("/khen-thuong/phien/{s}/ket-thuc"),
            &[("xac_nhan", "co")],
        )
        .await;
    assert!(r.body.contains("Đã kết thúc bỏ phiếu"), "{}", r.body);
    let page = nv.get(&format!("/khen-thuong/phien/{s}")).await.body;
    let row = |name: &str| {
        let cell = format!("data-label=\"Đối tượng\">{name}");
        page.split("<tr>")
            .find(|r| r.contains(&cell))
            .unwrap()
            .to_string()
    };
    assert!(
        row("Lê Thị Tám").contains("Không đạt"),
        "8 of 11 is below 90 %: {}",
        row("Lê Thị Tám")
    );
    assert!(row("Ngô Văn Hòa").contains("Không đạt"));
    let page = nv
        .get(&format!("/khen-thuong/dot/{round}/hoi-dong"))
        .await
        .body;
    assert!(
        page.contains("0 đối tượng đã được Hội đồng thông qua"),
        "{page}"
    );
}

#[tokio::test]
async fn comments_are_limited_and_a_day_swap_moves_the_notice_end() {
    let app = spawn_app().await;
    app.state.clock.set_local(day(2025, 12, 29), 9, 0);
    let (round, ids) = forwarded_round(&app, 2025, "HL-DT", &[("Bùi Thị Lan", false)]).await;
    app.add_user("noivu.bhl", Role::InternalAffairs, "BHL")
        .await;
    let mut nv = app.signed_in("noivu.bhl").await;
    // New Year 2026: Friday 02/01 off, Saturday 10/01 worked (decided 25/12/2025).
    nv.get("/khen-thuong/lich-lam-viec").await;
    for (d, kind, note) in [
        ("01/01/2026", "day_off", "Tết Dương lịch"),
        ("02/01/2026", "day_off", "Nghỉ bù Tết Dương lịch"),
        ("10/01/2026", "work_day", "Làm bù cho ngày 02/01/2026"),
    ] {
        let r = nv
            .post(
                "/khen-thuong/lich-lam-viec",
                &[("day", d), ("kind", kind), ("note", note)],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    nv.get(&format!("/khen-thuong/dot/{round}/hoi-dong")).await;
    // Posted Mon 29/12/2025, 5 working days: 30, 31/12, 05, 06, 07/01 → 07/01/2026.
    let r = nv
        .post(
            &format!("/khen-thuong/dot/{round}/niem-yet"),
            &[("enabled", "co"), ("working_days", "5"), ("post", "co")],
        )
        .await;
    assert!(r.body.contains("đến hết ngày 07/01/2026"), "{}", r.body);

    let mut public = app.client().await;
    public.get(&format!("/cong-khai/khen-thuong/{round}")).await;
    let comment = [
        ("nomination_id", ids[0].to_string()),
        ("body", "Đề nghị xác minh thành tích hiến đất.".to_string()),
    ];
    let refs: Vec<(&str, &str)> = comment.iter().map(|(k, v)| (*k, v.as_str())).collect();
    for _ in 0..5 {
        let r = public
            .post(&format!("/cong-khai/khen-thuong/{round}/y-kien"), &refs)
            .await;
        assert!(r.body.contains("Đã nhận ý kiến"), "{}", r.body);
    }
    let before = app.audit_count().await;
    let sixth = public
        .post(&format!("/cong-khai/khen-thuong/{round}/y-kien"), &refs)
        .await;
    assert_eq!(sixth.status, 429, "{}", sixth.body);
    assert_eq!(app.audit_count().await, before);
    let page = nv
        .get(&format!("/khen-thuong/dot/{round}/hoi-dong"))
        .await
        .body;
    assert_eq!(page.matches("action=\"/khen-thuong/y-kien/").count(), 5);
    // The nominee with open objections is not on the ballot.
    assert!(page.contains("0 đối tượng chờ biểu quyết"), "{page}");
}

#[tokio::test]
async fn after_the_transfer_the_successor_ward_decides_at_the_2026_rates() {
    let app = spawn_app().await;
    app.state.clock.set_local(day(2026, 12, 3), 9, 0);
    let (round, _) = forwarded_round(
        &app,
        2026,
        "HL-DT",
        &[("Phan Văn Tâm", false), ("Tổ dân phố 7", true)],
    )
    .await;
    let members = council(&app, "BHL", "bhl", 5, 5, day(2026, 1, 1)).await;
    app.add_user("noivu.bhl", Role::InternalAffairs, "BHL")
        .await;
    app.add_user("noivu.town", Role::InternalAffairs, "HL")
        .await;
    let (bhl, town) = (app.unit_id("BHL").await, app.unit_id("HL").await);
    let mut nv = app.signed_in("noivu.bhl").await;
    let page = nv
        .get(&format!("/khen-thuong/dot/{round}/hoi-dong"))
        .await
        .body;
    assert!(
        page.contains("Phường Bắc Hồng Lĩnh")
            && !page.contains(&format!("<option value=\"{town}\">")),
        "{page}"
    );
    let s = session(&mut nv, round, bhl, "03/12/2026", "gt 1/2 present", "fails").await;
    attend_and_open(&mut nv, &s, &members, 5).await;
    let mut c = app.state.db.conn().await.unwrap();
    let ids: Vec<i64> = thidua::awards::ballot_store::on_ballot(&mut c, round)
        .await
        .unwrap()
        .iter()
        .map(|n| n.id)
        .collect();
    drop(c);
    for i in 1..=5 {
        let choices: Vec<(i64, &str)> = ids.iter().map(|n| (*n, "agree")).collect();
        vote(&app, &format!("bhl{i}"), &s, &choices).await;
    }
    nv.post(
        &format!("/khen-thuong/phien/{s}/ket-thuc"),
        &[("xac_nhan", "co")],
    )
    .await;
    let issue = |body: i64| {
        vec![
            ("body_id", body.to_string()),
            ("decided_on", "05/12/2026".to_string()),
            ("signing_form", "kt".to_string()),
            ("signer_name", "Trần Văn Bình".to_string()),
            (
                "bases",
                "Căn cứ Luật Thi đua, khen thưởng năm 2022".to_string(),
            ),
            ("xac_nhan", "co".to_string()),
        ]
    };
    // The town ended on 30/06/2025: it cannot issue, even for its own former officer.
    let mut old = app.signed_in("noivu.town").await;
    old.get("/").await;
    let fields = issue(town);
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = old
        .post(&format!("/khen-thuong/dot/{round}/quyet-dinh"), &refs)
        .await;
    assert!(matches!(refused.status, 400 | 403), "{}", refused.body);
    let fields = issue(bhl);
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let issued = nv
        .post(&format!("/khen-thuong/dot/{round}/quyet-dinh"), &refs)
        .await;
    assert!(
        issued.body.contains("Quyết định số 01/QĐ-UBND"),
        "{}",
        issued.body
    );
    let decision = first_id(&issued.body, "/khen-thuong/quyet-dinh/");
    let (_, docx) = nv
        .get_bytes(&format!(
            "/khen-thuong/quyet-dinh/{decision}/quyet-dinh.docx"
        ))
        .await;
    let text = text_of(&docx)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for want in [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG BẮC HỒNG LĨNH",
        "Bắc Hồng Lĩnh, ngày 05 tháng 12 năm 2026",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "mức thưởng 760.000 đồng",
        "mức thưởng 1.520.000 đồng",
        "Tổng cộng: 2 đối tượng, 2.280.000 đồng.",
    ] {
        assert!(text.contains(want), "«{want}» missing: {text}");
    }
}
