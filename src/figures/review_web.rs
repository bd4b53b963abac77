//! Moving a sheet along: submit (the unit), approve or return (the office above), reopen (the
//! office above, with a reason); and the completeness of a year across units.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use serde_json::json;

use super::sheet::load;
use super::{
    Action, SheetStatus, Timeliness, check_sheet, deadline, may_enter, may_review, store,
    timeliness, transition,
};
use crate::audit;
use crate::auth::scope::visible_unit;
use crate::clock;
use crate::state::AppState;
use crate::text;
use crate::units::Unit;
use crate::web::confirm::{self, Confirmation, Confirmed};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    version: i64,
    #[serde(flatten)]
    confirmed: Confirmed,
}

/// `GET /so-lieu/{unit}/{year}/duyet`: what approving will do, and the one button that does
/// it. Refused (403) to whoever had their hands on the sheet.
pub async fn confirm(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year, action)): Path<(i64, String, String)>,
) -> Result<Html<String>, AppError> {
    if Action::from_code(&action) != Some(Action::Approve) {
        return Err(AppError::NotFound);
    }
    let data = load(&st, &ctx, unit_id, &year).await?;
    if !may_review(&ctx.user, &data.unit.path) {
        return Err(AppError::Forbidden);
    }
    let Some(sheet) = data.sheet.clone() else {
        return Err(AppError::Conflict(
            "Đơn vị chưa nhập số liệu năm này.".into(),
        ));
    };
    transition(sheet.status(), Action::Approve).map_err(|m| AppError::Conflict(m.into()))?;
    let mut c = st.db.conn().await?;
    let hands = store::hands_on(&mut c, sheet.id).await?;
    super::may_approve_as(ctx.user.id, &hands)
        .map_err(|why| AppError::ForbiddenBecause(why.into()))?;
    let back = format!("/so-lieu/{}/{}", data.unit.id, data.year);
    confirm::page(
        Layout::new(&ctx, "figures", "Xác nhận duyệt số liệu")
            .crumb("Số liệu", "/so-lieu")
            .crumb(data.unit.name.clone(), back.clone()),
        Confirmation {
            heading: format!(
                "Duyệt và khóa số liệu năm {} – {}",
                data.year, data.unit.name
            ),
            consequences: vec![
                format!(
                    "Số liệu năm {} của {} được khóa: đơn vị không sửa được nữa.",
                    data.year, data.unit.name
                ),
                "Từ lúc này số liệu được tính vào tiến độ chỉ tiêu và các báo cáo của cấp trên.".into(),
                "Muốn sửa sau này, cơ quan duyệt phải mở lại và ghi lý do; việc duyệt và mở lại đều được ghi vào nhật ký.".into(),
            ],
            action: format!("{back}/duyet"),
            hidden: vec![("version".into(), sheet.version.to_string())],
            button: "Xác nhận duyệt và khóa".into(),
            back,
        },
    )
}

pub async fn act(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year, action)): Path<(i64, String, String)>,
    Form(f): Form<ReviewForm>,
) -> Result<Response, AppError> {
    let action = Action::from_code(&action).ok_or(AppError::NotFound)?;
    let data = load(&st, &ctx, unit_id, &year).await?;
    let allowed = match action {
        Action::Submit => may_enter(&ctx.user, &data.unit.path),
        _ => may_review(&ctx.user, &data.unit.path),
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let Some(sheet) = data.sheet.clone() else {
        return Err(AppError::Conflict(
            "Đơn vị chưa nhập số liệu năm này.".into(),
        ));
    };
    let to = transition(sheet.status(), action).map_err(|m| AppError::Conflict(m.into()))?;
    if action == Action::Approve && !f.confirmed.given() {
        // Approving locks the sheet: without the confirmation step nothing changes.
        return Ok(
            Redirect::to(&format!("/so-lieu/{}/{}/duyet", data.unit.id, data.year)).into_response(),
        );
    }
    let reason = text::clean(&f.reason);
    if action.needs_reason() && reason.is_empty() {
        return Err(AppError::BadRequest(format!(
            "Hãy ghi lý do {} để đơn vị biết cần làm gì.",
            action.label().to_lowercase()
        )));
    }
    if action == Action::Submit {
        let values = data.values_by_code();
        let comments = data
            .entered
            .iter()
            .filter_map(|i| Some((i.code.clone(), data.values.get(&i.id)?.comment.clone())))
            .collect();
        let problems = check_sheet(&data.entered, &values, &comments, &data.last_year, true);
        if let Some((code, msg)) = problems.first() {
            return Err(AppError::BadRequest(format!(
                "Chưa gửi được: {} chỉ số cần sửa, ví dụ {code}: {msg}",
                problems.len()
            )));
        }
    }
    if f.version != sheet.version {
        return Err(AppError::Conflict(
            "Bảng số liệu vừa được thay đổi ở nơi khác; hãy tải lại trang.".into(),
        ));
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    // Checked again on the rows this transaction sees: the unit may have moved out of reach,
    // and the sheet is moved only through `transition`, from the version the page showed.
    let unit = crate::units::store::by_id(&mut tx, data.unit.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let still_allowed = match action {
        Action::Submit => may_enter(&ctx.user, &unit.path),
        _ => may_review(&ctx.user, &unit.path),
    };
    if !still_allowed {
        return Err(AppError::Forbidden);
    }
    let current = store::sheet(&mut tx, unit.id, data.year)
        .await?
        .filter(|s| s.version == f.version)
        .ok_or_else(|| AppError::Conflict(store::MOVED_ELSEWHERE.into()))?;
    if action == Action::Approve {
        let hands = store::hands_on(&mut tx, current.id).await?;
        super::may_approve_as(ctx.user.id, &hands)
            .map_err(|why| AppError::ForbiddenBecause(why.into()))?;
    }
    let sheet = store::apply(&mut tx, &current, action, now)
        .await?
        .map(|_| current)
        .map_err(|why| AppError::Conflict(why.into()))?;
    store::add_event(
        &mut tx,
        sheet.id,
        action.code(),
        &sheet.status,
        to.code(),
        &reason,
        (Some(ctx.user.id), &ctx.user.full_name),
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        &format!("figures.{}", action.code()),
        "figure_sheet",
        &sheet.id.to_string(),
        &json!({"unit": data.unit.code, "year": data.year, "from": sheet.status, "to": to.code(), "reason": reason}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "{}: số liệu năm {} của {} nay ở trạng thái «{}».",
            action.label(),
            data.year,
            data.unit.name,
            to.label()
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/so-lieu/{}/{}", data.unit.id, data.year)).into_response())
}

/// One unit's line on the completeness page.
pub struct Progress {
    pub unit: Unit,
    pub status: Option<SheetStatus>,
    /// The Vietnam date the sheet was first sent, if it ever was.
    pub first_sent: Option<NaiveDate>,
    pub timeliness: Timeliness,
}

impl Progress {
    fn new(row: store::ReportingUnit, year: i64, today: NaiveDate) -> Progress {
        let status = row.status.as_deref().map(SheetStatus::from_code);
        let first_sent = row.first_sent.map(clock::local_date);
        let timeliness = match (first_sent, status) {
            // Sheets loaded in bulk (benchmarks) are approved with no history; with no sending
            // on record they are not called missing.
            (None, Some(SheetStatus::Submitted | SheetStatus::Approved)) => Timeliness::OnTime,
            _ => timeliness(first_sent, year, today),
        };
        Progress {
            unit: row.unit,
            status,
            first_sent,
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

    /// "20/01/2025", or empty when never sent.
    pub fn first_sent_vn(&self) -> String {
        self.first_sent.map(text::date_vn).unwrap_or_default()
    }
}

/// The head counts of the completeness page.
pub struct Counts {
    pub units: usize,
    pub approved: usize,
    pub waiting: usize,
    pub not_sent: usize,
    /// Not sent and past the deadline.
    pub overdue: usize,
    /// Sent, but first sent after the deadline.
    pub sent_late: usize,
}

#[derive(Template)]
#[template(path = "figures/completeness.html")]
struct CompletenessPage {
    layout: Layout,
    root: Unit,
    year: i64,
    due: String,
    rows: Vec<Progress>,
    counts: Counts,
}

#[derive(Deserialize)]
pub struct CompletenessQuery {
    nam: Option<String>,
    don_vi: Option<i64>,
}

/// Which units under the user's unit have sent, had approved, or are late with a year's
/// figures. Late is judged by the first sending (`figures::timeliness`), so a return by the
/// office never turns an on-time unit late and a late sheet stays marked once sent.
pub async fn completeness(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CompletenessQuery>,
) -> Result<Html<String>, AppError> {
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
    let root = visible_unit(&st, &ctx.user, root_id).await?;
    let mut c = st.db.conn().await?;
    let rows: Vec<Progress> = store::reporting_units(&mut c, &root.path, year)
        .await?
        .into_iter()
        .map(|row| Progress::new(row, year, today))
        .collect();
    let count = |f: &dyn Fn(&Progress) -> bool| rows.iter().filter(|r| f(r)).count();
    let counts = Counts {
        units: rows.len(),
        approved: count(&|r| r.status == Some(SheetStatus::Approved)),
        waiting: count(&|r| r.status == Some(SheetStatus::Submitted)),
        not_sent: count(&|r| {
            matches!(
                r.status,
                None | Some(SheetStatus::Draft | SheetStatus::Returned)
            )
        }),
        overdue: count(&|r| r.overdue()),
        sent_late: count(&|r| r.sent_late()),
    };
    render(&CompletenessPage {
        layout: Layout::new(&ctx, "figures", format!("Tình hình nộp số liệu năm {year}"))
            .crumb("Số liệu chỉ tiêu", ""),
        root,
        year,
        due: deadline(year).map(text::date_vn).unwrap_or_default(),
        rows,
        counts,
    })
}
