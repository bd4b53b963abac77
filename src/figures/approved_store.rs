//! SQL for what a sheet held when it was last approved (`figures::changes`).

use crate::db::DbConn;
use crate::{execute, fetch_all};

/// Keeps the sheet's current figures as its approved version, replacing the one before.
/// Called in the approving transaction.
pub async fn keep(tx: &mut impl DbConn, sheet_id: i64) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "DELETE FROM approved_figures WHERE sheet_id = $1",
        sheet_id
    )?;
    execute!(
        tx,
        "INSERT INTO approved_figures (sheet_id, indicator_id, value, comment) \
         SELECT sheet_id, indicator_id, value, comment FROM figures WHERE sheet_id = $1",
        sheet_id
    )?;
    Ok(())
}

/// The sheet's last approved figures: (indicator id, value, comment); empty when it was never
/// approved.
pub async fn last(
    c: &mut impl DbConn,
    sheet_id: i64,
) -> Result<Vec<(i64, Option<f64>, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, Option<f64>, String),
        "SELECT indicator_id, value, comment FROM approved_figures WHERE sheet_id = $1",
        sheet_id
    )
}
