//! `/cong-trinh`: the works of the user's scope, a work's page with its funding by source
//! (social mobilisation summed from the contributions recorded for it), the amount disbursed and
//! the outstanding debt at each year-end. Those who edit the unit record them; every change is
//! audited with the value it replaced.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde::Deserialize;
use serde_json::json;

use super::shown::dong;
use super::works::Source;
use super::works_store::{self as store, NewWork, Work};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{Layout, PER_PAGE, Pager, render};

#[derive(Template)]
#[template(path = "resources/works.html")]
struct ListPage {
    layout: Layout,
    works: Vec<Work>,
    pager: Pager,
    localities: Vec<(String, String)>,
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    don_vi: String,
    trang: Option<i64>,
}

/// `GET /cong-trinh?don_vi=&trang=`.
pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let (path, _) = super::web::chosen(&st, &ctx, &q.don_vi).await?;
    let mut c = st.db.conn().await?;
    let total = store::count_in(&mut c, &path).await?;
    let base = crate::web::view::query_string(&[("don_vi", &q.don_vi)]);
    let pager = Pager::new(q.trang, total, base);
    pager.past_the_end(q.trang)?;
    let works = store::works_in(&mut c, &path, PER_PAGE, pager.offset()).await?;
    let localities = super::web::editable_localities(&mut c, &ctx).await?;
    render(&ListPage {
        layout: Layout::new(&ctx, "works", "Công trình").crumb("Công trình", ""),
        works,
        pager,
        localities,
    })
}

#[derive(Deserialize)]
pub struct WorkForm {
    #[serde(default)]
    unit_code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    in_programme: Option<String>,
    #[serde(default)]
    started_on: String,
    #[serde(default)]
    finished_on: String,
    #[serde(default)]
    total_investment: String,
}

fn optional_date(raw: &str, what: &str) -> Result<Option<chrono::NaiveDate>, AppError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    text::parse_date(raw)
        .map(Some)
        .ok_or_else(|| AppError::BadRequest(format!("{what} không hợp lệ (ví dụ 15/03/2024).")))
}

/// `POST /cong-trinh`.
pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<WorkForm>,
) -> Result<Redirect, AppError> {
    let bad = AppError::BadRequest;
    let name = text::clean_limited(&f.name, 300).map_err(bad)?;
    if name.is_empty() {
        return Err(AppError::BadRequest("Chưa nhập tên công trình.".into()));
    }
    let kind = text::clean_limited(&f.kind, 100).map_err(AppError::BadRequest)?;
    let started_on = optional_date(&f.started_on, "Ngày khởi công")?;
    let finished_on = optional_date(&f.finished_on, "Ngày hoàn thành")?;
    if let (Some(s), Some(e)) = (started_on, finished_on)
        && e < s
    {
        return Err(AppError::BadRequest(
            "Ngày hoàn thành phải sau ngày khởi công.".into(),
        ));
    }
    let total = dong(&f.total_investment, "Tổng mức đầu tư")?;
    let code = text::clean(&f.unit_code).to_uppercase();
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let unit = crate::units::store::by_code(&mut tx, &code)
        .await?
        .ok_or_else(|| AppError::BadRequest(format!("Không có đơn vị mã {code}.")))?;
    if !ctx.user.can_edit(&unit.path) {
        return Err(AppError::Forbidden);
    }
    let w = NewWork {
        unit_id: unit.id,
        name: &name,
        kind: &kind,
        in_programme: f.in_programme.is_some(),
        started_on,
        finished_on,
        total_investment: total,
        is_demo: false,
    };
    let id = store::insert(&mut tx, &w, Some(ctx.user.id), now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "work.create",
        "work",
        &id.to_string(),
        &json!({"unit": unit.id, "name": name, "in_programme": w.in_programme, "total_investment": total}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã ghi công trình «{name}»."))
        .await?;
    Ok(Redirect::to(&format!("/cong-trinh/{id}")))
}

#[derive(Template)]
#[template(path = "resources/work.html")]
struct WorkPage {
    layout: Layout,
    w: Work,
    /// (source, amount) in `Source::ALL` order; social is the contributions' sum.
    funding: Vec<(Source, i64)>,
    funded: i64,
    contributions: i64,
    debts: Vec<(i64, i64)>,
    can_edit: bool,
    this_year: i64,
}

async fn visible(st: &AppState, ctx: &Ctx, id: i64) -> Result<Work, AppError> {
    let mut c = st.db.conn().await?;
    let w = store::one(&mut c, id).await?.ok_or(AppError::NotFound)?;
    if !ctx.user.can_see(&w.unit_path) {
        return Err(AppError::NotFound);
    }
    Ok(w)
}

/// `GET /cong-trinh/{id}`.
pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let w = visible(&st, &ctx, id).await?;
    let mut c = st.db.conn().await?;
    let entered = store::funding_of(&mut c, id).await?;
    let (contributions, social) = store::contributed_to(&mut c, id).await?;
    let funding: Vec<(Source, i64)> = Source::ALL
        .into_iter()
        .map(|s| {
            let v = if s == Source::Social {
                social
            } else {
                entered
                    .iter()
                    .find(|(code, _)| code == s.code())
                    .map_or(0, |(_, a)| *a)
            };
            (s, v)
        })
        .collect();
    let debts = store::debts_of(&mut c, id).await?;
    render(&WorkPage {
        layout: Layout::new(&ctx, "works", w.name.clone())
            .crumb("Công trình", "/cong-trinh")
            .crumb(w.name.clone(), ""),
        funded: funding.iter().map(|(_, v)| v).sum(),
        funding,
        contributions,
        debts,
        can_edit: ctx.user.can_edit(&w.unit_path),
        this_year: i64::from(chrono::Datelike::year(&st.clock.today())),
        w,
    })
}

#[derive(Deserialize)]
pub struct FundingForm {
    #[serde(default)]
    source: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    disbursed: String,
}

/// `POST /cong-trinh/{id}/von`: one source's amount, or the amount disbursed to date.
pub async fn set_funding(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<FundingForm>,
) -> Result<Redirect, AppError> {
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let w = store::one(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if !ctx.user.can_see(&w.unit_path) {
        return Err(AppError::NotFound);
    }
    if !ctx.user.can_edit(&w.unit_path) {
        return Err(AppError::Forbidden);
    }
    let detail = if f.source.trim().is_empty() {
        let amount = dong(&f.disbursed, "Đã giải ngân")?;
        store::set_disbursed(&mut tx, id, amount).await?;
        json!({"disbursed": amount, "previous": w.disbursed})
    } else {
        let source = Source::from_code(f.source.trim())
            .filter(|s| Source::ENTERED.contains(s))
            .ok_or_else(|| {
                AppError::BadRequest(
                    "Chọn một nguồn vốn (xã hội hóa được cộng từ các khoản đóng góp).".into(),
                )
            })?;
        let amount = dong(&f.amount, source.label())?;
        let old = store::set_funding(&mut tx, id, source.code(), amount).await?;
        json!({"source": source.code(), "amount": amount, "previous": old})
    };
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "work.funding",
        "work",
        &id.to_string(),
        &detail,
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã ghi nguồn vốn.").await?;
    Ok(Redirect::to(&format!("/cong-trinh/{id}")))
}

#[derive(Deserialize)]
pub struct DebtForm {
    #[serde(default)]
    year: String,
    #[serde(default)]
    amount: String,
}

/// `POST /cong-trinh/{id}/no-dong`: the outstanding debt at the end of a year (0 when paid).
pub async fn set_debt(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<DebtForm>,
) -> Result<Redirect, AppError> {
    let year = text::parse_year(&f.year)
        .ok_or_else(|| AppError::BadRequest("Năm không hợp lệ.".into()))?;
    let amount = dong(&f.amount, "Nợ đọng")?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let w = store::one(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if !ctx.user.can_see(&w.unit_path) {
        return Err(AppError::NotFound);
    }
    if !ctx.user.can_edit(&w.unit_path) {
        return Err(AppError::Forbidden);
    }
    let old = store::set_debt(&mut tx, id, year, amount).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "work.debt",
        "work",
        &id.to_string(),
        &json!({"year": year, "amount": amount, "previous": old}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã ghi nợ đọng cuối năm {year}: {}.",
            text::money_vnd(amount)
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/cong-trinh/{id}")))
}
