use super::*;
use crate::documents::docx::{render, text_of};

fn nominee(name: &str, unit: &str) -> Nomination {
    Nomination {
        subject_name: name.into(),
        unit_name: unit.into(),
        form_name: "Bằng khen của Chủ tịch UBND tỉnh".into(),
        achievement: format!("{name} hiến 300 m² đất mở đường."),
        ..Nomination::default()
    }
}

#[test]
fn the_proposal_names_the_province_its_number_date_and_every_nominee() {
    let list = [
        nominee("Trần Văn Ủy", "Phường Đức Thuận"),
        nominee("Tổ dân phố Ặc Ộ", "Phường Bắc Hồng"),
    ];
    let d = ProposalDoc {
        body_name: "Thị xã Hồng Lĩnh",
        number: "03/TTr-UBND",
        proposed_on: NaiveDate::from_ymd_opt(2024, 12, 9).unwrap(),
        form: SigningForm::Chairman,
        signer_name: "Nguyễn Văn Chủ",
        recipient: RECIPIENT,
        movement_title: "Chung sức xây dựng nông thôn mới",
        year: 2024,
        sessions: vec!["ngày 05 tháng 12 năm 2024".into()],
        nominations: &list,
    };
    let text = text_of(&render(&letter(&d)).unwrap()).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "ỦY BAN NHÂN DÂN THỊ XÃ HỒNG LĨNH",
        "Số: 03/TTr-UBND",
        "Hồng Lĩnh, ngày 09 tháng 12 năm 2024",
        "TỜ TRÌNH",
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh (qua Sở Nội vụ)",
        "tặng Bằng khen của Chủ tịch UBND tỉnh cho 2 tập thể",
        "họp ngày 05 tháng 12 năm 2024",
        "TM. ỦY BAN NHÂN DÂN",
        "Nguyễn Văn Chủ",
        "Trần Văn Ủy",
        "Tổ dân phố Ặc Ộ",
        "(Kèm theo Tờ trình số 03/TTr-UBND ngày 09 tháng 12 năm 2024 của Ủy ban nhân dân thị xã Hồng Lĩnh)",
    ] {
        assert!(flat.contains(want), "missing «{want}» in {flat}");
    }
}

#[test]
fn a_nominees_documents_sit_in_its_own_numbered_folder() {
    assert_eq!(
        dossier_entry(2, "Lê Văn A", "bao-cao.docx"),
        "03-ho-so/02-Lê Văn A/bao-cao.docx"
    );
}
