//! `/dong-gop`: the contributions received in the user's scope — the social-mobilisation
//! figure by year and kind, the largest contributors of a year with the movement's mark, the
//! list with search — and recording one. Nothing here shows a phone number or citizen ID.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::input::{self, Input};
use super::record;
use super::shown::{YearRow, year_rows};
use super::store::{self, Contribution, Filter};
use super::totals_store::{self, Total};
use super::{Comparator, Kind, Mark};
use crate::auth::CurrentUser;
use crate::db::DbConn;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{FieldErrors, Layout, PER_PAGE, Pager, query_string, render};

/// The filters of the list, as the URL carries them.
#[derive(Deserialize, Default, Clone)]
pub struct ListQuery {
    #[serde(default)]
    pub don_vi: String,
    #[serde(default)]
    pub nam: String,
    #[serde(default)]
    pub hinh_thuc: String,
    #[serde(default)]
    pub q: String,
    pub trang: Option<i64>,
}

/// The unit a list is about: the one chosen (404 outside the user's scope) or the user's own.
pub async fn chosen(st: &AppState, ctx: &Ctx, don_vi: &str) -> Result<(String, String), AppError> {
    match don_vi.trim() {
        "" => Ok((
            crate::criteria::assess_web::scope_path(ctx),
            "phạm vi của anh/chị".into(),
        )),
        id => {
            let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
            let u = crate::auth::scope::visible_unit(st, &ctx.user, id).await?;
            Ok((u.path, u.name))
        }
    }
}

/// The wards and communes in the user's scope that they edit: (code, name), for the forms
/// that record contributions, prices, works and sponsorships.
pub async fn editable_localities(
    c: &mut impl DbConn,
    ctx: &Ctx,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let scope = crate::criteria::assess_web::scope_path(ctx);
    Ok(super::lookup_store::localities_in(c, &scope)
        .await?
        .into_iter()
        .filter(|(_, _, p)| ctx.user.can_edit(p))
        .map(|(code, name, _)| (code, name))
        .collect())
}

/// A yearly total as the pages show it.
pub struct Shown {
    pub t: Total,
    pub link: String,
    pub marked: bool,
}

/// Where a contributor's name links: their profile, only when the reader may see it.
pub fn profile_link(user: &CurrentUser, kind: &str, id: Option<i64>, path: Option<&str>) -> String {
    match (id, path) {
        (Some(id), Some(p)) if user.can_see(p) => match kind {
            "person" => format!("/ca-nhan/{id}"),
            "household" => format!("/ho-gia-dinh/{id}"),
            _ => format!("/don-vi/{id}"),
        },
        _ => String::new(),
    }
}

/// The movement's mark for `year`, as the pure rule reads it, and its words.
pub async fn mark(c: &mut impl DbConn, year: i64) -> Result<Option<(Mark, String)>, sqlx::Error> {
    Ok(super::valuation_store::mark_for(c, year)
        .await?
        .map(|(threshold, comparator, source)| {
            let comparator = if comparator == "above" {
                Comparator::Above
            } else {
                Comparator::AtLeast
            };
            let words = match comparator {
                Comparator::AtLeast => format!("từ {} trở lên", text::money_vnd(threshold)),
                Comparator::Above => format!("trên {}", text::money_vnd(threshold)),
            };
            (
                Mark {
                    threshold,
                    comparator,
                },
                format!("{words} ({source})"),
            )
        }))
}

/// The `n` largest contributors of `year` under `path`, marked and linked for `user`.
pub async fn top_shown(
    c: &mut impl DbConn,
    user: &CurrentUser,
    path: &str,
    year: i64,
    n: i64,
) -> Result<(Vec<Shown>, Option<String>), sqlx::Error> {
    let m = mark(c, year).await?;
    let rows = totals_store::top(c, path, year, n).await?;
    let shown = rows
        .into_iter()
        .map(|t| Shown {
            link: profile_link(
                user,
                &t.contributor_type,
                t.contributor_id,
                t.contributor_path.as_deref(),
            ),
            marked: m.as_ref().is_some_and(|(m, _)| m.reached(t.total)),
            t,
        })
        .collect();
    Ok((shown, m.map(|(_, w)| w)))
}

#[derive(Template)]
#[template(path = "resources/list.html")]
struct ListPage {
    layout: Layout,
    q: ListQuery,
    scope_name: String,
    localities: Vec<(i64, String, String)>,
    years: Vec<YearRow>,
    top_year: i64,
    top: Vec<Shown>,
    mark: Option<String>,
    rows: Vec<(Contribution, String)>,
    pager: Pager,
    export_query: String,
    can_record: bool,
}

/// `GET /dong-gop?don_vi=&nam=&hinh_thuc=&q=&trang=`.
pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let (path, scope_name) = chosen(&st, &ctx, &q.don_vi).await?;
    let year = text::parse_year(&q.nam);
    let kind = Kind::from_code(q.hinh_thuc.trim()).map(Kind::code);
    let folded = text::fold(&q.q);
    let like = (!folded.is_empty()).then(|| crate::db::like_contains(&folded));
    let filter = Filter {
        path: &path,
        year,
        kind,
        name_like: like.as_deref(),
    };
    let mut c = st.db.conn().await?;
    let total = store::count(&mut c, &filter).await?;
    let base = query_string(&[
        ("don_vi", &q.don_vi),
        ("nam", &q.nam),
        ("hinh_thuc", &q.hinh_thuc),
        ("q", &q.q),
    ]);
    let pager = Pager::new(q.trang, total, base.clone());
    pager.past_the_end(q.trang)?;
    let rows = store::list(&mut c, &filter, PER_PAGE, pager.offset())
        .await?
        .into_iter()
        .map(|r| {
            let link = profile_link(
                &ctx.user,
                &r.contributor_type,
                r.contributor_id,
                r.contributor_path.as_deref(),
            );
            (r, link)
        })
        .collect();
    let years = year_rows(&totals_store::totals_by_kind(&mut c, &path).await?);
    let top_year = year
        .or(years.first().map(|y| y.year))
        .unwrap_or_else(|| i64::from(chrono::Datelike::year(&st.clock.today())));
    let (top, mark) = top_shown(&mut c, &ctx.user, &path, top_year, 10).await?;
    let localities = crate::criteria::store::subjects_in(
        &mut c,
        &crate::criteria::assess_web::scope_path(&ctx),
        &["ward", "commune"],
        500,
    )
    .await?;
    render(&ListPage {
        layout: Layout::new(&ctx, "resources", "Đóng góp").crumb("Đóng góp", ""),
        can_record: localities.iter().any(|(_, _, p)| ctx.user.can_edit(p)),
        q,
        scope_name,
        localities,
        years,
        top_year,
        top,
        mark,
        rows,
        pager,
        export_query: base,
    })
}

#[derive(Template)]
#[template(path = "resources/new.html")]
struct NewPage {
    layout: Layout,
    input: Input,
    errors: FieldErrors,
    localities: Vec<(String, String)>,
}

async fn new_page(
    st: &AppState,
    ctx: &Ctx,
    input: Input,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let mut c = st.db.conn().await?;
    let localities = editable_localities(&mut c, ctx).await?;
    render(&NewPage {
        layout: Layout::new(ctx, "resources", "Ghi đóng góp")
            .crumb("Đóng góp", "/dong-gop")
            .crumb("Ghi đóng góp", ""),
        input,
        errors,
        localities,
    })
    .map(IntoResponse::into_response)
}

/// `GET /dong-gop/moi`.
pub async fn new_form(State(st): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let input = Input {
        given_on: text::date_vn(st.clock.today()),
        ..Input::default()
    };
    new_page(&st, &ctx, input, FieldErrors::default()).await
}

/// `POST /dong-gop`: one contribution, checked as an import row is and valued inside the
/// writing transaction (the unit's price of the year, or a stated value with its source).
pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(f): Form<Input>,
) -> Result<Response, AppError> {
    let checked = match input::check(&f, st.clock.today()) {
        Ok(c) => c,
        Err(es) => {
            let mut errors = FieldErrors::default();
            for (field, m) in es {
                errors.add(field, m);
            }
            return new_page(&st, &ctx, f, errors).await;
        }
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    match record::write_all(
        &mut tx,
        std::slice::from_ref(&checked),
        &ctx.user,
        &ctx.user.actor(),
        record::Via::Form,
        now,
    )
    .await?
    {
        Ok(ids) => {
            tx.commit().await?;
            ctx.flash(&st, "Đã ghi đóng góp.").await?;
            let id = ids.first().copied().unwrap_or_default();
            Ok(Redirect::to(&format!("/dong-gop/{id}")).into_response())
        }
        Err(problems) => {
            drop(tx);
            let mut errors = FieldErrors::default();
            for (_, col, m) in problems {
                errors.add(input::FIELDS[col], m);
            }
            new_page(&st, &ctx, f, errors).await
        }
    }
}

#[derive(Template)]
#[template(path = "resources/show.html")]
struct ShowPage {
    layout: Layout,
    c: Contribution,
    link: String,
    basis: String,
    files: Vec<crate::files::store::Attachment>,
    can_edit: bool,
}

/// A contribution the user may read (404 otherwise: its beneficiary is outside their scope).
pub async fn readable(st: &AppState, ctx: &Ctx, id: i64) -> Result<Contribution, AppError> {
    let mut c = st.db.conn().await?;
    let r = store::one(&mut c, id).await?.ok_or(AppError::NotFound)?;
    if !ctx.user.can_see(&r.unit_path) {
        return Err(AppError::NotFound);
    }
    Ok(r)
}

/// `GET /dong-gop/{id}`.
pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let r = readable(&st, &ctx, id).await?;
    let mut c = st.db.conn().await?;
    let price = super::valuation_store::prices_in(&mut c, &r.unit_path)
        .await?
        .into_iter()
        .find(|p| p.unit_id == r.unit_id && p.year == r.year && p.kind == r.kind)
        .map(|p| p.price);
    let files = crate::files::store::of(&mut c, super::evidence_web::OWNER, id).await?;
    render(&ShowPage {
        layout: Layout::new(&ctx, "resources", "Đóng góp")
            .crumb("Đóng góp", "/dong-gop")
            .crumb(r.contributor_name.clone(), ""),
        link: profile_link(
            &ctx.user,
            &r.contributor_type,
            r.contributor_id,
            r.contributor_path.as_deref(),
        ),
        basis: super::transfer::basis_text(&r, price),
        can_edit: ctx.user.can_edit(&r.unit_path),
        files,
        c: r,
    })
}

#[derive(Template)]
#[template(path = "resources/top.html")]
struct TopPage {
    layout: Layout,
    scope_name: String,
    year: i64,
    top: Vec<Shown>,
    mark: Option<String>,
}

/// `GET /dong-gop/nhieu-nhat?nam=&don_vi=`: the hundred largest contributors of a year.
pub async fn top_list(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let (path, scope_name) = chosen(&st, &ctx, &q.don_vi).await?;
    let year = text::parse_year(&q.nam)
        .unwrap_or_else(|| i64::from(chrono::Datelike::year(&st.clock.today())));
    let mut c = st.db.conn().await?;
    let (top, mark) = top_shown(&mut c, &ctx.user, &path, year, 100).await?;
    render(&TopPage {
        layout: Layout::new(&ctx, "resources", format!("Đóng góp nhiều nhất năm {year}"))
            .crumb("Đóng góp", "/dong-gop")
            .crumb(format!("Nhiều nhất năm {year}"), ""),
        scope_name,
        year,
        top,
        mark,
    })
}
