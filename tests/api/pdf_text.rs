//! The PDFs' text, read back by a third-party reader (poppler's pdftotext and pdfinfo): what is
//! drawn — every Vietnamese letter included — is what is extracted (issue 13, "Fonts").

use thidua::awards::certificate_pdf::{self, Layout, Offsets};

pub(crate) fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) must be installed: {e}"));
    assert!(out.status.success(), "{tool} failed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn certificates_read_back_as_drawn_a_page_each_with_its_register_number() {
    let certs: Vec<_> = (1..=3).map(certificate_pdf::specimen).collect();
    for layout in [
        Layout::Full,
        Layout::OnBlank(Offsets {
            right: 5.0,
            down: 3.0,
        }),
    ] {
        let pdf = certificate_pdf::render(&certs, layout).unwrap();
        let info = poppler("pdfinfo", &[], &pdf);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Pages:") && l.ends_with(" 3")),
            "{info}"
        );
        for (i, c) in certs.iter().enumerate() {
            let page = (i + 1).to_string();
            let text = poppler("pdftotext", &["-f", &page, "-l", &page], &pdf);
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for want in [
                c.awardee.as_str(),
                c.unit_line.as_str(),
                "Hồng Lĩnh, ngày 05 tháng 12 năm 2024",
                "Quyết định số 05/QĐ-UBND ngày 05 tháng 12 năm 2024",
                &format!("Số vào sổ: {}", c.register_number),
                "KT. CHỦ TỊCH",
                "PHÓ CHỦ TỊCH",
                "Trần Văn Bình",
            ] {
                assert!(flat.contains(want), "page {page} lacks «{want}»: {flat}");
            }
            let full = flat.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
                && flat.contains("CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ HỒNG LĨNH")
                && flat.contains("GIẤY KHEN");
            assert_eq!(
                full,
                layout == Layout::Full,
                "the blank carries only the variable lines"
            );
        }
    }
}
