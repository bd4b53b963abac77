//! Notices in the database: written beside the step they report, listed newest first, marked
//! read one at a time or all at once — always only the reader's own.

use chrono::{DateTime, Utc};

use super::Notice;
use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_scalar};

/// Tells each of `users` (duplicates and `except` left out) `body` with `link`, at `now`.
/// Called inside the transaction of the step, so a notice exists exactly when the step does.
pub async fn tell(
    c: &mut impl DbConn,
    users: &[i64],
    except: i64,
    body: &str,
    link: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut told: Vec<i64> = users.iter().copied().filter(|u| *u != except).collect();
    told.sort_unstable();
    told.dedup();
    for user in told {
        execute!(
            c,
            "INSERT INTO notices (user_id, at, body, link) VALUES ($1, $2, $3, $4)",
            user,
            now,
            body,
            link
        )?;
    }
    Ok(())
}

/// Settles every unread notice about `link`: once the object has moved on (a sheet sent, returned
/// or approved), what the older notices announced is done, so they stop counting as new.
pub async fn settle(
    c: &mut impl DbConn,
    link: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        c,
        "UPDATE notices SET read_at = $2 WHERE link = $1 AND read_at IS NULL",
        link,
        now
    )
}

/// The active users who enter figures for the unit at `path`: unit officers whose grant's
/// unit is that unit or above it.
pub async fn unit_officers(c: &mut impl DbConn, path: &str) -> Result<Vec<i64>, sqlx::Error> {
    fetch_all!(
        c,
        (i64,),
        "SELECT DISTINCT r.user_id FROM user_roles r JOIN units u ON u.id = r.unit_id \
         JOIN users s ON s.id = r.user_id \
         WHERE r.role = 'unit_officer' AND s.active = $2 AND SUBSTR($1, 1, LENGTH(u.path)) = u.path",
        path,
        true
    )
    .map(|rows| rows.into_iter().map(|(id,)| id).collect())
}

/// The active users who review the unit at `path`: the NTM office, Internal Affairs and the
/// steering committee of a unit strictly above it.
pub async fn reviewers(c: &mut impl DbConn, path: &str) -> Result<Vec<i64>, sqlx::Error> {
    fetch_all!(
        c,
        (i64,),
        "SELECT DISTINCT r.user_id FROM user_roles r JOIN units u ON u.id = r.unit_id \
         JOIN users s ON s.id = r.user_id \
         WHERE r.role IN ('ntm_office', 'internal_affairs', 'steering') AND s.active = $2 \
         AND u.path <> $1 AND SUBSTR($1, 1, LENGTH(u.path)) = u.path",
        path,
        true
    )
    .map(|rows| rows.into_iter().map(|(id,)| id).collect())
}

/// How many of the user's notices are unread.
pub async fn unread_count(c: &mut impl DbConn, user: i64) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM notices WHERE user_id = $1 AND read_at IS NULL",
        user
    )
}

/// How many notices the user has.
pub async fn count(c: &mut impl DbConn, user: i64) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM notices WHERE user_id = $1",
        user
    )
}

/// One page of the user's notices, newest first.
pub async fn page(
    c: &mut impl DbConn,
    user: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<Notice>, sqlx::Error> {
    fetch_all!(
        c,
        Notice,
        "SELECT id, at, body, link, read_at FROM notices WHERE user_id = $1 \
         ORDER BY id DESC LIMIT $2 OFFSET $3",
        user,
        limit,
        offset
    )
}

/// Marks one of the user's notices read; gives its link, or `None` when it is not theirs.
pub async fn mark_read(
    c: &mut impl DbConn,
    user: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    execute!(
        c,
        "UPDATE notices SET read_at = $3 WHERE id = $1 AND user_id = $2 AND read_at IS NULL",
        id,
        user,
        now
    )?;
    let link: Vec<(String,)> = fetch_all!(
        c,
        (String,),
        "SELECT link FROM notices WHERE id = $1 AND user_id = $2",
        id,
        user
    )?;
    Ok(link.into_iter().next().map(|(l,)| l))
}

/// Marks every unread notice of the user read; gives how many.
pub async fn mark_all_read(
    c: &mut impl DbConn,
    user: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        c,
        "UPDATE notices SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL",
        user,
        now
    )
}
