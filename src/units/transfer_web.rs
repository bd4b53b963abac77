//! Units to and from Excel through the browser.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::import;
use super::import_write::{self, ImportScope};
use super::store;
use crate::auth::CurrentUser;
use crate::documents::problems::{Problem, Report};
use crate::documents::workbook::{Limits, Which};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::session::Ctx;
use crate::web::view::{Layout, render, xlsx_response};

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
    report: Report,
    limit: String,
}

fn import_page(ctx: &Ctx, problems: Vec<Problem>) -> Result<Response, AppError> {
    render(&ImportPage {
        layout: Layout::new(ctx, "units", "Nhập đơn vị từ Excel")
            .crumb("Đơn vị", "/don-vi")
            .crumb("Nhập từ Excel", ""),
        report: Report::new(problems),
        limit: Limits::UNITS.file_label(),
    })
    .map(IntoResponse::into_response)
}

pub async fn import_form(ctx: Ctx) -> Result<Response, AppError> {
    may_import(&ctx.user)?;
    import_page(&ctx, Vec::new())
}

struct UserScope<'a>(&'a CurrentUser);

impl ImportScope for UserScope<'_> {
    fn may_write(&self, path: &str) -> bool {
        self.0.can_edit(path)
    }
}

/// Only someone who may edit some part of the register may send a file to be read.
fn may_import(user: &CurrentUser) -> Result<(), AppError> {
    if user.is_admin() || user.grants.iter().any(|g| user.can_edit(&g.unit_path)) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Permission first, then the file is read and checked off the async workers, and only a
/// file without problems opens the write transaction — so a slow or hostile upload never
/// holds the database's write lock while others save.
pub async fn import(
    State(st): State<AppState>,
    ctx: Ctx,
    form: Multipart,
) -> Result<Response, AppError> {
    may_import(&ctx.user)?;
    let limits = Limits::UNITS;
    let bytes = match crate::web::upload::read(form).await {
        Ok(u) => u.bytes,
        Err(_) => {
            return import_page(
                &ctx,
                vec![Problem::file(format!(
                    "Tệp quá lớn hoặc bị ngắt khi gửi: tối đa {}.",
                    limits.file_label()
                ))],
            );
        }
    };
    if bytes.is_empty() {
        return import_page(&ctx, vec![Problem::file("Hãy chọn một tệp .xlsx.")]);
    }
    let parsed = match st.reading.read(bytes, Which::First, limits).await {
        Ok(sheet) => import::parse(&sheet),
        Err(p) => Err(vec![p]),
    };
    let parsed = match parsed {
        Ok(p) if p.errors.is_empty() => p,
        Ok(p) => {
            let mut c = st.db.conn().await?;
            let mut problems = import_write::missing_parents(&mut c, &p).await?;
            problems.extend(p.errors);
            return import_page(&ctx, problems);
        }
        Err(problems) => return import_page(&ctx, problems),
    };
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    match import_write::import_file(
        &mut tx,
        parsed,
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
        Err(problems) => {
            // Dropping the transaction rolls back whatever the valid rows wrote.
            drop(tx);
            import_page(&ctx, problems)
        }
    }
}
