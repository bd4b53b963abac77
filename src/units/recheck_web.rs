//! Guards of the unit forms made again inside the write transaction (issue 7): what the form
//! checked on a pooled connection may have changed before the transaction began.

use super::{Unit, store};
use crate::auth::CurrentUser;
use crate::web::error::AppError;
use crate::web::view::FieldErrors;

/// The checks of `check_form` that depend on other rows, made again on the rows the write
/// transaction sees: the unit being edited (`this`) is still the user's to edit, the parent
/// still exists and may take the unit, and the move makes no cycle. The fresh parent and unit.
pub(super) async fn recheck_in_tx(
    tx: &mut crate::db::Tx,
    user: &CurrentUser,
    parent: Option<&Unit>,
    this: Option<i64>,
) -> Result<(Option<Unit>, Option<Unit>), AppError> {
    let moved = || {
        AppError::Conflict(
            "Đơn vị hoặc đơn vị cấp trên vừa được sửa ở nơi khác; hãy tải lại trang rồi làm lại."
                .into(),
        )
    };
    let this = match this {
        Some(id) => match store::by_id(tx, id).await? {
            Some(u) if user.can_edit(&u.path) => Some(u),
            Some(_) => return Err(AppError::Forbidden),
            None => return Err(AppError::NotFound),
        },
        None => None,
    };
    let parent = match parent {
        Some(p) => {
            let fresh = store::by_id(tx, p.id).await?.ok_or_else(moved)?;
            let keeps_parent = this.as_ref().is_some_and(|t| t.parent_id == Some(fresh.id));
            if !(keeps_parent || user.can_edit(&fresh.path))
                || this
                    .as_ref()
                    .is_some_and(|t| fresh.path.starts_with(&t.path))
            {
                return Err(moved());
            }
            Some(fresh)
        }
        None => None,
    };
    Ok((parent, this))
}

/// The form message when the database refused a code another request took first.
pub(super) fn code_taken(code: &str) -> FieldErrors {
    let mut errors = FieldErrors::default();
    errors.add(
        "code",
        format!("Mã {code} vừa được dùng cho một đơn vị khác; hãy chọn mã khác."),
    );
    errors
}
