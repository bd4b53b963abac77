//! Writing a nomination (issue 12, item 3): the proposing unit's officer finds the nominee in
//! the register (or writes in a person from outside the town), picks the plan category, the
//! form, the achievement's year and record, and writes the summary. The eligibility checks,
//! earlier awards and open flags show before saving; a duplicate or an open flag refuses the
//! save with the earlier award named, and the same checks run again inside the transaction.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::{Html, Redirect};
use serde_json::json;

use super::eligibility::Category;
use super::nominations_store as store;
use super::review::{self, Review};
use super::rounds_store::{self, Round};
use super::subject::{self, Nominee};
use super::{access, facts_store};
use crate::audit;
use crate::auth::Role;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query, field};
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

#[derive(serde::Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    tim: String,
    #[serde(default)]
    doi_tuong: String,
    #[serde(default)]
    nhom: String,
}

#[derive(Template)]
#[template(path = "awards/nomination_new.html")]
struct NewPage {
    layout: Layout,
    round: Round,
    q: NewQuery,
    found: Vec<(String, String)>,
    chosen: Option<Nominee>,
    categories: Vec<Category>,
    forms: Vec<super::Form>,
    bases: Vec<facts_store::Basis>,
    review: Option<Review>,
    units: Vec<(i64, String)>,
}

/// The units `ctx.user` proposes for: their unit officer grants.
fn proposing_units(ctx: &Ctx) -> Vec<(i64, String)> {
    ctx.user
        .grants
        .iter()
        .filter(|g| g.role == Role::UnitOfficer)
        .map(|g| (g.unit_id, g.unit_name.clone()))
        .collect()
}

/// `GET /khen-thuong/dot/{id}/de-nghi/moi?tim=&doi_tuong=&nhom=`.
pub async fn new_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<NewQuery>,
) -> Result<Html<String>, AppError> {
    let units = proposing_units(&ctx);
    if units.is_empty() {
        return Err(AppError::ForbiddenBecause(
            "Chỉ cán bộ của đơn vị đề nghị (phòng, ban, đoàn thể, phường, xã) lập đề nghị khen thưởng.".into(),
        ));
    }
    let mut c = st.db.conn().await?;
    let round = rounds_store::one(&mut c, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut found = Vec::new();
    let tim = text::clean(&q.tim);
    if !tim.is_empty() {
        let (uid, admin) = (ctx.user.id, ctx.user.is_admin());
        for p in crate::subjects::store::search_persons(&mut c, uid, admin, &tim, "/", 10, 0)
            .await?
            .0
        {
            found.push((
                format!("person:{}", p.id),
                format!("{} — {}", p.full_name, p.unit_name),
            ));
        }
        for h in crate::subjects::store::search_households(&mut c, uid, admin, &tim, "/", 10, 0)
            .await?
            .0
        {
            found.push((
                format!("household:{}", h.id),
                format!("Hộ {} — {}", h.head_name, h.unit_name),
            ));
        }
        for u in crate::units::store::search(&mut c, uid, admin, &tim, "", 10, 0)
            .await?
            .0
        {
            let kind = crate::units::UnitKind::from_code(&u.kind).map_or("", |k| k.label());
            found.push((format!("unit:{}", u.id), format!("{} ({kind})", u.name)));
        }
    }
    if !tim.is_empty() {
        // Enterprises, cooperatives and the town's bodies lie outside a ward's scope, yet any
        // unit may propose them (plan V.1 a, d, e).
        for (id, name, kind) in facts_store::organisations(&mut c, &tim, 10).await? {
            let key = format!("unit:{id}");
            if !found.iter().any(|(k, _)| *k == key) {
                let kind = crate::units::UnitKind::from_code(&kind).map_or("", |k| k.label());
                found.push((key, format!("{name} ({kind})")));
            }
        }
    }
    let chosen = match q.doi_tuong.as_str() {
        "" => None,
        key => Some(subject::resolve(&mut c, &ctx.user, key).await?),
    };
    let (mut categories, mut bases, mut review) = (Vec::new(), Vec::new(), None);
    let on = round.deadline;
    let mut forms = super::store::forms(&mut c).await?;
    if let Some(n) = &chosen {
        categories = Category::ALL
            .into_iter()
            .filter(|cat| cat.fits(&n.subject_type, n.unit_kind.as_deref()))
            .collect();
        forms.retain(|f| f.applies(n.kind(), on));
        if let Some(id) = n.id {
            bases = facts_store::bases(&mut c, &n.subject_type, id).await?;
        }
        let cat = Category::from_code(&q.nhom).or(categories.first().copied());
        if let Some(cat) = cat {
            let s = review::Subject {
                subject_type: &n.subject_type,
                subject_id: n.id,
                name: &n.name,
                path: &n.path,
                category: cat,
                year: round.year,
                basis: None,
                nomination_id: 0,
            };
            review = Some(review::judge(&mut c, &s, st.clock.today()).await?);
        }
    }
    render(&NewPage {
        layout: Layout::new(&ctx, "awards", "Lập đề nghị khen thưởng")
            .crumb("Khen thưởng", "/khen-thuong")
            .crumb(round.name(), format!("/khen-thuong/dot/{}", round.id))
            .crumb("Lập đề nghị", ""),
        round,
        q,
        found,
        chosen,
        categories,
        forms,
        bases,
        review,
        units,
    })
}

/// `POST /khen-thuong/dot/{id}/de-nghi`.
pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Redirect, AppError> {
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let round = rounds_store::one(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit_id: i64 = field(&f, "unit_id")
        .parse()
        .ok()
        .or_else(|| proposing_units(&ctx).first().map(|u| u.0))
        .ok_or(AppError::Forbidden)?;
    let unit = crate::units::store::by_id(&mut tx, unit_id)
        .await?
        .ok_or(AppError::Forbidden)?;
    if !access::proposes(&ctx.user, &unit.path) {
        return Err(AppError::Forbidden);
    }
    let nominee = match field(&f, "doi_tuong") {
        "" => subject::outside(&f, &unit)?,
        key => subject::resolve(&mut tx, &ctx.user, key).await?,
    };
    let forms = super::store::forms(&mut tx).await?;
    let bases = match nominee.id {
        Some(sid) => facts_store::bases(&mut tx, &nominee.subject_type, sid).await?,
        None => Vec::new(),
    };
    let content = subject::content_of(&f, &nominee, &round, &forms, &bases)?;
    let s = review::Subject {
        subject_type: &content.subject_type,
        subject_id: content.subject_id,
        name: &content.subject_name,
        path: &nominee.path,
        category: Category::from_code(&content.category).unwrap_or(Category::H),
        year: content.achievement_year,
        basis: content.basis.clone(),
        nomination_id: 0,
    };
    if let Some(why) = review::judge(&mut tx, &s, st.clock.today())
        .await?
        .blocked()
    {
        return Err(AppError::Conflict(why));
    }
    let nid = store::insert(
        &mut tx,
        round.id,
        unit.id,
        &content,
        false,
        Some(ctx.user.id),
        now,
    )
    .await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.nomination_create",
        "nomination",
        &nid.to_string(),
        &json!({"round": round.id, "unit": unit.id, "subject": content.subject_name, "category": content.category, "form": content.form_code}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!("Đã lập đề nghị khen thưởng cho {}.", content.subject_name),
    )
    .await?;
    Ok(Redirect::to(&format!("/khen-thuong/de-nghi/{nid}")))
}

/// `POST /khen-thuong/de-nghi/{id}/sua`: the unit changes a draft or returned nomination.
pub async fn update(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Redirect, AppError> {
    let version: i64 = field(&f, "version")
        .parse()
        .map_err(|_| AppError::BadRequest("Thiếu phiên bản của đề nghị; tải lại trang.".into()))?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let n = store::one(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if !ctx.user.can_see(&n.unit_path) {
        return Err(AppError::NotFound);
    }
    if !access::proposes(&ctx.user, &n.unit_path) {
        return Err(AppError::Forbidden);
    }
    let round = rounds_store::one(&mut tx, n.round_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let path = store::unit_path(&mut tx, n.subject_unit_id).await?;
    let nominee = Nominee {
        subject_type: n.subject_type.clone(),
        id: n.subject_id,
        name: n.subject_name.clone(),
        unit_id: n.subject_unit_id,
        path,
        unit_kind: match n.subject_id {
            Some(sid) if n.subject_type == "unit" => crate::units::store::by_id(&mut tx, sid)
                .await?
                .map(|u| u.kind),
            _ => None,
        },
        address: n.outside_address.clone(),
    };
    let mut f = f;
    f.insert("category".into(), n.category.clone());
    let forms = super::store::forms(&mut tx).await?;
    let bases = match n.subject_id {
        Some(sid) => facts_store::bases(&mut tx, &n.subject_type, sid).await?,
        None => Vec::new(),
    };
    let content = subject::content_of(&f, &nominee, &round, &forms, &bases)?;
    let s = review::Subject {
        subject_type: &n.subject_type,
        subject_id: n.subject_id,
        name: &n.subject_name,
        path: &nominee.path,
        category: Category::from_code(&n.category).unwrap_or(Category::H),
        year: content.achievement_year,
        basis: content.basis.clone(),
        nomination_id: n.id,
    };
    if let Some(why) = review::judge(&mut tx, &s, st.clock.today())
        .await?
        .blocked()
    {
        return Err(AppError::Conflict(why));
    }
    if !store::update(&mut tx, id, version, &content, now).await? {
        return Err(AppError::Conflict(
            "Đề nghị vừa được người khác thay đổi hoặc đã gửi đi; tải lại trang để xem bản mới."
                .into(),
        ));
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "award.nomination_update",
        "nomination",
        &id.to_string(),
        &json!({"form": content.form_code, "year": content.achievement_year, "basis": content.basis}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, "Đã lưu thay đổi của đề nghị.").await?;
    Ok(Redirect::to(&format!("/khen-thuong/de-nghi/{id}")))
}
