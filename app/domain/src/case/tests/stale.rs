//! Issue 22 items 4 and 6: no stale step is offered (a review submitted again after it passed,
//! execution recorded after it finished), an ordinary decision is served and its case closed
//! only as an issued document, and a step that waits says what it waits for.

use super::*;

use CaseState as S;
use Procedure::{Ordinary as O, Summary};

fn serve() -> Command {
    Command::Serve {
        served_on: today(),
        method: ServiceMethod::Direct,
    }
}

fn offered(facts: &CaseFacts, role: Role) -> Vec<CommandKind> {
    allowed_commands(facts, &actor(role), today())
}

#[test]
fn a_passed_review_is_not_submitted_again_until_a_hearing_needs_a_new_one() {
    for state in [
        S::PriorNoticeServed,
        S::InvestigationConcluded,
        S::HearingHeld,
    ] {
        let mut facts = facts_in(O, state);
        facts.review_passed = false;
        facts.review_passed_after_hearing = false;
        facts.hearing_held = state == S::HearingHeld;
        assert!(
            offered(&facts, Role::Officer).contains(&CommandKind::SubmitForReview),
            "{state:?}: a review not yet passed can be asked for"
        );
        facts.review_passed = true;
        if state == S::HearingHeld {
            // Passed before the hearing: the hearing needs a review of its own (Art. 58).
            assert!(offered(&facts, Role::Officer).contains(&CommandKind::SubmitForReview));
            facts.review_passed_after_hearing = true;
        }
        assert!(
            !offered(&facts, Role::Officer).contains(&CommandKind::SubmitForReview),
            "{state:?}: offered after the review passed"
        );
        assert_eq!(
            refusal(&facts, &Command::SubmitForReview, Role::Officer),
            CaseError::ReviewAlreadyPassed
        );
    }
}

#[test]
fn execution_is_not_recorded_once_it_is_finished() {
    let note = Command::RecordExecution {
        note: "已没收并销毁".to_owned(),
    };
    for state in [S::Served, S::Executing] {
        let mut facts = facts_in(O, state);
        assert!(offered(&facts, Role::Officer).contains(&CommandKind::RecordExecution));
        assert!(run(&facts, &note, Role::Officer).is_ok());
        // Paid in full and every other part carried out: the head closes, nothing to record.
        facts.outstanding_fen = 0;
        facts.execution_finished = true;
        assert!(!offered(&facts, Role::Officer).contains(&CommandKind::RecordExecution));
        assert!(!offered(&facts, Role::Officer).contains(&CommandKind::RecordPayment));
        assert_eq!(
            refusal(&facts, &note, Role::Officer),
            CaseError::ExecutionAlreadyFinished
        );
        assert!(offered(&facts, Role::AgencyHead).contains(&CommandKind::Close));
    }
}

#[test]
fn an_ordinary_decision_is_served_and_closed_only_once_issued() {
    let mut facts = facts_in(O, S::Decided);
    assert!(run(&facts, &serve(), Role::Officer).is_ok());
    facts.decision_issued = false;
    assert_eq!(
        refusal(&facts, &serve(), Role::Officer),
        CaseError::DecisionNotIssued
    );
    assert!(!offered(&facts, Role::Officer).contains(&CommandKind::Serve));
    // The officer is told what the serving waits for.
    assert_eq!(
        waiting_commands(&facts, &actor(Role::Officer), today()),
        vec![(CommandKind::Serve, CaseError::DecisionNotIssued)]
    );
    // A case served on an unissued draft (data from before this rule) still cannot close.
    for state in [S::Served, S::Executing] {
        let mut facts = valid_facts(O, state, CommandKind::Close);
        let close = Command::Close {
            reason: CloseReason::Executed,
        };
        assert!(run(&facts, &close, Role::AgencyHead).is_ok());
        facts.decision_issued = false;
        assert_eq!(
            refusal(&facts, &close, Role::AgencyHead),
            CaseError::DecisionNotIssued
        );
    }
    // A withdrawn or transferred case has no decision to issue.
    for (state, reason) in [
        (S::Withdrawn, CloseReason::Withdrawn),
        (S::Transferred, CloseReason::Transferred),
    ] {
        let facts = facts_in(O, state);
        assert!(!facts.decision_issued);
        assert!(run(&facts, &Command::Close { reason }, Role::AgencyHead).is_ok());
    }
    // A summary decision is handed over on the spot on its pre-numbered form.
    let mut summary = valid_facts(Summary, S::SummaryRecordFiled, CommandKind::Close);
    summary.decision_issued = false;
    assert!(
        run(
            &summary,
            &Command::Close {
                reason: CloseReason::Executed
            },
            Role::AgencyHead
        )
        .is_ok()
    );
}

#[test]
fn waiting_steps_are_the_forward_steps_of_this_role_that_wait_and_nothing_else() {
    // The statement window is open: the head's decision waits for it, the officer's steps do not.
    let mut facts = facts_in(O, S::PriorNoticeServed);
    facts.rights_waived = false;
    facts.prior_notice = Some(PriorNoticeFacts {
        statement_window_ends: days_after(2),
        ..notice()
    });
    let head = waiting_commands(&facts, &actor(Role::AgencyHead), today());
    assert!(
        head.iter().any(|(k, e)| *k == CommandKind::Decide
            && matches!(e, CaseError::StatementWindowOpen { .. })),
        "{head:?}"
    );
    assert!(head.iter().all(|(_, e)| e.is_waiting()));
    // Nothing waits for a role that takes no step here, nor for someone of another agency.
    assert!(waiting_commands(&facts, &actor(Role::LegalReviewer), today()).is_empty());
    let mut outsider = actor(Role::AgencyHead);
    outsider.agency_id = Some(OTHER_AGENCY);
    assert!(waiting_commands(&facts, &outsider, today()).is_empty());
    // Pointless steps are never listed as waiting: a passed review, nothing left to pay.
    let mut done = facts_in(O, S::Executing);
    done.outstanding_fen = 0;
    done.execution_finished = true;
    done.review_passed = true;
    assert!(waiting_commands(&done, &actor(Role::Officer), today()).is_empty());
    for e in [
        CaseError::ReviewAlreadyPassed,
        CaseError::ExecutionAlreadyFinished,
        CaseError::NothingToPay,
        CaseError::NotClosed,
    ] {
        assert!(!e.is_waiting(), "{e:?}");
    }
}
