//! Complaints, reports and evaluations (投诉举报、评议): submitted anonymously on the portal
//! (rate limited per client), tracked by their number, assigned by supervisors, handled and
//! answered by the agency's head. The rules are `tianping_domain::supervision::complaint`;
//! every write is an audit event in the same unit of work. The complainant's contact data is
//! returned only to the supervision side and never written to the audit log.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use serde_json::json;
use sha2::{Digest, Sha256};
use tianping_domain::{
    authz::{Action, Actor, can},
    i18n::{Lang, china_time},
    role::Role,
    supervision::complaint::{
        self, ComplaintError, ComplaintInput, ComplaintKind, ComplaintStatus, ComplaintStep,
        Handler, TrackingNumber,
    },
    validate::{Field, Rule, ValidationError},
};

use crate::{
    api::supervision_dto::{AgencyOption, ComplaintReceipt, ComplaintView, PublicComplaintView},
    ssr::rate_limit::{self, Form},
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, complaints, users},
        error::ServiceError,
    },
};

/// The audit subject type of complaint events.
pub const AUDIT_SUBJECT_TYPE: &str = "complaint";

fn tracking_number(day: chrono::NaiveDate) -> Result<TrackingNumber, ServiceError> {
    Ok(TrackingNumber::new(day, super::random_bytes()?))
}

/// Files a complaint from the portal. `client` is the caller's address (rate limiting).
pub async fn submit(
    state: &AppState,
    input: &ComplaintInput,
    client: &str,
) -> Result<ComplaintReceipt, ServiceError> {
    let valid = complaint::validate(input).map_err(ServiceError::ValidationMany)?;
    let now = state.clock.now();
    let day = china_time(now).date_naive();
    // A second identical submission (a second tap, a resend) answers the first one's receipt.
    let key = valid.submission_key(client, day);
    if let Some(receipt) = submitted(&state.db.conn, &key).await? {
        return Ok(receipt);
    }
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    // Once more now that this writer's turn has come: the same submission may have committed
    // while it waited, and a repeat must not count against the client's allowance.
    if let Some(receipt) = submitted(uow.txn(), &key).await? {
        return Ok(receipt);
    }
    let agency = agencies::Entity::find()
        .filter(agencies::Column::Code.eq(valid.agency_code.clone()))
        .one(uow.txn())
        .await?
        .ok_or(ValidationError::new(Field::Agency, Rule::Exists))?;
    rate_limit::admit(
        &uow,
        &state.settings.complaint_rate,
        Form::Complaint,
        client,
    )
    .await?;
    let deadlines = complaint::deadlines(day, &state.calendar(), &state.settings.complaint_rules);
    let number = tracking_number(day)?;
    let row = complaints::ActiveModel {
        tracking_no: Set(number.as_str().to_owned()),
        kind: Set(valid.kind.as_str().to_owned()),
        agency_id: Set(agency.id),
        case_number: Set(valid.case_number.clone()),
        subject: Set(valid.subject.clone()),
        content: Set(valid.content.clone()),
        rating: Set(valid.rating.map(i16::from)),
        contact_name: Set(valid.contact_name.clone()),
        contact_phone: Set(valid.contact_phone.clone()),
        status: Set(ComplaintStatus::Received.as_str().to_owned()),
        received_at: Set(now),
        received_on: Set(day),
        assign_by: Set(deadlines.assign_by),
        reply_by: Set(deadlines.reply_by),
        submission_key: Set(Some(key.clone())),
        ..Default::default()
    };
    // Atomic on the key: of two identical submissions at once, one inserts and the other
    // finds it (as the hotline's clue resends, issue 21 item 3).
    let inserted = match complaints::Entity::insert(row)
        .on_conflict_do_nothing_on([complaints::Column::SubmissionKey])
        .exec_with_returning(uow.txn())
        .await
    {
        Ok(sea_orm::TryInsertResult::Inserted(model)) => model,
        Ok(sea_orm::TryInsertResult::Empty | sea_orm::TryInsertResult::Conflicted)
        | Err(sea_orm::DbErr::RecordNotFound(_) | sea_orm::DbErr::RecordNotInserted) => {
            // Dropping the unit of work rolls its transaction back; the other submission's
            // commit is visible to a fresh read.
            drop(uow);
            return submitted(&state.db.conn, &key)
                .await?
                .ok_or_else(|| ServiceError::Internal("a conflicting complaint vanished".into()));
        }
        Err(e) => return Err(e.into()),
    };
    // The content is recorded by its hash; the contact data not at all.
    uow.record(NewEvent {
        actor: AuditActor::anonymous(),
        action: "complaint.submit",
        subject_type: AUDIT_SUBJECT_TYPE,
        subject_id: inserted.id.to_string(),
        payload: json!({
            "tracking_no": number.as_str(),
            "kind": valid.kind.as_str(),
            "agency_id": agency.id,
            "case_number": valid.case_number,
            "subject": valid.subject,
            "content_sha256": hex::encode(Sha256::digest(valid.content.as_bytes())),
            "rating": valid.rating,
            "reply_by": deadlines.reply_by.to_string(),
        }),
    });
    uow.commit().await?;
    Ok(ComplaintReceipt {
        tracking_no: number.as_str().to_owned(),
        reply_by: deadlines.reply_by,
    })
}

/// The receipt of the complaint a submission with this key filed, if one did.
async fn submitted(
    conn: &impl sea_orm::ConnectionTrait,
    key: &str,
) -> Result<Option<ComplaintReceipt>, ServiceError> {
    Ok(complaints::Entity::find()
        .filter(complaints::Column::SubmissionKey.eq(key))
        .one(conn)
        .await?
        .map(|c| ComplaintReceipt {
            tracking_no: c.tracking_no,
            reply_by: c.reply_by,
        }))
}

/// What the complainant (anyone holding the tracking number) sees: status, dates, the reply.
/// Never the content or contact data.
pub async fn public_status(
    state: &AppState,
    tracking_no: &str,
    lang: Lang,
) -> Result<PublicComplaintView, ServiceError> {
    let number = TrackingNumber::parse(tracking_no)
        .ok_or(ValidationError::new(Field::TrackingNumber, Rule::Malformed))?;
    let conn = &state.db.conn;
    let row = complaints::Entity::find()
        .filter(complaints::Column::TrackingNo.eq(number.as_str()))
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let names = crate::ssr::services::names::agency_names(&state.db.conn).await?;
    let status = parse_status(&row)?;
    let kind = ComplaintKind::parse(&row.kind).unwrap_or(ComplaintKind::Complaint);
    Ok(PublicComplaintView {
        tracking_no: row.tracking_no.clone(),
        kind_label: kind.label(lang).to_owned(),
        agency: names.get(&row.agency_id).cloned().unwrap_or_default(),
        subject: row.subject.clone(),
        status: status.as_str().to_owned(),
        status_label: status.label(lang).to_owned(),
        received_on: row.received_on,
        reply_by: row.reply_by,
        assigned_to: row
            .assigned_agency_id
            .and_then(|id| names.get(&id).cloned()),
        answered_on: row.answered_on,
        reply: row.reply.clone(),
    })
}

fn parse_status(row: &complaints::Model) -> Result<ComplaintStatus, ServiceError> {
    ComplaintStatus::parse(&row.status)
        .ok_or_else(|| ServiceError::Internal(format!("complaint {} has a bad status", row.id)))
}

/// The complaints an actor handles: supervisors those about or assigned to an agency of their
/// region, agency heads those assigned to their agency, admins all (read only). Unanswered and
/// oldest first.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<ComplaintView>, ServiceError> {
    can(actor, &Action::Supervise)?;
    let visible = super::agencies_where(state, actor, |a| Action::ViewComplaints(a)).await?;
    let ids: Vec<i32> = visible.keys().copied().collect();
    let scope = if actor.role == Role::AgencyHead {
        Condition::all().add(complaints::Column::AssignedAgencyId.is_in(ids))
    } else {
        Condition::any()
            .add(complaints::Column::AgencyId.is_in(ids.clone()))
            .add(complaints::Column::AssignedAgencyId.is_in(ids))
    };
    let conn = &state.db.conn;
    let rows = complaints::Entity::find()
        .filter(scope)
        .order_by_asc(complaints::Column::ReceivedAt)
        .limit(1000)
        .all(conn)
        .await?;
    let people: HashMap<i32, String> = users::Entity::find()
        .filter(
            users::Column::Id.is_in(
                rows.iter()
                    .flat_map(|r| [r.assigned_by, r.handled_by, r.replied_by])
                    .flatten(),
            ),
        )
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let names = crate::ssr::services::names::agency_names(&state.db.conn).await?;
    let today = state.today();
    let options: Vec<AgencyOption> = if actor.role == Role::Supervisor {
        let mut v: Vec<AgencyOption> = visible
            .values()
            .map(|a| AgencyOption {
                id: a.id,
                name: a.name.clone(),
            })
            .collect();
        v.sort_by(|a, b| a.name.cmp(&b.name));
        v
    } else {
        Vec::new()
    };
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let status = parse_status(&row)?;
        let kind = ComplaintKind::parse(&row.kind).unwrap_or(ComplaintKind::Complaint);
        let who = Handler {
            role: actor.role,
            of_assigned_agency: row.assigned_agency_id.is_some()
                && row.assigned_agency_id == actor.agency_id,
        };
        let allowed = |step: &ComplaintStep| {
            !matches!(
                complaint::apply(status, who, step),
                Err(ComplaintError::Forbidden | ComplaintError::WrongStatus(_))
            )
        };
        let person = |id: Option<i32>| id.and_then(|i| people.get(&i).cloned());
        out.push(ComplaintView {
            id: row.id,
            tracking_no: row.tracking_no.clone(),
            kind: kind.as_str().to_owned(),
            kind_label: kind.label(lang).to_owned(),
            agency: names.get(&row.agency_id).cloned().unwrap_or_default(),
            case_number: row.case_number.clone(),
            subject: row.subject.clone(),
            content: row.content.clone(),
            rating: row.rating,
            contact_name: row.contact_name.clone(),
            contact_phone: row.contact_phone.clone(),
            status: status.as_str().to_owned(),
            status_label: status.label(lang).to_owned(),
            received_at: china_time(row.received_at).to_rfc3339(),
            assign_by: row.assign_by,
            reply_by: row.reply_by,
            overdue: complaint::overdue(row.reply_by, row.answered_on, today),
            assigned_to: row
                .assigned_agency_id
                .and_then(|id| names.get(&id).cloned()),
            assigned_by: person(row.assigned_by),
            handling_note: row.handling_note.clone(),
            handled_by: person(row.handled_by),
            reply: row.reply.clone(),
            replied_by: person(row.replied_by),
            answered_on: row.answered_on,
            can_assign: allowed(&ComplaintStep::Assign { agency_id: 0 }),
            can_handle: allowed(&ComplaintStep::Handle {
                note: "x".to_owned(),
            }),
            can_reply: allowed(&ComplaintStep::Reply {
                reply: "x".to_owned(),
            }),
            agencies: options.clone(),
        });
    }
    out.sort_by_key(|c| (c.status == ComplaintStatus::Answered.as_str(), c.reply_by));
    Ok(out)
}

fn refused(e: ComplaintError) -> ServiceError {
    match e {
        ComplaintError::Forbidden => ServiceError::Forbidden,
        ComplaintError::WrongStatus(s) => ServiceError::ComplaintRefused(s),
        ComplaintError::Invalid(v) => ServiceError::Validation(v),
    }
}

/// Assigns, handles or answers a complaint.
pub async fn step(
    state: &AppState,
    actor: &Actor,
    complaint_id: i32,
    step: &ComplaintStep,
) -> Result<(), ServiceError> {
    can(actor, &Action::Supervise)?;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let query = uow.locked(complaints::Entity::find_by_id(complaint_id));
    let row = query.one(uow.txn()).await?.ok_or(ServiceError::NotFound)?;
    // Visible when the actor oversees the agency concerned or the agency it is assigned to;
    // agency heads only the complaints assigned to their agency.
    let mut visible = false;
    for id in [Some(row.agency_id), row.assigned_agency_id]
        .into_iter()
        .flatten()
    {
        if actor.role == Role::AgencyHead && Some(id) != row.assigned_agency_id {
            continue;
        }
        if let Some(a) = agencies::Entity::find_by_id(id).one(uow.txn()).await?
            && can(actor, &Action::ViewComplaints(&a.scope())).is_ok()
        {
            visible = true;
        }
    }
    if !visible {
        return Err(ServiceError::NotFound);
    }
    let status = parse_status(&row)?;
    let who = Handler {
        role: actor.role,
        of_assigned_agency: row.assigned_agency_id.is_some()
            && row.assigned_agency_id == actor.agency_id,
    };
    let (next, text) = complaint::apply(status, who, step).map_err(refused)?;
    let now = uow.now();
    let mut active: complaints::ActiveModel = row.clone().into();
    active.status = Set(next.as_str().to_owned());
    let (action, payload) = match step {
        ComplaintStep::Assign { agency_id } => {
            let target = agencies::Entity::find_by_id(*agency_id)
                .one(uow.txn())
                .await?
                .ok_or(ValidationError::new(Field::Agency, Rule::Exists))?;
            if can(actor, &Action::ViewComplaints(&target.scope())).is_err() {
                return Err(ValidationError::new(Field::Agency, Rule::Exists).into());
            }
            active.assigned_agency_id = Set(Some(target.id));
            active.assigned_by = Set(Some(actor.user_id));
            active.assigned_at = Set(Some(now));
            ("complaint.assign", json!({"agency_id": target.id}))
        }
        ComplaintStep::Handle { .. } => {
            active.handling_note = Set(Some(text.clone()));
            active.handled_by = Set(Some(actor.user_id));
            active.handled_at = Set(Some(now));
            ("complaint.handle", json!({"note": text}))
        }
        ComplaintStep::Reply { .. } => {
            active.reply = Set(Some(text.clone()));
            active.replied_by = Set(Some(actor.user_id));
            active.replied_at = Set(Some(now));
            active.answered_on = Set(Some(china_time(now).date_naive()));
            ("complaint.reply", json!({"reply": text}))
        }
    };
    active.update(uow.txn()).await?;
    let mut payload = payload;
    payload["status"] = json!(next.as_str());
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action,
        subject_type: AUDIT_SUBJECT_TYPE,
        subject_id: complaint_id.to_string(),
        payload,
    });
    uow.commit().await?;
    Ok(())
}

/// The agencies complaints may be about (for the portal form), by name.
pub async fn agency_options(state: &AppState) -> Result<Vec<(String, String)>, ServiceError> {
    let mut v: Vec<(String, String)> = agencies::Entity::find()
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|a| (a.code, a.name))
        .collect();
    v.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(v)
}
