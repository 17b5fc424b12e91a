//! The summary procedure (APL Art. 51–52): limits at their boundaries and the whole path.

use super::*;

use CaseState as S;
use Procedure::Summary as SP;

fn decide(penalty: SummaryPenalty, party_kind: PartyKind) -> Command {
    Command::SummaryDecide {
        penalty,
        party_kind,
    }
}

fn fine(fen: i64) -> SummaryPenalty {
    SummaryPenalty::Fine { fen }
}

#[test]
fn a_natural_person_may_be_fined_exactly_200_yuan_on_the_spot() {
    let facts = facts_in(SP, S::New);
    let t = accepted(
        &facts,
        &decide(fine(20_000), PartyKind::NaturalPerson),
        Role::Officer,
    );
    assert_eq!(t.to, S::OnTheSpotDecided);
    assert_eq!(t.documents, vec![DocumentKind::OnTheSpotDecision]);
}

#[test]
fn a_natural_person_fined_200_yuan_and_1_fen_is_refused_naming_the_limit() {
    let facts = facts_in(SP, S::New);
    let e = refusal(
        &facts,
        &decide(fine(20_001), PartyKind::NaturalPerson),
        Role::Officer,
    );
    assert_eq!(
        e,
        CaseError::SummaryLimitExceeded {
            party_kind: PartyKind::NaturalPerson,
            limit_fen: 20_000,
            fine_fen: 20_001
        }
    );
    let zh = e.message(Lang::Zh);
    assert!(
        zh.contains("200.00 元") && zh.contains("200.01 元") && zh.contains("第五十一条"),
        "{zh}"
    );
    assert!(zh.contains("公民"), "{zh}");
    let en = e.message(Lang::En);
    assert!(en.contains("CNY 200.00") && en.contains("Art. 51"), "{en}");
}

#[test]
fn an_organisation_may_be_fined_exactly_3000_yuan_on_the_spot_and_not_a_fen_more() {
    let facts = facts_in(SP, S::New);
    assert!(
        run(
            &facts,
            &decide(fine(300_000), PartyKind::Organisation),
            Role::Officer
        )
        .is_ok()
    );
    let e = refusal(
        &facts,
        &decide(fine(300_001), PartyKind::Organisation),
        Role::Officer,
    );
    assert_eq!(
        e,
        CaseError::SummaryLimitExceeded {
            party_kind: PartyKind::Organisation,
            limit_fen: 300_000,
            fine_fen: 300_001
        }
    );
    assert!(e.message(Lang::Zh).contains("3000.00 元"));
    assert!(e.message(Lang::En).contains("CNY 3000.00"));
}

#[test]
fn an_organisation_may_be_fined_more_than_a_natural_person_on_the_spot() {
    let facts = facts_in(SP, S::New);
    assert!(
        run(
            &facts,
            &decide(fine(20_001), PartyKind::Organisation),
            Role::Officer
        )
        .is_ok()
    );
}

#[test]
fn a_warning_is_always_within_the_summary_procedure() {
    let facts = facts_in(SP, S::New);
    for party in [PartyKind::NaturalPerson, PartyKind::Organisation] {
        let t = accepted(
            &facts,
            &decide(SummaryPenalty::Warning, party),
            Role::Officer,
        );
        assert!(
            !t.deadlines
                .contains(&DeadlineChange::start(DeadlineKind::Payment))
        );
    }
}

#[test]
fn a_summary_fine_must_be_positive() {
    let facts = facts_in(SP, S::New);
    for fen in [0, -100] {
        assert_eq!(
            refusal(
                &facts,
                &decide(fine(fen), PartyKind::NaturalPerson),
                Role::Officer
            ),
            CaseError::InvalidAmount { fen }
        );
    }
}

#[test]
fn an_on_the_spot_decision_needs_two_certified_officers_on_the_spot() {
    let mut facts = facts_in(SP, S::New);
    facts.assigned_officer_ids = vec![OFFICER_A];
    assert_eq!(
        refusal(
            &facts,
            &decide(SummaryPenalty::Warning, PartyKind::NaturalPerson),
            Role::Officer
        ),
        CaseError::TooFewOfficers { qualified: 1 }
    );
}

#[test]
fn ordinary_steps_are_refused_in_a_summary_case_and_summary_steps_in_an_ordinary_one() {
    assert_eq!(
        refusal(
            &facts_in(SP, S::New),
            &valid_command(CommandKind::RegisterClue, &facts_in(SP, S::New)),
            Role::Officer
        ),
        CaseError::WrongProcedure {
            procedure: SP,
            command: CommandKind::RegisterClue
        }
    );
    let ordinary = facts_in(Procedure::Ordinary, S::New);
    assert_eq!(
        refusal(
            &ordinary,
            &decide(SummaryPenalty::Warning, PartyKind::NaturalPerson),
            Role::Officer
        ),
        CaseError::WrongProcedure {
            procedure: Procedure::Ordinary,
            command: CommandKind::SummaryDecide
        }
    );
}

#[test]
fn a_summary_case_runs_from_the_spot_to_the_archive() {
    let mut facts = facts_in(SP, S::New);
    let t = accepted(
        &facts,
        &decide(fine(5_000), PartyKind::NaturalPerson),
        Role::Officer,
    );
    assert_eq!(
        t.deadlines,
        vec![
            DeadlineChange::start(DeadlineKind::SummaryRecordFiling),
            DeadlineChange::start(DeadlineKind::Reconsideration),
            DeadlineChange::start(DeadlineKind::Litigation),
            DeadlineChange::start(DeadlineKind::Payment),
        ]
    );
    facts.state = t.to;
    facts.decision = Some(DecisionFacts {
        outcome: DecisionOutcome::Penalty,
        fine_fen: 5_000,
        decided_on: today(),
    });
    facts.outstanding_fen = 5_000;

    let t = accepted(&facts, &Command::FileSummaryRecord, Role::Officer);
    assert_eq!(t.to, S::SummaryRecordFiled);
    assert_eq!(
        t.deadlines,
        vec![DeadlineChange::stop(DeadlineKind::SummaryRecordFiling)]
    );
    facts.state = t.to;

    assert_eq!(
        refusal(
            &facts,
            &Command::Close {
                reason: CloseReason::Executed
            },
            Role::AgencyHead
        ),
        CaseError::ExecutionNotFinished
    );
    let t = accepted(
        &facts,
        &Command::RecordPayment {
            amount_fen: 5_000,
            paid_on: today(),
        },
        Role::Officer,
    );
    assert_eq!(t.to, S::SummaryRecordFiled);
    assert_eq!(
        t.deadlines,
        vec![DeadlineChange::stop(DeadlineKind::Payment)]
    );
    facts.outstanding_fen = 0;
    facts.execution_finished = true;

    let t = accepted(
        &facts,
        &Command::Close {
            reason: CloseReason::Executed,
        },
        Role::AgencyHead,
    );
    assert_eq!(t.to, S::Closed);
    facts.state = t.to;
    facts.case_file_complete = true;
    assert_eq!(
        accepted(&facts, &Command::Archive, Role::Officer).to,
        S::Archived
    );
}
