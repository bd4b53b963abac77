//! No typing lost to an expired session (issue 8, item 5). When a form arrives after its
//! session expired, the middleware keeps what was typed — for the person whose session it was,
//! and only when the form carries that session's own token, so no other site can plant values —
//! then sends them to sign in with "phiên đăng nhập đã hết". Signing in again leads back to the
//! page, and the page takes the kept values and shows them, unsaved, for the person to save.
//! Only the sheet's form is kept (`restorable`): a page must take what was kept, or signing in
//! would lead nowhere useful. Another form page joins by restoring the same way with `take`.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::error::AppError;
use super::kept_store;
use super::session::Ctx;
use crate::state::AppState;

/// How long a kept form waits for its owner to sign in again.
pub const KEPT_FOR: Duration = Duration::hours(24);

/// The largest form kept: a sheet's fields are a few kilobytes; anything far larger is not a
/// form a person typed.
pub const LARGEST: usize = 256 * 1024;

/// Whether a form posted to `path` is one whose page restores what was kept: a sheet's
/// `/so-lieu/{unit}/{year}`. Other forms are not kept, so signing in never leads to an address
/// that only answers a POST (a return's reason, an account's status).
pub fn restorable(path: &str) -> bool {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    matches!(parts.as_slice(), ["so-lieu", unit, year]
        if !unit.is_empty() && !year.is_empty()
            && unit.bytes().all(|b| b.is_ascii_digit())
            && year.bytes().all(|b| b.is_ascii_digit()))
}

/// The form to keep: the URL-encoded `body` without its `csrf` field, or `None` when it is too
/// large or holds nothing else.
pub fn to_keep(body: &[u8]) -> Option<String> {
    if body.len() > LARGEST {
        return None;
    }
    let mut out = form_urlencoded::Serializer::new(String::new());
    let mut any = false;
    for (k, v) in form_urlencoded::parse(body).filter(|(k, _)| k != "csrf") {
        out.append_pair(&k, &v);
        any = true;
    }
    any.then(|| out.finish())
}

/// Where to go after signing in: the page of the latest form kept for the user, or home.
pub async fn after_login(st: &AppState, user: i64, now: DateTime<Utc>) -> Result<String, AppError> {
    let mut c = st.db.conn().await?;
    let path = kept_store::latest_path(&mut c, user, now - KEPT_FOR).await?;
    Ok(path
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_else(|| "/".into()))
}

/// Takes the form the signed-in user kept for `path`, as its fields read like every form
/// (`extract::decode`: no control characters), or `None`.
pub async fn take(
    st: &AppState,
    ctx: &Ctx,
    path: &str,
) -> Result<Option<HashMap<String, String>>, AppError> {
    let mut c = st.db.conn().await?;
    let since = st.clock.now() - KEPT_FOR;
    let body = kept_store::take(&mut c, ctx.user.id, path, since).await?;
    // Kept only from a form the middleware read, so it decodes; if it does not, it is dropped.
    Ok(body.and_then(|b| super::extract::decode(b.as_bytes()).ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_sheet_is_kept_and_restored() {
        assert!(restorable("/so-lieu/7/2024"));
        assert!(!restorable("/so-lieu/7/2024/tra-lai"));
        assert!(!restorable("/so-lieu/duyet-nhieu"));
        assert!(!restorable("/quan-tri/nguoi-dung/3/trang-thai"));
        assert!(!restorable("/so-lieu//2024"));
    }

    #[test]
    fn the_token_is_not_kept_and_an_empty_form_is_not_kept() {
        assert_eq!(
            to_keep(b"csrf=abc&v_3=9.850&c_3=theo+th%E1%BB%91ng+k%C3%AA").as_deref(),
            Some("v_3=9.850&c_3=theo+th%E1%BB%91ng+k%C3%AA")
        );
        assert_eq!(to_keep(b"csrf=abc"), None);
        assert_eq!(to_keep(&vec![b'a'; LARGEST + 1]), None);
    }
}
