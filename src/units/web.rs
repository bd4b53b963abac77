//! Unit pages: profile and create. Edit and close are in `edit_web.rs`, lists in
//! `browse_web.rs`, Excel in `transfer_web.rs`.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::recheck_web::{code_taken, recheck_in_tx};
use super::{Unit, UnitInput, UnitKind, store, validate};
use crate::audit;
use crate::auth::CurrentUser;
use crate::auth::scope::visible_unit;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::{Form, Path, Query};
use crate::web::session::Ctx;
use crate::web::view::{FieldErrors, Layout, render};
use crate::{blocs, subjects};

#[derive(Template)]
#[template(path = "units/show.html")]
struct ShowPage {
    layout: Layout,
    unit: Unit,
    parent: Option<Unit>,
    children: Vec<Unit>,
    predecessors: Vec<store::Linked>,
    successors: Vec<store::Linked>,
    sections: Vec<subjects::ProfileSection>,
    can_edit: bool,
}

pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let unit = visible_unit(&st, &ctx.user, id).await?;
    let mut c = st.db.conn().await?;
    let parent = match unit.parent_id {
        Some(p) => store::by_id(&mut c, p)
            .await?
            .filter(|p| ctx.user.can_see(&p.path)),
        None => None,
    };
    let children = store::children(&mut c, id).await?;
    let predecessors = store::predecessors(&mut c, id).await?;
    let successors = store::successors(&mut c, id).await?;
    let mut sections = subjects::profile::unit_sections(&mut c, &unit).await?;
    sections.push(blocs::web::unit_section(&mut c, &ctx.user, &unit).await?);
    let before: Vec<(i64, String)> = predecessors
        .iter()
        .map(|p| (p.id, p.name.clone()))
        .collect();
    sections.extend(
        crate::criteria::profile::sections(
            &mut c,
            "unit",
            unit.id,
            &before,
            ctx.user.can_edit(&unit.path),
        )
        .await?,
    );
    sections.extend(crate::resources::profile::unit_sections(&mut c, &unit).await?);
    // Bodies give (an enterprise's gift, an office's sponsorship); territories receive.
    if !matches!(
        unit.kind.as_str(),
        "province"
            | "district"
            | "town"
            | "ward"
            | "commune"
            | "village"
            | "residential_group"
            | "street"
    ) {
        sections.extend(
            crate::resources::profile::contributor_sections(
                &mut c,
                "unit",
                unit.id,
                st.clock.today(),
            )
            .await?,
        );
    }
    sections.push(
        crate::awards::profile_web::section(&mut c, "unit", unit.id, st.clock.today()).await?,
    );
    render(&ShowPage {
        layout: Layout::new(&ctx, "units", unit.name.clone())
            .crumb("Đơn vị", "/don-vi")
            .crumb(unit.name.clone(), ""),
        can_edit: ctx.user.can_edit(&unit.path),
        unit,
        parent,
        children,
        predecessors,
        successors,
        sections,
    })
}

#[derive(Template)]
#[template(path = "units/form.html")]
struct FormPage {
    layout: Layout,
    action: String,
    input: UnitInput,
    errors: FieldErrors,
    kinds: Vec<(&'static str, &'static str)>,
    version: i64,
}

pub(super) fn form_page(
    ctx: &Ctx,
    title: &str,
    action: String,
    input: UnitInput,
    errors: FieldErrors,
    version: i64,
) -> Result<Html<String>, AppError> {
    render(&FormPage {
        layout: Layout::new(ctx, "units", title)
            .crumb("Đơn vị", "/don-vi")
            .crumb(title, ""),
        action,
        input,
        errors,
        kinds: super::browse_web::kinds(),
        version,
    })
}

#[derive(Deserialize)]
pub struct NewQuery {
    cha: Option<i64>,
}

pub async fn new_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NewQuery>,
) -> Result<Html<String>, AppError> {
    let mut input = UnitInput::default();
    if let Some(pid) = q.cha {
        let parent = visible_unit(&st, &ctx.user, pid).await?;
        input.parent_code = parent.code;
        input.kind = match UnitKind::from_code(&parent.kind) {
            Some(UnitKind::Ward) => UnitKind::ResidentialGroup.code().into(),
            Some(UnitKind::Commune) => UnitKind::Village.code().into(),
            _ => String::new(),
        };
    }
    form_page(
        &ctx,
        "Thêm đơn vị",
        "/don-vi".into(),
        input,
        FieldErrors::default(),
        0,
    )
}

/// Checks the input and the parent's scope; the parent unit when all is well.
pub(super) async fn check_form(
    st: &AppState,
    user: &CurrentUser,
    input: &UnitInput,
    this: Option<&Unit>,
) -> Result<Result<(super::ValidUnit, Option<Unit>), FieldErrors>, AppError> {
    let mut errors = FieldErrors::default();
    let v = match validate(input) {
        Ok(v) => Some(v),
        Err(es) => {
            for (f, m) in es {
                errors.add(f, m);
            }
            None
        }
    };
    let mut c = st.db.conn().await?;
    let mut parent = None;
    if let Some(v) = &v {
        if let Some(pc) = &v.parent_code {
            match store::by_code(&mut c, pc).await? {
                // Keeping the parent it already has is not a move, so needs no right over the parent.
                Some(p)
                    if user.can_edit(&p.path)
                        || this.is_some_and(|t| t.parent_id == Some(p.id)) =>
                {
                    if this.is_some_and(|t| p.path.starts_with(&t.path)) {
                        errors.add(
                            "parent_code",
                            "Không thể chuyển đơn vị vào dưới chính đơn vị cấp dưới của nó.",
                        );
                    }
                    parent = Some(p);
                }
                Some(_) => errors.add(
                    "parent_code",
                    "Bạn không có quyền thêm đơn vị vào dưới đơn vị này.",
                ),
                None => errors.add("parent_code", format!("Không có đơn vị mã {pc}.")),
            }
        } else if !user.is_admin() {
            errors.add("parent_code", "Hãy nhập mã đơn vị cấp trên.");
        }
        if let Some(existing) = store::by_code(&mut c, &v.code).await?
            && this.is_none_or(|t| t.id != existing.id)
        {
            // The name only when the user may see that unit: a form must not reveal what lies
            // outside the user's scope.
            let msg = if user.can_see(&existing.path) {
                format!("Mã {} đã được dùng cho «{}».", v.code, existing.name)
            } else {
                format!(
                    "Mã {} đã được dùng cho một đơn vị khác; hãy chọn mã khác.",
                    v.code
                )
            };
            errors.add("code", msg);
        }
    }
    Ok(match v {
        Some(v) if errors.is_empty() => Ok((v, parent)),
        _ => Err(errors),
    })
}

pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(input): Form<UnitInput>,
) -> Result<Response, AppError> {
    let (v, parent) = match check_form(&st, &ctx.user, &input, None).await? {
        Ok(ok) => ok,
        Err(errors) => {
            return Ok(
                form_page(&ctx, "Thêm đơn vị", "/don-vi".into(), input, errors, 0)?.into_response(),
            );
        }
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let (parent, _) = recheck_in_tx(&mut tx, &ctx.user, parent.as_ref(), None).await?;
    let id = match store::insert(&mut tx, &v, parent.as_ref(), false, now).await {
        Err(e) if crate::db::is_unique_violation(&e) => {
            drop(tx);
            let errors = code_taken(&v.code);
            return Ok(
                form_page(&ctx, "Thêm đơn vị", "/don-vi".into(), input, errors, 0)?.into_response(),
            );
        }
        r => r?,
    };
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "unit.create",
        "unit",
        &id.to_string(),
        &json!({"code": v.code, "name": v.name, "kind": v.kind.code()}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã thêm đơn vị «{}».", v.name))
        .await?;
    Ok(Redirect::to(&format!("/don-vi/{id}")).into_response())
}
