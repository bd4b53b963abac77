//! SQL for users, role grants and sessions.

use chrono::{DateTime, Utc};

use super::{Grant, Role};
use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub password_hash: String,
    pub active: bool,
    pub failed_logins: i64,
    pub locked_until: Option<DateTime<Utc>>,
    /// Set when an administrator chose the password (a new account, a reset): the person
    /// changes it at first sign-in.
    pub must_change_password: bool,
    pub last_login_at: Option<DateTime<Utc>>,
}

const USER_COLUMNS: &str = "id, username, full_name, password_hash, active, failed_logins, locked_until, \
     must_change_password, last_login_at";

pub async fn user_by_username(
    c: &mut impl DbConn,
    username: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    fetch_optional!(
        c,
        UserRow,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1"),
        username
    )
}

pub async fn user_by_id(c: &mut impl DbConn, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    fetch_optional!(
        c,
        UserRow,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"),
        id
    )
}

pub async fn count_users(c: &mut impl DbConn) -> Result<i64, sqlx::Error> {
    fetch_scalar!(c, i64, "SELECT COUNT(*) FROM users")
}

pub async fn list_users(
    c: &mut impl DbConn,
    q: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<UserRow>, i64), sqlx::Error> {
    let pattern = crate::db::like_contains(&q.to_lowercase());
    let cond = "(LOWER(username) LIKE $1 ESCAPE '\\' OR LOWER(full_name) LIKE $1 ESCAPE '\\')";
    let total = fetch_scalar!(
        c,
        i64,
        &format!("SELECT COUNT(*) FROM users WHERE {cond}"),
        &pattern
    )?;
    let rows = fetch_all!(
        c,
        UserRow,
        &format!(
            "SELECT {USER_COLUMNS} FROM users WHERE {cond} ORDER BY username LIMIT $2 OFFSET $3"
        ),
        &pattern,
        limit,
        offset
    )?;
    Ok((rows, total))
}

/// Inserts an active account; `must_change`: the password is one an administrator chose.
async fn insert_user(
    tx: &mut impl DbConn,
    (username, full_name): (&str, &str),
    password_hash: &str,
    must_change: bool,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO users (username, full_name, password_hash, active, failed_logins, must_change_password, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 0, $5, $6, $6) RETURNING id",
        username,
        full_name,
        password_hash,
        true,
        must_change,
        now
    )
}

/// Creates an account with its first role and records it in the audit log: the one way users
/// are made, from start-up, the CLI, the admin pages and tests alike.
#[allow(clippy::too_many_arguments)]
pub async fn create_account(
    tx: &mut impl DbConn,
    username: &str,
    full_name: &str,
    password_hash: &str,
    role: Role,
    unit: (i64, &str),
    actor: &Actor,
    source: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let (unit_id, unit_code) = unit;
    // An administrator knows the password they chose: the person replaces it at first sign-in.
    let chosen_by_admin = source == "admin";
    let id = insert_user(
        tx,
        (username, full_name),
        password_hash,
        chosen_by_admin,
        now,
    )
    .await?;
    add_grant(tx, id, role, unit_id).await?;
    let details = serde_json::json!({"username": username, "role": role.code(), "unit": unit_code, "source": source});
    audit::store::record(
        tx,
        now,
        actor,
        "user.create",
        "user",
        &id.to_string(),
        &details,
    )
    .await?;
    Ok(id)
}

pub async fn update_user(
    tx: &mut impl DbConn,
    id: i64,
    full_name: &str,
    active: bool,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE users SET full_name = $1, active = $2, updated_at = $3 WHERE id = $4",
        full_name,
        active,
        now,
        id
    )
}

/// Sets a new password and clears the failed-login count and lock. `must_change`: an
/// administrator chose it, so the person replaces it at next sign-in.
pub async fn set_password(
    tx: &mut impl DbConn,
    id: i64,
    hash: &str,
    must_change: bool,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL, \
         must_change_password = $2, updated_at = $3 WHERE id = $4",
        hash,
        must_change,
        now,
        id
    )
}

#[derive(sqlx::FromRow)]
struct Claim {
    failed_logins: i64,
}

/// Counts a login attempt as failed *before* its password is checked, in one statement, so
/// that parallel guesses cannot each find the account unlocked (issue 7): the attempt that
/// brings the count to `max_failures` sets `locked_until`, and while that lies after `now`
/// nothing is claimed. `Some(n)` — this is failure number `n` and the password may be checked
/// once; `None` — the account is locked (or unknown) and no password may be checked. A lock
/// that has run out starts the count afresh. A correct password resets with `set_failures`.
pub async fn claim_login_attempt(
    c: &mut impl DbConn,
    id: i64,
    now: DateTime<Utc>,
    max_failures: i64,
    lock_until: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    let claim = fetch_optional!(
        c,
        Claim,
        "UPDATE users SET \
         failed_logins = CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END, \
         locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END) >= $2 \
                        THEN $3 ELSE NULL END \
         WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $4) \
         RETURNING failed_logins",
        id,
        max_failures,
        lock_until,
        now
    )?;
    Ok(claim.map(|c| c.failed_logins))
}

pub async fn set_failures(
    tx: &mut impl DbConn,
    id: i64,
    failed: i64,
    locked_until: Option<DateTime<Utc>>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3",
        failed,
        locked_until,
        id
    )
}

/// A grant as stored, with its unit's path, code and name.
#[derive(sqlx::FromRow)]
pub(super) struct GrantRow {
    role: String,
    unit_id: i64,
    path: String,
    code: String,
    name: String,
}

impl GrantRow {
    /// The grant, or `None` for a role this version does not know.
    pub(super) fn into_grant(self) -> Option<Grant> {
        Role::from_code(&self.role).map(|role| Grant {
            role,
            unit_id: self.unit_id,
            unit_path: self.path,
            unit_code: self.code,
            unit_name: self.name,
        })
    }
}

pub async fn grants(c: &mut impl DbConn, user_id: i64) -> Result<Vec<Grant>, sqlx::Error> {
    let rows = fetch_all!(
        c,
        GrantRow,
        "SELECT r.role, r.unit_id, u.path, u.code, u.name FROM user_roles r JOIN units u ON u.id = r.unit_id \
         WHERE r.user_id = $1 ORDER BY r.id",
        user_id
    )?;
    Ok(rows.into_iter().filter_map(GrantRow::into_grant).collect())
}

pub async fn add_grant(
    tx: &mut impl DbConn,
    user_id: i64,
    role: Role,
    unit_id: i64,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO user_roles (user_id, role, unit_id) VALUES ($1, $2, $3)",
        user_id,
        role.code(),
        unit_id
    )
}

pub async fn remove_grant(
    tx: &mut impl DbConn,
    user_id: i64,
    role: Role,
    unit_id: i64,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "DELETE FROM user_roles WHERE user_id = $1 AND role = $2 AND unit_id = $3",
        user_id,
        role.code(),
        unit_id
    )
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub id: String,
    pub user_id: Option<i64>,
    pub csrf: String,
    pub flash: Option<String>,
    pub last_seen_at: DateTime<Utc>,
}

pub async fn session(c: &mut impl DbConn, id: &str) -> Result<Option<SessionRow>, sqlx::Error> {
    fetch_optional!(
        c,
        SessionRow,
        "SELECT id, user_id, csrf, flash, last_seen_at FROM sessions WHERE id = $1",
        id
    )
}

pub async fn insert_session(
    c: &mut impl DbConn,
    id: &str,
    user_id: Option<i64>,
    csrf: &str,
    flash: Option<&str>,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        c,
        "INSERT INTO sessions (id, user_id, csrf, flash, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $5)",
        id,
        user_id,
        csrf,
        flash,
        now
    )
}

pub async fn touch_session(
    c: &mut impl DbConn,
    id: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        c,
        "UPDATE sessions SET last_seen_at = $1 WHERE id = $2",
        now,
        id
    )
}

pub async fn set_flash(
    c: &mut impl DbConn,
    id: &str,
    flash: Option<&str>,
) -> Result<u64, sqlx::Error> {
    execute!(c, "UPDATE sessions SET flash = $1 WHERE id = $2", flash, id)
}

pub async fn delete_session(c: &mut impl DbConn, id: &str) -> Result<u64, sqlx::Error> {
    execute!(c, "DELETE FROM sessions WHERE id = $1", id)
}

/// Ends every session of the user but `keep` (the one that just changed the password).
pub async fn delete_other_sessions(
    c: &mut impl DbConn,
    user_id: i64,
    keep: &str,
) -> Result<u64, sqlx::Error> {
    execute!(
        c,
        "DELETE FROM sessions WHERE user_id = $1 AND id <> $2",
        user_id,
        keep
    )
}

pub async fn delete_user_sessions(c: &mut impl DbConn, user_id: i64) -> Result<u64, sqlx::Error> {
    execute!(c, "DELETE FROM sessions WHERE user_id = $1", user_id)
}

/// Sessions idle since before `cutoff` are gone for good; run from time to time.
pub async fn delete_idle_sessions(
    c: &mut impl DbConn,
    cutoff: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(c, "DELETE FROM sessions WHERE last_seen_at < $1", cutoff)
}
