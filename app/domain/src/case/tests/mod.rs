//! Tests of the case state machine, with shared fixtures.
//!
//! The fixtures describe one agency (1) with three officers (101 and 102 assigned, 103 not
//! assigned and never an investigator, so a possible hearing host), an agency head (201), a
//! legal reviewer (301) serving the agency, and an officer of another agency (901). `facts_in`
//! builds, for each state, facts in which every precondition of that state's steps holds.

mod effects;
mod law;
mod preconditions;
mod stale;
mod summary;
mod table;

use chrono::{Days, NaiveDate};

use super::*;
use crate::{authz::Actor, credential::CredentialStatus, i18n::Lang, role::Role};

pub(super) const AGENCY: i32 = 1;
pub(super) const OTHER_AGENCY: i32 = 2;
pub(super) const OFFICER_A: i32 = 101;
pub(super) const OFFICER_B: i32 = 102;
pub(super) const OFFICER_C: i32 = 103;
pub(super) const HEAD: i32 = 201;
pub(super) const REVIEWER: i32 = 301;
pub(super) const OUTSIDER: i32 = 901;
pub(super) const PROPOSED_FINE: i64 = 500_000;

pub(super) fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

pub(super) fn today() -> NaiveDate {
    day("2026-03-16")
}

pub(super) fn days_after(n: u64) -> NaiveDate {
    today().checked_add_days(Days::new(n)).expect("date")
}

pub(super) fn days_before(n: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(n)).expect("date")
}

/// A user of each role; officers and heads of agency 1, the reviewer serving it.
pub(super) fn actor(role: Role) -> Actor {
    let (user_id, agency_id, served) = match role {
        Role::Officer => (OFFICER_A, Some(AGENCY), vec![]),
        Role::AgencyHead => (HEAD, Some(AGENCY), vec![]),
        Role::LegalReviewer => (REVIEWER, None, vec![AGENCY]),
        Role::Supervisor => (501, Some(9), vec![]),
        Role::Admin => (601, None, vec![]),
        Role::Integration => (701, Some(AGENCY), vec![]),
    };
    Actor {
        user_id,
        role,
        agency_id,
        region_code: Some("330100".to_owned()),
        served_agency_ids: served,
    }
}

/// The same role's user, but of (or serving) another agency.
pub(super) fn foreign_actor(role: Role) -> Actor {
    let mut a = actor(role);
    a.agency_id = Some(OTHER_AGENCY);
    a.served_agency_ids = if role == Role::LegalReviewer {
        vec![OTHER_AGENCY]
    } else {
        vec![]
    };
    a
}

pub(super) fn staff(
    user_id: i32,
    role: Role,
    agency_id: Option<i32>,
    credential: Option<CredentialStatus>,
) -> StaffStanding {
    StaffStanding {
        user_id,
        role,
        agency_id,
        credential,
    }
}

/// Replaces a person's credential standing.
pub(super) fn set_credential(
    facts: &mut CaseFacts,
    user_id: i32,
    credential: Option<CredentialStatus>,
) {
    for s in facts.staff.iter_mut().filter(|s| s.user_id == user_id) {
        s.credential = credential;
    }
}

pub(super) fn notice() -> PriorNoticeFacts {
    PriorNoticeFacts {
        served_on: days_before(20),
        proposed_fine_fen: PROPOSED_FINE,
        statement_window_ends: days_before(10),
        hearing_request_window_ends: days_before(10),
    }
}

/// A complete legal basis (APL Art. 59).
pub(super) fn basis() -> LegalBasis {
    LegalBasis::new(
        "《中华人民共和国食品安全法》第三十四条第十项",
        "《中华人民共和国食品安全法》第一百二十四条第一款第五项",
    )
}

/// Facts in which the steps of `state` meet their preconditions.
pub(super) fn facts_in(procedure: Procedure, state: CaseState) -> CaseFacts {
    use CaseState as S;
    use CredentialStatus::{ExpiringSoon, Valid};
    let mut f = CaseFacts {
        procedure,
        state,
        agency_id: AGENCY,
        assigned_officer_ids: vec![OFFICER_A, OFFICER_B],
        investigator_ids: vec![OFFICER_A, OFFICER_B],
        staff: vec![
            staff(OFFICER_A, Role::Officer, Some(AGENCY), Some(Valid)),
            staff(OFFICER_B, Role::Officer, Some(AGENCY), Some(ExpiringSoon)),
            staff(OFFICER_C, Role::Officer, Some(AGENCY), Some(Valid)),
            staff(HEAD, Role::AgencyHead, Some(AGENCY), Some(Valid)),
            staff(REVIEWER, Role::LegalReviewer, None, Some(Valid)),
            staff(OUTSIDER, Role::Officer, Some(OTHER_AGENCY), Some(Valid)),
        ],
        limitation_ends: Some(days_after(365)),
        evidence: vec![EvidenceStanding {
            evidence_id: 1,
            certified_collectors: 2,
            required_collectors: 2,
        }],
        hearing_eligible: true,
        case_file_complete: true,
        ..CaseFacts::default()
    };
    let concluded = !matches!(
        state,
        S::New
            | S::ClueRegistered
            | S::ClueDeclined
            | S::FilingProposed
            | S::Filed
            | S::Investigating
    );
    if procedure == Procedure::Ordinary && concluded {
        f.outcome = Some(InvestigationOutcome::Penalty);
        f.basis = Some(basis());
    }
    if matches!(
        state,
        S::PriorNoticeServed
            | S::HearingRequested
            | S::HearingNoticed
            | S::HearingHeld
            | S::CollectiveDiscussion
            | S::Decided
            | S::Served
            | S::Executing
    ) || (procedure == Procedure::Ordinary && matches!(state, S::Closed | S::Archived))
    {
        f.prior_notice = Some(notice());
    }
    match state {
        S::HearingNoticed => f.hearing_date = Some(today()),
        S::HearingHeld => {
            f.hearing_date = Some(days_before(5));
            f.hearing_held = true;
            f.review_passed = true;
            f.review_passed_after_hearing = true;
        }
        S::CollectiveDiscussion => f.collective_discussion_done = true,
        S::Suspended => f.suspended_from = Some(S::Investigating),
        _ => {}
    }
    let decided = matches!(
        state,
        S::Decided
            | S::Served
            | S::Executing
            | S::Closed
            | S::Archived
            | S::OnTheSpotDecided
            | S::SummaryRecordFiled
    );
    if decided {
        let (fine_fen, decided_on) = match procedure {
            Procedure::Ordinary => (PROPOSED_FINE, days_before(5)),
            Procedure::Summary => (10_000, today()),
        };
        f.decision = Some(DecisionFacts {
            outcome: DecisionOutcome::Penalty,
            fine_fen,
            decided_on,
        });
        f.decision_issued = procedure == Procedure::Ordinary;
        if matches!(
            state,
            S::Served | S::Executing | S::OnTheSpotDecided | S::SummaryRecordFiled
        ) {
            f.outstanding_fen = fine_fen;
        }
        if matches!(state, S::Closed | S::Archived) {
            f.execution_finished = true;
        }
    }
    f
}

/// [`facts_in`], adjusted where one step of the state needs a different (still lawful) case.
pub(super) fn valid_facts(procedure: Procedure, state: CaseState, kind: CommandKind) -> CaseFacts {
    use CaseState as S;
    use CommandKind as K;
    let mut f = facts_in(procedure, state);
    match (state, kind) {
        (S::InvestigationConcluded, K::Decide | K::HoldCollectiveDiscussion) => {
            f.outcome = Some(InvestigationOutcome::NoPenaltyMinor);
        }
        (S::Served | S::Executing | S::SummaryRecordFiled, K::Close) => {
            f.execution_finished = true;
        }
        // A review that is still to be (re)done: none passed yet.
        (_, K::SubmitForReview) => {
            f.review_passed = false;
            f.review_passed_after_hearing = false;
        }
        _ => {}
    }
    f
}

/// A command of `kind` whose data is valid for `facts`.
pub(super) fn valid_command(kind: CommandKind, facts: &CaseFacts) -> Command {
    let t = today();
    match kind {
        CommandKind::RegisterClue => Command::RegisterClue {
            source: ClueSource::ComplaintOrReport,
            received_on: t,
        },
        CommandKind::FileCase => Command::FileCase {
            officer_ids: vec![OFFICER_A, OFFICER_B],
        },
        CommandKind::DeclineClue => Command::DeclineClue {
            reason: "不属于本机关管辖".to_owned(),
        },
        CommandKind::ApproveFiling => Command::ApproveFiling,
        CommandKind::StartInvestigation => Command::StartInvestigation,
        CommandKind::RecordEvidence => Command::RecordEvidence {
            collected_by: vec![OFFICER_A, OFFICER_B],
        },
        CommandKind::ConcludeInvestigation => Command::ConcludeInvestigation {
            outcome: InvestigationOutcome::Penalty,
        },
        CommandKind::SubmitForReview => Command::SubmitForReview,
        CommandKind::ApproveReview => Command::ApproveReview,
        CommandKind::ReturnReview => Command::ReturnReview {
            opinion: "证据不足，请补充调查".to_owned(),
        },
        CommandKind::ServePriorNotice => Command::ServePriorNotice {
            served_on: t,
            proposed_fine_fen: PROPOSED_FINE,
            method: ServiceMethod::Direct,
        },
        CommandKind::RecordStatement => Command::RecordStatement { received_on: t },
        CommandKind::RequestHearing => Command::RequestHearing {
            requested_on: facts.prior_notice.map_or(t, |n| n.served_on),
        },
        CommandKind::WaiveRights => Command::WaiveRights,
        CommandKind::NoticeHearing => Command::NoticeHearing {
            hearing_date: days_after(20),
            noticed_on: t,
            latest_notice_date: days_after(10),
        },
        CommandKind::HoldHearing => Command::HoldHearing { host_id: OFFICER_C },
        CommandKind::HoldCollectiveDiscussion => Command::HoldCollectiveDiscussion,
        CommandKind::Decide => match facts.outcome {
            Some(InvestigationOutcome::Penalty) => Command::Decide {
                decided_on: t,
                outcome: DecisionOutcome::Penalty,
                fine_fen: facts.prior_notice.map_or(0, |n| n.proposed_fine_fen),
            },
            _ => Command::Decide {
                decided_on: t,
                outcome: DecisionOutcome::NoPenalty,
                fine_fen: 0,
            },
        },
        CommandKind::Serve => Command::Serve {
            served_on: t,
            method: ServiceMethod::Direct,
        },
        CommandKind::RecordPayment => Command::RecordPayment {
            amount_fen: facts.outstanding_fen.max(1),
            paid_on: t,
        },
        CommandKind::RecordExecution => Command::RecordExecution {
            note: "当事人已停业整顿".to_owned(),
        },
        CommandKind::Close => Command::Close {
            reason: match (facts.state, facts.decision) {
                (CaseState::Transferred, _) => CloseReason::Transferred,
                (CaseState::Withdrawn, _) => CloseReason::Withdrawn,
                (_, Some(d)) if d.outcome == DecisionOutcome::NoPenalty => CloseReason::NotPunished,
                _ => CloseReason::Executed,
            },
        },
        CommandKind::Archive => Command::Archive,
        CommandKind::Withdraw => Command::Withdraw {
            reason: "当事人已注销".to_owned(),
        },
        CommandKind::Transfer => Command::Transfer {
            to: "市公安局".to_owned(),
        },
        CommandKind::Suspend => Command::Suspend {
            reason: "等待检验结果".to_owned(),
        },
        CommandKind::Resume => Command::Resume,
        CommandKind::OrderCorrection => Command::OrderCorrection {
            reason: "立即下架全部过期食品".into(),
            due_on: Some(days_after(7)),
        },
        CommandKind::Extend => Command::Extend {
            days: SAMR_EXTENSION_DAYS,
            reason: "案情复杂".to_owned(),
        },
        CommandKind::SummaryDecide => Command::SummaryDecide {
            penalty: SummaryPenalty::Warning,
            party_kind: PartyKind::NaturalPerson,
        },
        CommandKind::FileSummaryRecord => Command::FileSummaryRecord,
    }
}

/// Several commands of `kind`: the valid one for `facts` and the other plausible variants.
pub(super) fn samples(kind: CommandKind, facts: &CaseFacts) -> Vec<Command> {
    let t = today();
    let mut out = vec![valid_command(kind, facts)];
    match kind {
        CommandKind::FileCase => out.push(Command::FileCase {
            officer_ids: vec![OFFICER_A, OFFICER_C],
        }),
        CommandKind::ConcludeInvestigation => {
            for outcome in InvestigationOutcome::ALL {
                out.push(Command::ConcludeInvestigation { outcome });
            }
        }
        CommandKind::Decide => {
            out.push(Command::Decide {
                decided_on: t,
                outcome: DecisionOutcome::NoPenalty,
                fine_fen: 0,
            });
            out.push(Command::Decide {
                decided_on: t,
                outcome: DecisionOutcome::Penalty,
                fine_fen: 0,
            });
        }
        CommandKind::Close => {
            for reason in [
                CloseReason::Executed,
                CloseReason::NotPunished,
                CloseReason::Transferred,
                CloseReason::Withdrawn,
            ] {
                out.push(Command::Close { reason });
            }
        }
        _ => {}
    }
    out
}

/// Applies with the role's standard actor on the standard day.
pub(super) fn run(
    facts: &CaseFacts,
    command: &Command,
    role: Role,
) -> Result<Transition, CaseError> {
    apply(facts, command, &actor(role), today())
}

/// The error of a refused step (panics if it was accepted).
pub(super) fn refusal(facts: &CaseFacts, command: &Command, role: Role) -> CaseError {
    match run(facts, command, role) {
        Ok(t) => panic!("{command:?} was accepted: {t:?}"),
        Err(e) => e,
    }
}

/// The new state of an accepted step (panics if it was refused).
pub(super) fn accepted(facts: &CaseFacts, command: &Command, role: Role) -> Transition {
    match run(facts, command, role) {
        Ok(t) => t,
        Err(e) => panic!("{command:?} in {:?} was refused: {e:?}", facts.state),
    }
}
