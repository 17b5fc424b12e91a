//! The standing of an issued document, as its public verification says it (issue 19 item 13).
//!
//! Invariants:
//! - a document is issued [`IssuedStatus::InForce`]; a corrected version supersedes it
//!   ([`IssuedStatus::Superseded`]); a ruling on reconsideration or in court, or the agency's
//!   own correction under APL Art. 48(2), changes, revokes, or confirms the decision illegal
//!   or invalid, and the document says so from that day;
//! - only [`IssuedStatus::InForce`] verifies as "genuine and in force": every other status is
//!   genuine (the platform issued it) but no longer in force, said with its basis;
//! - a credit-repair withdrawal of the publication leaves the decision itself in force (the
//!   party repaired its credit; the decision was not touched).

use serde::{Deserialize, Serialize};

use crate::{i18n::Lang, publicity::WithdrawalBasis};

/// The standing of an issued document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuedStatus {
    /// 有效.
    InForce,
    /// Replaced by a corrected version (更正).
    Superseded,
    /// 被依法变更 (复议、诉讼或者本机关自行纠正).
    Changed,
    /// 被依法撤销.
    Revoked,
    /// 被确认违法.
    ConfirmedIllegal,
    /// 被确认无效.
    ConfirmedInvalid,
}

impl IssuedStatus {
    /// Every status.
    pub const ALL: [IssuedStatus; 6] = [
        IssuedStatus::InForce,
        IssuedStatus::Superseded,
        IssuedStatus::Changed,
        IssuedStatus::Revoked,
        IssuedStatus::ConfirmedIllegal,
        IssuedStatus::ConfirmedInvalid,
    ];

    /// Machine name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            IssuedStatus::InForce => "in_force",
            IssuedStatus::Superseded => "superseded",
            IssuedStatus::Changed => "changed",
            IssuedStatus::Revoked => "revoked",
            IssuedStatus::ConfirmedIllegal => "confirmed_illegal",
            IssuedStatus::ConfirmedInvalid => "confirmed_invalid",
        }
    }

    /// Parses the machine name; `withdrawn` (the name before issue 19) reads as revoked.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "withdrawn" => Some(IssuedStatus::Revoked),
            s => Self::ALL.into_iter().find(|k| k.as_str() == s),
        }
    }

    /// Whether the document is still in force.
    pub fn in_force(self) -> bool {
        self == IssuedStatus::InForce
    }

    /// The status a decision takes when its publication is withdrawn on `basis`: `None` when
    /// the decision itself stands (credit repair ends the display, not the decision).
    pub fn after_withdrawal(basis: WithdrawalBasis) -> Option<Self> {
        match basis {
            WithdrawalBasis::Changed => Some(IssuedStatus::Changed),
            WithdrawalBasis::Revoked => Some(IssuedStatus::Revoked),
            WithdrawalBasis::ConfirmedIllegal => Some(IssuedStatus::ConfirmedIllegal),
            WithdrawalBasis::ConfirmedInvalid => Some(IssuedStatus::ConfirmedInvalid),
            WithdrawalBasis::CreditRepair => None,
        }
    }

    /// What the public verification says of a genuine document with this status.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            IssuedStatus::InForce => lang.pick("有效", "In force"),
            IssuedStatus::Superseded => lang.pick(
                "已被更正后的新版本替代",
                "Superseded by a corrected version",
            ),
            IssuedStatus::Changed => lang.pick("已被依法变更", "Changed by law"),
            IssuedStatus::Revoked => lang.pick("已被依法撤销", "Revoked by law"),
            IssuedStatus::ConfirmedIllegal => lang.pick("已被确认违法", "Confirmed illegal"),
            IssuedStatus::ConfirmedInvalid => lang.pick("已被确认无效", "Confirmed invalid"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_the_record_each_legal_withdrawal_ends_the_decision_credit_repair_does_not() {
        let table = [
            (WithdrawalBasis::Changed, Some(IssuedStatus::Changed)),
            (WithdrawalBasis::Revoked, Some(IssuedStatus::Revoked)),
            (
                WithdrawalBasis::ConfirmedIllegal,
                Some(IssuedStatus::ConfirmedIllegal),
            ),
            (
                WithdrawalBasis::ConfirmedInvalid,
                Some(IssuedStatus::ConfirmedInvalid),
            ),
            (WithdrawalBasis::CreditRepair, None),
        ];
        for (basis, want) in table {
            assert_eq!(IssuedStatus::after_withdrawal(basis), want, "{basis:?}");
        }
        for basis in WithdrawalBasis::LEGAL {
            let s = IssuedStatus::after_withdrawal(basis).expect("a legal basis ends it");
            assert!(!s.in_force(), "{basis:?}");
        }
    }

    #[test]
    fn status_only_in_force_verifies_as_in_force_and_every_name_round_trips() {
        for s in IssuedStatus::ALL {
            assert_eq!(IssuedStatus::parse(s.as_str()), Some(s));
            assert_eq!(s.in_force(), s == IssuedStatus::InForce);
            assert_ne!(s.label(Lang::Zh), s.label(Lang::En));
        }
        assert_eq!(
            IssuedStatus::parse("withdrawn"),
            Some(IssuedStatus::Revoked)
        );
        assert_eq!(IssuedStatus::parse("valid"), None);
        assert_eq!(IssuedStatus::Revoked.label(Lang::Zh), "已被依法撤销");
    }
}
