//! Everything the records say about one nomination, read in one place so the form, the page,
//! the submission and the export judge alike: eligibility with the appraisers' overrides,
//! earlier nominations and awards for the same achievement, and open flags.

use chrono::NaiveDate;

use super::eligibility::{self, Category, Check, Outcome, Override};
use super::guards::{self, Achievement, Earlier};
use super::{facts_store, flags_store};
use crate::db::DbConn;

/// What is judged: the nominee and the achievement.
#[derive(Debug, Clone)]
pub struct Subject<'a> {
    pub subject_type: &'a str,
    pub subject_id: Option<i64>,
    pub name: &'a str,
    pub path: &'a str,
    pub category: Category,
    pub year: i64,
    pub basis: Option<(String, i64)>,
    /// The nomination itself, left out of the earlier ones (0 for a new one).
    pub nomination_id: i64,
}

/// The judgement of a nomination.
#[derive(Debug, Clone)]
pub struct Review {
    pub checks: Vec<(Check, Option<Override>)>,
    pub duplicates: Vec<Earlier>,
    /// Why an open flag forbids the award, if one does.
    pub flag: Option<String>,
}

impl Review {
    /// The sentence that stops the nomination: a duplicate or an open flag.
    pub fn blocked(&self) -> Option<String> {
        let refs: Vec<&Earlier> = self.duplicates.iter().collect();
        match (guards::duplicate_text(&refs), &self.flag) {
            (Some(d), Some(f)) => Some(format!("{d} {f}")),
            (Some(d), None) => Some(d),
            (None, Some(f)) => Some(f.clone()),
            (None, None) => None,
        }
    }

    /// The outcome of each check as it stands (the override's, if any).
    pub fn outcomes(&self) -> Vec<Outcome> {
        self.checks
            .iter()
            .map(|(c, o)| o.as_ref().map_or(c.outcome, |o| o.outcome))
            .collect()
    }
}

/// Reads the records and judges `s` on `today` (flags are judged on the day of the step).
pub async fn judge(
    c: &mut impl DbConn,
    s: &Subject<'_>,
    today: NaiveDate,
) -> Result<Review, sqlx::Error> {
    let facts = facts_store::facts(c, s.subject_type, s.subject_id, s.path, s.year).await?;
    let overrides = if s.nomination_id > 0 {
        super::nominations_store::overrides(c, s.nomination_id)
            .await?
            .into_iter()
            .filter_map(|(code, outcome, reason, by)| {
                Some(Override {
                    code,
                    outcome: Outcome::from_code(&outcome)?,
                    reason,
                    by,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let checks = eligibility::with_overrides(eligibility::judge(s.category, &facts), &overrides);
    let fold = crate::text::fold(s.name);
    let earlier =
        facts_store::earlier(c, s.subject_type, s.subject_id, &fold, s.nomination_id).await?;
    let me = Achievement {
        subject_type: s.subject_type.into(),
        subject_id: s.subject_id,
        outside_key: fold,
        category: Some(s.category.code().into()),
        year: s.year,
        basis: s.basis.clone(),
    };
    let duplicates = guards::same_achievement(&me, &earlier)
        .into_iter()
        .cloned()
        .collect();
    let flag = match s.subject_id {
        Some(id) => {
            let flags: Vec<guards::Flag> = flags_store::flags(c, s.subject_type, id)
                .await?
                .into_iter()
                .map(|(_, f)| f)
                .collect();
            guards::flag_text(&flags, today)
        }
        None => None,
    };
    Ok(Review {
        checks,
        duplicates,
        flag,
    })
}
