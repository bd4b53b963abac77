//! `/danh-gia`: the assessments in the user's scope, a new assessment for a subject and year,
//! and one assessment's page (values, verdicts, evidence, reviews, summary).

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use chrono::Datelike;
use serde::Deserialize;
use serde_json::json;

use super::access;
use super::assess::Status;
use super::assess_store::{self, AssessmentRow, Filter, NewAssessment};
use super::sheet::{self, Loaded};
use super::store::{self, SetRow};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{Layout, PER_PAGE, Pager, query_string, render};

#[derive(Template)]
#[template(path = "criteria/assessments.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<AssessmentRow>,
    sets: Vec<SetRow>,
    set_code: String,
    year: String,
    status: String,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    bo: String,
    #[serde(default)]
    nam: String,
    #[serde(default)]
    trang_thai: String,
    trang: Option<i64>,
}

/// The path whose subtree the user's lists cover: everything for the administrator, else the
/// first grant's unit (a ward officer sees the ward and what is below it).
pub fn scope_path(ctx: &Ctx) -> String {
    if ctx.user.is_admin() {
        "/".into()
    } else {
        ctx.user
            .home_unit()
            .map_or_else(|| "/nowhere/".into(), |g| g.unit_path.clone())
    }
}

/// `GET /danh-gia?bo=&nam=&trang_thai=&trang=`.
pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let path = scope_path(&ctx);
    let status = match q.trang_thai.as_str() {
        s @ ("draft" | "submitted" | "returned" | "verified") => s.to_string(),
        _ => String::new(),
    };
    let f = Filter {
        path: &path,
        set_code: q.bo.trim(),
        year: text::parse_year(&q.nam),
        status: &status,
    };
    let mut c = st.db.conn().await?;
    let total = assess_store::count(&mut c, &f).await?;
    let base = query_string(&[
        ("bo", f.set_code),
        ("nam", q.nam.trim()),
        ("trang_thai", &status),
    ]);
    let pager = Pager::new(q.trang, total, base);
    pager.past_the_end(q.trang)?;
    let rows = assess_store::list(&mut c, &f, PER_PAGE, pager.offset()).await?;
    let sets = store::sets(&mut c).await?;
    render(&ListPage {
        layout: Layout::new(&ctx, "criteria", "Đánh giá tiêu chí").crumb("Đánh giá tiêu chí", ""),
        rows,
        sets,
        set_code: f.set_code.to_string(),
        year: q.nam.trim().to_string(),
        status,
        pager,
    })
}

#[derive(Template)]
#[template(path = "criteria/new.html")]
struct NewPage {
    layout: Layout,
    set: SetRow,
    subjects: Vec<(i64, String, String)>,
    household: Option<(i64, String)>,
    year: i64,
}

#[derive(Deserialize)]
pub struct NewQuery {
    bo: i64,
    ho: Option<i64>,
}

/// `GET /danh-gia/moi?bo={set}[&ho={household}]`: choose the subject and year.
pub async fn new_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NewQuery>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let set = store::set(&mut c, q.bo).await?.ok_or(AppError::NotFound)?;
    let path = scope_path(&ctx);
    let subjects = store::subjects_in(&mut c, &path, super::unit_kinds_of(&set.subject_kind), 500)
        .await?
        .into_iter()
        .filter(|(_, _, p)| access::may_fill(&ctx.user, p))
        .collect();
    let household = match q.ho {
        Some(h) => {
            let (hh, hpath) = crate::subjects::store::household(&mut c, h)
                .await?
                .ok_or(AppError::NotFound)?;
            if !access::may_fill(&ctx.user, &hpath) {
                return Err(AppError::Forbidden);
            }
            Some((hh.id, format!("Hộ {} – {}", hh.head_name, hh.unit_name)))
        }
        None => None,
    };
    render(&NewPage {
        layout: Layout::new(&ctx, "criteria", "Lập bản đánh giá")
            .crumb("Đánh giá tiêu chí", "/danh-gia")
            .crumb(set.name.clone(), format!("/tieu-chi/{}", set.id)),
        year: i64::from(st.clock.today().year()) - 1,
        set,
        subjects,
        household,
    })
}

#[derive(Deserialize)]
pub struct CreateForm {
    set_id: i64,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    year: String,
}

/// `POST /danh-gia`: opens the assessment of a subject for a year under the set version it
/// names (or goes to the one that exists). Every check runs inside the writing transaction.
pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CreateForm>,
) -> Result<Redirect, AppError> {
    let year = text::parse_year(&f.year)
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(|| AppError::BadRequest("Năm đánh giá không hợp lệ (ví dụ 2024).".into()))?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let set = store::set(&mut tx, f.set_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !super::applies_in(set.valid_from, set.valid_to, year) {
        return Err(AppError::BadRequest(format!(
            "Bộ tiêu chí «{}» không áp dụng cho năm {year}.",
            set.name
        )));
    }
    let household = set.subject_kind == "household";
    let subject_id: i64 = f
        .subject
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("Hãy chọn đối tượng được đánh giá.".into()))?;
    let (subject_type, unit_id, path) = if household {
        let (h, p) = crate::subjects::store::household(&mut tx, subject_id)
            .await?
            .ok_or_else(|| AppError::BadRequest("Không tìm thấy hộ gia đình này.".into()))?;
        ("household", h.unit_id, p)
    } else {
        let u = crate::units::store::by_id(&mut tx, subject_id)
            .await?
            .filter(|u| super::unit_kinds_of(&set.subject_kind).contains(&u.kind.as_str()))
            .ok_or_else(|| {
                AppError::BadRequest(format!(
                    "Đối tượng phải là {} (bộ tiêu chí này dành cho {}).",
                    super::subject_kind_label(&set.subject_kind).to_lowercase(),
                    super::subject_kind_label(&set.subject_kind).to_lowercase()
                ))
            })?;
        ("unit", u.id, u.path)
    };
    if !access::may_fill(&ctx.user, &path) {
        return Err(AppError::Forbidden);
    }
    if let Some(id) =
        assess_store::find_for(&mut tx, &set.code, subject_type, subject_id, year).await?
    {
        return Ok(Redirect::to(&format!("/danh-gia/{id}")));
    }
    let id = assess_store::create(
        &mut tx,
        &NewAssessment {
            set_id: set.id,
            set_code: &set.code,
            subject_type,
            subject_id,
            unit_id,
            year,
        },
        ctx.user.id,
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "criteria.assessment_create",
        "assessment",
        &id.to_string(),
        &json!({"set": set.code, "version": set.version, "subject": subject_type, "subject_id": subject_id, "year": year}),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/danh-gia/{id}")))
}

#[derive(Template)]
#[template(path = "criteria/assessment.html")]
pub struct AssessmentPage {
    pub layout: Layout,
    pub d: Loaded,
    pub can_fill: bool,
    pub can_decide: bool,
    /// Criterion ids this user's office may verify.
    pub verifies: Vec<i64>,
    pub prerequisite: Option<(String, bool)>,
    pub problems: usize,
}

impl AssessmentPage {
    pub fn may_verify(&self, criterion_id: &i64) -> bool {
        self.verifies.contains(criterion_id)
    }
}

/// Loads an assessment the user may read; 404 for a missing one, 403 for another unit's.
pub async fn readable(st: &AppState, ctx: &Ctx, id: i64) -> Result<Loaded, AppError> {
    let mut c = st.db.conn().await?;
    let d = sheet::load(&mut c, id).await?.ok_or(AppError::NotFound)?;
    if !access::may_read(&ctx.user, &d.a.unit_path, &d.owners()) {
        return Err(AppError::Forbidden);
    }
    Ok(d)
}

/// The page of `d` for `ctx`, with `problems` lines refused on the last save.
pub async fn page(
    st: &AppState,
    ctx: &Ctx,
    d: Loaded,
    problems: usize,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let prerequisite = match &d.set.prerequisite_code {
        Some(code) => {
            let held = super::recognition_store::held(
                &mut c,
                code,
                &d.a.subject_type,
                d.a.subject_id,
                d.a.year,
            )
            .await?;
            let name = store::newest_name(&mut c, code)
                .await?
                .unwrap_or_else(|| code.clone());
            Some((name, held))
        }
        None => None,
    };
    let editable = d.status().is_editable();
    let verifies = d
        .blocks
        .iter()
        .filter(|b| access::may_verify(&ctx.user, b.c.owner_unit_id))
        .map(|b| b.c.id)
        .collect();
    let title = format!("{} – {} – năm {}", d.set.name, d.a.subject_name, d.a.year);
    render(&AssessmentPage {
        layout: Layout::new(ctx, "criteria", title.clone())
            .crumb("Đánh giá tiêu chí", "/danh-gia")
            .crumb(d.a.subject_name.clone(), "")
            .printed_as(title),
        can_fill: editable && access::may_fill(&ctx.user, &d.a.unit_path),
        can_decide: access::may_decide(&ctx.user, &d.a.unit_path),
        verifies,
        prerequisite,
        problems,
        d,
    })
}

/// `GET /danh-gia/{id}`.
pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let d = readable(&st, &ctx, id).await?;
    page(&st, &ctx, d, 0).await
}

/// Whether an assessment in `status` may still change in the subject's hands; the sentence
/// says why not.
pub fn still_editable(status: Status) -> Result<(), AppError> {
    match status {
        Status::Draft | Status::Returned => Ok(()),
        Status::Submitted => Err(AppError::Conflict(
            "Bản đánh giá đã gửi và đang chờ các phòng xác minh: chưa sửa được.".into(),
        )),
        Status::Verified => Err(AppError::Conflict(
            "Bản đánh giá đã được xác minh và khóa: muốn sửa, cấp trên phải mở lại và ghi lý do."
                .into(),
        )),
    }
}
