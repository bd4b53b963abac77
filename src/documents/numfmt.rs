//! How Excel shows a number under its cell's number format: the digits an official sees are
//! the digits we read. Only what changes the reading matters here — percent signs (the cell
//! holds 0,965 and shows 96,5 %), zero padding (12 shown as 00012), decimals shown, and the
//! thousands scaling of a trailing comma. Colours, literals and alignment are ignored. Pure.

/// A number as Excel shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// The value the official sees: scaled by 100 for each `%`, rounded to the decimals shown.
    pub value: f64,
    /// The digits as shown, without thousands separators, decimal comma: `00012`, `96,5`.
    pub text: String,
    /// The format shows a percent sign, so `value` is in percent.
    pub percent: bool,
}

/// The parts of a format section that decide the digits.
#[derive(Debug, Default, PartialEq)]
struct Layout {
    percent: u32,
    min_int_digits: usize,
    decimals: Option<usize>,
    thousands_scale: u32,
    general: bool,
}

/// The first section of `code` (the one for positive numbers and, without a second section,
/// for all numbers), with quoted literals, escapes, `[colour]`/`[$-locale]` codes and the
/// padding and fill characters removed.
fn first_section(code: &str) -> String {
    let mut out = String::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn layout(code: &str) -> Layout {
    let section = first_section(code);
    let lower = section.to_ascii_lowercase();
    if lower.trim().is_empty() || lower.contains("general") || lower.contains('@') {
        return Layout {
            general: true,
            ..Layout::default()
        };
    }
    // Scientific notation and fractions keep the stored value; only their look differs.
    if lower.contains('e') || lower.contains('/') || lower.contains('?') {
        return Layout {
            general: true,
            percent: lower.matches('%').count() as u32,
            ..Layout::default()
        };
    }
    let mut out = Layout {
        percent: section.matches('%').count() as u32,
        ..Layout::default()
    };
    let (int_part, frac_part) = match section.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (section.as_str(), None),
    };
    out.min_int_digits = int_part.chars().filter(|c| *c == '0').count();
    // A comma after the last digit placeholder divides by a thousand per comma.
    let digits_end = int_part.rfind(['0', '#']).map_or(0, |i| i + 1);
    if frac_part.is_none() {
        out.thousands_scale = int_part[digits_end..]
            .chars()
            .take_while(|c| *c == ',')
            .count() as u32;
    }
    out.decimals = Some(frac_part.map_or(0, |f| {
        f.chars().take_while(|c| matches!(c, '0' | '#')).count()
    }));
    out
}

/// Rounds to 15 significant digits, which is what Excel keeps: 0,1 + 0,2 is 0,3 again.
fn excel_precision(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    format!("{v:.14e}").parse().unwrap_or(v)
}

/// `v` as Excel shows it under `format_code` (empty or `General` for unformatted cells).
pub fn show(v: f64, format_code: &str) -> Shown {
    let l = layout(format_code);
    let mut value = v;
    for _ in 0..l.percent {
        value *= 100.0;
    }
    for _ in 0..l.thousands_scale {
        value /= 1000.0;
    }
    value = excel_precision(value);
    let text = match (l.general, l.decimals) {
        (false, Some(places)) => {
            let s = round_half_away(&format!("{value}"), places);
            value = s.parse().unwrap_or(value);
            pad_integer(&s, l.min_int_digits)
        }
        _ => general_text(value),
    };
    Shown {
        value,
        text: text.replace('.', ","),
        percent: l.percent > 0,
    }
}

/// Rounds a plain decimal (`-3.25`, no exponent) to `places` decimals, halves away from zero
/// as Excel shows them — on the decimal digits, so 1,005 shows as 1,01 and not as 1,00.
fn round_half_away(s: &str, places: usize) -> String {
    let (sign, body) = match s.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", s),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let mut digits: Vec<u8> = int
        .bytes()
        .chain(frac.bytes().chain(std::iter::repeat(b'0')).take(places))
        .map(|b| b - b'0')
        .collect();
    if frac.as_bytes().get(places).is_some_and(|d| *d >= b'5') {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    let (i, f) = text.split_at(text.len() - places);
    let i = if i.is_empty() { "0" } else { i };
    let zero = text.bytes().all(|b| b == b'0');
    let sign = if zero { "" } else { sign };
    if places == 0 {
        format!("{sign}{i}")
    } else {
        format!("{sign}{i}.{f}")
    }
}

/// Shortest text that reads back as `v`, without an exponent for everyday magnitudes.
fn general_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// `12` with five zeros in the format becomes `00012`; the sign stays in front.
fn pad_integer(s: &str, min_digits: usize) -> String {
    let (sign, body) = match s.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", s),
    };
    let int_len = body.find('.').unwrap_or(body.len());
    if int_len >= min_digits {
        return format!("{sign}{body}");
    }
    format!("{sign}{}{body}", "0".repeat(min_digits - int_len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats_show_the_percentage() {
        let s = show(0.965, "0.0%");
        assert_eq!((s.value, s.text.as_str(), s.percent), (96.5, "96,5", true));
        let s = show(0.99, "0%");
        assert_eq!((s.value, s.text.as_str()), (99.0, "99"));
        // 0,9649 shown with one decimal is 96,5 — the digits the official sees.
        assert_eq!(show(0.9649, "0.0%").value, 96.5);
    }

    #[test]
    fn zero_padded_codes_keep_their_zeros() {
        assert_eq!(show(12.0, "00000").text, "00012");
        assert_eq!(show(1.0, "000").text, "001");
        assert_eq!(show(123456.0, "00000").text, "123456");
        assert!(!show(12.0, "00000").percent);
    }

    #[test]
    fn general_and_text_formats_keep_the_value() {
        assert_eq!(show(12.0, "").text, "12");
        assert_eq!(show(12.0, "General").text, "12");
        assert_eq!(show(0.1 + 0.2, "General").value, 0.3);
        assert_eq!(show(84.2, "@").text, "84,2");
        assert_eq!(show(1234.5, "#,##0.0").text, "1234,5");
    }

    #[test]
    fn decimals_shown_decide_the_value() {
        assert_eq!(show(89.96, "0.0").value, 90.0);
        assert_eq!(show(89.96, "0.0").text, "90,0");
        assert_eq!(show(1234.56, "#,##0").value, 1235.0);
        assert_eq!(show(-3.25, "0.0").text, "-3,3");
        assert_eq!(show(1.005, "0.00").text, "1,01");
        assert_eq!(show(9.96, "0.0").text, "10,0");
        assert_eq!(show(-0.04, "0.0").text, "0,0");
        assert_eq!(show(0.5, "0").text, "1");
    }

    #[test]
    fn literals_colours_and_trailing_commas() {
        assert_eq!(show(0.5, "[Red]0.0%").value, 50.0);
        assert_eq!(show(5.0, "0\" hộ\"").text, "5");
        assert_eq!(show(1_500_000.0, "#,##0,").value, 1500.0);
        assert_eq!(show(7.0, "0;[Red]-0").text, "7");
        assert_eq!(
            show(2.0, "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)").text,
            "2"
        );
    }
}
