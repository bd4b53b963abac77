use std::io::Write;

use super::*;

fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in entries {
        out.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(body.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The parts in the order Word writes them (the signature reader looks at the third).
pub fn docx() -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", "<Types/>"),
        ("_rels/.rels", "<Relationships/>"),
        ("word/document.xml", "<w:document/>"),
        ("word/styles.xml", "<w:styles/>"),
    ])
}

fn xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write(0, 0, "Minh chứng").unwrap();
    book.save_to_buffer().unwrap()
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01";

#[test]
fn the_kind_comes_from_the_content() {
    assert_eq!(sniff(b"%PDF-1.7\n..."), Some(Kind::Pdf));
    assert_eq!(sniff(PNG), Some(Kind::Png));
    assert_eq!(sniff(JPEG), Some(Kind::Jpeg));
    assert_eq!(sniff(&docx()), Some(Kind::Docx));
    assert_eq!(sniff(&xlsx()), Some(Kind::Xlsx));
    // A plain ZIP, a Windows program, a script: none is evidence.
    assert_eq!(sniff(&zip_of(&[("a.txt", "x")])), None);
    assert_eq!(sniff(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"), None);
    assert_eq!(sniff(b"\x7fELF\x02\x01\x01"), None);
    assert_eq!(sniff(b"<script>alert(1)</script>"), None);
}

#[test]
fn an_accepted_file_is_named_by_its_hash() {
    let a = accept("Biên bản\u{200b} kiểm tra.pdf", b"%PDF-1.4 x").unwrap();
    assert_eq!(a.name, "Biên bản kiểm tra.pdf");
    assert_eq!(a.kind, Kind::Pdf);
    assert_eq!(a.size, 10);
    assert_eq!(a.sha256, digest(b"%PDF-1.4 x"));
    assert!(is_key(&a.sha256));
    assert_eq!(accept("ảnh.JPEG", JPEG).unwrap().kind, Kind::Jpeg);
}

#[test]
fn each_bad_file_is_refused_with_its_reason() {
    let exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff";
    let e = accept("bao-cao.pdf", exe).unwrap_err();
    assert!(
        e.contains("Nội dung tệp «bao-cao.pdf» không phải PDF"),
        "{e}"
    );
    let e = accept("../../x.pdf", b"%PDF-1.4").unwrap_err();
    assert!(e.contains("Tên tệp «../../x.pdf» không hợp lệ"), "{e}");
    assert!(accept("..\\x.pdf", b"%PDF-1.4").is_err());
    assert!(accept(".htaccess.pdf", b"%PDF-1.4").is_err());
    let e = accept("trong.pdf", b"").unwrap_err();
    assert!(e.contains("rỗng (0 byte)"), "{e}");
    let big = vec![b'%'; MAX_BYTES + 1];
    let e = accept("lon.pdf", &big).unwrap_err();
    assert!(e.contains("nặng 20,1 MB, quá giới hạn 20 MB"), "{e}");
    let e = accept("anh.pdf", PNG).unwrap_err();
    assert!(
        e.contains("nội dung là ảnh PNG nhưng tên lại có đuôi «.pdf»"),
        "{e}"
    );
    assert!(accept("", b"%PDF").is_err());
    assert!(accept(&format!("{}.pdf", "a".repeat(200)), b"%PDF-1.4").is_err());
}

#[test]
fn exactly_twenty_megabytes_is_taken() {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.resize(MAX_BYTES, b' ');
    assert!(accept("vua.pdf", &pdf).is_ok());
}

#[test]
fn sizes_read_as_officials_write_them() {
    assert_eq!(size_text(10), "1 KB");
    assert_eq!(size_text(850 * 1024), "850 KB");
    assert_eq!(size_text(2_516_582), "2,4 MB");
}

#[test]
fn a_manifest_names_only_files_inside_the_store() {
    let key = digest(b"x");
    let good = format!("# thidua\n{key} 1 kho-tep/{}/{key}\n", &key[..2]);
    assert_eq!(backup::parse_manifest(&good).unwrap().len(), 1);
    let escaping = format!("{key} 1 ../../etc/passwd\n");
    assert!(backup::parse_manifest(&escaping).is_err());
    assert!(backup::parse_manifest("abc 1 kho-tep/ab/abc\n").is_err());
}
