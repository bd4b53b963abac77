//! Progress on the dashboards, from approved figures only, checked by hand.

use crate::helpers::{TestApp, spawn_app};
use thidua::figures::{SheetStatus, store};

/// Stores a unit's figures for a year and leaves the sheet in `status`, as the workflow would.
async fn sheet(app: &TestApp, unit: &str, year: i64, figures: &[(&str, f64)], status: SheetStatus) {
    let now = app.state.clock.now();
    let mut tx = app.state.db.begin().await.unwrap();
    let unit = thidua::units::store::by_code(&mut tx, unit)
        .await
        .unwrap()
        .unwrap();
    let s = store::sheet_for_writing(&mut tx, unit.id, year, now)
        .await
        .unwrap();
    for (code, v) in figures {
        let ind = thidua::indicators::store::by_code(&mut tx, code)
            .await
            .unwrap()
            .unwrap();
        store::put_figure(&mut tx, &s, ind.id, Some(*v), "", now)
            .await
            .unwrap();
    }
    assert!(
        store::set_status(&mut tx, &s, status.code(), now)
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
}

const LOCALITIES: [&str; 6] = ["HL-BH", "HL-NH", "HL-TLG", "HL-DT", "HL-DL", "HL-TLO"];

#[tokio::test]
async fn town_and_ward_income_read_as_worked_out_by_hand() {
    let app = spawn_app().await;
    for code in LOCALITIES {
        sheet(
            &app,
            code,
            2023,
            &[("DAN_SO", 10_000.0), ("THU_NHAP", 77.18)],
            SheetStatus::Approved,
        )
        .await;
        // Đậu Liêu has sent 2024 but it is not approved: the town must not count it.
        let status = if code == "HL-DL" {
            SheetStatus::Submitted
        } else {
            SheetStatus::Approved
        };
        let income = if code == "HL-DL" { 200.0 } else { 84.2 };
        sheet(
            &app,
            code,
            2024,
            &[("DAN_SO", 10_000.0), ("THU_NHAP", income)],
            status,
        )
        .await;
    }
    let mut c = app.signed_in("admin").await;
    let hl = app.unit_id("HL").await;
    let town = c.get(&format!("/chi-tieu?don_vi={hl}&nam=2024")).await.body;
    let card = "2024: 84,2 triệu đ/người; cần trên 90 triệu đ/người năm 2025; cần tăng 6,9 % trong 1 năm; 2023–2024 đã tăng 9,1 %.";
    assert!(town.contains(card), "{town}");
    assert!(
        town.contains("Số liệu năm 2024 mới có 5/6 đơn vị được duyệt; còn thiếu: Phường Đậu Liêu.")
    );
    // With a ward missing the town is not judged. The estimate takes Đậu Liêu at its 77,18 of
    // 2023: (5 × 84,2 + 77,18) / 6 = 83,03, which needs 8,4 % in 2025 after 7,6 % in 2024.
    assert!(town.contains("[Chưa đủ số liệu (5/6 đơn vị)]"), "{town}");
    assert!(town.contains("Chưa kết luận: số liệu năm 2024 mới có 5/6 đơn vị được duyệt."));
    assert!(
        town.contains("Ước tính nếu các đơn vị còn thiếu giữ số liệu năm trước: có nguy cơ chậm."),
        "{town}"
    );
    assert!(!town.contains("[Đúng tiến độ]"));

    // A ward's own card; and the ward whose 2024 is not approved is judged on 2023 alone.
    let dt = app.unit_id("HL-DT").await;
    let ward = c.get(&format!("/chi-tieu?don_vi={dt}&nam=2024")).await.body;
    assert!(ward.contains(card));
    assert!(
        !ward.contains("đơn vị được duyệt; còn thiếu"),
        "a ward lacks nobody"
    );
    let dl = app.unit_id("HL-DL").await;
    let late = c.get(&format!("/chi-tieu?don_vi={dl}&nam=2024")).await.body;
    assert!(
        late.contains("2023: 77,2 triệu đ/người; cần trên 90 triệu đ/người năm 2025; cần tăng 16,6 % trong 2 năm (8 %/năm); chưa có số liệu năm trước để so sánh."),
        "{late}"
    );
    assert!(late.contains("[Có nguy cơ chậm]"));

    // Without a unit chosen, the administrator lands on the town whose plan this is.
    assert!(
        c.get("/chi-tieu?nam=2024")
            .await
            .body
            .contains("Tiến độ chỉ tiêu – Thị xã Hồng Lĩnh")
    );

    // Once the deadline year has passed, older figures no longer decide.
    let after = c.get(&format!("/chi-tieu?don_vi={hl}&nam=2025")).await.body;
    assert!(after.contains("Chưa có số liệu được duyệt của năm 2025 (năm phải đạt); gần nhất là 2024: 84,2 triệu đ/người."));

    // The drill-down draws both charts and lists each ward's figure.
    let ind = {
        let mut db = app.state.db.conn().await.unwrap();
        thidua::indicators::store::by_code(&mut db, "THU_NHAP")
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let drill = c
        .get(&format!("/chi-tieu/chi-so/{ind}?don_vi={hl}&nam=2024"))
        .await
        .body;
    assert_eq!(drill.matches("<svg").count(), 2);
    assert!(
        drill.contains("chưa có số liệu được duyệt"),
        "Đậu Liêu's bar is empty"
    );
    assert!(drill.contains("Phường Đức Thuận</td><td class=\"num\">84,2 triệu đ/người"));

    let (status, bytes) = c
        .get_bytes(&format!("/chi-tieu/xuat.xlsx?don_vi={hl}&nam=2024"))
        .await;
    assert_eq!(status, 200);
    assert!(bytes.starts_with(b"PK"), "an xlsx workbook");
}

/// Issue 8, item 1: with one ward's sheet not approved, no card of that year gives a verdict,
/// the chart draws the point hollow and the export marks the cell; approving it brings the
/// verdicts back.
#[tokio::test]
async fn a_missing_ward_withholds_every_verdict_until_its_sheet_is_approved() {
    let app = spawn_app().await;
    for code in LOCALITIES {
        let all = &[
            ("DAN_SO", 10_000.0),
            ("THU_NHAP", 88.0),
            ("HO_NGHEO_TN", 1.0),
        ];
        sheet(&app, code, 2024, all, SheetStatus::Approved).await;
        let status = if code == "HL-DL" {
            SheetStatus::Submitted
        } else {
            SheetStatus::Approved
        };
        sheet(
            &app,
            code,
            2025,
            &[
                ("DAN_SO", 10_000.0),
                ("THU_NHAP", 95.0),
                ("HO_NGHEO_TN", 0.0),
            ],
            status,
        )
        .await;
    }
    let mut c = app.signed_in("admin").await;
    let hl = app.unit_id("HL").await;
    let town = c.get(&format!("/chi-tieu?don_vi={hl}&nam=2025")).await.body;
    assert!(!town.contains("[Đã đạt]"), "{town}");
    // The verdicts left are counted from records, which do not wait for sheets: the
    // civilised-wards card (no ward recognised) and 2025's OCOP card (no product certified).
    assert_eq!(town.matches("[Chậm, không đạt]").count(), 2, "{town}");
    let civilised = town.find("100 % các phường đạt chuẩn").unwrap();
    assert!(town[civilised..].find("[Chậm, không đạt]").unwrap() < 300);
    assert!(town.contains("[Chưa đủ số liệu (5/6 đơn vị)]"));
    // Without a year asked for, the page opens on the last complete year and links to 2025.
    let default = c.get(&format!("/chi-tieu?don_vi={hl}")).await.body;
    assert!(
        default.contains(r#"<option value="2024" selected>"#),
        "{default}"
    );
    assert!(default.contains(">Xem năm 2025</a> (chưa đủ số liệu, chỉ tạm tính)"));

    let income = app.indicator_id("THU_NHAP").await;
    let drill = c
        .get(&format!("/chi-tieu/chi-so/{income}?don_vi={hl}&nam=2025"))
        .await
        .body;
    assert!(
        drill.contains("2025: 95 triệu đ/người (chưa đủ số liệu)"),
        "hollow point's note"
    );
    assert!(
        drill.contains("Chưa đủ số liệu (tạm tính)"),
        "the legend names it"
    );

    let (status, bytes) = c
        .get_bytes(&format!("/chi-tieu/xuat.xlsx?don_vi={hl}&nam=2025"))
        .await;
    assert_eq!(status, 200);
    let book = crate::reports::assert_report(&bytes, "Tiến độ chỉ tiêu – Thị xã Hồng Lĩnh");
    let figures = &book["Số liệu theo năm"];
    let income = figures
        .iter()
        .find(|r| {
            r.first()
                .is_some_and(|c| crate::reports::text(c) == "Thu nhập bình quân đầu người")
        })
        .expect("the income row");
    assert!(
        income.contains(&calamine::Data::Float(95.0)),
        "a number cell: {income:?}"
    );
    let row = crate::reports::row_of(figures, "Thu nhập bình quân đầu người");
    assert!(
        row.last()
            .is_some_and(|n| n.contains("Số liệu năm 2025 mới có 5/6 đơn vị được duyệt")),
        "{row:?}"
    );

    // Đậu Liêu's sheet is approved: the verdicts return.
    sheet(
        &app,
        "HL-DL",
        2025,
        &[
            ("DAN_SO", 10_000.0),
            ("THU_NHAP", 95.0),
            ("HO_NGHEO_TN", 0.0),
        ],
        SheetStatus::Approved,
    )
    .await;
    let town = c.get(&format!("/chi-tieu?don_vi={hl}&nam=2025")).await.body;
    assert!(!town.contains("Chưa đủ số liệu ("), "{town}");
    assert!(town.contains("[Đã đạt]"));
    let default = c.get(&format!("/chi-tieu?don_vi={hl}")).await.body;
    assert!(default.contains(r#"<option value="2025" selected>"#));
    assert!(!default.contains("Xem năm 2025"));
}
