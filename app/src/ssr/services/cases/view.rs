//! Reading cases back: the filtered list with deadline badges, and what the case page shares
//! with it (the summary, the file's completeness). The page itself is [`super::detail`].

use std::collections::HashMap;

use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tianping_domain::{
    authz::{Action, Actor, can},
    case::{self, CaseState, DeadlineKind, DocumentKind},
    deadline::DeadlineRules,
};

use super::codes::parse_code;
use crate::{
    api::{
        case_dto::{CaseFilter, CaseSummary, DeadlineBadge},
        dto::AgencyRef,
    },
    ssr::{
        AppState,
        entities::{agencies, case_documents, case_officers, cases, evidence, parties},
        error::ServiceError,
    },
};

/// The most cases one list shows.
pub const LIST_LIMIT: u64 = 500;

pub(super) fn badge(
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
    let today = state.today();
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
            .and_where(parties::Column::Name.like(containing(q)))
            .to_owned();
        query = query.filter(
            Condition::any()
                .add(cases::Column::Number.like(containing(q)))
                .add(cases::Column::Title.like(containing(q)))
                .add(cases::Column::Location.like(containing(q)))
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

pub(super) async fn summaries(
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
    let names =
        crate::ssr::services::names::user_names(&state.db.conn, officers.iter().map(|o| o.user_id))
            .await?;
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

/// Whether the case file holds everything its checklist requires.
pub(super) fn file_complete(
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

/// A `LIKE` pattern matching `q` anywhere, with `%`, `_` and `\\` in `q` taken literally.
fn containing(q: &str) -> sea_orm::sea_query::LikeExpr {
    let escaped = q
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\')
}
