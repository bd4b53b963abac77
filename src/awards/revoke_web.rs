//! Revoking an award (issue 13, item 6): the legal ground, the date and the revoking decision,
//! the money to recover; the entry stays in the register and on the profile, marked revoked,
//! and leaves the statistics of awards in force.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::access;
use super::decision_store::{self as store, Revocation};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::confirm::{self, Confirmation, Confirmed};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;
use crate::web::view::Layout;

/// The grounds for revoking an award the issue names (Law on Emulation and Commendation 2022:
/// a decision is annulled when the award was obtained by a false declaration or forged dossier,
/// appraised unlawfully, or the standard is later found not met): (code, label).
pub const GROUNDS: [(&str, &str); 4] = [
    ("false_declaration", "Khai man thành tích"),
    ("forged_dossier", "Làm giả hồ sơ, giấy tờ"),
    (
        "unlawful_appraisal",
        "Xét, đề nghị khen thưởng không đúng quy định",
    ),
    ("standard_not_met", "Sau đó xác định không đạt tiêu chuẩn"),
];

/// The label of a ground's code.
pub fn ground_label(code: &str) -> &'static str {
    GROUNDS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, l)| l)
}

#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    ground: String,
    #[serde(default)]
    revoked_on: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    recover: String,
    #[serde(flatten)]
    confirmed: Confirmed,
}

/// `POST /khen-thuong/giai-thuong/{id}/thu-hoi` (confirmed).
pub async fn revoke(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<RevokeForm>,
) -> Result<Response, AppError> {
    let bad = |m: &str| AppError::BadRequest(m.into());
    if ground_label(&f.ground).is_empty() {
        return Err(bad("Chọn căn cứ thu hồi."));
    }
    let on = text::parse_date(&f.revoked_on)
        .ok_or_else(|| bad("Ngày thu hồi ghi theo dạng ngày/tháng/năm."))?;
    let decision = text::clean_limited(&f.decision, 200).map_err(AppError::BadRequest)?;
    if decision.is_empty() {
        return Err(bad("Ghi số, ngày của quyết định thu hồi."));
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let a = store::awardee(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let d = store::decision(&mut tx, a.decision_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = crate::units::store::by_id(&mut tx, d.issuing_unit_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !access::may_run_council(&ctx.user, &body.path) {
        return Err(AppError::Forbidden);
    }
    if on < d.decided_on {
        return Err(bad(
            "Ngày thu hồi không thể trước ngày quyết định khen thưởng.",
        ));
    }
    let recover: i64 = match f.recover.trim() {
        "" => a.amount,
        r => r
            .replace(['.', ' '], "")
            .parse()
            .ok()
            .filter(|v| (0..=a.amount).contains(v))
            .ok_or_else(|| {
                AppError::BadRequest(format!(
                    "Số tiền thu hồi ghi bằng đồng, từ 0 đến {}.",
                    text::money_vnd(a.amount)
                ))
            })?,
    };
    if !f.confirmed.given() {
        drop(tx);
        let back = format!("/khen-thuong/quyet-dinh/{}", d.id);
        let c = Confirmation {
            heading: format!("Thu hồi khen thưởng của {}", a.subject_name),
            consequences: vec![
                format!("{} theo Quyết định số {} được ghi là đã thu hồi ({}) theo {decision}, ngày thu hồi {}.", a.form_name, d.number, ground_label(&f.ground), text::date_vn(on)),
                format!("Số tiền phải thu hồi: {}.", text::money_vnd(recover)),
                "Khen thưởng vẫn hiện trên hồ sơ của đối tượng với dấu «đã thu hồi»; sổ khen thưởng và thống kê được cập nhật. Không hoàn tác được.".into(),
            ],
            action: format!("/khen-thuong/giai-thuong/{id}/thu-hoi"),
            hidden: vec![
                ("ground".into(), f.ground.clone()),
                ("revoked_on".into(), text::date_vn(on)),
                ("decision".into(), decision.clone()),
                ("recover".into(), recover.to_string()),
            ],
            button: "Thu hồi".into(),
            back: back.clone(),
        };
        let layout = Layout::new(&ctx, "awards", "Xác nhận").crumb("Quyết định", back);
        return Ok(confirm::page(layout, c)?.into_response());
    }
    let r = Revocation {
        ground: &f.ground,
        on,
        decision: &decision,
        recover_amount: recover,
    };
    if store::revoke(&mut tx, id, &r, ctx.user.id, now).await? == 0 {
        return Err(AppError::Conflict(
            "Khen thưởng này không còn hiệu lực (đã thu hồi hoặc đã được sửa đổi).".into(),
        ));
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.revoke",
        "decision_awardee",
        &id.to_string(),
        &json!({"ground": f.ground, "on": on, "decision": decision, "recover": recover, "award_decision": d.number}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!("Đã thu hồi khen thưởng của {}.", a.subject_name),
    )
    .await?;
    Ok(Redirect::to(&format!("/khen-thuong/quyet-dinh/{}", d.id)).into_response())
}
