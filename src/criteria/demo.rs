//! `thidua demo` for criteria (issue 10, item 8): assessments 2022–2025 of the six wards and
//! the commune, a dozen streets and some households, a few recognitions and one ward that
//! backslides. The official numbers are still missing, so the demo enters sample targets into
//! the sets it uses and says so in each set's note — never to be read as law.

use chrono::{DateTime, NaiveDate, Utc};

use super::assess::{self, Review, Status};
use super::assess_store::{self, NewAssessment, PutValue};
use super::recognition_store::{self, NewRecognition};
use super::store::{self, IndicatorRow};
use super::{Comparator, Measure, YES};
use crate::db::DbConn;
use crate::units;

/// Added to the note of every set the demo entered targets into.
const DEMO_NOTE: &str = " (Dữ liệu mẫu: các con số chỉ tiêu do lệnh «thidua demo» nhập để minh họa, không phải số chính thức.)";

/// A sample target per measure, in ten-thousandths: 90 %, 60 (million đồng), 1 (count).
fn sample_target(m: Measure) -> i64 {
    match m {
        Measure::YesNo => YES,
        Measure::Percent => 90 * YES,
        Measure::Amount => 60 * YES,
        Measure::Number | Measure::Count => YES,
    }
}

/// One demo assessment: which criterion numbers fail, where it stands, and whether it earns a
/// recognition (decision date).
struct Plan<'a> {
    set: &'a str,
    subject_type: &'a str,
    subject_id: i64,
    unit_id: i64,
    year: i64,
    failing: &'a [i64],
    status: Status,
    rejected: Option<(i64, &'a str)>,
    recognised_on: Option<(i32, u32, u32)>,
}

/// One year of a ward's demo: year, failing criteria, state, a rejected criterion with its
/// reason, the recognition's decision date.
type Year<'a> = (
    i64,
    &'a [i64],
    Status,
    Option<(i64, &'a str)>,
    Option<(i32, u32, u32)>,
);

/// Loads the demo assessments; returns how many it wrote. `user` enters them (the first
/// administrator: the demo has no ward accounts).
pub async fn load(tx: &mut impl DbConn, user: i64, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let ids = |v: Option<units::Unit>| v.map(|u| u.id);
    let mut written = 0;
    let ward_codes = ["HL-BH", "HL-NH", "HL-DT", "HL-TLG", "HL-DL"];
    let mut wards = Vec::new();
    for code in ward_codes {
        if let Some(id) = ids(units::store::by_code(tx, code).await?) {
            wards.push((code, id));
        }
    }
    let mut list: Vec<Plan> = Vec::new();
    for (code, id) in &wards {
        let years: &[Year] = match *code {
            "HL-BH" => &[
                (2022, &[], Status::Verified, None, Some((2022, 12, 20))),
                (2023, &[], Status::Verified, None, None),
                (2024, &[], Status::Verified, None, None),
                // Recognised in 2022, fails poverty in 2025: the backsliding case.
                (2025, &[14], Status::Verified, None, None),
            ],
            "HL-NH" => &[
                (2022, &[13, 15], Status::Verified, None, None),
                (2023, &[], Status::Verified, None, Some((2023, 11, 15))),
                (2024, &[], Status::Verified, None, None),
                (2025, &[], Status::Submitted, None, None),
            ],
            "HL-DT" => &[
                (2024, &[6, 13], Status::Verified, None, None),
                (2025, &[13], Status::Submitted, None, None),
            ],
            "HL-TLG" => &[(
                2025,
                &[],
                Status::Returned,
                Some((
                    3,
                    "Thiếu biên bản rà soát nhà tạm, nhà dột nát (dữ liệu mẫu)",
                )),
                None,
            )],
            _ => &[(2025, &[9, 10, 13], Status::Draft, None, None)],
        };
        for (year, failing, status, rejected, recognised_on) in years {
            list.push(Plan {
                set: "DTVM_PHUONG_HT",
                subject_type: "unit",
                subject_id: *id,
                unit_id: *id,
                year: *year,
                failing,
                status: *status,
                rejected: *rejected,
                recognised_on: *recognised_on,
            });
        }
    }
    if let Some(tl) = ids(units::store::by_code(tx, "HL-TLO").await?) {
        list.push(Plan {
            set: "NTM_XA_2021",
            subject_type: "unit",
            subject_id: tl,
            unit_id: tl,
            year: 2022,
            failing: &[],
            status: Status::Verified,
            rejected: None,
            recognised_on: Some((2023, 2, 10)),
        });
        list.push(Plan {
            set: "NTM_NC_2021",
            subject_type: "unit",
            subject_id: tl,
            unit_id: tl,
            year: 2024,
            failing: &[6, 10, 12, 17],
            status: Status::Verified,
            rejected: None,
            recognised_on: None,
        });
        list.push(Plan {
            set: "NTM_NC_2021",
            subject_type: "unit",
            subject_id: tl,
            unit_id: tl,
            year: 2025,
            failing: &[10, 12],
            status: Status::Submitted,
            rejected: None,
            recognised_on: None,
        });
    }
    // Streets: the three of each ward; the first two of four wards recognised in 2024.
    let mut streets = Vec::new();
    for (code, _) in &wards {
        for i in 1..=3 {
            if let Some(id) = ids(units::store::by_code(tx, &format!("DEMO-{code}-P{i}")).await?) {
                streets.push((id, i));
            }
        }
    }
    for (n, (id, i)) in streets.iter().take(12).enumerate() {
        let recognised = *i < 3 && n < 8;
        list.push(Plan {
            set: "TUYEN_PHO_VM",
            subject_type: "unit",
            subject_id: *id,
            unit_id: *id,
            year: 2024,
            failing: if recognised { &[] } else { &[2] },
            status: Status::Verified,
            rejected: None,
            recognised_on: recognised.then_some((2024, 12, 10)),
        });
    }
    for (hid, unit_id) in assess_store::demo_households(tx, 6).await? {
        list.push(Plan {
            set: "GIA_DINH_5_CO",
            subject_type: "household",
            subject_id: hid,
            unit_id,
            year: 2025,
            failing: &[],
            status: Status::Verified,
            rejected: None,
            recognised_on: None,
        });
    }
    for p in &list {
        if write(tx, p, user, now).await? {
            written += 1;
        }
    }
    Ok(written)
}

/// The newest version of a set, with sample targets entered once where they wait.
async fn prepared(
    tx: &mut impl DbConn,
    code: &str,
) -> anyhow::Result<Option<(store::SetRow, Vec<IndicatorRow>, Vec<(i64, super::Target)>)>> {
    let Some(set) = store::sets(tx)
        .await?
        .into_iter()
        .find(|s| s.code == code && s.version == s.newest)
    else {
        return Ok(None);
    };
    let indicators = store::indicators_of(tx, set.id).await?;
    let mut targets = store::targets_of(tx, set.id).await?;
    if !set.note.contains(DEMO_NOTE.trim()) {
        for i in &indicators {
            let m = Measure::from_code(&i.measure).unwrap_or(Measure::Number);
            let rows: Vec<&(i64, super::Target)> =
                targets.iter().filter(|(id, _)| *id == i.id).collect();
            if rows.is_empty() {
                store::put_target(tx, i.id, "", 0, Some(sample_target(m))).await?;
            }
            for (_, t) in rows.iter().filter(|(_, t)| t.value.is_none()) {
                store::put_target(tx, i.id, &t.basis, t.year, Some(sample_target(m))).await?;
            }
        }
        store::append_note(tx, set.id, DEMO_NOTE).await?;
        targets = store::targets_of(tx, set.id).await?;
    }
    Ok(Some((set, indicators, targets)))
}

async fn write(
    tx: &mut impl DbConn,
    p: &Plan<'_>,
    user: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let Some((set, indicators, targets)) = prepared(tx, p.set).await? else {
        return Ok(false);
    };
    let (region, group) = store::basis_keys(tx, p.unit_id).await?;
    let basis = match set.target_basis.as_str() {
        "region" => region,
        "commune_group" => group,
        _ => String::new(),
    };
    let id = assess_store::create(
        tx,
        &NewAssessment {
            set_id: set.id,
            set_code: &set.code,
            subject_type: p.subject_type,
            subject_id: p.subject_id,
            unit_id: p.unit_id,
            year: p.year,
        },
        user,
        now,
    )
    .await?;
    let mut summary = Vec::new();
    for c in store::criteria_of(tx, set.id).await? {
        let fails = p.failing.contains(&c.number);
        let mut verdicts = Vec::new();
        for i in indicators
            .iter()
            .filter(|i| i.criterion_id == c.id && super::in_force(i.valid_from, i.valid_to, p.year))
        {
            let m = Measure::from_code(&i.measure).unwrap_or(Measure::Number);
            let cmp = Comparator::from_code(&i.comparator).unwrap_or(Comparator::AtLeast);
            let rows: Vec<super::Target> = targets
                .iter()
                .filter(|(id, _)| *id == i.id)
                .map(|(_, t)| t.clone())
                .collect();
            let target = super::target_for(&rows, &basis, p.year).flatten();
            let t = target.unwrap_or(sample_target(m));
            let value = match (m, fails) {
                (Measure::YesNo, f) => {
                    if f {
                        0
                    } else {
                        YES
                    }
                }
                (_, true) => t / 2,
                (_, false) => t + 5 * YES,
            };
            let verdict = super::judge(cmp, target, Some(value), None);
            verdicts.push(verdict);
            assess_store::put_value(
                tx,
                id,
                &PutValue {
                    indicator_id: i.id,
                    value: Some(value),
                    judged: None,
                    target,
                    verdict: verdict.code(),
                    note: "Dữ liệu mẫu",
                },
                user,
                now,
            )
            .await?;
        }
        let outcome = assess::outcome(&verdicts);
        summary.push(outcome);
        assess_store::put_result(tx, id, c.id, outcome.code()).await?;
        let review = match (p.status, p.rejected) {
            (Status::Verified, _) => Some((Review::Verified, "")),
            (Status::Returned, Some((n, why))) if n == c.number => Some((Review::Rejected, why)),
            (Status::Returned, _) => Some((Review::Verified, "")),
            _ => None,
        };
        if let Some((r, why)) = review {
            assess_store::review(tx, id, c.id, r.code(), why, user, now).await?;
        }
    }
    if p.status != Status::Draft {
        assess_store::move_to(tx, id, 1, p.status.code(), now).await?;
    }
    if let Some(date) = p
        .recognised_on
        .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
    {
        let authority = if set.subject_kind == "street" {
            "Chủ tịch UBND thị xã Hồng Lĩnh"
        } else {
            "Chủ tịch UBND tỉnh Hà Tĩnh"
        };
        recognition_store::insert(
            tx,
            &NewRecognition {
                set_id: set.id,
                set_code: &set.code,
                subject_type: p.subject_type,
                subject_id: p.subject_id,
                unit_id: p.unit_id,
                assessment_id: id,
                decision_number: &format!("{}/QĐ-UBND (mẫu)", 100 + p.subject_id),
                decision_date: date,
                authority,
                round: "",
                recognised_year: p.year,
                outstanding_field: "",
                conditions_note: "Dữ liệu mẫu",
            },
            user,
            now,
        )
        .await?;
    }
    Ok(true)
}
