//! Charts drawn on the server as SVG: no script, readable on paper (the target is dashed, the
//! figures solid, every point labelled with its value, so nothing depends on colour).

use super::progress::Goal;
use std::fmt::Write;

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 36.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The value range to draw, with room above and zero included when close.
fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = values.fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v), h.max(v)));
    if lo > hi {
        return (0.0, 1.0);
    }
    if lo > 0.0 && lo < hi * 0.6 {
        lo = 0.0;
    }
    if (hi - lo).abs() < 1e-9 {
        hi = lo + 1.0;
        lo = (lo - 1.0).min(0.0).max(lo - 1.0);
    }
    let pad = (hi - lo) * 0.1;
    (if lo == 0.0 { 0.0 } else { lo - pad }, hi + pad)
}

/// Figures by year (solid, labelled) against the target's path (dashed).
pub fn yearly(
    title: &str,
    years: &[i64],
    figures: &[(i64, f64)],
    path: &[(i64, f64)],
    show: &dyn Fn(f64) -> String,
) -> String {
    let (lo, hi) = bounds(figures.iter().chain(path).map(|(_, v)| *v));
    let n = years.len().max(2) as f64 - 1.0;
    let first = years.first().copied().unwrap_or(0);
    let x = |y: i64| LEFT + (y - first) as f64 * (W - LEFT - RIGHT) / n;
    let y = |v: f64| TOP + (hi - v) / (hi - lo) * (H - TOP - BOTTOM);
    let mut s = format!(
        r##"<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"##,
        esc(title)
    );
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" y1="{}" x2="{}" y2="{}" stroke="#444"/>"##,
        H - BOTTOM,
        W - RIGHT,
        H - BOTTOM
    );
    for yr in years {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{}" text-anchor="middle" font-size="12">{yr}</text>"##,
            x(*yr),
            H - BOTTOM + 18.0
        );
    }
    let line = |pts: &[(i64, f64)]| {
        pts.iter()
            .map(|(yr, v)| format!("{:.1},{:.1}", x(*yr), y(*v)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if path.len() > 1 {
        let _ = write!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#777" stroke-width="2" stroke-dasharray="6 4"><title>Lộ trình chỉ tiêu</title></polyline>"##,
            line(path)
        );
    }
    if figures.len() > 1 {
        let _ = write!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#1f4e79" stroke-width="2.5"/>"##,
            line(figures)
        );
    }
    for (yr, v) in figures {
        let _ = write!(
            s,
            r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="#1f4e79"/><text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11">{}</text>"##,
            x(*yr),
            y(*v),
            x(*yr),
            y(*v) - 8.0,
            esc(&show(*v))
        );
    }
    s.push_str(r##"<g font-size="11"><line x1="60" y1="8" x2="84" y2="8" stroke="#1f4e79" stroke-width="2.5"/><text x="90" y="12">Số liệu đã duyệt</text><line x1="220" y1="8" x2="244" y2="8" stroke="#777" stroke-width="2" stroke-dasharray="6 4"/><text x="250" y="12">Chỉ tiêu</text></g>"##);
    s.push_str("</svg>");
    s
}

/// One bar per unit (missing figures drawn as an empty slot), with the target as a dashed line.
pub fn by_unit(
    title: &str,
    bars: &[(String, Option<f64>)],
    target: Option<f64>,
    show: &dyn Fn(f64) -> String,
) -> String {
    let row = 26.0;
    let label_w = 190.0;
    let height = TOP + row * bars.len().max(1) as f64 + 10.0;
    let (_, hi) = bounds(bars.iter().filter_map(|(_, v)| *v).chain(target));
    let hi = hi.max(1e-9);
    let scale = |v: f64| (v.max(0.0) / hi) * (W - label_w - 90.0);
    let mut s = format!(
        r##"<svg class="chart" viewBox="0 0 {W} {height}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"##,
        esc(title)
    );
    for (n, (name, v)) in bars.iter().enumerate() {
        let top = TOP + n as f64 * row;
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" font-size="12">{}</text>"##,
            label_w - 6.0,
            top + 15.0,
            esc(name)
        );
        match v {
            Some(v) => {
                let _ = write!(
                    s,
                    r##"<rect x="{label_w}" y="{top:.1}" width="{:.1}" height="18" fill="#1f4e79"/><text x="{:.1}" y="{:.1}" font-size="11">{}</text>"##,
                    scale(*v),
                    label_w + scale(*v) + 4.0,
                    top + 14.0,
                    esc(&show(*v))
                );
            }
            None => {
                let _ = write!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" font-size="11" font-style="italic">chưa có số liệu được duyệt</text>"##,
                    label_w + 4.0,
                    top + 14.0
                );
            }
        }
    }
    if let Some(t) = target {
        let tx = label_w + scale(t);
        let _ = write!(
            s,
            r##"<line x1="{tx:.1}" y1="{}" x2="{tx:.1}" y2="{:.1}" stroke="#777" stroke-width="2" stroke-dasharray="6 4"><title>Chỉ tiêu {}</title></line>"##,
            TOP - 6.0,
            height - 6.0,
            esc(&show(t))
        );
    }
    s.push_str("</svg>");
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

    #[test]
    fn yearly_chart_labels_points_and_dashes_the_target() {
        let svg = yearly(
            "Thu nhập <bình quân>",
            &[2022, 2023, 2024, 2025],
            &[(2022, 70.0), (2023, 77.2), (2024, 84.2)],
            &[(2022, 90.0), (2025, 90.0)],
            &|v| format!("{v:.1}"),
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(
            svg.contains("Thu nhập &lt;bình quân&gt;"),
            "titles are escaped"
        );
        assert!(svg.contains(">84.2</text>"));
        assert!(svg.contains("stroke-dasharray"));
        assert_eq!(svg.matches("<circle").count(), 3);
    }

    #[test]
    fn bars_show_missing_units_as_such() {
        let svg = by_unit(
            "BHYT",
            &[
                ("Phường Bắc Hồng".into(), Some(96.0)),
                ("Phường Đậu Liêu".into(), None),
            ],
            Some(95.0),
            &|v| format!("{v} %"),
        );
        assert_eq!(svg.matches("<rect").count(), 1);
        assert!(svg.contains("chưa có số liệu được duyệt"));
        assert!(svg.contains("Chỉ tiêu 95 %"));
    }
}
