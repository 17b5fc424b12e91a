//! The administrative-penalty case as a pure state machine (DOMAIN.md §2).
//!
//! `(facts, command, actor, today) -> Result<Transition, CaseError>`: [`apply`] reads nothing
//! but its arguments. The caller loads [`CaseFacts`] (the case's state and everything the
//! preconditions need, including each person's credential standing and the deadline module's
//! window end dates for `today`), calls [`apply`], and on success stores the new state and
//! appends the [`Transition`]'s audit event in one database transaction.
//!
//! Invariants:
//! - Only three roles ever act on a case: officers of the case's agency who are assigned to it
//!   and hold a certificate in force (investigation, notices, service, records), the agency's
//!   head (filing, extension, suspension, withdrawal, transfer, collective discussion,
//!   decision, closure; APL Art. 57, 58) and a qualified legal reviewer serving the agency who
//!   never investigated the case (review). Supervisors, admins and integration accounts take no
//!   step; an actor of another agency is refused.
//! - Nobody who must recuse (Art. 43) acts or is named.
//! - Art. 42 (two qualified officers) holds at filing, at the start of investigation, for every
//!   piece of evidence and for an on-the-spot decision.
//! - No penalty decision without a served prior notice and the end of the statement and
//!   hearing-request windows or the party's express waiver (Art. 44, 62, 64); none while a
//!   requested hearing is pending (Art. 65); none in a major case without a passed legal review
//!   (Art. 58); none without the collective discussion the case requires (Art. 57 ¶2).
//! - [`allowed_commands`] lists exactly the kinds [`check`] accepts, so the UI and the server
//!   agree on the next steps.
//! - The summary procedure decides only a warning or a fine of at most 200 CNY (natural person)
//!   or 3,000 CNY (organisation) (Art. 51).
//!
//! Where DOMAIN.md marks a rule [U] or [L], the stricter reading is taken and the code says so.

mod checklist;
mod command;
mod effect;
mod error;
mod facts;
mod machine;
mod schedule;
mod staffing;
mod state;
mod todo;
mod transition;

#[cfg(test)]
mod tests;

pub use checklist::{FileItem, FileShape, missing_items, required_items};
pub use command::{
    CloseReason, ClueSource, Command, CommandKind, DecisionOutcome, InvestigationOutcome,
    PartyKind, SUMMARY_FINE_LIMIT_NATURAL_PERSON_FEN, SUMMARY_FINE_LIMIT_ORGANISATION_FEN,
    ServiceMethod, SummaryPenalty,
};
pub use effect::{CaseUpdate, DiscretionRecord, MajorRecord, Proposal, StepDetails, StepRecord};
pub use error::{BasisField, CaseError, DateField, Fact, TextField, yuan};
pub use facts::{
    CaseFacts, DecisionFacts, EvidenceStanding, LegalBasis, PriorNoticeFacts, ProcedureRules,
    SAMR_EXTENSION_DAYS, StaffStanding,
};
pub use machine::{
    allowed_commands, apply, apply_step, check, expected_close_reason, waiting_commands,
};
pub use schedule::{ScheduleFacts, due_date, most_urgent, rule_for};
pub use staffing::{StaffingChange, check_staffing, may_change_staffing, staffing_open};
pub use state::{CaseState, Procedure};
pub use todo::{advances, holders};
pub use transition::{
    AUDIT_SUBJECT_TYPE, DeadlineChange, DeadlineEffect, DeadlineKind, DocumentKind, Transition,
};
