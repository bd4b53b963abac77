//! Evidence files (minh chứng) for one figure: uploaded while the sheet is in the unit's hands,
//! stored by content hash under the data directory, downloaded by whoever may read the sheet.

use axum::extract::{Multipart, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::sheet::{load, load_writable};
use super::store;
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::Path;
use crate::web::session::Ctx;

const KINDS: [(&str, &str); 7] = [
    ("pdf", "application/pdf"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("png", "image/png"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("doc", "application/msword"),
];

fn content_type(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_lowercase();
    KINDS.iter().find(|(e, _)| *e == ext).map(|(_, t)| *t)
}

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
    let upload = crate::web::upload::read(form).await?;
    let indicator_id = upload
        .fields
        .get("indicator_id")
        .and_then(|v| v.trim().parse::<i64>().ok());
    let (name, bytes) = (upload.file_name, upload.bytes);
    let ind = data
        .entered
        .iter()
        .find(|i| Some(i.id) == indicator_id)
        .ok_or_else(|| bad("Hãy chọn một chỉ số của bảng này."))?;
    if bytes.is_empty() {
        return Err(bad("Hãy chọn một tệp để tải lên."));
    }
    if bytes.len() > super::EVIDENCE_MAX_BYTES {
        return Err(bad(&format!(
            "Tệp lớn hơn {} MB; hãy nén hoặc chia nhỏ rồi tải lên lại.",
            super::EVIDENCE_MAX_BYTES / (1024 * 1024)
        )));
    }
    if content_type(&name).is_none() {
        return Err(bad("Chỉ nhận tệp PDF, ảnh JPG/PNG, Word hoặc Excel."));
    }
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
    let key = hex::encode(Sha256::digest(&bytes));
    let dir = st.settings.data_dir.join("minh-chung");
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    // Named by content, so a failed transaction leaves at most a harmless unreferenced copy.
    tokio::fs::write(dir.join(&key), &bytes)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
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
    store::set_evidence(&mut tx, &sheet, ind.id, &name, &key, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "figures.evidence",
        "figure_sheet",
        &sheet.id.to_string(),
        &json!({"indicator": ind.code, "file": name, "sha256": key,
                "values": typed.as_ref().map(|t| &t.values)}),
    )
    .await?;
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

pub async fn download(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year, indicator_id)): Path<(i64, String, i64)>,
) -> Result<Response, AppError> {
    let data = load(&st, &ctx, unit_id, &year).await?;
    let f = data
        .values
        .get(&indicator_id)
        .filter(|f| !f.evidence_key.is_empty())
        .ok_or(AppError::NotFound)?;
    let bytes = tokio::fs::read(
        st.settings
            .data_dir
            .join("minh-chung")
            .join(&f.evidence_key),
    )
    .await
    .map_err(|_| AppError::NotFound)?;
    let ascii_name: String = text::fold(&f.evidence_name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    Ok((
        [
            (
                header::CONTENT_TYPE,
                content_type(&f.evidence_name)
                    .unwrap_or("application/octet-stream")
                    .to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii_name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
