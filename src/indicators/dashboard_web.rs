//! The targets dashboard of a unit (one card per target, every indicator by year), the
//! drill-down of one indicator (by year against the target path, by unit below), and the
//! Excel export of both.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use chrono::Datelike;
use serde::Deserialize;

use super::board::{self, Board, goal_of};
use super::progress::Goal;
use super::{charts, totals};
use crate::auth::CurrentUser;
use crate::auth::scope::visible_unit;
use crate::state::AppState;
use crate::text;
use crate::units::{self, Unit};
use crate::web::error::AppError;
use crate::web::extract::{Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

#[derive(Deserialize)]
pub struct BoardQuery {
    pub(super) don_vi: Option<i64>,
    nam: Option<String>,
    phong_trao: Option<i64>,
}

/// The unit asked for; else the user's own unit when a movement covers it; else the issuing
/// unit of the newest movement the user can see (an administrator granted at the province
/// lands on the town whose plan this is).
async fn chosen_unit(st: &AppState, user: &CurrentUser, id: Option<i64>) -> Result<Unit, AppError> {
    if let Some(id) = id {
        return visible_unit(st, user, id).await;
    }
    let mut c = st.db.conn().await?;
    if let Some(g) = user.home_unit()
        && let Some(home) = units::store::by_id(&mut c, g.unit_id).await?
        && board::movement_for(&mut c, &home, None).await?.is_some()
    {
        return Ok(home);
    }
    for m in crate::movements::store::all(&mut c).await? {
        if let Some(issuer) = units::store::by_id(&mut c, m.issuing_unit_id).await?
            && user.can_see(&issuer.path)
        {
            return Ok(issuer);
        }
    }
    match user.home_unit() {
        Some(g) => visible_unit(st, user, g.unit_id).await,
        None => Err(AppError::NotFound),
    }
}

/// The unit, its board, and the catalogue the board was built from (the drill-down and the
/// list of units below reuse it).
pub(super) async fn load(
    st: &AppState,
    ctx: &Ctx,
    q: &BoardQuery,
) -> Result<(Unit, Board, board::Loaded), AppError> {
    let unit = chosen_unit(st, &ctx.user, q.don_vi).await?;
    let year = q.nam.as_deref().and_then(text::parse_year);
    let mut c = st.db.conn().await?;
    let cat = board::catalogue(&mut c).await?;
    let b = board::board(
        &mut c,
        &cat,
        &unit,
        year,
        i64::from(st.clock.today().year()),
        q.phong_trao,
    )
    .await?;
    Ok((unit, b, cat))
}

#[derive(Template)]
#[template(path = "indicators/dashboard.html")]
struct DashboardPage {
    layout: Layout,
    unit: Unit,
    board: Board,
    children: Vec<Unit>,
    /// Wards' and communes' standards from their assessments (`criteria::views_store`).
    standings: Vec<crate::criteria::views_store::Standing>,
    /// (assessment, subject, set, year) of recognised subjects that no longer meet a criterion.
    backsliding: Vec<(i64, String, String, i64)>,
}

pub async fn dashboard(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<BoardQuery>,
) -> Result<Html<String>, AppError> {
    let (unit, board, cat) = load(&st, &ctx, &q).await?;
    let mut c = st.db.conn().await?;
    let reports = |kind: &str| cat.kinds.values().flatten().any(|k| k == kind);
    let children = units::store::children(&mut c, unit.id)
        .await?
        .into_iter()
        .filter(|u| reports(&u.kind))
        .collect();
    let standings = crate::criteria::views_store::standings(&mut c, &unit.path).await?;
    let backsliding = crate::criteria::views_store::backsliding_named(&mut c, &unit.path).await?;
    render(&DashboardPage {
        standings,
        backsliding,
        layout: Layout::new(&ctx, "targets", format!("Chỉ tiêu – {}", unit.name))
            .printed_as(format!(
                "Tiến độ chỉ tiêu – {} – tính đến năm {} (số liệu đã duyệt)",
                unit.name, board.year
            ))
            .crumb("Chỉ tiêu", "/chi-tieu")
            .crumb(unit.name.clone(), ""),
        unit,
        board,
        children,
    })
}

/// One unit below on the drill-down: its figure for the year and where to go next.
pub struct Below {
    pub unit: Unit,
    pub value: String,
    pub missing: String,
    pub reports: bool,
}

#[derive(Template)]
#[template(path = "indicators/drill.html")]
struct DrillPage {
    layout: Layout,
    unit: Unit,
    year: i64,
    indicator: super::Indicator,
    series: totals::Series,
    yearly_svg: String,
    units_svg: String,
    below: Vec<Below>,
    cards: Vec<board::Card>,
    /// How the figure is computed, in the indicators' names (never a raw formula).
    formula_words: String,
}

pub async fn drill(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(indicator_id): Path<i64>,
    Query(q): Query<BoardQuery>,
) -> Result<Html<String>, AppError> {
    let (unit, board, cat) = load(&st, &ctx, &q).await?;
    let Some((ind, series)) = board
        .rows
        .iter()
        .find(|(i, _)| i.id == indicator_id)
        .cloned()
    else {
        return Err(AppError::NotFound);
    };
    let cards: Vec<board::Card> = board
        .cards
        .into_iter()
        .filter(|c| c.indicator.id == indicator_id)
        .collect();
    let names: std::collections::HashMap<String, String> = cat
        .indicators
        .iter()
        .map(|i| (i.code.clone(), i.name.clone()))
        .collect();
    let formula_words = super::formula::parse(&ind.formula)
        .map(|e| e.in_words(&names))
        .unwrap_or_default();
    let scale = charts::Scale::of(&ind);
    let first = board.years.first().copied().unwrap_or(board.year);
    let path = cards
        .first()
        .and_then(|c| {
            goal_of(&c.target).map(|g| charts::target_path(g, first, c.deadline, &series.points()))
        })
        .unwrap_or_default();
    let points: Vec<charts::Point> = series
        .points()
        .into_iter()
        .map(|(year, value)| charts::Point {
            year,
            value,
            complete: !series.incomplete(&year),
        })
        .collect();
    let yearly_svg = charts::yearly(&ind.name, &board.years, &points, &path, &scale);

    // Each unit below gets its own figure, built the same way the town's is.
    let mut c = st.db.conn().await?;
    let mut below = Vec::new();
    let mut dots = Vec::new();
    let children = board::children_inputs(&mut c, &cat, &unit, board.year).await?;
    for (child, shown, s) in board::children_series(&cat, &children, indicator_id, board.year) {
        let v = s.values.get(&board.year).copied();
        dots.push(charts::UnitDot {
            name: child.name.clone(),
            value: v,
            complete: !s.incomplete(&board.year),
        });
        below.push(Below {
            value: v.map_or("—".into(), |v| shown.show(v)),
            missing: s.missing_note(board.year),
            reports: s.own,
            unit: child,
        });
    }
    let each_level = match cards.first().and_then(|c| goal_of(&c.target)) {
        Some(Goal::Level { comparator, value }) => Some((comparator, value)),
        _ => None,
    };
    let units_svg = if dots.is_empty() {
        String::new()
    } else {
        charts::by_unit(&ind.name, &dots, each_level, &scale)
    };
    render(&DrillPage {
        layout: Layout::new(&ctx, "targets", ind.name.clone())
            .printed_as(format!(
                "{} – {} – tính đến năm {} (số liệu đã duyệt)",
                ind.name, unit.name, board.year
            ))
            .crumb("Chỉ tiêu", "/chi-tieu")
            .crumb(
                unit.name.clone(),
                format!("/chi-tieu?don_vi={}&nam={}", unit.id, board.year),
            )
            .crumb(ind.name.clone(), ""),
        year: board.year,
        formula_words,
        unit,
        indicator: ind,
        series,
        yearly_svg,
        units_svg,
        below,
        cards,
    })
}
