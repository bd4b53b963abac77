//! Writing an issued decision (issue 13, item 3), shared by the officer's form and the demo
//! rounds: the next number of the body's register, a certificate number per awardee in the
//! order the annex prints them, the DOCX and PDF rendered once from one Letter and kept under
//! their SHA-256, the rows, and — for an amending decision — the old entries marked amended.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::decision_doc::{self, DecisionDoc, SigningForm};
use super::decision_store::{self as store, Awardee, NewDecision};
use super::nominations_store::Nomination;
use super::rounds_store::Round;
use super::{Money, SubjectKind};
use crate::db::DbConn;
use crate::documents::{docx, letter_pdf};
use crate::files::blobs::Blobs;
use crate::units::Unit;
use crate::web::error::AppError;

/// What the decision says besides its awardees.
pub struct Issue<'a> {
    pub round: &'a Round,
    pub body: &'a Unit,
    pub on: NaiveDate,
    pub form: SigningForm,
    pub signer: &'a str,
    pub bases: &'a str,
    /// The amended decision's id and "05/QĐ-UBND ngày 05/12/2024".
    pub amends: Option<(i64, String)>,
    pub by: Option<i64>,
    pub is_demo: bool,
}

/// The decision as written.
pub struct Written {
    pub id: i64,
    pub number: String,
    /// Whole đồng.
    pub total: i64,
    pub docx_sha256: String,
    pub pdf_sha256: String,
}

fn awardee(nom: &Nomination, kind: SubjectKind, money: &Money) -> Awardee {
    Awardee {
        id: 0,
        decision_id: 0,
        nomination_id: nom.id,
        subject_type: nom.subject_type.clone(),
        subject_id: nom.subject_id,
        subject_name: nom.subject_name.clone(),
        unit_id: nom.unit_id,
        unit_name: nom.unit_name.clone(),
        category: nom.category.clone(),
        form_code: nom.form_code.clone(),
        form_name: nom.form_name.clone(),
        subject_kind: kind.code().into(),
        achievement: nom.achievement.clone(),
        direct_production: nom.direct_production,
        small_collective: nom.small_collective,
        amount: money.amount,
        coefficient: money.coefficient.clone(),
        base_salary: money.base,
        certificate_number: String::new(),
        state: "awarded".into(),
        revoked_ground: String::new(),
        revoked_on: None,
        revoked_decision: String::new(),
        recover_amount: 0,
    }
}

/// Writes the decision of `noms` (each with its kind and its money on `i.on`) inside `tx`;
/// the files go to `blobs` before the caller commits, so a failed commit leaves only unused
/// content behind. Errors: the database, rendering, the file store.
pub async fn write(
    tx: &mut impl DbConn,
    blobs: &Blobs,
    i: &Issue<'_>,
    noms: &[(Nomination, SubjectKind, Money)],
    now: DateTime<Utc>,
) -> Result<Written, AppError> {
    let year = i64::from(i.on.year());
    let seq = store::next_number(tx, i.body.id, year, "decision").await?;
    let number = super::register::number(seq, "QĐ", "UBND");
    let unordered: Vec<Awardee> = noms.iter().map(|(n, k, m)| awardee(n, *k, m)).collect();
    // The register follows the annex: numbered in the order the list prints them.
    let mut awardees: Vec<Awardee> = decision_doc::groups(&unordered)
        .into_iter()
        .flat_map(|(_, _, list)| list.into_iter().cloned())
        .collect();
    for a in &mut awardees {
        let n = store::next_number(tx, i.body.id, year, "certificate").await?;
        a.certificate_number = super::decision_web::certificate_number(year, n);
    }
    let doc = DecisionDoc {
        body_name: &i.body.name,
        place: decision_doc::place_of(&i.body.name),
        number: &number,
        decided_on: i.on,
        form: i.form,
        signer_name: i.signer,
        bases: i.bases,
        movement_title: &i.round.movement_title,
        year: i.round.year,
        amends: i.amends.as_ref().map(|(_, text)| text.clone()),
        awardees: &awardees,
    };
    let letter = decision_doc::letter(&doc);
    let docx = docx::render(&letter).map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    let pdf = letter_pdf::render(&letter).map_err(|e| AppError::Internal(e.into()))?;
    let (docx_key, pdf_key) = (crate::files::digest(&docx), crate::files::digest(&pdf));
    for (key, bytes, kind) in [
        (&docx_key, docx, crate::files::Kind::Docx),
        (&pdf_key, pdf, crate::files::Kind::Pdf),
    ] {
        crate::files::store::register(tx, key, bytes.len() as i64, kind.media_type(), now).await?;
        blobs.put(key, bytes).await?;
    }
    let total = decision_doc::total(&awardees);
    let d = NewDecision {
        round_id: i.round.id,
        issuing_unit_id: i.body.id,
        year,
        seq,
        number: &number,
        decided_on: i.on,
        signer_name: i.signer,
        signer_title: i.form.titles().1,
        signing_form: i.form.code(),
        bases: i.bases,
        amends_id: i.amends.as_ref().map(|(id, _)| *id),
        total_amount: total,
        docx_sha256: &docx_key,
        pdf_sha256: &pdf_key,
        is_demo: i.is_demo,
    };
    let id = store::insert_decision(tx, &d, i.by, now).await?;
    for a in &mut awardees {
        a.decision_id = id;
        store::insert_awardee(tx, a).await?;
    }
    if let Some((old, _)) = &i.amends {
        let list: Vec<i64> = noms.iter().map(|(n, _, _)| n.id).collect();
        store::mark_amended(tx, *old, &list).await?;
    }
    Ok(Written {
        id,
        number,
        total,
        docx_sha256: docx_key,
        pdf_sha256: pdf_key,
    })
}
