//! Giấy khen certificates in batch (issue 13, item 4): one page per awardee, either the full
//! design on plain paper or only the variable lines placed onto the pre-printed blanks offices
//! buy, shifted by the office's print offsets in millimetres. Every page carries the
//! certificate's number in the awards register (sổ theo dõi khen thưởng).

use chrono::NaiveDate;

use crate::documents::pdf::{A4_LANDSCAPE, Face, PdfError, Writer};
use crate::text;

/// What one certificate says. Names and lines are as the decision's annex gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The number in the awards register, e.g. "GK-2024-0001".
    pub register_number: String,
    /// The awardee: "Ông Nguyễn Văn An", "Tổ dân phố 5", "Hộ gia đình ông …".
    pub awardee: String,
    /// Where the awardee belongs ("Phường Bắc Hồng", "Thôn Trung Lương").
    pub unit_line: String,
    /// The achievement, one sentence.
    pub achievement: String,
    /// "12/QĐ-UBND".
    pub decision_number: String,
    pub decision_date: NaiveDate,
    /// Place in the date line ("Hồng Lĩnh").
    pub place: String,
    /// The granting authority in capitals ("CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ HỒNG LĨNH").
    pub authority: String,
    /// The signing block's title lines ("CHỦ TỊCH", or "KT. CHỦ TỊCH" and "PHÓ CHỦ TỊCH").
    pub signer_titles: Vec<String>,
    pub signer_name: String,
}

/// Where the variable lines go on a pre-printed blank, kept per office: positive `right` moves
/// everything right, positive `down` moves it down (mm).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Offsets {
    pub right: f32,
    pub down: f32,
}

/// The full design or the variable lines for a blank.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Layout {
    Full,
    OnBlank(Offsets),
}

const CENTRE: f32 = A4_LANDSCAPE.0 / 2.0;

/// The batch as one PDF, a page per certificate in the given order. Errors: `PdfError`.
pub fn render(certs: &[Certificate], layout: Layout) -> Result<Vec<u8>, PdfError> {
    let mut w = Writer::new()?;
    for c in certs {
        w.page(A4_LANDSCAPE);
        match layout {
            Layout::Full => full(&mut w, c),
            Layout::OnBlank(o) => blank(&mut w, c, o),
        }
    }
    w.finish("Giấy khen")
}

fn full(w: &mut Writer, c: &Certificate) {
    let (width, height) = A4_LANDSCAPE;
    for inset in [8.0, 10.0] {
        let (l, t, r, b) = (inset, inset, width - inset, height - inset);
        w.line(l, t, r, t, 1.0);
        w.line(r, t, r, b, 1.0);
        w.line(r, b, l, b, 1.0);
        w.line(l, b, l, t, 1.0);
    }
    w.centred(
        Face::Bold,
        13.0,
        CENTRE,
        24.0,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    );
    w.centred(
        Face::Bold,
        14.0,
        CENTRE,
        31.0,
        "Độc lập - Tự do - Hạnh phúc",
    );
    let motto = w.width(Face::Bold, 14.0, "Độc lập - Tự do - Hạnh phúc");
    w.line(CENTRE - motto / 2.0, 33.0, CENTRE + motto / 2.0, 33.0, 0.5);
    w.centred(Face::Bold, 14.0, CENTRE, 46.0, &c.authority);
    w.centred(Face::Bold, 40.0, CENTRE, 66.0, "GIẤY KHEN");
    w.centred(Face::Italic, 15.0, CENTRE, 78.0, "Tặng");
    variable(w, c, Offsets::default());
}

fn blank(w: &mut Writer, c: &Certificate, o: Offsets) {
    variable(w, c, o);
}

/// The lines every certificate fills in, at the places of the full design (a blank is printed
/// to the same grid, moved by the offsets).
fn variable(w: &mut Writer, c: &Certificate, o: Offsets) {
    let cx = CENTRE + o.right;
    let y = |mm: f32| mm + o.down;
    w.centred(Face::Bold, 22.0, cx, y(92.0), &c.awardee);
    w.centred(Face::Italic, 14.0, cx, y(101.0), &c.unit_line);
    let mut line_y = 112.0;
    for line in w.wrap(Face::Regular, 14.0, &c.achievement, 220.0) {
        w.centred(Face::Regular, 14.0, cx, y(line_y), &line);
        line_y += 7.0;
    }
    let sign_x = 215.0 + o.right;
    w.centred(
        Face::Italic,
        13.0,
        sign_x,
        y(148.0),
        &format!("{}, {}", c.place, text::document_date(c.decision_date)),
    );
    let mut sy = 155.0;
    for t in &c.signer_titles {
        w.centred(Face::Bold, 13.0, sign_x, y(sy), t);
        sy += 6.0;
    }
    w.centred(Face::Bold, 13.0, sign_x, y(190.0), &c.signer_name);
    let left = 30.0 + o.right;
    w.text(
        Face::Regular,
        11.0,
        left,
        y(182.0),
        &format!(
            "Quyết định số {} {}",
            c.decision_number,
            text::document_date(c.decision_date)
        ),
    );
    w.text(
        Face::Regular,
        11.0,
        left,
        y(188.0),
        &format!("Số vào sổ: {}", c.register_number),
    );
}

/// A specimen certificate numbered `n`, marked "(mẫu)": printed onto a blank to adjust the
/// office's offsets before a batch, and the sample of the benchmark and tests.
pub fn specimen(n: usize) -> Certificate {
    Certificate {
        register_number: format!("GK-2024-{n:04}"),
        awardee: format!("Bà Đặng Thị Ánh Tuyết {n} (mẫu)"),
        unit_line: "Tổ dân phố 5, phường Bắc Hồng".into(),
        achievement: "Đã có thành tích xuất sắc trong phong trào thi đua xây dựng nông thôn mới, đô thị văn minh năm 2024".into(),
        decision_number: "05/QĐ-UBND".into(),
        decision_date: NaiveDate::from_ymd_opt(2024, 12, 5).unwrap_or_default(),
        place: "Hồng Lĩnh".into(),
        authority: "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ HỒNG LĨNH".into(),
        signer_titles: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
        signer_name: "Trần Văn Bình".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_per_certificate_on_both_layouts() {
        let certs: Vec<_> = (1..=4).map(specimen).collect();
        for layout in [
            Layout::Full,
            Layout::OnBlank(Offsets {
                right: 3.5,
                down: -2.0,
            }),
        ] {
            let pdf = render(&certs, layout).unwrap();
            assert!(String::from_utf8_lossy(&pdf).contains("/Count 4"));
        }
    }
}
