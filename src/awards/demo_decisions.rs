//! Demo decisions (issue 13, item 8): the town's council meets on 15 December of 2022, 2023
//! and 2024 and passes the demo nominations with Internal Affairs, and the town's Chairman
//! decides on the 18th — numbered from the town's register, money on the date, certificates
//! numbered; the 2025 round, decided after 01/07/2025, is met and decided by the successor
//! wards (Decree 129/2025 Art. 59), each from its own register. In 2024 one nominee for the
//! provincial Bằng khen goes upward in the town's tờ trình of 20/12 with its dossier. Every
//! row is marked demo and the files are real DOCX, PDF and ZIP in the file store.

use chrono::{DateTime, NaiveDate, Utc};

use super::ballot_store;
use super::council::Choice;
use super::council_store::{self, NewMember, NewSession};
use super::decision_doc::SigningForm;
use super::decision_write::{self, Issue};
use super::nominations_store::{self as store, Content, Moved};
use super::rounds_store::{self, NewRound};
use super::{bodies, nominations_store, subject};
use crate::db::{Db, DbConn};
use crate::files::blobs::Blobs;

const KEY: &str = "demo_award_decisions";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

async fn unit(c: &mut impl DbConn, code: &str) -> anyhow::Result<crate::units::Unit> {
    crate::units::store::by_code(c, code)
        .await?
        .ok_or_else(|| anyhow::anyhow!("{code} missing"))
}

/// A demo council of `n` members for `body` from `from` to `to`; returns the member ids.
async fn council(
    c: &mut impl DbConn,
    body: i64,
    place: &str,
    n: usize,
    (from, to): (NaiveDate, Option<NaiveDate>),
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for i in 1..=n {
        let (role, position) = match i {
            1 => ("chair", format!("Chủ tịch UBND {place}")),
            2 => ("deputy", format!("Phó Chủ tịch UBND {place}")),
            3 => ("standing", "Trưởng phòng Nội vụ".to_string()),
            4 => ("secretary", "Chuyên viên Nội vụ".to_string()),
            _ => ("member", "Thủ trưởng cơ quan, đoàn thể".to_string()),
        };
        let m = NewMember {
            body_unit_id: body,
            full_name: &format!("Thành viên Hội đồng {place} số {i} (mẫu)"),
            position: &position,
            role,
            user_id: None,
            from_date: from,
            to_date: to,
            is_demo: true,
        };
        ids.push(council_store::insert_member(c, &m, None, now).await?);
    }
    Ok(ids)
}

/// A closed session of `body` on `held_on` where every present member agreed to every one of
/// `nominations` (all but the last two members present); returns how many passed.
async fn session(
    c: &mut impl DbConn,
    round: i64,
    body: i64,
    held_on: NaiveDate,
    members: &[i64],
    nominations: &[i64],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let s = NewSession {
        round_id: round,
        body_unit_id: body,
        held_on,
        place: "Hội trường UBND (mẫu)",
        quorum: "ge 2/3 all",
        threshold: "gt 1/2 all",
        tie_rule: "fails",
        written_votes: false,
        is_demo: true,
    };
    let id = council_store::insert_session(c, &s, members, None, now).await?;
    let present = &members[..members.len().saturating_sub(2)];
    for m in present {
        council_store::set_presence(c, id, *m, "present").await?;
    }
    council_store::move_session(c, id, "preparing", "voting", now).await?;
    for n in nominations {
        for m in present {
            ballot_store::cast(c, id, *n, *m, Choice::Agree).await?;
        }
        ballot_store::set_outcome(c, id, *n, "passed").await?;
    }
    council_store::move_session(c, id, "voting", "closed", now).await?;
    Ok(())
}

/// The decision of `body` on `on` for the round's passed nominations it grants; returns
/// whether one was written (none when nothing waits or a rate is still open).
async fn decide(
    c: &mut impl DbConn,
    blobs: &Blobs,
    round: &rounds_store::Round,
    body: &crate::units::Unit,
    on: NaiveDate,
    signer: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let local = super::upward_web::waiting(c, round.id, on).await?.local;
    let mut noms = Vec::new();
    for n in super::upward_web::of_body(c, round, local, body.id, on).await? {
        let kind = subject::kind_of(&n.subject_type);
        if let Ok(money) = subject::expected_money(c, &n.form_code, kind, on).await? {
            noms.push((n, kind, money));
        }
    }
    if noms.is_empty() {
        return Ok(false);
    }
    let bases = super::council_web::default_bases(round);
    let issue = Issue {
        round,
        body,
        on,
        form: SigningForm::Chairman,
        signer,
        bases: &bases,
        amends: None,
        by: None,
        is_demo: true,
    };
    decision_write::write(c, blobs, &issue, &noms, now)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    Ok(true)
}

/// A forwarded nomination of `form` in round `rid` by `by`, for `subject` (type, id, name,
/// home unit) in category `cat`.
#[allow(clippy::too_many_arguments)]
async fn forwarded(
    c: &mut impl DbConn,
    rid: i64,
    by: i64,
    cat: &str,
    subject: (&str, Option<i64>, &str, i64),
    form: &str,
    year: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let (kind, sid, name, home) = subject;
    let content = Content {
        category: cat.into(),
        subject_type: kind.into(),
        subject_id: sid,
        subject_unit_id: home,
        subject_name: name.into(),
        outside_address: String::new(),
        form_code: form.into(),
        achievement: format!(
            "{name} tích cực tham gia phong trào năm {year}: hiến đất, góp công làm đường (dữ liệu mẫu)."
        ),
        achievement_year: year,
        basis: None,
        direct_production: cat == "f" || cat == "g",
        small_collective: cat == "c",
    };
    let id = store::insert(c, rid, by, &content, true, None, now).await?;
    store::step(
        c,
        id,
        1,
        ("forward", "draft", "with_internal_affairs"),
        &Moved::default(),
        (None, "Dữ liệu mẫu"),
        "",
        now,
    )
    .await?;
    Ok(id)
}

/// The 2025 round: two lists, from Đức Thuận and Nam Hồng, forwarded to Internal Affairs.
async fn round_2025(c: &mut impl DbConn, movement: i64, now: DateTime<Utc>) -> anyhow::Result<i64> {
    let dt = unit(c, "HL-DT").await?.id;
    let nh = unit(c, "HL-NH").await?.id;
    let round = NewRound {
        movement_id: movement,
        year: 2025,
        deadline: day(2025, 12, 10),
        receiving_unit_id: unit(c, "HL-VPNTM").await?.id,
        note: "Dữ liệu mẫu: sau 01/07/2025 phường kế thừa xét và quyết định.",
        proposing: &[dt, nh],
        appraising: &[unit(c, "HL-KT").await?.id],
        is_demo: true,
    };
    let rid = rounds_store::insert(c, &round, None, now).await?;
    let mut list: Vec<(i64, String, String, Option<i64>, i64)> = Vec::new();
    for (code, by) in [("DEMO-HL-DT-01", dt), ("DEMO-HL-DT-02", dt)] {
        if let Some(u) = crate::units::store::by_code(c, code).await? {
            list.push((by, "c".into(), u.name, Some(u.id), u.id));
        }
    }
    for (id, name) in super::facts_store::demo_subjects(c, "households", "HL-NH", 2).await? {
        list.push((nh, "f".into(), name, Some(id), nh));
    }
    for (by, cat, name, sid, home) in list {
        let kind = if cat == "c" { "unit" } else { "household" };
        forwarded(
            c,
            rid,
            by,
            &cat,
            (kind, sid, &name, home),
            "giay_khen",
            2025,
            now,
        )
        .await?;
    }
    Ok(rid)
}

/// Writes the demo councils, sessions and decisions once (after `demo::load`); returns how
/// many decisions it wrote, 0 when already written or the demo rounds are missing.
pub async fn load(db: &Db, blobs: &Blobs, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let mut tx = db.begin().await?;
    if crate::units::store::meta(&mut tx, KEY).await?.is_some() {
        return Ok(0);
    }
    let Some(movement) = crate::movements::store::by_code(&mut tx, "HL-NTM-DTVM-2022").await?
    else {
        return Ok(0);
    };
    let town = unit(&mut tx, "HL").await?;
    let town_council = council(
        &mut tx,
        town.id,
        "thị xã",
        11,
        (day(2022, 1, 1), Some(day(2025, 6, 30))),
        now,
    )
    .await?;
    let mut written = 0;
    for year in [2022, 2023, 2024] {
        let Some(rid) = rounds_store::of_year(&mut tx, movement.id, year).await? else {
            continue;
        };
        let Some(round) = rounds_store::one(&mut tx, rid).await? else {
            continue;
        };
        if year == 2024 {
            // One Bằng khen of the provincial Chairman: passed with the rest, it goes upward.
            let dt = unit(&mut tx, "HL-DT").await?.id;
            for (id, name) in
                super::facts_store::demo_subjects(&mut tx, "persons", "HL-DT", 1).await?
            {
                forwarded(
                    &mut tx,
                    rid,
                    dt,
                    "g",
                    ("person", Some(id), &name, dt),
                    "bang_khen_tinh",
                    2024,
                    now,
                )
                .await?;
            }
        }
        let ids: Vec<i64> = ballot_store::on_ballot(&mut tx, rid)
            .await?
            .into_iter()
            .map(|n| n.id)
            .collect();
        let y = year as i32;
        session(
            &mut tx,
            rid,
            town.id,
            day(y, 12, 15),
            &town_council,
            &ids,
            now,
        )
        .await?;
        if decide(
            &mut tx,
            blobs,
            &round,
            &town,
            day(y, 12, 18),
            "Nguyễn Văn Lĩnh (mẫu)",
            now,
        )
        .await?
        {
            written += 1;
        }
        let upward = super::upward_web::pending(&mut tx, &round, town.id, day(y, 12, 20)).await?;
        if !upward.is_empty() {
            let p = super::upward_write::Proposing {
                round: &round,
                body: &town,
                on: day(y, 12, 20),
                form: SigningForm::Committee,
                signer: "Nguyễn Văn Lĩnh (mẫu)",
                recipient: super::upward_doc::RECIPIENT,
                by: None,
                by_name: "Dữ liệu mẫu",
                is_demo: true,
            };
            super::upward_write::write(&mut tx, blobs, &p, &upward, now)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        }
    }
    let rid = round_2025(&mut tx, movement.id, now).await?;
    if let Some(round) = rounds_store::one(&mut tx, rid).await? {
        let ids: Vec<i64> = ballot_store::on_ballot(&mut tx, rid)
            .await?
            .into_iter()
            .map(|n| n.id)
            .collect();
        for (code, place, signer) in [
            ("BHL", "phường Bắc Hồng Lĩnh", "Trần Văn Bắc (mẫu)"),
            ("NHL", "phường Nam Hồng Lĩnh", "Lê Thị Nam (mẫu)"),
        ] {
            let ward = unit(&mut tx, code).await?;
            let members = council(&mut tx, ward.id, place, 7, (day(2025, 7, 1), None), now).await?;
            let town_id = bodies::town_of(&mut tx, &round).await?;
            let mut theirs = Vec::new();
            for id in &ids {
                if let Some(n) = nominations_store::one(&mut tx, *id).await?
                    && bodies::body_of(&mut tx, town_id, n.unit_id, day(2025, 12, 12)).await?
                        == Some(ward.id)
                {
                    theirs.push(*id);
                }
            }
            session(
                &mut tx,
                rid,
                ward.id,
                day(2025, 12, 12),
                &members,
                &theirs,
                now,
            )
            .await?;
            if decide(
                &mut tx,
                blobs,
                &round,
                &ward,
                day(2025, 12, 16),
                signer,
                now,
            )
            .await?
            {
                written += 1;
            }
        }
    }
    crate::units::store::set_meta(&mut tx, KEY, &now.to_rfc3339()).await?;
    tx.commit().await?;
    Ok(written)
}
