//! Which body decides a nomination (issue 13, item 3; reference facts, "Who awards"): until
//! 30/06/2025 the town's chairman (the movement's issuing unit); from 01/07/2025 the chairman
//! of the ward or commune that succeeded the proposing unit, from the recorded successions.

use chrono::NaiveDate;

use super::rounds_store::Round;
use crate::db::DbConn;
use crate::units::Unit;

/// The body that grants the nominations of the proposing unit `unit_id` on `on`; `None` when
/// no successor is recorded for a date after the transfer.
pub async fn body_of(
    c: &mut impl DbConn,
    town: i64,
    unit_id: i64,
    on: NaiveDate,
) -> Result<Option<i64>, sqlx::Error> {
    if on < super::transfer_day() {
        return Ok(Some(town));
    }
    let unit = crate::units::store::by_id(c, unit_id).await?;
    if let Some(u) = &unit
        && matches!(u.kind.as_str(), "ward" | "commune")
        && u.valid_to.is_none()
    {
        return Ok(Some(u.id));
    }
    let successor = crate::units::store::successors(c, unit_id)
        .await?
        .into_iter()
        .next()
        .map(|l| l.id);
    Ok(super::granting_unit(town, successor, on).0)
}

/// The town of the round: the movement's issuing unit.
pub async fn town_of(c: &mut impl DbConn, round: &Round) -> Result<i64, sqlx::Error> {
    Ok(crate::movements::store::by_id(c, round.movement_id)
        .await?
        .map_or(round.receiving_unit_id, |m| m.issuing_unit_id))
}

/// The bodies that may decide some of the round's nominations on `on`, in name order.
pub async fn bodies_on(
    c: &mut impl DbConn,
    round: &Round,
    units: &[i64],
    on: NaiveDate,
) -> Result<Vec<Unit>, sqlx::Error> {
    let town = town_of(c, round).await?;
    let mut ids = Vec::new();
    for u in units {
        if let Some(b) = body_of(c, town, *u, on).await?
            && !ids.contains(&b)
        {
            ids.push(b);
        }
    }
    let mut out = Vec::new();
    for id in ids {
        if let Some(u) = crate::units::store::by_id(c, id).await? {
            out.push(u);
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
