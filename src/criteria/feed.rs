//! Plan section II figures computed from recognitions instead of typed into sheets (issue 10,
//! item 7): "Phường đạt chuẩn phường đô thị văn minh" (DTVM_DAT: a ward holding the Hà Tĩnh
//! civilised-urban recognition for the year, QĐ 18/2020/QĐ-UBND) and "Số tuyến phố đạt chuẩn
//! đô thị văn minh" (TP_VM: the streets of a ward holding the civilised-street recognition).
//! A recognition counts from the year it recognises until the year of its withdrawal.

use chrono::NaiveDate;

use super::{recognition_store, views_store};
use crate::db::DbConn;
use crate::indicators::totals::Inputs;
use crate::units::Unit;

/// (indicator code, set code, whose recognition counts: the unit itself or those below).
const FED: [(&str, &str, Counted); 2] = [
    ("DTVM_DAT", "DTVM_PHUONG_HT", Counted::Itself),
    ("TP_VM", "TUYEN_PHO_VM", Counted::Below),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Counted {
    /// A yes/no per ward: 1 when the ward itself is recognised.
    Itself,
    /// A count per ward: its recognised subjects below.
    Below,
}

/// Whether a recognition of `recognised_year`, withdrawn on `withdrawn` if ever, counts for
/// `year`: from its recognised year on, and no longer in a year that ended after withdrawal.
pub fn stands_in(recognised_year: i64, withdrawn: Option<NaiveDate>, year: i64) -> bool {
    let end = i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31));
    recognised_year <= year && withdrawn.is_none_or(|w| end.is_some_and(|e| w > e))
}

/// Replaces the fed indicators' figures in `inputs` (for `unit`, years `from..=to`) by those
/// computed from recognitions, and marks them complete (`Inputs::from_records`).
pub async fn apply(
    c: &mut impl DbConn,
    unit: &Unit,
    from: i64,
    to: i64,
    inputs: &mut Inputs,
) -> Result<(), sqlx::Error> {
    for (code, set_code, counted) in FED {
        let Some(indicator_id) = views_store::fed_indicator(c, code, "criteria").await? else {
            continue;
        };
        // (subject path, recognised year, withdrawal date) of every recognition in the subtree.
        let rows = recognition_store::recognised_by_year(c, set_code, &unit.path).await?;
        let wards: Vec<(String, i64, i64)> =
            views_store::units_below(c, &unit.path, "ward", "ward")
                .await?
                .into_iter()
                .map(|(p, f, t)| {
                    let (first, last) = crate::summary::span(f, t);
                    (p, first, last)
                })
                .collect();
        inputs.from_records.insert(indicator_id);
        for year in from..=to {
            let standing: Vec<&String> = rows
                .iter()
                .filter(|(_, y, w)| stands_in(*y, *w, year))
                .map(|(p, ..)| p)
                .collect();
            let own = match counted {
                Counted::Itself => f64::from(u8::from(standing.iter().any(|p| **p == unit.path))),
                Counted::Below => standing.len() as f64,
            };
            inputs.own.insert((indicator_id, year), own);
            // Above the wards: a sum over the wards that exist that year (a share for the
            // yes/no one), whatever sheets they sent.
            let existing: Vec<&String> = wards
                .iter()
                .filter(|(_, first, last)| *first <= year && year <= *last)
                .map(|(p, ..)| p)
                .collect();
            let counted_below = standing
                .iter()
                .filter(|p| existing.iter().any(|w| p.starts_with(w.as_str())))
                .count();
            if existing.is_empty() {
                inputs.sums.remove(&(indicator_id, year));
            } else {
                inputs.sums.insert(
                    (indicator_id, year),
                    (counted_below as f64, existing.len() as i64),
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recognition_counts_from_its_year_until_withdrawn() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert!(!stands_in(2023, None, 2022));
        assert!(stands_in(2023, None, 2023));
        assert!(stands_in(2023, None, 2025));
        assert!(stands_in(2023, d(2025, 3, 1), 2024));
        assert!(!stands_in(2023, d(2025, 3, 1), 2025));
    }
}
