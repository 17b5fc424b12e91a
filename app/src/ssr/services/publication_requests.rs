//! Requests of the public about a published decision (公示信息更正、信用修复提前移出): made on the
//! decision's portal page (anonymous, rate limited per client like complaints), tracked by their
//! number, decided by the publishing agency within the review deadline; supervisors read them
//! and see the late ones. The rules are `tianping_domain::publicity::request`; every write is
//! an audit event in the same unit of work. The requester's name, phone and reason are
//! returned only to the agency's and the supervision side and never written to the audit log.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::json;
use sha2::{Digest, Sha256};
use tianping_domain::{
    authz::{Action, Actor, AgencyScope, Denied, can},
    case,
    i18n::{Lang, china_time},
    publicity::{
        PublicationStatus, WithdrawalBasis, is_public,
        request::{
            self, Handler, RequestError, RequestInput, RequestKind, RequestNumber, RequestStatus,
            RequestStep,
        },
    },
    validate::{Field, Rule, ValidationError},
};

use crate::{
    api::{
        publicity_dto::PublicCorrection,
        request_dto::{PublicRequestView, PublicationRequestView, RequestReceipt},
    },
    ssr::rate_limit::{self, Form},
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, publication_requests, publications, users},
        error::ServiceError,
    },
};

/// The audit subject type of request events.
pub const AUDIT_SUBJECT_TYPE: &str = "publication_request";

fn tracking_number(day: chrono::NaiveDate) -> Result<RequestNumber, ServiceError> {
    Ok(RequestNumber::new(day, super::random_bytes()?))
}

fn parse_status(row: &publication_requests::Model) -> Result<RequestStatus, ServiceError> {
    RequestStatus::parse(&row.status)
        .ok_or_else(|| ServiceError::Internal(format!("request {} has a bad status", row.id)))
}

fn parse_kind(row: &publication_requests::Model) -> Result<RequestKind, ServiceError> {
    RequestKind::parse(&row.kind)
        .ok_or_else(|| ServiceError::Internal(format!("request {} has a bad kind", row.id)))
}

fn publication_status(p: &publications::Model) -> Result<PublicationStatus, ServiceError> {
    PublicationStatus::parse(&p.status)
        .ok_or_else(|| ServiceError::Internal(format!("publication {} has a bad status", p.id)))
}

/// Files a request on the public decision `publication_id`. `client` is the caller's address
/// (rate limiting). A record the public does not see answers as not found.
pub async fn submit(
    state: &AppState,
    publication_id: i32,
    input: &RequestInput,
    client: &str,
    lang: Lang,
) -> Result<RequestReceipt, ServiceError> {
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let now = uow.now();
    let day = china_time(now).date_naive();
    let p = publications::Entity::find_by_id(publication_id)
        .one(uow.txn())
        .await?
        .ok_or(ServiceError::NotFound)?;
    match request::eligible(publication_status(&p)?, p.display_until, day) {
        Ok(()) => {}
        Err(request::Ineligible::NotPublic) => return Err(ServiceError::NotFound),
        Err(e) => return Err(ServiceError::StateConflict(e.message(lang).to_owned())),
    }
    let valid = request::validate(
        input,
        p.published_on.unwrap_or(p.decided_on),
        day,
        &state.settings.publication_rules,
    )
    .map_err(ServiceError::ValidationMany)?;
    rate_limit::admit(
        &uow,
        &state.settings.request_rate,
        Form::PublicationRequest,
        client,
    )
    .await?;
    let review_by = request::review_by(day, &state.calendar(), &state.settings.request_rules);
    let number = tracking_number(day)?;
    let inserted = publication_requests::ActiveModel {
        tracking_no: Set(number.as_str().to_owned()),
        publication_id: Set(p.id),
        agency_id: Set(p.agency_id),
        kind: Set(valid.kind.as_str().to_owned()),
        requester_name: Set(valid.requester_name.clone()),
        contact_phone: Set(valid.contact_phone.clone()),
        reason: Set(valid.reason.clone()),
        status: Set(RequestStatus::Submitted.as_str().to_owned()),
        received_at: Set(now),
        received_on: Set(day),
        review_by: Set(review_by),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    // The reason is recorded by its hash; the requester's name and phone not at all.
    uow.record(NewEvent {
        actor: AuditActor::anonymous(),
        action: "publication_request.submit",
        subject_type: AUDIT_SUBJECT_TYPE,
        subject_id: inserted.id.to_string(),
        payload: json!({
            "tracking_no": number.as_str(),
            "publication_id": p.id,
            "kind": valid.kind.as_str(),
            "reason_sha256": hex::encode(Sha256::digest(valid.reason.as_bytes())),
            "review_by": review_by.to_string(),
        }),
    });
    uow.commit().await?;
    Ok(RequestReceipt {
        tracking_no: number.as_str().to_owned(),
        review_by,
    })
}

/// What anyone holding the tracking number sees: the kind, the decision, the dates and the
/// answer. Never the requester's name, phone or reason.
pub async fn public_status(
    state: &AppState,
    tracking_no: &str,
    lang: Lang,
) -> Result<PublicRequestView, ServiceError> {
    let number = RequestNumber::parse(tracking_no)
        .ok_or(ValidationError::new(Field::TrackingNumber, Rule::Malformed))?;
    let conn = &state.db.conn;
    let row = publication_requests::Entity::find()
        .filter(publication_requests::Column::TrackingNo.eq(number.as_str()))
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let p = publications::Entity::find_by_id(row.publication_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(conn)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let status = parse_status(&row)?;
    let kind = parse_kind(&row)?;
    Ok(PublicRequestView {
        tracking_no: row.tracking_no.clone(),
        kind: kind.as_str().to_owned(),
        kind_label: kind.label(lang).to_owned(),
        decision_id: p.id,
        decision_number: p.number.clone(),
        agency,
        status: status.as_str().to_owned(),
        status_label: status.label(lang).to_owned(),
        received_on: row.received_on,
        review_by: row.review_by,
        answered_on: row.answered_on,
        answer: row.answer.clone(),
        public_note: row.public_note.clone(),
    })
}

/// The accepted corrections of a record, oldest first (its public page shows them).
pub async fn corrections(
    conn: &impl ConnectionTrait,
    publication_id: i32,
) -> Result<Vec<PublicCorrection>, ServiceError> {
    Ok(publication_requests::Entity::find()
        .filter(publication_requests::Column::PublicationId.eq(publication_id))
        .filter(publication_requests::Column::Kind.eq(RequestKind::Correction.as_str()))
        .filter(publication_requests::Column::Status.eq(RequestStatus::Accepted.as_str()))
        .order_by_asc(publication_requests::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(PublicCorrection {
                on: r.answered_on?,
                note: r.public_note?,
            })
        })
        .collect())
}

/// The requests an actor reads: officers and heads their agency's (to decide them),
/// supervisors their region's, admins all. Open ones first, by deadline.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<PublicationRequestView>, ServiceError> {
    // Roles that never read requests are refused whatever the agency.
    let nowhere = AgencyScope {
        agency_id: -1,
        region_code: String::new(),
    };
    if can(actor, &Action::ViewPublicationRequests(&nowhere)) == Err(Denied::Forbidden) {
        return Err(ServiceError::Forbidden);
    }
    let visible =
        super::agencies_where(state, actor, |a| Action::ViewPublicationRequests(a)).await?;
    let conn = &state.db.conn;
    let rows = publication_requests::Entity::find()
        .filter(publication_requests::Column::AgencyId.is_in(visible.keys().copied()))
        .order_by_asc(publication_requests::Column::ReceivedAt)
        .limit(1000)
        .all(conn)
        .await?;
    let records: HashMap<i32, publications::Model> = publications::Entity::find()
        .filter(publications::Column::Id.is_in(rows.iter().map(|r| r.publication_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let people: HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(rows.iter().filter_map(|r| r.decided_by)))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let today = state.today();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let status = parse_status(&row)?;
        let kind = parse_kind(&row)?;
        let p = records.get(&row.publication_id);
        let agency = visible.get(&row.agency_id);
        let may = agency
            .is_some_and(|a| can(actor, &Action::DecidePublicationRequest(&a.scope())).is_ok())
            && request::may_decide(
                kind,
                Handler {
                    role: actor.role,
                    of_agency: actor.agency_id == Some(row.agency_id),
                },
            );
        out.push(PublicationRequestView {
            id: row.id,
            tracking_no: row.tracking_no.clone(),
            kind: kind.as_str().to_owned(),
            kind_label: kind.label(lang).to_owned(),
            publication_id: row.publication_id,
            decision_number: p.map(|p| p.number.clone()).unwrap_or_default(),
            title: p.map(|p| p.title.clone()).unwrap_or_default(),
            agency: agency.map(|a| a.name.clone()).unwrap_or_default(),
            requester_name: row.requester_name.clone(),
            contact_phone: row.contact_phone.clone(),
            reason: row.reason.clone(),
            status: status.as_str().to_owned(),
            status_label: status.label(lang).to_owned(),
            received_on: row.received_on,
            review_by: row.review_by,
            overdue: request::overdue(row.review_by, row.answered_on, today),
            answer: row.answer.clone(),
            public_note: row.public_note.clone(),
            decided_by: row.decided_by.and_then(|id| people.get(&id).cloned()),
            answered_on: row.answered_on,
            can_decide: may && status == RequestStatus::Submitted,
        });
    }
    out.sort_by_key(|r| (r.status != RequestStatus::Submitted.as_str(), r.review_by));
    Ok(out)
}

fn refused(e: RequestError, lang: Lang) -> ServiceError {
    match e {
        RequestError::Forbidden => ServiceError::Forbidden,
        RequestError::WrongStatus(s) => ServiceError::StateConflict(match lang {
            Lang::Zh => format!("该申请已办结（{}），不能再次办理。", s.label(lang)),
            Lang::En => format!(
                "The request was already decided (“{}”): it cannot be decided again.",
                s.label(lang)
            ),
        }),
        RequestError::NotPublished => ServiceError::StateConflict(
            lang.pick(
                "该处罚决定已不在公示中，无法更正或提前移出，只能答复不予同意并说明情况。",
                "The decision is no longer on display: it can be neither corrected nor removed; answer the request as not accepted and say why.",
            )
            .to_owned(),
        ),
        RequestError::Invalid(v) => ServiceError::Validation(v),
    }
}

/// Accepts or rejects a request. An accepted early removal withdraws the record at once (basis:
/// credit repair, the public explanation as its reason); an accepted correction is shown on the
/// record's page.
pub async fn step(
    state: &AppState,
    actor: &Actor,
    request_id: i32,
    step: &RequestStep,
    lang: Lang,
) -> Result<(), ServiceError> {
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let query = uow.locked(publication_requests::Entity::find_by_id(request_id));
    let row = query.one(uow.txn()).await?.ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(uow.txn())
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(actor, &Action::ViewPublicationRequests(&agency.scope()))?;
    can(actor, &Action::DecidePublicationRequest(&agency.scope()))?;
    let query = uow.locked(publications::Entity::find_by_id(row.publication_id));
    let p = query.one(uow.txn()).await?.ok_or(ServiceError::NotFound)?;
    let now = uow.now();
    let day = china_time(now).date_naive();
    let p_status = publication_status(&p)?;
    let published =
        p_status == PublicationStatus::Published && is_public(p_status, p.display_until, day);
    let kind = parse_kind(&row)?;
    let decided = request::apply(
        parse_status(&row)?,
        kind,
        published,
        Handler {
            role: actor.role,
            of_agency: actor.agency_id == Some(row.agency_id),
        },
        step,
    )
    .map_err(|e| refused(e, lang))?;
    let mut active: publication_requests::ActiveModel = row.clone().into();
    active.status = Set(decided.status.as_str().to_owned());
    active.answer = Set(Some(decided.answer.clone()));
    active.public_note = Set(decided.public_note.clone());
    active.decided_by = Set(Some(actor.user_id));
    active.decided_at = Set(Some(now));
    active.answered_on = Set(Some(day));
    active.update(uow.txn()).await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: match decided.status {
            RequestStatus::Accepted => "publication_request.accept",
            _ => "publication_request.reject",
        },
        subject_type: AUDIT_SUBJECT_TYPE,
        subject_id: row.id.to_string(),
        payload: json!({
            "tracking_no": row.tracking_no,
            "publication_id": p.id,
            "kind": kind.as_str(),
            "status": decided.status.as_str(),
            "answer": decided.answer,
            "public_note": decided.public_note,
        }),
    });
    // What the public sees changes with an accepted request: a case event says so.
    if let Some(note) = &decided.public_note {
        let (action, payload) = if decided.withdraws {
            let basis = WithdrawalBasis::CreditRepair;
            uow.touch_publication(p.id);
            publications::ActiveModel {
                id: Set(p.id),
                status: Set(PublicationStatus::Withdrawn.as_str().to_owned()),
                withdrawn_at: Set(Some(now)),
                withdrawn_by: Set(Some(actor.user_id)),
                withdrawal_basis: Set(Some(basis.as_str().to_owned())),
                withdrawal_reason: Set(Some(note.clone())),
                updated_at: Set(now),
                ..Default::default()
            }
            .update(uow.txn())
            .await?;
            (
                "publication.withdraw",
                json!({"publication_id": p.id, "number": p.number, "basis": basis.as_str(), "reason": note, "request": row.tracking_no}),
            )
        } else {
            (
                "publication.correct",
                json!({"publication_id": p.id, "number": p.number, "note": note, "request": row.tracking_no}),
            )
        };
        uow.record(NewEvent {
            actor: AuditActor::from(actor),
            action,
            subject_type: case::AUDIT_SUBJECT_TYPE,
            subject_id: p.case_id.to_string(),
            payload,
        });
    }
    uow.commit().await?;
    Ok(())
}
