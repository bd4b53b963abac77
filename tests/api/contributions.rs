//! Contributions on either engine: valued with the unit's price of the year (recomputed and
//! audited when it changes, the quantity untouched), credited to the contributor recorded, the
//! movement's 80-million mark per year, the all-or-nothing import, and a ward officer who
//! never sees another ward's gifts nor anyone's phone number or citizen ID.

use crate::helpers::*;
use thidua::auth::Role;
use thidua::subjects::{ValidPerson, store as subjects};

/// A person of `unit`; returns their id.
pub async fn person(app: &TestApp, unit: &str, name: &str, phone: &str, cccd: &str) -> i64 {
    let unit_id = app.unit_id(unit).await;
    let mut tx = app.state.db.begin().await.unwrap();
    let v = ValidPerson {
        full_name: name.into(),
        birth_year: Some(1970),
        gender: "nam".into(),
        household_id: None,
        position: String::new(),
        phone: phone.into(),
        citizen_id: cccd.into(),
    };
    let id = subjects::insert_person(&mut tx, &v, unit_id, false, app.state.clock.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn household(app: &TestApp, unit: &str, head: &str) -> i64 {
    let unit_id = app.unit_id(unit).await;
    let mut tx = app.state.db.begin().await.unwrap();
    let id = subjects::insert_household(&mut tx, head, "", unit_id, false, app.state.clock.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn give(c: &mut Client, fields: &[(&str, &str)]) -> Reply {
    c.get("/dong-gop/moi").await;
    c.post("/dong-gop", fields).await
}

/// A cash gift to Bắc Hồng.
fn cash<'a>(who: &'a str, on: &'a str, amount: &'a str) -> [(&'static str, &'a str); 5] {
    [
        ("unit_code", "HL-BH"),
        ("given_on", on),
        ("contributor", who),
        ("kind", "cash"),
        ("quantity", amount),
    ]
}

/// The row of `name` in a page's table of largest contributors.
fn top_row(page: &str, name: &str) -> String {
    let i = page
        .find(&format!(">{name}<"))
        .unwrap_or_else(|| panic!("{name} listed: {page}"));
    page[i..].split("</tr>").next().unwrap().to_string()
}

#[tokio::test]
async fn the_80_million_mark_is_per_year_and_land_counts_at_its_valuation() {
    let app = spawn_app().await;
    app.add_user("phuong.bh", Role::UnitOfficer, "HL-BH").await;
    let an = person(&app, "HL-BH", "Nguyễn Văn An", "", "").await;
    let binh = person(&app, "HL-BH", "Trần Thị Bình", "", "").await;
    let ho = household(&app, "HL-BH", "Lê Văn Cường").await;
    let cuong = person(&app, "HL-BH", "Lê Văn Cường", "", "").await;
    let mut w = app.signed_in("phuong.bh").await;

    // Land without a price for the year is refused with what to do, and nothing is written.
    let (an_code, binh_code, ho_code) = (
        format!("CN-{an}"),
        format!("CN-{binh}"),
        format!("HGD-{ho}"),
    );
    let land = [
        ("unit_code", "HL-BH"),
        ("given_on", "10/05/2024"),
        ("contributor", an_code.as_str()),
        ("kind", "land"),
        ("quantity", "80"),
    ];
    let r = give(&mut w, &land).await;
    assert!(
        r.body.contains("Chưa có đơn giá hiến đất năm 2024"),
        "{}",
        r.body
    );
    assert!(
        w.get("/dong-gop")
            .await
            .body
            .contains("Chưa ghi khoản đóng góp nào")
    );

    w.get("/dong-gop/don-gia").await;
    let price = |p: &'static str| {
        [
            ("unit_code", "HL-BH"),
            ("year", "2024"),
            ("kind", "land"),
            ("price", p),
            ("source", "QĐ 12/QĐ-UBND ngày 02/01/2024"),
        ]
    };
    let r = w.post("/dong-gop/don-gia", &price("500.000")).await;
    assert!(r.body.contains("đã tính lại 0 khoản"), "{}", r.body);
    let r = give(&mut w, &land).await;
    assert!(
        r.body.contains("40.000.000 đ"),
        "80 m² at 500.000 đ: {}",
        r.body
    );
    give(&mut w, &cash(&an_code, "20/08/2024", "40.000.000")).await;
    give(&mut w, &cash(&binh_code, "21/08/2024", "79.999.999")).await;
    give(&mut w, &cash(&an_code, "05/01/2025", "1.000")).await;
    // The household's family land counts for the household, never for its head.
    give(
        &mut w,
        &[
            ("unit_code", "HL-BH"),
            ("given_on", "01/09/2024"),
            ("contributor", ho_code.as_str()),
            ("kind", "land"),
            ("quantity", "200"),
        ],
    )
    .await;

    let top = w.get("/dong-gop/nhieu-nhat?nam=2024").await.body;
    assert!(
        top.contains("80.000.000 đ trở lên"),
        "the mark and its source: {top}"
    );
    let row = top_row(&top, "Nguyễn Văn An");
    assert!(
        row.contains("80.000.000 đ") && row.contains("đạt mức"),
        "{row}"
    );
    let row = top_row(&top, "Trần Thị Bình");
    assert!(
        row.contains("79.999.999 đ") && !row.contains("đạt mức"),
        "{row}"
    );
    let row = top_row(&top, "Hộ Lê Văn Cường");
    assert!(
        row.contains("100.000.000 đ") && row.contains("đạt mức"),
        "{row}"
    );
    assert!(
        !top.contains(">Lê Văn Cường<"),
        "the head is not credited: {top}"
    );
    let next = w.get("/dong-gop/nhieu-nhat?nam=2025").await.body;
    let row = top_row(&next, "Nguyễn Văn An");
    assert!(
        row.contains("1.000 đ") && !row.contains("đạt mức"),
        "per year: {row}"
    );
    // A gift recorded by mistake is cancelled with its reason, after the confirmation page.
    let gift = first_id(&w.get("/dong-gop?nam=2025").await.body, "/dong-gop/");
    let cancel = format!("/dong-gop/{gift}/huy");
    w.get(&format!("/dong-gop/{gift}")).await;
    assert_eq!(w.post(&cancel, &[("reason", " ")]).await.status, 400);
    let page = w.post(&cancel, &[("reason", "Ghi nhầm năm")]).await.body;
    assert!(page.contains("Xác nhận hủy khoản đóng góp"), "{page}");
    assert!(
        w.get("/dong-gop?nam=2025").await.body.contains("1.000 đ"),
        "not yet"
    );
    let before = app.audit_count().await;
    let r = w
        .post(&cancel, &[("reason", "Ghi nhầm năm"), ("xac_nhan", "co")])
        .await;
    assert!(r.body.contains("Đã hủy khoản đóng góp"), "{}", r.body);
    assert_eq!(app.audit_count().await, before + 1);
    let next = w.get("/dong-gop/nhieu-nhat?nam=2025").await.body;
    assert!(!next.contains(">Nguyễn Văn An<"), "{next}");
    assert_eq!(w.get(&format!("/dong-gop/{gift}")).await.status, 404);
    let profile = w.get(&format!("/ca-nhan/{an}")).await.body;
    assert!(profile.contains("Năm 2024 (2 khoản)"), "{profile}");
    assert!(profile.contains("80.000.000 đ — đạt mức"), "{profile}");
    let head = w.get(&format!("/ca-nhan/{cuong}")).await.body;
    assert!(head.contains("Chưa ghi khoản đóng góp nào"), "{head}");

    // A new price revalues the land; the m² stay as entered; the change is audited.
    let before = app.audit_count().await;
    let r = w.post("/dong-gop/don-gia", &price("600.000")).await;
    assert!(r.body.contains("đã tính lại 2 khoản"), "{}", r.body);
    assert_eq!(app.audit_count().await, before + 1);
    let list = w.get("/dong-gop?nam=2024&hinh_thuc=land").await.body;
    assert!(
        list.contains("80 m²") && list.contains("48.000.000 đ"),
        "{list}"
    );
    assert!(
        list.contains("200 m²") && list.contains("120.000.000 đ"),
        "{list}"
    );
    let top = w.get("/dong-gop/nhieu-nhat?nam=2024").await.body;
    assert!(top_row(&top, "Nguyễn Văn An").contains("88.000.000 đ"));
    // The ward's social-mobilisation figure: land 168.000.000 đ, cash 119.999.999 đ in 2024.
    let figure = w.get("/dong-gop").await.body;
    assert!(
        figure.contains("168.000.000 đ") && figure.contains("287.999.999 đ"),
        "{figure}"
    );
    let unit_page = w
        .get(&format!("/don-vi/{}", app.unit_id("HL-BH").await))
        .await
        .body;
    assert!(unit_page.contains("Năm 2024: 287.999.999 đ"), "{unit_page}");

    // The mark is the movement's data: "trên 88 triệu" no longer marks An's 88.000.000 đ; only
    // an administrator sets it.
    let movement = {
        let mut c = app.state.db.conn().await.unwrap();
        thidua::movements::store::all(&mut c).await.unwrap()[0]
            .id
            .to_string()
    };
    let mark = [
        ("movement_id", movement.as_str()),
        ("threshold", "88.000.000"),
        ("comparator", "above"),
        ("source", "Kế hoạch sửa đổi (thử)"),
    ];
    w.get("/dong-gop/muc-ghi-nhan").await;
    assert_eq!(w.post("/dong-gop/muc-ghi-nhan", &mark).await.status, 403);
    let mut admin = app.signed_in("admin").await;
    admin.get("/dong-gop/muc-ghi-nhan").await;
    let r = admin.post("/dong-gop/muc-ghi-nhan", &mark).await;
    assert!(r.body.contains("trên 88.000.000 đ"), "{}", r.body);
    let top = w.get("/dong-gop/nhieu-nhat?nam=2024").await.body;
    assert!(
        !top_row(&top, "Nguyễn Văn An").contains("đạt mức"),
        "88.000.000 is not above itself"
    );
    assert!(top_row(&top, "Hộ Lê Văn Cường").contains("đạt mức"));
}

#[tokio::test]
async fn a_ward_officer_sees_only_their_ward_and_no_phone_or_citizen_id() {
    let app = spawn_app().await;
    app.add_user("phuong.bh", Role::UnitOfficer, "HL-BH").await;
    app.add_user("phuong.nh", Role::UnitOfficer, "HL-NH").await;
    app.add_user("thi.xa", Role::UnitOfficer, "HL").await;
    let from_nh = person(&app, "HL-NH", "Phạm Văn Dũng", "0912345678", "042123456789").await;
    let code = format!("CN-{from_nh}");
    let mut town = app.signed_in("thi.xa").await;
    // A gift of a Nam Hồng resident to Bắc Hồng, recorded by the town; one to Nam Hồng itself.
    for (unit, amount) in [("HL-BH", "5.000.000"), ("HL-NH", "7.000.000")] {
        let r = give(
            &mut town,
            &[
                ("unit_code", unit),
                ("given_on", "02/03/2024"),
                ("contributor", code.as_str()),
                ("kind", "cash"),
                ("quantity", amount),
            ],
        )
        .await;
        assert!(r.body.contains("Đã ghi đóng góp"), "{}", r.body);
    }
    let nh_gift = first_id(&town.get("/dong-gop?q=dung").await.body, "/dong-gop/");
    let nh = app.unit_id("HL-NH").await;

    let mut bh = app.signed_in("phuong.bh").await;
    let list = bh.get("/dong-gop").await.body;
    assert!(
        list.contains("Phạm Văn Dũng") && list.contains("5.000.000 đ"),
        "{list}"
    );
    assert!(!list.contains("7.000.000 đ"), "another ward's gift: {list}");
    assert!(
        !list.contains(&format!("/ca-nhan/{from_nh}")),
        "no link to a profile out of scope"
    );
    for secret in ["0912345678", "042123456789"] {
        assert!(!list.contains(secret));
        let found = bh.get(&format!("/dong-gop?q={secret}")).await.body;
        assert!(
            found.contains("Không có khoản đóng góp nào khớp"),
            "search by {secret}"
        );
    }
    let (status, bytes) = bh.get_bytes("/dong-gop/xuat.xlsx").await;
    assert_eq!(status, 200);
    let rows = xlsx_rows(&bytes);
    assert_eq!(rows.len(), 2, "header and Bắc Hồng's one gift: {rows:?}");
    let all: String = rows.concat().join("|");
    assert!(
        !all.contains("0912345678") && !all.contains("042123456789"),
        "{all}"
    );
    assert_eq!(bh.get(&format!("/dong-gop?don_vi={nh}")).await.status, 404);
    assert_eq!(bh.get(&format!("/dong-gop/{nh_gift}")).await.status, 404);
    let r = bh
        .post(
            &format!("/dong-gop/{nh_gift}/huy"),
            &[("reason", "x"), ("xac_nhan", "co")],
        )
        .await;
    assert_eq!(r.status, 404, "another ward's gift cannot be cancelled");
    assert_eq!(
        bh.get(&format!("/dong-gop/xuat.xlsx?don_vi={nh}"))
            .await
            .status,
        404
    );
    // Naming a person of another ward by code reads as an unknown code.
    let r = give(
        &mut bh,
        &[
            ("unit_code", "HL-BH"),
            ("given_on", "02/03/2024"),
            ("contributor", code.as_str()),
            ("kind", "cash"),
            ("quantity", "1.000"),
        ],
    )
    .await;
    assert!(r.body.contains("Không có cá nhân"), "{}", r.body);
    // Recording for another ward is refused.
    let r = give(
        &mut bh,
        &[
            ("unit_code", "HL-NH"),
            ("given_on", "02/03/2024"),
            ("outside_name", "Nhà hảo tâm"),
            ("kind", "cash"),
            ("quantity", "1.000"),
        ],
    )
    .await;
    assert!(r.body.contains("không được ghi đóng góp"), "{}", r.body);
}
