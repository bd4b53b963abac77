//! What the contributions pages read from the kept totals (`summary::contributions`): the
//! social-mobilisation figure, the list's count and the top contributors of a unit's subtree,
//! each a few kept rows of the unit however many contributions lie below it.

use super::store::{NAME, PATH};
use crate::db::DbConn;
use crate::{fetch_all, fetch_scalar};

/// The units whose kept rows stand for `path`: the unit at that path, or every top-level unit
/// for an administrator's "/".
const AT: &str = "SELECT id FROM units WHERE path = $1 OR ($1 = '/' AND parent_id IS NULL)";

/// The "social mobilisation" figure: per year and kind, the contributions received at or below
/// `path` — (year, kind, count, quantity in hundredths, value in đồng), newest year first.
pub async fn totals_by_kind(
    c: &mut impl DbConn,
    path: &str,
) -> Result<Vec<(i64, String, i64, i64, i64)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, String, i64, i64, i64),
        &format!(
            "SELECT year, kind, CAST(SUM(n) AS BIGINT), CAST(SUM(quantity) AS BIGINT), CAST(SUM(value) AS BIGINT) FROM summary_contributions WHERE unit_id IN ({AT}) GROUP BY year, kind HAVING SUM(n) > 0 ORDER BY year DESC, kind"
        ),
        path
    )
}

/// How many contributions were received at or below `path`, optionally in one year and of one
/// kind (the list's count when no name is searched).
pub async fn count(
    c: &mut impl DbConn,
    path: &str,
    year: Option<i64>,
    kind: Option<&str>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        &format!(
            "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM summary_contributions WHERE unit_id IN ({AT}) AND ($2 IS NULL OR year = $2) AND ($3 IS NULL OR kind = $3)"
        ),
        path,
        year,
        kind
    )
}

/// A contributor's total for one year, named, with what decides who may see the profile.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Total {
    pub contributor_type: String,
    pub contributor_id: Option<i64>,
    pub outside_name: String,
    pub contributor_name: String,
    pub contributor_path: Option<String>,
    /// Whole đồng.
    pub total: i64,
    pub count: i64,
}

/// The `limit` largest yearly totals of contributors to units at or below `path` in `year`,
/// largest first (ties by contributor). For one unit the kept rows are read in the order of
/// their index, so the list over millions of contributions reads `limit` rows; only those are
/// named.
pub async fn top(
    c: &mut impl DbConn,
    path: &str,
    year: i64,
    limit: i64,
) -> Result<Vec<Total>, sqlx::Error> {
    let units = fetch_all!(c, (i64,), AT, path)?;
    let inner = match units.as_slice() {
        [_] => {
            "SELECT contributor_type, NULLIF(contributor_id, 0) AS contributor_id, outside_name, value AS total, n AS count FROM summary_contributors WHERE unit_id = $3 AND year = $1 AND n > 0 ORDER BY value DESC, contributor_type, contributor_id LIMIT $2"
        }
        // An administrator's "/" over several top-level units (or a path with no unit).
        _ => {
            "SELECT contributor_type, NULLIF(contributor_id, 0) AS contributor_id, outside_name, CAST(SUM(value) AS BIGINT) AS total, CAST(SUM(n) AS BIGINT) AS count FROM summary_contributors WHERE unit_id IN (SELECT id FROM units WHERE parent_id IS NULL AND $3 = '/') AND year = $1 GROUP BY contributor_type, contributor_id, outside_name HAVING SUM(n) > 0 ORDER BY SUM(value) DESC, contributor_type, contributor_id LIMIT $2"
        }
    };
    let sql = format!(
        "SELECT c.contributor_type, c.contributor_id, c.outside_name, {NAME} AS contributor_name, {PATH} AS contributor_path, c.total, c.count FROM ({inner}) c ORDER BY c.total DESC, c.contributor_type, c.contributor_id"
    );
    if let [(id,)] = units.as_slice() {
        fetch_all!(c, Total, &sql, year, limit, *id)
    } else {
        fetch_all!(c, Total, &sql, year, limit, path)
    }
}
