//! Loads the built-in criteria sets (`seed_sets.rs`) once, with the town offices that own their
//! criteria, and Hồng Lĩnh's NTM region. Admins and the owning offices edit them afterwards.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

use super::seed_sets::{SETS, SetSeed};
use super::store::{self, NewIndicator, NewSet};
use super::{Comparator, Measure};
use crate::audit::{self, Actor};
use crate::db::{Db, DbConn};
use crate::units::{self, UnitKind};

const SEED_KEY: &str = "criteria_builtin";

/// Offices a criterion names that the town's built-in units did not have (likely: the usual
/// town offices of 2022; an admin renames or closes them as the town's organisation is).
const OFFICES: [(&str, &str, UnitKind); 5] = [
    ("HL-QLDT", "Phòng Quản lý đô thị", UnitKind::Department),
    ("HL-GDDT", "Phòng Giáo dục và Đào tạo", UnitKind::Department),
    ("HL-YT", "Phòng Y tế", UnitKind::Department),
    (
        "HL-TNMT",
        "Phòng Tài nguyên và Môi trường",
        UnitKind::Department,
    ),
    ("HL-CA", "Công an thị xã", UnitKind::Other),
];

/// Hà Tĩnh uses the North Central region's column of the 2021–2025 sets (QĐ 318/QĐ-TTg).
pub const NORTH_CENTRAL: &str = "BTB";

/// One parsed indicator line of a built-in criterion.
#[derive(Debug, PartialEq)]
pub struct SeedIndicator {
    pub text: String,
    pub measure: Measure,
    /// `Some(1)` (in ten-thousandths: 10 000) for a yes/no indicator with its content; `None`
    /// for a number the office must enter.
    pub target: Option<i64>,
    /// Years with a target each (income 2022…2025); empty for one target.
    pub years: Vec<i64>,
}

/// Reads one criterion line `number|name|group|owner|indicators` of `seed_sets.rs`.
///
/// Errors: a line with another shape or an unknown measure letter (a mistake in the built-in
/// data, caught by the tests).
pub fn parse_line(line: &str) -> Result<(i64, &str, &str, &str, Vec<SeedIndicator>), String> {
    let parts: Vec<&str> = line.split('|').collect();
    let [number, name, group, owner, indicators] = parts[..] else {
        return Err(format!("dòng tiêu chí sai dạng: {line}"));
    };
    let number = number
        .trim()
        .parse()
        .map_err(|_| format!("số tiêu chí sai: {line}"))?;
    let mut out = Vec::new();
    for ind in indicators.split(';') {
        let (m, rest) = ind
            .split_once(':')
            .ok_or_else(|| format!("chỉ tiêu sai: {ind}"))?;
        let (text, years) = match rest.rsplit_once('@') {
            Some((t, span)) => {
                let (a, b) = span
                    .split_once('-')
                    .ok_or_else(|| format!("năm sai: {ind}"))?;
                let (a, b): (i64, i64) = (
                    a.parse().map_err(|_| format!("năm sai: {ind}"))?,
                    b.parse().map_err(|_| format!("năm sai: {ind}"))?,
                );
                (t, (a..=b).collect())
            }
            None => (rest, Vec::new()),
        };
        let (measure, target) = match m {
            "y" => (Measure::YesNo, Some(super::YES)),
            "-" => (Measure::YesNo, None),
            "p" => (Measure::Percent, None),
            "n" => (Measure::Number, None),
            "a" => (Measure::Amount, None),
            "c" => (Measure::Count, None),
            _ => return Err(format!("loại chỉ tiêu sai: {ind}")),
        };
        out.push(SeedIndicator {
            text: text.to_string(),
            measure,
            target,
            years,
        });
    }
    Ok((number, name, group, owner, out))
}

fn day((y, m, d): (i32, u32, u32)) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Loads the sets once (app_meta `criteria_builtin`). Returns whether it loaded them.
///
/// Errors: the database; a malformed built-in line.
pub async fn load_builtin(db: &Db, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    if units::store::meta(&mut tx, SEED_KEY).await?.is_some() {
        return Ok(false);
    }
    let Some(town) = units::store::by_code(&mut tx, "HL").await? else {
        return Ok(false);
    };
    let actor = Actor::system();
    for (code, name, kind) in OFFICES {
        if units::store::by_code(&mut tx, code).await?.is_some() {
            continue;
        }
        units::seed::insert_builtin(
            &mut tx,
            code,
            name,
            kind,
            Some(&town),
            (None, NaiveDate::from_ymd_opt(2025, 6, 30)),
            "Dựng sẵn để giao tiêu chí; sửa lại theo tổ chức thực tế.",
            now,
        )
        .await?;
    }
    store::set_region_of_province(&mut tx, "HT", NORTH_CENTRAL).await?;
    for set in SETS {
        let id = insert_set(&mut tx, set, now).await?;
        audit::store::record(
            &mut tx,
            now,
            &actor,
            "criteria.set_create",
            "criteria_set",
            &id.to_string(),
            &json!({"code": set.code, "source": "built-in"}),
        )
        .await?;
    }
    units::store::set_meta(&mut tx, SEED_KEY, "1").await?;
    tx.commit().await?;
    Ok(true)
}

async fn insert_set(
    tx: &mut impl DbConn,
    set: &SetSeed,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let id = store::insert_set(
        tx,
        &NewSet {
            code: set.code,
            version: 1,
            name: set.name,
            decision_number: set.decision_number,
            decision_date: day(set.decision_date),
            decision_body: set.decision_body,
            subject_kind: set.subject_kind,
            valid_from: day(set.valid_from),
            valid_to: set.valid_to.and_then(day),
            target_basis: set.basis,
            prerequisite_code: set.prerequisite,
            conditions: set.conditions,
            outstanding_field: set.outstanding_field,
            note: set.note,
            builtin: true,
        },
        now,
    )
    .await?;
    for line in set.criteria.lines() {
        let (number, name, group, owner, indicators) =
            parse_line(line).map_err(|e| anyhow::anyhow!("{}: {e}", set.code))?;
        let owner = units::store::by_code(tx, owner).await?.map(|u| u.id);
        let criterion = store::insert_criterion(tx, id, number, name, group, owner).await?;
        for (position, ind) in indicators.iter().enumerate() {
            let indicator = store::insert_indicator(
                tx,
                criterion,
                &NewIndicator {
                    position: position as i64 + 1,
                    text: &ind.text,
                    measure: ind.measure,
                    comparator: Comparator::AtLeast,
                    unit_label: if ind.measure == Measure::Percent {
                        "%"
                    } else {
                        ""
                    },
                    valid_from: None,
                    valid_to: None,
                    replaces_id: None,
                    amended_by: "",
                },
            )
            .await?;
            let years = if ind.years.is_empty() {
                vec![0]
            } else {
                ind.years.clone()
            };
            for year in years {
                store::put_target(tx, indicator, "", year, ind.target).await?;
            }
        }
    }
    Ok(id)
}
