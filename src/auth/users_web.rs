//! The admin's pages for users and their roles.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::store::{self, UserRow};
use super::{Grant, Role, generate_password, password_problem};
use crate::audit;
use crate::state::AppState;
use crate::units;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{FieldErrors, Layout, PER_PAGE, Pager, offset_of, query_string, render};

pub(super) fn admin_only(ctx: &Ctx) -> Result<(), AppError> {
    if ctx.user.is_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The role list: (code, name, the scope it needs). No role is pre-selected.
fn roles() -> Vec<(&'static str, &'static str, &'static str)> {
    Role::ALL
        .iter()
        .map(|r| (r.code(), r.label(), super::setup::reach_hint(*r)))
        .collect()
}

/// The units offered by the picker, as "Phường Đức Thuận (HL-DT)", in tree order. At most
/// `PICKER_MOST`; past that the admin types more of the name or the code.
async fn picker(st: &AppState, ctx: &Ctx) -> Result<Vec<String>, AppError> {
    let mut c = st.db.conn().await?;
    let all = units::store::all_in_scope(&mut c, ctx.user.id, ctx.user.is_admin()).await?;
    let today = st.clock.today();
    Ok(all
        .iter()
        .take(PICKER_MOST)
        .map(|u| super::setup::picker_label(u, today))
        .collect())
}

const PICKER_MOST: usize = 3000;

/// The unit typed into a picker and whether `role` may be granted there, read in the
/// transaction or connection `c`: the unit, or the message for the field.
async fn unit_for_role(
    c: &mut impl crate::db::DbConn,
    typed: &str,
    role: Option<Role>,
) -> Result<Result<units::Unit, String>, AppError> {
    let unit = match super::setup::pick_unit(c, typed).await? {
        Ok(u) => u,
        Err(msg) => return Ok(Err(msg)),
    };
    if let Some(why) = role.and_then(|r| super::setup::reach_problem(r, &unit)) {
        return Ok(Err(why));
    }
    Ok(Ok(unit))
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    trang: Option<i64>,
}

#[derive(Template)]
#[template(path = "auth/users.html")]
struct UsersPage {
    layout: Layout,
    /// Each user with their roles and scopes.
    users: Vec<(UserRow, Vec<Grant>)>,
    q: String,
    pager: Pager,
}

pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    admin_only(&ctx)?;
    let mut c = st.db.conn().await?;
    let (users, total) = store::list_users(&mut c, &q.q, PER_PAGE, offset_of(q.trang)).await?;
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let grants = super::setup_store::grants_of(&mut c, &ids).await?;
    let users = users
        .into_iter()
        .map(|u| {
            let held = grants
                .iter()
                .filter(|(id, _)| *id == u.id)
                .map(|(_, g)| g.clone())
                .collect();
            (u, held)
        })
        .collect();
    let pager = Pager::new(q.trang, total, query_string(&[("q", &q.q)]));
    pager.past_the_end(q.trang)?;
    render(&UsersPage {
        layout: Layout::new(&ctx, "users", "Người dùng").crumb("Người dùng", ""),
        users,
        pager,
        q: q.q,
    })
}

#[derive(Default, Deserialize)]
pub struct NewUser {
    #[serde(default)]
    username: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit_code: String,
    #[serde(default)]
    password: String,
}

#[derive(Template)]
#[template(path = "auth/user_form.html")]
struct UserForm {
    layout: Layout,
    input: NewUser,
    errors: FieldErrors,
    roles: Vec<(&'static str, &'static str, &'static str)>,
    units: Vec<String>,
}

async fn user_form(
    st: &AppState,
    ctx: &Ctx,
    input: NewUser,
    errors: FieldErrors,
) -> Result<Html<String>, AppError> {
    render(&UserForm {
        units: picker(st, ctx).await?,
        layout: Layout::new(ctx, "users", "Thêm người dùng")
            .crumb("Người dùng", "/quan-tri/nguoi-dung")
            .crumb("Thêm", ""),
        input,
        errors,
        roles: roles(),
    })
}

pub async fn new_form(State(st): State<AppState>, ctx: Ctx) -> Result<Html<String>, AppError> {
    admin_only(&ctx)?;
    user_form(&st, &ctx, NewUser::default(), FieldErrors::default()).await
}

pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(input): Form<NewUser>,
) -> Result<Response, AppError> {
    admin_only(&ctx)?;
    let mut errors = FieldErrors::default();
    let username = input.username.trim().to_lowercase();
    if username.len() < 3
        || username.len() > 40
        || !username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        errors.add(
            "username",
            "Tên đăng nhập gồm 3–40 chữ không dấu, chữ số, dấu chấm hoặc gạch.",
        );
    }
    match crate::text::clean_limited(&input.full_name, 120) {
        Ok(n) if n.is_empty() => errors.add("full_name", "Chưa nhập họ tên."),
        Ok(_) => {}
        Err(msg) => errors.add("full_name", msg),
    }
    let full_name = crate::text::clean(&input.full_name);
    let role = Role::from_code(&input.role);
    if role.is_none() {
        errors.add("role", "Hãy chọn vai trò.");
    }
    let generated = input.password.is_empty();
    let password = if generated {
        generate_password().map_err(|e| AppError::Internal(anyhow::anyhow!("random: {e}")))?
    } else {
        input.password.clone()
    };
    if let Some(p) = password_problem(&password, &username) {
        errors.add("password", p);
    }
    let mut c = st.db.conn().await?;
    if store::user_by_username(&mut c, &username).await?.is_some() {
        errors.add("username", "Tên đăng nhập này đã có người dùng.");
    }
    let unit = match unit_for_role(&mut c, &input.unit_code, role).await? {
        Ok(u) => Some(u),
        Err(msg) => {
            errors.add("unit_code", msg);
            None
        }
    };
    drop(c);
    let (Some(role), Some(unit), true) = (role, unit, errors.is_empty()) else {
        return Ok(user_form(&st, &ctx, input, errors).await?.into_response());
    };
    let hash = super::web::hash_password(password.clone()).await?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let id = store::create_account(
        &mut tx,
        &username,
        &full_name,
        &hash,
        role,
        (unit.id, &unit.code),
        &ctx.user.actor(),
        "admin",
        now,
    )
    .await?;
    tx.commit().await?;
    let msg = if generated {
        format!("Đã tạo tài khoản «{username}». Mật khẩu ban đầu (chỉ hiện một lần): {password}")
    } else {
        format!("Đã tạo tài khoản «{username}».")
    };
    ctx.flash(&st, &msg).await?;
    Ok(Redirect::to(&format!("/quan-tri/nguoi-dung/{id}")).into_response())
}

#[derive(Template)]
#[template(path = "auth/user.html")]
struct UserPage {
    layout: Layout,
    user: UserRow,
    grants: Vec<Grant>,
    roles: Vec<(&'static str, &'static str, &'static str)>,
    units: Vec<String>,
}

pub(super) async fn load_user(st: &AppState, id: i64) -> Result<UserRow, AppError> {
    let mut c = st.db.conn().await?;
    store::user_by_id(&mut c, id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    admin_only(&ctx)?;
    let user = load_user(&st, id).await?;
    let mut c = st.db.conn().await?;
    let grants = store::grants(&mut c, id).await?;
    render(&UserPage {
        layout: Layout::new(&ctx, "users", user.username.clone())
            .crumb("Người dùng", "/quan-tri/nguoi-dung")
            .crumb(user.username.clone(), ""),
        user,
        grants,
        roles: roles(),
        units: picker(&st, &ctx).await?,
    })
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit_code: String,
}

pub async fn add_role(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<RoleForm>,
) -> Result<Response, AppError> {
    admin_only(&ctx)?;
    let user = load_user(&st, id).await?;
    // A refusal is told on the user's own page, where the admin can correct the form.
    let why = match Role::from_code(&f.role) {
        None => Err("hãy chọn vai trò.".to_string()),
        Some(role) => Ok(role),
    };
    let mut tx = st.db.begin().await?;
    let picked = match why {
        Ok(role) => unit_for_role(&mut tx, &f.unit_code, Some(role))
            .await?
            .map(|u| (role, u)),
        Err(e) => Err(e),
    };
    let picked = match picked {
        Ok((role, unit)) => {
            let held = store::grants(&mut tx, id).await?;
            if held.iter().any(|g| g.role == role && g.unit_id == unit.id) {
                Err("người dùng đã có vai trò này tại đơn vị này.".to_string())
            } else {
                Ok((role, unit))
            }
        }
        Err(e) => Err(e),
    };
    let (role, unit) = match picked {
        Ok(p) => p,
        Err(why) => {
            drop(tx);
            ctx.flash(&st, &format!("Chưa giao được vai trò: {why}"))
                .await?;
            return Ok(Redirect::to(&format!("/quan-tri/nguoi-dung/{id}")).into_response());
        }
    };
    let now = st.clock.now();
    store::add_grant(&mut tx, id, role, unit.id).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "user.grant",
        "user",
        &id.to_string(),
        &json!({"role": role.code(), "unit": unit.code}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã giao vai trò «{}» tại {} cho {}.",
            role.label(),
            unit.name,
            user.username
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/quan-tri/nguoi-dung/{id}")).into_response())
}
