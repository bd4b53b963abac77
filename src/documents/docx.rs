//! Word documents in the layout of Decree 30/2020/NĐ-CP Annex I (DESIGN §5): A4, margins top
//! and bottom 20 mm, left 30 mm, right 15 mm, Times New Roman 14; the issuing body top left in
//! capitals with a short rule and the number under it, the national title and motto top
//! right, the place and date in italics, the document type and subject bold and centred, the
//! body, the signature block (TM./KT., title in bold capitals, name) and "Nơi nhận:" in 12.
//! Every generated tờ trình, report, minutes and consolidated list goes through `Letter`.

use docx_rs::{
    AlignmentType, BreakType, Docx, PageMargin, Paragraph, Run, RunFonts, Table, TableCell,
    TableRow, WidthType,
};

/// Twentieths of a point per millimetre, rounded (1 mm = 56.7 twips).
const fn mm(v: i32) -> i32 {
    v * 567 / 10
}

/// A block of the body.
#[derive(Debug, Clone)]
pub enum Block {
    /// A justified paragraph, first line indented.
    Text(String),
    /// A bold heading line ("Điều 1.", "I. Thành tích").
    Heading(String),
    /// A legal basis line, in italics (Decree 30/2020 Annex I: each ends ";", the last ",").
    Basis(String),
    /// A bold centred line ("CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ HỒNG LĨNH", "QUYẾT ĐỊNH:").
    Centred(String),
    /// An italic centred line under an annex title ("(Kèm theo Quyết định số …)").
    Note(String),
    /// A table with a header row; widths in per-mille of the text width.
    Table {
        headers: Vec<String>,
        widths: Vec<usize>,
        rows: Vec<Vec<String>>,
    },
}

/// A document of Decree 30 shape.
#[derive(Debug, Clone, Default)]
pub struct Letter {
    /// The body above the issuer, e.g. "UBND THỊ XÃ HỒNG LĨNH"; empty when none.
    pub parent: String,
    /// The issuer, e.g. "UBND PHƯỜNG ĐỨC THUẬN".
    pub issuer: String,
    /// "Số: 15/TTr-UBND"; empty leaves a blank to fill.
    pub number: String,
    /// "Đức Thuận, ngày 05 tháng 12 năm 2024".
    pub place_date: String,
    /// "TỜ TRÌNH", "BÁO CÁO", "BIÊN BẢN", "DANH SÁCH".
    pub kind: String,
    /// "Về việc đề nghị khen thưởng …".
    pub subject: String,
    /// "Kính gửi: …" lines.
    pub recipients: Vec<String>,
    pub body: Vec<Block>,
    /// ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", name or blank).
    pub signature: (String, String, String),
    pub send_to: Vec<String>,
    /// Pages after the signature (a decision's annex list), starting on a new page.
    pub annex: Vec<Block>,
}

fn fonts() -> RunFonts {
    let f = "Times New Roman";
    RunFonts::new().ascii(f).hi_ansi(f).cs(f).east_asia(f)
}

fn line(text: &str, bold: bool, italic: bool, size: usize, align: AlignmentType) -> Paragraph {
    let mut r = Run::new().add_text(text).size(size);
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    Paragraph::new().add_run(r).align(align)
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), TableCell::add_paragraph)
        .width(width, WidthType::Dxa)
}

/// The text width in twips: A4 210 mm less 30 + 15 mm margins.
const TEXT_WIDTH: usize = (mm(210) - mm(30) - mm(15)) as usize;

fn header(l: &Letter) -> Table {
    let c = AlignmentType::Center;
    let mut left = Vec::new();
    if !l.parent.is_empty() {
        left.push(line(&l.parent, false, false, 26, c));
    }
    left.push(line(&l.issuer, true, false, 26, c));
    left.push(line("―――――", false, false, 26, c));
    let number = if l.number.is_empty() {
        "Số:        /".to_string()
    } else {
        l.number.clone()
    };
    left.push(line(&number, false, false, 26, c));
    let right = vec![
        line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false, 26, c),
        line("Độc lập - Tự do - Hạnh phúc", true, false, 28, c),
        line("―――――――――――――――", false, false, 26, c),
        line(&l.place_date, false, true, 28, c),
    ];
    let w = TEXT_WIDTH * 2 / 5;
    Table::without_borders(vec![TableRow::new(vec![
        cell(left, w),
        cell(right, TEXT_WIDTH - w),
    ])])
    .width(TEXT_WIDTH, WidthType::Dxa)
}

fn table(headers: &[String], widths: &[usize], rows: &[Vec<String>]) -> Table {
    let w = |i: usize| widths.get(i).copied().unwrap_or(100) * TEXT_WIDTH / 1000;
    let head = TableRow::new(
        headers
            .iter()
            .enumerate()
            .map(|(i, h)| cell(vec![line(h, true, false, 24, AlignmentType::Center)], w(i)))
            .collect(),
    );
    let body = rows.iter().map(|r| {
        TableRow::new(
            r.iter()
                .enumerate()
                .map(|(i, v)| cell(vec![line(v, false, false, 24, AlignmentType::Left)], w(i)))
                .collect(),
        )
    });
    Table::new(std::iter::once(head).chain(body).collect()).width(TEXT_WIDTH, WidthType::Dxa)
}

fn signature(l: &Letter) -> Table {
    let c = AlignmentType::Center;
    let mut left = vec![line("Nơi nhận:", true, true, 24, AlignmentType::Left)];
    for s in &l.send_to {
        left.push(line(
            &format!("- {s};"),
            false,
            false,
            22,
            AlignmentType::Left,
        ));
    }
    left.push(line("- Lưu: VT.", false, false, 22, AlignmentType::Left));
    let (prefix, title, name) = &l.signature;
    let mut right = Vec::new();
    if !prefix.is_empty() {
        right.push(line(prefix, true, false, 28, c));
    }
    right.push(line(title, true, false, 28, c));
    for _ in 0..4 {
        right.push(Paragraph::new());
    }
    right.push(line(name, true, false, 28, c));
    let w = TEXT_WIDTH / 2;
    Table::without_borders(vec![TableRow::new(vec![cell(left, w), cell(right, w)])])
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// The document as DOCX bytes. Errors: the archive could not be written (in memory, so only
/// on exhaustion), as a message.
pub fn render(l: &Letter) -> Result<Vec<u8>, String> {
    let margin = PageMargin::new()
        .top(mm(20))
        .bottom(mm(20))
        .left(mm(30))
        .right(mm(15));
    let c = AlignmentType::Center;
    let mut doc = Docx::new()
        .page_size(mm(210) as u32, mm(297) as u32)
        .page_margin(margin)
        .default_fonts(fonts())
        .default_size(28)
        .add_table(header(l))
        .add_paragraph(Paragraph::new())
        .add_paragraph(line(&l.kind, true, false, 28, c));
    if !l.subject.is_empty() {
        doc = doc.add_paragraph(line(&l.subject, true, false, 28, c));
    }
    for r in &l.recipients {
        doc = doc.add_paragraph(line(r, false, false, 28, c));
    }
    doc = doc.add_paragraph(Paragraph::new());
    doc = blocks(doc, &l.body);
    doc = doc.add_paragraph(Paragraph::new()).add_table(signature(l));
    if !l.annex.is_empty() {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
        doc = blocks(doc, &l.annex);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

fn blocks(mut doc: Docx, body: &[Block]) -> Docx {
    let c = AlignmentType::Center;
    for b in body {
        doc = match b {
            Block::Basis(t) => {
                doc.add_paragraph(line(t, false, true, 28, AlignmentType::Both).indent(
                    None,
                    None,
                    Some(mm(10)),
                    None,
                ))
            }
            Block::Centred(t) => doc.add_paragraph(line(t, true, false, 28, c)),
            Block::Note(t) => doc.add_paragraph(line(t, false, true, 28, c)),
            Block::Text(t) => {
                doc.add_paragraph(line(t, false, false, 28, AlignmentType::Both).indent(
                    None,
                    None,
                    Some(mm(10)),
                    None,
                ))
            }
            Block::Heading(t) => doc.add_paragraph(line(t, true, false, 28, AlignmentType::Left)),
            Block::Table {
                headers,
                widths,
                rows,
            } => doc
                .add_table(table(headers, widths, rows))
                .add_paragraph(Paragraph::new()),
        };
    }
    doc
}

/// "Đức Thuận, ngày 05 tháng 12 năm 2024", "Hồng Lĩnh, ngày 05 tháng 7 năm 2022": the date as
/// Decree 30/2020 writes it (`text::document_date`).
pub fn place_date(place: &str, on: chrono::NaiveDate) -> String {
    format!("{place}, {}", crate::text::document_date(on))
}

/// The text of a DOCX (every `w:t`, one line per paragraph), for tests and checks that
/// re-read what was generated.
pub fn text_of(bytes: &[u8]) -> Result<String, String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| e.to_string())?
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            quick_xml::events::Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            quick_xml::events::Event::End(e) if e.name().as_ref() == "w:p" => out.push('\n'),
            quick_xml::events::Event::Text(t) if in_text => {
                out.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
            }
            quick_xml::events::Event::GeneralRef(r) if in_text => {
                out.push_str(match r.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                });
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_reads_back_with_its_parts() {
        let l = Letter {
            issuer: "UBND PHƯỜNG ĐỨC THUẬN".into(),
            number: "Số: 15/TTr-UBND".into(),
            place_date: place_date(
                "Đức Thuận",
                chrono::NaiveDate::from_ymd_opt(2024, 12, 5).unwrap(),
            ),
            kind: "TỜ TRÌNH".into(),
            subject: "Về việc đề nghị khen thưởng".into(),
            body: vec![
                Block::Text("Căn cứ Kế hoạch số 1009/KH-UBND;".into()),
                Block::Table {
                    headers: vec!["TT".into(), "Họ và tên".into()],
                    widths: vec![100, 900],
                    rows: vec![vec!["1".into(), "Nguyễn Thị Hoa".into()]],
                },
            ],
            signature: (
                "TM. ỦY BAN NHÂN DÂN".into(),
                "CHỦ TỊCH".into(),
                String::new(),
            ),
            ..Letter::default()
        };
        let text = text_of(&render(&l).unwrap()).unwrap();
        for part in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 15/TTr-UBND",
            "Đức Thuận, ngày 05 tháng 12 năm 2024",
            "TỜ TRÌNH",
            "Nguyễn Thị Hoa",
            "TM. ỦY BAN NHÂN DÂN",
            "Nơi nhận:",
        ] {
            assert!(text.contains(part), "{part} missing from\n{text}");
        }
    }
}
