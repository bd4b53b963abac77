//! `POST /khen-thuong/dot/{id}/gui`: a proposing unit sends its whole list at once, with one
//! tờ trình listing it (plan V.3). After the deadline (judged in Vietnam time, no weekend
//! extension) the list is kept and marked late with the reason the unit writes — never
//! refused. A nomination that a duplicate or an open flag blocks stops the whole list, named.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;

use super::eligibility::Category;
use super::nominations_store::{self as store, Moved};
use super::workflow::State as NState;
use super::{access, guards, review, rounds_store};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::confirm::{self, Confirmation};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, field};
use crate::web::session::Ctx;
use crate::web::view::Layout;

/// `POST /khen-thuong/dot/{id}/gui`: `unit_id`, `proposal_number`, `late_reason`, confirmed.
pub async fn submit_list(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let unit_id: i64 = field(&f, "unit_id")
        .parse()
        .map_err(|_| AppError::BadRequest("Thiếu đơn vị gửi.".into()))?;
    let number =
        text::clean_limited(field(&f, "proposal_number"), 60).map_err(AppError::BadRequest)?;
    let late_reason =
        text::clean_limited(field(&f, "late_reason"), 2000).map_err(AppError::BadRequest)?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let round = rounds_store::one(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit = crate::units::store::by_id(&mut tx, unit_id)
        .await?
        .filter(|u| ctx.user.can_see(&u.path))
        .ok_or(AppError::NotFound)?;
    if !access::proposes(&ctx.user, &unit.path) {
        return Err(AppError::ForbiddenBecause(
            "Chỉ cán bộ của đơn vị đề nghị gửi danh sách của đơn vị.".into(),
        ));
    }
    let drafts = store::of_unit(&mut tx, id, unit_id, &[NState::Draft.code()]).await?;
    if drafts.is_empty() {
        return Err(AppError::Conflict(
            "Đơn vị không có đề nghị nào đang soạn để gửi.".into(),
        ));
    }
    let late = guards::is_late(round.deadline, now);
    if late && late_reason.is_empty() {
        return Err(AppError::BadRequest(format!(
            "Đã quá hạn nộp {} (giờ Việt Nam). Danh sách vẫn được nhận và đánh dấu nộp muộn: hãy ghi lý do nộp muộn rồi gửi lại.",
            text::date_vn(round.deadline)
        )));
    }
    let today = st.clock.today();
    for n in &drafts {
        let path = store::unit_path(&mut tx, n.subject_unit_id).await?;
        let s = review::Subject {
            subject_type: &n.subject_type,
            subject_id: n.subject_id,
            name: &n.subject_name,
            path: &path,
            category: Category::from_code(&n.category).unwrap_or(Category::H),
            year: n.achievement_year,
            basis: n.basis_type.clone().zip(n.basis_id),
            nomination_id: n.id,
        };
        if let Some(why) = review::judge(&mut tx, &s, today).await?.blocked() {
            return Err(AppError::Conflict(format!(
                "Chưa gửi được danh sách: đề nghị {} — {why} Hãy rút đề nghị này rồi gửi lại.",
                n.subject_name
            )));
        }
    }
    if field(&f, confirm::FIELD) != confirm::YES {
        drop(tx);
        let back = format!("/khen-thuong/dot/{id}");
        let mut consequences = vec![
            format!(
                "{} gửi {} đề nghị khen thưởng tới {}: {}.",
                unit.name,
                drafts.len(),
                round.receiving_name,
                drafts
                    .iter()
                    .map(|n| n.subject_name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "Sau khi gửi, đơn vị không sửa được đề nghị nữa trừ khi bị trả lại.".into(),
        ];
        if late {
            consequences.push(format!(
                "Đã quá hạn {}: danh sách được đánh dấu nộp muộn, lý do: «{late_reason}».",
                text::date_vn(round.deadline)
            ));
        }
        let layout = Layout::new(&ctx, "awards", "Xác nhận").crumb(round.name(), back.clone());
        return Ok(confirm::page(
            layout,
            Confirmation {
                heading: format!("Gửi danh sách đề nghị khen thưởng – {}", unit.name),
                consequences,
                action: format!("{back}/gui"),
                hidden: vec![
                    ("unit_id".into(), unit_id.to_string()),
                    ("proposal_number".into(), number.clone()),
                    ("late_reason".into(), late_reason.clone()),
                ],
                button: "Xác nhận gửi danh sách".into(),
                back,
            },
        )?
        .into_response());
    }
    let why = if late { late_reason.as_str() } else { "" };
    let count = i64::try_from(drafts.len()).unwrap_or(i64::MAX);
    let sid = rounds_store::insert_submission(
        &mut tx,
        id,
        unit_id,
        &number,
        count,
        late,
        why,
        Some(ctx.user.id),
        now,
    )
    .await?;
    for n in &drafts {
        let moved = Moved {
            late: Some((late, why)),
            submission_id: Some(sid),
            ..Moved::default()
        };
        let reason = if late {
            format!("Nộp muộn: {why}")
        } else {
            String::new()
        };
        let ok = store::step(
            &mut tx,
            n.id,
            n.version,
            ("submit", NState::Draft.code(), NState::Submitted.code()),
            &moved,
            (Some(ctx.user.id), "unit_officer"),
            &reason,
            now,
        )
        .await?;
        if !ok {
            return Err(AppError::Conflict(format!(
                "Đề nghị {} vừa được thay đổi; tải lại trang rồi gửi lại.",
                n.subject_name
            )));
        }
    }
    let ntm = rounds_store::holders(&mut tx, "ntm_office", &unit.path).await?;
    crate::notices::store::tell(
        &mut tx,
        &ntm,
        ctx.user.id,
        &format!(
            "{} gửi {} đề nghị khen thưởng ({}){}",
            unit.name,
            drafts.len(),
            round.name(),
            if late { " — nộp muộn" } else { "" }
        ),
        &format!("/khen-thuong/dot/{id}/de-nghi?don_vi={unit_id}&trang_thai=submitted"),
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.list_submit",
        "award_round",
        &id.to_string(),
        &json!({"unit": unit_id, "nominations": drafts.iter().map(|n| n.id).collect::<Vec<_>>(), "proposal_number": number, "late": late, "late_reason": why}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã gửi {} đề nghị{}.",
            drafts.len(),
            if late {
                " (đánh dấu nộp muộn)"
            } else {
                ""
            }
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/khen-thuong/dot/{id}")).into_response())
}
