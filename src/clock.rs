//! The only place that reads the clock; everything else takes instants and dates as arguments.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Offset, SubsecRound, Utc};

/// Vietnam keeps UTC+7 all year.
pub fn vietnam() -> FixedOffset {
    // 7 hours is always a valid offset; the fallback only satisfies the type.
    FixedOffset::east_opt(7 * 3600).unwrap_or(Utc.fix())
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
