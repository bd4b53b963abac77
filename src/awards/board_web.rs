//! `GET /khen-thuong/dot/{id}`: the round's board (issue 12, items 2 and 7) — the deadline and
//! the days left, counts by state, unit, category and form, what waits for whom, the tracker
//! of which proposing units have sent, how many and who is late, and for a unit's officer the
//! unit's own list with the form that sends it.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use super::eligibility::Category;
use super::nominations_store::{self as store, Nomination};
use super::rounds_store::{self, Round, Submission, Tracked};
use super::workflow::State as NState;
use super::{access, list_store};
use crate::auth::Role;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::Path;
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

/// Who acts next on a nomination in `state`, as the board says it.
pub fn waiting_for(state: NState) -> &'static str {
    match state {
        NState::Draft => "Đơn vị hoàn thiện và gửi danh sách",
        NState::Submitted => "VP Điều phối NTM tiếp nhận hồ sơ",
        NState::Received => "VP Điều phối NTM chuyển các phòng thẩm định",
        NState::UnderAppraisal => "Các phòng thẩm định cho ý kiến, VP Điều phối NTM tổng hợp",
        NState::Appraised => "Thường trực Ban Chỉ đạo cho ý kiến",
        NState::SteeringReviewed => "VP Điều phối NTM chuyển Phòng Nội vụ",
        NState::Returned => "Đơn vị sửa, bổ sung và gửi lại",
        NState::WithInternalAffairs => {
            "Phòng Nội vụ tổng hợp, trình Hội đồng Thi đua – Khen thưởng"
        }
        NState::Withdrawn => "—",
    }
}

/// The scope of the board and the list for `ctx` in a round appraised by `offices`: every
/// nomination for an appraising office, the user's own subtree otherwise.
pub fn scope(ctx: &Ctx, offices: &[i64]) -> String {
    if access::office_of(&ctx.user, offices).is_some() {
        "/".into()
    } else {
        crate::criteria::assess_web::scope_path(ctx)
    }
}

/// A unit's own part of the board: its drafts, its other nominations and its submissions.
pub struct Mine {
    pub unit_id: i64,
    pub unit_name: String,
    pub drafts: Vec<Nomination>,
    pub sent: Vec<Nomination>,
    pub submissions: Vec<Submission>,
}

#[derive(Template)]
#[template(path = "awards/round.html")]
struct Page {
    layout: Layout,
    /// Holds a grant that runs a council: the link to notice, council and decisions.
    runs_council: bool,
    round: Round,
    days_left: String,
    late_now: bool,
    total: i64,
    late: i64,
    by_state: Vec<(NState, i64)>,
    by_unit: Vec<(i64, String, i64)>,
    by_category: Vec<(Category, i64)>,
    by_form: Vec<(String, String, i64)>,
    tracker: Vec<Tracked>,
    mine: Vec<Mine>,
    may_run: bool,
    proposing: Vec<rounds_store::RoundUnit>,
    offices: Vec<rounds_store::RoundUnit>,
}

/// `GET /khen-thuong/dot/{id}`.
pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let round = rounds_store::one(&mut c, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let offices = rounds_store::units(&mut c, id, "appraising").await?;
    let office_ids: Vec<i64> = offices.iter().map(|u| u.0).collect();
    let path = scope(&ctx, &office_ids);
    let counts = list_store::counts(&mut c, id, &path).await?;
    let mut by_state: BTreeMap<NState, i64> = BTreeMap::new();
    let mut by_unit: BTreeMap<(String, i64), i64> = BTreeMap::new();
    let mut by_category: BTreeMap<Category, i64> = BTreeMap::new();
    let mut by_form: BTreeMap<String, i64> = BTreeMap::new();
    let (mut total, mut late) = (0, 0);
    for (state, unit_id, unit, category, form, is_late, n) in counts {
        let Some(s) = NState::from_code(&state) else {
            continue;
        };
        *by_state.entry(s).or_default() += n;
        if s == NState::Withdrawn {
            continue;
        }
        total += n;
        if is_late {
            late += n;
        }
        *by_unit.entry((unit, unit_id)).or_default() += n;
        if let Some(cat) = Category::from_code(&category) {
            *by_category.entry(cat).or_default() += n;
        }
        *by_form.entry(form).or_default() += n;
    }
    let forms = super::store::forms(&mut c).await?;
    let by_form = by_form
        .into_iter()
        .map(|(code, n)| {
            let name = forms
                .iter()
                .find(|f| f.code == code)
                .map_or(code.clone(), |f| f.name.clone());
            (code, name, n)
        })
        .collect();
    let tracker = rounds_store::tracker(&mut c, id)
        .await?
        .into_iter()
        .filter(|t| {
            ctx.user.can_see(&t.unit_path) || access::office_of(&ctx.user, &office_ids).is_some()
        })
        .collect();
    let mut mine = Vec::new();
    for g in ctx
        .user
        .grants
        .iter()
        .filter(|g| g.role == Role::UnitOfficer)
    {
        let drafts = store::of_unit(&mut c, id, g.unit_id, &[NState::Draft.code()]).await?;
        let sent = store::of_unit(
            &mut c,
            id,
            g.unit_id,
            &NState::ALL
                .iter()
                .filter(|s| **s != NState::Draft)
                .map(|s| s.code())
                .collect::<Vec<_>>(),
        )
        .await?;
        mine.push(Mine {
            unit_id: g.unit_id,
            unit_name: g.unit_name.clone(),
            drafts,
            sent,
            submissions: rounds_store::submissions(&mut c, id, g.unit_id).await?,
        });
    }
    let today = st.clock.today();
    let due = crate::todo::Item {
        urgency: crate::todo::Urgency::Coming,
        kind: String::new(),
        title: String::new(),
        detail: String::new(),
        link: String::new(),
        due: Some(round.deadline),
    };
    render(&Page {
        runs_council: super::access::runs_a_council(&ctx.user),
        layout: Layout::new(&ctx, "awards", round.name())
            .crumb("Khen thưởng", "/khen-thuong")
            .crumb(round.name(), "")
            .printed_as(format!("{} – {}", round.name(), round.movement_title)),
        // A round whose deadline has passed is not "overdue by 727 days": it is closed to
        // on-time lists, and what follows is the offices' work.
        days_left: if today > round.deadline {
            "đã hết hạn; đề nghị gửi sau hạn được nhận và đánh dấu nộp muộn".into()
        } else {
            due.days_left(today)
        },
        late_now: super::guards::is_late(round.deadline, st.clock.now()),
        total,
        late,
        by_state: by_state.into_iter().collect(),
        by_unit: by_unit
            .into_iter()
            .map(|((name, id), n)| (id, name, n))
            .collect(),
        by_category: by_category.into_iter().collect(),
        by_form,
        tracker,
        mine,
        may_run: access::may_run_round(&ctx.user),
        proposing: rounds_store::units(&mut c, id, "proposing").await?,
        offices,
        round,
    })
}
