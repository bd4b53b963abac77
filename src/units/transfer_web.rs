//! Units to and from Excel through the browser.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::import::{self, ImportScope, RowError};
use super::store;
use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::web::error::AppError;
use crate::web::session::Ctx;
use crate::web::view::{Layout, render};

pub fn xlsx_response(bytes: Vec<u8>, filename: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

pub async fn export(State(st): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let mut c = st.db.conn().await?;
    let units = store::all_in_scope(&mut c, ctx.user.id, ctx.user.is_admin()).await?;
    let bytes = import::export_xlsx(&units).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "don-vi.xlsx"))
}

#[derive(Template)]
#[template(path = "units/import.html")]
struct ImportPage {
    layout: Layout,
    errors: Vec<RowError>,
}

pub async fn import_form(ctx: Ctx) -> Result<Html<String>, AppError> {
    render(&ImportPage {
        layout: Layout::new(&ctx, "units", "Nhập đơn vị từ Excel")
            .crumb("Đơn vị", "/don-vi")
            .crumb("Nhập từ Excel", ""),
        errors: Vec::new(),
    })
}

struct UserScope<'a>(&'a CurrentUser);

impl ImportScope for UserScope<'_> {
    fn may_write(&self, path: &str) -> bool {
        self.0.can_edit(path)
    }
}

pub async fn import(
    State(st): State<AppState>,
    ctx: Ctx,
    form: Multipart,
) -> Result<Response, AppError> {
    let bytes = crate::web::upload::read(form).await?.bytes;
    let page = |errors: Vec<RowError>| {
        render(&ImportPage {
            layout: Layout::new(&ctx, "units", "Nhập đơn vị từ Excel")
                .crumb("Đơn vị", "/don-vi")
                .crumb("Nhập từ Excel", ""),
            errors,
        })
        .map(IntoResponse::into_response)
    };
    if bytes.is_empty() {
        return page(vec![RowError {
            row: 0,
            message: "Hãy chọn một tệp .xlsx.".into(),
        }]);
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    match import::import_file(
        &mut tx,
        &bytes,
        &UserScope(&ctx.user),
        &ctx.user.actor(),
        now,
    )
    .await?
    {
        Ok((created, updated)) => {
            tx.commit().await?;
            ctx.flash(
                &st,
                &format!("Đã nhập: {created} đơn vị mới, {updated} đơn vị cập nhật."),
            )
            .await?;
            Ok(Redirect::to("/don-vi").into_response())
        }
        Err(errors) => {
            // Dropping the transaction rolls back whatever the valid rows wrote.
            drop(tx);
            page(errors)
        }
    }
}
