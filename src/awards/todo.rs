//! What the award cycle asks of a user on the home page (the pattern of `crate::todo`): a
//! unit's drafts before the deadline and its returned nominations, the NTM office's nominations
//! to receive, send, consolidate and forward, an appraising office's opinions to give, and the
//! Steering Committee's opinions — each with the days left to the round's deadline.

use chrono::NaiveDate;

use super::list_store;
use super::workflow::State as NState;
use crate::auth::{CurrentUser, Role};
use crate::db::DbConn;
use crate::todo::{Item, Urgency};

/// Bounds each query.
const LIMIT: i64 = 100;

fn what(state: NState) -> Option<(&'static str, Urgency)> {
    Some(match state {
        NState::Draft => ("Đề nghị khen thưởng chưa gửi", Urgency::Coming),
        NState::Returned => ("Đề nghị khen thưởng bị trả lại", Urgency::Now),
        NState::Submitted => ("Chờ tiếp nhận hồ sơ khen thưởng", Urgency::Waiting),
        NState::Received => ("Chờ chuyển các phòng thẩm định", Urgency::Waiting),
        NState::UnderAppraisal => ("Đang thẩm định: tổng hợp khi đủ ý kiến", Urgency::Waiting),
        NState::Appraised => ("Chờ ý kiến Thường trực Ban Chỉ đạo", Urgency::Waiting),
        NState::SteeringReviewed => ("Chờ chuyển Phòng Nội vụ", Urgency::Waiting),
        _ => return None,
    })
}

/// Everything the award cycle asks of `user` on `today`.
pub async fn gather(
    c: &mut impl DbConn,
    user: &CurrentUser,
    today: NaiveDate,
) -> Result<Vec<Item>, sqlx::Error> {
    let mut out = Vec::new();
    for g in &user.grants {
        let states: &[&'static str] = match g.role {
            Role::UnitOfficer => &["draft", "returned"],
            Role::NtmOffice => &[
                "submitted",
                "received",
                "under_appraisal",
                "steering_reviewed",
            ],
            Role::Steering => &["appraised"],
            _ => &[],
        };
        for (round_id, year, deadline, state, n) in
            list_store::waiting(c, &g.unit_path, states).await?
        {
            let Some(s) = NState::from_code(&state) else {
                continue;
            };
            let Some((kind, mut urgency)) = what(s) else {
                continue;
            };
            if s == NState::Draft && today > deadline {
                urgency = Urgency::Now;
            }
            out.push(Item {
                urgency,
                kind: kind.into(),
                title: format!("Đợt khen thưởng năm {year} – {}", g.unit_name),
                detail: format!("{n} đề nghị"),
                link: format!("/khen-thuong/dot/{round_id}/de-nghi?trang_thai={state}"),
                due: Some(deadline),
            });
        }
    }
    let offices: Vec<i64> = user.grants.iter().map(|g| g.unit_id).collect();
    for (id, _round, subject, _office) in list_store::awaiting_opinion(c, &offices, LIMIT).await? {
        out.push(Item {
            urgency: Urgency::Waiting,
            kind: "Chờ phòng bạn cho ý kiến thẩm định".into(),
            title: subject,
            detail: "Đề nghị khen thưởng".into(),
            link: format!("/khen-thuong/de-nghi/{id}"),
            due: None,
        });
    }
    out.dedup_by(|a, b| a.link == b.link && a.detail == b.detail);
    Ok(out)
}
