//! Who may do what with criteria sets and assessments, pure over the signed-in user's grants.
//!
//! The subject's officer fills an assessment (plan V: each unit proves its own criteria); each
//! criterion is verified only by the office that owns it (QĐ 18/2020/QĐ-UBND names the
//! departments per criterion); the level above reopens a locked assessment and records
//! recognitions, as it approves figure sheets.

use crate::auth::CurrentUser;

/// May fill and submit the assessment of a subject filled by the unit at `unit_path`: an
/// officer of that unit or of a unit above it who keeps the register (a village's assessments
/// and its households' are filled by the village, or the ward above it).
pub fn may_fill(user: &CurrentUser, unit_path: &str) -> bool {
    user.can_edit(unit_path)
}

/// May verify or reject a criterion owned by `owner_unit_id`: only someone holding a role at
/// that office — not the administrator, not another office.
pub fn may_verify(user: &CurrentUser, owner_unit_id: Option<i64>) -> bool {
    owner_unit_id.is_some_and(|o| user.grants.iter().any(|g| g.unit_id == o))
}

/// May read an assessment: whoever sees its unit, and every office owning one of its criteria.
pub fn may_read(user: &CurrentUser, unit_path: &str, owners: &[Option<i64>]) -> bool {
    user.can_see(unit_path) || owners.iter().any(|o| may_verify(user, *o))
}

/// May reopen a verified assessment and record or withdraw recognitions: the level above the
/// unit, as for figure sheets (`figures::may_review`).
pub fn may_decide(user: &CurrentUser, unit_path: &str) -> bool {
    crate::figures::may_review(user, unit_path)
}

/// May enter targets and amend the indicators of a criterion owned by `owner_unit_id`: the
/// administrator or that office.
pub fn may_edit_criterion(user: &CurrentUser, owner_unit_id: Option<i64>) -> bool {
    user.is_admin() || may_verify(user, owner_unit_id)
}

/// May copy a set into a new version: the administrator or an office owning one of its criteria.
pub fn may_copy_set(user: &CurrentUser, owners: &[Option<i64>]) -> bool {
    user.is_admin() || owners.iter().any(|o| may_verify(user, *o))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{Grant, Role};

    fn user(role: Role, unit_id: i64, path: &str) -> CurrentUser {
        CurrentUser {
            id: 1,
            username: "u".into(),
            full_name: "U".into(),
            grants: vec![Grant {
                role,
                unit_id,
                unit_path: path.into(),
                unit_code: String::new(),
                unit_name: String::new(),
            }],
            must_change_password: false,
        }
    }

    #[test]
    fn only_the_owning_office_verifies() {
        let office = user(Role::UnitOfficer, 9, "/1/9/");
        assert!(may_verify(&office, Some(9)));
        assert!(!may_verify(&office, Some(8)));
        assert!(!may_verify(&office, None));
        let admin = user(Role::Admin, 1, "/1/");
        assert!(!may_verify(&admin, Some(9)));
        assert!(may_edit_criterion(&admin, Some(9)));
    }

    #[test]
    fn a_ward_fills_its_own_and_the_office_reads_what_it_owns() {
        let ward = user(Role::UnitOfficer, 4, "/1/4/");
        assert!(may_fill(&ward, "/1/4/"));
        assert!(may_fill(&ward, "/1/4/20/"));
        assert!(!may_fill(&ward, "/1/5/"));
        let office = user(Role::UnitOfficer, 9, "/1/9/");
        assert!(!may_fill(&office, "/1/4/"));
        assert!(may_read(&office, "/1/4/", &[Some(9)]));
        assert!(!may_read(&office, "/1/4/", &[Some(8)]));
        assert!(!may_decide(&ward, "/1/4/"));
        assert!(may_decide(&user(Role::NtmOffice, 1, "/1/"), "/1/4/"));
    }
}
