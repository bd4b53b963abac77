//! `/don-vi/{id}/vung-nhom`: a commune's or ward's NTM region (the 2021–2025 sets' targets, QĐ
//! 318/QĐ-TTg: Hà Tĩnh is North Central, "BTB") and its commune group (1, 2 or 3 under QĐ
//! 51/2025/QĐ-TTg), which pick the targets its assessments are judged against. Changing them
//! changes only assessments still being filled; sent ones keep the targets they were judged with.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde::Deserialize;
use serde_json::json;

use super::store;
use crate::audit;
use crate::auth::scope::visible_unit;
use crate::state::AppState;
use crate::text;
use crate::units::Unit;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

#[derive(Template)]
#[template(path = "criteria/basis.html")]
struct BasisPage {
    layout: Layout,
    unit: Unit,
    region: String,
    group: String,
}

async fn editable(st: &AppState, ctx: &Ctx, id: i64) -> Result<Unit, AppError> {
    let unit = visible_unit(st, &ctx.user, id).await?;
    if !ctx.user.can_edit(&unit.path) || !matches!(unit.kind.as_str(), "commune" | "ward") {
        return Err(AppError::Forbidden);
    }
    Ok(unit)
}

/// `GET /don-vi/{id}/vung-nhom`.
pub async fn form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let unit = editable(&st, &ctx, id).await?;
    let (region, group) = store::basis_keys(&mut st.db.conn().await?, unit.id).await?;
    render(&BasisPage {
        layout: Layout::new(&ctx, "units", "Vùng và nhóm xã")
            .crumb("Đơn vị", "/don-vi")
            .crumb(unit.name.clone(), format!("/don-vi/{}", unit.id)),
        unit,
        region,
        group,
    })
}

#[derive(Deserialize)]
pub struct BasisForm {
    #[serde(default)]
    region: String,
    #[serde(default)]
    group: String,
}

/// `POST /don-vi/{id}/vung-nhom`.
pub async fn save(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<BasisForm>,
) -> Result<Redirect, AppError> {
    let unit = editable(&st, &ctx, id).await?;
    let region = text::clean_limited(&f.region, 20)
        .map_err(AppError::BadRequest)?
        .to_uppercase();
    let group = f.group.trim().to_string();
    if !matches!(group.as_str(), "" | "1" | "2" | "3") {
        return Err(AppError::BadRequest(
            "Nhóm xã là 1, 2 hoặc 3 (QĐ 51/2025/QĐ-TTg), hoặc để trống.".into(),
        ));
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let before = store::basis_keys(&mut tx, unit.id).await?;
    store::set_basis_keys(&mut tx, unit.id, &region, &group).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "unit.update",
        "unit",
        &unit.id.to_string(),
        &json!({"ntm_region": [before.0, region], "commune_group": [before.1, group]}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã ghi vùng và nhóm xã.").await?;
    Ok(Redirect::to(&format!("/don-vi/{}", unit.id)))
}
