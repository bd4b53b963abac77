//! Person pages: search, profile, create, edit, export. Households are in `households_web.rs`.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::{Person, PersonInput, ProfileSection, mask_citizen_id, store, validate_person};
use crate::audit;
use crate::auth::CurrentUser;
use crate::auth::scope::visible_unit;
use crate::db::DbConn;
use crate::state::AppState;
use crate::units::{self, Unit};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{FieldErrors, Layout, PER_PAGE, Pager, offset_of, query_string, render};

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub(super) q: String,
    pub(super) don_vi: Option<i64>,
    pub(super) trang: Option<i64>,
}

pub(super) async fn under_unit(
    st: &AppState,
    user: &CurrentUser,
    id: Option<i64>,
) -> Result<Option<Unit>, AppError> {
    match id {
        Some(id) => Ok(Some(visible_unit(st, user, id).await?)),
        None => Ok(None),
    }
}

#[derive(Template)]
#[template(path = "subjects/persons.html")]
struct PersonsPage {
    layout: Layout,
    persons: Vec<Person>,
    q: String,
    unit: Option<Unit>,
    pager: Pager,
}

pub async fn persons(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let unit = under_unit(&st, &ctx.user, q.don_vi).await?;
    let path = unit.as_ref().map_or("/", |u| u.path.as_str());
    let mut c = st.db.conn().await?;
    let (persons, total) = store::search_persons(
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
    render(&PersonsPage {
        layout: Layout::new(&ctx, "persons", "Cá nhân").crumb("Cá nhân", ""),
        persons,
        pager,
        q: q.q,
        unit,
    })
}

#[derive(Template)]
#[template(path = "subjects/person.html")]
struct PersonPage {
    layout: Layout,
    person: Person,
    citizen_id: String,
    can_edit: bool,
    sections: Vec<ProfileSection>,
}

async fn visible_person(
    st: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<(Person, String), AppError> {
    let mut c = st.db.conn().await?;
    match store::person(&mut c, id).await? {
        Some((p, path)) if user.can_see(&path) => Ok((p, path)),
        _ => Err(AppError::NotFound),
    }
}

pub async fn person(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let (person, path) = visible_person(&st, &ctx.user, id).await?;
    let can_edit = ctx.user.can_edit(&path);
    let mut c = st.db.conn().await?;
    let mut sections =
        crate::resources::profile::contributor_sections(&mut c, "person", id, st.clock.today())
            .await?;
    sections
        .push(crate::awards::profile_web::section(&mut c, "person", id, st.clock.today()).await?);
    render(&PersonPage {
        layout: Layout::new(&ctx, "persons", person.full_name.clone())
            .crumb("Cá nhân", "/ca-nhan")
            .crumb(person.full_name.clone(), ""),
        citizen_id: if can_edit {
            person.citizen_id.clone()
        } else {
            mask_citizen_id(&person.citizen_id)
        },
        person,
        can_edit,
        sections,
    })
}

#[derive(Template)]
#[template(path = "subjects/person_form.html")]
struct PersonForm {
    layout: Layout,
    action: String,
    input: PersonInput,
    errors: FieldErrors,
}

fn person_form(
    ctx: &Ctx,
    title: &str,
    action: String,
    input: PersonInput,
    errors: FieldErrors,
) -> Result<Html<String>, AppError> {
    render(&PersonForm {
        layout: Layout::new(ctx, "persons", title)
            .crumb("Cá nhân", "/ca-nhan")
            .crumb(title, ""),
        action,
        input,
        errors,
    })
}

#[derive(Deserialize)]
pub struct NewQuery {
    pub(super) don_vi: Option<i64>,
    /// The household a new person joins, when added from the household's page.
    ho: Option<i64>,
}

pub async fn new_person(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NewQuery>,
) -> Result<Html<String>, AppError> {
    let mut input = PersonInput::default();
    if let Some(u) = under_unit(&st, &ctx.user, q.don_vi).await? {
        input.unit_code = u.code;
    }
    if let Some(h) = q.ho {
        input.household_id = h.to_string();
    }
    person_form(
        &ctx,
        "Thêm cá nhân",
        "/ca-nhan".into(),
        input,
        FieldErrors::default(),
    )
}

/// The same words whether the household does not exist or lies outside the user's scope.
const NO_SUCH_HOUSEHOLD: &str = "Không có hộ gia đình này trong đơn vị đã chọn.";

/// Whether household `h` may take a person of `unit`: it exists, the user may see it, and it
/// sits in the unit's line (the unit's subtree or above it). Checked with the form, and again
/// inside the write transaction, since the household may move in between.
async fn household_fits(
    c: &mut impl DbConn,
    user: &CurrentUser,
    h: i64,
    unit: &Unit,
) -> Result<bool, sqlx::Error> {
    Ok(match store::household(c, h).await? {
        Some((_, path)) => {
            user.can_see(&path) && (path.starts_with(&unit.path) || unit.path.starts_with(&path))
        }
        None => false,
    })
}

/// Checks a person form: fields, the unit (in the user's editable scope) and the household.
async fn check_person(
    st: &AppState,
    user: &CurrentUser,
    input: &PersonInput,
) -> Result<Result<(super::ValidPerson, Unit), FieldErrors>, AppError> {
    let mut errors = FieldErrors::default();
    let this_year = i64::from(chrono::Datelike::year(&st.clock.today()));
    let v = validate_person(input, this_year)
        .map_err(|es| es.into_iter().for_each(|(f, m)| errors.add(f, m)))
        .ok();
    let mut c = st.db.conn().await?;
    let unit = match units::store::by_code(&mut c, input.unit_code.trim()).await? {
        Some(u) if user.can_edit(&u.path) => Some(u),
        Some(_) => {
            errors.add(
                "unit_code",
                "Bạn không có quyền thêm hoặc sửa cá nhân của đơn vị này.",
            );
            None
        }
        None => {
            errors.add("unit_code", "Không có đơn vị với mã này.");
            None
        }
    };
    if let (Some(v), Some(u)) = (&v, &unit)
        && let Some(h) = v.household_id
        && !household_fits(&mut c, user, h, u).await?
    {
        errors.add("household_id", NO_SUCH_HOUSEHOLD);
    }
    Ok(match (v, unit) {
        (Some(v), Some(u)) if errors.is_empty() => Ok((v, u)),
        _ => Err(errors),
    })
}

pub async fn create_person(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(input): Form<PersonInput>,
) -> Result<Response, AppError> {
    let (v, unit) = match check_person(&st, &ctx.user, &input).await? {
        Ok(ok) => ok,
        Err(errors) => {
            return Ok(
                person_form(&ctx, "Thêm cá nhân", "/ca-nhan".into(), input, errors)?
                    .into_response(),
            );
        }
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    if let Some(h) = v.household_id
        && !household_fits(&mut tx, &ctx.user, h, &unit).await?
    {
        let mut errors = FieldErrors::default();
        errors.add("household_id", NO_SUCH_HOUSEHOLD);
        return Ok(
            person_form(&ctx, "Thêm cá nhân", "/ca-nhan".into(), input, errors)?.into_response(),
        );
    }
    let id = store::insert_person(&mut tx, &v, unit.id, false, now).await?;
    // The citizen ID is personal data: the audit log records that it was set, never its value.
    audit::store::record(&mut tx, now, &ctx.user.actor(), "person.create", "person", &id.to_string(),
        &json!({"full_name": v.full_name, "unit_id": unit.id, "citizen_id_set": !v.citizen_id.is_empty()})).await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã thêm «{}».", v.full_name))
        .await?;
    Ok(Redirect::to(&format!("/ca-nhan/{id}")).into_response())
}

pub async fn edit_person(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let (p, path) = visible_person(&st, &ctx.user, id).await?;
    if !ctx.user.can_edit(&path) {
        return Err(AppError::Forbidden);
    }
    let mut c = st.db.conn().await?;
    let unit_code = units::store::by_id(&mut c, p.unit_id)
        .await?
        .map(|u| u.code)
        .unwrap_or_default();
    let input = PersonInput {
        full_name: p.full_name,
        birth_year: p.birth_year.map(|y| y.to_string()).unwrap_or_default(),
        gender: p.gender,
        unit_code,
        household_id: p.household_id.map(|h| h.to_string()).unwrap_or_default(),
        position: p.position,
        phone: p.phone,
        citizen_id: p.citizen_id,
    };
    person_form(
        &ctx,
        "Sửa thông tin cá nhân",
        format!("/ca-nhan/{id}/sua"),
        input,
        FieldErrors::default(),
    )
}

pub async fn update_person(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(input): Form<PersonInput>,
) -> Result<Response, AppError> {
    let (before, path) = visible_person(&st, &ctx.user, id).await?;
    if !ctx.user.can_edit(&path) {
        return Err(AppError::Forbidden);
    }
    let (v, unit) = match check_person(&st, &ctx.user, &input).await? {
        Ok(ok) => ok,
        Err(errors) => {
            return Ok(person_form(
                &ctx,
                "Sửa thông tin cá nhân",
                format!("/ca-nhan/{id}/sua"),
                input,
                errors,
            )?
            .into_response());
        }
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    if let Some(h) = v.household_id
        && !household_fits(&mut tx, &ctx.user, h, &unit).await?
    {
        let mut errors = FieldErrors::default();
        errors.add("household_id", NO_SUCH_HOUSEHOLD);
        return Ok(person_form(
            &ctx,
            "Sửa thông tin cá nhân",
            format!("/ca-nhan/{id}/sua"),
            input,
            errors,
        )?
        .into_response());
    }
    store::update_person(&mut tx, id, &v, unit.id, now).await?;
    audit::store::record(&mut tx, now, &ctx.user.actor(), "person.update", "person", &id.to_string(), &json!({
        "before": {"full_name": before.full_name, "unit_id": before.unit_id, "birth_year": before.birth_year, "position": before.position},
        "after": {"full_name": v.full_name, "unit_id": unit.id, "birth_year": v.birth_year, "position": v.position},
        "citizen_id_changed": before.citizen_id != v.citizen_id,
    })).await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã lưu thay đổi.").await?;
    Ok(Redirect::to(&format!("/ca-nhan/{id}")).into_response())
}
