//! The audit page: entries newest first as Vietnamese sentences with links (`describe`),
//! filtered by kind of action, object and person. The administrator reads the whole log, with
//! the current head (number and hash) to copy into a report and a button that verifies the
//! chain; an Internal Affairs officer reads the entries about objects in their scope.
//! Viewing the page never walks the chain — on a large log that is seconds of reading per view.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use serde::Deserialize;

use super::Entry;
use super::checkpoint::Checkpoint;
use super::describe::{self, Described};
use super::store::{self, Filter};
use crate::clock;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::Query;
use crate::web::session::Ctx;
use crate::web::view::{Layout, PER_PAGE, Pager, offset_of, query_string, render};

#[derive(Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    pub(super) hanh_dong: String,
    #[serde(default)]
    pub(super) doi_tuong: String,
    #[serde(default)]
    pub(super) ma: String,
    #[serde(default)]
    pub(super) nguoi: String,
    trang: Option<i64>,
}

/// The outcome of a chain check shown on the page.
struct Verdict {
    broken: bool,
    text: String,
}

#[derive(Template)]
#[template(path = "audit/list.html")]
struct AuditPage {
    layout: Layout,
    entries: Vec<(Entry, Described)>,
    admin: bool,
    q: AuditQuery,
    pager: Pager,
    head: Checkpoint,
    verdict: Option<Verdict>,
}

fn some(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

impl AuditQuery {
    /// The store's filter for what the page's fields ask, blanks meaning "any", within
    /// `scope` (`reader_scope`), keeping the entries of `actors` (`people`) when given.
    pub(super) fn filter(&self, scope: Option<String>, actors: Option<Vec<i64>>) -> Filter {
        Filter {
            action: some(&describe::action_prefix(&self.hanh_dong)),
            object_kind: some(&self.doi_tuong),
            object_id: some(&self.ma),
            actors,
            scope,
        }
    }
}

impl AuditQuery {
    /// The accounts the "người thực hiện" field means (part of a username or full name, with
    /// or without diacritics), or `None` when it is blank.
    pub(super) async fn people(
        &self,
        c: &mut impl crate::db::DbConn,
    ) -> Result<Option<Vec<i64>>, AppError> {
        if self.nguoi.trim().is_empty() {
            return Ok(None);
        }
        let accounts = super::names_store::accounts(c).await?;
        Ok(Some(describe::matching_accounts(&self.nguoi, &accounts)))
    }
}

/// Who may read the log, and how much: the administrator all of it (`Ok(None)`), an Internal
/// Affairs officer — the standing body of the emulation council — the entries about objects
/// under their unit (`Ok(Some(path))`); anyone else is refused.
pub fn reader_scope(ctx: &Ctx) -> Result<Option<String>, AppError> {
    if ctx.user.is_admin() {
        return Ok(None);
    }
    ctx.user
        .grants
        .iter()
        .find(|g| g.role == crate::auth::Role::InternalAffairs)
        .map(|g| Some(g.unit_path.clone()))
        .ok_or(AppError::Forbidden)
}

/// `GET /quan-tri/nhat-ky`: the entries and the head, without verifying.
pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Html<String>, AppError> {
    page(&st, &ctx, q, None).await
}

/// `POST /quan-tri/nhat-ky`: verifies the whole chain now and shows the result above the list.
/// Verifying writes nothing, so reloading the result is harmless.
pub async fn check(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Html<String>, AppError> {
    if !ctx.user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let mut c = st.db.conn().await?;
    let at = clock::local_time(st.clock.now());
    let verdict = match store::verify(&mut c).await? {
        Ok(head) => Verdict {
            broken: false,
            text: format!(
                "Chuỗi nhật ký nguyên vẹn: đã kiểm tra {} mục lúc {at}.",
                head.seq
            ),
        },
        Err(b) => Verdict {
            broken: true,
            text: format!("CẢNH BÁO: {b} (kiểm tra lúc {at})."),
        },
    };
    drop(c);
    page(&st, &ctx, q, Some(verdict)).await
}

async fn page(
    st: &AppState,
    ctx: &Ctx,
    q: AuditQuery,
    verdict: Option<Verdict>,
) -> Result<Html<String>, AppError> {
    let scope = reader_scope(ctx)?;
    let admin = scope.is_none();
    let mut c = st.db.conn().await?;
    let actors = q.people(&mut c).await?;
    let filter = q.filter(scope, actors);
    let (entries, total) = store::list(&mut c, &filter, PER_PAGE, offset_of(q.trang)).await?;
    let names = describe::gather(&mut c, &entries).await?;
    let entries = entries
        .into_iter()
        .map(|e| {
            let d = describe::describe(&e, &names, admin);
            (e, d)
        })
        .collect();
    let head = store::head(&mut c).await?;
    let pager = Pager::new(
        q.trang,
        total,
        query_string(&[
            ("hanh_dong", &q.hanh_dong),
            ("doi_tuong", &q.doi_tuong),
            ("ma", &q.ma),
            ("nguoi", &q.nguoi),
        ]),
    );
    pager.past_the_end(q.trang)?;
    render(&AuditPage {
        layout: Layout::new(ctx, "audit", "Nhật ký hệ thống").crumb("Nhật ký", ""),
        pager,
        entries,
        admin,
        q,
        head,
        verdict,
    })
}
