//! Sort keys for names, so a plain `ORDER BY` puts them in Vietnamese order on every engine:
//! letters in the Vietnamese alphabet, tones only to break ties, and people by given name,
//! then middle names, then family name (DESIGN.md §2.2).

use unicode_normalization::UnicodeNormalization;

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

/// A sort key for a person's full name in Vietnamese order (DESIGN.md §2.2, the order award
/// annexes and voter lists are printed in): given name (the last word), then the middle names
/// in written order, then the family name (the first word); letters first, tones only to break
/// ties. "Nguyễn Thị An" sorts as "An Thị Nguyễn", so Đỗ Minh An < Nguyễn Thị An < Trần Thị An
/// < Lê Văn An. Stored beside the name so both engines sort people with a plain `ORDER BY`;
/// change [`PERSON_SORT_KEY_VERSION`] whenever this order changes.
pub fn person_sort_key(full_name: &str) -> String {
    let words: Vec<&str> = full_name.split_whitespace().collect();
    let ordered: Vec<&str> = match words.split_last() {
        Some((given, [family, middle @ ..])) => std::iter::once(*given)
            .chain(middle.iter().copied())
            .chain(std::iter::once(*family))
            .collect(),
        Some((given, [])) => vec![*given],
        None => Vec::new(),
    };
    name_sort_key(&ordered)
}

/// The version of [`person_sort_key`]'s order. Start-up re-keys stored people (and households
/// by their head) once when the database records an older version.
pub const PERSON_SORT_KEY_VERSION: i64 = 2;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by_key(|n| person_sort_key(n));
        v
    }

    #[test]
    fn people_sort_by_given_name_then_middle_then_family() {
        assert_eq!(
            sorted(&["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Lê Ân"]),
            vec!["Nguyễn Thị An", "Lê Văn An", "Lê Ân", "Trần Văn Bình"]
        );
        // Case 01: within «An» the middle names decide (Minh < Thị < Văn); only the two
        // «Thị An» are then separated by family name (Nguyễn < Trần).
        assert_eq!(
            sorted(&[
                "Lê Văn An",
                "Trần Thị An",
                "Nguyễn Thị An",
                "Đỗ Minh An",
                "Hoàng Văn Bình",
                "Bùi Thị Bình"
            ]),
            vec![
                "Đỗ Minh An",
                "Nguyễn Thị An",
                "Trần Thị An",
                "Lê Văn An",
                "Bùi Thị Bình",
                "Hoàng Văn Bình"
            ]
        );
    }

    #[test]
    fn several_middle_names_keep_their_written_order_before_the_family_name() {
        // Ngọc, then Thị, then Hồng or Lan, and only then the family name: Hồng < Lan decides
        // although Bùi < Đặng.
        assert_eq!(
            sorted(&["Bùi Thị Lan Ngọc", "Đặng Thị Hồng Ngọc", "Ngọc", "Lý Ngọc"]),
            vec!["Ngọc", "Lý Ngọc", "Đặng Thị Hồng Ngọc", "Bùi Thị Lan Ngọc"]
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
}
