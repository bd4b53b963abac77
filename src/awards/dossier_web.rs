//! The dossier of a nomination (Law 2022 Art. 84; reference facts "Who awards"): the tờ trình,
//! the achievement report and the minutes of the unit's review meeting — uploaded to the one
//! file store (slots 1–3), or generated as DOCX in the Decree 30 layout from the data: the
//! report pre-filled from the nominee's records, and one tờ trình and one minutes per unit
//! listing its whole list.

use axum::extract::{Multipart, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;

use super::eligibility::Category;
use super::nominations_store::{self as store, Nomination};
use super::rounds_store::{self, Round};
use super::workflow::State as NState;
use super::{access, facts_store};
use crate::audit;
use crate::documents::docx::{self, Block, Letter};
use crate::files::{self, store::Owner};
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Path, Query};
use crate::web::session::Ctx;

/// The owner kind of dossier files in `attachments`.
pub const OWNER: &str = "nomination";

/// A Word download under `filename`.
pub fn docx_response(bytes: Vec<u8>, filename: &str) -> Response {
    file_response(bytes, filename, files::Kind::Docx)
}

/// A download of `kind` under `filename`, the name folded to ASCII for every browser.
pub fn file_response(bytes: Vec<u8>, filename: &str, kind: files::Kind) -> Response {
    typed_download(bytes, filename, kind.media_type())
}

/// A download of `media_type` under `filename` (folded to ASCII), for kinds the upload store
/// does not take, such as a dossier's ZIP.
pub fn typed_download(bytes: Vec<u8>, filename: &str, media_type: &str) -> Response {
    let ascii: String = text::fold(filename)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, media_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// `POST /khen-thuong/de-nghi/{id}/ho-so` (multipart: `slot` 1–3, `file`): only the proposing
/// unit, while the nomination is a draft or returned.
pub async fn upload(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Multipart,
) -> Result<Redirect, AppError> {
    let mut upload = files::web::read(form).await?;
    let slot: i64 = upload
        .fields
        .get("slot")
        .and_then(|s| s.parse().ok())
        .filter(|s| (1..=3).contains(s))
        .ok_or_else(|| AppError::BadRequest("Chọn loại tài liệu của hồ sơ.".into()))?;
    let (file, bytes) = files::web::accepted(&mut upload)?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let (n, _) = super::show_web::readable(&mut tx, &ctx, id).await?;
    if !access::proposes(&ctx.user, &n.unit_path) {
        return Err(AppError::Forbidden);
    }
    if !NState::from_code(&n.state).is_some_and(NState::editable) {
        return Err(AppError::Conflict(
            "Hồ sơ đã gửi đi: chỉ bổ sung khi đề nghị đang soạn hoặc bị trả lại.".into(),
        ));
    }
    files::store::attach(
        &mut tx,
        &file,
        Owner {
            kind: OWNER,
            id,
            slot,
        },
        ctx.user.id,
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.dossier_add",
        "nomination",
        &id.to_string(),
        &json!({"slot": slot, "file": file.name, "sha256": file.sha256, "size": file.size}),
    )
    .await?;
    st.files
        .put(&file.sha256, bytes)
        .await
        .map_err(AppError::Internal)?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã đính kèm «{}».", file.name))
        .await?;
    Ok(Redirect::to(&format!("/khen-thuong/de-nghi/{id}")))
}

#[derive(serde::Deserialize)]
pub struct Preview {
    xem: Option<String>,
}

/// `GET /khen-thuong/de-nghi/{id}/ho-so/{file}[?xem=1]`.
pub async fn download(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(i64, i64)>,
    Query(p): Query<Preview>,
) -> Result<Response, AppError> {
    let mut c = st.db.conn().await?;
    super::show_web::readable(&mut c, &ctx, id).await?;
    drop(c);
    files::web::serve_attachment(&st, OWNER, id, file, p.xem.is_some()).await
}

/// The issuer of a unit's documents: "UBND PHƯỜNG ĐỨC THUẬN", or the body's own name.
fn issuer(unit_name: &str, kind: &str) -> String {
    if matches!(kind, "ward" | "commune") {
        format!("UBND {}", unit_name.to_uppercase())
    } else {
        unit_name.to_uppercase()
    }
}

/// `GET /khen-thuong/de-nghi/{id}/bao-cao.docx`: the achievement report, pre-filled.
pub async fn report(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let mut c = st.db.conn().await?;
    let (n, _) = super::show_web::readable(&mut c, &ctx, id).await?;
    let letter = report_of(&mut c, &n, st.clock.today()).await?;
    let bytes = docx::render(&letter).map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    Ok(docx_response(
        bytes,
        &format!("bao-cao-thanh-tich-{}.docx", n.subject_name),
    ))
}

/// The pre-filled report of `n` dated `today`, from its round, unit and records. Errors: the
/// database; 404 when the round or unit is gone.
pub async fn report_of(
    c: &mut impl crate::db::DbConn,
    n: &Nomination,
    today: chrono::NaiveDate,
) -> Result<Letter, AppError> {
    let round = rounds_store::one(c, n.round_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit = crate::units::store::by_id(c, n.unit_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let path = store::unit_path(c, n.subject_unit_id).await?;
    let facts =
        facts_store::facts(c, &n.subject_type, n.subject_id, &path, n.achievement_year).await?;
    Ok(report_letter(n, &round, &unit, &facts, today))
}

/// The report of `n` with what the records hold for its year.
pub fn report_letter(
    n: &Nomination,
    round: &Round,
    unit: &crate::units::Unit,
    f: &super::eligibility::Facts,
    today: chrono::NaiveDate,
) -> Letter {
    let cat = Category::from_code(&n.category).unwrap_or(Category::H);
    let mut body = vec![
        Block::Heading("I. SƠ LƯỢC".into()),
        Block::Text(format!("Tên: {}", n.subject_name)),
        Block::Text(format!("Đơn vị đề nghị: {}", n.unit_name)),
        Block::Text(format!(
            "Nhóm đối tượng: {} (Kế hoạch, mục V.1)",
            cat.label()
        )),
        Block::Text(format!("Hình thức đề nghị: {}", n.form_name)),
        Block::Heading(format!(
            "II. THÀNH TÍCH ĐẠT ĐƯỢC NĂM {}",
            n.achievement_year
        )),
        Block::Text(n.achievement.clone()),
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (_, r) in &f.recognitions {
        rows.push(vec!["Công nhận đạt chuẩn".into(), r.text.clone()]);
    }
    let total: i64 = f.contributions.iter().map(|(_, v)| v).sum();
    for (kind, v) in &f.contributions {
        let k = crate::resources::Kind::from_code(kind).map_or(kind.as_str(), |k| k.label());
        rows.push(vec![format!("Đóng góp: {k}"), text::money_vnd(*v)]);
    }
    if !f.contributions.is_empty() {
        rows.push(vec![
            "Tổng giá trị đóng góp trong năm".into(),
            text::money_vnd(total),
        ]);
    }
    for (stars, p) in &f.ocop {
        rows.push(vec![
            "Sản phẩm OCOP".into(),
            format!("{} – {stars} sao", p.text),
        ]);
    }
    for s in &f.sponsorships {
        rows.push(vec!["Đỡ đầu, tài trợ".into(), s.text.clone()]);
    }
    if !rows.is_empty() {
        body.push(Block::Text(
            "Số liệu từ hệ thống quản lý phong trào:".into(),
        ));
        body.push(Block::Table {
            headers: vec!["Nội dung".into(), "Kết quả".into()],
            widths: vec![400, 600],
            rows,
        });
    }
    body.push(Block::Heading(
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG".into(),
    ));
    body.push(Block::Text(
        "(Đơn vị ghi các hình thức khen thưởng đã nhận, số và ngày quyết định.)".into(),
    ));
    if round.thematic() {
        body.push(Block::Text(super::guards::THEMATIC_NOTE.into()));
    }
    Letter {
        issuer: issuer(&unit.name, &unit.kind),
        place_date: docx::place_date("Hồng Lĩnh", today),
        kind: "BÁO CÁO THÀNH TÍCH".into(),
        subject: format!("Đề nghị tặng {} năm {}", n.form_name, round.year),
        body,
        signature: (String::new(), "THỦ TRƯỞNG ĐƠN VỊ".into(), String::new()),
        send_to: vec!["Văn phòng Điều phối NTM".into()],
        ..Letter::default()
    }
}

#[derive(serde::Deserialize)]
pub struct UnitQuery {
    don_vi: i64,
}

async fn unit_list(
    st: &AppState,
    ctx: &Ctx,
    id: i64,
    unit_id: i64,
) -> Result<(Round, crate::units::Unit, Vec<Nomination>), AppError> {
    let mut c = st.db.conn().await?;
    let round = rounds_store::one(&mut c, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit = crate::units::store::by_id(&mut c, unit_id)
        .await?
        .filter(|u| ctx.user.can_see(&u.path))
        .ok_or(AppError::NotFound)?;
    let states: Vec<&str> = NState::ALL
        .iter()
        .filter(|s| **s != NState::Withdrawn)
        .map(|s| s.code())
        .collect();
    let list = store::of_unit(&mut c, id, unit_id, &states).await?;
    Ok((round, unit, list))
}

fn list_table(list: &[Nomination]) -> Block {
    Block::Table {
        headers: [
            "TT",
            "Tên tập thể, cá nhân, hộ",
            "Nhóm",
            "Hình thức",
            "Tóm tắt thành tích",
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![60, 260, 80, 220, 380],
        rows: list
            .iter()
            .enumerate()
            .map(|(i, n)| {
                vec![
                    (i + 1).to_string(),
                    n.subject_name.clone(),
                    n.category.to_uppercase(),
                    n.form_name.clone(),
                    n.achievement.clone(),
                ]
            })
            .collect(),
    }
}

/// `GET /khen-thuong/dot/{id}/to-trinh.docx?don_vi=`: one tờ trình listing the unit's list.
pub async fn proposal(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<UnitQuery>,
) -> Result<Response, AppError> {
    let (round, unit, list) = unit_list(&st, &ctx, id, q.don_vi).await?;
    let letter = Letter {
        issuer: issuer(&unit.name, &unit.kind),
        place_date: docx::place_date("Hồng Lĩnh", st.clock.today()),
        kind: "TỜ TRÌNH".into(),
        subject: format!("Về việc đề nghị khen thưởng năm {}", round.year),
        recipients: vec![format!(
            "Kính gửi: Chủ tịch UBND (qua {})",
            round.receiving_name
        )],
        body: vec![
            Block::Text(format!("Căn cứ phong trào «{}»;", round.movement_title)),
            Block::Text(
                "Căn cứ Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn,".into(),
            ),
            Block::Text(format!(
                "{} đề nghị khen thưởng {} tập thể, cá nhân, hộ gia đình có thành tích trong phong trào, danh sách kèm theo:",
                unit.name,
                list.len()
            )),
            list_table(&list),
            Block::Text(
                "Kèm theo: báo cáo thành tích của từng đối tượng và biên bản họp xét của đơn vị."
                    .into(),
            ),
        ],
        signature: (
            "TM. ỦY BAN NHÂN DÂN".into(),
            "CHỦ TỊCH".into(),
            String::new(),
        ),
        send_to: vec!["Như trên".into()],
        ..Letter::default()
    };
    let bytes = docx::render(&letter).map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    Ok(docx_response(
        bytes,
        &format!("to-trinh-{}-{}.docx", unit.code, round.year),
    ))
}

/// `GET /khen-thuong/dot/{id}/bien-ban.docx?don_vi=`: the minutes of the unit's review
/// meeting, with its list and blanks for attendance and votes.
pub async fn minutes(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<UnitQuery>,
) -> Result<Response, AppError> {
    let (round, unit, list) = unit_list(&st, &ctx, id, q.don_vi).await?;
    let letter = Letter {
        issuer: issuer(&unit.name, &unit.kind),
        place_date: docx::place_date("Hồng Lĩnh", st.clock.today()),
        kind: "BIÊN BẢN".into(),
        subject: format!("Họp xét đề nghị khen thưởng năm {}", round.year),
        body: vec![
            Block::Text("Thời gian: ……… giờ ……… ngày ……… tháng ……… năm ………".into()),
            Block::Text(format!("Địa điểm: {}", unit.name)),
            Block::Text("Thành phần: ……… (có mặt ……… /……… người)".into()),
            Block::Text("Hội nghị đã xem xét thành tích và thống nhất đề nghị khen thưởng:".into()),
            list_table(&list),
            Block::Text("Kết quả biểu quyết: ……… /……… người có mặt đồng ý.".into()),
        ],
        signature: (String::new(), "CHỦ TRÌ".into(), String::new()),
        send_to: vec!["Văn phòng Điều phối NTM".into()],
        ..Letter::default()
    };
    let bytes = docx::render(&letter).map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    Ok(docx_response(
        bytes,
        &format!("bien-ban-{}-{}.docx", unit.code, round.year),
    ))
}
