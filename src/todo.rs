//! What waits for a user (issue 8, item 3): one item type that every capability fills — sheets
//! to approve, sheets returned or reopened, deadlines coming, and later criteria to verify and
//! nominations to appraise — shown on the home page, most urgent first.

use chrono::NaiveDate;

/// How pressing an item is; the home page sorts by it, then by due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// Past its deadline, or sent back to this user's unit.
    Now,
    /// Waiting for this user's decision.
    Waiting,
    /// A deadline still ahead.
    Coming,
}

/// One thing to do: what it is ("Chờ bạn duyệt"), about what ("Bảng số liệu năm 2024 – Phường
/// Đức Thuận"), why or since when (the return's reason), where to do it, and its due date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub urgency: Urgency,
    pub kind: String,
    pub title: String,
    pub detail: String,
    pub link: String,
    pub due: Option<NaiveDate>,
}

impl Item {
    /// "còn 12 ngày", "hôm nay là hạn cuối", "quá hạn 3 ngày" as of `today`; empty without a due date.
    pub fn days_left(&self, today: NaiveDate) -> String {
        let Some(due) = self.due else {
            return String::new();
        };
        match (due - today).num_days() {
            0 => "hôm nay là hạn cuối".into(),
            n if n > 0 => format!("còn {n} ngày"),
            n => format!("quá hạn {} ngày", -n),
        }
    }
}

/// The items in the order the home page lists them: most urgent first, then the nearest due.
pub fn ordered(mut items: Vec<Item>) -> Vec<Item> {
    items.sort_by(|a, b| {
        (a.urgency, a.due.unwrap_or(NaiveDate::MAX), &a.title).cmp(&(
            b.urgency,
            b.due.unwrap_or(NaiveDate::MAX),
            &b.title,
        ))
    });
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(urgency: Urgency, due: Option<(i32, u32, u32)>) -> Item {
        Item {
            urgency,
            kind: String::new(),
            title: format!("{urgency:?}"),
            detail: String::new(),
            link: String::new(),
            due: due.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        }
    }

    #[test]
    fn days_left_read_naturally() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 3).unwrap();
        assert_eq!(
            item(Urgency::Coming, Some((2026, 1, 15))).days_left(today),
            "còn 12 ngày"
        );
        assert_eq!(
            item(Urgency::Coming, Some((2026, 1, 3))).days_left(today),
            "hôm nay là hạn cuối"
        );
        assert_eq!(
            item(Urgency::Now, Some((2025, 12, 31))).days_left(today),
            "quá hạn 3 ngày"
        );
        assert_eq!(item(Urgency::Waiting, None).days_left(today), "");
    }

    #[test]
    fn the_most_urgent_come_first() {
        let list = ordered(vec![
            item(Urgency::Coming, Some((2026, 1, 15))),
            item(Urgency::Waiting, None),
            item(Urgency::Now, None),
        ]);
        let order: Vec<Urgency> = list.iter().map(|i| i.urgency).collect();
        assert_eq!(order, [Urgency::Now, Urgency::Waiting, Urgency::Coming]);
    }
}
