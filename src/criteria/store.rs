//! Criteria sets, criteria, indicator versions and targets in the database.

use chrono::{DateTime, NaiveDate, Utc};

use super::{Comparator, Measure, Target};
use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// A set to insert (a built-in one, or a copy as a new version).
pub struct NewSet<'a> {
    pub code: &'a str,
    pub version: i64,
    pub name: &'a str,
    pub decision_number: &'a str,
    pub decision_date: Option<NaiveDate>,
    pub decision_body: &'a str,
    pub subject_kind: &'a str,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub target_basis: &'a str,
    pub prerequisite_code: Option<&'a str>,
    pub conditions: &'a str,
    pub outstanding_field: bool,
    pub note: &'a str,
    pub builtin: bool,
}

/// One set as the catalogue lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SetRow {
    pub id: i64,
    pub code: String,
    pub version: i64,
    pub name: String,
    pub decision_number: String,
    pub decision_date: Option<NaiveDate>,
    pub decision_body: String,
    pub subject_kind: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub target_basis: String,
    pub prerequisite_code: Option<String>,
    pub conditions: String,
    pub outstanding_field: bool,
    pub note: String,
    pub criteria: i64,
    pub newest: i64,
}

const SET_COLUMNS: &str = "s.id, s.code, s.version, s.name, s.decision_number, s.decision_date, s.decision_body, s.subject_kind, s.valid_from, s.valid_to, s.target_basis, s.prerequisite_code, s.conditions, s.outstanding_field, s.note, (SELECT COUNT(*) FROM criteria c WHERE c.set_id = s.id) AS criteria, (SELECT MAX(o.version) FROM criteria_sets o WHERE o.code = s.code) AS newest";

/// Inserts a set; returns its id.
pub async fn insert_set(
    tx: &mut impl DbConn,
    s: &NewSet<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO criteria_sets (code, version, name, decision_number, decision_date, decision_body, subject_kind, valid_from, valid_to, target_basis, prerequisite_code, conditions, outstanding_field, note, builtin, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
        s.code,
        s.version,
        s.name,
        s.decision_number,
        s.decision_date,
        s.decision_body,
        s.subject_kind,
        s.valid_from,
        s.valid_to,
        s.target_basis,
        s.prerequisite_code,
        s.conditions,
        s.outstanding_field,
        s.note,
        s.builtin,
        now
    )
}

/// Inserts a criterion of `set_id`; returns its id.
pub async fn insert_criterion(
    tx: &mut impl DbConn,
    set_id: i64,
    number: i64,
    name: &str,
    group: &str,
    owner_unit_id: Option<i64>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO criteria (set_id, number, name, group_name, owner_unit_id) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        set_id,
        number,
        name,
        group,
        owner_unit_id
    )
}

/// An indicator version to insert.
pub struct NewIndicator<'a> {
    pub position: i64,
    pub text: &'a str,
    pub measure: Measure,
    pub comparator: Comparator,
    pub unit_label: &'a str,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub replaces_id: Option<i64>,
    pub amended_by: &'a str,
}

/// Inserts an indicator version under `criterion_id`; returns its id.
pub async fn insert_indicator(
    tx: &mut impl DbConn,
    criterion_id: i64,
    i: &NewIndicator<'_>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO criterion_indicators (criterion_id, position, text, measure, comparator, unit_label, valid_from, valid_to, replaces_id, amended_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        criterion_id,
        i.position,
        i.text,
        i.measure.code(),
        i.comparator.code(),
        i.unit_label,
        i.valid_from,
        i.valid_to,
        i.replaces_id,
        i.amended_by
    )
}

/// Sets one target row (`None` = waiting for the owning office).
pub async fn put_target(
    tx: &mut impl DbConn,
    indicator_id: i64,
    basis: &str,
    year: i64,
    target: Option<i64>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO indicator_targets (indicator_id, basis, year, target) VALUES ($1, $2, $3, $4) ON CONFLICT (indicator_id, basis, year) DO UPDATE SET target = excluded.target",
        indicator_id,
        basis,
        year,
        target
    )
}

/// Records `region` as the NTM region of every commune and ward under the province `code`.
pub async fn set_region_of_province(
    tx: &mut impl DbConn,
    code: &str,
    region: &str,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE units SET ntm_region = $1 WHERE kind IN ('commune', 'ward') AND path LIKE (SELECT p.path FROM units p WHERE p.code = $2) || '%'",
        region,
        code
    )
}

/// Every set, newest version first within a code.
pub async fn sets(c: &mut impl DbConn) -> Result<Vec<SetRow>, sqlx::Error> {
    fetch_all!(
        c,
        SetRow,
        &format!(
            "SELECT {SET_COLUMNS} FROM criteria_sets s ORDER BY s.subject_kind, s.code, s.version DESC"
        )
    )
}

/// One set by id.
pub async fn set(c: &mut impl DbConn, id: i64) -> Result<Option<SetRow>, sqlx::Error> {
    fetch_optional!(
        c,
        SetRow,
        &format!("SELECT {SET_COLUMNS} FROM criteria_sets s WHERE s.id = $1"),
        id
    )
}

/// A criterion with its owning office.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CriterionRow {
    pub id: i64,
    pub number: i64,
    pub name: String,
    pub group_name: String,
    pub owner_unit_id: Option<i64>,
    pub owner_name: Option<String>,
}

/// The criteria of a set, by number.
pub async fn criteria_of(
    c: &mut impl DbConn,
    set_id: i64,
) -> Result<Vec<CriterionRow>, sqlx::Error> {
    fetch_all!(
        c,
        CriterionRow,
        "SELECT c.id, c.number, c.name, c.group_name, c.owner_unit_id, u.name AS owner_name FROM criteria c LEFT JOIN units u ON u.id = c.owner_unit_id WHERE c.set_id = $1 ORDER BY c.number",
        set_id
    )
}

/// An indicator version as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IndicatorRow {
    pub id: i64,
    pub criterion_id: i64,
    pub position: i64,
    pub text: String,
    pub measure: String,
    pub comparator: String,
    pub unit_label: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub replaces_id: Option<i64>,
    pub amended_by: String,
}

/// Every indicator version of a set (all versions; `super::in_force` picks per year).
pub async fn indicators_of(
    c: &mut impl DbConn,
    set_id: i64,
) -> Result<Vec<IndicatorRow>, sqlx::Error> {
    fetch_all!(
        c,
        IndicatorRow,
        "SELECT i.id, i.criterion_id, i.position, i.text, i.measure, i.comparator, i.unit_label, i.valid_from, i.valid_to, i.replaces_id, i.amended_by FROM criterion_indicators i JOIN criteria c ON c.id = i.criterion_id WHERE c.set_id = $1 ORDER BY c.number, i.position, i.id",
        set_id
    )
}

/// Every target row of a set's indicators, as (indicator id, target).
pub async fn targets_of(
    c: &mut impl DbConn,
    set_id: i64,
) -> Result<Vec<(i64, Target)>, sqlx::Error> {
    let rows = fetch_all!(
        c,
        (i64, String, i64, Option<i64>),
        "SELECT t.indicator_id, t.basis, t.year, t.target FROM indicator_targets t JOIN criterion_indicators i ON i.id = t.indicator_id JOIN criteria c ON c.id = i.criterion_id WHERE c.set_id = $1 ORDER BY t.indicator_id, t.basis, t.year",
        set_id
    )?;
    Ok(rows
        .into_iter()
        .map(|(id, basis, year, value)| (id, Target { basis, year, value }))
        .collect())
}

/// Records the unit's NTM region and commune group.
pub async fn set_basis_keys(
    tx: &mut impl DbConn,
    unit_id: i64,
    region: &str,
    group: &str,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE units SET ntm_region = $2, commune_group = $3 WHERE id = $1",
        unit_id,
        region,
        group
    )
}

/// The unit's NTM region and commune group, which pick its targets.
pub async fn basis_keys(
    c: &mut impl DbConn,
    unit_id: i64,
) -> Result<(String, String), sqlx::Error> {
    fetch_optional!(
        c,
        (String, String),
        "SELECT ntm_region, commune_group FROM units WHERE id = $1",
        unit_id
    )
    .map(Option::unwrap_or_default)
}

/// Units of `kinds` at or below `path` that exist, by path, at most `limit` (the subjects a
/// new assessment can be made for).
pub async fn subjects_in(
    c: &mut impl DbConn,
    path: &str,
    kinds: &[&str],
    limit: i64,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    let list = kinds
        .iter()
        .map(|k| format!("'{}'", k.replace('\'', "")))
        .collect::<Vec<_>>()
        .join(", ");
    if list.is_empty() {
        return Ok(Vec::new());
    }
    fetch_all!(
        c,
        (i64, String, String),
        &format!(
            "SELECT id, name, path FROM units WHERE kind IN ({list}) AND path LIKE $1 || '%' ORDER BY path LIMIT $2"
        ),
        path,
        limit
    )
}

/// The name of the newest version of the set `code` (how a prerequisite is named).
pub async fn newest_name(c: &mut impl DbConn, code: &str) -> Result<Option<String>, sqlx::Error> {
    fetch_optional!(
        c,
        (String,),
        "SELECT name FROM criteria_sets WHERE code = $1 ORDER BY version DESC LIMIT 1",
        code
    )
    .map(|r| r.map(|(n,)| n))
}

/// One indicator version with its criterion's owner and set.
pub async fn indicator(
    c: &mut impl DbConn,
    id: i64,
) -> Result<Option<(IndicatorRow, Option<i64>, i64)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        ind: IndicatorRow,
        owner_unit_id: Option<i64>,
        set_id: i64,
    }
    let row = fetch_optional!(
        c,
        Row,
        "SELECT i.id, i.criterion_id, i.position, i.text, i.measure, i.comparator, i.unit_label, i.valid_from, i.valid_to, i.replaces_id, i.amended_by, c.owner_unit_id, c.set_id FROM criterion_indicators i JOIN criteria c ON c.id = i.criterion_id WHERE i.id = $1",
        id
    )?;
    Ok(row.map(|r| (r.ind, r.owner_unit_id, r.set_id)))
}

/// Closes an indicator version on `to` (the day before its replacement applies); false when
/// it was closed earlier meanwhile.
pub async fn close_indicator(
    tx: &mut impl DbConn,
    id: i64,
    to: NaiveDate,
) -> Result<bool, sqlx::Error> {
    let n = execute!(
        tx,
        "UPDATE criterion_indicators SET valid_to = $2 WHERE id = $1 AND (valid_to IS NULL OR valid_to > $2)",
        id,
        to
    )?;
    Ok(n == 1)
}

/// Copies every target row of indicator `from` to indicator `to`.
pub async fn copy_targets(tx: &mut impl DbConn, from: i64, to: i64) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO indicator_targets (indicator_id, basis, year, target) SELECT $2, basis, year, target FROM indicator_targets WHERE indicator_id = $1",
        from,
        to
    )
}

/// Whether any assessment was made under the set (a set in use is copied, not edited).
pub async fn assessments_under(c: &mut impl DbConn, set_id: i64) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM assessments WHERE set_id = $1",
        set_id
    )
}

/// Appends `text` to a set's note (the demo says which numbers it entered).
pub async fn append_note(
    tx: &mut impl DbConn,
    set_id: i64,
    text: &str,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE criteria_sets SET note = note || $2 WHERE id = $1",
        set_id,
        text
    )
}
