//! Plan section II.2.1 counted from the works register (issue 11, item 5): "nợ đọng xây dựng
//! cơ bản trong xây dựng nông thôn mới, đô thị văn minh" (NO_XDCB, in million đồng) is, for a
//! year, the outstanding debt recorded at that year-end on the programme's works at or below
//! the unit. A year with no record on any work shows no figure rather than a reassuring zero.

use super::works_store;
use crate::criteria::views_store;
use crate::db::DbConn;
use crate::indicators::totals::Inputs;
use crate::units::Unit;

/// Đồng in one "triệu đ", the indicator's unit.
const MILLION: f64 = 1_000_000.0;

/// Replaces NO_XDCB's figures in `inputs` (for `unit`, years `from..=to`) by the works'.
pub async fn apply(
    c: &mut impl DbConn,
    unit: &Unit,
    from: i64,
    to: i64,
    inputs: &mut Inputs,
) -> Result<(), sqlx::Error> {
    let Some(indicator_id) = views_store::fed_indicator(c, "NO_XDCB", "works").await? else {
        return Ok(());
    };
    let by_year = works_store::debt_by_year(c, &unit.path).await?;
    let localities: Vec<(i64, i64)> = views_store::units_below(c, &unit.path, "ward", "commune")
        .await?
        .into_iter()
        .map(|(_, f, t)| crate::summary::span(f, t))
        .collect();
    inputs.from_records.insert(indicator_id);
    for year in from..=to {
        inputs.own.remove(&(indicator_id, year));
        inputs.sums.remove(&(indicator_id, year));
        let Some((_, debt)) = by_year.iter().find(|(y, _)| *y == year) else {
            continue;
        };
        // Display only: the recognition condition reads whole đồng (`works::no_debt`).
        let v = *debt as f64 / MILLION;
        inputs.own.insert((indicator_id, year), v);
        let existing = localities
            .iter()
            .filter(|(first, last)| *first <= year && year <= *last)
            .count();
        if existing > 0 {
            inputs.sums.insert(
                (indicator_id, year),
                (v, i64::try_from(existing).unwrap_or(0)),
            );
        }
    }
    Ok(())
}
