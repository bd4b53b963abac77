//! OCOP products on either engine: scores checked against the sheet in force on the evaluation
//! date, stars and the 36-month certificate, a certificate from the wrong level flagged, and the
//! section-II target counting first certifications only (a renewal is not a new product).

use crate::helpers::*;
use thidua::auth::Role;
use thidua::units::{self, UnitKind, ValidUnit};

/// An enterprise of Thuận Lộc; returns its id.
async fn enterprise(app: &TestApp) -> i64 {
    let mut tx = app.state.db.begin().await.unwrap();
    let parent = units::store::by_code(&mut tx, "HL-TLO")
        .await
        .unwrap()
        .unwrap();
    let v = ValidUnit {
        code: "DN-CHE".into(),
        name: "Công ty TNHH Chè Thuận Lộc".into(),
        kind: UnitKind::Enterprise,
        parent_code: None,
        valid_from: None,
        valid_to: None,
        note: String::new(),
    };
    let id = units::store::insert(&mut tx, &v, Some(&parent), false, app.state.clock.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// The 8-byte PNG signature and a header chunk: enough for the content sniffer.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";

/// Sends a photo; gives the status of the page it ends on.
async fn photo_upload(c: &Client, path: &str, name: &str, bytes: &[u8]) -> u16 {
    let form = reqwest::multipart::Form::new()
        .text("csrf", c.csrf.clone())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()),
        );
    c.http
        .post(format!("{}{path}", c.base))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

fn ocop_row(board: &str) -> String {
    let i = board
        .rfind("Sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao cấp tỉnh trở lên trong năm</a>")
        .expect("the OCOP row");
    board[i..].split("</tr>").next().unwrap().to_string()
}

#[tokio::test]
async fn an_ocop_product_is_scored_certified_and_counted_once() {
    let app = spawn_app().await;
    app.add_user("xa.tl", Role::UnitOfficer, "HL-TLO").await;
    app.add_user("phuong.nh", Role::UnitOfficer, "HL-NH").await;
    app.add_user("vp.ntm", Role::NtmOffice, "HL").await;
    let owner = enterprise(&app).await.to_string();
    let mut xa = app.signed_in("xa.tl").await;
    xa.get("/ocop").await;
    let r = xa
        .post(
            "/ocop",
            &[
                ("name", "Chè xanh Thuận Lộc"),
                ("group", "drink"),
                ("owner", &owner),
            ],
        )
        .await;
    assert!(
        r.body.contains("Đã ghi sản phẩm «Chè xanh Thuận Lộc»"),
        "{}",
        r.body
    );
    let id = first_id(&xa.get("/ocop").await.body, "/ocop/");
    // The commune cannot score its own product; another ward does not even see it.
    let eval = format!("/ocop/{id}/danh-gia");
    let form = |on: &'static str, a: &'static str, date: &'static str, level: &'static str| {
        vec![
            ("evaluated_on", on),
            ("level", "district"),
            ("a", a),
            ("b", "20"),
            ("c", "30"),
            ("certificate_date", date),
            ("number", "123/QĐ-UBND"),
            ("issued_level", level),
            ("body", "UBND tỉnh Hà Tĩnh"),
        ]
    };
    assert_eq!(
        xa.post(&eval, &form("01/06/2024", "38", "", ""))
            .await
            .status,
        403
    );
    let mut other = app.signed_in("phuong.nh").await;
    assert_eq!(other.get(&format!("/ocop/{id}")).await.status, 404);

    let mut ntm = app.signed_in("vp.ntm").await;
    ntm.get(&format!("/ocop/{id}")).await;
    // 38 in part A is over QĐ 1048's maximum of 35 in 2022, within QĐ 148's 40 in 2024.
    let r = ntm.post(&eval, &form("01/06/2022", "38", "", "")).await;
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("Phần A tối đa 35") && r.body.contains("1048"),
        "{}",
        r.body
    );
    let r = ntm.post(&eval, &form("01/06/2024", "40,5", "", "")).await;
    assert!(r.body.contains("Phần A tối đa 40"), "{}", r.body);
    let r = ntm.post(&eval, &form("01/06/2024", "29,3", "", "")).await;
    assert!(r.body.contains("nửa điểm"));
    let r = ntm
        .post(&eval, &form("01/06/2024", "38", "01/07/2024", "province"))
        .await;
    assert!(r.body.contains("88 điểm, 4 sao"), "{}", r.body);
    let page = ntm.get(&format!("/ocop/{id}")).await.body;
    assert!(page.contains("hiệu lực đến 30/06/2027"), "{page}");
    assert!(!page.contains("Sai cấp"));
    // A re-evaluation in 2025 at 3 stars, certified by the district after 05/07/2025: flagged,
    // and not a new product.
    let second = form("10/07/2025", "10", "15/07/2025", "district");
    let r = ntm.post(&eval, &second).await;
    assert!(r.body.contains("60 điểm, 3 sao"), "{}", r.body);
    let page = ntm.get(&format!("/ocop/{id}")).await.body;
    assert!(page.contains("Sai cấp"), "{page}");
    // Below 3 stars nothing is certified.
    let mut low = form("01/08/2025", "5", "01/09/2025", "province");
    low[3] = ("b", "5");
    let r = ntm.post(&eval, &low).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("chỉ sản phẩm từ 3 sao trở lên"));

    let town = app.unit_id("HL").await;
    let board = ntm
        .get(&format!("/chi-tieu?don_vi={town}&nam=2025"))
        .await
        .body;
    let row = ocop_row(&board);
    let cells: Vec<&str> = row.split("<td class=\"num\">").skip(1).collect();
    assert!(cells.len() >= 4, "{row}");
    assert!(
        board.contains("Tính từ sổ sản phẩm OCOP"),
        "the source is named"
    );
    // The plan's years 2022–2025: one new product in 2024, none in 2025 (the renewal).
    let shown: Vec<String> = cells
        .iter()
        .map(|c| c.split('<').next().unwrap().trim().to_string())
        .collect();
    assert_eq!(
        shown,
        ["0 sản phẩm", "0 sản phẩm", "1 sản phẩm", "0 sản phẩm"],
        "{row}"
    );

    // The public page (no login) and its QR code; the owner is an enterprise, so it is shown.
    let mut anyone = app.client().await;
    let public = anyone.get(&format!("/cong-khai/ocop/{id}")).await;
    assert_eq!(public.status, 200);
    assert!(public.body.contains("Chè xanh Thuận Lộc") && public.body.contains("3 sao"));
    assert!(public.body.contains("Công ty TNHH Chè Thuận Lộc"));
    assert!(!public.body.contains("vp.ntm"), "no person's name");
    let (status, svg) = anyone
        .get_bytes(&format!("/cong-khai/ocop/{id}/qr.svg"))
        .await;
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&svg).contains("<svg"));
    assert!(
        anyone
            .get("/cong-khai/ocop")
            .await
            .body
            .contains("Chè xanh Thuận Lộc")
    );
    // The commune gives the product its photo; it shows on the public page, a PDF is refused.
    let photo = format!("/ocop/{id}/anh");
    assert_eq!(
        photo_upload(&xa, &photo, "goi-che.pdf", b"%PDF-1.4\n%%EOF\n").await,
        400
    );
    assert_eq!(photo_upload(&xa, &photo, "goi-che.png", PNG).await, 200);
    let public = anyone.get(&format!("/cong-khai/ocop/{id}")).await.body;
    assert!(
        public.contains(&format!("/cong-khai/ocop/{id}/anh")),
        "{public}"
    );
    let (status, bytes) = anyone.get_bytes(&format!("/cong-khai/ocop/{id}/anh")).await;
    assert_eq!((status, bytes.as_slice()), (200, PNG));

    // Revoking the 2024 certificate: the 2025 one becomes the product's first.
    let page = ntm.get(&format!("/ocop/{id}")).await.body;
    let first = page
        .split("/danh-gia/")
        .filter_map(|s| s.split("/thu-hoi").next())
        .filter_map(|s| s.parse::<i64>().ok())
        .min()
        .expect("a certificate to revoke");
    let r = ntm
        .post(
            &format!("/ocop/{id}/danh-gia/{first}/thu-hoi"),
            &[
                ("number", "45/QĐ-UBND"),
                ("date", "01/03/2025"),
                ("reason", "Không duy trì chất lượng"),
            ],
        )
        .await;
    assert!(r.body.contains("Đã ghi quyết định thu hồi"), "{}", r.body);
    let board = ntm
        .get(&format!("/chi-tieu?don_vi={town}&nam=2025"))
        .await
        .body;
    let row = ocop_row(&board);
    let shown: Vec<String> = row
        .split("<td class=\"num\">")
        .skip(1)
        .map(|c| c.split('<').next().unwrap().trim().to_string())
        .collect();
    assert_eq!(
        shown,
        ["0 sản phẩm", "0 sản phẩm", "0 sản phẩm", "1 sản phẩm"],
        "{row}"
    );
}

#[tokio::test]
async fn a_households_product_is_recorded_by_its_code_and_shown_on_its_page() {
    let app = spawn_app().await;
    app.add_user("xa.tl", Role::UnitOfficer, "HL-TLO").await;
    let ho = crate::contributions::household(&app, "HL-TLO", "Nguyễn Thị Hoa").await;
    let mut xa = app.signed_in("xa.tl").await;
    xa.get("/ocop").await;
    let code = format!("HGD-{ho}");
    let r = xa
        .post(
            "/ocop",
            &[
                ("name", "Mật ong Thuận Lộc"),
                ("group", "food"),
                ("owner", ""),
                ("owner_code", &code),
            ],
        )
        .await;
    assert!(r.body.contains("Hộ Nguyễn Thị Hoa"), "{}", r.body);
    let page = xa.get(&format!("/ho-gia-dinh/{ho}")).await.body;
    assert!(
        page.contains("Sản phẩm OCOP") && page.contains("Mật ong Thuận Lộc"),
        "{page}"
    );
    let r = xa
        .post(
            "/ocop",
            &[
                ("name", "X"),
                ("group", "food"),
                ("owner_code", "HGD-999999"),
            ],
        )
        .await;
    assert_eq!(r.status, 400);
}
