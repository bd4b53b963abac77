//! The built-in catalogue: every target of the plan's section II (and II.2) with the raw
//! figures they need. Loaded once, on start, after the units and the movement.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{Indicator, Target, store};
use crate::audit::{self, Actor};
use crate::db::Db;
use crate::movements;
use crate::units;

const SEED_KEY: &str = "builtin_indicators_v1";
pub const MOVEMENT: &str = "HL-NTM-DTVM-2022";

const LOCALITIES: &[&str] = &["ward", "commune"];
const WARDS: &[&str] = &["ward"];
const TOWN: &[&str] = &["town"];

/// (code, name, measure, label, direction, aggregation, weight or formula, min, max,
/// at most, jump %, owner, computed from, kinds)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<f64>,
    Option<f64>,
    &'static str,
    Option<f64>,
    &'static str,
    &'static str,
    &'static [&'static str],
);

#[rustfmt::skip]
const CATALOGUE: &[Row] = &[
    ("DAN_SO", "Dân số", "count", "người", "higher", "sum", "", Some(0.0), None, "", Some(10.0), "HL-NV", "", LOCALITIES),
    ("SO_HO", "Số hộ gia đình", "count", "hộ", "higher", "sum", "", Some(0.0), None, "", Some(10.0), "HL-LDTBXH", "", LOCALITIES),
    ("GTSX", "Tổng giá trị sản xuất", "vnd", "tỷ đ", "higher", "sum", "", Some(0.0), None, "", Some(30.0), "HL-KT", "", LOCALITIES),
    ("THU_NHAP", "Thu nhập bình quân đầu người", "vnd", "triệu đ/người", "higher", "weighted", "DAN_SO", Some(0.0), Some(1000.0), "", Some(30.0), "HL-KT", "", LOCALITIES),
    ("BHYT", "Tỷ lệ người dân tham gia bảo hiểm y tế", "percent", "", "higher", "weighted", "DAN_SO", Some(0.0), Some(100.0), "", Some(10.0), "HL-LDTBXH", "", LOCALITIES),
    ("HO_NGHEO", "Số hộ nghèo", "count", "hộ", "lower", "sum", "", Some(0.0), None, "SO_HO", Some(50.0), "HL-LDTBXH", "", LOCALITIES),
    ("HO_NGHEO_TN", "Số hộ nghèo về thu nhập", "count", "hộ", "lower", "sum", "", Some(0.0), None, "HO_NGHEO", None, "HL-LDTBXH", "", LOCALITIES),
    ("HO_NGHEO_TL", "Tỷ lệ hộ nghèo", "percent", "", "lower", "formula", "HO_NGHEO / SO_HO * 100", None, None, "", None, "HL-LDTBXH", "", LOCALITIES),
    ("RAC", "Tỷ lệ chất thải rắn sinh hoạt được thu gom và xử lý đúng quy định", "percent", "", "higher", "weighted", "SO_HO", Some(0.0), Some(100.0), "", Some(10.0), "HL-KT", "", LOCALITIES),
    ("HO_NUOC_SACH", "Số hộ dân được sử dụng nước máy tập trung", "count", "hộ", "higher", "sum", "", Some(0.0), None, "SO_HO", Some(20.0), "HL-KT", "", LOCALITIES),
    ("NUOC_SACH_TL", "Tỷ lệ hộ dân được sử dụng nước máy tập trung", "percent", "", "higher", "formula", "HO_NUOC_SACH / SO_HO * 100", None, None, "", None, "HL-KT", "", LOCALITIES),
    ("DTVM_DAT", "Phường đạt chuẩn phường đô thị văn minh", "yesno", "", "higher", "share", "", Some(0.0), Some(1.0), "", None, "HL-VPNTM", "criteria", WARDS),
    ("TP_TONG", "Số tuyến phố", "count", "tuyến", "higher", "sum", "", Some(0.0), None, "", Some(30.0), "HL-VPNTM", "", WARDS),
    ("TP_VM", "Số tuyến phố đạt chuẩn đô thị văn minh", "count", "tuyến", "higher", "sum", "", Some(0.0), None, "TP_TONG", None, "HL-VPNTM", "criteria", WARDS),
    ("TP_VM_TL", "Tỷ lệ tuyến phố đạt chuẩn đô thị văn minh", "percent", "", "higher", "formula", "TP_VM / TP_TONG * 100", None, None, "", None, "HL-VPNTM", "", WARDS),
    ("OCOP_3SAO", "Sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao cấp tỉnh trở lên trong năm", "count", "sản phẩm", "higher", "sum", "", Some(0.0), Some(50.0), "", None, "HL-KT", "ocop", LOCALITIES),
    ("NO_XDCB", "Nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới, đô thị văn minh", "vnd", "triệu đ", "lower", "sum", "", Some(0.0), None, "", None, "HL-KT", "works", LOCALITIES),
    ("DI_TICH_TL", "Tỷ lệ di sản văn hóa – lịch sử cấp tỉnh được bảo tồn và phát huy hiệu quả", "percent", "", "higher", "weighted", "", Some(0.0), Some(100.0), "", None, "HL-VHTT", "", TOWN),
    ("DVC_TL", "Tỷ lệ dịch vụ công trực tuyến mức độ 3, mức độ 4 được triển khai", "percent", "", "higher", "weighted", "", Some(0.0), Some(100.0), "", None, "HL-VHTT", "", TOWN),
    ("HS_TT_TL", "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận và xử lý qua dịch vụ công trực tuyến mức độ 3, mức độ 4", "percent", "", "higher", "weighted", "", Some(0.0), Some(100.0), "", Some(50.0), "HL-VHTT", "", TOWN),
];

/// (indicator, scope, year (None: end of period), kind, comparator, value, base year, the plan's words)
type TargetRow = (
    &'static str,
    &'static str,
    Option<i64>,
    &'static str,
    &'static str,
    f64,
    Option<i64>,
    &'static str,
);

#[rustfmt::skip]
const TARGETS: &[TargetRow] = &[
    ("GTSX", "town", None, "growth", "", 13.0, Some(2022), "Tốc độ tăng tổng giá trị sản xuất bình quân đạt 13 %/năm"),
    ("THU_NHAP", "town", None, "level", "gt", 90.0, None, "Thu nhập bình quân đầu người đến năm 2025 đạt trên 90 triệu đồng/người/năm"),
    ("THU_NHAP", "each", None, "level", "gt", 90.0, None, "Thu nhập bình quân đầu người của phường, xã đến năm 2025 đạt trên 90 triệu đồng/người/năm"),
    ("DI_TICH_TL", "town", None, "level", "ge", 100.0, None, "100 % di sản văn hóa – lịch sử cấp tỉnh được bảo tồn và phát huy hiệu quả"),
    ("BHYT", "town", None, "level", "gt", 95.0, None, "Tỷ lệ người dân tham gia bảo hiểm y tế đạt trên 95 %"),
    ("BHYT", "each", None, "level", "gt", 95.0, None, "Tỷ lệ người dân của phường, xã tham gia bảo hiểm y tế đạt trên 95 %"),
    ("HO_NGHEO_TL", "town", None, "fall", "", 1.6, Some(2022), "Bình quân mỗi năm tỷ lệ hộ nghèo giảm 1,6 %/năm"),
    ("HO_NGHEO_TL", "each", None, "fall", "", 1.6, Some(2022), "Bình quân mỗi năm tỷ lệ hộ nghèo của phường, xã giảm 1,6 %/năm"),
    ("HO_NGHEO_TN", "town", None, "level", "le", 0.0, None, "Đến năm 2025 không còn hộ nghèo về thu nhập"),
    ("RAC", "town", None, "level", "gt", 99.0, None, "Chất thải rắn sinh hoạt trên địa bàn được thu gom và xử lý đúng quy định đạt trên 99 %"),
    ("NUOC_SACH_TL", "town", None, "level", "ge", 100.0, None, "Tỷ lệ hộ dân được sử dụng nước máy tập trung đạt 100 %"),
    ("DTVM_DAT", "town", None, "level", "ge", 100.0, None, "100 % các phường đạt chuẩn phường đô thị văn minh"),
    ("TP_VM_TL", "town", None, "level", "gt", 70.0, None, "Tỷ lệ tuyến phố đạt chuẩn đô thị văn minh trên 70 %"),
    ("DVC_TL", "town", None, "level", "ge", 100.0, None, "Triển khai 100 % dịch vụ công trực tuyến mức độ 3, mức độ 4"),
    ("HS_TT_TL", "town", None, "level", "gt", 60.0, None, "Trên 60 % hồ sơ thủ tục hành chính được tiếp nhận và xử lý qua dịch vụ công trực tuyến mức độ 3, mức độ 4"),
    ("OCOP_3SAO", "town", Some(2022), "level", "ge", 1.0, None, "Mỗi năm có từ 1–2 sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao cấp tỉnh trở lên (năm 2022)"),
    ("OCOP_3SAO", "town", Some(2023), "level", "ge", 1.0, None, "Mỗi năm có từ 1–2 sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao cấp tỉnh trở lên (năm 2023)"),
    ("OCOP_3SAO", "town", Some(2024), "level", "ge", 1.0, None, "Mỗi năm có từ 1–2 sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao cấp tỉnh trở lên (năm 2024)"),
    ("OCOP_3SAO", "town", Some(2025), "level", "ge", 1.0, None, "Mỗi năm có từ 1–2 sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao cấp tỉnh trở lên (năm 2025)"),
    ("NO_XDCB", "town", None, "level", "le", 0.0, None, "Không nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới, đô thị văn minh"),
];

/// The built-in name of the indicator `code` (what `wording` brings older databases to).
pub fn builtin_name(code: &str) -> Option<&'static str> {
    CATALOGUE.iter().find(|r| r.0 == code).map(|r| r.1)
}

/// The built-in labels of the targets on the indicator `code`.
pub fn builtin_target_labels(code: &str) -> Vec<&'static str> {
    TARGETS
        .iter()
        .filter(|r| r.0 == code)
        .map(|r| r.7)
        .collect()
}

/// The decimals a built-in figure keeps (migration 0004 gives existing catalogues the same):
/// production value in tỷ đ to 10 triệu đ, construction debt in triệu đ to 1.000 đ (case 11's
/// «0.125»), everything else by its measure (counts none, percentages and income one).
fn decimals_of(code: &str, measure: &str, label: &str) -> i64 {
    match code {
        "GTSX" => 2,
        "NO_XDCB" => 3,
        _ => super::Measure::from_code(measure).map_or(1, |m| m.default_decimals(label)),
    }
}

/// Loads the catalogue and the plan's targets unless they are there already.
pub async fn load_builtin(db: &Db, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    if units::store::meta(&mut tx, SEED_KEY).await?.is_some() {
        return Ok(false);
    }
    let movement = movements::store::by_code(&mut tx, MOVEMENT)
        .await?
        .ok_or_else(|| anyhow::anyhow!("movement {MOVEMENT} missing"))?;
    for (n, row) in CATALOGUE.iter().enumerate() {
        let (
            code,
            name,
            measure,
            label,
            direction,
            aggregation,
            rule,
            min,
            max,
            at_most,
            jump,
            owner,
            computed,
            kinds,
        ) = *row;
        let owner = units::store::by_code(&mut tx, owner).await?.map(|u| u.id);
        let (weight_code, formula) = if aggregation == "formula" {
            ("", rule)
        } else {
            (rule, "")
        };
        let ind = Indicator {
            id: 0,
            code: code.into(),
            name: name.into(),
            measure: measure.into(),
            unit_label: label.into(),
            direction: direction.into(),
            aggregation: aggregation.into(),
            weight_code: weight_code.into(),
            formula: formula.into(),
            min_value: min,
            max_value: max,
            at_most_code: at_most.into(),
            jump_percent: jump,
            owner_unit_id: owner,
            computed_from: computed.into(),
            sort_order: n as i64 * 10,
            note: "Chỉ tiêu mục II của Kế hoạch (tháng 7/2022).".into(),
            decimals: decimals_of(code, measure, label),
        };
        store::insert(&mut tx, &ind, kinds, now).await?;
    }
    let town = units::store::by_code(&mut tx, "HL").await?.map(|u| u.id);
    for (n, row) in TARGETS.iter().enumerate() {
        let (code, scope, year, kind, comparator, value, base_year, label) = *row;
        let ind = store::by_code(&mut tx, code)
            .await?
            .ok_or_else(|| anyhow::anyhow!("target names unknown indicator {code}"))?;
        let t = Target {
            id: 0,
            movement_id: movement.id,
            indicator_id: ind.id,
            scope: scope.into(),
            unit_id: if scope == "town" { town } else { None },
            year,
            kind: kind.into(),
            comparator: comparator.into(),
            value,
            base_year,
            label: label.into(),
            sort_order: n as i64 * 10,
        };
        store::insert_target(&mut tx, &t, now).await?;
    }
    audit::store::record(
        &mut tx,
        now,
        &Actor::system(),
        "indicators.load",
        "movement",
        &movement.id.to_string(),
        &json!({"indicators": CATALOGUE.len(), "targets": TARGETS.len()}),
    )
    .await?;
    units::store::set_meta(&mut tx, SEED_KEY, &now.to_rfc3339()).await?;
    tx.commit().await?;
    Ok(true)
}
