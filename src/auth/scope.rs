//! Scope checks that need the register: the rules themselves (`CurrentUser::can_see`,
//! `can_edit`) are pure, in `auth`; here a unit is loaded and judged by them, for every page
//! that shows a unit's things.

use super::CurrentUser;
use crate::state::AppState;
use crate::units::{Unit, store};
use crate::web::error::AppError;

/// Loads a unit the user may see. Units outside the user's scope answer 404, like units that
/// do not exist, so their existence is not revealed.
pub async fn visible_unit(st: &AppState, user: &CurrentUser, id: i64) -> Result<Unit, AppError> {
    let mut c = st.db.conn().await?;
    match store::by_id(&mut c, id).await? {
        Some(u) if user.can_see(&u.path) => Ok(u),
        _ => Err(AppError::NotFound),
    }
}
