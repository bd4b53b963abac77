//! What every page shares: the layout's header and breadcrumbs, pagination, form errors.

use std::collections::BTreeMap;

use askama::Template;
use axum::response::Html;

use super::error::AppError;
use super::session::Ctx;

/// The frame around every signed-in page.
#[derive(Clone, Debug)]
pub struct Layout {
    pub title: String,
    pub user_name: String,
    pub unit_name: String,
    pub csrf: String,
    pub flash: Option<String>,
    pub is_admin: bool,
    /// May read the audit log (the administrator, or Internal Affairs for its scope).
    pub reads_audit: bool,
    /// Which navigation entry is current: "units", "subjects", "blocs", "users", "audit".
    pub area: &'static str,
    pub crumbs: Vec<(String, String)>,
    /// Unread notices, shown beside "Thông báo" in the header.
    pub unread: i64,
    /// The first line of the printed page: what it shows, for which unit and year
    /// (`printed_as`); the title and the user's unit unless a page says more.
    pub print_heading: String,
    /// "04/12/2026 08:15" in Vietnam time: when the page was printed (read).
    pub printed_at: String,
}

impl Layout {
    pub fn new(ctx: &Ctx, area: &'static str, title: impl Into<String>) -> Layout {
        Layout {
            title: title.into(),
            user_name: ctx.user.full_name.clone(),
            unit_name: ctx
                .user
                .home_unit()
                .map(|g| g.unit_name.clone())
                .unwrap_or_default(),
            csrf: ctx.csrf.clone(),
            flash: ctx.flash.clone(),
            is_admin: ctx.user.is_admin(),
            reads_audit: crate::audit::web::reader_scope(ctx).is_ok(),
            area,
            crumbs: Vec::new(),
            unread: ctx.unread,
            print_heading: String::new(),
            printed_at: crate::clock::local_time(ctx.now),
        }
    }

    /// Sets the printed page's first line ("Tiến độ chỉ tiêu – Thị xã Hồng Lĩnh – tính đến
    /// năm 2024"); a page that names its unit and year in print says so here.
    pub fn printed_as(mut self, heading: impl Into<String>) -> Layout {
        self.print_heading = heading.into();
        self
    }

    pub fn crumb(mut self, label: impl Into<String>, href: impl Into<String>) -> Layout {
        self.crumbs.push((label.into(), href.into()));
        self
    }
}

pub fn render<T: Template>(page: &T) -> Result<Html<String>, AppError> {
    Ok(Html(page.render()?))
}

pub const PER_PAGE: i64 = 50;

/// Page numbers for a list of `total` rows; `base` is the query string without the page.
#[derive(Clone, Debug)]
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    pub base: String,
}

impl Pager {
    pub fn new(page: Option<i64>, total: i64, base: String) -> Pager {
        let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
        Pager {
            page: page.unwrap_or(1).clamp(1, pages),
            pages,
            total,
            base,
        }
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * PER_PAGE
    }

    pub fn href(&self, page: i64) -> String {
        if self.base.is_empty() {
            format!("?trang={page}")
        } else {
            format!("?{}&trang={page}", self.base)
        }
    }

    pub fn has_prev(&self) -> bool {
        self.page > 1
    }

    pub fn has_next(&self) -> bool {
        self.page < self.pages
    }

    /// A page asked for past the last one (an old link, `?trang=9223372036854775807`) is sent
    /// to the last page rather than shown as an empty list that says there is nothing.
    pub fn past_the_end(&self, requested: Option<i64>) -> Result<(), AppError> {
        match requested {
            Some(p) if p > self.pages => Err(AppError::Redirect(self.href(self.pages))),
            _ => Ok(()),
        }
    }
}

/// Pages beyond this are read as this one: `?trang=9223372036854775807` must not overflow
/// the offset (a panic in debug builds, a negative OFFSET and a 500 in release).
pub const MAX_PAGE: i64 = 100_000;

/// The offset of a requested page before the total is known (the total clamps it later);
/// absurd page numbers are clamped to 1..=`MAX_PAGE`.
pub fn offset_of(page: Option<i64>) -> i64 {
    (page.unwrap_or(1).clamp(1, MAX_PAGE) - 1) * PER_PAGE
}

/// Per-field messages for a form shown again with what was typed.
#[derive(Clone, Debug, Default)]
pub struct FieldErrors(BTreeMap<&'static str, String>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, msg: impl Into<String>) {
        self.0.entry(field).or_insert_with(|| msg.into());
    }

    pub fn get(&self, field: &str) -> &str {
        self.0.get(field).map_or("", String::as_str)
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Query strings built from user-typed values, percent-encoded.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .collect::<Vec<_>>(),
    )
    .unwrap_or_default()
}

/// A workbook download: the XLSX media type and `filename` as the saved file's name.
pub fn xlsx_response(bytes: Vec<u8>, filename: &str) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_clamps_and_links() {
        let p = Pager::new(Some(9), 120, "q=duc".into());
        assert_eq!(p.pages, 3);
        assert_eq!(p.page, 3);
        assert_eq!(p.offset(), 100);
        assert_eq!(p.href(2), "?q=duc&trang=2");
        assert!(Pager::new(None, 0, String::new()).pages == 1);
        let absurd = Pager::new(Some(i64::MAX), 120, String::new());
        assert_eq!((absurd.page, absurd.offset()), (3, 100));
        assert_eq!(Pager::new(Some(i64::MIN), 120, String::new()).page, 1);
        // Past the last page: sent to the last one, which still has rows on it.
        match absurd.past_the_end(Some(i64::MAX)) {
            Err(AppError::Redirect(to)) => assert_eq!(to, "?trang=3"),
            other => panic!("{other:?}"),
        }
        assert!(absurd.past_the_end(Some(3)).is_ok());
        assert!(absurd.past_the_end(None).is_ok());
    }

    #[test]
    fn absurd_page_numbers_give_a_bounded_offset() {
        assert_eq!(offset_of(Some(i64::MAX)), (MAX_PAGE - 1) * PER_PAGE);
        assert_eq!(offset_of(Some(-1)), 0);
        assert_eq!(offset_of(None), 0);
    }

    #[test]
    fn query_strings_drop_empty_values_and_encode() {
        assert_eq!(
            query_string(&[("q", "Đức Thuận"), ("loai", "")]),
            "q=%C4%90%E1%BB%A9c+Thu%E1%BA%ADn"
        );
    }
}
