//! The secret ballot of a council session (issue 13, item 2): each member's ballot (one per
//! nominee, from the member's own account) and closing with the result per nominee by the
//! threshold and the tie rule. Only counts are ever shown.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;

use super::ballot::Outcome;
use super::ballot_store;
use super::council::{self, BallotFacts, Choice, SessionState};
use super::council_store as store;
use super::session_load::load;
use super::session_web::{runner, seat};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::confirm::{self, Confirmation, Confirmed};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;
use crate::web::view::Layout;

/// `POST /khen-thuong/phien/{id}/bo-phieu`: the signed-in member's ballot, `c_{nomination}` =
/// agree / disagree / abstain for one or more nominees. Every choice is checked first
/// (`council::ballot_refusal`); one refused leaves all unwritten. The audit log records that
/// the member voted on which nominees — never the choice.
pub async fn cast(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Redirect, AppError> {
    let mut choices = Vec::new();
    for (k, v) in &f {
        if let Some(n) = k.strip_prefix("c_").and_then(|n| n.parse::<i64>().ok()) {
            let c = Choice::from_code(v)
                .ok_or_else(|| AppError::BadRequest("Phiếu không hợp lệ.".into()))?;
            choices.push((n, c));
        }
    }
    if choices.is_empty() {
        return Err(AppError::BadRequest(
            "Chọn đồng ý, không đồng ý hoặc không biểu quyết cho ít nhất một đối tượng.".into(),
        ));
    }
    choices.sort_by_key(|(n, _)| *n);
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let l = load(&mut tx, id).await?;
    let seat = seat(&ctx, &l);
    for (n, _) in &choices {
        let facts = BallotFacts {
            session: l.state(),
            presence: seat.map(|(_, p)| p),
            written_allowed: l.session.written_votes,
            recused: seat.is_some_and(|(m, _)| l.recused(*n, m)),
            already_cast: match seat {
                Some((m, _)) => ballot_store::has_cast(&mut tx, id, *n, m).await?,
                None => false,
            },
            on_ballot: l.nominees.iter().any(|x| x.id == *n)
                && l.tallies.get(n).is_none_or(|t| t.outcome.is_none()),
        };
        if let Some(why) = council::ballot_refusal(facts) {
            return Err(AppError::ForbiddenBecause(format!(
                "{} — {why}",
                l.nominee_name(*n)
            )));
        }
    }
    let Some((member, _)) = seat else {
        return Err(AppError::Forbidden);
    };
    for (n, c) in &choices {
        if let Err(e) = ballot_store::cast(&mut tx, id, *n, member, *c).await {
            if crate::db::is_unique_violation(&e) {
                return Err(AppError::Conflict(
                    "Phiếu của bạn cho đối tượng này đã được nhận.".into(),
                ));
            }
            return Err(e.into());
        }
    }
    let nominees: Vec<i64> = choices.iter().map(|(n, _)| *n).collect();
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.ballot_cast",
        "council_session",
        &id.to_string(),
        &json!({"member": member, "nominees": nominees}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!("Đã nhận phiếu của bạn cho {} đối tượng.", choices.len()),
    )
    .await?;
    Ok(Redirect::to(&format!("/khen-thuong/phien/{id}")))
}

/// `POST /khen-thuong/phien/{id}/ket-thuc` (confirmed): the result of each nominee by the
/// threshold. A tie under "vote again" clears that nominee's ballots (its counts kept in the
/// audit log) and keeps the ballot open for it; otherwise the session closes.
pub async fn close(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<Confirmed>,
) -> Result<Response, AppError> {
    let now = st.clock.now();
    if !f.given() {
        let mut c = st.db.conn().await?;
        let l = load(&mut c, id).await?;
        runner(&ctx, &l)?;
        let missing: i64 = l
            .nominees
            .iter()
            .map(|n| (l.present() - l.counts(n.id).ballots).max(0))
            .sum();
        let back = format!("/khen-thuong/phien/{id}");
        let c = Confirmation {
            heading: format!(
                "Kết thúc bỏ phiếu — phiên ngày {}",
                text::date_vn(l.session.held_on)
            ),
            consequences: vec![
                format!(
                    "Kết quả của {} đối tượng được tính theo tỷ lệ «{}»; sau khi kết thúc không nhận thêm phiếu.",
                    l.nominees.len(),
                    l.threshold.text()
                ),
                if missing > 0 {
                    format!("Còn khoảng {missing} phiếu của thành viên có mặt chưa nhận.")
                } else {
                    "Mọi thành viên có mặt đã bỏ phiếu.".into()
                },
                format!("{}.", l.tie.label()),
            ],
            action: format!("/khen-thuong/phien/{id}/ket-thuc"),
            hidden: Vec::new(),
            button: "Kết thúc và công bố kết quả".into(),
            back: back.clone(),
        };
        let layout = Layout::new(&ctx, "awards", "Xác nhận").crumb("Phiên họp", back);
        return Ok(confirm::page(layout, c)?.into_response());
    }
    let mut tx = st.db.begin().await?;
    let l = load(&mut tx, id).await?;
    runner(&ctx, &l)?;
    if l.state() != SessionState::Voting {
        return Err(AppError::Conflict(
            "Phiên họp không ở bước bỏ phiếu.".into(),
        ));
    }
    let mut again = Vec::new();
    let mut results = Vec::new();
    for n in &l.nominees {
        let o = l.outcome(n.id);
        let (a, d, x) = l.tally(n.id);
        if o == Outcome::Revote {
            ballot_store::clear_nominee(&mut tx, id, n.id).await?;
            again.push(n.subject_name.clone());
            audit::store::record(
                &mut tx,
                now,
                &ctx.user.actor(),
                "award.ballot_revote",
                "council_session",
                &id.to_string(),
                &json!({"nomination": n.id, "agree": a, "disagree": d, "abstain": x}),
            )
            .await?;
        } else {
            results.push(json!({"nomination": n.id, "agree": a, "disagree": d, "abstain": x, "outcome": o.code()}));
            ballot_store::set_outcome(&mut tx, id, n.id, o.code()).await?;
        }
    }
    let msg = if again.is_empty() {
        if store::move_session(&mut tx, id, "voting", "closed", now).await? == 0 {
            return Err(AppError::Conflict("Phiên họp đã kết thúc.".into()));
        }
        audit::store::record(
            &mut tx,
            now,
            &ctx.user.actor(),
            "award.session_close",
            "council_session",
            &id.to_string(),
            &json!({"results": results}),
        )
        .await?;
        "Đã kết thúc bỏ phiếu và ghi kết quả.".to_string()
    } else {
        format!(
            "Hòa phiếu — bỏ phiếu lại cho: {}. Các đối tượng khác đã có kết quả.",
            again.join(", ")
        )
    };
    tx.commit().await?;
    ctx.flash(&st, &msg).await?;
    Ok(Redirect::to(&format!("/khen-thuong/phien/{id}")).into_response())
}
