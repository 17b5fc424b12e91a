//! Changing who handles a case after it is filed: recusal (回避, APL Art. 43) and assigning a
//! further or replacement officer. The agency head decides both; the investigation continues
//! meanwhile, but steps that need two qualified assigned officers wait until there are two.
//!
//! Invariants: only the head of the case's agency changes the staffing, only until the
//! decision; a recused person is never assigned again on that case; an officer assigned must
//! be enforcement staff of the agency with a certificate in force.

use serde::{Deserialize, Serialize};

use crate::{
    authz::Actor,
    case::{CaseError, CaseFacts, CaseState},
    role::Role,
};

/// A change to who handles a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum StaffingChange {
    /// The person withdraws from the case (回避): they may no longer act or be named on it.
    Recuse {
        /// Who.
        user_id: i32,
    },
    /// The officer is assigned to the case.
    Assign {
        /// Who.
        user_id: i32,
    },
}

impl StaffingChange {
    /// The audit action recorded for the change.
    pub fn action(self) -> &'static str {
        match self {
            StaffingChange::Recuse { .. } => "case.recuse",
            StaffingChange::Assign { .. } => "case.assign_officer",
        }
    }
}

/// Whether staffing may still change in `state`: from filing (or its proposal) until the
/// decision.
pub fn staffing_open(state: CaseState) -> bool {
    state == CaseState::FilingProposed || state.is_open_before_decision()
}

/// Whether `actor` may change the case's staffing at all now (the head of its agency, before
/// the decision), whoever the change is about.
pub fn may_change_staffing(facts: &CaseFacts, actor: &Actor) -> Result<(), CaseError> {
    if actor.role != Role::AgencyHead {
        return Err(CaseError::WrongRole {
            required: Role::AgencyHead,
            actual: actor.role,
        });
    }
    if actor.agency_id != Some(facts.agency_id) {
        return Err(CaseError::NotOfThisAgency);
    }
    if !staffing_open(facts.state) {
        return Err(CaseError::StaffingClosed { state: facts.state });
    }
    Ok(())
}

/// Judges a staffing change by `actor` on the case.
pub fn check_staffing(
    facts: &CaseFacts,
    actor: &Actor,
    change: StaffingChange,
) -> Result<(), CaseError> {
    may_change_staffing(facts, actor)?;
    match change {
        StaffingChange::Recuse { user_id } => {
            if facts.must_recuse(user_id) {
                return Err(CaseError::MustRecuse { user_id });
            }
            if !facts.is_investigator(user_id) {
                return Err(CaseError::NotAssigned { user_id });
            }
            Ok(())
        }
        StaffingChange::Assign { user_id } => {
            if facts.must_recuse(user_id) {
                return Err(CaseError::MustRecuse { user_id });
            }
            let staff = facts
                .staff_member(user_id)
                .filter(|s| s.role == Role::Officer && s.agency_id == Some(facts.agency_id))
                .ok_or(CaseError::NotStaffOfAgency { user_id })?;
            if !staff.credential_in_force() {
                return Err(CaseError::CredentialNotInForce { user_id });
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{case::StaffStanding, credential::CredentialStatus};

    fn actor(user_id: i32, role: Role, agency: i32) -> Actor {
        Actor {
            user_id,
            role,
            agency_id: Some(agency),
            region_code: None,
            served_agency_ids: vec![],
        }
    }

    fn officer(user_id: i32, agency: i32, credential: CredentialStatus) -> StaffStanding {
        StaffStanding {
            user_id,
            role: Role::Officer,
            agency_id: Some(agency),
            credential: Some(credential),
        }
    }

    fn facts(state: CaseState) -> CaseFacts {
        CaseFacts {
            state,
            agency_id: 1,
            assigned_officer_ids: vec![1, 2],
            investigator_ids: vec![1, 2],
            staff: vec![
                officer(1, 1, CredentialStatus::Valid),
                officer(2, 1, CredentialStatus::Valid),
                officer(3, 1, CredentialStatus::ExpiringSoon),
                officer(4, 1, CredentialStatus::Expired),
                officer(5, 2, CredentialStatus::Valid),
            ],
            ..CaseFacts::default()
        }
    }

    const HEAD: i32 = 9;

    #[test]
    fn the_head_recuses_an_officer_on_the_case() {
        let f = facts(CaseState::Investigating);
        let head = actor(HEAD, Role::AgencyHead, 1);
        assert_eq!(
            check_staffing(&f, &head, StaffingChange::Recuse { user_id: 1 }),
            Ok(())
        );
        assert_eq!(
            check_staffing(&f, &head, StaffingChange::Recuse { user_id: 3 }),
            Err(CaseError::NotAssigned { user_id: 3 })
        );
        let mut recused = f.clone();
        recused.recused_user_ids = vec![1];
        assert_eq!(
            check_staffing(&recused, &head, StaffingChange::Recuse { user_id: 1 }),
            Err(CaseError::MustRecuse { user_id: 1 })
        );
    }

    #[test]
    fn only_qualified_officers_of_the_agency_are_assigned_and_never_a_recused_one() {
        let f = facts(CaseState::Investigating);
        let head = actor(HEAD, Role::AgencyHead, 1);
        assert_eq!(
            check_staffing(&f, &head, StaffingChange::Assign { user_id: 3 }),
            Ok(())
        );
        assert_eq!(
            check_staffing(&f, &head, StaffingChange::Assign { user_id: 4 }),
            Err(CaseError::CredentialNotInForce { user_id: 4 })
        );
        assert_eq!(
            check_staffing(&f, &head, StaffingChange::Assign { user_id: 5 }),
            Err(CaseError::NotStaffOfAgency { user_id: 5 })
        );
        assert_eq!(
            check_staffing(&f, &head, StaffingChange::Assign { user_id: 42 }),
            Err(CaseError::NotStaffOfAgency { user_id: 42 })
        );
        let mut recused = f.clone();
        recused.recused_user_ids = vec![3];
        assert_eq!(
            check_staffing(&recused, &head, StaffingChange::Assign { user_id: 3 }),
            Err(CaseError::MustRecuse { user_id: 3 })
        );
    }

    #[test]
    fn only_the_agencys_head_and_only_until_the_decision() {
        let f = facts(CaseState::Investigating);
        let change = StaffingChange::Recuse { user_id: 1 };
        for role in Role::ALL {
            let expected = if role == Role::AgencyHead {
                Ok(())
            } else {
                Err(CaseError::WrongRole {
                    required: Role::AgencyHead,
                    actual: role,
                })
            };
            assert_eq!(
                check_staffing(&f, &actor(HEAD, role, 1), change),
                expected,
                "{role:?}"
            );
        }
        assert_eq!(
            check_staffing(&f, &actor(HEAD, Role::AgencyHead, 2), change),
            Err(CaseError::NotOfThisAgency)
        );
        for state in CaseState::ALL {
            let result = check_staffing(&facts(state), &actor(HEAD, Role::AgencyHead, 1), change);
            assert_eq!(result.is_ok(), staffing_open(state), "{state:?}");
            if !staffing_open(state) {
                assert_eq!(result, Err(CaseError::StaffingClosed { state }));
            }
        }
        assert!(!staffing_open(CaseState::Decided));
        assert!(staffing_open(CaseState::Investigating));
        assert_eq!(
            StaffingChange::Recuse { user_id: 1 }.action(),
            "case.recuse"
        );
    }
}
