//! The plan's own words (issue 8, item 14). The built-in catalogue first named indicators and
//! targets in its own shorthand ("nước sạch tập trung", "13 %/năm"); the plan of July 2022
//! (section II) says "nước máy tập trung", "Tốc độ tăng tổng giá trị sản xuất bình quân đạt
//! 13%/năm". New databases are seeded with the plan's words (`seed`); a database seeded
//! before is brought to them on start — only where a name still reads exactly as first
//! seeded, so a name an administrator has since edited is left as they wrote it.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::store;
use crate::audit::{self, Actor};
use crate::db::Db;

/// (indicator code, first built-in name, the plan's wording). Source: Kế hoạch tháng 7/2022,
/// mục II.1 and II.2.
pub const INDICATORS: &[(&str, &str, &str)] = &[
    ("GTSX", "Giá trị sản xuất", "Tổng giá trị sản xuất"),
    (
        "BHYT",
        "Tỷ lệ dân số tham gia bảo hiểm y tế",
        "Tỷ lệ người dân tham gia bảo hiểm y tế",
    ),
    (
        "RAC",
        "Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý",
        "Tỷ lệ chất thải rắn sinh hoạt được thu gom và xử lý đúng quy định",
    ),
    (
        "HO_NUOC_SACH",
        "Số hộ dùng nước sạch tập trung",
        "Số hộ dân được sử dụng nước máy tập trung",
    ),
    (
        "NUOC_SACH_TL",
        "Tỷ lệ hộ dùng nước sạch tập trung",
        "Tỷ lệ hộ dân được sử dụng nước máy tập trung",
    ),
    (
        "DTVM_DAT",
        "Phường đạt chuẩn đô thị văn minh",
        "Phường đạt chuẩn phường đô thị văn minh",
    ),
    (
        "TP_VM",
        "Số tuyến phố đạt chuẩn văn minh",
        "Số tuyến phố đạt chuẩn đô thị văn minh",
    ),
    (
        "TP_VM_TL",
        "Tỷ lệ tuyến phố đạt chuẩn văn minh",
        "Tỷ lệ tuyến phố đạt chuẩn đô thị văn minh",
    ),
    (
        "OCOP_3SAO",
        "Sản phẩm OCOP từ 3 sao được công nhận mới trong năm",
        "Sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao cấp tỉnh trở lên trong năm",
    ),
    (
        "NO_XDCB",
        "Nợ đọng xây dựng cơ bản",
        "Nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới, đô thị văn minh",
    ),
    (
        "DI_TICH_TL",
        "Tỷ lệ di tích cấp tỉnh được bảo tồn",
        "Tỷ lệ di sản văn hóa – lịch sử cấp tỉnh được bảo tồn và phát huy hiệu quả",
    ),
    (
        "DVC_TL",
        "Tỷ lệ dịch vụ công trực tuyến mức độ 3, 4",
        "Tỷ lệ dịch vụ công trực tuyến mức độ 3, mức độ 4 được triển khai",
    ),
    (
        "HS_TT_TL",
        "Tỷ lệ hồ sơ được xử lý trực tuyến",
        "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận và xử lý qua dịch vụ công trực tuyến mức độ 3, mức độ 4",
    ),
];

/// (indicator code, first built-in target label, the plan's wording).
pub const TARGETS: &[(&str, &str, &str)] = &[
    (
        "GTSX",
        "Giá trị sản xuất tăng bình quân 13 %/năm",
        "Tốc độ tăng tổng giá trị sản xuất bình quân đạt 13 %/năm",
    ),
    (
        "THU_NHAP",
        "Thu nhập bình quân đầu người trên 90 triệu đồng/năm vào năm 2025",
        "Thu nhập bình quân đầu người đến năm 2025 đạt trên 90 triệu đồng/người/năm",
    ),
    (
        "THU_NHAP",
        "Thu nhập bình quân đầu người của phường, xã trên 90 triệu đồng/năm vào năm 2025",
        "Thu nhập bình quân đầu người của phường, xã đến năm 2025 đạt trên 90 triệu đồng/người/năm",
    ),
    (
        "DI_TICH_TL",
        "100 % di tích cấp tỉnh được bảo tồn",
        "100 % di sản văn hóa – lịch sử cấp tỉnh được bảo tồn và phát huy hiệu quả",
    ),
    (
        "BHYT",
        "Tỷ lệ dân số tham gia bảo hiểm y tế trên 95 %",
        "Tỷ lệ người dân tham gia bảo hiểm y tế đạt trên 95 %",
    ),
    (
        "BHYT",
        "Tỷ lệ tham gia bảo hiểm y tế của phường, xã trên 95 %",
        "Tỷ lệ người dân của phường, xã tham gia bảo hiểm y tế đạt trên 95 %",
    ),
    (
        "HO_NGHEO_TL",
        "Tỷ lệ hộ nghèo giảm 1,6 điểm %/năm",
        "Bình quân mỗi năm tỷ lệ hộ nghèo giảm 1,6 %/năm",
    ),
    (
        "HO_NGHEO_TL",
        "Tỷ lệ hộ nghèo của phường, xã giảm 1,6 điểm %/năm",
        "Bình quân mỗi năm tỷ lệ hộ nghèo của phường, xã giảm 1,6 %/năm",
    ),
    (
        "RAC",
        "Trên 99 % chất thải rắn sinh hoạt được thu gom, xử lý",
        "Chất thải rắn sinh hoạt trên địa bàn được thu gom và xử lý đúng quy định đạt trên 99 %",
    ),
    (
        "NUOC_SACH_TL",
        "100 % hộ dùng nước sạch tập trung",
        "Tỷ lệ hộ dân được sử dụng nước máy tập trung đạt 100 %",
    ),
    (
        "DTVM_DAT",
        "100 % phường đạt chuẩn đô thị văn minh",
        "100 % các phường đạt chuẩn phường đô thị văn minh",
    ),
    (
        "TP_VM_TL",
        "Trên 70 % tuyến phố đạt chuẩn văn minh",
        "Tỷ lệ tuyến phố đạt chuẩn đô thị văn minh trên 70 %",
    ),
    (
        "DVC_TL",
        "100 % dịch vụ công trực tuyến mức độ 3, 4",
        "Triển khai 100 % dịch vụ công trực tuyến mức độ 3, mức độ 4",
    ),
    (
        "HS_TT_TL",
        "Trên 60 % hồ sơ được xử lý trực tuyến",
        "Trên 60 % hồ sơ thủ tục hành chính được tiếp nhận và xử lý qua dịch vụ công trực tuyến mức độ 3, mức độ 4",
    ),
    (
        "OCOP_3SAO",
        "Mỗi năm có 1–2 sản phẩm OCOP đạt từ 3 sao trở lên (năm 2022)",
        "Mỗi năm có từ 1–2 sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao cấp tỉnh trở lên (năm 2022)",
    ),
    (
        "OCOP_3SAO",
        "Mỗi năm có 1–2 sản phẩm OCOP đạt từ 3 sao trở lên (năm 2023)",
        "Mỗi năm có từ 1–2 sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao cấp tỉnh trở lên (năm 2023)",
    ),
    (
        "OCOP_3SAO",
        "Mỗi năm có 1–2 sản phẩm OCOP đạt từ 3 sao trở lên (năm 2024)",
        "Mỗi năm có từ 1–2 sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao cấp tỉnh trở lên (năm 2024)",
    ),
    (
        "OCOP_3SAO",
        "Mỗi năm có 1–2 sản phẩm OCOP đạt từ 3 sao trở lên (năm 2025)",
        "Mỗi năm có từ 1–2 sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao cấp tỉnh trở lên (năm 2025)",
    ),
    (
        "NO_XDCB",
        "Không để phát sinh nợ đọng xây dựng cơ bản",
        "Không nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới, đô thị văn minh",
    ),
];

/// Marks in `app_meta` that a database has been brought to the plan's words.
const DONE_KEY: &str = "plan_wording_v1";

/// At start-up: `bring_to_plan` unless it already ran on this database, so a start reads one row
/// rather than writing the whole list again.
pub async fn bring_to_plan_once(db: &Db, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let mut c = db.conn().await?;
    if crate::units::store::meta(&mut c, DONE_KEY).await?.is_some() {
        return Ok(0);
    }
    drop(c);
    bring_to_plan(db, now).await
}

/// Brings a database seeded with the first wording to the plan's, in one transaction with
/// one audit entry naming how many names changed, and records that it ran. Gives that number
/// (0 when nothing read as first seeded).
pub async fn bring_to_plan(db: &Db, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let mut tx = db.begin().await?;
    let mut changed = 0;
    for (code, old, new) in INDICATORS {
        changed += store::rename_builtin_indicator(&mut tx, code, old, new).await?;
    }
    for (code, old, new) in TARGETS {
        changed += store::relabel_builtin_target(&mut tx, code, old, new).await?;
    }
    if changed > 0 {
        audit::store::record(
            &mut tx,
            now,
            &Actor::system(),
            "indicators.plan_wording",
            "movement",
            super::seed::MOVEMENT,
            &json!({"renamed": changed, "source": "Kế hoạch tháng 7/2022, mục II"}),
        )
        .await?;
    }
    if crate::units::store::meta(&mut tx, DONE_KEY)
        .await?
        .is_none()
    {
        crate::units::store::set_meta(&mut tx, DONE_KEY, &now.to_rfc3339()).await?;
    }
    tx.commit().await?;
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_already_speaks_the_plans_words() {
        // Every "new" wording is what a fresh database is seeded with, so the two lists and
        // the seed cannot drift apart.
        for (code, _, new) in INDICATORS {
            assert_eq!(super::super::seed::builtin_name(code), Some(*new), "{code}");
        }
        for (code, _, new) in TARGETS {
            assert!(
                super::super::seed::builtin_target_labels(code).contains(new),
                "{code}: {new}"
            );
        }
    }
}
