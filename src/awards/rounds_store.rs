//! Award rounds: the yearly round of a movement with its deadline, its proposing units and
//! appraising offices, each unit's submission of its list, and the tracker's counts.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// A round as pages show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Round {
    pub id: i64,
    pub movement_id: i64,
    pub movement_title: String,
    pub movement_kind: String,
    pub year: i64,
    pub deadline: NaiveDate,
    pub receiving_unit_id: i64,
    pub receiving_name: String,
    pub note: String,
    pub is_demo: bool,
}

impl Round {
    /// "Đợt khen thưởng năm 2024".
    pub fn name(&self) -> String {
        format!("Đợt khen thưởng năm {}", self.year)
    }

    pub fn thematic(&self) -> bool {
        self.movement_kind == "thematic"
    }
}

const SELECT: &str = "SELECT r.id, r.movement_id, m.title AS movement_title, m.kind AS movement_kind, r.year, r.deadline, r.receiving_unit_id, u.name AS receiving_name, r.note, r.is_demo FROM award_rounds r JOIN movements m ON m.id = r.movement_id JOIN units u ON u.id = r.receiving_unit_id";

pub async fn all(c: &mut impl DbConn) -> Result<Vec<Round>, sqlx::Error> {
    fetch_all!(
        c,
        Round,
        &format!("{SELECT} ORDER BY r.year DESC, r.id DESC")
    )
}

pub async fn one(c: &mut impl DbConn, id: i64) -> Result<Option<Round>, sqlx::Error> {
    fetch_optional!(c, Round, &format!("{SELECT} WHERE r.id = $1"), id)
}

/// The round of a movement and year, if one exists.
pub async fn of_year(
    c: &mut impl DbConn,
    movement_id: i64,
    year: i64,
) -> Result<Option<i64>, sqlx::Error> {
    Ok(fetch_optional!(
        c,
        (i64,),
        "SELECT id FROM award_rounds WHERE movement_id = $1 AND year = $2",
        movement_id,
        year
    )?
    .map(|(id,)| id))
}

/// A round to write.
pub struct NewRound<'a> {
    pub movement_id: i64,
    pub year: i64,
    pub deadline: NaiveDate,
    pub receiving_unit_id: i64,
    pub note: &'a str,
    pub proposing: &'a [i64],
    pub appraising: &'a [i64],
    pub is_demo: bool,
}

/// Writes a round with its units. Returns its id.
pub async fn insert(
    tx: &mut impl DbConn,
    r: &NewRound<'_>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let id = fetch_scalar!(
        tx,
        i64,
        "INSERT INTO award_rounds (movement_id, year, deadline, receiving_unit_id, note, is_demo, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        r.movement_id,
        r.year,
        r.deadline,
        r.receiving_unit_id,
        r.note,
        r.is_demo,
        by,
        now
    )?;
    set_units(tx, id, "proposing", r.proposing).await?;
    set_units(tx, id, "appraising", r.appraising).await?;
    Ok(id)
}

/// Replaces the round's proposing units or appraising offices (`part`).
pub async fn set_units(
    tx: &mut impl DbConn,
    round_id: i64,
    part: &str,
    units: &[i64],
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "DELETE FROM award_round_units WHERE round_id = $1 AND part = $2",
        round_id,
        part
    )?;
    for u in units {
        execute!(
            tx,
            "INSERT INTO award_round_units (round_id, unit_id, part) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            round_id,
            *u,
            part
        )?;
    }
    Ok(())
}

/// Changes the deadline and note; gives the deadline it replaced.
pub async fn set_deadline(
    tx: &mut impl DbConn,
    round_id: i64,
    deadline: NaiveDate,
    note: &str,
) -> Result<Option<NaiveDate>, sqlx::Error> {
    let old = fetch_optional!(
        tx,
        (NaiveDate,),
        "SELECT deadline FROM award_rounds WHERE id = $1",
        round_id
    )?
    .map(|(d,)| d);
    execute!(
        tx,
        "UPDATE award_rounds SET deadline = $2, note = $3 WHERE id = $1",
        round_id,
        deadline,
        note
    )?;
    Ok(old)
}

/// A unit of a round: (id, code, name, path).
pub type RoundUnit = (i64, String, String, String);

/// The round's proposing units or appraising offices, by name.
pub async fn units(
    c: &mut impl DbConn,
    round_id: i64,
    part: &str,
) -> Result<Vec<RoundUnit>, sqlx::Error> {
    fetch_all!(
        c,
        RoundUnit,
        "SELECT u.id, u.code, u.name, u.path FROM award_round_units r JOIN units u ON u.id = r.unit_id WHERE r.round_id = $1 AND r.part = $2 ORDER BY u.sort_key, u.id",
        round_id,
        part
    )
}

/// One line of the tracker: a proposing unit, its nominations (not withdrawn) and how many of
/// them were sent, its first submission and whether it was late.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Tracked {
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_path: String,
    pub nominations: i64,
    pub sent: i64,
    pub first_sent: Option<DateTime<Utc>>,
    pub late: bool,
}

/// The tracker of `round_id`: every proposing unit, and any other unit that nominated.
pub async fn tracker(c: &mut impl DbConn, round_id: i64) -> Result<Vec<Tracked>, sqlx::Error> {
    fetch_all!(
        c,
        Tracked,
        "SELECT u.id AS unit_id, u.name AS unit_name, u.path AS unit_path, \
         CAST(COALESCE((SELECT COUNT(*) FROM nominations n WHERE n.round_id = $1 AND n.unit_id = u.id AND n.state <> 'withdrawn'), 0) AS BIGINT) AS nominations, \
         CAST(COALESCE((SELECT COUNT(*) FROM nominations n WHERE n.round_id = $1 AND n.unit_id = u.id AND n.state NOT IN ('withdrawn', 'draft')), 0) AS BIGINT) AS sent, \
         (SELECT MIN(s.submitted_at) FROM award_submissions s WHERE s.round_id = $1 AND s.unit_id = u.id) AS first_sent, \
         COALESCE((SELECT s.late FROM award_submissions s WHERE s.round_id = $1 AND s.unit_id = u.id ORDER BY s.submitted_at, s.id LIMIT 1), $2) AS late \
         FROM units u WHERE u.id IN (SELECT unit_id FROM award_round_units WHERE round_id = $1 AND part = 'proposing' UNION SELECT unit_id FROM nominations WHERE round_id = $1) \
         ORDER BY u.sort_key, u.id",
        round_id,
        false
    )
}

/// A unit's submission of its list, with its tờ trình number.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Submission {
    pub id: i64,
    pub unit_id: i64,
    pub proposal_number: String,
    pub nominations: i64,
    pub late: bool,
    pub late_reason: String,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
}

pub async fn submissions(
    c: &mut impl DbConn,
    round_id: i64,
    unit_id: i64,
) -> Result<Vec<Submission>, sqlx::Error> {
    fetch_all!(
        c,
        Submission,
        "SELECT s.id, s.unit_id, s.proposal_number, s.nominations, s.late, s.late_reason, COALESCE(u.full_name, '') AS submitted_by, s.submitted_at FROM award_submissions s LEFT JOIN users u ON u.id = s.submitted_by WHERE s.round_id = $1 AND s.unit_id = $2 ORDER BY s.submitted_at, s.id",
        round_id,
        unit_id
    )
}

/// Records a unit's submission. Returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn insert_submission(
    tx: &mut impl DbConn,
    round_id: i64,
    unit_id: i64,
    proposal_number: &str,
    nominations: i64,
    late: bool,
    late_reason: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO award_submissions (round_id, unit_id, proposal_number, nominations, late, late_reason, submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        round_id,
        unit_id,
        proposal_number,
        nominations,
        late,
        late_reason,
        by,
        now
    )
}

/// The active users holding `role` at a unit at or above `path` (the town's offices for a
/// ward's nomination).
pub async fn holders(c: &mut impl DbConn, role: &str, path: &str) -> Result<Vec<i64>, sqlx::Error> {
    Ok(fetch_all!(
        c,
        (i64,),
        "SELECT DISTINCT r.user_id FROM user_roles r JOIN units u ON u.id = r.unit_id JOIN users s ON s.id = r.user_id WHERE r.role = $1 AND s.active = $3 AND SUBSTR($2, 1, LENGTH(u.path)) = u.path",
        role,
        path,
        true
    )?
    .into_iter()
    .map(|(id,)| id)
    .collect())
}

/// The active users with a grant at one of `units` (the appraising offices' officers).
pub async fn at_units(c: &mut impl DbConn, units: &[i64]) -> Result<Vec<i64>, sqlx::Error> {
    let mut out = Vec::new();
    for u in units {
        out.extend(
            fetch_all!(
                c,
                (i64,),
                "SELECT DISTINCT r.user_id FROM user_roles r JOIN users s ON s.id = r.user_id WHERE r.unit_id = $1 AND s.active = $2",
                *u,
                true
            )?
            .into_iter()
            .map(|(id,)| id),
        );
    }
    Ok(out)
}
