//! Table-driven tests over every (procedure, state, command kind, role), and the consistency of
//! `allowed_commands` with `apply`.
//!
//! The tables here are written out independently of the implementation: they are the
//! procedure of DOMAIN.md §2 as the tests understand it.

use super::*;

use CaseState as S;
use CommandKind as K;

const O: Procedure = Procedure::Ordinary;
const SP: Procedure = Procedure::Summary;

/// Filed, undecided, not suspended.
const OPEN: [CaseState; 10] = [
    S::Filed,
    S::Investigating,
    S::InvestigationConcluded,
    S::UnderLegalReview,
    S::ReviewReturned,
    S::PriorNoticeServed,
    S::HearingRequested,
    S::HearingNoticed,
    S::HearingHeld,
    S::CollectiveDiscussion,
];

/// Every accepted (procedure, state, kind) and the state it leads to.
fn procedure_table() -> Vec<(Procedure, CaseState, CommandKind, CaseState)> {
    let mut t = vec![
        (O, S::New, K::RegisterClue, S::ClueRegistered),
        (O, S::ClueRegistered, K::FileCase, S::FilingProposed),
        (O, S::ClueRegistered, K::DeclineClue, S::ClueDeclined),
        (O, S::ClueRegistered, K::Transfer, S::Transferred),
        (O, S::FilingProposed, K::ApproveFiling, S::Filed),
        (O, S::FilingProposed, K::DeclineClue, S::ClueDeclined),
        (O, S::FilingProposed, K::Transfer, S::Transferred),
        (O, S::Filed, K::StartInvestigation, S::Investigating),
        (O, S::Investigating, K::RecordEvidence, S::Investigating),
        (
            O,
            S::Investigating,
            K::ConcludeInvestigation,
            S::InvestigationConcluded,
        ),
        (
            O,
            S::InvestigationConcluded,
            K::SubmitForReview,
            S::UnderLegalReview,
        ),
        (
            O,
            S::InvestigationConcluded,
            K::ServePriorNotice,
            S::PriorNoticeServed,
        ),
        (
            O,
            S::InvestigationConcluded,
            K::HoldCollectiveDiscussion,
            S::CollectiveDiscussion,
        ),
        (O, S::InvestigationConcluded, K::Decide, S::Decided),
        (
            O,
            S::UnderLegalReview,
            K::ApproveReview,
            S::InvestigationConcluded,
        ),
        (O, S::UnderLegalReview, K::ReturnReview, S::ReviewReturned),
        (
            O,
            S::ReviewReturned,
            K::StartInvestigation,
            S::Investigating,
        ),
        (
            O,
            S::ReviewReturned,
            K::ConcludeInvestigation,
            S::InvestigationConcluded,
        ),
        (
            O,
            S::ReviewReturned,
            K::SubmitForReview,
            S::UnderLegalReview,
        ),
        (
            O,
            S::PriorNoticeServed,
            K::RecordStatement,
            S::PriorNoticeServed,
        ),
        (
            O,
            S::PriorNoticeServed,
            K::RequestHearing,
            S::HearingRequested,
        ),
        (
            O,
            S::PriorNoticeServed,
            K::WaiveRights,
            S::PriorNoticeServed,
        ),
        (
            O,
            S::PriorNoticeServed,
            K::SubmitForReview,
            S::UnderLegalReview,
        ),
        (
            O,
            S::PriorNoticeServed,
            K::HoldCollectiveDiscussion,
            S::CollectiveDiscussion,
        ),
        (O, S::PriorNoticeServed, K::Decide, S::Decided),
        (O, S::HearingRequested, K::NoticeHearing, S::HearingNoticed),
        (
            O,
            S::HearingRequested,
            K::RecordStatement,
            S::HearingRequested,
        ),
        (O, S::HearingRequested, K::WaiveRights, S::PriorNoticeServed),
        (O, S::HearingNoticed, K::HoldHearing, S::HearingHeld),
        (O, S::HearingNoticed, K::RecordStatement, S::HearingNoticed),
        (O, S::HearingNoticed, K::WaiveRights, S::PriorNoticeServed),
        (O, S::HearingHeld, K::SubmitForReview, S::UnderLegalReview),
        (
            O,
            S::HearingHeld,
            K::HoldCollectiveDiscussion,
            S::CollectiveDiscussion,
        ),
        (O, S::HearingHeld, K::Decide, S::Decided),
        (O, S::CollectiveDiscussion, K::Decide, S::Decided),
        (O, S::Decided, K::Serve, S::Served),
        (O, S::Served, K::RecordPayment, S::Executing),
        (O, S::Served, K::RecordExecution, S::Executing),
        (O, S::Served, K::Close, S::Closed),
        (O, S::Executing, K::RecordPayment, S::Executing),
        (O, S::Executing, K::RecordExecution, S::Executing),
        (O, S::Executing, K::Close, S::Closed),
        (O, S::Closed, K::Archive, S::Archived),
        (O, S::Suspended, K::Resume, S::Investigating),
        (O, S::Suspended, K::Withdraw, S::Withdrawn),
        (O, S::Withdrawn, K::Close, S::Closed),
        (O, S::Transferred, K::Close, S::Closed),
        (SP, S::New, K::SummaryDecide, S::OnTheSpotDecided),
        (
            SP,
            S::OnTheSpotDecided,
            K::FileSummaryRecord,
            S::SummaryRecordFiled,
        ),
        (
            SP,
            S::OnTheSpotDecided,
            K::RecordPayment,
            S::OnTheSpotDecided,
        ),
        (
            SP,
            S::SummaryRecordFiled,
            K::RecordPayment,
            S::SummaryRecordFiled,
        ),
        (SP, S::SummaryRecordFiled, K::Close, S::Closed),
        (SP, S::Closed, K::Archive, S::Archived),
    ];
    for state in OPEN {
        t.push((O, state, K::Suspend, S::Suspended));
        t.push((O, state, K::Extend, state));
        t.push((O, state, K::Withdraw, S::Withdrawn));
        t.push((O, state, K::Transfer, S::Transferred));
        // Art. 28 ¶1: the order to correct, at any stage; the state stays.
        t.push((O, state, K::OrderCorrection, state));
    }
    for state in [S::Decided, S::Served, S::Executing] {
        t.push((O, state, K::OrderCorrection, state));
    }
    t
}

/// The role each step needs.
fn required_role(kind: CommandKind) -> Role {
    match kind {
        K::DeclineClue
        | K::ApproveFiling
        | K::HoldCollectiveDiscussion
        | K::Decide
        | K::Close
        | K::Withdraw
        | K::Transfer
        | K::Suspend
        | K::Resume
        | K::Extend => Role::AgencyHead,
        K::ApproveReview | K::ReturnReview => Role::LegalReviewer,
        _ => Role::Officer,
    }
}

fn summary_only(kind: CommandKind) -> bool {
    matches!(kind, K::SummaryDecide | K::FileSummaryRecord)
}

fn shared(kind: CommandKind) -> bool {
    matches!(kind, K::RecordPayment | K::Close | K::Archive)
}

/// The refusal a right-role actor gets for a step the table does not accept.
fn expected_refusal(procedure: Procedure, state: CaseState, kind: CommandKind) -> CaseError {
    let wrong_procedure = match procedure {
        Procedure::Ordinary => summary_only(kind),
        Procedure::Summary => !summary_only(kind) && !shared(kind),
    };
    if wrong_procedure {
        return CaseError::WrongProcedure {
            procedure,
            command: kind,
        };
    }
    match (state, kind) {
        (S::Suspended, _) => CaseError::CaseSuspended,
        (
            S::ClueRegistered | S::FilingProposed | S::Filed | S::Investigating,
            K::SubmitForReview,
        ) => CaseError::InvestigationNotConcluded,
        (S::HearingRequested | S::HearingNoticed, K::Decide | K::HoldCollectiveDiscussion) => {
            CaseError::HearingPending
        }
        (s, K::Archive) if s != S::Archived => CaseError::NotClosed,
        (S::Decided | S::Served | S::Executing, K::Withdraw) => CaseError::AlreadyDecided,
        _ => CaseError::NotAllowedInState {
            state,
            command: kind,
        },
    }
}

#[test]
fn every_state_command_and_role_is_accepted_or_refused_exactly_as_the_procedure_table_says() {
    let table = procedure_table();
    let mut accepted_count = 0;
    let mut checked = 0;
    for procedure in Procedure::ALL {
        for state in CaseState::ALL
            .into_iter()
            .filter(|s| s.belongs_to(procedure))
        {
            for kind in CommandKind::ALL {
                let facts = valid_facts(procedure, state, kind);
                let command = valid_command(kind, &facts);
                let entry = table
                    .iter()
                    .find(|(p, s, k, _)| *p == procedure && *s == state && *k == kind);
                for role in Role::ALL {
                    checked += 1;
                    let result = run(&facts, &command, role);
                    let required = required_role(kind);
                    let context = format!("{procedure:?} {state:?} {kind:?} by {role:?}");
                    if role != required {
                        assert_eq!(
                            result.map(|t| t.to),
                            Err(CaseError::WrongRole {
                                required,
                                actual: role
                            }),
                            "{context}"
                        );
                    } else if let Some((_, _, _, to)) = entry {
                        let t = result.unwrap_or_else(|e| panic!("{context}: refused with {e:?}"));
                        assert_eq!((t.from, t.to, t.command), (state, *to, kind), "{context}");
                        assert_eq!(t.action, kind.action(), "{context}");
                        accepted_count += 1;
                    } else {
                        assert_eq!(
                            result.map(|t| t.to),
                            Err(expected_refusal(procedure, state, kind)),
                            "{context}"
                        );
                    }
                }
            }
        }
    }
    assert_eq!(accepted_count, table.len(), "every table row was exercised");
    assert!(checked > 4_000, "{checked}");
}

#[test]
fn every_accepted_step_is_refused_to_the_same_role_of_another_agency() {
    for (procedure, state, kind, _) in procedure_table() {
        let facts = valid_facts(procedure, state, kind);
        let command = valid_command(kind, &facts);
        let role = required_role(kind);
        assert_eq!(
            apply(&facts, &command, &foreign_actor(role), today()).map(|t| t.to),
            Err(CaseError::NotOfThisAgency),
            "{procedure:?} {state:?} {kind:?}"
        );
    }
}

#[test]
fn supervisors_admins_and_integration_accounts_are_offered_no_step_in_any_state() {
    for procedure in Procedure::ALL {
        for state in CaseState::ALL {
            let facts = facts_in(procedure, state);
            for role in [Role::Supervisor, Role::Admin, Role::Integration] {
                assert!(
                    allowed_commands(&facts, &actor(role), today()).is_empty(),
                    "{role:?} in {state:?}"
                );
            }
        }
    }
}

#[test]
fn terminal_states_offer_no_step_to_anyone() {
    for procedure in Procedure::ALL {
        for state in [S::ClueDeclined, S::Archived] {
            assert!(state.is_terminal());
            for role in Role::ALL {
                assert!(
                    allowed_commands(&facts_in(procedure, state), &actor(role), today()).is_empty()
                );
            }
        }
    }
}

#[test]
fn allowed_commands_name_the_next_steps_for_each_role() {
    let investigating = facts_in(O, S::Investigating);
    assert_eq!(
        allowed_commands(&investigating, &actor(Role::Officer), today()),
        vec![
            K::RecordEvidence,
            K::ConcludeInvestigation,
            K::OrderCorrection
        ]
    );
    assert_eq!(
        allowed_commands(&investigating, &actor(Role::AgencyHead), today()),
        vec![K::Withdraw, K::Transfer, K::Suspend, K::Extend]
    );
    assert!(allowed_commands(&investigating, &actor(Role::LegalReviewer), today()).is_empty());
    assert_eq!(
        allowed_commands(
            &facts_in(O, S::UnderLegalReview),
            &actor(Role::LegalReviewer),
            today()
        ),
        vec![K::ApproveReview, K::ReturnReview]
    );
    assert_eq!(
        allowed_commands(&facts_in(O, S::New), &actor(Role::Officer), today()),
        vec![K::RegisterClue]
    );
    assert_eq!(
        allowed_commands(&facts_in(SP, S::New), &actor(Role::Officer), today()),
        vec![K::SummaryDecide]
    );
}

/// Variations of a state's facts that switch preconditions on and off.
fn variants(procedure: Procedure, state: CaseState) -> Vec<(&'static str, CaseFacts)> {
    let base = facts_in(procedure, state);
    let with = |name: &'static str, change: &dyn Fn(&mut CaseFacts)| {
        let mut f = base.clone();
        change(&mut f);
        (name, f)
    };
    vec![
        ("as is", base.clone()),
        with("no-penalty outcome", &|f| {
            f.outcome = Some(InvestigationOutcome::FactsNotEstablished)
        }),
        with("transfer outcome", &|f| {
            f.outcome = Some(InvestigationOutcome::Transfer)
        }),
        with("windows open", &|f| {
            if let Some(n) = f.prior_notice.as_mut() {
                n.statement_window_ends = days_after(3);
                n.hearing_request_window_ends = days_after(3);
            }
        }),
        with("windows open, rights waived", &|f| {
            if let Some(n) = f.prior_notice.as_mut() {
                n.statement_window_ends = days_after(3);
                n.hearing_request_window_ends = days_after(3);
            }
            f.rights_waived = true;
        }),
        with("hearing window open only", &|f| {
            if let Some(n) = f.prior_notice.as_mut() {
                n.hearing_request_window_ends = today();
            }
        }),
        with("major, no review", &|f| {
            f.major = true;
            f.review_passed = false;
        }),
        with("major, reviewed", &|f| {
            f.major = true;
            f.review_passed = true;
        }),
        with("discussion required", &|f| {
            f.collective_discussion_required = true;
            f.collective_discussion_done = false;
        }),
        with("execution finished", &|f| f.execution_finished = true),
        with("extended once", &|f| f.extensions_granted = 1),
        with("extended once, discussed", &|f| {
            f.extensions_granted = 1;
            f.extension_discussed = true;
        }),
        with("acting officer expired", &|f| {
            set_credential(f, OFFICER_A, Some(CredentialStatus::Expired))
        }),
        with("head without certificate", &|f| {
            set_credential(f, HEAD, None)
        }),
        with("reviewer revoked", &|f| {
            set_credential(f, REVIEWER, Some(CredentialStatus::Revoked))
        }),
        with("second officer expired", &|f| {
            set_credential(f, OFFICER_B, Some(CredentialStatus::Expired))
        }),
        with("acting officer recused", &|f| {
            f.recused_user_ids = vec![OFFICER_A]
        }),
        with("head recused", &|f| f.recused_user_ids = vec![HEAD]),
        with("reviewer investigated", &|f| {
            f.investigator_ids.push(REVIEWER)
        }),
        with("no-penalty decision", &|f| {
            if let Some(d) = f.decision.as_mut() {
                d.outcome = DecisionOutcome::NoPenalty;
                d.fine_fen = 0;
            }
            f.outstanding_fen = 0;
        }),
        with("nothing outstanding", &|f| f.outstanding_fen = 0),
        with("hearing not available", &|f| f.hearing_eligible = false),
        with("hearing held, review before it", &|f| {
            f.hearing_held = true;
            f.review_passed_after_hearing = false;
        }),
        with("hearing tomorrow", &|f| {
            if f.hearing_date.is_some() {
                f.hearing_date = Some(days_after(1));
            }
        }),
        with("case file incomplete", &|f| f.case_file_complete = false),
        with("suspended from a pending hearing", &|f| {
            if f.suspended_from.is_some() {
                f.suspended_from = Some(S::HearingNoticed);
                f.hearing_date = Some(today());
            }
        }),
        with("limitation ended", &|f| {
            f.limitation_ends = Some(days_before(1))
        }),
        with("weak evidence", &|f| {
            f.evidence.push(EvidenceStanding {
                evidence_id: 2,
                certified_collectors: 1,
                required_collectors: 2,
            })
        }),
        with("no evidence", &|f| f.evidence.clear()),
    ]
}

#[test]
fn allowed_commands_lists_exactly_the_steps_apply_accepts_with_valid_data() {
    let mut listed_total = 0;
    for procedure in Procedure::ALL {
        for state in CaseState::ALL
            .into_iter()
            .filter(|s| s.belongs_to(procedure))
        {
            for (variant, facts) in variants(procedure, state) {
                for role in Role::ALL {
                    for who in [actor(role), foreign_actor(role)] {
                        let listed = allowed_commands(&facts, &who, today());
                        listed_total += listed.len();
                        for kind in CommandKind::ALL {
                            let results: Vec<_> = samples(kind, &facts)
                                .iter()
                                .map(|c| apply(&facts, c, &who, today()))
                                .collect();
                            let context =
                                format!("{procedure:?} {state:?} [{variant}] {kind:?} by {who:?}");
                            if listed.contains(&kind) {
                                assert!(
                                    results.iter().any(Result::is_ok),
                                    "{context}: listed but refused: {results:?}"
                                );
                                assert_eq!(check(&facts, kind, &who, today()), Ok(()));
                            } else {
                                assert!(
                                    results.iter().all(Result::is_err),
                                    "{context}: not listed but accepted"
                                );
                                assert!(check(&facts, kind, &who, today()).is_err());
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(listed_total > 500, "{listed_total}");
}
