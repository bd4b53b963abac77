//! SQL for account setup (`auth::setup`): the last sign-in, and the roles of a page of users at
//! once. (The first-login password change is a column `store::set_password` writes.)

use chrono::{DateTime, Utc};

use super::Grant;
use crate::db::DbConn;
use crate::{execute, fetch_all};

/// Records a successful sign-in.
pub async fn set_last_login(
    tx: &mut impl DbConn,
    user_id: i64,
    at: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE users SET last_login_at = $1 WHERE id = $2",
        at,
        user_id
    )
}

#[derive(sqlx::FromRow)]
struct UserGrant {
    user_id: i64,
    #[sqlx(flatten)]
    grant: super::store::GrantRow,
}

/// The grants of each of `user_ids` (a page of the user list), in one query, as
/// (user id, grant) in grant order.
pub async fn grants_of(
    c: &mut impl DbConn,
    user_ids: &[i64],
) -> Result<Vec<(i64, Grant)>, sqlx::Error> {
    if user_ids.is_empty() {
        return Ok(Vec::new());
    }
    // Ids are integers from the database, so listing them inline cannot inject anything.
    let ids = user_ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let rows = fetch_all!(
        c,
        UserGrant,
        &format!(
            "SELECT r.user_id, r.role, r.unit_id, u.path, u.code, u.name FROM user_roles r \
             JOIN units u ON u.id = r.unit_id WHERE r.user_id IN ({ids}) ORDER BY r.id"
        )
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|r| r.grant.into_grant().map(|g| (r.user_id, g)))
        .collect())
}
