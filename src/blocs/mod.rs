//! Emulation blocs (khối thi đua): groups of units under one owner unit that compete with each
//! other, with members kept per year because the grouping changes from year to year. Unit
//! scoring and bloc ranking (a later capability) read the members of a year from here.

pub mod compare;
pub mod compare_store;
pub mod members_web;
pub mod store;
pub mod web;

use crate::text;
use crate::units::Unit;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Bloc {
    pub id: i64,
    pub name: String,
    pub note: String,
    pub owner_unit_id: i64,
    pub owner_name: String,
    pub owner_path: String,
    pub is_demo: bool,
    pub version: i64,
}

/// A bloc row in a list, with how many members it has in the year shown.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BlocRow {
    pub id: i64,
    pub name: String,
    pub owner_name: String,
    pub is_demo: bool,
    pub members: i64,
}

/// What the bloc form sends.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct BlocInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub owner_code: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidBloc {
    pub name: String,
    pub owner_code: String,
    pub note: String,
}

pub fn validate(input: &BlocInput) -> Result<ValidBloc, Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    let name = text::clean(&input.name);
    if name.is_empty() {
        errors.push(("name", "Chưa nhập tên khối thi đua.".to_string()));
    } else if name.chars().count() > 200 {
        errors.push(("name", "Tên khối thi đua dài quá 200 ký tự.".to_string()));
    }
    let owner_code = input.owner_code.trim().to_string();
    if owner_code.is_empty() {
        errors.push((
            "owner_code",
            "Hãy nhập mã đơn vị tổ chức khối (ví dụ HL).".to_string(),
        ));
    }
    let note = text::clean(&input.note);
    if note.chars().count() > 1000 {
        errors.push(("note", "Ghi chú dài quá 1.000 ký tự.".to_string()));
    }
    if errors.is_empty() {
        Ok(ValidBloc {
            name,
            owner_code,
            note,
        })
    } else {
        Err(errors)
    }
}

pub use crate::text::{FIRST_YEAR, LAST_YEAR, parse_year};

/// Why `unit` cannot join a bloc owned by the unit at `owner_path` for `year`, if it cannot.
/// A member must sit below the owner and be in existence for at least part of the year.
pub fn membership_problem(owner_path: &str, unit: &Unit, year: i64) -> Option<String> {
    if unit.path == owner_path || !unit.path.starts_with(owner_path) {
        return Some(format!(
            "«{}» không thuộc đơn vị tổ chức khối, nên không thể là thành viên.",
            unit.name
        ));
    }
    if !unit.exists_in(year) {
        return Some(format!(
            "«{}» không còn hoặc chưa có hiệu lực trong năm {year} ({}).",
            unit.name,
            unit.validity()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn unit(path: &str, from: Option<(i32, u32, u32)>, to: Option<(i32, u32, u32)>) -> Unit {
        let day = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        Unit {
            id: 9,
            code: "X".into(),
            name: "Phường Đức Thuận".into(),
            kind: "ward".into(),
            parent_id: Some(2),
            path: path.into(),
            valid_from: from.map(day),
            valid_to: to.map(day),
            note: String::new(),
            is_demo: false,
            version: 1,
        }
    }

    #[test]
    fn members_sit_below_the_owner() {
        assert!(membership_problem("/1/2/", &unit("/1/2/9/", None, None), 2024).is_none());
        assert!(membership_problem("/1/2/", &unit("/1/2/", None, None), 2024).is_some());
        assert!(membership_problem("/1/2/", &unit("/1/3/9/", None, None), 2024).is_some());
        // "/1/2/" must not match "/1/22/": paths end in a slash for this reason.
        assert!(membership_problem("/1/2/", &unit("/1/22/9/", None, None), 2024).is_some());
    }

    #[test]
    fn members_exist_during_part_of_the_year() {
        let closed_mid_2025 = unit("/1/2/9/", None, Some((2025, 6, 30)));
        assert!(membership_problem("/1/2/", &closed_mid_2025, 2025).is_none());
        let msg = membership_problem("/1/2/", &closed_mid_2025, 2026).unwrap();
        assert!(msg.contains("năm 2026"), "{msg}");
        let new_mid_2025 = unit("/1/2/9/", Some((2025, 7, 1)), None);
        assert!(membership_problem("/1/2/", &new_mid_2025, 2024).is_some());
        assert!(membership_problem("/1/2/", &new_mid_2025, 2025).is_none());
    }

    #[test]
    fn years_are_bounded_and_bloc_names_required() {
        assert_eq!(parse_year(" 2024 "), Some(2024));
        assert_eq!(parse_year("1999"), None);
        assert_eq!(parse_year("hai nghìn"), None);
        let errs = validate(&BlocInput::default()).unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.0).collect();
        assert_eq!(fields, ["name", "owner_code"]);
        let ok = validate(&BlocInput {
            name: "  Khối   phường, xã ".into(),
            owner_code: " HL ".into(),
            note: String::new(),
        })
        .unwrap();
        assert_eq!(ok.name, "Khối phường, xã");
        assert_eq!(ok.owner_code, "HL");
    }
}
