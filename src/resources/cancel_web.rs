//! Cancelling a contribution recorded by mistake (a wrong household, a doubled row): only with
//! a written reason and after the confirmation page, by those who edit the beneficiary unit.
//! The row goes; the audit entry keeps a full copy of it and the reason, and its evidence is
//! detached (the files stay in the store).

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::store;
use super::web::readable;
use crate::audit;
use crate::files;
use crate::state::AppState;
use crate::text;
use crate::web::confirm::{self, Confirmation, Confirmed};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;
use crate::web::view::Layout;

#[derive(Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    reason: String,
    #[serde(flatten)]
    confirmed: Confirmed,
}

/// `POST /dong-gop/{id}/huy`.
pub async fn cancel(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<CancelForm>,
) -> Result<Response, AppError> {
    let r = readable(&st, &ctx, id).await?;
    if !ctx.user.can_edit(&r.unit_path) {
        return Err(AppError::Forbidden);
    }
    let reason = text::clean_limited(&f.reason, 500).map_err(AppError::BadRequest)?;
    if reason.is_empty() {
        return Err(AppError::BadRequest(
            "Ghi lý do hủy khoản đóng góp (ví dụ: ghi nhầm hộ, ghi trùng).".into(),
        ));
    }
    let what = format!(
        "{} — {}, {} ngày {}",
        r.contributor_name,
        super::shown::kind_label(&r.kind),
        super::shown::money(r.value),
        text::date_vn(r.given_on)
    );
    if !f.confirmed.given() {
        let back = format!("/dong-gop/{id}");
        let layout = Layout::new(&ctx, "resources", "Xác nhận")
            .crumb("Đóng góp", "/dong-gop")
            .crumb(r.contributor_name.clone(), back.clone());
        let c = Confirmation {
            heading: format!("Hủy khoản đóng góp: {what}"),
            consequences: vec![
                "Khoản này không còn trong danh sách, các tổng theo năm và mức ghi nhận.".into(),
                "Nhật ký giữ toàn bộ nội dung khoản và lý do hủy; minh chứng được gỡ khỏi khoản."
                    .into(),
                format!("Lý do: {reason}"),
            ],
            action: format!("/dong-gop/{id}/huy"),
            hidden: vec![("reason".into(), reason)],
            button: "Xác nhận hủy khoản đóng góp".into(),
            back,
        };
        return Ok(confirm::page(layout, c)?.into_response());
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let fresh = store::one(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    for a in files::store::of(&mut tx, super::evidence_web::OWNER, id).await? {
        files::store::remove(
            &mut tx,
            super::evidence_web::OWNER,
            id,
            a.id,
            ctx.user.id,
            now,
        )
        .await?;
    }
    if !store::delete(&mut tx, id).await? {
        return Err(AppError::NotFound);
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "contribution.cancel",
        "contribution",
        &id.to_string(),
        &json!({"reason": reason, "unit": fresh.unit_id, "contributor_type": fresh.contributor_type,
                "contributor_id": fresh.contributor_id, "outside_name": fresh.contributor_name,
                "kind": fresh.kind, "quantity": fresh.quantity, "given_on": fresh.given_on,
                "basis": fresh.basis, "stated_value": fresh.stated_value,
                "stated_source": fresh.stated_source, "value": fresh.value, "work": fresh.work_id,
                "note": fresh.note}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã hủy khoản đóng góp: {what}."))
        .await?;
    Ok(Redirect::to("/dong-gop").into_response())
}
