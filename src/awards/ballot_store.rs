//! The council's secret ballot (issue 13, item 2). A ballot writes two rows that share no key
//! but the nominee: `ballot_casts` says that a member has voted on a nominee, `ballot_tallies`
//! adds one to a count. Nothing here reads or returns who chose what, because nothing stores it.

use super::council::Choice;
use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_scalar};

/// A nominee on the ballot.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Nominee {
    pub id: i64,
    pub unit_id: i64,
    pub subject_name: String,
    pub unit_name: String,
    pub form_name: String,
    pub category: String,
}

/// The round's nominees the council may vote on: forwarded to Internal Affairs, with no
/// objection still open and none upheld (issue 13, item 1).
pub async fn on_ballot(c: &mut impl DbConn, round_id: i64) -> Result<Vec<Nominee>, sqlx::Error> {
    fetch_all!(
        c,
        Nominee,
        "SELECT n.id, n.unit_id, n.subject_name, u.name AS unit_name, f.name AS form_name, n.category FROM nominations n \
         JOIN units u ON u.id = n.unit_id JOIN award_forms f ON f.code = n.form_code \
         WHERE n.round_id = $1 AND n.state = 'with_internal_affairs' \
         AND NOT EXISTS (SELECT 1 FROM notice_objections o WHERE o.nomination_id = n.id AND o.state IN ('open', 'upheld')) \
         ORDER BY n.subject_sort, n.id",
        round_id
    )
}

/// Whether `member` has voted on `nomination` at the session.
pub async fn has_cast(
    c: &mut impl DbConn,
    session_id: i64,
    nomination_id: i64,
    member_id: i64,
) -> Result<bool, sqlx::Error> {
    Ok(fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM ballot_casts WHERE session_id = $1 AND nomination_id = $2 AND member_id = $3",
        session_id,
        nomination_id,
        member_id
    )? > 0)
}

/// The nominees `member` has voted on at the session.
pub async fn cast_by(
    c: &mut impl DbConn,
    session_id: i64,
    member_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    Ok(fetch_all!(
        c,
        (i64,),
        "SELECT nomination_id FROM ballot_casts WHERE session_id = $1 AND member_id = $2",
        session_id,
        member_id
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect())
}

/// Takes one ballot: marks the member as having voted on the nominee (a second ballot fails
/// on the key) and adds one to the count of `choice`.
pub async fn cast(
    tx: &mut impl DbConn,
    session_id: i64,
    nomination_id: i64,
    member_id: i64,
    choice: Choice,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO ballot_casts (session_id, nomination_id, member_id) VALUES ($1, $2, $3)",
        session_id,
        nomination_id,
        member_id
    )?;
    let (a, d, x) = match choice {
        Choice::Agree => (1_i64, 0_i64, 0_i64),
        Choice::Disagree => (0, 1, 0),
        Choice::Abstain => (0, 0, 1),
    };
    execute!(
        tx,
        "INSERT INTO ballot_tallies (session_id, nomination_id, agree, disagree, abstain) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (session_id, nomination_id) DO UPDATE SET agree = ballot_tallies.agree + excluded.agree, \
         disagree = ballot_tallies.disagree + excluded.disagree, abstain = ballot_tallies.abstain + excluded.abstain",
        session_id,
        nomination_id,
        a,
        d,
        x
    )?;
    Ok(())
}

/// The counts of one nominee at one session, and its result once the session closed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Tally {
    pub nomination_id: i64,
    pub agree: i64,
    pub disagree: i64,
    pub abstain: i64,
    pub outcome: Option<String>,
}

pub async fn tallies(c: &mut impl DbConn, session_id: i64) -> Result<Vec<Tally>, sqlx::Error> {
    fetch_all!(
        c,
        Tally,
        "SELECT nomination_id, agree, disagree, abstain, outcome FROM ballot_tallies WHERE session_id = $1",
        session_id
    )
}

/// The round's nominations with a result (passed or failed) in a closed session.
pub async fn with_result(c: &mut impl DbConn, round_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    Ok(fetch_all!(
        c,
        (i64,),
        "SELECT DISTINCT t.nomination_id FROM ballot_tallies t JOIN council_sessions s ON s.id = t.session_id \
         WHERE s.round_id = $1 AND s.state = 'closed' AND t.outcome IN ('passed', 'failed')",
        round_id
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect())
}

/// Records a nominee's result (its counts stay as they were cast).
pub async fn set_outcome(
    tx: &mut impl DbConn,
    session_id: i64,
    nomination_id: i64,
    outcome: &str,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO ballot_tallies (session_id, nomination_id, outcome) VALUES ($1, $2, $3) \
         ON CONFLICT (session_id, nomination_id) DO UPDATE SET outcome = excluded.outcome",
        session_id,
        nomination_id,
        outcome
    )
}

/// Clears a nominee's ballots for a new vote after a tie (the old counts go to the audit log).
pub async fn clear_nominee(
    tx: &mut impl DbConn,
    session_id: i64,
    nomination_id: i64,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "DELETE FROM ballot_casts WHERE session_id = $1 AND nomination_id = $2",
        session_id,
        nomination_id
    )?;
    execute!(
        tx,
        "DELETE FROM ballot_tallies WHERE session_id = $1 AND nomination_id = $2",
        session_id,
        nomination_id
    )?;
    Ok(())
}

/// The nominations of a round passed by a closed session and not yet in a decision.
pub async fn passed_undecided(c: &mut impl DbConn, round_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    Ok(fetch_all!(
        c,
        (i64,),
        "SELECT DISTINCT t.nomination_id FROM ballot_tallies t JOIN council_sessions s ON s.id = t.session_id \
         WHERE s.round_id = $1 AND s.state = 'closed' AND t.outcome = 'passed' \
         AND NOT EXISTS (SELECT 1 FROM decision_awardees a WHERE a.nomination_id = t.nomination_id) \
         AND NOT EXISTS (SELECT 1 FROM notice_objections o WHERE o.nomination_id = t.nomination_id AND o.state IN ('open', 'upheld')) \
         ORDER BY t.nomination_id",
        round_id
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect())
}
