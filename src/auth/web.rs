//! Login, logout and password change.

use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::{CurrentUser, after_failure, is_locked, password_problem, random_token, store};
use crate::app::AppState;
use crate::audit::{self, Actor};
use crate::clock;
use crate::web::error::AppError;
use crate::web::session::{Ctx, Session, SessionExpired, clear_cookie, session_cookie, token_id};
use crate::web::view::{FieldErrors, Layout, render};

/// Argon2 takes tens of milliseconds of CPU: off the async workers.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    csrf: String,
    username: String,
    message: String,
}

fn login_page(csrf: &str, username: &str, message: &str) -> Result<Html<String>, AppError> {
    render(&LoginPage {
        csrf: csrf.into(),
        username: username.into(),
        message: message.into(),
    })
}

/// Starts a session for `user_id` (anonymous when `None`) and gives its cookie.
async fn new_session(
    st: &AppState,
    user_id: Option<i64>,
) -> Result<(String, header::HeaderValue), AppError> {
    let token = random_token(32).map_err(|e| AppError::Internal(anyhow::anyhow!("random: {e}")))?;
    let csrf = random_token(32).map_err(|e| AppError::Internal(anyhow::anyhow!("random: {e}")))?;
    let mut c = st.db.conn().await?;
    store::insert_session(
        &mut c,
        &token_id(&token),
        user_id,
        &csrf,
        None,
        st.clock.now(),
    )
    .await?;
    Ok((csrf, session_cookie(&token, st.settings.secure_cookies)))
}

pub async fn login_form(
    State(st): State<AppState>,
    session: Option<Extension<Session>>,
    expired: Option<Extension<SessionExpired>>,
    Query(q): Query<LoginQuery>,
) -> Result<Response, AppError> {
    let message = if expired.is_some() || q.het_han.is_some() {
        "Phiên làm việc đã hết hạn do lâu không thao tác. Hãy đăng nhập lại."
    } else {
        ""
    };
    match session {
        Some(Extension(s)) if s.user.is_some() => Ok(Redirect::to("/").into_response()),
        Some(Extension(s)) => Ok(login_page(&s.csrf, "", message)?.into_response()),
        None => {
            let (csrf, cookie) = new_session(&st, None).await?;
            Ok((
                [(header::SET_COOKIE, cookie)],
                login_page(&csrf, "", message)?,
            )
                .into_response())
        }
    }
}

#[derive(Deserialize)]
pub struct LoginQuery {
    het_han: Option<String>,
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

pub async fn login(
    State(st): State<AppState>,
    Extension(session): Extension<Session>,
    axum::Form(f): axum::Form<LoginForm>,
) -> Result<Response, AppError> {
    let username = f.username.trim().to_lowercase();
    let now = st.clock.now();
    let wrong = "Tên đăng nhập hoặc mật khẩu không đúng.";
    let mut c = st.db.conn().await?;
    let Some(user) = store::user_by_username(&mut c, &username).await? else {
        return Ok(login_page(&session.csrf, &username, wrong)?.into_response());
    };
    drop(c);
    if is_locked(user.locked_until, now) {
        let until = user.locked_until.map(clock::local_time).unwrap_or_default();
        let msg = format!(
            "Tài khoản tạm bị khóa 15 phút vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau {until}."
        );
        return Ok(login_page(&session.csrf, &username, &msg)?.into_response());
    }
    if !user.active {
        return Ok(login_page(
            &session.csrf,
            &username,
            "Tài khoản đã bị ngừng sử dụng. Hãy liên hệ quản trị hệ thống.",
        )?
        .into_response());
    }
    let hash = user.password_hash.clone();
    let password = f.password;
    let ok = tokio::task::spawn_blocking(move || {
        password_auth::verify_password(password, &hash).is_ok()
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?;
    let who = Actor {
        id: Some(user.id),
        name: user.username.clone(),
    };
    let mut tx = st.db.begin().await?;
    if !ok {
        // A lock that has run out starts the count afresh.
        let before = if user.locked_until.is_some() {
            0
        } else {
            user.failed_logins
        };
        let (failed, locked_until) = after_failure(before, now);
        store::set_failures(&mut tx, user.id, failed, locked_until).await?;
        audit::store::record(
            &mut tx,
            now,
            &who,
            "auth.login_failed",
            "user",
            &user.id.to_string(),
            &json!({"failed": failed, "locked": locked_until.is_some()}),
        )
        .await?;
        tx.commit().await?;
        let msg = match locked_until {
            Some(t) => format!(
                "Sai mật khẩu {failed} lần liên tiếp: tài khoản tạm bị khóa đến {}.",
                clock::local_time(t)
            ),
            None => format!(
                "{wrong} Còn {} lần thử trước khi tài khoản bị tạm khóa.",
                super::MAX_FAILED_LOGINS - failed
            ),
        };
        return Ok(login_page(&session.csrf, &username, &msg)?.into_response());
    }
    store::set_failures(&mut tx, user.id, 0, None).await?;
    // A fresh session on login, so a token planted before login is worth nothing after it.
    store::delete_session(&mut tx, &session.id).await?;
    audit::store::record(
        &mut tx,
        now,
        &who,
        "auth.login",
        "user",
        &user.id.to_string(),
        &json!({}),
    )
    .await?;
    tx.commit().await?;
    let (_, cookie) = new_session(&st, Some(user.id)).await?;
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
}

pub async fn logout(
    State(st): State<AppState>,
    Extension(session): Extension<Session>,
) -> Result<Response, AppError> {
    let mut tx = st.db.begin().await?;
    store::delete_session(&mut tx, &session.id).await?;
    if let Some(u) = &session.user {
        audit::store::record(
            &mut tx,
            st.clock.now(),
            &u.actor(),
            "auth.logout",
            "user",
            &u.id.to_string(),
            &json!({}),
        )
        .await?;
    }
    tx.commit().await?;
    Ok((
        [(header::SET_COOKIE, clear_cookie())],
        Redirect::to("/dang-nhap"),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "auth/password.html")]
struct PasswordPage {
    layout: Layout,
    errors: FieldErrors,
}

pub async fn password_form(ctx: Ctx) -> Result<Html<String>, AppError> {
    render(&PasswordPage {
        layout: Layout::new(&ctx, "", "Đổi mật khẩu").crumb("Đổi mật khẩu", ""),
        errors: FieldErrors::default(),
    })
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

pub async fn change_password(
    State(st): State<AppState>,
    ctx: Ctx,
    axum::Form(f): axum::Form<PasswordForm>,
) -> Result<Response, AppError> {
    let user: &CurrentUser = &ctx.user;
    let mut c = st.db.conn().await?;
    let row = store::user_by_id(&mut c, user.id)
        .await?
        .ok_or(AppError::LoginRequired)?;
    drop(c);
    let mut errors = FieldErrors::default();
    let (hash, current) = (row.password_hash.clone(), f.current.clone());
    let ok =
        tokio::task::spawn_blocking(move || password_auth::verify_password(current, &hash).is_ok())
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
    if !ok {
        errors.add("current", "Mật khẩu hiện tại không đúng.");
    }
    if let Some(p) = password_problem(&f.new, &user.username) {
        errors.add("new", p);
    }
    if f.new != f.confirm {
        errors.add("confirm", "Hai lần nhập mật khẩu mới không giống nhau.");
    }
    if !errors.is_empty() {
        return Ok(render(&PasswordPage {
            layout: Layout::new(&ctx, "", "Đổi mật khẩu").crumb("Đổi mật khẩu", ""),
            errors,
        })?
        .into_response());
    }
    let new = f.new;
    let hash = hash_password(new).await?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    store::set_password(&mut tx, user.id, &hash, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &user.actor(),
        "auth.password_change",
        "user",
        &user.id.to_string(),
        &json!({}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã đổi mật khẩu.").await?;
    Ok(Redirect::to("/").into_response())
}
