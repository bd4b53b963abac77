//! `/dong-gop/don-gia`: the valuation prices of land, labour days and assets, set per unit and
//! year by those who edit the unit, with the decision they come from. Setting a price values
//! again, in the same transaction, every contribution of that unit, year and kind that uses
//! it — the quantities entered are never touched — and the audit entry lists each change.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde::Deserialize;
use serde_json::json;

use super::store;
use super::valuation_store::Price;
use super::{Basis, Kind, value};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Query};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

#[derive(Template)]
#[template(path = "resources/prices.html")]
struct PricesPage {
    layout: Layout,
    prices: Vec<Price>,
    localities: Vec<(String, String)>,
    this_year: i64,
}

#[derive(Deserialize)]
pub struct PricesQuery {
    #[serde(default)]
    don_vi: String,
}

/// `GET /dong-gop/don-gia`.
pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PricesQuery>,
) -> Result<Html<String>, AppError> {
    let (path, _) = super::web::chosen(&st, &ctx, &q.don_vi).await?;
    let mut c = st.db.conn().await?;
    let prices = super::valuation_store::prices_in(&mut c, &path).await?;
    let localities = super::web::editable_localities(&mut c, &ctx).await?;
    render(&PricesPage {
        layout: Layout::new(&ctx, "resources", "Đơn giá quy đổi")
            .crumb("Đóng góp", "/dong-gop")
            .crumb("Đơn giá quy đổi", ""),
        prices,
        localities,
        this_year: i64::from(chrono::Datelike::year(&st.clock.today())),
    })
}

#[derive(Deserialize)]
pub struct PriceForm {
    #[serde(default)]
    unit_code: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    price: String,
    #[serde(default)]
    source: String,
}

/// `POST /dong-gop/don-gia`.
pub async fn set(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<PriceForm>,
) -> Result<Redirect, AppError> {
    let bad = AppError::BadRequest;
    let year = text::parse_year(&f.year).ok_or_else(|| bad("Năm không hợp lệ.".into()))?;
    let kind = Kind::from_code(f.kind.trim())
        .filter(|k| *k != Kind::Cash)
        .ok_or_else(|| bad("Chọn hiến đất, ngày công hoặc tài sản, vật tư.".into()))?;
    let price = super::shown::dong(&f.price, "Đơn giá")?;
    let source = text::clean_limited(&f.source, 300).map_err(bad)?;
    if source.is_empty() {
        return Err(bad(
            "Ghi căn cứ của đơn giá (ví dụ Quyết định 25/2024/QĐ-UBND của UBND tỉnh).".into(),
        ));
    }
    let code = text::clean(&f.unit_code).to_uppercase();
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let unit = crate::units::store::by_code(&mut tx, &code)
        .await?
        .ok_or_else(|| bad(format!("Không có đơn vị mã {code}.")))?;
    if !ctx.user.can_edit(&unit.path) {
        return Err(AppError::Forbidden);
    }
    let old = super::valuation_store::set_price(
        &mut tx,
        unit.id,
        year,
        kind.code(),
        price,
        &source,
        Some(ctx.user.id),
        now,
    )
    .await?;
    let basis = Basis::PricePerUnit {
        price,
        source: source.clone(),
    };
    let mut changes = Vec::new();
    let mut values = Vec::new();
    for (id, quantity, before) in store::priced_with(&mut tx, unit.id, year, kind.code()).await? {
        let after = value(kind, quantity, Some(&basis)).map_err(bad)?;
        if after != before {
            values.push((id, after));
            changes.push(json!({"id": id, "from": before, "to": after}));
        }
    }
    store::set_values(&mut tx, &values).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "contribution.price_set",
        "unit",
        &unit.id.to_string(),
        &json!({"year": year, "kind": kind.code(), "price": price, "source": source,
                "previous": old.map(|(p, s)| json!({"price": p, "source": s})), "revalued": changes}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã đặt đơn giá {} năm {year} của {}: {}/{}; đã tính lại {} khoản đóng góp.",
            kind.label().to_lowercase(),
            unit.name,
            text::money_vnd(price),
            kind.unit_label(),
            changes.len()
        ),
    )
    .await?;
    Ok(Redirect::to("/dong-gop/don-gia"))
}
