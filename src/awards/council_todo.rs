//! What part 2 of the award cycle asks of a user on the home page (the pattern of
//! `crate::todo`): for whoever runs a body's council — objections to resolve, passed nominees
//! waiting for the decision or for the tờ trình to the province; for a council member — a
//! secret ballot open and not yet cast.

use chrono::NaiveDate;

use super::{ballot_store, council_store, notice_store, rounds_store, upward_web};
use crate::auth::{CurrentUser, Role};
use crate::db::DbConn;
use crate::todo::{Item, Urgency};
use crate::web::error::AppError;

fn item(urgency: Urgency, kind: &str, round: &rounds_store::Round, n: usize, anchor: &str) -> Item {
    Item {
        urgency,
        kind: kind.into(),
        title: round.name(),
        detail: format!("{n} đối tượng"),
        link: format!("/khen-thuong/dot/{}/hoi-dong#{anchor}", round.id),
        due: None,
    }
}

/// Everything the council stage asks of `user` on `today`. Errors: the database.
pub async fn gather(
    c: &mut impl DbConn,
    user: &CurrentUser,
    today: NaiveDate,
) -> Result<Vec<Item>, AppError> {
    let mut out = Vec::new();
    let runs = user.is_admin()
        || user
            .grants
            .iter()
            .any(|g| matches!(g.role, Role::InternalAffairs | Role::Chairman));
    for round in rounds_store::all(c).await? {
        if runs {
            match super::council_web::round_runner(c, user, &round, today).await {
                Ok(_) => {
                    let open = notice_store::objections(c, round.id)
                        .await?
                        .iter()
                        .filter(|o| o.is_open())
                        .count();
                    if open > 0 {
                        out.push(item(
                            Urgency::Now,
                            "Ý kiến phản ánh chờ giải quyết",
                            &round,
                            open,
                            "y-kien",
                        ));
                    }
                    let w = upward_web::waiting(c, round.id, today).await?;
                    let local = w.local.len();
                    if local > 0 {
                        out.push(item(
                            Urgency::Waiting,
                            "Hội đồng đã thông qua, chờ quyết định khen thưởng",
                            &round,
                            local,
                            "quyet-dinh",
                        ));
                    }
                    let upward = w.upward.len();
                    if upward > 0 {
                        out.push(item(
                            Urgency::Waiting,
                            "Chờ lập tờ trình đề nghị cấp tỉnh khen thưởng",
                            &round,
                            upward,
                            "de-nghi-cap-tren",
                        ));
                    }
                }
                Err(AppError::Forbidden) => {}
                Err(e) => return Err(e),
            }
        }
        for s in council_store::sessions(c, round.id).await? {
            if s.state != "voting" {
                continue;
            }
            let seat = council_store::members_on(c, s.body_unit_id, s.held_on)
                .await?
                .into_iter()
                .find(|m| m.user_id == Some(user.id));
            if let Some(m) = seat
                && ballot_store::cast_by(c, s.id, m.id).await?.is_empty()
            {
                out.push(Item {
                    urgency: Urgency::Now,
                    kind: "Phiên họp Hội đồng đang bỏ phiếu kín".into(),
                    title: format!("{} — Hội đồng {}", round.name(), s.body_name),
                    detail: "Bạn chưa bỏ phiếu".into(),
                    link: format!("/khen-thuong/phien/{}", s.id),
                    due: Some(s.held_on),
                });
            }
        }
    }
    Ok(out)
}
