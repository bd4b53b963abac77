//! Reward money: coefficient × the base salary in force on the decision date, rounded up to the
//! next 10,000 đ (Decree 98/2023; Decree 152/2025 Art. 49(2)), in whole đồng with the
//! coefficient as an exact count of thousandths — never floating point: 0.55 × 1,800,000 in
//! binary floating point is a hair above 990,000 and a naive round-up gives 1,000,000.

use chrono::NaiveDate;

/// Rewards are paid in steps of this many đồng, rounded up (Decree 152/2025 Art. 49(2)).
pub const STEP: i64 = 10_000;

/// A coefficient of the base salary, in thousandths (0,3 → 300; 1,5 → 1,500).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Coefficient(pub i64);

impl Coefficient {
    /// Reads "0,3", "0.3", "1,5" or "2": at most three decimals, not negative, at most 100.
    /// Errors are Vietnamese sentences for the form.
    pub fn parse(s: &str) -> Result<Coefficient, String> {
        let t = s.trim().replace(',', ".");
        let bad = || format!("Hệ số «{}» không hợp lệ: ghi như 0,3 hoặc 1,5.", s.trim());
        if t.is_empty() {
            return Err("Chưa nhập hệ số.".into());
        }
        let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
        if whole.is_empty() && frac.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
        {
            return Err(bad());
        }
        if frac.len() > 3 {
            return Err(format!("Hệ số «{}» có quá ba chữ số thập phân.", s.trim()));
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad())?
        };
        let frac: i64 = format!("{frac:0<3}").parse().map_err(|_| bad())?;
        if whole > 100 {
            return Err(format!("Hệ số «{}» quá lớn.", s.trim()));
        }
        Ok(Coefficient(whole * 1_000 + frac))
    }

    /// "0,3", "1,5", "2" — as the decrees write them.
    pub fn text(self) -> String {
        let (w, f) = (self.0 / 1_000, self.0 % 1_000);
        if f == 0 {
            return w.to_string();
        }
        let f = format!("{f:03}");
        format!("{w},{}", f.trim_end_matches('0'))
    }
}

/// `amount` đồng rounded up to the next `STEP` (an exact multiple stays as it is).
pub fn round_up(amount: i128) -> i64 {
    let step = i128::from(STEP);
    let steps = (amount + step - 1).div_euclid(step);
    i64::try_from(steps * step).unwrap_or(i64::MAX)
}

/// `c` × `base` (whole đồng) rounded up to the next 10,000 đ, computed on the exact product.
/// 0,3 × 2,340,000 = 702,000 → 710,000; 0,6 × 2,340,000 = 1,404,000 → 1,410,000.
pub fn amount(c: Coefficient, base: i64) -> i64 {
    // c/1000 × base rounded up to STEP = ceil(c × base / (1000 × STEP)) × STEP.
    let exact = i128::from(c.0) * i128::from(base);
    let unit = 1_000 * i128::from(STEP);
    let steps = (exact + unit - 1).div_euclid(unit);
    i64::try_from(steps * i128::from(STEP)).unwrap_or(i64::MAX)
}

/// How a household's money is rounded when the decree sets it as a multiple of the
/// individual amount (Decree 152/2025 Art. 54: 1.5 × individual). Open in the reference
/// facts, so a setting; the default is `Once`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HouseholdRounding {
    /// 1,5 × 0,3 = 0,45 × base, rounded once: 2,340,000 → 1,053,000 → 1,060,000.
    Once,
    /// The rounded individual amount × 1,5, rounded again: 710,000 × 1,5 = 1,065,000 → 1,070,000.
    OfRoundedIndividual,
}

impl HouseholdRounding {
    pub fn code(self) -> &'static str {
        match self {
            HouseholdRounding::Once => "once",
            HouseholdRounding::OfRoundedIndividual => "of_rounded_individual",
        }
    }

    pub fn from_code(s: &str) -> HouseholdRounding {
        if s == "of_rounded_individual" {
            HouseholdRounding::OfRoundedIndividual
        } else {
            HouseholdRounding::Once
        }
    }
}

/// What a coefficient row says for one subject kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rate {
    /// × base salary.
    OfBase(Coefficient),
    /// × the individual amount of the same form, level and period (households).
    OfIndividual(Coefficient),
}

/// The household's money from the individual coefficient `individual` and `factor`.
pub fn household_amount(
    individual: Coefficient,
    factor: Coefficient,
    base: i64,
    rounding: HouseholdRounding,
) -> i64 {
    match rounding {
        HouseholdRounding::Once => {
            let exact = i128::from(individual.0) * i128::from(factor.0) * i128::from(base);
            let unit = 1_000_000 * i128::from(STEP);
            let steps = (exact + unit - 1).div_euclid(unit);
            i64::try_from(steps * i128::from(STEP)).unwrap_or(i64::MAX)
        }
        HouseholdRounding::OfRoundedIndividual => amount(factor, amount(individual, base)),
    }
}

/// One row of the base-salary table: in force from `from` (until the next row), in đồng per
/// month, its legal basis, and whether it is confirmed (Decree 161/2026 is seen only in
/// secondary sources: "cần xác nhận").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseSalary {
    pub from: NaiveDate,
    pub amount: i64,
    pub basis: String,
    pub confirmed: bool,
}

/// The base salary in force on `on`: the latest row starting on or before it.
pub fn base_on(table: &[BaseSalary], on: NaiveDate) -> Option<&BaseSalary> {
    table.iter().filter(|b| b.from <= on).max_by_key(|b| b.from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Coefficient {
        Coefficient::parse(s).unwrap()
    }

    #[test]
    fn the_decree_examples_round_up_to_the_next_ten_thousand() {
        assert_eq!(amount(c("0,3"), 2_340_000), 710_000);
        assert_eq!(amount(c("0,6"), 2_340_000), 1_410_000);
        assert_eq!(amount(c("0,55"), 1_800_000), 990_000, "no float drift");
        assert_eq!(amount(c("1"), 1_800_000), 1_800_000, "a multiple stays");
        assert_eq!(amount(c("0,3"), 1_800_000), 540_000);
        assert_eq!(amount(c("0,15"), 1_490_000), 230_000);
        assert_eq!(amount(c("0,3"), 2_530_000), 760_000);
    }

    #[test]
    fn household_rounding_is_the_setting_s_choice() {
        let (i, f) = (c("0,3"), c("1,5"));
        assert_eq!(
            household_amount(i, f, 2_340_000, HouseholdRounding::Once),
            1_060_000
        );
        assert_eq!(
            household_amount(i, f, 2_340_000, HouseholdRounding::OfRoundedIndividual),
            1_070_000
        );
    }

    #[test]
    fn coefficients_read_as_the_decrees_write_them() {
        assert_eq!(c("0,3"), Coefficient(300));
        assert_eq!(c("0.15"), Coefficient(150));
        assert_eq!(c("2"), Coefficient(2_000));
        assert_eq!(c(",5"), Coefficient(500));
        assert_eq!(c("1,5").text(), "1,5");
        assert_eq!(c("0,15").text(), "0,15");
        assert_eq!(c("2").text(), "2");
        for bad in ["", "-0,3", "0,3333", "abc", "1,2,3", ".", "1e3", "101"] {
            assert!(Coefficient::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_base_salary_is_the_one_in_force_on_the_decision_date() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let t =
            [(2019, 1_490_000), (2023, 1_800_000), (2024, 2_340_000)].map(|(y, a)| BaseSalary {
                from: d(y, 7, 1),
                amount: a,
                basis: String::new(),
                confirmed: true,
            });
        assert_eq!(base_on(&t, d(2023, 6, 30)).unwrap().amount, 1_490_000);
        assert_eq!(base_on(&t, d(2023, 7, 1)).unwrap().amount, 1_800_000);
        assert_eq!(base_on(&t, d(2024, 6, 30)).unwrap().amount, 1_800_000);
        assert_eq!(base_on(&t, d(2024, 7, 1)).unwrap().amount, 2_340_000);
        assert!(base_on(&t, d(2019, 6, 30)).is_none());
    }

    #[test]
    fn round_up_keeps_multiples() {
        assert_eq!(round_up(0), 0);
        assert_eq!(round_up(1), 10_000);
        assert_eq!(round_up(10_000), 10_000);
        assert_eq!(round_up(10_001), 20_000);
    }
}
