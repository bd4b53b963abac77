//! `/khen-thuong`: the yearly rounds of a movement. Internal Affairs or the NTM office opens a
//! round (deadline 10/12 of the year unless they write another), names its proposing units
//! and appraising offices, and may move the deadline with a reason (audited). The round's page
//! is its board (`board_web`).

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use chrono::NaiveDate;
use serde_json::json;

use super::access;
use super::rounds_store::{self as store, NewRound, Round};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::units::Unit;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, field};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

/// The plan's deadline: nominations reach the Chairman before 10 December (plan V.3).
pub fn default_deadline(year: i64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, 12, 10)
}

#[derive(Template)]
#[template(path = "awards/rounds.html")]
struct ListPage {
    layout: Layout,
    rounds: Vec<Round>,
    may_open: bool,
    movements: Vec<crate::movements::Movement>,
    bodies: Vec<Unit>,
    default_year: i64,
}

/// `GET /khen-thuong`.
pub async fn list(State(st): State<AppState>, ctx: Ctx) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let rounds = store::all(&mut c).await?;
    let movements = crate::movements::store::all(&mut c).await?;
    let bodies = match movements.first() {
        Some(m) => crate::units::store::children(&mut c, m.issuing_unit_id).await?,
        None => Vec::new(),
    };
    let today = st.clock.today();
    render(&ListPage {
        layout: Layout::new(&ctx, "awards", "Đợt khen thưởng").crumb("Khen thưởng", ""),
        rounds,
        may_open: access::may_run_round(&ctx.user),
        movements,
        bodies,
        default_year: i64::from(chrono::Datelike::year(&today)),
    })
}

/// The ticked unit ids of a form: fields `{prefix}{id}`.
fn ticked(fields: &HashMap<String, String>, prefix: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = fields
        .keys()
        .filter_map(|k| k.strip_prefix(prefix)?.parse().ok())
        .collect();
    ids.sort_unstable();
    ids
}

/// `POST /khen-thuong/dot`: movement, year, deadline, receiving office, `de_nghi_{id}` and
/// `tham_dinh_{id}` ticks.
pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Redirect, AppError> {
    let bad = |m: &str| AppError::BadRequest(m.into());
    if !access::may_run_round(&ctx.user) {
        return Err(AppError::Forbidden);
    }
    let movement_id: i64 = field(&f, "movement_id")
        .parse()
        .map_err(|_| bad("Chọn phong trào."))?;
    let year =
        text::parse_year(field(&f, "year")).ok_or_else(|| bad("Năm của đợt không hợp lệ."))?;
    let deadline = match field(&f, "deadline").trim() {
        "" => default_deadline(year).ok_or_else(|| bad("Năm của đợt không hợp lệ."))?,
        d => text::parse_date(d).ok_or_else(|| bad("Hạn nộp ghi theo dạng ngày/tháng/năm."))?,
    };
    let receiving: i64 = field(&f, "receiving_unit_id")
        .parse()
        .map_err(|_| bad("Chọn cơ quan tiếp nhận hồ sơ."))?;
    let proposing = ticked(&f, "de_nghi_");
    let appraising = ticked(&f, "tham_dinh_");
    if proposing.is_empty() {
        return Err(bad("Chọn ít nhất một đơn vị đề nghị."));
    }
    if appraising.is_empty() {
        return Err(bad("Chọn ít nhất một phòng thẩm định."));
    }
    let note = text::clean_limited(field(&f, "note"), 1000).map_err(AppError::BadRequest)?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let movement = crate::movements::store::by_id(&mut tx, movement_id)
        .await?
        .ok_or_else(|| bad("Không có phong trào này."))?;
    if !(movement.period_from..=movement.period_to + 1).contains(&year) {
        return Err(AppError::BadRequest(format!(
            "Phong trào «{}» diễn ra {} – {}: năm {year} nằm ngoài thời gian đó.",
            movement.title, movement.period_from, movement.period_to
        )));
    }
    for id in proposing.iter().chain(&appraising).chain([&receiving]) {
        match crate::units::store::by_id(&mut tx, *id).await? {
            Some(u) if ctx.user.can_see(&u.path) => {}
            _ => {
                return Err(bad(
                    "Có đơn vị đã chọn không tồn tại hoặc ngoài phạm vi của bạn.",
                ));
            }
        }
    }
    if store::of_year(&mut tx, movement_id, year).await?.is_some() {
        return Err(AppError::Conflict(format!(
            "Phong trào này đã có đợt khen thưởng năm {year}."
        )));
    }
    let r = NewRound {
        movement_id,
        year,
        deadline,
        receiving_unit_id: receiving,
        note: &note,
        proposing: &proposing,
        appraising: &appraising,
        is_demo: false,
    };
    let id = store::insert(&mut tx, &r, Some(ctx.user.id), now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.round_open",
        "award_round",
        &id.to_string(),
        &json!({"movement": movement_id, "year": year, "deadline": deadline, "proposing": proposing, "appraising": appraising}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã mở đợt khen thưởng năm {year}, hạn nộp {}.",
            text::date_vn(deadline)
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/khen-thuong/dot/{id}")))
}

#[derive(serde::Deserialize)]
pub struct DeadlineForm {
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    reason: String,
}

/// `POST /khen-thuong/dot/{id}/han`: a new deadline with its reason. Nominations already sent
/// keep the lateness they were judged with.
pub async fn set_deadline(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<DeadlineForm>,
) -> Result<Redirect, AppError> {
    if !access::may_run_round(&ctx.user) {
        return Err(AppError::Forbidden);
    }
    let deadline = text::parse_date(&f.deadline)
        .ok_or_else(|| AppError::BadRequest("Hạn nộp ghi theo dạng ngày/tháng/năm.".into()))?;
    let reason = text::clean_limited(&f.reason, 1000).map_err(AppError::BadRequest)?;
    if reason.is_empty() {
        return Err(AppError::BadRequest(
            "Ghi lý do đổi hạn nộp (văn bản, cuộc họp quyết định).".into(),
        ));
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let round = store::one(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let old = store::set_deadline(&mut tx, id, deadline, &round.note).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.round_deadline",
        "award_round",
        &id.to_string(),
        &json!({"from": old, "to": deadline, "reason": reason}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!("Đã đổi hạn nộp thành {}.", text::date_vn(deadline)),
    )
    .await?;
    Ok(Redirect::to(&format!("/khen-thuong/dot/{id}")))
}
