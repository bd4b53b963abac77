//! Every page keeps within its own content security policy (`default-src 'self'`): no inline
//! style or script the browser would refuse, so what the page means to show is what it shows.

use crate::helpers::spawn_app;

#[tokio::test]
async fn no_page_relies_on_inline_styles_or_scripts_the_policy_blocks() {
    let app = spawn_app().await;
    let dt = app.unit_id("HL-DT").await;
    let mut admin = app.signed_in("admin").await;
    let pages = [
        "/".to_string(),
        "/don-vi".into(),
        format!("/don-vi/{dt}"),
        format!("/don-vi/{dt}/sua"),
        "/don-vi/tim?q=thuan".into(),
        "/don-vi/nhap".into(),
        "/khoi-thi-dua".into(),
        "/chi-tieu".into(),
        "/chi-tieu/danh-muc".into(),
        "/so-lieu?nam=2024".into(),
        format!("/so-lieu/{dt}/2024"),
        format!("/so-lieu/{dt}/2024/nhap"),
        "/ca-nhan".into(),
        "/ho-gia-dinh".into(),
        "/quan-tri/nguoi-dung".into(),
        "/quan-tri/nhat-ky".into(),
        "/tai-khoan/mat-khau".into(),
    ];
    for path in &pages {
        let r = admin.get(path).await;
        assert_eq!(r.status, 200, "{path}");
        assert!(!r.body.contains(" style=\""), "{path} has an inline style");
        assert!(!r.body.contains("<script"), "{path} has a script");
        assert!(!r.body.contains("<style"), "{path} has a style block");
    }
    let login = crate::helpers::Client::new(&app.base)
        .get("/dang-nhap")
        .await;
    assert!(!login.body.contains(" style=\""));
}

#[tokio::test]
async fn the_units_tree_shows_each_level_indented_below_its_parent() {
    let app = spawn_app().await;
    let mut admin = app.signed_in("admin").await;
    let page = admin.get("/don-vi").await.body;
    let depth_of = |name: &str| -> String {
        let at = page
            .find(&format!(">{name}</a>"))
            .unwrap_or_else(|| panic!("{name} missing"));
        let li = page[..at].rfind("<li class=\"").unwrap();
        page[li + 11..].split('"').next().unwrap().to_string()
    };
    assert_eq!(depth_of("Tỉnh Hà Tĩnh"), "depth-0");
    assert_eq!(depth_of("Thị xã Hồng Lĩnh"), "depth-1");
    assert_eq!(depth_of("Phường Đức Thuận"), "depth-2");
    let css = crate::helpers::Client::new(&app.base)
        .get("/tai-nguyen/giao-dien.css")
        .await
        .body;
    assert!(css.contains("ul.tree li.depth-2 {"));
}

#[tokio::test]
async fn link_styled_buttons_are_not_white_on_white() {
    let app = spawn_app().await;
    let css = crate::helpers::Client::new(&app.base)
        .get("/tai-nguyen/giao-dien.css")
        .await
        .body;
    // Buttons are white on red; a button drawn as a link loses the red, so it needs a colour.
    let rule = css
        .lines()
        .find(|l| l.starts_with("button.link {"))
        .expect("a rule for link-styled buttons");
    assert!(
        rule.contains("background: none") && rule.contains("color: var(--accent)"),
        "{rule}"
    );
}
