//! Vietnamese text: NFC storage, folding for search, name sort keys, and the number and date
//! formats officials expect. Pure functions only.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

mod number;
mod sort_key;
pub use number::{Exact, exact_at, parse_exact_vn, round_f64};
pub use sort_key::{PERSON_SORT_KEY_VERSION, person_sort_key, sort_key};

/// Characters that never belong in stored text and that a person cannot see: C0 and C1
/// controls other than the spacing ones (tab, line and page breaks, U+0085), zero-width
/// space and joiners, word joiner and invisible operators, direction marks and embeddings, the
/// byte-order mark, soft hyphen, combining grapheme joiner, Mongolian vowel separator and
/// interlinear annotation marks. Excel and pasted PowerPoint/Word text carry them (case 07);
/// PostgreSQL refuses NUL in text outright.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{84}' | '\u{86}'..='\u{9F}'
        | '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Drops C0/C1 control characters except tab, line feed and carriage return. Applied to every
/// value a request carries, passwords included, before anything else reads it (a NUL reaching
/// PostgreSQL is an error); nothing else is changed, so a password keeps its spaces.
pub fn strip_controls(s: &str) -> std::borrow::Cow<'_, str> {
    let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if s.chars().any(control) {
        std::borrow::Cow::Owned(s.chars().filter(|c| !control(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The one cleaner for every typed or imported string: invisible characters
/// ([`is_invisible`]) removed, NFC, trimmed, every run of whitespace (NBSP and the other
/// Unicode spaces, tabs, line breaks) made one space. "\u{FEFF} Tổ dân phố\u{200B}  Hồng\u{A0}Lam "
/// → "Tổ dân phố Hồng Lam".
pub fn clean(s: &str) -> String {
    let nfc: String = s.chars().filter(|c| !is_invisible(*c)).nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`clean`], then at most `max_chars` characters; `Err` carries the message for the field
/// ("Quá dài: tối đa 200 ký tự.").
pub fn clean_limited(s: &str, max_chars: usize) -> Result<String, String> {
    let cleaned = clean(s);
    if cleaned.chars().count() > max_chars {
        Err(format!(
            "Quá dài: tối đa {max_chars} ký tự (đang có {}).",
            cleaned.chars().count()
        ))
    } else {
        Ok(cleaned)
    }
}

/// [`clean`] line by line for a text whose lines mean something (a decision's legal bases, one
/// per line): each line cleaned, empty lines dropped, joined with "\n"; at most `max_chars`
/// characters in all, or `Err` with the field's message as [`clean_limited`] gives it.
pub fn clean_lines(s: &str, max_chars: usize) -> Result<String, String> {
    let lines: Vec<String> = s.lines().map(clean).filter(|l| !l.is_empty()).collect();
    clean_limited(&lines.join(" "), max_chars)?;
    Ok(lines.join("\n"))
}

/// The search key: no diacritics, `đ` → `d`, lower case, single spaces, invisible characters
/// dropped as [`clean`] drops them. "Đức Thuận" → "duc thuan".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars().filter(|c| !is_invisible(*c)).nfd() {
        match ch {
            '\u{0300}'..='\u{036f}' => {}
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `05/07/2022`.
pub fn date_vn(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// "ngày 05 tháng 7 năm 2022" as Decree 30/2020 writes it: days below 10 and months 1–2 padded.
pub fn document_date(d: NaiveDate) -> String {
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    format!("ngày {:02} tháng {} năm {}", d.day(), month, d.year())
}

/// Reads `dd/mm/yyyy` (what people type) or `yyyy-mm-dd` (what date inputs send).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

/// `1.234.567 đ`.
pub fn money_vnd(amount: i64) -> String {
    format!("{} đ", group_thousands(amount))
}

/// `1.234.567`, with `-` in front of debts.
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The years the register keeps figures, memberships and periods for.
pub const FIRST_YEAR: i64 = 2000;
pub const LAST_YEAR: i64 = 2100;

/// A year typed into a form or URL, when it is one the register keeps.
pub fn parse_year(s: &str) -> Option<i64> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
}

/// `1.234,5`: Vietnamese decimals (comma) and thousands (dot), rounded to `places` the same
/// way figures are stored and judged (`round_f64`), so a page never shows another number.
pub fn decimal_vn(v: f64, places: usize) -> String {
    let s = format!("{:.*}", places, round_f64(v, places as u32).abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let grouped = group_thousands(int.parse::<i64>().unwrap_or(0));
    let sign = if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if frac.is_empty() || frac.chars().all(|c| c == '0') {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{}", frac.trim_end_matches('0'))
    }
}

/// Reads a number as people type it in Vietnam: `84,2`, `1.234`, `1.234,5`, `12 345`, or the
/// English `84.2` / `0.125`; None when it is not one (`parse_exact_vn` says why).
pub fn parse_decimal_vn(s: &str) -> Option<f64> {
    parse_exact_vn(s)
        .ok()
        .map(Exact::to_f64)
        .filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    #[test]
    fn vietnamese_decimals_read_and_write() {
        assert_eq!(decimal_vn(84.24, 1), "84,2");
        assert_eq!(decimal_vn(1234.5, 1), "1.234,5");
        assert_eq!(decimal_vn(90.0, 1), "90");
        assert_eq!(decimal_vn(-1.6, 1), "-1,6");
        assert_eq!(decimal_vn(-0.01, 1), "0");
        assert_eq!(parse_decimal_vn("84,2"), Some(84.2));
        assert_eq!(parse_decimal_vn("1.234"), Some(1234.0));
        assert_eq!(parse_decimal_vn("1.234,5"), Some(1234.5));
        assert_eq!(parse_decimal_vn("84.2"), Some(84.2));
        assert_eq!(parse_decimal_vn(" 12 345 "), Some(12345.0));
        assert_eq!(parse_decimal_vn("0.125"), Some(0.125));
        assert_eq!(parse_decimal_vn("1,234,567"), None);
        // Shown the way it is stored: halves away from zero on the decimal digits.
        assert_eq!(decimal_vn(89.96, 1), "90");
        assert_eq!(decimal_vn(0.125, 2), "0,13");
        assert_eq!(parse_decimal_vn("mười"), None);
        assert_eq!(parse_decimal_vn(""), None);
    }

    use super::*;

    #[test]
    fn folding_ignores_marks_case_and_d_stroke() {
        assert_eq!(fold("Đức Thuận"), "duc thuan");
        assert_eq!(fold("  ĐẬU   Liêu "), "dau lieu");
        assert_eq!(fold("Phường Bắc Hồng"), "phuong bac hong");
        // Decomposed input folds the same as composed input.
        assert_eq!(fold("Đu\u{031b}\u{0301}c"), fold("Đức"));
    }

    #[test]
    fn every_invisible_character_kind_is_dropped() {
        let want = "Tổ dân phố Hồng Lam";
        for (kind, s) in [
            ("zero-width space", "Tổ dân phố\u{200B} Hồng Lam"),
            ("zero-width non-joiner", "Tổ dân\u{200C} phố Hồng Lam"),
            ("zero-width joiner", "Tổ dân phố Hồng\u{200D} Lam"),
            ("word joiner", "Tổ\u{2060} dân phố Hồng Lam"),
            ("byte-order mark", "\u{FEFF}Tổ dân phố Hồng Lam"),
            ("soft hyphen", "Tổ dân phố Hồng La\u{AD}m"),
            ("NUL", "Tổ dân phố\u{0} Hồng Lam"),
            ("C0 escape", "Tổ dân \u{1B}phố Hồng Lam"),
            ("DEL", "Tổ dân phố Hồng Lam\u{7F}"),
            ("C1 control", "Tổ dân phố\u{9B} Hồng Lam"),
            ("left-to-right mark", "\u{200E}Tổ dân phố Hồng Lam"),
            (
                "NBSP and doubled spaces",
                " Tổ\u{A0}dân  phố Hồng\u{A0}\u{A0}Lam ",
            ),
            (
                "other Unicode spaces",
                "Tổ\u{2003}dân\u{202F}phố\u{3000}Hồng\tLam\n",
            ),
        ] {
            assert_eq!(clean(s), want, "{kind}");
            assert_eq!(fold(s), "to dan pho hong lam", "{kind}");
        }
        // A mark split from its letter by an invisible character still composes.
        assert_eq!(clean("Hô\u{200B}\u{0300}ng"), "Hồng");
    }

    #[test]
    fn a_name_with_a_zero_width_space_is_found_either_way() {
        // Case 07: the stored key must contain what a person searches for.
        let key = fold(&clean("Tổ dân phố\u{200b} Hồng Lam"));
        assert!(key.contains(&fold("tổ dân phố hồng lam")));
        assert!(key.contains(&fold("to dan pho hong lam")));
        assert!(fold("Trương Thị\u{200b} Minh Khuê").contains("thi minh khue"));
    }

    #[test]
    fn controls_go_but_spaces_stay_in_what_a_request_carries() {
        assert_eq!(strip_controls("mat khau\u{0} 1"), "mat khau 1");
        assert_eq!(
            strip_controls("  hai  dòng\r\n\tthụt "),
            "  hai  dòng\r\n\tthụt "
        );
        assert_eq!(strip_controls("a\u{9F}b\u{1}c"), "abc");
    }

    #[test]
    fn long_text_is_refused_with_the_limit_in_vietnamese() {
        assert_eq!(clean_limited("  Hồng  Lam ", 9), Ok("Hồng Lam".to_string()));
        let err = clean_limited(&"ắ".repeat(201), 200).unwrap_err();
        assert!(err.starts_with("Quá dài: tối đa 200 ký tự"), "{err}");
        // Invisible characters do not count towards the limit.
        assert!(clean_limited(&format!("{}\u{200B}\u{200B}", "a".repeat(200)), 200).is_ok());
    }

    #[test]
    fn clean_lines_keeps_the_lines_and_cleans_each() {
        assert_eq!(
            clean_lines(
                "  Căn cứ\u{A0}Luật A;\r\n\r\n\u{200B}Căn cứ  Nghị định B  \n",
                100
            )
            .unwrap(),
            "Căn cứ Luật A;\nCăn cứ Nghị định B"
        );
        assert!(clean_lines(&"x\n".repeat(60), 100).is_err());
    }

    #[test]
    fn clean_stores_nfc_with_single_spaces() {
        let decomposed = "Nguye\u{0302}\u{0303}n  Va\u{0306}n";
        assert_eq!(clean(decomposed), "Nguyễn Văn");
    }

    #[test]
    fn formats_dates_and_money() {
        let d = NaiveDate::from_ymd_opt(2022, 7, 5).unwrap();
        assert_eq!(date_vn(d), "05/07/2022");
        assert_eq!(document_date(d), "ngày 05 tháng 7 năm 2022");
        let feb = NaiveDate::from_ymd_opt(2024, 2, 15).unwrap();
        assert_eq!(document_date(feb), "ngày 15 tháng 02 năm 2024");
        assert_eq!(money_vnd(1_234_567), "1.234.567 đ");
        assert_eq!(money_vnd(0), "0 đ");
        assert_eq!(group_thousands(-702_000), "-702.000");
        assert_eq!(
            parse_date("30/06/2025"),
            NaiveDate::from_ymd_opt(2025, 6, 30)
        );
        assert_eq!(
            parse_date("2025-07-01"),
            NaiveDate::from_ymd_opt(2025, 7, 1)
        );
        assert_eq!(parse_date("31/02/2025"), None);
    }
}
