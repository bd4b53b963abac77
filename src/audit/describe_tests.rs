//! Tests of the audit log's descriptions, beside `describe.rs`.

use super::*;
use chrono::Utc;

fn entry(action: &str, kind: &str, id: &str, details: &str) -> Entry {
    Entry {
        seq: 1,
        at: Utc::now(),
        actor_id: Some(5),
        actor_name: "hoa.ntm".into(),
        action: action.into(),
        object_kind: kind.into(),
        object_id: id.into(),
        details: details.into(),
        prev_hash: String::new(),
        hash: String::new(),
    }
}

#[test]
fn a_sending_reads_as_a_sentence_with_the_persons_name_and_a_link() {
    let mut n = Names::default();
    n.users.insert(5, "Lê Thị Hoa".into());
    n.sheets.insert(12, (7, "Phường Đức Thuận".into(), 2024));
    let d = describe(
        &entry("figures.submit", "figure_sheet", "12", "{}"),
        &n,
        false,
    );
    assert_eq!(
        d.sentence,
        "Lê Thị Hoa gửi duyệt bảng số liệu năm 2024 của Phường Đức Thuận."
    );
    assert_eq!(d.link, "/so-lieu/7/2024");
    let d = describe(
        &entry(
            "figures.return",
            "figure_sheet",
            "12",
            r#"{"reason": "Thiếu minh chứng"}"#,
        ),
        &n,
        false,
    );
    assert_eq!(
        d.sentence,
        "Lê Thị Hoa trả lại bảng số liệu năm 2024 của Phường Đức Thuận. Lý do: Thiếu minh chứng."
    );
}

#[test]
fn accounts_link_only_for_the_administrator_and_unknown_actions_keep_their_code() {
    let mut n = Names::default();
    n.accounts.insert(9, "canbo.dt".into());
    let e = entry("user.grant", "user", "9", "{}");
    assert_eq!(describe(&e, &n, true).link, "/quan-tri/nguoi-dung/9");
    assert_eq!(describe(&e, &n, false).link, "");
    assert_eq!(
        describe(&e, &n, false).sentence,
        "hoa.ntm giao vai trò cho tài khoản «canbo.dt»."
    );
    let d = describe(&entry("thing.new", "x", "1", "{}"), &n, false);
    assert_eq!(d.sentence, "hoa.ntm thing.new.");
}

#[test]
fn the_person_filter_matches_part_of_a_name_without_diacritics() {
    let accounts = vec![
        (1, "hoa.ntm".to_string(), "Lê Thị Hoa".to_string()),
        (2, "nam.dt".to_string(), "Nguyễn Văn Nam".to_string()),
    ];
    assert_eq!(matching_accounts("Hoa", &accounts), [1]);
    assert_eq!(matching_accounts("nguyen van nam", &accounts), [2]);
    assert_eq!(matching_accounts("Văn Nam", &accounts), [2]);
    assert!(matching_accounts("Lan", &accounts).is_empty());
}
