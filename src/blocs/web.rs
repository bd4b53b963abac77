//! Bloc pages: list, create, rename, and members per year (add, remove, carry over from the
//! year before). Everything is scoped by the bloc's owner unit.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Datelike;
use serde::Deserialize;
use serde_json::json;

use super::{Bloc, BlocInput, BlocRow, ValidBloc, parse_year, store, validate};
use crate::audit;
use crate::auth::CurrentUser;
use crate::db::DbConn;
use crate::state::AppState;
use crate::subjects::ProfileSection;
use crate::units::{self, Unit};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{FieldErrors, Layout, PER_PAGE, Pager, offset_of, query_string, render};

/// A bloc the user may see; others answer 404 so their existence is not revealed.
pub(super) async fn visible_bloc(
    st: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<Bloc, AppError> {
    let mut c = st.db.conn().await?;
    match store::by_id(&mut c, id).await? {
        Some(b) if user.can_see(&b.owner_path) => Ok(b),
        // A member's officers see their bloc and their fellows (issue 8, item 9).
        Some(b) if super::compare_store::has_member_in_scope(&mut c, b.id, user.id).await? => Ok(b),
        _ => Err(AppError::NotFound),
    }
}

pub(super) async fn editable_bloc(
    st: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<Bloc, AppError> {
    let bloc = visible_bloc(st, user, id).await?;
    if user.can_edit(&bloc.owner_path) {
        Ok(bloc)
    } else {
        Err(AppError::Forbidden)
    }
}

pub(super) fn year_or_current(st: &AppState, s: Option<&str>) -> i64 {
    s.and_then(parse_year)
        .unwrap_or_else(|| i64::from(st.clock.today().year()))
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    nam: Option<String>,
    trang: Option<i64>,
}

#[derive(Template)]
#[template(path = "blocs/list.html")]
struct ListPage {
    layout: Layout,
    blocs: Vec<BlocRow>,
    q: String,
    year: i64,
    pager: Pager,
    can_create: bool,
}

pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    // Opens on the latest year that has members, not on a new year nobody has filled yet.
    let year = match q.nam.as_deref().and_then(parse_year) {
        Some(y) => y,
        None => super::compare_store::latest_member_year(&mut c, ctx.user.id, ctx.user.is_admin())
            .await?
            .unwrap_or_else(|| year_or_current(&st, None)),
    };
    let (blocs, total) = store::search(
        &mut c,
        ctx.user.id,
        ctx.user.is_admin(),
        &q.q,
        year,
        PER_PAGE,
        offset_of(q.trang),
    )
    .await?;
    let year_text = year.to_string();
    let pager = Pager::new(
        q.trang,
        total,
        query_string(&[("q", &q.q), ("nam", &year_text)]),
    );
    pager.past_the_end(q.trang)?;
    render(&ListPage {
        layout: Layout::new(&ctx, "blocs", "Khối thi đua").crumb("Khối thi đua", ""),
        blocs,
        pager,
        q: q.q,
        year,
        can_create: ctx.user.grants.iter().any(|g| g.role.edits_register()),
    })
}

#[derive(Template)]
#[template(path = "blocs/form.html")]
struct FormPage {
    layout: Layout,
    action: String,
    input: BlocInput,
    errors: FieldErrors,
    version: i64,
    owner_fixed: bool,
}

fn form_page(
    ctx: &Ctx,
    title: &str,
    action: String,
    input: BlocInput,
    errors: FieldErrors,
    version: i64,
) -> Result<Html<String>, AppError> {
    render(&FormPage {
        layout: Layout::new(ctx, "blocs", title)
            .crumb("Khối thi đua", "/khoi-thi-dua")
            .crumb(title, ""),
        owner_fixed: version > 0,
        action,
        input,
        errors,
        version,
    })
}

pub async fn new_form(ctx: Ctx) -> Result<Html<String>, AppError> {
    let input = BlocInput {
        owner_code: ctx
            .user
            .home_unit()
            .map(|g| g.unit_code.clone())
            .unwrap_or_default(),
        ..BlocInput::default()
    };
    form_page(
        &ctx,
        "Thêm khối thi đua",
        "/khoi-thi-dua".into(),
        input,
        FieldErrors::default(),
        0,
    )
}

fn field_errors(es: Vec<(&'static str, String)>) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for (f, m) in es {
        errors.add(f, m);
    }
    errors
}

pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(input): Form<BlocInput>,
) -> Result<Response, AppError> {
    let title = "Thêm khối thi đua";
    let again = |errors| {
        form_page(
            &ctx,
            title,
            "/khoi-thi-dua".into(),
            input.clone(),
            errors,
            0,
        )
    };
    let v = match validate(&input) {
        Ok(v) => v,
        Err(es) => return Ok(again(field_errors(es))?.into_response()),
    };
    let mut c = st.db.conn().await?;
    let owner = match units::store::by_code(&mut c, &v.owner_code).await? {
        Some(u) if ctx.user.can_edit(&u.path) => u,
        Some(_) => {
            let mut errors = FieldErrors::default();
            errors.add(
                "owner_code",
                "Bạn không có quyền lập khối thi đua ở đơn vị này.",
            );
            return Ok(again(errors)?.into_response());
        }
        None => {
            let mut errors = FieldErrors::default();
            errors.add(
                "owner_code",
                format!("Không có đơn vị mã {}.", v.owner_code),
            );
            return Ok(again(errors)?.into_response());
        }
    };
    drop(c);
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let id = store::insert(&mut tx, &v, owner.id, false, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "bloc.create",
        "bloc",
        &id.to_string(),
        &json!({"name": v.name, "owner": owner.code}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã lập khối «{}».", v.name))
        .await?;
    Ok(Redirect::to(&format!("/khoi-thi-dua/{id}")).into_response())
}

pub async fn edit_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let bloc = editable_bloc(&st, &ctx.user, id).await?;
    let mut c = st.db.conn().await?;
    let owner_code = units::store::by_id(&mut c, bloc.owner_unit_id)
        .await?
        .map(|u| u.code)
        .unwrap_or_default();
    let input = BlocInput {
        name: bloc.name,
        owner_code,
        note: bloc.note,
    };
    form_page(
        &ctx,
        "Sửa khối thi đua",
        format!("/khoi-thi-dua/{id}/sua"),
        input,
        FieldErrors::default(),
        bloc.version,
    )
}

#[derive(Deserialize)]
pub struct EditForm {
    #[serde(flatten)]
    input: BlocInput,
    version: i64,
}

pub async fn update(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<EditForm>,
) -> Result<Response, AppError> {
    let bloc = editable_bloc(&st, &ctx.user, id).await?;
    let action = format!("/khoi-thi-dua/{id}/sua");
    let title = "Sửa khối thi đua";
    // The owner cannot change here: members were chosen below it.
    let checked = BlocInput {
        owner_code: "-".into(),
        ..f.input.clone()
    };
    let v: ValidBloc = match validate(&checked) {
        Ok(v) => v,
        Err(es) => {
            return Ok(
                form_page(&ctx, title, action, f.input, field_errors(es), f.version)?
                    .into_response(),
            );
        }
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    if !store::update(&mut tx, id, f.version, &v).await? {
        let mut errors = FieldErrors::default();
        errors.add(
            "version",
            "Khối vừa được người khác sửa. Hãy tải lại trang rồi sửa lại.",
        );
        return Ok(form_page(&ctx, title, action, f.input, errors, f.version)?.into_response());
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "bloc.update",
        "bloc",
        &id.to_string(),
        &json!({"before": {"name": bloc.name, "note": bloc.note}, "after": {"name": v.name, "note": v.note}}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã lưu thay đổi.").await?;
    Ok(Redirect::to(&format!("/khoi-thi-dua/{id}")).into_response())
}

/// The "Khối thi đua" section of a unit's profile: which bloc it was in, year by year.
pub async fn unit_section(
    c: &mut impl DbConn,
    user: &CurrentUser,
    unit: &Unit,
) -> Result<ProfileSection, sqlx::Error> {
    let rows = store::memberships_of(c, unit.id)
        .await?
        .into_iter()
        .map(|m| {
            let href = if user.can_see(&m.owner_path) {
                format!("/khoi-thi-dua/{}?nam={}", m.bloc_id, m.year)
            } else {
                String::new()
            };
            (format!("Năm {}", m.year), m.bloc_name, href)
        })
        .collect();
    Ok(ProfileSection {
        title: "Khối thi đua".into(),
        rows,
        empty: "Đơn vị chưa được xếp vào khối thi đua nào.".into(),
    })
}
