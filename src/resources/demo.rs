//! `thidua demo` for contributions, works and sponsorships (all marked demo): valuation prices
//! and gifts 2022–2025 in every ward and the commune — households' land, persons' cash and
//! labour, an enterprise's money — with a few yearly totals at or above the 80-million mark and
//! one just below; programme works with funding and year-end debts, one still owing; two
//! sponsorships with what was delivered.

use chrono::{DateTime, NaiveDate, Utc};

use super::store::{self, NewContribution};
use super::works_store::{self, NewWork};
use super::{Basis, Kind, lookup_store, sponsor_store, value};
use crate::db::DbConn;
use crate::units;

const LOCALITIES: [&str; 6] = ["HL-BH", "HL-NH", "HL-TLG", "HL-DT", "HL-DL", "HL-TLO"];

fn day(y: i64, m: u32, d: u32) -> anyhow::Result<NaiveDate> {
    i32::try_from(y)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
        .ok_or_else(|| anyhow::anyhow!("demo date"))
}

#[allow(clippy::too_many_arguments)]
fn gift(
    unit_id: i64,
    who: (&'static str, Option<i64>, &str),
    kind: Kind,
    quantity: i64,
    given_on: NaiveDate,
    price: Option<(i64, &str)>,
    work_id: Option<i64>,
) -> anyhow::Result<NewContribution> {
    let basis = price.map(|(p, s)| Basis::PricePerUnit {
        price: p,
        source: s.into(),
    });
    let v = value(kind, quantity, basis.as_ref()).map_err(|e| anyhow::anyhow!(e))?;
    Ok(NewContribution {
        contributor_type: who.0,
        contributor_id: who.1,
        outside_name: who.2.into(),
        unit_id,
        work_id,
        kind: kind.code(),
        quantity,
        given_on,
        year: i64::from(chrono::Datelike::year(&given_on)),
        basis: if kind == Kind::Cash { "cash" } else { "price" },
        stated_value: None,
        stated_source: String::new(),
        value: v,
        note: "Dữ liệu mẫu – không phải số liệu thật.".into(),
        is_demo: true,
    })
}

/// Writes the demo records; returns (contributions, works, sponsorships).
pub async fn load(
    tx: &mut impl DbConn,
    now: DateTime<Utc>,
) -> anyhow::Result<(usize, usize, usize)> {
    let source = "Quyết định đơn giá (dữ liệu mẫu)";
    let mut gifts = Vec::new();
    let mut works = 0;
    for (n, code) in LOCALITIES.iter().enumerate() {
        let unit = units::store::by_code(tx, code)
            .await?
            .ok_or_else(|| anyhow::anyhow!("{code} missing"))?;
        let (households, persons) = lookup_store::demo_subjects_in(tx, &unit.path, 12).await?;
        let n = i64::try_from(n)?;
        let work = works_store::insert(
            tx,
            &NewWork {
                unit_id: unit.id,
                name: &format!("Đường giao thông liên tổ, thôn số {} (mẫu)", n + 1),
                kind: "Giao thông",
                in_programme: true,
                started_on: Some(day(2022, 3, 1)?),
                finished_on: Some(day(2023, 10, 30)?),
                total_investment: 2_400_000_000 + n * 150_000_000,
                is_demo: true,
            },
            None,
            now,
        )
        .await?;
        works_store::set_funding(tx, work, "town", 1_200_000_000).await?;
        works_store::set_funding(tx, work, "ward", 400_000_000 + n * 50_000_000).await?;
        works_store::set_disbursed(tx, work, 2_000_000_000).await?;
        // Thuận Lộc still owes at the end of 2025; Đậu Liêu paid off in 2024; others owe nothing.
        let debts: &[(i64, i64)] = match *code {
            "HL-TLO" => &[(2023, 180_000_000), (2024, 120_000_000), (2025, 35_000_000)],
            "HL-DL" => &[(2023, 90_000_000), (2024, 0), (2025, 0)],
            _ => &[(2023, 0), (2024, 0), (2025, 0)],
        };
        for (year, amount) in debts {
            works_store::set_debt(tx, work, *year, *amount).await?;
        }
        works += 1;
        for year in 2022..=2025 {
            let land = 450_000 + 50_000 * (year - 2022) + 20_000 * n;
            for (kind, price) in [(Kind::Land, land), (Kind::Labour, 250_000)] {
                super::valuation_store::set_price(
                    tx,
                    unit.id,
                    year,
                    kind.code(),
                    price,
                    source,
                    None,
                    now,
                )
                .await?;
            }
            for (i, h) in households.iter().enumerate().take(4) {
                let i = i64::try_from(i)?;
                let m2 = 20 + 15 * ((i + year + n) % 7);
                let on = day(year, 3 + u32::try_from(i)?, 10)?;
                let w = (year == 2022).then_some(work);
                gifts.push(gift(
                    unit.id,
                    ("household", Some(*h), ""),
                    Kind::Land,
                    m2 * 100,
                    on,
                    Some((land, source)),
                    w,
                )?);
            }
            for (i, p) in persons.iter().enumerate().take(5) {
                let i = i64::try_from(i)?;
                let on = day(year, 8, 1 + u32::try_from(i)?)?;
                gifts.push(gift(
                    unit.id,
                    ("person", Some(*p), ""),
                    Kind::Cash,
                    (2_000_000 + i * 1_500_000) * 100,
                    on,
                    None,
                    None,
                )?);
                gifts.push(gift(
                    unit.id,
                    ("person", Some(*p), ""),
                    Kind::Labour,
                    (3 + i) * 100,
                    on,
                    Some((250_000, source)),
                    None,
                )?);
            }
            gifts.push(gift(
                unit.id,
                (
                    "outside",
                    None,
                    "Gia đình con em quê hương ở TP Hồ Chí Minh (mẫu)",
                ),
                Kind::Cash,
                15_000_000 * 100,
                day(year, 1, 20)?,
                None,
                None,
            )?);
        }
        // Around the mark: with their yearly gifts above (2.000.000 đ and 3 labour days; 3.500.000 đ
        // and 4 days), one person reaches exactly 80.000.000 đ in 2023, another is 1.000 đ short
        // in 2024; a household's family land passes it in 2022.
        if *code == "HL-BH"
            && let [first, second, ..] = persons.as_slice()
        {
            gifts.push(gift(
                unit.id,
                ("person", Some(*first), ""),
                Kind::Cash,
                77_250_000 * 100,
                day(2023, 11, 5)?,
                None,
                None,
            )?);
            gifts.push(gift(
                unit.id,
                ("person", Some(*second), ""),
                Kind::Cash,
                75_499_000 * 100,
                day(2024, 11, 5)?,
                None,
                None,
            )?);
        }
        if *code == "HL-NH"
            && let Some(h) = households.get(5)
        {
            let price = 450_000 + 20_000 * n;
            gifts.push(gift(
                unit.id,
                ("household", Some(*h), ""),
                Kind::Land,
                200 * 100,
                day(2022, 12, 1)?,
                Some((price, source)),
                None,
            )?);
        }
    }
    let dn = units::store::by_code(tx, "DEMO-DN-02").await?;
    let tlo = units::store::by_code(tx, "HL-TLO").await?;
    let kt = units::store::by_code(tx, "HL-KT").await?;
    let dl = units::store::by_code(tx, "HL-DL").await?;
    let mut sponsorships = 0;
    if let (Some(dn), Some(tlo), Some(kt), Some(dl)) = (dn, tlo, kt, dl) {
        gifts.push(gift(
            dl.id,
            ("unit", Some(dn.id), ""),
            Kind::Cash,
            150_000_000 * 100,
            day(2024, 9, 2)?,
            None,
            None,
        )?);
        for (sponsor, unit, amount, text, delivered) in [
            (
                kt.id,
                tlo.id,
                Some(200_000_000),
                "Hỗ trợ kinh phí, vật tư làm đường nội đồng",
                vec![
                    (day(2023, 6, 1)?, 60_000_000),
                    (day(2024, 6, 1)?, 50_000_000),
                ],
            ),
            (
                dn.id,
                dl.id,
                None,
                "Xây dựng nhà văn hóa tổ dân phố 2",
                vec![(day(2024, 12, 1)?, 0)],
            ),
        ] {
            let id = sponsor_store::insert(
                tx,
                &sponsor_store::NewSponsorship {
                    sponsor_id: sponsor,
                    unit_id: unit,
                    from_year: 2022,
                    to_year: 2025,
                    committed_amount: amount,
                    commitment: text,
                    is_demo: true,
                },
                None,
                now,
            )
            .await?;
            for (on, v) in delivered {
                let amount = (v > 0).then_some(v);
                sponsor_store::deliver(tx, id, on, amount, "Đã thực hiện (dữ liệu mẫu)", None, now)
                    .await?;
            }
            sponsorships += 1;
        }
    }
    store::insert_many(tx, &gifts, None, now).await?;
    Ok((gifts.len(), works, sponsorships))
}
