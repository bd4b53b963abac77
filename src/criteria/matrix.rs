//! The matrix of subjects × criteria for a set and year (the Excel sheet officials keep today),
//! pure: each cell's state from the assessment's state and the criterion's result and review,
//! with counts per criterion and per subject.

use std::collections::HashMap;

use super::assess::{Outcome, Review, Status};

/// What one cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Verified by the owning office, met.
    Met,
    /// Verified, not met.
    NotMet,
    /// Sent and waiting for the office (or verified while a target is still missing).
    Waiting,
    /// Sent back by the office with a reason.
    Rejected,
    /// No assessment, or one still being filled.
    NotAssessed,
}

impl Cell {
    pub fn of(status: Option<Status>, result: Outcome, review: Review) -> Cell {
        match status {
            None | Some(Status::Draft) => Cell::NotAssessed,
            Some(_) => match (review, result) {
                (Review::Verified, Outcome::Met) => Cell::Met,
                (Review::Verified, Outcome::NotMet) => Cell::NotMet,
                (Review::Rejected, _) => Cell::Rejected,
                _ => Cell::Waiting,
            },
        }
    }

    /// The mark printed in the cell (the legend explains them).
    pub fn mark(self) -> &'static str {
        match self {
            Cell::Met => "Đ",
            Cell::NotMet => "CĐ",
            Cell::Waiting => "?",
            Cell::Rejected => "TL",
            Cell::NotAssessed => "–",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Cell::Met => "Đạt (đã xác minh)",
            Cell::NotMet => "Chưa đạt (đã xác minh)",
            Cell::Waiting => "Chờ xác minh",
            Cell::Rejected => "Bị trả lại",
            Cell::NotAssessed => "Chưa đánh giá",
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            Cell::Met => "met",
            Cell::NotMet => "not-met",
            Cell::Waiting => "waiting",
            Cell::Rejected => "rejected",
            Cell::NotAssessed => "none",
        }
    }
}

/// One stored cell: subject, criterion number, the assessment's id and status, the result and
/// the review.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredCell {
    pub subject_id: i64,
    pub assessment_id: i64,
    pub status: String,
    pub number: i64,
    pub result: String,
    pub review: String,
}

/// One row of the matrix.
#[derive(Debug, Clone)]
pub struct Row {
    pub subject_id: i64,
    pub name: String,
    pub assessment_id: Option<i64>,
    pub cells: Vec<Cell>,
    pub met: usize,
    pub backsliding: bool,
}

/// The matrix: criterion numbers as columns, a row per subject, met counts per column.
#[derive(Debug, Clone, Default)]
pub struct Matrix {
    pub numbers: Vec<i64>,
    pub rows: Vec<Row>,
    pub met_per_criterion: Vec<usize>,
}

impl Matrix {
    /// Builds it from the subjects (id, name) in order, the criterion numbers, the stored
    /// cells and the backsliding subjects.
    pub fn build(
        subjects: &[(i64, String)],
        numbers: &[i64],
        cells: &[StoredCell],
        backsliding: &[i64],
    ) -> Matrix {
        let mut by: HashMap<(i64, i64), &StoredCell> = HashMap::new();
        let mut assessment: HashMap<i64, (i64, Status)> = HashMap::new();
        for c in cells {
            by.insert((c.subject_id, c.number), c);
            assessment.insert(
                c.subject_id,
                (c.assessment_id, Status::from_code(&c.status)),
            );
        }
        let mut met_per_criterion = vec![0; numbers.len()];
        let rows = subjects
            .iter()
            .map(|(id, name)| {
                let a = assessment.get(id).copied();
                let cells: Vec<Cell> = numbers
                    .iter()
                    .map(|n| match by.get(&(*id, *n)) {
                        Some(c) => Cell::of(
                            a.map(|(_, s)| s),
                            Outcome::from_code(&c.result),
                            Review::from_code(&c.review),
                        ),
                        None => Cell::NotAssessed,
                    })
                    .collect();
                for (i, c) in cells.iter().enumerate() {
                    if *c == Cell::Met {
                        met_per_criterion[i] += 1;
                    }
                }
                Row {
                    subject_id: *id,
                    name: name.clone(),
                    assessment_id: a.map(|(id, _)| id),
                    met: cells.iter().filter(|c| **c == Cell::Met).count(),
                    backsliding: backsliding.contains(id),
                    cells,
                }
            })
            .collect();
        Matrix {
            numbers: numbers.to_vec(),
            rows,
            met_per_criterion,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(subject: i64, number: i64, status: &str, result: &str, review: &str) -> StoredCell {
        StoredCell {
            subject_id: subject,
            assessment_id: subject * 10,
            status: status.into(),
            number,
            result: result.into(),
            review: review.into(),
        }
    }

    #[test]
    fn cells_say_what_the_office_has_done() {
        let cells = vec![
            cell(1, 1, "verified", "met", "verified"),
            cell(1, 2, "verified", "not_met", "verified"),
            cell(2, 1, "submitted", "met", "pending"),
            cell(2, 2, "returned", "met", "rejected"),
            cell(3, 1, "draft", "met", "pending"),
        ];
        let subjects = vec![
            (1, "A".into()),
            (2, "B".into()),
            (3, "C".into()),
            (4, "D".into()),
        ];
        let m = Matrix::build(&subjects, &[1, 2], &cells, &[1]);
        assert_eq!(m.rows[0].cells, vec![Cell::Met, Cell::NotMet]);
        assert!(m.rows[0].backsliding);
        assert_eq!(m.rows[1].cells, vec![Cell::Waiting, Cell::Rejected]);
        assert_eq!(m.rows[2].cells, vec![Cell::NotAssessed, Cell::NotAssessed]);
        assert_eq!(m.rows[3].assessment_id, None);
        assert_eq!(m.met_per_criterion, vec![1, 0]);
        assert_eq!(m.rows[0].met, 1);
    }
}
