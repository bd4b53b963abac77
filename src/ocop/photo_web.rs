//! A product's photo in the one file store (JPEG or PNG, kind read from the content): set by
//! those who edit the producing unit or evaluate its products, shown on the product's page and,
//! for a product in the public catalogue, on its public page and label.

use axum::extract::{Multipart, State};
use axum::response::{Redirect, Response};
use serde_json::json;

use super::store;
use crate::audit;
use crate::files::{self, Kind, store::Owner};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::Path;
use crate::web::session::Ctx;

/// The owner kind of product photos in `attachments`; the newest attached is the photo.
pub const OWNER: &str = "ocop_product";

/// `POST /ocop/{id}/anh` (multipart: `file`).
pub async fn upload(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Multipart,
) -> Result<Redirect, AppError> {
    let mut c = st.db.conn().await?;
    let p = store::product(&mut c, id)
        .await?
        .filter(|p| ctx.user.can_see(&p.unit_path))
        .ok_or(AppError::NotFound)?;
    drop(c);
    if !ctx.user.can_edit(&p.unit_path) && !super::web::may_evaluate(&ctx, &p.unit_path) {
        return Err(AppError::Forbidden);
    }
    let mut upload = files::web::read(form).await?;
    let (file, bytes) = files::web::accepted(&mut upload)?;
    if !matches!(file.kind, Kind::Jpeg | Kind::Png) {
        return Err(AppError::BadRequest(
            "Ảnh sản phẩm phải là tệp JPEG hoặc PNG.".into(),
        ));
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    store::product(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
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
        "ocop.photo",
        "ocop_product",
        &id.to_string(),
        &json!({"file": file.name, "sha256": file.sha256, "size": file.size}),
    )
    .await?;
    st.files
        .put(&file.sha256, bytes)
        .await
        .map_err(AppError::Internal)?;
    tx.commit().await?;
    ctx.flash(&st, "Đã cập nhật ảnh sản phẩm.").await?;
    Ok(Redirect::to(&format!("/ocop/{id}")))
}

/// The photo's bytes, or 404 when the product has none.
pub async fn photo_of(st: &AppState, id: i64) -> Result<Response, AppError> {
    let mut c = st.db.conn().await?;
    let newest = files::store::of(&mut c, OWNER, id)
        .await?
        .into_iter()
        .max_by_key(|f| (f.uploaded_at, f.id))
        .ok_or(AppError::NotFound)?;
    drop(c);
    files::web::serve_attachment(st, OWNER, id, newest.id, true).await
}

/// Whether the product has a photo.
pub async fn has_photo(st: &AppState, id: i64) -> Result<bool, AppError> {
    let mut c = st.db.conn().await?;
    Ok(!files::store::of(&mut c, OWNER, id).await?.is_empty())
}

/// `GET /ocop/{id}/anh`.
pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let mut c = st.db.conn().await?;
    store::product(&mut c, id)
        .await?
        .filter(|p| ctx.user.can_see(&p.unit_path))
        .ok_or(AppError::NotFound)?;
    drop(c);
    photo_of(&st, id).await
}
