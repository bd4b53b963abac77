//! Users, roles scoped to a unit subtree, sessions and passwords. The rules here are pure:
//! who may see or change what, and when repeated failures lock an account.

pub mod account_web;
pub mod scope;
pub mod setup;
pub mod setup_store;
pub mod store;
pub mod users_web;
pub mod web;

use chrono::{DateTime, Duration, Utc};

/// The roles of DESIGN.md §1. Every role is granted at a unit and reaches its whole subtree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Admin,
    InternalAffairs,
    NtmOffice,
    Appraiser,
    Steering,
    CouncilMember,
    Chairman,
    UnitOfficer,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Admin,
        Role::InternalAffairs,
        Role::NtmOffice,
        Role::Appraiser,
        Role::Steering,
        Role::CouncilMember,
        Role::Chairman,
        Role::UnitOfficer,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::InternalAffairs => "internal_affairs",
            Role::NtmOffice => "ntm_office",
            Role::Appraiser => "appraiser",
            Role::Steering => "steering",
            Role::CouncilMember => "council_member",
            Role::Chairman => "chairman",
            Role::UnitOfficer => "unit_officer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Quản trị hệ thống",
            Role::InternalAffairs => "Phòng Nội vụ (thường trực Hội đồng TĐKT)",
            Role::NtmOffice => "Văn phòng Điều phối NTM",
            Role::Appraiser => "Phòng thẩm định",
            Role::Steering => "Thường trực Ban Chỉ đạo",
            Role::CouncilMember => "Thành viên Hội đồng TĐKT",
            Role::Chairman => "Chủ tịch / Phó Chủ tịch UBND",
            Role::UnitOfficer => "Cán bộ đơn vị",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Roles that keep the register of units and subjects inside their scope.
    pub fn edits_register(self) -> bool {
        matches!(
            self,
            Role::Admin | Role::InternalAffairs | Role::NtmOffice | Role::UnitOfficer
        )
    }
}

/// One role held at one unit; `unit_path` is that unit's materialised path (`/1/4/9/`).
#[derive(Clone, Debug)]
pub struct Grant {
    pub role: Role,
    pub unit_id: i64,
    pub unit_path: String,
    pub unit_code: String,
    pub unit_name: String,
}

/// The signed-in user with their grants, as every handler sees them.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub grants: Vec<Grant>,
    /// The password was set by an administrator and must be changed before anything else.
    pub must_change_password: bool,
}

impl CurrentUser {
    pub fn is_admin(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::Admin)
    }

    /// May read records of the unit at `path`.
    pub fn can_see(&self, path: &str) -> bool {
        self.is_admin() || self.grants.iter().any(|g| path.starts_with(&g.unit_path))
    }

    /// May change the register (units, persons, households) at `path`.
    pub fn can_edit(&self, path: &str) -> bool {
        self.is_admin()
            || self
                .grants
                .iter()
                .any(|g| g.role.edits_register() && path.starts_with(&g.unit_path))
    }

    /// Who the audit log names for this user's changes.
    pub fn actor(&self) -> crate::audit::Actor {
        crate::audit::Actor {
            id: Some(self.id),
            name: self.username.clone(),
        }
    }

    /// The unit named in the header: the first grant's.
    pub fn home_unit(&self) -> Option<&Grant> {
        self.grants.first()
    }
}

/// Sessions last seen before this instant may be deleted: a day past the idle timeout, so a
/// user coming back the same day is still told their session expired rather than just shown
/// the login page.
pub fn session_sweep_cutoff(now: DateTime<Utc>, idle_timeout_minutes: i64) -> DateTime<Utc> {
    now - Duration::minutes(idle_timeout_minutes) - Duration::days(1)
}

pub const MAX_FAILED_LOGINS: i64 = 5;
pub const LOCK_MINUTES: i64 = 15;

/// What a login attempt may do, given the account's lock state.
pub fn is_locked(locked_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    locked_until.is_some_and(|t| t > now)
}

/// When a lock set at `now` ends. The attempt that brings the failure count to
/// `MAX_FAILED_LOGINS` sets it (`store::claim_login_attempt` counts before checking).
pub fn lock_end(now: DateTime<Utc>) -> DateTime<Utc> {
    now + Duration::minutes(LOCK_MINUTES)
}

/// Password rules for people who are not security experts: long enough, not just digits.
pub fn password_problem(password: &str, username: &str) -> Option<&'static str> {
    let len = password.chars().count();
    if len < 10 {
        Some("Mật khẩu cần ít nhất 10 ký tự.")
    } else if len > 200 {
        Some("Mật khẩu dài quá 200 ký tự.")
    } else if password.chars().all(|c| c.is_ascii_digit()) {
        Some("Mật khẩu không được chỉ gồm chữ số.")
    } else if password.eq_ignore_ascii_case(username) {
        Some("Mật khẩu không được trùng tên đăng nhập.")
    } else {
        None
    }
}

/// A random token, hex-encoded, for sessions, CSRF and generated passwords.
pub fn random_token(bytes: usize) -> Result<String, getrandom::Error> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf)?;
    Ok(hex::encode(buf))
}

/// A password people can read aloud and type: groups of lower-case letters and digits.
pub fn generate_password() -> Result<String, getrandom::Error> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut buf = [0u8; 16];
    getrandom::fill(&mut buf)?;
    let chars: Vec<char> = buf
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    Ok(chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn user(grants: Vec<(Role, &str)>) -> CurrentUser {
        CurrentUser {
            id: 1,
            username: "u".into(),
            full_name: "U".into(),
            must_change_password: false,
            grants: grants
                .into_iter()
                .map(|(role, path)| Grant {
                    role,
                    unit_id: 1,
                    unit_path: path.into(),
                    unit_code: "X".into(),
                    unit_name: "x".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn scope_is_the_subtree_of_the_granted_unit() {
        let officer = user(vec![(Role::UnitOfficer, "/1/2/5/")]);
        assert!(officer.can_see("/1/2/5/"));
        assert!(officer.can_edit("/1/2/5/40/"));
        assert!(!officer.can_see("/1/2/6/"));
        assert!(!officer.can_see("/1/2/"));
        // A path that merely starts with the same digits is another unit.
        assert!(!officer.can_see("/1/2/55/"));
    }

    #[test]
    fn council_members_read_but_do_not_edit_the_register() {
        let member = user(vec![(Role::CouncilMember, "/1/2/")]);
        assert!(member.can_see("/1/2/5/"));
        assert!(!member.can_edit("/1/2/5/"));
    }

    #[test]
    fn admin_sees_everything() {
        let admin = user(vec![(Role::Admin, "/1/")]);
        assert!(admin.can_edit("/99/"));
    }

    #[test]
    fn the_fifth_failure_locks_for_fifteen_minutes() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
        let until = Some(lock_end(now));
        assert_eq!(until, Some(now + Duration::minutes(15)));
        assert!(is_locked(until, now + Duration::minutes(14)));
        assert!(!is_locked(until, now + Duration::minutes(15)));
    }

    #[test]
    fn sessions_are_swept_a_day_after_they_expire() {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 8, 30, 0).unwrap();
        let cutoff = session_sweep_cutoff(now, 30);
        assert_eq!(cutoff, Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap());
    }

    #[test]
    fn roles_round_trip_through_their_codes() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("root"), None);
    }

    #[test]
    fn weak_passwords_are_explained() {
        assert!(password_problem("ngắn", "a").is_some());
        assert!(password_problem("1234567890", "a").is_some());
        assert!(password_problem("canbo-ducthuan", "canbo-ducthuan").is_some());
        assert_eq!(password_problem("hoa-sen-nở-2024", "a"), None);
        assert_eq!(generate_password().unwrap().len(), 19);
    }
}
