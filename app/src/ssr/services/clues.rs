//! Clue intake (案源登记): external systems push clues into an agency's queue; staff read the
//! queue. Idempotent on the sender's reference: the same clue sent twice is stored once.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use tianping_domain::{
    agency::AgencyKind,
    authz::{Action, Actor, can},
    clue::{self, RawClue},
    validate::{Field, Rule, ValidationError},
};

use crate::{
    api::dto::{AgencyRef, ClueReceipt, ClueView},
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, clues},
        error::ServiceError,
    },
};

/// Receives a clue for the agency named in it (or the sender's own agency).
pub async fn receive(
    state: &AppState,
    actor: &Actor,
    raw: &RawClue,
) -> Result<ClueReceipt, ServiceError> {
    let now = state.clock.now();
    let parsed = clue::parse(raw, now).map_err(ServiceError::ValidationMany)?;
    let agency = match (&parsed.agency_code, actor.agency_id) {
        (Some(code), _) => {
            agencies::Entity::find()
                .filter(agencies::Column::Code.eq(code.clone()))
                .one(&state.db.conn)
                .await?
        }
        (None, Some(own)) => {
            agencies::Entity::find_by_id(own)
                .one(&state.db.conn)
                .await?
        }
        (None, None) => return Err(ValidationError::new(Field::Agency, Rule::Required).into()),
    }
    .filter(|a| a.kind == AgencyKind::Enforcement.as_str())
    .ok_or(ServiceError::Validation(ValidationError::new(
        Field::Agency,
        Rule::Exists,
    )))?;
    can(actor, &Action::SubmitClue(&agency.scope()))?;

    // A resend answers from what is stored, without taking the write path.
    if let Some(receipt) = resent(&state.db.conn, actor.user_id, &parsed.reference).await? {
        return Ok(receipt);
    }
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    let row = clues::ActiveModel {
        agency_id: Set(agency.id),
        submitted_by: Set(actor.user_id),
        source: Set(parsed.source.as_str().to_owned()),
        reference: Set(parsed.reference.clone()),
        title: Set(parsed.title.clone()),
        description: Set(parsed.description.clone()),
        location: Set(parsed.location.clone()),
        reported_at: Set(parsed.reported_at),
        reporter_name: Set(parsed.reporter_name.clone()),
        reporter_phone: Set(parsed.reporter_phone.clone()),
        status: Set("pending".into()),
        decline_reason: Set(None),
        received_at: Set(now),
        decided_at: Set(None),
        decided_by: Set(None),
        ..Default::default()
    };
    // Atomic on the sender's reference (issue 21 item 3): of simultaneous resends, one inserts
    // and the others find the conflict and answer as a resend, never a unique-constraint 500.
    let inserted = clues::Entity::insert(row)
        .on_conflict_do_nothing_on([clues::Column::SubmittedBy, clues::Column::Reference])
        .exec_with_returning(uow.txn())
        .await;
    let model = match inserted {
        Ok(sea_orm::TryInsertResult::Inserted(model)) => model,
        // Nothing came back: the conflict did nothing (on PostgreSQL sea-orm reports the empty
        // `RETURNING` as a record not found).
        Ok(sea_orm::TryInsertResult::Empty | sea_orm::TryInsertResult::Conflicted)
        | Err(sea_orm::DbErr::RecordNotFound(_) | sea_orm::DbErr::RecordNotInserted) => {
            // Dropping the unit of work rolls back its (empty) transaction; the other
            // sender's commit is visible to a fresh read.
            drop(uow);
            return resent(&state.db.conn, actor.user_id, &parsed.reference)
                .await?
                .ok_or_else(|| ServiceError::Internal("a conflicting clue vanished".into()));
        }
        Err(e) => return Err(e.into()),
    };
    // The reporter's name and phone are private: they stay out of the audit log.
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "clue.receive",
        subject_type: "clue",
        subject_id: model.id.to_string(),
        payload: json!({
            "agency_id": agency.id, "source": model.source, "reference": model.reference,
            "title": model.title, "location": model.location,
            "reported_at": tianping_domain::audit::format_timestamp(model.reported_at),
            "has_reporter": model.reporter_name.is_some() || model.reporter_phone.is_some(),
        }),
    });
    uow.commit().await?;
    Ok(ClueReceipt {
        id: model.id,
        agency: agency.code,
        reference: model.reference,
        duplicate: false,
    })
}

/// The receipt of a clue this sender already sent with this reference, if any.
async fn resent(
    conn: &impl sea_orm::ConnectionTrait,
    sender: i32,
    reference: &str,
) -> Result<Option<ClueReceipt>, ServiceError> {
    let Some(found) = clues::Entity::find()
        .filter(clues::Column::SubmittedBy.eq(sender))
        .filter(clues::Column::Reference.eq(reference))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let code = agencies::Entity::find_by_id(found.agency_id)
        .one(conn)
        .await?
        .map(|a| a.code)
        .unwrap_or_default();
    Ok(Some(ClueReceipt {
        id: found.id,
        agency: code,
        reference: found.reference,
        duplicate: true,
    }))
}

/// The clues the actor may see, newest first.
pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<ClueView>, ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let visible = super::agencies_where(state, actor, |s| Action::ViewClues(s)).await?;
    if visible.is_empty() {
        return Err(ServiceError::Forbidden);
    }
    let rows = clues::Entity::find()
        .filter(clues::Column::AgencyId.is_in(visible.keys().copied()))
        .order_by_desc(clues::Column::ReceivedAt)
        .order_by_desc(clues::Column::Id)
        .all(&state.db.conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|c| {
            let agency = visible.get(&c.agency_id)?;
            Some(ClueView {
                id: c.id,
                agency: AgencyRef {
                    id: agency.id,
                    name: agency.name.clone(),
                },
                source: clue::ClueSource::parse(&c.source)?,
                reference: c.reference,
                title: c.title,
                description: c.description,
                location: c.location,
                reported_at: tianping_domain::i18n::china_time(c.reported_at).to_rfc3339(),
                received_at: tianping_domain::i18n::china_time(c.received_at).to_rfc3339(),
                reporter_name: c.reporter_name,
                reporter_phone: c.reporter_phone,
                status: c.status,
            })
        })
        .collect())
}
