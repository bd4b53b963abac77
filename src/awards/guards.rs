//! What stops or marks a nomination (issue 12, items 2 and 5): one achievement earns one award
//! (Law 06/2022/QH15 Art. 5; Decree 152/2025 Art. 4), no award while the subject is under
//! discipline, inspection or an open complaint, and a submission after the round's deadline is
//! kept and marked late — judged in Vietnam time, with no extension when the deadline falls on
//! a weekend. Pure: the store gathers the earlier nominations, awards and flags.

use chrono::{DateTime, NaiveDate, Utc};

/// What a nomination or an award is for: the subject, the plan category (awards from another
/// authority may have none), the year of the achievement and, where the achievement is one
/// record (a land gift, a recognition, an OCOP product), that record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Achievement {
    pub subject_type: String,
    pub subject_id: Option<i64>,
    /// Folded name, for subjects outside the register.
    pub outside_key: String,
    pub category: Option<String>,
    pub year: i64,
    /// ("contribution" | "recognition" | "ocop" | "sponsorship", id).
    pub basis: Option<(String, i64)>,
}

impl Achievement {
    fn same_subject(&self, o: &Achievement) -> bool {
        self.subject_type == o.subject_type
            && match (self.subject_id, o.subject_id) {
                (Some(a), Some(b)) => a == b,
                (None, None) => !self.outside_key.is_empty() && self.outside_key == o.outside_key,
                _ => false,
            }
    }

    /// The same subject for the same achievement: the same record, or — when either names
    /// none — the same year and category (an award from another authority without a category
    /// matches any category of its year only through its record).
    pub fn same_as(&self, o: &Achievement) -> bool {
        if !self.same_subject(o) {
            return false;
        }
        match (&self.basis, &o.basis) {
            (Some(a), Some(b)) if a == b => true,
            (Some(_), Some(_)) => false,
            _ => {
                self.year == o.year
                    && matches!((&self.category, &o.category), (Some(a), Some(b)) if a == b)
            }
        }
    }
}

/// An earlier nomination (this round or another, any form) or an award recorded on the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier {
    pub achievement: Achievement,
    /// "Đợt khen thưởng năm 2023 – Giấy khen của Chủ tịch UBND (đề nghị số 12, Đã chuyển
    /// Phòng Nội vụ)", "Bằng khen của Chủ tịch UBND tỉnh, QĐ 1234/QĐ-UBND ngày 05/12/2023".
    pub named: String,
    pub link: String,
}

/// The earlier nominations and awards for the same achievement as `a`.
pub fn same_achievement<'e>(a: &Achievement, earlier: &'e [Earlier]) -> Vec<&'e Earlier> {
    earlier
        .iter()
        .filter(|e| a.same_as(&e.achievement))
        .collect()
}

/// The sentence that blocks a nomination, naming every earlier award or nomination.
pub fn duplicate_text(found: &[&Earlier]) -> Option<String> {
    if found.is_empty() {
        return None;
    }
    let names: Vec<&str> = found.iter().map(|e| e.named.as_str()).collect();
    Some(format!(
        "Thành tích này đã được đề nghị hoặc khen thưởng: {}. Mỗi thành tích chỉ được khen một lần (Luật Thi đua, khen thưởng 2022 Điều 5).",
        names.join("; ")
    ))
}

/// A dated flag on a subject's profile (kỷ luật, thanh tra, khiếu nại).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub kind: String,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub note: String,
}

impl Flag {
    pub fn kind_label(&self) -> &'static str {
        flag_label(&self.kind)
    }

    /// In force on `on`: started and not yet ended.
    pub fn open_on(&self, on: NaiveDate) -> bool {
        self.from <= on && self.to.is_none_or(|t| on <= t)
    }
}

/// The flag kinds a profile can carry.
pub const FLAG_KINDS: [&str; 3] = ["discipline", "inspection", "complaint"];

pub fn flag_label(kind: &str) -> &'static str {
    match kind {
        "discipline" => "Đang xem xét kỷ luật",
        "inspection" => "Đang bị thanh tra, kiểm tra, điều tra",
        "complaint" => "Có khiếu nại, tố cáo chưa giải quyết xong",
        _ => "Đang bị xem xét",
    }
}

/// The sentence that blocks a nomination while a flag is open on `on`.
pub fn flag_text(flags: &[Flag], on: NaiveDate) -> Option<String> {
    let open: Vec<String> = flags
        .iter()
        .filter(|f| f.open_on(on))
        .map(|f| {
            let note = if f.note.is_empty() {
                String::new()
            } else {
                format!(": {}", f.note)
            };
            format!(
                "{} từ {}{note}",
                f.kind_label(),
                crate::text::date_vn(f.from)
            )
        })
        .collect();
    if open.is_empty() {
        return None;
    }
    Some(format!(
        "Không đề nghị khen thưởng đối tượng {} (Luật Thi đua, khen thưởng 2022 Điều 5; Nghị định 152/2025 Điều 4).",
        open.join("; ")
    ))
}

/// Whether a submission at `at` is after a deadline of `deadline`: the deadline day counts
/// whole in Vietnam time (UTC+7), so 06:30 on the 11th there is late though still the 10th in
/// UTC; a deadline on a Saturday or Sunday is not moved.
pub fn is_late(deadline: NaiveDate, at: DateTime<Utc>) -> bool {
    crate::clock::local_date(at) > deadline
}

/// The thematic-movement note every award of this movement carries (Decree 152/2025 Art. 4;
/// reference facts "Principles").
pub const THEMATIC_NOTE: &str = "Khen thưởng theo phong trào thi đua theo chuyên đề: không dùng làm căn cứ đề nghị khen thưởng cấp cao hơn.";

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn ach(id: i64, cat: Option<&str>, year: i64, basis: Option<i64>) -> Achievement {
        Achievement {
            subject_type: "person".into(),
            subject_id: Some(id),
            outside_key: String::new(),
            category: cat.map(str::to_string),
            year,
            basis: basis.map(|b| ("contribution".to_string(), b)),
        }
    }

    #[test]
    fn the_same_record_is_the_same_achievement_in_any_year_or_form() {
        let earlier = [Earlier {
            achievement: ach(7, Some("g"), 2023, Some(41)),
            named: "Đợt khen thưởng năm 2023".into(),
            link: "/khen-thuong/de-nghi/1".into(),
        }];
        let found = same_achievement(&ach(7, Some("h"), 2024, Some(41)), &earlier);
        assert_eq!(found.len(), 1);
        assert!(duplicate_text(&found).unwrap().contains("năm 2023"));
        assert!(same_achievement(&ach(7, Some("g"), 2024, Some(42)), &earlier).is_empty());
        assert!(same_achievement(&ach(8, Some("g"), 2023, Some(41)), &earlier).is_empty());
    }

    #[test]
    fn without_a_record_the_same_category_and_year_is_the_same_achievement() {
        let earlier = [Earlier {
            achievement: ach(7, Some("g"), 2023, None),
            named: "x".into(),
            link: String::new(),
        }];
        assert_eq!(
            same_achievement(&ach(7, Some("g"), 2023, Some(5)), &earlier).len(),
            1
        );
        assert!(same_achievement(&ach(7, Some("g"), 2024, None), &earlier).is_empty());
        // Another authority's award without a category matches only through its record.
        let outside = [Earlier {
            achievement: ach(7, None, 2023, None),
            named: "x".into(),
            link: String::new(),
        }];
        assert!(same_achievement(&ach(7, Some("g"), 2023, None), &outside).is_empty());
    }

    #[test]
    fn late_is_judged_in_vietnam_time_without_weekend_extension() {
        let deadline = NaiveDate::from_ymd_opt(2022, 12, 10).unwrap(); // a Saturday
        let utc = |d, h, m| Utc.with_ymd_and_hms(2022, 12, d, h, m, 0).unwrap();
        assert!(!is_late(deadline, utc(10, 16, 59))); // 23:59 on the 10th in Hà Tĩnh
        assert!(is_late(deadline, utc(10, 17, 0))); // 00:00 on the 11th
        assert!(is_late(deadline, utc(10, 23, 30))); // 06:30 on the 11th, still the 10th in UTC
        assert!(is_late(deadline, utc(12, 1, 0))); // Monday: no weekend extension
    }

    #[test]
    fn an_open_flag_blocks_and_an_ended_one_does_not() {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        let flags = [Flag {
            kind: "discipline".into(),
            from: d(3, 1),
            to: Some(d(9, 30)),
            note: "Biên bản 05".into(),
        }];
        assert!(flag_text(&flags, d(6, 1)).unwrap().contains("kỷ luật"));
        assert!(flag_text(&flags, d(10, 1)).is_none());
        assert!(flag_text(&flags, d(2, 28)).is_none());
    }
}
