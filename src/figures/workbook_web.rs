//! The workbook pages of a unit's sheet: download the template, upload it filled in.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;

use super::sheet::{SheetData, load, load_writable};
use super::store;
use super::workbook::{SHEET, parse, workbook};
use crate::audit;
use crate::documents::problems::{Problem, Report};
use crate::documents::workbook::{Limits, Which};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::Path;
use crate::web::session::Ctx;
use crate::web::view::{Layout, render, xlsx_response};

pub async fn download(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let data = load(&st, &ctx, unit_id, &year).await?;
    let bytes = workbook(&data).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(
        bytes,
        &format!("so-lieu-{}-{}.xlsx", data.unit.code, data.year),
    ))
}

#[derive(Template)]
#[template(path = "figures/import.html")]
struct ImportPage {
    layout: Layout,
    unit_id: i64,
    unit_name: String,
    year: i64,
    report: Report,
    limit: String,
}

fn import_page(ctx: &Ctx, data: &SheetData, problems: Vec<Problem>) -> Result<Response, AppError> {
    render(&ImportPage {
        layout: Layout::new(ctx, "figures", "Nhập số liệu từ Excel")
            .crumb("Số liệu chỉ tiêu", format!("/so-lieu?nam={}", data.year))
            .crumb(
                format!("{} – {}", data.unit.name, data.year),
                format!("/so-lieu/{}/{}", data.unit.id, data.year),
            )
            .crumb("Nhập từ Excel", ""),
        unit_id: data.unit.id,
        unit_name: data.unit.name.clone(),
        year: data.year,
        report: Report::new(problems),
        limit: Limits::FIGURES.file_label(),
    })
    .map(IntoResponse::into_response)
}

pub async fn import_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    // A sheet the user may not change (locked, waiting for review, someone else's) says so
    // before anyone picks a file, not after the upload.
    let data = load_writable(&st, &ctx, unit_id, &year).await?;
    import_page(&ctx, &data, Vec::new())
}

/// Permission and the sheet's state are checked before the file is read; the file is read
/// and checked off the async workers before the write transaction opens; inside it the
/// sheet's state is checked again, so a sheet approved meanwhile is never overwritten.
pub async fn import(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((unit_id, year)): Path<(i64, String)>,
    form: Multipart,
) -> Result<Response, AppError> {
    let data = load_writable(&st, &ctx, unit_id, &year).await?;
    let limits = Limits::FIGURES;
    let bytes = match crate::web::upload::read(form).await {
        Ok(u) if u.bytes.is_empty() => {
            return import_page(&ctx, &data, vec![Problem::file("Hãy chọn một tệp .xlsx.")]);
        }
        Ok(u) => u.bytes,
        Err(_) => {
            let msg = format!(
                "Tệp quá lớn hoặc bị ngắt khi gửi: tối đa {}.",
                limits.file_label()
            );
            return import_page(&ctx, &data, vec![Problem::file(msg)]);
        }
    };
    let read = match st
        .reading
        .read(bytes, Which::Named(SHEET.into()), limits)
        .await
    {
        Ok(sheet) => parse(&sheet, &data),
        Err(p) => Err(vec![p]),
    };
    let read = match read {
        Ok(read) => read,
        Err(problems) => return import_page(&ctx, &data, problems),
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let sheet = store::sheet_for_writing(&mut tx, data.unit.id, data.year, now).await?;
    if !sheet.status().is_editable() || !store::touch(&mut tx, &sheet, now).await? {
        return Err(AppError::Conflict(
            "Bảng số liệu vừa được thay đổi ở nơi khác; hãy thử lại.".into(),
        ));
    }
    for (indicator_id, value, comment) in &read {
        store::put_figure(&mut tx, &sheet, *indicator_id, *value, comment, now).await?;
    }
    audit::store::record(
        &mut tx,
        now,
        &ctx.user.actor(),
        "figures.import",
        "figure_sheet",
        &sheet.id.to_string(),
        &json!({"unit": data.unit.code, "year": data.year, "figures": read.len()}),
    )
    .await?;
    tx.commit().await?;
    ctx.flash(
        &st,
        &format!(
            "Đã nhập {} chỉ số từ tệp Excel (chưa gửi duyệt).",
            read.len()
        ),
    )
    .await?;
    Ok(Redirect::to(&format!("/so-lieu/{}/{}", data.unit.id, data.year)).into_response())
}
