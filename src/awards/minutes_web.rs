//! The council session's minutes (biên bản) as DOCX (issue 13, item 2): time and place, the
//! members with their attendance, the quorum and threshold as the session set them, recusals,
//! and for each nominee the counts agree / disagree / abstain with the result. The ballot is
//! secret: the minutes, like every page, carry counts only.

use axum::extract::State;
use axum::response::Response;

use super::access;
use super::ballot::Outcome;
use super::council::{Presence, SessionState};
use super::dossier_web::docx_response;
use super::session_load::{Loaded, load};
use crate::documents::docx::{self, Block, Letter};
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::Path;
use crate::web::session::Ctx;

/// The minutes of a loaded session as a letter.
pub fn letter(l: &Loaded) -> Letter {
    let closed = l.state() == SessionState::Closed;
    let present = l.present();
    let written = l
        .members
        .iter()
        .filter(|(_, p)| *p == Presence::Written)
        .count();
    let all = l.members.len();
    let members: Vec<Vec<String>> = l
        .members
        .iter()
        .enumerate()
        .map(|(i, (m, p))| {
            vec![
                (i + 1).to_string(),
                m.full_name.clone(),
                m.position.clone(),
                m.role_label().to_string(),
                p.label().to_string(),
            ]
        })
        .collect();
    let results: Vec<Vec<String>> = l
        .nominees
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (a, d, x) = l.tally(n.id);
            let result = if closed {
                l.outcome(n.id).label().to_string()
            } else {
                "Chưa kết thúc".into()
            };
            vec![
                (i + 1).to_string(),
                n.subject_name.clone(),
                n.unit_name.clone(),
                n.form_name.clone(),
                a.to_string(),
                d.to_string(),
                x.to_string(),
                result,
            ]
        })
        .collect();
    let passed = l
        .nominees
        .iter()
        .filter(|n| closed && l.outcome(n.id) == Outcome::Passed)
        .count();
    let mut body = vec![
        Block::Text(format!(
            "Thời gian: {}. Địa điểm: {}.",
            text::document_date(l.session.held_on),
            if l.session.place.is_empty() {
                l.body.name.as_str()
            } else {
                l.session.place.as_str()
            }
        )),
        Block::Text(format!(
            "Hội đồng Thi đua – Khen thưởng {} có {all} thành viên; có mặt {present}, vắng {}{}.",
            l.body.name,
            all as i64 - present,
            if written > 0 {
                format!(" (trong đó {written} thành viên gửi phiếu bằng văn bản)")
            } else {
                String::new()
            }
        )),
        Block::Text(format!(
            "Điều kiện họp: {} — {}.",
            l.quorum.text(),
            if l.quorum_met() {
                "đủ"
            } else {
                "không đủ"
            }
        )),
        Block::Heading("I. Thành phần".into()),
        Block::Table {
            headers: ["TT", "Họ và tên", "Chức vụ", "Vai trò", "Điểm danh"]
                .map(String::from)
                .to_vec(),
            widths: vec![60, 280, 260, 200, 200],
            rows: members,
        },
        Block::Heading("II. Kết quả bỏ phiếu kín".into()),
        Block::Text(format!(
            "Hình thức biểu quyết: bỏ phiếu kín. Tỷ lệ đạt: {}. {}.",
            l.threshold.text(),
            l.tie.label()
        )),
        Block::Table {
            headers: [
                "TT",
                "Tên đối tượng",
                "Đơn vị",
                "Hình thức",
                "Đồng ý",
                "Không đồng ý",
                "Không biểu quyết",
                "Kết quả",
            ]
            .map(String::from)
            .to_vec(),
            widths: vec![50, 220, 170, 150, 90, 100, 110, 110],
            rows: results,
        },
    ];
    for (n, m, reason) in &l.recusals {
        body.push(Block::Text(format!(
            "{} không tham gia biểu quyết đối với {} ({reason}).",
            l.member_name(*m),
            l.nominee_name(*n)
        )));
    }
    body.push(Block::Text(if closed {
        format!(
            "Kết luận: {passed}/{} đối tượng đạt tỷ lệ phiếu đồng ý; Phòng Nội vụ tổng hợp trình Chủ tịch UBND quyết định khen thưởng.",
            l.nominees.len()
        )
    } else {
        "Biên bản dự thảo: phiên họp chưa kết thúc bỏ phiếu.".into()
    }));
    body.push(Block::Text(
        "Biên bản được lập và thông qua tại cuộc họp.".into(),
    ));
    let chair = l
        .members
        .iter()
        .find(|(m, _)| m.role == "chair")
        .map_or_else(String::new, |(m, _)| m.full_name.clone());
    Letter {
        parent: format!("UBND {}", l.body.name.to_uppercase()),
        issuer: "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG".into(),
        place_date: docx::place_date(
            super::decision_doc::place_of(&l.body.name),
            l.session.held_on,
        ),
        kind: "BIÊN BẢN".into(),
        subject: format!(
            "Họp Hội đồng Thi đua – Khen thưởng xét khen thưởng năm {}",
            l.round.year
        ),
        body,
        signature: (String::new(), "CHỦ TỊCH HỘI ĐỒNG".into(), chair),
        send_to: vec!["Thành viên Hội đồng".into(), "Hồ sơ khen thưởng".into()],
        ..Letter::default()
    }
}

/// `GET /khen-thuong/phien/{id}/bien-ban.docx`: for whoever runs the council.
pub async fn minutes(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let mut c = st.db.conn().await?;
    let l = load(&mut c, id).await?;
    if !access::may_run_council(&ctx.user, &l.body.path) {
        return Err(AppError::Forbidden);
    }
    let bytes = docx::render(&letter(&l)).map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    Ok(docx_response(
        bytes,
        &format!("bien-ban-hoi-dong-{}-{}.docx", l.round.year, l.session.id),
    ))
}
