//! Contributions, the valuation prices they are valued with, and the movement's mark.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{DbConn, Ex};
use crate::summary::contributions::{Delta, Gift, path_ids};
use crate::summary::contributions_store as kept;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// A contribution as lists, exports and its page show it. `contributor_path` is the unit path
/// of the contributor (a person's or household's unit, a unit's own), `None` for an outside
/// donor: the pages link to a profile only when the reader may see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Contribution {
    pub id: i64,
    pub contributor_type: String,
    pub contributor_id: Option<i64>,
    pub contributor_code: String,
    pub contributor_name: String,
    pub contributor_path: Option<String>,
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_path: String,
    pub work_id: Option<i64>,
    pub kind: String,
    /// Hundredths of the kind's unit, as entered.
    pub quantity: i64,
    pub given_on: NaiveDate,
    pub year: i64,
    /// `cash`, `price` (the unit's price of the year) or `stated`.
    pub basis: String,
    pub stated_value: Option<i64>,
    pub stated_source: String,
    /// Whole đồng.
    pub value: i64,
    pub note: String,
    pub is_demo: bool,
}

pub(super) const NAME: &str = "CASE c.contributor_type WHEN 'person' THEN (SELECT p.full_name FROM persons p WHERE p.id = c.contributor_id) WHEN 'household' THEN (SELECT 'Hộ ' || h.head_name FROM households h WHERE h.id = c.contributor_id) WHEN 'unit' THEN (SELECT o.name FROM units o WHERE o.id = c.contributor_id) ELSE c.outside_name END";
const CODE: &str = "CASE c.contributor_type WHEN 'person' THEN 'CN-' || CAST(c.contributor_id AS TEXT) WHEN 'household' THEN 'HGD-' || CAST(c.contributor_id AS TEXT) WHEN 'unit' THEN (SELECT o.code FROM units o WHERE o.id = c.contributor_id) ELSE '' END";
pub(super) const PATH: &str = "CASE c.contributor_type WHEN 'person' THEN (SELECT pu.path FROM persons p JOIN units pu ON pu.id = p.unit_id WHERE p.id = c.contributor_id) WHEN 'household' THEN (SELECT hu.path FROM households h JOIN units hu ON hu.id = h.unit_id WHERE h.id = c.contributor_id) WHEN 'unit' THEN (SELECT o.path FROM units o WHERE o.id = c.contributor_id) ELSE NULL END";

fn select() -> String {
    format!(
        "SELECT c.id, c.contributor_type, c.contributor_id, {CODE} AS contributor_code, {NAME} AS contributor_name, {PATH} AS contributor_path, c.unit_id, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path, c.work_id, c.kind, c.quantity, c.given_on, c.year, c.basis, c.stated_value, c.stated_source, c.value, c.note, c.is_demo FROM contributions c JOIN units u ON u.id = c.unit_id"
    )
}

/// Which contributions a list shows: beneficiaries under `path`, optionally one year, one
/// kind, and contributors whose folded name contains `name_like` (a `LIKE` pattern). Names
/// only: a phone number or citizen ID never finds anyone here.
pub struct Filter<'a> {
    pub path: &'a str,
    pub year: Option<i64>,
    pub kind: Option<&'a str>,
    pub name_like: Option<&'a str>,
}

const FILTER: &str = "u.path LIKE $1 || '%' AND ($2 IS NULL OR c.year = $2) AND ($3 IS NULL OR c.kind = $3) AND ($4 IS NULL OR (c.contributor_type = 'person' AND EXISTS (SELECT 1 FROM persons p WHERE p.id = c.contributor_id AND p.name_key LIKE $4 ESCAPE '\\')) OR (c.contributor_type = 'household' AND EXISTS (SELECT 1 FROM households h WHERE h.id = c.contributor_id AND h.name_key LIKE $4 ESCAPE '\\')) OR (c.contributor_type = 'unit' AND EXISTS (SELECT 1 FROM units o WHERE o.id = c.contributor_id AND o.name_key LIKE $4 ESCAPE '\\')) OR (c.contributor_type = 'outside' AND c.outside_key LIKE $4 ESCAPE '\\'))";

/// One page of the filter's contributions, newest first; `limit` `i64::MAX` for exports.
pub async fn list(
    c: &mut impl DbConn,
    f: &Filter<'_>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Contribution>, sqlx::Error> {
    fetch_all!(
        c,
        Contribution,
        &format!(
            "{} WHERE {FILTER} ORDER BY c.given_on DESC, c.id DESC LIMIT $5 OFFSET $6",
            select()
        ),
        f.path,
        f.year,
        f.kind,
        f.name_like,
        limit,
        offset
    )
}

/// How many contributions the filter finds: from the kept totals unless a name is searched.
pub async fn count(c: &mut impl DbConn, f: &Filter<'_>) -> Result<i64, sqlx::Error> {
    if f.name_like.is_none() {
        return super::totals_store::count(c, f.path, f.year, f.kind).await;
    }
    fetch_scalar!(
        c,
        i64,
        &format!(
            "SELECT COUNT(*) FROM contributions c JOIN units u ON u.id = c.unit_id WHERE {FILTER}"
        ),
        f.path,
        f.year,
        f.kind,
        f.name_like
    )
}

pub async fn one(c: &mut impl DbConn, id: i64) -> Result<Option<Contribution>, sqlx::Error> {
    fetch_optional!(
        c,
        Contribution,
        &format!("{} WHERE c.id = $1", select()),
        id
    )
}

/// A contributor's totals by year, wherever the gifts went: (year, count, value in đồng).
pub async fn yearly_of(
    c: &mut impl DbConn,
    contributor_type: &str,
    contributor_id: i64,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, i64, i64),
        "SELECT year, COUNT(*), CAST(SUM(value) AS BIGINT) FROM contributions WHERE contributor_type = $1 AND contributor_id = $2 GROUP BY year ORDER BY year DESC",
        contributor_type,
        contributor_id
    )
}

/// A contribution to write: the checked input matched to the register and valued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContribution {
    pub contributor_type: &'static str,
    pub contributor_id: Option<i64>,
    pub outside_name: String,
    pub unit_id: i64,
    pub work_id: Option<i64>,
    pub kind: &'static str,
    pub quantity: i64,
    pub given_on: NaiveDate,
    pub year: i64,
    pub basis: &'static str,
    pub stated_value: Option<i64>,
    pub stated_source: String,
    pub value: i64,
    pub note: String,
    pub is_demo: bool,
}

/// Rows one `insert_many` statement writes. Small on purpose: SQLite matches each `$N` of a
/// statement by name, so a statement's cost grows with the square of its placeholders — 400
/// rows of 18 values wrote 200,000 rows in 32 s, 50 rows in 8 s (`benches/contributions.rs`).
pub const INSERT_BATCH: usize = 50;

/// Writes the contributions, `INSERT_BATCH` rows a statement, and adds them to the kept totals
/// of their beneficiaries and every unit above (`summary::contributions`); gives their ids in
/// order. Every way a contribution is recorded (form, import, demo) goes through here.
pub async fn insert_many(
    tx: &mut impl DbConn,
    rows: &[NewContribution],
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut ids = Vec::with_capacity(rows.len());
    for batch in rows.chunks(INSERT_BATCH) {
        ids.extend(insert_batch(tx, batch, by, now).await?);
    }
    let units: Vec<i64> = rows.iter().map(|r| r.unit_id).collect();
    let paths = kept::paths_of(tx, &units).await?;
    let mut delta = Delta::default();
    for r in rows {
        let Some(path) = paths.get(&r.unit_id) else {
            continue;
        };
        delta.add_to(
            &path_ids(path),
            &Gift {
                path: String::new(),
                year: r.year,
                kind: r.kind.into(),
                contributor_type: r.contributor_type.into(),
                contributor_id: r.contributor_id.unwrap_or(0),
                outside_name: r.outside_name.clone(),
                quantity: r.quantity,
                value: r.value,
            },
            1,
        );
    }
    kept::add(tx, &delta.trimmed()).await?;
    Ok(ids)
}

async fn insert_batch(
    tx: &mut impl DbConn,
    rows: &[NewContribution],
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let values: Vec<String> = (0..rows.len())
        .map(|i| {
            let cols: Vec<String> = (1..=18).map(|k| format!("${}", i * 18 + k)).collect();
            format!("({})", cols.join(", "))
        })
        .collect();
    let sql = format!(
        "INSERT INTO contributions (contributor_type, contributor_id, outside_name, outside_key, unit_id, work_id, kind, quantity, given_on, year, basis, stated_value, stated_source, value, note, is_demo, recorded_by, recorded_at) VALUES {} RETURNING id",
        values.join(", ")
    );
    macro_rules! bind_all {
        ($q:expr) => {{
            let mut q = $q;
            for r in rows {
                q = q
                    .bind(r.contributor_type)
                    .bind(r.contributor_id)
                    .bind(&r.outside_name)
                    .bind(crate::text::fold(&r.outside_name))
                    .bind(r.unit_id)
                    .bind(r.work_id)
                    .bind(r.kind)
                    .bind(r.quantity)
                    .bind(r.given_on)
                    .bind(r.year)
                    .bind(r.basis)
                    .bind(r.stated_value)
                    .bind(&r.stated_source)
                    .bind(r.value)
                    .bind(&r.note)
                    .bind(r.is_demo)
                    .bind(by)
                    .bind(now);
            }
            q
        }};
    }
    match tx.ex() {
        Ex::Sqlite(c) => {
            bind_all!(sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str())))
                .fetch_all(c)
                .await
        }
        Ex::Postgres(c) => {
            bind_all!(sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str())))
                .fetch_all(c)
                .await
        }
    }
}

/// The contributions valued with the price of (`unit_id`, `year`, `kind`): (id, quantity, value).
pub async fn priced_with(
    tx: &mut impl DbConn,
    unit_id: i64,
    year: i64,
    kind: &str,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    fetch_all!(
        tx,
        (i64, i64, i64),
        "SELECT id, quantity, value FROM contributions WHERE unit_id = $1 AND year = $2 AND kind = $3 AND basis = 'price' ORDER BY id",
        unit_id,
        year,
        kind
    )
}

/// Sets contributions' values after their price changed, (id, value in đồng) each, and moves
/// the kept totals by the difference; the quantities are never touched.
pub async fn set_values(tx: &mut impl DbConn, changes: &[(i64, i64)]) -> Result<(), sqlx::Error> {
    let ids: Vec<i64> = changes.iter().map(|(id, _)| *id).collect();
    let mut delta = Delta::default();
    for g in kept::gifts_of(tx, &ids).await? {
        delta.add_gift(&g, -1);
    }
    for (id, value) in changes {
        execute!(
            tx,
            "UPDATE contributions SET value = $1 WHERE id = $2",
            *value,
            *id
        )?;
    }
    for g in kept::gifts_of(tx, &ids).await? {
        delta.add_gift(&g, 1);
    }
    kept::add(tx, &delta.trimmed()).await
}

/// Deletes a contribution recorded by mistake (its copy is kept in the audit entry) and takes
/// it out of the kept totals; false when it was already gone.
pub async fn delete(tx: &mut impl DbConn, id: i64) -> Result<bool, sqlx::Error> {
    let mut delta = Delta::default();
    for g in kept::gifts_of(tx, &[id]).await? {
        delta.add_gift(&g, -1);
    }
    if execute!(tx, "DELETE FROM contributions WHERE id = $1", id)? != 1 {
        return Ok(false);
    }
    kept::add(tx, &delta.trimmed()).await?;
    Ok(true)
}
