//! Supervision matters (督办): opened by supervisors on a case, answered by the agency's
//! head, closed or reopened by the supervisor.

use std::collections::{BTreeSet, HashMap};

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use tianping_domain::{
    authz::{Action, Actor, can},
    case,
    i18n::{Lang, china_time},
    supervision::matter::{self, MatterError, MatterStatus, MatterStep},
    validate::{Field, Rule, ValidationError},
};

use crate::{
    api::supervision_dto::MatterView,
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, cases, supervision_matters, users},
        error::ServiceError,
    },
};

fn matter_error(e: MatterError) -> ServiceError {
    match e {
        MatterError::Forbidden => ServiceError::Forbidden,
        MatterError::WrongStatus(s) => ServiceError::MatterRefused(s),
        MatterError::Invalid(v) => ServiceError::Validation(v),
    }
}

async fn scoped_case<C: sea_orm::ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    case_id: i32,
) -> Result<(cases::Model, agencies::Model), ServiceError> {
    let row = cases::Entity::find_by_id(case_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(actor, &Action::ViewWarnings(&agency.scope()))?;
    Ok((row, agency))
}

/// Opens a supervision matter (督办) on a case: what the agency must correct, by when.
pub async fn open_matter(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    requirement: &str,
    due: &str,
) -> Result<i32, ServiceError> {
    can(actor, &Action::Supervise)?;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let (row, agency) = scoped_case(uow.txn(), actor, case_id).await?;
    let due = match due.trim() {
        "" => None,
        s => Some(
            s.parse::<chrono::NaiveDate>()
                .map_err(|_| ValidationError::new(Field::DueDate, Rule::Date))?,
        ),
    };
    let (requirement, due) =
        matter::open(actor.role, requirement, due, state.today()).map_err(matter_error)?;
    let inserted = supervision_matters::ActiveModel {
        case_id: Set(row.id),
        agency_id: Set(agency.id),
        status: Set(MatterStatus::Open.as_str().to_owned()),
        requirement: Set(requirement.clone()),
        due_on: Set(due),
        opened_by: Set(actor.user_id),
        opened_at: Set(uow.now()),
        rounds: Set(1),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "supervision.open_matter",
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: case_id.to_string(),
        payload: json!({"matter_id": inserted.id, "requirement": requirement, "due": due.to_string()}),
    });
    uow.commit().await?;
    Ok(inserted.id)
}

/// Answers, closes or reopens a matter.
pub async fn step_matter(
    state: &AppState,
    actor: &Actor,
    matter_id: i32,
    step: &MatterStep,
) -> Result<(), ServiceError> {
    can(actor, &Action::Supervise)?;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let query = uow.locked(supervision_matters::Entity::find_by_id(matter_id));
    let m = query.one(uow.txn()).await?.ok_or(ServiceError::NotFound)?;
    scoped_case(uow.txn(), actor, m.case_id).await?;
    let status = MatterStatus::parse(&m.status)
        .ok_or_else(|| ServiceError::Internal(format!("matter {matter_id} has a bad status")))?;
    let (next, text) = matter::apply(status, actor.role, step).map_err(matter_error)?;
    let now = uow.now();
    let mut active: supervision_matters::ActiveModel = m.clone().into();
    active.status = Set(next.as_str().to_owned());
    let action = match step {
        MatterStep::Answer { .. } => {
            active.response = Set(Some(text.clone()));
            active.answered_by = Set(Some(actor.user_id));
            active.answered_at = Set(Some(now));
            "supervision.answer_matter"
        }
        MatterStep::Close { .. } => {
            active.conclusion = Set(Some(text.clone()));
            active.closed_by = Set(Some(actor.user_id));
            active.closed_at = Set(Some(now));
            "supervision.close_matter"
        }
        MatterStep::Reopen { .. } => {
            active.requirement = Set(text.clone());
            active.rounds = Set(m.rounds + 1);
            "supervision.reopen_matter"
        }
    };
    active.update(uow.txn()).await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action,
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: m.case_id.to_string(),
        payload: json!({"matter_id": matter_id, "status": next.as_str(), "text": text}),
    });
    uow.commit().await?;
    Ok(())
}

/// The matters of the agencies the actor oversees, open ones first.
pub async fn matters(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<MatterView>, ServiceError> {
    can(actor, &Action::Supervise)?;
    let agencies =
        crate::ssr::services::agencies_where(state, actor, |a| Action::ViewWarnings(a)).await?;
    let conn = &state.db.conn;
    let rows = supervision_matters::Entity::find()
        .filter(supervision_matters::Column::AgencyId.is_in(agencies.keys().copied()))
        .all(conn)
        .await?;
    let case_rows: HashMap<i32, cases::Model> = cases::Entity::find()
        .filter(cases::Column::Id.is_in(rows.iter().map(|m| m.case_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let people: BTreeSet<i32> = rows
        .iter()
        .flat_map(|m| [Some(m.opened_by), m.answered_by, m.closed_by])
        .flatten()
        .collect();
    let names: HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(people))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let name = |id: Option<i32>| id.and_then(|i| names.get(&i).cloned());
    let today = state.today();
    let mut out: Vec<MatterView> = rows
        .into_iter()
        .filter_map(|m| {
            let status = MatterStatus::parse(&m.status)?;
            let case = case_rows.get(&m.case_id)?;
            Some(MatterView {
                id: m.id,
                case_id: m.case_id,
                case_number: case.number.clone(),
                case_title: case.title.clone(),
                agency: agencies
                    .get(&m.agency_id)
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
                status: status.as_str().to_owned(),
                status_label: status.label(lang).to_owned(),
                requirement: m.requirement,
                due_on: m.due_on,
                overdue: status == MatterStatus::Open && m.due_on < today,
                opened_by: name(Some(m.opened_by)).unwrap_or_default(),
                opened_at: china_time(m.opened_at).to_rfc3339(),
                response: m.response,
                answered_by: name(m.answered_by),
                conclusion: m.conclusion,
                closed_by: name(m.closed_by),
                rounds: m.rounds,
                can_answer: actor.role == tianping_domain::role::Role::AgencyHead
                    && status == MatterStatus::Open,
                can_close: actor.role == tianping_domain::role::Role::Supervisor
                    && status == MatterStatus::Answered,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.status == "closed")
            .cmp(&(b.status == "closed"))
            .then(a.due_on.cmp(&b.due_on))
    });
    Ok(out)
}
