//! Recording that a unit took over from another (merger, split, renaming): the link is shown
//! on both units' pages, and later capabilities follow it to carry history across.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::store;
use crate::audit;
use crate::auth::scope::visible_unit;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;

#[derive(Deserialize)]
pub struct SuccessionForm {
    #[serde(default)]
    predecessor_code: String,
    #[serde(default)]
    effective_on: String,
}

/// Adds "unit `id` succeeds the unit coded `predecessor_code` from `effective_on`". The user
/// must be able to change both units' records.
pub async fn add_predecessor(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<SuccessionForm>,
) -> Result<Response, AppError> {
    let unit = visible_unit(&st, &ctx.user, id).await?;
    if !ctx.user.can_edit(&unit.path) {
        return Err(AppError::Forbidden);
    }
    let code = f.predecessor_code.trim();
    let Some(day) = text::parse_date(&f.effective_on) else {
        return Err(AppError::BadRequest(
            "Ngày kế thừa không hợp lệ; hãy viết dạng dd/mm/yyyy.".into(),
        ));
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    // The unit is read again here: it may have moved out of the user's reach meanwhile.
    let unit = match store::by_id(&mut tx, unit.id).await? {
        Some(u) if ctx.user.can_edit(&u.path) => u,
        _ => return Err(AppError::Forbidden),
    };
    let predecessor = match store::by_code(&mut tx, code).await? {
        Some(p) if ctx.user.can_edit(&p.path) => p,
        _ => {
            return Err(AppError::BadRequest(format!(
                "Không có đơn vị mã «{code}» trong phạm vi bạn được sửa."
            )));
        }
    };
    if predecessor.id == unit.id {
        return Err(AppError::BadRequest(
            "Một đơn vị không thể kế thừa chính nó.".into(),
        ));
    }
    let already = store::predecessors(&mut tx, unit.id)
        .await?
        .iter()
        .chain(store::successors(&mut tx, unit.id).await?.iter())
        .any(|l| l.id == predecessor.id);
    if already {
        return Err(AppError::BadRequest(format!(
            "«{}» và «{}» đã có liên kết kế thừa.",
            predecessor.name, unit.name
        )));
    }
    // One link per pair of units, either way round, is held by unique indexes (migrations 0001
    // and 0004); a link recorded by someone else a moment ago lands here.
    match store::add_succession(&mut tx, predecessor.id, unit.id, day).await {
        Err(e) if crate::db::is_unique_violation(&e) => {
            return Err(AppError::Conflict(format!(
                "«{}» và «{}» vừa được ghi liên kết kế thừa ở nơi khác.",
                predecessor.name, unit.name
            )));
        }
        r => r?,
    };
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "unit.succession.add",
        "unit",
        &unit.id.to_string(),
        &json!({"predecessor": predecessor.code, "successor": unit.code, "effective_on": day}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã ghi: «{}» kế thừa «{}» từ {}.",
            unit.name,
            predecessor.name,
            text::date_vn(day)
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/don-vi/{id}")).into_response())
}
