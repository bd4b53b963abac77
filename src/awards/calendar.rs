//! Working days for the public notice (issue 13, item 1): weekends and public holidays are not
//! counted, official day swaps are followed — the Government announces some only days ahead
//! (New Year 2026: Friday 02/01 off, Saturday 10/01 worked, decided on 25/12/2025) — so the
//! calendar is editable data, and the day of posting is not counted (Civil Code Art. 147–148).

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// What the calendar says of a date that differs from its weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exception {
    /// A public holiday or a weekday given off by a swap.
    DayOff,
    /// A Saturday or Sunday worked by a swap.
    WorkDay,
}

/// The edited exceptions, by date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    pub exceptions: BTreeMap<NaiveDate, Exception>,
}

impl Calendar {
    /// Whether offices work on `d`.
    pub fn is_working(&self, d: NaiveDate) -> bool {
        match self.exceptions.get(&d) {
            Some(Exception::DayOff) => false,
            Some(Exception::WorkDay) => true,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The last day of a notice posted on `posted` and open for `days` working days: the
    /// `days`-th working day after the day of posting. `days == 0` gives the day of posting.
    /// `None` only past the end of the calendar's range of dates.
    pub fn notice_end(&self, posted: NaiveDate, days: u32) -> Option<NaiveDate> {
        let mut d = posted;
        let mut left = days;
        while left > 0 {
            d = d.checked_add_days(Days::new(1))?;
            if self.is_working(d) {
                left -= 1;
            }
        }
        Some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_day_of_posting_and_weekends_are_not_counted() {
        let c = Calendar::default();
        // Thursday 03/12/2026 + 5 working days: Fri 4, Mon 7, Tue 8, Wed 9, Thu 10.
        assert_eq!(c.notice_end(day(2026, 12, 3), 5), Some(day(2026, 12, 10)));
        assert_eq!(c.notice_end(day(2026, 12, 3), 0), Some(day(2026, 12, 3)));
    }

    #[test]
    fn the_new_year_2026_swap_is_followed() {
        let mut c = Calendar::default();
        c.exceptions.insert(day(2026, 1, 1), Exception::DayOff);
        c.exceptions.insert(day(2026, 1, 2), Exception::DayOff);
        c.exceptions.insert(day(2026, 1, 10), Exception::WorkDay);
        // Posted Wed 31/12/2025: Thu 1 and Fri 2 off, Mon 5 … Fri 9 are 1–5, Sat 10 worked is 6.
        assert_eq!(c.notice_end(day(2025, 12, 31), 6), Some(day(2026, 1, 10)));
        assert_eq!(c.notice_end(day(2025, 12, 31), 7), Some(day(2026, 1, 12)));
        assert!(!c.is_working(day(2026, 1, 2)));
        assert!(c.is_working(day(2026, 1, 10)));
    }
}
