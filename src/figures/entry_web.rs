//! The sheet page: one form with every indicator a unit of this kind enters for a year, the
//! figures computed from them, the review buttons and the sheet's history.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;

use super::sheet::{SheetData, load, load_writable, typed};
use super::store::{self, Event};
use super::{Action, SheetStatus, may_enter, may_review};
use crate::audit;
use crate::indicators::{self, Indicator};
use crate::state::AppState;
use crate::units::Unit;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

/// One line of the sheet as shown: the indicator, what is stored or was typed, last year's.
pub struct Line {
    pub ind: Indicator,
    pub value: String,
    /// The value as a read-only page shows it ("5.787 người"), when the sheet is not editable.
    pub shown: String,
    pub comment: String,
    pub evidence_name: String,
    pub last_year: String,
    pub error: String,
}

#[derive(Template)]
#[template(path = "figures/sheet.html")]
struct SheetPage {
    layout: Layout,
    unit: Unit,
    year: i64,
    status: SheetStatus,
    version: i64,
    lines: Vec<Line>,
    derived: Vec<(String, String)>,
    events: Vec<Event>,
    can_enter: bool,
    /// Why the unit has nothing to enter this year (it did not exist), shown instead of inputs.
    absent: Option<String>,
    can_review: bool,
    /// This user typed into or sent the sheet, so may not approve it (`may_approve_as`).
    hands_on: bool,
    /// The return or reopening that put the sheet back in the unit's hands, shown at the top.
    sent_back: Option<Event>,
    /// For the reviewer of a sheet approved before: what differs from that version (`None`:
    /// never approved, or not the reviewer).
    changes: Option<Vec<super::changes::Change>>,
    problems: usize,
    /// Valid cells a draft save kept while `problems` cells wait for correction (0: nothing saved).
    saved: usize,
    demo: bool,
    /// The evidence size limit the server enforces, in MB.
    evidence_mb: usize,
}

/// A sheet's history as the page shows it: its events, who had their hands on it, and its last
/// approved figures (`approved_store::last`).
pub(super) type History = (Vec<Event>, Vec<i64>, Vec<(i64, Option<f64>, String)>);

/// The sheet page for `lines`, with its history and the outcome of a save (invalid cells,
/// valid cells kept).
pub(super) fn page(
    ctx: &Ctx,
    data: &SheetData,
    lines: Vec<Line>,
    (events, hands, approved): History,
    (problems, saved): (usize, usize),
) -> Result<Html<String>, AppError> {
    let values = data.values_by_code();
    let derived = data
        .derived
        .iter()
        .map(|i| {
            let v = indicators::formula::parse(&i.formula)
                .ok()
                .and_then(|e| e.eval(&values));
            (i.name.clone(), v.map_or("—".into(), |v| i.show(v)))
        })
        .collect();
    let status = data.status();
    // What the reviewer checks first: the figures changed since the version they approved.
    let changes = if may_review(&ctx.user, &data.unit.path) && status == SheetStatus::Submitted {
        Some(super::changes::since_approval(
            &data.entered,
            &data.values,
            &approved,
        ))
        .filter(|_| !approved.is_empty())
    } else {
        None
    };
    let sent_back = events
        .last()
        .filter(|e| status.is_editable() && matches!(e.action.as_str(), "return" | "reopen"))
        .cloned();
    render(&SheetPage {
        layout: Layout::new(
            ctx,
            "figures",
            format!("Số liệu {} năm {}", data.unit.name, data.year),
        )
        .crumb("Số liệu chỉ tiêu", format!("/so-lieu?nam={}", data.year))
        .crumb(format!("{} – {}", data.unit.name, data.year), ""),
        can_enter: may_enter(&ctx.user, &data.unit.path)
            && status.is_editable()
            && data.unit.exists_in(data.year),
        absent: data.unit.absent_in(data.year),
        can_review: may_review(&ctx.user, &data.unit.path),
        hands_on: super::may_approve_as(ctx.user.id, &hands).is_err(),
        sent_back,
        changes,
        unit: data.unit.clone(),
        year: data.year,
        status,
        version: data.sheet.as_ref().map_or(0, |s| s.version),
        lines,
        derived,
        events,
        problems,
        saved,
        demo: data.sheet.as_ref().is_some_and(|s| s.is_demo),
        evidence_mb: crate::files::MAX_BYTES / (1024 * 1024),
    })
}

fn stored_lines(data: &SheetData) -> Vec<Line> {
    data.entered
        .iter()
        .map(|i| {
            let f = data.values.get(&i.id);
            Line {
                value: f
                    .and_then(|f| f.value)
                    .map_or(String::new(), |v| typed(i, v)),
                shown: f.and_then(|f| f.value).map_or(String::new(), |v| i.show(v)),
                comment: f.map(|f| f.comment.clone()).unwrap_or_default(),
                evidence_name: f.map(|f| f.evidence_name.clone()).unwrap_or_default(),
                last_year: data
                    .last_year
                    .get(&i.code)
                    .map_or(String::new(), |v| i.show(*v)),
                error: String::new(),
                ind: i.clone(),
            }
        })
        .collect()
}

pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year)): Path<(i64, String)>,
) -> Result<Html<String>, AppError> {
    let data = load(&st, &ctx, unit_id, &year).await?;
    let mut c = st.db.conn().await?;
    let history = match &data.sheet {
        Some(s) => (
            store::events(&mut c, s.id).await?,
            store::hands_on(&mut c, s.id).await?,
            super::approved_store::last(&mut c, s.id).await?,
        ),
        None => Default::default(),
    };
    drop(c);
    let editable = may_enter(&ctx.user, &data.unit.path)
        && data.status().is_editable()
        && data.unit.exists_in(data.year);
    let kept = match editable {
        true => crate::web::kept::take(&st, &ctx, &format!("/so-lieu/{unit_id}/{year}")).await?,
        false => None,
    };
    if let Some(form) = kept {
        // What was typed before the session expired comes back, unsaved, for the person to
        // check and save (issue 8, item 5).
        let typed = super::typed::read(&data, &form, false);
        let current = data.sheet.as_ref().map_or(0, |s| s.version);
        let changed = form.get("version").and_then(|v| v.parse::<i64>().ok()) != Some(current);
        let told = Ctx {
            flash: Some(format!(
                "Phiên đăng nhập đã hết trước khi bạn lưu; những gì bạn đã nhập được giữ lại và hiện bên dưới nhưng CHƯA được lưu — hãy kiểm tra rồi bấm «Lưu».{}",
                if changed {
                    " Lưu ý: bảng số liệu đã được thay đổi ở nơi khác sau khi bạn nhập; hãy so lại trước khi lưu."
                } else {
                    ""
                }
            )),
            ..ctx.clone()
        };
        return page(&told, &data, typed.lines(&data), history, (0, 0));
    }
    page(&ctx, &data, stored_lines(&data), history, (0, 0))
}

/// The sheet as the write transaction sees it, when this user may still change it: the unit
/// is re-read (it may have moved out of the user's reach), the sheet is claimed (created if it
/// is the first save) and must still be in the unit's hands — at the version the form was
/// loaded with (0 when there was no sheet yet), when the form carries one. Whether this call
/// created the sheet comes along.
pub(super) async fn writable_sheet(
    tx: &mut crate::db::Tx,
    ctx: &Ctx,
    data: &SheetData,
    form_version: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(store::Sheet, bool), AppError> {
    let unit = crate::units::store::by_id(tx, data.unit.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_enter(&ctx.user, &unit.path) {
        return Err(AppError::Forbidden);
    }
    if let Some(why) = unit.absent_in(data.year) {
        return Err(AppError::Conflict(why));
    }
    let (sheet, created) = store::claim_sheet(tx, unit.id, data.year, now).await?;
    let expected = if created { 0 } else { sheet.version };
    if form_version.is_some_and(|v| v != expected) {
        return Err(AppError::Conflict(store::MOVED_ELSEWHERE.into()));
    }
    if !sheet.status().is_editable() {
        return Err(AppError::Conflict(format!(
            "Số liệu năm {} của {} {}: không sửa được cho đến khi cấp trên mở lại.",
            data.year,
            unit.name,
            if sheet.status() == SheetStatus::Approved {
                "đã được duyệt và khóa"
            } else {
                "đang chờ duyệt"
            }
        )));
    }
    Ok((sheet, created))
}

/// Saves the typed figures; with `hanh_dong=gui` also submits them for approval.
pub async fn save(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year)): Path<(i64, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let mut data = load_writable(&st, &ctx, unit_id, &year).await?;
    let submitting = form.get("hanh_dong").is_some_and(|a| a == "gui");
    let typed = super::typed::read(&data, &form, submitting);
    let (values, errors) = (&typed.values, &typed.errors);
    let typed_lines = || typed.lines(&data);
    let version: i64 = form
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    if data.sheet.as_ref().is_some_and(|s| s.version != version) {
        let mut lines = typed_lines();
        if let Some(l) = lines.first_mut() {
            l.error =
                "Bảng số liệu vừa được thay đổi ở nơi khác; hãy tải lại trang rồi nhập lại.".into();
        }
        // 409 with the form and what was typed, so nothing typed is lost.
        let form = page(&ctx, &data, lines, Default::default(), (1, 0))?;
        return Ok((axum::http::StatusCode::CONFLICT, form).into_response());
    }
    if submitting && !errors.is_empty() {
        let n = errors.len();
        return Ok(page(&ctx, &data, typed_lines(), Default::default(), (n, 0))?.into_response());
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    // Everything checked above is checked again on the rows as this transaction sees them.
    let (sheet, _) = writable_sheet(&mut tx, &ctx, &data, Some(version), now).await?;
    // A draft keeps every valid cell; an invalid one stays as stored until it is corrected.
    typed.put_valid(&mut tx, &sheet, &data, now).await?;
    let moved = if submitting {
        store::apply(&mut tx, &sheet, Action::Submit, now).await?
    } else {
        match store::touch(&mut tx, &sheet, now).await? {
            true => Ok(sheet.clone()),
            false => Err(store::MOVED_ELSEWHERE),
        }
    };
    let to = moved.map_err(|why| AppError::Conflict(why.into()))?;
    if submitting {
        store::add_event(
            &mut tx,
            sheet.id,
            "submit",
            &sheet.status,
            &to.status,
            "",
            (Some(ctx.user.id), &ctx.user.full_name),
            now,
        )
        .await?;
        let (unit, year) = (&data.unit, data.year);
        super::review_web::tell(&mut tx, &ctx, unit, year, sheet.id, "submit", "", now).await?;
    }
    let details: serde_json::Map<String, serde_json::Value> =
        values.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        if submitting {
            "figures.submit"
        } else {
            "figures.save"
        },
        "figure_sheet",
        &sheet.id.to_string(),
        &json!({"unit": data.unit.code, "year": data.year, "values": details}),
    )
    .await?;
    tx.commit().await?;
    if !errors.is_empty() {
        // Shown again with what was typed and each invalid cell marked, on the new version.
        let lines = typed_lines();
        let saved = typed.valid(&data);
        let fresh = load_writable(&st, &ctx, unit_id, &year).await?;
        let outcome = (errors.len(), saved);
        return Ok(page(&ctx, &fresh, lines, Default::default(), outcome)?.into_response());
    }
    data.sheet = Some(sheet);
    ctx.flash(
        &st,
        if submitting {
            "Đã lưu và gửi số liệu để duyệt."
        } else {
            "Đã lưu số liệu (chưa gửi duyệt)."
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/so-lieu/{}/{}", data.unit.id, data.year)).into_response())
}
