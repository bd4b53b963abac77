//! A council session read in one place (issue 13, item 2) for its page, its actions and its
//! minutes: the members in office on its date with their attendance, the nominees its body
//! decides, recusals, counts, and the rules it was opened with.

use std::collections::HashMap;

use super::ballot::{self, Counts, Outcome, Share, TieRule};
use super::ballot_store::{self, Nominee, Tally};
use super::bodies;
use super::council::{Presence, SessionState};
use super::council_store::{self as store, Member, Session};
use super::rounds_store::{self, Round};
use crate::db::DbConn;
use crate::units::Unit;
use crate::web::error::AppError;

/// What a session is, read in one place for the page, the actions and the minutes.
pub struct Loaded {
    pub session: Session,
    pub round: Round,
    pub body: Unit,
    pub members: Vec<(Member, Presence)>,
    pub nominees: Vec<Nominee>,
    /// (nomination, member, reason)
    pub recusals: Vec<(i64, i64, String)>,
    pub tallies: HashMap<i64, Tally>,
    pub quorum: Share,
    pub threshold: Share,
    pub tie: TieRule,
}

impl Loaded {
    pub fn state(&self) -> SessionState {
        SessionState::from_code(&self.session.state)
    }

    pub fn present(&self) -> i64 {
        self.members
            .iter()
            .filter(|(_, p)| *p == Presence::Present)
            .count() as i64
    }

    /// The sizes the shares are taken of, for one nominee: all members in office (recused and
    /// absent ones included), those present, the ballots collected for it.
    pub fn counts(&self, nomination: i64) -> Counts {
        let ballots = self
            .tallies
            .get(&nomination)
            .map_or(0, |t| t.agree + t.disagree + t.abstain);
        Counts {
            all_members: self.members.len() as i64,
            present: self.present(),
            ballots,
        }
    }

    pub fn quorum_met(&self) -> bool {
        self.quorum.met(self.present(), self.counts(0))
    }

    pub fn recused(&self, nomination: i64, member: i64) -> bool {
        self.recusals
            .iter()
            .any(|(n, m, _)| *n == nomination && *m == member)
    }

    pub fn member_name(&self, id: i64) -> String {
        self.members
            .iter()
            .find(|(m, _)| m.id == id)
            .map_or_else(String::new, |(m, _)| m.full_name.clone())
    }

    pub fn nominee_name(&self, id: i64) -> String {
        self.nominees
            .iter()
            .find(|n| n.id == id)
            .map_or_else(String::new, |n| n.subject_name.clone())
    }

    /// The result of a nominee once closed, or what the counts give now.
    pub fn outcome(&self, nomination: i64) -> Outcome {
        let t = self.tallies.get(&nomination);
        if let Some(o) = t
            .and_then(|t| t.outcome.as_deref())
            .and_then(Outcome::from_code)
        {
            return o;
        }
        let (agree, disagree) = t.map_or((0, 0), |t| (t.agree, t.disagree));
        ballot::outcome(
            &self.threshold,
            self.tie,
            agree,
            disagree,
            self.counts(nomination),
        )
    }

    /// The nominee already has its result (closed, or kept when others were voted again).
    pub fn decided(&self, nomination: i64) -> bool {
        self.tallies
            .get(&nomination)
            .is_some_and(|t| t.outcome.is_some())
    }

    pub fn tally(&self, nomination: i64) -> (i64, i64, i64) {
        self.tallies
            .get(&nomination)
            .map_or((0, 0, 0), |t| (t.agree, t.disagree, t.abstain))
    }
}

/// Reads the session with its members (in office on its date), nominees for its body,
/// recusals and counts. Errors: 404 for no such session.
pub async fn load(c: &mut impl DbConn, id: i64) -> Result<Loaded, AppError> {
    let session = store::session(c, id).await?.ok_or(AppError::NotFound)?;
    let round = rounds_store::one(c, session.round_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = crate::units::store::by_id(c, session.body_unit_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let attendance: HashMap<i64, String> = store::attendance(c, id).await?.into_iter().collect();
    let members = store::members_on(c, body.id, session.held_on)
        .await?
        .into_iter()
        .map(|m| {
            let p = attendance
                .get(&m.id)
                .and_then(|p| Presence::from_code(p))
                .unwrap_or(Presence::Absent);
            (m, p)
        })
        .collect();
    let town = bodies::town_of(c, &round).await?;
    let mut nominees = Vec::new();
    for n in ballot_store::on_ballot(c, round.id).await? {
        if bodies::body_of(c, town, n.unit_id, session.held_on).await? == Some(body.id) {
            nominees.push(n);
        }
    }
    let tallies = ballot_store::tallies(c, id)
        .await?
        .into_iter()
        .map(|t| (t.nomination_id, t))
        .collect();
    let bad = || AppError::Internal(anyhow::anyhow!("phiên họp {id} lưu quy tắc không đọc được"));
    Ok(Loaded {
        quorum: Share::from_code(&session.quorum).ok_or_else(bad)?,
        threshold: Share::from_code(&session.threshold).ok_or_else(bad)?,
        tie: TieRule::from_code(&session.tie_rule).ok_or_else(bad)?,
        recusals: store::recusals(c, id).await?,
        session,
        round,
        body,
        members,
        nominees,
        tallies,
    })
}
