//! Movements (phong trào thi đua): the record each later capability hangs its targets,
//! criteria and award rounds on. The foundation stores the built-in 2022–2025 plan.

pub mod store;
pub mod web;

/// A movement as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Movement {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub kind: String,
    pub issuing_unit_id: i64,
    pub document_number: String,
    pub issued_on: chrono::NaiveDate,
    pub period_from: i64,
    pub period_to: i64,
    pub summary: String,
}

impl Movement {
    pub fn period(&self) -> String {
        format!("{} – {}", self.period_from, self.period_to)
    }
}
