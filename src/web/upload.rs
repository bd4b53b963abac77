//! Reading a multipart form with one file: the file's name and bytes, and the text fields.

use std::collections::HashMap;

use axum::extract::Multipart;

use super::error::AppError;

#[derive(Debug, Default)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub fields: HashMap<String, String>,
}

/// Reads the whole form; the field named `file` is the file. A form cut short (too large, or
/// broken off) is refused with a message the person can act on.
pub async fn read(mut form: Multipart) -> Result<Upload, AppError> {
    let broken = || AppError::BadRequest("Không đọc được tệp gửi lên (tệp có thể quá lớn).".into());
    let mut out = Upload::default();
    while let Some(field) = form.next_field().await.map_err(|_| broken())? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            out.file_name = crate::text::clean(field.file_name().unwrap_or_default());
            out.bytes = field.bytes().await.map_err(|_| broken())?.to_vec();
        } else {
            let value = field.text().await.map_err(|_| broken())?;
            // Like every form value (`web::extract`): no control characters reach a handler.
            out.fields
                .insert(name, crate::text::strip_controls(&value).into_owned());
        }
    }
    Ok(out)
}
