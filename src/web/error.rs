//! The one error type of the web layer, and how each kind becomes a page a person can read.

use askama::Template;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("không tìm thấy")]
    NotFound,
    #[error("không có quyền")]
    Forbidden,
    /// Forbidden for a reason the user should read (separation of duties: "Người đã nhập hoặc
    /// gửi bảng số liệu không được tự duyệt").
    #[error("{0}")]
    ForbiddenBecause(String),
    #[error("cần đăng nhập")]
    LoginRequired,
    /// The request is answered by another URL (a page past the last one of a list).
    #[error("chuyển trang")]
    Redirect(String),
    #[error("phiên làm việc đã hết hạn")]
    SessionExpired,
    #[error("thiếu mã chống giả mạo")]
    Csrf,
    #[error("{0}")]
    BadRequest(String),
    /// The record is in a state that does not allow this (e.g. approved figures are locked).
    #[error("{0}")]
    Conflict(String),
    /// The database stayed busy past its wait (a large import holding SQLite's write lock, a
    /// pool with no free connection): nothing was written, and trying again will work.
    #[error("cơ sở dữ liệu đang bận")]
    Busy,
    /// A login-free form used past its limit (the public notice's comments): 429 with the
    /// reason and when to try again.
    #[error("{0}")]
    TooManyRequests(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if crate::db::is_busy(&e) {
            AppError::Busy
        } else {
            AppError::Internal(e.into())
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(e.into())
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage<'a> {
    pub title: &'a str,
    pub message: &'a str,
    pub request_id: &'a str,
}

/// Marks a 500 response whose page the `apology` middleware writes, once it knows the request id.
#[derive(Clone, Debug)]
struct Apology(String);

pub fn error_page(status: StatusCode, title: &str, message: &str, request_id: &str) -> Response {
    let page = ErrorPage {
        title,
        message,
        request_id,
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, title.to_string()).into_response(),
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::NotFound => error_page(
                StatusCode::NOT_FOUND,
                "Không tìm thấy trang",
                "Trang hoặc hồ sơ này không tồn tại, hoặc nằm ngoài phạm vi đơn vị của bạn.",
                "",
            ),
            AppError::Forbidden => error_page(
                StatusCode::FORBIDDEN,
                "Không có quyền truy cập",
                "Tài khoản của bạn không được giao quyền với nội dung này. Nếu cần, hãy liên hệ quản trị hệ thống.",
                "",
            ),
            AppError::ForbiddenBecause(why) => {
                error_page(StatusCode::FORBIDDEN, "Không thực hiện được", &why, "")
            }
            AppError::LoginRequired => Redirect::to("/dang-nhap").into_response(),
            AppError::Redirect(to) => Redirect::to(&to).into_response(),
            AppError::SessionExpired => Redirect::to("/dang-nhap?het_han=1").into_response(),
            AppError::Csrf => error_page(
                StatusCode::FORBIDDEN,
                "Yêu cầu bị từ chối",
                "Biểu mẫu đã hết hạn hoặc không được gửi từ trang của hệ thống. Hãy tải lại trang rồi thử lại.",
                "",
            ),
            AppError::BadRequest(msg) => {
                error_page(StatusCode::BAD_REQUEST, "Yêu cầu không hợp lệ", &msg, "")
            }
            AppError::Conflict(msg) => {
                error_page(StatusCode::CONFLICT, "Chưa thực hiện được", &msg, "")
            }
            AppError::Busy => {
                let mut page = error_page(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Hệ thống đang bận",
                    "Hệ thống đang ghi một lượng lớn dữ liệu nên chưa thực hiện được yêu cầu của bạn; dữ liệu không bị thay đổi. Hãy thử lại sau ít phút.",
                    "",
                );
                page.headers_mut()
                    .insert(header::RETRY_AFTER, header::HeaderValue::from_static("30"));
                page
            }
            AppError::TooManyRequests(msg) => {
                let mut page =
                    error_page(StatusCode::TOO_MANY_REQUESTS, "Gửi quá nhiều lần", &msg, "");
                page.headers_mut()
                    .insert(header::RETRY_AFTER, header::HeaderValue::from_static("600"));
                page
            }
            AppError::Internal(e) => {
                let mut resp = StatusCode::INTERNAL_SERVER_ERROR.into_response();
                resp.extensions_mut().insert(Apology(format!("{e:#}")));
                resp
            }
        }
    }
}

/// Logs unexpected errors with the request id and shows the apology page carrying that id.
pub async fn apology(req: Request, next: Next) -> Response {
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string();
    let resp = next.run(req).await;
    if resp.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return resp;
    }
    let detail = resp
        .extensions()
        .get::<Apology>()
        .map_or("lỗi không rõ".to_string(), |a| a.0.clone());
    tracing::error!(request_id = %request_id, error = %detail, "unexpected error");
    let mut page = error_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Xin lỗi, hệ thống gặp sự cố",
        "Yêu cầu của bạn chưa được thực hiện và dữ liệu không bị thay đổi. Hãy thử lại sau ít phút; nếu vẫn lỗi, báo cho quản trị hệ thống kèm mã yêu cầu dưới đây.",
        &request_id,
    );
    page.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    page
}

/// Any panic that still slips through becomes the same apology page, not a dropped connection.
pub fn panic_page(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("handler panicked");
    error_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Xin lỗi, hệ thống gặp sự cố",
        "Yêu cầu của bạn chưa được thực hiện. Hãy thử lại sau ít phút.",
        "",
    )
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Statuses that axum and tower answer by themselves — an extractor's refusal in English plain
/// text, 405 and 408 with no body, 413 from a body limit — become the same Vietnamese page as
/// every other error. Responses that already carry a page (HTML, files) pass untouched.
pub async fn plain_statuses(req: Request, next: Next) -> Response {
    let resp = next.run(req).await;
    let status = resp.status();
    let plain = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|t| t.starts_with("text/plain"));
    if !status.is_client_error() || !plain {
        return resp;
    }
    let (title, message) = match status {
        StatusCode::NOT_FOUND => (
            "Không tìm thấy trang",
            "Trang hoặc hồ sơ này không tồn tại, hoặc nằm ngoài phạm vi đơn vị của bạn.",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "Thao tác không được hỗ trợ",
            "Địa chỉ này không nhận kiểu yêu cầu vừa gửi. Hãy mở trang từ các liên kết của hệ thống.",
        ),
        StatusCode::REQUEST_TIMEOUT => (
            "Hết thời gian chờ",
            "Yêu cầu mất quá nhiều thời gian nên đã dừng; dữ liệu chưa bị thay đổi. Hãy thử lại sau ít phút.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "Dữ liệu gửi lên quá lớn",
            "Tệp hoặc biểu mẫu gửi lên vượt quá giới hạn cho phép. Hãy chọn tệp nhỏ hơn.",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "Yêu cầu không hợp lệ",
            "Dữ liệu gửi lên không đúng dạng biểu mẫu của hệ thống. Hãy gửi lại từ trang nhập liệu.",
        ),
        _ => (
            "Yêu cầu không hợp lệ",
            "Yêu cầu gửi lên không đúng dạng. Hãy quay lại trang trước và thử lại.",
        ),
    };
    let mut page = error_page(status, title, message, "");
    // Keep what the status needs (`Allow` on 405) and the headers set on the way out.
    for (name, value) in resp.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            page.headers_mut().append(name.clone(), value.clone());
        }
    }
    page
}
