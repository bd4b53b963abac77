//! How far a figure series is from its target, in a status and in words an official can check
//! by hand: "2024: 84,2 triệu đ/người; cần trên 90 triệu đ/người năm 2025; cần tăng 6,9 % trong
//! 1 năm; 2023–2024 đã tăng 9,1 %." A target of zero reads as the plan says it: "đến năm 2025
//! không còn hộ nghèo về thu nhập", never "không quá 0 hộ".

use std::cmp::Ordering;

use super::Indicator;
use crate::text::{self, decimal_vn};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Achieved,
    OnTrack,
    AtRisk,
    OffTrack,
    NoData,
    /// Built from fewer units than expected: no verdict until they are approved.
    Provisional,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Achieved => "Đã đạt",
            Status::OnTrack => "Đúng tiến độ",
            Status::AtRisk => "Có nguy cơ chậm",
            Status::OffTrack => "Chậm, không đạt",
            Status::NoData => "Chưa có số liệu",
            Status::Provisional => "Chưa đủ số liệu",
        }
    }

    /// The CSS class and the print marker of a status card.
    pub fn css(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on-track",
            Status::AtRisk => "at-risk",
            Status::OffTrack => "off-track",
            Status::NoData => "no-data",
            Status::Provisional => "provisional",
        }
    }
}

/// What the target asks, with its deadline year already resolved.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Goal {
    /// Reach `value` by `deadline` under `comparator` (ge, gt, le, lt, eq).
    Level { comparator: Comparator, value: f64 },
    /// Grow `percent` % a year from the base year's figure.
    Growth { percent: f64, base_year: i64 },
    /// Fall `points` a year from the base year's figure.
    Fall { points: f64, base_year: i64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

impl Comparator {
    pub fn from_code(s: &str) -> Option<Comparator> {
        Some(match s {
            "ge" => Comparator::Ge,
            "gt" => Comparator::Gt,
            "le" => Comparator::Le,
            "lt" => Comparator::Lt,
            "eq" => Comparator::Eq,
            _ => return None,
        })
    }

    /// Whether figure `v` meets target `t`, both as the page shows them (`places` decimals,
    /// compared as exact decimals): 89,96 shown as «90 %» meets «≥ 90 %».
    pub fn holds(self, v: f64, t: f64, places: u32) -> bool {
        let (Some(v), Some(t)) = (text::exact_at(v, places), text::exact_at(t, places)) else {
            return false;
        };
        let order = v.cmp(&t);
        match self {
            Comparator::Ge => order != Ordering::Less,
            Comparator::Gt => order == Ordering::Greater,
            Comparator::Le => order != Ordering::Greater,
            Comparator::Lt => order == Ordering::Less,
            Comparator::Eq => order == Ordering::Equal,
        }
    }

    fn wants_more(self) -> bool {
        matches!(self, Comparator::Ge | Comparator::Gt)
    }

    fn words(self) -> &'static str {
        match self {
            Comparator::Ge => "ít nhất",
            Comparator::Gt => "trên",
            Comparator::Le => "không quá",
            Comparator::Lt => "dưới",
            Comparator::Eq => "bằng",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    pub status: Status,
    pub explanation: String,
    /// The year and figure the status was judged on.
    pub latest: Option<(i64, f64)>,
}

/// Judges `series` (year, figure; any order) against `goal` due in `deadline`, as of year
/// `as_of`: figures after `as_of` or after the deadline are not looked at. Every figure is
/// first rounded to the indicator's declared decimals, so what is judged is what is shown —
/// stored, aggregated and formula figures alike.
pub fn assess(
    ind: &Indicator,
    goal: Goal,
    deadline: i64,
    as_of: i64,
    series: &[(i64, f64)],
) -> Assessment {
    let mut seen: Vec<(i64, f64)> = series
        .iter()
        .copied()
        .filter(|(y, _)| *y <= as_of.min(deadline))
        .map(|(y, v)| (y, ind.round(v)))
        .collect();
    seen.sort_by_key(|(y, _)| *y);
    let Some(&(year, value)) = seen.last() else {
        return Assessment {
            status: Status::NoData,
            explanation: format!(
                "Chưa có số liệu được duyệt đến năm {}.",
                as_of.min(deadline)
            ),
            latest: None,
        };
    };
    if as_of >= deadline && year < deadline {
        return Assessment {
            status: Status::NoData,
            explanation: format!(
                "Chưa có số liệu được duyệt của năm {deadline} (năm phải đạt); gần nhất là {year}: {}.",
                ind.show(value)
            ),
            latest: Some((year, value)),
        };
    }
    let previous = seen.iter().rev().find(|(y, _)| *y == year - 1).copied();
    let (status, explanation) = match goal {
        Goal::Level {
            comparator,
            value: t,
        } => level(ind, comparator, t, deadline, (year, value), previous),
        Goal::Growth { percent, base_year } => match seen.iter().find(|(y, _)| *y == base_year) {
            Some(&(_, base)) if year > base_year && base > 0.0 => {
                growth(ind, percent, (base_year, base), deadline, (year, value))
            }
            _ => (
                Status::NoData,
                format!("Cần số liệu năm gốc {base_year} và ít nhất một năm sau đó."),
            ),
        },
        Goal::Fall { points, base_year } => match seen.iter().find(|(y, _)| *y == base_year) {
            Some(&(_, base)) if year > base_year => {
                fall(ind, points, (base_year, base), deadline, (year, value))
            }
            _ => (
                Status::NoData,
                format!("Cần số liệu năm gốc {base_year} và ít nhất một năm sau đó."),
            ),
        },
    };
    Assessment {
        status,
        explanation,
        latest: Some((year, value)),
    }
}

fn level(
    ind: &Indicator,
    cmp: Comparator,
    target: f64,
    deadline: i64,
    (year, v): (i64, f64),
    previous: Option<(i64, f64)>,
) -> (Status, String) {
    let to_zero = target == 0.0 && matches!(cmp, Comparator::Le | Comparator::Eq);
    let mut words = if to_zero {
        format!(
            "{year}: {}; đến năm {deadline} cần {}",
            ind.show(v),
            none_left(&ind.name)
        )
    } else {
        format!(
            "{year}: {}; cần {} {} năm {deadline}",
            ind.show(v),
            cmp.words(),
            ind.show(target)
        )
    };
    if cmp.holds(v, target, ind.places()) {
        words.push_str(if year >= deadline {
            "; đã đạt."
        } else {
            "; đã đạt trước hạn."
        });
        return (Status::Achieved, words);
    }
    if year >= deadline {
        words.push_str("; không đạt.");
        return (Status::OffTrack, words);
    }
    let years_left = deadline - year;
    let by_points = ind.measure().moves_by_points() || v <= 0.0 || target <= 0.0;
    let (needed, pace) = if by_points {
        (
            (target - v) / years_left as f64,
            previous.map(|(_, p)| v - p),
        )
    } else {
        (
            (target / v).powf(1.0 / years_left as f64) - 1.0,
            previous.filter(|(_, p)| *p > 0.0).map(|(_, p)| v / p - 1.0),
        )
    };
    let show_change = |x: f64| {
        if ind.measure().moves_by_points() {
            format!("{} điểm", decimal_vn(x.abs(), 1))
        } else if by_points {
            ind.show(x.abs())
        } else {
            format!("{} %", decimal_vn(x.abs() * 100.0, 1))
        }
    };
    let up = cmp.wants_more() || (cmp == Comparator::Eq && target > v);
    let total = if by_points {
        target - v
    } else {
        target / v - 1.0
    };
    words.push_str(&format!(
        "; cần {} {} trong {years_left} năm",
        if up { "tăng" } else { "giảm" },
        show_change(total)
    ));
    if years_left > 1 {
        words.push_str(&format!(" ({}/năm)", show_change(needed)));
    }
    let Some(pace) = pace else {
        words.push_str("; chưa có số liệu năm trước để so sánh.");
        return (Status::AtRisk, words);
    };
    words.push_str(&format!(
        "; {}–{year} {}.",
        year - 1,
        moved(pace, up, show_change)
    ));
    let toward = if up { pace } else { -pace };
    let need = if up { needed } else { -needed };
    let status = if toward >= need {
        Status::OnTrack
    } else if toward > 0.0 && toward >= need / 2.0 {
        Status::AtRisk
    } else {
        Status::OffTrack
    };
    (status, words)
}

fn growth(
    ind: &Indicator,
    percent: f64,
    (base_year, base): (i64, f64),
    deadline: i64,
    (year, v): (i64, f64),
) -> (Status, String) {
    let n = (year - base_year) as f64;
    let average = ((v / base).powf(1.0 / n) - 1.0) * 100.0;
    let path = base * (1.0 + percent / 100.0).powf(n);
    let words = format!(
        "{year}: {}; năm gốc {base_year}: {}; {} bình quân {} %/năm{}, yêu cầu tăng {} %/năm; theo lộ trình năm {year} cần {}.",
        ind.show(v),
        ind.show(base),
        if average < 0.0 { "giảm" } else { "tăng" },
        decimal_vn(average.abs(), 1),
        if average < 0.0 {
            " (ngược chiều)"
        } else {
            ""
        },
        decimal_vn(percent, 1),
        ind.show(path)
    );
    // Judged on the rates as written above (one decimal), not on their float tails.
    let on_path = text::exact_at(average, 1) >= text::exact_at(percent, 1);
    let close = average >= percent * 0.75;
    (path_status(on_path, close, year >= deadline), words)
}

fn fall(
    ind: &Indicator,
    points: f64,
    (base_year, base): (i64, f64),
    deadline: i64,
    (year, v): (i64, f64),
) -> (Status, String) {
    let n = (year - base_year) as f64;
    let path = (base - points * n).max(0.0);
    let needed = if path <= 0.0 {
        none_left(&ind.name)
    } else {
        format!("không quá {}", ind.show(path))
    };
    let words = format!(
        "{year}: {}; năm gốc {base_year}: {}; lộ trình giảm {} điểm/năm nên năm {year} cần {needed}; trong {} năm {}.",
        ind.show(v),
        ind.show(base),
        decimal_vn(points, 1),
        year - base_year,
        moved(v - base, false, |x| format!(
            "{} điểm",
            decimal_vn(x.abs(), 1)
        ))
    );
    let on_path = ind.exact(v) <= ind.exact(path);
    let close = v <= path + points / 2.0;
    (path_status(on_path, close, year >= deadline), words)
}

/// "không còn hộ nghèo" for the indicator «Tỷ lệ hộ nghèo» or «Số hộ nghèo»: how the plan
/// says a target of zero is reached (plan section II: "không còn hộ nghèo về thu nhập").
pub fn none_left(indicator_name: &str) -> String {
    let name = indicator_name.trim();
    let subject = ["Tỷ lệ ", "Số "]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name);
    let mut chars = subject.chars();
    let lowered: String = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    format!("không còn {lowered}")
}

/// How a figure moved, in words with its direction: "đã tăng 9,1 %", "đã giảm 43 hộ",
/// "đã tăng 2 hộ (ngược chiều)" when the target wants the other way, "không đổi".
fn moved(change: f64, up_wanted: bool, show: impl Fn(f64) -> String) -> String {
    if change == 0.0 {
        return "không đổi".to_string();
    }
    let went_up = change > 0.0;
    format!(
        "đã {} {}{}",
        if went_up { "tăng" } else { "giảm" },
        show(change),
        if went_up != up_wanted {
            " (ngược chiều)"
        } else {
            ""
        }
    )
}

/// A path target's status: on the path is achieved once the deadline year is judged, on track
/// before it; off the path fails at the deadline, and before it is at risk only when close.
fn path_status(on_path: bool, close: bool, deadline_reached: bool) -> Status {
    match (on_path, deadline_reached, close) {
        (true, true, _) => Status::Achieved,
        (true, false, _) => Status::OnTrack,
        (false, true, _) => Status::OffTrack,
        (false, false, true) => Status::AtRisk,
        (false, false, false) => Status::OffTrack,
    }
}

#[cfg(test)]
#[path = "progress_tests.rs"]
mod tests;
