//! The targets dashboard as a report workbook (issue 8, item 10): progress, figures by year and
//! the units below side by side, each a sheet under the same title block, numbers as number
//! cells, and every figure that lacks units below marked in its cell and in the note column.

use axum::extract::State;
use axum::response::Response;

use super::board::{self, Board};
use super::dashboard_web::{BoardQuery, load};
use super::totals::Series;
use super::{Indicator, Measure};
use crate::documents::report::{self, Cell, Shown, TitleBlock};
use crate::state::AppState;
use crate::units::Unit;
use crate::web::error::AppError;
use crate::web::extract::Query;
use crate::web::session::Ctx;
use crate::web::view::xlsx_response;

impl Indicator {
    /// How the indicator's figures are written as number cells: its decimals, a percentage as
    /// a percentage; yes/no reads as words.
    fn shown(&self) -> Option<Shown> {
        let places = self.places() as usize;
        match self.measure() {
            Measure::YesNo => None,
            Measure::Percent => Some(Shown::Percent(places)),
            _ => Some(Shown::Decimal(places)),
        }
    }

    /// "%", "triệu đ/người", "hộ" — the column "Đơn vị tính".
    fn unit_column(&self) -> String {
        match self.measure() {
            Measure::Percent => "%".into(),
            _ => self.unit_label.clone(),
        }
    }
}

/// One figure as a cell: a number cell, provisional (with the note) when units are missing.
fn figure(ind: &Indicator, s: &Series, year: i64) -> Cell {
    let Some(v) = s.values.get(&year).copied() else {
        return Cell::Empty;
    };
    match (ind.shown(), s.coverage(year).filter(|c| !c.complete())) {
        (None, _) => Cell::Text(ind.show(v)),
        (Some(shown), None) => Cell::Number(v, shown),
        (Some(shown), Some(c)) => Cell::Provisional(
            v,
            shown,
            format!(
                "Chưa đủ số liệu ({}): {}",
                c.fraction(),
                s.missing_note(year)
            ),
        ),
    }
}

fn progress_sheet(b: &Board) -> report::Sheet {
    let rows = b
        .cards
        .iter()
        .map(|c| {
            let series = b.rows.iter().find(|(i, _)| i.id == c.indicator.id);
            let (year, value) = match (c.assessment.latest, series) {
                (Some((y, _)), Some((i, s))) => {
                    (Cell::Number(y as f64, Shown::Year), figure(i, s, y))
                }
                _ => (Cell::Empty, Cell::Empty),
            };
            vec![
                c.target.label.clone().into(),
                Cell::Number(c.deadline as f64, Shown::Year),
                c.status_label().into(),
                year,
                value,
                c.indicator.unit_column().into(),
                c.assessment.explanation.clone().into(),
                c.missing.clone().into(),
            ]
        })
        .collect();
    report::Sheet {
        name: "Tiến độ".into(),
        columns: vec![
            ("Chỉ tiêu".into(), 42.0),
            ("Hạn (năm)".into(), 9.0),
            ("Tình trạng".into(), 22.0),
            ("Số liệu năm".into(), 9.0),
            ("Số liệu".into(), 12.0),
            ("Đơn vị tính".into(), 14.0),
            ("Diễn giải".into(), 60.0),
            ("Ghi chú".into(), 40.0),
        ],
        rows,
    }
}

fn figures_sheet(b: &Board) -> report::Sheet {
    let mut columns = vec![
        ("Chỉ số".to_string(), 42.0),
        ("Đơn vị tính".to_string(), 14.0),
    ];
    columns.extend(b.years.iter().map(|y| (format!("Năm {y}"), 12.0)));
    columns.push(("Ghi chú".into(), 50.0));
    let rows = b
        .rows
        .iter()
        .map(|(i, s)| {
            let mut row: Vec<Cell> = vec![i.name.clone().into(), i.unit_column().into()];
            row.extend(b.years.iter().map(|y| figure(i, s, *y)));
            let notes: Vec<String> = b
                .years
                .iter()
                .map(|y| s.missing_note(*y))
                .filter(|n| !n.is_empty())
                .collect();
            row.push(notes.join(" ").into());
            row
        })
        .collect();
    report::Sheet {
        name: "Số liệu theo năm".into(),
        columns,
        rows,
    }
}

/// The units below for the year, one row per indicator and one column per unit.
async fn units_sheet(
    st: &AppState,
    cat: &board::Loaded,
    unit: &Unit,
    b: &Board,
) -> Result<Option<report::Sheet>, AppError> {
    let mut c = st.db.conn().await?;
    let mut names: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    let children = board::children_inputs(&mut c, cat, unit, b.year).await?;
    for (ind, _) in &b.rows {
        let below = board::children_series(cat, &children, ind.id, b.year);
        if below.is_empty() {
            continue;
        }
        if names.is_empty() {
            names = below.iter().map(|(u, _, _)| u.name.clone()).collect();
        }
        let mut row: Vec<Cell> = vec![ind.name.clone().into(), ind.unit_column().into()];
        for name in &names {
            row.push(
                below
                    .iter()
                    .find(|(u, _, _)| &u.name == name)
                    .map_or(Cell::Empty, |(_, shown, s)| figure(shown, s, b.year)),
            );
        }
        rows.push(row);
    }
    if rows.is_empty() {
        return Ok(None);
    }
    let mut columns = vec![
        ("Chỉ số".to_string(), 42.0),
        ("Đơn vị tính".to_string(), 14.0),
    ];
    columns.extend(names.into_iter().map(|n| (n, 14.0)));
    Ok(Some(report::Sheet {
        name: format!("Theo đơn vị {}", b.year),
        columns,
        rows,
    }))
}

/// `GET /chi-tieu/xuat.xlsx?don_vi=&nam=`: the dashboard as a report workbook — progress,
/// figures by year, and the units below for the year — under a title block naming the unit,
/// the year, that only approved sheets count, and who exported it when.
pub async fn export(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<BoardQuery>,
) -> Result<Response, AppError> {
    let (unit, mut board, cat) = load(&st, &ctx, &q).await?;
    // Every year's column carries its note, so every year's missing units are named.
    board
        .name_every_year(&mut st.db.conn().await?, &cat, &unit)
        .await?;
    let mut lines = vec![
        format!("Đơn vị: {}", unit.name),
        format!("Tính đến năm: {}", board.year),
        "Chỉ tính các bảng số liệu đã duyệt; ô in nghiêng, nền vàng là số liệu chưa đủ đơn vị (tạm tính)."
            .to_string(),
    ];
    if let Some(m) = &board.movement {
        lines.insert(0, format!("Phong trào: {} ({})", m.title, m.period()));
    }
    let title = TitleBlock {
        title: format!("Tiến độ chỉ tiêu – {}", unit.name),
        lines,
        exported_at: crate::clock::local_time(st.clock.now()),
        exported_by: ctx.user.full_name.clone(),
    };
    let mut sheets = vec![progress_sheet(&board), figures_sheet(&board)];
    if let Some(s) = units_sheet(&st, &cat, &unit, &board).await? {
        sheets.push(s);
    }
    let bytes = report::write(&title, &sheets).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(
        bytes,
        &format!("chi-tieu-{}-{}.xlsx", unit.code, board.year),
    ))
}
