//! Units to and from XLSX. An import is checked whole before anything is written: every bad
//! row is reported with its row number, and a file with any bad row writes nothing.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{Unit, UnitInput, UnitKind, ValidUnit, store, validate};
use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::documents::xlsx;
use crate::text;

pub const HEADERS: [&str; 7] = [
    "Mã",
    "Tên",
    "Loại",
    "Mã đơn vị cấp trên",
    "Hiệu lực từ",
    "Hiệu lực đến",
    "Ghi chú",
];

/// The rows of an export: one per unit, parents before children.
pub fn export_rows(units: &[Unit]) -> Vec<Vec<String>> {
    let codes: HashMap<i64, &str> = units.iter().map(|u| (u.id, u.code.as_str())).collect();
    let mut sorted: Vec<&Unit> = units.iter().collect();
    sorted.sort_by_key(|u| (u.depth(), u.id));
    sorted
        .into_iter()
        .map(|u| {
            vec![
                u.code.clone(),
                u.name.clone(),
                u.kind_label().to_string(),
                u.parent_id
                    .and_then(|p| codes.get(&p))
                    .unwrap_or(&"")
                    .to_string(),
                u.valid_from.map(text::date_vn).unwrap_or_default(),
                u.valid_to.map(text::date_vn).unwrap_or_default(),
                u.note.clone(),
            ]
        })
        .collect()
}

pub fn export_xlsx(units: &[Unit]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    xlsx::write_table("Đơn vị", &HEADERS, &export_rows(units))
}

/// A problem with one row of the file (row numbers as Excel shows them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub message: String,
}

/// The rows of a file that passed the checks (with their Excel row numbers), the problems of
/// the others, and every code the file mentions in its first column.
pub struct Parsed {
    pub rows: Vec<(usize, ValidUnit)>,
    pub errors: Vec<RowError>,
    pub codes: HashSet<String>,
}

/// Reads and checks every row on its own; the file as a whole is judged by `import_file`.
pub fn parse(bytes: &[u8]) -> Result<Parsed, Vec<RowError>> {
    let rows = xlsx::read_rows(bytes).map_err(|m| vec![RowError { row: 0, message: m }])?;
    let Some((header, body)) = rows.split_first() else {
        return Err(vec![RowError {
            row: 0,
            message: "Tệp không có dòng nào.".into(),
        }]);
    };
    if header
        .iter()
        .take(2)
        .map(|h| text::fold(h))
        .collect::<Vec<_>>()
        != ["ma", "ten"]
    {
        return Err(vec![RowError {
            row: 1,
            message: format!(
                "Dòng tiêu đề phải bắt đầu bằng các cột: {}.",
                HEADERS.join(", ")
            ),
        }]);
    }
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut codes = HashSet::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, row) in body.iter().enumerate() {
        let row_no = i + 2;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |n: usize| row.get(n).cloned().unwrap_or_default();
        codes.insert(cell(0).trim().to_string());
        let input = UnitInput {
            code: cell(0),
            name: cell(1),
            kind: cell(2),
            parent_code: cell(3),
            valid_from: cell(4),
            valid_to: cell(5),
            note: cell(6),
        };
        match validate(&input) {
            Ok(v) => {
                if let Some(first) = seen.insert(v.code.clone(), row_no) {
                    errors.push(RowError {
                        row: row_no,
                        message: format!("Mã {} đã có ở dòng {first}.", v.code),
                    });
                } else {
                    out.push((row_no, v));
                }
            }
            Err(es) => errors.push(RowError {
                row: row_no,
                message: es.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join(" "),
            }),
        }
    }
    Ok(Parsed {
        rows: out,
        errors,
        codes,
    })
}

/// Checks the whole file — each row, then parents against the file and the database — and
/// writes it only when no row is bad. All problems are reported together, by row.
pub async fn import_file(
    tx: &mut impl DbConn,
    bytes: &[u8],
    scope: &impl ImportScope,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Result<(usize, usize), Vec<RowError>>, sqlx::Error> {
    let parsed = match parse(bytes) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let mut errors = parsed.errors;
    for (row, v) in &parsed.rows {
        if let Some(p) = &v.parent_code
            && !parsed.codes.contains(p)
            && store::by_code(tx, p).await?.is_none()
        {
            errors.push(RowError {
                row: *row,
                message: format!("Không có đơn vị cấp trên mã {p}."),
            });
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.row);
        return Ok(Err(errors));
    }
    apply(tx, parsed.rows, scope, actor, now).await
}

/// Where an import may write: admins anywhere, others under the units they edit.
pub trait ImportScope {
    fn may_write(&self, path: &str) -> bool;
}

/// Applies checked rows in one transaction: units are matched by code (updated) or created,
/// parents first. On any error the caller must drop the transaction, so nothing is written.
async fn apply(
    tx: &mut impl DbConn,
    rows: Vec<(usize, ValidUnit)>,
    scope: &impl ImportScope,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Result<(usize, usize), Vec<RowError>>, sqlx::Error> {
    let in_file: HashSet<String> = rows.iter().map(|(_, v)| v.code.clone()).collect();
    let mut errors = Vec::new();
    // Parents before children: repeatedly take rows whose parent is stored or already placed.
    let mut pending = rows;
    let mut placed: HashSet<String> = HashSet::new();
    let (mut created, mut updated) = (0, 0);
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for (row, v) in pending {
            let parent_ready = v
                .parent_code
                .as_ref()
                .is_none_or(|p| !in_file.contains(p) || placed.contains(p));
            if !parent_ready {
                rest.push((row, v));
                continue;
            }
            if let Err(msg) =
                apply_one(tx, &v, scope, actor, now, &mut created, &mut updated).await?
            {
                errors.push(RowError { row, message: msg });
            }
            placed.insert(v.code.clone());
        }
        if rest.len() == before {
            for (row, v) in &rest {
                errors.push(RowError {
                    row: *row,
                    message: format!("Đơn vị {} nằm trong một vòng cấp trên – cấp dưới.", v.code),
                });
            }
            break;
        }
        pending = rest;
    }
    errors.sort_by_key(|e| e.row);
    Ok(if errors.is_empty() {
        Ok((created, updated))
    } else {
        Err(errors)
    })
}

async fn apply_one(
    tx: &mut impl DbConn,
    v: &ValidUnit,
    scope: &impl ImportScope,
    actor: &Actor,
    now: DateTime<Utc>,
    created: &mut usize,
    updated: &mut usize,
) -> Result<Result<(), String>, sqlx::Error> {
    let parent = match &v.parent_code {
        Some(p) => store::by_code(tx, p).await?,
        None => None,
    };
    let target_path = parent.as_ref().map_or("/".to_string(), |p| p.path.clone());
    if !scope.may_write(&target_path) || (parent.is_none() && !scope.may_write("/")) {
        return Ok(Err(format!(
            "Bạn không có quyền ghi đơn vị {} vào vị trí này.",
            v.code
        )));
    }
    match store::by_code(tx, &v.code).await? {
        Some(existing) => {
            if !scope.may_write(&existing.path) {
                return Ok(Err(format!("Bạn không có quyền sửa đơn vị {}.", v.code)));
            }
            if parent
                .as_ref()
                .is_some_and(|p| p.path.starts_with(&existing.path))
            {
                return Ok(Err(format!(
                    "Đơn vị {} không thể nằm dưới chính cấp dưới của nó.",
                    v.code
                )));
            }
            let unchanged = existing.name == v.name
                && UnitKind::from_code(&existing.kind) == Some(v.kind)
                && existing.parent_id == parent.as_ref().map(|p| p.id)
                && existing.valid_from == v.valid_from
                && existing.valid_to == v.valid_to
                && existing.note == v.note;
            if !unchanged {
                store::update(tx, &existing, v, parent.as_ref(), now).await?;
                audit::store::record(
                    tx,
                    now,
                    actor,
                    "unit.update",
                    "unit",
                    &existing.id.to_string(),
                    &json!({"code": v.code, "source": "import"}),
                )
                .await?;
                *updated += 1;
            }
        }
        None => {
            let id = store::insert(tx, v, parent.as_ref(), false, now).await?;
            audit::store::record(
                tx,
                now,
                actor,
                "unit.create",
                "unit",
                &id.to_string(),
                &json!({"code": v.code, "name": v.name, "source": "import"}),
            )
            .await?;
            *created += 1;
        }
    }
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rows: &[[&str; 4]]) -> Vec<u8> {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect();
        xlsx::write_table("Đơn vị", &HEADERS, &rows).unwrap()
    }

    #[test]
    fn every_bad_row_is_reported_by_its_excel_row_number() {
        let bytes = file(&[
            ["A", "Đơn vị A", "Phường", ""],
            ["", "Không mã", "Phường", ""],
            ["B", "Đơn vị B", "Quận", ""],
            ["A", "Trùng mã", "Phường", ""],
        ]);
        let errs = parse(&bytes).unwrap().errors;
        let rows: Vec<usize> = errs.iter().map(|e| e.row).collect();
        assert_eq!(rows, vec![3, 4, 5]);
        assert!(errs[2].message.contains("dòng 2"));
    }

    #[test]
    fn a_wrong_header_is_refused() {
        let rows = vec![vec!["x".to_string()]];
        let bytes = xlsx::write_table("x", &["Họ tên", "Năm sinh"], &rows).unwrap();
        assert_eq!(parse(&bytes).err().unwrap()[0].row, 1);
    }
}
