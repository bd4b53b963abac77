//! `thidua demo`: clearly marked demo data (every row has `is_demo`, codes start with `DEMO-`)
//! so the screens show a realistic town. Generated from a fixed seed: the same every time.

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::audit::{self, Actor};
use crate::blocs;
use crate::db::{Db, Tx};
use crate::subjects::{self, ValidPerson};
use crate::units::{self, UnitKind, ValidUnit};

const DEMO_KEY: &str = "demo_data_v1";
const FAMILY: [&str; 12] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Đậu",
];
const MIDDLE_M: [&str; 5] = ["Văn", "Đức", "Hữu", "Quang", "Minh"];
const MIDDLE_F: [&str; 5] = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng"];
const GIVEN_M: [&str; 12] = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khánh", "Long", "Nam", "Sơn", "Tuấn",
];
const GIVEN_F: [&str; 12] = [
    "Anh", "Ánh", "Chi", "Dung", "Hà", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Yến",
];

/// A small deterministic generator: demo data must not change between runs.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// Loads the demo data once. Returns how many households it wrote (0 when already loaded).
pub async fn load(db: &Db, now: DateTime<Utc>, households_wanted: usize) -> anyhow::Result<usize> {
    let mut tx = db.begin().await?;
    if units::store::meta(&mut tx, DEMO_KEY).await?.is_some() {
        return Ok(0);
    }
    let mut rng = Lcg(2022);
    let localities = ["HL-BH", "HL-NH", "HL-TLG", "HL-DT", "HL-DL", "HL-TLO"];
    let mut leaves = Vec::new();
    let mut unit_count = 0;
    for code in localities {
        let parent = units::store::by_code(&mut tx, code)
            .await?
            .ok_or_else(|| anyhow::anyhow!("{code} missing"))?;
        let commune = code == "HL-TLO";
        let (kind, label, n) = if commune {
            (UnitKind::Village, "Thôn", 6)
        } else {
            (UnitKind::ResidentialGroup, "Tổ dân phố", 8)
        };
        for i in 1..=n {
            let v = demo_unit(
                format!("DEMO-{code}-{i:02}"),
                format!("{label} {i}"),
                kind,
                code,
            );
            let id = units::store::insert(&mut tx, &v, Some(&parent), true, now).await?;
            leaves.push(id);
            unit_count += 1;
        }
        if !commune {
            for (i, street) in ["Trần Phú", "Nguyễn Ái Quốc", "Quang Trung"]
                .iter()
                .enumerate()
            {
                let v = demo_unit(
                    format!("DEMO-{code}-P{}", i + 1),
                    format!("Tuyến phố {street} ({})", parent.name),
                    UnitKind::Street,
                    code,
                );
                units::store::insert(&mut tx, &v, Some(&parent), true, now).await?;
                unit_count += 1;
            }
        }
    }
    let town = units::store::by_code(&mut tx, "HL")
        .await?
        .ok_or_else(|| anyhow::anyhow!("HL missing"))?;
    let bodies = [
        (
            "DEMO-DN-01",
            "Công ty TNHH Chè Hồng Lĩnh (mẫu)",
            UnitKind::Enterprise,
        ),
        (
            "DEMO-DN-02",
            "Công ty CP Xây dựng Bắc Hồng (mẫu)",
            UnitKind::Enterprise,
        ),
        (
            "DEMO-DN-03",
            "Công ty TNHH Thực phẩm Đậu Liêu (mẫu)",
            UnitKind::Enterprise,
        ),
        (
            "DEMO-HTX-01",
            "Hợp tác xã Nông nghiệp Thuận Lộc (mẫu)",
            UnitKind::Cooperative,
        ),
        (
            "DEMO-HTX-02",
            "Hợp tác xã Rau sạch Trung Lương (mẫu)",
            UnitKind::Cooperative,
        ),
    ];
    for (code, name, kind) in bodies {
        let v = demo_unit(code.into(), name.into(), kind, "HL");
        units::store::insert(&mut tx, &v, Some(&town), true, now).await?;
        unit_count += 1;
    }
    let mut persons = 0;
    for h in 0..households_wanted {
        let unit_id = leaves[h % leaves.len()];
        let head = person_name(&mut rng, true);
        let hid = subjects::store::insert_household(
            &mut tx,
            &head,
            &format!("Số {} (mẫu)", h + 1),
            unit_id,
            true,
            now,
        )
        .await?;
        let p = ValidPerson {
            full_name: head,
            birth_year: Some(1950 + rng.next(50) as i64),
            gender: "nam".into(),
            household_id: Some(hid),
            position: "Chủ hộ".into(),
            phone: String::new(),
            citizen_id: String::new(),
        };
        subjects::store::insert_person(&mut tx, &p, unit_id, true, now).await?;
        persons += 1;
        // Most households have a second adult, so lists and household pages look real.
        if rng.next(10) < 7 {
            let spouse = ValidPerson {
                full_name: person_name(&mut rng, false),
                birth_year: Some(1952 + rng.next(50) as i64),
                gender: "nu".into(),
                household_id: Some(hid),
                position: String::new(),
                phone: String::new(),
                citizen_id: String::new(),
            };
            subjects::store::insert_person(&mut tx, &spouse, unit_id, true, now).await?;
            persons += 1;
        }
    }
    let blocs = demo_blocs(&mut tx, town.id, now).await?;
    let sheets = crate::figures::demo::load(&mut tx, now).await?;
    let assessments = match crate::criteria::assess_store::first_admin(&mut tx).await? {
        Some(admin) => crate::criteria::demo::load(&mut tx, admin, now).await?,
        None => 0,
    };
    let products = crate::ocop::demo::load(&mut tx, now).await?;
    let (contributions, works, sponsorships) = crate::resources::demo::load(&mut tx, now).await?;
    let nominations = crate::awards::demo::load(&mut tx, now).await?;
    audit::store::record(
        &mut tx,
        now,
        &Actor::system(),
        "demo.load",
        "demo",
        DEMO_KEY,
        &json!({"units": unit_count, "households": households_wanted, "persons": persons, "blocs": blocs, "figure_sheets": sheets, "assessments": assessments, "ocop_products": products, "contributions": contributions, "works": works, "sponsorships": sponsorships, "nominations": nominations}),
    )
    .await?;
    units::store::set_meta(&mut tx, DEMO_KEY, &now.to_rfc3339()).await?;
    tx.commit().await?;
    Ok(households_wanted)
}

/// The town's blocs for 2022–2025: wards and commune, specialised bodies, the Front and mass
/// organisations, enterprises and cooperatives. Returns how many blocs it wrote.
async fn demo_blocs(tx: &mut Tx, town_id: i64, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let groups: [(&str, &[&str]); 4] = [
        (
            "Khối các phường, xã (mẫu)",
            &["HL-BH", "HL-NH", "HL-TLG", "HL-DT", "HL-DL", "HL-TLO"],
        ),
        (
            "Khối các cơ quan chuyên môn (mẫu)",
            &[
                "HL-NV",
                "HL-VPNTM",
                "HL-KT",
                "HL-LDTBXH",
                "HL-VHTT",
                "HL-TTVHTT",
            ],
        ),
        (
            "Khối Mặt trận và các đoàn thể (mẫu)",
            &["HL-MTTQ", "HL-DTN", "HL-PN", "HL-ND", "HL-CCB", "HL-LDLD"],
        ),
        (
            "Khối doanh nghiệp, hợp tác xã (mẫu)",
            &[
                "DEMO-DN-01",
                "DEMO-DN-02",
                "DEMO-DN-03",
                "DEMO-HTX-01",
                "DEMO-HTX-02",
            ],
        ),
    ];
    for (name, codes) in groups {
        let bloc = blocs::ValidBloc {
            name: name.into(),
            owner_code: "HL".into(),
            note: "Dữ liệu mẫu – không phải số liệu thật.".into(),
        };
        let id = blocs::store::insert(tx, &bloc, town_id, true, now).await?;
        for code in codes {
            let unit = units::store::by_code(tx, code)
                .await?
                .ok_or_else(|| anyhow::anyhow!("{code} missing"))?;
            for year in 2022..=2025 {
                blocs::store::add_member(tx, id, unit.id, year).await?;
            }
        }
    }
    Ok(groups.len())
}

fn demo_unit(code: String, name: String, kind: UnitKind, parent: &str) -> ValidUnit {
    ValidUnit {
        code,
        name,
        kind,
        parent_code: Some(parent.into()),
        valid_from: None,
        valid_to: None,
        note: "Dữ liệu mẫu – không phải số liệu thật.".into(),
    }
}

fn person_name(rng: &mut Lcg, male: bool) -> String {
    let family = FAMILY[rng.next(FAMILY.len())];
    let (middle, given) = if male {
        (
            MIDDLE_M[rng.next(MIDDLE_M.len())],
            GIVEN_M[rng.next(GIVEN_M.len())],
        )
    } else {
        (
            MIDDLE_F[rng.next(MIDDLE_F.len())],
            GIVEN_F[rng.next(GIVEN_F.len())],
        )
    };
    format!("{family} {middle} {given}")
}
