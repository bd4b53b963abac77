//! Who owns an OCOP product (QĐ 148/QĐ-TTg: an enterprise, cooperative, household or person),
//! as the product form names them.

use crate::web::error::AppError;
use crate::web::session::Ctx;

/// The owner chosen on the form, checked inside the writing transaction: an enterprise or
/// cooperative (`owner`, a unit id), or a household or person (`owner_code`) the user edits. Gives
/// (owner type, owner id, producing unit id).
pub async fn owner_of(
    tx: &mut impl crate::db::DbConn,
    ctx: &Ctx,
    owner: &str,
    owner_code: &str,
) -> Result<(&'static str, i64, i64), AppError> {
    use crate::resources::input::{ContributorRef, subject_code};
    let (kind, id, unit_id, path) = match subject_code(owner_code) {
        Some(ContributorRef::Household(id)) => {
            let (h, path) = crate::subjects::store::household(tx, id)
                .await?
                .ok_or_else(|| AppError::BadRequest(format!("Không có hộ gia đình HGD-{id}.")))?;
            ("household", id, h.unit_id, path)
        }
        Some(ContributorRef::Person(id)) => {
            let (p, path) = crate::subjects::store::person(tx, id)
                .await?
                .ok_or_else(|| AppError::BadRequest(format!("Không có cá nhân CN-{id}.")))?;
            ("person", id, p.unit_id, path)
        }
        _ if !owner_code.trim().is_empty() => {
            return Err(AppError::BadRequest(
                "Mã chủ thể là HGD-số (hộ gia đình) hoặc CN-số (cá nhân).".into(),
            ));
        }
        _ => {
            let owner_id: i64 = owner
                .trim()
                .parse()
                .map_err(|_| AppError::BadRequest("Hãy chọn chủ thể sản phẩm.".into()))?;
            let owner = crate::units::store::by_id(tx, owner_id)
                .await?
                .filter(|u| matches!(u.kind.as_str(), "enterprise" | "cooperative"))
                .ok_or_else(|| {
                    AppError::BadRequest("Chủ thể phải là doanh nghiệp hoặc hợp tác xã.".into())
                })?;
            (
                "unit",
                owner.id,
                owner.parent_id.unwrap_or(owner.id),
                owner.path,
            )
        }
    };
    if !ctx.user.can_see(&path) {
        return Err(AppError::BadRequest(
            "Không có chủ thể này trong phạm vi của anh/chị.".into(),
        ));
    }
    if !ctx.user.can_edit(&path) {
        return Err(AppError::Forbidden);
    }
    Ok((kind, id, unit_id))
}
