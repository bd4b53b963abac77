//! The round's nomination list (filters, search without diacritics, Vietnamese name order,
//! pages) and the board's counts, always within the reader's scope (`path`).

use super::nominations_store::{Nomination, select};
use crate::db::DbConn;
use crate::{fetch_all, fetch_scalar};

/// What the list is narrowed to. Empty strings and `None` mean "all".
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub round_id: i64,
    /// The reader's scope: nominations of proposing units at or below it.
    pub path: String,
    pub state: String,
    pub unit_id: Option<i64>,
    pub category: String,
    pub form_code: String,
    /// Folded search text (`text::fold`).
    pub q: String,
    pub late_only: bool,
    /// "ten" (name order), "don_vi", "trang_thai", "moi".
    pub sort: String,
}

const WHERE: &str = "n.round_id = $1 AND u.path LIKE $2 || '%' AND ($3 = '' OR n.state = $3) AND ($4 IS NULL OR n.unit_id = $4) AND ($5 = '' OR n.category = $5) AND ($6 = '' OR n.form_code = $6) AND ($7 = '' OR n.subject_fold LIKE '%' || $7 || '%') AND ($8 = $9 OR n.late = $8)";

fn order(sort: &str) -> &'static str {
    match sort {
        "don_vi" => "u.sort_key, n.subject_sort, n.id",
        "trang_thai" => "n.state, n.subject_sort, n.id",
        "moi" => "n.id DESC",
        _ => "n.subject_sort, n.id",
    }
}

/// One page of the list.
pub async fn page(
    c: &mut impl DbConn,
    f: &Filter,
    limit: i64,
    offset: i64,
) -> Result<Vec<Nomination>, sqlx::Error> {
    let q = f.q.replace(['%', '_'], "");
    fetch_all!(
        c,
        Nomination,
        &format!(
            "{} WHERE {WHERE} ORDER BY {} LIMIT $10 OFFSET $11",
            select(),
            order(&f.sort)
        ),
        f.round_id,
        &f.path,
        &f.state,
        f.unit_id,
        &f.category,
        &f.form_code,
        q,
        true,
        !f.late_only,
        limit,
        offset
    )
}

/// How many nominations the filter keeps.
pub async fn count(c: &mut impl DbConn, f: &Filter) -> Result<i64, sqlx::Error> {
    let q = f.q.replace(['%', '_'], "");
    fetch_scalar!(
        c,
        i64,
        &format!(
            "SELECT COUNT(*) FROM nominations n JOIN units u ON u.id = n.unit_id WHERE {WHERE}"
        ),
        f.round_id,
        &f.path,
        &f.state,
        f.unit_id,
        &f.category,
        &f.form_code,
        q,
        true,
        !f.late_only
    )
}

/// Every nomination the filter keeps, grouped for the consolidated list: by form, category,
/// then name order.
pub async fn all_for_list(c: &mut impl DbConn, f: &Filter) -> Result<Vec<Nomination>, sqlx::Error> {
    let q = f.q.replace(['%', '_'], "");
    fetch_all!(
        c,
        Nomination,
        &format!(
            "{} WHERE {WHERE} ORDER BY f.name, n.form_code, n.category, n.subject_sort, n.id",
            select()
        ),
        f.round_id,
        &f.path,
        &f.state,
        f.unit_id,
        &f.category,
        &f.form_code,
        q,
        true,
        !f.late_only
    )
}

/// The board's counts of a round within `path`: (state, unit name, category, form code, late,
/// count) grouped by all five, so each view sums what it needs from one query.
pub async fn counts(
    c: &mut impl DbConn,
    round_id: i64,
    path: &str,
) -> Result<Vec<(String, i64, String, String, String, bool, i64)>, sqlx::Error> {
    fetch_all!(
        c,
        (String, i64, String, String, String, bool, i64),
        "SELECT n.state, n.unit_id, u.name, n.category, n.form_code, n.late, COUNT(*) FROM nominations n JOIN units u ON u.id = n.unit_id WHERE n.round_id = $1 AND u.path LIKE $2 || '%' GROUP BY n.state, n.unit_id, u.name, n.category, n.form_code, n.late",
        round_id,
        path
    )
}

/// Nominations under appraisal in rounds where `offices` appraise and that office has not yet
/// given its opinion: (nomination id, round id, subject name, office id).
pub async fn awaiting_opinion(
    c: &mut impl DbConn,
    offices: &[i64],
    limit: i64,
) -> Result<Vec<(i64, i64, String, i64)>, sqlx::Error> {
    let mut out = Vec::new();
    for o in offices {
        out.extend(fetch_all!(
            c,
            (i64, i64, String, i64),
            "SELECT n.id, n.round_id, n.subject_name, ru.unit_id FROM nominations n JOIN award_round_units ru ON ru.round_id = n.round_id AND ru.part = 'appraising' AND ru.unit_id = $1 WHERE n.state = 'under_appraisal' AND NOT EXISTS (SELECT 1 FROM nomination_opinions o WHERE o.nomination_id = n.id AND o.office_unit_id = $1) ORDER BY n.id LIMIT $2",
            *o,
            limit
        )?);
    }
    Ok(out)
}

/// How many of the round's appraising offices have not given their opinion on `id`.
pub async fn opinions_missing(c: &mut impl DbConn, id: i64) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM nominations n JOIN award_round_units ru ON ru.round_id = n.round_id AND ru.part = 'appraising' WHERE n.id = $1 AND NOT EXISTS (SELECT 1 FROM nomination_opinions o WHERE o.nomination_id = n.id AND o.office_unit_id = ru.unit_id)",
        id
    )
}

/// Per round and state, how many nominations of units at or below `path` are there:
/// (round id, year, deadline, state, count) — the to-do list's source.
pub async fn waiting(
    c: &mut impl DbConn,
    path: &str,
    states: &[&'static str],
) -> Result<Vec<(i64, i64, chrono::NaiveDate, String, i64)>, sqlx::Error> {
    let mut out = Vec::new();
    for s in states {
        out.extend(fetch_all!(
            c,
            (i64, i64, chrono::NaiveDate, String, i64),
            "SELECT r.id, r.year, r.deadline, n.state, COUNT(*) FROM nominations n JOIN award_rounds r ON r.id = n.round_id JOIN units u ON u.id = n.unit_id WHERE n.state = $1 AND u.path LIKE $2 || '%' GROUP BY r.id, r.year, r.deadline, n.state ORDER BY r.year DESC",
            *s,
            path
        )?);
    }
    Ok(out)
}
