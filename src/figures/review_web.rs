//! Moving a sheet along: submit (the unit), approve or return (the office above), reopen (the
//! office above, with a reason); and the completeness of a year across units.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Datelike;
use serde::Deserialize;
use serde_json::json;

use super::sheet::load;
use super::{Action, SheetStatus, check_sheet, is_late, may_enter, may_review, store, transition};
use crate::app::AppState;
use crate::audit;
use crate::text;
use crate::units::Unit;
use crate::units::web::visible_unit;
use crate::web::error::AppError;
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    version: i64,
}

pub async fn act(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year, action)): Path<(i64, String, String)>,
    axum::Form(f): axum::Form<ReviewForm>,
) -> Result<Response, AppError> {
    let action = Action::from_code(&action).ok_or(AppError::NotFound)?;
    let data = load(&st, &ctx, unit_id, &year).await?;
    let allowed = match action {
        Action::Submit => may_enter(&ctx.user, &data.unit.path),
        _ => may_review(&ctx.user, &data.unit.path),
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let Some(sheet) = data.sheet.clone() else {
        return Err(AppError::Conflict(
            "Đơn vị chưa nhập số liệu năm này.".into(),
        ));
    };
    let to = transition(sheet.status(), action).map_err(|m| AppError::Conflict(m.into()))?;
    let reason = text::clean(&f.reason);
    if action.needs_reason() && reason.is_empty() {
        return Err(AppError::BadRequest(format!(
            "Hãy ghi lý do {} để đơn vị biết cần làm gì.",
            action.label().to_lowercase()
        )));
    }
    if action == Action::Submit {
        let values = data.values_by_code();
        let comments = data
            .entered
            .iter()
            .filter_map(|i| Some((i.code.clone(), data.values.get(&i.id)?.comment.clone())))
            .collect();
        let problems = check_sheet(&data.entered, &values, &comments, &data.last_year, true);
        if let Some((code, msg)) = problems.first() {
            return Err(AppError::BadRequest(format!(
                "Chưa gửi được: {} chỉ số cần sửa, ví dụ {code}: {msg}",
                problems.len()
            )));
        }
    }
    if f.version != sheet.version {
        return Err(AppError::Conflict(
            "Bảng số liệu vừa được thay đổi ở nơi khác; hãy tải lại trang.".into(),
        ));
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    if !store::set_status(&mut tx, &sheet, to.code(), now).await? {
        return Err(AppError::Conflict(
            "Bảng số liệu vừa được thay đổi ở nơi khác; hãy tải lại trang.".into(),
        ));
    }
    store::add_event(
        &mut tx,
        sheet.id,
        action.code(),
        &sheet.status,
        to.code(),
        &reason,
        (Some(ctx.user.id), &ctx.user.full_name),
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        &format!("figures.{}", action.code()),
        "figure_sheet",
        &sheet.id.to_string(),
        &json!({"unit": data.unit.code, "year": data.year, "from": sheet.status, "to": to.code(), "reason": reason}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "{}: số liệu năm {} của {} nay ở trạng thái «{}».",
            action.label(),
            data.year,
            data.unit.name,
            to.label()
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/so-lieu/{}/{}", data.unit.id, data.year)).into_response())
}

/// One unit's line on the completeness page.
pub struct Progress {
    pub unit: Unit,
    pub status: Option<SheetStatus>,
    pub late: bool,
}

#[derive(Template)]
#[template(path = "figures/completeness.html")]
struct CompletenessPage {
    layout: Layout,
    root: Unit,
    year: i64,
    rows: Vec<Progress>,
    counts: [usize; 5],
}

#[derive(Deserialize)]
pub struct CompletenessQuery {
    nam: Option<String>,
    don_vi: Option<i64>,
}

/// Which units under the user's unit have sent, had approved, or are late with a year's figures.
pub async fn completeness(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CompletenessQuery>,
) -> Result<Html<String>, AppError> {
    let today = st.clock.today();
    let year = q
        .nam
        .as_deref()
        .and_then(text::parse_year)
        .unwrap_or(i64::from(today.year()) - 1);
    let root_id = match q.don_vi.or(ctx.user.home_unit().map(|g| g.unit_id)) {
        Some(id) => id,
        None => return Err(AppError::NotFound),
    };
    let root = visible_unit(&st, &ctx.user, root_id).await?;
    let mut c = st.db.conn().await?;
    let rows: Vec<Progress> = store::reporting_units(&mut c, &root.path, year)
        .await?
        .into_iter()
        .map(|(unit, status)| {
            let status = status.as_deref().map(SheetStatus::from_code);
            Progress {
                late: is_late(status, year, today),
                unit,
                status,
            }
        })
        .collect();
    let count = |f: &dyn Fn(&Progress) -> bool| rows.iter().filter(|r| f(r)).count();
    let counts = [
        rows.len(),
        count(&|r| r.status == Some(SheetStatus::Approved)),
        count(&|r| r.status == Some(SheetStatus::Submitted)),
        count(&|r| {
            matches!(
                r.status,
                None | Some(SheetStatus::Draft | SheetStatus::Returned)
            )
        }),
        count(&|r| r.late),
    ];
    render(&CompletenessPage {
        layout: Layout::new(&ctx, "figures", format!("Tình hình nộp số liệu năm {year}"))
            .crumb("Số liệu chỉ tiêu", ""),
        root,
        year,
        rows,
        counts,
    })
}
