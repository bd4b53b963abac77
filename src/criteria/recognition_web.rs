//! Recording a recognition decision from a verified assessment (QĐ 18/2022/QĐ-TTg: the
//! decision names the year it recognises), listing recognitions, and withdrawing one by
//! decision. The level above the subject records them (`access::may_decide`).

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::access;
use super::assess::{self, Summary};
use super::assess_web::{readable, scope_path};
use super::recognition_store::{self as rstore, NewRecognition, RecognitionRow};
use super::sheet::{self, Loaded};
use super::store;
use crate::audit;
use crate::notices;
use crate::resources::works::{DebtCheck, YearEnd};
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{FieldErrors, Layout, PER_PAGE, Pager, render};

#[derive(Template)]
#[template(path = "criteria/recognise.html")]
struct RecognisePage {
    layout: Layout,
    d: Loaded,
    summary: Summary,
    blockers: Vec<String>,
    /// Conditions beyond the criteria that the records cannot decide ("cần xem xét").
    review: Vec<String>,
    /// Conditions the records decided, in words.
    checked: Vec<String>,
    input: RecogniseForm,
    errors: FieldErrors,
}

#[derive(Deserialize, Default, Clone)]
pub struct RecogniseForm {
    #[serde(default)]
    pub decision_number: String,
    #[serde(default)]
    pub decision_date: String,
    #[serde(default)]
    pub authority: String,
    #[serde(default)]
    pub round: String,
    #[serde(default)]
    pub outstanding_field: String,
    #[serde(default)]
    pub conditions_note: String,
}

/// What stands between the assessment and a recognition, checked on `c` (the page's read, or
/// the writing transaction).
async fn blockers(
    c: &mut impl crate::db::DbConn,
    d: &Loaded,
) -> Result<(Summary, Vec<String>), AppError> {
    let summary = d.summary();
    let prerequisite = match &d.set.prerequisite_code {
        Some(code) => {
            let held = rstore::held(c, code, &d.a.subject_type, d.a.subject_id, d.a.year).await?;
            let name = store::newest_name(c, code)
                .await?
                .unwrap_or_else(|| code.clone());
            Some((name, held))
        }
        None => None,
    };
    let mut out = assess::recognition_blockers(
        Some(d.status()),
        &summary,
        None,
        prerequisite.as_ref().map(|(n, h)| (n.as_str(), *h)),
    );
    if rstore::standing_for(c, &d.a.set_code, &d.a.subject_type, d.a.subject_id)
        .await?
        .is_some()
    {
        out.push("Đối tượng đã có quyết định công nhận tiêu chuẩn này còn hiệu lực.".into());
    }
    if let Some(DebtCheck::InDebt(works)) = debt_check(c, d).await? {
        out.push(format!(
            "Còn nợ đọng xây dựng cơ bản cuối năm {} ở công trình thuộc chương trình: {}.",
            d.a.year,
            works.join("; ")
        ));
    }
    Ok((summary, out))
}

/// The condition `no_debt` judged from the works register (issue 11), when the set has it.
async fn debt_check(
    c: &mut impl crate::db::DbConn,
    d: &Loaded,
) -> Result<Option<DebtCheck>, sqlx::Error> {
    if !d.set.conditions.split(',').any(|c| c.trim() == "no_debt") {
        return Ok(None);
    }
    let works: Vec<YearEnd> =
        crate::resources::works_store::programme_year_end(c, &d.a.unit_path, d.a.year)
            .await?
            .into_iter()
            .map(|(_, name, debt)| YearEnd { name, debt })
            .collect();
    Ok(Some(crate::resources::works::no_debt(&works)))
}

/// The set's conditions beyond the criteria: those the records cannot decide ("cần xem xét")
/// and those they did, in words.
async fn conditions(
    c: &mut impl crate::db::DbConn,
    d: &Loaded,
) -> Result<(Vec<String>, Vec<String>), sqlx::Error> {
    let debt = debt_check(c, d).await?;
    let (mut review, mut checked) = (Vec::new(), Vec::new());
    for code in d.set.conditions.split(',').map(str::trim) {
        let Some(words) = assess::condition_text(code) else {
            continue;
        };
        match (code, &debt) {
            ("no_debt", Some(DebtCheck::Clear(n))) => checked.push(format!(
                "{words}: đã kiểm tra {n} công trình có số liệu cuối năm {}, không công trình nào còn nợ.",
                d.a.year
            )),
            ("no_debt", Some(DebtCheck::InDebt(_))) => {}
            ("no_debt", _) => review.push(format!(
                "{words} (chưa ghi nợ đọng cuối năm {} của công trình nào)",
                d.a.year
            )),
            _ => review.push(words.to_string()),
        }
    }
    Ok((review, checked))
}

/// `GET /danh-gia/{id}/cong-nhan`.
pub async fn form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let d = readable(&st, &ctx, id).await?;
    if !access::may_decide(&ctx.user, &d.a.unit_path) {
        return Err(AppError::Forbidden);
    }
    let mut c = st.db.conn().await?;
    let (summary, blockers) = blockers(&mut c, &d).await?;
    let conditions = conditions(&mut c, &d).await?;
    show(
        &ctx,
        d,
        (summary, blockers, conditions),
        RecogniseForm::default(),
        FieldErrors::default(),
    )
}

/// What the page shows about the assessment: its summary, the blockers, and the conditions
/// (to review, checked).
type Judged = (Summary, Vec<String>, (Vec<String>, Vec<String>));

fn show(
    ctx: &Ctx,
    d: Loaded,
    (summary, blockers, (review, checked)): Judged,
    input: RecogniseForm,
    errors: FieldErrors,
) -> Result<Html<String>, AppError> {
    render(&RecognisePage {
        layout: Layout::new(ctx, "criteria", "Ghi quyết định công nhận")
            .crumb("Đánh giá tiêu chí", "/danh-gia")
            .crumb(d.a.subject_name.clone(), format!("/danh-gia/{}", d.a.id)),
        review,
        checked,
        d,
        summary,
        blockers,
        input,
        errors,
    })
}

/// `POST /danh-gia/{id}/cong-nhan`.
pub async fn record(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<RecogniseForm>,
) -> Result<Response, AppError> {
    let d = readable(&st, &ctx, id).await?;
    if !access::may_decide(&ctx.user, &d.a.unit_path) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let field = |s: &str, max: usize| text::clean_limited(s, max);
    let number = field(&f.decision_number, 60).unwrap_or_default();
    if number.is_empty() {
        errors.add(
            "decision_number",
            "Chưa nhập số quyết định (ví dụ 1234/QĐ-UBND).",
        );
    }
    let date = text::parse_date(&f.decision_date);
    if date.is_none() {
        errors.add(
            "decision_date",
            "Ngày quyết định không hợp lệ (ví dụ 15/11/2023).",
        );
    }
    let authority = field(&f.authority, 200).unwrap_or_default();
    if authority.is_empty() {
        errors.add(
            "authority",
            "Chưa nhập cơ quan, người ký quyết định (ví dụ Chủ tịch UBND tỉnh Hà Tĩnh).",
        );
    }
    let round = field(&f.round, 60).unwrap_or_default();
    let outstanding = field(&f.outstanding_field, 200).unwrap_or_default();
    if d.set.outstanding_field && outstanding.is_empty() {
        errors.add("outstanding_field", "Xã nông thôn mới kiểu mẫu phải ghi lĩnh vực nổi trội mà quyết định công nhận (QĐ 319/QĐ-TTg).");
    }
    let note = field(&f.conditions_note, 1000).unwrap_or_default();
    let (Some(date), true) = (date, errors.is_empty()) else {
        let mut c = st.db.conn().await?;
        let (summary, blockers) = blockers(&mut c, &d).await?;
        let conditions = conditions(&mut c, &d).await?;
        return Ok(show(&ctx, d, (summary, blockers, conditions), f, errors)?.into_response());
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    // Read again inside the transaction: the assessment may have been reopened meanwhile.
    let fresh = sheet::load(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let (summary, blocked) = blockers(&mut tx, &fresh).await?;
    if let Some(first) = blocked.first() {
        return Err(AppError::Conflict(format!(
            "Chưa ghi được quyết định công nhận: {first}"
        )));
    }
    let rid = rstore::insert(
        &mut tx,
        &NewRecognition {
            set_id: fresh.set.id,
            set_code: &fresh.set.code,
            subject_type: &fresh.a.subject_type,
            subject_id: fresh.a.subject_id,
            unit_id: fresh.a.unit_id,
            assessment_id: id,
            decision_number: &number,
            decision_date: date,
            authority: &authority,
            round: &round,
            recognised_year: fresh.a.year,
            outstanding_field: &outstanding,
            conditions_note: &note,
        },
        ctx.user.id,
        now,
    )
    .await?;
    let officers = notices::store::unit_officers(&mut tx, &fresh.a.unit_path).await?;
    let body = format!(
        "{} được công nhận «{}» (năm {}) theo quyết định {number} ngày {}.",
        fresh.a.subject_name,
        fresh.set.name,
        fresh.a.year,
        text::date_vn(date)
    );
    notices::store::tell(
        &mut tx,
        &officers,
        ctx.user.id,
        &body,
        &format!("/danh-gia/{id}"),
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "criteria.recognise",
        "recognition",
        &rid.to_string(),
        &json!({"assessment": id, "set": fresh.set.code, "number": number, "date": date, "authority": authority, "round": round, "year": fresh.a.year, "summary": summary.text(), "outstanding_field": outstanding, "conditions_note": note}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã ghi quyết định công nhận.").await?;
    Ok(Redirect::to(&format!("/danh-gia/{id}")).into_response())
}

#[derive(Template)]
#[template(path = "criteria/recognitions.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<RecognitionRow>,
    can_decide: Vec<i64>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct ListQuery {
    trang: Option<i64>,
}

/// `GET /cong-nhan`: the recognitions in the user's scope, newest decision first.
pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let path = scope_path(&ctx);
    let mut c = st.db.conn().await?;
    let total = rstore::count(&mut c, &path).await?;
    let pager = Pager::new(q.trang, total, String::new());
    pager.past_the_end(q.trang)?;
    let rows = rstore::list(&mut c, &path, PER_PAGE, pager.offset()).await?;
    let can_decide = rows
        .iter()
        .filter(|r| !r.withdrawn() && access::may_decide(&ctx.user, &r.unit_path))
        .map(|r| r.id)
        .collect();
    render(&ListPage {
        layout: Layout::new(&ctx, "criteria", "Quyết định công nhận").crumb("Công nhận", ""),
        rows,
        can_decide,
        pager,
    })
}

#[derive(Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    reason: String,
}

/// `POST /cong-nhan/{id}/thu-hoi`: records the withdrawal decision.
pub async fn withdraw(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<WithdrawForm>,
) -> Result<Redirect, AppError> {
    let number = text::clean_limited(&f.number, 60).map_err(AppError::BadRequest)?;
    let reason = text::clean_limited(&f.reason, 1000).map_err(AppError::BadRequest)?;
    let date = text::parse_date(&f.date);
    let (false, Some(date), false) = (number.is_empty(), date, reason.is_empty()) else {
        return Err(AppError::BadRequest(
            "Thu hồi cần số quyết định, ngày quyết định (ví dụ 20/12/2025) và lý do.".into(),
        ));
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let r = rstore::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if !access::may_decide(&ctx.user, &r.unit_path) {
        return Err(AppError::Forbidden);
    }
    if date < r.decision_date {
        return Err(AppError::BadRequest(
            "Ngày thu hồi không thể trước ngày quyết định công nhận.".into(),
        ));
    }
    if !rstore::withdraw(&mut tx, id, &number, date, &reason, ctx.user.id, now).await? {
        return Err(AppError::Conflict(
            "Quyết định công nhận này đã được thu hồi.".into(),
        ));
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "criteria.withdraw",
        "recognition",
        &id.to_string(),
        &json!({"number": number, "date": date, "reason": reason}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã ghi quyết định thu hồi công nhận.")
        .await?;
    Ok(Redirect::to("/cong-nhan"))
}
