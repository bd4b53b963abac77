//! A council session (issue 13, item 2): `/khen-thuong/phien/{id}` — attendance, recusals and
//! opening the ballot once the quorum and the notice allow. The ballot and the close are in
//! `vote_web`; only counts are ever shown, and `minutes_web` writes them into the minutes.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde::Deserialize;
use serde_json::json;

use super::access;
use super::ballot_store;
use super::council::{Presence, SessionState};
use super::council_store as store;
use super::notice_store;
use super::session_load::{Loaded, load};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

/// Refuses (403) a user who does not run the session's council.
pub(super) fn runner(ctx: &Ctx, l: &Loaded) -> Result<(), AppError> {
    if access::may_run_council(&ctx.user, &l.body.path) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The member the signed-in user sits as in this session, if any.
pub(super) fn seat(ctx: &Ctx, l: &Loaded) -> Option<(i64, Presence)> {
    l.members
        .iter()
        .find(|(m, _)| m.user_id == Some(ctx.user.id))
        .map(|(m, p)| (m.id, *p))
}

#[derive(Template)]
#[template(path = "awards/session.html")]
struct SessionPage {
    layout: Layout,
    l: Loaded,
    runs: bool,
    /// The viewer's seat: member id, presence, nominees already voted on.
    seat: Option<(i64, Presence)>,
    voted: HashSet<i64>,
    casts: HashMap<i64, i64>,
    blocked: Option<String>,
    presences: [Presence; 3],
}

/// `GET /khen-thuong/phien/{id}`: for Internal Affairs the whole session; for a member the
/// ballot. Anyone else: 403.
pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let l = load(&mut c, id).await?;
    let runs = access::may_run_council(&ctx.user, &l.body.path);
    let seat = seat(&ctx, &l);
    if !runs && seat.is_none() {
        return Err(AppError::Forbidden);
    }
    let voted = match seat {
        Some((m, _)) => ballot_store::cast_by(&mut c, id, m)
            .await?
            .into_iter()
            .collect(),
        None => HashSet::new(),
    };
    let casts = l
        .tallies
        .iter()
        .map(|(n, t)| (*n, t.agree + t.disagree + t.abstain))
        .collect();
    let blocked = notice_store::notice(&mut c, l.round.id)
        .await?
        .and_then(|n| n.blocks_vote(st.clock.today()));
    let layout = Layout::new(
        &ctx,
        "awards",
        format!(
            "Phiên họp Hội đồng ngày {}",
            text::date_vn(l.session.held_on)
        ),
    )
    .crumb("Khen thưởng", "/khen-thuong")
    .crumb(
        l.round.name(),
        format!("/khen-thuong/dot/{}/hoi-dong", l.round.id),
    );
    render(&SessionPage {
        layout,
        l,
        runs,
        seat,
        voted,
        casts,
        blocked,
        presences: Presence::ALL,
    })
}

/// `POST /khen-thuong/phien/{id}/diem-danh`: `p_{member}` = present / absent / written, while
/// the session prepares.
pub async fn attendance(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Redirect, AppError> {
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let l = load(&mut tx, id).await?;
    runner(&ctx, &l)?;
    if l.state() != SessionState::Preparing {
        return Err(AppError::Conflict(
            "Đã mở bỏ phiếu: không sửa điểm danh được nữa.".into(),
        ));
    }
    let mut changed = Vec::new();
    for (m, _) in &l.members {
        let Some(v) = f.get(&format!("p_{}", m.id)) else {
            continue;
        };
        let p = Presence::from_code(v)
            .ok_or_else(|| AppError::BadRequest("Điểm danh không hợp lệ.".into()))?;
        if p == Presence::Written && !l.session.written_votes {
            return Err(AppError::BadRequest(format!(
                "Phiên này không nhận phiếu bằng văn bản của thành viên vắng mặt ({}).",
                m.full_name
            )));
        }
        store::set_presence(&mut tx, id, m.id, p.code()).await?;
        changed.push(json!({"member": m.id, "presence": p.code()}));
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.session_attendance",
        "council_session",
        &id.to_string(),
        &json!({"attendance": changed}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã ghi điểm danh.").await?;
    Ok(Redirect::to(&format!("/khen-thuong/phien/{id}")))
}

#[derive(Deserialize)]
pub struct RecuseForm {
    #[serde(default)]
    member_id: String,
    #[serde(default)]
    nomination_id: String,
    #[serde(default)]
    reason: String,
}

/// `POST /khen-thuong/phien/{id}/mien`: a member with a conflict of interest does not vote on
/// a nominee (still counted among all members). Refused once that member has voted on it.
pub async fn recuse(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<RecuseForm>,
) -> Result<Redirect, AppError> {
    let bad = |m: &str| AppError::BadRequest(m.into());
    let member: i64 = f.member_id.parse().map_err(|_| bad("Chọn thành viên."))?;
    let nomination: i64 = f
        .nomination_id
        .parse()
        .map_err(|_| bad("Chọn đối tượng."))?;
    let reason = text::clean_limited(&f.reason, 500).map_err(AppError::BadRequest)?;
    if reason.chars().count() < 3 {
        return Err(bad("Ghi lý do (quan hệ gia đình, cùng đơn vị …)."));
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let l = load(&mut tx, id).await?;
    runner(&ctx, &l)?;
    if l.state() == SessionState::Closed {
        return Err(AppError::Conflict("Phiên họp đã kết thúc.".into()));
    }
    if !l.members.iter().any(|(m, _)| m.id == member)
        || !l.nominees.iter().any(|n| n.id == nomination)
    {
        return Err(bad("Thành viên hoặc đối tượng không thuộc phiên họp này."));
    }
    if ballot_store::has_cast(&mut tx, id, nomination, member).await? {
        return Err(AppError::Conflict(
            "Thành viên này đã bỏ phiếu cho đối tượng; không ghi miễn biểu quyết sau khi đã bỏ phiếu.".into(),
        ));
    }
    store::recuse(&mut tx, id, nomination, member, &reason).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.session_recusal",
        "council_session",
        &id.to_string(),
        &json!({"member": member, "nomination": nomination, "reason": reason}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "{} không tham gia biểu quyết đối với {}.",
            l.member_name(member),
            l.nominee_name(nomination)
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/khen-thuong/phien/{id}")))
}

/// `POST /khen-thuong/phien/{id}/mo`: opens the ballot — refused while the notice runs, while
/// an objection is open (those nominees are off the ballot anyway), or without a quorum.
pub async fn open(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let l = load(&mut tx, id).await?;
    runner(&ctx, &l)?;
    if let Some(why) = notice_store::notice(&mut tx, l.round.id)
        .await?
        .and_then(|n| n.blocks_vote(st.clock.today()))
    {
        return Err(AppError::Conflict(why));
    }
    if !l.quorum_met() {
        return Err(AppError::Conflict(format!(
            "Chưa đủ điều kiện họp: có mặt {}/{} thành viên, cần {}.",
            l.present(),
            l.members.len(),
            l.quorum.text()
        )));
    }
    if l.nominees.is_empty() {
        return Err(AppError::Conflict(
            "Không có đối tượng nào để biểu quyết (chưa chuyển Phòng Nội vụ, hoặc đều có ý kiến phản ánh chưa giải quyết).".into(),
        ));
    }
    if store::move_session(&mut tx, id, "preparing", "voting", now).await? == 0 {
        return Err(AppError::Conflict("Phiên họp đã mở bỏ phiếu.".into()));
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.session_voting",
        "council_session",
        &id.to_string(),
        &json!({"present": l.present(), "members": l.members.len(), "nominees": l.nominees.len()}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã mở bỏ phiếu kín.").await?;
    Ok(Redirect::to(&format!("/khen-thuong/phien/{id}")))
}
