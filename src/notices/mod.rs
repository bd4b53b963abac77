//! In-app notices (thông báo, issue 8, item 3): a sentence and a link for each person a step
//! concerns, written in the transaction of that step, read or unread. A notice stops counting as
//! new when its reader opens it or when its object moves on (the work it announced is done). The ward learns of a
//! return without a phone call; the office learns that a sheet waits for it. Capabilities to
//! come (criteria verification, nominations) add their sentences through `store::tell`.

pub mod store;
pub mod web;

use chrono::{DateTime, Utc};

/// One notice as its reader sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Notice {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// A whole Vietnamese sentence: "Lê Thị Hoa trả lại bảng số liệu năm 2024 của Phường Đức
    /// Thuận. Lý do: …".
    pub body: String,
    /// Where the notice leads ("/so-lieu/7/2024"); empty for none.
    pub link: String,
    pub read_at: Option<DateTime<Utc>>,
}

impl Notice {
    pub fn unread(&self) -> bool {
        self.read_at.is_none()
    }
}

/// What a sheet's step tells the people it concerns, by the step's code (`submit`, `return`,
/// `reopen`, `approve`): `None` for a step nobody needs to hear about.
/// `who` is the actor's name, `reason` the reason given (may be empty).
pub fn sheet_step(
    step: &str,
    who: &str,
    year: i64,
    unit_name: &str,
    reason: &str,
) -> Option<String> {
    let what = format!("bảng số liệu năm {year} của {unit_name}");
    let with_reason = |s: String| {
        if reason.is_empty() {
            format!("{s}.")
        } else {
            format!("{s}. Lý do: {reason}")
        }
    };
    match step {
        "submit" => Some(format!(
            "{who} gửi duyệt {what}; bảng đang chờ cơ quan duyệt."
        )),
        "return" => Some(with_reason(format!("{who} trả lại {what} để đơn vị sửa"))),
        "reopen" => Some(with_reason(format!("{who} mở lại {what} để đơn vị sửa"))),
        "approve" => Some(format!("{who} đã duyệt và khóa {what}.")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_return_names_who_what_and_why() {
        assert_eq!(
            sheet_step(
                "return",
                "Lê Thị Hoa",
                2024,
                "Phường Đức Thuận",
                "Thiếu minh chứng"
            )
            .unwrap(),
            "Lê Thị Hoa trả lại bảng số liệu năm 2024 của Phường Đức Thuận để đơn vị sửa. Lý do: Thiếu minh chứng"
        );
        assert_eq!(
            sheet_step("approve", "Lê Thị Hoa", 2024, "Phường Đức Thuận", "").unwrap(),
            "Lê Thị Hoa đã duyệt và khóa bảng số liệu năm 2024 của Phường Đức Thuận."
        );
        assert!(sheet_step("save", "x", 2024, "y", "").is_none());
    }
}
