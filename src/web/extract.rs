//! The extractors every handler uses for what a request carries: `Form`, `Query` and `Path`.
//! They wrap axum's with two differences, so no handler can forget either:
//! - every form and query value loses its C0/C1 control characters (`text::strip_controls`)
//!   before it is read, and a NUL byte is refused — it would otherwise reach PostgreSQL and
//!   fail there;
//! - a value that does not fit (`/don-vi/abc`, `?trang=99999999999999999999`, a form without
//!   its `version`) is refused with `AppError::BadRequest` and a Vietnamese page, never axum's
//!   English plain text.
//!
//! Names and notes are then cleaned by the handler's validation with `text::clean`.

use axum::extract::rejection::{PathRejection, RawFormRejection};
use axum::extract::{FromRequest, FromRequestParts, RawForm, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::AppError;
use crate::text::strip_controls;

/// A URL-encoded form body (or the query string of a GET form), cleaned of control characters.
/// Rejection: a Vietnamese 400 page naming the field that did not fit.
#[derive(Debug, Clone, Copy, Default)]
pub struct Form<T>(pub T);

/// The query string, cleaned of control characters. Rejection: a Vietnamese 400 page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

/// Path parameters (`/don-vi/{id}`). Rejection: a Vietnamese 400 page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Path<T>(pub T);

impl<T, S> FromRequest<S> for Form<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let RawForm(bytes) = RawForm::from_request(req, state)
            .await
            .map_err(form_rejection)?;
        decode(&bytes).map(Form).map_err(|field| {
            AppError::BadRequest(format!(
                "Biểu mẫu gửi lên không đúng: {field}. Hãy tải lại trang rồi nhập lại."
            ))
        })
    }
}

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        decode(query.as_bytes()).map(Query).map_err(|field| {
            AppError::BadRequest(format!(
                "Địa chỉ trang không đúng: {field}. Hãy mở lại trang từ các liên kết của hệ thống."
            ))
        })
    }
}

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if parts.uri.path().to_ascii_lowercase().contains("%00") {
            return Err(AppError::BadRequest(
                "Địa chỉ trang chứa ký tự rỗng (NUL), không được phép.".into(),
            ));
        }
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(PathRejection::MissingPathParams(e)) => {
                // The route and the handler disagree: a programming error, not the visitor's.
                Err(AppError::Internal(anyhow::anyhow!("path parameters: {e}")))
            }
            Err(_) => Err(AppError::BadRequest(
                "Địa chỉ trang không đúng: mã số trong địa chỉ phải là số nguyên dương. \
                 Hãy mở lại trang từ các liên kết của hệ thống."
                    .into(),
            )),
        }
    }
}

fn form_rejection(r: RawFormRejection) -> AppError {
    let msg = match r.status() {
        StatusCode::PAYLOAD_TOO_LARGE => "Biểu mẫu gửi lên quá lớn.",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "Yêu cầu không phải là một biểu mẫu của hệ thống. Hãy gửi lại từ trang nhập liệu."
        }
        _ => "Không đọc được biểu mẫu gửi lên. Hãy tải lại trang rồi thử lại.",
    };
    AppError::BadRequest(msg.into())
}

/// Strips control characters from every key and value, then deserialises exactly as axum
/// does. `Err` describes the field that did not fit, in Vietnamese. A NUL byte is refused
/// rather than dropped: no keyboard types it, so it is a broken client or a probe, and the
/// request is answered 400 without anything being written.
pub(super) fn decode<T: DeserializeOwned>(raw: &[u8]) -> Result<T, String> {
    let mut cleaned = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(raw) {
        if k.contains('\0') || v.contains('\0') {
            let field = strip_controls(&k).chars().take(40).collect::<String>();
            return Err(format!("«{field}» chứa ký tự rỗng (NUL), không được phép"));
        }
        cleaned.append_pair(&strip_controls(&k), &strip_controls(&v));
    }
    let cleaned = cleaned.finish();
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(cleaned.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        if path != "." && !path.is_empty() {
            format!("giá trị của «{path}» không hợp lệ")
        } else if let Some(field) = inner
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next())
        {
            format!("thiếu «{field}»")
        } else {
            "có giá trị không hợp lệ".to_string()
        }
    })
}

/// A field of a form read as a map, or "" when it was not sent.
pub fn field<'a>(form: &'a std::collections::HashMap<String, String>, name: &str) -> &'a str {
    form.get(name).map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Search {
        #[serde(default)]
        q: String,
        trang: Option<i64>,
    }

    #[test]
    fn control_characters_are_gone_before_the_value_is_read() {
        let s: Search = decode(b"q=H%E1%BB%93ng%07+Lam%1B%C2%9B&trang=2").unwrap();
        assert_eq!(
            s,
            Search {
                q: "Hồng Lam".into(),
                trang: Some(2)
            }
        );
        // Spaces are the handler's business (a password keeps them).
        let s: Search = decode(b"q=+a++b+").unwrap();
        assert_eq!(s.q, " a  b ");
    }

    #[test]
    fn a_nul_byte_is_refused_naming_its_field() {
        let e = decode::<Search>(b"q=admin%00").unwrap_err();
        assert_eq!(e, "«q» chứa ký tự rỗng (NUL), không được phép");
    }

    #[test]
    fn values_that_do_not_fit_name_their_field() {
        let e = decode::<Search>(b"trang=99999999999999999999").unwrap_err();
        assert_eq!(e, "giá trị của «trang» không hợp lệ");
        let e = decode::<Search>(b"trang=-x").unwrap_err();
        assert!(e.contains("trang"), "{e}");
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Edit {
            version: i64,
        }
        assert_eq!(decode::<Edit>(b"").unwrap_err(), "thiếu «version»");
    }
}
