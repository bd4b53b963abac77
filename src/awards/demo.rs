//! Demo award rounds (issue 12, item 8): the 2022, 2023 and 2024 rounds of the built-in
//! movement with nominations in every category a–h and every state of part 1 — most of 2022
//! and 2023 with Internal Affairs, 2024 spread over the whole path — one unit's 2024 list
//! sent late with its reason, and one 2024 draft that repeats a 2023 nomination for the same
//! land gift, so the block shows. Every row is marked demo.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::nominations_store::{self as store, Content, Moved};
use super::rounds_store::{self, NewRound};
use super::workflow::{Action, Given, State, next};
use crate::db::Tx;

/// 09:00 Vietnam time on `d` of December `year`, plus `hours`.
fn at(year: i64, d: u32, hours: i64) -> DateTime<Utc> {
    let day = NaiveDate::from_ymd_opt(year as i32, 12, d).unwrap_or_default();
    let local = day.and_hms_opt(9, 0, 0).unwrap_or_default();
    crate::clock::vietnam()
        .from_local_datetime(&local)
        .single()
        .map_or_else(Utc::now, |t| t.with_timezone(&Utc))
        + Duration::hours(hours)
}

/// The path from a draft to `to` (returned and withdrawn after the given step).
fn path_to(to: State) -> Vec<Action> {
    use Action::*;
    match to {
        State::Draft => vec![],
        State::Submitted => vec![Submit],
        State::Received => vec![Submit, Receive],
        State::UnderAppraisal => vec![Submit, Receive, SendToAppraisal],
        State::Appraised => vec![Submit, Receive, SendToAppraisal, Appraise],
        State::SteeringReviewed => {
            vec![Submit, Receive, SendToAppraisal, Appraise, SteeringOpinion]
        }
        State::WithInternalAffairs => {
            vec![
                Submit,
                Receive,
                SendToAppraisal,
                Appraise,
                SteeringOpinion,
                Forward,
            ]
        }
        State::Returned => vec![Submit, Receive, Return],
        State::Withdrawn => vec![Submit, Withdraw],
    }
}

fn words(a: Action) -> &'static str {
    match a {
        Action::Appraise => "Đủ điều kiện, đề nghị Chủ tịch UBND tặng Giấy khen (dữ liệu mẫu).",
        Action::SteeringOpinion => "Thống nhất đề nghị (dữ liệu mẫu).",
        Action::Return => "Bổ sung biên bản họp xét có chữ ký (dữ liệu mẫu).",
        Action::Withdraw => "Đơn vị rút để đề nghị ở đợt sau (dữ liệu mẫu).",
        _ => "",
    }
}

/// Walks `id` from draft to `to`, writing each step as the system; offices agree on the way.
#[allow(clippy::too_many_arguments)]
async fn walk(
    tx: &mut Tx,
    id: i64,
    to: State,
    year: i64,
    late: Option<&str>,
    submission: i64,
    offices: &[i64],
    admin: Option<i64>,
) -> anyhow::Result<()> {
    let mut state = State::Draft;
    for (version, a) in (1..).zip(path_to(to)) {
        let when = at(year, if late.is_some() { 11 } else { 8 }, version * 20);
        if a == Action::Appraise
            && let Some(user) = admin
        {
            for o in offices {
                store::set_opinion(
                    tx,
                    id,
                    *o,
                    ("agree", "Đồng ý (dữ liệu mẫu)."),
                    (user, "unit_officer"),
                    when,
                )
                .await?;
            }
        }
        let text = words(a);
        let given = Given {
            text,
            opinions_complete: true,
        };
        let Ok(after) = next(state, a, given) else {
            break;
        };
        let moved = Moved {
            late: (a == Action::Submit).then_some((late.is_some(), late.unwrap_or(""))),
            submission_id: (a == Action::Submit).then_some(submission),
            consolidated: (a == Action::Appraise).then_some(text),
            steering_opinion: (a == Action::SteeringOpinion).then_some(text),
        };
        let role = match a.owner() {
            super::workflow::Owner::ProposingUnit => "unit_officer",
            super::workflow::Owner::NtmOffice => "ntm_office",
            super::workflow::Owner::Steering => "steering",
        };
        store::step(
            tx,
            id,
            version,
            (a.code(), state.code(), after.code()),
            &moved,
            (None, role),
            text,
            when,
        )
        .await?;
        state = after;
    }
    Ok(())
}

async fn unit_id(tx: &mut Tx, code: &str) -> anyhow::Result<i64> {
    Ok(crate::units::store::by_code(tx, code)
        .await?
        .ok_or_else(|| anyhow::anyhow!("{code} missing"))?
        .id)
}

/// One planned nomination: proposing unit, category, subject (type, id, name, unit), form,
/// the state it reaches in each round.
struct Planned {
    unit: &'static str,
    category: &'static str,
    subject: (String, Option<i64>, String, i64),
    form: &'static str,
    states: [State; 3],
}

/// Writes the demo rounds; returns how many nominations it wrote.
pub async fn load(tx: &mut Tx, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let Some(movement) = crate::movements::store::by_code(tx, "HL-NTM-DTVM-2022").await? else {
        return Ok(0);
    };
    let admin = crate::criteria::assess_store::first_admin(tx).await?;
    let receiving = unit_id(tx, "HL-VPNTM").await?;
    let offices = [unit_id(tx, "HL-KT").await?, unit_id(tx, "HL-LDTBXH").await?];
    let mut proposing = Vec::new();
    for code in [
        "HL-BH", "HL-NH", "HL-TLG", "HL-DT", "HL-DL", "HL-TLO", "HL-MTTQ", "HL-PN", "HL-ND",
    ] {
        proposing.push(unit_id(tx, code).await?);
    }
    let mut plan: Vec<Planned> = Vec::new();
    use State::*;
    let u = |t: &str, id: i64, name: &str, at: i64| (t.to_string(), Some(id), name.to_string(), at);
    for (code, name, cat, by, states) in [
        (
            "HL-DT",
            "Phường Đức Thuận",
            "b",
            "HL-DT",
            [WithInternalAffairs, WithInternalAffairs, SteeringReviewed],
        ),
        (
            "HL-TLO",
            "Xã Thuận Lộc",
            "b",
            "HL-TLO",
            [WithInternalAffairs, Withdrawn, Appraised],
        ),
        (
            "DEMO-HL-DT-01",
            "Tổ dân phố 1",
            "c",
            "HL-DT",
            [WithInternalAffairs, WithInternalAffairs, UnderAppraisal],
        ),
        (
            "DEMO-HL-TLO-01",
            "Thôn 1",
            "c",
            "HL-TLO",
            [WithInternalAffairs, WithInternalAffairs, Received],
        ),
        (
            "DEMO-DN-01",
            "Công ty TNHH Chè Hồng Lĩnh (mẫu)",
            "d",
            "HL-MTTQ",
            [WithInternalAffairs, WithInternalAffairs, Submitted],
        ),
        (
            "DEMO-HTX-01",
            "Hợp tác xã Nông nghiệp Thuận Lộc (mẫu)",
            "e",
            "HL-TLO",
            [WithInternalAffairs, Returned, Returned],
        ),
        (
            "HL-PN",
            "Hội Liên hiệp Phụ nữ thị xã",
            "a",
            "HL-PN",
            [
                WithInternalAffairs,
                WithInternalAffairs,
                WithInternalAffairs,
            ],
        ),
    ] {
        let id = unit_id(tx, code).await?;
        plan.push(Planned {
            unit: by,
            category: cat,
            subject: u("unit", id, name, id),
            form: "giay_khen",
            states,
        });
    }
    let households = super::facts_store::demo_subjects(tx, "households", "HL-DT", 3).await?;
    let persons = super::facts_store::demo_subjects(tx, "persons", "HL-BH", 3).await?;
    let dt = unit_id(tx, "HL-DT").await?;
    let bh = unit_id(tx, "HL-BH").await?;
    for (i, (id, name)) in households.iter().enumerate() {
        let states = [
            [WithInternalAffairs, WithInternalAffairs, Draft],
            [WithInternalAffairs, WithInternalAffairs, Submitted],
            [Withdrawn, WithInternalAffairs, WithInternalAffairs],
        ][i % 3];
        plan.push(Planned {
            unit: "HL-DT",
            category: "f",
            subject: u("household", *id, name, dt),
            form: "giay_khen",
            states,
        });
    }
    for (i, (id, name)) in persons.iter().enumerate() {
        let states = [
            [WithInternalAffairs, WithInternalAffairs, SteeringReviewed],
            [WithInternalAffairs, Returned, Draft],
            [WithInternalAffairs, WithInternalAffairs, Withdrawn],
        ][i % 3];
        plan.push(Planned {
            unit: "HL-BH",
            category: "g",
            subject: u("person", *id, name, bh),
            form: "giay_khen",
            states,
        });
    }
    let nh = unit_id(tx, "HL-NH").await?;
    plan.push(Planned {
        unit: "HL-NH",
        category: "h",
        subject: (
            "outside".into(),
            None,
            "Ông Đặng Văn Hùng (Hà Nội)".into(),
            nh,
        ),
        form: "giay_khen",
        states: [WithInternalAffairs, WithInternalAffairs, Submitted],
    });
    let mut written = 0;
    for (r, year) in [2022_i64, 2023, 2024].into_iter().enumerate() {
        let deadline = NaiveDate::from_ymd_opt(year as i32, 12, 10).unwrap_or_default();
        let round = NewRound {
            movement_id: movement.id,
            year,
            deadline,
            receiving_unit_id: receiving,
            note: "Dữ liệu mẫu.",
            proposing: &proposing,
            appraising: &offices,
            is_demo: true,
        };
        let rid = rounds_store::insert(tx, &round, None, now).await?;
        let mut submissions = std::collections::HashMap::new();
        for p in &plan {
            let state = p.states[r];
            let by = unit_id(tx, p.unit).await?;
            // Phường Nam Hồng sends its 2024 list on the 11th, with its reason.
            let late = (year == 2024 && p.unit == "HL-NH")
                .then_some("Chờ xác nhận của nhà tài trợ ở Hà Nội (dữ liệu mẫu).");
            let (t, sid, name, home) = p.subject.clone();
            let c = Content {
                category: p.category.into(),
                subject_type: t,
                subject_id: sid,
                subject_unit_id: home,
                subject_name: name.clone(),
                outside_address: if sid.is_none() {
                    "Hà Nội".into()
                } else {
                    String::new()
                },
                form_code: p.form.into(),
                achievement: format!(
                    "{name} tích cực tham gia phong trào năm {year}: đóng góp công sức, vật chất xây dựng khu dân cư (dữ liệu mẫu)."
                ),
                achievement_year: year,
                basis: None,
                direct_production: p.category == "g" || p.category == "f",
                small_collective: p.category == "c",
            };
            let id = store::insert(tx, rid, by, &c, true, None, now).await?;
            written += 1;
            if state != Draft {
                let sub = match submissions.get(&by) {
                    Some(s) => *s,
                    None => {
                        let s = rounds_store::insert_submission(
                            tx,
                            rid,
                            by,
                            "…/TTr-UBND",
                            1,
                            late.is_some(),
                            late.unwrap_or(""),
                            None,
                            at(year, if late.is_some() { 11 } else { 8 }, 0),
                        )
                        .await?;
                        submissions.insert(by, s);
                        s
                    }
                };
                walk(tx, id, state, year, late, sub, &offices, admin).await?;
            }
        }
        if year == 2024 {
            // The duplicate: Bắc Hồng proposes again the person it proposed in 2023, for the
            // same year's achievement and category.
            if let Some((pid, name)) = persons.first() {
                let c = Content {
                    category: "g".into(),
                    subject_type: "person".into(),
                    subject_id: Some(*pid),
                    subject_unit_id: bh,
                    subject_name: name.clone(),
                    outside_address: String::new(),
                    form_code: "giay_khen".into(),
                    achievement: format!("{name}: đóng góp năm 2023 (đề nghị trùng, dữ liệu mẫu)."),
                    achievement_year: 2023,
                    basis: None,
                    direct_production: true,
                    small_collective: false,
                };
                store::insert(tx, rid, bh, &c, true, None, now).await?;
                written += 1;
            }
        }
    }
    Ok(written)
}
