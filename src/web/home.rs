//! The home page, the stylesheet and the health check.

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse};

use super::error::AppError;
use super::session::Ctx;
use super::view::{Layout, render};
use crate::movements::{self, Movement};
use crate::state::AppState;
use crate::units;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
    movements: Vec<Movement>,
    unit_count: usize,
    grants: Vec<(String, String, i64)>,
    /// What waits for this user, most urgent first (`todo::ordered`), with "còn n ngày".
    todo: Vec<(crate::todo::Item, String)>,
    /// Items beyond the first `TODO_SHOWN`.
    more: usize,
}

/// The home page lists this many items; the rest are counted.
const TODO_SHOWN: usize = 30;

pub async fn index(State(st): State<AppState>, ctx: Ctx) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let movements = movements::store::all(&mut c).await?;
    let unit_count = units::store::all_in_scope(&mut c, ctx.user.id, ctx.user.is_admin())
        .await?
        .len();
    let grants = ctx
        .user
        .grants
        .iter()
        .map(|g| (g.role.label().to_string(), g.unit_name.clone(), g.unit_id))
        .collect();
    let today = st.clock.today();
    let mut items = crate::figures::todo::gather(&mut c, &ctx.user, today).await?;
    items.extend(crate::criteria::todo::gather(&mut c, &ctx.user).await?);
    items.extend(crate::ocop::todo::gather(&mut c, &ctx.user, today).await?);
    items.extend(crate::awards::todo::gather(&mut c, &ctx.user, today).await?);
    items.extend(crate::awards::council_todo::gather(&mut c, &ctx.user, today).await?);
    let all = crate::todo::ordered(items);
    let more = all.len().saturating_sub(TODO_SHOWN);
    let todo = all
        .into_iter()
        .take(TODO_SHOWN)
        .map(|i| {
            let left = i.days_left(today);
            (i, left)
        })
        .collect();
    render(&HomePage {
        layout: Layout::new(&ctx, "", "Trang chủ"),
        movements,
        unit_count,
        grants,
        todo,
        more,
    })
}

pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/giao-dien.css"),
    )
}

pub async fn health(State(st): State<AppState>) -> Result<&'static str, AppError> {
    let mut c = st.db.conn().await?;
    units::store::count_all(&mut c).await?;
    Ok("ok")
}
