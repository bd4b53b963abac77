//! OCOP certificates ending within 90 days (or ended) as to-do items for whoever keeps the
//! product's unit or appraises it (the pattern of `crate::todo`).

use chrono::NaiveDate;

use super::{Standing, standing, store};
use crate::auth::CurrentUser;
use crate::db::DbConn;
use crate::todo::{Item, Urgency};

/// How many days before its end a certificate is announced.
pub const WARN_DAYS: i64 = 90;

/// The certificates of products in the user's scope that end within `WARN_DAYS` of `today`,
/// or ended in the last `WARN_DAYS` without a newer one.
pub async fn gather(
    c: &mut impl DbConn,
    user: &CurrentUser,
    today: NaiveDate,
) -> Result<Vec<Item>, sqlx::Error> {
    let mut out = Vec::new();
    let mut paths: Vec<&str> = user.grants.iter().map(|g| g.unit_path.as_str()).collect();
    paths.sort();
    paths.dedup_by(|b, a| b.starts_with(*a));
    for path in paths {
        for p in store::products_in(c, path, 500, 0).await? {
            let Some(end) = p.valid_through else {
                continue;
            };
            let (urgency, kind) = match standing(end, today, WARN_DAYS) {
                Standing::Valid => continue,
                Standing::ExpiringIn(_) => (Urgency::Coming, "Giấy chứng nhận OCOP sắp hết hạn"),
                Standing::Expired if (today - end).num_days() <= WARN_DAYS => {
                    (Urgency::Now, "Giấy chứng nhận OCOP đã hết hạn")
                }
                Standing::Expired => continue,
            };
            out.push(Item {
                urgency,
                kind: kind.into(),
                title: format!("{} – {}", p.name, p.owner_name),
                detail: format!("Hiệu lực đến {}", crate::text::date_vn(end)),
                link: format!("/ocop/{}", p.id),
                due: Some(end),
            });
        }
    }
    Ok(out)
}
