//! What is wrong with an uploaded file, said the way an official finds it again in Excel:
//! the sheet, the row and the column. Every import reports through this one type, and a
//! report names at most the first `REPORTED` problems, then how many more there are.

use super::xlsx::column_name;

/// A report names this many problems, then counts the rest: a page listing every one of a
/// hostile file's hundreds of thousands of bad rows would be tens of megabytes.
pub const REPORTED: usize = 200;

/// One problem. `row` is Excel's row number (from 1); 0 means the file as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub sheet: String,
    pub row: usize,
    /// Excel's column letter, when the problem is in one cell.
    pub column: String,
    pub message: String,
}

impl Problem {
    /// A problem with the whole file (not a workbook, too large, damaged).
    pub fn file(message: impl Into<String>) -> Problem {
        Problem {
            sheet: String::new(),
            row: 0,
            column: String::new(),
            message: message.into(),
        }
    }

    /// A problem with a whole row, `row` counted from 0.
    pub fn row(sheet: &str, row: usize, message: impl Into<String>) -> Problem {
        Problem {
            sheet: sheet.to_string(),
            row: row + 1,
            column: String::new(),
            message: message.into(),
        }
    }

    /// A problem in one cell, `row` and `col` counted from 0.
    pub fn cell(sheet: &str, row: usize, col: usize, message: impl Into<String>) -> Problem {
        Problem {
            sheet: sheet.to_string(),
            row: row + 1,
            column: column_name(col),
            message: message.into(),
        }
    }

    /// "Trang «Số liệu», dòng 9, cột E" — or just the sheet, or "Cả tệp".
    pub fn place(&self) -> String {
        let mut parts = Vec::new();
        if !self.sheet.is_empty() {
            parts.push(format!("Trang «{}»", self.sheet));
        }
        if self.row > 0 {
            parts.push(format!("dòng {}", self.row));
        }
        if !self.column.is_empty() {
            parts.push(format!("cột {}", self.column));
        }
        if parts.is_empty() {
            "Cả tệp".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// "Trang «Số liệu», dòng 9, cột E: Tỷ lệ phải từ 0 đến 100." — as the command line prints it.
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place(), self.message)
    }
}

impl std::error::Error for Problem {}

/// The problems a page shows: the first `REPORTED` in row order, and how many it leaves out.
#[derive(Debug, Default)]
pub struct Report {
    pub shown: Vec<Problem>,
    pub total: usize,
}

impl Report {
    pub fn new(mut problems: Vec<Problem>) -> Report {
        problems.sort_by(|a, b| (a.row, &a.column).cmp(&(b.row, &b.column)));
        let total = problems.len();
        problems.truncate(REPORTED);
        Report {
            shown: problems,
            total,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Problems not listed on the page.
    pub fn left_out(&self) -> usize {
        self.total - self.shown.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_like_excel() {
        assert_eq!(
            Problem::cell("Số liệu", 8, 4, "x").place(),
            "Trang «Số liệu», dòng 9, cột E"
        );
        assert_eq!(
            Problem::row("Đơn vị", 10, "x").place(),
            "Trang «Đơn vị», dòng 11"
        );
        assert_eq!(Problem::file("x").place(), "Cả tệp");
    }

    #[test]
    fn a_report_lists_two_hundred_and_counts_the_rest() {
        let many: Vec<Problem> = (0..5000)
            .rev()
            .map(|r| Problem::row("Đơn vị", r, "Thiếu mã."))
            .collect();
        let report = Report::new(many);
        assert_eq!(report.shown.len(), REPORTED);
        assert_eq!(report.total, 5000);
        assert_eq!(report.left_out(), 4800);
        assert_eq!(report.shown[0].row, 1);
    }
}
