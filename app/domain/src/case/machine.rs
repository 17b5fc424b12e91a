//! The checks and effects of every step.
//!
//! Invariants:
//! - Checks run in a fixed order, so the same situation always gives the same refusal:
//!   role → agency → procedure → state → the actor's standing → the case's facts → the
//!   command's data. [`check`] runs everything up to the facts; [`apply`] adds the data checks
//!   and builds the [`Transition`]. [`allowed_commands`] is exactly the kinds [`check`] accepts,
//!   so the UI never offers a step that `apply` would refuse for a reason other than its data.
//! - Effects ([`Transition`]) are computed only after every check passed and depend only on the
//!   facts, the command and the day.
//!
//! Where DOMAIN.md marks a rule uncertain ([U]) or local ([L]), the stricter reading is taken;
//! each such place says so in a comment starting "Stricter reading".

use chrono::NaiveDate;

use crate::{
    authz::Actor,
    case::{
        command::{
            CloseReason, Command, CommandKind, DecisionOutcome, InvestigationOutcome,
            ServiceMethod, SummaryPenalty,
        },
        effect::{CaseUpdate, MajorRecord, StepDetails, StepRecord},
        error::{CaseError, DateField, Fact, TextField},
        facts::{CaseFacts, DecisionFacts, LegalBasis, PriorNoticeFacts},
        state::CaseState,
        transition::{DeadlineChange, DeadlineEffect, DeadlineKind, DocumentKind, Transition},
    },
    penalty::{Measure, execution_finished},
    role::Role,
};

/// Applies `command`, taken by `actor` on `today`, to the case described by `facts`, with no
/// details beyond the command (see [`apply_step`]).
pub fn apply(
    facts: &CaseFacts,
    command: &Command,
    actor: &Actor,
    today: NaiveDate,
) -> Result<Transition, CaseError> {
    apply_step(facts, command, &StepDetails::default(), actor, today)
}

/// Applies `command` with its `details`, taken by `actor` on `today`, to the case described
/// by `facts`.
///
/// Pure: the result depends only on the arguments. On success the caller stores
/// `transition.to` and each of `transition.changes` as they are, and appends the audit event
/// built from `transition.action` and `transition.record` in the same database transaction.
///
/// The details decide two facts before the step is judged: a catalog match makes the case
/// major whatever the officer ticked (Art. 58), and a confirmed collective discussion allows a
/// further extension.
pub fn apply_step(
    facts: &CaseFacts,
    command: &Command,
    details: &StepDetails,
    actor: &Actor,
    today: NaiveDate,
) -> Result<Transition, CaseError> {
    let judged;
    let new_basis = stated_basis(command, details, facts);
    let facts = if details.major.as_ref().is_some_and(MajorRecord::is_major)
        || (details.confirmed && matches!(command, Command::Extend { .. }))
        || new_basis.is_some()
    {
        let mut f = facts.clone();
        f.major |= details.major.as_ref().is_some_and(MajorRecord::is_major);
        if matches!(command, Command::Extend { .. }) {
            f.extension_discussed |= details.confirmed;
        }
        if let Some(basis) = new_basis.clone() {
            f.basis = Some(basis);
        }
        judged = f;
        &judged
    } else {
        facts
    };
    let kind = command.kind();
    check(facts, kind, actor, today)?;
    check_data(facts, command, today)?;
    if let Command::Decide {
        outcome: DecisionOutcome::Penalty,
        ..
    } = command
    {
        check_minor_penalty(facts, details)?;
        check_second_fine(facts, command)?;
    }
    Ok(transition(facts, command, details, today))
}

/// The legal basis a step states: a conclusion's or a decision's, when not blank. Each
/// provision it gives replaces the one on record; one it leaves blank keeps the record's.
fn stated_basis(command: &Command, details: &StepDetails, facts: &CaseFacts) -> Option<LegalBasis> {
    let given = details.basis.as_ref().filter(|b| !b.is_blank())?;
    if !matches!(
        command,
        Command::ConcludeInvestigation { .. } | Command::Decide { .. }
    ) {
        return None;
    }
    let on_record = facts.basis.clone().unwrap_or_default();
    let pick = |new: &str, old: &str| {
        if new.trim().is_empty() {
            old.to_owned()
        } else {
            new.to_owned()
        }
    };
    Some(LegalBasis::new(
        &pick(&given.violated, &on_record.violated),
        &pick(&given.applied, &on_record.applied),
    ))
}

/// Whether `actor` may take a step of `kind` on `today`, judged on everything except the
/// command's own data (dates, amounts, texts, named people).
pub fn check(
    facts: &CaseFacts,
    kind: CommandKind,
    actor: &Actor,
    today: NaiveDate,
) -> Result<(), CaseError> {
    check_role(kind, actor)?;
    check_agency(facts, kind, actor)?;
    check_procedure(facts, kind)?;
    check_state(facts.state, kind)?;
    check_actor(facts, kind, actor)?;
    check_case(facts, kind, today)
}

/// The steps that would move the case forward for `actor` but wait, on `today`, for something
/// still to be done or for time to pass (a document to issue, a window still open, a review to
/// pass), each with the refusal that says what: shown beside the steps offered, so that no one
/// is left wondering why a step is missing. Steps that are simply pointless (a review that
/// already passed, nothing left to pay) are not listed.
pub fn waiting_commands(
    facts: &CaseFacts,
    actor: &Actor,
    today: NaiveDate,
) -> Vec<(CommandKind, CaseError)> {
    CommandKind::ALL
        .into_iter()
        .filter(|&kind| super::todo::advances(kind))
        .filter_map(|kind| {
            check_role(kind, actor).ok()?;
            check_agency(facts, kind, actor).ok()?;
            check_procedure(facts, kind).ok()?;
            check_state(facts.state, kind).ok()?;
            check_actor(facts, kind, actor).ok()?;
            let refusal = check_case(facts, kind, today).err()?;
            refusal.is_waiting().then_some((kind, refusal))
        })
        .collect()
}

/// The steps `actor` may take next on `today`, in procedure order: the UI's "next actions".
/// Every kind listed is accepted by [`apply`] given valid data; every kind left out is refused
/// whatever the data.
pub fn allowed_commands(facts: &CaseFacts, actor: &Actor, today: NaiveDate) -> Vec<CommandKind> {
    CommandKind::ALL
        .into_iter()
        .filter(|kind| check(facts, *kind, actor, today).is_ok())
        .collect()
}

/// Whether a step of `kind` is possible at all in `state`.
pub(crate) fn accepted_in(kind: CommandKind, state: CaseState) -> bool {
    use CaseState as S;
    use CommandKind as K;
    match kind {
        K::RegisterClue | K::SummaryDecide => state == S::New,
        K::FileCase => state == S::ClueRegistered,
        K::DeclineClue => matches!(state, S::ClueRegistered | S::FilingProposed),
        K::ApproveFiling => state == S::FilingProposed,
        K::StartInvestigation => matches!(state, S::Filed | S::ReviewReturned),
        K::RecordEvidence => state == S::Investigating,
        K::ConcludeInvestigation => matches!(state, S::Investigating | S::ReviewReturned),
        K::SubmitForReview => matches!(
            state,
            S::InvestigationConcluded | S::ReviewReturned | S::PriorNoticeServed | S::HearingHeld
        ),
        K::ApproveReview | K::ReturnReview => state == S::UnderLegalReview,
        K::ServePriorNotice => state == S::InvestigationConcluded,
        K::RecordStatement | K::WaiveRights => matches!(
            state,
            S::PriorNoticeServed | S::HearingRequested | S::HearingNoticed
        ),
        K::RequestHearing => state == S::PriorNoticeServed,
        K::NoticeHearing => state == S::HearingRequested,
        K::HoldHearing => state == S::HearingNoticed,
        K::HoldCollectiveDiscussion => matches!(
            state,
            S::InvestigationConcluded | S::PriorNoticeServed | S::HearingHeld
        ),
        K::Decide => matches!(
            state,
            S::InvestigationConcluded
                | S::PriorNoticeServed
                | S::HearingHeld
                | S::CollectiveDiscussion
        ),
        K::Serve => state == S::Decided,
        K::RecordPayment => matches!(
            state,
            S::Served | S::Executing | S::OnTheSpotDecided | S::SummaryRecordFiled
        ),
        K::RecordExecution => matches!(state, S::Served | S::Executing),
        K::Close => matches!(
            state,
            S::Served | S::Executing | S::Transferred | S::Withdrawn | S::SummaryRecordFiled
        ),
        K::Archive => state == S::Closed,
        K::Withdraw => state.is_open_before_decision() || state == S::Suspended,
        K::Transfer => {
            state.is_open_before_decision()
                || matches!(state, S::ClueRegistered | S::FilingProposed)
        }
        K::Suspend | K::Extend => state.is_open_before_decision(),
        K::Resume => state == S::Suspended,
        K::OrderCorrection => {
            state.is_open_before_decision()
                || matches!(state, S::Decided | S::Served | S::Executing)
        }
        K::FileSummaryRecord => state == S::OnTheSpotDecided,
    }
}

fn check_role(kind: CommandKind, actor: &Actor) -> Result<(), CaseError> {
    let required = kind.required_role();
    if actor.role == required {
        Ok(())
    } else {
        Err(CaseError::WrongRole {
            required,
            actual: actor.role,
        })
    }
}

fn check_agency(facts: &CaseFacts, kind: CommandKind, actor: &Actor) -> Result<(), CaseError> {
    // Stricter reading: a reviewer acts only for the agencies listed as served, even if the
    // reviewer's own account names the agency (authz lets them *see* it).
    let ours = match kind.required_role() {
        Role::LegalReviewer => actor.served_agency_ids.contains(&facts.agency_id),
        _ => actor.agency_id == Some(facts.agency_id),
    };
    if ours {
        Ok(())
    } else {
        Err(CaseError::NotOfThisAgency)
    }
}

fn check_procedure(facts: &CaseFacts, kind: CommandKind) -> Result<(), CaseError> {
    match kind.procedure() {
        Some(procedure) if procedure != facts.procedure => Err(CaseError::WrongProcedure {
            procedure: facts.procedure,
            command: kind,
        }),
        _ => Ok(()),
    }
}

fn check_state(state: CaseState, kind: CommandKind) -> Result<(), CaseError> {
    use CaseState as S;
    use CommandKind as K;
    if accepted_in(kind, state) {
        return Ok(());
    }
    Err(match (kind, state) {
        (_, S::Suspended) => CaseError::CaseSuspended,
        (
            K::SubmitForReview,
            S::ClueRegistered | S::FilingProposed | S::Filed | S::Investigating,
        ) => CaseError::InvestigationNotConcluded,
        (K::Decide | K::HoldCollectiveDiscussion, S::HearingRequested | S::HearingNoticed) => {
            CaseError::HearingPending
        }
        (K::Archive, s) if s != S::Archived => CaseError::NotClosed,
        (K::Withdraw, S::Decided | S::Served | S::Executing) => CaseError::AlreadyDecided,
        _ => CaseError::NotAllowedInState {
            state,
            command: kind,
        },
    })
}

fn check_actor(facts: &CaseFacts, kind: CommandKind, actor: &Actor) -> Result<(), CaseError> {
    let user_id = actor.user_id;
    if facts.must_recuse(user_id) {
        return Err(CaseError::MustRecuse { user_id });
    }
    match actor.role {
        Role::LegalReviewer => {
            if !facts.credential_in_force(user_id) {
                return Err(CaseError::ReviewerNotQualified);
            }
            if facts.is_investigator(user_id) {
                return Err(CaseError::ReviewerIsInvestigator);
            }
        }
        _ => {
            // Stricter reading: agency heads, too, act only with a certificate in force
            // (credential.rs: "an officer or agency head acts only with an enforcement
            // certificate valid on the day").
            if !facts.credential_in_force(user_id) {
                return Err(CaseError::CredentialNotInForce { user_id });
            }
            if kind.requires_assignment() && !facts.is_assigned(user_id) {
                return Err(CaseError::NotAssigned { user_id });
            }
        }
    }
    Ok(())
}

fn check_case(facts: &CaseFacts, kind: CommandKind, today: NaiveDate) -> Result<(), CaseError> {
    use CommandKind as K;
    match kind {
        K::FileCase => check_limitation(facts, today),
        K::ApproveFiling => {
            check_limitation(facts, today)?;
            check_assigned_officers(facts)
        }
        // Evidence, too: its collectors must be two qualified assigned officers.
        K::StartInvestigation | K::RecordEvidence | K::SummaryDecide => {
            check_assigned_officers(facts)
        }
        K::ConcludeInvestigation => {
            // Stricter reading: every piece of evidence on file, not just the ones relied on,
            // must have two certified collectors before the investigation can be concluded.
            match facts
                .evidence
                .iter()
                .find(|e| e.certified_collectors < e.required_collectors.max(1))
            {
                Some(e) => Err(CaseError::EvidenceCollectorsInsufficient {
                    evidence_id: e.evidence_id,
                }),
                None => Ok(()),
            }
        }
        K::SubmitForReview => {
            outcome(facts)?;
            // A review already passed stands until a hearing makes a new one necessary: a
            // second submission would only put the case back in the reviewer's queue.
            if facts.review_passed && (!facts.hearing_held || facts.review_passed_after_hearing) {
                return Err(CaseError::ReviewAlreadyPassed);
            }
            Ok(())
        }
        K::ServePriorNotice => {
            let outcome = outcome(facts)?;
            if outcome != InvestigationOutcome::Penalty {
                return Err(CaseError::OutcomeMismatch { outcome });
            }
            // DOMAIN.md §1c: the ordering of review and prior notice is configurable; SAMR's
            // (review first) is the default.
            if facts.major && facts.rules.review_before_prior_notice && !facts.review_passed {
                return Err(CaseError::ReviewRequired);
            }
            Ok(())
        }
        K::RecordStatement => prior_notice(facts).map(|_| ()),
        K::RequestHearing => {
            prior_notice(facts)?;
            if !facts.hearing_eligible {
                return Err(CaseError::HearingNotAvailable);
            }
            if facts.rights_waived {
                return Err(CaseError::RightsWaived);
            }
            Ok(())
        }
        K::WaiveRights => {
            prior_notice(facts)?;
            if facts.rights_waived {
                return Err(CaseError::RightsWaived);
            }
            Ok(())
        }
        K::NoticeHearing => prior_notice(facts).map(|_| ()),
        K::HoldHearing => {
            let hearing_date = facts.hearing_date.ok_or(CaseError::MissingFact {
                fact: Fact::HearingDate,
            })?;
            if today < hearing_date {
                return Err(CaseError::HearingNotYetDue { hearing_date });
            }
            Ok(())
        }
        K::HoldCollectiveDiscussion => check_ready_to_decide(facts, today, false),
        K::Decide => check_ready_to_decide(facts, today, true),
        K::Serve => {
            decision(facts)?;
            decision_issued(facts)
        }
        K::RecordPayment => {
            if facts.outstanding_fen > 0 {
                Ok(())
            } else {
                Err(CaseError::NothingToPay)
            }
        }
        K::RecordExecution => {
            if decision(facts)?.outcome == DecisionOutcome::NoPenalty {
                return Err(CaseError::NoPenaltyToExecute);
            }
            if facts.execution_finished {
                return Err(CaseError::ExecutionAlreadyFinished);
            }
            Ok(())
        }
        K::Close => {
            expected_close_reason(facts)?;
            if facts.decision.is_some() {
                decision_issued(facts)?;
            }
            Ok(())
        }
        K::Archive => {
            if facts.case_file_complete {
                Ok(())
            } else {
                Err(CaseError::CaseFileIncomplete)
            }
        }
        K::Resume => resume_state(facts).map(|_| ()),
        K::Extend => {
            // SAMR: the first extension (30 days) needs the agency head's approval; any further
            // extension needs the heads' collective discussion.
            if facts.extensions_granted >= 1 && !facts.extension_discussed {
                return Err(CaseError::ExtensionNeedsCollectiveDiscussion);
            }
            Ok(())
        }
        K::RegisterClue
        | K::DeclineClue
        | K::ApproveReview
        | K::ReturnReview
        | K::Withdraw
        | K::Transfer
        | K::Suspend
        | K::OrderCorrection
        | K::FileSummaryRecord => Ok(()),
    }
}

/// Art. 36 (违法行为在二年内未被发现的，不再给予行政处罚): no filing when the violation was
/// discovered after the limitation period. What counts is the day of discovery (the receipt
/// of the clue), not the day of filing: a violation discovered in time may be filed later
/// (within the filing deadline). Stricter readings: an unknown period blocks filing rather
/// than letting it through, and an unknown discovery day counts as today.
fn check_limitation(facts: &CaseFacts, today: NaiveDate) -> Result<(), CaseError> {
    let ended_on = facts.limitation_ends.ok_or(CaseError::MissingFact {
        fact: Fact::LimitationPeriod,
    })?;
    let discovered_on = facts.discovered_on.unwrap_or(today).min(today);
    if discovered_on > ended_on {
        return Err(CaseError::LimitationExpired { ended_on });
    }
    Ok(())
}

/// Art. 42: at least two assigned officers qualified on the day.
fn check_assigned_officers(facts: &CaseFacts) -> Result<(), CaseError> {
    let qualified = facts.qualified_assigned_officers();
    if qualified < 2 {
        return Err(CaseError::TooFewOfficers {
            qualified: u32::try_from(qualified).unwrap_or(u32::MAX),
        });
    }
    Ok(())
}

/// APL Art. 59, 61: the party is served the decision as a numbered, issued document; an
/// ordinary-procedure case is neither served nor closed on an unissued draft. (A summary
/// decision is handed over on the spot on its pre-numbered form: nothing to issue later.)
fn decision_issued(facts: &CaseFacts) -> Result<(), CaseError> {
    if facts.procedure == super::state::Procedure::Ordinary && !facts.decision_issued {
        return Err(CaseError::DecisionNotIssued);
    }
    Ok(())
}

fn outcome(facts: &CaseFacts) -> Result<InvestigationOutcome, CaseError> {
    facts.outcome.ok_or(CaseError::MissingFact {
        fact: Fact::InvestigationOutcome,
    })
}

fn prior_notice(facts: &CaseFacts) -> Result<PriorNoticeFacts, CaseError> {
    facts.prior_notice.ok_or(CaseError::MissingFact {
        fact: Fact::PriorNotice,
    })
}

fn decision(facts: &CaseFacts) -> Result<DecisionFacts, CaseError> {
    facts.decision.ok_or(CaseError::MissingFact {
        fact: Fact::Decision,
    })
}

/// The guards of a decision (DOMAIN.md §2.3 S8), also required before the collective
/// discussion that prepares it (`with_discussion` = false).
fn check_ready_to_decide(
    facts: &CaseFacts,
    on: NaiveDate,
    with_discussion: bool,
) -> Result<(), CaseError> {
    let outcome = outcome(facts)?;
    if outcome == InvestigationOutcome::Transfer {
        return Err(CaseError::OutcomeMismatch { outcome });
    }
    if outcome == InvestigationOutcome::Penalty && facts.prior_notice.is_none() {
        return Err(CaseError::PriorNoticeNotServed);
    }
    if let Some(notice) = facts.prior_notice {
        check_windows_ended(facts, &notice, on)?;
    }
    if facts.major && !facts.review_passed {
        return Err(CaseError::ReviewRequired);
    }
    // Stricter reading: any case that went through a hearing needs a review passed after the
    // hearing (Art. 58 ¶1(2); the catalog entry "any case that went through a hearing" is
    // [L]), and DOMAIN.md §1c: "Art. 58(2) cases need review after the hearing".
    if facts.hearing_held && !facts.review_passed_after_hearing {
        return Err(CaseError::ReviewAfterHearingRequired);
    }
    if with_discussion && facts.collective_discussion_required && !facts.collective_discussion_done
    {
        return Err(CaseError::CollectiveDiscussionRequired);
    }
    Ok(())
}

/// Art. 62, 64. Stricter reading of "statements recorded and re-checked": only the end of the
/// windows or the party's express waiver opens the way to a decision; recorded statements do
/// not, since the party may still add to them until the window ends. The windows bind every
/// decision once a prior notice is served, even a decision not to punish.
fn check_windows_ended(
    facts: &CaseFacts,
    notice: &PriorNoticeFacts,
    on: NaiveDate,
) -> Result<(), CaseError> {
    if facts.rights_waived {
        return Ok(());
    }
    if on <= notice.statement_window_ends {
        return Err(CaseError::StatementWindowOpen {
            ends: notice.statement_window_ends,
        });
    }
    if facts.hearing_eligible && !facts.hearing_held && on <= notice.hearing_request_window_ends {
        return Err(CaseError::HearingRequestWindowOpen {
            ends: notice.hearing_request_window_ends,
        });
    }
    Ok(())
}

/// The only closing reason that fits the case.
/// The reason a case in its current situation closes with (transferred, withdrawn, not
/// punished, executed), or why it cannot close yet.
pub fn expected_close_reason(facts: &CaseFacts) -> Result<CloseReason, CaseError> {
    match facts.state {
        CaseState::Transferred => Ok(CloseReason::Transferred),
        CaseState::Withdrawn => Ok(CloseReason::Withdrawn),
        _ => {
            if decision(facts)?.outcome == DecisionOutcome::NoPenalty {
                Ok(CloseReason::NotPunished)
            } else if facts.execution_finished {
                Ok(CloseReason::Executed)
            } else {
                Err(CaseError::ExecutionNotFinished)
            }
        }
    }
}

/// The state a suspended case resumes to: one it could have been suspended from.
fn resume_state(facts: &CaseFacts) -> Result<CaseState, CaseError> {
    facts
        .suspended_from
        .filter(|s| s.is_open_before_decision())
        .ok_or(CaseError::MissingFact {
            fact: Fact::SuspendedFrom,
        })
}

/// Where an approved review returns the case: after the hearing, after the prior notice, or
/// to the concluded investigation.
fn review_return_state(facts: &CaseFacts) -> CaseState {
    if facts.hearing_held {
        CaseState::HearingHeld
    } else if facts.prior_notice.is_some() {
        CaseState::PriorNoticeServed
    } else {
        CaseState::InvestigationConcluded
    }
}

fn not_future(field: DateField, date: NaiveDate, today: NaiveDate) -> Result<(), CaseError> {
    if date > today {
        return Err(CaseError::DateInFuture { field, date });
    }
    Ok(())
}

fn not_before(field: DateField, date: NaiveDate, earliest: NaiveDate) -> Result<(), CaseError> {
    if date < earliest {
        return Err(CaseError::DateTooEarly {
            field,
            date,
            earliest,
        });
    }
    Ok(())
}

fn non_empty(field: TextField, text: &str) -> Result<(), CaseError> {
    if text.trim().is_empty() {
        return Err(CaseError::TextRequired { field });
    }
    Ok(())
}

/// A person named by a command as an officer: enforcement staff of the case's agency, not
/// recused, certificate in force.
fn check_named_officer(facts: &CaseFacts, user_id: i32) -> Result<(), CaseError> {
    let staff = facts
        .staff_member(user_id)
        .filter(|s| s.is_enforcement_staff() && s.agency_id == Some(facts.agency_id))
        .ok_or(CaseError::NotStaffOfAgency { user_id })?;
    if facts.must_recuse(user_id) {
        return Err(CaseError::MustRecuse { user_id });
    }
    if !staff.credential_in_force() {
        return Err(CaseError::CredentialNotInForce { user_id });
    }
    Ok(())
}

fn distinct(ids: &[i32]) -> u32 {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    u32::try_from(ids.len()).unwrap_or(u32::MAX)
}

fn check_data(facts: &CaseFacts, command: &Command, today: NaiveDate) -> Result<(), CaseError> {
    match command {
        Command::RegisterClue { received_on, .. } => {
            not_future(DateField::ReceivedOn, *received_on, today)
        }
        Command::FileCase { officer_ids } => {
            for id in officer_ids {
                check_named_officer(facts, *id)?;
            }
            let qualified = distinct(officer_ids);
            if qualified < 2 {
                return Err(CaseError::TooFewOfficers { qualified });
            }
            Ok(())
        }
        Command::RecordEvidence { collected_by } => {
            // Stricter reading: every named collector must be an assigned, qualified officer;
            // one unqualified collector refuses the record even if two others qualify.
            for id in collected_by {
                if !facts.is_assigned(*id) {
                    return Err(CaseError::NotAssigned { user_id: *id });
                }
                check_named_officer(facts, *id)?;
            }
            let qualified = distinct(collected_by);
            if qualified < 2 {
                return Err(CaseError::TooFewCollectors { qualified });
            }
            Ok(())
        }
        Command::ConcludeInvestigation { outcome } => {
            if *outcome == InvestigationOutcome::Penalty && facts.evidence.is_empty() {
                return Err(CaseError::NoEvidence);
            }
            check_party_age(facts, *outcome)?;
            check_first_violation(facts, *outcome, today)
        }
        Command::DeclineClue { reason }
        | Command::Withdraw { reason }
        | Command::Suspend { reason } => non_empty(TextField::Reason, reason),
        Command::ReturnReview { opinion } => non_empty(TextField::Opinion, opinion),
        Command::Transfer { to } => non_empty(TextField::Recipient, to),
        Command::RecordExecution { note } => non_empty(TextField::Note, note),
        Command::ServePriorNotice {
            served_on,
            proposed_fine_fen,
            method,
        } => {
            not_future(DateField::ServedOn, *served_on, today)?;
            if *proposed_fine_fen < 0 {
                return Err(CaseError::InvalidAmount {
                    fen: *proposed_fine_fen,
                });
            }
            if *method == ServiceMethod::Electronic && !facts.e_service_consent {
                return Err(CaseError::ElectronicServiceWithoutConsent);
            }
            Ok(())
        }
        Command::RecordStatement { received_on } => {
            not_future(DateField::ReceivedOn, *received_on, today)?;
            not_before(
                DateField::ReceivedOn,
                *received_on,
                prior_notice(facts)?.served_on,
            )
        }
        Command::RequestHearing { requested_on } => {
            let notice = prior_notice(facts)?;
            not_future(DateField::RequestedOn, *requested_on, today)?;
            not_before(DateField::RequestedOn, *requested_on, notice.served_on)?;
            if *requested_on > notice.hearing_request_window_ends {
                return Err(CaseError::HearingRequestLate {
                    ended_on: notice.hearing_request_window_ends,
                });
            }
            Ok(())
        }
        Command::NoticeHearing {
            hearing_date,
            noticed_on,
            latest_notice_date,
        } => {
            not_future(DateField::NoticedOn, *noticed_on, today)?;
            not_before(
                DateField::NoticedOn,
                *noticed_on,
                prior_notice(facts)?.served_on,
            )?;
            if hearing_date <= noticed_on {
                return Err(CaseError::DateTooEarly {
                    field: DateField::HearingDate,
                    date: *hearing_date,
                    earliest: noticed_on.succ_opt().unwrap_or(*noticed_on),
                });
            }
            if noticed_on > latest_notice_date {
                return Err(CaseError::HearingNoticeTooLate {
                    latest: *latest_notice_date,
                });
            }
            Ok(())
        }
        Command::HoldHearing { host_id } => {
            let user_id = *host_id;
            let host = facts
                .staff_member(user_id)
                .filter(|s| s.agency_id == Some(facts.agency_id))
                .ok_or(CaseError::NotStaffOfAgency { user_id })?;
            if facts.is_investigator(user_id) {
                return Err(CaseError::HearingHostIsInvestigator { user_id });
            }
            if facts.must_recuse(user_id) {
                return Err(CaseError::MustRecuse { user_id });
            }
            if !host.credential_in_force() {
                return Err(CaseError::CredentialNotInForce { user_id });
            }
            Ok(())
        }
        Command::Decide {
            decided_on,
            outcome,
            fine_fen,
        } => check_decision_data(facts, *decided_on, *outcome, *fine_fen, today),
        Command::Serve { served_on, method } => {
            not_future(DateField::ServedOn, *served_on, today)?;
            not_before(DateField::ServedOn, *served_on, decision(facts)?.decided_on)?;
            if *method == ServiceMethod::Electronic && !facts.e_service_consent {
                return Err(CaseError::ElectronicServiceWithoutConsent);
            }
            Ok(())
        }
        Command::RecordPayment {
            amount_fen,
            paid_on,
        } => {
            if *amount_fen <= 0 {
                return Err(CaseError::InvalidAmount { fen: *amount_fen });
            }
            if *amount_fen > facts.outstanding_fen {
                return Err(CaseError::PaymentExceedsOutstanding {
                    outstanding_fen: facts.outstanding_fen,
                    amount_fen: *amount_fen,
                });
            }
            not_future(DateField::PaidOn, *paid_on, today)?;
            not_before(DateField::PaidOn, *paid_on, decision(facts)?.decided_on)
        }
        Command::Close { reason } => {
            let expected = expected_close_reason(facts)?;
            if *reason != expected {
                return Err(CaseError::CloseReasonMismatch {
                    expected,
                    given: *reason,
                });
            }
            Ok(())
        }
        Command::Extend { days, reason } => {
            non_empty(TextField::Reason, reason)?;
            // Stricter reading: SAMR lets a collective discussion set "a reasonable period" for
            // a further extension; each extension is held to the configured maximum as well.
            let max_days = facts.rules.max_extension_days;
            if *days == 0 || *days > max_days {
                return Err(CaseError::InvalidExtension {
                    days: *days,
                    max_days,
                });
            }
            Ok(())
        }
        Command::SummaryDecide {
            penalty,
            party_kind,
        } => match penalty {
            SummaryPenalty::Warning => Ok(()),
            SummaryPenalty::Fine { fen } => {
                if *fen <= 0 {
                    return Err(CaseError::InvalidAmount { fen: *fen });
                }
                let limit_fen = party_kind.summary_fine_limit_fen();
                if *fen > limit_fen {
                    return Err(CaseError::SummaryLimitExceeded {
                        party_kind: *party_kind,
                        limit_fen,
                        fine_fen: *fen,
                    });
                }
                Ok(())
            }
        },
        Command::ApproveFiling
        | Command::StartInvestigation
        | Command::SubmitForReview
        | Command::ApproveReview
        | Command::WaiveRights
        | Command::HoldCollectiveDiscussion
        | Command::Archive
        | Command::Resume
        | Command::FileSummaryRecord => Ok(()),
        Command::OrderCorrection { reason, due_on } => {
            non_empty(TextField::Reason, reason)?;
            match due_on {
                Some(due) => not_before(DateField::CorrectionDue, *due, today),
                None => Ok(()),
            }
        }
    }
}

/// Art. 30: a party under fourteen at the act is not punished (the "under fourteen" ground
/// is the outcome); the ground is refused for a party whose ID says otherwise. An unknown age
/// (an organisation, a person without a birth date on record) decides nothing.
fn check_party_age(facts: &CaseFacts, outcome: InvestigationOutcome) -> Result<(), CaseError> {
    use crate::liability::AgeResponsibility as A;
    match (facts.party_responsibility, outcome) {
        (Some(A::NotPunishable), InvestigationOutcome::Penalty) => {
            Err(CaseError::PartyUnderFourteen)
        }
        (Some(A::Lighter | A::Full), InvestigationOutcome::UnderFourteen) => {
            Err(CaseError::PartyNotUnderFourteen)
        }
        _ => Ok(()),
    }
}

/// Art. 33 ¶1 (初次违法): the first-violation waiver is refused when the same party has an
/// earlier standing decision for the same provision within the look-back window [L].
fn check_first_violation(
    facts: &CaseFacts,
    outcome: InvestigationOutcome,
    today: NaiveDate,
) -> Result<(), CaseError> {
    if outcome != InvestigationOutcome::FirstViolationWaiver {
        return Ok(());
    }
    let Some(provision) = facts
        .basis
        .as_ref()
        .map(|b| b.violated.trim())
        .filter(|v| !v.is_empty())
    else {
        return Ok(());
    };
    crate::liability::first_violation_waiver_allowed(
        &facts.party_history,
        provision,
        facts.act_on.unwrap_or(today),
        None,
        &crate::liability::FirstViolationPolicy::default(),
    )
    .map_err(|e| match e {
        crate::liability::WaiverRefused::EarlierViolation { decided_on } => {
            CaseError::NotAFirstViolation { decided_on }
        }
    })
}

/// Art. 29 (一事不再罚): no second fine for an act the party was already fined for in another
/// case (the same provision violated, the same day of the act: [`crate::liability::act_key`]).
fn check_second_fine(facts: &CaseFacts, command: &Command) -> Result<(), CaseError> {
    let Command::Decide { fine_fen, .. } = command else {
        return Ok(());
    };
    let violated = facts
        .basis
        .as_ref()
        .map(|b| b.violated.trim())
        .unwrap_or("");
    match facts.act_on {
        Some(act_on) if *fine_fen > 0 && !violated.is_empty() => {
            let act = crate::liability::act_key(violated, act_on);
            if crate::liability::second_fine_refused(&facts.party_history, &act) {
                return Err(CaseError::SecondFineForSameAct);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Art. 30: a party of fourteen to eighteen at the act gets a lighter penalty: the decision
/// applies the lighter tier of the discretion standard, or records a departure (减轻) with
/// its reasons.
fn check_minor_penalty(facts: &CaseFacts, details: &StepDetails) -> Result<(), CaseError> {
    if facts.party_responsibility != Some(crate::liability::AgeResponsibility::Lighter) {
        return Ok(());
    }
    match &details.discretion {
        Some(r) if r.circumstance == crate::discretion::Circumstance::Minor => Ok(()),
        Some(r) if !r.justification.trim().is_empty() => Ok(()),
        _ => Err(CaseError::MinorNeedsLighterPenalty),
    }
}

fn check_decision_data(
    facts: &CaseFacts,
    decided_on: NaiveDate,
    decision: DecisionOutcome,
    fine_fen: i64,
    today: NaiveDate,
) -> Result<(), CaseError> {
    not_future(DateField::DecidedOn, decided_on, today)?;
    if let Some(notice) = facts.prior_notice {
        not_before(DateField::DecidedOn, decided_on, notice.served_on)?;
        // A backdated decision must also fall after the windows.
        check_windows_ended(facts, &notice, decided_on)?;
    }
    let outcome = outcome(facts)?;
    if decision == DecisionOutcome::Penalty && outcome != InvestigationOutcome::Penalty {
        return Err(CaseError::OutcomeMismatch { outcome });
    }
    match decision {
        DecisionOutcome::NoPenalty if fine_fen != 0 => {
            Err(CaseError::InvalidAmount { fen: fine_fen })
        }
        DecisionOutcome::Penalty if fine_fen < 0 => Err(CaseError::InvalidAmount { fen: fine_fen }),
        DecisionOutcome::Penalty => {
            match facts.prior_notice {
                // Stricter reading of Art. 45 ("never increase because of a defence"): the
                // decision never exceeds the fine the prior notice proposed, whatever the
                // reason; a heavier penalty needs a new prior notice.
                Some(notice) if fine_fen > notice.proposed_fine_fen => {
                    return Err(CaseError::PenaltyAbovePriorNotice {
                        proposed_fen: notice.proposed_fine_fen,
                        decided_fen: fine_fen,
                    });
                }
                _ => {}
            }
            // Art. 9, 59 ¶1(3): the decision states a penalty; nothing decided is never read
            // as a warning.
            if facts.penalty.is_empty(fine_fen) {
                return Err(CaseError::PenaltyNotStated);
            }
            // Art. 38, 59 ¶1(2)(3): no penalty without the provision violated and applied.
            LegalBasis::check(facts.basis.as_ref())
        }
        DecisionOutcome::NoPenalty => Ok(()),
    }
}

/// The deadlines running in the case's state, all stopped when the case ends early
/// (declined, withdrawn, transferred).
fn stop_running(facts: &CaseFacts) -> Vec<DeadlineChange> {
    use CaseState as S;
    match facts.state {
        S::ClueRegistered | S::FilingProposed => {
            vec![DeadlineChange::stop(DeadlineKind::ClueVerification)]
        }
        state => {
            let mut changes = vec![DeadlineChange::stop(DeadlineKind::CaseHandling)];
            if state == S::UnderLegalReview {
                changes.push(DeadlineChange::stop(DeadlineKind::LegalReview));
            }
            if state == S::PriorNoticeServed && !facts.rights_waived {
                changes.push(DeadlineChange::stop(DeadlineKind::StatementWindow));
                if facts.hearing_eligible {
                    changes.push(DeadlineChange::stop(DeadlineKind::HearingRequestWindow));
                }
            }
            changes
        }
    }
}

fn transition(
    facts: &CaseFacts,
    command: &Command,
    details: &StepDetails,
    today: NaiveDate,
) -> Transition {
    use DeadlineKind as D;
    use DocumentKind as Doc;
    let from = facts.state;
    let mut after_hearing = None;
    let mut settled = None;
    let mut resume_to = None;
    let (to, documents, deadlines): (CaseState, Vec<DocumentKind>, Vec<DeadlineChange>) =
        match command {
            Command::RegisterClue { .. } => (
                CaseState::ClueRegistered,
                vec![Doc::CaseSourceRegister],
                vec![DeadlineChange::start(D::ClueVerification)],
            ),
            Command::FileCase { .. } => (CaseState::FilingProposed, vec![], vec![]),
            Command::DeclineClue { .. } => (
                CaseState::ClueDeclined,
                vec![Doc::NonFilingApprovalForm],
                stop_running(facts),
            ),
            Command::ApproveFiling => (
                CaseState::Filed,
                vec![Doc::FilingApprovalForm],
                vec![
                    DeadlineChange::stop(D::ClueVerification),
                    DeadlineChange::start(D::CaseHandling),
                ],
            ),
            Command::StartInvestigation => (CaseState::Investigating, vec![], vec![]),
            Command::RecordEvidence { .. } => (from, vec![Doc::EvidenceRecord], vec![]),
            Command::ConcludeInvestigation { .. } => (
                CaseState::InvestigationConcluded,
                vec![Doc::InvestigationReport],
                vec![],
            ),
            Command::SubmitForReview => (
                CaseState::UnderLegalReview,
                vec![Doc::ReviewSubmissionForm],
                vec![DeadlineChange::start(D::LegalReview)],
            ),
            Command::ApproveReview => {
                after_hearing = Some(facts.hearing_held);
                (
                    review_return_state(facts),
                    vec![Doc::LegalReviewOpinion],
                    vec![DeadlineChange::stop(D::LegalReview)],
                )
            }
            Command::ReturnReview { .. } => (
                CaseState::ReviewReturned,
                vec![Doc::LegalReviewOpinion],
                vec![DeadlineChange::stop(D::LegalReview)],
            ),
            Command::ServePriorNotice { .. } => {
                let mut documents = vec![Doc::PriorNotice];
                let mut deadlines = vec![DeadlineChange::start(D::StatementWindow)];
                if facts.hearing_eligible {
                    documents.push(Doc::HearingRightsNotice);
                    deadlines.push(DeadlineChange::start(D::HearingRequestWindow));
                }
                documents.push(Doc::ServiceReceipt);
                (CaseState::PriorNoticeServed, documents, deadlines)
            }
            Command::RecordStatement { .. } => (
                from,
                vec![Doc::StatementRecord, Doc::RecheckOpinion],
                vec![],
            ),
            Command::RequestHearing { .. } => (
                CaseState::HearingRequested,
                vec![],
                vec![
                    DeadlineChange::stop(D::HearingRequestWindow),
                    DeadlineChange::pause(D::CaseHandling),
                ],
            ),
            Command::WaiveRights => {
                let mut deadlines = vec![DeadlineChange::stop(D::StatementWindow)];
                if from.hearing_pending() {
                    deadlines.push(DeadlineChange::resume(D::CaseHandling));
                } else if facts.hearing_eligible {
                    deadlines.push(DeadlineChange::stop(D::HearingRequestWindow));
                }
                (
                    CaseState::PriorNoticeServed,
                    vec![Doc::RightsWaiver],
                    deadlines,
                )
            }
            Command::NoticeHearing { .. } => (
                CaseState::HearingNoticed,
                vec![Doc::HearingNotice, Doc::ServiceReceipt],
                vec![],
            ),
            Command::HoldHearing { .. } => (
                CaseState::HearingHeld,
                vec![Doc::HearingRecord, Doc::HearingReport],
                vec![DeadlineChange::resume(D::CaseHandling)],
            ),
            Command::HoldCollectiveDiscussion => (
                CaseState::CollectiveDiscussion,
                vec![Doc::CollectiveDiscussionRecord],
                vec![],
            ),
            Command::Decide { outcome, .. } => {
                let mut deadlines = vec![
                    DeadlineChange::stop(D::CaseHandling),
                    DeadlineChange::start(D::Service),
                ];
                let document = match outcome {
                    DecisionOutcome::Penalty => {
                        // Stricter reading: every penalty decision of the ordinary procedure is
                        // published (many local rules do; Art. 48 says "with a certain social
                        // impact") [L].
                        deadlines.push(DeadlineChange::start(D::Publication));
                        Doc::PenaltyDecision
                    }
                    DecisionOutcome::NoPenalty => Doc::NoPenaltyDecision,
                };
                (
                    CaseState::Decided,
                    vec![Doc::DecisionApprovalForm, document],
                    deadlines,
                )
            }
            Command::Serve { .. } => {
                let mut deadlines = vec![
                    DeadlineChange::stop(D::Service),
                    DeadlineChange::start(D::Reconsideration),
                    DeadlineChange::start(D::Litigation),
                ];
                if facts.decision.is_some_and(|d| d.fine_fen > 0) {
                    deadlines.push(DeadlineChange::start(D::Payment));
                }
                (CaseState::Served, vec![Doc::ServiceReceipt], deadlines)
            }
            Command::RecordPayment { amount_fen, .. } => {
                let paid_up = *amount_fen >= facts.outstanding_fen;
                settled = Some(paid_up);
                let to = if from == CaseState::Served {
                    CaseState::Executing
                } else {
                    from
                };
                let deadlines = if paid_up {
                    vec![DeadlineChange::stop(D::Payment)]
                } else {
                    vec![]
                };
                (to, vec![], deadlines)
            }
            Command::RecordExecution { .. } => (CaseState::Executing, vec![], vec![]),
            Command::Close { .. } => (
                CaseState::Closed,
                vec![Doc::ClosureReport],
                vec![DeadlineChange::start(D::Archiving)],
            ),
            Command::Archive => (
                CaseState::Archived,
                vec![Doc::CaseFileIndex],
                vec![DeadlineChange::stop(D::Archiving)],
            ),
            Command::Withdraw { .. } => (
                CaseState::Withdrawn,
                vec![Doc::WithdrawalApprovalForm],
                stop_running(facts),
            ),
            Command::Transfer { .. } => (
                CaseState::Transferred,
                vec![Doc::TransferLetter],
                stop_running(facts),
            ),
            Command::Suspend { .. } => {
                resume_to = Some(from);
                // A pending hearing has already paused the limit.
                let deadlines = if from.hearing_pending() {
                    vec![]
                } else {
                    vec![DeadlineChange::pause(D::CaseHandling)]
                };
                (
                    CaseState::Suspended,
                    vec![Doc::SuspensionApprovalForm],
                    deadlines,
                )
            }
            Command::OrderCorrection { .. } => (from, vec![Doc::CorrectionOrder], vec![]),
            Command::Resume => {
                let to = resume_state(facts).unwrap_or(from);
                let deadlines = if to.hearing_pending() {
                    vec![]
                } else {
                    vec![DeadlineChange::resume(D::CaseHandling)]
                };
                (to, vec![Doc::ResumptionApprovalForm], deadlines)
            }
            Command::Extend { days, .. } => (
                from,
                vec![Doc::ExtensionApprovalForm],
                vec![DeadlineChange {
                    deadline: D::CaseHandling,
                    effect: DeadlineEffect::Extend { days: *days },
                }],
            ),
            Command::SummaryDecide { penalty, .. } => {
                let mut deadlines = vec![
                    DeadlineChange::start(D::SummaryRecordFiling),
                    DeadlineChange::start(D::Reconsideration),
                    DeadlineChange::start(D::Litigation),
                ];
                if matches!(penalty, SummaryPenalty::Fine { .. }) {
                    deadlines.push(DeadlineChange::start(D::Payment));
                }
                (
                    CaseState::OnTheSpotDecided,
                    vec![Doc::OnTheSpotDecision],
                    deadlines,
                )
            }
            Command::FileSummaryRecord => (
                CaseState::SummaryRecordFiled,
                vec![],
                vec![DeadlineChange::stop(D::SummaryRecordFiling)],
            ),
        };
    let kind = command.kind();
    let changes = case_updates(facts, command, details, today);
    let record = StepRecord {
        procedure: facts.procedure,
        from,
        to,
        command: command.clone(),
        documents: documents.clone(),
        deadlines: deadlines.clone(),
        on: today,
        after_hearing,
        settled,
        resume_to,
        proposal: matches!(command, Command::ConcludeInvestigation { .. })
            .then(|| details.proposal.clone().unwrap_or_default()),
        discretion: details
            .discretion
            .clone()
            .filter(|_| matches!(command, Command::Decide { .. })),
        major: details.major.clone(),
        basis: stated_basis(command, details, facts),
        note: (!details.note.is_empty() && !command.carries_text()).then(|| details.note.clone()),
    };
    Transition {
        from,
        to,
        command: kind,
        action: kind.action(),
        documents,
        deadlines,
        changes,
        record,
    }
}

/// What an accepted step changes on the case record (see [`CaseUpdate`]).
fn case_updates(
    facts: &CaseFacts,
    command: &Command,
    details: &StepDetails,
    today: NaiveDate,
) -> Vec<CaseUpdate> {
    use CaseUpdate as U;
    let fine_decided = facts.decision.map_or(0, |d| d.fine_fen);
    let mut changes = match command {
        Command::DeclineClue { reason }
        | Command::Withdraw { reason }
        | Command::Transfer { to: reason } => vec![U::StateReason {
            reason: Some(reason.trim().to_owned()),
        }],
        Command::ReturnReview { opinion } => vec![
            U::StateReason {
                reason: Some(opinion.trim().to_owned()),
            },
            U::Reviewed {
                passed: false,
                after_hearing: false,
            },
        ],
        Command::ApproveFiling => vec![U::Filed { on: today }],
        Command::ConcludeInvestigation { outcome } => {
            let mut changes = vec![
                U::Concluded {
                    outcome: *outcome,
                    proposal: details.proposal.clone(),
                },
                U::StateReason { reason: None },
            ];
            if let Some(basis) = stated_basis(command, details, facts) {
                changes.push(U::LegalBasis { basis });
            }
            changes
        }
        Command::ApproveReview => vec![U::Reviewed {
            passed: true,
            after_hearing: facts.hearing_held,
        }],
        Command::ServePriorNotice {
            served_on,
            proposed_fine_fen,
            method,
        } => vec![U::PriorNoticeServed {
            served_on: *served_on,
            proposed_fine_fen: *proposed_fine_fen,
            hearing_eligible: facts.hearing_eligible,
            method: *method,
        }],
        Command::WaiveRights => vec![U::RightsWaived],
        Command::NoticeHearing { hearing_date, .. } => vec![U::HearingSet { on: *hearing_date }],
        Command::HoldHearing { .. } => vec![U::HearingHeld],
        Command::HoldCollectiveDiscussion => vec![U::CollectiveDiscussionDone],
        Command::Decide {
            decided_on,
            outcome,
            fine_fen,
        } => {
            let mut changes = vec![U::Decided {
                outcome: *outcome,
                fine_fen: *fine_fen,
                decided_on: *decided_on,
            }];
            if let Some(record) = &details.discretion {
                changes.push(U::Discretion {
                    record: record.clone(),
                });
            }
            if let Some(basis) = stated_basis(command, details, facts) {
                changes.push(U::LegalBasis { basis });
            }
            changes
        }
        Command::Serve { served_on, method } => {
            let mut changes = vec![U::Served {
                on: *served_on,
                method: *method,
            }];
            // Service performs a warning or a circulated criticism, nothing else: a fine is
            // paid, a confiscation or any other measure is carried out and recorded. A
            // no-penalty decision has nothing to execute.
            let no_penalty = facts
                .decision
                .is_some_and(|d| d.outcome == DecisionOutcome::NoPenalty);
            if no_penalty
                || execution_finished(fine_decided, &facts.penalty, facts.other_parts_performed)
            {
                changes.push(U::ExecutionFinished);
            }
            changes
        }
        Command::RecordPayment { amount_fen, .. } => {
            let mut changes = vec![U::Paid {
                total_fen: facts.paid_fen + amount_fen,
            }];
            let outstanding = facts.outstanding_fen - amount_fen;
            if execution_finished(outstanding, &facts.penalty, facts.other_parts_performed) {
                changes.push(U::ExecutionFinished);
            }
            changes
        }
        // The officer confirms that the parts beyond the fine were carried out; the case is
        // executed once the fine, too, is paid in full.
        Command::RecordExecution { .. } if details.confirmed => {
            let mut changes = vec![U::OtherPartsPerformed];
            if execution_finished(facts.outstanding_fen, &facts.penalty, true) {
                changes.push(U::ExecutionFinished);
            }
            changes
        }
        Command::Close { reason } => vec![U::Closed {
            reason: *reason,
            on: today,
        }],
        Command::Suspend { reason } => vec![
            U::Suspended {
                from: facts.state,
                on: today,
            },
            U::StateReason {
                reason: Some(reason.trim().to_owned()),
            },
        ],
        Command::Resume => {
            let paused = facts
                .suspended_on
                .map_or(0, |since| (today - since).num_days());
            vec![
                U::Resumed {
                    suspended_days: facts
                        .suspended_days
                        .saturating_add(u32::try_from(paused).unwrap_or(0)),
                },
                U::StateReason { reason: None },
            ]
        }
        Command::Extend { days, .. } => vec![U::Extended {
            extensions_granted: facts.extensions_granted + 1,
            extension_days: facts.extension_days.saturating_add(*days),
        }],
        Command::SummaryDecide { penalty, .. } => {
            let fine_fen = match penalty {
                SummaryPenalty::Warning => 0,
                SummaryPenalty::Fine { fen } => *fen,
            };
            // Decided, handed over and (for a warning) performed on the spot.
            let mut changes = vec![
                U::Decided {
                    outcome: DecisionOutcome::Penalty,
                    fine_fen,
                    decided_on: today,
                },
                U::Served {
                    on: today,
                    method: ServiceMethod::Direct,
                },
            ];
            if fine_fen == 0 {
                changes.push(U::Measures {
                    measures: vec![Measure::Warning],
                });
                changes.push(U::ExecutionFinished);
            }
            changes
        }
        Command::RecordExecution { .. }
        | Command::RegisterClue { .. }
        | Command::FileCase { .. }
        | Command::StartInvestigation
        | Command::RecordEvidence { .. }
        | Command::SubmitForReview
        | Command::RecordStatement { .. }
        | Command::RequestHearing { .. }
        | Command::Archive
        | Command::OrderCorrection { .. }
        | Command::FileSummaryRecord => vec![],
    };
    if details.major.as_ref().is_some_and(MajorRecord::is_major) {
        changes.push(U::Major);
    }
    if details.e_service_consent {
        changes.push(U::EServiceConsent);
    }
    changes
}
