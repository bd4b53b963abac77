//! A contribution as typed into the form or a row of an import file, checked on its own (no
//! database): the same rules for both, so a row the form would refuse is refused by the import
//! with the same sentence, in the cell it belongs to.

use chrono::{Datelike, NaiveDate};

use super::Kind;
use crate::text;

/// Who gave, as the form or the file names them: `CN-12` a person of the register, `HGD-3` a
/// household, a unit's code (an enterprise, cooperative, organisation, office), or nothing
/// and a name for a donor from outside the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContributorRef {
    Person(i64),
    Household(i64),
    Unit(String),
    Outside(String),
}

impl ContributorRef {
    /// The code written in exports and read back by the import.
    pub fn code(&self) -> String {
        match self {
            ContributorRef::Person(id) => format!("CN-{id}"),
            ContributorRef::Household(id) => format!("HGD-{id}"),
            ContributorRef::Unit(code) => code.clone(),
            ContributorRef::Outside(_) => String::new(),
        }
    }
}

/// The strings a person typed (form fields or cells, in the import's column order).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Input {
    #[serde(default)]
    pub given_on: String,
    #[serde(default)]
    pub unit_code: String,
    #[serde(default)]
    pub contributor: String,
    #[serde(default)]
    pub outside_name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub quantity: String,
    #[serde(default)]
    pub stated_value: String,
    #[serde(default)]
    pub stated_source: String,
    #[serde(default)]
    pub work: String,
    #[serde(default)]
    pub note: String,
}

/// The fields of [`Input`] in the import's column order (a problem names its column).
pub const FIELDS: [&str; 10] = [
    "given_on",
    "unit_code",
    "contributor",
    "outside_name",
    "kind",
    "quantity",
    "stated_value",
    "stated_source",
    "work",
    "note",
];

/// A checked contribution, not yet matched against the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub given_on: NaiveDate,
    pub unit_code: String,
    pub contributor: ContributorRef,
    pub kind: Kind,
    /// Hundredths of the kind's unit (120,5 m² is 12 050; cash is đồng × 100).
    pub quantity: i64,
    /// A value stated with its source, used instead of the unit's price.
    pub stated: Option<(i64, String)>,
    pub work_id: Option<i64>,
    pub note: String,
}

impl Checked {
    pub fn year(&self) -> i64 {
        i64::from(self.given_on.year())
    }
}

fn kind_of(s: &str) -> Option<Kind> {
    let folded = text::fold(s);
    Kind::ALL
        .into_iter()
        .find(|k| k.code() == s.trim() || text::fold(k.label()) == folded)
}

/// A person or household of the register named by its code (`CN-12`, `HGD-3`), or None.
pub fn subject_code(code: &str) -> Option<ContributorRef> {
    match contributor_of(code, "x") {
        Ok(r @ (ContributorRef::Person(_) | ContributorRef::Household(_))) => Some(r),
        _ => None,
    }
}

fn contributor_of(code: &str, name: &str) -> Result<ContributorRef, String> {
    let code = code.trim().to_uppercase();
    let id = |rest: &str| {
        rest.parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("Mã «{code}» không đúng: CN-số hoặc HGD-số."))
    };
    if code.is_empty() {
        if name.is_empty() {
            return Err(
                "Chọn người đóng góp trong sổ, hoặc ghi tên nhà hảo tâm ngoài địa bàn.".into(),
            );
        }
        Ok(ContributorRef::Outside(name.to_string()))
    } else if let Some(rest) = code.strip_prefix("CN-") {
        Ok(ContributorRef::Person(id(rest)?))
    } else if let Some(rest) = code.strip_prefix("HGD-") {
        Ok(ContributorRef::Household(id(rest)?))
    } else {
        Ok(ContributorRef::Unit(code))
    }
}

/// Checks every field and gives all the problems at once, by field name.
pub fn check(i: &Input, today: NaiveDate) -> Result<Checked, Vec<(&'static str, String)>> {
    let mut errors: Vec<(&'static str, String)> = Vec::new();
    let mut field = |name: &'static str, s: &str, max: usize| match text::clean_limited(s, max) {
        Ok(v) => v,
        Err(m) => {
            errors.push((name, m));
            String::new()
        }
    };
    let unit_code = field("unit_code", &i.unit_code, 60).to_uppercase();
    let outside_name = field("outside_name", &i.outside_name, 200);
    let stated_source = field("stated_source", &i.stated_source, 300);
    let note = field("note", &i.note, 1000);
    let given_on = text::parse_date(&i.given_on);
    match given_on {
        None => errors.push(("given_on", "Ngày không hợp lệ (ví dụ 15/03/2024).".into())),
        Some(d) if d > today => {
            errors.push(("given_on", format!("Ngày {} chưa đến.", text::date_vn(d))))
        }
        Some(_) => {}
    }
    if unit_code.is_empty() {
        errors.push(("unit_code", "Chưa chọn đơn vị nhận đóng góp.".into()));
    }
    let contributor = contributor_of(&i.contributor, &outside_name)
        .map_err(|m| errors.push(("contributor", m)))
        .ok();
    let kind = kind_of(&i.kind);
    if kind.is_none() {
        errors.push((
            "kind",
            "Hình thức phải là: Tiền mặt, Hiến đất, Tài sản, vật tư hoặc Ngày công lao động."
                .into(),
        ));
    }
    let quantity = match text::parse_exact_vn(&i.quantity) {
        Err(m) => {
            errors.push(("quantity", m));
            None
        }
        Ok(x) => match x.as_scaled(2) {
            Some(q) if q > 0 => Some(q),
            Some(_) => {
                errors.push(("quantity", "Số lượng phải lớn hơn 0.".into()));
                None
            }
            None => {
                errors.push(("quantity", "Số lượng ghi tối đa 2 chữ số thập phân.".into()));
                None
            }
        },
    };
    if let (Some(Kind::Cash), Some(q)) = (kind, quantity)
        && q % 100 != 0
    {
        errors.push((
            "quantity",
            "Số tiền tính bằng đồng, không có phần lẻ.".into(),
        ));
    }
    let stated = if i.stated_value.trim().is_empty() {
        None
    } else {
        match text::parse_exact_vn(&i.stated_value).map(|x| x.as_scaled(0)) {
            Ok(Some(v)) if v >= 0 => Some(v),
            Ok(_) => {
                errors.push((
                    "stated_value",
                    "Giá trị là số đồng nguyên, không âm.".into(),
                ));
                None
            }
            Err(m) => {
                errors.push(("stated_value", m));
                None
            }
        }
    };
    if stated.is_some() && stated_source.is_empty() {
        errors.push((
            "stated_source",
            "Giá trị nêu phải ghi nguồn (biên bản định giá, hóa đơn…).".into(),
        ));
    }
    if stated.is_some() && kind == Some(Kind::Cash) {
        errors.push((
            "stated_value",
            "Tiền mặt không cần quy đổi: để trống giá trị nêu.".into(),
        ));
    }
    let work_id = if i.work.trim().is_empty() {
        None
    } else {
        match i.work.trim().parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                errors.push(("work", "Mã công trình là một số.".into()));
                None
            }
        }
    };
    match (given_on, contributor, kind, quantity, errors.is_empty()) {
        (Some(given_on), Some(contributor), Some(kind), Some(quantity), true) => Ok(Checked {
            given_on,
            unit_code,
            contributor,
            kind,
            quantity,
            stated: stated.map(|v| (v, stated_source)),
            work_id,
            note,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
    }

    fn land() -> Input {
        Input {
            given_on: "15/03/2024".into(),
            unit_code: "hl-bh".into(),
            contributor: "hgd-7".into(),
            kind: "Hiến đất".into(),
            quantity: "120,5".into(),
            ..Input::default()
        }
    }

    #[test]
    fn a_household_land_gift_reads_as_the_official_typed_it() {
        let c = check(&land(), today()).unwrap();
        assert_eq!(c.contributor, ContributorRef::Household(7));
        assert_eq!((c.kind, c.quantity, c.year()), (Kind::Land, 12_050, 2024));
        assert_eq!(c.unit_code, "HL-BH");
        assert_eq!(c.stated, None);
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let bad = Input {
            given_on: "31/02/2024".into(),
            kind: "đất".into(),
            quantity: "-3".into(),
            stated_value: "5.000.000".into(),
            ..land()
        };
        let fields: Vec<&str> = check(&bad, today())
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["given_on", "kind", "quantity", "stated_source"]);
    }

    #[test]
    fn cash_is_whole_dong_and_an_outside_donor_needs_a_name() {
        let cash = Input {
            contributor: String::new(),
            outside_name: "Ông Nguyễn Văn A (TP Hồ Chí Minh)".into(),
            kind: "cash".into(),
            quantity: "80.000.000".into(),
            ..land()
        };
        let c = check(&cash, today()).unwrap();
        assert_eq!(c.quantity, 8_000_000_000);
        assert!(matches!(c.contributor, ContributorRef::Outside(_)));
        let odd = Input {
            quantity: "100,5".into(),
            ..cash.clone()
        };
        assert!(check(&odd, today()).is_err());
        let nobody = Input {
            outside_name: String::new(),
            ..cash
        };
        assert_eq!(check(&nobody, today()).unwrap_err()[0].0, "contributor");
    }

    #[test]
    fn a_future_date_is_refused() {
        let later = Input {
            given_on: "07/12/2026".into(),
            ..land()
        };
        assert!(check(&later, today()).is_err());
    }
}
