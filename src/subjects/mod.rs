//! Subjects: persons and households (enterprises and cooperatives are units). One profile page
//! per subject, made of sections that later capabilities add to.

pub mod export_web;
pub mod households_web;
pub mod profile;
pub mod store;
pub mod web;

use crate::text;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Person {
    pub id: i64,
    pub full_name: String,
    pub birth_year: Option<i64>,
    pub gender: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub household_id: Option<i64>,
    pub position: String,
    pub phone: String,
    pub citizen_id: String,
    pub is_demo: bool,
}

impl Person {
    pub fn gender_label(&self) -> &'static str {
        gender_label(&self.gender)
    }
}

pub fn gender_label(code: &str) -> &'static str {
    match code {
        "nam" => "Nam",
        "nu" => "Nữ",
        _ => "Khác",
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Household {
    pub id: i64,
    pub head_name: String,
    pub address: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub is_demo: bool,
}

/// A block of a subject's profile page. Each capability contributes its own (achievements,
/// contributions, OCOP products, awards…), so the page grows without its handler changing.
#[derive(Clone, Debug)]
pub struct ProfileSection {
    pub title: String,
    /// (label, value, link)
    pub rows: Vec<(String, String, String)>,
    pub empty: String,
}

/// What a person typed into the person form.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct PersonInput {
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub birth_year: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub unit_code: String,
    #[serde(default)]
    pub household_id: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub citizen_id: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValidPerson {
    pub full_name: String,
    pub birth_year: Option<i64>,
    pub gender: String,
    pub household_id: Option<i64>,
    pub position: String,
    pub phone: String,
    pub citizen_id: String,
}

/// Checks a person's fields; `this_year` bounds the birth year.
pub fn validate_person(
    i: &PersonInput,
    this_year: i64,
) -> Result<ValidPerson, Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    let full_name = text::clean(&i.full_name);
    if full_name.is_empty() {
        errors.push(("full_name", "Chưa nhập họ và tên.".to_string()));
    } else if full_name.chars().count() > 120 {
        errors.push(("full_name", "Họ và tên dài quá 120 ký tự.".to_string()));
    }
    let birth_year = match i.birth_year.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(y) if (1900..=this_year).contains(&y) => Some(y),
            _ => {
                errors.push((
                    "birth_year",
                    format!("Năm sinh phải là số từ 1900 đến {this_year}."),
                ));
                None
            }
        },
    };
    let gender = i.gender.trim().to_string();
    if !matches!(gender.as_str(), "nam" | "nu" | "khac") {
        errors.push(("gender", "Hãy chọn giới tính.".to_string()));
    }
    let household_id = match i.household_id.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(h) if h > 0 => Some(h),
            _ => {
                errors.push(("household_id", "Mã hộ gia đình phải là số.".to_string()));
                None
            }
        },
    };
    let phone: String = i
        .phone
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    if !phone.is_empty()
        && (phone.len() < 9
            || phone.len() > 12
            || !phone
                .trim_start_matches('+')
                .chars()
                .all(|c| c.is_ascii_digit()))
    {
        errors.push(("phone", "Số điện thoại chỉ gồm 9–12 chữ số.".to_string()));
    }
    let position = text::clean_limited(&i.position, 200).unwrap_or_else(|msg| {
        errors.push(("position", msg));
        String::new()
    });
    let citizen_id = i.citizen_id.trim().to_string();
    if !citizen_id.is_empty()
        && (citizen_id.len() != 12 || !citizen_id.chars().all(|c| c.is_ascii_digit()))
    {
        errors.push((
            "citizen_id",
            "Số định danh cá nhân (CCCD) gồm đúng 12 chữ số.".to_string(),
        ));
    }
    if errors.is_empty() {
        Ok(ValidPerson {
            full_name,
            birth_year,
            gender,
            household_id,
            position,
            phone,
            citizen_id,
        })
    } else {
        Err(errors)
    }
}

/// Shows only the last three digits of a citizen ID, for pages where the number is not needed.
pub fn mask_citizen_id(id: &str) -> String {
    if id.is_empty() {
        String::new()
    } else {
        format!("*********{}", &id[id.len().saturating_sub(3)..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_needs_a_name_and_sane_numbers() {
        let i = PersonInput {
            full_name: "  ".into(),
            birth_year: "1850".into(),
            gender: "x".into(),
            phone: "12ab".into(),
            citizen_id: "123".into(),
            ..Default::default()
        };
        let fields: Vec<_> = validate_person(&i, 2026)
            .unwrap_err()
            .into_iter()
            .map(|e| e.0)
            .collect();
        assert_eq!(
            fields,
            vec!["full_name", "birth_year", "gender", "phone", "citizen_id"]
        );
    }

    #[test]
    fn a_good_person_is_cleaned() {
        let i = PersonInput {
            full_name: "Nguyễn  Thị   Hoa".into(),
            birth_year: "1980".into(),
            gender: "nu".into(),
            phone: "0912 345 678".into(),
            citizen_id: "042180000123".into(),
            ..Default::default()
        };
        let v = validate_person(&i, 2026).unwrap();
        assert_eq!(v.full_name, "Nguyễn Thị Hoa");
        assert_eq!(v.phone, "0912345678");
        assert_eq!(mask_citizen_id(&v.citizen_id), "*********123");
    }
}
