//! Assessments against criteria sets, end to end on either engine: a ward fills the
//! civilised-ward assessment with evidence, an office rejects one criterion and verifies the
//! others, the ward fixes and resubmits, recognition is recorded and the civilised-wards figure
//! on the targets dashboard moves; each office verifies only its own criteria; the public page
//! shows no personal data; editing the set later leaves the assessment as it was.

use crate::helpers::*;
use thidua::auth::Role;
use thidua::criteria::{assess_store, store};

/// The offices owning the civilised-ward criteria, each with one officer `vp.<code>`.
pub const OFFICES: [&str; 9] = [
    "HL-QLDT",
    "HL-KT",
    "HL-VHTT",
    "HL-TNMT",
    "HL-GDDT",
    "HL-LDTBXH",
    "HL-YT",
    "HL-NV",
    "HL-CA",
];

pub fn officer_of(code: &str) -> String {
    format!("vp.{}", code.trim_start_matches("HL-").to_lowercase())
}

/// The civilised-ward set's id.
pub async fn ward_set(app: &TestApp) -> i64 {
    let mut c = app.state.db.conn().await.unwrap();
    store::sets(&mut c)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.code == "DTVM_PHUONG_HT")
        .unwrap()
        .id
}

/// The administrator enters every target still waiting (90 for a percentage, 60 million for
/// income), as the offices would before assessments start.
pub async fn enter_pending_targets(app: &TestApp, set: i64) {
    let mut admin = app.signed_in("admin").await;
    let ids: Vec<(i64, String)> = {
        let mut c = app.state.db.conn().await.unwrap();
        let targets = store::targets_of(&mut c, set).await.unwrap();
        store::indicators_of(&mut c, set)
            .await
            .unwrap()
            .into_iter()
            .filter(|i| {
                targets
                    .iter()
                    .any(|(id, t)| *id == i.id && t.value.is_none())
                    || !targets.iter().any(|(id, _)| *id == i.id)
            })
            .map(|i| (i.id, i.measure))
            .collect()
    };
    admin.get(&format!("/tieu-chi/{set}")).await;
    for (id, measure) in ids {
        let value = if measure == "yes_no" {
            "Đạt"
        } else if measure == "amount" {
            "60"
        } else {
            "90"
        };
        let r = admin
            .post(
                &format!("/tieu-chi/{set}/chi-so/{id}/chi-tieu"),
                &[("basis", ""), ("year", ""), ("value", value)],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
}

/// Every value field of the assessment page, filled so that each indicator is met.
pub fn all_met(page: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find("name=\"v_") {
        rest = &rest[i + 6..];
        let name: String = rest.chars().take_while(|c| *c != '"').collect();
        let is_select = page.contains(&format!("<select id=\"{name}\""));
        out.push((
            name,
            if is_select {
                "Đạt".into()
            } else {
                "95".into()
            },
        ));
    }
    out.sort();
    out.dedup();
    out
}

pub async fn save(c: &mut Client, id: i64, fields: &[(String, String)], action: &str) -> Reply {
    let page = c.get(&format!("/danh-gia/{id}")).await.body;
    // A sent assessment has no form: post the last version known (the server refuses it).
    let version = input_value(&page, "version").unwrap_or_else(|| "1".into());
    let mut all: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    all.push(("version", &version));
    all.push(("hanh_dong", action));
    c.post(&format!("/danh-gia/{id}"), &all).await
}

fn input_value(page: &str, name: &str) -> Option<String> {
    let key = format!("name=\"{name}\" value=\"");
    let i = page.find(&key)?;
    Some(
        page[i + key.len()..]
            .chars()
            .take_while(|c| *c != '"')
            .collect(),
    )
}

/// Uploads `bytes` as `name` for the criterion `criterion_id` of assessment `id`.
pub async fn attach(
    c: &Client,
    id: i64,
    criterion_id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, String) {
    let form = reqwest::multipart::Form::new()
        .text("csrf", c.csrf.clone())
        .text("criterion_id", criterion_id.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    let r = c
        .http
        .post(format!("{}/danh-gia/{id}/minh-chung", c.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

/// Opens the assessment of `unit` against `set` for `year` as its officer; returns its id.
pub async fn open_assessment(
    app: &TestApp,
    ward: &mut Client,
    set: i64,
    unit: &str,
    year: &str,
) -> i64 {
    let subject = app.unit_id(unit).await;
    ward.get(&format!("/danh-gia/moi?bo={set}")).await;
    let r = ward
        .post(
            "/danh-gia",
            &[
                ("set_id", &set.to_string()),
                ("subject", &subject.to_string()),
                ("year", year),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut c = app.state.db.conn().await.unwrap();
    let code = store::sets(&mut c)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.id == set)
        .unwrap()
        .code;
    assess_store::find_for(&mut c, &code, "unit", subject, year.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
}

/// The criteria ids of the set with their owning office codes.
pub async fn criteria_owners(app: &TestApp, set: i64) -> Vec<(i64, i64, String)> {
    let mut c = app.state.db.conn().await.unwrap();
    let mut out = Vec::new();
    for cr in store::criteria_of(&mut c, set).await.unwrap() {
        let owner = thidua::units::store::by_id(&mut c, cr.owner_unit_id.unwrap())
            .await
            .unwrap()
            .unwrap();
        out.push((cr.id, cr.number, owner.code));
    }
    out
}

fn civilised_row(dashboard: &str) -> String {
    let i = dashboard
        .rfind("Phường đạt chuẩn phường đô thị văn minh</a>")
        .expect("the civilised-wards row");
    dashboard[i..].split("</tr>").next().unwrap().to_string()
}

#[tokio::test]
async fn a_ward_is_assessed_verified_by_its_offices_and_recognised() {
    let app = spawn_app().await;
    for code in OFFICES {
        app.add_user(&officer_of(code), Role::UnitOfficer, code)
            .await;
    }
    app.add_user("phuong.bh", Role::UnitOfficer, "HL-BH").await;
    app.add_user("vp.ntm", Role::NtmOffice, "HL").await;
    let set = ward_set(&app).await;
    enter_pending_targets(&app, set).await;
    let owners = criteria_owners(&app, set).await;

    let mut ward = app.signed_in("phuong.bh").await;
    let id = open_assessment(&app, &mut ward, set, "HL-BH", "2024").await;
    let page = ward.get(&format!("/danh-gia/{id}")).await.body;
    assert!(page.contains("0/18 tiêu chí đạt"), "{page}");
    let fields = all_met(&page);
    assert!(fields.len() >= 18);
    let r = save(&mut ward, id, &fields, "luu").await;
    assert!(r.body.contains("Đã lưu bản đánh giá"), "{}", r.body);
    assert!(r.body.contains("18/18 tiêu chí đạt"));
    let housing = owners.iter().find(|o| o.1 == 3).unwrap().0;
    let (status, body) = attach(&ward, id, owners[0].0, "quy-hoach.pdf", PDF.to_vec()).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("quy-hoach.pdf"));
    let r = save(&mut ward, id, &fields, "gui").await;
    assert!(
        r.body.contains("gửi bản đánh giá cho các phòng"),
        "{}",
        r.body
    );
    // Sent: the ward can no longer change it.
    assert_eq!(save(&mut ward, id, &fields, "luu").await.status, 409);

    // The urban-management office sees its queue; it may not verify another office's criterion.
    let mut qldt = app.signed_in(&officer_of("HL-QLDT")).await;
    let home = qldt.get("/").await.body;
    assert!(home.contains("Chờ phòng bạn xác minh"), "{home}");
    assert!(qldt.get("/xac-minh").await.body.contains("Nhà ở"));
    let electricity = owners.iter().find(|o| o.2 == "HL-KT").unwrap().0;
    let r = qldt
        .post(
            &format!("/danh-gia/{id}/tieu-chi/{electricity}/xac-minh"),
            &[],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(
        r.body
            .contains("phòng của bạn chỉ xác minh tiêu chí mình phụ trách")
    );
    // A rejection needs its reason.
    let r = qldt
        .post(
            &format!("/danh-gia/{id}/tieu-chi/{housing}/tra-lai"),
            &[("reason", " ")],
        )
        .await;
    assert_eq!(r.status, 400);
    let r = qldt
        .post(
            &format!("/danh-gia/{id}/tieu-chi/{housing}/tra-lai"),
            &[(
                "reason",
                "Thiếu biên bản rà soát nhà tạm của các tổ dân phố",
            )],
        )
        .await;
    assert!(r.body.contains("Đã trả lại tiêu chí"), "{}", r.body);
    for (cid, _, office) in &owners {
        if *cid == housing {
            continue;
        }
        let mut o = app.signed_in(&officer_of(office)).await;
        o.get(&format!("/danh-gia/{id}")).await;
        let r = o
            .post(&format!("/danh-gia/{id}/tieu-chi/{cid}/xac-minh"), &[])
            .await;
        assert!(
            r.body.contains("Đã xác minh tiêu chí"),
            "{office}: {}",
            r.body
        );
    }

    // Returned: the ward reads the reason on its home page and the assessment, fixes, resends.
    let home = ward.get("/").await.body;
    assert!(home.contains("Tiêu chí bị trả lại"), "{home}");
    assert!(home.contains("Thiếu biên bản rà soát nhà tạm"));
    let (status, _) = attach(&ward, id, housing, "bien-ban-ra-soat.pdf", PDF.to_vec()).await;
    assert_eq!(status, 200);
    let r = save(&mut ward, id, &fields, "gui").await;
    assert!(r.body.contains("gửi bản đánh giá"), "{}", r.body);
    // Before the last verification the recognition cannot be recorded.
    let mut ntm = app.signed_in("vp.ntm").await;
    let form = ntm.get(&format!("/danh-gia/{id}/cong-nhan")).await.body;
    assert!(
        form.contains("chưa được các phòng phụ trách xác minh đủ"),
        "{form}"
    );
    qldt.get(&format!("/danh-gia/{id}")).await;
    let r = qldt
        .post(&format!("/danh-gia/{id}/tieu-chi/{housing}/xac-minh"), &[])
        .await;
    assert!(r.body.contains("Đã xác minh (khóa)"), "{}", r.body);
    // Locked: evidence cannot change either.
    let (status, _) = attach(&ward, id, housing, "them.pdf", PDF.to_vec()).await;
    assert_eq!(status, 409);

    let town = app.unit_id("HL").await;
    let dashboard = format!("/chi-tieu?don_vi={town}&nam=2024");
    let before = civilised_row(&ntm.get(&dashboard).await.body);

    let form = ntm.get(&format!("/danh-gia/{id}/cong-nhan")).await.body;
    assert!(form.contains("cần xem xét"), "{form}");
    let r = ntm
        .post(
            &format!("/danh-gia/{id}/cong-nhan"),
            &[
                ("decision_number", "1234/QĐ-UBND"),
                ("decision_date", "15/11/2024"),
                ("authority", "Chủ tịch UBND tỉnh Hà Tĩnh"),
                ("round", "đợt 2/2024"),
                ("conditions_note", "Đã xem biên bản lấy ý kiến người dân"),
            ],
        )
        .await;
    assert!(r.body.contains("Đã ghi quyết định công nhận"), "{}", r.body);
    let after = civilised_row(&ntm.get(&dashboard).await.body);
    assert_ne!(before, after, "the civilised-wards figure moves");
    assert!(after.contains("20"), "one ward of five: {after}");
    let unit_page = ntm
        .get(&format!("/don-vi/{}", app.unit_id("HL-BH").await))
        .await
        .body;
    assert!(unit_page.contains("Đạt chuẩn từ 15/11/2024"), "{unit_page}");

    // The public page: met criteria and evidence counts, nobody's name, no file name.
    let mut anyone = app.client().await;
    let public = anyone
        .get(&format!("/cong-khai/don-vi/{}", app.unit_id("HL-BH").await))
        .await;
    assert_eq!(public.status, 200);
    assert!(
        public.body.contains("18/18 tiêu chí đạt"),
        "{}",
        public.body
    );
    assert!(public.body.contains("1234/QĐ-UBND"));
    for private in [
        "phuong.bh",
        "vp.qldt",
        "quy-hoach.pdf",
        "bien-ban",
        "minh-chung/",
    ] {
        assert!(!public.body.contains(private), "{private} leaked");
    }
    assert!(anyone.get("/cong-khai").await.body.contains("Bắc Hồng"));
    assert_eq!(
        anyone
            .get(&format!("/cong-khai/don-vi/{town}"))
            .await
            .status,
        404
    );
    let closed = anyone.get(&format!("/danh-gia/{id}")).await.body;
    assert!(closed.contains("Đăng nhập") && !closed.contains("Nhà ở"));
}
