//! The case page: the case with its parties, evidence, records, documents, deadlines, review
//! rounds, allowed next steps and audit timeline. [`detail`] reads the rows and asks the rules;
//! the functions below it only turn rows into views.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use tianping_domain::{
    audit::StoredEvent,
    authz::{Action, Actor, can},
    case::{self, CaseState, CommandKind, DocumentKind},
    deadline::DeadlineRules,
    evidence::EvidenceKind,
    i18n::{Lang, china_time},
    review::Measure,
    role::Role,
};

use super::{
    codes::parse_code,
    facts,
    view::{badge, file_complete, summaries},
};
use crate::{
    api::case_dto::{
        CaseDetail, DeadlineView, DocumentView, EvidenceView, IssuedDocumentView, PartyView,
        PersonRef, StandardView, TimelineEntry, WaitingStep,
    },
    ssr::{
        AppState,
        audit::events_for,
        entities::{
            case_deadlines, case_documents, case_officers, discretion_standards, evidence,
            evidence_collectors, parties, users,
        },
        error::ServiceError,
        services::{names::user_names, reviews},
    },
};

/// The case page.
pub async fn detail(
    state: &AppState,
    actor: &Actor,
    id: i32,
    lang: Lang,
) -> Result<CaseDetail, ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let db = &state.db.conn;
    let (row, agency) = super::visible_case(db, actor, id, false).await?;
    let today = state.today();
    let rules = &state.settings.deadline_rules;
    let agencies_map = HashMap::from([(agency.id, agency.clone())]);
    let summary = summaries(state, vec![row.clone()], &agencies_map, today, rules)
        .await?
        .pop()
        .ok_or_else(|| ServiceError::Internal(format!("case {id} has bad codes")))?;

    let mut facts = facts::load(db, &row, actor, &[], today).await?;
    let party_rows = parties::Entity::find()
        .filter(parties::Column::CaseId.eq(id))
        .order_by_asc(parties::Column::Id)
        .all(db)
        .await?;
    let evidence_rows = evidence::Entity::find()
        .filter(evidence::Column::CaseId.eq(id))
        .order_by_asc(evidence::Column::CollectedAt)
        .all(db)
        .await?;
    let document_rows = case_documents::Entity::find()
        .filter(case_documents::Column::CaseId.eq(id))
        .order_by_asc(case_documents::Column::Id)
        .all(db)
        .await?;
    let issued = super::documents::issued_for_case(db, id).await?;
    let documents: Vec<DocumentKind> = document_rows
        .iter()
        .filter_map(|d| parse_code(&d.kind))
        .collect();
    facts.case_file_complete = file_complete(
        &row,
        &facts,
        &documents,
        party_rows.len(),
        evidence_rows.len(),
    );

    let collectors = evidence_collectors::Entity::find()
        .filter(evidence_collectors::Column::EvidenceId.is_in(evidence_rows.iter().map(|e| e.id)))
        .all(db)
        .await?;
    let officer_rows = case_officers::Entity::find()
        .filter(case_officers::Column::CaseId.eq(id))
        .all(db)
        .await?;
    let events = events_for(&state.db, case::AUDIT_SUBJECT_TYPE, &id.to_string()).await?;
    let names = user_names(
        db,
        collectors
            .iter()
            .map(|c| c.user_id)
            .chain(officer_rows.iter().map(|o| o.user_id))
            .chain(document_rows.iter().map(|d| d.created_by))
            .chain(events.iter().filter_map(|e| e.record.actor_id)),
    )
    .await?;
    let person = |user_id: i32| PersonRef {
        id: user_id,
        name: names.get(&user_id).cloned().unwrap_or_default(),
        role: Role::Officer,
    };
    let evidence_view = |e: &evidence::Model| EvidenceView {
        id: e.id,
        kind: e.kind.clone(),
        title: e.title.clone(),
        collected_at: china_time(e.collected_at).to_rfc3339(),
        location: e.location.clone(),
        collectors: collectors
            .iter()
            .filter(|c| c.evidence_id == e.id)
            .filter_map(|c| names.get(&c.user_id).cloned())
            .collect(),
        subject: e.subject.clone(),
        content: e.content.clone(),
        device: e.device.clone(),
        sha256: e.sha256.clone(),
        file_name: e.file_name.clone(),
        size: e.size,
    };
    let (records, items): (Vec<_>, Vec<_>) = evidence_rows
        .iter()
        .partition(|e| EvidenceKind::parse(&e.kind).is_some_and(EvidenceKind::is_record));

    let party_kind = super::party_kind(db, row.id).await?;
    let classification = reviews::classify(
        db,
        &row,
        &reviews::profile_of(&row, party_kind),
        today,
        reviews::Judged::AsSubmitted,
    )
    .await?;
    let catalog_flags = reviews::known_flags(db, row.agency_id, today)
        .await?
        .into_iter()
        .map(|(code, zh, en)| {
            let label = lang.pick(&zh, &en).to_owned();
            (code, label)
        })
        .collect();
    Ok(CaseDetail {
        summary,
        description: row.description.clone(),
        location: row.location.clone(),
        source: row.source.clone(),
        received_on: row.received_on,
        act_date: row.act_date,
        limitation_ends: row.limitation_ends,
        outcome: row.outcome.clone(),
        major: row.major || classification.is_major(),
        major_criteria: classification
            .matched
            .iter()
            .map(|c| c.describe(lang))
            .collect(),
        catalog_flags,
        measures: row
            .measures
            .split(',')
            .filter_map(Measure::parse)
            .map(|m| m.label(lang).to_owned())
            .collect(),
        confiscation_fen: row.confiscation_fen,
        needs_statement_record: row.prior_notice_on.is_some() && !row.rights_waived,
        needs_hearing_record: row.hearing_held,
        review_rounds: reviews::rounds_of(state, row.id, lang).await?,
        proposed_fine_fen: row.proposed_fine_fen,
        fine_fen: row.fine_fen,
        decision: row.decision_outcome.clone(),
        decided_on: row.decided_on,
        discretion_check: row.discretion_check.clone(),
        discretion_justification: row.discretion_justification.clone(),
        paid_fen: row.paid_fen,
        outstanding_fen: facts.outstanding_fen,
        state_reason: row.state_reason.clone(),
        officers: officer_rows
            .iter()
            .filter(|o| o.assigned)
            .map(|o| person(o.user_id))
            .collect(),
        deadlines: deadlines(db, id, today, rules).await?,
        parties: party_rows.iter().map(party_view).collect(),
        evidence: items.into_iter().map(evidence_view).collect(),
        records: records.into_iter().map(evidence_view).collect(),
        documents: document_views(&document_rows, &issued, &names),
        timeline: timeline(events, &names, lang),
        actions: case::allowed_commands(&facts, actor, today),
        waiting: case::waiting_commands(&facts, actor, today)
            .into_iter()
            .map(|(kind, refusal)| WaitingStep {
                kind,
                reason: refusal.message(lang),
            })
            .collect(),
        close_reason: case::expected_close_reason(&facts).ok(),
        can_change_staffing: case::may_change_staffing(&facts, actor).is_ok(),
        can_issue: can(actor, &Action::IssueDocument(&agency.scope())).is_ok(),
        recused: officer_rows
            .iter()
            .filter(|o| o.recused)
            .map(|o| person(o.user_id))
            .collect(),
        can_add_party: facts.may_add_parties(actor),
        can_record: case::check(&facts, CommandKind::RecordEvidence, actor, today).is_ok(),
        agency_officers: agency_officers(db, row.agency_id, today).await?,
        standards: standards(db, row.agency_id).await?,
    })
}

/// The agency's officers and heads whose enforcement certificate is in force today (who may be
/// assigned to the case).
async fn agency_officers<C: ConnectionTrait>(
    db: &C,
    agency_id: i32,
    today: chrono::NaiveDate,
) -> Result<Vec<PersonRef>, ServiceError> {
    let staff = users::Entity::find()
        .filter(users::Column::AgencyId.eq(agency_id))
        .filter(users::Column::Active.eq(true))
        .all(db)
        .await?;
    let standings = facts::standings(db, &staff.iter().map(|u| u.id).collect(), today).await?;
    Ok(staff
        .iter()
        .filter(|u| u.role == Role::Officer.as_str() || u.role == Role::AgencyHead.as_str())
        .filter(|u| {
            standings
                .iter()
                .any(|s| s.user_id == u.id && s.credential_in_force())
        })
        .filter_map(|u| {
            Some(PersonRef {
                id: u.id,
                name: u.display_name.clone(),
                role: Role::parse(&u.role)?,
            })
        })
        .collect())
}

/// The case's deadlines, the running ones with their badge.
async fn deadlines<C: ConnectionTrait>(
    db: &C,
    case_id: i32,
    today: chrono::NaiveDate,
    rules: &DeadlineRules,
) -> Result<Vec<DeadlineView>, ServiceError> {
    Ok(case_deadlines::Entity::find()
        .filter(case_deadlines::Column::CaseId.eq(case_id))
        .order_by_asc(case_deadlines::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|d| {
            Some(DeadlineView {
                kind: parse_code(&d.kind)?,
                started_on: d.started_on,
                due: d.due_on,
                badge: if d.status == "running" {
                    badge(&d.kind, d.due_on, today, rules)
                } else {
                    None
                },
                status: d.status,
            })
        })
        .collect())
}

/// The agency's discretion standards in force, for the proposal form.
async fn standards<C: ConnectionTrait>(
    db: &C,
    agency_id: i32,
) -> Result<Vec<StandardView>, ServiceError> {
    Ok(discretion_standards::Entity::find()
        .filter(discretion_standards::Column::AgencyId.eq(agency_id))
        .filter(discretion_standards::Column::Active.eq(true))
        .order_by_asc(discretion_standards::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| StandardView {
            id: s.id,
            provision: s.provision,
            title: s.title,
            bands: [
                (s.minor_min_fen, s.minor_max_fen),
                (s.general_min_fen, s.general_max_fen),
                (s.serious_min_fen, s.serious_max_fen),
            ],
        })
        .collect())
}

pub(crate) fn party_view(p: &parties::Model) -> PartyView {
    PartyView {
        id: p.id,
        kind: p.kind.clone(),
        name: p.name.clone(),
        identifier: p
            .id_number
            .clone()
            .or_else(|| p.credit_code.clone())
            .unwrap_or_default(),
        legal_representative: p.legal_representative.clone(),
        phone: p.phone.clone(),
        address: p.address.clone(),
    }
}

/// Each document record a step produced, with its issued versions.
fn document_views(
    rows: &[case_documents::Model],
    issued: &[IssuedDocumentView],
    names: &HashMap<i32, String>,
) -> Vec<DocumentView> {
    rows.iter()
        .filter_map(|d| {
            Some(DocumentView {
                id: d.id,
                kind: parse_code(&d.kind)?,
                created_at: china_time(d.created_at).to_rfc3339(),
                created_by: names.get(&d.created_by).cloned().unwrap_or_default(),
                issued: issued
                    .iter()
                    .filter(|i| i.case_document_id == d.id)
                    .cloned()
                    .collect(),
            })
        })
        .collect()
}

/// The case's audit events as the page's timeline.
fn timeline(
    events: Vec<StoredEvent>,
    names: &HashMap<i32, String>,
    lang: Lang,
) -> Vec<TimelineEntry> {
    events
        .into_iter()
        .map(|e| {
            let r = e.record;
            let payload: serde_json::Value = serde_json::from_str(&r.payload).unwrap_or_default();
            let command = CommandKind::ALL
                .into_iter()
                .find(|k| k.action() == r.action);
            let state_at = |key: &str| {
                payload
                    .get(key)
                    .and_then(|v| v.as_str())
                    .and_then(CaseState::parse)
            };
            TimelineEntry {
                seq: r.seq,
                at: chrono::DateTime::parse_from_rfc3339(&r.occurred_at)
                    .map(|t| china_time(t.to_utc()).to_rfc3339())
                    .unwrap_or(r.occurred_at.clone()),
                actor: r
                    .actor_id
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_else(|| r.actor_role.clone()),
                command,
                from: state_at("from"),
                to: state_at("to"),
                detail: timeline_detail(&payload, lang),
                action: r.action,
            }
        })
        .collect()
}

/// A short description of what a step recorded, from its audit payload.
fn timeline_detail(payload: &serde_json::Value, lang: Lang) -> String {
    let command = payload.get("command");
    let mut parts = Vec::new();
    if let Some(n) = payload.get("round").and_then(serde_json::Value::as_i64) {
        parts.push(match lang {
            Lang::Zh => format!("第 {n} 轮审核"),
            Lang::En => format!("review round {n}"),
        });
    }
    if let Some(o) = payload
        .get("review_outcome")
        .and_then(serde_json::Value::as_str)
        .and_then(tianping_domain::review::ReviewOutcome::parse)
    {
        parts.push(o.label(lang).to_owned());
    }
    for key in ["reason", "opinion", "to", "note"] {
        if let Some(s) = command.and_then(|c| c.get(key)).and_then(|v| v.as_str()) {
            parts.push(s.to_owned());
        }
    }
    for key in ["title", "note", "name", "opinion"] {
        if let Some(s) = payload.get(key).and_then(|v| v.as_str()) {
            parts.push(s.to_owned());
        }
    }
    if let Some(sha) = payload.get("sha256").and_then(|v| v.as_str()) {
        parts.push(format!("SHA-256 {}…", sha.get(..16).unwrap_or(sha)));
    }
    parts.join(" · ")
}
