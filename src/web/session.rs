//! Sessions stored in the database, the signed-in user, and CSRF protection for every
//! state-changing request — all in one middleware so no handler can forget them.

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::error::AppError;
use crate::auth::{CurrentUser, store};
use crate::state::AppState;

pub const COOKIE: &str = "thidua_sid";
/// Largest request body accepted anywhere (an XLSX import of a few thousand rows fits well).
pub const BODY_LIMIT: usize = crate::files::web::BODY_LIMIT;

/// The session of this request, when the browser has one.
#[derive(Clone, Debug)]
pub struct Session {
    /// The SHA-256 of the cookie token: the database never holds a usable token.
    pub id: String,
    pub csrf: String,
    pub user: Option<CurrentUser>,
    pub flash: Option<String>,
}

/// Set on a request whose session had been idle too long, so login can say why.
#[derive(Clone, Debug)]
pub struct SessionExpired;

pub fn token_id(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
}

pub fn session_cookie(token: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("thidua_sid=; Path=/"))
}

pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static("thidua_sid=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// Cross-site requests are refused outright, whatever token they carry.
fn cross_origin(headers: &HeaderMap) -> bool {
    if headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        host,
    ) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let bare = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            bare != host
        }
        _ => false,
    }
}

/// The `csrf` field of a form body, URL-encoded or multipart.
fn csrf_in_body(content_type: &str, body: &[u8]) -> Option<String> {
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
        return pairs.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v);
    }
    if content_type.starts_with("multipart/form-data") {
        let marker = b"name=\"csrf\"\r\n\r\n";
        let start = body.windows(marker.len()).position(|w| w == marker)? + marker.len();
        let rest = &body[start..];
        let end = rest.windows(2).position(|w| w == b"\r\n")?;
        return std::str::from_utf8(&rest[..end]).ok().map(str::to_string);
    }
    None
}

fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A signed-in session that had been idle too long: whose it was and its form token, so a
/// form posted to it can be kept for its owner (`web::kept`).
struct Lapsed {
    user_id: i64,
    csrf: String,
}

async fn load_session(
    state: &AppState,
    token: &str,
) -> Result<(Option<Session>, Option<Lapsed>), AppError> {
    let id = token_id(token);
    let mut c = state.db.conn().await?;
    let Some(row) = store::session(&mut c, &id).await? else {
        return Ok((None, None));
    };
    let now = state.clock.now();
    let idle = chrono::Duration::minutes(state.settings.idle_timeout_minutes);
    if let Some(user_id) = row.user_id.filter(|_| row.last_seen_at + idle < now) {
        store::delete_session(&mut c, &id).await?;
        let csrf = row.csrf;
        return Ok((None, Some(Lapsed { user_id, csrf })));
    }
    let user = match row.user_id {
        Some(uid) => match store::user_by_id(&mut c, uid).await? {
            Some(u) if u.active => Some(CurrentUser {
                id: u.id,
                username: u.username,
                full_name: u.full_name,
                grants: store::grants(&mut c, uid).await?,
                must_change_password: u.must_change_password,
            }),
            _ => None,
        },
        None => None,
    };
    // Writing on every request would serialise reads on SQLite; a minute's precision is enough.
    if now - row.last_seen_at > chrono::Duration::seconds(60) {
        store::touch_session(&mut c, &id, now).await?;
    }
    Ok((
        Some(Session {
            id,
            csrf: row.csrf,
            user,
            flash: row.flash,
        }),
        None,
    ))
}

/// Keeps the typed fields of a form posted to a lapsed session for its owner (`web::kept`) —
/// only a URL-encoded form that carries that session's own token, so another site cannot plant
/// values in someone's sheet.
async fn keep_typed(state: &AppState, lapsed: &Lapsed, req: Request) -> Result<(), AppError> {
    let urlencoded = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    let path = req.uri().path().to_string();
    if !urlencoded || !super::kept::restorable(&path) {
        return Ok(());
    }
    let Ok(bytes) = axum::body::to_bytes(req.into_body(), super::kept::LARGEST).await else {
        return Ok(());
    };
    let token = csrf_in_body("application/x-www-form-urlencoded", &bytes);
    if !token.is_some_and(|t| same_secret(&t, &lapsed.csrf)) {
        return Ok(());
    }
    if let Some(body) = super::kept::to_keep(&bytes) {
        let mut c = state.db.conn().await?;
        let now = state.clock.now();
        let when = (now, now - super::kept::KEPT_FOR);
        super::kept_store::keep(&mut c, lapsed.user_id, &path, &body, when).await?;
    }
    Ok(())
}

/// Loads the session, refuses cross-site or tokenless writes, and marks every response to a
/// signed-in session (and the login page) `Cache-Control: no-store`, so a shared computer's
/// browser cache or back button does not show the register to the next person.
pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let login_page = path == "/dang-nhap";
    let asset = path.starts_with("/tai-nguyen/");
    match guard(&state, req).await {
        Ok(req) => {
            let signed_in = req
                .extensions()
                .get::<Session>()
                .is_some_and(|s| s.user.is_some());
            let mut resp = next.run(req).await;
            if (signed_in || login_page) && !asset {
                resp.headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            }
            resp
        }
        Err(e) => e.into_response(),
    }
}

async fn guard(state: &AppState, mut req: Request) -> Result<Request, AppError> {
    let (session, lapsed) = match cookie_token(req.headers()) {
        Some(t) => load_session(state, &t).await?,
        None => (None, None),
    };
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        if cross_origin(req.headers()) {
            return Err(AppError::Csrf);
        }
        if let Some(lapsed) = &lapsed {
            keep_typed(state, lapsed, req).await?;
            return Err(AppError::SessionExpired);
        }
        let Some(s) = &session else {
            return Err(AppError::Csrf);
        };
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let header_token = req
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, BODY_LIMIT)
            .await
            .map_err(|_| AppError::BadRequest(crate::files::OVER_LIMIT.into()))?;
        let token = header_token.or_else(|| csrf_in_body(&content_type, &bytes));
        if !token.is_some_and(|t| same_secret(&t, &s.csrf)) {
            return Err(AppError::Csrf);
        }
        req = Request::from_parts(parts, Body::from(bytes));
    }
    if lapsed.is_some() {
        req.extensions_mut().insert(SessionExpired);
    }
    if let Some(s) = session {
        req.extensions_mut().insert(s);
    }
    Ok(req)
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        if parts.extensions.get::<SessionExpired>().is_some() {
            return Err(AppError::SessionExpired);
        }
        let user = parts
            .extensions
            .get::<Session>()
            .and_then(|s| s.user.clone())
            .ok_or(AppError::LoginRequired)?;
        password_first(&user, parts)?;
        Ok(user)
    }
}

/// A password an administrator chose is replaced before anything else is done: every page but
/// the password page leads there.
fn password_first(user: &CurrentUser, parts: &Parts) -> Result<(), AppError> {
    if user.must_change_password && parts.uri.path() != crate::auth::web::PASSWORD_PAGE {
        return Err(AppError::Redirect(format!(
            "{}?lan_dau=1",
            crate::auth::web::PASSWORD_PAGE
        )));
    }
    Ok(())
}

/// Everything a signed-in page needs: the user, the form token, and a one-time message.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub user: CurrentUser,
    pub session_id: String,
    pub csrf: String,
    pub flash: Option<String>,
    /// How many of the user's notices are unread (the header's "Thông báo (n mới)").
    pub unread: i64,
    /// When the request arrived (the printed page's date).
    pub now: chrono::DateTime<chrono::Utc>,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if parts.extensions.get::<SessionExpired>().is_some() {
            return Err(AppError::SessionExpired);
        }
        let s = parts
            .extensions
            .get::<Session>()
            .cloned()
            .ok_or(AppError::LoginRequired)?;
        let user = s.user.ok_or(AppError::LoginRequired)?;
        password_first(&user, parts)?;
        let mut c = state.db.conn().await?;
        if s.flash.is_some() && parts.method == Method::GET {
            store::set_flash(&mut c, &s.id, None).await?;
        }
        let unread = if parts.method == Method::GET {
            crate::notices::store::unread_count(&mut c, user.id).await?
        } else {
            0
        };
        Ok(Ctx {
            unread,
            now: state.clock.now(),
            user,
            session_id: s.id,
            csrf: s.csrf,
            flash: if parts.method == Method::GET {
                s.flash
            } else {
                None
            },
        })
    }
}

impl Ctx {
    /// Leaves a message for the next page this session shows.
    pub async fn flash(&self, state: &AppState, msg: &str) -> Result<(), AppError> {
        let mut c = state.db.conn().await?;
        store::set_flash(&mut c, &self.session_id, Some(msg)).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_token_in_both_form_encodings() {
        assert_eq!(
            csrf_in_body("application/x-www-form-urlencoded", b"name=a&csrf=abc123"),
            Some("abc123".into())
        );
        let multipart =
            b"--X\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc123\r\n--X--\r\n";
        assert_eq!(
            csrf_in_body("multipart/form-data; boundary=X", multipart),
            Some("abc123".into())
        );
        assert_eq!(csrf_in_body("application/json", b"{\"csrf\":\"x\"}"), None);
    }

    #[test]
    fn refuses_foreign_origins() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8080"),
        );
        assert!(!cross_origin(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://evil.example"),
        );
        assert!(cross_origin(&h));
        h.remove(header::ORIGIN);
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(cross_origin(&h));
    }
}
