//! Public notice of a round (issue 13, item 1): the round's notice setting and posting (its
//! working days counted on the calendar kept by `calendar_web`), the login-free page
//! `/cong-khai/khen-thuong/{id}` with its comment form (no login, contact optional, at most
//! `COMMENTS_PER_HOUR` from one address), and the resolution of each objection — upheld (the
//! nominee is not put to the vote) or dismissed with a reason.

use std::net::SocketAddr;

use askama::Template;
use axum::Extension;
use axum::extract::{ConnectInfo, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Duration, NaiveDate};
use serde::Deserialize;
use serde_json::json;

use super::council_web::round_runner;
use super::notice_store::{self as store, Listed, Notice, Objection};
use super::rounds_store::{self, Round};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::{Ctx, Session};
use crate::web::view::render;

/// Comments one address may send in an hour, over all rounds.
pub const COMMENTS_PER_HOUR: i64 = 5;

#[derive(Deserialize)]
pub struct NoticeForm {
    #[serde(default)]
    enabled: String,
    #[serde(default)]
    working_days: String,
    #[serde(default)]
    post: String,
}

/// `POST /khen-thuong/dot/{id}/niem-yet`: on/off and length in working days; `post=co` posts
/// the notice today — the day of posting not counted (Civil Code Art. 147–148), the end
/// counted on the calendar as it stands.
pub async fn set_notice(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<NoticeForm>,
) -> Result<Redirect, AppError> {
    let enabled = f.enabled == "co";
    let days: i64 = match f.working_days.trim() {
        "" if !enabled => 0,
        d => d
            .parse()
            .ok()
            .filter(|d| (1..=60).contains(d))
            .ok_or_else(|| {
                AppError::BadRequest("Số ngày làm việc niêm yết ghi từ 1 đến 60.".into())
            })?,
    };
    let today = st.clock.today();
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let round = rounds_store::one(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    round_runner(&mut tx, &ctx.user, &round, today).await?;
    let old = store::notice(&mut tx, id).await?;
    let (mut posted_on, mut ends_on) = old
        .as_ref()
        .map_or((None, None), |n| (n.posted_on, n.ends_on));
    if f.post == "co" {
        if !enabled {
            return Err(AppError::BadRequest(
                "Bật niêm yết công khai trước khi đăng.".into(),
            ));
        }
        let cal = store::calendar(&mut tx).await?;
        posted_on = Some(today);
        ends_on = cal.notice_end(today, u32::try_from(days).unwrap_or(0));
    } else if old.as_ref().is_some_and(|n| n.posted_on.is_some()) && enabled {
        let cal = store::calendar(&mut tx).await?;
        ends_on = posted_on.and_then(|p| cal.notice_end(p, u32::try_from(days).unwrap_or(0)));
    }
    if !enabled {
        (posted_on, ends_on) = (None, None);
    }
    let n = Notice {
        round_id: id,
        enabled,
        working_days: days,
        posted_on,
        ends_on,
    };
    store::set_notice(&mut tx, &n, ctx.user.id, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.notice_set",
        "award_round",
        &id.to_string(),
        &json!({"enabled": enabled, "working_days": days, "posted_on": posted_on, "ends_on": ends_on}),
    )
    .await?;
    tx.commit().await?;
    let msg = match (enabled, ends_on) {
        (true, Some(end)) => format!(
            "Đã niêm yết công khai {days} ngày làm việc, đến hết ngày {}.",
            text::date_vn(end)
        ),
        (true, None) => format!("Đã bật niêm yết {days} ngày làm việc; chưa đăng."),
        _ => "Đợt này không niêm yết công khai.".into(),
    };
    ctx.flash(&st, &msg).await?;
    Ok(Redirect::to(&format!("/khen-thuong/dot/{id}/hoi-dong")))
}

#[derive(Template)]
#[template(path = "awards/public_notice.html")]
struct PublicPage {
    round: Round,
    notice: Notice,
    listed: Vec<Listed>,
    open: bool,
    csrf: String,
    message: String,
}

#[derive(Deserialize, Default)]
pub struct SentQuery {
    #[serde(default)]
    da_gui: Option<String>,
}

/// `GET /cong-khai/khen-thuong/{id}`: the nominees of a posted notice, and while it runs the
/// comment form. Nothing else personal: no address, no contact, no file. A round without a
/// posted notice is not found.
pub async fn public_page(
    State(st): State<AppState>,
    Path(id): Path<i64>,
    session: Option<Extension<Session>>,
    Query(q): Query<SentQuery>,
) -> Result<Response, AppError> {
    let mut c = st.db.conn().await?;
    let round = rounds_store::one(&mut c, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let notice = store::notice(&mut c, id)
        .await?
        .filter(|n| n.enabled && n.posted_on.is_some())
        .ok_or(AppError::NotFound)?;
    let listed = store::listed(&mut c, id).await?;
    drop(c);
    let open = notice.open_on(st.clock.today());
    let message = if q.da_gui.is_some() {
        "Đã nhận ý kiến của bạn. Phòng Nội vụ sẽ xem xét và giải quyết trước khi Hội đồng họp xét."
            .to_string()
    } else {
        String::new()
    };
    let (csrf, cookie) = match session {
        Some(Extension(s)) => (s.csrf, None),
        None => {
            let (csrf, cookie) = crate::auth::web::new_session(&st, None).await?;
            (csrf, Some(cookie))
        }
    };
    let html = render(&PublicPage {
        round,
        notice,
        listed,
        open,
        csrf,
        message,
    })?;
    Ok(match cookie {
        Some(c) => ([(header::SET_COOKIE, c)], html).into_response(),
        None => html.into_response(),
    })
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    nomination_id: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    contact: String,
}

/// The key comments are counted by: the SHA-256 of the sender's address, so the address itself
/// is never stored.
fn sender_key(addr: Option<SocketAddr>) -> String {
    crate::files::digest(
        addr.map_or_else(|| "unknown".to_string(), |a| a.ip().to_string())
            .as_bytes(),
    )
}

/// `POST /cong-khai/khen-thuong/{id}/y-kien`: an objection about one nominee while the notice
/// runs. Refused with the reason (and nothing written) outside the period, for a nominee not on
/// the list, for an empty text, or past `COMMENTS_PER_HOUR`.
pub async fn comment(
    State(st): State<AppState>,
    Path(id): Path<i64>,
    addr: Option<Extension<ConnectInfo<SocketAddr>>>,
    Form(f): Form<CommentForm>,
) -> Result<Redirect, AppError> {
    let bad = |m: &str| AppError::BadRequest(m.into());
    let nomination_id: i64 = f
        .nomination_id
        .parse()
        .map_err(|_| bad("Chọn người hoặc tập thể bạn muốn phản ánh."))?;
    let body = text::clean_limited(&f.body, 2000).map_err(AppError::BadRequest)?;
    if body.chars().count() < 10 {
        return Err(bad("Ghi nội dung phản ánh (ít nhất một câu)."));
    }
    let contact = text::clean_limited(&f.contact, 200).map_err(AppError::BadRequest)?;
    let key = sender_key(addr.map(|Extension(ConnectInfo(a))| a));
    let now = st.clock.now();
    let today = st.clock.today();
    let mut tx = st.db.begin().await?;
    let notice = store::notice(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !notice.open_on(today) {
        return Err(bad(
            "Thời gian niêm yết đã hết hoặc chưa bắt đầu; không nhận thêm ý kiến.",
        ));
    }
    if !store::listed(&mut tx, id)
        .await?
        .iter()
        .any(|l| l.id == nomination_id)
    {
        return Err(bad("Đối tượng này không có trong danh sách niêm yết."));
    }
    if store::sent_since(&mut tx, &key, now - Duration::hours(1)).await? >= COMMENTS_PER_HOUR {
        return Err(AppError::TooManyRequests(format!(
            "Bạn đã gửi {COMMENTS_PER_HOUR} ý kiến trong một giờ qua; hãy gửi tiếp sau ít phút, hoặc gửi văn bản tới Phòng Nội vụ."
        )));
    }
    let oid =
        store::insert_objection(&mut tx, id, nomination_id, &body, &contact, &key, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &audit::Actor::system(),
        "award.objection_received",
        "notice_objection",
        &oid.to_string(),
        &json!({"round": id, "nomination": nomination_id}),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!(
        "/cong-khai/khen-thuong/{id}?da_gui=1"
    )))
}

#[derive(Deserialize)]
pub struct ResolveForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

/// `POST /khen-thuong/y-kien/{id}`: `decision` "upheld" (the nominee is not approved and leaves
/// the ballot) or "dismissed", with the reason either way.
pub async fn resolve(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ResolveForm>,
) -> Result<Redirect, AppError> {
    let state = match f.decision.as_str() {
        "upheld" | "dismissed" => f.decision.as_str(),
        _ => {
            return Err(AppError::BadRequest(
                "Chọn chấp nhận hoặc không chấp nhận ý kiến.".into(),
            ));
        }
    };
    let reason = text::clean_limited(&f.reason, 2000).map_err(AppError::BadRequest)?;
    if reason.chars().count() < 5 {
        return Err(AppError::BadRequest(
            "Ghi lý do giải quyết (kết quả xác minh).".into(),
        ));
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let o: Objection = store::objection(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let round = rounds_store::one(&mut tx, o.round_id)
        .await?
        .ok_or(AppError::NotFound)?;
    round_runner(&mut tx, &ctx.user, &round, st.clock.today()).await?;
    if store::resolve(&mut tx, id, state, &reason, ctx.user.id, now).await? == 0 {
        return Err(AppError::Conflict("Ý kiến này đã được giải quyết.".into()));
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.objection_resolved",
        "notice_objection",
        &id.to_string(),
        &json!({"state": state, "reason": reason, "nomination": o.nomination_id}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã giải quyết ý kiến về {}: {}.",
            o.subject_name,
            if state == "upheld" {
                "chấp nhận — không đưa ra Hội đồng biểu quyết"
            } else {
                "không chấp nhận"
            }
        ),
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/khen-thuong/dot/{}/hoi-dong",
        o.round_id
    )))
}

/// The date a notice posted on `posted` for `days` ends, for the page's preview.
pub fn end_text(end: Option<NaiveDate>) -> String {
    end.map_or_else(|| "—".into(), text::date_vn)
}
