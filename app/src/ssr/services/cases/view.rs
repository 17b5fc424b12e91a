//! Reading cases back: the filtered list with deadline badges, and the case page with its
//! parties, evidence, records, documents, deadlines, allowed next steps and audit timeline.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tianping_domain::{
    authz::{Action, Actor, can},
    case::{self, CaseState, CommandKind, DeadlineKind, DocumentKind},
    deadline::DeadlineRules,
    i18n::china_time,
    role::Role,
};

use super::{codes::parse_code, facts, today};
use crate::{
    api::{
        case_dto::{
            CaseDetail, CaseFilter, CaseSummary, DeadlineBadge, DeadlineView, DocumentView,
            EvidenceView, PartyView, PersonRef, StandardView, TimelineEntry,
        },
        dto::AgencyRef,
    },
    ssr::{
        AppState,
        audit::events_for,
        entities::{
            agencies, case_deadlines, case_documents, case_officers, cases, discretion_standards,
            evidence, evidence_collectors, parties, users,
        },
        error::ServiceError,
    },
};

/// The most cases one list shows.
pub const LIST_LIMIT: u64 = 500;

fn badge(
    kind: &str,
    due: chrono::NaiveDate,
    today: chrono::NaiveDate,
    rules: &DeadlineRules,
) -> Option<DeadlineBadge> {
    let kind: DeadlineKind = parse_code(kind)?;
    let status = rules.status(due, today);
    Some(DeadlineBadge {
        kind,
        due,
        days_left: status.days_left,
        level: status.level,
    })
}

/// The cases the actor may see, filtered, most urgent deadline first.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: &CaseFilter,
) -> Result<Vec<CaseSummary>, ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let db = &state.db.conn;
    let visible =
        crate::ssr::services::agencies_where(state, actor, |s| Action::ViewCase(s)).await?;
    if visible.is_empty() {
        return Ok(Vec::new());
    }
    let today = today(state);
    let rules = &state.settings.deadline_rules;
    let mut query =
        cases::Entity::find().filter(cases::Column::AgencyId.is_in(visible.keys().copied()));
    if !filter.state.trim().is_empty() {
        query = query.filter(cases::Column::State.eq(filter.state.trim()));
    }
    if let Ok(officer) = filter.officer.trim().parse::<i32>() {
        query = query.filter(
            cases::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(case_officers::Column::CaseId)
                    .from(case_officers::Entity)
                    .and_where(case_officers::Column::UserId.eq(officer))
                    .and_where(case_officers::Column::Assigned.eq(true))
                    .to_owned(),
            ),
        );
    }
    let approaching = today + chrono::Duration::days(i64::from(rules.approaching_days));
    match filter.deadline.trim() {
        "overdue" => query = query.filter(cases::Column::NextDueOn.lt(today)),
        "approaching" => {
            query = query
                .filter(cases::Column::NextDueOn.gte(today))
                .filter(cases::Column::NextDueOn.lte(approaching));
        }
        "ok" => {
            query = query.filter(
                Condition::any()
                    .add(cases::Column::NextDueOn.gt(approaching))
                    .add(cases::Column::NextDueOn.is_null()),
            );
        }
        _ => {}
    }
    let q = filter.q.trim();
    if !q.is_empty() {
        let party_cases = sea_orm::sea_query::Query::select()
            .column(parties::Column::CaseId)
            .from(parties::Entity)
            .and_where(parties::Column::Name.contains(q))
            .to_owned();
        query = query.filter(
            Condition::any()
                .add(cases::Column::Number.contains(q))
                .add(cases::Column::Title.contains(q))
                .add(cases::Column::Location.contains(q))
                .add(cases::Column::Id.in_subquery(party_cases)),
        );
    }
    let rows = query
        .order_by_asc(cases::Column::NextDueOn.is_null())
        .order_by_asc(cases::Column::NextDueOn)
        .order_by_desc(cases::Column::UpdatedAt)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    summaries(state, rows, &visible, today, rules).await
}

async fn summaries(
    state: &AppState,
    rows: Vec<cases::Model>,
    agencies: &HashMap<i32, agencies::Model>,
    today: chrono::NaiveDate,
    rules: &DeadlineRules,
) -> Result<Vec<CaseSummary>, ServiceError> {
    let db = &state.db.conn;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let officers = case_officers::Entity::find()
        .filter(case_officers::Column::CaseId.is_in(ids.clone()))
        .filter(case_officers::Column::Assigned.eq(true))
        .all(db)
        .await?;
    let names = user_names(state, officers.iter().map(|o| o.user_id)).await?;
    let mut by_case: HashMap<i32, Vec<String>> = HashMap::new();
    for o in &officers {
        by_case
            .entry(o.case_id)
            .or_default()
            .push(names.get(&o.user_id).cloned().unwrap_or_default());
    }
    let mut first_party: HashMap<i32, String> = HashMap::new();
    for p in parties::Entity::find()
        .filter(parties::Column::CaseId.is_in(ids))
        .order_by_asc(parties::Column::Id)
        .all(db)
        .await?
    {
        first_party.entry(p.case_id).or_insert(p.name);
    }
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let agency = agencies.get(&r.agency_id)?;
            Some(CaseSummary {
                id: r.id,
                number: r.number,
                title: r.title,
                agency: AgencyRef {
                    id: agency.id,
                    name: agency.name.clone(),
                },
                procedure: parse_code(&r.procedure)?,
                state: CaseState::parse(&r.state)?,
                officers: by_case.remove(&r.id).unwrap_or_default(),
                party: first_party.remove(&r.id),
                deadline: match (r.next_due_kind.as_deref(), r.next_due_on) {
                    (Some(kind), Some(due)) => badge(kind, due, today, rules),
                    _ => None,
                },
            })
        })
        .collect())
}

async fn user_names(
    state: &AppState,
    ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, String>, ServiceError> {
    let ids = super::distinct(ids);
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// The case page.
pub async fn detail(
    state: &AppState,
    actor: &Actor,
    id: i32,
    lang: tianping_domain::i18n::Lang,
) -> Result<CaseDetail, ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let db = &state.db.conn;
    let (row, agency) = super::visible_case(db, actor, id, false).await?;
    let today = today(state);
    let rules = &state.settings.deadline_rules;
    let mut agencies_map = HashMap::new();
    agencies_map.insert(agency.id, agency.clone());
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
    let actions = case::allowed_commands(&facts, actor, today);

    let collectors = evidence_collectors::Entity::find()
        .filter(evidence_collectors::Column::EvidenceId.is_in(evidence_rows.iter().map(|e| e.id)))
        .all(db)
        .await?;
    let officer_rows = case_officers::Entity::find()
        .filter(case_officers::Column::CaseId.eq(id))
        .all(db)
        .await?;
    let events = events_for(&state.db, case::AUDIT_SUBJECT_TYPE, &id.to_string()).await?;
    let agency_staff = users::Entity::find()
        .filter(users::Column::AgencyId.eq(row.agency_id))
        .filter(users::Column::Active.eq(true))
        .all(db)
        .await?;
    let names = user_names(
        state,
        collectors
            .iter()
            .map(|c| c.user_id)
            .chain(officer_rows.iter().map(|o| o.user_id))
            .chain(document_rows.iter().map(|d| d.created_by))
            .chain(events.iter().filter_map(|e| e.record.actor_id)),
    )
    .await?;
    let standings =
        facts::standings(db, &agency_staff.iter().map(|u| u.id).collect(), today).await?;
    let agency_officers = agency_staff
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
        .collect();
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
    let (records, items): (Vec<_>, Vec<_>) = evidence_rows.iter().partition(|e| {
        tianping_domain::evidence::EvidenceKind::parse(&e.kind)
            .is_some_and(tianping_domain::evidence::EvidenceKind::is_record)
    });
    let deadlines = case_deadlines::Entity::find()
        .filter(case_deadlines::Column::CaseId.eq(id))
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
        .collect();
    let standards = discretion_standards::Entity::find()
        .filter(discretion_standards::Column::AgencyId.eq(row.agency_id))
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
        .collect();
    let may_add_parties = facts.may_add_parties(actor);
    let party_kind = super::party_kind(db, row.id).await?;
    let classification = crate::ssr::services::reviews::classify(
        db,
        &row,
        &crate::ssr::services::reviews::profile_of(&row, party_kind),
        today,
        crate::ssr::services::reviews::Judged::AsSubmitted,
    )
    .await?;
    let catalog_flags = crate::ssr::services::reviews::known_flags(db, row.agency_id, today)
        .await?
        .into_iter()
        .map(|(code, zh, en)| {
            let label = lang.pick(&zh, &en).to_owned();
            (code, label)
        })
        .collect();
    let review_rounds = crate::ssr::services::reviews::rounds_of(state, row.id, lang).await?;
    let may_record = case::check(&facts, CommandKind::RecordEvidence, actor, today).is_ok();
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
            .filter_map(tianping_domain::review::Measure::parse)
            .map(|m| m.label(lang).to_owned())
            .collect(),
        confiscation_fen: row.confiscation_fen,
        needs_statement_record: row.prior_notice_on.is_some() && !row.rights_waived,
        needs_hearing_record: row.hearing_held,
        review_rounds,
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
            .map(|o| PersonRef {
                id: o.user_id,
                name: names.get(&o.user_id).cloned().unwrap_or_default(),
                role: Role::Officer,
            })
            .collect(),
        deadlines,
        parties: party_rows
            .iter()
            .map(|p| PartyView {
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
            })
            .collect(),
        evidence: items.into_iter().map(evidence_view).collect(),
        records: records.into_iter().map(evidence_view).collect(),
        documents: document_rows
            .iter()
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
            .collect(),
        timeline: events
            .into_iter()
            .map(|e| {
                let r = e.record;
                let payload: serde_json::Value =
                    serde_json::from_str(&r.payload).unwrap_or_default();
                let command = CommandKind::ALL
                    .into_iter()
                    .find(|k| k.action() == r.action);
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
                    from: payload
                        .get("from")
                        .and_then(|v| v.as_str())
                        .and_then(CaseState::parse),
                    to: payload
                        .get("to")
                        .and_then(|v| v.as_str())
                        .and_then(CaseState::parse),
                    detail: timeline_detail(&payload, lang),
                    action: r.action,
                }
            })
            .collect(),
        actions,
        close_reason: case::expected_close_reason(&facts).ok(),
        can_change_staffing: case::may_change_staffing(&facts, actor).is_ok(),
        can_issue: can(
            actor,
            &Action::IssueDocument(&tianping_domain::authz::AgencyScope {
                agency_id: agency.id,
                region_code: agency.region_code.clone(),
            }),
        )
        .is_ok(),
        recused: officer_rows
            .iter()
            .filter(|o| o.recused)
            .map(|o| PersonRef {
                id: o.user_id,
                name: names.get(&o.user_id).cloned().unwrap_or_default(),
                role: Role::Officer,
            })
            .collect(),
        can_add_party: may_add_parties,
        can_record: may_record,
        agency_officers,
        standards,
    })
}

/// A short description of what a step recorded, from its audit payload.
fn timeline_detail(payload: &serde_json::Value, lang: tianping_domain::i18n::Lang) -> String {
    let command = payload.get("command");
    let mut parts = Vec::new();
    if let Some(n) = payload.get("round").and_then(serde_json::Value::as_i64) {
        parts.push(match lang {
            tianping_domain::i18n::Lang::Zh => format!("第 {n} 轮审核"),
            tianping_domain::i18n::Lang::En => format!("review round {n}"),
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

/// Whether the case file holds everything its checklist requires.
fn file_complete(
    row: &cases::Model,
    facts: &case::CaseFacts,
    documents: &[DocumentKind],
    parties: usize,
    evidence: usize,
) -> bool {
    case::missing_items(shape(row, facts), documents, parties, evidence).is_empty()
}

/// How the case ended, for its checklist.
pub fn shape(row: &cases::Model, facts: &case::CaseFacts) -> case::FileShape {
    case::FileShape {
        procedure: facts.procedure,
        decision: facts.decision.map(|d| d.outcome),
        hearing_held: row.hearing_held,
        transferred: row.close_reason.as_deref() == Some("transferred"),
        withdrawn: row.close_reason.as_deref() == Some("withdrawn"),
    }
}

/// Marks `case_file_complete` in freshly loaded facts (archiving needs it).
pub async fn with_file_state<C: sea_orm::ConnectionTrait>(
    db: &C,
    row: &cases::Model,
    facts: &mut case::CaseFacts,
) -> Result<(), ServiceError> {
    let documents: Vec<DocumentKind> = case_documents::Entity::find()
        .filter(case_documents::Column::CaseId.eq(row.id))
        .all(db)
        .await?
        .iter()
        .filter_map(|d| parse_code(&d.kind))
        .collect();
    let parties = parties::Entity::find()
        .filter(parties::Column::CaseId.eq(row.id))
        .all(db)
        .await?
        .len();
    let evidence = evidence::Entity::find()
        .filter(evidence::Column::CaseId.eq(row.id))
        .all(db)
        .await?
        .len();
    facts.case_file_complete = file_complete(row, facts, &documents, parties, evidence);
    Ok(())
}
