//! The only place that reads the clock; everything else takes instants and dates as arguments.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, SubsecRound, Utc};

/// Vietnam keeps UTC+7 all year.
pub fn vietnam() -> FixedOffset {
    // start-up: 7 hours is always a valid offset.
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

#[derive(Clone, Debug, Default)]
pub struct Clock;

impl Clock {
    /// Now, truncated to microseconds so the instant round-trips through both engines.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now().trunc_subsecs(6)
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

pub fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}
