//! Charts drawn on the server as SVG: no script, readable on paper and on a phone. Every chart
//! has a labelled value axis with gridlines, writes the target's value on its line, labels each
//! point with its number, and draws a figure built from incomplete data hollow with a note
//! (issue 8) — so nothing depends on colour alone.

use super::progress::Goal;
use crate::text::decimal_vn;
use std::fmt::Write;

pub use super::charts_units::{UnitDot, by_unit};

pub(super) const W: f64 = 720.0;
const H: f64 = 320.0;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 28.0;
const TOP: f64 = 56.0;
const BOTTOM: f64 = 40.0;
pub(super) const FONT: f64 = 14.0;
pub(super) const INK: &str = "#1f4e79";
pub(super) const TARGET: &str = "#6b6b6b";

/// How numbers are written on a chart: the indicator's decimals and its unit, which names the
/// value axis ("triệu đ/người", "%").
#[derive(Clone, Debug)]
pub struct Scale {
    pub places: usize,
    pub unit: String,
}

impl Scale {
    /// The scale of an indicator as the page shows it.
    pub fn of(ind: &super::Indicator) -> Scale {
        let unit = match ind.measure() {
            super::Measure::Percent => "%".to_string(),
            _ => ind.unit_label.clone(),
        };
        Scale {
            places: ind.places() as usize,
            unit,
        }
    }

    /// "84,2".
    pub fn number(&self, v: f64) -> String {
        decimal_vn(v, self.places)
    }

    /// "84,2 triệu đ/người", "95 %".
    pub fn with_unit(&self, v: f64) -> String {
        if self.unit.is_empty() {
            self.number(v)
        } else {
            format!("{} {}", self.number(v), self.unit)
        }
    }
}

/// One year's figure; `complete` is false when units below are still missing from it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub year: i64,
    pub value: f64,
    pub complete: bool,
}

pub(super) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Round tick marks covering every value: 1, 2 or 5 × 10ⁿ apart, about five of them. Zero is
/// included when the values sit close enough to it that leaving it out would exaggerate.
pub(super) fn ticks(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let (mut lo, mut hi) = values.fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v), h.max(v)));
    if lo > hi {
        return vec![0.0, 1.0];
    }
    if lo > 0.0 && lo < hi * 0.5 {
        lo = 0.0;
    }
    if (hi - lo).abs() < 1e-9 {
        let pad = if hi.abs() < 1e-9 { 1.0 } else { hi.abs() * 0.1 };
        (lo, hi) = (lo - pad, hi + pad);
        if lo < 0.0 && hi > 0.0 && hi.abs() < 1e-9 + pad {
            lo = 0.0;
        }
    }
    let raw = (hi - lo) / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor() * step;
    let mut out = Vec::new();
    let mut t = first;
    while t < hi + step * 0.999 {
        out.push(if t.abs() < step * 1e-6 { 0.0 } else { t });
        t += step;
    }
    if out.len() < 2 {
        out.push(first + step);
    }
    out
}

/// Decimals enough to tell the ticks apart.
pub(super) fn tick_places(ticks: &[f64]) -> usize {
    let step = ticks.get(1).zip(ticks.first()).map_or(1.0, |(b, a)| b - a);
    (0..4)
        .find(|p| (step * 10f64.powi(*p as i32)).fract().abs() < 1e-6)
        .unwrap_or(3)
}

/// Figures by year (solid line, labelled points, hollow where incomplete) against the target's
/// path or level (dashed, its value written at its end), on a value axis with gridlines.
pub fn yearly(
    title: &str,
    years: &[i64],
    figures: &[Point],
    path: &[(i64, f64)],
    scale: &Scale,
) -> String {
    let tk = ticks(
        figures
            .iter()
            .map(|p| p.value)
            .chain(path.iter().map(|(_, v)| *v)),
    );
    let (lo, hi) = (tk[0], tk[tk.len() - 1]);
    let n = years.len().max(2) as f64 - 1.0;
    let first = years.first().copied().unwrap_or(0);
    let x = |y: i64| LEFT + 24.0 + (y - first) as f64 * (W - LEFT - RIGHT - 48.0) / n;
    let y = |v: f64| TOP + (hi - v) / (hi - lo) * (H - TOP - BOTTOM);
    let mut s = format!(
        r##"<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg" font-size="{FONT}">"##,
        esc(title)
    );
    let places = tick_places(&tk);
    for t in &tk {
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{0:.1}" x2="{1}" y2="{0:.1}" stroke="#e1e1e1"/><text x="{2}" y="{3:.1}" text-anchor="end">{4}</text>"##,
            y(*t),
            W - RIGHT,
            LEFT - 6.0,
            y(*t) + 5.0,
            decimal_vn(*t, places)
        );
    }
    let _ = write!(
        s,
        r##"<text x="8" y="{}" font-size="13">{}</text><line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{b}" stroke="#444"/><line x1="{LEFT}" y1="{b}" x2="{}" y2="{b}" stroke="#444"/>"##,
        TOP - 12.0,
        esc(&scale.unit),
        W - RIGHT,
        b = H - BOTTOM
    );
    for yr in years {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{}" text-anchor="middle">{yr}</text>"##,
            x(*yr),
            H - BOTTOM + 22.0
        );
    }
    let line = |pts: &mut dyn Iterator<Item = (i64, f64)>| {
        pts.map(|(yr, v)| format!("{:.1},{:.1}", x(yr), y(v)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if let (Some(first_t), Some(last_t)) = (path.first(), path.last()) {
        let pts = if path.len() == 1 {
            vec![
                (first, first_t.1),
                (years.last().copied().unwrap_or(first), first_t.1),
            ]
        } else {
            path.to_vec()
        };
        let _ = write!(
            s,
            r##"<polyline points="{}" fill="none" stroke="{TARGET}" stroke-width="2" stroke-dasharray="7 5"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#444">Chỉ tiêu {}: {}</text>"##,
            line(&mut pts.iter().copied()),
            W - RIGHT - 4.0,
            y(last_t.1) - 8.0,
            last_t.0,
            esc(&scale.with_unit(last_t.1))
        );
    }
    if figures.len() > 1 {
        let _ = write!(
            s,
            r##"<polyline points="{}" fill="none" stroke="{INK}" stroke-width="2.5"/>"##,
            line(&mut figures.iter().map(|p| (p.year, p.value)))
        );
    }
    for p in figures {
        let (fill, note) = if p.complete {
            (INK, "")
        } else {
            ("#fff", " (chưa đủ số liệu)")
        };
        let _ = write!(
            s,
            r##"<circle cx="{0:.1}" cy="{1:.1}" r="5.5" fill="{fill}" stroke="{INK}" stroke-width="2.5"><title>{2}: {3}{note}</title></circle><text x="{0:.1}" y="{4:.1}" text-anchor="middle" font-weight="bold">{5}</text>"##,
            x(p.year),
            y(p.value),
            p.year,
            esc(&scale.with_unit(p.value)),
            y(p.value) - 11.0,
            esc(&scale.number(p.value))
        );
    }
    let _ = write!(
        s,
        r##"<g><line x1="72" y1="16" x2="100" y2="16" stroke="{INK}" stroke-width="2.5"/><circle cx="86" cy="16" r="5" fill="{INK}"/><text x="106" y="21">Số liệu đã duyệt</text><line x1="250" y1="16" x2="278" y2="16" stroke="{TARGET}" stroke-width="2" stroke-dasharray="7 5"/><text x="284" y="21">Chỉ tiêu</text>"##
    );
    if figures.iter().any(|p| !p.complete) {
        let _ = write!(
            s,
            r##"<circle cx="380" cy="16" r="5" fill="#fff" stroke="{INK}" stroke-width="2.5"/><text x="392" y="21">Chưa đủ số liệu (tạm tính)</text>"##
        );
    }
    s.push_str("</g></svg>");
    s
}

/// The target's path year by year (for the chart), from the base year or the first figure.
pub fn target_path(
    goal: Goal,
    first_year: i64,
    deadline: i64,
    series: &[(i64, f64)],
) -> Vec<(i64, f64)> {
    let base_of = |y: i64| series.iter().find(|(sy, _)| *sy == y).map(|(_, v)| *v);
    match goal {
        Goal::Level { value, .. } => (first_year..=deadline).map(|y| (y, value)).collect(),
        Goal::Growth { percent, base_year } => base_of(base_year).map_or_else(Vec::new, |b| {
            (base_year..=deadline)
                .map(|y| (y, b * (1.0 + percent / 100.0).powi((y - base_year) as i32)))
                .collect()
        }),
        Goal::Fall { points, base_year } => base_of(base_year).map_or_else(Vec::new, |b| {
            (base_year..=deadline)
                .map(|y| (y, (b - points * (y - base_year) as f64).max(0.0)))
                .collect()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn income() -> Scale {
        Scale {
            places: 1,
            unit: "triệu đ/người".into(),
        }
    }

    fn pt(year: i64, value: f64, complete: bool) -> Point {
        Point {
            year,
            value,
            complete,
        }
    }

    #[test]
    fn ticks_are_round_and_cover_the_values() {
        assert_eq!(
            ticks([70.0, 84.2, 90.0].into_iter()),
            vec![70.0, 75.0, 80.0, 85.0, 90.0]
        );
        assert_eq!(ticks([0.3, 4.8].into_iter()), vec![0.0, 2.0, 4.0, 6.0]);
        assert_eq!(tick_places(&[0.0, 0.5, 1.0]), 1);
    }

    #[test]
    fn yearly_chart_has_an_axis_the_target_value_and_hollow_incomplete_points() {
        let svg = yearly(
            "Thu nhập <bình quân>",
            &[2022, 2023, 2024, 2025],
            &[
                pt(2022, 70.0, true),
                pt(2023, 77.2, true),
                pt(2024, 84.2, false),
            ],
            &[(2022, 90.0), (2025, 90.0)],
            &income(),
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(
            svg.contains("Thu nhập &lt;bình quân&gt;"),
            "titles are escaped"
        );
        assert!(svg.contains(">84,2</text>"), "points carry their number");
        assert!(
            svg.contains(">triệu đ/người</text>"),
            "the axis names its unit"
        );
        assert!(
            svg.contains(">75</text>") && svg.contains(">85</text>"),
            "ticks"
        );
        assert!(svg.contains("Chỉ tiêu 2025: 90 triệu đ/người"));
        assert!(svg.contains("2024: 84,2 triệu đ/người (chưa đủ số liệu)"));
        assert_eq!(
            svg.matches(r##"fill="#fff" stroke"##).count(),
            2,
            "hollow point + legend"
        );
        assert!(svg.contains("Chưa đủ số liệu (tạm tính)"));
    }

    #[test]
    fn a_complete_series_has_no_hollow_point_nor_its_legend() {
        let svg = yearly(
            "x",
            &[2022, 2023],
            &[pt(2022, 1.0, true), pt(2023, 2.0, true)],
            &[],
            &income(),
        );
        assert!(!svg.contains("Chưa đủ số liệu"));
        assert!(!svg.contains(r##"fill="#fff" stroke"##));
    }
}
