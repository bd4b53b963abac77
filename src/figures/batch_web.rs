//! "Duyệt các bảng đã chọn" on the completeness page (issue 8, item 4): the office ticks the
//! sheets waiting for it, reads one confirmation page that names each sheet it will lock and
//! each it will pass over and why, then confirms. Every sheet is still moved on its own by
//! `review_web::move_sheet`, so each keeps its guards (scope, status, version, separation of
//! duties) inside its own transaction, and one refusal never undoes the others.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::review_web::move_sheet;
use super::{Action, SheetStatus, may_review, store};
use crate::state::AppState;
use crate::text;
use crate::web::confirm::{self, Confirmation};
use crate::web::error::AppError;
use crate::web::extract::Form;
use crate::web::session::Ctx;
use crate::web::view::Layout;

/// At most this many sheets in one batch: a town has a few dozen units, and a confirmation
/// page longer than this would not be read.
pub const MOST: usize = 200;

/// The prefix of a ticked sheet's field: `sheet_{unit id}` = the version the page showed.
pub const FIELD: &str = "sheet_";

/// A ticked sheet: the unit, and the sheet version the page showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticked {
    pub unit_id: i64,
    pub version: i64,
}

/// Reads the ticked sheets out of a form's fields, in unit-id order, ignoring every other
/// field. Errors (Vietnamese): nothing ticked, too many, or a value that is not a number.
pub fn ticked(fields: &HashMap<String, String>) -> Result<Vec<Ticked>, String> {
    let mut out = Vec::new();
    for (name, value) in fields {
        let Some(id) = name.strip_prefix(FIELD) else {
            continue;
        };
        match (id.parse::<i64>(), value.trim().parse::<i64>()) {
            (Ok(unit_id), Ok(version)) if unit_id > 0 => out.push(Ticked { unit_id, version }),
            _ => return Err("Danh sách bảng đã chọn không đúng; hãy tải lại trang.".into()),
        }
    }
    if out.is_empty() {
        return Err("Hãy đánh dấu ít nhất một bảng số liệu đang chờ duyệt.".into());
    }
    if out.len() > MOST {
        return Err(format!("Mỗi lần duyệt được nhiều nhất {MOST} bảng."));
    }
    out.sort_by_key(|t| t.unit_id);
    Ok(out)
}

/// One ticked sheet as the confirmation page judged it.
struct Judged {
    ticked: Ticked,
    unit_name: String,
    /// `None` when it will be approved; otherwise why it is passed over.
    skip: Option<String>,
}

async fn judge(st: &AppState, ctx: &Ctx, year: i64, t: Ticked) -> Result<Judged, AppError> {
    let mut c = st.db.conn().await?;
    let Some(unit) = crate::units::store::by_id(&mut c, t.unit_id).await? else {
        return Err(AppError::NotFound);
    };
    if !may_review(&ctx.user, &unit.path) {
        return Err(AppError::Forbidden);
    }
    let sheet = store::sheet(&mut c, unit.id, year).await?;
    let skip = match &sheet {
        None => Some("đơn vị chưa nhập số liệu".to_string()),
        Some(s) if s.status() != SheetStatus::Submitted => {
            Some(format!("đang ở trạng thái «{}»", s.status().label()))
        }
        Some(s) if s.version != t.version => {
            Some(store::MOVED_ELSEWHERE.trim_end_matches('.').to_lowercase())
        }
        Some(s) => {
            let hands = store::hands_on(&mut c, s.id).await?;
            super::may_approve_as(ctx.user.id, &hands)
                .err()
                .map(|_| "bạn đã nhập hoặc gửi bảng này nên không tự duyệt được".to_string())
        }
    };
    Ok(Judged {
        ticked: t,
        unit_name: unit.name,
        skip,
    })
}

/// `POST /so-lieu/duyet-nhieu`: without `xac_nhan=co`, the confirmation page; with it, each
/// sheet the page listed is approved and locked in its own transaction, and the office is told
/// how many were and which were not.
pub async fn approve_selected(
    State(st): State<AppState>,
    ctx: Ctx,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let year = fields
        .get("nam")
        .and_then(|y| text::parse_year(y))
        .ok_or_else(|| AppError::BadRequest("Thiếu năm số liệu; hãy tải lại trang.".into()))?;
    let root = fields.get("don_vi").cloned().unwrap_or_default();
    let back = format!("/so-lieu?nam={year}&don_vi={root}&trang_thai=cho-duyet");
    let chosen = ticked(&fields).map_err(AppError::BadRequest)?;
    let confirmed = fields.get(confirm::FIELD).map(String::as_str) == Some(confirm::YES);
    if !confirmed {
        let mut judged = Vec::new();
        for t in chosen {
            judged.push(judge(&st, &ctx, year, t).await?);
        }
        let to_approve: Vec<&Judged> = judged.iter().filter(|j| j.skip.is_none()).collect();
        let mut consequences = vec![format!(
            "Sẽ duyệt và khóa số liệu năm {year} của {} đơn vị: {}.",
            to_approve.len(),
            to_approve
                .iter()
                .map(|j| j.unit_name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )];
        if to_approve.is_empty() {
            // Nothing to confirm: say why for each, with no button that would do nothing.
            let reasons: Vec<String> = judged
                .iter()
                .filter_map(|j| j.skip.as_ref().map(|why| format!("{}: {why}", j.unit_name)))
                .collect();
            return Err(AppError::Conflict(format!(
                "Không có bảng nào trong số đã chọn duyệt được — {}.",
                reasons.join("; ")
            )));
        }
        consequences.extend(judged.iter().filter_map(|j| {
            j.skip
                .as_ref()
                .map(|why| format!("Không duyệt {}: {why}.", j.unit_name))
        }));
        consequences.push("Các đơn vị được duyệt không sửa được số liệu nữa; muốn sửa, cơ quan duyệt phải mở lại và ghi lý do. Mỗi bảng được duyệt riêng và ghi riêng vào nhật ký.".into());
        let mut hidden = vec![
            ("nam".to_string(), year.to_string()),
            ("don_vi".into(), root),
        ];
        hidden.extend(to_approve.iter().map(|j| {
            (
                format!("{FIELD}{}", j.ticked.unit_id),
                j.ticked.version.to_string(),
            )
        }));
        let c = Confirmation {
            heading: format!("Duyệt và khóa {} bảng số liệu năm {year}", to_approve.len()),
            consequences,
            action: "/so-lieu/duyet-nhieu".into(),
            hidden,
            button: format!("Xác nhận duyệt {} bảng", to_approve.len()),
            back: back.clone(),
        };
        let layout = Layout::new(&ctx, "figures", "Xác nhận duyệt nhiều bảng")
            .crumb("Số liệu", back.clone());
        return confirm::page(layout, c).map(IntoResponse::into_response);
    }
    // A sheet outside the user's reach was never offered: refuse the whole request before
    // anything moves (each move checks again inside its own transaction).
    let mut c = st.db.conn().await?;
    for t in &chosen {
        let unit = crate::units::store::by_id(&mut c, t.unit_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !may_review(&ctx.user, &unit.path) {
            return Err(AppError::Forbidden);
        }
    }
    drop(c);
    let (mut done, mut refused) = (0, Vec::new());
    for t in chosen {
        match move_sheet(&st, &ctx, t.unit_id, year, t.version, Action::Approve, "").await {
            Ok(_) => done += 1,
            Err(AppError::Internal(e)) => return Err(AppError::Internal(e)),
            Err(e) => {
                let mut c = st.db.conn().await?;
                let name = crate::units::store::by_id(&mut c, t.unit_id)
                    .await?
                    .map_or_else(|| format!("đơn vị mã {}", t.unit_id), |u| u.name);
                refused.push(format!("{name} ({})", e.to_string().trim_end_matches('.')));
            }
        }
    }
    let mut message = format!("Đã duyệt và khóa {done} bảng số liệu năm {year}.");
    if !refused.is_empty() {
        message.push_str(&format!(" Không duyệt được: {}.", refused.join("; ")));
    }
    ctx.flash(&st, &message).await?;
    Ok(Redirect::to(&back).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn ticked_sheets_are_read_in_unit_order_and_other_fields_ignored() {
        let t = ticked(&form(&[
            ("nam", "2024"),
            ("sheet_9", "3"),
            ("csrf", "x"),
            ("sheet_4", "1"),
        ]))
        .unwrap();
        assert_eq!(
            t,
            vec![
                Ticked {
                    unit_id: 4,
                    version: 1
                },
                Ticked {
                    unit_id: 9,
                    version: 3
                }
            ]
        );
    }

    #[test]
    fn nothing_ticked_or_a_broken_value_is_refused_in_vietnamese() {
        assert!(
            ticked(&form(&[("nam", "2024")]))
                .unwrap_err()
                .contains("đánh dấu")
        );
        assert!(ticked(&form(&[("sheet_x", "1")])).is_err());
        assert!(ticked(&form(&[("sheet_4", "abc")])).is_err());
        assert!(ticked(&form(&[("sheet_-4", "1")])).is_err());
    }
}
