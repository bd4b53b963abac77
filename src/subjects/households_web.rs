//! Household pages: search, profile with members, create.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::web::{ListQuery, NewQuery, under_unit};
use super::{Household, Person, store};
use crate::app::AppState;
use crate::audit;
use crate::units::web::actor;
use crate::units::{self, Unit};
use crate::web::error::AppError;
use crate::web::session::Ctx;
use crate::web::view::{FieldErrors, Layout, PER_PAGE, Pager, offset_of, query_string, render};

#[derive(Template)]
#[template(path = "subjects/households.html")]
struct HouseholdsPage {
    layout: Layout,
    households: Vec<Household>,
    q: String,
    unit: Option<Unit>,
    pager: Pager,
}

pub async fn households(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let unit = under_unit(&st, &ctx.user, q.don_vi).await?;
    let path = unit.as_ref().map_or("/", |u| u.path.as_str());
    let mut c = st.db.conn().await?;
    let (households, total) = store::search_households(
        &mut c,
        ctx.user.id,
        ctx.user.is_admin(),
        &q.q,
        path,
        PER_PAGE,
        offset_of(q.trang),
    )
    .await?;
    let unit_id = q.don_vi.map(|i| i.to_string()).unwrap_or_default();
    render(&HouseholdsPage {
        layout: Layout::new(&ctx, "households", "Hộ gia đình").crumb("Hộ gia đình", ""),
        households,
        pager: Pager::new(
            q.trang,
            total,
            query_string(&[("q", &q.q), ("don_vi", &unit_id)]),
        ),
        q: q.q,
        unit,
    })
}

#[derive(Template)]
#[template(path = "subjects/household.html")]
struct HouseholdPage {
    layout: Layout,
    household: Household,
    members: Vec<Person>,
}

pub async fn household(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let household = match store::household(&mut c, id).await? {
        Some((h, path)) if ctx.user.can_see(&path) => h,
        _ => return Err(AppError::NotFound),
    };
    let members = store::household_members(&mut c, id).await?;
    render(&HouseholdPage {
        layout: Layout::new(&ctx, "households", format!("Hộ {}", household.head_name))
            .crumb("Hộ gia đình", "/ho-gia-dinh")
            .crumb(household.head_name.clone(), ""),
        household,
        members,
    })
}

#[derive(Default, Deserialize)]
pub struct HouseholdInput {
    #[serde(default)]
    head_name: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    unit_code: String,
}

#[derive(Template)]
#[template(path = "subjects/household_form.html")]
struct HouseholdForm {
    layout: Layout,
    input: HouseholdInput,
    errors: FieldErrors,
}

pub async fn new_household(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NewQuery>,
) -> Result<Html<String>, AppError> {
    let mut input = HouseholdInput::default();
    if let Some(u) = under_unit(&st, &ctx.user, q.don_vi).await? {
        input.unit_code = u.code;
    }
    render(&HouseholdForm {
        layout: Layout::new(&ctx, "households", "Thêm hộ gia đình")
            .crumb("Hộ gia đình", "/ho-gia-dinh")
            .crumb("Thêm", ""),
        input,
        errors: FieldErrors::default(),
    })
}

pub async fn create_household(
    State(st): State<AppState>,
    ctx: Ctx,
    axum::Form(input): axum::Form<HouseholdInput>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    let head = crate::text::clean(&input.head_name);
    if head.is_empty() {
        errors.add("head_name", "Chưa nhập tên chủ hộ.");
    }
    let mut c = st.db.conn().await?;
    let unit = units::store::by_code(&mut c, input.unit_code.trim()).await?;
    drop(c);
    match &unit {
        Some(u) if ctx.user.can_edit(&u.path) => {}
        Some(_) => errors.add(
            "unit_code",
            "Bạn không có quyền thêm hộ gia đình cho đơn vị này.",
        ),
        None => errors.add("unit_code", "Không có đơn vị với mã này."),
    }
    let (Some(unit), true) = (unit, errors.is_empty()) else {
        return Ok(render(&HouseholdForm {
            layout: Layout::new(&ctx, "households", "Thêm hộ gia đình")
                .crumb("Hộ gia đình", "/ho-gia-dinh")
                .crumb("Thêm", ""),
            input,
            errors,
        })?
        .into_response());
    };
    let now = st.clock.now();
    let address = crate::text::clean(&input.address);
    let mut tx = st.db.begin().await?;
    let id = store::insert_household(&mut tx, &head, &address, unit.id, false, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &actor(&ctx.user),
        "household.create",
        "household",
        &id.to_string(),
        &json!({"head_name": head, "unit_id": unit.id}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã thêm hộ «{head}».")).await?;
    Ok(Redirect::to(&format!("/ho-gia-dinh/{id}")).into_response())
}
