//! Vietnamese text: NFC storage, folding for search, name sort keys, and the number and date
//! formats officials expect. Pure functions only.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// NFC-normalises and trims, collapsing runs of whitespace into one space.
pub fn clean(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The search key: no diacritics, `đ` → `d`, lower case, single spaces. "Đức Thuận" → "duc thuan".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.nfd() {
        match ch {
            '\u{0300}'..='\u{036f}' => {}
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Vietnamese alphabet order; f, j, w, z sit where Latin puts them for foreign names.
const ALPHABET: [&str; 33] = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
    "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
];

/// Tone order of Vietnamese dictionaries: level, grave, hook, tilde, acute, dot.
fn tone_of(mark: char) -> Option<u8> {
    match mark {
        '\u{0300}' => Some(1),
        '\u{0309}' => Some(2),
        '\u{0303}' => Some(3),
        '\u{0301}' => Some(4),
        '\u{0323}' => Some(5),
        _ => None,
    }
}

/// Letters and tones of one word: letters as alphabet positions (digits first), tone 0–5.
fn word_letters(word: &str) -> (Vec<u8>, u8) {
    let mut letters: Vec<String> = Vec::new();
    let mut tone = 0;
    for ch in word.to_lowercase().nfd() {
        if let Some(t) = tone_of(ch) {
            tone = t;
            continue;
        }
        let modified = match (letters.last().map(String::as_str), ch) {
            (Some("a"), '\u{0306}') => Some("ă"),
            (Some("a"), '\u{0302}') => Some("â"),
            (Some("e"), '\u{0302}') => Some("ê"),
            (Some("o"), '\u{0302}') => Some("ô"),
            (Some("o"), '\u{031b}') => Some("ơ"),
            (Some("u"), '\u{031b}') => Some("ư"),
            _ => None,
        };
        if let Some(m) = modified {
            if let Some(last) = letters.last_mut() {
                *last = m.to_string();
            }
        } else if ch.is_alphanumeric() {
            letters.push(ch.to_string());
        }
    }
    let codes = letters
        .iter()
        .map(|l| {
            if let Some(d) = l.chars().next().and_then(|c| c.to_digit(10)) {
                d as u8
            } else {
                ALPHABET
                    .iter()
                    .position(|a| a == l)
                    .map_or(60, |p| p as u8 + 10)
            }
        })
        .collect();
    (codes, tone)
}

fn push_code(key: &mut String, code: u8) {
    // Two lower-case letters per symbol, from "ba" upwards, so "aa" can separate words and any
    // database collation orders the key exactly as Rust does.
    key.push((b'b' + code / 26) as char);
    key.push((b'a' + code % 26) as char);
}

/// A sort key for a person's full name in Vietnamese order: given name, then middle names,
/// then family name; letters first, tones only to break ties. Stored beside the name so both
/// engines sort people correctly with a plain `ORDER BY`.
pub fn person_sort_key(full_name: &str) -> String {
    let words: Vec<&str> = full_name.split_whitespace().collect();
    let ordered: Vec<&str> = match words.split_last() {
        Some((given, rest)) => std::iter::once(*given)
            .chain(rest.iter().copied())
            .collect(),
        None => Vec::new(),
    };
    name_sort_key(&ordered)
}

/// A sort key for a name read in its written order (units, organisations, streets).
pub fn sort_key(name: &str) -> String {
    name_sort_key(&name.split_whitespace().collect::<Vec<_>>())
}

fn name_sort_key(words: &[&str]) -> String {
    let mut key = String::new();
    let mut tones = String::new();
    for word in words {
        let (codes, tone) = word_letters(word);
        for c in codes {
            push_code(&mut key, c);
        }
        key.push_str("aa");
        tones.push((b'a' + tone) as char);
    }
    key.push_str("aa");
    key.push_str(&tones);
    key
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

/// `1.234,5`: Vietnamese decimals (comma) and thousands (dot), rounded to `places`.
pub fn decimal_vn(v: f64, places: usize) -> String {
    let s = format!("{:.*}", places, v.abs());
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

/// Reads a number as people type it in Vietnam: `84,2`, `1.234`, `1.234,5`, or `84.2`.
pub fn parse_decimal_vn(s: &str) -> Option<f64> {
    let t: String = s.trim().chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return None;
    }
    let normal = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else if is_grouped_thousands(&t) {
        t.replace('.', "")
    } else {
        t
    };
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `1.234` or `12.345.678`: dots every three digits, so the dots group thousands.
fn is_grouped_thousands(t: &str) -> bool {
    let body = t.strip_prefix('-').unwrap_or(t);
    let parts: Vec<&str> = body.split('.').collect();
    parts.len() > 1
        && (1..=3).contains(&parts[0].len())
        && parts[1..].iter().all(|p| p.len() == 3)
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
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
    fn clean_stores_nfc_with_single_spaces() {
        let decomposed = "Nguye\u{0302}\u{0303}n  Va\u{0306}n";
        assert_eq!(clean(decomposed), "Nguyễn Văn");
    }

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by_key(|n| person_sort_key(n));
        v
    }

    #[test]
    fn people_sort_by_given_name_then_middle_then_family() {
        assert_eq!(
            sorted(&["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Lê Ân"]),
            vec!["Lê Văn An", "Nguyễn Thị An", "Lê Ân", "Trần Văn Bình"]
        );
    }

    #[test]
    fn vietnamese_letters_follow_the_alphabet_not_unicode() {
        // d < đ < e, and a < ă < â < b, although Unicode puts đ and ă after z.
        assert_eq!(
            sorted(&["X Đông", "X Dung", "X Em", "X Bảo", "X Ăn", "X Ấn", "X An"]),
            vec!["X An", "X Ăn", "X Ấn", "X Bảo", "X Dung", "X Đông", "X Em"]
        );
    }

    #[test]
    fn tones_only_break_ties_in_dictionary_order() {
        assert_eq!(
            sorted(&["X Bạ", "X Bá", "X Bã", "X Bả", "X Bà", "X Ba", "X Bác"]),
            vec!["X Ba", "X Bà", "X Bả", "X Bã", "X Bá", "X Bạ", "X Bác"]
        );
    }

    #[test]
    fn sort_keys_are_plain_lowercase_ascii() {
        let k = person_sort_key("Đặng Thị Hồng Ngọc");
        assert!(k.bytes().all(|b| b.is_ascii_lowercase()));
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
