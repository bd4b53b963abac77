//! `/tieu-chi/{set}/phien-ban-moi`: copying a criteria set as its next version — the
//! confirmation page, then one transaction that writes the new set with copies of its
//! criteria, indicators and targets. Assessments keep pointing at the version they used.

use axum::extract::State;
use axum::response::{Html, Redirect};
use serde_json::json;

use super::access;
use std::collections::HashMap;

use super::store::{self, NewIndicator, NewSet, SetRow};
use super::{Comparator, Measure};
use crate::audit;
use crate::state::AppState;
use crate::web::confirm::{self, Confirmation, Confirmed};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;
use crate::web::view::Layout;

/// The set and whether the user may copy it.
async fn copyable(st: &AppState, ctx: &Ctx, set_id: i64) -> Result<SetRow, AppError> {
    let mut c = st.db.conn().await?;
    let set = store::set(&mut c, set_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let owners: Vec<Option<i64>> = store::criteria_of(&mut c, set_id)
        .await?
        .iter()
        .map(|c| c.owner_unit_id)
        .collect();
    if !access::may_copy_set(&ctx.user, &owners) {
        return Err(AppError::Forbidden);
    }
    Ok(set)
}

/// `GET /tieu-chi/{set}/phien-ban-moi`: what copying does, and the button that does it.
pub async fn copy_confirm(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(set_id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let set = copyable(&st, &ctx, set_id).await?;
    let back = format!("/tieu-chi/{set_id}");
    confirm::page(
        Layout::new(&ctx, "criteria", "Sao thành phiên bản mới")
            .crumb("Bộ tiêu chí", "/tieu-chi")
            .crumb(set.name.clone(), back.clone()),
        Confirmation {
            heading: format!("Sao «{}» thành phiên bản {}", set.name, set.newest + 1),
            consequences: vec![
                format!(
                    "Tạo phiên bản {} với đủ {} tiêu chí, các chỉ tiêu và con số hiện có.",
                    set.newest + 1,
                    set.criteria
                ),
                "Các bản đánh giá đã lập theo phiên bản này giữ nguyên số liệu và kết quả.".into(),
                "Phiên bản mới được sửa riêng; bản đánh giá lập sau dùng phiên bản mới nhất."
                    .into(),
            ],
            action: format!("{back}/phien-ban-moi"),
            hidden: Vec::new(),
            button: "Xác nhận tạo phiên bản mới".into(),
            back,
        },
    )
}

/// `POST /tieu-chi/{set}/phien-ban-moi`: copies the set as its next version once confirmed;
/// assessments made under this version stay exactly as they were.
pub async fn copy(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(set_id): Path<i64>,
    Form(confirmed): Form<Confirmed>,
) -> Result<Redirect, AppError> {
    let set = copyable(&st, &ctx, set_id).await?;
    if !confirmed.given() {
        return Ok(Redirect::to(&format!("/tieu-chi/{set_id}/phien-ban-moi")));
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let new_id = copy_set(&mut tx, &set, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "criteria.set_copy",
        "criteria_set",
        &new_id.to_string(),
        &json!({"from": set_id, "code": set.code}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã tạo phiên bản mới của bộ tiêu chí.")
        .await?;
    Ok(Redirect::to(&format!("/tieu-chi/{new_id}")))
}

/// Writes the next version of `set` (newest + 1) with its criteria, indicators and targets.
async fn copy_set(
    tx: &mut crate::db::Tx,
    set: &SetRow,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64, AppError> {
    // The newest version is read inside the transaction, so two copies cannot share a number
    // (UNIQUE (code, version) refuses the second).
    let version = store::sets(tx)
        .await?
        .iter()
        .filter(|s| s.code == set.code)
        .map(|s| s.version)
        .max()
        .unwrap_or(set.version)
        + 1;
    let note = format!("Sao từ phiên bản {}. {}", set.version, set.note);
    let id = store::insert_set(
        tx,
        &NewSet {
            code: &set.code,
            version,
            name: &set.name,
            decision_number: &set.decision_number,
            decision_date: set.decision_date,
            decision_body: &set.decision_body,
            subject_kind: &set.subject_kind,
            valid_from: set.valid_from,
            valid_to: set.valid_to,
            target_basis: &set.target_basis,
            prerequisite_code: set.prerequisite_code.as_deref(),
            conditions: &set.conditions,
            outstanding_field: set.outstanding_field,
            note: note.trim(),
            builtin: false,
        },
        now,
    )
    .await?;
    let indicators = store::indicators_of(tx, set.id).await?;
    let mut ids: HashMap<i64, i64> = HashMap::new();
    for cr in store::criteria_of(tx, set.id).await? {
        let nc = store::insert_criterion(
            tx,
            id,
            cr.number,
            &cr.name,
            &cr.group_name,
            cr.owner_unit_id,
        )
        .await?;
        for i in indicators.iter().filter(|i| i.criterion_id == cr.id) {
            let ni = store::insert_indicator(
                tx,
                nc,
                &NewIndicator {
                    position: i.position,
                    text: &i.text,
                    measure: Measure::from_code(&i.measure).unwrap_or(Measure::Number),
                    comparator: Comparator::from_code(&i.comparator).unwrap_or(Comparator::AtLeast),
                    unit_label: &i.unit_label,
                    valid_from: i.valid_from,
                    valid_to: i.valid_to,
                    replaces_id: i.replaces_id.and_then(|r| ids.get(&r).copied()),
                    amended_by: &i.amended_by,
                },
            )
            .await?;
            store::copy_targets(tx, i.id, ni).await?;
            ids.insert(i.id, ni);
        }
    }
    Ok(id)
}
