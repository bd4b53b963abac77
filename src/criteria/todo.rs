//! What criteria ask of a user on the home page (the pattern of `crate::todo`): criteria
//! waiting for the user's office to verify, criteria sent back to the user's unit, and verified
//! assessments with every criterion met that wait for a recognition decision.

use std::collections::BTreeMap;

use super::views_store;
use crate::auth::{CurrentUser, Role};
use crate::db::DbConn;
use crate::todo::{Item, Urgency};

/// Bounds each query; the home page shows the first items and counts the rest.
const LIMIT: i64 = 200;

/// Everything criteria ask of `user`.
pub async fn gather(c: &mut impl DbConn, user: &CurrentUser) -> Result<Vec<Item>, sqlx::Error> {
    let mut out = Vec::new();
    let offices: Vec<i64> = user.grants.iter().map(|g| g.unit_id).collect();
    // One item per assessment, naming its criteria: an office sees what to open, not 19 rows.
    let mut waiting: BTreeMap<i64, (views_store::Waiting, Vec<i64>)> = BTreeMap::new();
    for w in views_store::waiting_for(c, &offices, LIMIT).await? {
        waiting
            .entry(w.assessment_id)
            .or_insert_with(|| (w.clone(), Vec::new()))
            .1
            .push(w.number);
    }
    for (id, (w, numbers)) in waiting {
        let list = numbers
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        out.push(Item {
            urgency: Urgency::Waiting,
            kind: "Chờ phòng bạn xác minh".into(),
            title: format!("{} – {} năm {}", w.subject_name, w.set_name, w.year),
            detail: format!("Tiêu chí số {list}"),
            link: format!("/danh-gia/{id}"),
            due: None,
        });
    }
    for g in &user.grants {
        if g.role.edits_register() && g.role != Role::Admin {
            for f in views_store::to_fix(c, &g.unit_path, LIMIT).await? {
                out.push(Item {
                    urgency: Urgency::Now,
                    kind: "Tiêu chí bị trả lại".into(),
                    title: format!("{} – {} năm {}", f.subject_name, f.set_name, f.year),
                    detail: format!(
                        "Tiêu chí {}. {}: {}",
                        f.number.unwrap_or_default(),
                        f.criterion.clone().unwrap_or_default(),
                        f.reason.clone().unwrap_or_default()
                    ),
                    link: format!("/danh-gia/{}", f.assessment_id),
                    due: None,
                });
            }
        }
        if matches!(
            g.role,
            Role::NtmOffice | Role::InternalAffairs | Role::Steering
        ) {
            for (id, subject, set, year) in
                views_store::recognition_due(c, &g.unit_path, LIMIT).await?
            {
                out.push(Item {
                    urgency: Urgency::Waiting,
                    kind: "Chờ xem xét công nhận".into(),
                    title: format!("{subject} – {set} năm {year}"),
                    detail: "Đã xác minh đủ, mọi tiêu chí đạt".into(),
                    link: format!("/danh-gia/{id}/cong-nhan"),
                    due: None,
                });
            }
        }
    }
    out.dedup_by(|a, b| a.link == b.link && a.detail == b.detail);
    Ok(out)
}
