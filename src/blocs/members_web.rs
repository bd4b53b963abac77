//! A bloc's page and its members per year: add one by unit code, remove one, or carry the
//! previous year's members over.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::web::{editable_bloc, visible_bloc, year_or_current};
use super::{Bloc, membership_problem, parse_year, store};
use crate::audit;
use crate::db::is_unique_violation;
use crate::state::AppState;
use crate::units::{self, Unit};
use crate::web::confirm::{self, Confirmation, Confirmed};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{FieldErrors, Layout, render};

#[derive(Template)]
#[template(path = "blocs/show.html")]
struct ShowPage {
    layout: Layout,
    bloc: Bloc,
    year: i64,
    years: Vec<i64>,
    can_edit: bool,
    unit_code: String,
    errors: FieldErrors,
    /// Whether the reader may open the owner unit's page (a member's officer may not).
    owner_visible: bool,
    /// The members (the member list and the comparison's columns): each with its sheet status,
    /// whether the reader may open it, and whether it is the reader's own.
    columns: Vec<super::compare::Column>,
    lines: Vec<super::compare::Line>,
}

async fn show_page(
    st: &AppState,
    ctx: &Ctx,
    bloc: Bloc,
    year: i64,
    unit_code: String,
    errors: FieldErrors,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let members = store::members(&mut c, bloc.id, year).await?;
    let statuses = super::compare_store::member_statuses(&mut c, bloc.id, year).await?;
    let columns: Vec<super::compare::Column> = members
        .into_iter()
        .map(|u| super::compare::Column {
            status: statuses
                .iter()
                .find(|(id, s)| *id == u.id && !s.is_empty())
                .map(|(_, s)| crate::figures::SheetStatus::from_code(s)),
            openable: ctx.user.can_see(&u.path),
            own: ctx.user.grants.iter().any(|g| g.unit_id == u.id),
            unit: u,
        })
        .collect();
    let figures = super::compare_store::member_figures(&mut c, bloc.id, year).await?;
    let catalogue = crate::indicators::store::all(&mut c).await?;
    let lines = super::compare::table(&columns, &catalogue, &figures);
    let mut years = store::years(&mut c, bloc.id).await?;
    if !years.contains(&year) {
        years.push(year);
        years.sort_unstable_by(|a, b| b.cmp(a));
    }
    render(&ShowPage {
        layout: Layout::new(ctx, "blocs", bloc.name.clone())
            .crumb("Khối thi đua", "/khoi-thi-dua")
            .crumb(bloc.name.clone(), ""),
        can_edit: ctx.user.can_edit(&bloc.owner_path),
        owner_visible: ctx.user.can_see(&bloc.owner_path),
        bloc,
        year,
        years,
        unit_code,
        errors,
        columns,
        lines,
    })
}

#[derive(Deserialize)]
pub struct YearQuery {
    nam: Option<String>,
}

pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> Result<Html<String>, AppError> {
    let bloc = visible_bloc(&st, &ctx.user, id).await?;
    let year = match q.nam.as_deref().and_then(parse_year) {
        Some(y) => y,
        // The latest year with members, not an empty new year.
        None => {
            let mut c = st.db.conn().await?;
            let years = store::years(&mut c, bloc.id).await?;
            years
                .first()
                .copied()
                .unwrap_or_else(|| year_or_current(&st, None))
        }
    };
    show_page(&st, &ctx, bloc, year, String::new(), FieldErrors::default()).await
}

#[derive(Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    unit_code: String,
    #[serde(default)]
    year: String,
}

fn year_of(s: &str) -> Result<i64, AppError> {
    parse_year(s).ok_or_else(|| {
        AppError::BadRequest(format!(
            "Năm «{}» không hợp lệ; hãy chọn một năm từ {} đến {}.",
            s.trim(),
            super::FIRST_YEAR,
            super::LAST_YEAR
        ))
    })
}

/// Why `code` cannot join `bloc` in `year`, or the unit when it can — read on the rows the
/// write transaction sees, so two officers adding the same ward at once cannot both pass.
async fn joining_unit(
    tx: &mut crate::db::Tx,
    ctx: &Ctx,
    bloc: &Bloc,
    code: &str,
    year: i64,
) -> Result<Result<Unit, String>, AppError> {
    if code.is_empty() {
        return Ok(Err("Hãy nhập mã đơn vị cần thêm vào khối.".into()));
    }
    let unit = match units::store::by_code(tx, code).await? {
        Some(u) if ctx.user.can_see(&u.path) => u,
        _ => {
            return Ok(Err(format!(
                "Không có đơn vị mã «{code}» trong phạm vi của bạn."
            )));
        }
    };
    if let Some(p) = membership_problem(&bloc.owner_path, &unit, year) {
        return Ok(Err(p));
    }
    if store::is_member(tx, bloc.id, unit.id, year).await? {
        return Ok(Err(format!("«{}» đã ở trong khối năm {year}.", unit.name)));
    }
    if let Some(other) = store::sibling_holding(tx, bloc, unit.id, year).await? {
        return Ok(Err(format!(
            "«{}» đã thuộc khối «{other}» năm {year}; mỗi đơn vị chỉ ở một khối mỗi năm.",
            unit.name
        )));
    }
    Ok(Ok(unit))
}

/// The bloc as the write transaction sees it, when this user may still change it (its owner
/// may have moved out of the user's reach since the page was loaded).
async fn bloc_in_tx(tx: &mut crate::db::Tx, ctx: &Ctx, id: i64) -> Result<Bloc, AppError> {
    match store::by_id(tx, id).await? {
        Some(b) if ctx.user.can_edit(&b.owner_path) => Ok(b),
        Some(b) if ctx.user.can_see(&b.owner_path) => Err(AppError::Forbidden),
        _ => Err(AppError::NotFound),
    }
}

pub async fn add_member(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<MemberForm>,
) -> Result<Response, AppError> {
    editable_bloc(&st, &ctx.user, id).await?;
    let year = year_of(&f.year)?;
    let code = f.unit_code.trim().to_string();
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let bloc = bloc_in_tx(&mut tx, &ctx, id).await?;
    let problem = match joining_unit(&mut tx, &ctx, &bloc, &code, year).await? {
        Err(p) => p,
        Ok(u) => match store::add_member(&mut tx, bloc.id, u.id, year).await {
            // The database's one-bloc-per-owner-unit-and-year index caught a race the checks
            // above could not see (another transaction not yet committed on PostgreSQL).
            Err(e) if is_unique_violation(&e) => format!(
                "«{}» vừa được xếp vào một khối năm {year} ở nơi khác; mỗi đơn vị chỉ ở một khối mỗi năm. Hãy tải lại trang.",
                u.name
            ),
            Err(e) => return Err(e.into()),
            Ok(_) => {
                audit::store::record(
                    &mut tx,
                    now,
                    &ctx.user.actor(),
                    "bloc.member.add",
                    "bloc",
                    &bloc.id.to_string(),
                    &json!({"unit": u.code, "year": year}),
                )
                .await?;
                tx.commit().await?;
                ctx.flash(&st, &format!("Đã thêm «{}» vào khối năm {year}.", u.name))
                    .await?;
                return Ok(to_year(bloc.id, year));
            }
        },
    };
    drop(tx);
    let mut errors = FieldErrors::default();
    errors.add("unit_code", problem);
    Ok(show_page(&st, &ctx, bloc, year, code, errors)
        .await?
        .into_response())
}

fn to_year(id: i64, year: i64) -> Response {
    Redirect::to(&format!("/khoi-thi-dua/{id}?nam={year}")).into_response()
}

#[derive(Deserialize)]
pub struct RemoveForm {
    unit_id: i64,
    #[serde(default)]
    year: String,
    #[serde(flatten)]
    confirmed: Confirmed,
}

pub async fn remove_member(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<RemoveForm>,
) -> Result<Response, AppError> {
    let shown = editable_bloc(&st, &ctx.user, id).await?;
    let year = year_of(&f.year)?;
    if !f.confirmed.given() {
        let mut c = st.db.conn().await?;
        let unit = units::store::by_id(&mut c, f.unit_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let back = format!("/khoi-thi-dua/{id}?nam={year}");
        let layout = Layout::new(&ctx, "blocs", "Xác nhận")
            .crumb("Khối thi đua", "/khoi-thi-dua")
            .crumb(shown.name.clone(), back.clone());
        let c = Confirmation {
            heading: format!("Bỏ «{}» khỏi {} năm {year}", unit.name, shown.name),
            consequences: vec![
                format!("«{}» không còn là thành viên của {} trong năm {year}: không được so sánh, chấm điểm hay xếp hạng trong khối năm đó.", unit.name, shown.name),
                "Các năm khác giữ nguyên. Muốn đưa lại, thêm đơn vị vào khối; việc này được ghi vào nhật ký.".into(),
            ],
            action: format!("/khoi-thi-dua/{id}/thanh-vien/bo"),
            hidden: vec![
                ("unit_id".into(), unit.id.to_string()),
                ("year".into(), year.to_string()),
            ],
            button: "Xác nhận bỏ khỏi khối".into(),
            back,
        };
        return Ok(confirm::page(layout, c)?.into_response());
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let bloc = bloc_in_tx(&mut tx, &ctx, id).await?;
    let Some(unit) = units::store::by_id(&mut tx, f.unit_id).await? else {
        return Err(AppError::NotFound);
    };
    if store::remove_member(&mut tx, bloc.id, unit.id, year).await? == 0 {
        return Err(AppError::BadRequest(format!(
            "«{}» không có trong khối năm {year}; có thể người khác vừa bỏ ra.",
            unit.name
        )));
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "bloc.member.remove",
        "bloc",
        &bloc.id.to_string(),
        &json!({"unit": unit.code, "year": year}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã bỏ «{}» khỏi khối năm {year}.", unit.name))
        .await?;
    Ok(to_year(bloc.id, year))
}

#[derive(Deserialize)]
pub struct CarryForm {
    #[serde(default)]
    year: String,
}

/// Copies last year's members into `year`, skipping units that no longer exist that year or
/// already sit in another bloc of the same owner; the flash names what was skipped.
pub async fn carry_over(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<CarryForm>,
) -> Result<Response, AppError> {
    editable_bloc(&st, &ctx.user, id).await?;
    let year = year_of(&f.year)?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let bloc = bloc_in_tx(&mut tx, &ctx, id).await?;
    let previous = store::members(&mut tx, bloc.id, year - 1).await?;
    if previous.is_empty() {
        return Err(AppError::BadRequest(format!(
            "Khối chưa có thành viên năm {} để chuyển sang.",
            year - 1
        )));
    }
    let (mut added, mut skipped) = (Vec::new(), Vec::new());
    for u in previous {
        let blocked = membership_problem(&bloc.owner_path, &u, year).is_some()
            || store::is_member(&mut tx, bloc.id, u.id, year).await?
            || store::sibling_holding(&mut tx, &bloc, u.id, year)
                .await?
                .is_some();
        if blocked {
            skipped.push(u.name);
        } else {
            store::add_member(&mut tx, bloc.id, u.id, year).await?;
            added.push(u.code);
        }
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "bloc.member.carry_over",
        "bloc",
        &bloc.id.to_string(),
        &json!({"year": year, "added": added}),
    )
    .await?;
    tx.commit().await?;
    let mut msg = format!(
        "Đã chuyển {} đơn vị từ năm {} sang năm {year}.",
        added.len(),
        year - 1
    );
    if !skipped.is_empty() {
        msg.push_str(&format!(" Không chuyển: {}.", skipped.join(", ")));
    }
    ctx.flash(&st, &msg).await?;
    Ok(to_year(bloc.id, year))
}
