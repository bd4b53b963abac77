//! The only place that reads the clock; everything else takes instants and dates as arguments.
//!
//! Production reads the system clock. Tests set the shared clock of the running app
//! (`app.state.clock.set(…)`) so a story can run "on 16 January 2025" and move on step by step;
//! every clone of one `Clock` sees the same setting, the server's included.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Offset, SubsecRound, TimeZone, Utc};

/// Vietnam keeps UTC+7 all year.
pub fn vietnam() -> FixedOffset {
    // 7 hours is always a valid offset; the fallback only satisfies the type.
    FixedOffset::east_opt(7 * 3600).unwrap_or(Utc.fix())
}

/// Stored in place of a fixed instant when the clock follows the system.
const SYSTEM: i64 = i64::MIN;

/// The application's clock: the system clock, or a fixed instant set by a test. One atomic
/// holds the fixed instant in microseconds, so reading it never blocks and cannot be poisoned.
#[derive(Clone, Debug)]
pub struct Clock {
    fixed_micros: Arc<AtomicI64>,
}

impl Default for Clock {
    fn default() -> Clock {
        Clock::system()
    }
}

impl Clock {
    /// A clock that reads the system time.
    pub fn system() -> Clock {
        Clock {
            fixed_micros: Arc::new(AtomicI64::new(SYSTEM)),
        }
    }

    /// Stops this clock (and every clone of it) at `at` until set again.
    pub fn set(&self, at: DateTime<Utc>) {
        self.fixed_micros
            .store(at.timestamp_micros(), Ordering::SeqCst);
    }

    /// Stops the clock at `hour:minute` Vietnam time on `date`.
    pub fn set_local(&self, date: NaiveDate, hour: u32, minute: u32) {
        let local = date
            .and_hms_opt(hour, minute, 0)
            .and_then(|t| vietnam().from_local_datetime(&t).single());
        if let Some(t) = local {
            self.set(t.with_timezone(&Utc));
        }
    }

    /// Goes back to the system clock.
    pub fn follow_system(&self) {
        self.fixed_micros.store(SYSTEM, Ordering::SeqCst);
    }

    /// Now, truncated to microseconds so the instant round-trips through both engines.
    pub fn now(&self) -> DateTime<Utc> {
        match self.fixed_micros.load(Ordering::SeqCst) {
            SYSTEM => Utc::now().trunc_subsecs(6),
            micros => DateTime::from_timestamp_micros(micros).unwrap_or_else(Utc::now),
        }
    }

    /// Today's calendar date in Vietnam.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&vietnam()).date_naive()
    }
}

/// `05/07/2022 14:03` in Vietnam time.
pub fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&vietnam())
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// The calendar date of an instant in Vietnam.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&vietnam()).date_naive()
}

pub fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_clock_is_seen_by_every_clone_until_released() {
        let clock = Clock::system();
        let server = clock.clone();
        let day = NaiveDate::from_ymd_opt(2025, 1, 16).unwrap();
        clock.set_local(day, 0, 30);
        // 00:30 in Vietnam is still the 15th in UTC; the date shown is Vietnam's.
        assert_eq!(server.today(), day);
        assert_eq!(server.now().to_rfc3339(), "2025-01-15T17:30:00+00:00");
        clock.follow_system();
        assert!(server.today() > day);
    }
}
