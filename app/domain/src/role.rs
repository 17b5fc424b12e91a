//! Roles of the people and systems that use Tianping (SPEC.md, "Users and roles").

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// A user's role. Each account has exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 执法人员: handles cases of their own agency.
    Officer,
    /// 机关负责人: approves filings and decisions of their agency.
    AgencyHead,
    /// 法制审核人员: reviews major decisions of the agencies they serve.
    LegalReviewer,
    /// 执法监督人员 (司法局): reads every agency of their region.
    Supervisor,
    /// 系统管理员: manages agencies, users and catalogs.
    Admin,
    /// A machine account of an external system that pushes case clues.
    Integration,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 6] = [
        Role::Officer,
        Role::AgencyHead,
        Role::LegalReviewer,
        Role::Supervisor,
        Role::Admin,
        Role::Integration,
    ];

    /// The stable machine name stored in the database and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::AgencyHead => "agency_head",
            Role::LegalReviewer => "legal_reviewer",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
            Role::Integration => "integration",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The role's name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Role::Officer => lang.pick("执法人员", "Enforcement officer"),
            Role::AgencyHead => lang.pick("机关负责人", "Agency head"),
            Role::LegalReviewer => lang.pick("法制审核人员", "Legal reviewer"),
            Role::Supervisor => lang.pick("执法监督人员", "Enforcement supervisor"),
            Role::Admin => lang.pick("系统管理员", "Administrator"),
            Role::Integration => lang.pick("系统对接账号", "Integration account"),
        }
    }

    /// Whether accounts of this role belong to an enforcement agency (and must name one).
    /// Integration accounts may name one (a local system) or none (the city-wide 12345
    /// hotline, which routes each clue to an agency).
    pub fn requires_agency(self) -> bool {
        matches!(self, Role::Officer | Role::AgencyHead)
    }

    /// Whether accounts of this role are scoped to a region (and must name one).
    pub fn requires_region(self) -> bool {
        matches!(self, Role::Supervisor)
    }

    /// Whether the role signs in through the browser (integration accounts use the API only).
    pub fn uses_browser(self) -> bool {
        !matches!(self, Role::Integration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_machine_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn every_role_has_a_label_in_both_languages() {
        for role in Role::ALL {
            assert!(!role.label(Lang::Zh).is_empty());
            assert!(role.label(Lang::En).is_ascii());
        }
    }
}
