//! The round's council page (issue 13, items 1–2): `/khen-thuong/dot/{id}/hoi-dong` is the
//! round's page for Internal Affairs — the notice and its objections, the ballot list, the
//! sessions and the decisions; the members by period are in `members_web`.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::json;

use super::access;
use super::ballot::{self, Share, TieRule};
use super::ballot_store::{self, Nominee};
use super::bodies;
use super::council_store::{self as store, NewSession, Session};
use super::decision_store::{self, Decision};
use super::notice_store::{self, Notice, Objection};
use super::rounds_store::{self, Round};
use crate::audit;
use crate::auth::CurrentUser;
use crate::db::DbConn;
use crate::state::AppState;
use crate::text;
use crate::units::Unit;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

/// Refuses (403) a user who may not run the council of any body deciding the round on
/// `today`: the town until 30/06/2025, the successor wards after.
pub async fn round_runner(
    c: &mut impl DbConn,
    user: &CurrentUser,
    round: &Round,
    today: NaiveDate,
) -> Result<Vec<Unit>, AppError> {
    let units: Vec<i64> = rounds_store::units(c, round.id, "proposing")
        .await?
        .into_iter()
        .map(|u| u.0)
        .collect();
    let mut bodies = bodies::bodies_on(c, round, &units, today).await?;
    let town = bodies::town_of(c, round).await?;
    if let Some(t) = crate::units::store::by_id(c, town).await?
        && !bodies.iter().any(|b| b.id == t.id)
    {
        bodies.insert(0, t);
    }
    bodies.retain(|b| access::may_run_council(user, &b.path));
    if bodies.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(bodies)
}

#[derive(Template)]
#[template(path = "awards/council.html")]
struct RoundPage {
    layout: Layout,
    round: Round,
    notice: Option<Notice>,
    notice_end_preview: String,
    objections: Vec<Objection>,
    ballot: Vec<Nominee>,
    /// Of `ballot`, those no closed session has a result for yet.
    to_vote: usize,
    sessions: Vec<Session>,
    decisions: Vec<Decision>,
    bodies: Vec<Unit>,
    presets: Vec<(&'static str, Share)>,
    passed_waiting: usize,
    upward: Vec<super::nominations_store::Nomination>,
    proposals: Vec<super::upward_store::Proposal>,
    today: String,
    default_bases: String,
}

/// The bases a decision starts from; the officer edits them.
pub(super) fn default_bases(round: &Round) -> String {
    [
        "Căn cứ Luật Tổ chức chính quyền địa phương",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng",
        &format!("Căn cứ kết quả phong trào «{}» năm {}", round.movement_title, round.year),
        "Xét đề nghị của Hội đồng Thi đua – Khen thưởng và Trưởng phòng Nội vụ",
    ]
    .join("\n")
}

/// `GET /khen-thuong/dot/{id}/hoi-dong`.
pub async fn round_page(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let today = st.clock.today();
    let mut c = st.db.conn().await?;
    let round = rounds_store::one(&mut c, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let bodies = round_runner(&mut c, &ctx.user, &round, today).await?;
    let notice = notice_store::notice(&mut c, id).await?;
    let cal = notice_store::calendar(&mut c).await?;
    let notice_end_preview = notice
        .as_ref()
        .filter(|n| n.enabled && n.posted_on.is_none())
        .and_then(|n| cal.notice_end(today, u32::try_from(n.working_days).unwrap_or(0)))
        .map_or_else(String::new, text::date_vn);
    let waiting = super::upward_web::waiting(&mut c, id, today).await?;
    let ballot = ballot_store::on_ballot(&mut c, id).await?;
    let voted = ballot_store::with_result(&mut c, id).await?;
    let proposals = super::upward_store::of_round(&mut c, id).await?;
    render(&RoundPage {
        layout: Layout::new(
            &ctx,
            "awards",
            format!("Hội đồng xét khen — {}", round.name()),
        )
        .crumb("Khen thưởng", "/khen-thuong")
        .crumb(round.name(), format!("/khen-thuong/dot/{id}")),
        notice,
        notice_end_preview,
        objections: notice_store::objections(&mut c, id).await?,
        to_vote: ballot.iter().filter(|n| !voted.contains(&n.id)).count(),
        ballot,
        sessions: store::sessions(&mut c, id).await?,
        decisions: decision_store::of_round(&mut c, id).await?,
        passed_waiting: waiting.local.len(),
        upward: waiting.upward,
        proposals,
        default_bases: default_bases(&round),
        round,
        bodies,
        presets: ballot::presets(),
        today: text::date_vn(today),
    })
}

#[derive(Deserialize)]
pub struct SessionForm {
    #[serde(default)]
    body_id: String,
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    quorum: String,
    #[serde(default)]
    threshold: String,
    #[serde(default)]
    tie_rule: String,
    #[serde(default)]
    written_votes: String,
}

/// `POST /khen-thuong/dot/{id}/phien`: a session of the body's council on a date, with its
/// quorum and threshold (a preset's code or one written as "ge 2/3 all"), the tie rule and
/// whether absent members may vote in writing. Attendance starts with every member in office
/// on that date marked absent.
pub async fn create_session(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<SessionForm>,
) -> Result<Redirect, AppError> {
    let bad = |m: &str| AppError::BadRequest(m.into());
    let body_id: i64 = f
        .body_id
        .parse()
        .map_err(|_| bad("Chọn cơ quan có Hội đồng họp xét."))?;
    let held_on = text::parse_date(&f.held_on)
        .ok_or_else(|| bad("Ngày họp ghi theo dạng ngày/tháng/năm."))?;
    let place = text::clean_limited(&f.place, 300).map_err(AppError::BadRequest)?;
    let rule = |s: &str, what: &str| {
        Share::from_code(s).ok_or_else(|| {
            AppError::BadRequest(format!(
                "{what} không hợp lệ: ghi so sánh (ge: từ, gt: quá), phân số đúng (2/3) và cơ sở (all: tổng số thành viên, present: có mặt, ballots: số phiếu)."
            ))
        })
    };
    let quorum = rule(f.quorum.trim(), "Điều kiện họp hợp lệ")?;
    let threshold = rule(f.threshold.trim(), "Tỷ lệ đạt")?;
    let tie =
        TieRule::from_code(&f.tie_rule).ok_or_else(|| bad("Chọn cách xử lý khi hòa phiếu."))?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let round = rounds_store::one(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let bodies = round_runner(&mut tx, &ctx.user, &round, held_on).await?;
    let body = bodies
        .iter()
        .find(|b| b.id == body_id)
        .ok_or_else(|| bad("Cơ quan đã chọn không xét khen thưởng cho đợt này vào ngày họp, hoặc nằm ngoài phạm vi của bạn."))?;
    if let Some(why) = super::register::cannot_issue(body, held_on) {
        return Err(AppError::BadRequest(why));
    }
    let members: Vec<i64> = store::members_on(&mut tx, body_id, held_on)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    if members.is_empty() {
        return Err(AppError::BadRequest(format!(
            "{} chưa có thành viên Hội đồng Thi đua – Khen thưởng vào ngày {}: ghi danh sách thành viên trước.",
            body.name,
            text::date_vn(held_on)
        )));
    }
    let s = NewSession {
        round_id: id,
        body_unit_id: body_id,
        held_on,
        place: &place,
        quorum: &quorum.code(),
        threshold: &threshold.code(),
        tie_rule: tie.code(),
        written_votes: f.written_votes == "co",
        is_demo: false,
    };
    let sid = store::insert_session(&mut tx, &s, &members, Some(ctx.user.id), now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.session_open",
        "council_session",
        &sid.to_string(),
        &json!({"round": id, "body": body_id, "held_on": held_on, "quorum": quorum.code(), "threshold": threshold.code(), "tie": tie.code(), "written_votes": s.written_votes, "members": members.len()}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã tạo phiên họp ngày {} với {} thành viên; hãy điểm danh.",
            text::date_vn(held_on),
            members.len()
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/khen-thuong/phien/{sid}")))
}
