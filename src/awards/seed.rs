//! The built-in award rules, from `../shared/reference/vietnam-rules.md` ("Base salary",
//! "Coefficients", "Who awards"): written once into an empty database, then data that an
//! administrator edits with its legal basis. Open facts are written empty ("chờ xác nhận");
//! likely ones are written and marked "cần xác nhận".

use chrono::{DateTime, NaiveDate, Utc};

use super::money::{BaseSalary, Coefficient, Rate};
use super::{CoefficientRow, Form, Level, SubjectKind};
use crate::db::Db;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// The base-salary table (Decrees 38/2019, 24/2023, 73/2024; 161/2026 to confirm).
pub fn bases() -> Vec<BaseSalary> {
    [
        (d(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP", true),
        (d(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP", true),
        (d(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP", true),
        (
            d(2026, 7, 1),
            2_530_000,
            "Nghị định 161/2026/NĐ-CP (15/05/2026) — mới thấy qua nguồn thứ cấp",
            false,
        ),
    ]
    .into_iter()
    .map(|(from, amount, basis, confirmed)| BaseSalary {
        from,
        amount,
        basis: basis.into(),
        confirmed,
    })
    .collect()
}

use SubjectKind::{Collective as C, Household as H, Individual as I};

/// The forms and titles of the plan's awards (KH 7/2022 V; Law 06/2022/QH15; Decree 86/2023).
pub fn forms() -> Vec<Form> {
    let f =
        |code: &str, name: &str, kind: &str, subjects: &[SubjectKind], from, basis: &str| Form {
            code: code.into(),
            name: name.into(),
            kind: kind.into(),
            subjects: subjects.to_vec(),
            valid_from: from,
            valid_to: None,
            basis: basis.into(),
        };
    vec![
        f(
            "giay_khen",
            "Giấy khen của Chủ tịch UBND",
            "form",
            &[I, C, H],
            None,
            "Luật TĐKT 2022 Điều 74, 80",
        ),
        f(
            "bang_khen_tinh",
            "Bằng khen của Chủ tịch UBND tỉnh",
            "form",
            &[I, C, H],
            None,
            "Luật TĐKT 2022 Điều 72",
        ),
        f(
            "lao_dong_tien_tien",
            "Lao động tiên tiến",
            "title",
            &[I],
            None,
            "Luật TĐKT 2022 Điều 26",
        ),
        f(
            "chien_si_thi_dua_co_so",
            "Chiến sĩ thi đua cơ sở",
            "title",
            &[I],
            None,
            "Luật TĐKT 2022 Điều 24",
        ),
        f(
            "tap_the_lao_dong_tien_tien",
            "Tập thể lao động tiên tiến",
            "title",
            &[C],
            None,
            "Luật TĐKT 2022 Điều 28",
        ),
        f(
            "tap_the_lao_dong_xuat_sac",
            "Tập thể lao động xuất sắc",
            "title",
            &[C],
            None,
            "Luật TĐKT 2022 Điều 27",
        ),
        f(
            "gia_dinh_van_hoa",
            "Gia đình văn hóa",
            "title",
            &[H],
            Some(d(2024, 1, 30)),
            "Nghị định 86/2023/NĐ-CP",
        ),
        f(
            "thon_to_dan_pho_van_hoa",
            "Thôn, tổ dân phố văn hóa",
            "title",
            &[C],
            Some(d(2024, 1, 30)),
            "Nghị định 86/2023/NĐ-CP",
        ),
    ]
}

/// The legal periods coefficients are dated by.
const D91: (i32, u32, u32, Option<(i32, u32, u32)>) = (2018, 1, 1, Some((2023, 12, 31)));
const D98: (i32, u32, u32, Option<(i32, u32, u32)>) = (2024, 1, 1, Some((2025, 6, 30)));
const D152: (i32, u32, u32, Option<(i32, u32, u32)>) = (2025, 7, 1, None);

/// The coefficient table ("Coefficients" in the reference facts). `None` rates are open.
pub fn coefficients() -> Vec<CoefficientRow> {
    let base = |t: i64| Some(Rate::OfBase(Coefficient(t)));
    let of_ind = |t: i64| Some(Rate::OfIndividual(Coefficient(t)));
    type P = (i32, u32, u32, Option<(i32, u32, u32)>);
    let mut rows = Vec::new();
    let mut add = |form: &str, level: Level, subject, p: P, rate, basis: &str, confirmed| {
        rows.push(CoefficientRow {
            id: 0,
            form_code: form.into(),
            level,
            subject,
            valid_from: d(p.0, p.1, p.2),
            valid_to: p.3.map(|(y, m, x)| d(y, m, x)),
            rate,
            basis: basis.into(),
            confirmed,
        });
    };
    let (gk, bk) = ("giay_khen", "bang_khen_tinh");
    let n91 = "Nghị định 91/2017/NĐ-CP";
    let n98 = "Nghị định 98/2023/NĐ-CP";
    let n152 = "Nghị định 152/2025/NĐ-CP Điều 54";
    // Giấy khen of a town chairman or department head.
    add(gk, Level::District, I, D91, base(300), n91, true);
    add(gk, Level::District, C, D91, base(600), n91, true);
    add(
        gk,
        Level::District,
        H,
        D91,
        of_ind(1_000),
        "Nghị định 91/2017/NĐ-CP — hộ bằng mức cá nhân (theo thực tế chi trả)",
        false,
    );
    add(gk, Level::District, I, D98, base(300), n98, true);
    add(gk, Level::District, C, D98, base(600), n98, true);
    add(gk, Level::District, H, D98, of_ind(1_500), n98, false);
    // Giấy khen of a commune chairman: 91/2017 Art. 73; 98/2023 open.
    add(
        gk,
        Level::Commune,
        I,
        D91,
        base(150),
        "Nghị định 91/2017/NĐ-CP Điều 73",
        true,
    );
    add(
        gk,
        Level::Commune,
        C,
        D91,
        base(300),
        "Nghị định 91/2017/NĐ-CP Điều 73",
        true,
    );
    add(gk, Level::Commune, H, D91, None, n91, false);
    for s in [I, C, H] {
        add(gk, Level::Commune, s, D98, None, n98, false);
    }
    // From 01/07/2025 one table at every level.
    for level in [Level::District, Level::Commune] {
        add(gk, level, I, D152, base(300), n152, true);
        add(gk, level, C, D152, base(600), n152, true);
        add(gk, level, H, D152, of_ind(1_500), n152, true);
    }
    // Bằng khen of the provincial chairman.
    add(bk, Level::Province, I, D91, base(1_000), n91, true);
    add(bk, Level::Province, C, D91, base(2_000), n91, true);
    add(bk, Level::Province, H, D91, None, n91, false);
    add(bk, Level::Province, I, D98, base(1_500), n98, false);
    add(bk, Level::Province, C, D98, base(3_000), n98, false);
    add(bk, Level::Province, H, D98, of_ind(1_500), n98, false);
    add(bk, Level::Province, I, D152, base(1_500), n152, true);
    add(bk, Level::Province, C, D152, base(3_000), n152, true);
    add(bk, Level::Province, H, D152, of_ind(1_500), n152, true);
    // Titles (Decree 152/2025 Art. 50); earlier periods open. Granted at the town until
    // 30/06/2025, at the ward from 01/07/2025.
    let titles: [(&str, SubjectKind, Option<i64>); 6] = [
        ("lao_dong_tien_tien", I, Some(300)),
        ("chien_si_thi_dua_co_so", I, Some(1_000)),
        ("tap_the_lao_dong_tien_tien", C, Some(800)),
        ("tap_the_lao_dong_xuat_sac", C, Some(1_500)),
        ("thon_to_dan_pho_van_hoa", C, Some(1_500)),
        ("gia_dinh_van_hoa", H, None),
    ];
    let n50 = "Nghị định 152/2025/NĐ-CP Điều 50";
    for (form, s, t) in titles {
        add(form, Level::District, s, D91, None, n91, false);
        add(form, Level::District, s, D98, None, n98, false);
        add(
            form,
            Level::Commune,
            s,
            D152,
            t.and_then(&base),
            n50,
            t.is_some(),
        );
    }
    rows
}

/// Writes the built-in forms, coefficients and base salaries once (rows already there, edited
/// or not, are left as they are).
pub async fn load_builtin(db: &Db, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    if super::store::has_rules(&mut tx).await? {
        return Ok(());
    }
    for f in forms() {
        super::store::insert_form(&mut tx, &f).await?;
    }
    for r in coefficients() {
        super::store::insert_coefficient(&mut tx, &r, now).await?;
    }
    for b in bases() {
        super::store::insert_base(&mut tx, &b, now).await?;
    }
    tx.commit().await
}
