//! Numbers as people in Vietnam type them, held exactly: `1.234.567` (dots group thousands),
//! `84,2` (a comma marks the decimals), `1.234,5`, groups split by spaces or non-breaking
//! spaces — and `0.125`, which can only be the English decimal 0,125 because dot-grouped
//! thousands never start with a group «0». Rounding is done on these exact digits, never on a
//! float, so 89,95 rounds to 90,0 and 96,45 to 96,5 as an official rounding by hand would.

use std::cmp::Ordering;

/// A decimal number held exactly: `digits × 10^-scale`.
#[derive(Clone, Copy, Debug)]
pub struct Exact {
    pub digits: i128,
    pub scale: u32,
}

/// The most digits a number may have before or after the comma; more is a typing slip, and
/// the limit keeps every rescaling inside `i128`.
const MAX_INT_DIGITS: usize = 18;
const MAX_FRAC_DIGITS: u32 = 12;

impl Exact {
    /// `digits × 10^-scale` brought to `scale` (only upwards), or None when it would overflow.
    fn at_scale(self, scale: u32) -> Option<i128> {
        let up = scale.checked_sub(self.scale)?;
        10i128
            .checked_pow(up)
            .and_then(|p| self.digits.checked_mul(p))
    }

    /// Rounded to `places` decimals, halves away from zero (how figures are rounded by hand).
    pub fn round(self, places: u32) -> Exact {
        if self.scale <= places {
            return self;
        }
        let p = 10i128.pow(self.scale - places);
        let (q, r) = (self.digits / p, self.digits % p);
        let q = if r.abs() * 2 >= p {
            q + self.digits.signum()
        } else {
            q
        };
        Exact {
            digits: q,
            scale: places,
        }
    }

    /// The number as a whole count of `10^-places` (84,25 at 4 places is 842 500); None when it
    /// has more decimals than `places` or does not fit in `i64`.
    pub fn as_scaled(self, places: u32) -> Option<i64> {
        if self.has_more_places_than(places) {
            return None;
        }
        self.round(places)
            .at_scale(places)
            .and_then(|v| i64::try_from(v).ok())
    }

    /// Whether any digit after the first `places` decimals is not zero.
    pub fn has_more_places_than(self, places: u32) -> bool {
        self.round(places).cmp(&self) != Ordering::Equal
    }

    /// The nearest float; the conversion goes through the decimal text so it is correctly
    /// rounded (84,2 becomes the same `f64` as the literal `84.2`).
    pub fn to_f64(self) -> f64 {
        format!("{}e-{}", self.digits, self.scale)
            .parse()
            .unwrap_or(f64::NAN)
    }

    /// The shortest decimal that reads back as `v` (what Rust prints), so a stored 84.2 is
    /// the exact 84,2 again; None for NaN, infinities and magnitudes beyond `i128`.
    pub fn from_f64(v: f64) -> Option<Exact> {
        if !v.is_finite() || v.abs() >= 1e30 {
            return None;
        }
        let s = format!("{v}");
        let (neg, body) = match s.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, s.as_str()),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        // Shortest forms of tiny numbers can carry many zeros; keep what `i128` can hold.
        let frac = &frac[..frac.len().min(30)];
        let digits: i128 = format!("{int}{frac}").parse().ok()?;
        Some(Exact {
            digits: if neg { -digits } else { digits },
            scale: frac.len() as u32,
        })
    }
}

impl PartialEq for Exact {
    fn eq(&self, other: &Exact) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Exact {}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Exact) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Exact) -> Ordering {
        let scale = self.scale.max(other.scale);
        match (self.at_scale(scale), other.at_scale(scale)) {
            (Some(a), Some(b)) => a.cmp(&b),
            // Only numbers far beyond any figure overflow; their floats order them correctly.
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

/// `v` rounded to `places` decimals, halves away from zero, as a float again. Float noise from
/// arithmetic (96.44999999999999 for 96,45) is washed out at 9 decimals first, so a computed
/// figure rounds as its true value would.
pub fn round_f64(v: f64, places: u32) -> f64 {
    match Exact::from_f64(v) {
        Some(e) => e.round(places.max(9)).round(places).to_f64(),
        None => v,
    }
}

/// `v` as an exact decimal rounded to `places`; what a threshold is compared on.
pub fn exact_at(v: f64, places: u32) -> Option<Exact> {
    Exact::from_f64(v).map(|e| e.round(places.max(9)).round(places))
}

fn is_space(c: char) -> bool {
    // NBSP and narrow NBSP are what Excel and Word put between groups of digits.
    c.is_whitespace() || matches!(c, '\u{00a0}' | '\u{202f}' | '\u{2009}')
}

/// Integer digits split by one kind of separator: the first group 1–3 digits and not a bare
/// «0», every later group exactly 3 digits.
fn grouped(int: &str, sep: char) -> Option<String> {
    let groups: Vec<&str> = int.split(sep).collect();
    let first = groups.first()?;
    let ok = (1..=3).contains(&first.len())
        && !first.starts_with('0')
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    ok.then(|| groups.concat())
}

/// Reads a number the Vietnamese way, exactly; the error says in Vietnamese what is wrong.
///
/// Accepted: `1.234.567`, `84,2`, `1.234,5`, `12 345`, `3\u{a0}210`, `-1,6`, `0.125`
/// (= 0,125), `99.5` (= 99,5: a last group of other than three digits cannot be thousands).
/// Refused: `1,234,567` (US grouping is ambiguous), `1.23.4`, `1e5`, `12 34`, text.
pub fn parse_exact_vn(raw: &str) -> Result<Exact, String> {
    let shown = raw.trim_matches(is_space);
    if shown.is_empty() {
        return Err("Chưa nhập số.".into());
    }
    let not_a_number = || format!("«{shown}» không phải là số.");
    let (negative, body) = if let Some(b) = shown.strip_prefix(['-', '\u{2212}']) {
        (true, b)
    } else {
        (false, shown.strip_prefix('+').unwrap_or(shown))
    };
    let body = body.trim_start_matches(is_space);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_space(c))
    {
        return Err(not_a_number());
    }
    // Spaces only ever group thousands: normalise them to one marker.
    let body: String = body
        .chars()
        .map(|c| if is_space(c) { ' ' } else { c })
        .collect();
    let unclear = || {
        format!(
            "«{shown}» không rõ cách viết: dấu chấm (hoặc khoảng trắng) ngăn hàng nghìn, dấu phẩy ngăn phần thập phân, ví dụ 1.234.567 hoặc 1.234,5."
        )
    };
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let (int, frac) = if commas > 1 {
        return Err(unclear());
    } else if commas == 1 {
        let (int, frac) = body.split_once(',').ok_or_else(unclear)?;
        if frac.is_empty() || (dots > 0 && int.contains(' ')) {
            return Err(unclear());
        }
        let sep = if dots > 0 { '.' } else { ' ' };
        let int = if int.contains(sep) {
            grouped(int, sep).ok_or_else(unclear)?
        } else {
            int.to_string()
        };
        (int, frac.to_string())
    } else if dots > 0 {
        if body.contains(' ') {
            return Err(unclear());
        }
        match grouped(&body, '.') {
            Some(int) => (int, String::new()),
            // One dot that cannot be thousands: an English decimal point (0.125, 99.5).
            None if dots == 1 => {
                let (int, frac) = body.split_once('.').ok_or_else(unclear)?;
                (int.to_string(), frac.to_string())
            }
            None => return Err(unclear()),
        }
    } else if body.contains(' ') {
        (grouped(&body, ' ').ok_or_else(unclear)?, String::new())
    } else {
        (body.clone(), String::new())
    };
    if int.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(unclear());
    }
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    if int.len() > MAX_INT_DIGITS || frac.len() > MAX_FRAC_DIGITS as usize {
        return Err(format!("«{shown}» có quá nhiều chữ số."));
    }
    let digits: i128 = format!("0{int}{frac}")
        .parse()
        .map_err(|_| not_a_number())?;
    Ok(Exact {
        digits: if negative { -digits } else { digits },
        scale: frac.len() as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<f64> {
        parse_exact_vn(s).ok().map(Exact::to_f64)
    }

    #[test]
    fn case_11_good_readings() {
        // Every text cell of case 11's good workbook, with the value the official meant.
        assert_eq!(read("12.345"), Some(12345.0));
        assert_eq!(read("3\u{a0}210"), Some(3210.0));
        assert_eq!(read("1.234,5"), Some(1234.5));
        assert_eq!(read("84,2"), Some(84.2));
        assert_eq!(read("96,5"), Some(96.5));
        assert_eq!(read("99.5"), Some(99.5));
        assert_eq!(read("45"), Some(45.0));
        assert_eq!(read("5"), Some(5.0));
        assert_eq!(read("3.100"), Some(3100.0));
        assert_eq!(read("8"), Some(8.0));
        assert_eq!(read("4"), Some(4.0));
        assert_eq!(read("1"), Some(1.0));
        // A leading group «0» never occurs in dot-grouped thousands: 0,125, not 125.
        assert_eq!(read("0.125"), Some(0.125));
        assert_eq!(read("0.750"), Some(0.75));
    }

    #[test]
    fn case_11_bad_readings_are_refused_with_a_reason() {
        let us = parse_exact_vn("1,234,567").unwrap_err();
        assert!(us.contains("không rõ cách viết"), "{us}");
        // 84.200.000 is a number (đồng); the indicator's bounds refuse it, not the parser.
        assert_eq!(read("84.200.000"), Some(84_200_000.0));
        assert!(parse_exact_vn("96,5%").is_err());
        assert_eq!(
            parse_exact_vn("mười").unwrap_err(),
            "«mười» không phải là số."
        );
        assert_eq!(parse_exact_vn("  ").unwrap_err(), "Chưa nhập số.");
    }

    #[test]
    fn groups_split_by_spaces_and_signs() {
        assert_eq!(read(" 12 345 "), Some(12345.0));
        assert_eq!(read("1\u{202f}234\u{202f}567"), Some(1_234_567.0));
        assert_eq!(read("1 234,5"), Some(1234.5));
        assert_eq!(read("-1,6"), Some(-1.6));
        assert_eq!(read("\u{2212}702.000"), Some(-702_000.0));
        assert_eq!(read("1.234"), Some(1234.0));
        assert_eq!(read("84.2"), Some(84.2));
        assert_eq!(read("007"), Some(7.0));
        for bad in [
            "12 34",
            "1.23.4",
            "1e5",
            "1.234 567",
            "1 234.567",
            ",5",
            "1,",
            "NaN",
            "-",
        ] {
            assert!(parse_exact_vn(bad).is_err(), "{bad} should be refused");
        }
        assert!(parse_exact_vn("1234567890123456789").is_err());
    }

    #[test]
    fn rounding_is_exact_and_halves_go_away_from_zero() {
        let e = |s: &str| parse_exact_vn(s).unwrap();
        assert_eq!(e("89,96").round(1), e("90"));
        assert_eq!(e("89,95").round(1), e("90"));
        assert_eq!(e("89,94").round(1), e("89,9"));
        assert_eq!(e("96,45").round(1), e("96,5"));
        assert_eq!(e("0,125").round(2), e("0,13"));
        assert_eq!(e("-1,65").round(1), e("-1,7"));
        assert!(e("84,25").has_more_places_than(1));
        assert!(!e("84,20").has_more_places_than(1));
        // Float noise from arithmetic is washed out before rounding.
        assert_eq!(round_f64(96.449_999_999_999_99, 1), 96.5);
        assert_eq!(round_f64(1.005 * 1000.0, 0), 1005.0);
        assert_eq!(round_f64(89.96, 1), 90.0);
        assert_eq!(exact_at(89.96, 1), Some(e("90")));
        assert_eq!(Exact::from_f64(84.2).map(|x| x.to_f64()), Some(84.2));
    }
}
