//! The rules of issue 19 on the state machine: the legal basis and the stated penalty of a
//! decision (APL Art. 9, 38, 59) and the execution of every part of a penalty (S10, S11).

use super::*;
use crate::penalty::{Measure, PenaltyParts};

use CaseState as S;
use Procedure::Ordinary as O;

fn decide(fine_fen: i64) -> Command {
    Command::Decide {
        decided_on: today(),
        outcome: DecisionOutcome::Penalty,
        fine_fen,
    }
}

fn with_basis(basis: Option<LegalBasis>) -> StepDetails {
    StepDetails {
        basis,
        ..StepDetails::default()
    }
}

fn step(
    facts: &CaseFacts,
    command: &Command,
    details: &StepDetails,
) -> Result<Transition, CaseError> {
    apply_step(facts, command, details, &actor(Role::AgencyHead), today())
}

#[test]
fn legal_basis_required_for_a_penalty_decision() {
    use BasisField::{Applied, Violated};
    let blank = LegalBasis::default();
    let only_violated = LegalBasis::new("《食品安全法》第三十四条", "  ");
    let only_applied = LegalBasis::new("", "《食品安全法》第一百二十四条");
    // (basis on record, basis given with the decision, expected refusal)
    let table: Vec<(Option<LegalBasis>, Option<LegalBasis>, Option<BasisField>)> = vec![
        (None, None, Some(Violated)),
        (Some(blank.clone()), None, Some(Violated)),
        (Some(only_applied.clone()), None, Some(Violated)),
        (Some(only_violated.clone()), None, Some(Applied)),
        (None, Some(only_violated.clone()), Some(Applied)),
        (None, Some(blank), Some(Violated)),
        (Some(basis()), None, None),
        (None, Some(basis()), None),
        // The decision's basis replaces the conclusion's, provision by provision.
        (Some(only_violated.clone()), Some(basis()), None),
        (Some(only_violated), Some(only_applied), None),
    ];
    for (on_record, given, refusal) in table {
        let mut facts = facts_in(O, S::PriorNoticeServed);
        facts.basis = on_record.clone();
        let result = step(&facts, &decide(PROPOSED_FINE), &with_basis(given.clone()));
        match refusal {
            Some(field) => assert_eq!(
                result.expect_err("refused"),
                CaseError::LegalBasisMissing { field },
                "{on_record:?} {given:?}"
            ),
            None => {
                let t = result.expect("accepted");
                if given.is_some_and(|b| !b.is_blank()) {
                    let stored = t.record.basis.clone().expect("basis recorded");
                    assert!(!stored.violated.is_empty() && !stored.applied.is_empty());
                    assert!(
                        t.changes
                            .contains(&CaseUpdate::LegalBasis { basis: stored })
                    );
                }
            }
        }
    }
    // A decision not to punish states no penalty and needs none.
    let mut facts = facts_in(O, S::InvestigationConcluded);
    facts.outcome = Some(InvestigationOutcome::FactsNotEstablished);
    facts.basis = None;
    let no_penalty = Command::Decide {
        decided_on: today(),
        outcome: DecisionOutcome::NoPenalty,
        fine_fen: 0,
    };
    assert!(step(&facts, &no_penalty, &StepDetails::default()).is_ok());
    // The message names the field and the articles, in both languages.
    let e = CaseError::LegalBasisMissing { field: Applied };
    assert!(e.message(Lang::Zh).contains("处罚依据条款"));
    assert!(e.message(Lang::Zh).contains("第三十八条"));
    assert!(e.message(Lang::En).contains("provision applied"));
}

#[test]
fn a_penalty_decision_states_a_penalty_never_a_silent_warning() {
    let mut facts = facts_in(O, S::PriorNoticeServed);
    assert_eq!(
        step(&facts, &decide(0), &StepDetails::default()).expect_err("nothing decided"),
        CaseError::PenaltyNotStated
    );
    for parts in [
        PenaltyParts {
            confiscation_fen: 1,
            measures: vec![],
        },
        PenaltyParts {
            confiscation_fen: 0,
            measures: vec![Measure::Warning],
        },
        PenaltyParts {
            confiscation_fen: 0,
            measures: vec![Measure::RevokeLicence],
        },
    ] {
        facts.penalty = parts.clone();
        assert!(
            step(&facts, &decide(0), &StepDetails::default()).is_ok(),
            "{parts:?}"
        );
    }
    facts.penalty = PenaltyParts::default();
    assert!(step(&facts, &decide(1), &StepDetails::default()).is_ok());
}

fn decided_with(fine_fen: i64, parts: PenaltyParts) -> CaseFacts {
    let mut facts = facts_in(O, S::Decided);
    facts.decision = Some(DecisionFacts {
        outcome: DecisionOutcome::Penalty,
        fine_fen,
        decided_on: days_before(5),
    });
    facts.penalty = parts;
    facts
}

fn measures(m: &[Measure]) -> PenaltyParts {
    PenaltyParts {
        confiscation_fen: 0,
        measures: m.to_vec(),
    }
}

#[test]
fn execution_status_counts_every_penalty_at_service() {
    let serve = Command::Serve {
        served_on: today(),
        method: ServiceMethod::Direct,
    };
    // (fine, parts, executed on service)
    let table: Vec<(i64, PenaltyParts, bool)> = vec![
        (0, measures(&[Measure::Warning]), true),
        (0, measures(&[Measure::CirculatedCriticism]), true),
        (0, measures(&[Measure::RevokeLicence]), false),
        (0, measures(&[Measure::SuspendProduction]), false),
        (0, measures(&[Measure::Warning, Measure::Closure]), false),
        (
            0,
            PenaltyParts {
                confiscation_fen: 30_000,
                measures: vec![],
            },
            false,
        ),
        (10_000, measures(&[Measure::Warning]), false),
    ];
    for (fine, parts, executed) in table {
        let t = accepted(&decided_with(fine, parts.clone()), &serve, Role::Officer);
        assert_eq!(
            t.changes.contains(&CaseUpdate::ExecutionFinished),
            executed,
            "{fine} {parts:?}"
        );
    }
}

#[test]
fn execution_status_payment_and_other_parts_both_needed() {
    let mut facts = decided_with(PROPOSED_FINE, measures(&[Measure::RevokeLicence]));
    facts.state = S::Served;
    facts.outstanding_fen = PROPOSED_FINE;
    let pay = Command::RecordPayment {
        amount_fen: PROPOSED_FINE,
        paid_on: today(),
    };
    let officer = actor(Role::Officer);
    let t = apply(&facts, &pay, &officer, today()).expect("paid");
    assert!(
        !t.changes.contains(&CaseUpdate::ExecutionFinished),
        "the licence is not yet revoked"
    );
    // The revocation carried out while the fine is unpaid: not finished either.
    let record = Command::RecordExecution {
        note: "许可证件已收缴注销".to_owned(),
    };
    let confirmed = StepDetails {
        confirmed: true,
        ..StepDetails::default()
    };
    let t = apply_step(&facts, &record, &confirmed, &officer, today()).expect("recorded");
    assert_eq!(t.changes, vec![CaseUpdate::OtherPartsPerformed]);
    // Both done, in either order.
    facts.outstanding_fen = 0;
    facts.paid_fen = PROPOSED_FINE;
    let t = apply_step(&facts, &record, &confirmed, &officer, today()).expect("recorded");
    assert_eq!(
        t.changes,
        vec![
            CaseUpdate::OtherPartsPerformed,
            CaseUpdate::ExecutionFinished
        ]
    );
    facts.outstanding_fen = PROPOSED_FINE;
    facts.paid_fen = 0;
    facts.other_parts_performed = true;
    let t = apply(&facts, &pay, &officer, today()).expect("paid");
    assert!(t.changes.contains(&CaseUpdate::ExecutionFinished));
    // Unconfirmed notes change nothing; without execution the case does not close.
    let t = apply(&facts, &record, &officer, today()).expect("noted");
    assert!(t.changes.is_empty());
    let mut open = facts.clone();
    open.execution_finished = false;
    assert_eq!(
        expected_close_reason(&open).expect_err("not executed"),
        CaseError::ExecutionNotFinished
    );
}

#[test]
fn an_on_the_spot_warning_records_its_measure() {
    let facts = facts_in(Procedure::Summary, S::New);
    let t = apply(
        &facts,
        &Command::SummaryDecide {
            penalty: SummaryPenalty::Warning,
            party_kind: PartyKind::NaturalPerson,
        },
        &actor(Role::Officer),
        today(),
    )
    .expect("decided");
    assert!(t.changes.contains(&CaseUpdate::Measures {
        measures: vec![Measure::Warning]
    }));
}

#[test]
fn money_clocks_a_decision_served_by_public_notice_starts_its_periods_thirty_days_later() {
    let rules = crate::deadline::DeadlineRules::default();
    let published = days_before(40);
    for method in [
        ServiceMethod::Direct,
        ServiceMethod::LeftAtAddress,
        ServiceMethod::Postal,
        ServiceMethod::Entrusted,
        ServiceMethod::Electronic,
        ServiceMethod::PublicNotice,
    ] {
        let serve = Command::Serve {
            served_on: published,
            method,
        };
        let want = if method == ServiceMethod::PublicNotice {
            days_before(10)
        } else {
            published
        };
        assert_eq!(serve.deadlines_start(today(), &rules), want, "{method:?}");
        assert_eq!(serve.happened_on(today()), published, "{method:?}");
    }
    // The prior notice too: its windows run from the day it counts as served.
    for (method, want) in [
        (ServiceMethod::Direct, published),
        (ServiceMethod::PublicNotice, days_before(10)),
    ] {
        let notice = Command::ServePriorNotice {
            served_on: published,
            proposed_fine_fen: 0,
            method,
        };
        assert_eq!(notice.deadlines_start(today(), &rules), want, "{method:?}");
    }
    // Served electronically only with the party's consent on file.
    let mut facts = facts_in(O, S::InvestigationConcluded);
    facts.outcome = Some(InvestigationOutcome::Penalty);
    let electronic = Command::ServePriorNotice {
        served_on: today(),
        proposed_fine_fen: 0,
        method: ServiceMethod::Electronic,
    };
    assert_eq!(
        refusal(&facts, &electronic, Role::Officer),
        CaseError::ElectronicServiceWithoutConsent
    );
    facts.e_service_consent = true;
    assert!(run(&facts, &electronic, Role::Officer).is_ok());
    // The prior notice too: its windows run from the day it counts as served.
    for (method, want) in [
        (ServiceMethod::Direct, published),
        (ServiceMethod::PublicNotice, days_before(10)),
    ] {
        let notice = Command::ServePriorNotice {
            served_on: published,
            proposed_fine_fen: 0,
            method,
        };
        assert_eq!(notice.deadlines_start(today(), &rules), want, "{method:?}");
    }
    // Served electronically only with the party's consent on file.
    let mut facts = facts_in(O, S::InvestigationConcluded);
    facts.outcome = Some(InvestigationOutcome::Penalty);
    let electronic = Command::ServePriorNotice {
        served_on: today(),
        proposed_fine_fen: 0,
        method: ServiceMethod::Electronic,
    };
    assert_eq!(
        refusal(&facts, &electronic, Role::Officer),
        CaseError::ElectronicServiceWithoutConsent
    );
    facts.e_service_consent = true;
    assert!(run(&facts, &electronic, Role::Officer).is_ok());
    let pay = Command::RecordPayment {
        amount_fen: 100,
        paid_on: days_before(3),
    };
    assert_eq!(pay.deadlines_start(today(), &rules), days_before(3));
}

#[test]
fn order_to_correct_art_28_at_once_or_by_a_day_not_in_the_past_and_with_what_to_correct() {
    let facts = facts_in(O, S::Investigating);
    let order = |reason: &str, due_on| Command::OrderCorrection {
        reason: reason.into(),
        due_on,
    };
    for due in [None, Some(today()), Some(days_after(10))] {
        let t = accepted(&facts, &order("立即停止销售", due), Role::Officer);
        assert_eq!(t.to, S::Investigating, "{due:?}: the state stays");
        assert_eq!(t.documents, vec![DocumentKind::CorrectionOrder]);
    }
    assert_eq!(
        refusal(
            &facts,
            &order("立即停止销售", Some(days_before(1))),
            Role::Officer
        ),
        CaseError::DateTooEarly {
            field: DateField::CorrectionDue,
            date: days_before(1),
            earliest: today()
        }
    );
    assert!(matches!(
        refusal(&facts, &order("  ", None), Role::Officer),
        CaseError::TextRequired { .. }
    ));
    // Heads and reviewers do not issue it; a closed case takes none.
    assert!(matches!(
        refusal(&facts, &order("立即停止销售", None), Role::AgencyHead),
        CaseError::WrongRole { .. }
    ));
    assert!(matches!(
        refusal(
            &facts_in(O, S::Closed),
            &order("立即停止销售", None),
            Role::Officer
        ),
        CaseError::NotAllowedInState { .. }
    ));
}

#[test]
fn party_age_art_30_under_fourteen_is_not_punished_and_fourteen_to_eighteen_more_lightly() {
    use crate::liability::AgeResponsibility as A;
    let conclude = |outcome| Command::ConcludeInvestigation { outcome };
    // (responsibility, outcome, refusal)
    let table = [
        (None, InvestigationOutcome::Penalty, None),
        (None, InvestigationOutcome::UnderFourteen, None),
        (
            Some(A::NotPunishable),
            InvestigationOutcome::Penalty,
            Some(CaseError::PartyUnderFourteen),
        ),
        (
            Some(A::NotPunishable),
            InvestigationOutcome::UnderFourteen,
            None,
        ),
        (Some(A::Lighter), InvestigationOutcome::Penalty, None),
        (
            Some(A::Lighter),
            InvestigationOutcome::UnderFourteen,
            Some(CaseError::PartyNotUnderFourteen),
        ),
        (
            Some(A::Full),
            InvestigationOutcome::UnderFourteen,
            Some(CaseError::PartyNotUnderFourteen),
        ),
        (
            Some(A::Full),
            InvestigationOutcome::FactsNotEstablished,
            None,
        ),
    ];
    for (age, outcome, refused) in table {
        let mut facts = facts_in(O, S::Investigating);
        facts.party_responsibility = age;
        let r = run(&facts, &conclude(outcome), Role::Officer);
        match refused {
            Some(e) => assert_eq!(r.expect_err("refused"), e, "{age:?} {outcome:?}"),
            None => assert!(r.is_ok(), "{age:?} {outcome:?}: {r:?}"),
        }
    }
    // Fourteen to eighteen: the decision applies the lighter tier or records a departure.
    let mut facts = facts_in(O, S::PriorNoticeServed);
    facts.basis = Some(basis());
    facts.party_responsibility = Some(A::Lighter);
    let record = |circumstance, justification: &str| StepDetails {
        discretion: Some(DiscretionRecord {
            standard_id: 1,
            provision: "《食品安全法》第一百二十四条".into(),
            circumstance,
            band: [0, PROPOSED_FINE],
            check: crate::discretion::DiscretionCheck::Within,
            justification: justification.into(),
        }),
        ..StepDetails::default()
    };
    use crate::discretion::Circumstance as C;
    assert_eq!(
        step(&facts, &decide(PROPOSED_FINE), &StepDetails::default()).expect_err("refused"),
        CaseError::MinorNeedsLighterPenalty
    );
    assert_eq!(
        step(&facts, &decide(PROPOSED_FINE), &record(C::General, "")).expect_err("refused"),
        CaseError::MinorNeedsLighterPenalty
    );
    assert!(step(&facts, &decide(PROPOSED_FINE), &record(C::Minor, "")).is_ok());
    assert!(
        step(
            &facts,
            &decide(PROPOSED_FINE),
            &record(C::General, "未成年人，减轻处罚")
        )
        .is_ok()
    );
    facts.party_responsibility = Some(A::Full);
    assert!(step(&facts, &decide(PROPOSED_FINE), &StepDetails::default()).is_ok());
}

#[test]
fn party_history_refuses_the_first_violation_waiver_after_an_earlier_decision_for_the_same_provision()
 {
    use crate::liability::PriorDecision;
    let conclude = Command::ConcludeInvestigation {
        outcome: InvestigationOutcome::FirstViolationWaiver,
    };
    let mut facts = facts_in(O, S::Investigating);
    facts.basis = Some(basis());
    facts.act_on = Some(today());
    assert!(run(&facts, &conclude, Role::Officer).is_ok(), "no history");
    let earlier = |provision: &str, days| PriorDecision {
        decided_on: days_before(days),
        provision: provision.into(),
        fined: true,
        act: None,
    };
    facts.party_history = vec![earlier("《其他法》第一条", 30)];
    assert!(
        run(&facts, &conclude, Role::Officer).is_ok(),
        "another provision"
    );
    let violated = basis().violated;
    facts.party_history = vec![earlier(&violated, 30), earlier(&violated, 200)];
    assert_eq!(
        refusal(&facts, &conclude, Role::Officer),
        CaseError::NotAFirstViolation {
            decided_on: days_before(30)
        }
    );
    // Outside the look-back window (24 months by default), it is a first violation again.
    facts.party_history = vec![earlier(&violated, 800)];
    assert!(run(&facts, &conclude, Role::Officer).is_ok(), "long ago");
    // Any other outcome is not concerned.
    facts.party_history = vec![earlier(&violated, 30)];
    assert!(
        run(
            &facts,
            &Command::ConcludeInvestigation {
                outcome: InvestigationOutcome::Penalty
            },
            Role::Officer
        )
        .is_ok()
    );
}

#[test]
fn one_act_one_fine_art_29_a_second_fine_for_the_same_act_is_refused() {
    use crate::liability::{PriorDecision, act_key};
    let mut facts = facts_in(O, S::PriorNoticeServed);
    facts.basis = Some(basis());
    facts.act_on = Some(days_before(40));
    let earlier = |act: Option<String>, fined| PriorDecision {
        decided_on: days_before(20),
        provision: basis().violated,
        fined,
        act,
    };
    let same = act_key(&basis().violated, days_before(40));
    let other_day = act_key(&basis().violated, days_before(41));
    // (history, fine, refused)
    let table = [
        (vec![], PROPOSED_FINE, false),
        (vec![earlier(Some(same.clone()), true)], PROPOSED_FINE, true),
        (
            vec![earlier(Some(same.clone()), false)],
            PROPOSED_FINE,
            false,
        ),
        (vec![earlier(Some(other_day), true)], PROPOSED_FINE, false),
        (vec![earlier(None, true)], PROPOSED_FINE, false),
    ];
    for (history, fine, refused) in table {
        facts.party_history = history.clone();
        let r = step(&facts, &decide(fine), &StepDetails::default());
        if refused {
            assert_eq!(
                r.expect_err("refused"),
                CaseError::SecondFineForSameAct,
                "{history:?}"
            );
        } else {
            assert!(r.is_ok(), "{history:?}: {r:?}");
        }
    }
}
