//! Proposals upward (issue 13, item 5): `POST /khen-thuong/dot/{id}/to-trinh-tinh` takes the
//! nominees the body's council passed for a form the province grants, numbers a tờ trình from
//! the body's register ("03/TTr-UBND"), and builds once the DOCX and the dossier ZIP — the
//! tờ trình, the list with the ballot counts, each nominee's documents and the council's
//! minutes — kept under their SHA-256 like a decision. A nominee goes upward once.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use serde_json::json;

use super::Level;
use super::nominations_store::{self, Nomination};
use super::subject;
use super::upward_doc;
use super::upward_store as store;
use super::{access, ballot_store, bodies, rounds_store};
use crate::audit;
use crate::db::DbConn;
use crate::state::AppState;
use crate::text;
use crate::web::confirm::{self, Confirmation};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, field};
use crate::web::session::Ctx;
use crate::web::view::Layout;

/// Whether `form` goes to the province rather than to a decision of the town or ward on `on`
/// (Law 2022 Art. 72, 80; reference facts "Who awards").
pub fn goes_upward(form: &str, on: NaiveDate) -> bool {
    subject::level_of(form, on) == Level::Province
}

/// The round's nominations a council passed that are not decided yet, read once and split on
/// `on`: those a town or ward decision covers, and those for a form the province grants that
/// no tờ trình carries yet.
pub struct Waiting {
    pub local: Vec<Nomination>,
    pub upward: Vec<Nomination>,
}

/// The round's `Waiting` on `on`. Errors: the database.
pub async fn waiting(
    c: &mut impl DbConn,
    round_id: i64,
    on: NaiveDate,
) -> Result<Waiting, sqlx::Error> {
    let sent = store::proposed(c, round_id).await?;
    let mut w = Waiting {
        local: Vec::new(),
        upward: Vec::new(),
    };
    for id in ballot_store::passed_undecided(c, round_id).await? {
        match nominations_store::one(c, id).await? {
            Some(n) if !goes_upward(&n.form_code, on) => w.local.push(n),
            Some(n) if !sent.contains(&id) => w.upward.push(n),
            _ => {}
        }
    }
    Ok(w)
}

/// Of `list`, those whose deciding body on `on` is `body` (the town until 30/06/2025, the
/// successor ward after).
pub async fn of_body(
    c: &mut impl DbConn,
    round: &rounds_store::Round,
    list: Vec<Nomination>,
    body: i64,
    on: NaiveDate,
) -> Result<Vec<Nomination>, sqlx::Error> {
    let town = bodies::town_of(c, round).await?;
    let mut out = Vec::new();
    for n in list {
        if bodies::body_of(c, town, n.unit_id, on).await? == Some(body) {
            out.push(n);
        }
    }
    Ok(out)
}

/// The nominees `body` may send upward on `on`.
pub async fn pending(
    c: &mut impl DbConn,
    round: &rounds_store::Round,
    body: i64,
    on: NaiveDate,
) -> Result<Vec<Nomination>, sqlx::Error> {
    let upward = waiting(c, round.id, on).await?.upward;
    of_body(c, round, upward, body, on).await
}

/// `POST /khen-thuong/dot/{id}/to-trinh-tinh` (confirmed): `body_id`, `proposed_on`,
/// `signer_name`, `signing_form`, `recipient`.
pub async fn issue(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let bad = |m: &str| AppError::BadRequest(m.into());
    let body_id: i64 = field(&f, "body_id")
        .parse()
        .map_err(|_| bad("Chọn cơ quan trình."))?;
    let on = text::parse_date(field(&f, "proposed_on"))
        .ok_or_else(|| bad("Ngày tờ trình ghi theo dạng ngày/tháng/năm."))?;
    let (signer, form) = super::decision_web::signed(&f, "tờ trình")?;
    let mut recipient =
        text::clean_limited(field(&f, "recipient"), 300).map_err(AppError::BadRequest)?;
    if recipient.is_empty() {
        recipient = upward_doc::RECIPIENT.into();
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let round = rounds_store::one(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let bodies = super::council_web::round_runner(&mut tx, &ctx.user, &round, on).await?;
    let body = bodies
        .iter()
        .find(|b| b.id == body_id)
        .ok_or_else(|| bad("Cơ quan đã chọn không xét khen thưởng cho đợt này vào ngày tờ trình, hoặc nằm ngoài phạm vi của bạn."))?
        .clone();
    if let Some(why) = super::register::cannot_issue(&body, on) {
        return Err(AppError::BadRequest(why));
    }
    let list = pending(&mut tx, &round, body_id, on).await?;
    if list.is_empty() {
        return Err(AppError::Conflict(format!(
            "Chưa có đối tượng nào được Hội đồng {} thông qua chờ trình cấp tỉnh khen thưởng.",
            body.name
        )));
    }
    let ids: Vec<i64> = list.iter().map(|n| n.id).collect();
    if f.get(confirm::FIELD).is_none_or(|v| v != confirm::YES) {
        let back = format!("/khen-thuong/dot/{id}/hoi-dong#de-nghi-cap-tren");
        let names: Vec<&str> = list.iter().map(|n| n.subject_name.as_str()).collect();
        let c = Confirmation {
            heading: format!("Trình cấp tỉnh khen thưởng — {}", body.name),
            consequences: vec![
                format!("Tờ trình ngày {} gửi {} đề nghị khen thưởng {} đối tượng: {}.", text::date_vn(on), recipient, list.len(), names.join(", ")),
                format!("Tờ trình lấy số tiếp theo trong sổ văn bản năm {} của {}; số đã cấp không dùng lại.", on.year(), body.name),
                "Tờ trình và bộ hồ sơ (tệp ZIP) được lưu một lần; các đối tượng này không trình lại được.".into(),
            ],
            action: format!("/khen-thuong/dot/{id}/to-trinh-tinh"),
            hidden: confirm::carried(&f, &ids),
            button: "Ban hành tờ trình".into(),
            back: back.clone(),
        };
        let layout = Layout::new(&ctx, "awards", "Xác nhận").crumb(round.name(), back);
        return Ok(confirm::page(layout, c)?.into_response());
    }
    // A nominee passed in between waits for the next tờ trình.
    confirm::same_list(&f, &ids)?;
    let w = super::upward_write::write(
        &mut tx,
        &st.files,
        &super::upward_write::Proposing {
            round: &round,
            body: &body,
            on,
            form,
            signer: &signer,
            recipient: &recipient,
            by: Some(ctx.user.id),
            by_name: &ctx.user.full_name,
            is_demo: false,
        },
        &list,
        now,
    )
    .await?;
    let (pid, number, docx_key, zip_key) = (w.id, w.number, w.docx_sha256, w.zip_sha256);
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.proposal_upward",
        "upward_proposal",
        &pid.to_string(),
        &json!({"number": number, "body": body_id, "on": on, "nominations": ids, "recipient": recipient, "docx": docx_key, "zip": zip_key}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã ban hành Tờ trình số {number} đề nghị cấp tỉnh khen thưởng {} đối tượng.",
            ids.len()
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/khen-thuong/dot/{id}/hoi-dong#de-nghi-cap-tren")).into_response())
}

async fn readable(st: &AppState, ctx: &Ctx, id: i64) -> Result<store::Proposal, AppError> {
    let mut c = st.db.conn().await?;
    let p = store::one(&mut c, id).await?.ok_or(AppError::NotFound)?;
    if !access::may_run_council(&ctx.user, &p.body_path) {
        return Err(AppError::NotFound);
    }
    Ok(p)
}

/// `GET /khen-thuong/to-trinh-tinh/{id}/to-trinh.docx`: the tờ trình as issued.
pub async fn proposal_docx(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let p = readable(&st, &ctx, id).await?;
    let bytes = super::awarded_web::stored(&st.files, &p.docx_sha256).await?;
    Ok(super::dossier_web::file_response(
        bytes,
        &format!("to-trinh-{}.docx", p.number.replace('/', "-")),
        crate::files::Kind::Docx,
    ))
}

/// `GET /khen-thuong/to-trinh-tinh/{id}/ho-so.zip`: the dossier as issued.
pub async fn dossier_zip(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let p = readable(&st, &ctx, id).await?;
    let bytes = super::awarded_web::stored(&st.files, &p.zip_sha256).await?;
    Ok(super::dossier_web::typed_download(
        bytes,
        &format!("ho-so-{}.zip", p.number.replace('/', "-")),
        super::upward_write::ZIP,
    ))
}
