//! What the state machine needs to know about a case and the people around it, loaded by the
//! caller before each step.
//!
//! Invariants: nothing here is derived from a clock. Every value that depends on the day
//! (credential standing, the end of the statement and hearing-request windows, the end of the
//! limitation period) is computed by the caller for the same day it passes to
//! [`crate::case::apply`]. Working-day arithmetic lives in the deadline module, not here: the
//! state machine only compares dates it is given. Anything missing counts against the step
//! (an unknown person has no credential in force, an unknown window has not ended).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    case::error::{BasisField, CaseError},
    case::{
        command::{DecisionOutcome, InvestigationOutcome},
        state::{CaseState, Procedure},
    },
    credential::{CredentialKind, CredentialStatus},
    penalty::PenaltyParts,
    role::Role,
};

/// SAMR's first extension of the 90-day limit: 30 days (市场监督管理行政处罚程序规定).
pub const SAMR_EXTENSION_DAYS: u32 = 30;

/// A person who acts on the case or is named by a command, with their standing on the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffStanding {
    /// The user's id.
    pub user_id: i32,
    /// The user's role.
    pub role: Role,
    /// The user's agency, if any.
    pub agency_id: Option<i32>,
    /// The standing on the day of the credential the role holds (enforcement certificate for
    /// officers and agency heads, legal qualification for reviewers); `None` when they hold
    /// none.
    pub credential: Option<CredentialStatus>,
}

impl StaffStanding {
    /// Whether the person's credential is in force on the day.
    pub fn credential_in_force(&self) -> bool {
        self.credential.is_some_and(CredentialStatus::in_force)
    }

    /// Whether the person's role holds an enforcement certificate (执法证).
    pub fn is_enforcement_staff(&self) -> bool {
        CredentialKind::EnforcementCertificate.held_by(self.role)
    }
}

/// A recorded piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceStanding {
    /// The evidence's id.
    pub evidence_id: i64,
    /// How many distinct officers with a certificate in force on the collection day collected
    /// it (APL Art. 42 wants at least two).
    pub certified_collectors: u32,
    /// How many its kind needs ([`crate::evidence::EvidenceKind::collectors_required`]): two,
    /// or one for an appraisal opinion or device data.
    pub required_collectors: u32,
}

/// The served notice of proposed penalty and the windows it opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorNoticeFacts {
    /// When it was served.
    pub served_on: NaiveDate,
    /// The proposed fine, in fen.
    pub proposed_fine_fen: i64,
    /// The last day of the statement/defence window (SAMR: 5 working days) [L].
    pub statement_window_ends: NaiveDate,
    /// The last day on which the party may request a hearing (Art. 64: 5 working days).
    /// Ignored when the case is not eligible for a hearing.
    pub hearing_request_window_ends: NaiveDate,
}

/// The decision made in the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionFacts {
    /// Penalty or non-penalty.
    pub outcome: DecisionOutcome,
    /// The fine, in fen.
    pub fine_fen: i64,
    /// The decision's date.
    pub decided_on: NaiveDate,
}

/// The legal basis a penalty decision states (APL Art. 59 ¶1(2)(3)): the provision the act
/// violated and the provision the penalty is imposed under. A penalty without a legal basis is
/// invalid (Art. 38 ¶1), so no penalty is decided without both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalBasis {
    /// The provision violated (违反的规定), e.g. 《中华人民共和国食品安全法》第三十四条第十项.
    pub violated: String,
    /// The provision applied (处罚依据), e.g. 《中华人民共和国食品安全法》第一百二十四条第一款.
    pub applied: String,
}

impl LegalBasis {
    /// The basis, trimmed.
    pub fn new(violated: &str, applied: &str) -> Self {
        Self {
            violated: violated.trim().to_owned(),
            applied: applied.trim().to_owned(),
        }
    }

    /// Whether neither provision is given.
    pub fn is_blank(&self) -> bool {
        self.violated.trim().is_empty() && self.applied.trim().is_empty()
    }

    /// Checks that both provisions are given (Art. 38, 59), naming the first one missing.
    pub fn check(basis: Option<&LegalBasis>) -> Result<(), CaseError> {
        let missing = |s: Option<&str>| s.is_none_or(|s| s.trim().is_empty());
        if missing(basis.map(|b| b.violated.as_str())) {
            return Err(CaseError::LegalBasisMissing {
                field: BasisField::Violated,
            });
        }
        if missing(basis.map(|b| b.applied.as_str())) {
            return Err(CaseError::LegalBasisMissing {
                field: BasisField::Applied,
            });
        }
        Ok(())
    }
}

/// Values DOMAIN.md marks as departmental or local ([L]); the defaults are SAMR's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureRules {
    /// The longest single extension of the 90-day limit, in days.
    pub max_extension_days: u32,
    /// Whether a major case must pass legal review before the prior notice (SAMR's ordering)
    /// rather than only before the decision.
    pub review_before_prior_notice: bool,
}

impl Default for ProcedureRules {
    fn default() -> Self {
        Self {
            max_extension_days: SAMR_EXTENSION_DAYS,
            review_before_prior_notice: true,
        }
    }
}

/// Everything the preconditions of a step depend on. The default is an empty ordinary case
/// in [`CaseState::New`] belonging to no agency: fill in what applies.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CaseFacts {
    /// The case's procedure.
    pub procedure: Procedure,
    /// The case's current state.
    pub state: CaseState,
    /// The agency handling the case.
    pub agency_id: i32,
    /// Officers currently assigned to the case (for a summary case: the officers on the spot).
    pub assigned_officer_ids: Vec<i32>,
    /// Everyone who has taken part in the investigation, including officers assigned before
    /// and evidence collectors. Neither the hearing host nor the legal reviewer may be one.
    pub investigator_ids: Vec<i32>,
    /// People who must recuse themselves (回避, Art. 43): they may not act or be named.
    pub recused_user_ids: Vec<i32>,
    /// The standing on the day of every person who acts or is named: the acting user,
    /// assigned officers, named officers, the hearing host.
    pub staff: Vec<StaffStanding>,
    /// The last day of the limitation period (Art. 36), computed from the act (or its end).
    pub limitation_ends: Option<NaiveDate>,
    /// The day the violation was discovered: the agency's receipt of the clue, or the day
    /// the officer found it. Art. 36 asks whether the act was discovered within the period,
    /// not whether the case is filed within it. `None`: today counts (the stricter reading).
    pub discovered_on: Option<NaiveDate>,
    /// The party's responsibility by age on the day of the act (Art. 30), when a natural
    /// person's birth date is known; `None` for an organisation or an unknown age.
    pub party_responsibility: Option<crate::liability::AgeResponsibility>,
    /// The same party's earlier decisions that stand (for the first-violation waiver).
    pub party_history: Vec<crate::liability::PriorDecision>,
    /// The day of the act (or its start), when known.
    pub act_on: Option<NaiveDate>,
    /// The evidence recorded so far.
    pub evidence: Vec<EvidenceStanding>,
    /// The investigation's outcome, once concluded.
    pub outcome: Option<InvestigationOutcome>,
    /// Whether the case matched the legal-review catalog (Art. 58), as classified elsewhere.
    pub major: bool,
    /// Whether a passed ("agree") legal review is on file.
    pub review_passed: bool,
    /// Whether a passed legal review is on file that was given after the hearing.
    pub review_passed_after_hearing: bool,
    /// The served prior notice, if any.
    pub prior_notice: Option<PriorNoticeFacts>,
    /// Whether the proposed penalty gives the party the right to a hearing (Art. 63), as
    /// classified elsewhere against the [L] thresholds.
    pub hearing_eligible: bool,
    /// Whether the party waived statement, defence and hearing (Art. 62), or withdrew a
    /// hearing request, or did not appear at the hearing.
    pub rights_waived: bool,
    /// The noticed hearing date, if any.
    pub hearing_date: Option<NaiveDate>,
    /// Whether the hearing was held.
    pub hearing_held: bool,
    /// Whether collective discussion is required (Art. 57 ¶2) [L].
    pub collective_discussion_required: bool,
    /// Whether a collective discussion of the case's decision is on file.
    pub collective_discussion_done: bool,
    /// How many extensions of the 90-day limit were granted.
    pub extensions_granted: u32,
    /// Whether a collective discussion approved a further extension (needed from the second
    /// extension on).
    pub extension_discussed: bool,
    /// The state a suspended case resumes to.
    pub suspended_from: Option<CaseState>,
    /// The decision, once made.
    pub decision: Option<DecisionFacts>,
    /// Whether the decision's document (行政处罚决定书 or 不予行政处罚决定书) is issued (签发,
    /// numbered and in force). An ordinary-procedure decision is served and the case closed
    /// only as an issued document: what the party receives is the numbered document.
    pub decision_issued: bool,
    /// The proposed (after the decision: decided) penalty besides its fine: confiscation and
    /// other measures (APL Art. 9).
    pub penalty: PenaltyParts,
    /// The legal basis on record (Art. 59), if any.
    pub basis: Option<LegalBasis>,
    /// Whether the parts of the penalty beyond the fine (a confiscation, a measure service does
    /// not perform) were confirmed as carried out.
    pub other_parts_performed: bool,
    /// Whether the party signed consent to electronic service.
    pub e_service_consent: bool,
    /// What remains to be paid, in fen (fine plus surcharge, less payments).
    pub outstanding_fen: i64,
    /// What was paid so far, in fen.
    pub paid_fen: i64,
    /// Since when a suspended case is suspended.
    pub suspended_on: Option<NaiveDate>,
    /// The days spent suspended by earlier suspensions.
    pub suspended_days: u32,
    /// The days added to the 90-day limit by the extensions granted.
    pub extension_days: u32,
    /// Whether execution is finished: the fine paid in full and every other part of the
    /// penalty carried out (a warning: on service) ([`crate::penalty::execution_finished`]).
    pub execution_finished: bool,
    /// Whether the case-file checklist is complete (DOMAIN.md §1b: archiving is blocked until
    /// it is).
    pub case_file_complete: bool,
    /// The configurable [L] values.
    pub rules: ProcedureRules,
}

impl CaseFacts {
    /// The standing of a person, if loaded.
    pub fn staff_member(&self, user_id: i32) -> Option<&StaffStanding> {
        self.staff.iter().find(|s| s.user_id == user_id)
    }

    /// Whether the person's credential is in force on the day (unknown people: no).
    pub fn credential_in_force(&self, user_id: i32) -> bool {
        self.staff_member(user_id)
            .is_some_and(StaffStanding::credential_in_force)
    }

    /// Whether the officer is assigned to the case.
    pub fn is_assigned(&self, user_id: i32) -> bool {
        self.assigned_officer_ids.contains(&user_id)
    }

    /// Whether the person is or was an investigator of the case.
    pub fn is_investigator(&self, user_id: i32) -> bool {
        self.is_assigned(user_id) || self.investigator_ids.contains(&user_id)
    }

    /// Whether the person must recuse themselves.
    pub fn must_recuse(&self, user_id: i32) -> bool {
        self.recused_user_ids.contains(&user_id)
    }

    /// Whether the person may act as an officer of this case on the day: enforcement staff of
    /// the case's agency, certificate in force, not recused.
    pub fn is_qualified_officer(&self, user_id: i32) -> bool {
        !self.must_recuse(user_id)
            && self.staff_member(user_id).is_some_and(|s| {
                s.is_enforcement_staff()
                    && s.agency_id == Some(self.agency_id)
                    && s.credential_in_force()
            })
    }

    /// Whether `actor` may add parties to the case on the day: an officer qualified for the
    /// case (own agency, certificate in force, not recused) who is assigned to it, or, before
    /// officers are assigned (a registered clue, a proposed filing), any such officer; and
    /// only until the decision.
    pub fn may_add_parties(&self, actor: &crate::authz::Actor) -> bool {
        let before_assignment = matches!(
            self.state,
            CaseState::ClueRegistered | CaseState::FilingProposed
        );
        actor.role == Role::Officer
            && self.is_qualified_officer(actor.user_id)
            && (before_assignment
                || (self.is_assigned(actor.user_id) && self.state.is_open_before_decision()))
    }

    /// How many distinct assigned officers are qualified on the day.
    pub fn qualified_assigned_officers(&self) -> usize {
        let mut ids: Vec<i32> = self
            .assigned_officer_ids
            .iter()
            .copied()
            .filter(|id| self.is_qualified_officer(*id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authz::Actor;

    fn actor(user_id: i32, role: Role) -> Actor {
        Actor {
            user_id,
            role,
            agency_id: Some(1),
            region_code: None,
            served_agency_ids: vec![],
        }
    }

    fn staff(user_id: i32, role: Role, credential: CredentialStatus) -> StaffStanding {
        StaffStanding {
            user_id,
            role,
            agency_id: Some(1),
            credential: Some(credential),
        }
    }

    fn facts(state: CaseState) -> CaseFacts {
        CaseFacts {
            state,
            agency_id: 1,
            assigned_officer_ids: vec![1, 2],
            staff: vec![
                staff(1, Role::Officer, CredentialStatus::Valid),
                staff(3, Role::Officer, CredentialStatus::Valid),
                staff(4, Role::Officer, CredentialStatus::Expired),
                staff(5, Role::AgencyHead, CredentialStatus::Valid),
            ],
            ..CaseFacts::default()
        }
    }

    #[test]
    fn parties_are_added_by_qualified_officers_until_the_decision() {
        // Before assignment any qualified officer of the agency may.
        let registered = facts(CaseState::ClueRegistered);
        assert!(registered.may_add_parties(&actor(3, Role::Officer)));
        assert!(
            !registered.may_add_parties(&actor(4, Role::Officer)),
            "certificate expired"
        );
        assert!(
            !registered.may_add_parties(&actor(5, Role::AgencyHead)),
            "not an officer"
        );
        assert!(
            !registered.may_add_parties(&actor(9, Role::Officer)),
            "unknown person"
        );
        // Afterwards only assigned officers, and not after the decision.
        let investigating = facts(CaseState::Investigating);
        assert!(investigating.may_add_parties(&actor(1, Role::Officer)));
        assert!(
            !investigating.may_add_parties(&actor(3, Role::Officer)),
            "not assigned"
        );
        assert!(!facts(CaseState::Decided).may_add_parties(&actor(1, Role::Officer)));
        let mut recused = facts(CaseState::Investigating);
        recused.recused_user_ids = vec![1];
        assert!(
            !recused.may_add_parties(&actor(1, Role::Officer)),
            "must recuse"
        );
    }
}
