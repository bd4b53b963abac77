//! The award decision as a Decree 30/2020 document (issue 13, item 3): the issuing body and
//! number, the place and date line, the authority, the legal bases in italics, "Điều 1." naming
//! the awardees by count, "Điều 2." the money per awardee and the total, "Điều 3." who carries
//! it out; then the annex list grouped by form and subject kind with each group's total. One
//! [`Letter`] gives both the DOCX and the PDF.

use chrono::NaiveDate;

use super::SubjectKind;
use super::decision_store::Awardee;
use crate::documents::docx::{Block, Letter};
use crate::text;

/// How the decision is signed (reference facts, "Who awards"): the chairman's own decision
/// (no prefix — likely for Giấy khen), a deputy signing for the chairman ("KT. CHỦ TỊCH /
/// PHÓ CHỦ TỊCH"), or a collective decision of the committee ("TM. ỦY BAN NHÂN DÂN").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningForm {
    Chairman,
    OnBehalf,
    Committee,
}

impl SigningForm {
    pub const ALL: [SigningForm; 3] = [
        SigningForm::Chairman,
        SigningForm::OnBehalf,
        SigningForm::Committee,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SigningForm::Chairman => "chairman",
            SigningForm::OnBehalf => "kt",
            SigningForm::Committee => "tm",
        }
    }

    pub fn from_code(s: &str) -> Option<SigningForm> {
        SigningForm::ALL.into_iter().find(|f| f.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            SigningForm::Chairman => "Chủ tịch ký (quyết định của Chủ tịch)",
            SigningForm::OnBehalf => "KT. Chủ tịch — Phó Chủ tịch ký thay",
            SigningForm::Committee => "TM. Ủy ban nhân dân — Chủ tịch ký",
        }
    }

    /// The signature block's prefix and title lines.
    pub fn titles(self) -> (&'static str, &'static str) {
        match self {
            SigningForm::Chairman => ("", "CHỦ TỊCH"),
            SigningForm::OnBehalf => ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
            SigningForm::Committee => ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        }
    }
}

/// What the decision document is made from.
#[derive(Debug, Clone)]
pub struct DecisionDoc<'a> {
    /// The issuing body's name, "Thị xã Hồng Lĩnh", "Phường Bắc Hồng Lĩnh".
    pub body_name: &'a str,
    /// Place in the date line.
    pub place: &'a str,
    pub number: &'a str,
    pub decided_on: NaiveDate,
    pub form: SigningForm,
    pub signer_name: &'a str,
    /// One legal basis per line, as the officer wrote them.
    pub bases: &'a str,
    pub movement_title: &'a str,
    pub year: i64,
    /// "05/QĐ-UBND ngày 05/12/2024" of the decision this one amends.
    pub amends: Option<String>,
    pub awardees: &'a [Awardee],
}

/// The bases as Decree 30 writes them: each line ends ";", the last ",".
pub fn basis_lines(bases: &str) -> Vec<String> {
    let lines: Vec<&str> = bases
        .lines()
        .map(|l| l.trim().trim_end_matches([';', ',', '.']).trim())
        .filter(|l| !l.is_empty())
        .collect();
    let last = lines.len().saturating_sub(1);
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{l}{}", if i == last { "," } else { ";" }))
        .collect()
}

fn kind_of(a: &Awardee) -> SubjectKind {
    SubjectKind::from_code(&a.subject_kind).unwrap_or(SubjectKind::Individual)
}

/// The groups of the annex: (form name, kind, awardees), forms in order of first appearance,
/// collectives before individuals before households.
pub fn groups(awardees: &[Awardee]) -> Vec<(String, SubjectKind, Vec<&Awardee>)> {
    let mut out: Vec<(String, SubjectKind, Vec<&Awardee>)> = Vec::new();
    let mut forms: Vec<&str> = Vec::new();
    for a in awardees {
        if !forms.contains(&a.form_name.as_str()) {
            forms.push(&a.form_name);
        }
    }
    for f in forms {
        for k in [
            SubjectKind::Collective,
            SubjectKind::Individual,
            SubjectKind::Household,
        ] {
            let list: Vec<&Awardee> = awardees
                .iter()
                .filter(|a| a.form_name == f && kind_of(a) == k)
                .collect();
            if !list.is_empty() {
                out.push((f.to_string(), k, list));
            }
        }
    }
    out
}

/// The place in a document's date line: the unit's name without its kind ("Thị xã Hồng Lĩnh"
/// → "Hồng Lĩnh", "Phường Bắc Hồng Lĩnh" → "Bắc Hồng Lĩnh"; Decree 30/2020 Annex I).
pub fn place_of(name: &str) -> &str {
    [
        "Thị xã ",
        "Thành phố ",
        "Phường ",
        "Xã ",
        "Huyện ",
        "Tỉnh ",
        "Thị trấn ",
    ]
    .iter()
    .find_map(|k| name.strip_prefix(k))
    .unwrap_or(name)
}

/// A unit's name inside a sentence: its kind in lower case ("thị xã Hồng Lĩnh").
pub fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Roman numerals for the annex's form headings (I, II, …).
fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        .get(n)
        .copied()
        .unwrap_or("")
}

/// The total money of the decision in whole đồng.
pub fn total(awardees: &[Awardee]) -> i64 {
    awardees.iter().map(|a| a.amount).sum()
}

/// The decision as a letter.
pub fn letter(d: &DecisionDoc<'_>) -> Letter {
    let body_upper = d.body_name.to_uppercase();
    let (prefix, title) = d.form.titles();
    let authority = match d.form {
        SigningForm::Committee => format!("ỦY BAN NHÂN DÂN {body_upper}"),
        _ => format!("CHỦ TỊCH ỦY BAN NHÂN DÂN {body_upper}"),
    };
    let count = |k: SubjectKind| d.awardees.iter().filter(|a| kind_of(a) == k).count();
    let mut parts = Vec::new();
    for k in [
        SubjectKind::Collective,
        SubjectKind::Individual,
        SubjectKind::Household,
    ] {
        let n = count(k);
        if n > 0 {
            parts.push(format!("{n} {}", k.label().to_lowercase()));
        }
    }
    let mut body = vec![Block::Centred(authority)];
    body.extend(basis_lines(d.bases).into_iter().map(Block::Basis));
    body.push(Block::Centred("QUYẾT ĐỊNH:".into()));
    let forms: Vec<String> =
        groups(d.awardees)
            .into_iter()
            .map(|(f, _, _)| f)
            .fold(Vec::new(), |mut acc, f| {
                if !acc.contains(&f) {
                    acc.push(f);
                }
                acc
            });
    body.push(Block::Text(format!(
        "Điều 1. Tặng {} cho {} đã có thành tích xuất sắc trong phong trào «{}» năm {} (có danh sách kèm theo).",
        forms.join(", "),
        parts.join(", "),
        d.movement_title,
        d.year
    )));
    let mut money = Vec::new();
    for (form, kind, list) in groups(d.awardees) {
        let mut amounts: Vec<i64> = list.iter().map(|a| a.amount).collect();
        amounts.dedup();
        if amounts.len() == 1 {
            money.push(format!(
                "mỗi {} được tặng {} kèm theo mức thưởng {} đồng",
                kind.label().to_lowercase(),
                form,
                text::group_thousands(amounts[0])
            ));
        } else {
            money.push(format!(
                "{} {} được tặng {} kèm theo mức thưởng theo danh sách",
                list.len(),
                kind.label().to_lowercase(),
                form
            ));
        }
    }
    body.push(Block::Text(format!(
        "Điều 2. Kèm theo, {}. Tổng số tiền thưởng: {} đồng, chi từ Quỹ thi đua, khen thưởng theo quy định.",
        money.join("; "),
        text::group_thousands(total(d.awardees))
    )));
    if let Some(old) = &d.amends {
        body.push(Block::Text(format!(
            "Quyết định này sửa đổi, bổ sung Quyết định số {old}; các nội dung khác của Quyết định đó giữ nguyên."
        )));
    }
    body.push(Block::Text(
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng phòng Nội vụ, Trưởng phòng Tài chính – Kế hoạch, Thủ trưởng các cơ quan, đơn vị liên quan và các tập thể, cá nhân, hộ gia đình có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.".to_string(),
    ));
    Letter {
        parent: String::new(),
        issuer: format!("ỦY BAN NHÂN DÂN {body_upper}"),
        number: format!("Số: {}", d.number),
        place_date: crate::documents::docx::place_date(d.place, d.decided_on),
        kind: "QUYẾT ĐỊNH".into(),
        subject: format!(
            "Về việc khen thưởng thành tích trong phong trào thi đua năm {}",
            d.year
        ),
        recipients: Vec::new(),
        body,
        signature: (prefix.into(), title.into(), d.signer_name.to_string()),
        send_to: vec!["Như Điều 3".into(), "Hội đồng Thi đua – Khen thưởng".into()],
        annex: annex(d),
    }
}

fn annex(d: &DecisionDoc<'_>) -> Vec<Block> {
    let mut out = vec![
        Block::Centred("DANH SÁCH".into()),
        Block::Centred("Tập thể, cá nhân, hộ gia đình được khen thưởng".into()),
        Block::Note(format!(
            "(Kèm theo Quyết định số {} {} của Chủ tịch UBND {})",
            d.number,
            text::document_date(d.decided_on),
            in_sentence(d.body_name)
        )),
    ];
    let mut form_index = 0;
    let mut last_form = String::new();
    let mut kind_index = 0;
    for (form, kind, list) in groups(d.awardees) {
        if form != last_form {
            out.push(Block::Heading(format!("{}. {}", roman(form_index), form)));
            form_index += 1;
            kind_index = 0;
            last_form = form.clone();
        }
        kind_index += 1;
        let subtotal: i64 = list.iter().map(|a| a.amount).sum();
        out.push(Block::Heading(format!(
            "{kind_index}. {} ({} đối tượng)",
            kind.label(),
            list.len()
        )));
        let mut rows: Vec<Vec<String>> = list
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    (i + 1).to_string(),
                    a.subject_name.clone(),
                    a.unit_name.clone(),
                    a.certificate_number.clone(),
                    text::group_thousands(a.amount),
                ]
            })
            .collect();
        rows.push(vec![
            String::new(),
            "Cộng".into(),
            String::new(),
            String::new(),
            text::group_thousands(subtotal),
        ]);
        out.push(Block::Table {
            headers: vec![
                "TT".into(),
                "Tên tập thể, cá nhân, hộ gia đình".into(),
                "Đơn vị".into(),
                "Số vào sổ".into(),
                "Tiền thưởng (đồng)".into(),
            ],
            widths: vec![70, 360, 260, 150, 160],
            rows,
        });
    }
    out.push(Block::Heading(format!(
        "Tổng cộng: {} đối tượng, {} đồng.",
        d.awardees.len(),
        text::group_thousands(total(d.awardees))
    )));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_basis_ends_with_a_comma_the_others_with_a_semicolon() {
        let lines =
            basis_lines("Căn cứ Luật A.\n\n  Căn cứ Nghị định B;\nXét đề nghị của Phòng Nội vụ");
        assert_eq!(
            lines,
            vec![
                "Căn cứ Luật A;",
                "Căn cứ Nghị định B;",
                "Xét đề nghị của Phòng Nội vụ,"
            ]
        );
    }

    #[test]
    fn the_place_is_the_name_without_its_kind() {
        assert_eq!(place_of("Thị xã Hồng Lĩnh"), "Hồng Lĩnh");
        assert_eq!(place_of("Phường Bắc Hồng Lĩnh"), "Bắc Hồng Lĩnh");
        assert_eq!(in_sentence("Thị xã Hồng Lĩnh"), "thị xã Hồng Lĩnh");
    }

    #[test]
    fn signing_forms_give_the_reference_titles() {
        assert_eq!(SigningForm::Chairman.titles(), ("", "CHỦ TỊCH"));
        assert_eq!(
            SigningForm::OnBehalf.titles(),
            ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
        );
        assert_eq!(SigningForm::Committee.titles().0, "TM. ỦY BAN NHÂN DÂN");
    }
}
