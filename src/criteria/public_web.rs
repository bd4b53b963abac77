//! The public, login-free pages (the start of the public portal): `/cong-khai` lists the wards
//! and communes, `/cong-khai/don-vi/{id}` shows one's standards — recognitions by decision and,
//! for its latest sent assessment of each set, which criteria are met and how many evidence
//! files support each. No person's name, no file name or content, no draft.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use super::assess::{Outcome, Review};
use super::recognition_store::{self, RecognitionRow};
use super::views_store::{self, PublicCriterion};
use crate::state::AppState;
use crate::units;
use crate::web::error::AppError;
use crate::web::extract::Path;
use crate::web::view::render;

/// The unit kinds with a public page.
const PUBLIC_KINDS: [&str; 2] = ["ward", "commune"];

#[derive(Template)]
#[template(path = "criteria/public_home.html")]
struct HomePage {
    units: Vec<(i64, String, String)>,
}

/// `GET /cong-khai`.
pub async fn home(State(st): State<AppState>) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let units = super::store::subjects_in(&mut c, "/", &PUBLIC_KINDS, 5_000).await?;
    render(&HomePage { units })
}

/// One set's block on the public page.
pub struct PublicSet {
    pub set_name: String,
    pub year: i64,
    pub criteria: Vec<PublicCriterion>,
}

impl PublicSet {
    pub fn met(&self) -> usize {
        self.criteria.iter().filter(|c| shown_met(c)).count()
    }
}

/// Counted as met in public only once the owning office verified it.
pub fn shown_met(c: &PublicCriterion) -> bool {
    Outcome::from_code(&c.result) == Outcome::Met
        && Review::from_code(&c.review) == Review::Verified
}

/// The words of a criterion on the public page.
pub fn shown(c: &PublicCriterion) -> &'static str {
    match (Review::from_code(&c.review), Outcome::from_code(&c.result)) {
        (Review::Verified, Outcome::Met) => "Đạt",
        (Review::Verified, Outcome::NotMet) => "Chưa đạt",
        _ => "Đang xác minh",
    }
}

#[derive(Template)]
#[template(path = "criteria/public_unit.html")]
struct UnitPage {
    name: String,
    kind: String,
    recognitions: Vec<RecognitionRow>,
    sets: Vec<PublicSet>,
    predecessors: Vec<(i64, String)>,
}

/// `GET /cong-khai/don-vi/{id}`: 404 for anything but a ward or commune.
pub async fn unit(
    State(st): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let unit = units::store::by_id(&mut c, id)
        .await?
        .filter(|u| PUBLIC_KINDS.contains(&u.kind.as_str()))
        .ok_or(AppError::NotFound)?;
    let recognitions = recognition_store::of_subject(&mut c, "unit", id).await?;
    let mut sets: Vec<PublicSet> = Vec::new();
    for row in views_store::public_criteria(&mut c, id).await? {
        match sets.last_mut() {
            Some(s) if s.set_name == row.set_name => s.criteria.push(row),
            _ => sets.push(PublicSet {
                set_name: row.set_name.clone(),
                year: row.year,
                criteria: vec![row],
            }),
        }
    }
    let predecessors = units::store::predecessors(&mut c, id)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    render(&UnitPage {
        kind: units::UnitKind::from_code(&unit.kind)
            .map_or("", |k| k.label())
            .to_string(),
        name: unit.name,
        recognitions,
        sets,
        predecessors,
    })
}
