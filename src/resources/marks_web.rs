//! `/dong-gop/muc-ghi-nhan`: the mark each movement sets for a year's contributions ("từ 80
//! triệu đồng trở lên"), kept as data with its source; only an administrator changes it, and the
//! change is audited with the mark it replaced.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde::Deserialize;
use serde_json::json;

use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::Form;
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

/// (movement id, code, title, threshold, comparator, source) as the page lists them.
type Row = (
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
);

#[derive(Template)]
#[template(path = "resources/marks.html")]
struct MarksPage {
    layout: Layout,
    rows: Vec<Row>,
}

/// `GET /dong-gop/muc-ghi-nhan`.
pub async fn list(State(st): State<AppState>, ctx: Ctx) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    render(&MarksPage {
        layout: Layout::new(&ctx, "resources", "Mức ghi nhận đóng góp")
            .crumb("Đóng góp", "/dong-gop")
            .crumb("Mức ghi nhận", ""),
        rows: super::valuation_store::marks(&mut c).await?,
    })
}

#[derive(Deserialize)]
pub struct MarkForm {
    #[serde(default)]
    movement_id: String,
    #[serde(default)]
    threshold: String,
    #[serde(default)]
    comparator: String,
    #[serde(default)]
    source: String,
}

/// `POST /dong-gop/muc-ghi-nhan`.
pub async fn set(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<MarkForm>,
) -> Result<Redirect, AppError> {
    if !ctx.user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let threshold = Some(super::shown::dong(&f.threshold, "Mức")?)
        .filter(|v| *v > 0)
        .ok_or_else(|| AppError::BadRequest("Mức phải lớn hơn 0 đồng.".into()))?;
    let comparator = match f.comparator.trim() {
        c @ ("at_least" | "above") => c,
        _ => {
            return Err(AppError::BadRequest(
                "Chọn «từ … trở lên» hoặc «trên …».".into(),
            ));
        }
    };
    let source = text::clean_limited(&f.source, 300).map_err(AppError::BadRequest)?;
    if source.is_empty() {
        return Err(AppError::BadRequest(
            "Ghi căn cứ của mức (kế hoạch, mục nào).".into(),
        ));
    }
    let id: i64 = f
        .movement_id
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    crate::movements::store::all(&mut tx)
        .await?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(AppError::NotFound)?;
    let old = super::valuation_store::set_mark(&mut tx, id, threshold, comparator, &source).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "contribution.mark_set",
        "movement",
        &id.to_string(),
        &json!({"threshold": threshold, "comparator": comparator, "source": source,
                "previous": old.map(|(t, c, s)| json!({"threshold": t, "comparator": c, "source": s}))}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã ghi mức ghi nhận của phong trào.")
        .await?;
    Ok(Redirect::to("/dong-gop/muc-ghi-nhan"))
}
