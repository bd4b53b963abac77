//! Nominations: written by the proposing unit, moved by each step (with its row in
//! `nomination_steps`), listed with filters, and read back as earlier achievements for the
//! one-achievement-one-award check.

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// A nomination as pages, lists and exports show it.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct Nomination {
    pub id: i64,
    pub round_id: i64,
    pub round_year: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_path: String,
    pub category: String,
    pub subject_type: String,
    pub subject_id: Option<i64>,
    pub subject_unit_id: i64,
    pub subject_name: String,
    pub outside_address: String,
    pub form_code: String,
    pub form_name: String,
    pub achievement: String,
    pub achievement_year: i64,
    pub basis_type: Option<String>,
    pub basis_id: Option<i64>,
    pub direct_production: bool,
    pub small_collective: bool,
    pub state: String,
    pub late: bool,
    pub late_reason: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub consolidated: String,
    pub steering_opinion: String,
    pub version: i64,
    pub is_demo: bool,
}

const SELECT: &str = "SELECT n.id, n.round_id, r.year AS round_year, n.unit_id, u.name AS unit_name, u.path AS unit_path, n.category, n.subject_type, n.subject_id, n.subject_unit_id, n.subject_name, n.outside_address, n.form_code, f.name AS form_name, n.achievement, n.achievement_year, n.basis_type, n.basis_id, n.direct_production, n.small_collective, n.state, n.late, n.late_reason, n.submitted_at, n.consolidated, n.steering_opinion, n.version, n.is_demo FROM nominations n JOIN award_rounds r ON r.id = n.round_id JOIN units u ON u.id = n.unit_id JOIN award_forms f ON f.code = n.form_code";

pub async fn one(c: &mut impl DbConn, id: i64) -> Result<Option<Nomination>, sqlx::Error> {
    fetch_optional!(c, Nomination, &format!("{SELECT} WHERE n.id = $1"), id)
}

/// The nomination's content as the unit writes it.
#[derive(Debug, Clone)]
pub struct Content {
    pub category: String,
    pub subject_type: String,
    pub subject_id: Option<i64>,
    pub subject_unit_id: i64,
    pub subject_name: String,
    pub outside_address: String,
    pub form_code: String,
    pub achievement: String,
    pub achievement_year: i64,
    pub basis: Option<(String, i64)>,
    pub direct_production: bool,
    pub small_collective: bool,
}

/// Writes a draft. Returns its id.
pub async fn insert(
    tx: &mut impl DbConn,
    round_id: i64,
    unit_id: i64,
    n: &Content,
    is_demo: bool,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let (bt, bi) = n.basis.clone().unzip();
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO nominations (round_id, unit_id, category, subject_type, subject_id, subject_unit_id, subject_name, subject_sort, subject_fold, outside_address, form_code, achievement, achievement_year, basis_type, basis_id, direct_production, small_collective, state, is_demo, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'draft', $18, $19, $20, $20) RETURNING id",
        round_id,
        unit_id,
        &n.category,
        &n.subject_type,
        n.subject_id,
        n.subject_unit_id,
        &n.subject_name,
        sort_of(n),
        crate::text::fold(&n.subject_name),
        &n.outside_address,
        &n.form_code,
        &n.achievement,
        n.achievement_year,
        bt,
        bi,
        n.direct_production,
        n.small_collective,
        is_demo,
        by,
        now
    )
}

/// Vietnamese name order for people (given name first), the name's own order for others.
fn sort_of(n: &Content) -> String {
    if matches!(n.subject_type.as_str(), "person" | "outside" | "household") {
        crate::text::person_sort_key(&n.subject_name)
    } else {
        crate::text::sort_key(&n.subject_name)
    }
}

/// Changes a draft's or returned nomination's content if `version` is still current.
/// Returns whether it did.
pub async fn update(
    tx: &mut impl DbConn,
    id: i64,
    version: i64,
    n: &Content,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let (bt, bi) = n.basis.clone().unzip();
    Ok(execute!(
        tx,
        "UPDATE nominations SET form_code = $3, achievement = $4, achievement_year = $5, basis_type = $6, basis_id = $7, direct_production = $8, small_collective = $9, version = version + 1, updated_at = $10 WHERE id = $1 AND version = $2 AND state IN ('draft', 'returned')",
        id,
        version,
        &n.form_code,
        &n.achievement,
        n.achievement_year,
        bt,
        bi,
        n.direct_production,
        n.small_collective,
        now
    )? == 1)
}

/// What a step writes on the nomination besides its state.
#[derive(Debug, Clone, Default)]
pub struct Moved<'a> {
    pub late: Option<(bool, &'a str)>,
    pub submission_id: Option<i64>,
    pub consolidated: Option<&'a str>,
    pub steering_opinion: Option<&'a str>,
}

/// Moves the nomination from `from` to `to` if it is still at `version` and `from`; records
/// the step. Returns whether it moved.
#[allow(clippy::too_many_arguments)]
pub async fn step(
    tx: &mut impl DbConn,
    id: i64,
    version: i64,
    (action, from, to): (&str, &str, &str),
    moved: &Moved<'_>,
    (user, role): (Option<i64>, &str),
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = execute!(
        tx,
        "UPDATE nominations SET state = $4, version = version + 1, updated_at = $5 WHERE id = $1 AND version = $2 AND state = $3",
        id,
        version,
        from,
        to,
        now
    )?;
    if n != 1 {
        return Ok(false);
    }
    if let Some((late, why)) = moved.late {
        execute!(
            tx,
            "UPDATE nominations SET late = $2, late_reason = $3, submitted_at = $4, submission_id = COALESCE($5, submission_id) WHERE id = $1",
            id,
            late,
            why,
            now,
            moved.submission_id
        )?;
    }
    if let Some(t) = moved.consolidated {
        execute!(
            tx,
            "UPDATE nominations SET consolidated = $2 WHERE id = $1",
            id,
            t
        )?;
    }
    if let Some(t) = moved.steering_opinion {
        execute!(
            tx,
            "UPDATE nominations SET steering_opinion = $2 WHERE id = $1",
            id,
            t
        )?;
    }
    if to == "returned" {
        // A resubmission is appraised afresh; the old opinions stay in the steps.
        execute!(
            tx,
            "DELETE FROM nomination_opinions WHERE nomination_id = $1",
            id
        )?;
    }
    execute!(
        tx,
        "INSERT INTO nomination_steps (nomination_id, action, from_state, to_state, user_id, role, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        id,
        action,
        from,
        to,
        user,
        role,
        reason,
        now
    )?;
    Ok(true)
}

/// A step as the history shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Step {
    pub action: String,
    pub from_state: String,
    pub to_state: String,
    pub user_name: String,
    pub role: String,
    pub reason: String,
    pub at: DateTime<Utc>,
}

pub async fn steps(c: &mut impl DbConn, id: i64) -> Result<Vec<Step>, sqlx::Error> {
    fetch_all!(
        c,
        Step,
        "SELECT s.action, s.from_state, s.to_state, COALESCE(u.full_name, 'Hệ thống') AS user_name, s.role, s.reason, s.at FROM nomination_steps s LEFT JOIN users u ON u.id = s.user_id WHERE s.nomination_id = $1 ORDER BY s.id",
        id
    )
}

/// An appraising office's opinion: (office id, office name, opinion code, text, by, at).
pub type Opinion = (i64, String, String, String, String, DateTime<Utc>);

pub async fn opinions(c: &mut impl DbConn, id: i64) -> Result<Vec<Opinion>, sqlx::Error> {
    fetch_all!(
        c,
        Opinion,
        "SELECT o.office_unit_id, u.name, o.opinion, o.text, COALESCE(s.full_name, ''), o.at FROM nomination_opinions o JOIN units u ON u.id = o.office_unit_id LEFT JOIN users s ON s.id = o.user_id WHERE o.nomination_id = $1 ORDER BY u.sort_key",
        id
    )
}

/// Records (or replaces) an office's opinion and its step row.
pub async fn set_opinion(
    tx: &mut impl DbConn,
    id: i64,
    office: i64,
    (opinion, text): (&str, &str),
    (user, role): (i64, &str),
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO nomination_opinions (nomination_id, office_unit_id, opinion, text, user_id, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (nomination_id, office_unit_id) DO UPDATE SET opinion = excluded.opinion, text = excluded.text, user_id = excluded.user_id, at = excluded.at",
        id,
        office,
        opinion,
        text,
        user,
        now
    )?;
    execute!(
        tx,
        "INSERT INTO nomination_steps (nomination_id, action, from_state, to_state, user_id, role, reason, at) VALUES ($1, 'opinion', 'under_appraisal', 'under_appraisal', $2, $3, $4, $5)",
        id,
        user,
        role,
        format!("{opinion}: {text}"),
        now
    )?;
    Ok(())
}

/// The appraisers' overrides: (check code, outcome, reason, by).
pub async fn overrides(
    c: &mut impl DbConn,
    id: i64,
) -> Result<Vec<(String, String, String, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (String, String, String, String),
        "SELECT o.check_code, o.outcome, o.reason, COALESCE(u.full_name, '') FROM nomination_overrides o LEFT JOIN users u ON u.id = o.user_id WHERE o.nomination_id = $1",
        id
    )
}

pub async fn set_override(
    tx: &mut impl DbConn,
    id: i64,
    (code, outcome, reason): (&str, &str, &str),
    user: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO nomination_overrides (nomination_id, check_code, outcome, reason, user_id, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (nomination_id, check_code) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason, user_id = excluded.user_id, at = excluded.at",
        id,
        code,
        outcome,
        reason,
        user,
        now
    )?;
    Ok(())
}

/// An earlier nomination of a subject, for the duplicate check.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EarlierRow {
    pub id: i64,
    pub round_year: i64,
    pub form_name: String,
    pub category: String,
    pub achievement_year: i64,
    pub basis_type: Option<String>,
    pub basis_id: Option<i64>,
    pub state: String,
}

/// The subject's nominations other than `except`, not withdrawn, in any round. Outside
/// subjects are matched by their folded name.
pub async fn earlier(
    c: &mut impl DbConn,
    subject_type: &str,
    subject_id: Option<i64>,
    outside_fold: &str,
    except: i64,
) -> Result<Vec<EarlierRow>, sqlx::Error> {
    fetch_all!(
        c,
        EarlierRow,
        "SELECT n.id, r.year AS round_year, f.name AS form_name, n.category, n.achievement_year, n.basis_type, n.basis_id, n.state FROM nominations n JOIN award_rounds r ON r.id = n.round_id JOIN award_forms f ON f.code = n.form_code WHERE n.subject_type = $1 AND ((n.subject_id IS NOT NULL AND n.subject_id = $2) OR (n.subject_id IS NULL AND $2 IS NULL AND n.subject_fold = $3)) AND n.id <> $4 AND n.state <> 'withdrawn' ORDER BY r.year, n.id",
        subject_type,
        subject_id,
        outside_fold,
        except
    )
}

/// The nominations of a subject (its profile's "Khen thưởng" section), newest round first.
pub async fn of_subject(
    c: &mut impl DbConn,
    subject_type: &str,
    subject_id: i64,
) -> Result<Vec<Nomination>, sqlx::Error> {
    fetch_all!(
        c,
        Nomination,
        &format!(
            "{SELECT} WHERE n.subject_type = $1 AND n.subject_id = $2 ORDER BY r.year DESC, n.id DESC"
        ),
        subject_type,
        subject_id
    )
}

/// The unit's nominations of the round in `states`, by name order.
pub async fn of_unit(
    c: &mut impl DbConn,
    round_id: i64,
    unit_id: i64,
    states: &[&str],
) -> Result<Vec<Nomination>, sqlx::Error> {
    let list = states
        .iter()
        .map(|s| format!("'{}'", s.replace('\'', "")))
        .collect::<Vec<_>>()
        .join(", ");
    fetch_all!(
        c,
        Nomination,
        &format!(
            "{SELECT} WHERE n.round_id = $1 AND n.unit_id = $2 AND n.state IN ({list}) ORDER BY n.form_code, n.category, n.subject_sort, n.id"
        ),
        round_id,
        unit_id
    )
}

/// Where the subject of an attachment-less nomination lives: the unit whose path decides who
/// may see the subject's profile.
pub async fn unit_path(c: &mut impl DbConn, unit_id: i64) -> Result<String, sqlx::Error> {
    fetch_scalar!(c, String, "SELECT path FROM units WHERE id = $1", unit_id)
}

pub(crate) fn select() -> &'static str {
    SELECT
}
