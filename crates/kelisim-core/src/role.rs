//! The roles of SPEC §1. Every permission is role × region (× organisation).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Secretariat of the Assembly, the Committee, RGU "Qogamdyq kelisim": the whole country.
    Admin,
    /// Secretariat of a regional (or district) assembly: one region and its districts.
    RegionalAdmin,
    /// IPEI, the Scientific-Expert Council: reads monitoring data, writes analyses.
    Analyst,
    /// A mediator of a mediation centre: own cases.
    Mediator,
    /// Leader of an association, council or house of friendship: own organisation.
    OrgEditor,
    /// Liaison of a state body: alerts of its region.
    Responder,
    /// Anyone on the public portal.
    Citizen,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::RegionalAdmin,
        Role::Analyst,
        Role::Mediator,
        Role::OrgEditor,
        Role::Responder,
        Role::Citizen,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::RegionalAdmin => "regional_admin",
            Role::Analyst => "analyst",
            Role::Mediator => "mediator",
            Role::OrgEditor => "org_editor",
            Role::Responder => "responder",
            Role::Citizen => "citizen",
        }
    }

    pub fn from_slug(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.slug() == s)
    }

    /// Roles whose scope is one region: a user of such a role must have one.
    pub fn needs_region(self) -> bool {
        matches!(self, Role::RegionalAdmin | Role::Responder)
    }

    /// Roles whose scope is one organisation.
    pub fn needs_organisation(self) -> bool {
        matches!(self, Role::OrgEditor)
    }

    /// SPEC §4: "TOTP second factor (required for admins, available to every staff role)".
    pub fn requires_totp(self) -> bool {
        matches!(self, Role::Admin)
    }

    /// Staff roles sign in to the back office; citizens use the public portal.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Citizen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn slugs_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_slug(r.slug()), Some(r));
        }
        assert_eq!(Role::from_slug("root"), None);
    }
    #[test]
    fn spec_4_totp_required_for_admins_only() {
        assert!(Role::Admin.requires_totp());
        assert!(!Role::RegionalAdmin.requires_totp());
        assert!(!Role::Analyst.requires_totp());
    }
}
