//! Issuing a decision (issue 13, item 3): `POST /khen-thuong/dot/{id}/quyet-dinh` takes the
//! nominees the council passed for the chosen body, computes each one's money on the decision
//! date, takes the next number of the body's register and a certificate number for each
//! awardee, renders the DOCX and PDF once and keeps them under their SHA-256 — never rendered
//! again. A correction is a new decision that amends the old one: the entries it re-issues are
//! marked amended in the old one, whose files stay as they were.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use serde_json::json;

use super::council_web::round_runner;
use super::decision_doc::{self, SigningForm};
use super::decision_store as store;
use super::nominations_store;
use super::rounds_store;
use super::subject;
use crate::audit;
use crate::db::DbConn;
use crate::state::AppState;
use crate::text;
use crate::web::confirm::{self, Confirmation};
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, field};
use crate::web::session::Ctx;
use crate::web::view::Layout;

/// The signer's name and signing form of a document (`signer_name`, `signing_form`), with
/// the Vietnamese message naming `document` ("quyết định", "tờ trình") when one is missing.
pub(super) fn signed(
    f: &HashMap<String, String>,
    document: &str,
) -> Result<(String, SigningForm), AppError> {
    let signer = text::clean_limited(field(f, "signer_name"), 200).map_err(AppError::BadRequest)?;
    if signer.is_empty() {
        return Err(AppError::BadRequest(format!(
            "Ghi họ tên người ký {document}."
        )));
    }
    let form = SigningForm::from_code(field(f, "signing_form")).ok_or_else(|| {
        AppError::BadRequest("Chọn hình thức ký (Chủ tịch, KT. Chủ tịch, TM. Ủy ban).".into())
    })?;
    Ok((signer, form))
}

/// The register number of a certificate: "GK-2024-0001".
pub fn certificate_number(year: i64, n: i64) -> String {
    format!("GK-{year}-{n:04}")
}

/// The nominations a decision of `body` on `on` would cover: those passed and not yet decided
/// whose granting body on that date is `body` — never a form the province grants, which goes
/// upward in a tờ trình (`upward_web`) — plus, for an amending decision, the entries of the
/// amended one.
async fn eligible(
    c: &mut impl DbConn,
    round: &rounds_store::Round,
    body: i64,
    on: NaiveDate,
    amends: Option<i64>,
) -> Result<Vec<i64>, sqlx::Error> {
    let local = super::upward_web::waiting(c, round.id, on).await?.local;
    let mut out: Vec<i64> = super::upward_web::of_body(c, round, local, body, on)
        .await?
        .into_iter()
        .map(|n| n.id)
        .collect();
    if let Some(old) = amends {
        for a in store::awardees(c, old).await? {
            if a.state == "awarded" && !out.contains(&a.nomination_id) {
                out.push(a.nomination_id);
            }
        }
    }
    Ok(out)
}

/// `POST /khen-thuong/dot/{id}/quyet-dinh` (confirmed): `body_id`, `decided_on`,
/// `signer_name`, `signing_form`, `bases` (one per line), optional `amends_id`, and optional
/// `n_{nomination}` ticks to issue for some only.
pub async fn issue(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let bad = |m: &str| AppError::BadRequest(m.into());
    let body_id: i64 = field(&f, "body_id")
        .parse()
        .map_err(|_| bad("Chọn cơ quan ban hành quyết định."))?;
    let on = text::parse_date(field(&f, "decided_on"))
        .ok_or_else(|| bad("Ngày quyết định ghi theo dạng ngày/tháng/năm."))?;
    let (signer, form) = signed(&f, "quyết định")?;
    let bases = text::clean_lines(field(&f, "bases"), 4000).map_err(AppError::BadRequest)?;
    if decision_doc::basis_lines(&bases).is_empty() {
        return Err(bad("Ghi căn cứ ban hành quyết định (mỗi căn cứ một dòng)."));
    }
    let amends: Option<i64> = match field(&f, "amends_id").trim() {
        "" => None,
        a => Some(
            a.parse()
                .map_err(|_| bad("Quyết định được sửa đổi không hợp lệ."))?,
        ),
    };
    let ticked: Vec<i64> = f
        .keys()
        .filter_map(|k| k.strip_prefix("n_")?.parse().ok())
        .collect();
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let round = rounds_store::one(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let bodies = round_runner(&mut tx, &ctx.user, &round, on).await?;
    let body = bodies
        .iter()
        .find(|b| b.id == body_id)
        .ok_or_else(|| bad("Cơ quan đã chọn không có thẩm quyền khen thưởng cho đợt này vào ngày quyết định, hoặc nằm ngoài phạm vi của bạn."))?
        .clone();
    if let Some(why) = super::register::cannot_issue(&body, on) {
        return Err(AppError::BadRequest(why));
    }
    let old = match amends {
        Some(a) => Some(
            store::decision(&mut tx, a)
                .await?
                .filter(|d| d.round_id == id && d.issuing_unit_id == body_id)
                .ok_or_else(|| bad("Quyết định được sửa đổi không thuộc đợt và cơ quan này."))?,
        ),
        None => None,
    };
    let mut list = eligible(&mut tx, &round, body_id, on, amends).await?;
    if !ticked.is_empty() {
        if let Some(x) = ticked.iter().find(|t| !list.contains(t)) {
            return Err(AppError::BadRequest(format!(
                "Đề nghị số {x} không có trong danh sách được Hội đồng thông qua chờ quyết định."
            )));
        }
        list.retain(|n| ticked.contains(n));
    }
    if list.is_empty() {
        return Err(AppError::Conflict(format!(
            "Chưa có đối tượng nào được Hội đồng thông qua chờ {} quyết định.",
            body.name
        )));
    }
    let mut noms = Vec::with_capacity(list.len());
    for n in &list {
        let nom = nominations_store::one(&mut tx, *n)
            .await?
            .ok_or(AppError::NotFound)?;
        let kind = subject::kind_of(&nom.subject_type);
        let money = subject::expected_money(&mut tx, &nom.form_code, kind, on)
            .await?
            .map_err(|why| AppError::Conflict(format!("{} — {why}", nom.subject_name)))?;
        noms.push((nom, kind, money));
    }
    if f.get(confirm::FIELD).is_none_or(|v| v != confirm::YES) {
        let total: i64 = noms.iter().map(|(_, _, m)| m.amount).sum();
        let back = format!("/khen-thuong/dot/{id}/hoi-dong");
        let c = Confirmation {
            heading: format!("Ban hành quyết định khen thưởng — {}", body.name),
            consequences: vec![
                format!("Quyết định ngày {} khen thưởng {} đối tượng, tổng tiền thưởng {}.", text::date_vn(on), noms.len(), text::money_vnd(total)),
                format!("Quyết định lấy số tiếp theo trong sổ văn bản năm {} của {}; số đã cấp không dùng lại.", on.year(), body.name),
                "Tệp Word và PDF được lưu một lần và không tạo lại; muốn sửa phải ban hành quyết định sửa đổi.".into(),
            ],
            action: format!("/khen-thuong/dot/{id}/quyet-dinh"),
            hidden: confirm::carried(&f, &list),
            button: "Ban hành quyết định".into(),
            back: back.clone(),
        };
        let layout = Layout::new(&ctx, "awards", "Xác nhận").crumb(round.name(), back);
        return Ok(confirm::page(layout, c)?.into_response());
    }
    // A nominee passed in between waits for the next decision.
    confirm::same_list(&f, &list)?;
    let old_ref = old.as_ref().map(|d| {
        (
            d.id,
            format!("{} ngày {}", d.number, text::date_vn(d.decided_on)),
        )
    });
    let w = super::decision_write::write(
        &mut tx,
        &st.files,
        &super::decision_write::Issue {
            round: &round,
            body: &body,
            on,
            form,
            signer: &signer,
            bases: &bases,
            amends: old_ref,
            by: Some(ctx.user.id),
            is_demo: false,
        },
        &noms,
        now,
    )
    .await?;
    let (did, number, total, docx_key, pdf_key) =
        (w.id, w.number, w.total, w.docx_sha256, w.pdf_sha256);
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.decision_issue",
        "award_decision",
        &did.to_string(),
        &json!({"number": number, "body": body_id, "on": on, "awardees": list, "total": total, "docx": docx_key, "pdf": pdf_key, "amends": amends}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã ban hành Quyết định số {number} khen thưởng {} đối tượng, tổng {}.",
            list.len(),
            text::money_vnd(total)
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/khen-thuong/quyet-dinh/{did}")).into_response())
}
