//! `/khen-thuong/quy-dinh`: the award rules every official can read — forms and titles, the
//! coefficient table by level, subject kind and legal period, the base-salary table — with a
//! calculator of the money a decision of a given date pays. Only an administrator changes a
//! coefficient, a base salary or the household rounding, always with the legal basis; each
//! change is audited with the value it replaced.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde::Deserialize;
use serde_json::json;

use super::money::{BaseSalary, Coefficient, HouseholdRounding, Rate};
use super::{CoefficientRow, Form as AwardForm, Level, SubjectKind, store};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Query};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

/// A coefficient row as the table shows it.
pub fn rate_text(r: &CoefficientRow) -> String {
    match r.rate {
        Some(Rate::OfBase(c)) => format!("{} × lương cơ sở", c.text()),
        Some(Rate::OfIndividual(c)) => format!("{} × mức của cá nhân", c.text()),
        None => "chờ xác nhận".into(),
    }
}

/// "01/01/2024 – 30/06/2025", "từ 01/07/2025".
pub fn period_text(r: &CoefficientRow) -> String {
    match r.valid_to {
        Some(t) => format!("{} – {}", text::date_vn(r.valid_from), text::date_vn(t)),
        None => format!("từ {}", text::date_vn(r.valid_from)),
    }
}

#[derive(Deserialize, Default)]
pub struct TryQuery {
    #[serde(default)]
    hinh_thuc: String,
    #[serde(default)]
    cap: String,
    #[serde(default)]
    doi_tuong: String,
    #[serde(default)]
    ngay: String,
}

#[derive(Template)]
#[template(path = "awards/rules.html")]
struct RulesPage {
    layout: Layout,
    forms: Vec<(AwardForm, Vec<CoefficientRow>)>,
    bases: Vec<BaseSalary>,
    rounding: HouseholdRounding,
    q: TryQuery,
    result: Option<Result<super::Money, String>>,
}

/// `GET /khen-thuong/quy-dinh?hinh_thuc=&cap=&doi_tuong=&ngay=`.
pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TryQuery>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let rows = store::coefficients(&mut c).await?;
    let bases = store::bases(&mut c).await?;
    let rounding = store::household_rounding(&mut c).await?;
    let forms = store::forms(&mut c)
        .await?
        .into_iter()
        .map(|f| {
            let mine = rows
                .iter()
                .filter(|r| r.form_code == f.code)
                .cloned()
                .collect();
            (f, mine)
        })
        .collect();
    let result = if q.ngay.trim().is_empty() {
        None
    } else {
        Some(try_money(&rows, &bases, &q, rounding))
    };
    render(&RulesPage {
        layout: Layout::new(&ctx, "awards", "Quy định khen thưởng")
            .crumb("Khen thưởng", "")
            .crumb("Quy định", ""),
        forms,
        bases,
        rounding,
        q,
        result,
    })
}

fn try_money(
    rows: &[CoefficientRow],
    bases: &[BaseSalary],
    q: &TryQuery,
    rounding: HouseholdRounding,
) -> Result<super::Money, String> {
    let on = text::parse_date(&q.ngay).ok_or("Ngày quyết định ghi theo dạng ngày/tháng/năm.")?;
    let level = Level::from_code(q.cap.trim()).ok_or("Chọn cấp khen thưởng.")?;
    let subject = SubjectKind::from_code(q.doi_tuong.trim()).ok_or("Chọn đối tượng.")?;
    super::money(
        rows,
        bases,
        q.hinh_thuc.trim(),
        level,
        subject,
        on,
        rounding,
    )
    .map_err(|p| p.text())
}

#[derive(Deserialize)]
pub struct RateForm {
    #[serde(default)]
    id: String,
    #[serde(default)]
    coefficient: String,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    confirmed: String,
}

fn basis_of(s: &str) -> Result<String, AppError> {
    let basis = text::clean_limited(s, 300).map_err(AppError::BadRequest)?;
    if basis.is_empty() {
        return Err(AppError::BadRequest(
            "Ghi căn cứ pháp lý (văn bản, điều khoản).".into(),
        ));
    }
    Ok(basis)
}

/// `POST /khen-thuong/quy-dinh/he-so`: an empty coefficient sets the row back to "chờ xác nhận".
pub async fn set_rate(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<RateForm>,
) -> Result<Redirect, AppError> {
    if !ctx.user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let id: i64 = f.id.trim().parse().map_err(|_| AppError::NotFound)?;
    let coefficient = match f.coefficient.trim() {
        "" => None,
        s => Some(Coefficient::parse(s).map_err(AppError::BadRequest)?),
    };
    let basis = basis_of(&f.basis)?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let old = store::coefficient(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut row = old.clone();
    row.rate = coefficient.map(|c| match old.rate {
        Some(Rate::OfIndividual(_)) => Rate::OfIndividual(c),
        None if old.subject == SubjectKind::Household => Rate::OfIndividual(c),
        _ => Rate::OfBase(c),
    });
    row.basis = basis;
    row.confirmed = f.confirmed == "co" && row.rate.is_some();
    store::set_coefficient(&mut tx, &row, ctx.user.id, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.coefficient_set",
        "award_coefficient",
        &id.to_string(),
        &json!({"form": row.form_code, "level": row.level.code(), "subject": row.subject.code(),
                "from": row.valid_from, "rate": rate_text(&row), "basis": row.basis,
                "confirmed": row.confirmed,
                "previous": {"rate": rate_text(&old), "basis": old.basis, "confirmed": old.confirmed}}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã ghi hệ số {} ({}, {}).",
            rate_text(&row),
            row.subject.label().to_lowercase(),
            period_text(&row)
        ),
    )
    .await?;
    Ok(Redirect::to("/khen-thuong/quy-dinh"))
}

#[derive(Deserialize)]
pub struct BaseForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    confirmed: String,
}

/// `POST /khen-thuong/quy-dinh/luong-co-so`: the base salary from a date (new or corrected).
pub async fn set_base(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<BaseForm>,
) -> Result<Redirect, AppError> {
    if !ctx.user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let from = text::parse_date(&f.from)
        .ok_or_else(|| AppError::BadRequest("Ngày áp dụng ghi theo dạng ngày/tháng/năm.".into()))?;
    let amount = Some(crate::resources::shown::dong(&f.amount, "Mức lương cơ sở")?)
        .filter(|v| *v > 0)
        .ok_or_else(|| AppError::BadRequest("Mức lương cơ sở phải lớn hơn 0 đồng.".into()))?;
    let b = BaseSalary {
        from,
        amount,
        basis: basis_of(&f.basis)?,
        confirmed: f.confirmed == "co",
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let old = store::set_base(&mut tx, &b, ctx.user.id, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.base_salary_set",
        "base_salary",
        &from.to_string(),
        &json!({"amount": amount, "basis": b.basis, "confirmed": b.confirmed,
                "previous": old.map(|o| json!({"amount": o.amount, "basis": o.basis, "confirmed": o.confirmed}))}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã ghi lương cơ sở từ {}: {}.",
            text::date_vn(from),
            text::money_vnd(amount)
        ),
    )
    .await?;
    Ok(Redirect::to("/khen-thuong/quy-dinh"))
}

#[derive(Deserialize)]
pub struct RoundingForm {
    #[serde(default)]
    rounding: String,
}

/// `POST /khen-thuong/quy-dinh/lam-tron`: how a household's 1,5 × individual is rounded.
pub async fn set_rounding(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<RoundingForm>,
) -> Result<Redirect, AppError> {
    if !ctx.user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let r = match f.rounding.trim() {
        "once" => HouseholdRounding::Once,
        "of_rounded_individual" => HouseholdRounding::OfRoundedIndividual,
        _ => return Err(AppError::BadRequest("Chọn một cách làm tròn.".into())),
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let old = store::household_rounding(&mut tx).await?;
    store::set_household_rounding(&mut tx, r).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.rounding_set",
        "setting",
        "award_household_rounding",
        &json!({"rounding": r.code(), "previous": old.code()}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã ghi cách làm tròn tiền thưởng của hộ gia đình.")
        .await?;
    Ok(Redirect::to("/khen-thuong/quy-dinh"))
}
