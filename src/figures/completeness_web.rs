//! The completeness of a year across the units below (issue 8, item 4 in part): who has sent,
//! had approved, or is late — judged by the first sending — on a page and as a report workbook.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Response};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::completeness_groups::{GROUPED_NOTE, Group, groups_sheet};
use super::{SheetStatus, Timeliness, deadline, overview_store, timeliness};
use crate::auth::scope::visible_unit;
use crate::clock;
use crate::documents::report::{self, Cell, Shown, TitleBlock};
use crate::state::AppState;
use crate::text;
use crate::units::Unit;
use crate::web::error::AppError;
use crate::web::extract::Query;
use crate::web::session::Ctx;
use crate::web::view::{Layout, render, xlsx_response};

/// One unit's line on the completeness page.
pub struct Progress {
    pub unit: Unit,
    pub status: Option<SheetStatus>,
    /// The Vietnam date the sheet was first sent, if it ever was.
    pub first_sent: Option<NaiveDate>,
    /// Who sent it the first time ("" when never sent).
    pub first_sender: String,
    pub timeliness: Timeliness,
    /// The sheet's version when it waits for approval and the user may approve it: the
    /// value of its tick box on "duyệt các bảng đã chọn".
    pub tickable: Option<i64>,
}

impl Progress {
    fn new(
        row: overview_store::ReportingUnit,
        year: i64,
        today: NaiveDate,
        user: &crate::auth::CurrentUser,
    ) -> Progress {
        let status = row.status.as_deref().map(SheetStatus::from_code);
        let first_sent = row.first_sent.map(clock::local_date);
        let timeliness = match (first_sent, status) {
            // Sheets loaded in bulk (benchmarks) are approved with no history; with no sending
            // on record they are not called missing.
            (None, Some(SheetStatus::Submitted | SheetStatus::Approved)) => Timeliness::OnTime,
            _ => timeliness(first_sent, year, today),
        };
        let tickable = row
            .sheet_version
            .filter(|_| status == Some(SheetStatus::Submitted))
            .filter(|_| super::may_review(user, &row.unit.path));
        Progress {
            tickable,
            unit: row.unit,
            status,
            first_sent,
            first_sender: row.first_sender.unwrap_or_default(),
            timeliness,
        }
    }

    pub fn late(&self) -> bool {
        matches!(self.timeliness, Timeliness::SentLate | Timeliness::Overdue)
    }

    pub fn sent_late(&self) -> bool {
        self.timeliness == Timeliness::SentLate
    }

    pub fn overdue(&self) -> bool {
        self.timeliness == Timeliness::Overdue
    }

    /// "Đúng hạn", "Nộp trễ (gửi lần đầu sau hạn)", "Trễ hạn (chưa gửi, đã quá hạn)", "Chưa đến hạn".
    pub fn timeliness_label(&self) -> &'static str {
        match self.timeliness {
            Timeliness::OnTime => "Đúng hạn",
            Timeliness::SentLate => "Nộp trễ (gửi lần đầu sau hạn)",
            Timeliness::Overdue => "Trễ hạn (chưa gửi, đã quá hạn)",
            Timeliness::NotDue => "Chưa đến hạn",
        }
    }

    /// "20/01/2025", or empty when never sent.
    pub fn first_sent_vn(&self) -> String {
        self.first_sent.map(text::date_vn).unwrap_or_default()
    }

    /// Whether the line passes the page's status filter (`trang_thai`): `da-duyet`,
    /// `cho-duyet`, `bi-tra-lai`, `chua-gui` (no sheet or a draft), `tre` (sent late or
    /// overdue); anything else keeps every line.
    pub fn passes(&self, filter: &str) -> bool {
        match filter {
            "da-duyet" => self.status == Some(SheetStatus::Approved),
            "cho-duyet" => self.status == Some(SheetStatus::Submitted),
            "bi-tra-lai" => self.status == Some(SheetStatus::Returned),
            "chua-gui" => matches!(self.status, None | Some(SheetStatus::Draft)),
            "tre" => self.late(),
            _ => true,
        }
    }
}

/// The status filters the page offers, as (code, words).
pub const FILTERS: [(&str, &str); 6] = [
    ("", "Tất cả"),
    ("chua-gui", "Chưa gửi"),
    ("bi-tra-lai", "Bị trả lại"),
    ("cho-duyet", "Chờ duyệt"),
    ("da-duyet", "Đã duyệt"),
    ("tre", "Trễ hạn hoặc nộp trễ"),
];

/// Orders the lines as asked (`sap_xep`): `trang-thai` (what needs action first: not sent,
/// returned, waiting, approved), `ngay-gui` (first sending, never-sent last); otherwise the
/// tree order the store gave.
fn sort_lines(rows: &mut [Progress], order: &str) {
    let rank = |p: &Progress| match p.status {
        None | Some(SheetStatus::Draft) => 0,
        Some(SheetStatus::Returned) => 1,
        Some(SheetStatus::Submitted) => 2,
        Some(SheetStatus::Approved) => 3,
    };
    match order {
        "trang-thai" => rows.sort_by_key(rank),
        "ngay-gui" => rows.sort_by_key(|p| p.first_sent.unwrap_or(NaiveDate::MAX)),
        _ => {}
    }
}

/// The head counts of the completeness page.
pub struct Counts {
    pub units: usize,
    pub approved: usize,
    pub waiting: usize,
    /// No sheet, or a draft never sent back.
    pub not_sent: usize,
    /// Sent back by the office and waiting for the unit's correction.
    pub returned: usize,
    /// Not sent and past the deadline.
    pub overdue: usize,
    /// Sent, but first sent after the deadline.
    pub sent_late: usize,
    /// Whether some units are counted in groups, where lateness is not judged.
    pub grouped: bool,
}

#[derive(Template)]
#[template(path = "figures/completeness.html")]
struct CompletenessPage {
    layout: Layout,
    root: Unit,
    year: i64,
    due: String,
    rows: Vec<Progress>,
    groups: Vec<Group>,
    counts: Counts,
    filter: String,
    order: String,
    /// Whether any line can be ticked for "duyệt các bảng đã chọn".
    any_tickable: bool,
}

#[derive(Deserialize)]
pub struct CompletenessQuery {
    nam: Option<String>,
    don_vi: Option<i64>,
    #[serde(default)]
    trang_thai: String,
    #[serde(default)]
    sap_xep: String,
}

/// Which units under the user's unit have sent, had approved, or are late with a year's
/// figures. Late is judged by the first sending (`figures::timeliness`), so a return by the
/// office never turns an on-time unit late and a late sheet stays marked once sent.
/// The root unit, the year, the lines of the root and its direct children that report, one
/// counted line per child with reporting units below (from the kept totals, so a province or
/// the whole country never lists its thousands of wards), and the head counts.
async fn gather(
    st: &AppState,
    ctx: &Ctx,
    q: &CompletenessQuery,
) -> Result<(Unit, i64, Vec<Progress>, Vec<Group>, Counts), AppError> {
    let today = st.clock.today();
    let year = q
        .nam
        .as_deref()
        .and_then(text::parse_year)
        .unwrap_or(i64::from(today.year()) - 1);
    let root_id = match q.don_vi.or(ctx.user.home_unit().map(|g| g.unit_id)) {
        Some(id) => id,
        None => return Err(AppError::NotFound),
    };
    let root = visible_unit(st, &ctx.user, root_id).await?;
    let mut c = st.db.conn().await?;
    let rows: Vec<Progress> =
        overview_store::reporting_units(&mut c, &root.path, year, Some(root.id))
            .await?
            .into_iter()
            .map(|row| Progress::new(row, year, today, &ctx.user))
            .collect();
    let mut reporting: Vec<String> = crate::indicators::store::kinds(&mut c)
        .await?
        .into_iter()
        .map(|(_, k)| k)
        .collect();
    reporting.sort();
    reporting.dedup();
    let mut below = crate::summary::read_store::below_children(&mut c, root.id, year).await?;
    let groups: Vec<Group> = crate::units::store::children(&mut c, root.id)
        .await?
        .into_iter()
        .filter_map(|unit| {
            let coverage = below.remove(&unit.id)?.coverage(&reporting, year);
            (coverage.expected > 0).then_some(Group { unit, coverage })
        })
        .collect();
    let count = |f: &dyn Fn(&Progress) -> bool| rows.iter().filter(|r| f(r)).count();
    let sum = |f: &dyn Fn(&crate::summary::Coverage) -> i64| -> usize {
        groups
            .iter()
            .map(|g| usize::try_from(f(&g.coverage)).unwrap_or(0))
            .sum()
    };
    let counts = Counts {
        units: rows.len() + sum(&|c| c.expected),
        approved: count(&|r| r.status == Some(SheetStatus::Approved)) + sum(&|c| c.approved),
        waiting: count(&|r| r.status == Some(SheetStatus::Submitted)) + sum(&|c| c.waiting),
        not_sent: count(&|r| matches!(r.status, None | Some(SheetStatus::Draft)))
            + sum(&|c| c.not_sent()),
        returned: count(&|r| r.status == Some(SheetStatus::Returned)) + sum(&|c| c.returned),
        overdue: count(&|r| r.overdue()),
        sent_late: count(&|r| r.sent_late()),
        grouped: !groups.is_empty(),
    };
    // Counted over every line; shown filtered and ordered as asked.
    let mut rows: Vec<Progress> = rows
        .into_iter()
        .filter(|r| r.passes(&q.trang_thai))
        .collect();
    sort_lines(&mut rows, &q.sap_xep);
    let groups = groups
        .into_iter()
        .filter(|g| g.passes(&q.trang_thai))
        .collect();
    Ok((root, year, rows, groups, counts))
}

/// Which units under the user's unit have sent, had approved, or are late with a year's
/// figures. Late is judged by the first sending (`figures::timeliness`), so a return by the
/// office never turns an on-time unit late and a late sheet stays marked once sent.
pub async fn completeness(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CompletenessQuery>,
) -> Result<Html<String>, AppError> {
    let (root, year, rows, groups, counts) = gather(&st, &ctx, &q).await?;
    let any_tickable = rows.iter().any(|r| r.tickable.is_some());
    render(&CompletenessPage {
        any_tickable,
        layout: Layout::new(&ctx, "figures", format!("Tình hình nộp số liệu năm {year}"))
            .crumb("Số liệu chỉ tiêu", ""),
        root,
        year,
        due: deadline(year).map(text::date_vn).unwrap_or_default(),
        rows,
        groups,
        counts,
        filter: q.trang_thai,
        order: q.sap_xep,
    })
}

/// `GET /so-lieu/xuat.xlsx?nam=&don_vi=`: the completeness page as a report workbook — one
/// line per reporting unit with its status, the date it first sent, and on time or late.
pub async fn export(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CompletenessQuery>,
) -> Result<Response, AppError> {
    let (root, year, rows, groups, counts) = gather(&st, &ctx, &q).await?;
    let due = deadline(year).map(text::date_vn).unwrap_or_default();
    let title = TitleBlock {
        title: format!("Tình hình nộp số liệu năm {year} – {}", root.name),
        lines: vec![
            format!("Đơn vị: {}", root.name),
            format!(
                "Năm số liệu: {year}; hạn gửi {due}; đúng hạn hay trễ tính theo lần gửi đầu tiên."
            ),
            format!(
                "{} đơn vị báo cáo: {} đã duyệt, {} chờ duyệt, {} chưa gửi ({} trễ hạn), {} nộp trễ.",
                counts.units,
                counts.approved,
                counts.waiting,
                counts.not_sent,
                counts.overdue,
                counts.sent_late
            ),
        ]
        .into_iter()
        .chain(counts.grouped.then(|| GROUPED_NOTE.to_string()))
        .collect(),
        exported_at: clock::local_time(st.clock.now()),
        exported_by: ctx.user.full_name.clone(),
    };
    let lines = rows
        .iter()
        .enumerate()
        .map(|(n, r)| {
            vec![
                Cell::Number((n + 1) as f64, Shown::Year),
                r.unit.name.clone().into(),
                r.unit.kind_label().into(),
                r.status.map_or("Chưa nhập", SheetStatus::label).into(),
                r.first_sent.map_or(Cell::Empty, Cell::Date),
                r.first_sender.clone().into(),
                r.timeliness_label().into(),
            ]
        })
        .collect();
    let sheet = report::Sheet {
        name: format!("Nộp số liệu {year}"),
        columns: vec![
            ("STT".into(), 6.0),
            ("Đơn vị".into(), 32.0),
            ("Loại".into(), 14.0),
            ("Trạng thái".into(), 20.0),
            ("Gửi lần đầu".into(), 13.0),
            ("Người gửi".into(), 22.0),
            ("Đúng hạn / trễ".into(), 30.0),
        ],
        rows: lines,
    };
    let mut sheets = vec![sheet];
    if !groups.is_empty() {
        sheets.push(groups_sheet(year, &groups));
    }
    let bytes = report::write(&title, &sheets).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(
        bytes,
        &format!("nop-so-lieu-{}-{year}.xlsx", root.code),
    ))
}
