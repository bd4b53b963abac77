//! The audit log as a report workbook for the administrator (issue 8, item 10): the filtered
//! entries, newest first, under the title block, with the chain head they were read against.

use axum::extract::State;
use axum::response::Response;

use super::store;
use super::web::AuditQuery;
use crate::clock;
use crate::documents::report::{self, Cell, Shown, TitleBlock};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::extract::Query;
use crate::web::session::Ctx;
use crate::web::view::xlsx_response;

/// An export holds at most this many entries; a filter narrows a larger log.
const MAX_ROWS: i64 = 100_000;

/// `GET /quan-tri/nhat-ky/xuat.xlsx?hanh_dong=&doi_tuong=&ma=&nguoi=`: what the reader may
/// read of the log (`web::reader_scope`), each entry as its sentence beside the stored record.
pub async fn export(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let scope = super::web::reader_scope(&ctx)?;
    let admin = scope.is_none();
    let mut c = st.db.conn().await?;
    let actors = q.people(&mut c).await?;
    let filter = q.filter(scope, actors);
    let (entries, total) = store::list(&mut c, &filter, MAX_ROWS, 0).await?;
    let names = super::describe::gather(&mut c, &entries).await?;
    let head = store::head(&mut c).await?;
    let mut lines = vec![format!(
        "Đầu chuỗi khi xuất: mục số {}, mã băm {}",
        head.seq, head.hash
    )];
    if !admin {
        lines.push("Chỉ gồm các mục về đơn vị, cá nhân, hộ, khối và bảng số liệu trong phạm vi của người xuất.".into());
    }
    let filters: Vec<String> = [
        ("hành động", &q.hanh_dong),
        ("loại đối tượng", &q.doi_tuong),
        ("mã đối tượng", &q.ma),
        ("người thực hiện", &q.nguoi),
    ]
    .iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| format!("{k} «{}»", v.trim()))
    .collect();
    if !filters.is_empty() {
        lines.push(format!("Lọc theo: {}", filters.join(", ")));
    }
    lines.push(format!(
        "Số mục: {} (tối đa {MAX_ROWS} mục mới nhất)",
        entries.len().min(total as usize)
    ));
    let rows = entries
        .iter()
        .map(|e| {
            let mut row = vec![
                Cell::Number(e.seq as f64, Shown::Year),
                clock::local_time(e.at).into(),
                super::describe::describe(e, &names, admin).sentence.into(),
            ];
            // The stored record (codes, JSON) is the administrator's, as on the page.
            if admin {
                row.extend([
                    e.actor_name.clone().into(),
                    e.action.clone().into(),
                    e.object_kind.clone().into(),
                    e.object_id.clone().into(),
                    e.details.clone().into(),
                ]);
            }
            row
        })
        .collect();
    let mut columns = vec![
        ("Số".into(), 8.0),
        ("Thời gian".into(), 17.0),
        ("Nội dung".into(), 90.0),
    ];
    if admin {
        columns.extend([
            ("Tài khoản".into(), 16.0),
            ("Hành động".into(), 20.0),
            ("Loại đối tượng".into(), 16.0),
            ("Mã đối tượng".into(), 12.0),
            ("Chi tiết".into(), 80.0),
        ]);
    }
    let sheet = report::Sheet {
        name: "Nhật ký".into(),
        columns,
        rows,
    };
    let title = TitleBlock {
        title: "Nhật ký hệ thống".into(),
        lines,
        exported_at: clock::local_time(st.clock.now()),
        exported_by: ctx.user.full_name.clone(),
    };
    let bytes = report::write(&title, &[sheet]).map_err(|e| AppError::Internal(e.into()))?;
    Ok(xlsx_response(bytes, "nhat-ky.xlsx"))
}
