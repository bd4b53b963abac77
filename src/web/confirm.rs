//! The one confirmation step for irreversible or heavy actions (issue 8, item 6): a page that
//! says what will happen, then a form that posts the action with `xac_nhan=co`. It needs no
//! script; a POST that lacks the field changes nothing and is sent to this page instead.

use askama::Template;
use axum::response::Html;
use serde::Deserialize;

use super::error::AppError;
use super::view::{Layout, render};

/// The field a confirmed form carries, and its value.
pub const FIELD: &str = "xac_nhan";
pub const YES: &str = "co";

/// Mixed into an action's form: whether the confirmation page was passed.
#[derive(Deserialize, Default)]
pub struct Confirmed {
    #[serde(default)]
    pub xac_nhan: String,
}

impl Confirmed {
    pub fn given(&self) -> bool {
        self.xac_nhan == YES
    }
}

/// What the page shows: the heading ("Duyệt và khóa số liệu năm 2024 – Phường Đức Thuận"),
/// each consequence as a sentence, where the form posts with its hidden fields, the button's
/// words, and where "Quay lại" leads.
pub struct Confirmation {
    pub heading: String,
    pub consequences: Vec<String>,
    pub action: String,
    pub hidden: Vec<(String, String)>,
    pub button: String,
    pub back: String,
}

#[derive(Template)]
#[template(path = "confirm.html")]
struct ConfirmPage {
    layout: Layout,
    c: Confirmation,
}

/// The confirmation page under `layout`.
pub fn page(layout: Layout, c: Confirmation) -> Result<Html<String>, AppError> {
    render(&ConfirmPage {
        layout: layout.crumb(c.heading.clone(), ""),
        c,
    })
}

/// The hidden field that pins what is confirmed to the list the preview showed, for steps
/// that act on "everything waiting" (a decision, a tờ trình): an entry that joined the list in
/// between must not slip in unseen.
pub const LIST_FIELD: &str = "danh_sach";

/// The fields a confirmation page sends again: the form's own, except its CSRF token (the
/// page adds a fresh one) and any earlier list, with `ids` pinned as `LIST_FIELD`, in name order.
pub fn carried(
    form: &std::collections::HashMap<String, String>,
    ids: &[i64],
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = form
        .iter()
        .filter(|(k, _)| k.as_str() != "csrf" && k.as_str() != LIST_FIELD)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    out.push((LIST_FIELD.into(), list_value(ids)));
    out.sort();
    out
}

/// The value of `LIST_FIELD` for `ids`, in their order: "12,15,17".
pub fn list_value(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// A 409 when the form carries a previewed list other than `ids`; a form without one (sent by
/// a script, or before the preview) is judged on the list as it is now.
pub fn same_list(
    form: &std::collections::HashMap<String, String>,
    ids: &[i64],
) -> Result<(), AppError> {
    match form.get(LIST_FIELD) {
        Some(shown) if *shown != list_value(ids) => Err(AppError::Conflict(
            "Danh sách đã thay đổi từ khi xem trước; hãy xem lại rồi xác nhận.".into(),
        )),
        _ => Ok(()),
    }
}
