//! What the target form sends, and the checks that turn it into a target of a movement.

use serde::Deserialize;

use super::Target;
use crate::text;

type Problems = Vec<(&'static str, String)>;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct TargetInput {
    #[serde(default)]
    pub movement_id: String,
    #[serde(default)]
    pub indicator_code: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub unit_code: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub comparator: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub base_year: String,
    #[serde(default)]
    pub label: String,
}

/// Checks a new target of a movement whose period is `period`; ids are filled in by the caller.
pub fn target(input: &TargetInput, period: (i64, i64)) -> Result<Target, Problems> {
    let mut p = Problems::new();
    let scope = match input.scope.as_str() {
        s @ ("town" | "each" | "unit") => s.to_string(),
        _ => {
            p.push(("scope", "Hãy chọn phạm vi áp dụng.".into()));
            String::new()
        }
    };
    if scope == "unit" && input.unit_code.trim().is_empty() {
        p.push(("unit_code", "Chỉ tiêu cho một đơn vị cần mã đơn vị.".into()));
    }
    let year = if input.year.trim().is_empty() {
        None
    } else {
        match text::parse_year(&input.year).filter(|y| (period.0..=period.1).contains(y)) {
            Some(y) => Some(y),
            None => {
                p.push((
                    "year",
                    format!(
                        "Năm phải nằm trong kỳ {}–{} hoặc để trống (cuối kỳ).",
                        period.0, period.1
                    ),
                ));
                None
            }
        }
    };
    let value = text::parse_decimal_vn(&input.value);
    if value.is_none() {
        p.push(("value", "Chưa nhập mức chỉ tiêu (một số).".into()));
    }
    let kind = input.kind.as_str();
    let base_year = text::parse_year(&input.base_year);
    match kind {
        "level" if super::progress::Comparator::from_code(&input.comparator).is_none() => {
            p.push(("comparator", "Hãy chọn phép so sánh.".into()));
        }
        "growth" | "fall" if base_year.is_none_or(|b| b < period.0 - 1 || b > period.1) => {
            p.push((
                "base_year",
                "Lộ trình cần năm gốc trong kỳ (hoặc năm liền trước kỳ).".into(),
            ));
        }
        "level" | "growth" | "fall" => {}
        _ => p.push(("kind", "Hãy chọn loại chỉ tiêu.".into())),
    }
    let label = text::clean(&input.label);
    if label.is_empty() {
        p.push((
            "label",
            "Hãy ghi nội dung chỉ tiêu như trong kế hoạch.".into(),
        ));
    }
    if !p.is_empty() {
        return Err(p);
    }
    Ok(Target {
        id: 0,
        movement_id: 0,
        indicator_id: 0,
        scope,
        unit_id: None,
        year,
        kind: kind.into(),
        comparator: if kind == "level" {
            input.comparator.clone()
        } else {
            String::new()
        },
        value: value.unwrap_or_default(),
        base_year: if kind == "level" { None } else { base_year },
        label,
        sort_order: 1000,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_need_a_level_or_a_path_with_its_base_year() {
        let input = TargetInput {
            scope: "town".into(),
            kind: "growth".into(),
            value: "13".into(),
            label: "Tăng 13 %/năm".into(),
            ..Default::default()
        };
        let errs = target(&input, (2022, 2025)).unwrap_err();
        assert_eq!(errs[0].0, "base_year");
        let t = target(
            &TargetInput {
                base_year: "2022".into(),
                ..input.clone()
            },
            (2022, 2025),
        )
        .unwrap();
        assert_eq!(
            (t.kind.as_str(), t.base_year, t.year),
            ("growth", Some(2022), None)
        );
        let wrong_year = TargetInput {
            year: "2030".into(),
            base_year: "2022".into(),
            ..input
        };
        assert_eq!(target(&wrong_year, (2022, 2025)).unwrap_err()[0].0, "year");
    }
}
