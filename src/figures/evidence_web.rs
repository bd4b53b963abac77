//! Evidence files (minh chứng) for one figure: uploaded while the sheet is in the unit's hands,
//! kept in the one file store (`files`), downloaded by whoever may read the sheet.

use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;

use super::sheet::{load, load_writable};
use super::store;
use crate::audit;
use crate::files;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::{Path, Query};
use crate::web::session::Ctx;

fn bad(msg: &str) -> AppError {
    AppError::BadRequest(msg.into())
}

pub async fn upload(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year)): Path<(i64, String)>,
    form: Multipart,
) -> Result<Response, AppError> {
    // Permission and the sheet's state are checked before the body is read into memory.
    let data = load_writable(&st, &ctx, unit_id, &year).await?;
    let mut upload = files::web::read(form).await?;
    let indicator_id = upload
        .fields
        .get("indicator_id")
        .and_then(|v| v.trim().parse::<i64>().ok());
    let ind = data
        .entered
        .iter()
        .find(|i| Some(i.id) == indicator_id)
        .ok_or_else(|| bad("Hãy chọn một chỉ số của bảng này."))?;
    // Every file check runs before anything is written (nothing of a refused file is kept).
    let (file, bytes) = files::web::accepted(&mut upload)?;
    let name = file.name.clone();
    // The upload button posts the whole sheet form, so what was typed but not yet saved is
    // kept as a draft in the same transaction as the file (issue 8, item 5).
    let typed = super::typed::carries_cells(&upload.fields)
        .then(|| super::typed::read(&data, &upload.fields, false));
    let version = typed.as_ref().and(
        upload
            .fields
            .get("version")
            .and_then(|v| v.trim().parse::<i64>().ok()),
    );
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    // The sheet may have been sent or approved while the file was uploading.
    let (sheet, _) = super::entry_web::writable_sheet(&mut tx, &ctx, &data, version, now).await?;
    if let Some(t) = &typed {
        t.put_valid(&mut tx, &sheet, &data, now).await?;
        if !store::touch(&mut tx, &sheet, now).await? {
            return Err(AppError::Conflict(store::MOVED_ELSEWHERE.into()));
        }
    }
    store::set_evidence(&mut tx, &sheet, ind.id, &name, &file.sha256, now).await?;
    let owner = files::store::Owner {
        kind: "figure_sheet",
        id: sheet.id,
        slot: ind.id,
    };
    files::store::attach(&mut tx, &file, owner, ctx.user.id, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "figures.evidence",
        "figure_sheet",
        &sheet.id.to_string(),
        &json!({"indicator": ind.code, "file": name, "sha256": file.sha256, "size": file.size,
                "values": typed.as_ref().map(|t| &t.values)}),
    )
    .await?;
    // The bytes go in last, before the commit: a refusal above leaves nothing on disk, and a
    // committed row always finds its file (backup relies on that order).
    st.files
        .put(&file.sha256, bytes)
        .await
        .map_err(AppError::Internal)?;
    tx.commit().await?;
    let attached = format!("Đã đính kèm «{name}» cho {}.", ind.name);
    if let Some(t) = typed.as_ref().filter(|t| !t.errors.is_empty()) {
        // The cells that could not be kept stay on the page as typed, each marked.
        let fresh = load_writable(&st, &ctx, unit_id, &year).await?;
        let told = Ctx {
            flash: Some(attached),
            ..ctx.clone()
        };
        let outcome = (t.errors.len(), t.valid(&data));
        return Ok(super::entry_web::page(
            &told,
            &fresh,
            t.lines(&data),
            Default::default(),
            outcome,
        )?
        .into_response());
    }
    let kept = if typed.is_some() {
        " Số liệu đang nhập cũng đã được lưu nháp."
    } else {
        ""
    };
    ctx.flash(&st, &format!("{attached}{kept}")).await?;
    Ok(Redirect::to(&format!("/so-lieu/{}/{}", data.unit.id, data.year)).into_response())
}

/// `?xem=1` asks for the file shown in the page rather than downloaded.
#[derive(serde::Deserialize)]
pub struct Preview {
    xem: Option<String>,
}

pub async fn download(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year, indicator_id)): Path<(i64, String, i64)>,
    Query(preview): Query<Preview>,
) -> Result<Response, AppError> {
    let data = load(&st, &ctx, unit_id, &year).await?;
    let f = data
        .values
        .get(&indicator_id)
        .filter(|f| !f.evidence_key.is_empty())
        .ok_or(AppError::NotFound)?;
    let mut c = st.db.conn().await?;
    let media_type = files::store::media_type(&mut c, &f.evidence_key)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(c);
    let bytes = st
        .files
        .get(&f.evidence_key)
        .await
        .map_err(AppError::Internal)?
        .ok_or(AppError::NotFound)?;
    Ok(files::web::send(
        &f.evidence_name,
        &media_type,
        bytes,
        preview.xem.is_some(),
    ))
}
