//! Administrators record a further movement (another plan with its own period), so targets
//! can be set for it in the catalogue.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::{Movement, store};
use crate::audit;
use crate::state::AppState;
use crate::text;
use crate::units;
use crate::web::error::AppError;
use crate::web::extract::Form;
use crate::web::session::Ctx;
use crate::web::view::{FieldErrors, Layout, render};

#[derive(Clone, Debug, Default, Deserialize)]
pub struct MovementInput {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub issuing_code: String,
    #[serde(default)]
    pub document_number: String,
    #[serde(default)]
    pub issued_on: String,
    #[serde(default)]
    pub period_from: String,
    #[serde(default)]
    pub period_to: String,
    #[serde(default)]
    pub summary: String,
}

#[derive(Template)]
#[template(path = "movements/form.html")]
struct FormPage {
    layout: Layout,
    input: MovementInput,
    errors: FieldErrors,
}

fn page(ctx: &Ctx, input: MovementInput, errors: FieldErrors) -> Result<Html<String>, AppError> {
    render(&FormPage {
        layout: Layout::new(ctx, "targets", "Thêm phong trào")
            .crumb("Danh mục", "/chi-tieu/danh-muc")
            .crumb("Thêm phong trào", ""),
        input,
        errors,
    })
}

pub async fn new_form(ctx: Ctx) -> Result<Html<String>, AppError> {
    if !ctx.user.is_admin() {
        return Err(AppError::Forbidden);
    }
    page(&ctx, MovementInput::default(), FieldErrors::default())
}

pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(input): Form<MovementInput>,
) -> Result<Response, AppError> {
    if !ctx.user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let code = input.code.trim().to_uppercase();
    let title = text::clean_limited(&input.title, 300).unwrap_or_else(|msg| {
        errors.add("title", msg);
        String::new()
    });
    let document_number = text::clean_limited(&input.document_number, 100).unwrap_or_else(|msg| {
        errors.add("document_number", msg);
        String::new()
    });
    let summary = text::clean_limited(&input.summary, 4000).unwrap_or_else(|msg| {
        errors.add("summary", msg);
        String::new()
    });
    let issued_on = text::parse_date(&input.issued_on);
    let from = text::parse_year(&input.period_from);
    let to = text::parse_year(&input.period_to);
    let mut c = st.db.conn().await?;
    if code.is_empty()
        || !code
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
    {
        errors.add(
            "code",
            "Mã phong trào gồm chữ không dấu, chữ số và dấu gạch.",
        );
    } else if store::by_code(&mut c, &code).await?.is_some() {
        errors.add("code", format!("Mã {code} đã được dùng."));
    }
    if title.is_empty() && !errors.has("title") {
        errors.add("title", "Chưa nhập tên phong trào.");
    }
    let issuer = units::store::by_code(&mut c, input.issuing_code.trim()).await?;
    if issuer.is_none() {
        errors.add("issuing_code", "Không có đơn vị với mã này.");
    }
    if issued_on.is_none() {
        errors.add("issued_on", "Ngày ban hành viết dạng dd/mm/yyyy.");
    }
    match (from, to) {
        (Some(f), Some(t)) if f <= t => {}
        (Some(_), Some(_)) => errors.add("period_to", "Năm kết thúc phải không trước năm bắt đầu."),
        _ => errors.add(
            "period_from",
            format!(
                "Nhập năm bắt đầu và năm kết thúc ({}–{}).",
                text::FIRST_YEAR,
                text::LAST_YEAR
            ),
        ),
    }
    drop(c);
    let (Some(issuer), Some(issued_on), Some(from), Some(to), true) =
        (issuer, issued_on, from, to, errors.is_empty())
    else {
        return Ok(page(&ctx, input, errors)?.into_response());
    };
    let m = Movement {
        id: 0,
        code,
        title,
        kind: "thematic".into(),
        issuing_unit_id: issuer.id,
        document_number,
        issued_on,
        period_from: from,
        period_to: to,
        summary,
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let id = store::insert(&mut tx, &m).await?;
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "movement.create",
        "movement",
        &id.to_string(),
        &json!({"code": m.code, "title": m.title, "issuer": issuer.code, "period": [from, to]}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(&st, &format!("Đã thêm phong trào «{}».", m.title))
        .await?;
    Ok(Redirect::to(&format!("/chi-tieu/danh-muc?phong_trao={id}")).into_response())
}
