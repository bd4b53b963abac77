//! What awards add to a subject's profile (issue 12, items 5 and 7): the "Khen thưởng" section
//! (its nominations, awards from other authorities, open flags), and the page
//! `/khen-thuong/doi-tuong?loai=&id=` where who keeps the subject's register (or Internal
//! Affairs) records an award from another authority — a provincial Bằng khen for the same
//! land gift blocks a second award for it — or a dated discipline, inspection or complaint
//! flag, which blocks nominations while it is open.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde_json::json;

use super::facts_store::{self, OtherAward};
use super::guards::{FLAG_KINDS, Flag, flag_label};
use super::nominations_store::{self as store, Nomination};
use super::{access, flags_store, subject};
use crate::audit;
use crate::db::DbConn;
use crate::state::AppState;
use crate::subjects::ProfileSection;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Query};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

/// The "Khen thưởng" section of the profile of `subject_type`/`id`.
pub async fn section(
    c: &mut impl DbConn,
    subject_type: &str,
    id: i64,
    today: chrono::NaiveDate,
) -> Result<ProfileSection, sqlx::Error> {
    let mut rows = Vec::new();
    for n in store::of_subject(c, subject_type, id).await? {
        rows.push((
            format!("Đề nghị {} – đợt năm {}", n.form_name, n.round_year),
            format!(
                "{}{}",
                super::show_web::state_label(&n.state),
                if n.late { " (nộp muộn)" } else { "" }
            ),
            format!("/khen-thuong/de-nghi/{}", n.id),
        ));
    }
    for (a, number, on) in super::decision_store::of_subject(c, subject_type, id).await? {
        rows.push((
            format!("{} – QĐ {} ngày {}", a.form_name, number, text::date_vn(on)),
            if a.revoked() {
                format!(
                    "Đã thu hồi ({}) – {}",
                    super::revoke_web::ground_label(&a.revoked_ground),
                    a.revoked_decision
                )
            } else {
                format!("{} – {}", a.state_label(), text::money_vnd(a.amount))
            },
            format!("/khen-thuong/quyet-dinh/{}", a.decision_id),
        ));
    }
    let page = format!("/khen-thuong/doi-tuong?loai={subject_type}&id={id}");
    for a in facts_store::other_awards(c, subject_type, id).await? {
        rows.push((
            format!("{} ({})", a.form_name, a.authority),
            format!(
                "QĐ {} ngày {}",
                a.decision_number,
                text::date_vn(a.decision_date)
            ),
            page.clone(),
        ));
    }
    for (_, f) in flags_store::flags(c, subject_type, id).await? {
        if f.open_on(today) {
            rows.push((
                f.kind_label().into(),
                format!("từ {}: {}", text::date_vn(f.from), f.note),
                page.clone(),
            ));
        }
    }
    rows.push((
        "Khen thưởng của cấp khác, kỷ luật, thanh tra".into(),
        "Xem, ghi nhận".into(),
        page,
    ));
    Ok(ProfileSection {
        title: "Khen thưởng".into(),
        rows,
        empty: "Chưa có đề nghị hay khen thưởng nào.".into(),
    })
}

#[derive(serde::Deserialize)]
pub struct SubjectQuery {
    loai: String,
    id: i64,
}

#[derive(Template)]
#[template(path = "awards/subject.html")]
struct Page {
    layout: Layout,
    loai: String,
    id: i64,
    name: String,
    profile: String,
    nominations: Vec<Nomination>,
    awards: Vec<OtherAward>,
    /// Awards by this product's decisions: (entry, decision number, decision date).
    decided: Vec<(super::decision_store::Awardee, String, chrono::NaiveDate)>,
    flags: Vec<(i64, Flag)>,
    bases: Vec<facts_store::Basis>,
    may_mark: bool,
    today: chrono::NaiveDate,
}

/// `GET /khen-thuong/doi-tuong?loai=&id=`.
pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SubjectQuery>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let n = subject::resolve(&mut c, &ctx.user, &format!("{}:{}", q.loai, q.id))
        .await
        .map_err(|_| AppError::NotFound)?;
    render(&Page {
        layout: Layout::new(&ctx, "awards", format!("Khen thưởng – {}", n.name))
            .crumb("Khen thưởng", "/khen-thuong")
            .crumb(n.name.clone(), ""),
        profile: facts_store::profile_link(&n.subject_type, n.id),
        nominations: store::of_subject(&mut c, &n.subject_type, q.id).await?,
        awards: facts_store::other_awards(&mut c, &n.subject_type, q.id).await?,
        decided: super::decision_store::of_subject(&mut c, &n.subject_type, q.id).await?,
        flags: flags_store::flags(&mut c, &n.subject_type, q.id).await?,
        bases: facts_store::bases(&mut c, &n.subject_type, q.id).await?,
        may_mark: access::may_mark_subject(&ctx.user, &n.path),
        today: st.clock.today(),
        loai: n.subject_type,
        id: q.id,
        name: n.name,
    })
}

#[derive(serde::Deserialize)]
pub struct AwardForm {
    loai: String,
    id: i64,
    #[serde(default)]
    form_name: String,
    #[serde(default)]
    authority: String,
    #[serde(default)]
    decision_number: String,
    #[serde(default)]
    decision_date: String,
    #[serde(default)]
    achievement_year: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    note: String,
}

async fn markable(
    c: &mut impl DbConn,
    ctx: &Ctx,
    loai: &str,
    id: i64,
) -> Result<subject::Nominee, AppError> {
    let n = subject::resolve(c, &ctx.user, &format!("{loai}:{id}"))
        .await
        .map_err(|_| AppError::NotFound)?;
    if !access::may_mark_subject(&ctx.user, &n.path) {
        return Err(AppError::Forbidden);
    }
    Ok(n)
}

fn required(v: &str, max: usize, what: &str) -> Result<String, AppError> {
    let v = text::clean_limited(v, max).map_err(AppError::BadRequest)?;
    if v.is_empty() {
        return Err(AppError::BadRequest(format!("Ghi {what}.")));
    }
    Ok(v)
}

/// `POST /khen-thuong/doi-tuong/khen`: an award from another authority.
pub async fn record_award(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<AwardForm>,
) -> Result<Redirect, AppError> {
    let a = OtherAward {
        id: 0,
        form_name: required(&f.form_name, 200, "hình thức khen thưởng")?,
        authority: required(&f.authority, 200, "cấp, cơ quan khen thưởng")?,
        decision_number: required(&f.decision_number, 60, "số quyết định")?,
        decision_date: text::parse_date(&f.decision_date)
            .filter(|d| *d <= st.clock.today())
            .ok_or_else(|| {
                AppError::BadRequest("Ngày quyết định không hợp lệ hoặc chưa đến.".into())
            })?,
        achievement_year: text::parse_year(&f.achievement_year)
            .ok_or_else(|| AppError::BadRequest("Năm của thành tích không hợp lệ.".into()))?,
        category: super::eligibility::Category::from_code(&f.category)
            .map(|c| c.code().to_string()),
        basis_type: None,
        basis_id: None,
        note: text::clean_limited(&f.note, 1000).map_err(AppError::BadRequest)?,
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let n = markable(&mut tx, &ctx, &f.loai, f.id).await?;
    let bases = facts_store::bases(&mut tx, &n.subject_type, f.id).await?;
    let basis = match f.basis.split_once(':') {
        None => None,
        Some((t, i)) => {
            let i: i64 = i
                .parse()
                .map_err(|_| AppError::BadRequest("Bản ghi thành tích không hợp lệ.".into()))?;
            if !bases.iter().any(|(bt, bi, _)| bt == t && *bi == i) {
                return Err(AppError::BadRequest(
                    "Bản ghi thành tích đã chọn không phải của đối tượng này.".into(),
                ));
            }
            Some((t.to_string(), i))
        }
    };
    let (basis_type, basis_id) = basis.unzip();
    let a = OtherAward {
        basis_type,
        basis_id,
        ..a
    };
    let aid = facts_store::insert_other_award(
        &mut tx,
        (&n.subject_type, f.id),
        &a,
        false,
        Some(ctx.user.id),
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.other_record",
        &n.subject_type,
        &f.id.to_string(),
        &json!({"award": aid, "form": a.form_name, "authority": a.authority, "decision": a.decision_number, "year": a.achievement_year}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã ghi {} cho {}.", a.form_name, n.name))
        .await?;
    Ok(Redirect::to(&format!(
        "/khen-thuong/doi-tuong?loai={}&id={}",
        n.subject_type, f.id
    )))
}

#[derive(serde::Deserialize)]
pub struct FlagForm {
    loai: String,
    id: i64,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    note: String,
    /// Set to end the flag of this id on `to`.
    #[serde(default)]
    end: Option<i64>,
}

/// `POST /khen-thuong/doi-tuong/canh-bao`: records a flag, or ends one (`end`, `to`).
pub async fn record_flag(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<FlagForm>,
) -> Result<Redirect, AppError> {
    let now = st.clock.now();
    let back = format!("/khen-thuong/doi-tuong?loai={}&id={}", f.loai, f.id);
    let mut tx = st.db.begin().await?;
    let n = markable(&mut tx, &ctx, &f.loai, f.id).await?;
    if let Some(flag_id) = f.end {
        let on = text::parse_date(&f.to).unwrap_or(st.clock.today());
        if !flags_store::end_flag(&mut tx, (&n.subject_type, f.id), flag_id, on).await? {
            return Err(AppError::Conflict(
                "Mục này đã kết thúc hoặc không còn.".into(),
            ));
        }
        audit::store::record(
            &mut tx,
            now,
            &ctx.user.actor(),
            "award.flag_end",
            &n.subject_type,
            &f.id.to_string(),
            &json!({"flag": flag_id, "to": on}),
        )
        .await?;
        tx.commit().await?;
        ctx.flash(&st, "Đã ghi ngày kết thúc.").await?;
        return Ok(Redirect::to(&back));
    }
    if !FLAG_KINDS.contains(&f.kind.as_str()) {
        return Err(AppError::BadRequest(
            "Chọn loại: kỷ luật, thanh tra hoặc khiếu nại.".into(),
        ));
    }
    let from = text::parse_date(&f.from)
        .ok_or_else(|| AppError::BadRequest("Ngày bắt đầu ghi theo dạng ngày/tháng/năm.".into()))?;
    let to = match f.to.trim() {
        "" => None,
        t => Some(text::parse_date(t).filter(|d| *d >= from).ok_or_else(|| {
            AppError::BadRequest("Ngày kết thúc không hợp lệ hoặc trước ngày bắt đầu.".into())
        })?),
    };
    let flag = Flag {
        kind: f.kind.clone(),
        from,
        to,
        note: required(&f.note, 1000, "căn cứ (văn bản, quyết định, đơn)")?,
    };
    let fid = flags_store::insert_flag(
        &mut tx,
        (&n.subject_type, f.id),
        &flag,
        false,
        Some(ctx.user.id),
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.flag_record",
        &n.subject_type,
        &f.id.to_string(),
        &json!({"flag": fid, "kind": flag.kind, "from": from, "to": to, "note": flag.note}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!("Đã ghi: {} – {}.", flag_label(&flag.kind), n.name),
    )
    .await?;
    Ok(Redirect::to(&back))
}
