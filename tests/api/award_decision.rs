//! Award cycle part 2 end to end on either engine (issue 13, "Done when"): ten nominations
//! reach the council; the notice runs five working days and one objection received in it is
//! upheld, so that nominee cannot be voted on; a council of 11 with 8 present and "more than
//! half of all members" passes a nominee with 6 agree and fails one with 5; a recused member's
//! ballot is refused; no page, export or log shows who voted how. The decision of 05/12/2024
//! pays 710,000 đ per individual and 1,410,000 đ per collective, its DOCX and PDF read back
//! with number, date line, "Điều 1.", every awardee and amount and the total, and the stored
//! file's hash matches on a second download; the certificates PDF has a page per awardee with
//! its register number; a revoked award shows revoked with its ground and leaves the batch.

use crate::council_setup::*;
use crate::helpers::*;
use crate::pdf_text::poppler;
use thidua::auth::Role;
use thidua::documents::docx::text_of;

const NOMINEES: [Nominee; 10] = [
    ("Nguyễn Văn Phản Ánh", false),
    ("Trần Thị Sáu Phiếu", false),
    ("Lê Văn Năm Phiếu", false),
    ("Phạm Thị Hoa", false),
    ("Hoàng Văn Bình", false),
    ("Đặng Thị Mai", false),
    ("Vũ Văn Cường", false),
    ("Tổ dân phố 1", true),
    ("Tổ dân phố 2", true),
    ("Tổ dân phố 3", true),
];

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn notice_council_decision_certificates_and_revocation() {
    let app = spawn_app().await;
    app.state.clock.set_local(day(2024, 11, 25), 9, 0);
    let (round, ids) = forwarded_round(&app, 2024, "HL-DT", &NOMINEES).await;
    let members = council(&app, "HL", "hd", 11, 8, day(2024, 1, 1)).await;
    app.add_user("noivu", Role::InternalAffairs, "HL").await;
    let town = app.unit_id("HL").await;
    let mut nv = app.signed_in("noivu").await;

    // A ward officer may not run the council.
    let mut ward = app.signed_in("canbo.ducthuan").await;
    assert_eq!(
        ward.get(&format!("/khen-thuong/dot/{round}/hoi-dong"))
            .await
            .status,
        403
    );

    // Notice: five working days, the day of posting not counted: Mon 25/11 → Mon 02/12.
    nv.get(&format!("/khen-thuong/dot/{round}/hoi-dong")).await;
    let r = nv
        .post(
            &format!("/khen-thuong/dot/{round}/niem-yet"),
            &[("enabled", "co"), ("working_days", "5"), ("post", "co")],
        )
        .await;
    assert!(r.body.contains("đến hết ngày 02/12/2024"), "{}", r.body);

    // The public page, without login: names, units, forms, achievements — no address.
    let mut public = app.client().await;
    let page = public.get(&format!("/cong-khai/khen-thuong/{round}")).await;
    assert_eq!(page.status, 200);
    for (name, _) in NOMINEES {
        assert!(page.body.contains(name), "{name} missing from the notice");
    }
    assert!(!page.body.contains("Nguyễn Du"), "an address is personal");
    let before = app.audit_count().await;
    let short = public
        .post(
            &format!("/cong-khai/khen-thuong/{round}/y-kien"),
            &[("nomination_id", &ids[0].to_string()), ("body", "ngắn")],
        )
        .await;
    assert_eq!(short.status, 400);
    assert_eq!(
        app.audit_count().await,
        before,
        "a refused comment writes nothing"
    );
    let sent = public
        .post(
            &format!("/cong-khai/khen-thuong/{round}/y-kien"),
            &[
                ("nomination_id", &ids[0].to_string()),
                (
                    "body",
                    "Ông Ánh chưa hiến đất như báo cáo, đề nghị xác minh lại.",
                ),
                ("contact", "0912 345 678"),
            ],
        )
        .await;
    assert!(sent.body.contains("Đã nhận ý kiến"), "{}", sent.body);
    let again = public.get(&format!("/cong-khai/khen-thuong/{round}")).await;
    assert!(
        !again.body.contains("0912 345 678"),
        "the contact is never public"
    );

    // The vote waits for the notice to end and for the objection.
    let body = nv
        .get(&format!("/khen-thuong/dot/{round}/hoi-dong"))
        .await
        .body;
    assert!(body.contains("0912 345 678") && body.contains("Chưa giải quyết"));
    assert!(body.contains("9 đối tượng chờ biểu quyết"), "{body}");
    app.state.clock.set_local(day(2024, 12, 3), 8, 0);
    let mut nv = app.signed_in("noivu").await;
    let late = public
        .post(
            &format!("/cong-khai/khen-thuong/{round}/y-kien"),
            &[
                ("nomination_id", &ids[1].to_string()),
                ("body", "Ý kiến gửi sau khi hết thời gian niêm yết."),
            ],
        )
        .await;
    assert_eq!(late.status, 400, "after the notice: {}", late.body);
    let page = nv
        .get(&format!("/khen-thuong/dot/{round}/hoi-dong"))
        .await
        .body;
    let oid = id_after(&page, "action=\"/khen-thuong/y-kien/");
    assert!(!oid.is_empty(), "an objection to resolve: {page}");
    let r = nv
        .post(
            &format!("/khen-thuong/y-kien/{oid}"),
            &[
                ("decision", "upheld"),
                ("reason", "Xác minh: chưa hiến đất, thành tích không đúng."),
            ],
        )
        .await;
    assert!(
        r.body.contains("không đưa ra Hội đồng biểu quyết"),
        "{}",
        r.body
    );

    // The session: 11 members, 8 present, "more than half of all members".
    let s = session(&mut nv, round, town, "03/12/2024", "gt 1/2 all", "fails").await;
    let (objected, six, five) = (ids[0], ids[1], ids[2]);
    let r = nv
        .post(
            &format!("/khen-thuong/phien/{s}/mien"),
            &[
                ("member_id", &members[7].to_string()),
                ("nomination_id", &six.to_string()),
                ("reason", "Quan hệ gia đình"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let opened = attend_and_open(&mut nv, &s, &members, 8).await;
    assert!(
        opened.body.contains("Đã mở bỏ phiếu kín"),
        "{}",
        opened.body
    );

    // The upheld nominee is not on the ballot; the recused member's ballot is refused.
    let r = vote(&app, "hd1", &s, &[(objected, "agree")]).await;
    assert_eq!(r.status, 403, "{}", r.body);
    let r = vote(&app, "hd8", &s, &[(six, "agree"), (ids[3], "agree")]).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.body.contains("xung đột lợi ích"), "{}", r.body);
    assert!(
        counts(&app, &s).await.is_empty(),
        "a refused ballot writes nothing"
    );
    let others: Vec<i64> = ids[3..].to_vec();
    for i in 1..=8 {
        let who = format!("hd{i}");
        let mut choices: Vec<(i64, &str)> = others.iter().map(|n| (*n, "agree")).collect();
        if i <= 7 {
            choices.push((six, if i <= 6 { "agree" } else { "disagree" }));
        }
        choices.push((five, if i <= 5 { "agree" } else { "disagree" }));
        let r = vote(&app, &who, &s, &choices).await;
        assert!(r.body.contains("Đã nhận phiếu"), "{who}: {}", r.body);
    }
    let twice = vote(&app, "hd1", &s, &[(ids[4], "disagree")]).await;
    assert_eq!(twice.status, 403);
    assert!(twice.body.contains("chỉ bỏ một phiếu"));

    // Close (after the confirmation page).
    let confirm = nv
        .post(&format!("/khen-thuong/phien/{s}/ket-thuc"), &[])
        .await;
    assert!(
        confirm.body.contains("quá 1/2 tổng số thành viên Hội đồng"),
        "{}",
        confirm.body
    );
    let closed = nv
        .post(
            &format!("/khen-thuong/phien/{s}/ket-thuc"),
            &[("xac_nhan", "co")],
        )
        .await;
    assert!(
        closed.body.contains("Đã kết thúc bỏ phiếu"),
        "{}",
        closed.body
    );
    let tallies = counts(&app, &s).await;
    assert!(tallies.contains(&(six, 6, 1, 0)), "{tallies:?}");
    assert!(tallies.contains(&(five, 5, 3, 0)), "{tallies:?}");
    assert!(!tallies.iter().any(|t| t.0 == objected));
    let outcome = |n: i64, page: &str| {
        let name = NOMINEES[ids.iter().position(|x| *x == n).unwrap()].0;
        let cell = format!("data-label=\"Đối tượng\">{name}");
        page.split("<tr>")
            .find(|r| r.contains(&cell))
            .unwrap()
            .to_string()
    };
    let page = nv.get(&format!("/khen-thuong/phien/{s}")).await.body;
    assert!(
        outcome(six, &page).contains("<strong>Đạt</strong>"),
        "{}",
        outcome(six, &page)
    );
    assert!(
        outcome(five, &page).contains("Không đạt"),
        "{}",
        outcome(five, &page)
    );

    // Secrecy: no row of a member carries a choice, in the page, the minutes or the log.
    for i in 1..=11 {
        let name = format!("Thành viên hd số {i}<");
        for row in page.split("<tr>").filter(|r| r.contains(&name)) {
            assert!(!row.contains("Đồng ý") && !row.contains("đồng ý"), "{row}");
        }
    }
    let (status, minutes) = nv
        .get_bytes(&format!("/khen-thuong/phien/{s}/bien-ban.docx"))
        .await;
    assert_eq!(status, 200);
    let minutes = text_of(&minutes).unwrap();
    for want in [
        "BIÊN BẢN",
        "có mặt 8",
        "Trần Thị Sáu Phiếu",
        "Đạt",
        "Không đạt",
        "quá 1/2 tổng số thành viên Hội đồng",
        "không tham gia biểu quyết",
    ] {
        assert!(minutes.contains(want), "minutes lack {want}: {minutes}");
    }
    let mut c = app.state.db.conn().await.unwrap();
    let (log, _) = thidua::audit::store::list(&mut c, &Default::default(), 500, 0)
        .await
        .unwrap();
    drop(c);
    for e in log.iter().filter(|e| e.action == "award.ballot_cast") {
        let d = &e.details;
        assert!(!d.contains("agree") && !d.contains("abstain"), "{d}");
    }

    // The decision of 05/12/2024: 710,000 đ an individual, 1,410,000 đ a collective.
    let page = nv
        .get(&format!("/khen-thuong/dot/{round}/hoi-dong"))
        .await
        .body;
    assert!(
        page.contains("8 đối tượng đã được Hội đồng thông qua"),
        "{page}"
    );
    let fields = [
        ("body_id", town.to_string()),
        ("decided_on", "05/12/2024".to_string()),
        ("signing_form", "chairman".to_string()),
        ("signer_name", "Nguyễn Hồng Lĩnh".to_string()),
        (
            "bases",
            "Căn cứ Luật Thi đua, khen thưởng năm 2022\nXét đề nghị của Trưởng phòng Nội vụ"
                .to_string(),
        ),
    ];
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let preview = nv
        .post(&format!("/khen-thuong/dot/{round}/quyet-dinh"), &refs)
        .await;
    assert!(
        preview
            .body
            .contains("8 đối tượng, tổng tiền thưởng 7.780.000 đ"),
        "{}",
        preview.body
    );
    let mut confirmed = refs.clone();
    confirmed.push(("xac_nhan", "co"));
    let issued = nv
        .post(&format!("/khen-thuong/dot/{round}/quyet-dinh"), &confirmed)
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
    let (_, docx2) = nv
        .get_bytes(&format!(
            "/khen-thuong/quyet-dinh/{decision}/quyet-dinh.docx"
        ))
        .await;
    assert_eq!(docx, docx2, "the stored file, not a new rendering");
    let mut c = app.state.db.conn().await.unwrap();
    let d = thidua::awards::decision_store::decision(&mut c, decision.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    drop(c);
    assert_eq!(thidua::files::digest(&docx2), d.docx_sha256);
    let (_, pdf) = nv
        .get_bytes(&format!(
            "/khen-thuong/quyet-dinh/{decision}/quyet-dinh.pdf"
        ))
        .await;
    assert_eq!(thidua::files::digest(&pdf), d.pdf_sha256);
    let pdf_text = flat(&poppler("pdftotext", &[], &pdf));
    let docx_text = flat(&text_of(&docx).unwrap());
    for text in [&docx_text, &pdf_text] {
        for want in [
            "Số: 01/QĐ-UBND",
            "Hồng Lĩnh, ngày 05 tháng 12 năm 2024",
            "QUYẾT ĐỊNH",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ HỒNG LĨNH",
            "Điều 1.",
            "Điều 2.",
            "mỗi cá nhân được tặng Giấy khen của Chủ tịch UBND kèm theo mức thưởng 710.000 đồng",
            "mỗi tập thể được tặng Giấy khen của Chủ tịch UBND kèm theo mức thưởng 1.410.000 đồng",
            "Tổng cộng: 8 đối tượng, 7.780.000 đồng.",
            "Căn cứ Luật Thi đua, khen thưởng năm 2022;",
            "Xét đề nghị của Trưởng phòng Nội vụ,",
            "của Chủ tịch UBND thị xã Hồng Lĩnh)",
            "Nguyễn Hồng Lĩnh",
        ] {
            assert!(text.contains(want), "«{want}» missing: {text}");
        }
        for (i, (name, collective)) in NOMINEES.iter().enumerate() {
            let passed = i != 0 && i != 2;
            assert_eq!(text.contains(name), passed, "{name}");
            if passed {
                let amount = if *collective { "1.410.000" } else { "710.000" };
                let at = text.find(name).unwrap();
                assert!(
                    text[at..].split_whitespace().take(20).any(|w| w == amount),
                    "{name} {amount}"
                );
            }
        }
    }
    assert!(!pdf_text.contains("Nguyễn Văn Phản Ánh"));

    // Certificates: a page per awardee, each with its register number.
    let (_, certs) = nv
        .get_bytes(&format!("/khen-thuong/quyet-dinh/{decision}/giay-khen.pdf"))
        .await;
    let info = poppler("pdfinfo", &[], &certs);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(" 8")),
        "{info}"
    );
    for p in 1..=8 {
        let page = p.to_string();
        let text = flat(&poppler("pdftotext", &["-f", &page, "-l", &page], &certs));
        assert!(
            text.contains(&format!("Số vào sổ: GK-2024-{p:04}")),
            "{text}"
        );
        assert!(text.contains("Quyết định số 01/QĐ-UBND"), "{text}");
    }

    // Revocation: ground, date, decision, money; the batch and the page change.
    let page = nv
        .get(&format!("/khen-thuong/quyet-dinh/{decision}"))
        .await
        .body;
    let awardee = id_after(&page, "/khen-thuong/giai-thuong/");
    assert!(!awardee.is_empty(), "an award to revoke: {page}");
    let revoke = [
        ("ground", "false_declaration"),
        ("revoked_on", "20/01/2025"),
        ("decision", "Quyết định số 03/QĐ-UBND ngày 20/01/2025"),
        ("recover", ""),
    ];
    let ask = nv
        .post(
            &format!("/khen-thuong/giai-thuong/{awardee}/thu-hoi"),
            &revoke,
        )
        .await;
    assert!(
        ask.body.contains("Số tiền phải thu hồi: 1.410.000 đ"),
        "{}",
        ask.body
    );
    let mut yes = revoke.to_vec();
    yes.retain(|(k, _)| *k != "recover");
    yes.push(("recover", "1410000"));
    yes.push(("xac_nhan", "co"));
    let done = nv
        .post(&format!("/khen-thuong/giai-thuong/{awardee}/thu-hoi"), &yes)
        .await;
    assert!(
        done.body.contains("Đã thu hồi") && done.body.contains("Khai man thành tích"),
        "{}",
        done.body
    );
    let (_, certs) = nv
        .get_bytes(&format!("/khen-thuong/quyet-dinh/{decision}/giay-khen.pdf"))
        .await;
    let info = poppler("pdfinfo", &[], &certs);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(" 7")),
        "{info}"
    );
    // The revoked award stays on the subject's profile with its ground.
    let ward = app.unit_id("HL-DT").await;
    let profile = nv
        .get(&format!("/khen-thuong/doi-tuong?loai=unit&id={ward}"))
        .await
        .body;
    assert!(
        profile.contains("Đã thu hồi")
            && profile.contains("Khai man thành tích")
            && profile.contains("Đang hiệu lực"),
        "{profile}"
    );

    // Statistics count what is in force; the revoked one is counted apart.
    let stats = nv.get("/khen-thuong/thong-ke?nam=2024").await.body;
    for want in [
        "<strong>7</strong> khen thưởng đang hiệu lực",
        "6.370.000 đ",
        "1 đã thu hồi",
        "tập thể nhỏ <strong>2/7 (28,6 %)</strong>",
    ] {
        assert!(stats.contains(want), "{want}: {stats}");
    }
    let (_, book) = nv.get_bytes("/khen-thuong/thong-ke.xlsx?nam=2024").await;
    let rows = xlsx_rows(&book);
    assert!(
        rows.iter().any(|r| r == &["2024", "7", "6370000"]),
        "{rows:?}"
    );

    let (_, pdf_again) = nv
        .get_bytes(&format!(
            "/khen-thuong/quyet-dinh/{decision}/quyet-dinh.pdf"
        ))
        .await;
    assert_eq!(pdf_again, pdf, "an issued decision is never re-rendered");
}
