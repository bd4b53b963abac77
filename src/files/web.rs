//! What every page that takes or gives a stored file shares: reading the upload form (a body
//! over the limit gets the size message, not a broken-form one), and answering a download or a
//! preview with the type the store recorded from the content.

use axum::extract::Multipart;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::Accepted;
use crate::web::error::AppError;
use crate::web::upload::Upload;

/// The body limit for an upload route: the largest file plus room for the form's other fields.
pub const BODY_LIMIT: usize = super::MAX_BYTES + 256 * 1024;

/// Reads an evidence form: the `file` field and the text fields. A body cut off at the route's
/// limit is told as a file over 20 MB.
///
/// Errors: a broken or oversized form, as a Vietnamese sentence.
pub async fn read(form: Multipart) -> Result<Upload, AppError> {
    crate::web::upload::read_sized(form, super::OVER_LIMIT).await
}

/// The upload's file checked by [`super::accept`], with the bytes.
///
/// Errors: the Vietnamese reason the file is refused.
pub fn accepted(upload: &mut Upload) -> Result<(Accepted, Vec<u8>), AppError> {
    let bytes = std::mem::take(&mut upload.bytes);
    let file = super::accept(&upload.file_name, &bytes).map_err(AppError::BadRequest)?;
    Ok((file, bytes))
}

/// Answers with a stored file: inline when `preview` and the kind shows in a browser, else as
/// a download under its name. The content is sandboxed so a hostile PDF runs no script on the
/// product's origin.
pub fn send(name: &str, media_type: &str, bytes: Vec<u8>, preview: bool) -> Response {
    let kind = super::Kind::from_media_type(media_type);
    let inline = preview && kind.is_some_and(super::Kind::previews);
    let ascii: String = crate::text::fold(name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(name.as_bytes()).collect();
    let disposition = format!(
        "{}; filename=\"{ascii}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        encoded.replace('+', "%20")
    );
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                kind.map_or("application/octet-stream", super::Kind::media_type)
                    .to_string(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CONTENT_SECURITY_POLICY, "sandbox".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// Sends the attachment `attachment_id` of `kind`/`id` — inline when `preview` and the kind
/// previews — or 404 when it is not attached there (or was removed). The caller has checked
/// that the reader may see the owner.
pub async fn serve_attachment(
    st: &crate::state::AppState,
    kind: &str,
    id: i64,
    attachment_id: i64,
    preview: bool,
) -> Result<Response, AppError> {
    let mut c = st.db.conn().await?;
    let f = super::store::one(&mut c, kind, id, attachment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(c);
    let bytes = st
        .files
        .get(&f.sha256)
        .await
        .map_err(AppError::Internal)?
        .ok_or(AppError::NotFound)?;
    Ok(send(&f.name, &f.media_type, bytes, preview))
}
