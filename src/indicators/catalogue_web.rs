//! The catalogue: every indicator (how it is measured, who enters it, how it adds up) and the
//! targets of each movement; administrators add indicators and targets.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::input::{self, IndicatorInput};
use super::target_input::{self, TargetInput};
use super::{Aggregation, COMPARATORS, Indicator, Measure, Target, store};
use crate::audit;
use crate::movements::{self, Movement};
use crate::state::AppState;
use crate::units::{self, UnitKind};
use crate::web::error::AppError;
use crate::web::extract::{Form, Query};
use crate::web::session::Ctx;
use crate::web::view::{FieldErrors, Layout, render};

#[derive(Template)]
#[template(path = "indicators/catalogue.html")]
struct CataloguePage {
    layout: Layout,
    /// Each indicator, the unit kinds that enter it, and how it adds up, in words.
    indicators: Vec<(Indicator, String, String)>,
    movements: Vec<Movement>,
    movement: Option<Movement>,
    targets: Vec<(Target, String)>,
}

#[derive(Deserialize)]
pub struct CatalogueQuery {
    phong_trao: Option<i64>,
}

fn kind_labels(codes: &[String]) -> String {
    codes
        .iter()
        .filter_map(|k| UnitKind::from_code(k).map(UnitKind::label))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How an indicator adds up, in the indicators' names (issue 8, item 13): "Tính theo công
/// thức: Số hộ nghèo : Số hộ gia đình × 100", "Bình quân có quyền số (quyền số: Dân số)".
fn how_in_words(i: &Indicator, names: &HashMap<String, String>) -> String {
    let name = |code: &str| names.get(code).cloned().unwrap_or_else(|| code.to_string());
    let mut how = i.aggregation().label().to_string();
    if let Ok(e) = super::formula::parse(&i.formula) {
        how.push_str(&format!(": {}", e.in_words(names)));
    }
    if !i.weight_code.is_empty() {
        how.push_str(&format!(" (quyền số: {})", name(&i.weight_code)));
    }
    if !i.at_most_code.is_empty() {
        how.push_str(&format!(" · không vượt «{}»", name(&i.at_most_code)));
    }
    how
}

pub async fn catalogue(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CatalogueQuery>,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    let cat = super::board::catalogue(&mut c).await?;
    let by_code: HashMap<String, String> = cat
        .indicators
        .iter()
        .map(|i| (i.code.clone(), i.name.clone()))
        .collect();
    let indicators: Vec<(Indicator, String, String)> = cat
        .indicators
        .into_iter()
        .map(|i| {
            let kinds = kind_labels(cat.kinds.get(&i.id).map_or(&[][..], Vec::as_slice));
            let how = how_in_words(&i, &by_code);
            (i, kinds, how)
        })
        .collect();
    let movements = movements::store::all(&mut c).await?;
    let movement = match q.phong_trao {
        Some(id) => movements.iter().find(|m| m.id == id).cloned(),
        None => movements.first().cloned(),
    };
    let names: HashMap<i64, String> = indicators
        .iter()
        .map(|(i, ..)| (i.id, i.name.clone()))
        .collect();
    let targets = match &movement {
        Some(m) => store::targets_of(&mut c, m.id)
            .await?
            .into_iter()
            .map(|t| {
                let name = names.get(&t.indicator_id).cloned().unwrap_or_default();
                (t, name)
            })
            .collect(),
        None => Vec::new(),
    };
    render(&CataloguePage {
        layout: Layout::new(&ctx, "targets", "Danh mục chỉ số, chỉ tiêu")
            .crumb("Chỉ tiêu", "/chi-tieu")
            .crumb("Danh mục", ""),
        indicators,
        movements,
        movement,
        targets,
    })
}

#[derive(Template)]
#[template(path = "indicators/indicator_form.html")]
struct IndicatorForm {
    layout: Layout,
    input: IndicatorInput,
    errors: FieldErrors,
    measures: Vec<(&'static str, &'static str)>,
    aggregations: Vec<(&'static str, &'static str)>,
    kinds: Vec<(&'static str, &'static str)>,
}

fn indicator_form(
    ctx: &Ctx,
    input: IndicatorInput,
    errors: FieldErrors,
) -> Result<Html<String>, AppError> {
    render(&IndicatorForm {
        layout: Layout::new(ctx, "targets", "Thêm chỉ số")
            .crumb("Danh mục", "/chi-tieu/danh-muc")
            .crumb("Thêm chỉ số", ""),
        input,
        errors,
        measures: Measure::ALL.iter().map(|m| (m.code(), m.label())).collect(),
        aggregations: Aggregation::ALL
            .iter()
            .map(|a| (a.code(), a.label()))
            .collect(),
        kinds: UnitKind::ALL
            .iter()
            .map(|k| (k.code(), k.label()))
            .collect(),
    })
}

fn admin_only(ctx: &Ctx) -> Result<(), AppError> {
    if ctx.user.is_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn errors_of(problems: Vec<(&'static str, String)>) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for (f, m) in problems {
        errors.add(f, m);
    }
    errors
}

pub async fn new_indicator(ctx: Ctx) -> Result<Html<String>, AppError> {
    admin_only(&ctx)?;
    indicator_form(&ctx, IndicatorInput::default(), FieldErrors::default())
}

/// The form sends one `kind_<code>` checkbox per unit kind; the rest are plain fields.
pub async fn create_indicator(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    admin_only(&ctx)?;
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let mut kinds: Vec<&str> = form
        .keys()
        .filter_map(|k| k.strip_prefix("kind_"))
        .collect();
    kinds.sort_unstable();
    let input = IndicatorInput {
        code: get("code"),
        name: get("name"),
        measure: get("measure"),
        unit_label: get("unit_label"),
        decimals: get("decimals"),
        direction: get("direction"),
        aggregation: get("aggregation"),
        rule: get("rule"),
        min_value: get("min_value"),
        max_value: get("max_value"),
        at_most_code: get("at_most_code"),
        jump_percent: get("jump_percent"),
        owner_code: get("owner_code"),
        kinds: kinds.join(","),
    };
    let mut c = st.db.conn().await?;
    let known: Vec<String> = store::all(&mut c)
        .await?
        .into_iter()
        .map(|i| i.code)
        .collect();
    let owner = match input.owner_code.trim() {
        "" => None,
        code => units::store::by_code(&mut c, code).await?,
    };
    drop(c);
    let (mut ind, kinds) = match input::indicator(&input, &known) {
        Ok(ok) if owner.is_some() || input.owner_code.trim().is_empty() => ok,
        Ok(_) => {
            let errors = errors_of(vec![(
                "owner_code",
                format!("Không có đơn vị mã {}.", input.owner_code.trim()),
            )]);
            return Ok(indicator_form(&ctx, input, errors)?.into_response());
        }
        Err(problems) => {
            return Ok(indicator_form(&ctx, input, errors_of(problems))?.into_response());
        }
    };
    ind.owner_unit_id = owner.map(|u| u.id);
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let kind_refs: Vec<&str> = kinds.iter().map(String::as_str).collect();
    let id = store::insert(&mut tx, &ind, &kind_refs, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "indicator.create",
        "indicator",
        &id.to_string(),
        &json!({"code": ind.code, "name": ind.name, "aggregation": ind.aggregation, "kinds": kinds}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã thêm chỉ số {} – {}.", ind.code, ind.name))
        .await?;
    Ok(Redirect::to("/chi-tieu/danh-muc").into_response())
}

#[derive(Template)]
#[template(path = "indicators/target_form.html")]
struct TargetForm {
    layout: Layout,
    input: TargetInput,
    errors: FieldErrors,
    movements: Vec<Movement>,
    indicators: Vec<Indicator>,
    comparators: [(&'static str, &'static str); 5],
}

async fn target_form(
    st: &AppState,
    ctx: &Ctx,
    input: TargetInput,
    errors: FieldErrors,
) -> Result<Html<String>, AppError> {
    let mut c = st.db.conn().await?;
    render(&TargetForm {
        layout: Layout::new(ctx, "targets", "Thêm chỉ tiêu")
            .crumb("Danh mục", "/chi-tieu/danh-muc")
            .crumb("Thêm chỉ tiêu", ""),
        input,
        errors,
        movements: movements::store::all(&mut c).await?,
        indicators: store::all(&mut c).await?,
        comparators: COMPARATORS,
    })
}

pub async fn new_target(State(st): State<AppState>, ctx: Ctx) -> Result<Html<String>, AppError> {
    admin_only(&ctx)?;
    target_form(&st, &ctx, TargetInput::default(), FieldErrors::default()).await
}

pub async fn create_target(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(input): Form<TargetInput>,
) -> Result<Response, AppError> {
    admin_only(&ctx)?;
    let mut c = st.db.conn().await?;
    let movement = match input.movement_id.trim().parse::<i64>() {
        Ok(id) => movements::store::by_id(&mut c, id).await?,
        Err(_) => None,
    };
    let indicator = store::by_code(&mut c, input.indicator_code.trim()).await?;
    let unit = match input.unit_code.trim() {
        "" => None,
        code => units::store::by_code(&mut c, code).await?,
    };
    drop(c);
    let mut problems = Vec::new();
    if movement.is_none() {
        problems.push(("movement_id", "Hãy chọn phong trào.".to_string()));
    }
    if indicator.is_none() {
        problems.push(("indicator_code", "Hãy chọn chỉ số.".to_string()));
    }
    if input.scope == "unit" && !input.unit_code.trim().is_empty() && unit.is_none() {
        problems.push((
            "unit_code",
            format!("Không có đơn vị mã {}.", input.unit_code.trim()),
        ));
    }
    let period = movement
        .as_ref()
        .map_or((crate::text::FIRST_YEAR, crate::text::LAST_YEAR), |m| {
            (m.period_from, m.period_to)
        });
    let checked = target_input::target(&input, period);
    let (Some(m), Some(ind), Ok(mut t), true) =
        (movement, indicator, checked.clone(), problems.is_empty())
    else {
        problems.extend(checked.err().unwrap_or_default());
        return Ok(target_form(&st, &ctx, input, errors_of(problems))
            .await?
            .into_response());
    };
    // A level finer than the figures are kept at could never be told apart on the page.
    if t.kind == "level"
        && crate::text::parse_exact_vn(&input.value)
            .is_ok_and(|v| v.has_more_places_than(ind.places()))
    {
        let problem = format!(
            "Chỉ số «{}» giữ {} chữ số thập phân; mức chỉ tiêu không được chi tiết hơn.",
            ind.name,
            ind.places()
        );
        return Ok(
            target_form(&st, &ctx, input, errors_of(vec![("value", problem)]))
                .await?
                .into_response(),
        );
    }
    t.movement_id = m.id;
    t.indicator_id = ind.id;
    t.unit_id = match t.scope.as_str() {
        "town" => Some(m.issuing_unit_id),
        "unit" => unit.map(|u| u.id),
        _ => None,
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let id = store::insert_target(&mut tx, &t, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "target.create",
        "target",
        &id.to_string(),
        &json!({"movement": m.code, "indicator": ind.code, "scope": t.scope, "kind": t.kind, "value": t.value, "year": t.year}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã thêm chỉ tiêu «{}».", t.label))
        .await?;
    Ok(Redirect::to(&format!("/chi-tieu/danh-muc?phong_trao={}", m.id)).into_response())
}
