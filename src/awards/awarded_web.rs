//! A decision once issued (issue 13, items 3–4): its page with the awardees and their state,
//! the stored DOCX and PDF (checked against their SHA-256 on every download), the certificates
//! in batch — the full design or onto the office's pre-printed blanks with its print offsets —
//! and a specimen to adjust those offsets.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::access;
use super::certificate_pdf::{self, Certificate, Layout as Print, Offsets};
use super::decision_doc::SigningForm;
use super::decision_store::{self as store, Awardee, Decision};
use super::dossier_web::file_response;
use crate::audit;
use crate::files::Kind;
use crate::state::AppState;
use crate::text;
use crate::units::Unit;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

/// The decision and its body, for a user who may read it: whoever runs the body's council, or
/// sees the body's records. Others: 404.
async fn readable(st: &AppState, ctx: &Ctx, id: i64) -> Result<(Decision, Unit), AppError> {
    let mut c = st.db.conn().await?;
    let d = store::decision(&mut c, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = crate::units::store::by_id(&mut c, d.issuing_unit_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !access::may_run_council(&ctx.user, &body.path) && !ctx.user.can_see(&body.path) {
        return Err(AppError::NotFound);
    }
    Ok((d, body))
}

#[derive(Template)]
#[template(path = "awards/decision.html")]
struct DecisionPage {
    layout: Layout,
    d: Decision,
    awardees: Vec<Awardee>,
    runs: bool,
    amended_by: Vec<Decision>,
    grounds: [(&'static str, &'static str); 4],
    today: String,
}

/// `GET /khen-thuong/quyet-dinh/{id}`.
pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let (d, body) = readable(&st, &ctx, id).await?;
    let mut c = st.db.conn().await?;
    let awardees = store::awardees(&mut c, id).await?;
    let amended_by = store::of_round(&mut c, d.round_id)
        .await?
        .into_iter()
        .filter(|x| x.amends_id == Some(id))
        .collect();
    render(&DecisionPage {
        layout: Layout::new(&ctx, "awards", format!("Quyết định số {}", d.number))
            .crumb("Khen thưởng", "/khen-thuong")
            .crumb(
                format!("Hội đồng xét khen năm {}", d.round_year),
                format!("/khen-thuong/dot/{}/hoi-dong", d.round_id),
            ),
        runs: access::may_run_council(&ctx.user, &body.path),
        d,
        awardees,
        amended_by,
        grounds: super::revoke_web::GROUNDS,
        today: text::date_vn(st.clock.today()),
    })
}

/// The stored bytes under `key`, refused (500) if they no longer match it.
pub(super) async fn stored(
    files: &crate::files::blobs::Blobs,
    key: &str,
) -> Result<Vec<u8>, AppError> {
    let bytes = files
        .get(key)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("thiếu tệp {key} trong kho")))?;
    if crate::files::digest(&bytes) != key {
        return Err(AppError::Internal(anyhow::anyhow!(
            "tệp {key} trong kho không khớp mã băm"
        )));
    }
    Ok(bytes)
}

/// `GET /khen-thuong/quyet-dinh/{id}/quyet-dinh.docx`: the file as issued.
pub async fn docx(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (d, _) = readable(&st, &ctx, id).await?;
    let bytes = stored(&st.files, &d.docx_sha256).await?;
    Ok(file_response(bytes, &file_name(&d, "docx"), Kind::Docx))
}

/// `GET /khen-thuong/quyet-dinh/{id}/quyet-dinh.pdf`: the file as issued.
pub async fn pdf(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (d, _) = readable(&st, &ctx, id).await?;
    let bytes = stored(&st.files, &d.pdf_sha256).await?;
    Ok(file_response(bytes, &file_name(&d, "pdf"), Kind::Pdf))
}

fn file_name(d: &Decision, ext: &str) -> String {
    format!(
        "quyet-dinh-{}-{}.{ext}",
        d.number.replace('/', "-"),
        d.decided_on.format("%Y%m%d")
    )
}

/// Reads "-2,5" or "3" millimetres, within ±30 mm.
fn offset(s: &str) -> Option<f32> {
    let v: f32 = s.trim().replace(',', ".").parse().ok()?;
    (v.is_finite() && v.abs() <= 30.0).then_some(v)
}

#[derive(Deserialize, Default)]
pub struct PrintQuery {
    #[serde(default)]
    ban: String,
}

/// The certificate of one awardee under the decision.
fn certificate(d: &Decision, body: &Unit, a: &Awardee) -> Certificate {
    let form = SigningForm::from_code(&d.signing_form).unwrap_or(SigningForm::Chairman);
    let (prefix, title) = form.titles();
    Certificate {
        register_number: a.certificate_number.clone(),
        awardee: a.subject_name.clone(),
        unit_line: a.unit_name.clone(),
        achievement: a.achievement.clone(),
        decision_number: d.number.clone(),
        decision_date: d.decided_on,
        place: super::decision_doc::place_of(&body.name).into(),
        authority: format!("CHỦ TỊCH ỦY BAN NHÂN DÂN {}", body.name.to_uppercase()),
        signer_titles: [prefix, title]
            .into_iter()
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect(),
        signer_name: d.signer_name.clone(),
    }
}

async fn print_layout(st: &AppState, body: i64, ban: &str) -> Result<Print, AppError> {
    if ban != "phoi" {
        return Ok(Print::Full);
    }
    let mut c = st.db.conn().await?;
    let (r, d) = store::offsets(&mut c, body)
        .await?
        .unwrap_or_else(|| ("0".into(), "0".into()));
    Ok(Print::OnBlank(Offsets {
        right: offset(&r).unwrap_or(0.0),
        down: offset(&d).unwrap_or(0.0),
    }))
}

/// `GET /khen-thuong/quyet-dinh/{id}/giay-khen.pdf?ban=phoi`: a page per awardee in force (a
/// revoked or amended entry gets none), the full design or onto blanks.
pub async fn certificates(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PrintQuery>,
) -> Result<Response, AppError> {
    let (d, body) = readable(&st, &ctx, id).await?;
    let mut c = st.db.conn().await?;
    let certs: Vec<Certificate> = store::awardees(&mut c, id)
        .await?
        .iter()
        .filter(|a| a.state == "awarded")
        .map(|a| certificate(&d, &body, a))
        .collect();
    drop(c);
    if certs.is_empty() {
        return Err(AppError::Conflict(
            "Quyết định không còn đối tượng nào đang hiệu lực để in giấy khen.".into(),
        ));
    }
    let layout = print_layout(&st, body.id, &q.ban).await?;
    let bytes =
        certificate_pdf::render(&certs, layout).map_err(|e| AppError::Internal(e.into()))?;
    Ok(file_response(
        bytes,
        &file_name(&d, "giay-khen.pdf"),
        Kind::Pdf,
    ))
}

#[derive(Deserialize)]
pub struct BodyQuery {
    #[serde(default)]
    don_vi: i64,
}

/// `GET /khen-thuong/hoi-dong/giay-khen-mau.pdf?don_vi=`: one specimen printed with the
/// office's offsets, to try on a blank before a batch.
pub async fn specimen(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<BodyQuery>,
) -> Result<Response, AppError> {
    let mut c = st.db.conn().await?;
    let body = crate::units::store::by_id(&mut c, q.don_vi)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(c);
    if !access::may_run_council(&ctx.user, &body.path) {
        return Err(AppError::Forbidden);
    }
    let layout = print_layout(&st, body.id, "phoi").await?;
    let bytes = certificate_pdf::render(&[certificate_pdf::specimen(1)], layout)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(file_response(bytes, "giay-khen-mau.pdf", Kind::Pdf))
}

#[derive(Deserialize)]
pub struct OffsetsForm {
    #[serde(default)]
    body_id: i64,
    #[serde(default)]
    right: String,
    #[serde(default)]
    down: String,
}

/// `POST /khen-thuong/hoi-dong/le-in`: the office's print offsets in millimetres (±30).
pub async fn set_offsets(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<OffsetsForm>,
) -> Result<Redirect, AppError> {
    let (Some(r), Some(d)) = (offset(&f.right), offset(&f.down)) else {
        return Err(AppError::BadRequest(
            "Độ lệch in ghi bằng milimét, từ -30 đến 30 (ví dụ 2,5 hoặc -1).".into(),
        ));
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let body = crate::units::store::by_id(&mut tx, f.body_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !access::may_run_council(&ctx.user, &body.path) {
        return Err(AppError::Forbidden);
    }
    let (rt, dt) = (r.to_string(), d.to_string());
    store::set_offsets(&mut tx, body.id, &rt, &dt, ctx.user.id, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.print_offsets",
        "unit",
        &body.id.to_string(),
        &json!({"right_mm": rt, "down_mm": dt}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã ghi độ lệch in giấy khen.").await?;
    Ok(Redirect::to(&format!(
        "/khen-thuong/hoi-dong?don_vi={}",
        body.id
    )))
}
