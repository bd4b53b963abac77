//! Every report workbook re-read as a third party would (issue 8, item 10): the title block is
//! there, figures are number cells, and no cell holds a number written as text with its unit.

use calamine::{Data, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;

/// Each sheet of a workbook by name, as typed cells.
pub fn sheets(bytes: &[u8]) -> BTreeMap<String, Vec<Vec<Data>>> {
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|n| {
            let range = book.worksheet_range(&n).unwrap();
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (n, rows)
        })
        .collect()
}

/// The text of a cell as a reader sees it ("" for an empty cell).
pub fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A number with a unit or a percent sign written as text ("94,9 %", "1.234 hộ"): what a report
/// must never hold.
fn number_as_text(s: &str) -> bool {
    let s = s.trim();
    let digits = s.trim_end_matches(|c: char| !c.is_ascii_digit());
    let unit = &s[digits.len()..];
    !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || ".,-".contains(c))
        && !unit.trim().is_empty()
        && unit.trim().chars().count() <= 14
        && !unit.contains(':')
}

/// Checks the report rules on every sheet and returns the sheets: a title in A1, a line "Xuất
/// lúc … bởi …", at least one number cell, and no number kept as text.
pub fn assert_report(bytes: &[u8], title: &str) -> BTreeMap<String, Vec<Vec<Data>>> {
    let book = sheets(bytes);
    assert!(!book.is_empty());
    for (name, rows) in &book {
        assert_eq!(
            rows.first().map(|r| text(&r[0])),
            Some(title.to_string()),
            "{name}: title"
        );
        assert!(
            rows.iter()
                .take(8)
                .any(|r| text(&r[0]).starts_with("Xuất lúc ") && text(&r[0]).contains(" bởi ")),
            "{name}: who exported it and when"
        );
        let numbers = rows
            .iter()
            .flatten()
            .filter(|c| matches!(c, Data::Float(_) | Data::Int(_) | Data::DateTime(_)))
            .count();
        assert!(numbers > 0, "{name}: no number cell at all");
        for cell in rows.iter().flatten() {
            if let Data::String(s) = cell {
                assert!(!number_as_text(s), "{name}: a number kept as text: {s:?}");
            }
        }
    }
    book
}

/// The row whose first cell is `first`, as text.
pub fn row_of(rows: &[Vec<Data>], first: &str) -> Vec<String> {
    rows.iter()
        .find(|r| r.first().is_some_and(|c| text(c) == first))
        .map(|r| r.iter().map(text).collect())
        .unwrap_or_else(|| panic!("no row {first:?}"))
}

#[test]
fn numbers_written_as_text_are_recognised() {
    assert!(number_as_text("94,9 %"));
    assert!(number_as_text("1.234 hộ"));
    assert!(!number_as_text("Phường Đức Thuận"));
    assert!(!number_as_text("Năm 2025"));
    assert!(!number_as_text("2025"));
}
