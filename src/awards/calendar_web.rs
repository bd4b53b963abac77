//! The working-day calendar (issue 13, item 1): `/khen-thuong/lich-lam-viec` keeps the public
//! holidays and the official day swaps the Government announces, some only days ahead, on
//! which a notice's working days are counted.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde::Deserialize;
use serde_json::json;

use super::access;
use super::notice_store::{self as store, ExceptionRow};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::Form;
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

#[derive(Template)]
#[template(path = "awards/calendar.html")]
struct CalendarPage {
    layout: Layout,
    days: Vec<ExceptionRow>,
    may_edit: bool,
}

/// `GET /khen-thuong/lich-lam-viec`.
pub async fn calendar(State(st): State<AppState>, ctx: Ctx) -> Result<Html<String>, AppError> {
    if !access::runs_a_council(&ctx.user) {
        return Err(AppError::Forbidden);
    }
    let mut c = st.db.conn().await?;
    render(&CalendarPage {
        layout: Layout::new(&ctx, "awards", "Lịch ngày làm việc")
            .crumb("Khen thưởng", "/khen-thuong"),
        days: store::exceptions(&mut c).await?,
        may_edit: true,
    })
}

#[derive(Deserialize)]
pub struct DayForm {
    #[serde(default)]
    day: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    remove: String,
}

/// `POST /khen-thuong/lich-lam-viec`: a public holiday or an official swap (a Saturday worked),
/// or `remove` to take one back. Notices already posted keep the end they were given.
pub async fn set_day(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<DayForm>,
) -> Result<Redirect, AppError> {
    if !access::runs_a_council(&ctx.user) {
        return Err(AppError::Forbidden);
    }
    let bad = |m: &str| AppError::BadRequest(m.into());
    let day = text::parse_date(&f.day).ok_or_else(|| bad("Ngày ghi theo dạng ngày/tháng/năm."))?;
    let note = text::clean_limited(&f.note, 300).map_err(AppError::BadRequest)?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let removing = f.remove == "co";
    if removing {
        store::remove_exception(&mut tx, day).await?;
    } else {
        let kind = match f.kind.as_str() {
            "day_off" | "work_day" => f.kind.as_str(),
            _ => return Err(bad("Chọn ngày nghỉ hoặc ngày làm việc bù.")),
        };
        if note.is_empty() {
            return Err(bad("Ghi căn cứ (tên ngày lễ, văn bản đổi ngày làm việc)."));
        }
        store::set_exception(&mut tx, day, kind, &note, ctx.user.id, now).await?;
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        if removing {
            "award.calendar_remove"
        } else {
            "award.calendar_set"
        },
        "calendar_day",
        &day.to_string(),
        &json!({"kind": f.kind, "note": note}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã ghi lịch ngày {}.", text::date_vn(day)))
        .await?;
    Ok(Redirect::to("/khen-thuong/lich-lam-viec"))
}
