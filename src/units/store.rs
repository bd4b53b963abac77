//! SQL for units, their successions, and the scope filter every list uses.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::{Unit, ValidUnit};
use crate::db::{DbConn, Ex, like_contains};
use crate::text;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

pub const COLUMNS: &str = "u.id, u.code, u.name, u.kind, u.parent_id, u.path, u.valid_from, u.valid_to, u.note, u.is_demo, u.version";

/// The condition that keeps a row of units `u` inside the scope of user `$1` (admins: `$2`).
pub const IN_SCOPE: &str = "($2 OR EXISTS (SELECT 1 FROM user_roles r JOIN units s ON s.id = r.unit_id \
     WHERE r.user_id = $1 AND u.path LIKE s.path || '%'))";

pub async fn by_id(c: &mut impl DbConn, id: i64) -> Result<Option<Unit>, sqlx::Error> {
    fetch_optional!(
        c,
        Unit,
        &format!("SELECT {COLUMNS} FROM units u WHERE u.id = $1"),
        id
    )
}

pub async fn by_code(c: &mut impl DbConn, code: &str) -> Result<Option<Unit>, sqlx::Error> {
    fetch_optional!(
        c,
        Unit,
        &format!("SELECT {COLUMNS} FROM units u WHERE u.code = $1"),
        code
    )
}

/// Every unit of the register, for an import that matches its rows by code.
pub async fn all(c: &mut impl DbConn) -> Result<Vec<Unit>, sqlx::Error> {
    fetch_all!(
        c,
        Unit,
        &format!("SELECT {COLUMNS} FROM units u ORDER BY u.id")
    )
}

/// Searching units by folded name or code, inside the user's scope, paged.
pub async fn search(
    c: &mut impl DbConn,
    user_id: i64,
    is_admin: bool,
    q: &str,
    kind: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Unit>, i64), sqlx::Error> {
    let pattern = like_contains(&text::fold(q));
    let code_pattern = like_contains(&q.trim().to_lowercase());
    let cond = format!(
        "{IN_SCOPE} AND (u.name_key LIKE $3 ESCAPE '\\' OR LOWER(u.code) LIKE $4 ESCAPE '\\') AND ($5 = '' OR u.kind = $5)"
    );
    let total = fetch_scalar!(
        c,
        i64,
        &format!("SELECT COUNT(*) FROM units u WHERE {cond}"),
        user_id,
        is_admin,
        &pattern,
        &code_pattern,
        kind
    )?;
    let rows = fetch_all!(
        c,
        Unit,
        &format!(
            "SELECT {COLUMNS} FROM units u WHERE {cond} ORDER BY u.sort_key, u.id LIMIT $6 OFFSET $7"
        ),
        user_id,
        is_admin,
        &pattern,
        &code_pattern,
        kind,
        limit,
        offset
    )?;
    Ok((rows, total))
}

/// Every unit in scope, siblings in Vietnamese name order, for the tree view and exports.
pub async fn all_in_scope(
    c: &mut impl DbConn,
    user_id: i64,
    is_admin: bool,
) -> Result<Vec<Unit>, sqlx::Error> {
    fetch_all!(
        c,
        Unit,
        &format!("SELECT {COLUMNS} FROM units u WHERE {IN_SCOPE} ORDER BY u.sort_key, u.id"),
        user_id,
        is_admin
    )
}

pub async fn children(c: &mut impl DbConn, id: i64) -> Result<Vec<Unit>, sqlx::Error> {
    fetch_all!(
        c,
        Unit,
        &format!("SELECT {COLUMNS} FROM units u WHERE u.parent_id = $1 ORDER BY u.sort_key, u.id"),
        id
    )
}

pub async fn count_all(c: &mut impl DbConn) -> Result<i64, sqlx::Error> {
    fetch_scalar!(c, i64, "SELECT COUNT(*) FROM units")
}

/// Inserts a unit under `parent` and gives it its materialised path `parent.path + id + /`.
pub async fn insert(
    tx: &mut impl DbConn,
    v: &ValidUnit,
    parent: Option<&Unit>,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let id = fetch_scalar!(
        tx,
        i64,
        "INSERT INTO units (code, name, name_key, sort_key, kind, parent_id, path, valid_from, valid_to, note, is_demo, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8, $9, $10, 1, $11, $11) RETURNING id",
        &v.code,
        &v.name,
        text::fold(&v.name),
        text::sort_key(&v.name),
        v.kind.code(),
        parent.map(|p| p.id),
        v.valid_from,
        v.valid_to,
        &v.note,
        is_demo,
        now
    )?;
    let path = format!("{}{id}/", parent.map_or("/", |p| p.path.as_str()));
    execute!(tx, "UPDATE units SET path = $1 WHERE id = $2", &path, id)?;
    crate::summary::keep::units_added(tx, &[id]).await?;
    Ok(id)
}

/// Rows one `insert_many` call writes at most: 500 rows of 10 values stay far below both
/// engines' limits on bound parameters.
pub const INSERT_BATCH: usize = 500;

/// Inserts up to `INSERT_BATCH` new units, each under its parent, in one statement, then gives
/// them their materialised paths with one statement per parent. Returns each new code's id.
/// This is what lets a province's register be imported while the write lock is held for
/// seconds (`thidua import units`, `/don-vi/nhap`).
pub async fn insert_many(
    tx: &mut impl DbConn,
    rows: &[(&ValidUnit, Option<&Unit>)],
    now: DateTime<Utc>,
) -> Result<HashMap<String, i64>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let values: Vec<String> = (0..rows.len())
        .map(|i| {
            let p = |k: usize| format!("${}", i * 10 + k);
            format!(
                "({}, {}, {}, {}, {}, {}, '', {}, {}, {}, FALSE, 1, {}, {})",
                p(1),
                p(2),
                p(3),
                p(4),
                p(5),
                p(6),
                p(7),
                p(8),
                p(9),
                p(10),
                p(10)
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO units (code, name, name_key, sort_key, kind, parent_id, path, valid_from, valid_to, note, is_demo, version, created_at, updated_at) \
         VALUES {} RETURNING id, code",
        values.join(", ")
    );
    macro_rules! bind_all {
        ($q:expr) => {{
            let mut q = $q;
            for (v, parent) in rows {
                q = q
                    .bind(&v.code)
                    .bind(&v.name)
                    .bind(text::fold(&v.name))
                    .bind(text::sort_key(&v.name))
                    .bind(v.kind.code())
                    .bind(parent.map(|p| p.id))
                    .bind(v.valid_from)
                    .bind(v.valid_to)
                    .bind(&v.note)
                    .bind(now);
            }
            q
        }};
    }
    let ids: Vec<(i64, String)> = match tx.ex() {
        Ex::Sqlite(c) => {
            bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())))
                .fetch_all(c)
                .await?
        }
        Ex::Postgres(c) => {
            bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())))
                .fetch_all(c)
                .await?
        }
    };
    let mut parents: Vec<Option<&Unit>> = Vec::new();
    for (_, parent) in rows {
        if !parents
            .iter()
            .any(|p| p.map(|u| u.id) == parent.map(|u| u.id))
        {
            parents.push(*parent);
        }
    }
    for parent in parents {
        let prefix = parent.map_or("/", |p| p.path.as_str());
        match parent {
            Some(p) => execute!(
                tx,
                "UPDATE units SET path = $1 || CAST(id AS TEXT) || '/' WHERE path = '' AND parent_id = $2",
                prefix,
                p.id
            )?,
            None => execute!(
                tx,
                "UPDATE units SET path = $1 || CAST(id AS TEXT) || '/' WHERE path = '' AND parent_id IS NULL",
                prefix
            )?,
        };
    }
    let new: Vec<i64> = ids.iter().map(|(id, _)| *id).collect();
    crate::summary::keep::units_added(tx, &new).await?;
    Ok(ids.into_iter().map(|(id, code)| (code, id)).collect())
}

/// Updates a unit if nobody changed it since `version` was read; moves its subtree along when
/// the parent changes. Returns false on a concurrent change.
pub async fn update(
    tx: &mut impl DbConn,
    unit: &Unit,
    v: &ValidUnit,
    parent: Option<&Unit>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let path = format!("{}{}/", parent.map_or("/", |p| p.path.as_str()), unit.id);
    let before = crate::summary::keep::before_change(tx, unit.id).await?;
    let n = execute!(
        tx,
        "UPDATE units SET code = $1, name = $2, name_key = $3, sort_key = $4, kind = $5, parent_id = $6, path = $7, \
         valid_from = $8, valid_to = $9, note = $10, version = version + 1, updated_at = $11 WHERE id = $12 AND version = $13",
        &v.code,
        &v.name,
        text::fold(&v.name),
        text::sort_key(&v.name),
        v.kind.code(),
        parent.map(|p| p.id),
        &path,
        v.valid_from,
        v.valid_to,
        &v.note,
        now,
        unit.id,
        unit.version
    )?;
    if n == 0 {
        return Ok(false);
    }
    if path != unit.path {
        let old_len = unit.path.chars().count() as i64;
        execute!(
            tx,
            "UPDATE units SET path = $1 || SUBSTR(path, CAST($2 AS INTEGER)) WHERE path LIKE $3 AND id <> $4",
            &path,
            old_len + 1,
            format!("{}%", unit.path),
            unit.id
        )?;
    }
    crate::summary::keep::after_change(tx, before).await?;
    Ok(true)
}

pub async fn close(
    tx: &mut impl DbConn,
    id: i64,
    version: i64,
    valid_to: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let before = crate::summary::keep::before_change(tx, id).await?;
    let n = execute!(
        tx,
        "UPDATE units SET valid_to = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4",
        valid_to,
        now,
        id,
        version
    )?;
    if n == 1 {
        crate::summary::keep::after_change(tx, before).await?;
    }
    Ok(n == 1)
}

/// A unit at the other end of a succession link.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Linked {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub effective_on: NaiveDate,
}

impl Linked {
    pub fn since(&self) -> String {
        text::date_vn(self.effective_on)
    }
}

pub async fn predecessors(c: &mut impl DbConn, id: i64) -> Result<Vec<Linked>, sqlx::Error> {
    fetch_all!(
        c,
        Linked,
        "SELECT u.id, u.code, u.name, s.effective_on FROM unit_successions s JOIN units u ON u.id = s.predecessor_id \
         WHERE s.successor_id = $1 ORDER BY u.sort_key",
        id
    )
}

pub async fn successors(c: &mut impl DbConn, id: i64) -> Result<Vec<Linked>, sqlx::Error> {
    fetch_all!(
        c,
        Linked,
        "SELECT u.id, u.code, u.name, s.effective_on FROM unit_successions s JOIN units u ON u.id = s.successor_id \
         WHERE s.predecessor_id = $1 ORDER BY u.sort_key",
        id
    )
}

pub async fn add_succession(
    tx: &mut impl DbConn,
    from: i64,
    to: i64,
    on: NaiveDate,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO unit_successions (predecessor_id, successor_id, effective_on) VALUES ($1, $2, $3)",
        from,
        to,
        on
    )
}

pub async fn meta(c: &mut impl DbConn, key: &str) -> Result<Option<String>, sqlx::Error> {
    fetch_optional!(
        c,
        (String,),
        "SELECT value FROM app_meta WHERE key = $1",
        key
    )
    .map(|r| r.map(|t| t.0))
}

pub async fn set_meta(tx: &mut impl DbConn, key: &str, value: &str) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO app_meta (key, value) VALUES ($1, $2)",
        key,
        value
    )
}
