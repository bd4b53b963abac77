//! The persons and households lists as report workbooks (issue 8, item 10), within the user's
//! scope and the list's search, under the title block every report carries. Citizen IDs never
//! leave the system in a list export.

use axum::extract::State;
use axum::response::Response;

use super::store;
use super::web::{ListQuery, under_unit};
use crate::clock;
use crate::documents::report::{self, Cell, Shown, TitleBlock};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::Query;
use crate::web::session::Ctx;
use crate::web::view::xlsx_response;

/// Every matching row is exported, not a page of them.
const ALL: i64 = 1_000_000;

fn title(st: &AppState, ctx: &Ctx, what: &str, scope: &str, q: &str, count: usize) -> TitleBlock {
    let mut lines = vec![format!("Phạm vi: {scope}")];
    if !q.trim().is_empty() {
        lines.push(format!("Tìm theo: «{}»", q.trim()));
    }
    lines.push(format!("Số dòng: {count}"));
    TitleBlock {
        title: what.to_string(),
        lines,
        exported_at: clock::local_time(st.clock.now()),
        exported_by: ctx.user.full_name.clone(),
    }
}

/// `GET /ca-nhan/xuat.xlsx?q=&don_vi=`: name, birth year (a number cell), gender, unit, position.
pub async fn export_persons(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let unit = under_unit(&st, &ctx.user, q.don_vi).await?;
    let path = unit.as_ref().map_or("/", |u| u.path.as_str());
    let mut c = st.db.conn().await?;
    let (persons, _) =
        store::search_persons(&mut c, ctx.user.id, ctx.user.is_admin(), &q.q, path, ALL, 0).await?;
    let rows = persons
        .iter()
        .enumerate()
        .map(|(n, p)| {
            vec![
                Cell::Number((n + 1) as f64, Shown::Year),
                p.full_name.clone().into(),
                p.birth_year
                    .map_or(Cell::Empty, |y| Cell::Number(y as f64, Shown::Year)),
                p.gender_label().into(),
                p.unit_name.clone().into(),
                p.position.clone().into(),
            ]
        })
        .collect();
    let scope = unit
        .as_ref()
        .map_or("toàn bộ phạm vi của bạn", |u| u.name.as_str());
    let sheet = report::Sheet {
        name: "Cá nhân".into(),
        columns: vec![
            ("STT".into(), 6.0),
            ("Họ và tên".into(), 28.0),
            ("Năm sinh".into(), 10.0),
            ("Giới tính".into(), 10.0),
            ("Đơn vị".into(), 30.0),
            ("Chức vụ".into(), 24.0),
        ],
        rows,
    };
    let t = title(&st, &ctx, "Danh sách cá nhân", scope, &q.q, persons.len());
    let bytes = report::write(&t, &[sheet]).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "ca-nhan.xlsx"))
}

/// `GET /ho-gia-dinh/xuat.xlsx?q=&don_vi=`: head of household, address, unit.
pub async fn export_households(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let unit = under_unit(&st, &ctx.user, q.don_vi).await?;
    let path = unit.as_ref().map_or("/", |u| u.path.as_str());
    let mut c = st.db.conn().await?;
    let (households, _) =
        store::search_households(&mut c, ctx.user.id, ctx.user.is_admin(), &q.q, path, ALL, 0)
            .await?;
    let rows = households
        .iter()
        .enumerate()
        .map(|(n, h)| {
            vec![
                Cell::Number((n + 1) as f64, Shown::Year),
                h.head_name.clone().into(),
                h.address.clone().into(),
                h.unit_name.clone().into(),
            ]
        })
        .collect();
    let scope = unit
        .as_ref()
        .map_or("toàn bộ phạm vi của bạn", |u| u.name.as_str());
    let sheet = report::Sheet {
        name: "Hộ gia đình".into(),
        columns: vec![
            ("STT".into(), 6.0),
            ("Chủ hộ".into(), 28.0),
            ("Địa chỉ".into(), 36.0),
            ("Đơn vị".into(), 30.0),
        ],
        rows,
    };
    let t = title(
        &st,
        &ctx,
        "Danh sách hộ gia đình",
        scope,
        &q.q,
        households.len(),
    );
    let bytes = report::write(&t, &[sheet]).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "ho-gia-dinh.xlsx"))
}
