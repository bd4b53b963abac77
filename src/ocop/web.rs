//! `/ocop`: the OCOP products of the user's scope, a product's page with its evaluations, and
//! recording a product and an evaluation. Every check that guards a write runs again inside the
//! transaction that writes.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde::Deserialize;
use serde_json::json;

use super::store::{self, Evaluation, NewEvaluation, NewProduct, Product};
use super::{Group, PartMaxima};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{Layout, PER_PAGE, Pager, render};

/// May record evaluations and certificates of products made at `path`: the administrator or
/// the level above (the town's offices that appraise, as for figure sheets).
pub fn may_evaluate(ctx: &Ctx, path: &str) -> bool {
    crate::figures::may_review(&ctx.user, path)
}

fn scope(ctx: &Ctx) -> String {
    crate::criteria::assess_web::scope_path(ctx)
}

#[derive(Template)]
#[template(path = "ocop/list.html")]
struct ListPage {
    layout: Layout,
    products: Vec<Product>,
    owners: Vec<(i64, String, String)>,
    groups: Vec<Group>,
    pager: Pager,
    today: chrono::NaiveDate,
    can_create: bool,
}

#[derive(Deserialize)]
pub struct ListQuery {
    trang: Option<i64>,
}

/// `GET /ocop`.
pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let path = scope(&ctx);
    let mut c = st.db.conn().await?;
    let total = store::count_in(&mut c, &path).await?;
    let pager = Pager::new(q.trang, total, String::new());
    pager.past_the_end(q.trang)?;
    let products = store::products_in(&mut c, &path, PER_PAGE, pager.offset()).await?;
    let owners =
        crate::criteria::store::subjects_in(&mut c, &path, &["enterprise", "cooperative"], 500)
            .await?
            .into_iter()
            .filter(|(_, _, p)| ctx.user.can_edit(p))
            .collect();
    render(&ListPage {
        layout: Layout::new(&ctx, "ocop", "Sản phẩm OCOP").crumb("Sản phẩm OCOP", ""),
        products,
        owners,
        groups: Group::ALL.to_vec(),
        pager,
        today: st.clock.today(),
        can_create: ctx.user.is_admin()
            || ctx
                .user
                .grants
                .iter()
                .any(|g| ctx.user.can_edit(&g.unit_path)),
    })
}

#[derive(Deserialize)]
pub struct ProductForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    owner: String,
    /// A household or person of the register (`HGD-3`, `CN-12`) instead of `owner`.
    #[serde(default)]
    owner_code: String,
}

/// `POST /ocop`: a product of an enterprise or cooperative in the user's scope.
pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<ProductForm>,
) -> Result<Redirect, AppError> {
    let name = text::clean_limited(&f.name, 200).map_err(AppError::BadRequest)?;
    if name.is_empty() {
        return Err(AppError::BadRequest("Chưa nhập tên sản phẩm.".into()));
    }
    let group = Group::from_code(f.group.trim())
        .ok_or_else(|| AppError::BadRequest("Hãy chọn nhóm sản phẩm (QĐ 148/QĐ-TTg).".into()))?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let (owner_type, owner_id, unit_id) =
        super::owner::owner_of(&mut tx, &ctx, &f.owner, &f.owner_code).await?;
    let id = store::insert_product(
        &mut tx,
        &NewProduct {
            name: &name,
            group: group.code(),
            owner_type,
            owner_id,
            unit_id,
            is_demo: false,
        },
        Some(ctx.user.id),
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "ocop.product_create",
        "ocop_product",
        &id.to_string(),
        &json!({"name": name, "group": group.code(), "owner_type": owner_type, "owner": owner_id}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã ghi sản phẩm «{name}»."))
        .await?;
    Ok(Redirect::to(&format!("/ocop/{id}")))
}

#[derive(Template)]
#[template(path = "ocop/product.html")]
struct ProductPage {
    layout: Layout,
    p: Product,
    history: Vec<Evaluation>,
    can_evaluate: bool,
    can_edit: bool,
    has_photo: bool,
    maxima: Vec<PartMaxima>,
}

async fn visible(st: &AppState, ctx: &Ctx, id: i64) -> Result<Product, AppError> {
    let mut c = st.db.conn().await?;
    let p = store::product(&mut c, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !ctx.user.can_see(&p.unit_path) {
        return Err(AppError::NotFound);
    }
    Ok(p)
}

/// The maxima table from the database, as the pure rules read it.
async fn maxima(c: &mut impl crate::db::DbConn) -> Result<Vec<PartMaxima>, sqlx::Error> {
    Ok(store::maxima(c)
        .await?
        .into_iter()
        .map(|(from, a, b, c, source)| PartMaxima {
            from,
            a,
            b,
            c,
            source,
        })
        .collect())
}

/// `GET /ocop/{id}`.
pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let p = visible(&st, &ctx, id).await?;
    let mut c = st.db.conn().await?;
    let history = store::evaluations(&mut c, id).await?;
    let maxima = maxima(&mut c).await?;
    render(&ProductPage {
        layout: Layout::new(&ctx, "ocop", p.name.clone())
            .crumb("Sản phẩm OCOP", "/ocop")
            .crumb(p.name.clone(), ""),
        can_evaluate: may_evaluate(&ctx, &p.unit_path),
        can_edit: ctx.user.can_edit(&p.unit_path) || may_evaluate(&ctx, &p.unit_path),
        has_photo: super::photo_web::has_photo(&st, id).await?,
        p,
        history,
        maxima,
    })
}

#[derive(Deserialize)]
pub struct EvaluationForm {
    #[serde(default)]
    evaluated_on: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    a: String,
    #[serde(default)]
    b: String,
    #[serde(default)]
    c: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    certificate_date: String,
    /// The level whose body issued the certificate (checked against the rules of its date).
    #[serde(default)]
    issued_level: String,
}

/// `POST /ocop/{id}/danh-gia`: scores checked against the maxima in force on the evaluation
/// date; stars from the bands; a certificate for 3 stars or more, valid 36 months, its level
/// checked against the one the rules of its date name.
pub async fn evaluate(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<EvaluationForm>,
) -> Result<Redirect, AppError> {
    let bad = AppError::BadRequest;
    let on = text::parse_date(&f.evaluated_on)
        .ok_or_else(|| bad("Ngày chấm điểm không hợp lệ (ví dụ 15/06/2024).".into()))?;
    let parts =
        |s: &str, name: &str| super::parse_points(s).map_err(|e| bad(format!("Phần {name}: {e}")));
    let (a, b, c) = (parts(&f.a, "A")?, parts(&f.b, "B")?, parts(&f.c, "C")?);
    let level = match f.level.trim() {
        l @ ("district" | "province" | "central") => l.to_string(),
        _ => return Err(bad("Hãy chọn cấp chấm điểm.".into())),
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let p = store::product(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_evaluate(&ctx, &p.unit_path) {
        return Err(AppError::Forbidden);
    }
    let table = maxima(&mut tx).await?;
    let max = super::maxima_on(&table, on)
        .ok_or_else(|| bad("Chưa có thang điểm áp dụng cho ngày chấm này.".into()))?;
    let total = super::total(a, b, c, &max).map_err(bad)?;
    let stars = super::stars(total);
    let (body, number) = (
        text::clean_limited(&f.body, 200).map_err(bad)?,
        text::clean_limited(&f.number, 60).map_err(bad)?,
    );
    let certificate_date = match f.certificate_date.trim() {
        "" => None,
        d => Some(
            text::parse_date(d)
                .ok_or_else(|| bad("Ngày cấp giấy chứng nhận không hợp lệ.".into()))?,
        ),
    };
    if certificate_date.is_some() && !super::certifiable(stars) {
        return Err(bad(format!(
            "Sản phẩm đạt {stars} sao: chỉ sản phẩm từ 3 sao trở lên mới được cấp giấy chứng nhận."
        )));
    }
    let issued = match (certificate_date, f.issued_level.trim()) {
        (None, _) => "",
        (Some(_), l @ ("district" | "province" | "central")) => l,
        (Some(_), _) => return Err(bad("Hãy chọn cấp đã cấp giấy chứng nhận.".into())),
    };
    let id_e = store::insert_evaluation(
        &mut tx,
        &NewEvaluation {
            product_id: id,
            evaluated_on: on,
            evaluating_level: &level,
            parts: (a, b, c),
            total,
            stars: i64::from(stars),
            certifying_level: issued,
            certifying_body: &body,
            certificate_number: &number,
            certificate_date,
            valid_through: certificate_date.and_then(super::valid_through),
        },
        Some(ctx.user.id),
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "ocop.evaluate",
        "ocop_product",
        &id.to_string(),
        &json!({"evaluation": id_e, "on": on, "parts": [a, b, c], "total": total, "stars": stars, "certificate": number}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã ghi kết quả: {} điểm, {stars} sao.",
            text::decimal_vn(total as f64 / 10.0, 1)
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/ocop/{id}")))
}

#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    reason: String,
}

/// `POST /ocop/{id}/danh-gia/{evaluation}/thu-hoi`: a certificate revoked by decision; the
/// product then no longer counts from that certificate.
pub async fn revoke(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, evaluation)): Path<(i64, i64)>,
    Form(f): Form<RevokeForm>,
) -> Result<Redirect, AppError> {
    let number = text::clean_limited(&f.number, 60).map_err(AppError::BadRequest)?;
    let reason = text::clean_limited(&f.reason, 1000).map_err(AppError::BadRequest)?;
    let (false, Some(date), false) = (
        number.is_empty(),
        text::parse_date(&f.date),
        reason.is_empty(),
    ) else {
        return Err(AppError::BadRequest(
            "Thu hồi cần số quyết định, ngày quyết định (ví dụ 20/12/2025) và lý do.".into(),
        ));
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let p = store::product(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_evaluate(&ctx, &p.unit_path) {
        return Err(AppError::Forbidden);
    }
    if !store::revoke(&mut tx, id, evaluation, &number, date, &reason).await? {
        return Err(AppError::Conflict(
            "Không có giấy chứng nhận còn hiệu lực để thu hồi ở lần chấm này.".into(),
        ));
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "ocop.revoke",
        "ocop_product",
        &id.to_string(),
        &json!({"evaluation": evaluation, "number": number, "date": date, "reason": reason}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã ghi quyết định thu hồi giấy chứng nhận.")
        .await?;
    Ok(Redirect::to(&format!("/ocop/{id}")))
}
