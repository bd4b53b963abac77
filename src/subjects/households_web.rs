//! Household pages: search, profile with members, create, edit.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::web::{ListQuery, NewQuery, under_unit};
use super::{Household, Person, store};
use crate::audit;
use crate::state::AppState;
use crate::units::{self, Unit};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
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
    let pager = Pager::new(
        q.trang,
        total,
        query_string(&[("q", &q.q), ("don_vi", &unit_id)]),
    );
    pager.past_the_end(q.trang)?;
    render(&HouseholdsPage {
        layout: Layout::new(&ctx, "households", "Hộ gia đình").crumb("Hộ gia đình", ""),
        households,
        pager,
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
    can_edit: bool,
    sections: Vec<super::ProfileSection>,
    /// Household sets (model garden, "gia đình 5 có") a village officer can assess it under.
    sets: Vec<(i64, String)>,
}

pub async fn household(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let (household, path) = match store::household(&mut c, id).await? {
        Some((h, path)) if ctx.user.can_see(&path) => (h, path),
        _ => return Err(AppError::NotFound),
    };
    let members = store::household_members(&mut c, id).await?;
    let mut sections =
        crate::criteria::profile::sections(&mut c, "household", id, &[], false).await?;
    sections.extend(
        crate::resources::profile::contributor_sections(&mut c, "household", id, st.clock.today())
            .await?,
    );
    sections.push(
        crate::awards::profile_web::section(&mut c, "household", id, st.clock.today()).await?,
    );
    let sets = if ctx.user.can_edit(&path) {
        crate::criteria::store::sets(&mut c)
            .await?
            .into_iter()
            .filter(|s| s.subject_kind == "household" && s.version == s.newest)
            .map(|s| (s.id, s.name))
            .collect()
    } else {
        Vec::new()
    };
    render(&HouseholdPage {
        sections,
        sets,
        layout: Layout::new(&ctx, "households", format!("Hộ {}", household.head_name))
            .crumb("Hộ gia đình", "/ho-gia-dinh")
            .crumb(household.head_name.clone(), ""),
        can_edit: ctx.user.can_edit(&path),
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
    action: String,
    input: HouseholdInput,
    errors: FieldErrors,
}

fn form_page(
    ctx: &Ctx,
    title: &str,
    action: String,
    input: HouseholdInput,
    errors: FieldErrors,
) -> Result<Html<String>, AppError> {
    render(&HouseholdForm {
        layout: Layout::new(ctx, "households", title)
            .crumb("Hộ gia đình", "/ho-gia-dinh")
            .crumb(title, ""),
        action,
        input,
        errors,
    })
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
    form_page(
        &ctx,
        "Thêm hộ gia đình",
        "/ho-gia-dinh".into(),
        input,
        FieldErrors::default(),
    )
}

/// The head's name, the address and the unit the user may file the household under.
struct ValidHousehold {
    head: String,
    address: String,
    unit: Unit,
}

async fn check(
    st: &AppState,
    ctx: &Ctx,
    input: &HouseholdInput,
) -> Result<Result<ValidHousehold, FieldErrors>, AppError> {
    let mut errors = FieldErrors::default();
    let head = crate::text::clean(&input.head_name);
    if head.is_empty() {
        errors.add("head_name", "Chưa nhập tên chủ hộ.");
    } else if head.chars().count() > 200 {
        errors.add("head_name", "Tên chủ hộ dài quá 200 ký tự.");
    }
    let address = crate::text::clean(&input.address);
    if address.chars().count() > 300 {
        errors.add("address", "Địa chỉ dài quá 300 ký tự.");
    }
    let mut c = st.db.conn().await?;
    let unit = units::store::by_code(&mut c, input.unit_code.trim()).await?;
    match &unit {
        Some(u) if ctx.user.can_edit(&u.path) => {}
        Some(_) => errors.add(
            "unit_code",
            "Bạn không có quyền ghi hộ gia đình cho đơn vị này.",
        ),
        None => errors.add("unit_code", "Không có đơn vị với mã này."),
    }
    Ok(match unit {
        Some(unit) if errors.is_empty() => Ok(ValidHousehold {
            head,
            address,
            unit,
        }),
        _ => Err(errors),
    })
}

pub async fn create_household(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(input): Form<HouseholdInput>,
) -> Result<Response, AppError> {
    let v = match check(&st, &ctx, &input).await? {
        Ok(v) => v,
        Err(errors) => {
            return Ok(form_page(
                &ctx,
                "Thêm hộ gia đình",
                "/ho-gia-dinh".into(),
                input,
                errors,
            )?
            .into_response());
        }
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let id = store::insert_household(&mut tx, &v.head, &v.address, v.unit.id, false, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "household.create",
        "household",
        &id.to_string(),
        &json!({"head_name": v.head, "unit_id": v.unit.id}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã thêm hộ «{}».", v.head)).await?;
    Ok(Redirect::to(&format!("/ho-gia-dinh/{id}")).into_response())
}

/// A household the user may change; 404 outside their scope, 403 when they only read it.
async fn editable_household(
    st: &AppState,
    ctx: &Ctx,
    id: i64,
) -> Result<(Household, String), AppError> {
    let mut c = st.db.conn().await?;
    match store::household(&mut c, id).await? {
        Some((h, path)) if ctx.user.can_edit(&path) => {
            let code = units::store::by_id(&mut c, h.unit_id)
                .await?
                .map(|u| u.code)
                .unwrap_or_default();
            Ok((h, code))
        }
        Some((_, path)) if ctx.user.can_see(&path) => Err(AppError::Forbidden),
        _ => Err(AppError::NotFound),
    }
}

pub async fn edit_household(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let (h, unit_code) = editable_household(&st, &ctx, id).await?;
    let input = HouseholdInput {
        head_name: h.head_name,
        address: h.address,
        unit_code,
    };
    form_page(
        &ctx,
        "Sửa hộ gia đình",
        format!("/ho-gia-dinh/{id}/sua"),
        input,
        FieldErrors::default(),
    )
}

pub async fn update_household(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(input): Form<HouseholdInput>,
) -> Result<Response, AppError> {
    let (before, _) = editable_household(&st, &ctx, id).await?;
    let v = match check(&st, &ctx, &input).await? {
        Ok(v) => v,
        Err(errors) => {
            let action = format!("/ho-gia-dinh/{id}/sua");
            return Ok(form_page(&ctx, "Sửa hộ gia đình", action, input, errors)?.into_response());
        }
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    store::update_household(&mut tx, id, &v.head, &v.address, v.unit.id, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "household.update",
        "household",
        &id.to_string(),
        &json!({
            "before": {"head_name": before.head_name, "address": before.address, "unit_id": before.unit_id},
            "after": {"head_name": v.head, "address": v.address, "unit_id": v.unit.id},
        }),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã lưu thay đổi.").await?;
    Ok(Redirect::to(&format!("/ho-gia-dinh/{id}")).into_response())
}
