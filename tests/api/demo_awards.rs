//! Demo decisions (issue 13, item 8): after `thidua demo`, the town decided the 2022, 2023 and
//! 2024 rounds from its own register, and the 2025 round was decided after 01/07/2025 by the
//! successor wards, each from its register starting at 01; the 2024 Bằng khen of the
//! provincial Chairman went upward in the town's tờ trình instead; every decision opens, and
//! its certificates print a page per awardee.

use crate::helpers::*;
use crate::pdf_text::poppler;

#[tokio::test]
async fn demo_rounds_end_in_decisions_by_the_body_the_date_gives() {
    let app = spawn_app().await;
    let now = app.state.clock.now();
    thidua::demo::load(&app.state.db, now, 30).await.unwrap();
    let load = || thidua::awards::demo_decisions::load(&app.state.db, &app.state.files, now);
    assert_eq!(
        load().await.unwrap(),
        5,
        "three town decisions, two ward decisions"
    );
    assert_eq!(load().await.unwrap(), 0, "a second run adds nothing");

    let mut c = app.state.db.conn().await.unwrap();
    let movement = thidua::movements::store::by_code(&mut c, "HL-NTM-DTVM-2022")
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut seen = Vec::new();
    for year in [2022, 2023, 2024, 2025] {
        let round = thidua::awards::rounds_store::of_year(&mut c, movement, year)
            .await
            .unwrap()
            .unwrap();
        for d in thidua::awards::decision_store::of_round(&mut c, round)
            .await
            .unwrap()
        {
            let n = thidua::awards::decision_store::awardees(&mut c, d.id)
                .await
                .unwrap()
                .len();
            assert!(n > 0 && d.is_demo, "{}", d.number);
            seen.push((year, d.issuing_name.clone(), d.number.clone(), d.id, n));
        }
    }
    let r2024 = thidua::awards::rounds_store::of_year(&mut c, movement, 2024)
        .await
        .unwrap()
        .unwrap();
    let proposals = thidua::awards::upward_store::of_round(&mut c, r2024)
        .await
        .unwrap();
    assert_eq!(proposals.len(), 1, "the 2024 Bằng khen goes upward");
    let p = &proposals[0];
    assert_eq!(
        (p.number.as_str(), p.body_name.as_str(), p.items, p.is_demo),
        ("01/TTr-UBND", "Thị xã Hồng Lĩnh", 1, true)
    );
    let upward = thidua::awards::upward_store::items(&mut c, p.id)
        .await
        .unwrap();
    let decision_2024 = seen.iter().find(|s| s.0 == 2024).unwrap().3;
    let awarded = thidua::awards::decision_store::awardees(&mut c, decision_2024)
        .await
        .unwrap();
    assert!(
        awarded
            .iter()
            .all(|a| a.nomination_id != upward[0] && a.form_code == "giay_khen"),
        "the provincial form is not in the town's decision"
    );
    drop(c);
    let bodies: Vec<(i64, &str, &str)> = seen
        .iter()
        .map(|(y, b, n, _, _)| (*y, b.as_str(), n.as_str()))
        .collect();
    assert_eq!(
        bodies,
        [
            (2022, "Thị xã Hồng Lĩnh", "01/QĐ-UBND"),
            (2023, "Thị xã Hồng Lĩnh", "01/QĐ-UBND"),
            (2024, "Thị xã Hồng Lĩnh", "01/QĐ-UBND"),
            (2025, "Phường Bắc Hồng Lĩnh", "01/QĐ-UBND"),
            (2025, "Phường Nam Hồng Lĩnh", "01/QĐ-UBND"),
        ]
    );

    let mut admin = app.signed_in("admin").await;
    for (_, _, _, id, n) in &seen {
        let page = admin.get(&format!("/khen-thuong/quyet-dinh/{id}")).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("dữ liệu mẫu"), "{}", page.body);
        let (status, pdf) = admin
            .get_bytes(&format!("/khen-thuong/quyet-dinh/{id}/giay-khen.pdf"))
            .await;
        assert_eq!(status, 200);
        let info = poppler("pdfinfo", &[], &pdf);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Pages:") && l.ends_with(&format!(" {n}"))),
            "{n} awardees: {info}"
        );
    }
    let id = seen[3].3;
    let (_, docx) = admin
        .get_bytes(&format!("/khen-thuong/quyet-dinh/{id}/quyet-dinh.docx"))
        .await;
    let text = thidua::documents::docx::text_of(&docx).unwrap();
    assert!(
        text.contains("CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG BẮC HỒNG LĨNH"),
        "{text}"
    );
    assert!(
        text.contains("Bắc Hồng Lĩnh, ngày 16 tháng 12 năm 2025"),
        "{text}"
    );
}
