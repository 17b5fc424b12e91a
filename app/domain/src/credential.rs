//! Enforcement certificates (执法证) and legal qualifications (法律职业资格): kinds, which
//! roles hold them, and whether one is in force on a given day.
//!
//! Rules: an officer or agency head acts only with an enforcement certificate valid on the
//! day (SPEC.md: "an officer without a valid certificate cannot act"); a legal reviewer reviews
//! only with a legal qualification (DOMAIN.md §1c). A certificate "expires soon" within
//! [`EXPIRY_WARNING_DAYS`] days of its last valid day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{i18n::Lang, role::Role};

/// Days before expiry from which a certificate is flagged.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// The kind of a credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CredentialKind {
    /// 行政执法证.
    EnforcementCertificate,
    /// 法律职业资格.
    LegalQualification,
}

impl CredentialKind {
    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialKind::EnforcementCertificate => "enforcement_certificate",
            CredentialKind::LegalQualification => "legal_qualification",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            CredentialKind::EnforcementCertificate,
            CredentialKind::LegalQualification,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CredentialKind::EnforcementCertificate => {
                lang.pick("行政执法证", "Enforcement certificate")
            }
            CredentialKind::LegalQualification => lang.pick("法律职业资格", "Legal qualification"),
        }
    }

    /// Whether accounts of `role` hold credentials of this kind.
    pub fn held_by(self, role: Role) -> bool {
        match self {
            CredentialKind::EnforcementCertificate => {
                matches!(role, Role::Officer | Role::AgencyHead)
            }
            CredentialKind::LegalQualification => role == Role::LegalReviewer,
        }
    }
}

/// A credential's standing on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CredentialStatus {
    /// In force.
    Valid,
    /// In force, but ends within [`EXPIRY_WARNING_DAYS`] days.
    ExpiringSoon,
    /// Its first valid day is still ahead.
    NotYetValid,
    /// Its last valid day has passed.
    Expired,
    /// Withdrawn by the issuing authority.
    Revoked,
}

impl CredentialStatus {
    /// Whether the holder may act on its strength.
    pub fn in_force(self) -> bool {
        matches!(
            self,
            CredentialStatus::Valid | CredentialStatus::ExpiringSoon
        )
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CredentialStatus::Valid => lang.pick("有效", "Valid"),
            CredentialStatus::ExpiringSoon => lang.pick("即将到期", "Expires soon"),
            CredentialStatus::NotYetValid => lang.pick("尚未生效", "Not yet valid"),
            CredentialStatus::Expired => lang.pick("已过期", "Expired"),
            CredentialStatus::Revoked => lang.pick("已注销", "Revoked"),
        }
    }
}

/// The standing on `today` of a credential valid from `from` to `to` (inclusive; `None` =
/// no end, as for a legal qualification).
pub fn status(
    from: NaiveDate,
    to: Option<NaiveDate>,
    revoked: bool,
    today: NaiveDate,
) -> CredentialStatus {
    if revoked {
        return CredentialStatus::Revoked;
    }
    if today < from {
        return CredentialStatus::NotYetValid;
    }
    match to {
        Some(end) if today > end => CredentialStatus::Expired,
        Some(end) if (end - today).num_days() < EXPIRY_WARNING_DAYS => {
            CredentialStatus::ExpiringSoon
        }
        _ => CredentialStatus::Valid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn status_at_and_around_each_boundary() {
        let (from, to) = (d("2026-01-01"), Some(d("2026-12-31")));
        let table = [
            ("2025-12-31", CredentialStatus::NotYetValid),
            ("2026-01-01", CredentialStatus::Valid),
            ("2026-12-01", CredentialStatus::Valid), // 30 days left
            ("2026-12-02", CredentialStatus::ExpiringSoon), // 29 days left
            ("2026-12-31", CredentialStatus::ExpiringSoon), // last valid day
            ("2027-01-01", CredentialStatus::Expired),
        ];
        for (today, expected) in table {
            assert_eq!(status(from, to, false, d(today)), expected, "{today}");
        }
    }

    #[test]
    fn revocation_wins_over_every_date() {
        for today in ["2025-01-01", "2026-06-01", "2030-01-01"] {
            assert_eq!(
                status(d("2026-01-01"), None, true, d(today)),
                CredentialStatus::Revoked
            );
        }
    }

    #[test]
    fn a_credential_without_an_end_never_expires() {
        assert_eq!(
            status(d("2020-01-01"), None, false, d("2099-01-01")),
            CredentialStatus::Valid
        );
    }

    #[test]
    fn only_valid_and_expiring_credentials_are_in_force() {
        use CredentialStatus::*;
        for (s, in_force) in [
            (Valid, true),
            (ExpiringSoon, true),
            (NotYetValid, false),
            (Expired, false),
            (Revoked, false),
        ] {
            assert_eq!(s.in_force(), in_force, "{s:?}");
        }
    }

    #[test]
    fn certificates_belong_to_officers_and_heads_and_qualifications_to_reviewers() {
        for role in Role::ALL {
            assert_eq!(
                CredentialKind::EnforcementCertificate.held_by(role),
                matches!(role, Role::Officer | Role::AgencyHead)
            );
            assert_eq!(
                CredentialKind::LegalQualification.held_by(role),
                role == Role::LegalReviewer
            );
        }
        for k in [
            CredentialKind::EnforcementCertificate,
            CredentialKind::LegalQualification,
        ] {
            assert_eq!(CredentialKind::parse(k.as_str()), Some(k));
        }
    }
}
