//! Tests of the PDF writer, beside `pdf.rs`.

use super::*;

#[test]
fn every_vietnamese_letter_has_its_own_glyph() {
    let w = Writer::new().unwrap();
    let letters = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";
    let lower = letters.to_lowercase();
    let question = w.glyph(0, '?');
    for face in 0..4 {
        for ch in letters.chars().chain(lower.chars()) {
            let g = w.glyph(face, ch);
            assert!(g != 0 && g != question, "{ch} missing in face {face}");
        }
    }
}

#[test]
fn a_long_line_wraps_at_words_within_the_width() {
    let w = Writer::new().unwrap();
    let s = "Đã có thành tích xuất sắc trong phong trào thi đua xây dựng nông thôn mới";
    let lines = w.wrap(Face::Regular, 13.0, s, 60.0);
    assert!(lines.len() > 1);
    assert_eq!(lines.join(" "), s);
    for l in &lines {
        assert!(w.width(Face::Regular, 13.0, l) <= 60.0, "{l}");
    }
}

#[test]
fn a_written_file_has_its_pages() {
    let mut w = Writer::new().unwrap();
    for n in 0..3 {
        w.page(A4);
        w.text(Face::Bold, 13.0, 30.0, 30.0, &format!("Trang {n} – ỦY BAN"));
    }
    let bytes = w.finish("Thử").unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&bytes).contains("/Count 3"));
}
