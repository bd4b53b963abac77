//! SQL for what a bloc's members see of each other (`blocs::compare`): which blocs hold a unit
//! of the user's, and the members' sheet statuses and approved figures in one year.

use crate::db::DbConn;
use crate::{fetch_all, fetch_scalar};

/// A bloc is shown to whoever may see its owner, and to the officers of its members: the
/// comparison with the fellow members is what drives emulation (issue 8, item 9). `$1` is the
/// user, `b` the bloc.
pub const MEMBER_IN_SCOPE: &str = "EXISTS (SELECT 1 FROM bloc_members mm JOIN units mu ON mu.id = mm.unit_id \
     JOIN user_roles r ON r.user_id = $1 JOIN units s ON s.id = r.unit_id \
     WHERE mm.bloc_id = b.id AND mu.path LIKE s.path || '%')";

/// Whether one of the bloc's members, in any year, is in the user's scope.
pub async fn has_member_in_scope(
    c: &mut impl DbConn,
    bloc_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        &format!("SELECT COUNT(*) FROM blocs b WHERE b.id = $2 AND {MEMBER_IN_SCOPE}"),
        user_id,
        bloc_id
    )
    .map(|n| n > 0)
}

/// The latest year any bloc the user sees has members in (the bloc list opens on it).
pub async fn latest_member_year(
    c: &mut impl DbConn,
    user_id: i64,
    is_admin: bool,
) -> Result<Option<i64>, sqlx::Error> {
    fetch_scalar!(
        c,
        Option<i64>,
        &format!(
            "SELECT MAX(m.year) FROM bloc_members m JOIN blocs b ON b.id = m.bloc_id \
             JOIN units u ON u.id = b.owner_unit_id WHERE ({} OR {MEMBER_IN_SCOPE})",
            crate::units::store::IN_SCOPE
        ),
        user_id,
        is_admin
    )
}

/// Each member's sheet status in `year` ("" when it has no sheet): (unit id, status).
pub async fn member_statuses(
    c: &mut impl DbConn,
    bloc_id: i64,
    year: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, String),
        "SELECT m.unit_id, COALESCE(s.status, '') FROM bloc_members m \
         LEFT JOIN figure_sheets s ON s.unit_id = m.unit_id AND s.year = m.year \
         WHERE m.bloc_id = $1 AND m.year = $2",
        bloc_id,
        year
    )
}

/// The members' approved figures in `year`: (unit id, indicator id, value).
pub async fn member_figures(
    c: &mut impl DbConn,
    bloc_id: i64,
    year: i64,
) -> Result<Vec<(i64, i64, f64)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, i64, f64),
        "SELECT f.unit_id, f.indicator_id, f.value FROM bloc_members m \
         JOIN figure_sheets s ON s.unit_id = m.unit_id AND s.year = m.year AND s.status = 'approved' \
         JOIN figures f ON f.sheet_id = s.id \
         WHERE m.bloc_id = $1 AND m.year = $2 AND f.value IS NOT NULL",
        bloc_id,
        year
    )
}
