//! Hand-checked cases: each explanation below was worked out on paper first.

use super::*;
use crate::indicators::{Indicator, Measure};

fn ind(measure: Measure, label: &str) -> Indicator {
    crate::indicators::tests::indicator(measure, label)
}

fn income() -> Indicator {
    ind(Measure::Vnd, "triệu đ/người")
}

const OVER_90: Goal = Goal::Level {
    comparator: Comparator::Gt,
    value: 90.0,
};

#[test]
fn income_on_track_reads_like_the_issue() {
    // 90 / 84,2 = 1,0689 → 6,9 %; 84,2 / 77,18 = 1,0910 → 9,1 % ≥ 6,9 %.
    let a = assess(
        &income(),
        OVER_90,
        2025,
        2024,
        &[(2023, 77.18), (2024, 84.2)],
    );
    assert_eq!(
        a.explanation,
        "2024: 84,2 triệu đ/người; cần trên 90 triệu đ/người năm 2025; cần tăng 6,9 % trong 1 năm; 2023–2024 đã tăng 9,1 %."
    );
    assert_eq!(a.status, Status::OnTrack);
    assert_eq!(a.latest, Some((2024, 84.2)));
}

#[test]
fn a_slow_pace_is_at_risk_and_a_falling_one_off_track() {
    // Needs 6,9 %; grew 4 % (≥ half of 6,9) → at risk; fell → off track.
    let slow = assess(
        &income(),
        OVER_90,
        2025,
        2024,
        &[(2023, 80.96), (2024, 84.2)],
    );
    assert_eq!(slow.status, Status::AtRisk);
    assert!(
        slow.explanation.ends_with("2023–2024 đã tăng 4 %."),
        "{}",
        slow.explanation
    );
    let falling = assess(
        &income(),
        OVER_90,
        2025,
        2024,
        &[(2023, 86.0), (2024, 84.2)],
    );
    assert_eq!(falling.status, Status::OffTrack);
    assert!(
        falling
            .explanation
            .ends_with("2023–2024 đã giảm 2,1 % (ngược chiều)."),
        "{}",
        falling.explanation
    );
}

#[test]
fn the_deadline_year_decides_and_later_years_are_ignored() {
    let met = assess(
        &income(),
        OVER_90,
        2025,
        2025,
        &[(2024, 84.2), (2025, 91.0)],
    );
    assert_eq!(met.status, Status::Achieved);
    assert!(met.explanation.ends_with("; đã đạt."));
    let missed = assess(
        &income(),
        OVER_90,
        2025,
        2025,
        &[(2024, 84.2), (2025, 89.0)],
    );
    assert_eq!(missed.status, Status::OffTrack);
    assert!(missed.explanation.ends_with("; không đạt."));
    // Looking back from 2026, the 2025 figure still decides.
    let later = assess(
        &income(),
        OVER_90,
        2025,
        2026,
        &[(2025, 91.0), (2026, 80.0)],
    );
    assert_eq!(
        (later.status, later.latest),
        (Status::Achieved, Some((2025, 91.0)))
    );
    // Exactly 90 is not "above 90".
    let exactly = assess(&income(), OVER_90, 2025, 2025, &[(2025, 90.0)]);
    assert_eq!(exactly.status, Status::OffTrack);
}

#[test]
fn a_passed_deadline_without_its_figure_is_not_judged_on_older_ones() {
    let a = assess(
        &income(),
        OVER_90,
        2025,
        2026,
        &[(2023, 77.18), (2024, 84.2)],
    );
    assert_eq!(a.status, Status::NoData);
    assert_eq!(
        a.explanation,
        "Chưa có số liệu được duyệt của năm 2025 (năm phải đạt); gần nhất là 2024: 84,2 triệu đ/người."
    );
}

#[test]
fn reached_early_counts_as_achieved_and_no_history_is_at_risk() {
    let early = assess(&income(), OVER_90, 2025, 2023, &[(2023, 92.0)]);
    assert_eq!(early.status, Status::Achieved);
    assert!(early.explanation.ends_with("đã đạt trước hạn."));
    let alone = assess(&income(), OVER_90, 2025, 2023, &[(2023, 80.0)]);
    assert_eq!(alone.status, Status::AtRisk);
    assert!(
        alone
            .explanation
            .contains("cần tăng 12,5 % trong 2 năm (6,1 %/năm)"),
        "{}",
        alone.explanation
    );
    assert!(
        alone
            .explanation
            .ends_with("chưa có số liệu năm trước để so sánh.")
    );
}

#[test]
fn percentages_move_by_points() {
    let bhyt = ind(Measure::Percent, "");
    let goal = Goal::Level {
        comparator: Comparator::Gt,
        value: 95.0,
    };
    let a = assess(&bhyt, goal, 2025, 2024, &[(2023, 90.0), (2024, 92.5)]);
    assert_eq!(
        a.explanation,
        "2024: 92,5 %; cần trên 95 % năm 2025; cần tăng 2,5 điểm trong 1 năm; 2023–2024 đã tăng 2,5 điểm."
    );
    assert_eq!(a.status, Status::OnTrack);
}

#[test]
fn no_income_poor_households_counts_down_to_zero() {
    let mut poor = ind(Measure::Count, "hộ");
    poor.name = "Số hộ nghèo về thu nhập".into();
    poor.direction = "lower".into();
    let goal = Goal::Level {
        comparator: Comparator::Le,
        value: 0.0,
    };
    let a = assess(&poor, goal, 2025, 2024, &[(2023, 9.0), (2024, 3.0)]);
    assert_eq!(
        a.explanation,
        "2024: 3 hộ; đến năm 2025 cần không còn hộ nghèo về thu nhập; cần giảm 3 hộ trong 1 năm; 2023–2024 đã giảm 6 hộ."
    );
    assert_eq!(a.status, Status::OnTrack);
}

#[test]
fn production_value_grows_thirteen_percent_a_year() {
    let gtsx = ind(Measure::Vnd, "tỷ đ");
    let goal = Goal::Growth {
        percent: 13.0,
        base_year: 2022,
    };
    // 1000 × 1,13² = 1.276,9.
    let on = assess(
        &gtsx,
        goal,
        2025,
        2024,
        &[(2022, 1000.0), (2023, 1130.0), (2024, 1276.9)],
    );
    assert_eq!(on.status, Status::OnTrack);
    assert_eq!(
        on.explanation,
        "2024: 1.276,9 tỷ đ; năm gốc 2022: 1.000 tỷ đ; tăng bình quân 13 %/năm, yêu cầu tăng 13 %/năm; theo lộ trình năm 2024 cần 1.276,9 tỷ đ."
    );
    // √1,24 = 1,1136 → 11,4 % ≥ 0,75 × 13 = 9,75 → at risk; √1,2 → 9,5 % → off track.
    let risk = assess(&gtsx, goal, 2025, 2024, &[(2022, 1000.0), (2024, 1240.0)]);
    assert_eq!(risk.status, Status::AtRisk);
    let off = assess(&gtsx, goal, 2025, 2024, &[(2022, 1000.0), (2024, 1200.0)]);
    assert_eq!(off.status, Status::OffTrack);
    // A value that fell says "giảm", not "tăng bình quân -4,9 %".
    let fell = assess(&gtsx, goal, 2025, 2024, &[(2022, 1000.0), (2024, 905.0)]);
    assert!(
        fell.explanation
            .contains("giảm bình quân 4,9 %/năm (ngược chiều), yêu cầu tăng 13 %/năm"),
        "{}",
        fell.explanation
    );
    let no_base = assess(&gtsx, goal, 2025, 2024, &[(2023, 1130.0), (2024, 1276.9)]);
    assert_eq!(no_base.status, Status::NoData);
    assert!(no_base.explanation.contains("năm gốc 2022"));
}

#[test]
fn poor_household_rate_falls_one_point_six_a_year() {
    let mut rate = ind(Measure::Percent, "");
    rate.name = "Tỷ lệ hộ nghèo".into();
    let goal = Goal::Fall {
        points: 1.6,
        base_year: 2022,
    };
    let on = assess(&rate, goal, 2025, 2024, &[(2022, 4.8), (2024, 1.5)]);
    assert_eq!(on.status, Status::OnTrack);
    assert_eq!(
        on.explanation,
        "2024: 1,5 %; năm gốc 2022: 4,8 %; lộ trình giảm 1,6 điểm/năm nên năm 2024 cần không quá 1,6 %; trong 2 năm đã giảm 3,3 điểm."
    );
    assert_eq!(
        assess(&rate, goal, 2025, 2024, &[(2022, 4.8), (2024, 2.2)]).status,
        Status::AtRisk
    );
    assert_eq!(
        assess(&rate, goal, 2025, 2024, &[(2022, 4.8), (2024, 3.0)]).status,
        Status::OffTrack
    );
    // In the deadline year the path is 0 (4,8 − 3 × 1,6 = 0): only 0 achieves it.
    assert_eq!(
        assess(&rate, goal, 2025, 2025, &[(2022, 4.8), (2025, 0.0)]).status,
        Status::Achieved
    );
    assert_eq!(
        assess(&rate, goal, 2025, 2025, &[(2022, 4.8), (2025, 0.3)]).status,
        Status::OffTrack
    );
}

#[test]
fn nothing_approved_is_no_data_and_paths_follow_the_goal() {
    let a = assess(&income(), OVER_90, 2025, 2024, &[]);
    assert_eq!(a.status, Status::NoData);
    assert_eq!(a.explanation, "Chưa có số liệu được duyệt đến năm 2024.");
    let p = crate::indicators::charts::target_path(
        Goal::Fall {
            points: 1.6,
            base_year: 2022,
        },
        2022,
        2025,
        &[(2022, 4.8)],
    );
    let rounded: Vec<(i64, f64)> = p
        .iter()
        .map(|(y, v)| (*y, (v * 10.0).round() / 10.0))
        .collect();
    assert_eq!(
        rounded,
        vec![(2022, 4.8), (2023, 3.2), (2024, 1.6), (2025, 0.0)]
    );
}

#[test]
fn a_figure_is_judged_as_it_is_shown() {
    // 89,96 % shows as «90 %» (one decimal): it meets «≥ 90 %» and is not «> 90 %».
    let share = ind(Measure::Percent, "");
    let at_least_90 = Goal::Level {
        comparator: Comparator::Ge,
        value: 90.0,
    };
    let met = assess(&share, at_least_90, 2024, 2024, &[(2024, 89.96)]);
    assert_eq!(met.status, Status::Achieved);
    assert_eq!(met.latest, Some((2024, 90.0)));
    assert!(
        met.explanation.starts_with("2024: 90 %;"),
        "{}",
        met.explanation
    );
    let above_90 = Goal::Level {
        comparator: Comparator::Gt,
        value: 90.0,
    };
    let not_above = assess(&share, above_90, 2024, 2024, &[(2024, 90.04)]);
    assert_eq!(not_above.status, Status::OffTrack);
    assert!(not_above.explanation.starts_with("2024: 90 %;"));
    // 89,94 shows as «89,9 %» and falls short, consistently.
    let short = assess(&share, at_least_90, 2024, 2024, &[(2024, 89.94)]);
    assert_eq!(short.status, Status::OffTrack);
    // At two declared decimals the same 89,96 is shown and judged as 89,96.
    let mut fine = share.clone();
    fine.decimals = 2;
    let a = assess(&fine, at_least_90, 2024, 2024, &[(2024, 89.96)]);
    assert_eq!(a.status, Status::OffTrack);
    assert!(a.explanation.starts_with("2024: 89,96 %;"));
}

#[test]
fn computed_figures_are_judged_at_their_shown_precision() {
    // A formula rate of 2 / 3 × 100 = 66,666… % shows «66,7 %» and meets «≥ 66,7 %».
    let rate = ind(Measure::Percent, "");
    let goal = Goal::Level {
        comparator: Comparator::Ge,
        value: 66.7,
    };
    let a = assess(&rate, goal, 2024, 2024, &[(2024, 2.0 / 3.0 * 100.0)]);
    assert_eq!(a.status, Status::Achieved, "{}", a.explanation);
    // A fall path is compared as shown: 1,64 shows «1,6 %», the path is «1,6 %» → on track.
    let fall = Goal::Fall {
        points: 1.6,
        base_year: 2022,
    };
    let on = assess(&rate, fall, 2025, 2024, &[(2022, 4.8), (2024, 1.64)]);
    assert_eq!(on.status, Status::OnTrack, "{}", on.explanation);
}

#[test]
fn a_fall_path_that_reaches_zero_reads_as_none_left() {
    let mut rate = ind(Measure::Percent, "");
    rate.name = "Tỷ lệ hộ nghèo".into();
    let goal = Goal::Fall {
        points: 1.6,
        base_year: 2022,
    };
    // 4,8 − 3 × 1,6 = 0 in 2025: the floor is met by reaching it, and said in the plan's words.
    let done = assess(&rate, goal, 2025, 2025, &[(2022, 4.8), (2025, 0.0)]);
    assert_eq!(done.status, Status::Achieved);
    assert_eq!(
        done.explanation,
        "2025: 0 %; năm gốc 2022: 4,8 %; lộ trình giảm 1,6 điểm/năm nên năm 2025 cần không còn hộ nghèo; trong 3 năm đã giảm 4,8 điểm."
    );
    // A figure that rose says so, and that it went the wrong way.
    let up = assess(&rate, goal, 2025, 2023, &[(2022, 4.8), (2023, 5.0)]);
    assert!(
        up.explanation
            .ends_with("trong 1 năm đã tăng 0,2 điểm (ngược chiều)."),
        "{}",
        up.explanation
    );
}

#[test]
fn none_left_speaks_of_what_is_counted() {
    assert_eq!(none_left("Tỷ lệ hộ nghèo"), "không còn hộ nghèo");
    assert_eq!(
        none_left("Số hộ nghèo về thu nhập"),
        "không còn hộ nghèo về thu nhập"
    );
    assert_eq!(
        none_left("Nợ đọng xây dựng cơ bản"),
        "không còn nợ đọng xây dựng cơ bản"
    );
}
