//! Award rules as dated data (issue 12, item 1): the forms and titles a round may propose, the
//! coefficient of each by form, granting level, subject kind and legal period, the base-salary
//! table, and the money they give on a decision date. A coefficient the reference facts leave
//! open is stored empty and shows "chờ xác nhận": it blocks the money until an administrator
//! enters it with its legal basis — never a fallback to another period's value.
//!
//! The yearly round (issue 12, items 2–8) builds on them: `rounds_*` (round, deadline,
//! tracker), `nominations_*` and `subject` (the nominee and the achievement), `eligibility`
//! and `review` (what the records say), `guards` (one achievement one award, flags,
//! lateness), `workflow` (the state machine) with `access` (who owns a step), `steps_web` and
//! `submit_web` (the steps), `board_web`, `list_web`, `dossier_web` (views, exports, DOCX),
//! `profile_web` and `todo` (the profile section and the home page).
//!
//! Part 2 (issue 13): `calendar`, `notice_*` (public notice and objections), `council*` and
//! `session_*` (members, sessions, the secret ballot), `ballot` (quorum and threshold),
//! `minutes_web`, `bodies` (who decides), `register`, `decision_*` and `awarded_web` (the
//! decision, its stored files, certificates), `revoke_web`.
//!
//! Pure: shapes and rules. SQL is in the `*store.rs` files, pages in the `*_web.rs` files.

pub mod access;
pub mod awarded_web;
pub mod ballot;
pub mod ballot_store;
pub mod board_web;
pub mod bodies;
pub mod calendar;
pub mod calendar_web;
pub mod certificate_pdf;
pub mod council;
pub mod council_store;
pub mod council_todo;
pub mod council_web;
pub mod decision_doc;
pub mod decision_store;
pub mod decision_web;
pub mod decision_write;
pub mod demo;
pub mod demo_decisions;
pub mod dossier_web;
pub mod eligibility;
pub mod facts_store;
pub mod flags_store;
pub mod guards;
pub mod list_store;
pub mod list_web;
pub mod members_web;
pub mod minutes_web;
pub mod money;
pub mod nominations_store;
pub mod nominations_web;
pub mod notice_store;
pub mod notice_web;
pub mod profile_web;
pub mod register;
pub mod review;
pub mod revoke_web;
pub mod rounds_store;
pub mod rounds_web;
pub mod rules_web;
pub mod seed;
pub mod session_load;
pub mod session_web;
pub mod show_web;
pub mod stats;
pub mod stats_web;
pub mod steps_web;
pub mod store;
pub mod subject;
pub mod submit_web;
pub mod todo;
pub mod upward_doc;
pub mod upward_store;
pub mod upward_web;
pub mod upward_write;
pub mod vote_web;
pub mod workflow;

use chrono::NaiveDate;

use money::{BaseSalary, HouseholdRounding, Rate};

/// Who an award is for (Law 06/2022/QH15 Art. 7–8: individuals, collectives, households).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubjectKind {
    Individual,
    Collective,
    Household,
}

impl SubjectKind {
    pub const ALL: [SubjectKind; 3] = [
        SubjectKind::Individual,
        SubjectKind::Collective,
        SubjectKind::Household,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SubjectKind::Individual => "individual",
            SubjectKind::Collective => "collective",
            SubjectKind::Household => "household",
        }
    }

    pub fn from_code(s: &str) -> Option<SubjectKind> {
        SubjectKind::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            SubjectKind::Individual => "Cá nhân",
            SubjectKind::Collective => "Tập thể",
            SubjectKind::Household => "Hộ gia đình",
        }
    }
}

/// The level of the body that grants: a district-level (town) chairman or a department head,
/// a commune-level chairman, the provincial chairman. Before 01/07/2025 a commune chairman's
/// Giấy khen was paid less than the town's (Decree 91/2017 Art. 73).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Province,
    District,
    Commune,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::District, Level::Commune, Level::Province];

    pub fn code(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
        }
    }

    pub fn from_code(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::Province => "Cấp tỉnh",
            Level::District => "Cấp huyện (thị xã), sở ngành",
            Level::Commune => "Cấp xã, phường",
        }
    }
}

/// An award form or title (Giấy khen, Bằng khen, Lao động tiên tiến, …) with the subject
/// kinds it applies to and the period it exists in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub code: String,
    pub name: String,
    /// "form" (hình thức khen thưởng) or "title" (danh hiệu thi đua).
    pub kind: String,
    pub subjects: Vec<SubjectKind>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub basis: String,
}

impl Form {
    /// Whether the form exists on `on` and applies to `subject`.
    pub fn applies(&self, subject: SubjectKind, on: NaiveDate) -> bool {
        self.subjects.contains(&subject)
            && self.valid_from.is_none_or(|f| f <= on)
            && self.valid_to.is_none_or(|t| on <= t)
    }
}

/// One coefficient row: form, level, subject kind, the legal period it belongs to, the rate
/// (`None`: the reference facts leave it open — "chờ xác nhận"), its legal basis, and whether
/// it is confirmed from the legal text ("cần xác nhận" otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoefficientRow {
    pub id: i64,
    pub form_code: String,
    pub level: Level,
    pub subject: SubjectKind,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub rate: Option<Rate>,
    pub basis: String,
    pub confirmed: bool,
}

impl CoefficientRow {
    fn covers(&self, on: NaiveDate) -> bool {
        self.valid_from <= on && self.valid_to.is_none_or(|t| on <= t)
    }
}

/// The money of an award, with what it was computed from (for the decision's annex and audit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// Whole đồng.
    pub amount: i64,
    pub coefficient: String,
    pub base: i64,
    pub basis: String,
    /// False when the coefficient or the base salary is marked "cần xác nhận".
    pub confirmed: bool,
}

/// Why the money cannot be given yet, in Vietnamese for the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// No coefficient row for the form, level, subject kind and date.
    NoRow,
    /// The row exists but its value is open in the reference facts.
    Open { basis: String },
    /// No base salary in force on the date.
    NoBase,
}

impl Pending {
    pub fn text(&self) -> String {
        match self {
            Pending::NoRow => "Chưa có hệ số cho hình thức, cấp và đối tượng này vào ngày quyết định — chờ xác nhận.".into(),
            Pending::Open { basis } => format!("Hệ số chờ xác nhận ({basis}): quản trị viên nhập hệ số kèm căn cứ pháp lý trước khi tính tiền thưởng."),
            Pending::NoBase => "Chưa có mức lương cơ sở áp dụng vào ngày quyết định.".into(),
        }
    }
}

/// The reward money of `form` granted at `level` to a `subject` by a decision of `on`:
/// coefficient of the period in force on that date × base salary in force on that date,
/// rounded up to 10,000 đ (Decree 152/2025 Art. 49(2), Art. 54). A household rate given as a
/// multiple of the individual amount is rounded as `rounding` says. Errors: `Pending`.
pub fn money(
    rows: &[CoefficientRow],
    bases: &[BaseSalary],
    form: &str,
    level: Level,
    subject: SubjectKind,
    on: NaiveDate,
    rounding: HouseholdRounding,
) -> Result<Money, Pending> {
    let find = |s: SubjectKind| {
        rows.iter()
            .find(|r| r.form_code == form && r.level == level && r.subject == s && r.covers(on))
    };
    let row = find(subject).ok_or(Pending::NoRow)?;
    let open = || Pending::Open {
        basis: row.basis.clone(),
    };
    let rate = row.rate.ok_or_else(open)?;
    let base = money::base_on(bases, on).ok_or(Pending::NoBase)?;
    let (amount, coefficient, confirmed) = match rate {
        Rate::OfBase(c) => (money::amount(c, base.amount), c.text(), row.confirmed),
        Rate::OfIndividual(factor) => {
            let individual = find(SubjectKind::Individual).ok_or(Pending::NoRow)?;
            let Some(Rate::OfBase(i)) = individual.rate else {
                return Err(Pending::Open {
                    basis: individual.basis.clone(),
                });
            };
            (
                money::household_amount(i, factor, base.amount, rounding),
                format!("{} × {}", factor.text(), i.text()),
                row.confirmed && individual.confirmed,
            )
        }
    };
    Ok(Money {
        amount,
        coefficient,
        base: base.amount,
        basis: row.basis.clone(),
        confirmed: confirmed && base.confirmed,
    })
}

/// Who grants the town's own awards on `on` (Law 2022 Art. 80; Decree 129/2025 Art. 59):
/// until 30/06/2025 the chairman of the town (`town`), from 01/07/2025 the chairman of the
/// successor ward of the proposing unit (`successor`, derived from the recorded successions),
/// `None` when no successor is recorded — the page says so rather than guessing.
pub fn granting_unit(town: i64, successor: Option<i64>, on: NaiveDate) -> (Option<i64>, Level) {
    if on < transfer_day() {
        (Some(town), Level::District)
    } else {
        (successor, Level::Commune)
    }
}

/// 01/07/2025: the district level ends and its award powers pass to communes and wards
/// (Decree 129/2025 Art. 59).
pub fn transfer_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
}

#[cfg(test)]
mod tests;
