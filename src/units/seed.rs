//! The built-in data: Hà Tĩnh, Hồng Lĩnh's 2022 units and bodies, the two wards that succeed
//! them on 01/07/2025, and the 2022–2025 movement. Loaded once, in one audited transaction.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

use super::{Unit, UnitKind, ValidUnit, store};
use crate::audit::{self, Actor};
use crate::db::{Db, DbConn};
use crate::movements::{self, Movement};

const SEED_KEY: &str = "builtin_data_v1";

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// (code, name, kind, parent code, valid from, valid to, note)
type Row = (
    &'static str,
    &'static str,
    UnitKind,
    Option<&'static str>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    &'static str,
);

fn rows() -> Vec<Row> {
    use UnitKind::*;
    let end = day(2025, 6, 30);
    let start = day(2025, 7, 1);
    let town_body = |code, name, kind| (code, name, kind, Some("HL"), None, end, "");
    vec![
        (
            "HT",
            "Tỉnh Hà Tĩnh",
            Province,
            None,
            None,
            None,
            "Mã tỉnh 42.",
        ),
        (
            "HL",
            "Thị xã Hồng Lĩnh",
            Town,
            Some("HT"),
            None,
            end,
            "Cấp huyện chấm dứt từ 01/07/2025.",
        ),
        (
            "HL-BH",
            "Phường Bắc Hồng",
            Ward,
            Some("HL"),
            None,
            end,
            "Mã ĐVHC 18115.",
        ),
        (
            "HL-NH",
            "Phường Nam Hồng",
            Ward,
            Some("HL"),
            None,
            end,
            "Mã ĐVHC 18118.",
        ),
        (
            "HL-TLG",
            "Phường Trung Lương",
            Ward,
            Some("HL"),
            None,
            end,
            "",
        ),
        ("HL-DT", "Phường Đức Thuận", Ward, Some("HL"), None, end, ""),
        ("HL-DL", "Phường Đậu Liêu", Ward, Some("HL"), None, end, ""),
        ("HL-TLO", "Xã Thuận Lộc", Commune, Some("HL"), None, end, ""),
        town_body("HL-NV", "Phòng Nội vụ", Department),
        town_body("HL-VPNTM", "Văn phòng Điều phối Nông thôn mới", Office),
        town_body("HL-KT", "Phòng Kinh tế", Department),
        town_body(
            "HL-LDTBXH",
            "Phòng Lao động - Thương binh và Xã hội",
            Department,
        ),
        town_body("HL-VHTT", "Phòng Văn hóa - Thông tin", Department),
        town_body("HL-TTVHTT", "Trung tâm Văn hóa - Truyền thông", Other),
        town_body("HL-MTTQ", "Ủy ban Mặt trận Tổ quốc thị xã", Front),
        town_body(
            "HL-DTN",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh thị xã",
            MassOrg,
        ),
        town_body("HL-PN", "Hội Liên hiệp Phụ nữ thị xã", MassOrg),
        town_body("HL-ND", "Hội Nông dân thị xã", MassOrg),
        town_body("HL-CCB", "Hội Cựu chiến binh thị xã", MassOrg),
        town_body("HL-LDLD", "Liên đoàn Lao động thị xã", MassOrg),
        (
            "NX",
            "Huyện Nghi Xuân",
            District,
            Some("HT"),
            None,
            end,
            "Chỉ ghi để nối xã Xuân Lam với đơn vị kế thừa.",
        ),
        ("NX-XL", "Xã Xuân Lam", Commune, Some("NX"), None, end, ""),
        (
            "BHL",
            "Phường Bắc Hồng Lĩnh",
            Ward,
            Some("HT"),
            start,
            None,
            "Thành lập theo Nghị quyết 1665/NQ-UBTVQH15.",
        ),
        (
            "NHL",
            "Phường Nam Hồng Lĩnh",
            Ward,
            Some("HT"),
            start,
            None,
            "Thành lập theo Nghị quyết 1665/NQ-UBTVQH15.",
        ),
    ]
}

/// (predecessor, successor)
const SUCCESSIONS: [(&str, &str); 7] = [
    ("HL-BH", "BHL"),
    ("HL-DT", "BHL"),
    ("HL-TLG", "BHL"),
    ("NX-XL", "BHL"),
    ("HL-NH", "NHL"),
    ("HL-DL", "NHL"),
    ("HL-TLO", "NHL"),
];

/// Inserts one built-in unit under `parent` and records it in the audit log as built-in.
/// Returns its id. Shared with the other built-in data that needs units (criteria owners).
#[allow(clippy::too_many_arguments)]
pub async fn insert_builtin(
    tx: &mut impl DbConn,
    code: &str,
    name: &str,
    kind: UnitKind,
    parent: Option<&Unit>,
    (valid_from, valid_to): (Option<NaiveDate>, Option<NaiveDate>),
    note: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let v = ValidUnit {
        code: code.into(),
        name: name.into(),
        kind,
        parent_code: parent.map(|p| p.code.clone()),
        valid_from,
        valid_to,
        note: note.into(),
    };
    let id = store::insert(tx, &v, parent, false, now).await?;
    audit::store::record(
        tx,
        now,
        &Actor::system(),
        "unit.create",
        "unit",
        &id.to_string(),
        &json!({"code": code, "name": name, "source": "built-in"}),
    )
    .await?;
    Ok(id)
}

/// Loads the built-in data unless it is there already. Returns whether it loaded now.
pub async fn load_builtin(db: &Db, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    if store::meta(&mut tx, SEED_KEY).await?.is_some() {
        return Ok(false);
    }
    let actor = Actor::system();
    for (code, name, kind, parent, valid_from, valid_to, note) in rows() {
        let parent = match parent {
            Some(p) => store::by_code(&mut tx, p).await?,
            None => None,
        };
        insert_builtin(
            &mut tx,
            code,
            name,
            kind,
            parent.as_ref(),
            (valid_from, valid_to),
            note,
            now,
        )
        .await?;
    }
    let effective = day(2025, 7, 1).ok_or_else(|| anyhow::anyhow!("bad date"))?;
    for (from, to) in SUCCESSIONS {
        let (Some(f), Some(t)) = (
            store::by_code(&mut tx, from).await?,
            store::by_code(&mut tx, to).await?,
        ) else {
            anyhow::bail!("built-in succession {from} → {to} names a missing unit");
        };
        store::add_succession(&mut tx, f.id, t.id, effective).await?;
        audit::store::record(
            &mut tx,
            now,
            &actor,
            "unit.succession",
            "unit",
            &t.id.to_string(),
            &json!({"from": from, "to": to}),
        )
        .await?;
    }
    let town = store::by_code(&mut tx, "HL")
        .await?
        .ok_or_else(|| anyhow::anyhow!("town missing"))?;
    let movement = Movement {
        id: 0,
        code: "HL-NTM-DTVM-2022".into(),
        title: "Toàn thị xã chung sức xây dựng xã đạt chuẩn Nông thôn mới, phường đạt chuẩn Đô thị văn minh".into(),
        kind: "thematic".into(),
        issuing_unit_id: town.id,
        document_number: "…/KH-UBND".into(),
        issued_on: day(2022, 7, 1).ok_or_else(|| anyhow::anyhow!("bad date"))?,
        period_from: 2022,
        period_to: 2025,
        summary: "Kế hoạch của UBND thị xã Hồng Lĩnh, tháng 7 năm 2022 (văn bản gốc để trống số và ngày ký).".into(),
    };
    let mid = movements::store::insert(&mut tx, &movement).await?;
    audit::store::record(
        &mut tx,
        now,
        &actor,
        "movement.create",
        "movement",
        &mid.to_string(),
        &json!({"code": movement.code}),
    )
    .await?;
    store::set_meta(&mut tx, SEED_KEY, &now.to_rfc3339()).await?;
    tx.commit().await?;
    Ok(true)
}
