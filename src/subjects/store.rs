//! SQL for persons and households. Lists are scoped with the same subtree rule as units.

use chrono::{DateTime, Utc};

use super::{Household, Person, ValidPerson};
use crate::db::{Db, DbConn, like_contains};
use crate::text;
use crate::units::store::IN_SCOPE;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

const PERSON_COLUMNS: &str = "p.id, p.full_name, p.birth_year, p.gender, p.unit_id, u.name AS unit_name, p.household_id, \
     p.position, p.phone, p.citizen_id, p.is_demo";

/// A person with the path of their unit, for the scope check.
pub async fn person(c: &mut impl DbConn, id: i64) -> Result<Option<(Person, String)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        person: Person,
        path: String,
    }
    let row = fetch_optional!(
        c,
        Row,
        &format!(
            "SELECT {PERSON_COLUMNS}, u.path FROM persons p JOIN units u ON u.id = p.unit_id WHERE p.id = $1"
        ),
        id
    )?;
    Ok(row.map(|r| (r.person, r.path)))
}

/// Persons in scope whose folded name contains `q`, optionally under one unit's subtree,
/// in Vietnamese name order.
#[allow(clippy::too_many_arguments)]
pub async fn search_persons(
    c: &mut impl DbConn,
    user_id: i64,
    is_admin: bool,
    q: &str,
    under_path: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Person>, i64), sqlx::Error> {
    let pattern = like_contains(&text::fold(q));
    let cond = format!("{IN_SCOPE} AND p.name_key LIKE $3 ESCAPE '\\' AND u.path LIKE $4");
    let under = format!("{under_path}%");
    let total = fetch_scalar!(
        c,
        i64,
        &format!("SELECT COUNT(*) FROM persons p JOIN units u ON u.id = p.unit_id WHERE {cond}"),
        user_id,
        is_admin,
        &pattern,
        &under
    )?;
    let rows = fetch_all!(
        c,
        Person,
        &format!(
            "SELECT {PERSON_COLUMNS} FROM persons p JOIN units u ON u.id = p.unit_id WHERE {cond} \
             ORDER BY p.sort_key, p.id LIMIT $5 OFFSET $6"
        ),
        user_id,
        is_admin,
        &pattern,
        &under,
        limit,
        offset
    )?;
    Ok((rows, total))
}

pub async fn household_members(
    c: &mut impl DbConn,
    household_id: i64,
) -> Result<Vec<Person>, sqlx::Error> {
    fetch_all!(
        c,
        Person,
        &format!(
            "SELECT {PERSON_COLUMNS} FROM persons p JOIN units u ON u.id = p.unit_id WHERE p.household_id = $1 ORDER BY p.sort_key"
        ),
        household_id
    )
}

pub async fn count_persons_in(c: &mut impl DbConn, path: &str) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM persons p JOIN units u ON u.id = p.unit_id WHERE u.path LIKE $1",
        format!("{path}%")
    )
}

pub async fn count_households_in(c: &mut impl DbConn, path: &str) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM households h JOIN units u ON u.id = h.unit_id WHERE u.path LIKE $1",
        format!("{path}%")
    )
}

pub async fn insert_person(
    tx: &mut impl DbConn,
    v: &ValidPerson,
    unit_id: i64,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO persons (full_name, name_key, sort_key, birth_year, gender, unit_id, household_id, position, phone, citizen_id, is_demo, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
        &v.full_name,
        text::fold(&v.full_name),
        text::person_sort_key(&v.full_name),
        v.birth_year,
        &v.gender,
        unit_id,
        v.household_id,
        &v.position,
        &v.phone,
        &v.citizen_id,
        is_demo,
        now
    )
}

pub async fn update_person(
    tx: &mut impl DbConn,
    id: i64,
    v: &ValidPerson,
    unit_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE persons SET full_name = $1, name_key = $2, sort_key = $3, birth_year = $4, gender = $5, unit_id = $6, \
         household_id = $7, position = $8, phone = $9, citizen_id = $10, updated_at = $11 WHERE id = $12",
        &v.full_name,
        text::fold(&v.full_name),
        text::person_sort_key(&v.full_name),
        v.birth_year,
        &v.gender,
        unit_id,
        v.household_id,
        &v.position,
        &v.phone,
        &v.citizen_id,
        now,
        id
    )
}

const HOUSEHOLD_COLUMNS: &str =
    "h.id, h.head_name, h.address, h.unit_id, u.name AS unit_name, h.is_demo";

pub async fn household(
    c: &mut impl DbConn,
    id: i64,
) -> Result<Option<(Household, String)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        household: Household,
        path: String,
    }
    let row = fetch_optional!(
        c,
        Row,
        &format!(
            "SELECT {HOUSEHOLD_COLUMNS}, u.path FROM households h JOIN units u ON u.id = h.unit_id WHERE h.id = $1"
        ),
        id
    )?;
    Ok(row.map(|r| (r.household, r.path)))
}

#[allow(clippy::too_many_arguments)]
pub async fn search_households(
    c: &mut impl DbConn,
    user_id: i64,
    is_admin: bool,
    q: &str,
    under_path: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Household>, i64), sqlx::Error> {
    let pattern = like_contains(&text::fold(q));
    let cond = format!("{IN_SCOPE} AND h.name_key LIKE $3 ESCAPE '\\' AND u.path LIKE $4");
    let under = format!("{under_path}%");
    let total = fetch_scalar!(
        c,
        i64,
        &format!("SELECT COUNT(*) FROM households h JOIN units u ON u.id = h.unit_id WHERE {cond}"),
        user_id,
        is_admin,
        &pattern,
        &under
    )?;
    let rows = fetch_all!(
        c,
        Household,
        &format!(
            "SELECT {HOUSEHOLD_COLUMNS} FROM households h JOIN units u ON u.id = h.unit_id WHERE {cond} \
             ORDER BY h.sort_key, h.id LIMIT $5 OFFSET $6"
        ),
        user_id,
        is_admin,
        &pattern,
        &under,
        limit,
        offset
    )?;
    Ok((rows, total))
}

pub async fn insert_household(
    tx: &mut impl DbConn,
    head_name: &str,
    address: &str,
    unit_id: i64,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO households (head_name, name_key, sort_key, address, unit_id, is_demo, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        head_name,
        text::fold(head_name),
        text::person_sort_key(head_name),
        address,
        unit_id,
        is_demo,
        now
    )
}

pub async fn update_household(
    tx: &mut impl DbConn,
    id: i64,
    head_name: &str,
    address: &str,
    unit_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE households SET head_name = $1, name_key = $2, sort_key = $3, address = $4, unit_id = $5, updated_at = $6 WHERE id = $7",
        head_name,
        text::fold(head_name),
        text::person_sort_key(head_name),
        address,
        unit_id,
        now,
        id
    )
}

/// The `key_versions` row of people's sort keys.
const PERSON_KEY: &str = "person_sort_key";

/// People re-keyed per transaction, so a large register never holds the write lock for long.
const REKEY_BATCH: i64 = 2000;

/// Brings the stored sort keys of persons, and of households (ordered by their head's name),
/// up to [`text::PERSON_SORT_KEY_VERSION`]. Runs at start-up after the migrations; does nothing
/// once the database records the current version. Only rows whose key differs are written, in
/// batches by id, and the version is recorded last, so an interrupted run simply runs again.
/// Returns the number of rows re-keyed.
pub async fn rekey_people(db: &Db) -> Result<u64, sqlx::Error> {
    let mut c = db.conn().await?;
    let stored = fetch_optional!(
        &mut c,
        (i64,),
        "SELECT version FROM key_versions WHERE name = $1",
        PERSON_KEY
    )?
    .map_or(1, |(v,)| v);
    drop(c);
    if stored >= text::PERSON_SORT_KEY_VERSION {
        return Ok(0);
    }
    let mut changed = 0;
    for (table, name) in [("persons", "full_name"), ("households", "head_name")] {
        let mut after = 0_i64;
        loop {
            let mut tx = db.begin().await?;
            let rows = fetch_all!(
                &mut tx,
                (i64, String, String),
                &format!(
                    "SELECT id, {name}, sort_key FROM {table} WHERE id > $1 ORDER BY id LIMIT $2"
                ),
                after,
                REKEY_BATCH
            )?;
            let Some(&(last, _, _)) = rows.last() else {
                break;
            };
            for (id, name, key) in &rows {
                let fresh = text::person_sort_key(name);
                if fresh != *key {
                    execute!(
                        &mut tx,
                        &format!("UPDATE {table} SET sort_key = $1 WHERE id = $2"),
                        &fresh,
                        id
                    )?;
                    changed += 1;
                }
            }
            tx.commit().await?;
            after = last;
        }
    }
    let mut tx = db.begin().await?;
    execute!(
        &mut tx,
        "INSERT INTO key_versions (name, version) VALUES ($1, $2) \
         ON CONFLICT (name) DO UPDATE SET version = excluded.version",
        PERSON_KEY,
        text::PERSON_SORT_KEY_VERSION
    )?;
    tx.commit().await?;
    Ok(changed)
}
