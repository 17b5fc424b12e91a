//! Clue intake (案源登记): external systems push clues into an agency's queue; staff read the
//! queue. Idempotent on the sender's reference: the same clue sent twice is stored once.
//!
//! A clue that names no agency, from a sender bound to none (the city's 12345 hotline, a grid
//! platform), is routed by the agencies' routing rules (`supervision::routing`); what no rule
//! decides waits in the supervision body's queue (`to_assign`), as does a clue an agency sends
//! back as outside its powers; the body's supervisors assign it.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, sea_query::Expr,
};
use serde_json::json;
use tianping_domain::{
    agency::AgencyKind,
    authz::{Action, Actor, can},
    clue::{self, RawClue},
    i18n::Lang,
    supervision::routing::{self, Candidate, MatterRule, RoutedBy, RoutingRecord},
    validate::{Field, Rule, ValidationError},
};

use crate::{
    api::dto::{
        AgencyRef, ClueAssignForm, ClueReceipt, ClueReturnForm, ClueRouting, ClueRoutingRuleView,
        ClueView,
    },
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, clue_routing_rules, clues},
        error::ServiceError,
    },
};

/// Status of a clue in an enforcement agency's queue.
const PENDING: &str = "pending";
/// Status of a clue waiting in a supervision body's queue to be assigned.
const TO_ASSIGN: &str = "to_assign";

/// Receives a clue for the agency named in it, or the sender's own agency, or — from a sender
/// bound to no agency — the agency the routing rules choose (else the supervision body).
pub async fn receive(
    state: &AppState,
    actor: &Actor,
    raw: &RawClue,
    lang: Lang,
) -> Result<ClueReceipt, ServiceError> {
    let now = state.clock.now();
    let parsed = clue::parse(raw, now).map_err(ServiceError::ValidationMany)?;
    let (agency, record) = match (&parsed.agency_code, actor.agency_id) {
        (Some(code), _) => (
            agencies::Entity::find()
                .filter(agencies::Column::Code.eq(code.clone()))
                .one(&state.db.conn)
                .await?
                .filter(|a| a.kind == AgencyKind::Enforcement.as_str()),
            sender_record(),
        ),
        (None, Some(own)) => (
            agencies::Entity::find_by_id(own)
                .one(&state.db.conn)
                .await?
                .filter(|a| a.kind == AgencyKind::Enforcement.as_str()),
            sender_record(),
        ),
        (None, None) => {
            let (agency, record) = route(&state.db.conn, &parsed).await?;
            (Some(agency), record)
        }
    };
    let agency = agency.ok_or(ServiceError::Validation(ValidationError::new(
        Field::Agency,
        Rule::Exists,
    )))?;
    // A routed clue may land in the supervision body's queue: the sender's right is to submit
    // to the region's agencies, which a city-wide sender has for every one.
    can(actor, &Action::SubmitClue(&agency.scope()))?;

    // A resend answers from what is stored, without taking the write path.
    if let Some(receipt) = resent(&state.db.conn, actor.user_id, &parsed.reference, lang).await? {
        return Ok(receipt);
    }
    let status = if record.by.awaits_assignment() {
        TO_ASSIGN
    } else {
        PENDING
    };
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
        status: Set(status.into()),
        decline_reason: Set(None),
        received_at: Set(now),
        decided_at: Set(None),
        decided_by: Set(None),
        routed_by: Set(record.by.as_str().into()),
        routing_matter: Set(record.matter.clone()),
        routing_matched: Set(lines(&record.matched)),
        routing_note: Set(record.note.clone()),
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
            return resent(&state.db.conn, actor.user_id, &parsed.reference, lang)
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
            "routing": routing_payload(&record),
        }),
    });
    uow.commit().await?;
    Ok(ClueReceipt {
        id: model.id,
        agency: agency.code,
        routing: routing_view(&record, lang),
        reference: model.reference,
        duplicate: false,
    })
}

fn sender_record() -> RoutingRecord {
    RoutingRecord {
        by: RoutedBy::Sender,
        matter: None,
        matched: Vec::new(),
        note: None,
    }
}

/// Routes a clue that names no agency: the agency the rules choose, or the supervision body
/// of the clue's region (the one its location names, else the first) with why.
async fn route<C: ConnectionTrait>(
    conn: &C,
    parsed: &clue::Clue,
) -> Result<(agencies::Model, RoutingRecord), ServiceError> {
    let all = agencies::Entity::find()
        .order_by_asc(agencies::Column::Id)
        .all(conn)
        .await?;
    let enforcement: Vec<&agencies::Model> = all
        .iter()
        .filter(|a| a.kind == AgencyKind::Enforcement.as_str())
        .collect();
    let candidates: Vec<Candidate> = enforcement
        .iter()
        .map(|a| Candidate {
            agency_id: a.id,
            region_code: a.region_code.clone(),
            region_name: a.region_name.clone(),
        })
        .collect();
    let rules = active_rules(conn).await?;
    let outcome = routing::route(
        &parsed.title,
        &parsed.description,
        &parsed.location,
        &candidates,
        &rules,
    );
    let name = |id: i32| {
        all.iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let record = RoutingRecord::of(&outcome, name);
    if let routing::Outcome::Routed { agency_id, .. } = outcome
        && let Some(agency) = all.iter().find(|a| a.id == agency_id)
    {
        return Ok((agency.clone(), record));
    }
    let bodies: Vec<&agencies::Model> = all
        .iter()
        .filter(|a| a.kind == AgencyKind::Supervision.as_str())
        .collect();
    let body = bodies
        .iter()
        .find(|b| parsed.location.contains(b.region_name.trim()))
        .or(bodies.first())
        // No one to route to and no one to assign: the sender must name the agency.
        .ok_or(ServiceError::Validation(ValidationError::new(
            Field::Agency,
            Rule::Required,
        )))?;
    Ok(((*body).clone(), record))
}

/// The active routing rules, in their agencies' order.
async fn active_rules<C: ConnectionTrait>(conn: &C) -> Result<Vec<MatterRule>, ServiceError> {
    Ok(clue_routing_rules::Entity::find()
        .filter(clue_routing_rules::Column::Active.eq(true))
        .order_by_asc(clue_routing_rules::Column::AgencyId)
        .order_by_asc(clue_routing_rules::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| MatterRule {
            agency_id: r.agency_id,
            matter: r.matter,
            keywords: r.keywords.lines().map(str::to_owned).collect(),
        })
        .collect())
}

fn lines(words: &[String]) -> Option<String> {
    (!words.is_empty()).then(|| words.join("\n"))
}

fn routing_payload(record: &RoutingRecord) -> serde_json::Value {
    json!({
        "by": record.by.as_str(), "matter": record.matter, "matched": record.matched,
        "note": record.note,
    })
}

fn routing_view(record: &RoutingRecord, lang: Lang) -> ClueRouting {
    ClueRouting {
        by: record.by,
        matter: record.matter.clone(),
        matched: record.matched.clone(),
        explanation: record.describe(lang),
    }
}

fn record_of(c: &clues::Model) -> RoutingRecord {
    RoutingRecord {
        by: RoutedBy::parse(&c.routed_by).unwrap_or(RoutedBy::Sender),
        matter: c.routing_matter.clone(),
        matched: c
            .routing_matched
            .as_deref()
            .map(|m| m.lines().map(str::to_owned).collect())
            .unwrap_or_default(),
        note: c.routing_note.clone(),
    }
}

/// The receipt of a clue this sender already sent with this reference, if any.
async fn resent(
    conn: &impl ConnectionTrait,
    sender: i32,
    reference: &str,
    lang: Lang,
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
        routing: routing_view(&record_of(&found), lang),
        reference: found.reference,
        duplicate: true,
    }))
}

/// The clues the actor may see, newest first.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<ClueView>, ServiceError> {
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
            Some(view(c, agency, actor, lang))
        })
        .collect())
}

fn view(c: clues::Model, agency: &agencies::Model, actor: &Actor, lang: Lang) -> ClueView {
    let scope = agency.scope();
    let record = record_of(&c);
    ClueView {
        id: c.id,
        agency: AgencyRef {
            id: agency.id,
            name: agency.name.clone(),
        },
        source: clue::ClueSource::parse(&c.source).unwrap_or(clue::ClueSource::Referral),
        reference: c.reference,
        title: c.title,
        description: c.description,
        location: c.location,
        reported_at: tianping_domain::i18n::china_time(c.reported_at).to_rfc3339(),
        received_at: tianping_domain::i18n::china_time(c.received_at).to_rfc3339(),
        reporter_name: c.reporter_name,
        reporter_phone: c.reporter_phone,
        can_return: c.status == PENDING && can(actor, &Action::ReturnClue(&scope)).is_ok(),
        can_assign: c.status == TO_ASSIGN && can(actor, &Action::AssignClue(&scope)).is_ok(),
        status: c.status,
        routing: routing_view(&record, lang),
    }
}

/// Sends a clue back from the agency's queue to its region's supervision body: not the
/// agency's matter, with the reason.
pub async fn send_back(
    state: &AppState,
    actor: &Actor,
    id: i32,
    form: &ClueReturnForm,
    lang: Lang,
) -> Result<ClueView, ServiceError> {
    let (clue, agency) = clue_and_agency(state, actor, id).await?;
    can(actor, &Action::ReturnClue(&agency.scope()))?;
    let reason = routing::reason(&form.reason, true)?;
    if clue.status != PENDING {
        return Err(not_waiting(lang));
    }
    let body = agencies::Entity::find()
        .filter(agencies::Column::Kind.eq(AgencyKind::Supervision.as_str()))
        .order_by_asc(agencies::Column::Id)
        .all(&state.db.conn)
        .await?;
    let body = body
        .iter()
        .find(|b| b.region_code == agency.region_code)
        .or(body.first())
        .cloned()
        .ok_or_else(|| {
            ServiceError::Internal("no supervision body to send clues back to".into())
        })?;
    let record = RoutingRecord {
        by: RoutedBy::Returned,
        matter: None,
        matched: Vec::new(),
        note: reason,
    };
    move_clue(
        state,
        actor,
        &clue,
        &body,
        TO_ASSIGN,
        &record,
        "clue.return",
        lang,
    )
    .await
}

/// Assigns a clue waiting in the supervision body's queue to an enforcement agency of the
/// supervisor's region.
pub async fn assign(
    state: &AppState,
    actor: &Actor,
    id: i32,
    form: &ClueAssignForm,
    lang: Lang,
) -> Result<ClueView, ServiceError> {
    let (clue, body) = clue_and_agency(state, actor, id).await?;
    can(actor, &Action::AssignClue(&body.scope()))?;
    let note = routing::reason(&form.note, false)?;
    let target = agencies::Entity::find()
        .filter(agencies::Column::Code.eq(form.agency.trim()))
        .one(&state.db.conn)
        .await?
        .filter(|a| {
            a.kind == AgencyKind::Enforcement.as_str()
                && can(actor, &Action::ViewAgency(&a.scope())).is_ok()
        })
        .ok_or(ServiceError::Validation(ValidationError::new(
            Field::Agency,
            if form.agency.trim().is_empty() {
                Rule::Required
            } else {
                Rule::Exists
            },
        )))?;
    if clue.status != TO_ASSIGN {
        return Err(not_waiting(lang));
    }
    let record = RoutingRecord {
        by: RoutedBy::Supervisor,
        matter: None,
        matched: Vec::new(),
        note,
    };
    move_clue(
        state,
        actor,
        &clue,
        &target,
        PENDING,
        &record,
        "clue.assign",
        lang,
    )
    .await
}

fn not_waiting(lang: Lang) -> ServiceError {
    ServiceError::StateConflict(
        lang.pick(
            "该线索已不在待处理状态（已登记、已不予立案或已转出），请刷新后再看",
            "This clue is no longer waiting here (registered, declined or moved): reload the page",
        )
        .to_owned(),
    )
}

/// A clue and the agency whose queue it is in, if the actor may see that queue.
async fn clue_and_agency(
    state: &AppState,
    actor: &Actor,
    id: i32,
) -> Result<(clues::Model, agencies::Model), ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let clue = clues::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(clue.agency_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(actor, &Action::ViewClues(&agency.scope()))?;
    Ok((clue, agency))
}

/// Moves a clue to `to`'s queue with `status`, if it is still where and as it was read (else
/// someone moved it first: nothing is written), with one audit event.
#[allow(clippy::too_many_arguments)]
async fn move_clue(
    state: &AppState,
    actor: &Actor,
    clue: &clues::Model,
    to: &agencies::Model,
    status: &str,
    record: &RoutingRecord,
    action: &'static str,
    lang: Lang,
) -> Result<ClueView, ServiceError> {
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let moved = clues::Entity::update_many()
        .col_expr(clues::Column::AgencyId, Expr::value(to.id))
        .col_expr(clues::Column::Status, Expr::value(status))
        .col_expr(clues::Column::RoutedBy, Expr::value(record.by.as_str()))
        .col_expr(
            clues::Column::RoutingMatter,
            Expr::value(record.matter.clone()),
        )
        .col_expr(
            clues::Column::RoutingMatched,
            Expr::value(lines(&record.matched)),
        )
        .col_expr(clues::Column::RoutingNote, Expr::value(record.note.clone()))
        .filter(clues::Column::Id.eq(clue.id))
        .filter(clues::Column::AgencyId.eq(clue.agency_id))
        .filter(clues::Column::Status.eq(clue.status.clone()))
        .exec(uow.txn())
        .await?;
    if moved.rows_affected != 1 {
        return Err(not_waiting(lang));
    }
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action,
        subject_type: "clue",
        subject_id: clue.id.to_string(),
        payload: json!({
            "from_agency_id": clue.agency_id, "agency_id": to.id, "status": status,
            "routing": routing_payload(record),
        }),
    });
    let fresh = clues::Entity::find_by_id(clue.id)
        .one(uow.txn())
        .await?
        .ok_or(ServiceError::NotFound)?;
    uow.commit().await?;
    Ok(view(fresh, to, actor, lang))
}

/// The active routing rules of the agencies the actor may see (the clue queues' readers).
pub async fn rules(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<ClueRoutingRuleView>, ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let visible = super::agencies_where(state, actor, |s| Action::ViewClues(s)).await?;
    if visible.is_empty() {
        return Err(ServiceError::Forbidden);
    }
    Ok(clue_routing_rules::Entity::find()
        .filter(clue_routing_rules::Column::Active.eq(true))
        .filter(clue_routing_rules::Column::AgencyId.is_in(visible.keys().copied()))
        .order_by_asc(clue_routing_rules::Column::AgencyId)
        .order_by_asc(clue_routing_rules::Column::Position)
        .all(&state.db.conn)
        .await?
        .into_iter()
        .filter_map(|r| {
            let agency = visible.get(&r.agency_id)?;
            Some(ClueRoutingRuleView {
                id: r.id,
                agency: AgencyRef {
                    id: agency.id,
                    name: agency.name.clone(),
                },
                matter: r.matter,
                keywords: r.keywords.lines().map(str::to_owned).collect(),
            })
        })
        .collect())
}

/// Writes an agency's routing rules (seed and administration): each matter with its words,
/// in order, replacing none (the caller adds to an empty list).
pub(crate) async fn add_rules(
    state: &AppState,
    actor: AuditActor,
    agency_id: i32,
    matters: &[(&str, &str)],
) -> Result<(), ServiceError> {
    let now = state.clock.now();
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    for (position, (matter, words)) in matters.iter().enumerate() {
        let words = routing::keywords(words)?;
        let row = clue_routing_rules::ActiveModel {
            agency_id: Set(agency_id),
            matter: Set((*matter).to_owned()),
            keywords: Set(words.join("\n")),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        };
        let inserted = clue_routing_rules::Entity::insert(row)
            .exec(uow.txn())
            .await?;
        uow.record(NewEvent {
            actor: actor.clone(),
            action: "clue_routing_rule.add",
            subject_type: "agency",
            subject_id: agency_id.to_string(),
            payload: json!({
                "rule_id": inserted.last_insert_id, "matter": matter, "keywords": words,
            }),
        });
    }
    uow.commit().await?;
    Ok(())
}
