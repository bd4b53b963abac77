//! SQL that names the objects a page of audit entries is about (`audit::describe`): units,
//! sheets, persons, households, blocs, users, indicators and movements, by id, in one query
//! per kind. Ids are integers parsed from the entries, so listing them inline is safe.

use std::collections::HashMap;

use crate::db::DbConn;
use crate::fetch_all;

fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// (id, name) of the rows of `table` whose id is in `ids`; `name` is the SQL of the name.
pub async fn names(
    c: &mut impl DbConn,
    table: &str,
    name: &str,
    ids: &[i64],
) -> Result<HashMap<i64, String>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, String)> = fetch_all!(
        c,
        (i64, String),
        &format!(
            "SELECT id, {name} FROM {table} WHERE id IN ({})",
            id_list(ids)
        )
    )?;
    Ok(rows.into_iter().collect())
}

/// Each sheet's unit id, unit name and year.
pub async fn sheets(
    c: &mut impl DbConn,
    ids: &[i64],
) -> Result<HashMap<i64, (i64, String, i64)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, i64, String, i64)> = fetch_all!(
        c,
        (i64, i64, String, i64),
        &format!(
            "SELECT s.id, u.id, u.name, s.year FROM figure_sheets s JOIN units u ON u.id = s.unit_id \
             WHERE s.id IN ({})",
            id_list(ids)
        )
    )?;
    Ok(rows
        .into_iter()
        .map(|(id, unit, name, year)| (id, (unit, name, year)))
        .collect())
}

/// The full name of each user.
pub async fn users(c: &mut impl DbConn, ids: &[i64]) -> Result<HashMap<i64, String>, sqlx::Error> {
    names(c, "users", "full_name", ids).await
}

/// Every account: (id, username, full name) — what the log's "người thực hiện" filter matches.
pub async fn accounts(c: &mut impl DbConn) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, String, String),
        "SELECT id, username, full_name FROM users ORDER BY id"
    )
}

/// Each unit named by code, with its id and name.
pub async fn units_by_code(
    c: &mut impl DbConn,
    codes: &[String],
) -> Result<HashMap<String, (i64, String)>, sqlx::Error> {
    let mut out = HashMap::new();
    for code in codes {
        let row: Vec<(i64, String)> = fetch_all!(
            c,
            (i64, String),
            "SELECT id, name FROM units WHERE code = $1",
            code
        )?;
        if let Some(r) = row.into_iter().next() {
            out.insert(code.clone(), r);
        }
    }
    Ok(out)
}

/// What an Internal Affairs officer at a unit may read of the log, as SQL over `audit_log` with
/// the unit's path bound as parameter `p` (e.g. `"$5"`): entries about objects in that subtree,
/// and about the catalogue and movements everyone works under. Accounts and sign-ins stay with
/// the administrator.
pub fn in_scope(p: &str) -> String {
    let under = |table: &str, join: &str| {
        format!(
            "EXISTS (SELECT 1 FROM {table} JOIN units x ON {join} \
             WHERE CAST(o.id AS TEXT) = audit_log.object_id AND x.path LIKE {p} || '%')"
        )
    };
    format!(
        "(object_kind IN ('indicator', 'target', 'movement') \
         OR (object_kind = 'unit' AND {}) \
         OR (object_kind = 'figure_sheet' AND {}) \
         OR (object_kind = 'person' AND {}) \
         OR (object_kind = 'household' AND {}) \
         OR (object_kind = 'bloc' AND {}))",
        under("units o", "x.id = o.id"),
        under("figure_sheets o", "x.id = o.unit_id"),
        under("persons o", "x.id = o.unit_id"),
        under("households o", "x.id = o.unit_id"),
        under("blocs o", "x.id = o.owner_unit_id"),
    )
}
