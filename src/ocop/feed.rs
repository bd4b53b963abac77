//! Plan section II.2.3 counted from the OCOP register (issue 11, item 5): "sản phẩm được công
//! nhận đạt chuẩn OCOP từ 3 sao trở lên trong năm" (OCOP_3SAO) is the number of products whose
//! first certification of 3 stars or more falls in the year — a renewal or a rise in stars is not
//! a new product.

use super::{Certification, new_products_in, store};
use crate::criteria::views_store;
use crate::db::DbConn;
use crate::indicators::totals::Inputs;
use crate::units::Unit;

/// Replaces OCOP_3SAO's figures in `inputs` (for `unit`, years `from..=to`) by the count from
/// the register, complete whatever sheets say (`Inputs::from_records`).
pub async fn apply(
    c: &mut impl DbConn,
    unit: &Unit,
    from: i64,
    to: i64,
    inputs: &mut Inputs,
) -> Result<(), sqlx::Error> {
    let Some(indicator_id) = views_store::fed_indicator(c, "OCOP_3SAO", "ocop").await? else {
        return Ok(());
    };
    let all = store::certifications_in(c, &unit.path).await?;
    let localities: Vec<(String, i64, i64)> =
        views_store::units_below(c, &unit.path, "ward", "commune")
            .await?
            .into_iter()
            .map(|(p, f, t)| {
                let (first, last) = crate::summary::span(f, t);
                (p, first, last)
            })
            .collect();
    inputs.from_records.insert(indicator_id);
    let certs: Vec<Certification> = all.iter().map(|(_, c)| *c).collect();
    for year in from..=to {
        let Ok(y) = i32::try_from(year) else {
            continue;
        };
        let n = new_products_in(y, &certs) as f64;
        inputs.own.insert((indicator_id, year), n);
        let existing = localities
            .iter()
            .filter(|(_, first, last)| *first <= year && year <= *last)
            .count();
        if existing == 0 {
            inputs.sums.remove(&(indicator_id, year));
        } else {
            inputs.sums.insert(
                (indicator_id, year),
                (n, i64::try_from(existing).unwrap_or(0)),
            );
        }
    }
    Ok(())
}
