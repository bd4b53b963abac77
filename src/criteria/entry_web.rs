//! `POST /danh-gia/{id}`: the subject's officer saves the values and, with "gửi", submits the
//! assessment to the owning offices. A refused line keeps what was typed on the page and
//! stores nothing; a save that cannot be sent is kept and says what is missing.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;

use super::access;
use super::assess::{self, Review, Status};
use super::assess_store::{self, PutValue};
use super::assess_web::{page, readable, still_editable};
use super::sheet::{Loaded, judged_verdict};
use super::{Verdict, judge, parse_value};
use crate::audit;
use crate::notices;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;

/// The longest note on an indicator.
const NOTE_MAX: usize = 500;

/// Reads the form into the page's lines: every typed value, choice and note set on its line,
/// each refused one with its error. Returns how many lines were refused.
fn read_form(d: &mut Loaded, form: &HashMap<String, String>) -> usize {
    let mut problems = 0;
    for b in &mut d.blocks {
        for l in &mut b.lines {
            let id = l.ind.id;
            let get = |p: &str| form.get(&format!("{p}_{id}")).cloned().unwrap_or_default();
            l.typed = get("v");
            l.judged = match get("j").as_str() {
                j @ ("met" | "not_met" | "na") => j.to_string(),
                _ => String::new(),
            };
            l.note = get("n");
            l.error.clear();
            let value = match parse_value(&l.typed, l.measure) {
                Ok(v) => v,
                Err(e) => {
                    l.error = e;
                    problems += 1;
                    continue;
                }
            };
            let note = match text::clean_limited(&l.note, NOTE_MAX) {
                Ok(n) => n,
                Err(e) => {
                    l.error = e;
                    problems += 1;
                    continue;
                }
            };
            if !l.judged.is_empty() && note.is_empty() && (value.is_none() || l.judged == "na") {
                l.error = "Khi tự đánh giá (không có số liệu) hoặc chọn «không áp dụng», hãy ghi căn cứ vào ô ghi chú.".into();
                problems += 1;
                continue;
            }
            l.note = note;
            l.verdict = judge(l.comparator, l.target, value, judged_verdict(&l.judged));
        }
        b.outcome = assess::outcome(&b.lines.iter().map(|l| l.verdict).collect::<Vec<_>>());
    }
    problems
}

pub async fn save(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut d = readable(&st, &ctx, id).await?;
    if !access::may_fill(&ctx.user, &d.a.unit_path) {
        return Err(AppError::Forbidden);
    }
    still_editable(d.status())?;
    let form: HashMap<String, String> = pairs.into_iter().collect();
    let version: i64 = form
        .get("version")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(-1);
    let send = form.get("hanh_dong").map(String::as_str) == Some("gui");
    let problems = read_form(&mut d, &form);
    if problems > 0 {
        return Ok(page(&st, &ctx, d, problems).await?.into_response());
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    if !assess_store::touch(&mut tx, id, version, now).await? {
        return Err(AppError::Conflict(
            "Bản đánh giá vừa được thay đổi ở nơi khác (lưu, gửi hoặc xác minh); hãy tải lại trang. Những gì bạn gõ chưa được lưu.".into(),
        ));
    }
    let mut changed = Vec::new();
    for b in &d.blocks {
        let mut block_changed = false;
        for l in &b.lines {
            let value = parse_value(&l.typed, l.measure).unwrap_or(None);
            let judged = (!l.judged.is_empty()).then_some(l.judged.as_str());
            let before = l
                .stored
                .as_ref()
                .map(|s| (s.value, s.judged.clone(), s.note.clone()));
            let now_is = (value, judged.map(str::to_string), l.note.clone());
            let empty = value.is_none() && judged.is_none() && l.note.is_empty();
            if before.as_ref() == Some(&now_is) || (before.is_none() && empty) {
                continue;
            }
            block_changed = true;
            changed.push(
                json!({"indicator": l.ind.id, "value": value, "judged": judged, "note": l.note}),
            );
            assess_store::put_value(
                &mut tx,
                id,
                &PutValue {
                    indicator_id: l.ind.id,
                    value,
                    judged,
                    target: l.target,
                    verdict: l.verdict.code(),
                    note: &l.note,
                },
                ctx.user.id,
                now,
            )
            .await?;
        }
        assess_store::put_result(&mut tx, id, b.c.id, b.outcome.code()).await?;
        if block_changed {
            assess_store::unverify(&mut tx, id, b.c.id).await?;
        }
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "criteria.assessment_save",
        "assessment",
        &id.to_string(),
        &json!({"changed": changed}),
    )
    .await?;
    let unjudged: Vec<String> = d
        .blocks
        .iter()
        .flat_map(|b| b.lines.iter().map(move |l| (b, l)))
        .filter(|(_, l)| l.verdict == Verdict::NotJudged)
        .map(|(b, l)| format!("{} – {}", b.label(), l.ind.text))
        .collect();
    let flash = if !send {
        format!("Đã lưu bản đánh giá ({} chỉ tiêu thay đổi).", changed.len())
    } else if let Some(first) = unjudged.first() {
        format!(
            "Đã lưu. Chưa gửi được: còn {} chỉ tiêu chưa có số liệu hoặc chưa tự đánh giá, ví dụ «{first}».",
            unjudged.len()
        )
    } else {
        submit(&mut tx, &ctx, &d, now).await?;
        "Đã lưu và gửi bản đánh giá cho các phòng phụ trách xác minh.".into()
    };
    tx.commit().await?;
    ctx.flash(&st, &flash).await?;
    Ok(Redirect::to(&format!("/danh-gia/{id}")).into_response())
}

/// Sends the saved assessment to the owning offices (inside the save's transaction): the
/// rejected criteria wait again, each office is told what waits for it.
async fn submit(
    tx: &mut crate::db::Tx,
    ctx: &Ctx,
    d: &Loaded,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let id = d.a.id;
    assess_store::rejected_to_pending(tx, id).await?;
    let reviews: Vec<Review> = assess_store::reviews(tx, id)
        .await?
        .iter()
        .map(|r| Review::from_code(r))
        .collect();
    // A resubmission whose criteria were all verified already stays with the offices until
    // one of them looks again; only a full set of verifications locks it.
    let to = match assess::status_after_review(&reviews) {
        Status::Verified => Status::Verified,
        _ => Status::Submitted,
    };
    let version = assess_store::find(tx, id).await?.map_or(-1, |a| a.version);
    if !assess_store::move_to(tx, id, version, to.code(), now).await? {
        return Err(AppError::Conflict(
            "Bản đánh giá vừa được thay đổi ở nơi khác; hãy tải lại trang.".into(),
        ));
    }
    let link = format!("/danh-gia/{id}");
    notices::store::settle(tx, &link, now).await?;
    let mut offices: Vec<i64> = d.blocks.iter().filter_map(|b| b.c.owner_unit_id).collect();
    offices.sort_unstable();
    offices.dedup();
    for office in offices {
        let staff = assess_store::staff_of(tx, office).await?;
        let body = format!(
            "{} gửi bản đánh giá «{}» năm {}: có tiêu chí chờ phòng bạn xác minh.",
            d.a.subject_name, d.set.name, d.a.year
        );
        notices::store::tell(tx, &staff, ctx.user.id, &body, &link, now).await?;
    }
    audit::store::record(
        tx,
        now,
        &ctx.user.actor(),
        "criteria.assessment_submit",
        "assessment",
        &id.to_string(),
        &json!({"status": to.code()}),
    )
    .await?;
    Ok(())
}
