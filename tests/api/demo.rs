//! `thidua demo`: marked demo data, loaded once, visible as such on the screens.

use crate::helpers::{first_id, spawn_app};

#[tokio::test]
async fn demo_data_is_marked_loaded_once_and_fills_the_blocs() {
    let app = spawn_app().await;
    let now = app.state.clock.now();
    let written = thidua::demo::load(&app.state.db, now, 120).await.unwrap();
    assert_eq!(written, 120);
    assert_eq!(
        thidua::demo::load(&app.state.db, now, 120).await.unwrap(),
        0,
        "a second run adds nothing"
    );

    let mut c = app.signed_in("admin").await;
    let list = c.get("/khoi-thi-dua?nam=2024").await.body;
    for name in [
        "Khối các phường, xã (mẫu)",
        "Khối các cơ quan chuyên môn (mẫu)",
        "Khối Mặt trận và các đoàn thể (mẫu)",
        "Khối doanh nghiệp, hợp tác xã (mẫu)",
    ] {
        assert!(list.contains(name), "{name}");
    }
    assert!(list.contains("dữ liệu mẫu"));
    let bloc = first_id(
        &c.get("/khoi-thi-dua?q=phuong&nam=2024").await.body,
        "/khoi-thi-dua/",
    );
    let page = c.get(&format!("/khoi-thi-dua/{bloc}?nam=2024")).await.body;
    for ward in ["Phường Đức Thuận", "Phường Nam Hồng", "Xã Thuận Lộc"] {
        assert!(page.contains(ward), "{ward}");
    }

    // Households have more than their head; every demo person is marked.
    let mut db = app.state.db.conn().await.unwrap();
    let hl = app.unit("HL").await.unwrap();
    let persons = thidua::subjects::store::count_persons_in(&mut db, &hl.path)
        .await
        .unwrap();
    let households = thidua::subjects::store::count_households_in(&mut db, &hl.path)
        .await
        .unwrap();
    assert_eq!(households, 120);
    assert!(
        persons > households,
        "{persons} persons in {households} households"
    );
    let people = c.get("/ca-nhan").await.body;
    assert!(people.contains("dữ liệu mẫu"));
}

#[tokio::test]
async fn the_demo_town_dashboard_shows_every_target_and_the_missing_ward() {
    let app = spawn_app().await;
    thidua::demo::load(&app.state.db, app.state.clock.now(), 60)
        .await
        .unwrap();
    let mut c = app.signed_in("admin").await;
    let hl = app.unit_id("HL").await;
    let page = c.get(&format!("/chi-tieu?don_vi={hl}&nam=2025")).await.body;
    assert!(
        page.contains("Thu nhập bình quân đầu người đến năm 2025 đạt trên 90 triệu đồng/người/năm")
    );
    assert!(
        page.contains("Số liệu năm 2025 mới có 5/6 đơn vị được duyệt; còn thiếu: Phường Đậu Liêu.")
    );
}

#[tokio::test]
async fn the_demo_has_assessments_recognitions_and_one_ward_that_backslides() {
    let app = spawn_app().await;
    thidua::demo::load(&app.state.db, app.state.clock.now(), 30)
        .await
        .unwrap();
    let mut c = app.signed_in("admin").await;
    let hl = app.unit_id("HL").await;
    let dashboard = c.get(&format!("/chi-tieu?don_vi={hl}&nam=2025")).await.body;
    assert!(dashboard.contains("Không giữ vững chuẩn"), "{dashboard}");
    assert!(dashboard.contains(
        "Phường Bắc Hồng – Tiêu chí phường đạt chuẩn văn minh đô thị (Hà Tĩnh) – năm 2025"
    ));
    assert!(dashboard.contains("Đạt chuẩn theo bộ tiêu chí"));
    assert!(dashboard.contains("Xã Thuận Lộc"), "advanced NTM progress");
    let list = c.get("/cong-nhan").await.body;
    assert!(list.contains("(mẫu)"), "{list}");
    assert!(list.matches("Đạt chuẩn từ").count() >= 5);
    let sets = c.get("/tieu-chi").await.body;
    let ward_set = first_id(
        &sets[sets.find("phường đạt chuẩn văn minh").unwrap() - 200..],
        "/tieu-chi/",
    );
    let matrix = c
        .get(&format!("/tieu-chi/{ward_set}/ma-tran?nam=2025"))
        .await
        .body;
    assert!(matrix.contains("Không giữ vững chuẩn"), "{matrix}");
    assert!(matrix.contains("cell-rejected") && matrix.contains("cell-waiting"));
    let set_page = c.get(&format!("/tieu-chi/{ward_set}")).await.body;
    assert!(
        set_page.contains("Dữ liệu mẫu: các con số chỉ tiêu"),
        "the sample numbers say so"
    );
    // A household set's matrix has a row per household assessed.
    let five = first_id(
        &sets[sets.find("Gia đình «5 có»").unwrap() - 200..],
        "/tieu-chi/",
    );
    let households = c
        .get(&format!("/tieu-chi/{five}/ma-tran?nam=2025"))
        .await
        .body;
    assert!(
        households
            .matches("<th scope=\"row\"><a href=\"/danh-gia/")
            .count()
            >= 6,
        "{households}"
    );
    let bh = app.unit_id("HL-BH").await;
    let public = c.get(&format!("/cong-khai/don-vi/{bh}")).await.body;
    assert!(public.contains("Đạt chuẩn từ 20/12/2022"), "{public}");
}

#[tokio::test]
async fn the_demo_ocop_products_count_once_and_one_certificate_is_ending() {
    let app = spawn_app().await;
    app.state
        .clock
        .set_local(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), 9, 0);
    thidua::demo::load(&app.state.db, app.state.clock.now(), 10)
        .await
        .unwrap();
    let mut c = app.signed_in("admin").await;
    let list = c.get("/ocop").await.body;
    assert_eq!(list.matches("dữ liệu mẫu").count(), 3, "{list}");
    assert!(
        list.contains("(hết hạn)") || list.contains("19/01/2027"),
        "{list}"
    );
    let home = c.get("/").await.body;
    assert!(home.contains("Giấy chứng nhận OCOP sắp hết hạn"), "{home}");
    assert!(home.contains("Rau sạch Trung Lương (mẫu)"));
    let hl = app.unit_id("HL").await;
    let board = c.get(&format!("/chi-tieu?don_vi={hl}&nam=2025")).await.body;
    let i = board.rfind("trở lên trong năm</a>").expect("the OCOP row");
    let row = board[i..].split("</tr>").next().unwrap();
    let shown: Vec<&str> = row
        .split("<td class=\"num\">")
        .skip(1)
        .map(|c| c.split('<').next().unwrap().trim())
        .collect();
    // 2022: the tea; 2023: a 2-star sheet certifies nothing; 2024: the vegetables; 2025: the
    // cake's first certificate — the tea's renewal is not a new product.
    assert_eq!(
        shown,
        ["1 sản phẩm", "0 sản phẩm", "1 sản phẩm", "1 sản phẩm"],
        "{row}"
    );
}

#[tokio::test]
async fn the_demo_contributions_straddle_the_mark_and_a_commune_still_owes() {
    let app = spawn_app().await;
    thidua::demo::load(&app.state.db, app.state.clock.now(), 120)
        .await
        .unwrap();
    let mut c = app.signed_in("admin").await;
    let bh = app.unit_id("HL-BH").await;
    let marked = "</td><td data-label=\"Mức ghi nhận\"><strong class=\"ok\">đạt mức";
    let y2023 = c
        .get(&format!("/dong-gop/nhieu-nhat?nam=2023&don_vi={bh}"))
        .await
        .body;
    assert!(y2023.contains(&format!("80.000.000 đ{marked}")), "{y2023}");
    let y2024 = c
        .get(&format!("/dong-gop/nhieu-nhat?nam=2024&don_vi={bh}"))
        .await
        .body;
    assert!(
        y2024.contains("79.999.000 đ</td><td data-label=\"Mức ghi nhận\">—"),
        "one just below: {y2024}"
    );
    let list = c.get("/dong-gop").await.body;
    assert!(
        list.contains("dữ liệu mẫu") && list.contains("Hiến đất"),
        "{list}"
    );
    let works = c.get("/cong-trinh").await.body;
    assert!(
        works.contains("35.000.000 đ") && works.contains("(cuối 2025)"),
        "{works}"
    );
    assert!(
        c.get("/do-dau").await.body.contains("55,0 %"),
        "110 of 200 million delivered"
    );
    let hl = app.unit_id("HL").await;
    let board = c.get(&format!("/chi-tieu?don_vi={hl}&nam=2025")).await.body;
    let i = board
        .rfind("Nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới, đô thị văn minh</a>")
        .expect("the debt row");
    let row = board[i..].split("</tr>").next().unwrap();
    assert!(row.contains("35 triệu đ"), "{row}");
}

#[tokio::test]
async fn the_demo_rounds_hold_every_category_and_state_a_late_list_and_one_duplicate() {
    let app = spawn_app().await;
    thidua::demo::load(&app.state.db, app.state.clock.now(), 60)
        .await
        .unwrap();
    let mut c = app.signed_in("admin").await;
    let rounds = c.get("/khen-thuong").await.body;
    for year in ["2022", "2023", "2024"] {
        assert!(
            rounds.contains(&format!("Đợt khen thưởng năm {year}")),
            "{rounds}"
        );
    }
    let mut states = std::collections::BTreeSet::new();
    let mut categories = std::collections::BTreeSet::new();
    let mut late = 0;
    let mut c2 = app.state.db.conn().await.unwrap();
    for r in thidua::awards::rounds_store::all(&mut c2).await.unwrap() {
        let board = c.get(&format!("/khen-thuong/dot/{}", r.id)).await.body;
        assert!(board.contains("dữ liệu mẫu"), "{board}");
        let f = thidua::awards::list_store::Filter {
            round_id: r.id,
            path: "/".into(),
            ..Default::default()
        };
        for n in thidua::awards::list_store::all_for_list(&mut c2, &f)
            .await
            .unwrap()
        {
            states.insert(n.state.clone());
            categories.insert(n.category.clone());
            late += i32::from(n.late);
        }
    }
    assert_eq!(states.len(), 9, "every state of part 1: {states:?}");
    assert_eq!(categories.len(), 8, "every category a–h: {categories:?}");
    assert!(late > 0, "a late list");
    // The 2024 duplicate names the 2023 round.
    let r2024 = thidua::awards::rounds_store::all(&mut c2)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.year == 2024)
        .unwrap();
    let f = thidua::awards::list_store::Filter {
        round_id: r2024.id,
        path: "/".into(),
        state: "draft".into(),
        category: "g".into(),
        ..Default::default()
    };
    let drafts = thidua::awards::list_store::all_for_list(&mut c2, &f)
        .await
        .unwrap();
    let dup = drafts
        .iter()
        .find(|n| n.achievement_year == 2023)
        .expect("the duplicate");
    let page = c
        .get(&format!("/khen-thuong/de-nghi/{}", dup.id))
        .await
        .body;
    assert!(page.contains("Đợt khen thưởng năm 2023"), "{page}");
}
