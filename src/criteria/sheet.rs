//! One assessment as its page, its review and its export see it: the set, each criterion with
//! its indicators in force for the year, their targets for the subject, the stored values and
//! verdicts, the criterion's result and review, and its evidence files.

use std::collections::HashMap;

use super::assess::{Outcome, Review, Status, Summary};
use super::assess_store::{self, AssessmentRow, CriterionState, ValueRow};
use super::store::{self, CriterionRow, IndicatorRow, SetRow};
use super::{Comparator, Measure, TargetBasis, Verdict};
use crate::db::DbConn;
use crate::files::store::Attachment;

/// One indicator line of the page.
#[derive(Debug, Clone)]
pub struct Line {
    pub ind: IndicatorRow,
    pub measure: Measure,
    pub comparator: Comparator,
    /// The target for this subject and year; `None` waits for the owning office.
    pub target: Option<i64>,
    pub stored: Option<ValueRow>,
    pub verdict: Verdict,
    /// What the form shows: the stored value, or what was typed when a save was refused.
    pub typed: String,
    pub judged: String,
    pub note: String,
    pub error: String,
}

impl Line {
    pub fn target_text(&self) -> String {
        super::target_text(
            self.comparator,
            self.target,
            self.measure,
            &self.ind.unit_label,
        )
    }

    pub fn is_yes_no(&self) -> bool {
        self.measure == Measure::YesNo
    }

    pub fn waits(&self) -> bool {
        self.target.is_none()
    }
}

/// One criterion of the page.
#[derive(Debug, Clone)]
pub struct Block {
    pub c: CriterionRow,
    pub lines: Vec<Line>,
    pub outcome: Outcome,
    pub review: Review,
    pub state: Option<CriterionState>,
    pub files: Vec<Attachment>,
}

impl Block {
    pub fn label(&self) -> String {
        format!("{}. {}", self.c.number, self.c.name)
    }
}

pub struct Loaded {
    pub a: AssessmentRow,
    pub set: SetRow,
    pub blocks: Vec<Block>,
}

impl Loaded {
    pub fn status(&self) -> Status {
        self.a.status()
    }

    pub fn summary(&self) -> Summary {
        let labels: Vec<(String, Outcome)> =
            self.blocks.iter().map(|b| (b.label(), b.outcome)).collect();
        Summary::of(labels.iter().map(|(l, o)| (l.as_str(), *o)))
    }

    /// The owning office of every criterion, for reading rights.
    pub fn owners(&self) -> Vec<Option<i64>> {
        self.blocks.iter().map(|b| b.c.owner_unit_id).collect()
    }

    pub fn block(&self, criterion_id: i64) -> Option<&Block> {
        self.blocks.iter().find(|b| b.c.id == criterion_id)
    }
}

/// The target basis key of a subject for a set: its region, its commune group, or "".
fn basis_key(set: &SetRow, region: &str, group: &str) -> String {
    match TargetBasis::from_code(&set.target_basis) {
        Some(TargetBasis::Region) => region.to_string(),
        Some(TargetBasis::CommuneGroup) => group.to_string(),
        _ => String::new(),
    }
}

/// Everything the page of assessment `id` shows. None when there is no such assessment.
pub async fn load(c: &mut impl DbConn, id: i64) -> Result<Option<Loaded>, sqlx::Error> {
    let Some(a) = assess_store::find(c, id).await? else {
        return Ok(None);
    };
    let Some(set) = store::set(c, a.set_id).await? else {
        return Ok(None);
    };
    let subject_unit = if a.subject_type == "unit" {
        a.subject_id
    } else {
        a.unit_id
    };
    let (region, group) = store::basis_keys(c, subject_unit).await?;
    let basis = basis_key(&set, &region, &group);
    let criteria = store::criteria_of(c, set.id).await?;
    let indicators = store::indicators_of(c, set.id).await?;
    let mut targets: HashMap<i64, Vec<super::Target>> = HashMap::new();
    for (ind, t) in store::targets_of(c, set.id).await? {
        targets.entry(ind).or_default().push(t);
    }
    let values: HashMap<i64, ValueRow> = assess_store::values_of(c, id)
        .await?
        .into_iter()
        .map(|v| (v.indicator_id, v))
        .collect();
    let states: HashMap<i64, CriterionState> = assess_store::criteria_states(c, id)
        .await?
        .into_iter()
        .map(|s| (s.criterion_id, s))
        .collect();
    let mut files: HashMap<i64, Vec<Attachment>> = HashMap::new();
    for f in crate::files::store::of(c, "assessment", id).await? {
        files.entry(f.slot).or_default().push(f);
    }
    let editable = a.status().is_editable();
    let blocks = criteria
        .into_iter()
        .map(|cr| {
            let lines: Vec<Line> = indicators
                .iter()
                .filter(|i| i.criterion_id == cr.id)
                // A locked assessment keeps the indicators it was judged on, even after an
                // amendment; an open one follows the version in force for its year.
                .filter(|i| {
                    if editable {
                        super::in_force(i.valid_from, i.valid_to, a.year)
                    } else {
                        values.contains_key(&i.id)
                            || super::in_force(i.valid_from, i.valid_to, a.year)
                    }
                })
                .map(|i| line(i, &targets, &basis, a.year, values.get(&i.id), editable))
                .collect();
            let verdicts: Vec<Verdict> = lines.iter().map(|l| l.verdict).collect();
            let state = states.get(&cr.id).cloned();
            let outcome = match (&state, editable) {
                (Some(s), false) => Outcome::from_code(&s.result),
                _ => super::assess::outcome(&verdicts),
            };
            Block {
                review: state
                    .as_ref()
                    .map_or(Review::Pending, |s| Review::from_code(&s.review)),
                files: files.remove(&cr.id).unwrap_or_default(),
                c: cr,
                lines,
                outcome,
                state,
            }
        })
        .collect();
    Ok(Some(Loaded { a, set, blocks }))
}

fn line(
    i: &IndicatorRow,
    targets: &HashMap<i64, Vec<super::Target>>,
    basis: &str,
    year: i64,
    stored: Option<&ValueRow>,
    editable: bool,
) -> Line {
    let measure = Measure::from_code(&i.measure).unwrap_or(Measure::Number);
    let comparator = Comparator::from_code(&i.comparator).unwrap_or(Comparator::AtLeast);
    let current = targets
        .get(&i.id)
        .and_then(|t| super::target_for(t, basis, year))
        .flatten();
    // What was judged stays as judged once the assessment left the subject's hands.
    let target = match stored {
        Some(v) if !editable => v.target,
        _ => current,
    };
    let judged = stored.and_then(|v| v.judged.clone()).unwrap_or_default();
    let verdict = match stored {
        Some(v) if !editable => verdict_of(&v.verdict),
        _ => super::judge(
            comparator,
            target,
            stored.and_then(|v| v.value),
            judged_verdict(&judged),
        ),
    };
    Line {
        typed: stored
            .and_then(|v| v.value)
            .map(|v| super::show_value(v, measure))
            .unwrap_or_default(),
        note: stored.map(|v| v.note.clone()).unwrap_or_default(),
        judged,
        stored: stored.cloned(),
        ind: i.clone(),
        measure,
        comparator,
        target,
        verdict,
        error: String::new(),
    }
}

/// The verdict a stored code names.
pub fn verdict_of(code: &str) -> Verdict {
    match code {
        "met" => Verdict::Met,
        "not_met" => Verdict::NotMet,
        "na" => Verdict::NotApplicable,
        "waiting_target" => Verdict::WaitingTarget,
        _ => Verdict::NotJudged,
    }
}

/// A person's choice for an indicator the rule cannot judge ("met", "not_met", "na").
pub fn judged_verdict(code: &str) -> Option<Verdict> {
    match code {
        "met" => Some(Verdict::Met),
        "not_met" => Some(Verdict::NotMet),
        "na" => Some(Verdict::NotApplicable),
        _ => None,
    }
}
