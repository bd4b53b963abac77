//! The nominee: a person, household or unit of the register chosen by its key
//! ("person:12"), or a person from outside the town written by name (issue 12, item 3), and
//! the money its form pays on a date.

use std::collections::HashMap;

use super::eligibility::Category;
use super::nominations_store::Content;
use super::rounds_store::Round;
use super::{Level, SubjectKind, facts_store};
use crate::auth::CurrentUser;
use crate::db::DbConn;
use crate::text;
use crate::web::error::AppError;
use crate::web::extract::field;

/// A nominee resolved from the register, or written in.
#[derive(Debug, Clone)]
pub struct Nominee {
    /// "person", "household", "unit" or "outside".
    pub subject_type: String,
    pub id: Option<i64>,
    pub name: String,
    /// The unit the nominee belongs to (itself for a unit; the proposing unit for outsiders).
    pub unit_id: i64,
    pub path: String,
    pub unit_kind: Option<String>,
    pub address: String,
}

impl Nominee {
    /// The kind of subject awards and coefficients are keyed by.
    pub fn kind(&self) -> SubjectKind {
        kind_of(&self.subject_type)
    }

    pub fn key(&self) -> String {
        match self.id {
            Some(id) => format!("{}:{id}", self.subject_type),
            None => String::new(),
        }
    }
}

/// The subject kind of a nominee's `subject_type`: a unit is a collective, a household a
/// household, a person (of the register or from outside) an individual.
pub fn kind_of(subject_type: &str) -> SubjectKind {
    match subject_type {
        "household" => SubjectKind::Household,
        "unit" => SubjectKind::Collective,
        _ => SubjectKind::Individual,
    }
}

/// Splits "person:12".
pub fn parse_key(key: &str) -> Option<(&str, i64)> {
    let (t, id) = key.split_once(':')?;
    let id = id.parse().ok()?;
    matches!(t, "person" | "household" | "unit").then_some((t, id))
}

/// The nominee of `key` if `user` may see it — or, for an enterprise, cooperative or town body,
/// whoever asks (any unit may propose them). Errors: 400 for a key that names nothing the user
/// can see (the same words whether it does not exist or lies outside the scope).
pub async fn resolve(
    c: &mut impl DbConn,
    user: &CurrentUser,
    key: &str,
) -> Result<Nominee, AppError> {
    let none =
        || AppError::BadRequest("Không tìm thấy đối tượng đã chọn trong phạm vi của bạn.".into());
    let (t, id) = parse_key(key).ok_or_else(none)?;
    let n = match t {
        "person" => {
            let (p, path) = crate::subjects::store::person(c, id)
                .await?
                .ok_or_else(none)?;
            Nominee {
                subject_type: t.into(),
                id: Some(id),
                name: p.full_name,
                unit_id: p.unit_id,
                path,
                unit_kind: None,
                address: p.unit_name,
            }
        }
        "household" => {
            let (h, path) = crate::subjects::store::household(c, id)
                .await?
                .ok_or_else(none)?;
            Nominee {
                subject_type: t.into(),
                id: Some(id),
                name: format!("Hộ {}", h.head_name),
                unit_id: h.unit_id,
                path,
                unit_kind: None,
                address: format!("{}, {}", h.address, h.unit_name),
            }
        }
        _ => {
            let u = crate::units::store::by_id(c, id).await?.ok_or_else(none)?;
            Nominee {
                subject_type: t.into(),
                id: Some(id),
                name: u.name,
                unit_id: u.id,
                path: u.path,
                unit_kind: Some(u.kind),
                address: String::new(),
            }
        }
    };
    let organisation = n
        .unit_kind
        .as_deref()
        .is_some_and(|k| facts_store::ORGANISATIONS.contains(&k));
    if !user.can_see(&n.path) && !organisation {
        return Err(none());
    }
    Ok(n)
}

/// The level that grants `form` on `on` for the town's own awards: the provincial chairman's
/// Bằng khen is provincial; the others the town's until 30/06/2025, the ward's from 01/07/2025
/// (Law 2022 Art. 80; Decree 129/2025 Art. 59).
pub fn level_of(form: &str, on: chrono::NaiveDate) -> Level {
    if form == "bang_khen_tinh" {
        Level::Province
    } else {
        super::granting_unit(0, None, on).1
    }
}

/// The expected money of `form` for `kind` by a decision of `on`, or why it cannot be given
/// yet ("chờ xác nhận"). Errors: the database.
pub async fn expected_money(
    c: &mut impl DbConn,
    form: &str,
    kind: SubjectKind,
    on: chrono::NaiveDate,
) -> Result<Result<super::Money, String>, sqlx::Error> {
    let rows = super::store::coefficients(c).await?;
    let bases = super::store::bases(c).await?;
    let rounding = super::store::household_rounding(c).await?;
    Ok(
        super::money(&rows, &bases, form, level_of(form, on), kind, on, rounding)
            .map_err(|p| p.text()),
    )
}

/// The content a form describes, checked against the nominee and the round. Errors: the
/// Vietnamese reason.
pub fn content_of(
    f: &HashMap<String, String>,
    n: &Nominee,
    round: &Round,
    forms: &[super::Form],
    bases: &[facts_store::Basis],
) -> Result<Content, AppError> {
    let bad = |m: String| AppError::BadRequest(m);
    let category = Category::from_code(field(f, "category"))
        .ok_or_else(|| bad("Chọn nhóm đối tượng (a–h) theo mục V.1 của Kế hoạch.".into()))?;
    if !category.fits(&n.subject_type, n.unit_kind.as_deref()) {
        return Err(bad(format!(
            "Nhóm «{}» dành cho {}; «{}» không thuộc nhóm này.",
            category.label(),
            category.fits_text(),
            n.name
        )));
    }
    let form = forms
        .iter()
        .find(|x| x.code == field(f, "form_code"))
        .ok_or_else(|| bad("Chọn hình thức hoặc danh hiệu khen thưởng.".into()))?;
    if !form.applies(n.kind(), round.deadline) {
        return Err(bad(format!(
            "«{}» không áp dụng cho {} vào thời điểm của đợt.",
            form.name,
            n.kind().label().to_lowercase()
        )));
    }
    let achievement = text::clean_limited(field(f, "achievement"), 4000).map_err(bad)?;
    if achievement.chars().count() < 10 {
        return Err(bad("Ghi tóm tắt thành tích (ít nhất một câu).".into()));
    }
    let year = match field(f, "achievement_year").trim() {
        "" => round.year,
        y => text::parse_year(y).ok_or_else(|| bad("Năm của thành tích không hợp lệ.".into()))?,
    };
    if year > round.year || year < round.year - 5 {
        return Err(bad(format!(
            "Thành tích xét trong đợt năm {} phải của năm {} hoặc trước đó không quá 5 năm.",
            round.year, round.year
        )));
    }
    let basis = match field(f, "basis") {
        "" => None,
        key => {
            let (t, id) = key
                .split_once(':')
                .and_then(|(t, id)| Some((t, id.parse::<i64>().ok()?)))
                .ok_or_else(|| bad("Bản ghi thành tích không hợp lệ.".into()))?;
            if !bases.iter().any(|(bt, bi, _)| bt == t && *bi == id) {
                return Err(bad(
                    "Bản ghi thành tích đã chọn không phải của đối tượng này.".into(),
                ));
            }
            Some((t.to_string(), id))
        }
    };
    Ok(Content {
        category: category.code().into(),
        subject_type: n.subject_type.clone(),
        subject_id: n.id,
        subject_unit_id: n.unit_id,
        subject_name: n.name.clone(),
        outside_address: n.address.clone(),
        form_code: form.code.clone(),
        achievement,
        achievement_year: year,
        basis,
        direct_production: field(f, "direct_production") == "co",
        small_collective: field(f, "small_collective") == "co",
    })
}

/// A person from outside the town, written in on the form.
pub fn outside(
    f: &HashMap<String, String>,
    unit: &crate::units::Unit,
) -> Result<Nominee, AppError> {
    let name = text::clean_limited(field(f, "outside_name"), 200).map_err(AppError::BadRequest)?;
    if name.is_empty() {
        return Err(AppError::BadRequest(
            "Chọn đối tượng trong danh sách, hoặc ghi họ tên người ngoài thị xã.".into(),
        ));
    }
    let address =
        text::clean_limited(field(f, "outside_address"), 300).map_err(AppError::BadRequest)?;
    if address.is_empty() {
        return Err(AppError::BadRequest(
            "Ghi địa chỉ, nơi công tác của người ngoài thị xã.".into(),
        ));
    }
    Ok(Nominee {
        subject_type: "outside".into(),
        id: None,
        name,
        unit_id: unit.id,
        path: unit.path.clone(),
        unit_kind: None,
        address,
    })
}
