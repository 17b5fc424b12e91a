//! The day's work on cases (issue 22 item 1): which steps move a case forward, and who holds a
//! case in a given state. The to-do lists and the "who acts next" line of a case page are built
//! on these; both follow from the state machine ([`super::machine`]), nothing is listed twice.

use std::collections::BTreeSet;

use super::{
    command::CommandKind,
    machine::accepted_in,
    state::{CaseState, Procedure},
};
use crate::role::Role;

/// Whether a step moves the case forward along its procedure, what a to-do list offers. Left
/// out: the side steps possible in almost any open state (withdraw, transfer, suspend, extend
/// the time limit, order a correction) and recording evidence, which can be repeated all
/// through an investigation and never finishes it.
pub fn advances(kind: CommandKind) -> bool {
    !matches!(
        kind,
        CommandKind::Withdraw
            | CommandKind::Transfer
            | CommandKind::Suspend
            | CommandKind::Extend
            | CommandKind::OrderCorrection
            | CommandKind::RecordEvidence
    )
}

/// Who holds a case of `procedure` in `state`: the roles whose steps move it forward from
/// there. Empty when nothing is left to do (declined, archived).
pub fn holders(state: CaseState, procedure: Procedure) -> BTreeSet<Role> {
    CommandKind::ALL
        .into_iter()
        .filter(|&kind| advances(kind) && accepted_in(kind, state))
        .filter(|kind| kind.procedure().is_none_or(|p| p == procedure))
        .map(CommandKind::required_role)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(role: Role) -> BTreeSet<Role> {
        BTreeSet::from([role])
    }

    #[test]
    fn an_approval_waits_for_the_head_and_a_review_for_the_reviewer() {
        use CaseState as S;
        let ordinary = Procedure::Ordinary;
        assert_eq!(holders(S::FilingProposed, ordinary), only(Role::AgencyHead));
        assert_eq!(
            holders(S::UnderLegalReview, ordinary),
            only(Role::LegalReviewer)
        );
        assert_eq!(holders(S::Suspended, ordinary), only(Role::AgencyHead));
        assert_eq!(holders(S::Withdrawn, ordinary), only(Role::AgencyHead));
        assert_eq!(holders(S::Transferred, ordinary), only(Role::AgencyHead));
        for officer_only in [
            S::Filed,
            S::Investigating,
            S::ReviewReturned,
            S::Decided,
            S::HearingRequested,
            S::HearingNoticed,
        ] {
            assert_eq!(
                holders(officer_only, ordinary),
                only(Role::Officer),
                "{officer_only:?}"
            );
        }
        // A clue: the officers propose filing, or the head declines it.
        assert_eq!(
            holders(S::ClueRegistered, ordinary),
            BTreeSet::from([Role::Officer, Role::AgencyHead])
        );
        // After the investigation the officers may go on (notice, review) or the head decide.
        assert_eq!(
            holders(S::HearingHeld, ordinary),
            BTreeSet::from([Role::Officer, Role::AgencyHead])
        );
        assert_eq!(holders(S::Closed, ordinary), only(Role::Officer));
        assert_eq!(
            holders(S::OnTheSpotDecided, Procedure::Summary),
            only(Role::Officer)
        );
    }

    #[test]
    fn every_state_a_case_can_be_in_has_someone_to_act_unless_it_is_finished() {
        for procedure in Procedure::ALL {
            for state in CaseState::ALL {
                if state == CaseState::New || !state.belongs_to(procedure) {
                    continue;
                }
                let holders = holders(state, procedure);
                assert_eq!(
                    holders.is_empty(),
                    state.is_terminal(),
                    "{procedure:?} {state:?}: {holders:?}"
                );
                // Only the roles that take steps at all ever hold a case.
                assert!(
                    holders.iter().all(|r| matches!(
                        r,
                        Role::Officer | Role::AgencyHead | Role::LegalReviewer
                    )),
                    "{state:?}: {holders:?}"
                );
            }
        }
    }

    #[test]
    fn side_steps_and_evidence_are_not_the_work_of_the_day() {
        let side: BTreeSet<&str> = CommandKind::ALL
            .into_iter()
            .filter(|k| !advances(*k))
            .map(CommandKind::action)
            .collect();
        assert_eq!(
            side,
            BTreeSet::from([
                "case.record_evidence",
                "case.withdraw",
                "case.transfer",
                "case.suspend",
                "case.extend",
                "case.order_correction",
            ])
        );
    }
}
