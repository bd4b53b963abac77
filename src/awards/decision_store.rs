//! Decisions, their awardees and the number registers (issue 13, items 3, 4 and 6): a number
//! from the body's register of the year, the stored DOCX and PDF by SHA-256, each awardee with
//! the money computed on the decision date and a certificate number, revocations, and each
//! office's print offsets for pre-printed blanks.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// Takes the next number of the body's register for `year` and `kind` ("decision",
/// "certificate"): 1 for the first of the year. One statement, so two decisions issued at once
/// cannot take the same number.
pub async fn next_number(
    tx: &mut impl DbConn,
    unit_id: i64,
    year: i64,
    kind: &str,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO document_registers (unit_id, year, kind, last_number) VALUES ($1, $2, $3, 1) \
         ON CONFLICT (unit_id, year, kind) DO UPDATE SET last_number = document_registers.last_number + 1 RETURNING last_number",
        unit_id,
        year,
        kind
    )
}

/// A decision as pages show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Decision {
    pub id: i64,
    pub round_id: i64,
    pub round_year: i64,
    pub issuing_unit_id: i64,
    pub issuing_name: String,
    pub number: String,
    pub decided_on: NaiveDate,
    pub signer_name: String,
    pub signer_title: String,
    pub signing_form: String,
    pub bases: String,
    pub amends_id: Option<i64>,
    pub total_amount: i64,
    pub docx_sha256: String,
    pub pdf_sha256: String,
    pub is_demo: bool,
}

const DECISION: &str = "SELECT d.id, d.round_id, r.year AS round_year, d.issuing_unit_id, u.name AS issuing_name, d.number, d.decided_on, d.signer_name, d.signer_title, d.signing_form, d.bases, d.amends_id, d.total_amount, d.docx_sha256, d.pdf_sha256, d.is_demo FROM award_decisions d JOIN award_rounds r ON r.id = d.round_id JOIN units u ON u.id = d.issuing_unit_id";

pub async fn decision(c: &mut impl DbConn, id: i64) -> Result<Option<Decision>, sqlx::Error> {
    fetch_optional!(c, Decision, &format!("{DECISION} WHERE d.id = $1"), id)
}

pub async fn of_round(c: &mut impl DbConn, round_id: i64) -> Result<Vec<Decision>, sqlx::Error> {
    fetch_all!(
        c,
        Decision,
        &format!("{DECISION} WHERE d.round_id = $1 ORDER BY d.decided_on, d.id"),
        round_id
    )
}

/// A decision to write; its number is taken from the register by the caller.
pub struct NewDecision<'a> {
    pub round_id: i64,
    pub issuing_unit_id: i64,
    pub year: i64,
    pub seq: i64,
    pub number: &'a str,
    pub decided_on: NaiveDate,
    pub signer_name: &'a str,
    pub signer_title: &'a str,
    pub signing_form: &'a str,
    pub bases: &'a str,
    pub amends_id: Option<i64>,
    pub total_amount: i64,
    pub docx_sha256: &'a str,
    pub pdf_sha256: &'a str,
    pub is_demo: bool,
}

pub async fn insert_decision(
    tx: &mut impl DbConn,
    d: &NewDecision<'_>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO award_decisions (round_id, issuing_unit_id, year, seq, number, decided_on, signer_name, signer_title, signing_form, bases, amends_id, total_amount, docx_sha256, pdf_sha256, is_demo, issued_by, issued_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
        d.round_id,
        d.issuing_unit_id,
        d.year,
        d.seq,
        d.number,
        d.decided_on,
        d.signer_name,
        d.signer_title,
        d.signing_form,
        d.bases,
        d.amends_id,
        d.total_amount,
        d.docx_sha256,
        d.pdf_sha256,
        d.is_demo,
        by,
        now
    )
}

/// One awardee of a decision.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Awardee {
    pub id: i64,
    pub decision_id: i64,
    pub nomination_id: i64,
    pub subject_type: String,
    pub subject_id: Option<i64>,
    pub subject_name: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub category: String,
    pub form_code: String,
    pub form_name: String,
    pub subject_kind: String,
    pub achievement: String,
    pub direct_production: bool,
    pub small_collective: bool,
    /// Whole đồng.
    pub amount: i64,
    pub coefficient: String,
    pub base_salary: i64,
    pub certificate_number: String,
    pub state: String,
    pub revoked_ground: String,
    pub revoked_on: Option<NaiveDate>,
    pub revoked_decision: String,
    pub recover_amount: i64,
}

impl Awardee {
    pub fn revoked(&self) -> bool {
        self.state == "revoked"
    }

    pub fn state_label(&self) -> &'static str {
        match self.state.as_str() {
            "revoked" => "Đã thu hồi",
            "amended" => "Đã được sửa đổi bằng quyết định sau",
            _ => "Đang hiệu lực",
        }
    }
}

const AWARDEE: &str = "SELECT id, decision_id, nomination_id, subject_type, subject_id, subject_name, unit_id, unit_name, category, form_code, form_name, subject_kind, achievement, direct_production, small_collective, amount, coefficient, base_salary, certificate_number, state, revoked_ground, revoked_on, revoked_decision, recover_amount FROM decision_awardees";

pub async fn awardees(c: &mut impl DbConn, decision_id: i64) -> Result<Vec<Awardee>, sqlx::Error> {
    fetch_all!(
        c,
        Awardee,
        &format!("{AWARDEE} WHERE decision_id = $1 ORDER BY id"),
        decision_id
    )
}

pub async fn awardee(c: &mut impl DbConn, id: i64) -> Result<Option<Awardee>, sqlx::Error> {
    fetch_optional!(c, Awardee, &format!("{AWARDEE} WHERE id = $1"), id)
}

/// The awards a subject holds by this product's decisions, with their decision.
pub async fn of_subject(
    c: &mut impl DbConn,
    subject_type: &str,
    subject_id: i64,
) -> Result<Vec<(Awardee, String, NaiveDate)>, sqlx::Error> {
    let rows: Vec<(i64, String, NaiveDate)> = fetch_all!(
        c,
        (i64, String, NaiveDate),
        "SELECT a.id, d.number, d.decided_on FROM decision_awardees a JOIN award_decisions d ON d.id = a.decision_id \
         WHERE a.subject_type = $1 AND a.subject_id = $2 ORDER BY d.decided_on DESC, a.id",
        subject_type,
        subject_id
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, number, on) in rows {
        if let Some(a) = awardee(c, id).await? {
            out.push((a, number, on));
        }
    }
    Ok(out)
}

/// Writes an awardee (the certificate number comes from the register).
pub async fn insert_awardee(tx: &mut impl DbConn, a: &Awardee) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO decision_awardees (decision_id, nomination_id, subject_type, subject_id, subject_name, unit_id, unit_name, category, form_code, form_name, subject_kind, achievement, direct_production, small_collective, amount, coefficient, base_salary, certificate_number, state) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'awarded') RETURNING id",
        a.decision_id,
        a.nomination_id,
        &a.subject_type,
        a.subject_id,
        &a.subject_name,
        a.unit_id,
        &a.unit_name,
        &a.category,
        &a.form_code,
        &a.form_name,
        &a.subject_kind,
        &a.achievement,
        a.direct_production,
        a.small_collective,
        a.amount,
        &a.coefficient,
        a.base_salary,
        &a.certificate_number
    )
}

/// Marks the entries of `decision` for `nominations` as amended (re-issued by a decision that
/// amends it); their rows stay, the new decision's rows take over.
pub async fn mark_amended(
    tx: &mut impl DbConn,
    decision: i64,
    nominations: &[i64],
) -> Result<(), sqlx::Error> {
    for n in nominations {
        execute!(
            tx,
            "UPDATE decision_awardees SET state = 'amended' WHERE decision_id = $1 AND nomination_id = $2 AND state = 'awarded'",
            decision,
            *n
        )?;
    }
    Ok(())
}

/// A revocation to record.
pub struct Revocation<'a> {
    pub ground: &'a str,
    pub on: NaiveDate,
    pub decision: &'a str,
    pub recover_amount: i64,
}

/// Marks an awarded entry revoked; 0 rows when it already was.
pub async fn revoke(
    tx: &mut impl DbConn,
    id: i64,
    r: &Revocation<'_>,
    by: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE decision_awardees SET state = 'revoked', revoked_ground = $2, revoked_on = $3, revoked_decision = $4, recover_amount = $5, revoked_by = $6, revoked_at = $7 \
         WHERE id = $1 AND state = 'awarded'",
        id,
        r.ground,
        r.on,
        r.decision,
        r.recover_amount,
        by,
        now
    )
}

/// The office's print offsets for blanks, in millimetres as typed ("-2.5").
pub async fn offsets(
    c: &mut impl DbConn,
    unit_id: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    fetch_optional!(
        c,
        (String, String),
        "SELECT right_mm, down_mm FROM certificate_offsets WHERE unit_id = $1",
        unit_id
    )
}

pub async fn set_offsets(
    tx: &mut impl DbConn,
    unit_id: i64,
    right: &str,
    down: &str,
    by: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO certificate_offsets (unit_id, right_mm, down_mm, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (unit_id) DO UPDATE SET right_mm = excluded.right_mm, down_mm = excluded.down_mm, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        unit_id,
        right,
        down,
        by,
        now
    )
}

/// One awarded, revoked or amended entry as the statistics count it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StatRow {
    pub year: i64,
    pub body_path: String,
    pub form_name: String,
    pub category: String,
    pub unit_name: String,
    pub subject_kind: String,
    pub amount: i64,
    pub state: String,
    pub direct_production: bool,
    pub small_collective: bool,
}

/// Every entry of every decision, with the decision's year and issuing body's path (the
/// caller keeps what the reader may see).
pub async fn stat_rows(c: &mut impl DbConn) -> Result<Vec<StatRow>, sqlx::Error> {
    fetch_all!(
        c,
        StatRow,
        "SELECT d.year, u.path AS body_path, a.form_name, a.category, a.unit_name, a.subject_kind, a.amount, a.state, a.direct_production, a.small_collective \
         FROM decision_awardees a JOIN award_decisions d ON d.id = a.decision_id JOIN units u ON u.id = d.issuing_unit_id ORDER BY d.year, a.id"
    )
}
