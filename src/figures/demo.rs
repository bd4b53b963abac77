//! Demo figures for `thidua demo`: plausible 2022–2025 section II figures for the six wards and
//! communes and the town, every sheet marked demo. Most are approved; Đậu Liêu's 2025 sheet is
//! only submitted, so the dashboard shows how a missing unit is reported.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::{Action, SheetStatus, store};
use crate::db::Tx;
use crate::indicators;
use crate::units;

const YEARS: std::ops::RangeInclusive<i64> = 2022..=2025;

/// (code, population 2022, income 2022, poor-household rate 2022, first year meeting the
/// civilised-urban standard (wards only), streets)
type Locality = (&'static str, f64, f64, f64, Option<i64>, f64);
/// A sheet to write: unit code, year, figures by indicator code.
type Planned = (&'static str, i64, Vec<(&'static str, f64)>);

const LOCALITIES: [Locality; 6] = [
    ("HL-BH", 9_100.0, 69.5, 3.1, Some(2022), 14.0),
    ("HL-NH", 8_600.0, 68.0, 3.4, Some(2022), 12.0),
    ("HL-TLG", 6_100.0, 63.0, 4.6, Some(2023), 9.0),
    ("HL-DT", 7_400.0, 65.5, 4.0, Some(2024), 11.0),
    ("HL-DL", 5_600.0, 61.0, 5.2, Some(2025), 8.0),
    ("HL-TLO", 6_400.0, 58.5, 5.9, None, 0.0),
];

/// The figures of locality `n` (index into LOCALITIES) in `year`, by indicator code.
fn locality_figures(n: usize, year: i64) -> Vec<(&'static str, f64)> {
    let (_, pop0, income0, poor0, civilised_from, streets) = LOCALITIES[n];
    let t = (year - 2022) as f64;
    let population = (pop0 * 1.011_f64.powf(t)).round();
    let households = (population / 3.6).round();
    let poor_rate = (poor0 - (1.25 + 0.1 * n as f64) * t).max(0.3);
    let poor = (households * poor_rate / 100.0).round();
    let mut out = vec![
        ("DAN_SO", population),
        ("SO_HO", households),
        (
            "GTSX",
            (pop0 / 18.0 * (1.105 + 0.007 * n as f64).powf(t)).round(),
        ),
        (
            "THU_NHAP",
            ((income0 * (1.085 + 0.004 * n as f64).powf(t)) * 10.0).round() / 10.0,
        ),
        ("BHYT", (89.5 + n as f64 * 0.6 + 1.4 * t).min(99.0)),
        ("HO_NGHEO", poor),
        ("HO_NGHEO_TN", (poor * (0.25 - 0.08 * t)).max(0.0).round()),
        ("RAC", (96.0 + 0.2 * n as f64 + 0.9 * t).min(99.8)),
        (
            "HO_NUOC_SACH",
            (households * ((86.0 + 2.0 * n as f64 + 3.0 * t).min(100.0)) / 100.0).round(),
        ),
        (
            "OCOP_3SAO",
            if (n as i64 + year) % 4 == 0 { 1.0 } else { 0.0 },
        ),
        (
            "NO_XDCB",
            if year < 2024 && n % 2 == 1 {
                420.0 - 200.0 * t
            } else {
                0.0
            },
        ),
    ];
    if let Some(from) = civilised_from {
        let share = (0.45 + 0.12 * t).min(0.85);
        out.push(("DTVM_DAT", if year >= from { 1.0 } else { 0.0 }));
        out.push(("TP_TONG", streets));
        out.push(("TP_VM", (streets * share).round()));
    }
    out
}

fn town_figures(year: i64) -> Vec<(&'static str, f64)> {
    let t = (year - 2022) as usize;
    vec![
        ("DI_TICH_TL", 100.0),
        ("DVC_TL", [78.0, 88.0, 96.0, 100.0][t.min(3)]),
        ("HS_TT_TL", [34.0, 47.0, 58.0, 66.0][t.min(3)]),
    ]
}

/// When the demo's sheets were sent and approved: in the first days of the following January,
/// as a punctual unit would — except Thuận Lộc's 2023 sheet, sent after the 15 January
/// deadline, so the completeness page has a late sender to show. Never after `now`.
fn history(code: &str, year: i64, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let (sent, approved) = if code == "HL-TLO" && year == 2023 {
        (22, 29)
    } else {
        (8, 20)
    };
    let at = |day: u32| {
        chrono::NaiveDate::from_ymd_opt(year as i32 + 1, 1, day)
            .and_then(|d| d.and_hms_opt(2, 0, 0))
            .map_or(now, |t| t.and_utc().min(now))
    };
    (at(sent), at(approved))
}

/// Writes the demo figures. Returns how many sheets it wrote.
pub async fn load(tx: &mut Tx, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let codes: HashMap<String, indicators::Indicator> = indicators::store::all(tx)
        .await?
        .into_iter()
        .map(|i| (i.code.clone(), i))
        .collect();
    let mut sheets = 0;
    let mut plan: Vec<Planned> = Vec::new();
    for (n, (code, ..)) in LOCALITIES.iter().enumerate() {
        for year in YEARS {
            plan.push((code, year, locality_figures(n, year)));
        }
    }
    for year in YEARS {
        plan.push(("HL", year, town_figures(year)));
    }
    for (code, year, figures) in plan {
        let unit = units::store::by_code(tx, code)
            .await?
            .ok_or_else(|| anyhow::anyhow!("{code} missing"))?;
        let sheet = store::sheet_for_writing(tx, unit.id, year, now).await?;
        store::mark_demo(tx, sheet.id).await?;
        for (ind, v) in figures {
            let ind = codes
                .get(ind)
                .ok_or_else(|| anyhow::anyhow!("indicator {ind} missing"))?;
            // Stored at the indicator's declared decimals, as typed figures are.
            let v = ind.round(v);
            store::put_figure(tx, &sheet, ind.id, Some(v), "Số liệu mẫu", now).await?;
        }
        let last = if code == "HL-DL" && year == 2025 {
            SheetStatus::Submitted
        } else {
            SheetStatus::Approved
        };
        // Through the same transitions as the pages: draft → submitted (→ approved).
        let moved = |r: Result<store::Sheet, &'static str>| r.map_err(|e| anyhow::anyhow!(e));
        let sent = moved(store::apply(tx, &sheet, Action::Submit, now).await?)?;
        if last == SheetStatus::Approved {
            moved(store::apply(tx, &sent, Action::Approve, now).await?)?;
            super::approved_store::keep(tx, sheet.id).await?;
        }
        let by = (None, "Dữ liệu mẫu");
        let (sent_at, approved_at) = history(code, year, now);
        store::add_event(
            tx,
            sheet.id,
            "submit",
            "draft",
            "submitted",
            "",
            by,
            sent_at,
        )
        .await?;
        if last == SheetStatus::Approved {
            store::add_event(
                tx,
                sheet.id,
                "approve",
                "submitted",
                "approved",
                "",
                by,
                approved_at,
            )
            .await?;
        }
        sheets += 1;
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_sheets_were_sent_on_time_but_one() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-29T08:00:00+07:00")
            .unwrap()
            .to_utc();
        let on_time = |code, year| {
            let (sent, _) = history(code, year, now);
            crate::figures::timeliness(Some(crate::clock::local_date(sent)), year, now.date_naive())
        };
        assert_eq!(on_time("HL-DT", 2024), crate::figures::Timeliness::OnTime);
        assert_eq!(
            on_time("HL-TLO", 2023),
            crate::figures::Timeliness::SentLate
        );
    }

    #[test]
    fn demo_figures_pass_the_entry_checks_they_would_meet_in_the_form() {
        for n in 0..LOCALITIES.len() {
            for year in YEARS {
                let f: HashMap<&str, f64> = locality_figures(n, year).into_iter().collect();
                assert!(f["HO_NGHEO"] <= f["SO_HO"] && f["HO_NGHEO_TN"] <= f["HO_NGHEO"]);
                assert!(f["HO_NUOC_SACH"] <= f["SO_HO"]);
                assert!((0.0..=100.0).contains(&f["BHYT"]) && (0.0..=100.0).contains(&f["RAC"]));
                if let (Some(vm), Some(all)) = (f.get("TP_VM"), f.get("TP_TONG")) {
                    assert!(vm <= all);
                }
            }
        }
    }
}
