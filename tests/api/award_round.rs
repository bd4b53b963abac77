//! The award round end to end on either engine (issue 12, "Done when"): a ward sends six
//! nominations across categories b, c, f and g — one after 10/12 marked late with its reason,
//! one of a person already proposed in 2023 for the same land gift blocked with the 2023 round
//! named; category g passes at 80,000,000 đ and fails at 79,999,999 đ; the NTM office
//! receives, two offices give opinions, the Steering Committee gives its opinion, one
//! nomination is returned with a reason, fixed and sent again; the list reaches Internal
//! Affairs; every step refused to the wrong role and to another ward's officer with nothing
//! written; the consolidated list and the dossier open again as DOCX and XLSX.

use chrono::NaiveDate;

use crate::helpers::*;
use thidua::auth::Role;
use thidua::awards::nominations_store;
use thidua::resources::store::{NewContribution, insert_many};

pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Records a contribution straight in the register (the contribution pages have their own
/// stories): `kind` "cash" in đồng, "land" valued at `value`.
pub(crate) async fn gift(
    app: &TestApp,
    who: (&'static str, i64),
    unit: &str,
    kind: &'static str,
    on: NaiveDate,
    value: i64,
) -> i64 {
    let unit_id = app.unit_id(unit).await;
    let mut tx = app.state.db.begin().await.unwrap();
    let row = NewContribution {
        contributor_type: who.0,
        contributor_id: Some(who.1),
        outside_name: String::new(),
        unit_id,
        work_id: None,
        kind,
        quantity: if kind == "cash" { value } else { 100 },
        given_on: on,
        year: i64::from(chrono::Datelike::year(&on)),
        basis: if kind == "cash" { "cash" } else { "stated" },
        stated_value: (kind != "cash").then_some(value),
        stated_source: "Biên bản hiến đất".into(),
        value,
        note: String::new(),
        is_demo: false,
    };
    let ids = insert_many(&mut tx, &[row], None, app.state.clock.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    ids[0]
}

/// Opens the round of `year` as Internal Affairs; returns its id.
pub(crate) async fn open_round(app: &TestApp, c: &mut Client, year: &str) -> String {
    let page = c.get("/khen-thuong").await;
    assert_eq!(page.status, 200);
    let movement = c.last_input_option("movement_id");
    let ids = [
        ("vp", app.unit_id("HL-VPNTM").await),
        ("kt", app.unit_id("HL-KT").await),
        ("ld", app.unit_id("HL-LDTBXH").await),
        ("dt", app.unit_id("HL-DT").await),
        ("bh", app.unit_id("HL-BH").await),
    ];
    let id = |k: &str| ids.iter().find(|(n, _)| *n == k).unwrap().1.to_string();
    let (kt, ld, dt, bh) = (
        format!("tham_dinh_{}", id("kt")),
        format!("tham_dinh_{}", id("ld")),
        format!("de_nghi_{}", id("dt")),
        format!("de_nghi_{}", id("bh")),
    );
    let vp = id("vp");
    let r = c
        .post(
            "/khen-thuong/dot",
            &[
                ("movement_id", &movement),
                ("year", year),
                ("deadline", ""),
                ("receiving_unit_id", &vp),
                (&kt, "co"),
                (&ld, "co"),
                (&dt, "co"),
                (&bh, "co"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body.contains(&format!("Đợt khen thưởng năm {year}")),
        "{}",
        r.body
    );
    assert!(
        r.body.contains(&format!("10/12/{year}")),
        "default deadline: {}",
        r.body
    );
    first_id(&r.body, "/khen-thuong/dot/")
}

/// Creates a draft from the form; returns the reply.
pub(crate) async fn nominate(
    c: &mut Client,
    round: &str,
    subject: &str,
    category: &str,
    form: &str,
    basis: &str,
) -> Reply {
    c.get(&format!(
        "/khen-thuong/dot/{round}/de-nghi/moi?doi_tuong={subject}&nhom={category}"
    ))
    .await;
    c.post(
        &format!("/khen-thuong/dot/{round}/de-nghi"),
        &[
            ("doi_tuong", subject),
            ("category", category),
            ("form_code", form),
            ("achievement_year", ""),
            ("basis", basis),
            (
                "achievement",
                "Tích cực tham gia phong trào xây dựng đô thị văn minh.",
            ),
        ],
    )
    .await
}

pub(crate) fn nomination_id(page: &str) -> String {
    let needle = "href=\"/khen-thuong/de-nghi/";
    let i = page
        .find(needle)
        .unwrap_or_else(|| panic!("a nomination link: {page}"));
    page[i + needle.len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

pub(crate) async fn state_of(app: &TestApp, id: &str) -> (String, i64) {
    let mut c = app.state.db.conn().await.unwrap();
    let n = nominations_store::one(&mut c, id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    (n.state, n.version)
}

/// Takes `action` on `id` as `c`, with the current version.
pub(crate) async fn take(
    app: &TestApp,
    c: &mut Client,
    id: &str,
    action: &str,
    text: &str,
) -> Reply {
    let (_, version) = state_of(app, id).await;
    c.get(&format!("/khen-thuong/de-nghi/{id}")).await;
    c.post(
        &format!("/khen-thuong/de-nghi/{id}/buoc"),
        &[
            ("action", action),
            ("version", &version.to_string()),
            ("text", text),
            ("xac_nhan", "co"),
        ],
    )
    .await
}

#[tokio::test]
async fn a_ward_s_list_goes_through_appraisal_to_internal_affairs() {
    let app = spawn_app().await;
    for (u, r, unit) in [
        ("phuong.dt", Role::UnitOfficer, "HL-DT"),
        ("phuong.bh", Role::UnitOfficer, "HL-BH"),
        ("vp.ntm", Role::NtmOffice, "HL"),
        ("p.kt", Role::UnitOfficer, "HL-KT"),
        ("p.ldtbxh", Role::UnitOfficer, "HL-LDTBXH"),
        ("bcd", Role::Steering, "HL"),
        ("noi.vu", Role::InternalAffairs, "HL"),
    ] {
        app.add_user(u, r, unit).await;
    }
    let an = crate::contributions::person(&app, "HL-DT", "Nguyễn Văn An", "", "").await;
    let binh = crate::contributions::person(&app, "HL-DT", "Trần Thị Bình", "", "").await;
    let cuong = crate::contributions::person(&app, "HL-DT", "Lê Văn Cường", "", "").await;
    let ho = crate::contributions::household(&app, "HL-DT", "Phan Văn Dũng").await;
    let ho2 = crate::contributions::household(&app, "HL-DT", "Hồ Thị Én").await;
    let dt = crate::totals::unit(&app, app.unit_id("HL-DT").await).await;
    let tdp = crate::totals::add_unit(
        &app,
        "DT-TDP1".into(),
        thidua::units::UnitKind::ResidentialGroup,
        Some(&dt),
    )
    .await;
    gift(
        &app,
        ("person", an),
        "HL-DT",
        "cash",
        day(2024, 3, 1),
        80_000_000,
    )
    .await;
    gift(
        &app,
        ("person", binh),
        "HL-DT",
        "cash",
        day(2024, 3, 1),
        79_999_999,
    )
    .await;
    let land = gift(
        &app,
        ("person", cuong),
        "HL-DT",
        "land",
        day(2023, 5, 1),
        120_000_000,
    )
    .await;
    gift(
        &app,
        ("household", ho),
        "HL-DT",
        "land",
        day(2024, 4, 2),
        30_000_000,
    )
    .await;

    // 2023: Cường is proposed for his land gift.
    app.state.clock.set_local(day(2023, 11, 20), 9, 0);
    let mut nv = app.signed_in("noi.vu").await;
    let r2023 = open_round(&app, &mut nv, "2023").await;
    let mut w = app.signed_in("phuong.dt").await;
    let basis = format!("contribution:{land}");
    let r = nominate(
        &mut w,
        &r2023,
        &format!("person:{cuong}"),
        "g",
        "giay_khen",
        &basis,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);

    // 2024: the ward's list.
    // Moving the clock by a year ends every session: sign in again.
    app.state.clock.set_local(day(2024, 12, 9), 9, 0);
    let mut nv = app.signed_in("noi.vu").await;
    let mut w = app.signed_in("phuong.dt").await;
    let round = open_round(&app, &mut nv, "2024").await;
    let mut ids = Vec::new();
    let dt_id = app.unit_id("HL-DT").await;
    for (subject, cat, form) in [
        (format!("unit:{dt_id}"), "b", "giay_khen"),
        (format!("unit:{}", tdp.id), "c", "giay_khen"),
        (format!("household:{ho}"), "f", "giay_khen"),
        (format!("person:{an}"), "g", "giay_khen"),
        (format!("person:{binh}"), "g", "giay_khen"),
    ] {
        let r = nominate(&mut w, &round, &subject, cat, form, "").await;
        assert_eq!(r.status, 200, "{subject}: {}", r.body);
        ids.push(nomination_id(&r.body));
    }
    // Eligibility from the records: g passes at 80,000,000 đ and fails one đồng below.
    let page = w
        .get(&format!("/khen-thuong/de-nghi/{}", ids[3]))
        .await
        .body;
    assert!(
        page.contains("<strong>Đạt</strong>") && page.contains("80.000.000 đ"),
        "{page}"
    );
    let page = w
        .get(&format!("/khen-thuong/de-nghi/{}", ids[4]))
        .await
        .body;
    assert!(
        page.contains("<strong>Không đạt</strong>") && page.contains("79.999.999 đ"),
        "{page}"
    );
    // f passes on the household's land gift, with the link to its contributions.
    let page = w
        .get(&format!("/khen-thuong/de-nghi/{}", ids[2]))
        .await
        .body;
    assert!(
        page.contains("<strong>Đạt</strong>") && page.contains(&format!("/ho-gia-dinh/{ho}")),
        "{page}"
    );

    // One achievement, one award: Cường's land gift was proposed in 2023.
    let before = app.audit_count().await;
    let r = nominate(
        &mut w,
        &round,
        &format!("person:{cuong}"),
        "g",
        "giay_khen",
        &basis,
    )
    .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.body.contains("Đợt khen thưởng năm 2023"), "{}", r.body);
    assert_eq!(app.audit_count().await, before, "nothing written");

    // Another ward sees none of it; a draft cannot be sent alone.
    let mut bh = app.signed_in("phuong.bh").await;
    assert_eq!(
        bh.get(&format!("/khen-thuong/de-nghi/{}", ids[0]))
            .await
            .status,
        404
    );
    assert_eq!(
        take(&app, &mut bh, &ids[0], "withdraw", "").await.status,
        404
    );
    assert_eq!(take(&app, &mut w, &ids[0], "submit", "").await.status, 409);

    // The list of five goes on 09/12, on time.
    w.get(&format!("/khen-thuong/dot/{round}")).await;
    let send = |late: &'static str| {
        vec![
            ("unit_id", dt_id.to_string()),
            ("proposal_number", "15/TTr-UBND".to_string()),
            ("late_reason", late.to_string()),
            ("xac_nhan", "co".to_string()),
        ]
    };
    let fields: Vec<(&str, String)> = send("");
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = w.post(&format!("/khen-thuong/dot/{round}/gui"), &f).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("Đã gửi 5 đề nghị"), "{}", r.body);
    for id in &ids {
        assert_eq!(state_of(&app, id).await.0, "submitted");
    }

    // The sixth, sent at 06:30 on 11/12 Vietnam time (still 10/12 in UTC), is late: without a
    // reason it is not refused but asks for one; with it, it is kept and marked.
    let r = nominate(
        &mut w,
        &round,
        &format!("household:{ho2}"),
        "f",
        "giay_khen",
        "",
    )
    .await;
    ids.push(nomination_id(&r.body));
    app.state.clock.set_local(day(2024, 12, 11), 6, 30);
    let mut w = app.signed_in("phuong.dt").await;
    let mut nv = app.signed_in("noi.vu").await;
    w.get(&format!("/khen-thuong/dot/{round}")).await;
    let fields = send("");
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = w.post(&format!("/khen-thuong/dot/{round}/gui"), &f).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("ghi lý do nộp muộn"), "{}", r.body);
    assert_eq!(state_of(&app, &ids[5]).await.0, "draft");
    let fields = send("Hộ bổ sung biên bản hiến đất ngày 10/12.");
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = w.post(&format!("/khen-thuong/dot/{round}/gui"), &f).await;
    assert!(r.body.contains("đánh dấu nộp muộn"), "{}", r.body);
    let page = w
        .get(&format!("/khen-thuong/de-nghi/{}", ids[5]))
        .await
        .body;
    assert!(
        page.contains("nộp muộn") && page.contains("Hộ bổ sung biên bản"),
        "{page}"
    );
    let page = w
        .get(&format!("/khen-thuong/de-nghi/{}", ids[0]))
        .await
        .body;
    assert!(
        !page.contains("nộp muộn</strong>:"),
        "the list sent on time is not late"
    );

    // Only the NTM office receives: the ward, an office and the Steering Committee are refused.
    let mut vp = app.signed_in("vp.ntm").await;
    let mut kt = app.signed_in("p.kt").await;
    let mut ld = app.signed_in("p.ldtbxh").await;
    let mut bcd = app.signed_in("bcd").await;
    let before = app.audit_count().await;
    assert_eq!(take(&app, &mut w, &ids[0], "receive", "").await.status, 403);
    assert_eq!(
        take(&app, &mut bcd, &ids[0], "receive", "").await.status,
        403
    );
    assert_eq!(
        take(&app, &mut kt, &ids[0], "receive", "").await.status,
        403,
        "an office reads the round's nominations but does not receive them"
    );
    assert_eq!(app.audit_count().await, before);
    assert_eq!(state_of(&app, &ids[0]).await.0, "submitted");

    for id in &ids {
        assert_eq!(take(&app, &mut vp, id, "receive", "").await.status, 200);
        assert_eq!(
            take(&app, &mut vp, id, "send_to_appraisal", "")
                .await
                .status,
            200
        );
    }
    // Consolidating before both offices have spoken is refused.
    let r = take(&app, &mut vp, &ids[0], "appraise", "Đủ điều kiện").await;
    assert_eq!(r.status, 409, "{}", r.body);
    for id in &ids {
        kt.get(&format!("/khen-thuong/de-nghi/{id}")).await;
        let r = kt
            .post(
                &format!("/khen-thuong/de-nghi/{id}/y-kien"),
                &[("opinion", "agree"), ("text", "")],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        ld.get(&format!("/khen-thuong/de-nghi/{id}")).await;
        let r = ld
            .post(
                &format!("/khen-thuong/de-nghi/{id}/y-kien"),
                &[
                    ("opinion", "conditional"),
                    ("text", "Bổ sung xác nhận của tổ dân phố."),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    // A ward officer cannot give an office's opinion.
    let r = w
        .post(
            &format!("/khen-thuong/de-nghi/{}/y-kien", ids[0]),
            &[("opinion", "agree"), ("text", "")],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);

    // Bình's is returned with a reason (none: refused), fixed and sent again.
    assert_eq!(take(&app, &mut vp, &ids[4], "return", "").await.status, 409);
    let r = take(
        &app,
        &mut vp,
        &ids[4],
        "return",
        "Bổ sung chứng từ nộp tiền.",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(state_of(&app, &ids[4]).await.0, "returned");
    let page = w.get("/").await.body;
    assert!(page.contains("bị trả lại"), "the ward's to-do list: {page}");
    let (_, v) = state_of(&app, &ids[4]).await;
    w.get(&format!("/khen-thuong/de-nghi/{}", ids[4])).await;
    let r = w
        .post(
            &format!("/khen-thuong/de-nghi/{}/sua", ids[4]),
            &[
                ("version", &v.to_string()),
                ("form_code", "giay_khen"),
                ("achievement_year", "2024"),
                ("basis", ""),
                (
                    "achievement",
                    "Đã bổ sung chứng từ nộp tiền ủng hộ làm đường.",
                ),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(take(&app, &mut w, &ids[4], "submit", "").await.status, 200);
    assert_eq!(
        take(&app, &mut vp, &ids[4], "receive", "").await.status,
        200
    );
    assert_eq!(
        take(&app, &mut vp, &ids[4], "send_to_appraisal", "")
            .await
            .status,
        200
    );
    for c in [&mut kt, &mut ld] {
        c.get(&format!("/khen-thuong/de-nghi/{}", ids[4])).await;
        c.post(
            &format!("/khen-thuong/de-nghi/{}/y-kien", ids[4]),
            &[("opinion", "agree"), ("text", "")],
        )
        .await;
    }

    // Consolidated, the Steering Committee's opinion, then Internal Affairs.
    for id in &ids {
        let r = take(
            &app,
            &mut vp,
            id,
            "appraise",
            "Đề nghị Chủ tịch UBND thị xã tặng Giấy khen.",
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(
            take(&app, &mut vp, id, "steering_opinion", "Đồng ý")
                .await
                .status,
            403
        );
        let r = take(
            &app,
            &mut bcd,
            id,
            "steering_opinion",
            "Thống nhất đề nghị.",
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(take(&app, &mut bcd, id, "forward", "").await.status, 403);
        assert_eq!(take(&app, &mut vp, id, "forward", "").await.status, 200);
        assert_eq!(state_of(&app, id).await.0, "with_internal_affairs");
    }
    let history = vp
        .get(&format!("/khen-thuong/de-nghi/{}", ids[4]))
        .await
        .body;
    assert!(
        history.contains("Bổ sung chứng từ nộp tiền.") && history.contains("Trả lại đơn vị"),
        "{history}"
    );
    let board = nv.get(&format!("/khen-thuong/dot/{round}")).await.body;
    assert!(
        board.contains("Đã chuyển Phòng Nội vụ") && board.contains(">6<"),
        "{board}"
    );

    // The consolidated list as Word and Excel, read back.
    let (status, bytes) = nv
        .get_bytes(&format!("/khen-thuong/dot/{round}/danh-sach.docx"))
        .await;
    assert_eq!(status, 200);
    let text = thidua::documents::docx::text_of(&bytes).unwrap();
    for part in [
        "DANH SÁCH",
        "Giấy khen của Chủ tịch UBND",
        "b. Phường, xã",
        "g. Cá nhân",
        "Nguyễn Văn An",
        "Hộ Phan Văn Dũng",
        "710.000 đ",
        "1.410.000 đ",
        "1.060.000 đ",
    ] {
        assert!(text.contains(part), "{part} in\n{text}");
    }
    let (status, bytes) = nv
        .get_bytes(&format!("/khen-thuong/dot/{round}/danh-sach.xlsx"))
        .await;
    assert_eq!(status, 200);
    let rows = xlsx_rows(&bytes);
    assert!(
        rows.iter().any(|r| r.iter().any(|c| c == "Trần Thị Bình")),
        "{rows:?}"
    );
    // The achievement report is pre-filled from the records.
    let (_, bytes) = w
        .get_bytes(&format!("/khen-thuong/de-nghi/{}/bao-cao.docx", ids[3]))
        .await;
    let text = thidua::documents::docx::text_of(&bytes).unwrap();
    assert!(
        text.contains("Nguyễn Văn An") && text.contains("80.000.000 đ"),
        "{text}"
    );
    // The person's profile shows the award cycle.
    let profile = w.get(&format!("/ca-nhan/{an}")).await.body;
    assert!(
        profile.contains("Khen thưởng") && profile.contains("Đã chuyển Phòng Nội vụ"),
        "{profile}"
    );
}
