//! The owning office verifies or rejects its own criteria of a submitted assessment (a reason
//! is required to reject); the level above reopens a verified one with a reason. Every check
//! runs again inside the transaction that writes.

use axum::extract::State;
use axum::response::Redirect;
use serde::Deserialize;
use serde_json::json;

use super::access;
use super::assess::{self, Review, Status};
use super::assess_store;
use super::assess_web::readable;
use crate::audit;
use crate::notices;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;

#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

const REASON_MAX: usize = 1000;

fn reason_of(f: &ReasonForm, what: &str) -> Result<String, AppError> {
    let r = text::clean_limited(&f.reason, REASON_MAX).map_err(AppError::BadRequest)?;
    if r.is_empty() {
        return Err(AppError::BadRequest(format!(
            "Hãy ghi lý do {what} để đơn vị biết cần làm gì."
        )));
    }
    Ok(r)
}

/// `POST /danh-gia/{id}/tieu-chi/{criterion}/{xac-minh|tra-lai}`.
pub async fn review(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, criterion_id, action)): Path<(i64, i64, String)>,
    Form(f): Form<ReasonForm>,
) -> Result<Redirect, AppError> {
    let verdict = match action.as_str() {
        "xac-minh" => Review::Verified,
        "tra-lai" => Review::Rejected,
        _ => return Err(AppError::NotFound),
    };
    let d = readable(&st, &ctx, id).await?;
    let block = d.block(criterion_id).ok_or(AppError::NotFound)?;
    if !access::may_verify(&ctx.user, block.c.owner_unit_id) {
        return Err(AppError::ForbiddenBecause(format!(
            "Tiêu chí «{}» do {} xác minh; phòng của bạn chỉ xác minh tiêu chí mình phụ trách.",
            block.label(),
            block.c.owner_name.as_deref().unwrap_or("phòng phụ trách")
        )));
    }
    let reason = match verdict {
        Review::Rejected => reason_of(&f, "trả lại")?,
        _ => text::clean_limited(&f.reason, REASON_MAX).map_err(AppError::BadRequest)?,
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let a = assess_store::find(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !matches!(a.status(), Status::Submitted | Status::Returned) {
        return Err(AppError::Conflict(
            "Bản đánh giá không ở bước chờ xác minh (chưa gửi, hoặc đã khóa).".into(),
        ));
    }
    let done = assess_store::review(
        &mut tx,
        id,
        criterion_id,
        verdict.code(),
        &reason,
        ctx.user.id,
        now,
    )
    .await?;
    if done == 0 {
        return Err(AppError::Conflict(
            "Tiêu chí này không còn chờ xác minh (đã được xem xét, hoặc đơn vị đang sửa).".into(),
        ));
    }
    let reviews: Vec<Review> = assess_store::reviews(&mut tx, id)
        .await?
        .iter()
        .map(|r| Review::from_code(r))
        .collect();
    let mut to = assess::status_after_review(&reviews);
    if a.status() == Status::Returned && to == Status::Submitted {
        // Still in the subject's hands until it sends again.
        to = Status::Returned;
    }
    if to != a.status() && !assess_store::move_to(&mut tx, id, a.version, to.code(), now).await? {
        return Err(AppError::Conflict(
            "Bản đánh giá vừa được thay đổi ở nơi khác; hãy tải lại trang.".into(),
        ));
    }
    let link = format!("/danh-gia/{id}");
    let officers = notices::store::unit_officers(&mut tx, &a.unit_path).await?;
    let body = match verdict {
        Review::Rejected => format!(
            "{} trả lại tiêu chí «{}» của bản đánh giá «{}» năm {}: {reason}",
            block.c.owner_name.as_deref().unwrap_or("Phòng phụ trách"),
            block.label(),
            a.set_name,
            a.year
        ),
        _ if to == Status::Verified => format!(
            "Bản đánh giá «{}» năm {} của {} đã được xác minh đủ các tiêu chí và khóa.",
            a.set_name, a.year, a.subject_name
        ),
        _ => String::new(),
    };
    if !body.is_empty() {
        notices::store::tell(&mut tx, &officers, ctx.user.id, &body, &link, now).await?;
    }
    if to == Status::Verified {
        let deciders = notices::store::reviewers(&mut tx, &a.unit_path).await?;
        let body = format!(
            "Bản đánh giá «{}» năm {} của {} đã xác minh xong: có thể xem xét công nhận.",
            a.set_name, a.year, a.subject_name
        );
        notices::store::tell(&mut tx, &deciders, ctx.user.id, &body, &link, now).await?;
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        match verdict {
            Review::Rejected => "criteria.criterion_reject",
            _ => "criteria.criterion_verify",
        },
        "assessment",
        &id.to_string(),
        &json!({"criterion": block.c.number, "reason": reason, "status": to.code()}),
    )
    .await?;
    tx.commit().await?;
    let msg = match verdict {
        Review::Rejected => format!("Đã trả lại tiêu chí «{}» cho đơn vị.", block.label()),
        _ => format!("Đã xác minh tiêu chí «{}».", block.label()),
    };
    ctx.flash(&st, &msg).await?;
    Ok(Redirect::to(&link))
}

/// `POST /danh-gia/{id}/mo-lai`: the level above reopens a verified assessment with a reason;
/// every criterion then waits for its office again.
pub async fn reopen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ReasonForm>,
) -> Result<Redirect, AppError> {
    let d = readable(&st, &ctx, id).await?;
    if !access::may_decide(&ctx.user, &d.a.unit_path) {
        return Err(AppError::Forbidden);
    }
    let reason = reason_of(&f, "mở lại")?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let a = assess_store::find(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if a.status() != Status::Verified {
        return Err(AppError::Conflict(
            "Chỉ mở lại được bản đánh giá đã xác minh và khóa.".into(),
        ));
    }
    assess_store::all_to_pending(&mut tx, id).await?;
    if !assess_store::move_to(&mut tx, id, a.version, Status::Draft.code(), now).await? {
        return Err(AppError::Conflict(
            "Bản đánh giá vừa được thay đổi ở nơi khác; hãy tải lại trang.".into(),
        ));
    }
    let link = format!("/danh-gia/{id}");
    let officers = notices::store::unit_officers(&mut tx, &a.unit_path).await?;
    let body = format!(
        "Bản đánh giá «{}» năm {} được mở lại để sửa. Lý do: {reason}",
        a.set_name, a.year
    );
    notices::store::tell(&mut tx, &officers, ctx.user.id, &body, &link, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "criteria.assessment_reopen",
        "assessment",
        &id.to_string(),
        &json!({"reason": reason}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã mở lại bản đánh giá; đơn vị được thông báo.")
        .await?;
    Ok(Redirect::to(&link))
}
