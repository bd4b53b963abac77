//! Indicators (chỉ số) and targets (chỉ tiêu) of a movement: what is measured, how a town's
//! figure comes from its units' figures, and what level or path the plan asks for.

pub mod below;
pub mod board;
pub mod catalogue_web;
pub mod charts;
mod charts_units;
pub mod dashboard_web;
pub mod export;
pub mod formula;
pub mod input;
pub mod progress;
pub mod provisional;
pub mod seed;
pub mod store;
pub mod target_input;
pub mod totals;
pub mod wording;

use crate::text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Number,
    Percent,
    Vnd,
    Count,
    YesNo,
}

impl Measure {
    pub const ALL: [Measure; 5] = [
        Measure::Number,
        Measure::Percent,
        Measure::Vnd,
        Measure::Count,
        Measure::YesNo,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Measure::Number => "number",
            Measure::Percent => "percent",
            Measure::Vnd => "vnd",
            Measure::Count => "count",
            Measure::YesNo => "yesno",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Measure::Number => "Số",
            Measure::Percent => "Tỷ lệ %",
            Measure::Vnd => "Tiền (đồng)",
            Measure::Count => "Số đếm",
            Measure::YesNo => "Đạt / chưa đạt",
        }
    }

    pub fn from_code(s: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.code() == s)
    }

    /// Percentages move by points; amounts and counts move by rates.
    pub fn moves_by_points(self) -> bool {
        matches!(self, Measure::Percent | Measure::YesNo)
    }

    /// The decimals a new indicator keeps when the catalogue form leaves them blank: none for
    /// counts, yes/no and money in đồng; one otherwise (84,2 triệu đ/người, 96,5 %).
    pub fn default_decimals(self, unit_label: &str) -> i64 {
        match self {
            Measure::Count | Measure::YesNo => 0,
            Measure::Vnd => i64::from(money_places(unit_label).min(1)),
            Measure::Number | Measure::Percent => 1,
        }
    }
}

/// The most decimals an indicator may declare.
pub const MAX_DECIMALS: i64 = 4;

/// How many decimals of an amount written in `unit_label` still make whole đồng: 9 for «tỷ đ»,
/// 6 for «triệu đ/người», 3 for «nghìn đ», 0 for «đ» or «đồng» (money is never split below
/// one đồng).
pub fn money_places(unit_label: &str) -> u32 {
    let label = text::fold(unit_label);
    if label.starts_with("ty") {
        9
    } else if label.starts_with("trieu") {
        6
    } else if label.starts_with("nghin") || label.starts_with("ngan") {
        3
    } else {
        0
    }
}

/// How the figure of a unit above comes from the figures of the units below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregation {
    /// Added up (population, households, production value).
    Sum,
    /// Averaged, each unit weighted by another indicator (income per person by population).
    Weighted,
    /// The share of units that meet it, in percent (wards meeting the civilised standard).
    Share,
    /// Computed from other indicators at every level (poor households ÷ households × 100).
    Formula,
}

impl Aggregation {
    pub const ALL: [Aggregation; 4] = [
        Aggregation::Sum,
        Aggregation::Weighted,
        Aggregation::Share,
        Aggregation::Formula,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Aggregation::Sum => "sum",
            Aggregation::Weighted => "weighted",
            Aggregation::Share => "share",
            Aggregation::Formula => "formula",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Aggregation::Sum => "Cộng số liệu các đơn vị",
            Aggregation::Weighted => "Bình quân theo quyền số",
            Aggregation::Share => "Tỷ lệ đơn vị đạt",
            Aggregation::Formula => "Tính theo công thức",
        }
    }

    pub fn from_code(s: &str) -> Option<Aggregation> {
        Aggregation::ALL.into_iter().find(|a| a.code() == s)
    }
}

/// An indicator as stored; `kinds` (which unit kinds enter it) is loaded beside it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Indicator {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub measure: String,
    pub unit_label: String,
    pub direction: String,
    pub aggregation: String,
    pub weight_code: String,
    pub formula: String,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub at_most_code: String,
    pub jump_percent: Option<f64>,
    pub owner_unit_id: Option<i64>,
    pub computed_from: String,
    pub sort_order: i64,
    pub note: String,
    /// How many decimals a figure keeps (0–4): figures are stored, shown and judged against
    /// targets rounded to it.
    pub decimals: i64,
}

impl Indicator {
    /// The declared decimals, within 0–`MAX_DECIMALS` whatever the row holds.
    pub fn places(&self) -> u32 {
        self.decimals.clamp(0, MAX_DECIMALS) as u32
    }

    /// `v` rounded to the declared decimals (halves away from zero, on the decimal digits):
    /// the value stored, shown and compared.
    pub fn round(&self, v: f64) -> f64 {
        text::round_f64(v, self.places())
    }

    /// `v` as the exact decimal the page shows; what thresholds are compared on.
    pub fn exact(&self, v: f64) -> Option<text::Exact> {
        text::exact_at(v, self.places())
    }

    pub fn measure(&self) -> Measure {
        Measure::from_code(&self.measure).unwrap_or(Measure::Number)
    }

    pub fn aggregation(&self) -> Aggregation {
        Aggregation::from_code(&self.aggregation).unwrap_or(Aggregation::Sum)
    }

    pub fn higher_is_better(&self) -> bool {
        self.direction != "lower"
    }

    pub fn direction_label(&self) -> &'static str {
        if self.higher_is_better() {
            "Càng cao càng tốt"
        } else {
            "Càng thấp càng tốt"
        }
    }

    /// Formula indicators and those counted from records (recognitions, the OCOP register, the
    /// works' year-end debts) are
    /// never typed in; every other one is, by the units of its kinds.
    pub fn is_entered(&self) -> bool {
        self.aggregation() != Aggregation::Formula
            && !matches!(self.computed_from.as_str(), "criteria" | "ocop" | "works")
    }

    /// Where the figures come from: typed in, or computed from the recognitions of the criteria
    /// capability, the OCOP register or the works register.
    pub fn source_label(&self) -> String {
        match self.computed_from.as_str() {
            "" => "Nhập tay".into(),
            "criteria" => "Tính từ quyết định công nhận đạt chuẩn (bộ tiêu chí)".into(),
            "ocop" => "Tính từ sổ sản phẩm OCOP (sản phẩm được công nhận lần đầu trong năm)".into(),
            "works" => {
                "Tính từ sổ công trình (nợ đọng cuối năm của công trình thuộc chương trình)".into()
            }
            other => format!("Nhập tay (sẽ tính từ {other})"),
        }
    }

    /// Whether the figure is "Đạt" or "Chưa đạt" (entered by choosing, not typing: a phone's
    /// number keypad cannot type it).
    pub fn is_yes_no(&self) -> bool {
        self.measure() == Measure::YesNo
    }

    /// A value as officials write it: `84,2 triệu đ/người`, `96,5 %`, `1.234 hộ`, `Đạt`.
    pub fn show(&self, v: f64) -> String {
        match self.measure() {
            Measure::YesNo => if v >= 0.5 { "Đạt" } else { "Chưa đạt" }.into(),
            Measure::Percent => format!("{} %", text::decimal_vn(v, self.places() as usize)),
            Measure::Count | Measure::Vnd | Measure::Number => with_label(
                text::decimal_vn(v, self.places() as usize),
                &self.unit_label,
            ),
        }
    }
}

fn with_label(n: String, label: &str) -> String {
    if label.is_empty() {
        n
    } else {
        format!("{n} {label}")
    }
}

/// A target as stored: a level (`comparator` + `value`) or a path (`growth` x %/year, `fall` x
/// points/year) from `base_year`; `year` None means the end of the movement's period.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Target {
    pub id: i64,
    pub movement_id: i64,
    pub indicator_id: i64,
    pub scope: String,
    pub unit_id: Option<i64>,
    pub year: Option<i64>,
    pub kind: String,
    pub comparator: String,
    pub value: f64,
    pub base_year: Option<i64>,
    pub label: String,
    pub sort_order: i64,
}

impl Target {
    /// "> 90", "tăng 13 %/năm từ 2022", "giảm 1,6 điểm/năm từ 2022".
    pub fn describe(&self) -> String {
        let base = self.base_year.map_or(String::new(), |b| format!(" từ {b}"));
        match self.kind.as_str() {
            "growth" => format!("tăng {} %/năm{base}", text::decimal_vn(self.value, 2)),
            "fall" => format!("giảm {} điểm/năm{base}", text::decimal_vn(self.value, 2)),
            _ => format!(
                "{} {}",
                comparator_sign(&self.comparator),
                text::decimal_vn(self.value, 2)
            ),
        }
    }

    pub fn deadline_label(&self) -> String {
        self.year.map_or("Cuối kỳ".into(), |y| format!("Năm {y}"))
    }

    pub fn scope_label(&self) -> &'static str {
        match self.scope.as_str() {
            "town" => "Toàn đơn vị tổ chức phong trào",
            "each" => "Từng phường, xã",
            _ => "Một đơn vị",
        }
    }
}

pub const COMPARATORS: [(&str, &str); 5] = [
    ("ge", "≥"),
    ("gt", ">"),
    ("le", "≤"),
    ("lt", "<"),
    ("eq", "="),
];

pub fn comparator_sign(code: &str) -> &'static str {
    COMPARATORS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, s)| s)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn indicator(measure: Measure, label: &str) -> Indicator {
        Indicator {
            id: 1,
            code: "X".into(),
            name: "X".into(),
            measure: measure.code().into(),
            unit_label: label.into(),
            direction: "higher".into(),
            aggregation: "sum".into(),
            weight_code: String::new(),
            formula: String::new(),
            min_value: None,
            max_value: None,
            at_most_code: String::new(),
            jump_percent: None,
            owner_unit_id: None,
            computed_from: String::new(),
            sort_order: 0,
            note: String::new(),
            decimals: measure.default_decimals(label),
        }
    }

    #[test]
    fn values_read_the_way_officials_write_them() {
        assert_eq!(
            indicator(Measure::Vnd, "triệu đ/người").show(84.24),
            "84,2 triệu đ/người"
        );
        assert_eq!(indicator(Measure::Percent, "").show(96.56), "96,6 %");
        assert_eq!(indicator(Measure::Count, "hộ").show(12345.0), "12.345 hộ");
        assert_eq!(indicator(Measure::YesNo, "").show(1.0), "Đạt");
    }

    #[test]
    fn figures_show_at_their_declared_decimals() {
        let mut share = indicator(Measure::Percent, "");
        assert_eq!(share.show(89.96), "90 %");
        assert_eq!(share.round(89.96), 90.0);
        share.decimals = 2;
        assert_eq!(share.show(89.956), "89,96 %");
        let debt = Indicator {
            decimals: 3,
            ..indicator(Measure::Vnd, "triệu đ")
        };
        assert_eq!(debt.show(0.125), "0,125 triệu đ");
        assert_eq!(money_places("triệu đ/người"), 6);
        assert_eq!(money_places("Tỷ đồng"), 9);
        assert_eq!(money_places("đồng"), 0);
        assert_eq!(Measure::Vnd.default_decimals("đ"), 0);
        assert_eq!(Measure::Count.default_decimals("hộ"), 0);
    }
}
