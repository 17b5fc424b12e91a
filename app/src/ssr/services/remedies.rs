//! Reconsideration and litigation against a case's decision (行政复议、行政诉讼): the agency
//! records the challenge and later its result. A result that changes, revokes, or confirms the
//! decision illegal or invalid withdraws the published decision in the same unit of work, with
//! that basis and a public explanation (APL Art. 48(2)). The rules are
//! `tianping_domain::remedy`; every write is a case audit event.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::Expr,
};
use serde_json::json;
use tianping_domain::{
    authz::{Action, Actor, can},
    case,
    i18n::Lang,
    publicity::PublicationStatus,
    remedy::{self, RemedyKind, RemedyOutcome},
};

use super::cases::visible_case;
use crate::{
    api::case_dto::{RemediesView, RemedyFiling, RemedyRuling, RemedyView},
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{case_deadlines, case_remedies, publications},
        error::ServiceError,
    },
};

fn view(r: &case_remedies::Model, lang: Lang) -> RemedyView {
    let kind = RemedyKind::parse(&r.kind);
    let outcome = r.outcome.as_deref().and_then(RemedyOutcome::parse);
    RemedyView {
        id: r.id,
        kind: r.kind.clone(),
        kind_label: kind.map_or_else(|| r.kind.clone(), |k| k.label(lang).to_owned()),
        body: r.body.clone(),
        filed_on: r.filed_on,
        outcome_label: outcome.map(|o| o.label(lang).to_owned()),
        decided_on: r.decided_on,
        note: r.note.clone().filter(|n| !n.is_empty()),
        withdrew: outcome.is_some_and(|o| o.withdrawal_basis().is_some()),
    }
}

/// The challenges to a case's decision.
pub async fn of_case(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    lang: Lang,
) -> Result<RemediesView, ServiceError> {
    let conn = &state.db.conn;
    let (row, agency) = visible_case(conn, actor, case_id, false).await?;
    let items = case_remedies::Entity::find()
        .filter(case_remedies::Column::CaseId.eq(case_id))
        .order_by_asc(case_remedies::Column::Id)
        .all(conn)
        .await?
        .iter()
        .map(|r| view(r, lang))
        .collect();
    Ok(RemediesView {
        items,
        can_record: row.decided_on.is_some()
            && can(actor, &Action::RecordRemedy(&agency.scope())).is_ok(),
    })
}

/// Records a challenge to a decided case. Returns its id.
pub async fn file(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    input: &RemedyFiling,
    lang: Lang,
) -> Result<i32, ServiceError> {
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let locks = uow.locks_rows();
    let (row, agency) = visible_case(uow.txn(), actor, case_id, locks).await?;
    can(actor, &Action::RecordRemedy(&agency.scope()))?;
    if row.decided_on.is_none() {
        return Err(ServiceError::StateConflict(
            lang.pick(
                "该案件尚未作出决定，不能登记复议或诉讼。",
                "The case has no decision yet: there is nothing to challenge.",
            )
            .into(),
        ));
    }
    let filing = remedy::filing(
        &input.kind,
        &input.body,
        &input.filed_on,
        row.decided_on,
        state.today(),
    )
    .map_err(ServiceError::ValidationMany)?;
    let saved = case_remedies::ActiveModel {
        case_id: Set(case_id),
        kind: Set(filing.kind.as_str().to_owned()),
        body: Set(filing.body.clone()),
        filed_on: Set(filing.filed_on),
        recorded_by: Set(actor.user_id),
        recorded_at: Set(uow.now()),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "case.remedy_filed",
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: case_id.to_string(),
        payload: json!({
            "remedy_id": saved.id, "kind": filing.kind.as_str(), "body": filing.body,
            "filed_on": filing.filed_on.to_string(),
        }),
    });
    uow.commit().await?;
    Ok(saved.id)
}

/// Records the result of a challenge; withdraws the published decision when the result
/// touches it.
pub async fn rule(
    state: &AppState,
    actor: &Actor,
    remedy_id: i32,
    input: &RemedyRuling,
    lang: Lang,
) -> Result<(), ServiceError> {
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let query = uow.locked(case_remedies::Entity::find_by_id(remedy_id));
    let r = query.one(uow.txn()).await?.ok_or(ServiceError::NotFound)?;
    let (_, agency) = visible_case(uow.txn(), actor, r.case_id, false).await?;
    can(actor, &Action::RecordRemedy(&agency.scope()))?;
    let kind = RemedyKind::parse(&r.kind)
        .ok_or_else(|| ServiceError::Internal(format!("remedy {} has a bad kind", r.id)))?;
    let ruling = remedy::result(
        kind,
        r.outcome.as_deref().and_then(RemedyOutcome::parse),
        remedy::RulingInput {
            outcome: &input.outcome,
            decided_on: &input.decided_on,
            note: &input.note,
            effective: matches!(input.effective.trim(), "on" | "true"),
        },
        r.filed_on,
        state.today(),
    )
    .map_err(ServiceError::ValidationMany)?;
    let now = uow.now();
    let mut active: case_remedies::ActiveModel = r.clone().into();
    active.outcome = Set(Some(ruling.outcome.as_str().to_owned()));
    active.decided_on = Set(Some(ruling.decided_on));
    active.note = Set(Some(ruling.note.clone()));
    active.decided_by = Set(Some(actor.user_id));
    active.decided_at = Set(Some(now));
    active.update(uow.txn()).await?;
    // The published decision goes at once (the law allows three working days); one not yet
    // published never will be, so the case's publication deadline stops.
    let mut withdrawn = Vec::new();
    if let Some(basis) = ruling.outcome.withdrawal_basis() {
        case_deadlines::Entity::update_many()
            .col_expr(case_deadlines::Column::Status, Expr::value("stopped"))
            .col_expr(case_deadlines::Column::EndedOn, Expr::value(state.today()))
            .filter(case_deadlines::Column::CaseId.eq(r.case_id))
            .filter(case_deadlines::Column::Kind.eq("publication"))
            .filter(case_deadlines::Column::Status.eq("running"))
            .exec(uow.txn())
            .await?;
        let reason =
            remedy::withdrawal_reason(kind, &r.body, ruling.outcome, ruling.decided_on, lang);
        let published: Vec<i32> = publications::Entity::find()
            .select_only()
            .column(publications::Column::Id)
            .filter(publications::Column::CaseId.eq(r.case_id))
            .filter(publications::Column::Status.eq(PublicationStatus::Published.as_str()))
            .into_tuple()
            .all(uow.txn())
            .await?;
        for id in published {
            uow.touch_publication(id);
            publications::ActiveModel {
                id: Set(id),
                status: Set(PublicationStatus::Withdrawn.as_str().to_owned()),
                withdrawn_at: Set(Some(now)),
                withdrawn_by: Set(Some(actor.user_id)),
                withdrawal_basis: Set(Some(basis.as_str().to_owned())),
                withdrawal_reason: Set(Some(reason.clone())),
                updated_at: Set(now),
                ..Default::default()
            }
            .update(uow.txn())
            .await?;
            withdrawn.push(id);
        }
        crate::ssr::services::cases::documents::end_decision(uow.txn(), r.case_id, basis, &reason)
            .await?;
    }
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "case.remedy_ruled",
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: r.case_id.to_string(),
        payload: json!({
            "remedy_id": r.id, "kind": kind.as_str(), "outcome": ruling.outcome.as_str(),
            "decided_on": ruling.decided_on.to_string(), "note": ruling.note,
            "withdrawn_publications": withdrawn,
        }),
    });
    uow.commit().await?;
    Ok(())
}
