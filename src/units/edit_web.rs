//! Changing a unit: the edit form and its save, and closing a unit (it is never deleted).

use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::recheck_web::{code_taken, recheck_in_tx};
use super::web::{check_form, form_page};
use super::{Unit, UnitInput, store};
use crate::audit;
use crate::auth::CurrentUser;
use crate::auth::scope::visible_unit;
use crate::state::AppState;
use crate::text;
use crate::web::confirm::{self, Confirmation, Confirmed};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;
use crate::web::view::{FieldErrors, Layout};

fn input_of(u: &Unit, parent_code: String) -> UnitInput {
    UnitInput {
        code: u.code.clone(),
        name: u.name.clone(),
        kind: u.kind.clone(),
        parent_code,
        valid_from: u.valid_from.map(text::date_vn).unwrap_or_default(),
        valid_to: u.valid_to.map(text::date_vn).unwrap_or_default(),
        note: u.note.clone(),
    }
}

async fn editable_unit(st: &AppState, user: &CurrentUser, id: i64) -> Result<Unit, AppError> {
    let unit = visible_unit(st, user, id).await?;
    if user.can_edit(&unit.path) {
        Ok(unit)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn edit_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let unit = editable_unit(&st, &ctx.user, id).await?;
    let mut c = st.db.conn().await?;
    let parent_code = match unit.parent_id {
        Some(p) => store::by_id(&mut c, p)
            .await?
            .map(|p| p.code)
            .unwrap_or_default(),
        None => String::new(),
    };
    form_page(
        &ctx,
        "Sửa đơn vị",
        format!("/don-vi/{id}/sua"),
        input_of(&unit, parent_code),
        FieldErrors::default(),
        unit.version,
    )
}

#[derive(Deserialize)]
pub struct EditForm {
    #[serde(flatten)]
    input: UnitInput,
    version: i64,
}

pub async fn update(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<EditForm>,
) -> Result<Response, AppError> {
    let unit = editable_unit(&st, &ctx.user, id).await?;
    let action = format!("/don-vi/{id}/sua");
    let (v, parent) = match check_form(&st, &ctx.user, &f.input, Some(&unit)).await? {
        Ok(ok) => ok,
        Err(errors) => {
            return Ok(
                form_page(&ctx, "Sửa đơn vị", action, f.input, errors, f.version)?.into_response(),
            );
        }
    };
    if unit.parent_id.is_none() && !ctx.user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let (parent, fresh) = recheck_in_tx(&mut tx, &ctx.user, parent.as_ref(), Some(id)).await?;
    let current = Unit {
        version: f.version,
        ..fresh.unwrap_or_else(|| unit.clone())
    };
    let updated = match store::update(&mut tx, &current, &v, parent.as_ref(), now).await {
        Err(e) if crate::db::is_unique_violation(&e) => {
            drop(tx);
            let errors = code_taken(&v.code);
            return Ok(
                form_page(&ctx, "Sửa đơn vị", action, f.input, errors, f.version)?.into_response(),
            );
        }
        r => r?,
    };
    if !updated {
        let mut errors = FieldErrors::default();
        errors.add(
            "version",
            "Đơn vị vừa được người khác sửa. Hãy tải lại trang để xem bản mới rồi sửa lại.",
        );
        return Ok(
            form_page(&ctx, "Sửa đơn vị", action, f.input, errors, f.version)?.into_response(),
        );
    }
    let changes = json!({
        "before": {"code": unit.code, "name": unit.name, "kind": unit.kind, "parent_id": unit.parent_id, "valid_from": unit.valid_from, "valid_to": unit.valid_to},
        "after": {"code": v.code, "name": v.name, "kind": v.kind.code(), "parent_id": parent.as_ref().map(|p| p.id), "valid_from": v.valid_from, "valid_to": v.valid_to},
    });
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "unit.update",
        "unit",
        &id.to_string(),
        &changes,
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã lưu thay đổi.").await?;
    Ok(Redirect::to(&format!("/don-vi/{id}")).into_response())
}

#[derive(Deserialize)]
pub struct CloseForm {
    valid_to: String,
    version: i64,
    #[serde(flatten)]
    confirmed: Confirmed,
}

pub async fn close(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<CloseForm>,
) -> Result<Response, AppError> {
    let unit = editable_unit(&st, &ctx.user, id).await?;
    let Some(day) = text::parse_date(&f.valid_to) else {
        return Err(AppError::BadRequest(
            "Ngày hết hiệu lực không hợp lệ; hãy viết dạng dd/mm/yyyy.".into(),
        ));
    };
    if unit.valid_from.is_some_and(|from| day < from) {
        return Err(AppError::BadRequest(
            "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.".into(),
        ));
    }
    if !f.confirmed.given() {
        let back = format!("/don-vi/{id}");
        let layout = Layout::new(&ctx, "units", "Xác nhận")
            .crumb("Đơn vị", "/don-vi")
            .crumb(unit.name.clone(), back.clone());
        let day_vn = text::date_vn(day);
        let c = Confirmation {
            heading: format!("Cho {} hết hiệu lực từ sau ngày {day_vn}", unit.name),
            consequences: vec![
                format!("Sau ngày {day_vn}, {} không còn trong cây đơn vị, không nhập số liệu và không được tính vào số liệu của cấp trên.", unit.name),
                "Hồ sơ, số liệu đã duyệt và lịch sử của đơn vị được giữ nguyên; đơn vị kế thừa (nếu sáp nhập) cần được ghi ở mục liên kết kế thừa.".into(),
                "Việc này được ghi vào nhật ký; muốn sửa ngày, sửa lại trên trang đơn vị.".into(),
            ],
            action: format!("/don-vi/{id}/dong"),
            hidden: vec![
                ("valid_to".into(), day_vn.clone()),
                ("version".into(), f.version.to_string()),
            ],
            button: "Xác nhận cho hết hiệu lực".into(),
            back,
        };
        return Ok(confirm::page(layout, c)?.into_response());
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    // Re-read in the transaction: the start date may have changed since the page was loaded.
    let (_, fresh) = recheck_in_tx(&mut tx, &ctx.user, None, Some(id)).await?;
    if fresh.is_some_and(|u| u.valid_from.is_some_and(|from| day < from)) {
        return Err(AppError::Conflict(
            "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực (vừa được sửa ở nơi khác).".into(),
        ));
    }
    if !store::close(&mut tx, id, f.version, day, now).await? {
        return Err(AppError::BadRequest(
            "Đơn vị vừa được người khác sửa; hãy tải lại trang.".into(),
        ));
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "unit.close",
        "unit",
        &id.to_string(),
        &json!({"valid_to": day, "before": unit.valid_to}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!("Đơn vị hết hiệu lực từ sau ngày {}.", text::date_vn(day)),
    )
    .await?;
    Ok(Redirect::to(&format!("/don-vi/{id}")).into_response())
}
