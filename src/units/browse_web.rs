//! Unit lists: the tree (optionally as of a date) and search.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use serde::Deserialize;

use super::{TreeRow, Unit, UnitKind, store, tree_order};
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::Query;
use crate::web::session::Ctx;
use crate::web::view::{Layout, PER_PAGE, Pager, offset_of, query_string, render};

#[derive(Deserialize)]
pub struct TreeQuery {
    ngay: Option<String>,
}

#[derive(Template)]
#[template(path = "units/tree.html")]
struct TreePage {
    layout: Layout,
    rows: Vec<TreeRow>,
    day: String,
    can_import: bool,
}

pub async fn tree(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TreeQuery>,
) -> Result<Html<String>, AppError> {
    let day = q.ngay.as_deref().and_then(text::parse_date);
    let mut c = st.db.conn().await?;
    let mut units = store::all_in_scope(&mut c, ctx.user.id, ctx.user.is_admin()).await?;
    if let Some(d) = day {
        units.retain(|u| u.is_valid_on(d));
    }
    render(&TreePage {
        layout: Layout::new(&ctx, "units", "Cây đơn vị").crumb("Đơn vị", ""),
        rows: tree_order(units),
        day: day.map(text::date_vn).unwrap_or_default(),
        can_import: ctx.user.grants.iter().any(|g| g.role.edits_register()),
    })
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    loai: String,
    trang: Option<i64>,
}

#[derive(Template)]
#[template(path = "units/search.html")]
struct SearchPage {
    layout: Layout,
    units: Vec<Unit>,
    q: String,
    kind: String,
    kinds: Vec<(&'static str, &'static str)>,
    pager: Pager,
}

pub(super) fn kinds() -> Vec<(&'static str, &'static str)> {
    UnitKind::ALL
        .iter()
        .map(|k| (k.code(), k.label()))
        .collect()
}

pub async fn search(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SearchQuery>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let kind = UnitKind::from_code(&q.loai).map_or("", UnitKind::code);
    let (units, total) = store::search(
        &mut c,
        ctx.user.id,
        ctx.user.is_admin(),
        &q.q,
        kind,
        PER_PAGE,
        offset_of(q.trang),
    )
    .await?;
    let pager = Pager::new(q.trang, total, query_string(&[("q", &q.q), ("loai", kind)]));
    pager.past_the_end(q.trang)?;
    render(&SearchPage {
        layout: Layout::new(&ctx, "units", "Tìm đơn vị")
            .crumb("Đơn vị", "/don-vi")
            .crumb("Tìm kiếm", ""),
        units,
        pager,
        q: q.q,
        kind: kind.to_string(),
        kinds: kinds(),
    })
}
