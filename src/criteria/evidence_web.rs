//! Evidence files of an assessment's criteria, kept in the one file store (`files`): attached
//! and removed (audited) while the assessment is in the subject's hands, never once it is sent
//! or locked; downloaded or previewed by whoever may read the assessment.

use axum::extract::{Multipart, State};
use axum::response::{Redirect, Response};
use serde_json::json;

use super::access;
use super::assess_store;
use super::assess_web::{readable, still_editable};
use crate::audit;
use crate::files::{self, store::Owner};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::{Path, Query};
use crate::web::session::Ctx;

/// The owner kind of assessment evidence in `attachments`.
pub const OWNER: &str = "assessment";

/// `POST /danh-gia/{id}/minh-chung` (multipart: `criterion_id`, `file`).
pub async fn upload(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Multipart,
) -> Result<Redirect, AppError> {
    // Rights and state are checked before the body is read into memory.
    let d = readable(&st, &ctx, id).await?;
    if !access::may_fill(&ctx.user, &d.a.unit_path) {
        return Err(AppError::Forbidden);
    }
    still_editable(d.status())?;
    let mut upload = files::web::read(form).await?;
    let criterion_id = upload
        .fields
        .get("criterion_id")
        .and_then(|v| v.trim().parse::<i64>().ok());
    let block = criterion_id.and_then(|c| d.block(c)).ok_or_else(|| {
        AppError::BadRequest("Hãy chọn một tiêu chí của bản đánh giá này.".into())
    })?;
    let (file, bytes) = files::web::accepted(&mut upload)?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    // The assessment may have been sent while the file was uploading.
    let a = assess_store::find(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    still_editable(a.status())?;
    let owner = Owner {
        kind: OWNER,
        id,
        slot: block.c.id,
    };
    files::store::attach(&mut tx, &file, owner, ctx.user.id, now).await?;
    // What the office verified no longer holds once the proof changes.
    assess_store::unverify(&mut tx, id, block.c.id).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "criteria.evidence_add",
        "assessment",
        &id.to_string(),
        &json!({"criterion": block.c.number, "file": file.name, "sha256": file.sha256, "size": file.size}),
    )
    .await?;
    // Bytes last, before the commit: a refusal above leaves nothing on disk.
    st.files
        .put(&file.sha256, bytes)
        .await
        .map_err(AppError::Internal)?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã đính kèm «{}» cho tiêu chí {}.",
            file.name,
            block.label()
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/danh-gia/{id}#tc-{}", block.c.id)))
}

/// `POST /danh-gia/{id}/minh-chung/{file}/xoa`.
pub async fn remove(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, attachment_id)): Path<(i64, i64)>,
) -> Result<Redirect, AppError> {
    let d = readable(&st, &ctx, id).await?;
    if !access::may_fill(&ctx.user, &d.a.unit_path) {
        return Err(AppError::Forbidden);
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let a = assess_store::find(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    still_editable(a.status())?;
    let f = files::store::one(&mut tx, OWNER, id, attachment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !files::store::remove(&mut tx, OWNER, id, attachment_id, ctx.user.id, now).await? {
        return Err(AppError::NotFound);
    }
    assess_store::unverify(&mut tx, id, f.slot).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "criteria.evidence_remove",
        "assessment",
        &id.to_string(),
        &json!({"criterion_id": f.slot, "file": f.name, "sha256": f.sha256}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã gỡ minh chứng «{}».", f.name))
        .await?;
    Ok(Redirect::to(&format!("/danh-gia/{id}#tc-{}", f.slot)))
}

#[derive(serde::Deserialize)]
pub struct Preview {
    xem: Option<String>,
}

/// `GET /danh-gia/{id}/minh-chung/{file}[?xem=1]`.
pub async fn download(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, attachment_id)): Path<(i64, i64)>,
    Query(p): Query<Preview>,
) -> Result<Response, AppError> {
    readable(&st, &ctx, id).await?;
    files::web::serve_attachment(&st, OWNER, id, attachment_id, p.xem.is_some()).await
}
