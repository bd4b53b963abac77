//! The units below on one scale, as a dot plot: a bar from zero would hide the differences that
//! matter (96 % against 98 %), a dot on a scale that starts near the figures shows them. Each
//! dot says by colour *and* shape whether the unit meets the target (issue 8, item 11).

use super::charts::{FONT, INK, Scale, TARGET, W, esc, tick_places, ticks};
use super::progress::Comparator;
use crate::text::decimal_vn;
use std::fmt::Write;

const LABEL_W: f64 = 210.0;
const RIGHT: f64 = 80.0;
const ROW: f64 = 32.0;
const TOP: f64 = 44.0;
const MET: &str = "#2e7d32";
const SHORT: &str = "#b23a1c";

/// One unit's row: its name, its figure (None: no approved sheet) and whether the figure covers
/// every unit below it.
#[derive(Clone, Debug)]
pub struct UnitDot {
    pub name: String,
    pub value: Option<f64>,
    pub complete: bool,
}

/// A dot per unit on a shared scale with gridlines; the target as a dashed line with its value
/// written on it. `target` carries the comparator so a dot can say whether it is met, judged on
/// the figure as shown (`Comparator::holds`). A unit without figures reads as such in words.
pub fn by_unit(
    title: &str,
    dots: &[UnitDot],
    target: Option<(Comparator, f64)>,
    scale: &Scale,
) -> String {
    let values = dots.iter().filter_map(|d| d.value);
    let tk = ticks(values.chain(target.map(|(_, t)| t)));
    let (lo, hi) = (tk[0], tk[tk.len() - 1]);
    let plot_bottom = TOP + ROW * dots.len().max(1) as f64;
    let height = plot_bottom + 62.0;
    let x = |v: f64| LABEL_W + (v - lo) / (hi - lo) * (W - LABEL_W - RIGHT);
    let mut s = format!(
        r##"<svg class="chart" viewBox="0 0 {W} {height}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg" font-size="{FONT}">"##,
        esc(title)
    );
    let places = tick_places(&tk);
    for t in &tk {
        let _ = write!(
            s,
            r##"<line x1="{0:.1}" y1="{TOP}" x2="{0:.1}" y2="{plot_bottom}" stroke="#e1e1e1"/><text x="{0:.1}" y="{1}" text-anchor="middle">{2}</text>"##,
            x(*t),
            plot_bottom + 20.0,
            decimal_vn(*t, places)
        );
    }
    let _ = write!(
        s,
        r##"<line x1="{LABEL_W}" y1="{plot_bottom}" x2="{}" y2="{plot_bottom}" stroke="#444"/><text x="{}" y="{}" text-anchor="end" font-size="13">{}</text>"##,
        W - RIGHT,
        W - 8.0,
        plot_bottom + 20.0,
        esc(&scale.unit)
    );
    if let Some((_, t)) = target {
        let tx = x(t);
        let anchor = if tx > W / 2.0 { "end" } else { "start" };
        let _ = write!(
            s,
            r##"<line x1="{tx:.1}" y1="{}" x2="{tx:.1}" y2="{plot_bottom}" stroke="{TARGET}" stroke-width="2" stroke-dasharray="7 5"/><text x="{tx:.1}" y="{}" text-anchor="{anchor}" fill="#444">Chỉ tiêu: {}</text>"##,
            TOP - 14.0,
            TOP - 18.0,
            esc(&scale.with_unit(t))
        );
    }
    for (n, d) in dots.iter().enumerate() {
        let mid = TOP + n as f64 * ROW + ROW / 2.0;
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            LABEL_W - 10.0,
            mid + 5.0,
            esc(&d.name)
        );
        let Some(v) = d.value else {
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}" font-style="italic" fill="#555">chưa có số liệu được duyệt</text>"##,
                LABEL_W + 6.0,
                mid + 5.0
            );
            continue;
        };
        let met = target.map(|(c, t)| c.holds(v, t, scale.places as u32));
        let colour = match met {
            Some(false) => SHORT,
            Some(true) => MET,
            None => INK,
        };
        let fill = if d.complete { colour } else { "#fff" };
        let cx = x(v);
        let mark = if met == Some(false) {
            // A square for "not met", so the page reads the same in black and white.
            format!(
                r##"<rect x="{:.1}" y="{:.1}" width="12" height="12" fill="{fill}" stroke="{colour}" stroke-width="2.5"/>"##,
                cx - 6.0,
                mid - 6.0
            )
        } else {
            format!(
                r##"<circle cx="{cx:.1}" cy="{mid:.1}" r="6.5" fill="{fill}" stroke="{colour}" stroke-width="2.5"/>"##
            )
        };
        let verdict = match met {
            Some(true) => " – đạt chỉ tiêu",
            Some(false) => " – chưa đạt chỉ tiêu",
            None => "",
        };
        let partial = if d.complete {
            ""
        } else {
            " (chưa đủ số liệu)"
        };
        let _ = write!(
            s,
            r##"<line x1="{LABEL_W}" y1="{mid:.1}" x2="{:.1}" y2="{mid:.1}" stroke="#c9d6e3" stroke-width="1.5"/><g><title>{}: {}{verdict}{partial}</title>{mark}</g><text x="{:.1}" y="{:.1}" font-weight="bold">{}</text>"##,
            cx,
            esc(&d.name),
            esc(&scale.with_unit(v)),
            cx + 12.0,
            mid + 5.0,
            esc(&scale.number(v))
        );
    }
    let ly = height - 14.0;
    let _ = write!(s, r##"<g font-size="13">"##);
    if target.is_some() {
        let _ = write!(
            s,
            r##"<circle cx="{LABEL_W}" cy="{0}" r="6" fill="{MET}"/><text x="{1}" y="{2}">Đạt chỉ tiêu</text><rect x="{3}" y="{4}" width="12" height="12" fill="{SHORT}"/><text x="{5}" y="{2}">Chưa đạt</text>"##,
            ly - 4.0,
            LABEL_W + 12.0,
            ly + 1.0,
            LABEL_W + 118.0,
            ly - 10.0,
            LABEL_W + 136.0
        );
    }
    if dots.iter().any(|d| d.value.is_some() && !d.complete) {
        let _ = write!(
            s,
            r##"<circle cx="{0}" cy="{1}" r="6" fill="#fff" stroke="{INK}" stroke-width="2.5"/><text x="{2}" y="{3}">Chưa đủ số liệu (tạm tính)</text>"##,
            LABEL_W + 228.0,
            ly - 4.0,
            LABEL_W + 240.0,
            ly + 1.0
        );
    }
    s.push_str("</g></svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share() -> Scale {
        Scale {
            places: 1,
            unit: "%".into(),
        }
    }

    fn dot(name: &str, value: Option<f64>, complete: bool) -> UnitDot {
        UnitDot {
            name: name.into(),
            value,
            complete,
        }
    }

    #[test]
    fn dots_say_met_or_not_by_shape_and_missing_units_in_words() {
        let svg = by_unit(
            "BHYT",
            &[
                dot("Phường Bắc Hồng", Some(96.0), true),
                dot("Phường Nam Hồng", Some(93.5), true),
                dot("Phường Đậu Liêu", None, true),
            ],
            Some((Comparator::Ge, 95.0)),
            &share(),
        );
        assert!(svg.contains("Chỉ tiêu: 95 %"));
        assert!(svg.contains("Phường Bắc Hồng: 96 % – đạt chỉ tiêu"));
        assert!(svg.contains("Phường Nam Hồng: 93,5 % – chưa đạt chỉ tiêu"));
        assert!(svg.contains("chưa có số liệu được duyệt"));
        // One square for the unit short of the target, one in the legend.
        assert_eq!(svg.matches("<rect").count(), 2);
        // The scale starts near the figures, not at zero, so 93,5 and 96 sit apart.
        assert!(!svg.contains(">0</text>"));
        assert!(
            svg.contains(">93</text>") || svg.contains(">92</text>"),
            "{svg}"
        );
    }

    #[test]
    fn a_unit_built_from_incomplete_data_is_hollow() {
        let svg = by_unit("x", &[dot("Thị xã", Some(4.0), false)], None, &share());
        assert!(svg.contains(r##"fill="#fff" stroke"##));
        assert!(svg.contains("(chưa đủ số liệu)"));
        assert!(svg.contains("Chưa đủ số liệu (tạm tính)"));
    }
}
