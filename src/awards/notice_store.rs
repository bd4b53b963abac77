//! The working-day calendar's exceptions, a round's public notice and the objections sent to it
//! (issue 13, item 1).

use chrono::{DateTime, NaiveDate, Utc};

use super::calendar::{Calendar, Exception};
use crate::db::DbConn;
use crate::{execute, fetch_all, fetch_optional, fetch_scalar};

/// One exception of the calendar as the page lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExceptionRow {
    pub day: NaiveDate,
    pub kind: String,
    pub note: String,
}

impl ExceptionRow {
    pub fn label(&self) -> &'static str {
        if self.kind == "work_day" {
            "Ngày làm việc bù"
        } else {
            "Ngày nghỉ"
        }
    }
}

pub async fn exceptions(c: &mut impl DbConn) -> Result<Vec<ExceptionRow>, sqlx::Error> {
    fetch_all!(
        c,
        ExceptionRow,
        "SELECT day, kind, note FROM calendar_exceptions ORDER BY day DESC"
    )
}

/// The calendar the notice period is counted on.
pub async fn calendar(c: &mut impl DbConn) -> Result<Calendar, sqlx::Error> {
    let exceptions = exceptions(c)
        .await?
        .into_iter()
        .map(|e| {
            let kind = if e.kind == "work_day" {
                Exception::WorkDay
            } else {
                Exception::DayOff
            };
            (e.day, kind)
        })
        .collect();
    Ok(Calendar { exceptions })
}

/// Records (or replaces) the exception of `day`; `kind` "day_off" or "work_day".
pub async fn set_exception(
    tx: &mut impl DbConn,
    day: NaiveDate,
    kind: &str,
    note: &str,
    by: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO calendar_exceptions (day, kind, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
        day,
        kind,
        note,
        by,
        now
    )
}

pub async fn remove_exception(tx: &mut impl DbConn, day: NaiveDate) -> Result<u64, sqlx::Error> {
    execute!(tx, "DELETE FROM calendar_exceptions WHERE day = $1", day)
}

/// A round's notice setting and, once posted, its period.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Notice {
    pub round_id: i64,
    pub enabled: bool,
    pub working_days: i64,
    pub posted_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

impl Notice {
    /// The notice is running on `today` (posted, last day not passed).
    pub fn open_on(&self, today: NaiveDate) -> bool {
        self.enabled
            && self.posted_on.is_some_and(|p| p <= today)
            && self.ends_on.is_some_and(|e| today <= e)
    }

    /// Why the council may not vote yet on `today`, if it may not.
    pub fn blocks_vote(&self, today: NaiveDate) -> Option<String> {
        if !self.enabled {
            return None;
        }
        match self.ends_on {
            None => Some(
                "Đợt này cần niêm yết công khai trước khi Hội đồng bỏ phiếu: hãy đăng niêm yết."
                    .into(),
            ),
            Some(end) if today <= end => Some(format!(
                "Thời gian niêm yết công khai đến hết ngày {}; Hội đồng bỏ phiếu sau ngày đó.",
                end.format("%d/%m/%Y")
            )),
            Some(_) => None,
        }
    }
}

pub async fn notice(c: &mut impl DbConn, round_id: i64) -> Result<Option<Notice>, sqlx::Error> {
    fetch_optional!(
        c,
        Notice,
        "SELECT round_id, enabled, working_days, posted_on, ends_on FROM round_notices WHERE round_id = $1",
        round_id
    )
}

/// Writes the round's notice setting and period.
pub async fn set_notice(
    tx: &mut impl DbConn,
    n: &Notice,
    by: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO round_notices (round_id, enabled, working_days, posted_on, ends_on, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (round_id) DO UPDATE SET enabled = excluded.enabled, working_days = excluded.working_days, posted_on = excluded.posted_on, ends_on = excluded.ends_on, set_by = excluded.set_by, set_at = excluded.set_at",
        n.round_id,
        n.enabled,
        n.working_days,
        n.posted_on,
        n.ends_on,
        by,
        now
    )
}

/// A nominee as the public notice shows it: name, unit, category, form, achievement — nothing
/// else personal.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Listed {
    pub id: i64,
    pub subject_name: String,
    pub unit_name: String,
    pub category: String,
    pub form_name: String,
    pub achievement: String,
}

/// The nominees forwarded to Internal Affairs in a round, in name order.
pub async fn listed(c: &mut impl DbConn, round_id: i64) -> Result<Vec<Listed>, sqlx::Error> {
    fetch_all!(
        c,
        Listed,
        "SELECT n.id, n.subject_name, u.name AS unit_name, n.category, f.name AS form_name, n.achievement FROM nominations n \
         JOIN units u ON u.id = n.unit_id JOIN award_forms f ON f.code = n.form_code \
         WHERE n.round_id = $1 AND n.state = 'with_internal_affairs' ORDER BY n.subject_sort, n.id",
        round_id
    )
}

/// An objection as Internal Affairs sees it (the contact only there, never in public).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Objection {
    pub id: i64,
    pub round_id: i64,
    pub nomination_id: i64,
    pub subject_name: String,
    pub body: String,
    pub contact: String,
    pub received_at: DateTime<Utc>,
    pub state: String,
    pub resolution: String,
}

impl Objection {
    pub fn state_label(&self) -> &'static str {
        match self.state.as_str() {
            "upheld" => "Chấp nhận — không trình khen đối tượng này",
            "dismissed" => "Không chấp nhận",
            _ => "Chưa giải quyết",
        }
    }

    pub fn is_open(&self) -> bool {
        self.state == "open"
    }
}

const OBJECTION: &str = "SELECT o.id, o.round_id, o.nomination_id, n.subject_name, o.body, o.contact, o.received_at, o.state, o.resolution FROM notice_objections o JOIN nominations n ON n.id = o.nomination_id";

pub async fn objections(c: &mut impl DbConn, round_id: i64) -> Result<Vec<Objection>, sqlx::Error> {
    fetch_all!(
        c,
        Objection,
        &format!("{OBJECTION} WHERE o.round_id = $1 ORDER BY o.id"),
        round_id
    )
}

pub async fn objection(c: &mut impl DbConn, id: i64) -> Result<Option<Objection>, sqlx::Error> {
    fetch_optional!(c, Objection, &format!("{OBJECTION} WHERE o.id = $1"), id)
}

/// Objections from `sender_key` received since `since` (the rate limit).
pub async fn sent_since(
    c: &mut impl DbConn,
    sender_key: &str,
    since: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM notice_objections WHERE sender_key = $1 AND received_at >= $2",
        sender_key,
        since
    )
}

/// Records an objection, open.
pub async fn insert_objection(
    tx: &mut impl DbConn,
    round_id: i64,
    nomination_id: i64,
    body: &str,
    contact: &str,
    sender_key: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO notice_objections (round_id, nomination_id, body, contact, sender_key, received_at, state) VALUES ($1, $2, $3, $4, $5, $6, 'open') RETURNING id",
        round_id,
        nomination_id,
        body,
        contact,
        sender_key,
        now
    )
}

/// Resolves an open objection (`state` "upheld" or "dismissed"); 0 rows when it was no longer
/// open, so two officers cannot both resolve it.
pub async fn resolve(
    tx: &mut impl DbConn,
    id: i64,
    state: &str,
    resolution: &str,
    by: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE notice_objections SET state = $2, resolution = $3, resolved_by = $4, resolved_at = $5 WHERE id = $1 AND state = 'open'",
        id,
        state,
        resolution,
        by,
        now
    )
}
