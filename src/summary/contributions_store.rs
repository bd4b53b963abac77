//! SQL for the kept contribution totals (`summary_contributions`, `summary_contributors`):
//! the atomic additions every contribution write makes in its own transaction, the move of a
//! unit's totals when the unit moves, and the recomputation `thidua check-totals` compares.

use std::collections::HashMap;

use super::contributions::{Delta, Gift, path_ids, roll_up};
use crate::db::{DbConn, Ex};
use crate::{execute, fetch_all};

/// Rows per upsert: few on SQLite, which matches each `$N` by name so a statement's cost grows
/// with the square of its placeholders (`resources::store::INSERT_BATCH`); many on PostgreSQL,
/// where each statement is a round trip (50 rows a statement made the 5,000,000-row benchmark
/// load take 868 s there). Ids per `IN` list: far below both engines' parameter limits.
fn batch(tx: &mut impl DbConn) -> usize {
    match tx.ex() {
        Ex::Sqlite(_) => 50,
        Ex::Postgres(_) => 1_000,
    }
}
const CHUNK: usize = 500;

/// Adds the signed `delta` to the kept rows, creating them as needed: each row one
/// `INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`, in key order, so two writers in
/// sibling wards both count in their town and wait for each other rather than deadlock.
pub async fn add(tx: &mut impl DbConn, delta: &Delta) -> Result<(), sqlx::Error> {
    let rows_per = batch(tx);
    let kinds: Vec<_> = delta.kinds.iter().collect();
    for chunk in kinds.chunks(rows_per) {
        let sql = format!(
            "INSERT INTO summary_contributions (unit_id, year, kind, n, quantity, value) VALUES {} \
             ON CONFLICT (unit_id, year, kind) DO UPDATE SET n = summary_contributions.n + excluded.n, \
             quantity = summary_contributions.quantity + excluded.quantity, \
             value = summary_contributions.value + excluded.value",
            placeholders(chunk.len(), 6)
        );
        macro_rules! bind_all {
            ($q:expr) => {{
                let mut q = $q;
                for ((u, y, k), (n, qty, v)) in chunk {
                    q = q.bind(*u).bind(*y).bind(k).bind(*n).bind(*qty).bind(*v);
                }
                q
            }};
        }
        match tx.ex() {
            Ex::Sqlite(c) => {
                bind_all!(sqlx::query(sqlx::AssertSqlSafe(sql.as_str())))
                    .execute(c)
                    .await?;
            }
            Ex::Postgres(c) => {
                bind_all!(sqlx::query(sqlx::AssertSqlSafe(sql.as_str())))
                    .execute(c)
                    .await?;
            }
        }
    }
    let people: Vec<_> = delta.contributors.iter().collect();
    for chunk in people.chunks(rows_per) {
        let sql = format!(
            "INSERT INTO summary_contributors (unit_id, year, contributor_type, contributor_id, outside_name, n, value) VALUES {} \
             ON CONFLICT (unit_id, year, contributor_type, contributor_id, outside_name) DO UPDATE SET \
             n = summary_contributors.n + excluded.n, value = summary_contributors.value + excluded.value",
            placeholders(chunk.len(), 7)
        );
        macro_rules! bind_all {
            ($q:expr) => {{
                let mut q = $q;
                for ((u, y, t, id, name), (n, v)) in chunk {
                    q = q
                        .bind(*u)
                        .bind(*y)
                        .bind(t)
                        .bind(*id)
                        .bind(name)
                        .bind(*n)
                        .bind(*v);
                }
                q
            }};
        }
        match tx.ex() {
            Ex::Sqlite(c) => {
                bind_all!(sqlx::query(sqlx::AssertSqlSafe(sql.as_str())))
                    .execute(c)
                    .await?;
            }
            Ex::Postgres(c) => {
                bind_all!(sqlx::query(sqlx::AssertSqlSafe(sql.as_str())))
                    .execute(c)
                    .await?;
            }
        }
    }
    Ok(())
}

fn placeholders(rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|i| {
            let p: Vec<String> = (1..=cols).map(|k| format!("${}", i * cols + k)).collect();
            format!("({})", p.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

const GIFT: &str = "SELECT u.path, c.year, c.kind, c.contributor_type, COALESCE(c.contributor_id, 0) AS contributor_id, c.outside_name, c.quantity, c.value FROM contributions c JOIN units u ON u.id = c.unit_id";

/// The contributions with these ids as the totals see them (read before a cancel or a
/// revaluation changes them).
pub async fn gifts_of(tx: &mut impl DbConn, ids: &[i64]) -> Result<Vec<Gift>, sqlx::Error> {
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "{GIFT} WHERE c.id IN ({})",
            (1..=chunk.len())
                .map(|k| format!("${k}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let rows: Vec<Gift> = match tx.ex() {
            Ex::Sqlite(c) => {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()));
                for id in chunk {
                    q = q.bind(*id);
                }
                q.fetch_all(c).await?
            }
            Ex::Postgres(c) => {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()));
                for id in chunk {
                    q = q.bind(*id);
                }
                q.fetch_all(c).await?
            }
        };
        out.extend(rows);
    }
    Ok(out)
}

/// The unit paths of these unit ids, for turning new contributions into gifts.
pub async fn paths_of(
    tx: &mut impl DbConn,
    ids: &[i64],
) -> Result<HashMap<i64, String>, sqlx::Error> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut out = HashMap::new();
    for id in ids {
        if let Some((path,)) =
            crate::fetch_optional!(tx, (String,), "SELECT path FROM units WHERE id = $1", id)?
        {
            out.insert(id, path);
        }
    }
    Ok(out)
}

/// The unit `id` moved from `old_path` to `new_path`: what its subtree received leaves the
/// units above the old place and joins those above the new one.
pub async fn moved(
    tx: &mut impl DbConn,
    id: i64,
    old_path: &str,
    new_path: &str,
) -> Result<(), sqlx::Error> {
    let above = |p: &str| {
        let mut ids = path_ids(p);
        ids.pop();
        ids
    };
    let (from, to) = (above(old_path), above(new_path));
    if from == to {
        return Ok(());
    }
    let kinds = fetch_all!(
        tx,
        (i64, String, i64, i64, i64),
        "SELECT year, kind, n, quantity, value FROM summary_contributions WHERE unit_id = $1 AND n <> 0",
        id
    )?;
    let people = fetch_all!(
        tx,
        (i64, String, i64, String, i64, i64),
        "SELECT year, contributor_type, contributor_id, outside_name, n, value FROM summary_contributors WHERE unit_id = $1 AND n <> 0",
        id
    )?;
    let mut delta = Delta::default();
    delta.move_subtree(&kinds, &people, &from, &to);
    add(tx, &delta.trimmed()).await
}

/// Every kept row that adds something.
pub async fn kept(c: &mut impl DbConn) -> Result<Delta, sqlx::Error> {
    let mut d = Delta::default();
    for (u, y, k, n, q, v) in fetch_all!(
        c,
        (i64, i64, String, i64, i64, i64),
        "SELECT unit_id, year, kind, n, quantity, value FROM summary_contributions"
    )? {
        d.kinds.insert((u, y, k), (n, q, v));
    }
    for (u, y, t, id, name, n, v) in fetch_all!(
        c,
        (i64, i64, String, i64, String, i64, i64),
        "SELECT unit_id, year, contributor_type, contributor_id, outside_name, n, value FROM summary_contributors"
    )? {
        d.contributors.insert((u, y, t, id, name), (n, v));
    }
    Ok(d.trimmed())
}

/// The totals recomputed from the contributions, ignoring what is kept: each beneficiary's own
/// sums in two grouped passes, rolled up in memory.
pub async fn recompute(c: &mut impl DbConn) -> Result<Delta, sqlx::Error> {
    let paths: HashMap<i64, String> = fetch_all!(c, (i64, String), "SELECT id, path FROM units")?
        .into_iter()
        .collect();
    let kinds = fetch_all!(
        c,
        (i64, i64, String, i64, i64, i64),
        "SELECT unit_id, year, kind, COUNT(*), CAST(SUM(quantity) AS BIGINT), CAST(SUM(value) AS BIGINT) FROM contributions GROUP BY unit_id, year, kind"
    )?;
    let people = fetch_all!(
        c,
        (i64, i64, String, i64, String, i64, i64),
        "SELECT unit_id, year, contributor_type, COALESCE(contributor_id, 0), outside_name, COUNT(*), CAST(SUM(value) AS BIGINT) FROM contributions GROUP BY unit_id, year, contributor_type, COALESCE(contributor_id, 0), outside_name"
    )?;
    Ok(roll_up(&paths, &kinds, &people))
}

/// Replaces every kept row with `totals` (`thidua rebuild-totals`).
pub async fn replace(tx: &mut impl DbConn, totals: &Delta) -> Result<(), sqlx::Error> {
    execute!(tx, "DELETE FROM summary_contributions")?;
    execute!(tx, "DELETE FROM summary_contributors")?;
    add(tx, totals).await
}
