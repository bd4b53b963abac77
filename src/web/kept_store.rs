//! Forms kept from an expired session (`web::kept`), in the database.

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::{execute, fetch_all};

/// Keeps `body` (a URL-encoded form without its token) typed by `user` for `path`, replacing
/// what was kept for that page before and whatever of theirs is older than `since`.
pub async fn keep(
    c: &mut impl DbConn,
    user: i64,
    path: &str,
    body: &str,
    (now, since): (DateTime<Utc>, DateTime<Utc>),
) -> Result<(), sqlx::Error> {
    execute!(
        c,
        "DELETE FROM kept_forms WHERE user_id = $1 AND (path = $2 OR at < $3)",
        user,
        path,
        since
    )?;
    execute!(
        c,
        "INSERT INTO kept_forms (user_id, path, body, at) VALUES ($1, $2, $3, $4)",
        user,
        path,
        body,
        now
    )?;
    Ok(())
}

/// The page of the user's latest form kept since `since`, if any.
pub async fn latest_path(
    c: &mut impl DbConn,
    user: i64,
    since: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    let rows: Vec<(String,)> = fetch_all!(
        c,
        (String,),
        "SELECT path FROM kept_forms WHERE user_id = $1 AND at >= $2 ORDER BY id DESC LIMIT 1",
        user,
        since
    )?;
    Ok(rows.into_iter().next().map(|(p,)| p))
}

/// Takes (reads and removes) the form the user kept for `path` since `since`. Writes only when
/// there is one: the sheet page asks on every view.
pub async fn take(
    c: &mut impl DbConn,
    user: i64,
    path: &str,
    since: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    let rows: Vec<(String,)> = fetch_all!(
        c,
        (String,),
        "SELECT body FROM kept_forms WHERE user_id = $1 AND path = $2 AND at >= $3 \
         ORDER BY id DESC LIMIT 1",
        user,
        path,
        since
    )?;
    let Some((body,)) = rows.into_iter().next() else {
        return Ok(None);
    };
    execute!(
        c,
        "DELETE FROM kept_forms WHERE user_id = $1 AND path = $2",
        user,
        path
    )?;
    Ok(Some(body))
}
