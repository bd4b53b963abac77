//! Keeping the subtree totals on write. Every write that changes what a unit contributes calls
//! one of these in its own transaction: a sheet entering or leaving "approved"
//! (`figures::store::set_status`), a unit added, edited, moved or closed (`units::store`). Each
//! works out the unit's contribution before and after and adds the difference to the units
//! above, so the totals never need a page to re-aggregate.

use std::collections::HashMap;

use super::{Totals, ancestors, contributions_store, rebuild_store, store};
use crate::db::{Db, DbConn};

fn signed(t: &Totals, sign: i64) -> Totals {
    let mut out = Totals::default();
    out.add(t, sign);
    out
}

/// A sheet of `unit_id` for `year` moved from status `from` to `to` (codes as stored): it
/// leaves the count of its old status and joins the new one, and its figures join the totals
/// above when it becomes approved and leave when it stops being so.
pub async fn sheet_moved(
    tx: &mut impl DbConn,
    unit_id: i64,
    sheet_id: i64,
    year: i64,
    from: &str,
    to: &str,
) -> Result<(), sqlx::Error> {
    if from == to {
        return Ok(());
    }
    let Some(unit) = store::placed(tx, unit_id).await? else {
        return Ok(());
    };
    let mut delta = Totals::default();
    if unit.exists_in(year) {
        delta.add_sheet(year, &unit.kind, from, -1);
        delta.add_sheet(year, &unit.kind, to, 1);
    }
    let (was, is) = (from == "approved", to == "approved");
    if was != is {
        let figures = store::sheet_figures(tx, sheet_id).await?;
        delta.add(&figures, if is { 1 } else { -1 });
    }
    let delta = delta.trimmed();
    if delta.is_empty() {
        return Ok(());
    }
    store::add(tx, &ancestors(&unit.path), &delta).await
}

/// New units (no sheets yet) join the unit counts above them. Deltas for a shared ancestor are
/// added up first, so importing a register writes each ancestor's rows once.
pub async fn units_added(tx: &mut impl DbConn, ids: &[i64]) -> Result<(), sqlx::Error> {
    let mut by_ancestor: HashMap<i64, Totals> = HashMap::new();
    for id in ids {
        if let Some((own, path)) = store::own(tx, *id).await? {
            for a in ancestors(&path) {
                by_ancestor.entry(a).or_default().add(&own, 1);
            }
        }
    }
    let mut ancestors: Vec<(i64, Totals)> = by_ancestor.into_iter().collect();
    ancestors.sort_by_key(|(a, _)| *a);
    for (a, delta) in ancestors {
        store::add(tx, &[a], &delta).await?;
    }
    Ok(())
}

/// What a unit and everything below it add to the units above, read before the unit changes.
pub struct Before {
    id: i64,
    path: String,
    whole: Totals,
    below: Totals,
}

/// Reads what the unit `id` and its subtree contribute, before an edit, move or closure.
pub async fn before_change(tx: &mut impl DbConn, id: i64) -> Result<Before, sqlx::Error> {
    let below = super::read_store::below(tx, id).await?;
    let (own, path) = store::own(tx, id).await?.unwrap_or_default();
    let mut whole = own;
    whole.add(&below, 1);
    Ok(Before {
        id,
        path,
        whole,
        below,
    })
}

/// After the change: the subtree's contribution leaves the old ancestors and joins the new
/// ones (one difference when the unit stayed where it was). What is below the unit is the
/// same; only the unit's own kind, dates and place may have changed.
pub async fn after_change(tx: &mut impl DbConn, before: Before) -> Result<(), sqlx::Error> {
    let (own, path) = store::own(tx, before.id).await?.unwrap_or_default();
    let mut whole = own;
    whole.add(&before.below, 1);
    super::contributions_store::moved(tx, before.id, &before.path, &path).await?;
    let (old, new) = (ancestors(&before.path), ancestors(&path));
    if old == new {
        let mut delta = whole;
        delta.add(&before.whole, -1);
        let delta = delta.trimmed();
        if !delta.is_empty() {
            store::add(tx, &new, &delta).await?;
        }
        return Ok(());
    }
    store::add(tx, &old, &signed(&before.whole, -1)).await?;
    store::add(tx, &new, &whole).await
}

/// `thidua rebuild-totals`: recomputes every total from the figures and replaces what is kept,
/// in one transaction (for recovery, and after loads that bypass the workflow). Gives how many
/// units have totals.
pub async fn rebuild(db: &Db) -> Result<usize, sqlx::Error> {
    let mut tx = db.begin().await?;
    rebuild_store::lock(&mut tx, true).await?;
    let totals = rebuild_store::recompute(&mut tx).await?;
    rebuild_store::replace(&mut tx, &totals).await?;
    let given = contributions_store::recompute(&mut tx).await?;
    contributions_store::replace(&mut tx, &given).await?;
    rebuild_store::mark_built(&mut tx).await?;
    tx.commit().await?;
    Ok(totals.len())
}

/// Rebuilds once on a database whose totals were never built (a database from before issue 9).
pub async fn rebuild_once(db: &Db) -> Result<(), sqlx::Error> {
    let mut c = db.conn().await?;
    if rebuild_store::built(&mut c).await? {
        return Ok(());
    }
    drop(c);
    rebuild(db).await.map(|_| ())
}

/// `thidua check-totals`: where the kept totals differ from a recomputation, read while writers
/// wait, so a concurrent approval cannot show as a difference. Empty when they agree.
pub async fn check(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let mut tx = db.begin().await?;
    rebuild_store::lock(&mut tx, false).await?;
    let kept = rebuild_store::kept(&mut tx).await?;
    let recomputed = rebuild_store::recompute(&mut tx).await?;
    let kept_given = contributions_store::kept(&mut tx).await?;
    let given = contributions_store::recompute(&mut tx).await?;
    // Nothing was written; dropping the transaction rolls it back.
    drop(tx);
    let mut out = super::differences(&kept, &recomputed);
    out.extend(super::contributions::differences(&kept_given, &given));
    Ok(out)
}
