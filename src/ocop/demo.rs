//! `thidua demo` for OCOP: three fictional products (marked demo) of the demo enterprises and
//! cooperatives with evaluations 2022–2025 — a renewal, a rise from 2 to 3 stars, and one
//! certificate ending within 90 days of December 2026.

use chrono::{DateTime, NaiveDate, Utc};

use super::store::{self, NewEvaluation, NewProduct};
use crate::db::DbConn;
use crate::units;

type Day = (i32, u32, u32);

/// (owner code, product, group, evaluations: date, parts in tenths, certificate date and level)
type Demo = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(Day, (i64, i64, i64), Option<(Day, &'static str)>)],
);

const PRODUCTS: [Demo; 3] = [
    (
        "DEMO-DN-01",
        "Chè xanh Hồng Lĩnh (mẫu)",
        "drink",
        &[
            (
                (2022, 5, 10),
                (300, 180, 250),
                Some(((2022, 6, 1), "province")),
            ),
            (
                (2025, 5, 20),
                (260, 150, 220),
                Some(((2025, 6, 1), "district")),
            ),
        ],
    ),
    (
        "DEMO-HTX-02",
        "Rau sạch Trung Lương (mẫu)",
        "food",
        &[(
            (2024, 1, 10),
            (200, 150, 250),
            Some(((2024, 1, 20), "district")),
        )],
    ),
    (
        "DEMO-DN-03",
        "Bánh gai Đậu Liêu (mẫu)",
        "food",
        &[
            ((2023, 3, 15), (150, 100, 200), None),
            (
                (2025, 8, 1),
                (220, 140, 200),
                Some(((2025, 8, 15), "province")),
            ),
        ],
    ),
];

fn day((y, m, d): Day) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Writes the demo products; returns how many.
pub async fn load(tx: &mut impl DbConn, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let maxima = super::builtin_maxima();
    let mut n = 0;
    for (owner, name, group, evaluations) in PRODUCTS {
        let Some(o) = units::store::by_code(tx, owner).await? else {
            continue;
        };
        let id = store::insert_product(
            tx,
            &NewProduct {
                name,
                group,
                owner_type: "unit",
                owner_id: o.id,
                unit_id: o.parent_id.unwrap_or(o.id),
                is_demo: true,
            },
            None,
            now,
        )
        .await?;
        for (on, (a, b, c), cert) in evaluations {
            let on = day(*on).ok_or_else(|| anyhow::anyhow!("demo date"))?;
            let max = super::maxima_on(&maxima, on).ok_or_else(|| anyhow::anyhow!("maxima"))?;
            let total = super::total(*a, *b, *c, &max).map_err(|e| anyhow::anyhow!(e))?;
            let certificate_date = cert.and_then(|(d, _)| day(d));
            store::insert_evaluation(
                tx,
                &NewEvaluation {
                    product_id: id,
                    evaluated_on: on,
                    evaluating_level: "district",
                    parts: (*a, *b, *c),
                    total,
                    stars: i64::from(super::stars(total)),
                    certifying_level: cert.map_or("", |(_, l)| l),
                    certifying_body: if cert.is_some() {
                        "UBND (dữ liệu mẫu)"
                    } else {
                        ""
                    },
                    certificate_number: if cert.is_some() { "OCOP-mẫu" } else { "" },
                    certificate_date,
                    valid_through: certificate_date.and_then(super::valid_through),
                },
                None,
                now,
            )
            .await?;
        }
        n += 1;
    }
    Ok(n)
}
