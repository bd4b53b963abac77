//! Who may do what in a round (issue 12, item 6): the proposing unit's officer writes, sends
//! and withdraws its nominations; the NTM office receives, sends to appraisal, consolidates,
//! returns and forwards; an appraising office (a grant at that office) gives its opinion; the
//! standing Steering Committee gives its opinion; Internal Affairs and the NTM office open
//! rounds. Pure rules over the user's grants; the web layer calls them inside the writing
//! transaction and answers 404 to a user who may not even read the nomination.

use super::workflow::Owner;
use crate::auth::{CurrentUser, Role};

/// The grant that lets `user` act as the proposing unit at `unit_path`: a unit officer's at
/// that unit or above it.
pub fn proposes(user: &CurrentUser, unit_path: &str) -> bool {
    user.grants
        .iter()
        .any(|g| g.role == Role::UnitOfficer && unit_path.starts_with(&g.unit_path))
}

/// Whether `user` holds `role` over the unit at `unit_path` (a town office's grant at the town).
fn holds(user: &CurrentUser, role: Role, unit_path: &str) -> bool {
    user.grants
        .iter()
        .any(|g| g.role == role && unit_path.starts_with(&g.unit_path))
}

/// The role `user` takes a step owned by `owner` with, on a nomination of the unit at
/// `unit_path`; `None` when they do not own it.
pub fn owner_role(user: &CurrentUser, owner: Owner, unit_path: &str) -> Option<Role> {
    let role = match owner {
        Owner::ProposingUnit => Role::UnitOfficer,
        Owner::NtmOffice => Role::NtmOffice,
        Owner::Steering => Role::Steering,
    };
    let ok = match owner {
        Owner::ProposingUnit => proposes(user, unit_path),
        _ => holds(user, role, unit_path),
    };
    ok.then_some(role)
}

/// The appraising office among `offices` that `user` speaks for, if any.
pub fn office_of(user: &CurrentUser, offices: &[i64]) -> Option<i64> {
    user.grants
        .iter()
        .map(|g| g.unit_id)
        .find(|u| offices.contains(u))
}

/// May read a nomination of the unit at `unit_path` in a round appraised by `offices`.
pub fn may_read(user: &CurrentUser, unit_path: &str, offices: &[i64]) -> bool {
    user.can_see(unit_path) || office_of(user, offices).is_some()
}

/// May open a round, change its deadline and its units.
pub fn may_run_round(user: &CurrentUser) -> bool {
    user.is_admin()
        || user
            .grants
            .iter()
            .any(|g| matches!(g.role, Role::InternalAffairs | Role::NtmOffice))
}

/// May keep the council of the body at `body_path`, post the round's notice and resolve its
/// objections, run the council's sessions, issue and revoke that body's award decisions:
/// Internal Affairs (the council's standing office) or the Chairman at or above the body, or
/// the administrator (issue 13).
pub fn may_run_council(user: &CurrentUser, body_path: &str) -> bool {
    user.is_admin()
        || holds(user, Role::InternalAffairs, body_path)
        || holds(user, Role::Chairman, body_path)
}

/// Holds a grant that may run some body's council (to see the round's council page at all).
pub fn runs_a_council(user: &CurrentUser) -> bool {
    user.is_admin()
        || user
            .grants
            .iter()
            .any(|g| matches!(g.role, Role::InternalAffairs | Role::Chairman))
}

/// May override an eligibility check (with a written reason): the NTM office or an
/// appraising office, while the nomination is with them.
pub fn may_override(user: &CurrentUser, unit_path: &str, offices: &[i64]) -> bool {
    holds(user, Role::NtmOffice, unit_path) || office_of(user, offices).is_some()
}

/// May record awards from other authorities and flags on the profile of a subject at `path`:
/// who keeps its register, and Internal Affairs.
pub fn may_mark_subject(user: &CurrentUser, path: &str) -> bool {
    user.can_edit(path) || holds(user, Role::InternalAffairs, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Grant;

    fn user(grants: &[(Role, i64, &str)]) -> CurrentUser {
        CurrentUser {
            id: 1,
            username: "u".into(),
            full_name: "U".into(),
            grants: grants
                .iter()
                .map(|(role, id, path)| Grant {
                    role: *role,
                    unit_id: *id,
                    unit_path: (*path).into(),
                    unit_code: String::new(),
                    unit_name: String::new(),
                })
                .collect(),
            must_change_password: false,
        }
    }

    #[test]
    fn each_step_belongs_to_its_role() {
        let ward = "/1/2/5/";
        let officer = user(&[(Role::UnitOfficer, 5, ward)]);
        let other = user(&[(Role::UnitOfficer, 6, "/1/2/6/")]);
        let ntm = user(&[(Role::NtmOffice, 2, "/1/2/")]);
        let steering = user(&[(Role::Steering, 2, "/1/2/")]);
        assert_eq!(
            owner_role(&officer, Owner::ProposingUnit, ward),
            Some(Role::UnitOfficer)
        );
        assert_eq!(owner_role(&other, Owner::ProposingUnit, ward), None);
        assert_eq!(owner_role(&officer, Owner::NtmOffice, ward), None);
        assert_eq!(
            owner_role(&ntm, Owner::NtmOffice, ward),
            Some(Role::NtmOffice)
        );
        assert_eq!(owner_role(&ntm, Owner::Steering, ward), None);
        assert_eq!(
            owner_role(&steering, Owner::Steering, ward),
            Some(Role::Steering)
        );
        assert_eq!(owner_role(&steering, Owner::ProposingUnit, ward), None);
    }

    #[test]
    fn a_council_is_run_from_its_body_or_above() {
        let town_nv = user(&[(Role::InternalAffairs, 2, "/1/2/")]);
        let ward_chair = user(&[(Role::Chairman, 9, "/1/9/")]);
        let officer = user(&[(Role::UnitOfficer, 2, "/1/2/")]);
        assert!(may_run_council(&town_nv, "/1/2/"));
        assert!(!may_run_council(&town_nv, "/1/9/"));
        assert!(may_run_council(&ward_chair, "/1/9/"));
        assert!(!may_run_council(&officer, "/1/2/"));
        assert!(!runs_a_council(&officer));
    }

    #[test]
    fn an_office_speaks_only_for_itself() {
        let kt = user(&[(Role::UnitOfficer, 30, "/1/2/30/")]);
        assert_eq!(office_of(&kt, &[30, 31]), Some(30));
        assert_eq!(office_of(&kt, &[31]), None);
        assert!(may_read(&kt, "/1/2/5/", &[30]));
        assert!(!may_read(&kt, "/1/2/5/", &[31]));
    }
}
