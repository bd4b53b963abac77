//! What the catalogue forms send, and the checks that turn it into an indicator or a target.

use serde::Deserialize;

use super::{Aggregation, Indicator, MAX_DECIMALS, Measure, formula, money_places};
use crate::text;
use crate::units::UnitKind;

type Problems = Vec<(&'static str, String)>;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct IndicatorInput {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub measure: String,
    #[serde(default)]
    pub unit_label: String,
    /// Decimals the figures keep; blank takes the measure's usual number.
    #[serde(default)]
    pub decimals: String,
    #[serde(default)]
    pub direction: String,
    #[serde(default)]
    pub aggregation: String,
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub min_value: String,
    #[serde(default)]
    pub max_value: String,
    #[serde(default)]
    pub at_most_code: String,
    #[serde(default)]
    pub jump_percent: String,
    #[serde(default)]
    pub owner_code: String,
    /// Unit kind codes, comma-separated (the form sends one checkbox per kind).
    #[serde(default)]
    pub kinds: String,
}

impl IndicatorInput {
    pub fn has_kind(&self, kind: &str) -> bool {
        self.kinds.split(',').any(|k| k.trim() == kind)
    }
}

fn optional_number(raw: &str, field: &'static str, problems: &mut Problems) -> Option<f64> {
    if raw.trim().is_empty() {
        return None;
    }
    let v = text::parse_decimal_vn(raw);
    if v.is_none() {
        problems.push((field, format!("«{}» không phải là số.", raw.trim())));
    }
    v
}

/// The declared decimals: 0–4, none for counts and yes/no, and never below one đồng for money
/// (at most 6 for «triệu đ», 0 for «đ»).
fn decimals(
    input: &IndicatorInput,
    measure: Option<Measure>,
    unit_label: &str,
    problems: &mut Problems,
) -> i64 {
    let Some(measure) = measure else {
        return 0;
    };
    let raw = input.decimals.trim();
    if raw.is_empty() {
        return measure.default_decimals(unit_label);
    }
    let most = match measure {
        Measure::Count | Measure::YesNo => 0,
        Measure::Vnd => i64::from(money_places(unit_label)).min(MAX_DECIMALS),
        Measure::Number | Measure::Percent => MAX_DECIMALS,
    };
    match raw.parse::<i64>() {
        Ok(d) if (0..=most).contains(&d) => d,
        _ => {
            let why = match measure {
                Measure::Vnd if most < MAX_DECIMALS => format!(
                    "Tiền tính bằng «{unit_label}» chỉ có tối đa {most} chữ số thập phân (không lẻ dưới 1 đồng)."
                ),
                Measure::Count | Measure::YesNo => {
                    "Số đếm và Đạt / chưa đạt không có phần thập phân.".into()
                }
                _ => format!("Số chữ số thập phân từ 0 đến {MAX_DECIMALS}."),
            };
            problems.push(("decimals", why));
            0
        }
    }
}

/// Checks a new indicator; `known` are the codes already in the catalogue.
pub fn indicator(
    input: &IndicatorInput,
    known: &[String],
) -> Result<(Indicator, Vec<String>), Problems> {
    let mut p = Problems::new();
    let code = input.code.trim().to_uppercase();
    if code.is_empty()
        || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        || code.len() > 30
    {
        p.push((
            "code",
            "Mã chỉ số gồm chữ không dấu, chữ số và dấu gạch dưới, tối đa 30 ký tự.".into(),
        ));
    } else if known.contains(&code) {
        p.push(("code", format!("Mã {code} đã có trong danh mục.")));
    }
    let name = text::clean(&input.name);
    if name.is_empty() {
        p.push(("name", "Chưa nhập tên chỉ số.".into()));
    }
    let measure = Measure::from_code(&input.measure);
    if measure.is_none() {
        p.push(("measure", "Hãy chọn loại số đo.".into()));
    }
    let unit_label = text::clean(&input.unit_label);
    let decimals = decimals(input, measure, &unit_label, &mut p);
    let direction = match input.direction.as_str() {
        "higher" | "lower" => input.direction.clone(),
        _ => {
            p.push((
                "direction",
                "Hãy chọn chiều tốt (cao hơn hay thấp hơn).".into(),
            ));
            String::new()
        }
    };
    let aggregation = Aggregation::from_code(&input.aggregation);
    let rule = input.rule.trim().to_string();
    match aggregation {
        None => p.push(("aggregation", "Hãy chọn cách tổng hợp lên cấp trên.".into())),
        Some(Aggregation::Formula) => match formula::parse(&rule) {
            Ok(e) => {
                for c in e.codes() {
                    if !known.contains(&c) {
                        p.push((
                            "rule",
                            format!("Công thức dùng mã {c} chưa có trong danh mục."),
                        ));
                    }
                }
            }
            Err(m) => p.push(("rule", m)),
        },
        Some(Aggregation::Weighted) if !rule.is_empty() && !known.contains(&rule) => {
            p.push(("rule", format!("Quyền số {rule} chưa có trong danh mục.")));
        }
        Some(Aggregation::Share) if measure != Some(Measure::YesNo) => {
            p.push((
                "aggregation",
                "«Tỷ lệ đơn vị đạt» chỉ dùng cho chỉ số Đạt / chưa đạt.".into(),
            ));
        }
        _ => {}
    }
    let min_value = optional_number(&input.min_value, "min_value", &mut p);
    let max_value = optional_number(&input.max_value, "max_value", &mut p);
    if let (Some(lo), Some(hi)) = (min_value, max_value)
        && lo > hi
    {
        p.push((
            "max_value",
            "Giá trị lớn nhất phải không nhỏ hơn giá trị nhỏ nhất.".into(),
        ));
    }
    let jump_percent = optional_number(&input.jump_percent, "jump_percent", &mut p);
    let at_most_code = input.at_most_code.trim().to_uppercase();
    if !at_most_code.is_empty() && !known.contains(&at_most_code) {
        p.push((
            "at_most_code",
            format!("Mã {at_most_code} chưa có trong danh mục."),
        ));
    }
    let kinds: Vec<String> = input
        .kinds
        .split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(String::from)
        .collect();
    if kinds.is_empty() {
        p.push((
            "kinds",
            "Chọn ít nhất một loại đơn vị nhập chỉ số này.".into(),
        ));
    } else if let Some(bad) = kinds.iter().find(|k| UnitKind::from_code(k).is_none()) {
        p.push((
            "kinds",
            format!("Loại đơn vị «{bad}» không có trong danh mục."),
        ));
    }
    if !p.is_empty() {
        return Err(p);
    }
    let is_formula = aggregation == Some(Aggregation::Formula);
    Ok((
        Indicator {
            id: 0,
            code,
            name,
            measure: measure.map_or("number", Measure::code).into(),
            unit_label,
            direction,
            aggregation: aggregation.map_or("sum", Aggregation::code).into(),
            weight_code: if is_formula {
                String::new()
            } else {
                rule.clone()
            },
            formula: if is_formula { rule } else { String::new() },
            min_value,
            max_value,
            at_most_code,
            jump_percent,
            owner_unit_id: None,
            computed_from: String::new(),
            sort_order: 1000,
            note: String::new(),
            decimals,
        },
        kinds,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        ["SO_HO", "HO_NGHEO"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn a_formula_indicator_must_name_known_codes() {
        let input = IndicatorInput {
            code: "ho_can_ngheo_tl".into(),
            name: "Tỷ lệ hộ cận nghèo".into(),
            measure: "percent".into(),
            direction: "lower".into(),
            aggregation: "formula".into(),
            rule: "HO_CAN_NGHEO / SO_HO * 100".into(),
            kinds: "ward,commune".into(),
            ..Default::default()
        };
        let errs = indicator(&input, &known()).unwrap_err();
        assert_eq!(
            errs,
            vec![(
                "rule",
                "Công thức dùng mã HO_CAN_NGHEO chưa có trong danh mục.".to_string()
            )]
        );
        let ok = indicator(
            &IndicatorInput {
                rule: "HO_NGHEO / SO_HO * 100".into(),
                ..input
            },
            &known(),
        )
        .unwrap();
        assert_eq!(ok.0.code, "HO_CAN_NGHEO_TL");
        assert_eq!(ok.0.formula, "HO_NGHEO / SO_HO * 100");
        assert_eq!(ok.1, vec!["ward", "commune"]);
        assert_eq!(
            ok.0.decimals, 1,
            "a percentage keeps one decimal unless told"
        );
    }

    #[test]
    fn declared_decimals_never_split_a_dong() {
        let input = IndicatorInput {
            code: "THU_NGAN_SACH".into(),
            name: "Thu ngân sách".into(),
            measure: "vnd".into(),
            unit_label: "đồng".into(),
            direction: "higher".into(),
            aggregation: "sum".into(),
            decimals: "2".into(),
            kinds: "ward".into(),
            ..Default::default()
        };
        let errs = indicator(&input, &known()).unwrap_err();
        assert_eq!(errs[0].0, "decimals");
        assert!(errs[0].1.contains("không lẻ dưới 1 đồng"), "{}", errs[0].1);
        let in_millions = IndicatorInput {
            unit_label: "triệu đ".into(),
            ..input.clone()
        };
        assert_eq!(indicator(&in_millions, &known()).unwrap().0.decimals, 2);
        let blank = IndicatorInput {
            decimals: String::new(),
            ..input
        };
        assert_eq!(indicator(&blank, &known()).unwrap().0.decimals, 0);
    }
}
