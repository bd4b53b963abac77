//! The council's members, sessions, attendance and recusals (issue 13, item 2); the ballot
//! itself is in `ballot_store`.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// A council member for a period.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    pub id: i64,
    pub body_unit_id: i64,
    pub full_name: String,
    pub position: String,
    pub role: String,
    pub user_id: Option<i64>,
    pub username: Option<String>,
    pub from_date: NaiveDate,
    pub to_date: Option<NaiveDate>,
}

impl Member {
    pub fn role_label(&self) -> &'static str {
        super::council::MemberRole::from_code(&self.role).map_or("Ủy viên", |r| r.label())
    }
}

const MEMBER: &str = "SELECT m.id, m.body_unit_id, m.full_name, m.position, m.role, m.user_id, us.username, m.from_date, m.to_date FROM council_members m LEFT JOIN users us ON us.id = m.user_id";

/// Every member of the body's council, newest period first.
pub async fn members(c: &mut impl DbConn, body: i64) -> Result<Vec<Member>, sqlx::Error> {
    fetch_all!(
        c,
        Member,
        &format!("{MEMBER} WHERE m.body_unit_id = $1 ORDER BY m.from_date DESC, m.id"),
        body
    )
}

/// The members in office on `on`, chair first.
pub async fn members_on(
    c: &mut impl DbConn,
    body: i64,
    on: NaiveDate,
) -> Result<Vec<Member>, sqlx::Error> {
    fetch_all!(
        c,
        Member,
        &format!(
            "{MEMBER} WHERE m.body_unit_id = $1 AND m.from_date <= $2 AND (m.to_date IS NULL OR m.to_date >= $2) \
             ORDER BY CASE m.role WHEN 'chair' THEN 0 WHEN 'deputy' THEN 1 WHEN 'standing' THEN 2 WHEN 'secretary' THEN 3 ELSE 4 END, m.id"
        ),
        body,
        on
    )
}

/// A member to write.
pub struct NewMember<'a> {
    pub body_unit_id: i64,
    pub full_name: &'a str,
    pub position: &'a str,
    pub role: &'a str,
    pub user_id: Option<i64>,
    pub from_date: NaiveDate,
    pub to_date: Option<NaiveDate>,
    pub is_demo: bool,
}

pub async fn insert_member(
    tx: &mut impl DbConn,
    m: &NewMember<'_>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO council_members (body_unit_id, full_name, position, role, user_id, from_date, to_date, is_demo, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        m.body_unit_id,
        m.full_name,
        m.position,
        m.role,
        m.user_id,
        m.from_date,
        m.to_date,
        m.is_demo,
        by,
        now
    )
}

/// The body whose council the member sits on.
pub async fn member_body(c: &mut impl DbConn, id: i64) -> Result<Option<i64>, sqlx::Error> {
    Ok(fetch_optional!(
        c,
        (i64,),
        "SELECT body_unit_id FROM council_members WHERE id = $1",
        id
    )?
    .map(|(b,)| b))
}

/// Ends a member's period on `to` (the day after is out of office).
pub async fn end_member(tx: &mut impl DbConn, id: i64, to: NaiveDate) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE council_members SET to_date = $2 WHERE id = $1",
        id,
        to
    )
}

/// A session of the council for a round.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub id: i64,
    pub round_id: i64,
    pub body_unit_id: i64,
    pub body_name: String,
    pub held_on: NaiveDate,
    pub place: String,
    pub quorum: String,
    pub threshold: String,
    pub tie_rule: String,
    pub written_votes: bool,
    pub state: String,
}

const SESSION: &str = "SELECT s.id, s.round_id, s.body_unit_id, u.name AS body_name, s.held_on, s.place, s.quorum, s.threshold, s.tie_rule, s.written_votes, s.state FROM council_sessions s JOIN units u ON u.id = s.body_unit_id";

pub async fn session(c: &mut impl DbConn, id: i64) -> Result<Option<Session>, sqlx::Error> {
    fetch_optional!(c, Session, &format!("{SESSION} WHERE s.id = $1"), id)
}

pub async fn sessions(c: &mut impl DbConn, round_id: i64) -> Result<Vec<Session>, sqlx::Error> {
    fetch_all!(
        c,
        Session,
        &format!("{SESSION} WHERE s.round_id = $1 ORDER BY s.held_on, s.id"),
        round_id
    )
}

/// A session to write (attendance follows, one row per member in office on `held_on`).
pub struct NewSession<'a> {
    pub round_id: i64,
    pub body_unit_id: i64,
    pub held_on: NaiveDate,
    pub place: &'a str,
    pub quorum: &'a str,
    pub threshold: &'a str,
    pub tie_rule: &'a str,
    pub written_votes: bool,
    pub is_demo: bool,
}

pub async fn insert_session(
    tx: &mut impl DbConn,
    s: &NewSession<'_>,
    members: &[i64],
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let id = fetch_scalar!(
        tx,
        i64,
        "INSERT INTO council_sessions (round_id, body_unit_id, held_on, place, quorum, threshold, tie_rule, written_votes, state, is_demo, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'preparing', $9, $10, $11) RETURNING id",
        s.round_id,
        s.body_unit_id,
        s.held_on,
        s.place,
        s.quorum,
        s.threshold,
        s.tie_rule,
        s.written_votes,
        s.is_demo,
        by,
        now
    )?;
    for m in members {
        execute!(
            tx,
            "INSERT INTO council_attendance (session_id, member_id, presence) VALUES ($1, $2, 'absent')",
            id,
            *m
        )?;
    }
    Ok(id)
}

/// Moves a session from `from` to `to`; 0 rows when it had already moved (a second click, a
/// race), which the caller refuses.
pub async fn move_session(
    tx: &mut impl DbConn,
    id: i64,
    from: &str,
    to: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE council_sessions SET state = $3, closed_at = CASE WHEN $3 = 'closed' THEN $4 ELSE closed_at END WHERE id = $1 AND state = $2",
        id,
        from,
        to,
        now
    )
}

/// Each member's attendance: (member id, presence code).
pub async fn attendance(
    c: &mut impl DbConn,
    session_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, String),
        "SELECT member_id, presence FROM council_attendance WHERE session_id = $1 ORDER BY member_id",
        session_id
    )
}

pub async fn set_presence(
    tx: &mut impl DbConn,
    session_id: i64,
    member_id: i64,
    presence: &str,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE council_attendance SET presence = $3 WHERE session_id = $1 AND member_id = $2",
        session_id,
        member_id,
        presence
    )
}

/// Recusals: (nomination id, member id, reason).
pub async fn recusals(
    c: &mut impl DbConn,
    session_id: i64,
) -> Result<Vec<(i64, i64, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, i64, String),
        "SELECT nomination_id, member_id, reason FROM council_recusals WHERE session_id = $1 ORDER BY nomination_id, member_id",
        session_id
    )
}

pub async fn recuse(
    tx: &mut impl DbConn,
    session_id: i64,
    nomination_id: i64,
    member_id: i64,
    reason: &str,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO council_recusals (session_id, nomination_id, member_id, reason) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        session_id,
        nomination_id,
        member_id,
        reason
    )
}
