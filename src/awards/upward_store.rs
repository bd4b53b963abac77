//! Proposals upward (issue 13, item 5): the tờ trình a deciding body sends the province for
//! the higher forms its council passed, its items, and the stored DOCX and dossier archive.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// A proposal as pages show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Proposal {
    pub id: i64,
    pub round_id: i64,
    pub body_unit_id: i64,
    pub body_name: String,
    pub body_path: String,
    pub number: String,
    pub proposed_on: NaiveDate,
    pub signer_name: String,
    pub recipient: String,
    pub docx_sha256: String,
    pub zip_sha256: String,
    pub zip_size: i64,
    pub is_demo: bool,
    pub items: i64,
}

const PROPOSAL: &str = "SELECT p.id, p.round_id, p.body_unit_id, u.name AS body_name, u.path AS body_path, p.number, p.proposed_on, p.signer_name, p.recipient, p.docx_sha256, p.zip_sha256, p.zip_size, p.is_demo, \
     (SELECT COUNT(*) FROM upward_proposal_items i WHERE i.proposal_id = p.id) AS items \
     FROM upward_proposals p JOIN units u ON u.id = p.body_unit_id";

pub async fn one(c: &mut impl DbConn, id: i64) -> Result<Option<Proposal>, sqlx::Error> {
    fetch_optional!(c, Proposal, &format!("{PROPOSAL} WHERE p.id = $1"), id)
}

/// The round's proposals, oldest first.
pub async fn of_round(c: &mut impl DbConn, round_id: i64) -> Result<Vec<Proposal>, sqlx::Error> {
    fetch_all!(
        c,
        Proposal,
        &format!("{PROPOSAL} WHERE p.round_id = $1 ORDER BY p.proposed_on, p.id"),
        round_id
    )
}

/// The nominations of the round already sent upward.
pub async fn proposed(c: &mut impl DbConn, round_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    Ok(fetch_all!(
        c,
        (i64,),
        "SELECT i.nomination_id FROM upward_proposal_items i JOIN upward_proposals p ON p.id = i.proposal_id WHERE p.round_id = $1",
        round_id
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect())
}

/// The nominations of a proposal in the order its list prints them.
pub async fn items(c: &mut impl DbConn, proposal_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    Ok(fetch_all!(
        c,
        (i64,),
        "SELECT nomination_id FROM upward_proposal_items WHERE proposal_id = $1 ORDER BY position",
        proposal_id
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect())
}

/// A proposal to write; its number is taken from the register by the caller.
pub struct NewProposal<'a> {
    pub round_id: i64,
    pub body_unit_id: i64,
    pub year: i64,
    pub seq: i64,
    pub number: &'a str,
    pub proposed_on: NaiveDate,
    pub signer_name: &'a str,
    pub signing_form: &'a str,
    pub recipient: &'a str,
    pub docx_sha256: &'a str,
    pub zip_sha256: &'a str,
    pub zip_size: i64,
    pub is_demo: bool,
}

/// Writes the proposal and its items (in `nominations` order). Errors: the database,
/// including the unique key when a nomination was already proposed.
pub async fn insert(
    tx: &mut impl DbConn,
    p: &NewProposal<'_>,
    nominations: &[i64],
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let id = fetch_scalar!(
        tx,
        i64,
        "INSERT INTO upward_proposals (round_id, body_unit_id, year, seq, number, proposed_on, signer_name, signing_form, recipient, docx_sha256, zip_sha256, zip_size, is_demo, proposed_by, proposed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        p.round_id,
        p.body_unit_id,
        p.year,
        p.seq,
        p.number,
        p.proposed_on,
        p.signer_name,
        p.signing_form,
        p.recipient,
        p.docx_sha256,
        p.zip_sha256,
        p.zip_size,
        p.is_demo,
        by,
        now
    )?;
    for (i, n) in nominations.iter().enumerate() {
        execute!(
            tx,
            "INSERT INTO upward_proposal_items (proposal_id, nomination_id, position) VALUES ($1, $2, $3)",
            id,
            *n,
            i as i64 + 1
        )?;
    }
    Ok(id)
}
