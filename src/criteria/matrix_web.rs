//! `/tieu-chi/{set}/ma-tran?nam=`: subjects × criteria for a set and year, printable on A4
//! landscape and exported to XLSX; each cell leads to the assessment's criterion (its values
//! and evidence). `/xac-minh`: the owning office's queue of criteria waiting for it.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Response};
use chrono::Datelike;
use serde::Deserialize;

use super::assess_web::scope_path;
use super::matrix::{Cell, Matrix};
use super::store::{self, CriterionRow, SetRow};
use super::{recognition_store, views_store};
use crate::documents::report::{self, Cell as XCell, Shown, TitleBlock};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::{Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render, xlsx_response};

#[derive(Deserialize)]
pub struct MatrixQuery {
    nam: Option<String>,
    /// Narrows the matrix to the subjects below one unit (a province, a town) in the scope.
    don_vi: Option<i64>,
}

/// The subtree a matrix covers: the user's scope, or — for an office owning criteria of the
/// set — the unit the office belongs to (the town), whose subjects it verifies.
fn matrix_scope(ctx: &Ctx, criteria: &[CriterionRow]) -> String {
    let owned = ctx
        .user
        .grants
        .iter()
        .find(|g| criteria.iter().any(|c| c.owner_unit_id == Some(g.unit_id)));
    match owned {
        Some(g) if !ctx.user.is_admin() => {
            let trimmed = g.unit_path.trim_end_matches('/');
            trimmed
                .rfind('/')
                .map_or_else(|| "/".to_string(), |i| trimmed[..=i].to_string())
        }
        _ => scope_path(ctx),
    }
}

/// The set, its criteria, the year asked and the matrix, for the page and the export.
async fn load(
    st: &AppState,
    ctx: &Ctx,
    set_id: i64,
    q: &MatrixQuery,
) -> Result<(SetRow, Vec<CriterionRow>, i64, Matrix), AppError> {
    let mut c = st.db.conn().await?;
    let set = store::set(&mut c, set_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let criteria = store::criteria_of(&mut c, set_id).await?;
    let year = q
        .nam
        .as_deref()
        .and_then(crate::text::parse_year)
        .unwrap_or(i64::from(st.clock.today().year()) - 1);
    let mut path = matrix_scope(ctx, &criteria);
    if let Some(unit_id) = q.don_vi {
        let unit = crate::units::store::by_id(&mut c, unit_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !unit.path.starts_with(&path) {
            return Err(AppError::Forbidden);
        }
        path = unit.path;
    }
    let households = set.subject_kind == "household";
    let subjects: Vec<(i64, String)> = if households {
        views_store::assessed_households(&mut c, &set.code, year, &path).await?
    } else {
        store::subjects_in(
            &mut c,
            &path,
            super::unit_kinds_of(&set.subject_kind),
            20_000,
        )
        .await?
        .into_iter()
        .map(|(id, name, _)| (id, name))
        .collect()
    };
    let subject_type = if households { "household" } else { "unit" };
    let cells = views_store::matrix_cells(&mut c, &set.code, year, &path, subject_type).await?;
    let sliding: Vec<i64> = recognition_store::backsliding_in(&mut c, &set.code, &path)
        .await?
        .into_iter()
        .filter(|(t, _, y)| t == subject_type && *y == year)
        .map(|(_, id, _)| id)
        .collect();
    let numbers: Vec<i64> = criteria.iter().map(|c| c.number).collect();
    let m = Matrix::build(&subjects, &numbers, &cells, &sliding);
    Ok((set, criteria, year, m))
}

#[derive(Template)]
#[template(path = "criteria/matrix.html")]
struct MatrixPage {
    layout: Layout,
    set: SetRow,
    criteria: Vec<CriterionRow>,
    year: i64,
    m: Matrix,
    legend: Vec<Cell>,
}

/// `GET /tieu-chi/{set}/ma-tran?nam=`.
pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(set_id): Path<i64>,
    Query(q): Query<MatrixQuery>,
) -> Result<Html<String>, AppError> {
    let (set, criteria, year, m) = load(&st, &ctx, set_id, &q).await?;
    let title = format!("Ma trận tiêu chí – {} – năm {year}", set.name);
    render(&MatrixPage {
        layout: Layout::new(&ctx, "criteria", title.clone())
            .crumb("Bộ tiêu chí", "/tieu-chi")
            .crumb(set.name.clone(), format!("/tieu-chi/{}", set.id))
            .crumb(format!("Ma trận năm {year}"), "")
            .printed_as(title),
        legend: vec![
            Cell::Met,
            Cell::NotMet,
            Cell::Waiting,
            Cell::Rejected,
            Cell::NotAssessed,
        ],
        set,
        criteria,
        year,
        m,
    })
}

/// `GET /tieu-chi/{set}/ma-tran.xlsx?nam=`: the same matrix as a report workbook.
pub async fn export(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(set_id): Path<i64>,
    Query(q): Query<MatrixQuery>,
) -> Result<Response, AppError> {
    let (set, criteria, year, m) = load(&st, &ctx, set_id, &q).await?;
    let bytes = workbook(&set, &criteria, year, &m, &st, &ctx)?;
    Ok(xlsx_response(
        bytes,
        &format!("ma-tran-{}-{year}.xlsx", set.code.to_lowercase()),
    ))
}

/// The workbook: a row per subject, a column per criterion with the cell's words, the count
/// met, and a last row counting the subjects that meet each criterion.
pub fn workbook(
    set: &SetRow,
    criteria: &[CriterionRow],
    year: i64,
    m: &Matrix,
    st: &AppState,
    ctx: &Ctx,
) -> Result<Vec<u8>, AppError> {
    let mut columns = vec![("Đối tượng".to_string(), 34.0)];
    columns.extend(
        criteria
            .iter()
            .map(|c| (format!("{}. {}", c.number, c.name), 12.0)),
    );
    columns.push(("Số tiêu chí đạt".into(), 10.0));
    columns.push(("Ghi chú".into(), 18.0));
    let mut rows: Vec<Vec<XCell>> = m
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![XCell::from(r.name.clone())];
            cells.extend(r.cells.iter().map(|c| XCell::from(c.label())));
            cells.push(XCell::Number(r.met as f64, Shown::Decimal(0)));
            cells.push(if r.backsliding {
                XCell::from("Không giữ vững chuẩn (tụt hạng)")
            } else {
                XCell::Empty
            });
            cells
        })
        .collect();
    let mut total = vec![XCell::from("Số đối tượng đạt")];
    total.extend(
        m.met_per_criterion
            .iter()
            .map(|n| XCell::Number(*n as f64, Shown::Decimal(0))),
    );
    rows.push(total);
    let title = TitleBlock {
        title: format!("Ma trận tiêu chí – {} – năm {year}", set.name),
        lines: vec![
            format!(
                "Quyết định: {} ({})",
                set.decision_number, set.decision_body
            ),
            format!(
                "Phiên bản {}; {} đối tượng × {} tiêu chí",
                set.version,
                m.rows.len(),
                criteria.len()
            ),
            "Chỉ ô «Đạt (đã xác minh)» được tính là đạt.".into(),
        ],
        exported_at: crate::clock::local_time(st.clock.now()),
        exported_by: ctx.user.full_name.clone(),
    };
    report::write(
        &title,
        &[report::Sheet {
            name: format!("Năm {year}"),
            columns,
            rows,
        }],
    )
    .map_err(|e| AppError::Internal(e.into()))
}

#[derive(Template)]
#[template(path = "criteria/queue.html")]
struct QueuePage {
    layout: Layout,
    rows: Vec<views_store::Waiting>,
}

/// `GET /xac-minh`: the criteria owned by the user's offices that wait for verification.
pub async fn queue(State(st): State<AppState>, ctx: Ctx) -> Result<Html<String>, AppError> {
    let offices: Vec<i64> = ctx.user.grants.iter().map(|g| g.unit_id).collect();
    let mut c = st.db.conn().await?;
    let rows = views_store::waiting_for(&mut c, &offices, 500).await?;
    render(&QueuePage {
        layout: Layout::new(&ctx, "criteria", "Tiêu chí chờ xác minh").crumb("Chờ xác minh", ""),
        rows,
    })
}
