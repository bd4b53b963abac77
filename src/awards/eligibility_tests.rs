//! Tests of the eligibility checks, beside `eligibility.rs`.

use super::*;
use crate::resources::Comparator;

fn with_mark(total: i64) -> Facts {
    Facts {
        year: 2024,
        contributions: vec![("cash".into(), total)],
        contributions_link: "/ca-nhan/1".into(),
        mark: Some((
            Mark {
                threshold: 80_000_000,
                comparator: Comparator::AtLeast,
            },
            "từ 80.000.000 đ trở lên (Kế hoạch V.1.g)".into(),
        )),
        ..Facts::default()
    }
}

#[test]
fn g_passes_at_the_mark_and_fails_one_dong_below() {
    assert_eq!(
        judge(Category::G, &with_mark(80_000_000))[0].outcome,
        Outcome::Pass
    );
    let below = &judge(Category::G, &with_mark(79_999_999))[0];
    assert_eq!(below.outcome, Outcome::Fail);
    assert!(below.reason.contains("79.999.999"), "{}", below.reason);
}

#[test]
fn g_without_a_mark_needs_review_never_a_built_in_number() {
    let f = Facts {
        mark: None,
        ..with_mark(100_000_000)
    };
    assert_eq!(judge(Category::G, &f)[0].outcome, Outcome::Review);
}

#[test]
fn b_reads_the_recognition_and_cites_it() {
    let mut f = Facts {
        year: 2023,
        ..Facts::default()
    };
    assert_eq!(judge(Category::B, &f)[0].outcome, Outcome::Fail);
    f.recognitions.push((
        "NTM_NC_2021".into(),
        Cited {
            text: "QĐ 12/QĐ-UBND".into(),
            link: "/cong-nhan/3".into(),
        },
    ));
    let c = &judge(Category::B, &f)[0];
    assert_eq!(c.outcome, Outcome::Pass);
    assert_eq!(c.link.as_deref(), Some("/cong-nhan/3"));
}

#[test]
fn f_counts_land_assets_labour_not_cash() {
    let mut f = Facts {
        year: 2024,
        contributions: vec![("cash".into(), 5_000_000)],
        ..Facts::default()
    };
    assert_eq!(judge(Category::F, &f)[0].outcome, Outcome::Fail);
    f.contributions.push(("land".into(), 30_000_000));
    assert_eq!(judge(Category::F, &f)[0].outcome, Outcome::Pass);
}

#[test]
fn d_needs_three_stars_or_a_sponsorship() {
    let mut f = Facts::default();
    let c = |t: &str| Cited {
        text: t.into(),
        link: "/ocop/1".into(),
    };
    f.ocop.push((2, c("Chè xanh")));
    assert_eq!(judge(Category::D, &f)[0].outcome, Outcome::Fail);
    f.ocop.push((3, c("Chè búp")));
    assert_eq!(judge(Category::D, &f)[0].outcome, Outcome::Pass);
}

#[test]
fn categories_fit_their_subjects() {
    assert!(Category::B.fits("unit", Some("ward")));
    assert!(!Category::B.fits("unit", Some("village")));
    assert!(Category::G.fits("person", None));
    assert!(!Category::G.fits("household", None));
    assert!(Category::H.fits("outside", None));
    for c in Category::ALL {
        assert_eq!(Category::from_code(c.code()), Some(c));
    }
}
