//! SQL for blocs and their members per year. A bloc is in a user's scope when its owner unit is.

use chrono::{DateTime, Utc};

use super::{Bloc, BlocRow, ValidBloc};
use crate::db::{DbConn, like_contains};
use crate::text;
use crate::units::Unit;
use crate::units::store::{COLUMNS as UNIT_COLUMNS, IN_SCOPE};
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

const COLUMNS: &str = "b.id, b.name, b.note, b.owner_unit_id, u.name AS owner_name, u.path AS owner_path, b.is_demo, b.version";

pub async fn by_id(c: &mut impl DbConn, id: i64) -> Result<Option<Bloc>, sqlx::Error> {
    fetch_optional!(
        c,
        Bloc,
        &format!(
            "SELECT {COLUMNS} FROM blocs b JOIN units u ON u.id = b.owner_unit_id WHERE b.id = $1"
        ),
        id
    )
}

/// Blocs whose owner is in scope or that hold a unit in scope, matching a folded name, with their member count in `year`.
pub async fn search(
    c: &mut impl DbConn,
    user_id: i64,
    is_admin: bool,
    q: &str,
    year: i64,
    limit: i64,
    offset: i64,
) -> Result<(Vec<BlocRow>, i64), sqlx::Error> {
    let pattern = like_contains(&text::fold(q));
    let cond = format!(
        "({IN_SCOPE} OR {}) AND b.name_key LIKE $3 ESCAPE '\\'",
        super::compare_store::MEMBER_IN_SCOPE
    );
    let total = fetch_scalar!(
        c,
        i64,
        &format!(
            "SELECT COUNT(*) FROM blocs b JOIN units u ON u.id = b.owner_unit_id WHERE {cond}"
        ),
        user_id,
        is_admin,
        &pattern
    )?;
    let rows = fetch_all!(
        c,
        BlocRow,
        &format!(
            "SELECT b.id, b.name, u.name AS owner_name, b.is_demo, \
             (SELECT COUNT(*) FROM bloc_members m WHERE m.bloc_id = b.id AND m.year = $4) AS members \
             FROM blocs b JOIN units u ON u.id = b.owner_unit_id WHERE {cond} \
             ORDER BY u.sort_key, b.name_key, b.id LIMIT $5 OFFSET $6"
        ),
        user_id,
        is_admin,
        &pattern,
        year,
        limit,
        offset
    )?;
    Ok((rows, total))
}

pub async fn insert(
    tx: &mut impl DbConn,
    v: &ValidBloc,
    owner_id: i64,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO blocs (name, name_key, note, owner_unit_id, is_demo, created_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING id",
        &v.name,
        text::fold(&v.name),
        &v.note,
        owner_id,
        is_demo,
        now
    )
}

/// Renames a bloc or changes its note if nobody changed it since `version`; false otherwise.
/// The owner is fixed once members exist, so it is not updated here.
pub async fn update(
    tx: &mut impl DbConn,
    id: i64,
    version: i64,
    v: &ValidBloc,
) -> Result<bool, sqlx::Error> {
    let n = execute!(
        tx,
        "UPDATE blocs SET name = $1, name_key = $2, note = $3, version = version + 1 WHERE id = $4 AND version = $5",
        &v.name,
        text::fold(&v.name),
        &v.note,
        id,
        version
    )?;
    Ok(n == 1)
}

/// The member units of a bloc in one year, in Vietnamese name order.
pub async fn members(
    c: &mut impl DbConn,
    bloc_id: i64,
    year: i64,
) -> Result<Vec<Unit>, sqlx::Error> {
    fetch_all!(
        c,
        Unit,
        &format!(
            "SELECT {UNIT_COLUMNS} FROM bloc_members m JOIN units u ON u.id = m.unit_id \
             WHERE m.bloc_id = $1 AND m.year = $2 ORDER BY u.sort_key, u.id"
        ),
        bloc_id,
        year
    )
}

/// The years a bloc has members in, newest first.
pub async fn years(c: &mut impl DbConn, bloc_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    fetch_all!(
        c,
        (i64,),
        "SELECT DISTINCT year FROM bloc_members WHERE bloc_id = $1 ORDER BY year DESC",
        bloc_id
    )
    .map(|rows| rows.into_iter().map(|r| r.0).collect())
}

/// The other bloc of the same owner that already holds `unit_id` in `year`, by name.
pub async fn sibling_holding(
    c: &mut impl DbConn,
    bloc: &Bloc,
    unit_id: i64,
    year: i64,
) -> Result<Option<String>, sqlx::Error> {
    fetch_optional!(
        c,
        (String,),
        "SELECT b.name FROM bloc_members m JOIN blocs b ON b.id = m.bloc_id \
         WHERE m.unit_id = $1 AND m.year = $2 AND b.owner_unit_id = $3 AND b.id <> $4",
        unit_id,
        year,
        bloc.owner_unit_id,
        bloc.id
    )
    .map(|r| r.map(|t| t.0))
}

pub async fn is_member(
    c: &mut impl DbConn,
    bloc_id: i64,
    unit_id: i64,
    year: i64,
) -> Result<bool, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM bloc_members WHERE bloc_id = $1 AND unit_id = $2 AND year = $3",
        bloc_id,
        unit_id,
        year
    )
    .map(|n| n > 0)
}

/// Adds a member for a year. The bloc's owner is copied onto the row so the database holds
/// the rule "one bloc per owner, unit and year" (UNIQUE index, migration 0004); a second
/// membership fails with a unique violation (`db::is_unique_violation`).
pub async fn add_member(
    tx: &mut impl DbConn,
    bloc_id: i64,
    unit_id: i64,
    year: i64,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO bloc_members (bloc_id, unit_id, year, owner_unit_id) \
         SELECT b.id, $2, $3, b.owner_unit_id FROM blocs b WHERE b.id = $1",
        bloc_id,
        unit_id,
        year
    )
}

pub async fn remove_member(
    tx: &mut impl DbConn,
    bloc_id: i64,
    unit_id: i64,
    year: i64,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "DELETE FROM bloc_members WHERE bloc_id = $1 AND unit_id = $2 AND year = $3",
        bloc_id,
        unit_id,
        year
    )
}

/// A unit's place in a bloc in one year, for the unit's profile page.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Membership {
    pub bloc_id: i64,
    pub bloc_name: String,
    pub owner_path: String,
    pub year: i64,
}

pub async fn memberships_of(
    c: &mut impl DbConn,
    unit_id: i64,
) -> Result<Vec<Membership>, sqlx::Error> {
    fetch_all!(
        c,
        Membership,
        "SELECT b.id AS bloc_id, b.name AS bloc_name, u.path AS owner_path, m.year \
         FROM bloc_members m JOIN blocs b ON b.id = m.bloc_id JOIN units u ON u.id = b.owner_unit_id \
         WHERE m.unit_id = $1 ORDER BY m.year DESC, b.name_key",
        unit_id
    )
}
