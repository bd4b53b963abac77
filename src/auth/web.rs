//! Login, logout and password change.

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use std::sync::OnceLock;

use super::{CurrentUser, MAX_FAILED_LOGINS, lock_end, password_problem, random_token, store};
use crate::audit::{self, Actor};
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Query};
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

/// Starts a session for `user_id` (anonymous when `None`: the login page and the public notice
/// form, so their POST carries a CSRF token) and gives its cookie.
pub(crate) async fn new_session(
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
    Ok((csrf, session_cookie(&token, st.settings.cookies_secure())))
}

pub async fn login_form(
    State(st): State<AppState>,
    session: Option<Extension<Session>>,
    expired: Option<Extension<SessionExpired>>,
    Query(q): Query<LoginQuery>,
) -> Result<Response, AppError> {
    if DUMMY_HASH.get().is_none() {
        // Ready before the first refusal, so that one is not slower than the rest.
        tokio::spawn(dummy_hash());
    }
    let message = if expired.is_some() || q.het_han.is_some() {
        "Phiên đăng nhập đã hết do lâu không thao tác — hãy đăng nhập lại. Những gì bạn vừa nhập mà chưa kịp lưu được giữ lại và sẽ hiện lại sau khi đăng nhập."
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

/// The one answer to every refused login — unknown name, wrong password, locked or disabled
/// account — so the form cannot tell anyone which accounts exist or are locked (issue 7).
pub const LOGIN_REFUSED: &str = "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa. \
     Sau 5 lần nhập sai liên tiếp, tài khoản bị khóa 15 phút; nếu cần, hãy liên hệ quản trị hệ thống.";

/// A hash no password matches, checked for unknown, locked and disabled accounts so that every
/// refusal costs one Argon2 verification, like a wrong password does.
static DUMMY_HASH: OnceLock<String> = OnceLock::new();

async fn dummy_hash() -> Result<String, AppError> {
    if let Some(h) = DUMMY_HASH.get() {
        return Ok(h.clone());
    }
    let secret =
        random_token(32).map_err(|e| AppError::Internal(anyhow::anyhow!("random: {e}")))?;
    let h = hash_password(secret).await?;
    Ok(DUMMY_HASH.get_or_init(|| h).clone())
}

/// Signs in. Each attempt on an active account is counted as a failure *before* the password
/// is checked (`store::claim_login_attempt`), so at most `MAX_FAILED_LOGINS` checks happen per
/// lock window however many guesses arrive at once; a correct password resets the count.
pub async fn login(
    State(st): State<AppState>,
    Extension(session): Extension<Session>,
    Form(f): Form<LoginForm>,
) -> Result<Response, AppError> {
    let username = text::clean(&f.username).to_lowercase();
    let now = st.clock.now();
    let mut c = st.db.conn().await?;
    let user = store::user_by_username(&mut c, &username).await?;
    let claim = match &user {
        Some(u) if u.active => {
            store::claim_login_attempt(&mut c, u.id, now, MAX_FAILED_LOGINS, lock_end(now)).await?
        }
        _ => None,
    };
    drop(c);
    let hash = match (&user, claim) {
        (Some(u), Some(_)) => u.password_hash.clone(),
        _ => dummy_hash().await?,
    };
    let password = f.password;
    let verified = tokio::task::spawn_blocking(move || {
        password_auth::verify_password(password, &hash).is_ok()
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?;
    let refused = || -> Result<Response, AppError> {
        Ok(login_page(&session.csrf, &username, LOGIN_REFUSED)?.into_response())
    };
    let (Some(user), Some(failed)) = (user, claim) else {
        return refused();
    };
    let who = Actor {
        id: Some(user.id),
        name: user.username.clone(),
    };
    let mut tx = st.db.begin().await?;
    if !verified {
        let locked = failed >= MAX_FAILED_LOGINS;
        audit::store::record(
            &mut tx,
            now,
            &who,
            "auth.login_failed",
            "user",
            &user.id.to_string(),
            &json!({"failed": failed, "locked": locked}),
        )
        .await?;
        tx.commit().await?;
        return refused();
    }
    store::set_failures(&mut tx, user.id, 0, None).await?;
    super::setup_store::set_last_login(&mut tx, user.id, now).await?;
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
    // Back to the page whose typing an expired session kept, if any (`web::kept`).
    let to = if user.must_change_password {
        format!("{PASSWORD_PAGE}?lan_dau=1")
    } else {
        crate::web::kept::after_login(&st, user.id, now).await?
    };
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&to)).into_response())
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

/// The password page, where a person whose password an administrator chose is sent first.
pub const PASSWORD_PAGE: &str = "/tai-khoan/mat-khau";

#[derive(Template)]
#[template(path = "auth/password.html")]
struct PasswordPage {
    layout: Layout,
    errors: FieldErrors,
    /// The password was set by an administrator: say why this page comes first.
    first: bool,
}

pub async fn password_form(ctx: Ctx) -> Result<Html<String>, AppError> {
    render(&PasswordPage {
        layout: Layout::new(&ctx, "", "Đổi mật khẩu").crumb("Đổi mật khẩu", ""),
        errors: FieldErrors::default(),
        first: ctx.user.must_change_password,
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
    Form(f): Form<PasswordForm>,
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
    if ok && f.new == f.current {
        errors.add("new", "Mật khẩu mới phải khác mật khẩu hiện tại.");
    }
    if !errors.is_empty() {
        return Ok(render(&PasswordPage {
            layout: Layout::new(&ctx, "", "Đổi mật khẩu").crumb("Đổi mật khẩu", ""),
            errors,
            first: user.must_change_password,
        })?
        .into_response());
    }
    let new = f.new;
    let hash = hash_password(new).await?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    store::set_password(&mut tx, user.id, &hash, false, now).await?;
    // Whoever else is signed in as this user (a stolen session, a forgotten computer) is out.
    let ended = store::delete_other_sessions(&mut tx, user.id, &ctx.session_id).await?;
    audit::store::record(
        &mut tx,
        now,
        &user.actor(),
        "auth.password_change",
        "user",
        &user.id.to_string(),
        &json!({"other_sessions_ended": ended}),
    )
    .await?;
    tx.commit().await?;
    let msg = if ended > 0 {
        "Đã đổi mật khẩu; các phiên đăng nhập khác của tài khoản đã kết thúc."
    } else {
        "Đã đổi mật khẩu."
    };
    ctx.flash(&st, msg).await?;
    let to = crate::web::kept::after_login(&st, user.id, now).await?;
    Ok(Redirect::to(&to).into_response())
}
