//! Moving a sheet along: submit (the unit), approve or return (the office above), reopen (the
//! office above, with a reason). The completeness of a year is `completeness_web`.

use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::sheet::load;
use super::{Action, SheetStatus, check_sheet, may_enter, may_review, store, transition};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::confirm::{self, Confirmation, Confirmed};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;
use crate::web::view::Layout;

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    version: i64,
    #[serde(flatten)]
    confirmed: Confirmed,
}

/// `GET /so-lieu/{unit}/{year}/duyet`: what approving will do, and the one button that does
/// it. Refused (403) to whoever had their hands on the sheet.
pub async fn confirm(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year, action)): Path<(i64, String, String)>,
) -> Result<Html<String>, AppError> {
    if Action::from_code(&action) != Some(Action::Approve) {
        return Err(AppError::NotFound);
    }
    let data = load(&st, &ctx, unit_id, &year).await?;
    if !may_review(&ctx.user, &data.unit.path) {
        return Err(AppError::Forbidden);
    }
    let Some(sheet) = data.sheet.clone() else {
        return Err(AppError::Conflict(
            "Đơn vị chưa nhập số liệu năm này.".into(),
        ));
    };
    transition(sheet.status(), Action::Approve).map_err(|m| AppError::Conflict(m.into()))?;
    let mut c = st.db.conn().await?;
    let hands = store::hands_on(&mut c, sheet.id).await?;
    super::may_approve_as(ctx.user.id, &hands)
        .map_err(|why| AppError::ForbiddenBecause(why.into()))?;
    let back = format!("/so-lieu/{}/{}", data.unit.id, data.year);
    confirm::page(
        Layout::new(&ctx, "figures", "Xác nhận duyệt số liệu")
            .crumb("Số liệu", "/so-lieu")
            .crumb(data.unit.name.clone(), back.clone()),
        Confirmation {
            heading: format!(
                "Duyệt và khóa số liệu năm {} – {}",
                data.year, data.unit.name
            ),
            consequences: vec![
                format!(
                    "Số liệu năm {} của {} được khóa: đơn vị không sửa được nữa.",
                    data.year, data.unit.name
                ),
                "Từ lúc này số liệu được tính vào tiến độ chỉ tiêu và các báo cáo của cấp trên.".into(),
                "Muốn sửa sau này, cơ quan duyệt phải mở lại và ghi lý do; việc duyệt và mở lại đều được ghi vào nhật ký.".into(),
            ],
            action: format!("{back}/duyet"),
            hidden: vec![("version".into(), sheet.version.to_string())],
            button: "Xác nhận duyệt và khóa".into(),
            back,
        },
    )
}

pub async fn act(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year, action)): Path<(i64, String, String)>,
    Form(f): Form<ReviewForm>,
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
    transition(sheet.status(), action).map_err(|m| AppError::Conflict(m.into()))?;
    if action == Action::Approve && !f.confirmed.given() {
        // Approving locks the sheet: without the confirmation step nothing changes.
        return Ok(
            Redirect::to(&format!("/so-lieu/{}/{}/duyet", data.unit.id, data.year)).into_response(),
        );
    }
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
            let name = data
                .entered
                .iter()
                .find(|i| &i.code == code)
                .map_or(code.as_str(), |i| i.name.as_str());
            return Err(AppError::BadRequest(format!(
                "Chưa gửi được: {} chỉ số cần sửa, ví dụ «{name}»: {msg}",
                problems.len()
            )));
        }
    }
    if f.version != sheet.version {
        return Err(AppError::Conflict(
            "Bảng số liệu vừa được thay đổi ở nơi khác; hãy tải lại trang.".into(),
        ));
    }
    let to = move_sheet(
        &st,
        &ctx,
        data.unit.id,
        data.year,
        f.version,
        action,
        &reason,
    )
    .await?;
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

/// Moves one sheet by `action` in its own transaction, from the `version` the page showed,
/// and records the event and the audit entry. Every guard is checked again on the rows the
/// transaction sees: the unit may have moved out of the user's reach, the sheet may have moved
/// on, and whoever had their hands on it may not approve it.
/// Returns the status the sheet now has. Errors: `Forbidden`, `ForbiddenBecause` (separation
/// of duties), `Conflict` (moved elsewhere or not allowed from its status), `NotFound`.
pub(super) async fn move_sheet(
    st: &AppState,
    ctx: &Ctx,
    unit_id: i64,
    year: i64,
    version: i64,
    action: Action,
    reason: &str,
) -> Result<SheetStatus, AppError> {
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let unit = crate::units::store::by_id(&mut tx, unit_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let still_allowed = match action {
        Action::Submit => may_enter(&ctx.user, &unit.path),
        _ => may_review(&ctx.user, &unit.path),
    };
    if !still_allowed {
        return Err(AppError::Forbidden);
    }
    let current = store::sheet(&mut tx, unit.id, year)
        .await?
        .filter(|s| s.version == version)
        .ok_or_else(|| AppError::Conflict(store::MOVED_ELSEWHERE.into()))?;
    let to = transition(current.status(), action).map_err(|m| AppError::Conflict(m.into()))?;
    if action == Action::Approve {
        let hands = store::hands_on(&mut tx, current.id).await?;
        super::may_approve_as(ctx.user.id, &hands)
            .map_err(|why| AppError::ForbiddenBecause(why.into()))?;
        // The version the next review compares against (`figures::changes`).
        super::approved_store::keep(&mut tx, current.id).await?;
    }
    let sheet = store::apply(&mut tx, &current, action, now)
        .await?
        .map(|_| current)
        .map_err(|why| AppError::Conflict(why.into()))?;
    store::add_event(
        &mut tx,
        sheet.id,
        action.code(),
        &sheet.status,
        to.code(),
        reason,
        (Some(ctx.user.id), &ctx.user.full_name),
        now,
    )
    .await?;
    tell(
        &mut tx,
        ctx,
        &unit,
        year,
        sheet.id,
        action.code(),
        reason,
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
        &json!({"unit": unit.code, "year": year, "from": sheet.status, "to": to.code(), "reason": reason}),
    )
    .await?;
    tx.commit().await?;
    Ok(to)
}

/// Tells the people a sheet's step concerns, in the step's transaction (`notices`): a sending
/// goes to the offices that review the unit; a return, reopening or approval to the unit's
/// officers and whoever had their hands on the sheet. The actor is never told of their own step,
/// and the sheet's earlier notices are settled (`notices::store::settle`).
#[allow(clippy::too_many_arguments)]
pub(super) async fn tell(
    tx: &mut crate::db::Tx,
    ctx: &Ctx,
    unit: &crate::units::Unit,
    year: i64,
    sheet_id: i64,
    step: &str,
    reason: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let Some(body) =
        crate::notices::sheet_step(step, &ctx.user.full_name, year, &unit.name, reason)
    else {
        return Ok(());
    };
    let people = if step == "submit" {
        crate::notices::store::reviewers(tx, &unit.path).await?
    } else {
        let mut p = crate::notices::store::unit_officers(tx, &unit.path).await?;
        p.extend(store::hands_on(tx, sheet_id).await?);
        p
    };
    let link = format!("/so-lieu/{}/{year}", unit.id);
    // What earlier notices about the sheet announced is done now that it moved on.
    crate::notices::store::settle(tx, &link, now).await?;
    crate::notices::store::tell(tx, &people, ctx.user.id, &body, &link, now).await?;
    Ok(())
}
