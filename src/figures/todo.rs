//! The figure sheets' share of the to-do list (issue 8, item 3): sheets waiting for this
//! user's approval, sheets sent back to this user's unit with their reason, sheets reopened
//! for correction, and the sending deadline as it comes (15 January, `deadline`).

use chrono::{Datelike, Duration, NaiveDate};
use std::collections::HashMap;

use super::overview_store::{self, OpenSheet, ReportingUnit};
use super::store;
use super::{SheetStatus, deadline, may_review};
use crate::auth::{CurrentUser, Role};
use crate::clock::local_time;
use crate::db::DbConn;
use crate::todo::{Item, Urgency};

/// How long before the deadline a sheet not yet sent starts to show.
const WARN_DAYS: i64 = 45;

/// The user's own units: those they keep as the unit's officer (not the offices above, who
/// review, and not the administrator, who would see every unit in the country).
fn enters(user: &CurrentUser, path: &str) -> bool {
    user.grants
        .iter()
        .any(|g| g.role == Role::UnitOfficer && path.starts_with(&g.unit_path))
}

fn sheet_link(unit_id: i64, year: i64) -> String {
    format!("/so-lieu/{unit_id}/{year}")
}

/// The items for `user` from the open sheets in reach, given who had their hands on each
/// submitted sheet (those never see it as theirs to approve).
pub fn sheet_items(
    user: &CurrentUser,
    open: &[OpenSheet],
    hands_on: &HashMap<i64, Vec<i64>>,
) -> Vec<Item> {
    let mut out = Vec::new();
    for s in open {
        let title = format!("Bảng số liệu năm {} – {}", s.year, s.unit_name);
        let by = match (&s.last_by, s.last_at) {
            (Some(by), Some(at)) => format!("{by}, {}", local_time(at)),
            _ => String::new(),
        };
        let reason = s.last_reason.clone().unwrap_or_default();
        match SheetStatus::from_code(&s.status) {
            SheetStatus::Submitted
                if may_review(user, &s.unit_path)
                    && !hands_on
                        .get(&s.sheet_id)
                        .is_some_and(|h| h.contains(&user.id)) =>
            {
                out.push(Item {
                    urgency: Urgency::Waiting,
                    kind: "Chờ bạn duyệt".into(),
                    title,
                    detail: format!("Đơn vị gửi: {by}"),
                    link: sheet_link(s.unit_id, s.year),
                    due: None,
                });
            }
            SheetStatus::Returned if enters(user, &s.unit_path) => out.push(Item {
                urgency: Urgency::Now,
                kind: "Bị trả lại".into(),
                title,
                detail: format!("Lý do: {reason} ({by})"),
                link: sheet_link(s.unit_id, s.year),
                due: None,
            }),
            SheetStatus::Draft
                if s.last_action.as_deref() == Some("reopen") && enters(user, &s.unit_path) =>
            {
                out.push(Item {
                    urgency: Urgency::Now,
                    kind: "Được mở lại để sửa".into(),
                    title,
                    detail: format!("Lý do: {reason} ({by})"),
                    link: sheet_link(s.unit_id, s.year),
                    due: None,
                })
            }
            _ => {}
        }
    }
    out
}

/// The deadline items for `year`: each of the user's own units whose sheet is not sent yet,
/// from `WARN_DAYS` before 15 January on.
pub fn deadline_items(
    user: &CurrentUser,
    year: i64,
    units: &[ReportingUnit],
    today: NaiveDate,
) -> Vec<Item> {
    let mut out = Vec::new();
    if let Some(due) = deadline(year) {
        for r in units {
            let status = r.status.as_deref().map(SheetStatus::from_code);
            let sent = matches!(status, Some(SheetStatus::Submitted | SheetStatus::Approved));
            if sent || !enters(user, &r.unit.path) || today < due - Duration::days(WARN_DAYS) {
                continue;
            }
            out.push(Item {
                urgency: if today > due {
                    Urgency::Now
                } else {
                    Urgency::Coming
                },
                kind: "Hạn gửi số liệu".into(),
                title: format!("Gửi số liệu năm {year} – {}", r.unit.name),
                detail: format!(
                    "Hạn {}; bảng hiện: {}",
                    crate::text::date_vn(due),
                    status.map_or("chưa nhập", SheetStatus::label)
                ),
                link: sheet_link(r.unit.id, year),
                due: Some(due),
            });
        }
    }
    out
}

/// Everything the figure sheets ask of `user` as of `today`.
pub async fn gather(
    c: &mut impl DbConn,
    user: &CurrentUser,
    today: NaiveDate,
) -> Result<Vec<Item>, sqlx::Error> {
    let mut paths: Vec<&str> = user.grants.iter().map(|g| g.unit_path.as_str()).collect();
    paths.sort();
    // A grant inside another's subtree adds nothing.
    paths.dedup_by(|b, a| b.starts_with(*a));
    // Last year's sheet is due by 15 January (or overdue since); this year's comes into view
    // in December.
    let this_year = i64::from(today.year());
    let mut out = Vec::new();
    for path in paths {
        let open = overview_store::open_sheets(c, path).await?;
        let mut hands = HashMap::new();
        // One query per sheet waiting: bounded, as the home page shows only the first items.
        let waiting = open
            .iter()
            .filter(|s| s.status == "submitted" && may_review(user, &s.unit_path));
        for s in waiting.take(60) {
            hands.insert(s.sheet_id, store::hands_on(c, s.sheet_id).await?);
        }
        out.extend(sheet_items(user, &open, &hands));
        if user.grants.iter().any(|g| g.role == Role::UnitOfficer) {
            for year in [this_year - 1, this_year] {
                let units = overview_store::reporting_units(c, path, year, None).await?;
                out.extend(deadline_items(user, year, &units, today));
            }
        }
    }
    Ok(out)
}
