//! The tờ trình to the province and what goes in its dossier (issue 13, item 5; reference
//! facts "Who awards": the provincial Chairman grants the Bằng khen and takes proposals
//! upward; the dossier is the Law's list — proposal, achievement reports, minutes of the
//! review, here with the council's ballot counts). Pure: the web layer gathers the rows.

use chrono::NaiveDate;

use super::decision_doc::{SigningForm, in_sentence, place_of};
use super::nominations_store::Nomination;
use crate::documents::docx::{Block, Letter, place_date};

/// The default addressee; the officer may change it (who receives proposals for the province
/// is the province's own arrangement).
pub const RECIPIENT: &str = "Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh (qua Sở Nội vụ)";

/// What the tờ trình is made from.
pub struct ProposalDoc<'a> {
    /// The proposing body: "Thị xã Hồng Lĩnh", "Phường Bắc Hồng Lĩnh".
    pub body_name: &'a str,
    /// "03/TTr-UBND".
    pub number: &'a str,
    pub proposed_on: NaiveDate,
    pub form: SigningForm,
    pub signer_name: &'a str,
    pub recipient: &'a str,
    pub movement_title: &'a str,
    pub year: i64,
    /// The council's session dates the list was passed at ("ngày 05 tháng 12 năm 2024").
    pub sessions: Vec<String>,
    pub nominations: &'a [Nomination],
}

/// The list of a proposal: one row per nominee with its unit, form and achievement.
pub fn list_rows(list: &[Nomination]) -> Vec<Vec<String>> {
    list.iter()
        .enumerate()
        .map(|(i, n)| {
            vec![
                (i + 1).to_string(),
                n.subject_name.clone(),
                n.unit_name.clone(),
                n.form_name.clone(),
                n.achievement.clone(),
            ]
        })
        .collect()
}

/// The list's headers, as the tờ trình and the workbook print them.
pub const LIST_HEADERS: [&str; 5] = [
    "TT",
    "Tên tập thể, cá nhân, hộ gia đình",
    "Đơn vị",
    "Hình thức đề nghị",
    "Tóm tắt thành tích",
];

/// The tờ trình in the Decree 30/2020 layout, the list as its annex.
pub fn letter(d: &ProposalDoc<'_>) -> Letter {
    let body_upper = d.body_name.to_uppercase();
    let (prefix, title) = match d.form {
        // A tờ trình is the committee's document: the chairman signs on its behalf.
        SigningForm::Chairman => SigningForm::Committee.titles(),
        f => f.titles(),
    };
    let mut forms: Vec<&str> = Vec::new();
    for n in d.nominations {
        if !forms.contains(&n.form_name.as_str()) {
            forms.push(&n.form_name);
        }
    }
    let council = if d.sessions.is_empty() {
        "Hội đồng Thi đua – Khen thưởng".to_string()
    } else {
        format!(
            "Hội đồng Thi đua – Khen thưởng (họp {})",
            d.sessions.join("; ")
        )
    };
    let body = vec![
        Block::Basis("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;".into()),
        Block::Basis(
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;".into(),
        ),
        Block::Basis(format!(
            "Căn cứ kết quả phong trào «{}» năm {} và kết quả xét của {council},",
            d.movement_title, d.year
        )),
        Block::Text(format!(
            "Ủy ban nhân dân {} kính trình {} xem xét, tặng {} cho {} tập thể, cá nhân, hộ gia đình đã có thành tích xuất sắc trong phong trào (có danh sách kèm theo).",
            in_sentence(d.body_name),
            d.recipient,
            forms.join(", "),
            d.nominations.len()
        )),
        Block::Text(
            "Hồ sơ kèm theo: báo cáo thành tích của từng tập thể, cá nhân, hộ gia đình; biên bản họp và kết quả bỏ phiếu của Hội đồng Thi đua – Khen thưởng.".into(),
        ),
        Block::Text(format!(
            "Ủy ban nhân dân {} kính trình./.",
            in_sentence(d.body_name)
        )),
    ];
    Letter {
        parent: String::new(),
        issuer: format!("ỦY BAN NHÂN DÂN {body_upper}"),
        number: format!("Số: {}", d.number),
        place_date: place_date(place_of(d.body_name), d.proposed_on),
        kind: "TỜ TRÌNH".into(),
        subject: format!("Về việc đề nghị tặng {} năm {}", forms.join(", "), d.year),
        recipients: vec![format!("Kính gửi: {}", d.recipient)],
        body,
        signature: (prefix.into(), title.into(), d.signer_name.to_string()),
        send_to: vec!["Như trên".into(), "Lưu: VT, Nội vụ".into()],
        annex: vec![
            Block::Centred("DANH SÁCH".into()),
            Block::Centred("Tập thể, cá nhân, hộ gia đình đề nghị khen thưởng".into()),
            Block::Note(format!(
                "(Kèm theo Tờ trình số {} {} của Ủy ban nhân dân {})",
                d.number,
                crate::text::document_date(d.proposed_on),
                in_sentence(d.body_name)
            )),
            Block::Table {
                headers: LIST_HEADERS.map(String::from).to_vec(),
                widths: vec![60, 250, 170, 200, 320],
                rows: list_rows(d.nominations),
            },
        ],
    }
}

/// The dossier's file name for a nominee's document: "03-ho-so/02-Le-Van-A/bao-cao.docx"
/// once folded by the archive writer.
pub fn dossier_entry(position: usize, subject_name: &str, file: &str) -> String {
    format!("03-ho-so/{position:02}-{subject_name}/{file}")
}

#[cfg(test)]
#[path = "upward_doc_tests.rs"]
mod tests;
