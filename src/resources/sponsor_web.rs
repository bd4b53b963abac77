//! `/do-dau`: who sponsors which ward or commune (plan III.1–2), the commitment, and the dated
//! records of what was delivered, with the delivered-vs-committed figure. Recorded by those who
//! edit the sponsored unit or the sponsor; read by those who see either.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde::Deserialize;
use serde_json::json;

use super::shown::optional_dong;
use super::sponsor_store::{self as store, NewSponsorship, Sponsorship};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

/// The delivered-vs-committed figure as shown: "37,5 %" or "—".
pub fn share(s: &Sponsorship) -> String {
    super::delivered_share(s.delivered, s.committed_amount)
        .map_or_else(|| "—".into(), super::share_text)
}

#[derive(Template)]
#[template(path = "resources/sponsorships.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<Sponsorship>,
    localities: Vec<(String, String)>,
}

/// `GET /do-dau`.
pub async fn list(State(st): State<AppState>, ctx: Ctx) -> Result<Html<String>, AppError> {
    let scope = crate::criteria::assess_web::scope_path(&ctx);
    let mut c = st.db.conn().await?;
    let rows = store::touching(&mut c, &scope).await?;
    let localities = super::web::editable_localities(&mut c, &ctx).await?;
    render(&ListPage {
        layout: Layout::new(&ctx, "resources", "Đỡ đầu")
            .crumb("Đóng góp", "/dong-gop")
            .crumb("Đỡ đầu", ""),
        rows,
        localities,
    })
}

#[derive(Deserialize)]
pub struct SponsorForm {
    #[serde(default)]
    sponsor_code: String,
    #[serde(default)]
    unit_code: String,
    #[serde(default)]
    from_year: String,
    #[serde(default)]
    to_year: String,
    #[serde(default)]
    committed_amount: String,
    #[serde(default)]
    commitment: String,
}

/// `POST /do-dau`.
pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<SponsorForm>,
) -> Result<Redirect, AppError> {
    let bad = |m: &str| AppError::BadRequest(m.into());
    let from = text::parse_year(&f.from_year).ok_or_else(|| bad("Năm bắt đầu không hợp lệ."))?;
    let to = text::parse_year(&f.to_year).ok_or_else(|| bad("Năm kết thúc không hợp lệ."))?;
    if to < from {
        return Err(bad("Năm kết thúc phải từ năm bắt đầu trở đi."));
    }
    let amount = optional_dong(&f.committed_amount, "Số tiền cam kết")?;
    let commitment = text::clean_limited(&f.commitment, 1000).map_err(AppError::BadRequest)?;
    if commitment.is_empty() {
        return Err(bad(
            "Ghi nội dung cam kết đỡ đầu (tiền, công trình, việc làm…).",
        ));
    }
    let sponsor_code = text::clean(&f.sponsor_code).to_uppercase();
    let unit_code = text::clean(&f.unit_code).to_uppercase();
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let sponsor = crate::units::store::by_code(&mut tx, &sponsor_code)
        .await?
        .ok_or_else(|| {
            AppError::BadRequest(format!(
                "Không có cơ quan, tổ chức, doanh nghiệp mã {sponsor_code}."
            ))
        })?;
    let unit = crate::units::store::by_code(&mut tx, &unit_code)
        .await?
        .filter(|u| matches!(u.kind.as_str(), "ward" | "commune"))
        .ok_or_else(|| AppError::BadRequest(format!("Không có phường, xã mã {unit_code}.")))?;
    if !ctx.user.can_edit(&unit.path) && !ctx.user.can_edit(&sponsor.path) {
        return Err(AppError::Forbidden);
    }
    let s = NewSponsorship {
        sponsor_id: sponsor.id,
        unit_id: unit.id,
        from_year: from,
        to_year: to,
        committed_amount: amount,
        commitment: &commitment,
        is_demo: false,
    };
    let id = store::insert(&mut tx, &s, Some(ctx.user.id), now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "sponsorship.create",
        "sponsorship",
        &id.to_string(),
        &json!({"sponsor": sponsor.id, "unit": unit.id, "from": from, "to": to, "amount": amount}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!("Đã ghi {} đỡ đầu {}.", sponsor.name, unit.name),
    )
    .await?;
    Ok(Redirect::to(&format!("/do-dau/{id}")))
}

#[derive(Template)]
#[template(path = "resources/sponsorship.html")]
struct ShowPage {
    layout: Layout,
    s: Sponsorship,
    share: String,
    deliveries: Vec<(chrono::NaiveDate, Option<i64>, String)>,
    can_edit: bool,
}

fn readable(ctx: &Ctx, s: Option<Sponsorship>) -> Result<Sponsorship, AppError> {
    match s {
        Some(s) if ctx.user.can_see(&s.unit_path) || ctx.user.can_see(&s.sponsor_path) => Ok(s),
        _ => Err(AppError::NotFound),
    }
}

/// `GET /do-dau/{id}`.
pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let s = readable(&ctx, store::one(&mut c, id).await?)?;
    let deliveries = store::deliveries(&mut c, id).await?;
    render(&ShowPage {
        layout: Layout::new(&ctx, "resources", "Đỡ đầu")
            .crumb("Đỡ đầu", "/do-dau")
            .crumb(s.unit_name.clone(), ""),
        share: share(&s),
        can_edit: ctx.user.can_edit(&s.unit_path) || ctx.user.can_edit(&s.sponsor_path),
        deliveries,
        s,
    })
}

#[derive(Deserialize)]
pub struct DeliveryForm {
    #[serde(default)]
    delivered_on: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    description: String,
}

/// `POST /do-dau/{id}/thuc-hien`: what was delivered, on what date.
pub async fn deliver(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<DeliveryForm>,
) -> Result<Redirect, AppError> {
    let on = text::parse_date(&f.delivered_on)
        .filter(|d| *d <= st.clock.today())
        .ok_or_else(|| AppError::BadRequest("Ngày thực hiện không hợp lệ hoặc chưa đến.".into()))?;
    let amount = optional_dong(&f.amount, "Giá trị")?;
    let description = text::clean_limited(&f.description, 1000).map_err(AppError::BadRequest)?;
    if description.is_empty() {
        return Err(AppError::BadRequest("Ghi nội dung đã thực hiện.".into()));
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let s = readable(&ctx, store::one(&mut tx, id).await?)?;
    if !ctx.user.can_edit(&s.unit_path) && !ctx.user.can_edit(&s.sponsor_path) {
        return Err(AppError::Forbidden);
    }
    let did = store::deliver(
        &mut tx,
        id,
        on,
        amount,
        &description,
        Some(ctx.user.id),
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "sponsorship.deliver",
        "sponsorship",
        &id.to_string(),
        &json!({"delivery": did, "on": on, "amount": amount}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã ghi phần đã thực hiện.").await?;
    Ok(Redirect::to(&format!("/do-dau/{id}")))
}
