//! Loads what the state machine needs to judge a step: the case row, the officers on it, their
//! standing on the day, the evidence and the money owed.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use tianping_domain::{
    authz::Actor,
    case::{
        CaseFacts, CaseState, DecisionFacts, DecisionOutcome, DocumentKind, EvidenceStanding,
        InvestigationOutcome, PriorNoticeFacts, Procedure, ProcedureRules, StaffStanding,
    },
    credential::{self, CredentialKind, CredentialStatus},
    deadline,
    role::Role,
};

use super::codes::{parse_code, parse_state};
use crate::ssr::{
    entities::{
        case_deadlines, case_officers, case_remedies, cases, credentials, evidence,
        issued_documents, parties, users,
    },
    error::ServiceError,
};

/// The standing on `today` of each of `ids`.
pub async fn standings<C: ConnectionTrait>(
    conn: &C,
    ids: &BTreeSet<i32>,
    today: NaiveDate,
) -> Result<Vec<StaffStanding>, ServiceError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let people = users::Entity::find()
        .filter(users::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?;
    let mut held: HashMap<i32, Vec<credentials::Model>> = HashMap::new();
    for c in credentials::Entity::find()
        .filter(credentials::Column::UserId.is_in(ids.iter().copied()))
        .all(conn)
        .await?
    {
        held.entry(c.user_id).or_default().push(c);
    }
    Ok(people
        .into_iter()
        .filter(|u| u.active)
        .filter_map(|u| {
            let role = Role::parse(&u.role)?;
            let credential = held.get(&u.id).and_then(|list| {
                best_status(
                    list.iter()
                        .filter(|c| CredentialKind::parse(&c.kind).is_some_and(|k| k.held_by(role)))
                        .map(|c| credential::status(c.valid_from, c.valid_to, c.revoked, today)),
                )
            });
            Some(StaffStanding {
                user_id: u.id,
                role,
                agency_id: u.agency_id,
                credential,
            })
        })
        .collect())
}

/// The best of several standings: one in force wins.
fn best_status(all: impl Iterator<Item = CredentialStatus>) -> Option<CredentialStatus> {
    let all: Vec<CredentialStatus> = all.collect();
    all.iter()
        .copied()
        .find(|s| *s == CredentialStatus::Valid)
        .or_else(|| all.iter().copied().find(|s| s.in_force()))
        .or_else(|| all.first().copied())
}

/// The facts of a new case about to be created by `actor` (the officers on the spot for a
/// summary case).
pub async fn for_new_case<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    procedure: Procedure,
    officers: &[i32],
    today: NaiveDate,
) -> Result<CaseFacts, ServiceError> {
    let mut ids: BTreeSet<i32> = officers.iter().copied().collect();
    ids.insert(actor.user_id);
    Ok(CaseFacts {
        procedure,
        state: CaseState::New,
        agency_id: actor.agency_id.unwrap_or_default(),
        assigned_officer_ids: officers.to_vec(),
        staff: standings(conn, &ids, today).await?,
        rules: ProcedureRules::default(),
        ..CaseFacts::default()
    })
}

/// The facts of a stored case on `today`, with the standing of `actor` and of `named` people.
pub async fn load<C: ConnectionTrait>(
    conn: &C,
    row: &cases::Model,
    actor: &Actor,
    named: &[i32],
    today: NaiveDate,
) -> Result<CaseFacts, ServiceError> {
    let officers = case_officers::Entity::find()
        .filter(case_officers::Column::CaseId.eq(row.id))
        .all(conn)
        .await?;
    let items = evidence::Entity::find()
        .filter(evidence::Column::CaseId.eq(row.id))
        .all(conn)
        .await?;
    let mut ids: BTreeSet<i32> = officers.iter().map(|o| o.user_id).collect();
    ids.insert(actor.user_id);
    ids.extend(named.iter().copied());
    let staff = standings(conn, &ids, today).await?;

    let state = parse_state(&row.state)?;
    let procedure: Procedure = parse_code(&row.procedure)
        .ok_or_else(|| ServiceError::Internal(format!("case {} has a bad procedure", row.id)))?;
    let prior_notice = match (
        row.prior_notice_on,
        row.statement_window_ends,
        row.hearing_request_window_ends,
    ) {
        (Some(served_on), Some(statement), Some(hearing)) => Some(PriorNoticeFacts {
            served_on,
            proposed_fine_fen: row.proposed_fine_fen.unwrap_or(0),
            statement_window_ends: statement,
            hearing_request_window_ends: hearing,
        }),
        _ => None,
    };
    let decision = match (row.decision_outcome.as_deref(), row.decided_on) {
        (Some(outcome), Some(decided_on)) => Some(DecisionFacts {
            outcome: parse_code::<DecisionOutcome>(outcome).ok_or_else(|| {
                ServiceError::Internal(format!("case {} has a bad decision", row.id))
            })?,
            fine_fen: row.fine_fen.unwrap_or(0),
            decided_on,
        }),
        _ => None,
    };
    let decision_issued = decision.is_some()
        && issued_documents::Entity::find()
            .filter(issued_documents::Column::CaseId.eq(row.id))
            .filter(issued_documents::Column::Kind.is_in([
                DocumentKind::PenaltyDecision.as_str(),
                DocumentKind::NoPenaltyDecision.as_str(),
            ]))
            .count(conn)
            .await?
            > 0;
    let outstanding_fen = outstanding(conn, row, today).await?;
    let party_rows = parties::Entity::find()
        .filter(parties::Column::CaseId.eq(row.id))
        .all(conn)
        .await?;
    let party_history = super::party_history::history(conn, row, &party_rows).await?;
    Ok(CaseFacts {
        procedure,
        state,
        agency_id: row.agency_id,
        assigned_officer_ids: officers
            .iter()
            .filter(|o| o.assigned)
            .map(|o| o.user_id)
            .collect(),
        investigator_ids: officers
            .iter()
            .filter(|o| o.investigator)
            .map(|o| o.user_id)
            .collect(),
        recused_user_ids: officers
            .iter()
            .filter(|o| o.recused)
            .map(|o| o.user_id)
            .collect(),
        staff,
        limitation_ends: row.limitation_ends,
        discovered_on: Some(row.received_on),
        evidence: items
            .iter()
            .map(|e| EvidenceStanding {
                evidence_id: i64::from(e.id),
                certified_collectors: u32::try_from(e.certified_collectors).unwrap_or(0),
                required_collectors: u32::try_from(
                    tianping_domain::evidence::EvidenceKind::parse(&e.kind).map_or(
                        2,
                        tianping_domain::evidence::EvidenceKind::collectors_required,
                    ),
                )
                .unwrap_or(2),
            })
            .collect(),
        outcome: row
            .outcome
            .as_deref()
            .and_then(parse_code::<InvestigationOutcome>),
        major: row.major,
        review_passed: row.review_passed,
        review_passed_after_hearing: row.review_passed_after_hearing,
        prior_notice,
        hearing_eligible: row.hearing_eligible,
        rights_waived: row.rights_waived,
        hearing_date: row.hearing_date,
        hearing_held: row.hearing_held,
        collective_discussion_required: row.collective_discussion_required,
        collective_discussion_done: row.collective_discussion_done,
        extensions_granted: u32::try_from(row.extensions_granted).unwrap_or(0),
        extension_discussed: row.extension_discussed,
        suspended_from: row.suspended_from.as_deref().and_then(CaseState::parse),
        decision,
        decision_issued,
        e_service_consent: row.e_service_consent,
        outstanding_fen,
        paid_fen: row.paid_fen,
        suspended_on: row.suspended_on,
        suspended_days: u32::try_from(row.suspended_days).unwrap_or(0),
        extension_days: u32::try_from(row.extension_days).unwrap_or(0),
        execution_finished: row.execution_finished,
        penalty: penalty_parts(row),
        party_responsibility: super::party_history::responsibility(row, &party_rows),
        party_history,
        act_on: row.act_date,
        basis: Some(tianping_domain::case::LegalBasis::new(
            row.provision_violated.as_deref().unwrap_or_default(),
            row.provision_applied.as_deref().unwrap_or_default(),
        ))
        .filter(|b| !b.is_blank()),
        other_parts_performed: row.other_parts_performed,
        case_file_complete: false,
        rules: ProcedureRules::default(),
    })
}

/// The case's penalty besides its fine: the confiscation and the measures on the row
/// (unknown machine names are dropped, never read as a warning).
pub fn penalty_parts(row: &cases::Model) -> tianping_domain::penalty::PenaltyParts {
    tianping_domain::penalty::PenaltyParts {
        confiscation_fen: row.confiscation_fen,
        measures: row
            .measures
            .split(',')
            .filter_map(tianping_domain::penalty::Measure::parse)
            .collect(),
    }
}

/// What remains to be paid on `today`: the fine, plus the late surcharge once the payment
/// deadline has passed (APL Art. 72, capped at the fine), less payments.
pub async fn outstanding<C: ConnectionTrait>(
    conn: &C,
    row: &cases::Model,
    today: NaiveDate,
) -> Result<i64, ServiceError> {
    let fine = row.fine_fen.unwrap_or(0);
    if fine <= 0 || row.decision_outcome.as_deref() != Some("penalty") {
        return Ok(0);
    }
    let payment = case_deadlines::Entity::find()
        .filter(case_deadlines::Column::CaseId.eq(row.id))
        .filter(case_deadlines::Column::Kind.eq("payment"))
        .one(conn)
        .await?;
    let surcharge = match payment {
        Some(p) if p.status != "stopped" => {
            // Art. 73 ¶3: no surcharge accrues while a reconsideration or suit runs.
            let challenges: Vec<(NaiveDate, Option<NaiveDate>)> = case_remedies::Entity::find()
                .select_only()
                .column(case_remedies::Column::FiledOn)
                .column(case_remedies::Column::DecidedOn)
                .filter(case_remedies::Column::CaseId.eq(row.id))
                .into_tuple()
                .all(conn)
                .await?;
            let paused = deadline::surcharge_paused_days(p.due_on, today, &challenges);
            deadline::surcharge(fine, p.due_on, today, paused)
        }
        _ => 0,
    };
    Ok((fine + surcharge - row.paid_fen).max(0))
}
