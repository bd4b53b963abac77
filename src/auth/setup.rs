//! Account setup that cannot go wrong quietly (issue 8, item 7): each role says the scope it
//! needs and a grant outside it is refused with the fix, and a unit is picked by its name.

use super::Role;
use crate::db::DbConn;
use crate::text;
use crate::units::{self, Unit, UnitKind};

/// Where a role works: over a whole town (or district, province), or in one unit of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// The town's offices, the council, the steering committee and the chairman work over
    /// everything the town has (the plan, VII: Phòng Nội vụ is the council's standing body,
    /// the NTM office coordinates every commune and ward).
    Town,
    /// A ward's, commune's or office's own officer enters its figures and register.
    OneUnit,
    /// The system administrator: wherever the grant says.
    Anywhere,
}

/// The reach of `role`.
pub fn reach(role: Role) -> Reach {
    match role {
        Role::Admin => Reach::Anywhere,
        Role::UnitOfficer => Reach::OneUnit,
        Role::InternalAffairs
        | Role::NtmOffice
        | Role::Appraiser
        | Role::Steering
        | Role::CouncilMember
        | Role::Chairman => Reach::Town,
    }
}

/// The words beside a role in the role list: "phạm vi: toàn thị xã".
pub fn reach_hint(role: Role) -> &'static str {
    match reach(role) {
        Reach::Town => "phạm vi: toàn thị xã — chọn đơn vị cấp thị xã (hoặc huyện, tỉnh)",
        Reach::OneUnit => "phạm vi: một đơn vị — chọn phường, xã, cơ quan… của người này",
        Reach::Anywhere => "phạm vi: toàn hệ thống — chọn đơn vị gốc (cấp tỉnh)",
    }
}

fn covers_a_town(kind: UnitKind) -> bool {
    matches!(
        kind,
        UnitKind::Province | UnitKind::District | UnitKind::Town
    )
}

/// Why `role` cannot be granted at `unit`, in Vietnamese with the fix; `None` when it fits.
/// A town office granted at a ward would see only that ward and approve nothing of the others,
/// and an administrator "at a ward" would still administer everything — the quiet mistakes
/// this refuses. A unit that has ceased to exist still takes grants: its movement's records
/// (the town's 2022–2025 plan) are worked on after the 2025 merger.
pub fn reach_problem(role: Role, unit: &Unit) -> Option<String> {
    let kind = UnitKind::from_code(&unit.kind)?;
    match reach(role) {
        Reach::Anywhere if unit.parent_id.is_some() => Some(format!(
            "Vai trò «{}» có quyền trên toàn hệ thống, không giới hạn được trong «{}»: hãy chọn đơn vị gốc của cây đơn vị (cấp tỉnh).",
            role.label(),
            unit.name
        )),
        Reach::Town if !covers_a_town(kind) => Some(format!(
            "Vai trò «{}» làm việc trên toàn thị xã: hãy chọn đơn vị cấp thị xã, huyện hoặc tỉnh, không phải «{}». Cán bộ thuộc phòng nào vẫn ghi trong họ tên hoặc hồ sơ của họ.",
            role.label(),
            unit.name
        )),
        Reach::OneUnit if covers_a_town(kind) => Some(format!(
            "Vai trò «{}» nhập liệu cho một đơn vị: hãy chọn phường, xã hoặc cơ quan của người này, không phải «{}». Người làm việc trên toàn thị xã cần vai trò của phòng ban (Phòng Nội vụ, Văn phòng Điều phối NTM…).",
            role.label(),
            unit.name
        )),
        _ => None,
    }
}

/// "Phường Đức Thuận (HL-DT)": how a unit is named where its name may not be unique.
fn name_and_code(u: &Unit) -> String {
    format!("{} ({})", u.name, u.code)
}

/// How a unit is shown in the picker's suggestions, and read back by its code in the last
/// parentheses: "Phường Đức Thuận – hết hiệu lực 30/06/2025 (HL-DT)" on `today`.
pub fn picker_label(u: &Unit, today: chrono::NaiveDate) -> String {
    match u.valid_to.filter(|t| *t < today) {
        Some(t) => format!(
            "{} – hết hiệu lực {} ({})",
            u.name,
            text::date_vn(t),
            u.code
        ),
        None => name_and_code(u),
    }
}

/// The unit the admin picked by typing: a suggestion ("Phường Đức Thuận (HL-DT)"), a code, or
/// a name typed with or without diacritics when exactly one unit has it. Errors (Vietnamese):
/// nothing typed, no such unit (with close names offered), or a name several units share.
pub async fn pick_unit(
    c: &mut impl DbConn,
    typed: &str,
) -> Result<Result<Unit, String>, sqlx::Error> {
    let typed = text::clean(typed);
    if typed.is_empty() {
        return Ok(Err(
            "Hãy chọn đơn vị: gõ vài chữ của tên rồi chọn trong danh sách gợi ý.".into(),
        ));
    }
    let code = typed
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once(" ("))
        .map_or(typed.as_str(), |(_, code)| code);
    for candidate in [code.to_string(), code.to_uppercase()] {
        if let Some(u) = units::store::by_code(c, &candidate).await? {
            return Ok(Ok(u));
        }
    }
    let (found, _) = units::store::search(c, 0, true, &typed, "", 20, 0).await?;
    let key = text::fold(&typed);
    let exact: Vec<&Unit> = found
        .iter()
        .filter(|u| text::fold(&u.name) == key)
        .collect();
    Ok(match exact.as_slice() {
        [one] => Ok((*one).clone()),
        [] if found.is_empty() => Err(format!("Không tìm thấy đơn vị «{typed}».")),
        [] => Err(format!(
            "Không có đơn vị tên đúng «{typed}». Có phải: {}?",
            found
                .iter()
                .take(5)
                .map(name_and_code)
                .collect::<Vec<_>>()
                .join("; ")
        )),
        many => Err(format!(
            "Có {} đơn vị tên «{typed}»: {}. Hãy chọn một trong danh sách gợi ý (có kèm mã).",
            many.len(),
            many.iter()
                .map(|u| name_and_code(u))
                .collect::<Vec<_>>()
                .join("; ")
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(kind: &str, name: &str) -> Unit {
        Unit {
            id: 1,
            code: "X".into(),
            name: name.into(),
            kind: kind.into(),
            parent_id: None,
            path: "/1/".into(),
            valid_from: None,
            valid_to: None,
            note: String::new(),
            is_demo: false,
            version: 1,
        }
    }

    #[test]
    fn a_town_office_at_a_ward_is_refused_with_the_fix() {
        let ward = unit("ward", "Phường Đức Thuận");
        let why = reach_problem(Role::NtmOffice, &ward).unwrap();
        assert!(why.contains("toàn thị xã"), "{why}");
        assert!(why.contains("không phải «Phường Đức Thuận»"));
        assert_eq!(
            reach_problem(Role::NtmOffice, &unit("town", "Thị xã Hồng Lĩnh")),
            None
        );
        assert_eq!(reach_problem(Role::UnitOfficer, &ward), None);
        assert!(reach_problem(Role::UnitOfficer, &unit("town", "Thị xã Hồng Lĩnh")).is_some());
        assert_eq!(reach_problem(Role::Admin, &ward), None);
    }
}
