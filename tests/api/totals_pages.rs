//! The completeness page above a town reads the kept totals: each town's wards are one counted
//! line, on the page and in the export, while the town's own page still lists each ward.

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_province_page_counts_each_towns_wards_from_the_kept_totals() {
    let app = spawn_app().await;
    let fields = crate::figures::ward_fields(&app).await;
    let ht = app.unit_id("HT").await;
    let dt = format!("/so-lieu/{}/2024", app.unit_id("HL-DT").await);
    let mut ward = app.signed_in("canbo.ducthuan").await;
    let r = crate::figures::post_sheet(&mut ward, &dt, &fields, "gui").await;
    assert!(r.body.contains("Đã gửi, chờ duyệt"), "{}", r.body);
    let mut admin = app.signed_in("admin").await;
    let page = admin
        .get(&format!("/so-lieu?don_vi={ht}&nam=2024"))
        .await
        .body;
    // The town reports its own figures and is listed; its wards are one counted line.
    assert!(page.contains("Theo đơn vị trực thuộc"), "{page}");
    assert!(
        !page.contains(">Phường Đức Thuận<"),
        "wards are not listed one by one: {page}"
    );
    let hl = app.unit_id("HL").await;
    let line = page
        .split("<tr>")
        .find(|r| r.contains(&format!("/so-lieu?don_vi={hl}&amp;nam=2024")))
        .unwrap_or_else(|| panic!("no counted line for the town: {page}"));
    let mut c = app.state.db.conn().await.unwrap();
    let wards = thidua::figures::overview_store::reporting_units(&mut c, "/", 2024, None)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.unit.parent_id == Some(hl))
        .count();
    assert!(
        line.contains(&format!(
            "<td data-label=\"Đơn vị báo cáo\">{wards}</td><td data-label=\"Đã duyệt\">0</td><td data-label=\"Chờ duyệt\">1</td>"
        )) && line.contains(&format!("<td data-label=\"Chưa gửi\">{}</td>", wards - 1)),
        "{wards} wards, none approved, one waiting: {line}"
    );
    // The town's own page still lists each ward.
    let town = admin
        .get(&format!("/so-lieu?don_vi={hl}&nam=2024"))
        .await
        .body;
    assert!(town.contains(">Phường Đức Thuận<") && !town.contains("Theo đơn vị trực thuộc"));
    let (status, bytes) = admin
        .get_bytes(&format!("/so-lieu/xuat.xlsx?don_vi={ht}&nam=2024"))
        .await;
    assert_eq!(status, 200);
    use thidua::documents::workbook::{Limits, Which, read};
    let sheet = read(
        &bytes,
        &Which::Named("Theo đơn vị trực thuộc 2024".into()),
        &Limits::UNITS,
    )
    .expect("the export carries the counted lines");
    let town_line = (0..sheet.height())
        .find(|r| sheet.text(*r, 0).unwrap() == "Thị xã Hồng Lĩnh")
        .expect("the town's line");
    assert_eq!(sheet.text(town_line, 1).unwrap(), wards.to_string());
}
