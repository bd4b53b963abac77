//! Matching checked contributions to the register and valuing them, then writing them — one
//! path for the form and the import, run inside the write transaction so what was checked is
//! what is written. A batch with any bad row writes nothing.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::json;

use super::input::{Checked, ContributorRef, FIELDS};
use super::store::{self, NewContribution};
use super::{Basis, Kind, lookup_store, value};
use crate::audit::{self, Actor};
use crate::db::DbConn;

/// What the recording user may do: write for beneficiaries they edit, and name as contributor
/// only persons and households they may see (so a code typed at random never shows someone
/// else's name). Enterprises, organisations and outside donors may be named by anyone.
pub trait Scope {
    fn may_write(&self, path: &str) -> bool;
    fn may_see(&self, path: &str) -> bool;
}

impl Scope for crate::auth::CurrentUser {
    fn may_write(&self, path: &str) -> bool {
        self.can_edit(path)
    }
    fn may_see(&self, path: &str) -> bool {
        self.can_see(path)
    }
}

/// The register rows a batch refers to.
#[derive(Default)]
pub struct Lookup {
    /// code → (id, path, name)
    pub units: HashMap<String, (i64, String, String)>,
    pub persons: HashMap<i64, String>,
    pub households: HashMap<i64, String>,
    pub works: HashMap<i64, String>,
    /// (unit, year, kind) → (price, source)
    pub prices: HashMap<(i64, i64, String), (i64, String)>,
}

/// Reads what `rows` refer to.
pub async fn lookup(c: &mut impl DbConn, rows: &[Checked]) -> Result<Lookup, sqlx::Error> {
    let mut codes: HashSet<String> = HashSet::new();
    let (mut persons, mut households, mut works) = (HashSet::new(), HashSet::new(), HashSet::new());
    for r in rows {
        codes.insert(r.unit_code.clone());
        match &r.contributor {
            ContributorRef::Person(id) => {
                persons.insert(*id);
            }
            ContributorRef::Household(id) => {
                households.insert(*id);
            }
            ContributorRef::Unit(code) => {
                codes.insert(code.clone());
            }
            ContributorRef::Outside(_) => {}
        }
        if let Some(w) = r.work_id {
            works.insert(w);
        }
    }
    let v = |s: HashSet<i64>| s.into_iter().collect::<Vec<_>>();
    let codes: Vec<String> = codes.into_iter().collect();
    Ok(Lookup {
        units: lookup_store::units_by_code(c, &codes)
            .await?
            .into_iter()
            .map(|(id, code, path, name)| (code, (id, path, name)))
            .collect(),
        persons: lookup_store::person_paths(c, &v(persons))
            .await?
            .into_iter()
            .collect(),
        households: lookup_store::household_paths(c, &v(households))
            .await?
            .into_iter()
            .collect(),
        works: lookup_store::work_paths(c, &v(works))
            .await?
            .into_iter()
            .collect(),
        prices: super::valuation_store::all_prices(c)
            .await?
            .into_iter()
            .map(|(u, y, k, p, s)| ((u, y, k), (p, s)))
            .collect(),
    })
}

/// A problem of one row: (index in the batch, column of `FIELDS`, message).
pub type RowProblem = (usize, usize, String);

fn col(field: &str) -> usize {
    FIELDS.iter().position(|f| *f == field).unwrap_or(0)
}

/// Matches and values one checked row.
pub fn resolve(
    r: &Checked,
    l: &Lookup,
    scope: &impl Scope,
    is_demo: bool,
) -> Result<NewContribution, Vec<(usize, String)>> {
    let mut errors = Vec::new();
    let unit = l.units.get(&r.unit_code);
    match unit {
        None => errors.push((
            col("unit_code"),
            format!("Không có đơn vị mã {}.", r.unit_code),
        )),
        Some((_, path, name)) if !scope.may_write(path) => errors.push((
            col("unit_code"),
            format!("Anh/chị không được ghi đóng góp cho {name}."),
        )),
        Some(_) => {}
    }
    let missing = |what: &str, code: String| {
        (
            col("contributor"),
            format!("Không có {what} {code} trong sổ (hoặc ngoài phạm vi của anh/chị)."),
        )
    };
    let (contributor_type, contributor_id, outside_name) = match &r.contributor {
        ContributorRef::Person(id) => match l.persons.get(id) {
            Some(p) if scope.may_see(p) => ("person", Some(*id), String::new()),
            _ => {
                errors.push(missing("cá nhân", r.contributor.code()));
                ("person", None, String::new())
            }
        },
        ContributorRef::Household(id) => match l.households.get(id) {
            Some(p) if scope.may_see(p) => ("household", Some(*id), String::new()),
            _ => {
                errors.push(missing("hộ gia đình", r.contributor.code()));
                ("household", None, String::new())
            }
        },
        ContributorRef::Unit(code) => match l.units.get(code) {
            Some((id, _, _)) => ("unit", Some(*id), String::new()),
            None => {
                errors.push((
                    col("contributor"),
                    format!("Không có tổ chức, doanh nghiệp mã {code}."),
                ));
                ("unit", None, String::new())
            }
        },
        ContributorRef::Outside(name) => ("outside", None, name.clone()),
    };
    if let (Some(w), Some((_, unit_path, name))) = (r.work_id, unit) {
        match l.works.get(&w) {
            Some(p) if p.starts_with(unit_path.as_str()) => {}
            Some(_) => errors.push((
                col("work"),
                format!("Công trình số {w} không thuộc {name}."),
            )),
            None => errors.push((col("work"), format!("Không có công trình số {w}."))),
        }
    }
    let year = r.year();
    let (basis_code, basis) = match (&r.stated, unit) {
        (Some((v, source)), _) => (
            "stated",
            Some(Basis::Stated {
                value: *v,
                source: source.clone(),
            }),
        ),
        _ if r.kind == Kind::Cash => ("cash", None),
        (None, Some((uid, _, _))) => (
            "price",
            l.prices
                .get(&(*uid, year, r.kind.code().to_string()))
                .map(|(p, s)| Basis::PricePerUnit {
                    price: *p,
                    source: s.clone(),
                }),
        ),
        (None, None) => ("price", None),
    };
    let valued = match (unit, basis_code, &basis) {
        (Some((_, _, name)), "price", None) => Err(format!(
            "Chưa có đơn giá {} năm {year} của {name}: đặt đơn giá quy đổi, hoặc ghi giá trị nêu và nguồn.",
            r.kind.label().to_lowercase()
        )),
        (None, _, _) => Ok(0),
        _ => value(r.kind, r.quantity, basis.as_ref()),
    };
    let value = match valued {
        Ok(v) => v,
        Err(m) => {
            errors.push((col("stated_value"), m));
            0
        }
    };
    match (unit, errors.is_empty()) {
        (Some((unit_id, _, _)), true) => Ok(NewContribution {
            contributor_type,
            contributor_id,
            outside_name,
            unit_id: *unit_id,
            work_id: r.work_id,
            kind: r.kind.code(),
            quantity: r.quantity,
            given_on: r.given_on,
            year,
            basis: basis_code,
            stated_value: r.stated.as_ref().map(|(v, _)| *v),
            stated_source: r
                .stated
                .as_ref()
                .map(|(_, s)| s.clone())
                .unwrap_or_default(),
            value,
            note: r.note.clone(),
            is_demo,
        }),
        _ => Err(errors),
    }
}

/// Matches and values every row against the register: the valued rows, or the problems of
/// all the bad ones together. Read-only, so a file with other problems can be reported whole
/// without opening a write transaction.
pub async fn check_all(
    c: &mut impl DbConn,
    rows: &[Checked],
    scope: &impl Scope,
) -> Result<Result<Vec<NewContribution>, Vec<RowProblem>>, sqlx::Error> {
    let l = lookup(c, rows).await?;
    let mut problems = Vec::new();
    let mut new = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        match resolve(r, &l, scope, false) {
            Ok(n) => new.push(n),
            Err(es) => problems.extend(es.into_iter().map(|(c, m)| (i, c, m))),
        }
    }
    Ok(if problems.is_empty() {
        Ok(new)
    } else {
        Err(problems)
    })
}

/// How the rows came: the form (one row) or an import file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Form,
    Import,
}

/// Checks every row inside the write transaction and, when none is bad, writes them all and
/// one audit entry. Returns the new ids, or the problems: nothing is written then.
pub async fn write_all(
    tx: &mut impl DbConn,
    rows: &[Checked],
    scope: &impl Scope,
    actor: &Actor,
    via: Via,
    now: DateTime<Utc>,
) -> Result<Result<Vec<i64>, Vec<RowProblem>>, sqlx::Error> {
    let new = match check_all(tx, rows, scope).await? {
        Ok(new) => new,
        Err(problems) => return Ok(Err(problems)),
    };
    let ids = store::insert_many(tx, &new, actor.id, now).await?;
    let total: i64 = new.iter().map(|n| n.value).sum();
    let detail = match (ids.as_slice(), new.first()) {
        ([id], Some(n)) => {
            json!({"id": id, "unit": n.unit_id, "kind": n.kind, "quantity": n.quantity, "value": n.value, "basis": n.basis})
        }
        _ => {
            json!({"rows": ids.len(), "first_id": ids.first(), "last_id": ids.last(), "value": total})
        }
    };
    let subject = ids.first().map(|i| i.to_string()).unwrap_or_default();
    match via {
        Via::Form => {
            audit::store::record(
                tx,
                now,
                actor,
                "contribution.create",
                "contribution",
                &subject,
                &detail,
            )
            .await?
        }
        Via::Import => {
            audit::store::record(
                tx,
                now,
                actor,
                "contribution.import",
                "contribution",
                &subject,
                &detail,
            )
            .await?
        }
    };
    Ok(Ok(ids))
}
