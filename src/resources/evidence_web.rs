//! Evidence of a contribution (the land-gift minutes, a receipt) in the one file store:
//! attached and removed (audited) by those who edit the beneficiary unit, read by whoever may
//! read the contribution.

use axum::extract::{Multipart, State};
use axum::response::{Redirect, Response};
use serde_json::json;

use super::store;
use super::web::readable;
use crate::audit;
use crate::files::{self, store::Owner};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::{Path, Query};
use crate::web::session::Ctx;

/// The owner kind of contribution evidence in `attachments`.
pub const OWNER: &str = "contribution";

/// `POST /dong-gop/{id}/minh-chung` (multipart: `file`).
pub async fn upload(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Multipart,
) -> Result<Redirect, AppError> {
    let r = readable(&st, &ctx, id).await?;
    if !ctx.user.can_edit(&r.unit_path) {
        return Err(AppError::Forbidden);
    }
    let mut upload = files::web::read(form).await?;
    let (file, bytes) = files::web::accepted(&mut upload)?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    store::one(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let owner = Owner {
        kind: OWNER,
        id,
        slot: 0,
    };
    files::store::attach(&mut tx, &file, owner, ctx.user.id, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "contribution.evidence_add",
        "contribution",
        &id.to_string(),
        &json!({"file": file.name, "sha256": file.sha256, "size": file.size}),
    )
    .await?;
    // Bytes last, before the commit: a refusal above leaves nothing on disk.
    st.files
        .put(&file.sha256, bytes)
        .await
        .map_err(AppError::Internal)?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã đính kèm «{}».", file.name))
        .await?;
    Ok(Redirect::to(&format!("/dong-gop/{id}")))
}

/// `POST /dong-gop/{id}/minh-chung/{file}/xoa`.
pub async fn remove(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, attachment_id)): Path<(i64, i64)>,
) -> Result<Redirect, AppError> {
    let r = readable(&st, &ctx, id).await?;
    if !ctx.user.can_edit(&r.unit_path) {
        return Err(AppError::Forbidden);
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let f = files::store::one(&mut tx, OWNER, id, attachment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !files::store::remove(&mut tx, OWNER, id, attachment_id, ctx.user.id, now).await? {
        return Err(AppError::NotFound);
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "contribution.evidence_remove",
        "contribution",
        &id.to_string(),
        &json!({"file": f.name, "sha256": f.sha256}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã gỡ minh chứng «{}».", f.name))
        .await?;
    Ok(Redirect::to(&format!("/dong-gop/{id}")))
}

#[derive(serde::Deserialize)]
pub struct Preview {
    xem: Option<String>,
}

/// `GET /dong-gop/{id}/minh-chung/{file}[?xem=1]`.
pub async fn download(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, attachment_id)): Path<(i64, i64)>,
    Query(p): Query<Preview>,
) -> Result<Response, AppError> {
    readable(&st, &ctx, id).await?;
    files::web::serve_attachment(&st, OWNER, id, attachment_id, p.xem.is_some()).await
}
