//! What accepted steps produce: documents, deadline changes and the audit payload, and a whole
//! ordinary case walked from clue to archive.

use super::*;

use CaseState as S;
use DeadlineKind as D;
use Procedure::Ordinary as O;

#[test]
fn filing_approval_starts_the_ninety_day_limit_and_stops_clue_verification() {
    let t = accepted(
        &facts_in(O, S::FilingProposed),
        &Command::ApproveFiling,
        Role::AgencyHead,
    );
    assert_eq!(t.documents, vec![DocumentKind::FilingApprovalForm]);
    assert_eq!(
        t.deadlines,
        vec![
            DeadlineChange::stop(D::ClueVerification),
            DeadlineChange::start(D::CaseHandling)
        ]
    );
}

#[test]
fn the_prior_notice_adds_the_hearing_rights_notice_only_when_a_hearing_is_available() {
    let mut facts = facts_in(O, S::InvestigationConcluded);
    let serve = valid_command(CommandKind::ServePriorNotice, &facts);
    let t = accepted(&facts, &serve, Role::Officer);
    assert_eq!(
        t.documents,
        vec![
            DocumentKind::PriorNotice,
            DocumentKind::HearingRightsNotice,
            DocumentKind::ServiceReceipt
        ]
    );
    assert_eq!(
        t.deadlines,
        vec![
            DeadlineChange::start(D::StatementWindow),
            DeadlineChange::start(D::HearingRequestWindow)
        ]
    );
    facts.hearing_eligible = false;
    let t = accepted(&facts, &serve, Role::Officer);
    assert_eq!(
        t.documents,
        vec![DocumentKind::PriorNotice, DocumentKind::ServiceReceipt]
    );
    assert_eq!(t.deadlines, vec![DeadlineChange::start(D::StatementWindow)]);
}

#[test]
fn a_hearing_pauses_the_time_limit_from_request_to_hearing() {
    let requested = accepted(
        &facts_in(O, S::PriorNoticeServed),
        &valid_command(
            CommandKind::RequestHearing,
            &facts_in(O, S::PriorNoticeServed),
        ),
        Role::Officer,
    );
    assert_eq!(
        requested.deadlines,
        vec![
            DeadlineChange::stop(D::HearingRequestWindow),
            DeadlineChange::pause(D::CaseHandling)
        ]
    );
    let held = accepted(
        &facts_in(O, S::HearingNoticed),
        &Command::HoldHearing { host_id: OFFICER_C },
        Role::Officer,
    );
    assert_eq!(
        held.documents,
        vec![DocumentKind::HearingRecord, DocumentKind::HearingReport]
    );
    assert_eq!(
        held.deadlines,
        vec![DeadlineChange::resume(D::CaseHandling)]
    );
    let withdrawn = accepted(
        &facts_in(O, S::HearingRequested),
        &Command::WaiveRights,
        Role::Officer,
    );
    assert_eq!(withdrawn.to, S::PriorNoticeServed);
    assert!(
        withdrawn
            .deadlines
            .contains(&DeadlineChange::resume(D::CaseHandling))
    );
}

#[test]
fn a_penalty_decision_stops_the_limit_and_starts_service_and_publication() {
    let t = accepted(
        &facts_in(O, S::PriorNoticeServed),
        &valid_command(CommandKind::Decide, &facts_in(O, S::PriorNoticeServed)),
        Role::AgencyHead,
    );
    assert_eq!(
        t.documents,
        vec![
            DocumentKind::DecisionApprovalForm,
            DocumentKind::PenaltyDecision
        ]
    );
    assert_eq!(
        t.deadlines,
        vec![
            DeadlineChange::stop(D::CaseHandling),
            DeadlineChange::start(D::Service),
            DeadlineChange::start(D::Publication)
        ]
    );
}

#[test]
fn serving_a_fine_starts_payment_and_the_remedy_periods() {
    let t = accepted(
        &facts_in(O, S::Decided),
        &valid_command(CommandKind::Serve, &facts_in(O, S::Decided)),
        Role::Officer,
    );
    assert_eq!(t.documents, vec![DocumentKind::ServiceReceipt]);
    assert_eq!(
        t.deadlines,
        vec![
            DeadlineChange::stop(D::Service),
            DeadlineChange::start(D::Reconsideration),
            DeadlineChange::start(D::Litigation),
            DeadlineChange::start(D::Payment)
        ]
    );
}

#[test]
fn a_partial_payment_keeps_the_payment_period_running() {
    let facts = facts_in(O, S::Served);
    let t = accepted(
        &facts,
        &Command::RecordPayment {
            amount_fen: 1_000,
            paid_on: today(),
        },
        Role::Officer,
    );
    assert_eq!(t.to, S::Executing);
    assert!(t.deadlines.is_empty());
    assert_eq!(t.record.settled, Some(false));
}

#[test]
fn withdrawing_during_the_statement_window_stops_every_running_period() {
    let mut facts = facts_in(O, S::PriorNoticeServed);
    if let Some(n) = facts.prior_notice.as_mut() {
        n.statement_window_ends = days_after(3);
    }
    let t = accepted(
        &facts,
        &valid_command(CommandKind::Withdraw, &facts),
        Role::AgencyHead,
    );
    assert_eq!(
        t.deadlines,
        vec![
            DeadlineChange::stop(D::CaseHandling),
            DeadlineChange::stop(D::StatementWindow),
            DeadlineChange::stop(D::HearingRequestWindow)
        ]
    );
    let review = facts_in(O, S::UnderLegalReview);
    let t = accepted(
        &review,
        &valid_command(CommandKind::Transfer, &review),
        Role::AgencyHead,
    );
    assert_eq!(
        t.deadlines,
        vec![
            DeadlineChange::stop(D::CaseHandling),
            DeadlineChange::stop(D::LegalReview)
        ]
    );
    let clue = facts_in(O, S::ClueRegistered);
    let t = accepted(
        &clue,
        &valid_command(CommandKind::DeclineClue, &clue),
        Role::AgencyHead,
    );
    assert_eq!(t.deadlines, vec![DeadlineChange::stop(D::ClueVerification)]);
}

#[test]
fn the_audit_payload_repeats_the_states_the_command_and_its_effects() {
    let facts = facts_in(O, S::Investigating);
    let t = accepted(
        &facts,
        &Command::RecordEvidence {
            collected_by: vec![OFFICER_A, OFFICER_B],
        },
        Role::Officer,
    );
    assert_eq!(t.action, "case.record_evidence");
    let payload = serde_json::to_value(&t.record).expect("serialise");
    assert_eq!(
        payload,
        serde_json::json!({
            "procedure": "ordinary",
            "from": "investigating",
            "to": "investigating",
            "command": {"command": "record_evidence", "collected_by": [101, 102]},
            "documents": ["evidence_record"],
            "deadlines": [],
            "on": "2026-03-16",
        })
    );
    assert_eq!(
        crate::audit::canonical_json(&payload),
        "{\"command\":{\"collected_by\":[101,102],\"command\":\"record_evidence\"},\
         \"deadlines\":[],\"documents\":[\"evidence_record\"],\"from\":\"investigating\",\
         \"on\":\"2026-03-16\",\"procedure\":\"ordinary\",\"to\":\"investigating\"}"
    );
    let json = serde_json::to_value(&t).expect("serialise");
    assert_eq!(json["action"], serde_json::json!("case.record_evidence"));
}

#[test]
fn apply_is_pure_the_same_inputs_give_the_same_transition() {
    let facts = facts_in(O, S::PriorNoticeServed);
    let command = valid_command(CommandKind::Decide, &facts);
    let a = run(&facts, &command, Role::AgencyHead);
    let b = run(&facts, &command, Role::AgencyHead);
    assert_eq!(a, b);
}

/// Applies `command` and moves `facts` to the new state, as the service would.
fn step(facts: &mut CaseFacts, command: Command, role: Role) -> Transition {
    let t = accepted(facts, &command, role);
    facts.state = t.to;
    t
}

/// [`step`] with the valid command of `kind` for the current facts.
fn step_valid(facts: &mut CaseFacts, kind: CommandKind, role: Role) -> Transition {
    let command = valid_command(kind, facts);
    step(facts, command, role)
}

#[test]
fn an_ordinary_case_with_a_hearing_runs_from_clue_to_archive() {
    let mut f = facts_in(O, S::New);
    f.assigned_officer_ids.clear();
    f.investigator_ids.clear();
    f.evidence.clear();
    f.major = true;
    f.collective_discussion_required = true;
    let mut actions = Vec::new();

    actions.push(step_valid(&mut f, CommandKind::RegisterClue, Role::Officer).action);
    actions.push(step_valid(&mut f, CommandKind::FileCase, Role::Officer).action);
    f.assigned_officer_ids = vec![OFFICER_A, OFFICER_B];
    f.investigator_ids = vec![OFFICER_A, OFFICER_B];
    actions.push(step(&mut f, Command::ApproveFiling, Role::AgencyHead).action);
    actions.push(step(&mut f, Command::StartInvestigation, Role::Officer).action);
    actions.push(step_valid(&mut f, CommandKind::RecordEvidence, Role::Officer).action);
    f.evidence.push(EvidenceStanding {
        evidence_id: 1,
        certified_collectors: 2,
        required_collectors: 2,
    });
    actions.push(
        step(
            &mut f,
            Command::ConcludeInvestigation {
                outcome: InvestigationOutcome::Penalty,
            },
            Role::Officer,
        )
        .action,
    );
    f.outcome = Some(InvestigationOutcome::Penalty);
    f.basis = Some(basis());
    // Major case, SAMR ordering: review before the prior notice.
    assert_eq!(
        refusal(
            &f,
            &valid_command(CommandKind::ServePriorNotice, &f),
            Role::Officer
        ),
        CaseError::ReviewRequired
    );
    actions.push(step(&mut f, Command::SubmitForReview, Role::Officer).action);
    actions.push(step(&mut f, Command::ApproveReview, Role::LegalReviewer).action);
    assert_eq!(f.state, S::InvestigationConcluded);
    f.review_passed = true;
    actions.push(
        step(
            &mut f,
            Command::ServePriorNotice {
                served_on: days_before(20),
                proposed_fine_fen: PROPOSED_FINE,
                method: ServiceMethod::Direct,
            },
            Role::Officer,
        )
        .action,
    );
    f.prior_notice = Some(notice());
    actions.push(
        step(
            &mut f,
            Command::RequestHearing {
                requested_on: days_before(18),
            },
            Role::Officer,
        )
        .action,
    );
    actions.push(
        step(
            &mut f,
            Command::NoticeHearing {
                hearing_date: days_before(2),
                noticed_on: days_before(15),
                latest_notice_date: days_before(11),
            },
            Role::Officer,
        )
        .action,
    );
    f.hearing_date = Some(days_before(2));
    actions.push(
        step(
            &mut f,
            Command::HoldHearing { host_id: OFFICER_C },
            Role::Officer,
        )
        .action,
    );
    f.hearing_held = true;
    assert_eq!(
        refusal(
            &f,
            &valid_command(CommandKind::Decide, &f),
            Role::AgencyHead
        ),
        CaseError::ReviewAfterHearingRequired
    );
    actions.push(step(&mut f, Command::SubmitForReview, Role::Officer).action);
    actions.push(step(&mut f, Command::ApproveReview, Role::LegalReviewer).action);
    assert_eq!(f.state, S::HearingHeld);
    f.review_passed_after_hearing = true;
    assert_eq!(
        refusal(
            &f,
            &valid_command(CommandKind::Decide, &f),
            Role::AgencyHead
        ),
        CaseError::CollectiveDiscussionRequired
    );
    actions.push(step(&mut f, Command::HoldCollectiveDiscussion, Role::AgencyHead).action);
    f.collective_discussion_done = true;
    actions.push(step_valid(&mut f, CommandKind::Decide, Role::AgencyHead).action);
    f.decision = Some(DecisionFacts {
        outcome: DecisionOutcome::Penalty,
        fine_fen: PROPOSED_FINE,
        decided_on: today(),
    });
    f.outstanding_fen = PROPOSED_FINE;
    // The decision document is issued (签发) before it is served.
    f.decision_issued = true;
    actions.push(step_valid(&mut f, CommandKind::Serve, Role::Officer).action);
    actions.push(step_valid(&mut f, CommandKind::RecordPayment, Role::Officer).action);
    f.outstanding_fen = 0;
    f.execution_finished = true;
    actions.push(
        step(
            &mut f,
            Command::Close {
                reason: CloseReason::Executed,
            },
            Role::AgencyHead,
        )
        .action,
    );
    actions.push(step(&mut f, Command::Archive, Role::Officer).action);
    assert_eq!(f.state, S::Archived);
    assert_eq!(
        actions,
        vec![
            "case.register_clue",
            "case.file",
            "case.approve_filing",
            "case.start_investigation",
            "case.record_evidence",
            "case.conclude_investigation",
            "case.submit_review",
            "case.approve_review",
            "case.serve_prior_notice",
            "case.request_hearing",
            "case.notice_hearing",
            "case.hold_hearing",
            "case.submit_review",
            "case.approve_review",
            "case.hold_collective_discussion",
            "case.decide",
            "case.serve",
            "case.record_payment",
            "case.close",
            "case.archive",
        ]
    );
}

/// Applies with details, with the role's standard actor on the standard day.
fn accepted_with(
    facts: &CaseFacts,
    command: &Command,
    details: &StepDetails,
    role: Role,
) -> Transition {
    match apply_step(facts, command, details, &actor(role), today()) {
        Ok(t) => t,
        Err(e) => panic!("{command:?} in {:?} was refused: {e:?}", facts.state),
    }
}

#[test]
fn serving_a_decision_without_a_fine_finishes_execution_and_one_with_a_fine_does_not() {
    let serve = |fine_fen| {
        let mut facts = facts_in(O, S::Decided);
        facts.decision = Some(DecisionFacts {
            outcome: DecisionOutcome::Penalty,
            fine_fen,
            decided_on: days_before(5),
        });
        accepted(
            &facts,
            &valid_command(CommandKind::Serve, &facts),
            Role::Officer,
        )
        .changes
    };
    let with_fine = serve(PROPOSED_FINE);
    assert!(
        matches!(with_fine[..], [CaseUpdate::Served { .. }]),
        "{with_fine:?}"
    );
    let warning = serve(0);
    assert!(
        matches!(
            warning[..],
            [CaseUpdate::Served { .. }, CaseUpdate::ExecutionFinished]
        ),
        "{warning:?}"
    );
}

#[test]
fn a_payment_adds_to_the_total_and_finishes_execution_only_when_it_settles() {
    let mut facts = facts_in(O, S::Served);
    facts.paid_fen = 1_000;
    facts.outstanding_fen = 5_000;
    let pay = |amount_fen| Command::RecordPayment {
        amount_fen,
        paid_on: today(),
    };
    let part = accepted(&facts, &pay(4_999), Role::Officer);
    assert_eq!(part.changes, vec![CaseUpdate::Paid { total_fen: 5_999 }]);
    let rest = accepted(&facts, &pay(5_000), Role::Officer);
    assert_eq!(
        rest.changes,
        vec![
            CaseUpdate::Paid { total_fen: 6_000 },
            CaseUpdate::ExecutionFinished
        ]
    );
    assert_eq!(rest.record.settled, Some(true));
}

#[test]
fn execution_is_finished_by_a_confirmation_only_when_no_fine_is_left_unpaid() {
    let mut facts = facts_in(O, S::Executing);
    let command = Command::RecordExecution {
        note: "已履行停产整顿".into(),
    };
    let confirmed = StepDetails {
        confirmed: true,
        ..StepDetails::default()
    };
    // The fine is not paid yet: a confirmation records the other parts as carried out but
    // does not finish execution.
    let t = accepted_with(&facts, &command, &confirmed, Role::Officer);
    assert_eq!(t.changes, vec![CaseUpdate::OtherPartsPerformed]);
    facts.paid_fen = PROPOSED_FINE;
    facts.outstanding_fen = 0;
    let t = accepted_with(&facts, &command, &confirmed, Role::Officer);
    assert_eq!(
        t.changes,
        vec![
            CaseUpdate::OtherPartsPerformed,
            CaseUpdate::ExecutionFinished
        ]
    );
    // Without the confirmation nothing is finished.
    let t = accepted_with(&facts, &command, &StepDetails::default(), Role::Officer);
    assert!(t.changes.is_empty(), "{:?}", t.changes);
}

#[test]
fn resuming_adds_the_days_spent_suspended_to_earlier_suspensions() {
    let mut facts = facts_in(O, S::Suspended);
    facts.suspended_on = Some(days_before(12));
    facts.suspended_days = 7;
    let t = accepted(&facts, &Command::Resume, Role::AgencyHead);
    assert_eq!(
        t.changes,
        vec![
            CaseUpdate::Resumed { suspended_days: 19 },
            CaseUpdate::StateReason { reason: None }
        ]
    );
}

#[test]
fn suspending_remembers_the_state_to_resume_to_and_the_reason() {
    let facts = facts_in(O, S::Investigating);
    let t = accepted(
        &facts,
        &Command::Suspend {
            reason: "  当事人下落不明 ".into(),
        },
        Role::AgencyHead,
    );
    assert_eq!(
        t.changes,
        vec![
            CaseUpdate::Suspended {
                from: S::Investigating,
                on: today()
            },
            CaseUpdate::StateReason {
                reason: Some("当事人下落不明".into())
            }
        ]
    );
}

#[test]
fn an_extension_counts_itself_and_its_days() {
    let mut facts = facts_in(O, S::Investigating);
    facts.extensions_granted = 0;
    facts.extension_days = 0;
    let t = accepted(
        &facts,
        &valid_command(CommandKind::Extend, &facts),
        Role::AgencyHead,
    );
    let [
        CaseUpdate::Extended {
            extensions_granted,
            extension_days,
        },
    ] = t.changes[..]
    else {
        panic!("{:?}", t.changes);
    };
    assert_eq!(extensions_granted, 1);
    assert!(extension_days > 0);
}

#[test]
fn a_further_extension_needs_the_confirmed_collective_discussion() {
    let mut facts = facts_in(O, S::Investigating);
    facts.extensions_granted = 1;
    facts.extension_days = 30;
    let command = valid_command(CommandKind::Extend, &facts);
    assert!(run(&facts, &command, Role::AgencyHead).is_err());
    let confirmed = StepDetails {
        confirmed: true,
        ..StepDetails::default()
    };
    let t = accepted_with(&facts, &command, &confirmed, Role::AgencyHead);
    assert!(matches!(
        t.changes[..],
        [CaseUpdate::Extended {
            extensions_granted: 2,
            ..
        }]
    ));
}

#[test]
fn a_catalog_match_makes_the_case_major_whatever_was_ticked() {
    let facts = facts_in(O, S::InvestigationConcluded);
    let serve = valid_command(CommandKind::ServePriorNotice, &facts);
    let major = StepDetails {
        major: Some(MajorRecord {
            catalog_version: Some(1),
            matched: vec![crate::review::Criterion::Hearing],
        }),
        ..StepDetails::default()
    };
    // SAMR's order: a major case passes legal review before the prior notice.
    assert!(apply_step(&facts, &serve, &major, &actor(Role::Officer), today()).is_err());
    let mut reviewed = facts.clone();
    reviewed.review_passed = true;
    let t = accepted_with(&reviewed, &serve, &major, Role::Officer);
    assert_eq!(t.changes.last(), Some(&CaseUpdate::Major));
    assert_eq!(t.record.major, major.major);
    // No match: not major, no update.
    let none = StepDetails {
        major: Some(MajorRecord::default()),
        ..StepDetails::default()
    };
    let t = accepted_with(&facts, &serve, &none, Role::Officer);
    assert!(!t.changes.contains(&CaseUpdate::Major));
}

#[test]
fn a_note_is_recorded_only_with_steps_whose_command_carries_no_text() {
    let note = StepDetails {
        note: "当事人到场".into(),
        ..StepDetails::default()
    };
    let facts = facts_in(O, S::PriorNoticeServed);
    let statement = valid_command(CommandKind::RecordStatement, &facts);
    let t = accepted_with(&facts, &statement, &note, Role::Officer);
    assert_eq!(t.record.note.as_deref(), Some("当事人到场"));
    let facts = facts_in(O, S::Investigating);
    let suspend = valid_command(CommandKind::Suspend, &facts);
    let t = accepted_with(&facts, &suspend, &note, Role::AgencyHead);
    assert_eq!(t.record.note, None);
}

#[test]
fn the_conclusion_records_its_proposal_and_a_decision_its_discretion() {
    let facts = facts_in(O, S::Investigating);
    let conclude = Command::ConcludeInvestigation {
        outcome: InvestigationOutcome::Penalty,
    };
    let proposal = Proposal {
        fine_fen: 300_000,
        confiscation_fen: 0,
        measures: vec![],
        flags: vec![],
        departure: false,
    };
    let details = StepDetails {
        proposal: Some(proposal.clone()),
        ..StepDetails::default()
    };
    let t = accepted_with(&facts, &conclude, &details, Role::Officer);
    assert_eq!(
        t.changes[0],
        CaseUpdate::Concluded {
            outcome: InvestigationOutcome::Penalty,
            proposal: Some(proposal.clone())
        }
    );
    assert_eq!(t.record.proposal, Some(proposal));
    // Without details the record still says nothing was proposed.
    let t = accepted(&facts, &conclude, Role::Officer);
    assert_eq!(t.record.proposal, Some(Proposal::default()));

    let facts = facts_in(O, S::PriorNoticeServed);
    let decide = valid_command(CommandKind::Decide, &facts);
    let record = DiscretionRecord::new(
        3,
        "《条例》第十条".into(),
        crate::discretion::Circumstance::General,
        crate::discretion::FineBand {
            min_fen: 100,
            max_fen: 900_000,
        },
        crate::discretion::DiscretionCheck::Within,
        "ignored within the band",
    );
    assert_eq!(record.justification, "");
    let details = StepDetails {
        discretion: Some(record.clone()),
        ..StepDetails::default()
    };
    let t = accepted_with(&facts, &decide, &details, Role::AgencyHead);
    assert!(t.changes.contains(&CaseUpdate::Discretion {
        record: record.clone()
    }));
    assert_eq!(
        serde_json::to_value(&t.record).expect("serialise")["discretion"],
        serde_json::json!({
            "standard_id": 3, "provision": "《条例》第十条", "circumstance": "general",
            "band": [100, 900_000], "check": "within", "justification": "",
        })
    );
}
