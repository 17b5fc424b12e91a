//! Writes what an accepted step changes: the case row, the officers on it, the deadlines it
//! starts, stops, pauses, resumes or extends, and the documents it produced. Always inside the
//! caller's unit of work.

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
    sea_query::OnConflict,
};
use tianping_domain::{
    calendar::WorkCalendar,
    case::{
        self, CaseState, CaseUpdate, DeadlineChange, DeadlineEffect, DeadlineKind, ScheduleFacts,
        Transition,
    },
    deadline::DeadlineRules,
};

use super::codes::code;
use crate::ssr::{
    entities::{case_deadlines, case_documents, case_officers, cases, parties},
    error::ServiceError,
};

/// Upserts an officer's flags on a case.
pub async fn set_officer<C: ConnectionTrait>(
    conn: &C,
    case_id: i32,
    user_id: i32,
    assigned: bool,
) -> Result<(), ServiceError> {
    case_officers::Entity::insert(case_officers::ActiveModel {
        case_id: Set(case_id),
        user_id: Set(user_id),
        assigned: Set(assigned),
        investigator: Set(true),
        recused: Set(false),
    })
    .on_conflict(
        OnConflict::columns([case_officers::Column::CaseId, case_officers::Column::UserId])
            .update_columns([
                case_officers::Column::Assigned,
                case_officers::Column::Investigator,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Stores a checked party of a case.
pub async fn insert_party<C: ConnectionTrait>(
    conn: &C,
    case_id: i32,
    party: &tianping_domain::party::Party,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<parties::Model, ServiceError> {
    Ok(parties::ActiveModel {
        case_id: Set(case_id),
        kind: Set(code(&party.kind)),
        name: Set(party.name.clone()),
        id_number: Set(party.id_number.clone()),
        id_kind: Set(party.id_kind.as_str().to_owned()),
        birth_date: Set(party.birth_date),
        credit_code: Set(party.credit_code.clone()),
        legal_representative: Set(party.legal_representative.clone()),
        phone: Set(party.phone.clone()),
        address: Set(party.address.clone()),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

/// Marks a person as recused (回避) from a case: no longer assigned, never again.
pub async fn set_recused<C: ConnectionTrait>(
    conn: &C,
    case_id: i32,
    user_id: i32,
) -> Result<(), ServiceError> {
    case_officers::Entity::insert(case_officers::ActiveModel {
        case_id: Set(case_id),
        user_id: Set(user_id),
        assigned: Set(false),
        investigator: Set(true),
        recused: Set(true),
    })
    .on_conflict(
        OnConflict::columns([case_officers::Column::CaseId, case_officers::Column::UserId])
            .update_columns([
                case_officers::Column::Assigned,
                case_officers::Column::Recused,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Stores an accepted step's new state and each change it makes on the case row, column by
/// column; what changes is decided by the state machine ([`case::CaseUpdate`]).
pub fn apply_changes(
    row: &mut cases::ActiveModel,
    to: CaseState,
    changes: &[CaseUpdate],
    rules: &DeadlineRules,
    calendar: &WorkCalendar,
) {
    use CaseUpdate as U;
    row.state = Set(to.as_str().to_owned());
    for change in changes {
        match change {
            U::StateReason { reason } => row.state_reason = Set(reason.clone()),
            U::Filed { on } => row.filed_on = Set(Some(*on)),
            U::Concluded { outcome, proposal } => {
                row.outcome = Set(Some(code(outcome)));
                if let Some(p) = proposal {
                    row.proposed_fine_fen = Set((p.fine_fen > 0).then_some(p.fine_fen));
                    row.confiscation_fen = Set(p.confiscation_fen);
                    row.measures = Set(p
                        .measures
                        .iter()
                        .map(|m| m.as_str())
                        .collect::<Vec<_>>()
                        .join(","));
                    row.review_flags = Set(p.flags.join(","));
                    row.departure_flagged = Set(p.departure);
                }
            }
            U::Reviewed {
                passed,
                after_hearing,
            } => {
                row.review_passed = Set(*passed);
                if *passed {
                    row.review_passed_after_hearing = Set(*after_hearing);
                }
            }
            U::PriorNoticeServed {
                served_on,
                proposed_fine_fen,
                hearing_eligible,
                method,
            } => {
                // Served by public notice: the windows run from the day it counts as served.
                let from = if *method == tianping_domain::case::ServiceMethod::PublicNotice {
                    rules.deemed_served_by_public_notice(*served_on)
                } else {
                    *served_on
                };
                let window =
                    |kind| case::due_date(kind, from, ScheduleFacts::default(), rules, calendar);
                row.prior_notice_on = Set(Some(*served_on));
                row.proposed_fine_fen = Set(Some(*proposed_fine_fen));
                row.hearing_eligible = Set(*hearing_eligible);
                row.statement_window_ends = Set(Some(window(DeadlineKind::StatementWindow)));
                row.hearing_request_window_ends =
                    Set(Some(window(DeadlineKind::HearingRequestWindow)));
            }
            U::RightsWaived => row.rights_waived = Set(true),
            U::HearingSet { on } => row.hearing_date = Set(Some(*on)),
            U::HearingHeld => row.hearing_held = Set(true),
            U::CollectiveDiscussionDone => row.collective_discussion_done = Set(true),
            U::Decided {
                outcome,
                fine_fen,
                decided_on,
            } => {
                row.decision_outcome = Set(Some(code(outcome)));
                row.fine_fen = Set(Some(*fine_fen));
                row.decided_on = Set(Some(*decided_on));
            }
            U::Discretion { record } => {
                row.discretion_standard_id = Set(Some(record.standard_id));
                row.circumstance = Set(Some(record.circumstance.as_str().to_owned()));
                row.discretion_check = Set(Some(code(&record.check)));
                row.discretion_justification =
                    Set(Some(record.justification.clone()).filter(|s| !s.is_empty()));
            }
            U::Served { on, method } => {
                row.served_on = Set(Some(*on));
                row.service_method = Set(Some(code(method)));
            }
            U::ExecutionFinished => row.execution_finished = Set(true),
            U::OtherPartsPerformed => row.other_parts_performed = Set(true),
            U::LegalBasis { basis } => {
                row.provision_violated = Set(Some(basis.violated.clone()));
                row.provision_applied = Set(Some(basis.applied.clone()));
            }
            U::Measures { measures } => {
                row.measures = Set(measures
                    .iter()
                    .map(|m| m.as_str())
                    .collect::<Vec<_>>()
                    .join(","));
            }
            U::Paid { total_fen } => row.paid_fen = Set(*total_fen),
            U::Closed { reason, on } => {
                row.close_reason = Set(Some(code(reason)));
                row.closed_on = Set(Some(*on));
            }
            U::Suspended { from, on } => {
                row.suspended_from = Set(Some(from.as_str().to_owned()));
                row.suspended_on = Set(Some(*on));
            }
            U::Resumed { suspended_days } => {
                row.suspended_days = Set(i32::try_from(*suspended_days).unwrap_or(i32::MAX));
                row.suspended_from = Set(None);
                row.suspended_on = Set(None);
            }
            U::Extended {
                extensions_granted,
                extension_days,
            } => {
                row.extensions_granted =
                    Set(i32::try_from(*extensions_granted).unwrap_or(i32::MAX));
                row.extension_days = Set(i32::try_from(*extension_days).unwrap_or(i32::MAX));
                row.extension_discussed = Set(false);
            }
            U::Major => {
                row.major = Set(true);
                row.collective_discussion_required = Set(true);
            }
            U::EServiceConsent => row.e_service_consent = Set(true),
        }
    }
}

/// Applies the transition's deadline changes, then refreshes the case's most urgent deadline.
pub async fn apply_deadlines<C: ConnectionTrait>(
    conn: &C,
    case_id: i32,
    changes: &[DeadlineChange],
    start: NaiveDate,
    today: NaiveDate,
    rules: &DeadlineRules,
    calendar: &WorkCalendar,
) -> Result<(), ServiceError> {
    for change in changes {
        let kind = code(&change.deadline);
        let existing = case_deadlines::Entity::find()
            .filter(case_deadlines::Column::CaseId.eq(case_id))
            .filter(case_deadlines::Column::Kind.eq(kind.clone()))
            .one(conn)
            .await?;
        match (change.effect, existing) {
            (DeadlineEffect::Start, existing) => {
                let due = case::due_date(
                    change.deadline,
                    start,
                    ScheduleFacts::default(),
                    rules,
                    calendar,
                );
                let mut model = match existing {
                    Some(m) => m.into_active_model(),
                    None => case_deadlines::ActiveModel {
                        case_id: Set(case_id),
                        kind: Set(kind),
                        ..Default::default()
                    },
                };
                model.started_on = Set(start);
                model.due_on = Set(due);
                model.status = Set("running".into());
                model.paused_on = Set(None);
                model.paused_days = Set(0);
                model.extension_days = Set(0);
                model.ended_on = Set(None);
                model.save(conn).await?;
            }
            (DeadlineEffect::Stop, Some(m)) => {
                let mut model = m.into_active_model();
                model.status = Set("stopped".into());
                model.ended_on = Set(Some(today));
                model.update(conn).await?;
            }
            (DeadlineEffect::Pause, Some(m)) if m.status == "running" => {
                let mut model = m.into_active_model();
                model.status = Set("paused".into());
                model.paused_on = Set(Some(today));
                model.update(conn).await?;
            }
            (DeadlineEffect::Resume, Some(m)) if m.status == "paused" => {
                let paused = m.paused_on.map_or(0, |since| (today - since).num_days());
                let paused_days = m.paused_days + i32::try_from(paused).unwrap_or(0);
                let due = reschedule(
                    change.deadline,
                    &m,
                    paused_days,
                    m.extension_days,
                    rules,
                    calendar,
                );
                let mut model = m.into_active_model();
                model.status = Set("running".into());
                model.paused_on = Set(None);
                model.paused_days = Set(paused_days);
                model.due_on = Set(due);
                model.update(conn).await?;
            }
            (DeadlineEffect::Extend { days }, Some(m)) => {
                let extension = m.extension_days + i32::try_from(days).unwrap_or(i32::MAX);
                let due = reschedule(
                    change.deadline,
                    &m,
                    m.paused_days,
                    extension,
                    rules,
                    calendar,
                );
                let mut model = m.into_active_model();
                model.extension_days = Set(extension);
                model.due_on = Set(due);
                model.update(conn).await?;
            }
            // Stopping, pausing or resuming a deadline that is not running is a no-op (e.g. a
            // withdrawal stops every deadline the case might have).
            _ => {}
        }
    }
    refresh_next_due(conn, case_id).await
}

fn reschedule(
    kind: DeadlineKind,
    m: &case_deadlines::Model,
    paused_days: i32,
    extension_days: i32,
    rules: &DeadlineRules,
    calendar: &WorkCalendar,
) -> NaiveDate {
    case::due_date(
        kind,
        m.started_on,
        ScheduleFacts {
            extension_days: u32::try_from(extension_days).unwrap_or(0),
            suspended_days: u32::try_from(paused_days).unwrap_or(0),
        },
        rules,
        calendar,
    )
}

/// Stores the case's most urgent running agency deadline on the case row.
pub async fn refresh_next_due<C: ConnectionTrait>(
    conn: &C,
    case_id: i32,
) -> Result<(), ServiceError> {
    let running = case_deadlines::Entity::find()
        .filter(case_deadlines::Column::CaseId.eq(case_id))
        .filter(case_deadlines::Column::Status.eq("running"))
        .all(conn)
        .await?;
    let next = running
        .iter()
        .filter_map(|d| {
            let kind: DeadlineKind = super::codes::parse_code(&d.kind)?;
            kind.binds_the_agency()
                .then_some((d.due_on, d.kind.clone()))
        })
        .min();
    let Some(row) = cases::Entity::find_by_id(case_id).one(conn).await? else {
        return Err(ServiceError::NotFound);
    };
    let mut row = row.into_active_model();
    row.next_due_on = Set(next.as_ref().map(|n| n.0));
    row.next_due_kind = Set(next.map(|n| n.1));
    row.update(conn).await?;
    Ok(())
}

/// Records the documents a step produced.
pub async fn add_documents<C: ConnectionTrait>(
    conn: &C,
    case_id: i32,
    transition: &Transition,
    seq: i64,
    by: i32,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), ServiceError> {
    for document in &transition.documents {
        case_documents::ActiveModel {
            case_id: Set(case_id),
            kind: Set(document.as_str().to_owned()),
            audit_seq: Set(Some(seq)),
            created_by: Set(by),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}
