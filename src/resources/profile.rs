//! What OCOP, contributions, sponsorships and works add to the profile pages: a contributor's
//! gifts by year with the movement's mark, its OCOP products and sponsorships; a unit's
//! contributions received by kind and year, and its works.

use super::{Kind, sponsor_store, store, totals_store, works_store};
use crate::db::DbConn;
use crate::subjects::ProfileSection;
use crate::text;
use crate::units::Unit;

fn section(title: &str, rows: Vec<(String, String, String)>, empty: &str) -> ProfileSection {
    ProfileSection {
        title: title.into(),
        rows,
        empty: empty.into(),
    }
}

/// The sections of a contributor's profile: `kind` is "person", "household" or "unit".
/// `today` decides the reminder on OCOP certificates (ending within 90 days, or ended).
pub async fn contributor_sections(
    c: &mut impl DbConn,
    kind: &str,
    id: i64,
    today: chrono::NaiveDate,
) -> Result<Vec<ProfileSection>, sqlx::Error> {
    let mut years = Vec::new();
    for (year, count, total) in store::yearly_of(c, kind, id).await? {
        let mark = super::web::mark(c, year).await?;
        let marked = match &mark {
            Some((m, words)) if m.reached(total) => format!(" — đạt mức {words}"),
            Some(_) => String::new(),
            None => String::new(),
        };
        years.push((
            format!("Năm {year} ({count} khoản)"),
            format!("{}{marked}", text::money_vnd(total)),
            format!("/dong-gop?nam={year}"),
        ));
    }
    let mut out = vec![section(
        "Đóng góp theo năm",
        years,
        if kind == "household" {
            "Chưa ghi khoản đóng góp nào của hộ."
        } else {
            "Chưa ghi khoản đóng góp nào."
        },
    )];
    let products: Vec<(String, String, String)> = crate::ocop::store::products_of(c, kind, id)
        .await?
        .into_iter()
        .map(|p| {
            let standing = match (p.stars, p.valid_through) {
                (Some(s), Some(v)) => {
                    let reminder =
                        match crate::ocop::standing(v, today, crate::ocop::todo::WARN_DAYS) {
                            crate::ocop::Standing::Valid => String::new(),
                            crate::ocop::Standing::ExpiringIn(n) => {
                                format!(" — còn {n} ngày, cần đánh giá lại để gia hạn")
                            }
                            crate::ocop::Standing::Expired => " — đã hết hạn".into(),
                        };
                    format!("{s} sao, chứng nhận đến {}{reminder}", text::date_vn(v))
                }
                (Some(s), None) => format!("{s} sao (chưa chứng nhận)"),
                _ => "chưa chấm điểm".into(),
            };
            (p.name, standing, format!("/ocop/{}", p.id))
        })
        .collect();
    if !products.is_empty() {
        out.push(section("Sản phẩm OCOP", products, ""));
    }
    if kind == "unit" {
        let rows: Vec<(String, String, String)> = sponsor_store::of_unit(c, id)
            .await?
            .into_iter()
            .filter(|s| s.sponsor_id == id)
            .map(|s| {
                (
                    format!("Đỡ đầu {} ({}–{})", s.unit_name, s.from_year, s.to_year),
                    format!(
                        "đã thực hiện {} ({} cam kết)",
                        text::money_vnd(s.delivered),
                        super::sponsor_web::share(&s)
                    ),
                    format!("/do-dau/{}", s.id),
                )
            })
            .collect();
        if !rows.is_empty() {
            out.push(section("Đỡ đầu phường, xã", rows, ""));
        }
    }
    Ok(out)
}

/// The sections of a unit's page as a beneficiary: contributions received by year and kind,
/// who sponsors it, and its works.
pub async fn unit_sections(
    c: &mut impl DbConn,
    unit: &Unit,
) -> Result<Vec<ProfileSection>, sqlx::Error> {
    let mut received = Vec::new();
    for y in super::shown::year_rows(&totals_store::totals_by_kind(c, &unit.path).await?) {
        let parts: Vec<String> = Kind::ALL
            .iter()
            .zip(&y.by_kind)
            .filter(|(_, v)| **v > 0)
            .map(|(k, v)| format!("{} {}", k.label(), text::money_vnd(*v)))
            .collect();
        received.push((
            format!("Năm {}: {}", y.year, text::money_vnd(y.total)),
            parts.join("; "),
            format!("/dong-gop?don_vi={}&nam={}", unit.id, y.year),
        ));
    }
    let mut out = vec![section(
        "Huy động xã hội hóa (kể cả đơn vị trực thuộc)",
        received,
        "Chưa ghi khoản đóng góp nào cho đơn vị.",
    )];
    let sponsors: Vec<(String, String, String)> = sponsor_store::of_unit(c, unit.id)
        .await?
        .into_iter()
        .filter(|s| s.unit_id == unit.id)
        .map(|s| {
            (
                format!("{} ({}–{})", s.sponsor_name, s.from_year, s.to_year),
                s.commitment.clone(),
                format!("/do-dau/{}", s.id),
            )
        })
        .collect();
    if !sponsors.is_empty() {
        out.push(section("Được đỡ đầu", sponsors, ""));
    }
    let total = works_store::count_in(c, &unit.path).await?;
    if total > 0 {
        let mut rows: Vec<(String, String, String)> = works_store::works_in(c, &unit.path, 20, 0)
            .await?
            .into_iter()
            .map(|w| {
                let debt = match (w.last_debt, w.last_debt_year) {
                    (Some(d), Some(y)) => format!("nợ đọng cuối {y}: {}", text::money_vnd(d)),
                    _ => "chưa ghi nợ đọng".into(),
                };
                (w.name, debt, format!("/cong-trinh/{}", w.id))
            })
            .collect();
        if total > 20 {
            rows.push((
                format!("Tất cả {total} công trình"),
                String::new(),
                format!("/cong-trinh?don_vi={}", unit.id),
            ));
        }
        out.push(section("Công trình", rows, ""));
    }
    Ok(out)
}
