//! What the records say about a nominee, for eligibility (`eligibility::Facts`), the
//! achievement's record to choose (`Basis`), the duplicate check (earlier nominations and
//! awards from other authorities); the dated flags are in `flags_store`.

use chrono::{DateTime, NaiveDate, Utc};

use super::eligibility::{Cited, Facts};
use super::guards::{Achievement, Earlier};
use super::workflow::State;
use crate::db::DbConn;
use crate::text;
use crate::{fetch_all, fetch_scalar};

/// The profile page of a subject.
pub fn profile_link(subject_type: &str, id: Option<i64>) -> String {
    match (subject_type, id) {
        ("person", Some(i)) => format!("/ca-nhan/{i}"),
        ("household", Some(i)) => format!("/ho-gia-dinh/{i}"),
        ("unit", Some(i)) => format!("/don-vi/{i}"),
        _ => String::new(),
    }
}

fn year_end(year: i64) -> NaiveDate {
    i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31))
        .unwrap_or(NaiveDate::MAX)
}

/// The facts of `subject` for `year`: standing recognitions, civilised streets below a unit,
/// OCOP products with their stars, sponsorships given, the year's contributions, the mark.
pub async fn facts(
    c: &mut impl DbConn,
    subject_type: &str,
    subject_id: Option<i64>,
    subject_path: &str,
    year: i64,
) -> Result<Facts, sqlx::Error> {
    let link = profile_link(subject_type, subject_id);
    let mut f = Facts {
        year,
        contributions_link: link.clone(),
        mark: crate::resources::web::mark(c, year).await?,
        ..Facts::default()
    };
    let Some(id) = subject_id else {
        return Ok(f);
    };
    let rows = fetch_all!(
        c,
        (String, String, String, NaiveDate, i64),
        "SELECT r.set_code, s.name, r.decision_number, r.decision_date, r.recognised_year FROM recognitions r JOIN criteria_sets s ON s.id = r.set_id WHERE r.subject_type = $1 AND r.subject_id = $2 AND r.recognised_year <= $3 AND (r.withdrawn_date IS NULL OR r.withdrawn_date > $4) ORDER BY r.recognised_year DESC",
        subject_type,
        id,
        year,
        year_end(year)
    )?;
    for (code, set, number, date, recognised) in rows {
        f.recognitions.push((
            code,
            Cited {
                text: format!(
                    "{set}: quyết định {number} ngày {} (công nhận cho năm {recognised})",
                    text::date_vn(date)
                ),
                link: link.clone(),
            },
        ));
    }
    if subject_type == "unit" {
        let streets = fetch_all!(
            c,
            (i64, String, String),
            "SELECT u.id, u.name, r.decision_number FROM recognitions r JOIN units u ON u.id = r.subject_id WHERE r.subject_type = 'unit' AND r.set_code = 'TUYEN_PHO_VM' AND u.path LIKE $1 || '%' AND r.recognised_year <= $2 AND (r.withdrawn_date IS NULL OR r.withdrawn_date > $3) ORDER BY u.sort_key",
            subject_path,
            year,
            year_end(year)
        )?;
        f.civilised_streets = streets
            .into_iter()
            .map(|(sid, name, number)| Cited {
                text: format!("{name} (quyết định {number})"),
                link: format!("/don-vi/{sid}"),
            })
            .collect();
        f.sponsorships = fetch_all!(
            c,
            (i64, String, i64, i64),
            "SELECT s.id, u.name, s.from_year, s.to_year FROM sponsorships s JOIN units u ON u.id = s.unit_id WHERE s.sponsor_id = $1 AND s.from_year <= $2 AND s.to_year >= $2 ORDER BY s.id",
            id,
            year
        )?
        .into_iter()
        .map(|(sid, name, from, to)| Cited {
            text: format!("Đỡ đầu {name} {from}–{to}"),
            link: format!("/do-dau/{sid}"),
        })
        .collect();
    }
    for p in crate::ocop::store::products_of(c, subject_type, id).await? {
        if let Some(stars) = p.stars {
            f.ocop.push((
                stars,
                Cited {
                    text: format!("Sản phẩm OCOP «{}»", p.name),
                    link: format!("/ocop/{}", p.id),
                },
            ));
        }
    }
    if matches!(subject_type, "person" | "household" | "unit") {
        f.contributions = fetch_all!(
            c,
            (String, i64),
            "SELECT kind, CAST(SUM(value) AS BIGINT) FROM contributions WHERE contributor_type = $1 AND contributor_id = $2 AND year = $3 GROUP BY kind ORDER BY kind",
            subject_type,
            id,
            year
        )?;
    }
    Ok(f)
}

/// The unit kinds any proposing unit may nominate though they lie outside its own scope:
/// enterprises, cooperatives and the town's bodies (plan V.1 a, d, e) — public bodies whose
/// names reveal nothing about anyone.
pub const ORGANISATIONS: [&str; 8] = [
    "enterprise",
    "cooperative",
    "department",
    "office",
    "front",
    "mass_org",
    "association",
    "school",
];

/// Organisations (`ORGANISATIONS`) whose folded name contains `q`, by name: (id, name, kind).
pub async fn organisations(
    c: &mut impl DbConn,
    q: &str,
    limit: i64,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    let kinds = ORGANISATIONS
        .iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let pattern = format!("%{}%", text::fold(q).replace(['%', '_'], ""));
    fetch_all!(
        c,
        (i64, String, String),
        &format!(
            "SELECT id, name, kind FROM units WHERE kind IN ({kinds}) AND name_key LIKE $1 ORDER BY sort_key, id LIMIT $2"
        ),
        pattern,
        limit
    )
}

/// A record an achievement can be: (type, id, words).
pub type Basis = (String, i64, String);

/// The records of a subject an achievement can name: its contributions, recognitions, OCOP
/// products and sponsorships, newest first.
pub async fn bases(
    c: &mut impl DbConn,
    subject_type: &str,
    id: i64,
) -> Result<Vec<Basis>, sqlx::Error> {
    let mut out = Vec::new();
    for (cid, kind, on, value, unit) in fetch_all!(
        c,
        (i64, String, NaiveDate, i64, String),
        "SELECT c.id, c.kind, c.given_on, c.value, u.name FROM contributions c JOIN units u ON u.id = c.unit_id WHERE c.contributor_type = $1 AND c.contributor_id = $2 ORDER BY c.given_on DESC, c.id DESC LIMIT 50",
        subject_type,
        id
    )? {
        let kind = crate::resources::Kind::from_code(&kind)
            .map_or(kind.clone(), |k| k.label().to_string());
        out.push((
            "contribution".into(),
            cid,
            format!(
                "{kind} cho {unit} ngày {} ({})",
                text::date_vn(on),
                text::money_vnd(value)
            ),
        ));
    }
    for (rid, set, number, year) in fetch_all!(
        c,
        (i64, String, String, i64),
        "SELECT r.id, s.name, r.decision_number, r.recognised_year FROM recognitions r JOIN criteria_sets s ON s.id = r.set_id WHERE r.subject_type = $1 AND r.subject_id = $2 ORDER BY r.recognised_year DESC",
        subject_type,
        id
    )? {
        out.push((
            "recognition".into(),
            rid,
            format!("Công nhận {set} năm {year} ({number})"),
        ));
    }
    for p in crate::ocop::store::products_of(c, subject_type, id).await? {
        out.push(("ocop".into(), p.id, format!("Sản phẩm OCOP «{}»", p.name)));
    }
    if subject_type == "unit" {
        for (sid, name, from, to) in fetch_all!(
            c,
            (i64, String, i64, i64),
            "SELECT s.id, u.name, s.from_year, s.to_year FROM sponsorships s JOIN units u ON u.id = s.unit_id WHERE s.sponsor_id = $1 ORDER BY s.from_year DESC",
            id
        )? {
            out.push((
                "sponsorship".into(),
                sid,
                format!("Đỡ đầu {name} {from}–{to}"),
            ));
        }
    }
    Ok(out)
}

/// An award recorded on a subject's profile from another authority.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OtherAward {
    pub id: i64,
    pub form_name: String,
    pub authority: String,
    pub decision_number: String,
    pub decision_date: NaiveDate,
    pub achievement_year: i64,
    pub category: Option<String>,
    pub basis_type: Option<String>,
    pub basis_id: Option<i64>,
    pub note: String,
}

pub async fn other_awards(
    c: &mut impl DbConn,
    subject_type: &str,
    id: i64,
) -> Result<Vec<OtherAward>, sqlx::Error> {
    fetch_all!(
        c,
        OtherAward,
        "SELECT id, form_name, authority, decision_number, decision_date, achievement_year, category, basis_type, basis_id, note FROM subject_awards WHERE subject_type = $1 AND subject_id = $2 ORDER BY decision_date DESC, id DESC",
        subject_type,
        id
    )
}

/// Records an award from another authority. Returns its id.
pub async fn insert_other_award(
    tx: &mut impl DbConn,
    (subject_type, id): (&str, i64),
    a: &OtherAward,
    is_demo: bool,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    fetch_scalar!(
        tx,
        i64,
        "INSERT INTO subject_awards (subject_type, subject_id, form_name, authority, decision_number, decision_date, achievement_year, category, basis_type, basis_id, note, is_demo, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        subject_type,
        id,
        &a.form_name,
        &a.authority,
        &a.decision_number,
        a.decision_date,
        a.achievement_year,
        &a.category,
        &a.basis_type,
        a.basis_id,
        &a.note,
        is_demo,
        by,
        now
    )
}

/// The earlier nominations (other than `except`) and the recorded awards of a subject, as
/// the duplicate check reads them.
pub async fn earlier(
    c: &mut impl DbConn,
    subject_type: &str,
    subject_id: Option<i64>,
    outside_fold: &str,
    except: i64,
) -> Result<Vec<Earlier>, sqlx::Error> {
    let mut out = Vec::new();
    let base = |category: Option<String>, year, basis: Option<(String, i64)>| Achievement {
        subject_type: subject_type.to_string(),
        subject_id,
        outside_key: outside_fold.to_string(),
        category,
        year,
        basis,
    };
    for n in
        super::nominations_store::earlier(c, subject_type, subject_id, outside_fold, except).await?
    {
        let state = State::from_code(&n.state).map_or("", State::label);
        out.push(Earlier {
            achievement: base(
                Some(n.category),
                n.achievement_year,
                n.basis_type.zip(n.basis_id),
            ),
            named: format!(
                "Đợt khen thưởng năm {} – {} (đề nghị số {}, {state})",
                n.round_year, n.form_name, n.id
            ),
            link: format!("/khen-thuong/de-nghi/{}", n.id),
        });
    }
    if let Some(id) = subject_id {
        for a in other_awards(c, subject_type, id).await? {
            out.push(Earlier {
                achievement: base(a.category, a.achievement_year, a.basis_type.zip(a.basis_id)),
                named: format!(
                    "{} ({}), quyết định {} ngày {}",
                    a.form_name,
                    a.authority,
                    a.decision_number,
                    text::date_vn(a.decision_date)
                ),
                link: format!("/khen-thuong/doi-tuong?loai={subject_type}&id={id}"),
            });
        }
    }
    Ok(out)
}

/// Up to `n` demo persons (`table` "persons") or households (any other value) at or below the
/// unit `code`, oldest first: (id, name) — what the demo rounds nominate.
pub async fn demo_subjects(
    c: &mut impl DbConn,
    table: &str,
    code: &str,
    n: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let (table, name) = if table == "persons" {
        ("persons", "s.full_name")
    } else {
        ("households", "'Hộ ' || s.head_name")
    };
    fetch_all!(
        c,
        (i64, String),
        &format!(
            "SELECT s.id, {name} FROM {table} s JOIN units u ON u.id = s.unit_id JOIN units p ON u.path LIKE p.path || '%' WHERE p.code = $1 AND s.is_demo = $2 ORDER BY s.id LIMIT $3"
        ),
        code,
        true,
        n
    )
}
