//! `/khen-thuong/thong-ke`: award statistics (issue 13, item 7) over the decisions the reader
//! may see — by year, form, category, proposing unit and subject kind, the priority shares,
//! bar charts drawn in the page, and the same tables as XLSX.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Response};
use serde::Deserialize;

use super::access;
use super::decision_store::{self as store, StatRow};
use super::stats::{self, Line, Stats};
use crate::documents::report::{self, Cell, Sheet, Shown, TitleBlock};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::Query;
use crate::web::session::Ctx;
use crate::web::view::{Layout, render, xlsx_response};

#[derive(Deserialize, Default)]
pub struct StatsQuery {
    #[serde(default)]
    nam: Option<i64>,
}

async fn visible(st: &AppState, ctx: &Ctx) -> Result<Vec<StatRow>, AppError> {
    let mut c = st.db.conn().await?;
    Ok(store::stat_rows(&mut c)
        .await?
        .into_iter()
        .filter(|r| {
            ctx.user.can_see(&r.body_path) || access::may_run_council(&ctx.user, &r.body_path)
        })
        .collect())
}

/// A bar's length in the chart (0–300), proportional to the largest count.
pub fn bar(line: &Line, lines: &[Line]) -> i64 {
    let max = lines.iter().map(|l| l.count).max().unwrap_or(0);
    if max == 0 { 0 } else { line.count * 300 / max }
}

#[derive(Template)]
#[template(path = "awards/stats.html")]
struct Page {
    layout: Layout,
    s: Stats,
    years: Vec<i64>,
    year: Option<i64>,
    sections: Vec<(&'static str, Vec<Line>)>,
}

fn sections(s: &Stats) -> Vec<(&'static str, Vec<Line>)> {
    vec![
        ("Theo năm", s.by_year.clone()),
        ("Theo hình thức", s.by_form.clone()),
        (
            "Theo nhóm đối tượng (mục V.1 Kế hoạch)",
            s.by_category.clone(),
        ),
        ("Theo đối tượng", s.by_kind.clone()),
        ("Theo đơn vị đề nghị", s.by_unit.clone()),
    ]
}

/// `GET /khen-thuong/thong-ke?nam=`.
pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<StatsQuery>,
) -> Result<Html<String>, AppError> {
    let rows = visible(&st, &ctx).await?;
    let mut years: Vec<i64> = rows.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    let s = stats::summarise(&rows, q.nam);
    render(&Page {
        layout: Layout::new(&ctx, "awards", "Thống kê khen thưởng")
            .crumb("Khen thưởng", "/khen-thuong"),
        sections: sections(&s),
        s,
        years,
        year: q.nam,
    })
}

/// `GET /khen-thuong/thong-ke.xlsx?nam=`: a sheet per breakdown, counts and money as numbers.
pub async fn xlsx(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<StatsQuery>,
) -> Result<Response, AppError> {
    let rows = visible(&st, &ctx).await?;
    let s = stats::summarise(&rows, q.nam);
    let title = TitleBlock {
        title: "Thống kê khen thưởng".into(),
        lines: vec![
            format!(
                "Năm: {}",
                q.nam
                    .map_or_else(|| "tất cả".to_string(), |y| y.to_string())
            ),
            format!(
                "Khen thưởng đang hiệu lực: {}; đã thu hồi: {}",
                s.count, s.revoked
            ),
            format!(
                "Tập thể nhỏ: {}; người trực tiếp sản xuất, công tác: {}",
                stats::share(s.small_collectives, s.count),
                stats::share(s.direct_production, s.count)
            ),
        ],
        exported_at: crate::clock::local_time(st.clock.now()),
        exported_by: ctx.user.full_name.clone(),
    };
    let sheets: Vec<Sheet> = sections(&s)
        .into_iter()
        .map(|(name, lines)| Sheet {
            name: name.chars().take(31).collect(),
            columns: vec![
                ("Nhóm".into(), 40.0),
                ("Số khen thưởng".into(), 16.0),
                ("Tiền thưởng (đồng)".into(), 20.0),
            ],
            rows: lines
                .iter()
                .map(|l| {
                    vec![
                        Cell::from(l.label.clone()),
                        Cell::Number(l.count as f64, Shown::Decimal(0)),
                        Cell::Number(l.money as f64, Shown::Decimal(0)),
                    ]
                })
                .collect(),
        })
        .collect();
    let bytes =
        report::write(&title, &sheets).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(xlsx_response(bytes, "thong-ke-khen-thuong.xlsx"))
}
