//! The register rows a batch of contributions refers to, read in a few `IN (…)` queries so a
//! 100,000-row import is matched without 100,000 round trips.

use crate::db::{DbConn, Ex};

/// Ids and codes per `IN` list: far below both engines' bound-parameter limits.
const CHUNK: usize = 500;

/// (id, code, path, name) of the units with these codes.
pub async fn units_by_code(
    c: &mut impl DbConn,
    codes: &[String],
) -> Result<Vec<(i64, String, String, String)>, sqlx::Error> {
    let mut out = Vec::new();
    for chunk in codes.chunks(CHUNK) {
        let sql = format!(
            "SELECT id, code, path, name FROM units WHERE code IN ({})",
            marks(chunk.len())
        );
        out.extend(fetch_in(c, &sql, chunk).await?);
    }
    Ok(out)
}

/// (id, unit path) of the persons with these ids.
pub async fn person_paths(
    c: &mut impl DbConn,
    ids: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    paths(c, "persons", ids).await
}

/// (id, unit path) of the households with these ids.
pub async fn household_paths(
    c: &mut impl DbConn,
    ids: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    paths(c, "households", ids).await
}

/// (id, unit path) of the works with these ids.
pub async fn work_paths(
    c: &mut impl DbConn,
    ids: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    paths(c, "works", ids).await
}

async fn paths(
    c: &mut impl DbConn,
    table: &'static str,
    ids: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "SELECT t.id, u.path FROM {table} t JOIN units u ON u.id = t.unit_id WHERE t.id IN ({})",
            marks(chunk.len())
        );
        let rows: Vec<(i64, String)> = match c.ex() {
            Ex::Sqlite(x) => {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()));
                for id in chunk {
                    q = q.bind(id);
                }
                q.fetch_all(x).await?
            }
            Ex::Postgres(x) => {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()));
                for id in chunk {
                    q = q.bind(id);
                }
                q.fetch_all(x).await?
            }
        };
        out.extend(rows);
    }
    Ok(out)
}

async fn fetch_in(
    c: &mut impl DbConn,
    sql: &str,
    values: &[String],
) -> Result<Vec<(i64, String, String, String)>, sqlx::Error> {
    match c.ex() {
        Ex::Sqlite(x) => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            for v in values {
                q = q.bind(v);
            }
            q.fetch_all(x).await
        }
        Ex::Postgres(x) => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            for v in values {
                q = q.bind(v);
            }
            q.fetch_all(x).await
        }
    }
}

fn marks(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Up to `limit` demo households and demo persons living at or below `path`, oldest first:
/// whom `thidua demo` credits its fictional gifts to.
pub async fn demo_subjects_in(
    c: &mut impl DbConn,
    path: &str,
    limit: i64,
) -> Result<(Vec<i64>, Vec<i64>), sqlx::Error> {
    let households = crate::fetch_all!(
        c,
        (i64,),
        "SELECT h.id FROM households h JOIN units u ON u.id = h.unit_id WHERE h.is_demo = TRUE AND u.path LIKE $1 || '%' ORDER BY h.id LIMIT $2",
        path,
        limit
    )?;
    let persons = crate::fetch_all!(
        c,
        (i64,),
        "SELECT p.id FROM persons p JOIN units u ON u.id = p.unit_id WHERE p.is_demo = TRUE AND u.path LIKE $1 || '%' ORDER BY p.id LIMIT $2",
        path,
        limit
    )?;
    Ok((
        households.into_iter().map(|(i,)| i).collect(),
        persons.into_iter().map(|(i,)| i).collect(),
    ))
}

/// The wards and communes at or below `path`: (code, name, path), in tree order — what the
/// forms offer as beneficiary, one query.
pub async fn localities_in(
    c: &mut impl DbConn,
    path: &str,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    crate::fetch_all!(
        c,
        (String, String, String),
        "SELECT code, name, path FROM units WHERE kind IN ('ward', 'commune') AND path LIKE $1 || '%' ORDER BY path LIMIT 500",
        path
    )
}
