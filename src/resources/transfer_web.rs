//! Contributions to and from Excel through the browser: the export of what the list shows, and
//! the all-or-nothing import through the one workbook reader.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::input::Checked;
use super::store::{self, Filter};
use super::transfer::{self, LIMITS};
use super::web::{ListQuery, chosen};
use super::{Kind, record};
use crate::documents::problems::{Problem, Report};
use crate::documents::workbook::Which;
use crate::state::AppState;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::Query;
use crate::web::session::Ctx;
use crate::web::view::{Layout, render, xlsx_response};

/// `GET /dong-gop/xuat.xlsx?…`: every contribution the list's filters select (no page limit).
pub async fn export(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let (path, _) = chosen(&st, &ctx, &q.don_vi).await?;
    let folded = text::fold(&q.q);
    let like = (!folded.is_empty()).then(|| crate::db::like_contains(&folded));
    let filter = Filter {
        path: &path,
        year: text::parse_year(&q.nam),
        kind: Kind::from_code(q.hinh_thuc.trim()).map(Kind::code),
        name_like: like.as_deref(),
    };
    let mut c = st.db.conn().await?;
    let rows = store::list(&mut c, &filter, i64::MAX, 0).await?;
    drop(c);
    let bytes = tokio::task::spawn_blocking(move || transfer::export_xlsx(&rows))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "dong-gop.xlsx"))
}

#[derive(Template)]
#[template(path = "resources/import.html")]
struct ImportPage {
    layout: Layout,
    report: Report,
    limit: String,
}

fn import_page(ctx: &Ctx, problems: Vec<Problem>) -> Result<Response, AppError> {
    render(&ImportPage {
        layout: Layout::new(ctx, "resources", "Nhập đóng góp từ Excel")
            .crumb("Đóng góp", "/dong-gop")
            .crumb("Nhập từ Excel", ""),
        report: Report::new(problems),
        limit: LIMITS.file_label(),
    })
    .map(IntoResponse::into_response)
}

fn may_import(ctx: &Ctx) -> Result<(), AppError> {
    let u = &ctx.user;
    if u.is_admin() || u.grants.iter().any(|g| u.can_edit(&g.unit_path)) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// `GET /dong-gop/nhap`.
pub async fn import_form(ctx: Ctx) -> Result<Response, AppError> {
    may_import(&ctx)?;
    import_page(&ctx, Vec::new())
}

/// `POST /dong-gop/nhap`: permission first, the file read off the async workers, every row
/// checked; only a file without problems is matched and written, in one transaction.
pub async fn import(
    State(st): State<AppState>,
    ctx: Ctx,
    form: Multipart,
) -> Result<Response, AppError> {
    may_import(&ctx)?;
    let bytes = match crate::web::upload::read(form).await {
        Ok(u) => u.bytes,
        Err(_) => {
            return import_page(
                &ctx,
                vec![Problem::file(format!(
                    "Tệp quá lớn hoặc bị ngắt khi gửi: tối đa {}.",
                    LIMITS.file_label()
                ))],
            );
        }
    };
    if bytes.is_empty() {
        return import_page(&ctx, vec![Problem::file("Hãy chọn một tệp .xlsx.")]);
    }
    let today = st.clock.today();
    let parsed = match st.reading.read(bytes, Which::First, LIMITS).await {
        Ok(sheet) => transfer::parse(&sheet, today),
        Err(p) => Err(vec![p]),
    };
    let parsed = match parsed {
        Ok(p) => p,
        Err(problems) => return import_page(&ctx, problems),
    };
    let sheet = parsed.sheet;
    let (places, rows): (Vec<usize>, Vec<Checked>) = parsed.rows.into_iter().unzip();
    let placed = |problems: Vec<record::RowProblem>| -> Vec<Problem> {
        problems
            .into_iter()
            .map(|(i, col, m)| Problem::cell(&sheet, places.get(i).copied().unwrap_or(0), col, m))
            .collect()
    };
    if !parsed.errors.is_empty() {
        // Every bad row at once: the register's problems of the rows that read well too.
        let mut c = st.db.conn().await?;
        let mut problems = parsed.errors;
        if let Err(more) = record::check_all(&mut c, &rows, &ctx.user).await? {
            problems.extend(placed(more));
        }
        return import_page(&ctx, problems);
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    match record::write_all(
        &mut tx,
        &rows,
        &ctx.user,
        &ctx.user.actor(),
        record::Via::Import,
        now,
    )
    .await?
    {
        Ok(ids) => {
            tx.commit().await?;
            ctx.flash(
                &st,
                &format!(
                    "Đã nhập {} khoản đóng góp.",
                    text::group_thousands(ids.len() as i64)
                ),
            )
            .await?;
            Ok(Redirect::to("/dong-gop").into_response())
        }
        Err(problems) => {
            drop(tx);
            import_page(&ctx, placed(problems))
        }
    }
}
