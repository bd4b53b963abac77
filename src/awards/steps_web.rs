//! The steps of a nomination (issue 12, item 6), each taken only by the role that owns it and
//! re-checked inside the transaction that writes it (state, version, owner, blocks): the
//! unit's list sent at once (late ones kept and marked with their reason), receiving, sending
//! to appraisal, each office's opinion, the consolidated proposal, the steering opinion,
//! forwarding to Internal Affairs, returning with a reason and withdrawing. Each step writes
//! its step row, its audit entry and the notices of who acts next.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;

use super::eligibility::{Category, Outcome};
use super::nominations_store::{self as store, Moved, Nomination};
use super::workflow::{self, Action, Given, State as NState};
use super::{access, review, rounds_store};
use crate::audit;
use crate::notices;
use crate::state::AppState;
use crate::text;
use crate::web::confirm::{self, Confirmation};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, field};
use crate::web::session::Ctx;
use crate::web::view::Layout;

fn link(id: i64) -> String {
    format!("/khen-thuong/de-nghi/{id}")
}

/// Who hears of a step: the next owner's users.
async fn tell_next(
    tx: &mut impl crate::db::DbConn,
    n: &Nomination,
    to: NState,
    by: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let round = rounds_store::one(tx, n.round_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (users, body) = match to {
        NState::Submitted => (
            rounds_store::holders(tx, "ntm_office", &n.unit_path).await?,
            format!(
                "{} gửi đề nghị khen thưởng {} ({})",
                n.unit_name,
                n.subject_name,
                round.name()
            ),
        ),
        NState::UnderAppraisal => {
            let offices: Vec<i64> = rounds_store::units(tx, n.round_id, "appraising")
                .await?
                .into_iter()
                .map(|u| u.0)
                .collect();
            (
                rounds_store::at_units(tx, &offices).await?,
                format!(
                    "Chờ phòng bạn cho ý kiến thẩm định: {} ({})",
                    n.subject_name, n.unit_name
                ),
            )
        }
        NState::Appraised => (
            rounds_store::holders(tx, "steering", &n.unit_path).await?,
            format!(
                "Chờ ý kiến Thường trực Ban Chỉ đạo: {} ({})",
                n.subject_name, n.unit_name
            ),
        ),
        NState::SteeringReviewed => (
            rounds_store::holders(tx, "ntm_office", &n.unit_path).await?,
            format!(
                "Ban Chỉ đạo đã cho ý kiến: {} — chuyển Phòng Nội vụ",
                n.subject_name
            ),
        ),
        NState::WithInternalAffairs => (
            rounds_store::holders(tx, "internal_affairs", &n.unit_path).await?,
            format!(
                "VP Điều phối NTM chuyển đề nghị khen thưởng {} ({})",
                n.subject_name, n.unit_name
            ),
        ),
        NState::Returned => (
            notices::store::unit_officers(tx, &n.unit_path).await?,
            format!("Đề nghị khen thưởng {} bị trả lại", n.subject_name),
        ),
        _ => return Ok(()),
    };
    notices::store::settle(tx, &link(n.id), now).await?;
    notices::store::tell(tx, &users, by, &body, &link(n.id), now).await?;
    Ok(())
}

/// `POST /khen-thuong/de-nghi/{id}/buoc`: `action`, `version`, `text`; withdrawing and
/// forwarding ask for confirmation first.
pub async fn step(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let action = Action::from_code(field(&f, "action"))
        .ok_or_else(|| AppError::BadRequest("Bước xử lý không hợp lệ.".into()))?;
    let version: i64 = field(&f, "version")
        .parse()
        .map_err(|_| AppError::BadRequest("Thiếu phiên bản của đề nghị; tải lại trang.".into()))?;
    let written = text::clean_limited(field(&f, "text"), 4000).map_err(AppError::BadRequest)?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let (n, _) = super::show_web::readable(&mut tx, &ctx, id).await?;
    let role = access::owner_role(&ctx.user, action.owner(), &n.unit_path).ok_or_else(|| {
        AppError::ForbiddenBecause(format!(
            "Bước «{}» do {} thực hiện.",
            action.label(),
            action.owner().label()
        ))
    })?;
    let from = NState::from_code(&n.state).unwrap_or(NState::Draft);
    if action == Action::Submit && from == NState::Draft {
        return Err(AppError::Conflict(
            "Đơn vị gửi cả danh sách đề nghị một lần, kèm một tờ trình, từ trang của đợt khen thưởng.".into(),
        ));
    }
    let opinions_complete = crate::awards::list_store::opinions_missing(&mut tx, id).await? == 0;
    let to = workflow::next(
        from,
        action,
        Given {
            text: &written,
            opinions_complete,
        },
    )
    .map_err(|r| AppError::Conflict(r.0))?;
    if matches!(action, Action::Withdraw | Action::Forward)
        && field(&f, confirm::FIELD) != confirm::YES
    {
        drop(tx);
        let back = link(id);
        let consequences = match action {
            Action::Withdraw => vec![
                format!(
                    "Đề nghị khen thưởng {} được rút khỏi {}, không xét tiếp.",
                    n.subject_name, n.unit_name
                ),
                "Việc rút không hoàn tác được; muốn đề nghị lại phải lập đề nghị mới.".into(),
            ],
            _ => vec![
                format!(
                    "Đề nghị khen thưởng {} chuyển Phòng Nội vụ (thường trực Hội đồng Thi đua – Khen thưởng).",
                    n.subject_name
                ),
                "Sau bước này Văn phòng Điều phối NTM không trả lại đơn vị được nữa.".into(),
            ],
        };
        let mut hidden = vec![
            ("action".to_string(), action.code().to_string()),
            ("version".to_string(), version.to_string()),
        ];
        hidden.push(("text".to_string(), written.clone()));
        let layout =
            Layout::new(&ctx, "awards", "Xác nhận").crumb(n.subject_name.clone(), back.clone());
        return Ok(confirm::page(
            layout,
            Confirmation {
                heading: format!("{} – {}", action.label(), n.subject_name),
                consequences,
                action: format!("{back}/buoc"),
                hidden,
                button: format!("Xác nhận: {}", action.label().to_lowercase()),
                back,
            },
        )?
        .into_response());
    }
    if action == Action::Submit {
        let path = store::unit_path(&mut tx, n.subject_unit_id).await?;
        let s = review::Subject {
            subject_type: &n.subject_type,
            subject_id: n.subject_id,
            name: &n.subject_name,
            path: &path,
            category: Category::from_code(&n.category).unwrap_or(Category::H),
            year: n.achievement_year,
            basis: n.basis_type.clone().zip(n.basis_id),
            nomination_id: n.id,
        };
        if let Some(why) = review::judge(&mut tx, &s, st.clock.today())
            .await?
            .blocked()
        {
            return Err(AppError::Conflict(why));
        }
    }
    let moved = Moved {
        consolidated: (action == Action::Appraise).then_some(written.as_str()),
        steering_opinion: (action == Action::SteeringOpinion).then_some(written.as_str()),
        ..Moved::default()
    };
    let ok = store::step(
        &mut tx,
        id,
        version,
        (action.code(), from.code(), to.code()),
        &moved,
        (Some(ctx.user.id), role.code()),
        &written,
        now,
    )
    .await?;
    if !ok {
        return Err(AppError::Conflict(
            "Đề nghị vừa được người khác xử lý; tải lại trang để xem bước hiện tại.".into(),
        ));
    }
    tell_next(&mut tx, &n, to, ctx.user.id, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.nomination_step",
        "nomination",
        &id.to_string(),
        &json!({"action": action.code(), "from": from.code(), "to": to.code(), "role": role.code(), "reason": written}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!("{}: {} – {}.", action.label(), n.subject_name, to.label()),
    )
    .await?;
    Ok(Redirect::to(&link(id)).into_response())
}

/// `POST /khen-thuong/de-nghi/{id}/y-kien`: an appraising office's opinion (`opinion`:
/// agree / disagree / conditional, `text`), while the nomination is under appraisal.
pub async fn opinion(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Redirect, AppError> {
    let opinion = match field(&f, "opinion") {
        o @ ("agree" | "disagree" | "conditional") => o,
        _ => {
            return Err(AppError::BadRequest(
                "Chọn ý kiến: đồng ý, không đồng ý, hoặc đồng ý có điều kiện.".into(),
            ));
        }
    };
    let written = text::clean_limited(field(&f, "text"), 4000).map_err(AppError::BadRequest)?;
    if written.is_empty() && opinion != "agree" {
        return Err(AppError::BadRequest(
            "Ghi rõ lý do hoặc điều kiện của ý kiến.".into(),
        ));
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let (n, offices) = super::show_web::readable(&mut tx, &ctx, id).await?;
    let office = access::office_of(&ctx.user, &offices).ok_or_else(|| {
        AppError::ForbiddenBecause("Chỉ các phòng thẩm định của đợt cho ý kiến thẩm định.".into())
    })?;
    if n.state != NState::UnderAppraisal.code() {
        return Err(AppError::Conflict(format!(
            "Đề nghị đang ở bước «{}»: chỉ cho ý kiến khi đang thẩm định.",
            super::show_web::state_label(&n.state)
        )));
    }
    let role = ctx
        .user
        .grants
        .iter()
        .find(|g| g.unit_id == office)
        .map_or("unit_officer", |g| g.role.code());
    store::set_opinion(
        &mut tx,
        id,
        office,
        (opinion, &written),
        (ctx.user.id, role),
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.nomination_opinion",
        "nomination",
        &id.to_string(),
        &json!({"office": office, "opinion": opinion, "text": written}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã ghi ý kiến thẩm định.").await?;
    Ok(Redirect::to(&link(id)))
}

/// `POST /khen-thuong/de-nghi/{id}/dieu-chinh`: an appraiser sets a check's outcome with a
/// written reason (`check`, `outcome`, `reason`), kept beside the computed one.
pub async fn override_check(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Redirect, AppError> {
    let outcome = Outcome::from_code(field(&f, "outcome")).ok_or_else(|| {
        AppError::BadRequest("Chọn kết quả: đạt, không đạt hoặc cần xem xét.".into())
    })?;
    let reason = text::clean_limited(field(&f, "reason"), 2000).map_err(AppError::BadRequest)?;
    if reason.chars().count() < 10 {
        return Err(AppError::BadRequest(
            "Điều chỉnh kết quả kiểm tra phải kèm lý do viết rõ (ít nhất một câu).".into(),
        ));
    }
    let code = text::clean(field(&f, "check"));
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let (n, offices) = super::show_web::readable(&mut tx, &ctx, id).await?;
    if !access::may_override(&ctx.user, &n.unit_path, &offices) {
        return Err(AppError::ForbiddenBecause(
            "Chỉ Văn phòng Điều phối NTM và các phòng thẩm định điều chỉnh kết quả kiểm tra."
                .into(),
        ));
    }
    let category = Category::from_code(&n.category).unwrap_or(Category::H);
    let known = super::eligibility::judge(category, &Default::default())
        .into_iter()
        .any(|c| c.code == code);
    if !known {
        return Err(AppError::BadRequest("Không có mục kiểm tra này.".into()));
    }
    store::set_override(
        &mut tx,
        id,
        (&code, outcome.code(), &reason),
        ctx.user.id,
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.eligibility_override",
        "nomination",
        &id.to_string(),
        &json!({"check": code, "outcome": outcome.code(), "reason": reason}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã ghi điều chỉnh kèm lý do.").await?;
    Ok(Redirect::to(&link(id)))
}
