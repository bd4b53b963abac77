//! Document numbers from an issuing body's register (issue 13, item 3; Decree 30/2020 Annex I):
//! one register per body and year, starting at 01, numbers below 10 with a leading zero; a body
//! that no longer exists on the date (the town after 30/06/2025) cannot issue.

use chrono::NaiveDate;

use crate::units::Unit;

/// "05/QĐ-UBND" for the 5th entry, type code "QĐ" and body suffix "UBND". `n` starts at 1.
pub fn number(n: i64, type_code: &str, body_suffix: &str) -> String {
    format!("{n:02}/{type_code}-{body_suffix}")
}

/// Why `body` cannot issue a document dated `on`, in Vietnamese; `None` when it can.
pub fn cannot_issue(body: &Unit, on: NaiveDate) -> Option<String> {
    if body.valid_to.is_some_and(|t| on > t) || body.valid_from.is_some_and(|f| on < f) {
        Some(format!(
            "{} không còn tồn tại vào ngày {} nên không thể ban hành văn bản; văn bản do đơn vị kế thừa ban hành.",
            body.name,
            on.format("%d/%m/%Y")
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_below_ten_have_a_leading_zero() {
        assert_eq!(number(1, "QĐ", "UBND"), "01/QĐ-UBND");
        assert_eq!(number(12, "QĐ", "UBND"), "12/QĐ-UBND");
        assert_eq!(number(105, "TTr", "UBND"), "105/TTr-UBND");
    }

    #[test]
    fn the_town_cannot_issue_after_thirty_june_2025() {
        let town = Unit {
            id: 2,
            code: "HL".into(),
            name: "Thị xã Hồng Lĩnh".into(),
            kind: "town".into(),
            parent_id: Some(1),
            path: "/1/2/".into(),
            valid_from: None,
            valid_to: NaiveDate::from_ymd_opt(2025, 6, 30),
            note: String::new(),
            is_demo: false,
            version: 1,
        };
        let last = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
        assert_eq!(cannot_issue(&town, last), None);
        let after = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
        assert!(cannot_issue(&town, after).unwrap().contains("01/07/2025"));
    }
}
