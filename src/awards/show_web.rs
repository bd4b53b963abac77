//! `GET /khen-thuong/de-nghi/{id}`: one nomination with everything that decides it — the
//! eligibility checks with their records and overrides, earlier awards for the same
//! achievement, open flags, the dossier, each office's opinion, the consolidated proposal,
//! the steering opinion, the expected money, the history of steps — and the steps the reader
//! may take now.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use super::eligibility::Category;
use super::nominations_store::{self as store, Nomination, Opinion, Step};
use super::review::{self, Review};
use super::rounds_store::{self, Round};
use super::workflow::{Action, State as NState};
use super::{access, facts_store};
use crate::files::store::Attachment;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::Path;
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

/// The kinds of dossier documents (slots of the nomination's attachments), Law 2022 Art. 84.
pub const DOSSIER: [(i64, &str); 3] = [
    (1, "Tờ trình đề nghị khen thưởng"),
    (2, "Báo cáo thành tích"),
    (3, "Biên bản họp xét của đơn vị"),
];

pub fn dossier_label(slot: &i64) -> &'static str {
    DOSSIER
        .iter()
        .find(|(s, _)| s == slot)
        .map_or("Tài liệu khác", |(_, l)| l)
}

/// The state's words.
pub fn state_label(code: &str) -> &'static str {
    NState::from_code(code).map_or("", NState::label)
}

pub fn category_label(code: &str) -> &'static str {
    Category::from_code(code).map_or("", Category::label)
}

pub fn opinion_label(code: &str) -> &'static str {
    match code {
        "agree" => "Đồng ý",
        "disagree" => "Không đồng ý",
        "conditional" => "Đồng ý có điều kiện",
        _ => "",
    }
}

pub fn role_label(code: &str) -> &'static str {
    crate::auth::Role::from_code(code).map_or("", crate::auth::Role::label)
}

pub fn action_label(code: &str) -> &'static str {
    match code {
        "opinion" => "Ý kiến thẩm định",
        c => Action::from_code(c).map_or("", Action::label),
    }
}

/// Loads a nomination the user may read, with its round's appraising offices. Other units'
/// nominations answer 404.
pub async fn readable(
    c: &mut impl crate::db::DbConn,
    ctx: &Ctx,
    id: i64,
) -> Result<(Nomination, Vec<i64>), AppError> {
    let n = store::one(c, id).await?.ok_or(AppError::NotFound)?;
    let offices: Vec<i64> = rounds_store::units(c, n.round_id, "appraising")
        .await?
        .into_iter()
        .map(|u| u.0)
        .collect();
    if !access::may_read(&ctx.user, &n.unit_path, &offices) {
        return Err(AppError::NotFound);
    }
    Ok((n, offices))
}

#[derive(Template)]
#[template(path = "awards/nomination.html")]
struct Page {
    layout: Layout,
    n: Nomination,
    round: Round,
    review: Review,
    opinions: Vec<Opinion>,
    offices: Vec<rounds_store::RoundUnit>,
    steps: Vec<Step>,
    files: Vec<Attachment>,
    actions: Vec<Action>,
    my_office: Option<i64>,
    may_override: bool,
    may_edit: bool,
    money: Result<super::Money, String>,
    forms: Vec<super::Form>,
    bases: Vec<facts_store::Basis>,
    profile: String,
}

/// `GET /khen-thuong/de-nghi/{id}`.
pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let (n, office_ids) = readable(&mut c, &ctx, id).await?;
    let round = rounds_store::one(&mut c, n.round_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let path = store::unit_path(&mut c, n.subject_unit_id).await?;
    let s = review::Subject {
        subject_type: &n.subject_type,
        subject_id: n.subject_id,
        name: &n.subject_name,
        path: &path,
        category: Category::from_code(&n.category).unwrap_or(Category::H),
        year: n.achievement_year,
        basis: n.basis_type.clone().zip(n.basis_id),
        nomination_id: n.id,
    };
    let review = review::judge(&mut c, &s, st.clock.today()).await?;
    let state = NState::from_code(&n.state).unwrap_or(NState::Draft);
    let actions: Vec<Action> = super::workflow::open_steps(state)
        .into_iter()
        .filter(|a| access::owner_role(&ctx.user, a.owner(), &n.unit_path).is_some())
        // A unit sends its drafts as one list from the round's page; a returned one is sent
        // again from here.
        .filter(|a| !(*a == Action::Submit && state == NState::Draft))
        .collect();
    let my_office = (state == NState::UnderAppraisal)
        .then(|| access::office_of(&ctx.user, &office_ids))
        .flatten();
    let kind = super::subject::kind_of(&n.subject_type);
    let money = super::subject::expected_money(&mut c, &n.form_code, kind, round.deadline).await?;
    let may_edit = state.editable() && access::proposes(&ctx.user, &n.unit_path);
    let (mut forms, bases) = if may_edit {
        let forms = super::store::forms(&mut c).await?;
        let bases = match n.subject_id {
            Some(sid) => facts_store::bases(&mut c, &n.subject_type, sid).await?,
            None => Vec::new(),
        };
        (forms, bases)
    } else {
        (Vec::new(), Vec::new())
    };
    forms.retain(|f| f.applies(kind, round.deadline));
    let may_override = !matches!(
        state,
        NState::Draft | NState::Withdrawn | NState::WithInternalAffairs
    ) && access::may_override(&ctx.user, &n.unit_path, &office_ids);
    render(&Page {
        layout: Layout::new(
            &ctx,
            "awards",
            format!("Đề nghị khen thưởng – {}", n.subject_name),
        )
        .crumb("Khen thưởng", "/khen-thuong")
        .crumb(round.name(), format!("/khen-thuong/dot/{}", round.id))
        .crumb(n.subject_name.clone(), ""),
        opinions: store::opinions(&mut c, id).await?,
        offices: rounds_store::units(&mut c, n.round_id, "appraising").await?,
        steps: store::steps(&mut c, id).await?,
        files: crate::files::store::of(&mut c, super::dossier_web::OWNER, id).await?,
        profile: facts_store::profile_link(&n.subject_type, n.subject_id),
        actions,
        my_office,
        may_override,
        may_edit,
        money,
        forms,
        bases,
        review,
        round,
        n,
    })
}
