//! What the register adds to a unit's profile page: its people and households, counted
//! through the subtree. Kept out of `mod.rs`, whose rules read no database.

use super::{ProfileSection, store};
use crate::db::DbConn;
use crate::text;
use crate::units::Unit;

/// The sections of a unit's profile that the register provides.
pub async fn unit_sections(
    c: &mut impl DbConn,
    unit: &Unit,
) -> Result<Vec<ProfileSection>, sqlx::Error> {
    let persons = store::count_persons_in(c, &unit.path).await?;
    let households = store::count_households_in(c, &unit.path).await?;
    Ok(vec![ProfileSection {
        title: "Cá nhân và hộ gia đình".into(),
        rows: vec![
            (
                "Cá nhân (kể cả đơn vị trực thuộc)".into(),
                text::group_thousands(persons),
                format!("/ca-nhan?don_vi={}", unit.id),
            ),
            (
                "Hộ gia đình (kể cả đơn vị trực thuộc)".into(),
                text::group_thousands(households),
                format!("/ho-gia-dinh?don_vi={}", unit.id),
            ),
        ],
        empty: String::new(),
    }])
}
