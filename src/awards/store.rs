//! Award forms, coefficients, base salaries and the household-rounding setting.

use chrono::{DateTime, NaiveDate, Utc};

use super::money::{BaseSalary, Coefficient, HouseholdRounding, Rate};
use super::{CoefficientRow, Form, Level, SubjectKind};
use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// Whether the built-in rules were ever written.
pub async fn has_rules(c: &mut impl DbConn) -> Result<bool, sqlx::Error> {
    Ok(fetch_scalar!(c, i64, "SELECT COUNT(*) FROM award_forms")? > 0)
}

pub async fn insert_form(tx: &mut impl DbConn, f: &Form) -> Result<(), sqlx::Error> {
    let subjects: Vec<&str> = f.subjects.iter().map(|s| s.code()).collect();
    execute!(
        tx,
        "INSERT INTO award_forms (code, name, kind, subjects, valid_from, valid_to, basis) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &f.code,
        &f.name,
        &f.kind,
        subjects.join(","),
        f.valid_from,
        f.valid_to,
        &f.basis
    )?;
    Ok(())
}

fn rate_columns(rate: Option<Rate>, subject: SubjectKind) -> (&'static str, Option<i64>) {
    match rate {
        Some(Rate::OfBase(c)) => ("base", Some(c.0)),
        Some(Rate::OfIndividual(c)) => ("individual", Some(c.0)),
        None if subject == SubjectKind::Household => ("individual", None),
        None => ("base", None),
    }
}

pub async fn insert_coefficient(
    tx: &mut impl DbConn,
    r: &CoefficientRow,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let (kind, thousandths) = rate_columns(r.rate, r.subject);
    execute!(
        tx,
        "INSERT INTO award_coefficients (form_code, level, subject, valid_from, valid_to, rate_kind, thousandths, basis, confirmed, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &r.form_code,
        r.level.code(),
        r.subject.code(),
        r.valid_from,
        r.valid_to,
        kind,
        thousandths,
        &r.basis,
        r.confirmed,
        now
    )?;
    Ok(())
}

pub async fn insert_base(
    tx: &mut impl DbConn,
    b: &BaseSalary,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO base_salaries (valid_from, amount, basis, confirmed, set_at) VALUES ($1, $2, $3, $4, $5)",
        b.from,
        b.amount,
        &b.basis,
        b.confirmed,
        now
    )?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct FormRow {
    code: String,
    name: String,
    kind: String,
    subjects: String,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    basis: String,
}

/// Every form and title, by name.
pub async fn forms(c: &mut impl DbConn) -> Result<Vec<Form>, sqlx::Error> {
    Ok(fetch_all!(
        c,
        FormRow,
        "SELECT code, name, kind, subjects, valid_from, valid_to, basis FROM award_forms ORDER BY kind, name"
    )?
    .into_iter()
    .map(|r| Form {
        code: r.code,
        name: r.name,
        kind: r.kind,
        subjects: r
            .subjects
            .split(',')
            .filter_map(SubjectKind::from_code)
            .collect(),
        valid_from: r.valid_from,
        valid_to: r.valid_to,
        basis: r.basis,
    })
    .collect())
}

#[derive(sqlx::FromRow)]
struct RateRow {
    id: i64,
    form_code: String,
    level: String,
    subject: String,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    rate_kind: String,
    thousandths: Option<i64>,
    basis: String,
    confirmed: bool,
}

impl RateRow {
    fn into_row(self) -> Option<CoefficientRow> {
        let rate = self.thousandths.map(|t| {
            if self.rate_kind == "individual" {
                Rate::OfIndividual(Coefficient(t))
            } else {
                Rate::OfBase(Coefficient(t))
            }
        });
        Some(CoefficientRow {
            id: self.id,
            form_code: self.form_code,
            level: Level::from_code(&self.level)?,
            subject: SubjectKind::from_code(&self.subject)?,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            rate,
            basis: self.basis,
            confirmed: self.confirmed,
        })
    }
}

const RATES: &str = "SELECT id, form_code, level, subject, valid_from, valid_to, rate_kind, thousandths, basis, confirmed FROM award_coefficients";

/// Every coefficient row, by form, level, period and subject kind.
pub async fn coefficients(c: &mut impl DbConn) -> Result<Vec<CoefficientRow>, sqlx::Error> {
    Ok(fetch_all!(
        c,
        RateRow,
        &format!("{RATES} ORDER BY form_code, level, valid_from, subject")
    )?
    .into_iter()
    .filter_map(RateRow::into_row)
    .collect())
}

pub async fn coefficient(
    c: &mut impl DbConn,
    id: i64,
) -> Result<Option<CoefficientRow>, sqlx::Error> {
    Ok(
        fetch_optional!(c, RateRow, &format!("{RATES} WHERE id = $1"), id)?
            .and_then(RateRow::into_row),
    )
}

/// Sets a coefficient row's rate (`None` back to "chờ xác nhận"), basis and confirmation.
pub async fn set_coefficient(
    tx: &mut impl DbConn,
    row: &CoefficientRow,
    by: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let (kind, thousandths) = rate_columns(row.rate, row.subject);
    execute!(
        tx,
        "UPDATE award_coefficients SET rate_kind = $1, thousandths = $2, basis = $3, confirmed = $4, set_by = $5, set_at = $6 WHERE id = $7",
        kind,
        thousandths,
        &row.basis,
        row.confirmed,
        by,
        now,
        row.id
    )?;
    Ok(())
}

/// The base-salary table, oldest first.
pub async fn bases(c: &mut impl DbConn) -> Result<Vec<BaseSalary>, sqlx::Error> {
    Ok(fetch_all!(
        c,
        (NaiveDate, i64, String, bool),
        "SELECT valid_from, amount, basis, confirmed FROM base_salaries ORDER BY valid_from"
    )?
    .into_iter()
    .map(|(from, amount, basis, confirmed)| BaseSalary {
        from,
        amount,
        basis,
        confirmed,
    })
    .collect())
}

/// Sets the base salary in force from `b.from` (a new row, or the row of that date changed);
/// gives the row it replaced.
pub async fn set_base(
    tx: &mut impl DbConn,
    b: &BaseSalary,
    by: i64,
    now: DateTime<Utc>,
) -> Result<Option<BaseSalary>, sqlx::Error> {
    let old = fetch_optional!(
        tx,
        (i64, String, bool),
        "SELECT amount, basis, confirmed FROM base_salaries WHERE valid_from = $1",
        b.from
    )?
    .map(|(amount, basis, confirmed)| BaseSalary {
        from: b.from,
        amount,
        basis,
        confirmed,
    });
    execute!(
        tx,
        "INSERT INTO base_salaries (valid_from, amount, basis, confirmed, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (valid_from) DO UPDATE SET amount = excluded.amount, basis = excluded.basis, confirmed = excluded.confirmed, set_by = excluded.set_by, set_at = excluded.set_at",
        b.from,
        b.amount,
        &b.basis,
        b.confirmed,
        by,
        now
    )?;
    Ok(old)
}

const ROUNDING_KEY: &str = "award_household_rounding";

/// The household-rounding setting (default: rounded once).
pub async fn household_rounding(c: &mut impl DbConn) -> Result<HouseholdRounding, sqlx::Error> {
    Ok(fetch_optional!(
        c,
        (String,),
        "SELECT value FROM app_meta WHERE key = $1",
        ROUNDING_KEY
    )?
    .map_or(HouseholdRounding::Once, |(v,)| {
        HouseholdRounding::from_code(&v)
    }))
}

pub async fn set_household_rounding(
    tx: &mut impl DbConn,
    r: HouseholdRounding,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ROUNDING_KEY,
        r.code()
    )?;
    Ok(())
}
