//! Reading a multipart form with one file: the file's name and bytes, and the text fields.

use std::collections::HashMap;

use axum::extract::Multipart;
use axum::http::StatusCode;

use super::error::AppError;

#[derive(Debug, Default)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub fields: HashMap<String, String>,
}

/// Reads the whole form; the field named `file` is the file. A form cut short (too large, or
/// broken off) is refused with a message the person can act on.
pub async fn read(form: Multipart) -> Result<Upload, AppError> {
    read_sized(
        form,
        "Tệp gửi lên lớn hơn giới hạn cho phép; hãy chia nhỏ rồi tải lên lại.",
    )
    .await
}

/// As [`read`], with `too_large` as the sentence for a body over the route's limit.
pub async fn read_sized(mut form: Multipart, too_large: &str) -> Result<Upload, AppError> {
    let broken = || AppError::BadRequest("Không đọc được tệp gửi lên (tệp có thể quá lớn).".into());
    let refuse = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::BadRequest(too_large.into())
        } else {
            broken()
        }
    };
    let mut out = Upload::default();
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(refuse(e)),
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            out.file_name = crate::text::clean(field.file_name().unwrap_or_default());
            out.bytes = field.bytes().await.map_err(refuse)?.to_vec();
        } else {
            let value = field.text().await.map_err(refuse)?;
            // Like every form value (`web::extract`): no control characters reach a handler.
            out.fields
                .insert(name, crate::text::strip_controls(&value).into_owned());
        }
    }
    Ok(out)
}
