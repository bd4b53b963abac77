//! A round where part 1 ends (issue 13's tests start there): nominations already forwarded to
//! Internal Affairs, written through the stores because `award_round` walks part 1 itself; a
//! council with members, some with accounts to vote from; Internal Affairs signed in.

use chrono::NaiveDate;

use crate::helpers::*;
use thidua::auth::Role;
use thidua::awards::council_store::{self, NewMember};
use thidua::awards::nominations_store::{self, Content, Moved};
use thidua::awards::rounds_store::{self, NewRound};

pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A nominee to forward: (name, collective?).
pub(crate) type Nominee = (&'static str, bool);

/// Opens the round of `year` proposed by `unit` and forwards `nominees` to Internal Affairs;
/// returns the round id and the nomination ids in order.
pub(crate) async fn forwarded_round(
    app: &TestApp,
    year: i64,
    unit: &str,
    nominees: &[Nominee],
) -> (i64, Vec<i64>) {
    let forms = vec!["giay_khen"; nominees.len()];
    forwarded_round_forms(app, year, unit, nominees, &forms).await
}

/// As `forwarded_round`, each nominee proposed for the form code beside it.
pub(crate) async fn forwarded_round_forms(
    app: &TestApp,
    year: i64,
    unit: &str,
    nominees: &[Nominee],
    forms: &[&str],
) -> (i64, Vec<i64>) {
    let unit_id = app.unit_id(unit).await;
    let now = app.state.clock.now();
    let mut tx = app.state.db.begin().await.unwrap();
    let movement = thidua::movements::store::all(&mut tx).await.unwrap()[0].id;
    let round = rounds_store::insert(
        &mut tx,
        &NewRound {
            movement_id: movement,
            year,
            deadline: day(year as i32, 12, 10),
            receiving_unit_id: app.unit_id("HL-NV").await,
            note: "",
            proposing: &[unit_id],
            appraising: &[app.unit_id("HL-KT").await],
            is_demo: false,
        },
        None,
        now,
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for ((name, collective), form) in nominees.iter().zip(forms) {
        let content = Content {
            category: if *collective { "c" } else { "b" }.into(),
            subject_type: if *collective { "unit" } else { "outside" }.into(),
            subject_id: collective.then_some(unit_id),
            subject_unit_id: unit_id,
            subject_name: (*name).into(),
            outside_address: if *collective {
                ""
            } else {
                "Số 12 đường Nguyễn Du (riêng tư)"
            }
            .into(),
            form_code: (*form).into(),
            achievement: format!("{name} tích cực hiến đất mở đường, vận động nhân dân."),
            achievement_year: year,
            basis: None,
            direct_production: !collective,
            small_collective: *collective,
        };
        let id = nominations_store::insert(&mut tx, round, unit_id, &content, false, None, now)
            .await
            .unwrap();
        assert!(
            nominations_store::step(
                &mut tx,
                id,
                1,
                ("forward", "draft", "with_internal_affairs"),
                &Moved::default(),
                (None, "test"),
                "",
                now,
            )
            .await
            .unwrap()
        );
        ids.push(id);
    }
    tx.commit().await.unwrap();
    (round, ids)
}

/// A council of `total` members of `body` from `from`, the first `with_accounts` of them with
/// accounts `{prefix}1…`; returns the member ids in order.
pub(crate) async fn council(
    app: &TestApp,
    body: &str,
    prefix: &str,
    total: usize,
    with_accounts: usize,
    from: NaiveDate,
) -> Vec<i64> {
    let body_id = app.unit_id(body).await;
    let mut users = Vec::new();
    for i in 1..=with_accounts {
        users.push(
            app.add_user(&format!("{prefix}{i}"), Role::CouncilMember, body)
                .await,
        );
    }
    let mut tx = app.state.db.begin().await.unwrap();
    let mut ids = Vec::new();
    for i in 1..=total {
        let name = format!("Thành viên {prefix} số {i}");
        let role = match i {
            1 => "chair",
            2 => "deputy",
            3 => "secretary",
            _ => "member",
        };
        let m = NewMember {
            body_unit_id: body_id,
            full_name: &name,
            position: "Cán bộ",
            role,
            user_id: users.get(i - 1).copied(),
            from_date: from,
            to_date: None,
            is_demo: false,
        };
        ids.push(
            council_store::insert_member(&mut tx, &m, None, app.state.clock.now())
                .await
                .unwrap(),
        );
    }
    tx.commit().await.unwrap();
    ids
}

/// Creates a session on the round page's form; returns its id.
pub(crate) async fn session(
    c: &mut Client,
    round: i64,
    body_id: i64,
    held_on: &str,
    threshold: &str,
    tie: &str,
) -> String {
    let page = c.get(&format!("/khen-thuong/dot/{round}/hoi-dong")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let r = c
        .post(
            &format!("/khen-thuong/dot/{round}/phien"),
            &[
                ("body_id", &body_id.to_string()),
                ("held_on", held_on),
                ("place", "Hội trường UBND"),
                ("quorum", "ge 2/3 all"),
                ("threshold", threshold),
                ("tie_rule", tie),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    first_id(&r.body, "/khen-thuong/phien/")
}

/// Marks the first `present` members present, the rest absent, and opens the ballot.
pub(crate) async fn attend_and_open(
    c: &mut Client,
    session: &str,
    members: &[i64],
    present: usize,
) -> Reply {
    let fields: Vec<(String, String)> = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            (
                format!("p_{m}"),
                if i < present { "present" } else { "absent" }.to_string(),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = c
        .post(&format!("/khen-thuong/phien/{session}/diem-danh"), &refs)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    c.post(&format!("/khen-thuong/phien/{session}/mo"), &[])
        .await
}

/// Member `who` casts `choices` (nomination, "agree" / "disagree" / "abstain").
pub(crate) async fn vote(
    app: &TestApp,
    who: &str,
    session: &str,
    choices: &[(i64, &str)],
) -> Reply {
    let mut c = app.signed_in(who).await;
    let page = c.get(&format!("/khen-thuong/phien/{session}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let fields: Vec<(String, String)> = choices
        .iter()
        .map(|(n, v)| (format!("c_{n}"), (*v).to_string()))
        .collect();
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    c.post(&format!("/khen-thuong/phien/{session}/bo-phieu"), &refs)
        .await
}

/// The session's counts as the store keeps them: (nomination, agree, disagree, abstain).
pub(crate) async fn counts(app: &TestApp, session: &str) -> Vec<(i64, i64, i64, i64)> {
    let mut c = app.state.db.conn().await.unwrap();
    let mut v: Vec<_> = thidua::awards::ballot_store::tallies(&mut c, session.parse().unwrap())
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.nomination_id, t.agree, t.disagree, t.abstain))
        .collect();
    v.sort();
    v
}
