//! Proposals upward on either engine (issue 13, item 5): a nominee the council passed for the
//! provincial Bằng khen never enters the town's decision; it goes to the province in a tờ
//! trình numbered from the town's register (01/TTr-UBND), whose DOCX names the province, the
//! number and every nominee, and whose dossier ZIP holds the tờ trình, the list with the
//! ballot counts (never who voted how), each nominee's report — the uploaded one, or one
//! pre-filled from the records — and the council's minutes; both files are stored once, and
//! a nominee cannot be proposed twice.

use std::io::{Cursor, Read};

use crate::council_setup::*;
use crate::helpers::*;
use thidua::auth::Role;
use thidua::documents::docx::text_of;
use thidua::files::store::Owner;

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn provincial_forms_go_upward_in_a_numbered_proposal_with_its_dossier() {
    let app = spawn_app().await;
    app.state.clock.set_local(day(2024, 12, 5), 9, 0);
    let (round, ids) = forwarded_round_forms(
        &app,
        2024,
        "HL-DT",
        &[
            ("Nguyễn Văn Giấy", false),
            ("Trần Thị Ủy Tỉnh", false),
            ("Tổ dân phố Ặc Ộ", true),
        ],
        &["giay_khen", "bang_khen_tinh", "bang_khen_tinh"],
    )
    .await;
    // The second nominee's signed report was uploaded by the ward.
    let report = b"%PDF-1.4 bao cao da ky".to_vec();
    let key = thidua::files::digest(&report);
    let mut tx = app.state.db.begin().await.unwrap();
    let file = thidua::files::accept("Báo cáo thành tích (bản ký).pdf", &report).unwrap();
    thidua::files::store::attach(
        &mut tx,
        &file,
        Owner {
            kind: thidua::awards::dossier_web::OWNER,
            id: ids[1],
            slot: 2,
        },
        1,
        app.state.clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    app.state.files.put(&key, report.clone()).await.unwrap();

    let members = council(&app, "HL", "hd", 11, 8, day(2024, 1, 1)).await;
    app.add_user("noivu", Role::InternalAffairs, "HL").await;
    let town = app.unit_id("HL").await;
    let mut nv = app.signed_in("noivu").await;
    let s = session(&mut nv, round, town, "05/12/2024", "gt 1/2 all", "fails").await;
    attend_and_open(&mut nv, &s, &members, 8).await;
    let mut member = app.signed_in("hd1").await;
    let home = member.get("/").await.body;
    assert!(
        home.contains("Phiên họp Hội đồng đang bỏ phiếu kín") && home.contains("Bạn chưa bỏ phiếu"),
        "{home}"
    );
    for i in 1..=8 {
        let choices: Vec<(i64, &str)> = ids.iter().map(|n| (*n, "agree")).collect();
        vote(&app, &format!("hd{i}"), &s, &choices).await;
    }
    nv.post(
        &format!("/khen-thuong/phien/{s}/ket-thuc"),
        &[("xac_nhan", "co")],
    )
    .await;

    let page = nv
        .get(&format!("/khen-thuong/dot/{round}/hoi-dong"))
        .await
        .body;
    assert!(
        page.contains("1 đối tượng đã được Hội đồng thông qua, chờ quyết định"),
        "{page}"
    );
    assert!(
        page.contains("2 đối tượng đã được Hội đồng thông qua, chờ trình cấp tỉnh"),
        "{page}"
    );
    assert!(
        page.contains("0 đối tượng chờ biểu quyết")
            && page.contains("3 đối tượng đã có kết quả biểu quyết"),
        "a closed session's nominees are not waiting for a vote: {page}"
    );

    assert!(
        !member.get("/").await.body.contains("Bạn chưa bỏ phiếu"),
        "the ballot was cast"
    );
    let home = nv.get("/").await.body;
    for want in [
        "Hội đồng đã thông qua, chờ quyết định khen thưởng",
        "Chờ lập tờ trình đề nghị cấp tỉnh khen thưởng",
    ] {
        assert!(home.contains(want), "{want}: {home}");
    }

    // The town's decision covers the Giấy khen only.
    let decision = [
        ("body_id", town.to_string()),
        ("decided_on", "05/12/2024".to_string()),
        ("signing_form", "chairman".to_string()),
        ("signer_name", "Nguyễn Hồng Lĩnh".to_string()),
        (
            "bases",
            "Căn cứ Luật Thi đua, khen thưởng năm 2022".to_string(),
        ),
        ("xac_nhan", "co".to_string()),
    ];
    let mut refs: Vec<(&str, &str)> = decision.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let before = app.audit_count().await;
    let mut stale = refs.clone();
    stale.push(("danh_sach", "1,2"));
    let changed = nv
        .post(&format!("/khen-thuong/dot/{round}/quyet-dinh"), &stale)
        .await;
    assert_eq!(
        changed.status, 409,
        "a decision covers what its preview showed"
    );
    assert_eq!(app.audit_count().await, before);
    let shown = ids[0].to_string();
    refs.push(("danh_sach", &shown));
    let issued = nv
        .post(&format!("/khen-thuong/dot/{round}/quyet-dinh"), &refs)
        .await;
    assert!(
        issued
            .body
            .contains("khen thưởng 1 đối tượng, tổng 710.000 đ"),
        "{}",
        issued.body
    );

    // The tờ trình: a preview first, then one numbered from the town's register.
    let fields = [
        ("body_id", town.to_string()),
        ("proposed_on", "09/12/2024".to_string()),
        ("signing_form", "tm".to_string()),
        ("signer_name", "Nguyễn Hồng Lĩnh".to_string()),
        ("recipient", String::new()),
    ];
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let before = app.audit_count().await;
    let preview = nv
        .post(&format!("/khen-thuong/dot/{round}/to-trinh-tinh"), &refs)
        .await;
    assert!(
        preview
            .body
            .contains("đề nghị khen thưởng 2 đối tượng: Trần Thị Ủy Tỉnh, Tổ dân phố Ặc Ộ"),
        "{}",
        preview.body
    );
    assert_eq!(app.audit_count().await, before, "a preview writes nothing");
    let mut confirmed = refs.clone();
    confirmed.push(("xac_nhan", "co"));
    let previewed = format!("{},{}", ids[1], ids[2]);
    assert!(
        preview
            .body
            .contains(&format!("name=\"danh_sach\" value=\"{previewed}\"")),
        "{}",
        preview.body
    );
    let mut stale = confirmed.clone();
    stale.push(("danh_sach", "1"));
    let changed = nv
        .post(&format!("/khen-thuong/dot/{round}/to-trinh-tinh"), &stale)
        .await;
    assert_eq!(changed.status, 409, "{}", changed.body);
    assert!(
        changed
            .body
            .contains("Danh sách đã thay đổi từ khi xem trước"),
        "{}",
        changed.body
    );
    assert_eq!(app.audit_count().await, before, "nothing written");
    confirmed.push(("danh_sach", &previewed));
    let done = nv
        .post(
            &format!("/khen-thuong/dot/{round}/to-trinh-tinh"),
            &confirmed,
        )
        .await;
    assert!(
        done.body.contains(
            "Đã ban hành Tờ trình số 01/TTr-UBND đề nghị cấp tỉnh khen thưởng 2 đối tượng"
        ),
        "{}",
        done.body
    );
    assert!(
        done.body
            .contains("Không có đối tượng nào chờ trình cấp tỉnh"),
        "{}",
        done.body
    );
    let proposal = id_after(&done.body, "/khen-thuong/to-trinh-tinh/");
    let home = nv.get("/").await.body;
    assert!(
        !home.contains("chờ quyết định khen thưởng") && !home.contains("Chờ lập tờ trình"),
        "nothing left to do: {home}"
    );

    let (status, docx) = nv
        .get_bytes(&format!(
            "/khen-thuong/to-trinh-tinh/{proposal}/to-trinh.docx"
        ))
        .await;
    assert_eq!(status, 200);
    let text = flat(&text_of(&docx).unwrap());
    for want in [
        "Số: 01/TTr-UBND",
        "Hồng Lĩnh, ngày 09 tháng 12 năm 2024",
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh (qua Sở Nội vụ)",
        "họp ngày 05 tháng 12 năm 2024",
        "Trần Thị Ủy Tỉnh",
        "Tổ dân phố Ặc Ộ",
        "TM. ỦY BAN NHÂN DÂN",
    ] {
        assert!(text.contains(want), "the tờ trình lacks «{want}»: {text}");
    }
    assert!(
        !text.contains("Nguyễn Văn Giấy"),
        "the town's own award is not proposed"
    );

    let (status, zip) = nv
        .get_bytes(&format!("/khen-thuong/to-trinh-tinh/{proposal}/ho-so.zip"))
        .await;
    assert_eq!(status, 200);
    let (_, again) = nv
        .get_bytes(&format!("/khen-thuong/to-trinh-tinh/{proposal}/ho-so.zip"))
        .await;
    assert_eq!(
        thidua::files::digest(&zip),
        thidua::files::digest(&again),
        "the dossier is stored once, never rebuilt"
    );
    let mut z = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    let names: Vec<String> = z.file_names().map(|n| n.unwrap().into_owned()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "01-to-trinh-01-TTr-UBND.docx",
            "02-danh-sach-va-ket-qua-bo-phieu.xlsx",
            "03-ho-so/01-Tran-Thi-Uy-Tinh/Bao-cao-thanh-tich-ban-ky.pdf",
            "03-ho-so/02-To-dan-pho-Ac-O/bao-cao-thanh-tich.docx",
            "04-bien-ban-hoi-dong-2024-12-05.docx",
        ]
    );
    let mut entry = |name: &str| {
        let mut v = Vec::new();
        z.by_name(name).unwrap().read_to_end(&mut v).unwrap();
        v
    };
    assert_eq!(
        entry("01-to-trinh-01-TTr-UBND.docx"),
        docx,
        "the ZIP holds the tờ trình as issued"
    );
    assert_eq!(
        entry("03-ho-so/01-Tran-Thi-Uy-Tinh/Bao-cao-thanh-tich-ban-ky.pdf"),
        report
    );
    let filled = flat(
        &text_of(&entry(
            "03-ho-so/02-To-dan-pho-Ac-O/bao-cao-thanh-tich.docx",
        ))
        .unwrap(),
    );
    assert!(
        filled.contains("BÁO CÁO THÀNH TÍCH") && filled.contains("Tổ dân phố Ặc Ộ"),
        "{filled}"
    );
    let minutes = flat(&text_of(&entry("04-bien-ban-hoi-dong-2024-12-05.docx")).unwrap());
    assert!(minutes.contains("Trần Thị Ủy Tỉnh"), "{minutes}");
    let book = entry("02-danh-sach-va-ket-qua-bo-phieu.xlsx");
    let list = xlsx_rows(&book);
    assert!(
        list[0][0].starts_with("Danh sách đề nghị cấp tỉnh khen thưởng – Tờ trình số 01/TTr-UBND"),
        "{list:?}"
    );
    let row = list
        .iter()
        .find(|r| r.get(1).is_some_and(|n| n == "Tổ dân phố Ặc Ộ"))
        .unwrap_or_else(|| panic!("{list:?}"));
    assert_eq!(row[3], "Bằng khen của Chủ tịch UBND tỉnh");
    use calamine::{Data, Reader};
    let mut wb = calamine::Xlsx::new(Cursor::new(book)).unwrap();
    let counts = wb.worksheet_range("Kết quả bỏ phiếu").unwrap();
    let rows: Vec<Vec<Data>> = counts.rows().map(|r| r.to_vec()).collect();
    let voted: Vec<&Vec<Data>> = rows
        .iter()
        .filter(|r| matches!(r.get(1), Some(Data::String(n)) if n == "Trần Thị Ủy Tỉnh" || n == "Tổ dân phố Ặc Ộ"))
        .collect();
    assert_eq!(voted.len(), 2, "{rows:?}");
    for r in voted {
        assert_eq!(
            (&r[3], &r[4], &r[5]),
            (&Data::Float(8.0), &Data::Float(0.0), &Data::Float(0.0)),
            "counts are numbers Excel can add: {r:?}"
        );
        assert_eq!(r[6], Data::String("Đạt".into()));
    }
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let all: String = rows.concat().concat();
    assert!(
        !all.contains("Thành viên"),
        "counts only, never who voted how"
    );

    // A nominee goes upward once; a ward officer cannot open the dossier.
    let before = app.audit_count().await;
    let twice = nv
        .post(
            &format!("/khen-thuong/dot/{round}/to-trinh-tinh"),
            &confirmed,
        )
        .await;
    assert_eq!(twice.status, 409, "{}", twice.body);
    assert!(
        twice.body.contains("Chưa có đối tượng nào"),
        "{}",
        twice.body
    );
    assert_eq!(app.audit_count().await, before);
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let (status, _) = ward
        .get_bytes(&format!("/khen-thuong/to-trinh-tinh/{proposal}/ho-so.zip"))
        .await;
    assert_eq!(status, 404);
}
