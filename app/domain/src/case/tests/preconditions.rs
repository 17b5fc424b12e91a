//! One test per precondition: each refusal, and the boundary where the step is accepted.

use super::*;

use CaseState as S;
use CredentialStatus::{Expired, NotYetValid, Revoked, Valid};
use Procedure::Ordinary as O;

fn file_case(ids: &[i32]) -> Command {
    Command::FileCase {
        officer_ids: ids.to_vec(),
    }
}

fn evidence(ids: &[i32]) -> Command {
    Command::RecordEvidence {
        collected_by: ids.to_vec(),
    }
}

fn decide_penalty(fine_fen: i64) -> Command {
    Command::Decide {
        decided_on: today(),
        outcome: DecisionOutcome::Penalty,
        fine_fen,
    }
}

fn decide_no_penalty() -> Command {
    Command::Decide {
        decided_on: today(),
        outcome: DecisionOutcome::NoPenalty,
        fine_fen: 0,
    }
}

// ---- who may act -------------------------------------------------------------------------

#[test]
fn an_officer_of_another_agency_is_refused_even_when_named_in_the_case() {
    let mut facts = facts_in(O, S::Investigating);
    facts.assigned_officer_ids.push(OUTSIDER);
    let mut outsider = foreign_actor(Role::Officer);
    outsider.user_id = OUTSIDER;
    assert_eq!(
        apply(
            &facts,
            &evidence(&[OFFICER_A, OFFICER_B]),
            &outsider,
            today()
        )
        .map(|t| t.to),
        Err(CaseError::NotOfThisAgency)
    );
}

#[test]
fn a_reviewer_reviews_only_for_agencies_they_serve_even_if_their_account_names_the_agency() {
    let facts = facts_in(O, S::UnderLegalReview);
    let mut reviewer = actor(Role::LegalReviewer);
    reviewer.agency_id = Some(AGENCY);
    reviewer.served_agency_ids = vec![];
    assert_eq!(
        apply(&facts, &Command::ApproveReview, &reviewer, today()).map(|t| t.to),
        Err(CaseError::NotOfThisAgency)
    );
}

#[test]
fn an_officer_without_a_certificate_in_force_today_may_not_act() {
    for standing in [Some(Expired), Some(Revoked), Some(NotYetValid), None] {
        let mut facts = facts_in(O, S::Investigating);
        set_credential(&mut facts, OFFICER_A, standing);
        assert_eq!(
            refusal(
                &facts,
                &Command::ConcludeInvestigation {
                    outcome: InvestigationOutcome::Penalty
                },
                Role::Officer
            ),
            CaseError::CredentialNotInForce { user_id: OFFICER_A },
            "{standing:?}"
        );
    }
}

#[test]
fn an_acting_user_missing_from_the_loaded_staff_counts_as_uncertified() {
    let mut facts = facts_in(O, S::ClueRegistered);
    facts.staff.retain(|s| s.user_id != HEAD);
    assert_eq!(
        refusal(
            &facts,
            &Command::DeclineClue {
                reason: "无违法事实".to_owned()
            },
            Role::AgencyHead
        ),
        CaseError::CredentialNotInForce { user_id: HEAD }
    );
}

#[test]
fn an_agency_head_without_a_certificate_in_force_may_not_decide() {
    let mut facts = facts_in(O, S::PriorNoticeServed);
    set_credential(&mut facts, HEAD, Some(Expired));
    assert_eq!(
        refusal(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead),
        CaseError::CredentialNotInForce { user_id: HEAD }
    );
}

#[test]
fn an_officer_not_assigned_may_register_and_propose_but_not_investigate() {
    let mut officer_c = actor(Role::Officer);
    officer_c.user_id = OFFICER_C;
    let new = facts_in(O, S::New);
    assert!(
        apply(
            &new,
            &valid_command(CommandKind::RegisterClue, &new),
            &officer_c,
            today()
        )
        .is_ok()
    );
    let clue = facts_in(O, S::ClueRegistered);
    assert!(
        apply(
            &clue,
            &file_case(&[OFFICER_A, OFFICER_B]),
            &officer_c,
            today()
        )
        .is_ok()
    );
    let investigating = facts_in(O, S::Investigating);
    assert_eq!(
        apply(
            &investigating,
            &evidence(&[OFFICER_A, OFFICER_B]),
            &officer_c,
            today()
        )
        .map(|t| t.to),
        Err(CaseError::NotAssigned { user_id: OFFICER_C })
    );
}

#[test]
fn an_officer_who_must_recuse_may_not_act() {
    let mut facts = facts_in(O, S::Investigating);
    facts.recused_user_ids = vec![OFFICER_A];
    assert_eq!(
        refusal(&facts, &evidence(&[OFFICER_A, OFFICER_B]), Role::Officer),
        CaseError::MustRecuse { user_id: OFFICER_A }
    );
}

#[test]
fn an_agency_head_who_must_recuse_may_not_decide() {
    let mut facts = facts_in(O, S::PriorNoticeServed);
    facts.recused_user_ids = vec![HEAD];
    assert_eq!(
        refusal(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead),
        CaseError::MustRecuse { user_id: HEAD }
    );
}

// ---- filing (Art. 36, 42) ---------------------------------------------------------------

#[test]
fn filing_names_at_least_two_distinct_certified_officers_of_the_agency() {
    let facts = facts_in(O, S::ClueRegistered);
    let cases = [
        (vec![OFFICER_A], CaseError::TooFewOfficers { qualified: 1 }),
        (
            vec![OFFICER_A, OFFICER_A],
            CaseError::TooFewOfficers { qualified: 1 },
        ),
        (vec![], CaseError::TooFewOfficers { qualified: 0 }),
        (
            vec![OFFICER_A, OUTSIDER],
            CaseError::NotStaffOfAgency { user_id: OUTSIDER },
        ),
        (
            vec![OFFICER_A, REVIEWER],
            CaseError::NotStaffOfAgency { user_id: REVIEWER },
        ),
        (
            vec![OFFICER_A, 4242],
            CaseError::NotStaffOfAgency { user_id: 4242 },
        ),
    ];
    for (ids, expected) in cases {
        assert_eq!(
            refusal(&facts, &file_case(&ids), Role::Officer),
            expected,
            "{ids:?}"
        );
    }
    let t = accepted(&facts, &file_case(&[OFFICER_A, OFFICER_C]), Role::Officer);
    assert_eq!(t.to, S::FilingProposed);
}

#[test]
fn filing_refuses_a_named_officer_whose_certificate_lapsed_or_who_must_recuse() {
    let mut facts = facts_in(O, S::ClueRegistered);
    set_credential(&mut facts, OFFICER_B, Some(Expired));
    assert_eq!(
        refusal(&facts, &file_case(&[OFFICER_A, OFFICER_B]), Role::Officer),
        CaseError::CredentialNotInForce { user_id: OFFICER_B }
    );
    let mut facts = facts_in(O, S::ClueRegistered);
    facts.recused_user_ids = vec![OFFICER_B];
    assert_eq!(
        refusal(&facts, &file_case(&[OFFICER_A, OFFICER_B]), Role::Officer),
        CaseError::MustRecuse { user_id: OFFICER_B }
    );
}

#[test]
fn approving_a_filing_rechecks_the_assigned_officers_on_the_day() {
    let mut facts = facts_in(O, S::FilingProposed);
    set_credential(&mut facts, OFFICER_B, Some(Expired));
    assert_eq!(
        refusal(&facts, &Command::ApproveFiling, Role::AgencyHead),
        CaseError::TooFewOfficers { qualified: 1 }
    );
    facts.assigned_officer_ids.push(OFFICER_C);
    assert_eq!(
        accepted(&facts, &Command::ApproveFiling, Role::AgencyHead).to,
        S::Filed
    );
}

#[test]
fn filing_is_refused_after_the_limitation_period_and_allowed_on_its_last_day() {
    let mut facts = facts_in(O, S::FilingProposed);
    facts.limitation_ends = Some(days_before(1));
    assert_eq!(
        refusal(&facts, &Command::ApproveFiling, Role::AgencyHead),
        CaseError::LimitationExpired {
            ended_on: days_before(1)
        }
    );
    let mut clue = facts_in(O, S::ClueRegistered);
    clue.limitation_ends = Some(days_before(1));
    assert_eq!(
        refusal(&clue, &file_case(&[OFFICER_A, OFFICER_B]), Role::Officer),
        CaseError::LimitationExpired {
            ended_on: days_before(1)
        }
    );
    facts.limitation_ends = Some(today());
    assert!(run(&facts, &Command::ApproveFiling, Role::AgencyHead).is_ok());
}

#[test]
fn limitation_counts_the_day_of_discovery_not_the_day_of_filing() {
    // (period's last day, discovered, allowed?)
    let table = [
        (days_before(10), Some(days_before(10)), true),
        (days_before(10), Some(days_before(11)), true),
        (days_before(10), Some(days_before(9)), false),
        (days_before(10), None, false),
        (today(), None, true),
        // A discovery day in the future is read as today.
        (days_before(1), Some(days_after(5)), false),
    ];
    for (ends, discovered, allowed) in table {
        for (state, command, role) in [
            (S::FilingProposed, Command::ApproveFiling, Role::AgencyHead),
            (
                S::ClueRegistered,
                file_case(&[OFFICER_A, OFFICER_B]),
                Role::Officer,
            ),
        ] {
            let mut facts = facts_in(O, state);
            facts.limitation_ends = Some(ends);
            facts.discovered_on = discovered;
            let result = run(&facts, &command, role);
            if allowed {
                assert!(result.is_ok(), "{ends} {discovered:?}: {result:?}");
            } else {
                assert_eq!(
                    refusal(&facts, &command, role),
                    CaseError::LimitationExpired { ended_on: ends },
                    "{ends} {discovered:?}"
                );
            }
        }
    }
}

#[test]
fn an_unknown_limitation_period_blocks_filing() {
    let mut facts = facts_in(O, S::FilingProposed);
    facts.limitation_ends = None;
    assert_eq!(
        refusal(&facts, &Command::ApproveFiling, Role::AgencyHead),
        CaseError::MissingFact {
            fact: Fact::LimitationPeriod
        }
    );
}

#[test]
fn a_clue_cannot_be_received_in_the_future_or_declined_without_a_reason() {
    let facts = facts_in(O, S::New);
    assert_eq!(
        refusal(
            &facts,
            &Command::RegisterClue {
                source: ClueSource::Inspection,
                received_on: days_after(1)
            },
            Role::Officer
        ),
        CaseError::DateInFuture {
            field: DateField::ReceivedOn,
            date: days_after(1)
        }
    );
    let clue = facts_in(O, S::ClueRegistered);
    assert_eq!(
        refusal(
            &clue,
            &Command::DeclineClue {
                reason: " \n ".to_owned()
            },
            Role::AgencyHead
        ),
        CaseError::TextRequired {
            field: TextField::Reason
        }
    );
}

// ---- investigation and evidence (Art. 40, 42) -------------------------------------------

#[test]
fn investigation_needs_two_qualified_assigned_officers() {
    let mut facts = facts_in(O, S::Filed);
    facts.assigned_officer_ids = vec![OFFICER_A];
    assert_eq!(
        refusal(&facts, &Command::StartInvestigation, Role::Officer),
        CaseError::TooFewOfficers { qualified: 1 }
    );
}

#[test]
fn evidence_collected_by_fewer_than_two_certified_officers_is_refused() {
    let facts = facts_in(O, S::Investigating);
    assert_eq!(
        refusal(&facts, &evidence(&[OFFICER_A]), Role::Officer),
        CaseError::TooFewCollectors { qualified: 1 }
    );
    assert_eq!(
        refusal(&facts, &evidence(&[OFFICER_A, OFFICER_A]), Role::Officer),
        CaseError::TooFewCollectors { qualified: 1 }
    );
    assert_eq!(
        refusal(&facts, &evidence(&[OFFICER_A, OFFICER_C]), Role::Officer),
        CaseError::NotAssigned { user_id: OFFICER_C }
    );
    let t = accepted(&facts, &evidence(&[OFFICER_A, OFFICER_B]), Role::Officer);
    assert_eq!(
        (t.to, t.documents),
        (S::Investigating, vec![DocumentKind::EvidenceRecord])
    );
}

#[test]
fn one_uncertified_or_recused_collector_refuses_the_evidence_record() {
    let mut facts = facts_in(O, S::Investigating);
    facts.assigned_officer_ids.push(OFFICER_C);
    set_credential(&mut facts, OFFICER_C, Some(Expired));
    assert_eq!(
        refusal(
            &facts,
            &evidence(&[OFFICER_A, OFFICER_B, OFFICER_C]),
            Role::Officer
        ),
        CaseError::CredentialNotInForce { user_id: OFFICER_C }
    );
    set_credential(&mut facts, OFFICER_C, Some(Valid));
    facts.recused_user_ids = vec![OFFICER_C];
    assert_eq!(
        refusal(&facts, &evidence(&[OFFICER_A, OFFICER_C]), Role::Officer),
        CaseError::MustRecuse { user_id: OFFICER_C }
    );
}

#[test]
fn no_evidence_can_be_recorded_while_fewer_than_two_assigned_officers_qualify() {
    let mut facts = facts_in(O, S::Investigating);
    set_credential(&mut facts, OFFICER_B, Some(Expired));
    assert_eq!(
        refusal(&facts, &evidence(&[OFFICER_A, OFFICER_B]), Role::Officer),
        CaseError::TooFewOfficers { qualified: 1 }
    );
}

#[test]
fn an_investigation_cannot_be_concluded_on_evidence_with_a_single_certified_collector() {
    let mut facts = facts_in(O, S::Investigating);
    facts.evidence.push(EvidenceStanding {
        evidence_id: 7,
        certified_collectors: 1,
        required_collectors: 2,
    });
    assert_eq!(
        refusal(
            &facts,
            &Command::ConcludeInvestigation {
                outcome: InvestigationOutcome::FactsNotEstablished
            },
            Role::Officer
        ),
        CaseError::EvidenceCollectorsInsufficient { evidence_id: 7 }
    );
    // An appraisal opinion or device data needs the one officer who received it (Art. 41, 46).
    facts
        .evidence
        .last_mut()
        .expect("pushed")
        .required_collectors = 1;
    assert!(
        run(
            &facts,
            &Command::ConcludeInvestigation {
                outcome: InvestigationOutcome::FactsNotEstablished
            },
            Role::Officer
        )
        .is_ok()
    );
    facts
        .evidence
        .last_mut()
        .expect("pushed")
        .certified_collectors = 0;
    assert_eq!(
        refusal(
            &facts,
            &Command::ConcludeInvestigation {
                outcome: InvestigationOutcome::FactsNotEstablished
            },
            Role::Officer
        ),
        CaseError::EvidenceCollectorsInsufficient { evidence_id: 7 }
    );
}

#[test]
fn a_penalty_cannot_be_proposed_without_evidence_but_facts_not_established_can_be_concluded() {
    let mut facts = facts_in(O, S::Investigating);
    facts.evidence.clear();
    assert_eq!(
        refusal(
            &facts,
            &Command::ConcludeInvestigation {
                outcome: InvestigationOutcome::Penalty
            },
            Role::Officer
        ),
        CaseError::NoEvidence
    );
    assert!(
        run(
            &facts,
            &Command::ConcludeInvestigation {
                outcome: InvestigationOutcome::FactsNotEstablished
            },
            Role::Officer
        )
        .is_ok()
    );
}

// ---- legal review (Art. 58) -------------------------------------------------------------

#[test]
fn a_case_cannot_be_submitted_for_review_before_the_investigation_is_concluded() {
    for state in [
        S::ClueRegistered,
        S::FilingProposed,
        S::Filed,
        S::Investigating,
    ] {
        assert_eq!(
            refusal(
                &facts_in(O, state),
                &Command::SubmitForReview,
                Role::Officer
            ),
            CaseError::InvestigationNotConcluded,
            "{state:?}"
        );
    }
}

#[test]
fn the_reviewer_must_hold_a_legal_qualification_in_force() {
    for standing in [Some(Expired), Some(Revoked), None] {
        let mut facts = facts_in(O, S::UnderLegalReview);
        set_credential(&mut facts, REVIEWER, standing);
        assert_eq!(
            refusal(&facts, &Command::ApproveReview, Role::LegalReviewer),
            CaseError::ReviewerNotQualified
        );
    }
}

#[test]
fn the_reviewer_must_never_be_an_investigator_of_the_case() {
    let mut facts = facts_in(O, S::UnderLegalReview);
    facts.investigator_ids.push(REVIEWER);
    assert_eq!(
        refusal(&facts, &Command::ApproveReview, Role::LegalReviewer),
        CaseError::ReviewerIsInvestigator
    );
    let mut facts = facts_in(O, S::UnderLegalReview);
    facts.assigned_officer_ids.push(REVIEWER);
    assert_eq!(
        refusal(
            &facts,
            &Command::ReturnReview {
                opinion: "事实不清".to_owned()
            },
            Role::LegalReviewer
        ),
        CaseError::ReviewerIsInvestigator
    );
}

#[test]
fn a_returned_review_needs_a_written_opinion() {
    assert_eq!(
        refusal(
            &facts_in(O, S::UnderLegalReview),
            &Command::ReturnReview {
                opinion: "   ".to_owned()
            },
            Role::LegalReviewer
        ),
        CaseError::TextRequired {
            field: TextField::Opinion
        }
    );
}

#[test]
fn an_approved_review_returns_the_case_to_where_it_was_submitted_from() {
    let concluded = facts_in(O, S::UnderLegalReview);
    assert_eq!(
        accepted(&concluded, &Command::ApproveReview, Role::LegalReviewer).to,
        S::InvestigationConcluded
    );
    let mut noticed = facts_in(O, S::UnderLegalReview);
    noticed.prior_notice = Some(notice());
    assert_eq!(
        accepted(&noticed, &Command::ApproveReview, Role::LegalReviewer).to,
        S::PriorNoticeServed
    );
    let mut heard = noticed.clone();
    heard.hearing_held = true;
    let t = accepted(&heard, &Command::ApproveReview, Role::LegalReviewer);
    assert_eq!(t.to, S::HearingHeld);
    assert_eq!(t.record.after_hearing, Some(true));
}

#[test]
fn a_major_case_needs_a_passed_review_before_the_prior_notice_under_samr_ordering() {
    let mut facts = facts_in(O, S::InvestigationConcluded);
    facts.major = true;
    let serve = valid_command(CommandKind::ServePriorNotice, &facts);
    assert_eq!(
        refusal(&facts, &serve, Role::Officer),
        CaseError::ReviewRequired
    );
    facts.rules.review_before_prior_notice = false;
    assert!(run(&facts, &serve, Role::Officer).is_ok());
    facts.rules.review_before_prior_notice = true;
    facts.review_passed = true;
    assert!(run(&facts, &serve, Role::Officer).is_ok());
}

#[test]
fn a_major_case_cannot_be_decided_or_discussed_without_a_passed_review() {
    let mut facts = facts_in(O, S::PriorNoticeServed);
    facts.major = true;
    assert_eq!(
        refusal(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead),
        CaseError::ReviewRequired
    );
    assert_eq!(
        refusal(&facts, &Command::HoldCollectiveDiscussion, Role::AgencyHead),
        CaseError::ReviewRequired
    );
    facts.review_passed = true;
    assert!(run(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead).is_ok());
}

#[test]
fn after_a_hearing_the_decision_needs_a_review_passed_after_the_hearing() {
    let mut facts = facts_in(O, S::HearingHeld);
    facts.review_passed_after_hearing = false;
    assert_eq!(
        refusal(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead),
        CaseError::ReviewAfterHearingRequired
    );
    assert_eq!(
        accepted(&facts, &Command::SubmitForReview, Role::Officer).to,
        S::UnderLegalReview
    );
}

// ---- prior notice, statements and hearing (Art. 44, 45, 62–65) --------------------------

#[test]
fn the_prior_notice_follows_only_a_penalty_outcome() {
    for outcome in InvestigationOutcome::ALL
        .into_iter()
        .filter(|o| *o != InvestigationOutcome::Penalty)
    {
        let mut facts = facts_in(O, S::InvestigationConcluded);
        facts.outcome = Some(outcome);
        let serve = valid_command(CommandKind::ServePriorNotice, &facts);
        assert_eq!(
            refusal(&facts, &serve, Role::Officer),
            CaseError::OutcomeMismatch { outcome }
        );
    }
}

#[test]
fn the_prior_notice_needs_a_non_negative_proposed_fine_and_a_past_service_date() {
    let facts = facts_in(O, S::InvestigationConcluded);
    assert_eq!(
        refusal(
            &facts,
            &Command::ServePriorNotice {
                served_on: today(),
                proposed_fine_fen: -1,
                method: ServiceMethod::Direct,
            },
            Role::Officer
        ),
        CaseError::InvalidAmount { fen: -1 }
    );
    assert_eq!(
        refusal(
            &facts,
            &Command::ServePriorNotice {
                served_on: days_after(1),
                proposed_fine_fen: 0,
                method: ServiceMethod::Direct,
            },
            Role::Officer
        ),
        CaseError::DateInFuture {
            field: DateField::ServedOn,
            date: days_after(1)
        }
    );
}

#[test]
fn a_penalty_decision_needs_a_served_prior_notice() {
    let facts = facts_in(O, S::InvestigationConcluded);
    assert_eq!(
        refusal(&facts, &decide_penalty(0), Role::AgencyHead),
        CaseError::PriorNoticeNotServed
    );
}

#[test]
fn no_decision_before_the_statement_window_has_ended() {
    let mut facts = facts_in(O, S::PriorNoticeServed);
    if let Some(n) = facts.prior_notice.as_mut() {
        n.statement_window_ends = today();
    }
    assert_eq!(
        refusal(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead),
        CaseError::StatementWindowOpen { ends: today() }
    );
    // Stricter reading: even a decision not to punish waits for the window.
    assert_eq!(
        refusal(&facts, &decide_no_penalty(), Role::AgencyHead),
        CaseError::StatementWindowOpen { ends: today() }
    );
    if let Some(n) = facts.prior_notice.as_mut() {
        n.statement_window_ends = days_before(1);
    }
    assert!(run(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead).is_ok());
}

#[test]
fn a_backdated_decision_must_also_fall_after_the_windows() {
    let facts = facts_in(O, S::PriorNoticeServed);
    let early = Command::Decide {
        decided_on: days_before(12),
        outcome: DecisionOutcome::Penalty,
        fine_fen: PROPOSED_FINE,
    };
    assert_eq!(
        refusal(&facts, &early, Role::AgencyHead),
        CaseError::StatementWindowOpen {
            ends: days_before(10)
        }
    );
}

#[test]
fn no_decision_before_the_hearing_request_window_has_ended_when_a_hearing_is_available() {
    let mut facts = facts_in(O, S::PriorNoticeServed);
    if let Some(n) = facts.prior_notice.as_mut() {
        n.hearing_request_window_ends = today();
    }
    assert_eq!(
        refusal(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead),
        CaseError::HearingRequestWindowOpen { ends: today() }
    );
    facts.hearing_eligible = false;
    assert!(run(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead).is_ok());
}

#[test]
fn an_express_waiver_allows_a_decision_before_the_windows_end() {
    let mut facts = facts_in(O, S::PriorNoticeServed);
    if let Some(n) = facts.prior_notice.as_mut() {
        n.statement_window_ends = days_after(3);
        n.hearing_request_window_ends = days_after(3);
    }
    let t = accepted(&facts, &Command::WaiveRights, Role::Officer);
    assert_eq!(t.documents, vec![DocumentKind::RightsWaiver]);
    facts.rights_waived = true;
    assert!(run(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead).is_ok());
    assert_eq!(
        refusal(&facts, &Command::WaiveRights, Role::Officer),
        CaseError::RightsWaived
    );
}

#[test]
fn no_decision_or_discussion_while_a_requested_hearing_is_pending() {
    for state in [S::HearingRequested, S::HearingNoticed] {
        let facts = facts_in(O, state);
        assert_eq!(
            refusal(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead),
            CaseError::HearingPending
        );
        assert_eq!(
            refusal(&facts, &Command::HoldCollectiveDiscussion, Role::AgencyHead),
            CaseError::HearingPending
        );
    }
}

#[test]
fn a_hearing_can_be_requested_only_when_the_penalty_gives_the_right_to_one() {
    let mut facts = facts_in(O, S::PriorNoticeServed);
    facts.hearing_eligible = false;
    let request = valid_command(CommandKind::RequestHearing, &facts);
    assert_eq!(
        refusal(&facts, &request, Role::Officer),
        CaseError::HearingNotAvailable
    );
}

#[test]
fn a_hearing_request_must_come_within_its_window_and_after_the_notice() {
    let facts = facts_in(O, S::PriorNoticeServed);
    let ends = days_before(10);
    let on = |d: NaiveDate| Command::RequestHearing { requested_on: d };
    assert_eq!(
        refusal(&facts, &on(days_before(9)), Role::Officer),
        CaseError::HearingRequestLate { ended_on: ends }
    );
    assert_eq!(
        accepted(&facts, &on(ends), Role::Officer).to,
        S::HearingRequested
    );
    assert_eq!(
        refusal(&facts, &on(days_before(21)), Role::Officer),
        CaseError::DateTooEarly {
            field: DateField::RequestedOn,
            date: days_before(21),
            earliest: days_before(20)
        }
    );
    assert_eq!(
        refusal(&facts, &on(days_after(1)), Role::Officer),
        CaseError::DateInFuture {
            field: DateField::RequestedOn,
            date: days_after(1)
        }
    );
}

#[test]
fn a_party_who_waived_cannot_then_request_a_hearing() {
    let mut facts = facts_in(O, S::PriorNoticeServed);
    facts.rights_waived = true;
    let request = valid_command(CommandKind::RequestHearing, &facts);
    assert_eq!(
        refusal(&facts, &request, Role::Officer),
        CaseError::RightsWaived
    );
}

#[test]
fn a_statement_cannot_be_dated_before_the_prior_notice() {
    let facts = facts_in(O, S::PriorNoticeServed);
    assert_eq!(
        refusal(
            &facts,
            &Command::RecordStatement {
                received_on: days_before(21)
            },
            Role::Officer
        ),
        CaseError::DateTooEarly {
            field: DateField::ReceivedOn,
            date: days_before(21),
            earliest: days_before(20)
        }
    );
    let t = accepted(
        &facts,
        &Command::RecordStatement {
            received_on: days_before(15),
        },
        Role::Officer,
    );
    assert_eq!(
        t.documents,
        vec![DocumentKind::StatementRecord, DocumentKind::RecheckOpinion]
    );
}

#[test]
fn the_hearing_notice_must_leave_seven_working_days() {
    let facts = facts_in(O, S::HearingRequested);
    let notice_on = |latest: NaiveDate| Command::NoticeHearing {
        hearing_date: days_after(12),
        noticed_on: today(),
        latest_notice_date: latest,
    };
    assert_eq!(
        refusal(&facts, &notice_on(days_before(1)), Role::Officer),
        CaseError::HearingNoticeTooLate {
            latest: days_before(1)
        }
    );
    assert_eq!(
        accepted(&facts, &notice_on(today()), Role::Officer).to,
        S::HearingNoticed
    );
}

#[test]
fn the_hearing_date_must_come_after_the_notice() {
    let facts = facts_in(O, S::HearingRequested);
    assert_eq!(
        refusal(
            &facts,
            &Command::NoticeHearing {
                hearing_date: today(),
                noticed_on: today(),
                latest_notice_date: today(),
            },
            Role::Officer
        ),
        CaseError::DateTooEarly {
            field: DateField::HearingDate,
            date: today(),
            earliest: days_after(1)
        }
    );
}

#[test]
fn the_hearing_cannot_be_held_before_its_noticed_date() {
    let mut facts = facts_in(O, S::HearingNoticed);
    facts.hearing_date = Some(days_after(1));
    assert_eq!(
        refusal(
            &facts,
            &Command::HoldHearing { host_id: OFFICER_C },
            Role::Officer
        ),
        CaseError::HearingNotYetDue {
            hearing_date: days_after(1)
        }
    );
}

#[test]
fn the_hearing_host_must_not_be_an_investigator() {
    let hold = |host_id| Command::HoldHearing { host_id };
    let facts = facts_in(O, S::HearingNoticed);
    assert_eq!(
        refusal(&facts, &hold(OFFICER_A), Role::Officer),
        CaseError::HearingHostIsInvestigator { user_id: OFFICER_A }
    );
    let mut former = facts.clone();
    former.investigator_ids.push(OFFICER_C);
    assert_eq!(
        refusal(&former, &hold(OFFICER_C), Role::Officer),
        CaseError::HearingHostIsInvestigator { user_id: OFFICER_C }
    );
}

#[test]
fn the_hearing_host_must_be_qualified_staff_of_the_agency_and_not_recused() {
    let hold = |host_id| Command::HoldHearing { host_id };
    let facts = facts_in(O, S::HearingNoticed);
    assert_eq!(
        refusal(&facts, &hold(OUTSIDER), Role::Officer),
        CaseError::NotStaffOfAgency { user_id: OUTSIDER }
    );
    let mut recused = facts.clone();
    recused.recused_user_ids = vec![OFFICER_C];
    assert_eq!(
        refusal(&recused, &hold(OFFICER_C), Role::Officer),
        CaseError::MustRecuse { user_id: OFFICER_C }
    );
    let mut lapsed = facts.clone();
    set_credential(&mut lapsed, OFFICER_C, Some(Expired));
    assert_eq!(
        refusal(&lapsed, &hold(OFFICER_C), Role::Officer),
        CaseError::CredentialNotInForce { user_id: OFFICER_C }
    );
}

// ---- collective discussion and decision (Art. 45, 57) -----------------------------------

#[test]
fn a_required_collective_discussion_must_be_held_before_deciding() {
    let mut facts = facts_in(O, S::PriorNoticeServed);
    facts.collective_discussion_required = true;
    assert_eq!(
        refusal(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead),
        CaseError::CollectiveDiscussionRequired
    );
    let t = accepted(&facts, &Command::HoldCollectiveDiscussion, Role::AgencyHead);
    assert_eq!(t.to, S::CollectiveDiscussion);
    facts.state = S::CollectiveDiscussion;
    facts.collective_discussion_done = true;
    assert_eq!(
        accepted(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead).to,
        S::Decided
    );
}

#[test]
fn the_decision_never_exceeds_the_fine_proposed_in_the_prior_notice() {
    let facts = facts_in(O, S::PriorNoticeServed);
    assert_eq!(
        refusal(&facts, &decide_penalty(PROPOSED_FINE + 1), Role::AgencyHead),
        CaseError::PenaltyAbovePriorNotice {
            proposed_fen: PROPOSED_FINE,
            decided_fen: PROPOSED_FINE + 1
        }
    );
    assert!(run(&facts, &decide_penalty(PROPOSED_FINE), Role::AgencyHead).is_ok());
    assert!(run(&facts, &decide_penalty(1), Role::AgencyHead).is_ok());
    assert_eq!(
        refusal(&facts, &decide_penalty(-1), Role::AgencyHead),
        CaseError::InvalidAmount { fen: -1 }
    );
}

#[test]
fn a_non_penalty_outcome_is_decided_without_a_prior_notice_and_without_a_fine() {
    let mut facts = facts_in(O, S::InvestigationConcluded);
    facts.outcome = Some(InvestigationOutcome::FirstViolationWaiver);
    let t = accepted(&facts, &decide_no_penalty(), Role::AgencyHead);
    assert_eq!(
        t.documents,
        vec![
            DocumentKind::DecisionApprovalForm,
            DocumentKind::NoPenaltyDecision
        ]
    );
    assert_eq!(
        refusal(&facts, &decide_penalty(0), Role::AgencyHead),
        CaseError::OutcomeMismatch {
            outcome: InvestigationOutcome::FirstViolationWaiver
        }
    );
    assert_eq!(
        refusal(
            &facts,
            &Command::Decide {
                decided_on: today(),
                outcome: DecisionOutcome::NoPenalty,
                fine_fen: 100
            },
            Role::AgencyHead
        ),
        CaseError::InvalidAmount { fen: 100 }
    );
}

#[test]
fn a_penalty_outcome_may_end_in_no_penalty_after_the_defence() {
    let facts = facts_in(O, S::PriorNoticeServed);
    assert!(run(&facts, &decide_no_penalty(), Role::AgencyHead).is_ok());
}

#[test]
fn a_transfer_outcome_is_transferred_not_decided() {
    let mut facts = facts_in(O, S::InvestigationConcluded);
    facts.outcome = Some(InvestigationOutcome::Transfer);
    assert_eq!(
        refusal(&facts, &decide_no_penalty(), Role::AgencyHead),
        CaseError::OutcomeMismatch {
            outcome: InvestigationOutcome::Transfer
        }
    );
    let t = accepted(
        &facts,
        &Command::Transfer {
            to: "市公安局".to_owned(),
        },
        Role::AgencyHead,
    );
    assert_eq!(
        (t.to, t.documents),
        (S::Transferred, vec![DocumentKind::TransferLetter])
    );
}

#[test]
fn a_decision_cannot_be_dated_in_the_future_or_before_the_prior_notice() {
    let facts = facts_in(O, S::PriorNoticeServed);
    let at = |d| Command::Decide {
        decided_on: d,
        outcome: DecisionOutcome::Penalty,
        fine_fen: PROPOSED_FINE,
    };
    assert_eq!(
        refusal(&facts, &at(days_after(1)), Role::AgencyHead),
        CaseError::DateInFuture {
            field: DateField::DecidedOn,
            date: days_after(1)
        }
    );
    let mut waived = facts.clone();
    waived.rights_waived = true;
    assert_eq!(
        refusal(&waived, &at(days_before(21)), Role::AgencyHead),
        CaseError::DateTooEarly {
            field: DateField::DecidedOn,
            date: days_before(21),
            earliest: days_before(20)
        }
    );
}

// ---- service, execution, closing, archiving ---------------------------------------------

#[test]
fn electronic_service_needs_the_partys_signed_consent() {
    let mut facts = facts_in(O, S::Decided);
    let serve = Command::Serve {
        served_on: today(),
        method: ServiceMethod::Electronic,
    };
    assert_eq!(
        refusal(&facts, &serve, Role::Officer),
        CaseError::ElectronicServiceWithoutConsent
    );
    facts.e_service_consent = true;
    assert!(run(&facts, &serve, Role::Officer).is_ok());
}

#[test]
fn a_decision_cannot_be_served_before_it_was_made() {
    let facts = facts_in(O, S::Decided);
    assert_eq!(
        refusal(
            &facts,
            &Command::Serve {
                served_on: days_before(6),
                method: ServiceMethod::Postal
            },
            Role::Officer
        ),
        CaseError::DateTooEarly {
            field: DateField::ServedOn,
            date: days_before(6),
            earliest: days_before(5)
        }
    );
}

#[test]
fn payments_must_be_positive_and_at_most_what_is_outstanding() {
    let facts = facts_in(O, S::Served);
    let pay = |amount_fen| Command::RecordPayment {
        amount_fen,
        paid_on: today(),
    };
    assert_eq!(
        refusal(&facts, &pay(0), Role::Officer),
        CaseError::InvalidAmount { fen: 0 }
    );
    assert_eq!(
        refusal(&facts, &pay(PROPOSED_FINE + 1), Role::Officer),
        CaseError::PaymentExceedsOutstanding {
            outstanding_fen: PROPOSED_FINE,
            amount_fen: PROPOSED_FINE + 1
        }
    );
    let mut settled = facts.clone();
    settled.outstanding_fen = 0;
    assert_eq!(
        refusal(&settled, &pay(1), Role::Officer),
        CaseError::NothingToPay
    );
    assert_eq!(
        refusal(
            &facts,
            &Command::RecordPayment {
                amount_fen: 1,
                paid_on: days_after(1)
            },
            Role::Officer
        ),
        CaseError::DateInFuture {
            field: DateField::PaidOn,
            date: days_after(1)
        }
    );
}

#[test]
fn a_non_penalty_decision_has_nothing_to_execute() {
    let mut facts = facts_in(O, S::Served);
    facts.decision = Some(DecisionFacts {
        outcome: DecisionOutcome::NoPenalty,
        fine_fen: 0,
        decided_on: days_before(5),
    });
    facts.outstanding_fen = 0;
    assert_eq!(
        refusal(
            &facts,
            &Command::RecordExecution {
                note: "无".to_owned()
            },
            Role::Officer
        ),
        CaseError::NoPenaltyToExecute
    );
    assert_eq!(
        refusal(
            &facts_in(O, S::Executing),
            &Command::RecordExecution {
                note: String::new()
            },
            Role::Officer
        ),
        CaseError::TextRequired {
            field: TextField::Note
        }
    );
}

#[test]
fn closing_requires_finished_execution_or_a_non_penalty_decision() {
    let close = |reason| Command::Close { reason };
    let facts = facts_in(O, S::Executing);
    assert_eq!(
        refusal(&facts, &close(CloseReason::Executed), Role::AgencyHead),
        CaseError::ExecutionNotFinished
    );
    let mut done = facts.clone();
    done.execution_finished = true;
    assert_eq!(
        accepted(&done, &close(CloseReason::Executed), Role::AgencyHead).to,
        S::Closed
    );
    assert_eq!(
        refusal(&done, &close(CloseReason::NotPunished), Role::AgencyHead),
        CaseError::CloseReasonMismatch {
            expected: CloseReason::Executed,
            given: CloseReason::NotPunished
        }
    );
    let mut not_punished = facts_in(O, S::Served);
    not_punished.decision = Some(DecisionFacts {
        outcome: DecisionOutcome::NoPenalty,
        fine_fen: 0,
        decided_on: days_before(5),
    });
    assert_eq!(
        accepted(
            &not_punished,
            &close(CloseReason::NotPunished),
            Role::AgencyHead
        )
        .to,
        S::Closed
    );
}

#[test]
fn withdrawn_and_transferred_cases_close_with_their_own_reason() {
    for (state, reason) in [
        (S::Withdrawn, CloseReason::Withdrawn),
        (S::Transferred, CloseReason::Transferred),
    ] {
        let facts = facts_in(O, state);
        assert!(run(&facts, &Command::Close { reason }, Role::AgencyHead).is_ok());
        assert_eq!(
            refusal(
                &facts,
                &Command::Close {
                    reason: CloseReason::Executed
                },
                Role::AgencyHead
            ),
            CaseError::CloseReasonMismatch {
                expected: reason,
                given: CloseReason::Executed
            }
        );
    }
}

#[test]
fn only_a_closed_case_with_a_complete_file_can_be_archived() {
    assert_eq!(
        refusal(&facts_in(O, S::Executing), &Command::Archive, Role::Officer),
        CaseError::NotClosed
    );
    let mut closed = facts_in(O, S::Closed);
    closed.case_file_complete = false;
    assert_eq!(
        refusal(&closed, &Command::Archive, Role::Officer),
        CaseError::CaseFileIncomplete
    );
    assert_eq!(
        refusal(&facts_in(O, S::Archived), &Command::Archive, Role::Officer),
        CaseError::NotAllowedInState {
            state: S::Archived,
            command: CommandKind::Archive
        }
    );
}

// ---- withdrawal, transfer, suspension, extension ----------------------------------------

#[test]
fn a_filing_can_be_withdrawn_only_before_a_decision_and_with_a_reason() {
    for state in [S::Decided, S::Served, S::Executing] {
        assert_eq!(
            refusal(
                &facts_in(O, state),
                &valid_command(CommandKind::Withdraw, &facts_in(O, state)),
                Role::AgencyHead
            ),
            CaseError::AlreadyDecided
        );
    }
    let facts = facts_in(O, S::Investigating);
    assert_eq!(
        refusal(
            &facts,
            &Command::Withdraw {
                reason: String::new()
            },
            Role::AgencyHead
        ),
        CaseError::TextRequired {
            field: TextField::Reason
        }
    );
    let t = accepted(
        &facts,
        &valid_command(CommandKind::Withdraw, &facts),
        Role::AgencyHead,
    );
    assert_eq!(t.to, S::Withdrawn);
    assert_eq!(
        t.deadlines,
        vec![DeadlineChange::stop(DeadlineKind::CaseHandling)]
    );
}

#[test]
fn a_transfer_needs_a_receiving_organ_and_is_impossible_after_a_decision() {
    let facts = facts_in(O, S::Investigating);
    assert_eq!(
        refusal(
            &facts,
            &Command::Transfer { to: " ".to_owned() },
            Role::AgencyHead
        ),
        CaseError::TextRequired {
            field: TextField::Recipient
        }
    );
    assert_eq!(
        refusal(
            &facts_in(O, S::Decided),
            &valid_command(CommandKind::Transfer, &facts),
            Role::AgencyHead
        ),
        CaseError::NotAllowedInState {
            state: S::Decided,
            command: CommandKind::Transfer
        }
    );
}

#[test]
fn suspension_remembers_the_state_and_resumption_restores_it() {
    let facts = facts_in(O, S::PriorNoticeServed);
    let t = accepted(
        &facts,
        &valid_command(CommandKind::Suspend, &facts),
        Role::AgencyHead,
    );
    assert_eq!((t.from, t.to), (S::PriorNoticeServed, S::Suspended));
    assert_eq!(t.record.resume_to, Some(S::PriorNoticeServed));
    assert_eq!(
        t.deadlines,
        vec![DeadlineChange::pause(DeadlineKind::CaseHandling)]
    );
    let mut suspended = facts.clone();
    suspended.state = S::Suspended;
    suspended.suspended_from = Some(t.from);
    let back = accepted(&suspended, &Command::Resume, Role::AgencyHead);
    assert_eq!(back.to, S::PriorNoticeServed);
    assert_eq!(
        back.deadlines,
        vec![DeadlineChange::resume(DeadlineKind::CaseHandling)]
    );
}

#[test]
fn a_suspended_case_accepts_only_resumption_or_withdrawal() {
    let facts = facts_in(O, S::Suspended);
    for kind in [
        CommandKind::RecordEvidence,
        CommandKind::ConcludeInvestigation,
        CommandKind::Archive,
    ] {
        assert_eq!(
            refusal(&facts, &valid_command(kind, &facts), Role::Officer),
            CaseError::CaseSuspended,
            "{kind:?}"
        );
    }
    for kind in [
        CommandKind::Extend,
        CommandKind::Suspend,
        CommandKind::Decide,
    ] {
        assert_eq!(
            refusal(&facts, &valid_command(kind, &facts), Role::AgencyHead),
            CaseError::CaseSuspended,
            "{kind:?}"
        );
    }
    assert_eq!(
        allowed_commands(&facts, &actor(Role::AgencyHead), today()),
        vec![CommandKind::Withdraw, CommandKind::Resume]
    );
}

#[test]
fn resumption_needs_a_remembered_undecided_state() {
    for from in [
        None,
        Some(S::Decided),
        Some(S::Suspended),
        Some(S::ClueRegistered),
    ] {
        let mut facts = facts_in(O, S::Suspended);
        facts.suspended_from = from;
        assert_eq!(
            refusal(&facts, &Command::Resume, Role::AgencyHead),
            CaseError::MissingFact {
                fact: Fact::SuspendedFrom
            },
            "{from:?}"
        );
    }
}

#[test]
fn resuming_into_a_pending_hearing_keeps_the_time_limit_paused() {
    let mut facts = facts_in(O, S::Suspended);
    facts.suspended_from = Some(S::HearingNoticed);
    let t = accepted(&facts, &Command::Resume, Role::AgencyHead);
    assert_eq!(t.to, S::HearingNoticed);
    assert!(t.deadlines.is_empty());
    let pending = facts_in(O, S::HearingRequested);
    let t = accepted(
        &pending,
        &valid_command(CommandKind::Suspend, &pending),
        Role::AgencyHead,
    );
    assert!(t.deadlines.is_empty());
}

#[test]
fn the_first_extension_is_the_heads_and_at_most_thirty_days() {
    let facts = facts_in(O, S::Investigating);
    let extend = |days| Command::Extend {
        days,
        reason: "案情复杂".to_owned(),
    };
    let t = accepted(&facts, &extend(30), Role::AgencyHead);
    assert_eq!(t.to, S::Investigating);
    assert_eq!(
        t.deadlines,
        vec![DeadlineChange {
            deadline: DeadlineKind::CaseHandling,
            effect: DeadlineEffect::Extend { days: 30 }
        }]
    );
    assert_eq!(t.documents, vec![DocumentKind::ExtensionApprovalForm]);
    for days in [0, 31] {
        assert_eq!(
            refusal(&facts, &extend(days), Role::AgencyHead),
            CaseError::InvalidExtension { days, max_days: 30 }
        );
    }
    assert_eq!(
        refusal(&facts, &extend(30), Role::Officer),
        CaseError::WrongRole {
            required: Role::AgencyHead,
            actual: Role::Officer
        }
    );
    assert_eq!(
        refusal(
            &facts,
            &Command::Extend {
                days: 10,
                reason: String::new()
            },
            Role::AgencyHead
        ),
        CaseError::TextRequired {
            field: TextField::Reason
        }
    );
}

#[test]
fn a_further_extension_needs_collective_discussion() {
    let mut facts = facts_in(O, S::Investigating);
    facts.extensions_granted = 1;
    let extend = valid_command(CommandKind::Extend, &facts);
    assert_eq!(
        refusal(&facts, &extend, Role::AgencyHead),
        CaseError::ExtensionNeedsCollectiveDiscussion
    );
    facts.extension_discussed = true;
    assert!(run(&facts, &extend, Role::AgencyHead).is_ok());
}

#[test]
fn the_longest_extension_is_configurable_for_other_sectors() {
    let mut facts = facts_in(O, S::Investigating);
    facts.rules.max_extension_days = 60;
    assert!(
        run(
            &facts,
            &Command::Extend {
                days: 60,
                reason: "检验鉴定".to_owned()
            },
            Role::AgencyHead
        )
        .is_ok()
    );
}

// ---- inconsistent facts -----------------------------------------------------------------

#[test]
fn a_state_without_the_facts_it_implies_is_refused_with_the_missing_fact() {
    let mut notice_missing = facts_in(O, S::PriorNoticeServed);
    notice_missing.prior_notice = None;
    assert_eq!(
        refusal(
            &notice_missing,
            &Command::RecordStatement {
                received_on: today()
            },
            Role::Officer
        ),
        CaseError::MissingFact {
            fact: Fact::PriorNotice
        }
    );
    let mut outcome_missing = facts_in(O, S::InvestigationConcluded);
    outcome_missing.outcome = None;
    assert_eq!(
        refusal(&outcome_missing, &Command::SubmitForReview, Role::Officer),
        CaseError::MissingFact {
            fact: Fact::InvestigationOutcome
        }
    );
    let mut date_missing = facts_in(O, S::HearingNoticed);
    date_missing.hearing_date = None;
    assert_eq!(
        refusal(
            &date_missing,
            &Command::HoldHearing { host_id: OFFICER_C },
            Role::Officer
        ),
        CaseError::MissingFact {
            fact: Fact::HearingDate
        }
    );
    let mut decision_missing = facts_in(O, S::Decided);
    decision_missing.decision = None;
    assert_eq!(
        refusal(
            &decision_missing,
            &valid_command(CommandKind::Serve, &decision_missing),
            Role::Officer
        ),
        CaseError::MissingFact {
            fact: Fact::Decision
        }
    );
}

// ---- messages ---------------------------------------------------------------------------

/// One of each variant. The `match` fails to compile when a variant is added without a sample.
fn one_of_each_error() -> Vec<CaseError> {
    let d = today();
    let all = vec![
        CaseError::WrongRole {
            required: Role::AgencyHead,
            actual: Role::Officer,
        },
        CaseError::NotOfThisAgency,
        CaseError::WrongProcedure {
            procedure: Procedure::Summary,
            command: CommandKind::Decide,
        },
        CaseError::NotAllowedInState {
            state: S::Filed,
            command: CommandKind::Serve,
        },
        CaseError::CaseSuspended,
        CaseError::InvestigationNotConcluded,
        CaseError::HearingPending,
        CaseError::NotClosed,
        CaseError::AlreadyDecided,
        CaseError::MustRecuse { user_id: 1 },
        CaseError::CredentialNotInForce { user_id: 1 },
        CaseError::ReviewerNotQualified,
        CaseError::ReviewerIsInvestigator,
        CaseError::NotAssigned { user_id: 1 },
        CaseError::NotStaffOfAgency { user_id: 1 },
        CaseError::TooFewOfficers { qualified: 1 },
        CaseError::TooFewCollectors { qualified: 1 },
        CaseError::EvidenceCollectorsInsufficient { evidence_id: 1 },
        CaseError::NoEvidence,
        CaseError::LimitationExpired { ended_on: d },
        CaseError::OutcomeMismatch {
            outcome: InvestigationOutcome::Transfer,
        },
        CaseError::PriorNoticeNotServed,
        CaseError::ReviewRequired,
        CaseError::ReviewAfterHearingRequired,
        CaseError::CollectiveDiscussionRequired,
        CaseError::StatementWindowOpen { ends: d },
        CaseError::HearingRequestWindowOpen { ends: d },
        CaseError::HearingNotAvailable,
        CaseError::HearingRequestLate { ended_on: d },
        CaseError::RightsWaived,
        CaseError::HearingNoticeTooLate { latest: d },
        CaseError::HearingNotYetDue { hearing_date: d },
        CaseError::HearingHostIsInvestigator { user_id: 1 },
        CaseError::DateInFuture {
            field: DateField::PaidOn,
            date: d,
        },
        CaseError::DateTooEarly {
            field: DateField::ServedOn,
            date: d,
            earliest: d,
        },
        CaseError::InvalidAmount { fen: -1 },
        CaseError::PenaltyAbovePriorNotice {
            proposed_fen: 1,
            decided_fen: 2,
        },
        CaseError::SummaryLimitExceeded {
            party_kind: PartyKind::NaturalPerson,
            limit_fen: 20_000,
            fine_fen: 20_001,
        },
        CaseError::ElectronicServiceWithoutConsent,
        CaseError::NothingToPay,
        CaseError::PaymentExceedsOutstanding {
            outstanding_fen: 1,
            amount_fen: 2,
        },
        CaseError::NoPenaltyToExecute,
        CaseError::ExecutionNotFinished,
        CaseError::ExecutionAlreadyFinished,
        CaseError::DecisionNotIssued,
        CaseError::ReviewAlreadyPassed,
        CaseError::CloseReasonMismatch {
            expected: CloseReason::Executed,
            given: CloseReason::Withdrawn,
        },
        CaseError::CaseFileIncomplete,
        CaseError::InvalidExtension {
            days: 0,
            max_days: 30,
        },
        CaseError::ExtensionNeedsCollectiveDiscussion,
        CaseError::TextRequired {
            field: TextField::Reason,
        },
        CaseError::MissingFact {
            fact: Fact::Decision,
        },
        CaseError::StaffingClosed {
            state: CaseState::Decided,
        },
        CaseError::LegalBasisMissing {
            field: BasisField::Violated,
        },
        CaseError::PenaltyNotStated,
        CaseError::PartyUnderFourteen,
        CaseError::PartyNotUnderFourteen,
        CaseError::MinorNeedsLighterPenalty,
        CaseError::SecondFineForSameAct,
        CaseError::NotAFirstViolation {
            decided_on: today(),
        },
        CaseError::DocumentIncomplete {
            gap: crate::document::Gap::LegalBasis,
        },
    ];
    for e in &all {
        match e {
            CaseError::WrongRole { .. }
            | CaseError::NotOfThisAgency
            | CaseError::WrongProcedure { .. }
            | CaseError::NotAllowedInState { .. }
            | CaseError::CaseSuspended
            | CaseError::InvestigationNotConcluded
            | CaseError::HearingPending
            | CaseError::NotClosed
            | CaseError::AlreadyDecided
            | CaseError::MustRecuse { .. }
            | CaseError::CredentialNotInForce { .. }
            | CaseError::ReviewerNotQualified
            | CaseError::ReviewerIsInvestigator
            | CaseError::NotAssigned { .. }
            | CaseError::NotStaffOfAgency { .. }
            | CaseError::TooFewOfficers { .. }
            | CaseError::TooFewCollectors { .. }
            | CaseError::EvidenceCollectorsInsufficient { .. }
            | CaseError::NoEvidence
            | CaseError::LimitationExpired { .. }
            | CaseError::OutcomeMismatch { .. }
            | CaseError::PriorNoticeNotServed
            | CaseError::ReviewRequired
            | CaseError::ReviewAfterHearingRequired
            | CaseError::CollectiveDiscussionRequired
            | CaseError::StatementWindowOpen { .. }
            | CaseError::HearingRequestWindowOpen { .. }
            | CaseError::HearingNotAvailable
            | CaseError::HearingRequestLate { .. }
            | CaseError::RightsWaived
            | CaseError::HearingNoticeTooLate { .. }
            | CaseError::HearingNotYetDue { .. }
            | CaseError::HearingHostIsInvestigator { .. }
            | CaseError::DateInFuture { .. }
            | CaseError::DateTooEarly { .. }
            | CaseError::InvalidAmount { .. }
            | CaseError::PenaltyAbovePriorNotice { .. }
            | CaseError::SummaryLimitExceeded { .. }
            | CaseError::ElectronicServiceWithoutConsent
            | CaseError::NothingToPay
            | CaseError::PaymentExceedsOutstanding { .. }
            | CaseError::NoPenaltyToExecute
            | CaseError::ExecutionNotFinished
            | CaseError::ExecutionAlreadyFinished
            | CaseError::DecisionNotIssued
            | CaseError::ReviewAlreadyPassed
            | CaseError::CloseReasonMismatch { .. }
            | CaseError::CaseFileIncomplete
            | CaseError::InvalidExtension { .. }
            | CaseError::ExtensionNeedsCollectiveDiscussion
            | CaseError::TextRequired { .. }
            | CaseError::MissingFact { .. }
            | CaseError::StaffingClosed { .. }
            | CaseError::LegalBasisMissing { .. }
            | CaseError::PenaltyNotStated
            | CaseError::PartyUnderFourteen
            | CaseError::PartyNotUnderFourteen
            | CaseError::MinorNeedsLighterPenalty
            | CaseError::SecondFineForSameAct
            | CaseError::NotAFirstViolation { .. }
            | CaseError::DocumentIncomplete { .. } => {}
        }
    }
    all
}

#[test]
fn every_refusal_has_a_chinese_and_an_english_message() {
    let errors = one_of_each_error();
    assert_eq!(errors.len(), 61);
    for e in errors {
        let zh = e.message(Lang::Zh);
        let en = e.message(Lang::En);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{e:?}: {zh}"
        );
        assert!(
            !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{e:?}: {en}"
        );
        assert!(!en.is_empty() && !e.to_string().is_empty());
        assert_ne!(zh, en);
    }
}

#[test]
fn messages_cite_the_article_and_the_dates_they_are_about() {
    let e = CaseError::StatementWindowOpen {
        ends: day("2026-03-20"),
    };
    assert!(e.message(Lang::Zh).contains("2026-03-20"));
    assert!(e.message(Lang::Zh).contains("第六十二条"));
    assert!(e.message(Lang::En).contains("Art. 62"));
    let e = CaseError::WrongRole {
        required: Role::AgencyHead,
        actual: Role::Officer,
    };
    assert_eq!(e.message(Lang::Zh), "此操作只能由机关负责人办理");
    assert_eq!(
        e.message(Lang::En),
        "Only the agency head may take this step"
    );
}
