//! Penalty cases: registering, taking steps through the state machine, parties, evidence and
//! records, and reading cases back with their deadlines, documents and timeline.
//!
//! Every write runs in one [`UnitOfWork`]: the case facts are loaded inside the transaction,
//! the pure state machine judges the step, and the case change, its deadlines, its documents and
//! its audit event are written together or not at all.

pub(crate) mod codes;
mod detail;
pub mod documents;
mod evidence_items;
pub(crate) mod facts;
pub mod form;
mod party_history;
mod people;
mod register;
mod step;
mod store;
mod view;
mod work;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QuerySelect, Set,
};
use serde_json::json;
use tianping_domain::{
    authz::{Action, Actor, can},
    case::{
        self, CaseError, CaseFacts, CaseState, ClueSource, Command, PartyKind, Procedure,
        SummaryPenalty,
    },
    discretion::{self, FineBand},
    evidence::{self, RawEvidence},
    party::{self, RawParty},
    validate::{self, Field, Rule, ValidationError},
};

pub use codes::{code, parse_code};
pub use detail::detail;
pub(crate) use detail::party_view;
pub use evidence_items::{
    EvidenceFile, EvidenceInput, evidence_file, may_add_evidence, record_evidence,
};
pub use people::{add_party, change_staffing};
pub use register::{register, summary};
pub(crate) use step::run_step;
pub use step::step;
pub use view::list;
pub use work::{todo, todo_count};

use crate::{
    api::case_dto::{NewCaseForm, StaffingForm, StepForm, StepOutcome, SummaryForm},
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        blobs::{BlobStore, Staged},
        entities::{
            agencies, blobs, case_officers, cases, clues, discretion_standards,
            evidence as evidence_rows, evidence_collectors, parties, users,
        },
        error::ServiceError,
    },
};

/// Loads a case the actor may see, inside `conn`; others answer "not found". With `lock`,
/// the case row is locked until the transaction ends, so concurrent steps on one case are
/// judged one after the other.
pub(crate) async fn visible_case<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: i32,
    lock: bool,
) -> Result<(cases::Model, agencies::Model), ServiceError> {
    let mut query = cases::Entity::find_by_id(id);
    if lock {
        query = query.lock_exclusive();
    }
    let row = query.one(conn).await?.ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(actor, &Action::ViewCase(&agency.scope()))?;
    Ok((row, agency))
}

/// The actor's agency, locked on PostgreSQL until the unit of work ends (case numbers are
/// drawn under this lock).
async fn agency_for_update(
    uow: &UnitOfWork,
    agency_id: i32,
) -> Result<agencies::Model, ServiceError> {
    let query = uow.locked(agencies::Entity::find_by_id(agency_id));
    query.one(uow.txn()).await?.ok_or(ServiceError::NotFound)
}

/// Whether the actor may open a case with this first step at all: its role, in an agency.
/// Checked before the input, so that those who may not act learn nothing about it.
fn may_open(actor: &Actor, first: case::CommandKind) -> Result<(), ServiceError> {
    if actor.role == first.required_role() && actor.agency_id.is_some() {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// Refuses a step the state machine refused, naming why.
fn refused(e: CaseError) -> ServiceError {
    ServiceError::Refused(e)
}

/// The next case number of an agency in a year: `<CODE>-<YEAR>-<NNNNN>`. The caller holds the
/// agency row locked (see `agency_for_update`), so two registrations never draw one number.
async fn next_number<C: ConnectionTrait>(
    conn: &C,
    agency: &agencies::Model,
    year: i32,
) -> Result<String, ServiceError> {
    let prefix = format!("{}-{year}-", agency.code);
    let count = cases::Entity::find()
        .filter(cases::Column::AgencyId.eq(agency.id))
        .filter(cases::Column::Number.starts_with(prefix.clone()))
        .count(conn)
        .await?;
    Ok(format!("{prefix}{:05}", count + 1))
}

/// A step's audit payload: the state machine's record, with what the service adds about the
/// rows the step created (a case's number, a review round, an evidence file).
#[derive(serde::Serialize)]
struct StepAudit<'a, E: serde::Serialize> {
    #[serde(flatten)]
    step: &'a case::StepRecord,
    #[serde(flatten)]
    rows: E,
}

/// Writes a transition's deadlines, audit event and documents, and commits. `rows` adds to the
/// audit payload what the service knows of the rows the step wrote.
#[allow(clippy::too_many_arguments)]
async fn finish(
    state: &AppState,
    mut uow: UnitOfWork,
    actor: &Actor,
    row: &cases::Model,
    command: &Command,
    transition: &case::Transition,
    today: NaiveDate,
    rows: impl serde::Serialize,
) -> Result<StepOutcome, ServiceError> {
    let payload = serde_json::to_value(StepAudit {
        step: &transition.record,
        rows,
    })
    .map_err(|e| ServiceError::Internal(format!("audit payload: {e}")))?;
    store::apply_deadlines(
        uow.txn(),
        row.id,
        &transition.deadlines,
        command.deadlines_start(today, &state.settings.deadline_rules),
        today,
        &state.settings.deadline_rules,
        &state.calendar(),
    )
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: transition.action,
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: row.id.to_string(),
        payload,
    });
    let seqs = uow.flush().await?;
    let seq = seqs.last().copied().unwrap_or_default();
    store::add_documents(uow.txn(), row.id, transition, seq, actor.user_id, uow.now()).await?;
    fail_point(state, "case.before_commit")?;
    uow.commit().await?;
    Ok(StepOutcome {
        case_id: row.id,
        state: transition.to,
        seq,
    })
}

/// A failure injected by tests after the case change and its audit event are written and
/// before the commit (`AppState::fail_at`). Never set in the server.
fn fail_point(state: &AppState, name: &str) -> Result<(), ServiceError> {
    let armed = state
        .fail_at
        .read()
        .map(|point| *point == Some(name))
        .unwrap_or(false);
    if armed {
        return Err(ServiceError::Internal(format!(
            "injected failure at {name}"
        )));
    }
    Ok(())
}

/// A case the actor may see, with its agency; others answer "not found".
pub(crate) async fn visible(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
) -> Result<(cases::Model, agencies::Model), ServiceError> {
    visible_case(&state.db.conn, actor, case_id, false).await
}

/// Whether the actor may take a step of this kind on the case today, and if not, why.
pub(crate) async fn may_take(
    state: &AppState,
    actor: &Actor,
    row: &cases::Model,
    kind: case::CommandKind,
) -> Result<Result<(), CaseError>, ServiceError> {
    let today = state.today();
    let facts = facts::load(&state.db.conn, row, actor, &[], today).await?;
    Ok(case::check(&facts, kind, actor, today))
}

/// The names of the officers assigned to a case.
pub(crate) async fn officer_names(
    state: &AppState,
    case_id: i32,
) -> Result<Vec<String>, ServiceError> {
    let ids: Vec<i32> = case_officers::Entity::find()
        .filter(case_officers::Column::CaseId.eq(case_id))
        .filter(case_officers::Column::Assigned.eq(true))
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|o| o.user_id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|u| u.display_name)
        .collect())
}

/// The band of a standard for a circumstance.
pub fn band_of(s: &discretion_standards::Model, c: discretion::Circumstance) -> FineBand {
    let (min_fen, max_fen) = match c {
        discretion::Circumstance::Minor => (s.minor_min_fen, s.minor_max_fen),
        discretion::Circumstance::General => (s.general_min_fen, s.general_max_fen),
        discretion::Circumstance::Serious => (s.serious_min_fen, s.serious_max_fen),
    };
    FineBand { min_fen, max_fen }
}

/// The kind of the case's parties: an organisation if any party is one.
pub(crate) async fn party_kind<C: ConnectionTrait>(
    conn: &C,
    case_id: i32,
) -> Result<Option<PartyKind>, ServiceError> {
    let all = parties::Entity::find()
        .filter(parties::Column::CaseId.eq(case_id))
        .all(conn)
        .await?;
    Ok(all
        .iter()
        .filter_map(|p| parse_code::<PartyKind>(&p.kind))
        .max_by_key(|k| matches!(k, PartyKind::Organisation)))
}
