//! Interviews (约谈) and circulars (通报) of the supervision body (issue 24 item 3): recorded
//! by supervisors for the agencies of their region, read by them and by the heads of the
//! agencies concerned; a public circular is on the portal, redacted. The rules are
//! `tianping_domain::supervision::oversight`; every write is one audit event.

use std::collections::HashMap;

use chrono::Datelike;
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use serde_json::json;
use sha2::Digest;
use tianping_domain::{
    agency::AgencyKind,
    authz::{Action, Actor, can},
    i18n::Lang,
    role::Role,
    supervision::oversight::{self, CircularScope, FollowUp, RawCircular, RawInterview},
    validate::{Field, Rule, ValidationError},
};

use crate::{
    api::{
        dto::AgencyRef,
        supervision_dto::{CircularView, InterviewView, PublicCircular},
    },
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, supervision_circulars, supervision_interviews, users},
        error::ServiceError,
    },
};

pub(super) fn agency_ref(a: &agencies::Model) -> AgencyRef {
    AgencyRef {
        id: a.id,
        name: a.name.clone(),
    }
}

pub(super) async fn names_of(
    state: &AppState,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, ServiceError> {
    let ids: Vec<i32> = crate::ssr::util::distinct(ids);
    Ok(users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// The interviews of the agencies the actor oversees, latest first.
pub async fn interviews(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<InterviewView>, ServiceError> {
    can(actor, &Action::Supervise)?;
    let visible = super::super::agencies_where(state, actor, |a| Action::ViewOversight(a)).await?;
    let rows = supervision_interviews::Entity::find()
        .filter(supervision_interviews::Column::AgencyId.is_in(visible.keys().copied()))
        .order_by_desc(supervision_interviews::Column::HeldOn)
        .order_by_desc(supervision_interviews::Column::Id)
        .all(&state.db.conn)
        .await?;
    let names = names_of(state, rows.iter().map(|r| r.recorded_by)).await?;
    let today = state.today();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let agency = visible.get(&r.agency_id)?;
            Some(interview_view(r, agency, &names, actor, today, lang))
        })
        .collect())
}

fn interview_view(
    r: supervision_interviews::Model,
    agency: &agencies::Model,
    names: &HashMap<i32, String>,
    actor: &Actor,
    today: chrono::NaiveDate,
    lang: Lang,
) -> InterviewView {
    let follow_up = FollowUp::of(r.follow_up_on, r.followed_up_on.is_some(), today);
    InterviewView {
        id: r.id,
        agency: agency_ref(agency),
        held_on: r.held_on,
        participants: r.participants.lines().map(str::to_owned).collect(),
        reasons: r.reasons,
        commitments: r.commitments,
        follow_up_on: r.follow_up_on,
        follow_up,
        follow_up_label: follow_up.label(lang).to_owned(),
        followed_up_on: r.followed_up_on,
        follow_up_note: r.follow_up_note,
        recorded_by: names.get(&r.recorded_by).cloned().unwrap_or_default(),
        can_follow_up: follow_up != FollowUp::Done
            && can(actor, &Action::RecordOversight(&agency.scope())).is_ok(),
    }
}

/// The supervisor's own supervision body.
pub(super) async fn own_body(
    state: &AppState,
    actor: &Actor,
) -> Result<agencies::Model, ServiceError> {
    if actor.role != Role::Supervisor {
        return Err(ServiceError::Forbidden);
    }
    let id = actor.agency_id.ok_or(ServiceError::Forbidden)?;
    agencies::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?
        .filter(|a| a.kind == AgencyKind::Supervision.as_str())
        .ok_or(ServiceError::Forbidden)
}

/// An enforcement agency named by its code that the actor may record oversight of.
pub(super) async fn target_agency(
    state: &AppState,
    actor: &Actor,
    code: &str,
) -> Result<agencies::Model, ServiceError> {
    let missing = || {
        ServiceError::Validation(ValidationError::new(
            Field::Agency,
            if code.trim().is_empty() {
                Rule::Required
            } else {
                Rule::Exists
            },
        ))
    };
    let agency = agencies::Entity::find()
        .filter(agencies::Column::Code.eq(code.trim().to_ascii_uppercase()))
        .one(&state.db.conn)
        .await?
        .filter(|a| a.kind == AgencyKind::Enforcement.as_str())
        .ok_or_else(missing)?;
    match can(actor, &Action::RecordOversight(&agency.scope())) {
        Ok(()) => Ok(agency),
        // Another region's agency is, to this supervisor, no agency at all.
        Err(tianping_domain::authz::Denied::NotFound) => Err(missing()),
        Err(d) => Err(d.into()),
    }
}

/// Records an interview held with an agency of the supervisor's region.
pub async fn record_interview(
    state: &AppState,
    actor: &Actor,
    raw: &RawInterview,
    lang: Lang,
) -> Result<InterviewView, ServiceError> {
    let body = own_body(state, actor).await?;
    let agency = target_agency(state, actor, &raw.agency).await?;
    let today = state.today();
    let valid = oversight::validate_interview(raw, today).map_err(ServiceError::ValidationMany)?;
    let now = state.clock.now();
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    let row = supervision_interviews::Entity::insert(supervision_interviews::ActiveModel {
        body_id: Set(body.id),
        agency_id: Set(agency.id),
        held_on: Set(valid.held_on),
        participants: Set(valid.participants.join("\n")),
        reasons: Set(valid.reasons.clone()),
        commitments: Set(valid.commitments.clone()),
        follow_up_on: Set(valid.follow_up_on),
        followed_up_on: Set(None),
        follow_up_note: Set(None),
        recorded_by: Set(actor.user_id),
        recorded_at: Set(now),
        ..Default::default()
    })
    .exec_with_returning(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "supervision.interview",
        subject_type: "interview",
        subject_id: row.id.to_string(),
        payload: json!({
            "agency_id": agency.id, "held_on": valid.held_on.to_string(),
            "participants": valid.participants, "reasons": valid.reasons,
            "commitments": valid.commitments, "follow_up_on": valid.follow_up_on.to_string(),
        }),
    });
    uow.commit().await?;
    let names = names_of(state, [row.recorded_by]).await?;
    Ok(interview_view(row, &agency, &names, actor, today, lang))
}

/// Records the follow-up of an interview, once.
pub async fn follow_up(
    state: &AppState,
    actor: &Actor,
    id: i32,
    note: &str,
    lang: Lang,
) -> Result<InterviewView, ServiceError> {
    can(actor, &Action::Supervise)?;
    let row = supervision_interviews::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(actor, &Action::ViewOversight(&agency.scope()))?;
    can(actor, &Action::RecordOversight(&agency.scope()))?;
    let today = state.today();
    let note = oversight::validate_follow_up(note, row.held_on, today)?;
    let done = || {
        ServiceError::StateConflict(
            lang.pick(
                "该约谈的回访已经记录，不能重复记录",
                "The follow-up of this interview is already recorded",
            )
            .to_owned(),
        )
    };
    if row.followed_up_on.is_some() {
        return Err(done());
    }
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let updated = supervision_interviews::Entity::update_many()
        .col_expr(
            supervision_interviews::Column::FollowedUpOn,
            Expr::value(today),
        )
        .col_expr(
            supervision_interviews::Column::FollowUpNote,
            Expr::value(note.clone()),
        )
        .filter(supervision_interviews::Column::Id.eq(id))
        .filter(supervision_interviews::Column::FollowedUpOn.is_null())
        .exec(uow.txn())
        .await?;
    if updated.rows_affected != 1 {
        return Err(done());
    }
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "supervision.interview_follow_up",
        subject_type: "interview",
        subject_id: id.to_string(),
        payload: json!({
            "on": today.to_string(), "note": note,
            "late": today > row.follow_up_on,
        }),
    });
    let fresh = supervision_interviews::Entity::find_by_id(id)
        .one(uow.txn())
        .await?
        .ok_or(ServiceError::NotFound)?;
    uow.commit().await?;
    let names = names_of(state, [fresh.recorded_by]).await?;
    Ok(interview_view(fresh, &agency, &names, actor, today, lang))
}

fn ids_of(text: &str) -> Vec<i32> {
    text.split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

/// The circulars the actor may read, latest first: public ones of the region, and internal
/// ones of the bodies the actor oversees with (supervisors, administrators) or naming the
/// actor's agency (its head).
pub async fn circulars(state: &AppState, actor: &Actor) -> Result<Vec<CircularView>, ServiceError> {
    can(actor, &Action::Supervise)?;
    let all_agencies: HashMap<i32, agencies::Model> = agencies::Entity::find()
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let rows = supervision_circulars::Entity::find()
        .order_by_desc(supervision_circulars::Column::IssuedOn)
        .order_by_desc(supervision_circulars::Column::Id)
        .all(&state.db.conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|c| {
            let body = all_agencies.get(&c.body_id)?;
            let named = ids_of(&c.agency_ids);
            let readable = match actor.role {
                Role::AgencyHead => {
                    c.scope == CircularScope::Public.as_str()
                        || actor.agency_id.is_some_and(|own| named.contains(&own))
                }
                _ => can(actor, &Action::ViewOversight(&body.scope())).is_ok(),
            };
            readable.then(|| CircularView {
                id: c.id,
                number: c.number,
                title: c.title,
                body: c.body,
                scope: CircularScope::parse(&c.scope).unwrap_or(CircularScope::Internal),
                agencies: named
                    .iter()
                    .filter_map(|id| all_agencies.get(id).map(agency_ref))
                    .collect(),
                issued_by: body.name.clone(),
                issued_on: c.issued_on,
            })
        })
        .collect())
}

/// Issues a circular of the supervisor's body, numbered in its year.
pub async fn issue_circular(
    state: &AppState,
    actor: &Actor,
    raw: &RawCircular,
) -> Result<CircularView, ServiceError> {
    let body = own_body(state, actor).await?;
    can(actor, &Action::RecordOversight(&body.scope()))?;
    let valid = oversight::validate_circular(raw).map_err(ServiceError::ValidationMany)?;
    let mut named = Vec::new();
    for code in &valid.agencies {
        named.push(target_agency(state, actor, code).await?);
    }
    let today = state.today();
    let year = today.year();
    let now = state.clock.now();
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    // The number is taken inside the unit of work (writes are serialised); the unique index
    // on (body, year, seq) refuses a second circular with the same number whatever happens.
    let last: Option<i32> = supervision_circulars::Entity::find()
        .select_only()
        .column_as(supervision_circulars::Column::Seq.max(), "max")
        .filter(supervision_circulars::Column::BodyId.eq(body.id))
        .filter(supervision_circulars::Column::Year.eq(year))
        .into_tuple::<Option<i32>>()
        .one(uow.txn())
        .await?
        .flatten();
    let seq = last.unwrap_or(0) + 1;
    let number =
        oversight::circular_number(&body.short_name, year, u32::try_from(seq).unwrap_or(1));
    let ids: Vec<String> = named.iter().map(|a| a.id.to_string()).collect();
    let row = supervision_circulars::Entity::insert(supervision_circulars::ActiveModel {
        body_id: Set(body.id),
        number: Set(number.clone()),
        year: Set(year),
        seq: Set(seq),
        title: Set(valid.title.clone()),
        body: Set(valid.body.clone()),
        scope: Set(valid.scope.as_str().into()),
        agency_ids: Set(ids.join(",")),
        issued_on: Set(today),
        issued_by: Set(actor.user_id),
        issued_at: Set(now),
        ..Default::default()
    })
    .exec_with_returning(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "supervision.circular",
        subject_type: "circular",
        subject_id: row.id.to_string(),
        payload: json!({
            "number": number, "title": valid.title, "scope": valid.scope.as_str(),
            "agency_ids": named.iter().map(|a| a.id).collect::<Vec<_>>(),
            // The text as published (private numbers masked), and a digest of the original.
            "published": oversight::published_text(&valid.body),
            "body_sha256": hex::encode(sha2::Sha256::digest(valid.body.as_bytes())),
        }),
    });
    uow.commit().await?;
    Ok(CircularView {
        id: row.id,
        number: row.number,
        title: row.title,
        body: row.body,
        scope: valid.scope,
        agencies: named.iter().map(agency_ref).collect(),
        issued_by: body.name,
        issued_on: row.issued_on,
    })
}

/// The public circulars, latest first, as the portal shows them (private data masked).
pub async fn public_circulars(state: &AppState) -> Result<Vec<PublicCircular>, ServiceError> {
    let all_agencies: HashMap<i32, agencies::Model> = agencies::Entity::find()
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    Ok(supervision_circulars::Entity::find()
        .filter(supervision_circulars::Column::Scope.eq(CircularScope::Public.as_str()))
        .order_by_desc(supervision_circulars::Column::IssuedOn)
        .order_by_desc(supervision_circulars::Column::Id)
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|c| PublicCircular {
            number: c.number,
            title: c.title,
            body: oversight::published_text(&c.body),
            agencies: ids_of(&c.agency_ids)
                .iter()
                .filter_map(|id| all_agencies.get(id).map(|a| a.name.clone()))
                .collect(),
            issued_by: all_agencies
                .get(&c.body_id)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            issued_on: c.issued_on,
        })
        .collect())
}
