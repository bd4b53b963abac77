//! The plan's award categories a–h (section V.1) and the eligibility each can read from the
//! records the other capabilities keep (issue 12, item 4): pass, fail or needs review, with
//! the reason and a link to the record that decides it. Thresholds come from the data (the
//! movement's `contribution_marks`), never from here. Pure: the facts are gathered by
//! `facts_store`.

use crate::resources::Mark;

/// A category of plan section V.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::A,
        Category::B,
        Category::C,
        Category::D,
        Category::E,
        Category::F,
        Category::G,
        Category::H,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::A => "a",
            Category::B => "b",
            Category::C => "c",
            Category::D => "d",
            Category::E => "e",
            Category::F => "f",
            Category::G => "g",
            Category::H => "h",
        }
    }

    pub fn from_code(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == s)
    }

    /// "b. Phường, xã" — the plan's own grouping (V.1).
    pub fn label(self) -> &'static str {
        match self {
            Category::A => "a. Mặt trận, đoàn thể, phòng, ban",
            Category::B => "b. Phường, xã",
            Category::C => "c. Thôn, tổ dân phố",
            Category::D => "d. Doanh nghiệp",
            Category::E => "e. Hợp tác xã, mô hình kinh tế",
            Category::F => "f. Hộ gia đình",
            Category::G => "g. Cá nhân",
            Category::H => "h. Tổ chức, cá nhân khác trong và ngoài thị xã",
        }
    }

    /// Whether a nominee of this kind fits the category: `subject_type` is "person",
    /// "household", "unit" or "outside" and `unit_kind` the unit's kind code.
    pub fn fits(self, subject_type: &str, unit_kind: Option<&str>) -> bool {
        let unit = |kinds: &[&str]| {
            subject_type == "unit" && unit_kind.is_some_and(|k| kinds.contains(&k))
        };
        match self {
            Category::A => unit(&[
                "department",
                "office",
                "front",
                "mass_org",
                "association",
                "school",
                "other",
            ]),
            Category::B => unit(&["ward", "commune"]),
            Category::C => unit(&["village", "residential_group", "street"]),
            Category::D => unit(&["enterprise"]),
            Category::E => unit(&["cooperative"]),
            Category::F => subject_type == "household",
            Category::G => subject_type == "person",
            Category::H => true,
        }
    }

    /// What the form says a nominee of the category must be.
    pub fn fits_text(self) -> &'static str {
        match self {
            Category::A => "một phòng, ban, Mặt trận hoặc đoàn thể",
            Category::B => "một phường hoặc xã",
            Category::C => "một thôn, tổ dân phố hoặc tuyến phố",
            Category::D => "một doanh nghiệp",
            Category::E => "một hợp tác xã",
            Category::F => "một hộ gia đình",
            Category::G => "một cá nhân",
            Category::H => "bất kỳ đối tượng nào",
        }
    }
}

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail,
    Review,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Review => "review",
        }
    }

    pub fn from_code(s: &str) -> Option<Outcome> {
        [Outcome::Pass, Outcome::Fail, Outcome::Review]
            .into_iter()
            .find(|o| o.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Pass => "Đạt",
            Outcome::Fail => "Không đạt",
            Outcome::Review => "Cần xem xét",
        }
    }
}

/// One eligibility check as the nomination page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub code: &'static str,
    pub label: &'static str,
    pub outcome: Outcome,
    pub reason: String,
    /// The record that decides it, if any.
    pub link: Option<String>,
}

/// A record the check can cite: its words and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    pub text: String,
    pub link: String,
}

/// What the records say about the nominee for the achievement's year.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub year: i64,
    /// Standing recognitions in the year: (criteria set code, citation).
    pub recognitions: Vec<(String, Cited)>,
    /// Civilised streets recognised in the nominee's subtree (category c).
    pub civilised_streets: Vec<Cited>,
    /// OCOP products owned by the nominee with their current stars.
    pub ocop: Vec<(i64, Cited)>,
    /// Sponsorships the nominee gives.
    pub sponsorships: Vec<Cited>,
    /// The nominee's contributions of the year: (kind code, value in đồng).
    pub contributions: Vec<(String, i64)>,
    /// Where the nominee's contributions are listed.
    pub contributions_link: String,
    /// The movement's mark for individuals' yearly contributions (category g), if set, with
    /// its words and source ("từ 80.000.000 đ trở lên (Kế hoạch …, mục V.1.g)").
    pub mark: Option<(Mark, String)>,
}

/// Recognition sets that make a ward or commune (category b).
pub const WARD_STANDARDS: [&str; 5] = [
    "NTM_XA_2021",
    "NTM_NC_2021",
    "NTM_KM_2021",
    "DTVM_PHUONG_HT",
    "NTM_XA_2026",
];

fn cited(f: &Facts, sets: &[&str]) -> Option<Cited> {
    f.recognitions
        .iter()
        .find(|(code, _)| sets.contains(&code.as_str()))
        .map(|(_, c)| c.clone())
}

fn found(code: &'static str, label: &'static str, c: Cited) -> Check {
    Check {
        code,
        label,
        outcome: Outcome::Pass,
        reason: c.text,
        link: Some(c.link),
    }
}

fn missing(code: &'static str, label: &'static str, reason: String, link: Option<String>) -> Check {
    Check {
        code,
        label,
        outcome: Outcome::Fail,
        reason,
        link,
    }
}

fn review(code: &'static str, label: &'static str, reason: &str) -> Check {
    Check {
        code,
        label,
        outcome: Outcome::Review,
        reason: reason.into(),
        link: None,
    }
}

fn gdvn(v: i64) -> String {
    crate::text::money_vnd(v)
}

/// The checks of `category` on `facts`. Categories whose standard is a judgement (a, e, h, the
/// "stand out" part of others) give "needs review" for the appraiser's note.
pub fn judge(category: Category, f: &Facts) -> Vec<Check> {
    let y = f.year;
    match category {
        Category::B => vec![match cited(f, &WARD_STANDARDS) {
            Some(c) => found(
                "standard",
                "Đạt chuẩn NTM / NTM nâng cao / kiểu mẫu / phường văn minh đô thị",
                c,
            ),
            None => missing(
                "standard",
                "Đạt chuẩn NTM / NTM nâng cao / kiểu mẫu / phường văn minh đô thị",
                format!("Không có quyết định công nhận đạt chuẩn còn hiệu lực trong năm {y}."),
                None,
            ),
        }],
        Category::C => {
            let label = "Khu dân cư kiểu mẫu hoặc có tuyến phố văn minh";
            vec![
                match (cited(f, &["KDC_KIEU_MAU"]), f.civilised_streets.first()) {
                    (Some(c), _) => found("model_area", label, c),
                    (None, Some(s)) => Check {
                        code: "model_area",
                        label,
                        outcome: Outcome::Pass,
                        reason: format!(
                            "{} tuyến phố văn minh được công nhận: {}",
                            f.civilised_streets.len(),
                            s.text
                        ),
                        link: Some(s.link.clone()),
                    },
                    (None, None) => missing(
                        "model_area",
                        label,
                        format!(
                            "Không có công nhận khu dân cư kiểu mẫu hay tuyến phố văn minh còn hiệu lực trong năm {y}."
                        ),
                        None,
                    ),
                },
            ]
        }
        Category::D => {
            let label = "Tài trợ, đỡ đầu được ghi nhận hoặc sản phẩm OCOP từ 3 sao";
            let star = f.ocop.iter().find(|(stars, _)| *stars >= 3);
            vec![match (star, f.sponsorships.first()) {
                (Some((stars, c)), _) => found(
                    "sponsor_or_ocop",
                    label,
                    Cited {
                        text: format!("{} ({stars} sao)", c.text),
                        link: c.link.clone(),
                    },
                ),
                (None, Some(s)) => found("sponsor_or_ocop", label, s.clone()),
                (None, None) => missing(
                    "sponsor_or_ocop",
                    label,
                    "Không có đỡ đầu, tài trợ được ghi nhận và không có sản phẩm OCOP từ 3 sao."
                        .into(),
                    None,
                ),
            }]
        }
        Category::F => {
            let label = "Gia đình «5 có», vườn mẫu, hoặc hiến đất, tài sản, ngày công";
            let gifts: i64 = f
                .contributions
                .iter()
                .filter(|(k, _)| matches!(k.as_str(), "land" | "assets" | "labour"))
                .map(|(_, v)| v)
                .sum();
            let n = f
                .contributions
                .iter()
                .filter(|(k, _)| matches!(k.as_str(), "land" | "assets" | "labour"))
                .count();
            vec![match cited(f, &["GIA_DINH_5_CO", "VUON_MAU"]) {
                Some(c) => found("household_standard", label, c),
                None if n > 0 => Check {
                    code: "household_standard",
                    label,
                    outcome: Outcome::Pass,
                    reason: format!(
                        "{n} lần hiến đất, tài sản hoặc ngày công trong năm {y}, quy ra {}",
                        gdvn(gifts)
                    ),
                    link: Some(f.contributions_link.clone()),
                },
                None => missing(
                    "household_standard",
                    label,
                    format!(
                        "Không có công nhận «5 có» hay vườn mẫu, không có hiến đất, tài sản, ngày công trong năm {y}."
                    ),
                    Some(f.contributions_link.clone()),
                ),
            }]
        }
        Category::G => {
            let label = "Đóng góp tiền, ngày công, đất trong năm đạt mức của phong trào";
            let total: i64 = f.contributions.iter().map(|(_, v)| v).sum();
            vec![match &f.mark {
                None => review(
                    "contribution_mark",
                    label,
                    "Phong trào chưa đặt mức đóng góp ghi nhận: người thẩm định xem xét.",
                ),
                Some((mark, words)) => Check {
                    code: "contribution_mark",
                    label,
                    outcome: if mark.reached(total) {
                        Outcome::Pass
                    } else {
                        Outcome::Fail
                    },
                    // `words` is the mark as the contributions pages say it, with its source.
                    reason: format!("Đóng góp năm {y}: {} — mức ghi nhận {words}.", gdvn(total)),
                    link: Some(f.contributions_link.clone()),
                },
            }]
        }
        Category::A => vec![review(
            "achievement",
            "Thành tích tham mưu, hướng dẫn, thực hiện tiêu chí",
            "Người thẩm định ghi nhận xét về thành tích.",
        )],
        Category::E => vec![review(
            "achievement",
            "Liên kết ổn định, doanh thu, nghĩa vụ, giúp hộ thoát nghèo",
            "Người thẩm định ghi nhận xét về thành tích.",
        )],
        Category::H => vec![review(
            "achievement",
            "Đóng góp công sức, trí tuệ, vật chất cho phong trào",
            "Người thẩm định ghi nhận xét về thành tích.",
        )],
    }
}

/// An appraiser's override of a check: the outcome they set and their written reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub code: String,
    pub outcome: Outcome,
    pub reason: String,
    pub by: String,
}

/// The checks with the overrides applied; the computed reason is kept beside the override's.
pub fn with_overrides(
    checks: Vec<Check>,
    overrides: &[Override],
) -> Vec<(Check, Option<Override>)> {
    checks
        .into_iter()
        .map(|c| {
            let o = overrides.iter().find(|o| o.code == c.code).cloned();
            (c, o)
        })
        .collect()
}

#[cfg(test)]
#[path = "eligibility_tests.rs"]
mod tests;
