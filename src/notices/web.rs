//! `/thong-bao`: the reader's notices, newest first, unread marked; opening one marks it read
//! and follows its link; "đánh dấu đã đọc hết" clears the count.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde::Deserialize;

use super::{Notice, store};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::{Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{Layout, PER_PAGE, Pager, render};

#[derive(Template)]
#[template(path = "notices/list.html")]
struct ListPage {
    layout: Layout,
    notices: Vec<Notice>,
    unread: i64,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct ListQuery {
    trang: Option<i64>,
}

/// `GET /thong-bao?trang=`: one page of the reader's notices.
pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let total = store::count(&mut c, ctx.user.id).await?;
    let pager = Pager::new(q.trang, total, String::new());
    let notices = store::page(&mut c, ctx.user.id, PER_PAGE, pager.offset()).await?;
    let unread = store::unread_count(&mut c, ctx.user.id).await?;
    render(&ListPage {
        layout: Layout::new(&ctx, "notices", "Thông báo").crumb("Thông báo", ""),
        notices,
        unread,
        pager,
    })
}

/// `GET` (a link, which opens in a new tab too) or `POST /thong-bao/{id}`: marks the notice
/// read and opens what it is about. Another person's notice is not found. Marking one's own
/// notice read is harmless however it is asked for, so the link needs no form token.
pub async fn open(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    let mut c = st.db.conn().await?;
    let link = store::mark_read(&mut c, ctx.user.id, id, st.clock.now())
        .await?
        .ok_or(AppError::NotFound)?;
    // Only links the product wrote, to its own pages.
    let to = if link.starts_with('/') && !link.starts_with("//") {
        link
    } else {
        "/thong-bao".into()
    };
    Ok(Redirect::to(&to))
}

/// `POST /thong-bao/da-doc`: every unread notice of the reader is marked read.
pub async fn read_all(State(st): State<AppState>, ctx: Ctx) -> Result<Redirect, AppError> {
    let mut c = st.db.conn().await?;
    let n = store::mark_all_read(&mut c, ctx.user.id, st.clock.now()).await?;
    drop(c);
    ctx.flash(&st, &format!("Đã đánh dấu {n} thông báo là đã đọc."))
        .await?;
    Ok(Redirect::to("/thong-bao"))
}
