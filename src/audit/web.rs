//! The admin's audit page: entries newest first, filtered by action, object and user.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use serde::Deserialize;

use super::Entry;
use super::store::{self, Filter};
use crate::app::AppState;
use crate::web::error::AppError;
use crate::web::session::Ctx;
use crate::web::view::{Layout, PER_PAGE, Pager, offset_of, query_string, render};

#[derive(Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    hanh_dong: String,
    #[serde(default)]
    doi_tuong: String,
    #[serde(default)]
    ma: String,
    #[serde(default)]
    nguoi: String,
    trang: Option<i64>,
}

#[derive(Template)]
#[template(path = "audit/list.html")]
struct AuditPage {
    layout: Layout,
    entries: Vec<Entry>,
    q: AuditQuery,
    pager: Pager,
    chain: String,
}

fn some(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Html<String>, AppError> {
    if !ctx.user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let filter = Filter {
        action: some(&q.hanh_dong),
        object_kind: some(&q.doi_tuong),
        object_id: some(&q.ma),
        actor: some(&q.nguoi),
    };
    let mut c = st.db.conn().await?;
    let (entries, total) = store::list(&mut c, &filter, PER_PAGE, offset_of(q.trang)).await?;
    let chain = match store::verify(&mut c).await? {
        Ok(n) => format!("Chuỗi nhật ký nguyên vẹn: {n} mục đã được kiểm tra."),
        Err(b) => format!("CẢNH BÁO: {b}."),
    };
    render(&AuditPage {
        layout: Layout::new(&ctx, "audit", "Nhật ký hệ thống").crumb("Nhật ký", ""),
        pager: Pager::new(
            q.trang,
            total,
            query_string(&[
                ("hanh_dong", &q.hanh_dong),
                ("doi_tuong", &q.doi_tuong),
                ("ma", &q.ma),
                ("nguoi", &q.nguoi),
            ]),
        ),
        entries,
        q,
        chain,
    })
}
