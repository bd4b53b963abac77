//! Writing a checked units file into the register, inside one write transaction: parents
//! checked against the file and the database, the user's right to each row, new units in
//! batches, one audit entry for the whole import.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::json;

use super::import::Parsed;
use super::{Unit, UnitKind, ValidUnit, store};
use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::documents::problems::Problem;

/// Checks the parsed file against the register — parents must exist in the file or the
/// database, the user must be allowed to write each row — and writes it only when no row is
/// bad. Runs inside the write transaction, so what it checked is what it writes. All problems
/// come back together, by row.
pub async fn import_file(
    tx: &mut impl DbConn,
    parsed: Parsed,
    scope: &impl ImportScope,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Result<(usize, usize), Vec<Problem>>, sqlx::Error> {
    let mut errors = missing_parents(tx, &parsed).await?;
    errors.extend(parsed.errors);
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    apply(tx, &parsed.sheet, parsed.rows, scope, actor, now).await
}

/// Rows whose parent code is neither in the file nor in the register. Read-only, so a file
/// with other problems can be reported whole without opening a write transaction.
pub async fn missing_parents(
    c: &mut impl DbConn,
    parsed: &Parsed,
) -> Result<Vec<Problem>, sqlx::Error> {
    let mut errors = Vec::new();
    for (row, v) in &parsed.rows {
        if let Some(p) = &v.parent_code
            && !parsed.codes.contains(p)
            && store::by_code(c, p).await?.is_none()
        {
            errors.push(Problem::cell(
                &parsed.sheet,
                *row,
                3,
                format!("Không có đơn vị cấp trên mã {p}."),
            ));
        }
    }
    Ok(errors)
}

/// Where an import may write: admins anywhere, others under the units they edit.
pub trait ImportScope {
    fn may_write(&self, path: &str) -> bool;
}

/// Applies checked rows in one transaction: units are matched by code (updated) or created,
/// parents first. The register is read once up front, new units are written `INSERT_BATCH` at
/// a time, and the import is audited as one entry naming every code it created or changed —
/// so a province's register holds the write lock for seconds, not minutes. On any error the
/// caller must drop the transaction, so nothing is written.
async fn apply(
    tx: &mut impl DbConn,
    sheet: &str,
    rows: Vec<(usize, ValidUnit)>,
    scope: &impl ImportScope,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Result<(usize, usize), Vec<Problem>>, sqlx::Error> {
    let in_file: HashSet<String> = rows.iter().map(|(_, v)| v.code.clone()).collect();
    let mut known = register(tx).await?;
    let mut errors = Vec::new();
    let (mut created, mut updated) = (Vec::new(), Vec::new());
    let mut placed: HashSet<String> = HashSet::new();
    let mut pending = rows;
    while !pending.is_empty() {
        // Parents first: a wave takes the rows whose parent is stored or already placed.
        let (ready, rest): (Vec<_>, Vec<_>) = pending.into_iter().partition(|(_, v)| {
            v.parent_code
                .as_ref()
                .is_none_or(|p| !in_file.contains(p) || placed.contains(p))
        });
        if ready.is_empty() {
            for (row, v) in &rest {
                errors.push(Problem::row(
                    sheet,
                    *row,
                    format!("Đơn vị {} nằm trong một vòng cấp trên – cấp dưới.", v.code),
                ));
            }
            break;
        }
        let mut new_units = Vec::new();
        // Updates first: one that moves a subtree changes the paths new units hang under.
        for (row, v) in ready {
            placed.insert(v.code.clone());
            let parent = v.parent_code.as_ref().and_then(|p| known.get(p)).cloned();
            let target = parent.as_ref().map_or("/", |p| p.path.as_str());
            if !scope.may_write(target) || (parent.is_none() && !scope.may_write("/")) {
                let msg = format!("Bạn không có quyền ghi đơn vị {} vào vị trí này.", v.code);
                errors.push(Problem::row(sheet, row, msg));
                continue;
            }
            let Some(existing) = known.get(&v.code).cloned() else {
                new_units.push(v);
                continue;
            };
            match update_one(tx, &v, &existing, parent.as_ref(), scope, now).await? {
                Ok(None) => {}
                Ok(Some(moved)) => {
                    updated.push(v.code.clone());
                    if moved {
                        // Its subtree moved with it: what was read up front no longer holds.
                        known = register(tx).await?;
                    } else if let Some(fresh) = store::by_code(tx, &v.code).await? {
                        known.insert(v.code.clone(), fresh);
                    }
                }
                Err(msg) => errors.push(Problem::row(sheet, row, msg)),
            }
        }
        for chunk in new_units.chunks(store::INSERT_BATCH) {
            let parents: Vec<Option<Unit>> = chunk
                .iter()
                .map(|v| v.parent_code.as_ref().and_then(|p| known.get(p)).cloned())
                .collect();
            let batch: Vec<(&ValidUnit, Option<&Unit>)> = chunk
                .iter()
                .zip(&parents)
                .map(|(v, p)| (v, p.as_ref()))
                .collect();
            let ids = store::insert_many(tx, &batch, now).await?;
            for (v, parent) in chunk.iter().zip(parents) {
                let Some(&id) = ids.get(&v.code) else {
                    continue;
                };
                let path = format!("{}{id}/", parent.as_ref().map_or("/", |p| p.path.as_str()));
                known.insert(v.code.clone(), new_unit(v, id, parent.map(|p| p.id), path));
                created.push(v.code.clone());
            }
        }
        pending = rest;
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    if !created.is_empty() || !updated.is_empty() {
        audit::store::record(
            tx,
            now,
            actor,
            "units.import",
            "unit",
            "",
            &json!({"created": created, "updated": updated}),
        )
        .await?;
    }
    Ok(Ok((created.len(), updated.len())))
}

/// Every unit of the register by code, as the import transaction sees it.
async fn register(tx: &mut impl DbConn) -> Result<HashMap<String, Unit>, sqlx::Error> {
    Ok(store::all(tx)
        .await?
        .into_iter()
        .map(|u| (u.code.clone(), u))
        .collect())
}

/// The unit a new row became, as stored.
fn new_unit(v: &ValidUnit, id: i64, parent_id: Option<i64>, path: String) -> Unit {
    Unit {
        id,
        code: v.code.clone(),
        name: v.name.clone(),
        kind: v.kind.code().to_string(),
        parent_id,
        path,
        valid_from: v.valid_from,
        valid_to: v.valid_to,
        note: v.note.clone(),
        is_demo: false,
        version: 1,
    }
}

/// Updates a stored unit from its row: `Ok(None)` when the row changes nothing, else whether
/// the unit moved to another parent (taking its subtree along).
async fn update_one(
    tx: &mut impl DbConn,
    v: &ValidUnit,
    existing: &Unit,
    parent: Option<&Unit>,
    scope: &impl ImportScope,
    now: DateTime<Utc>,
) -> Result<Result<Option<bool>, String>, sqlx::Error> {
    if !scope.may_write(&existing.path) {
        // The same words as the unit form: a code outside the user's scope is only
        // "taken", never named or confirmed as someone's unit.
        return Ok(Err(format!(
            "Mã {} đã được dùng cho một đơn vị khác; hãy chọn mã khác.",
            v.code
        )));
    }
    if parent.is_some_and(|p| p.path.starts_with(&existing.path)) {
        return Ok(Err(format!(
            "Đơn vị {} không thể nằm dưới chính cấp dưới của nó.",
            v.code
        )));
    }
    let unchanged = existing.name == v.name
        && UnitKind::from_code(&existing.kind) == Some(v.kind)
        && existing.parent_id == parent.map(|p| p.id)
        && existing.valid_from == v.valid_from
        && existing.valid_to == v.valid_to
        && existing.note == v.note;
    if unchanged {
        return Ok(Ok(None));
    }
    if !store::update(tx, existing, v, parent, now).await? {
        return Ok(Err(format!(
            "Đơn vị {} vừa được sửa ở nơi khác; hãy tải lại tệp.",
            v.code
        )));
    }
    Ok(Ok(Some(existing.parent_id != parent.map(|p| p.id))))
}
