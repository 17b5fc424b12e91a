//! The reviewer's side: the queue, a round's work page, a case's rounds and the figures.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tianping_domain::{
    authz::{Action, Actor, AgencyScope, can},
    case::{self, CaseError, CommandKind},
    i18n::Lang,
    review::{self, Criterion, PointFinding, ReviewOutcome, RoundRecord},
};

use super::minute;
use crate::ssr::services::cases::{self as case_service};
use crate::{
    api::review_dto::{
        FigureRow, FindingView, QueueItem, ReviewFiguresView, ReviewPage, RoundView,
    },
    ssr::{
        AppState,
        entities::{agencies, cases, parties, review_catalogs, review_rounds},
        error::ServiceError,
    },
};

/// The pending rounds of the agencies the reviewer serves, oldest first.
pub async fn queue(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<QueueItem>, ServiceError> {
    can(actor, &Action::WorkReviewQueue)?;
    let today = state.today();
    let pending = review_rounds::Entity::find()
        .filter(review_rounds::Column::Status.eq("pending"))
        .order_by_asc(review_rounds::Column::SubmittedAt)
        .all(&state.db.conn)
        .await?;
    let case_ids: Vec<i32> = pending.iter().map(|r| r.case_id).collect();
    let case_rows: HashMap<i32, cases::Model> = cases::Entity::find()
        .filter(cases::Column::Id.is_in(case_ids))
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let agency_names = crate::ssr::services::names::agency_names(&state.db.conn).await?;
    let names = crate::ssr::services::names::user_names(
        &state.db.conn,
        pending.iter().map(|r| r.submitted_by),
    )
    .await?;
    Ok(pending
        .into_iter()
        .filter_map(|r| {
            let c = case_rows.get(&r.case_id)?;
            if !actor.served_agency_ids.contains(&c.agency_id) {
                return None;
            }
            let matched: Vec<Criterion> = serde_json::from_str(&r.matched).unwrap_or_default();
            Some(QueueItem {
                round_id: r.id,
                round: r.round,
                case_id: c.id,
                case_number: c.number.clone(),
                case_title: c.title.clone(),
                agency: agency_names.get(&c.agency_id).cloned().unwrap_or_default(),
                submitted_at: minute(r.submitted_at),
                submitted_by: names.get(&r.submitted_by).cloned().unwrap_or_default(),
                due_on: r.due_on,
                days_left: (r.due_on - today).num_days(),
                matched: matched.iter().map(|m| m.describe(lang)).collect(),
            })
        })
        .collect())
}

/// Every round of a case, oldest first, for the case page and the work page.
pub async fn rounds_of(
    state: &AppState,
    case_id: i32,
    lang: Lang,
) -> Result<Vec<RoundView>, ServiceError> {
    let rows = review_rounds::Entity::find()
        .filter(review_rounds::Column::CaseId.eq(case_id))
        .order_by_asc(review_rounds::Column::Round)
        .all(&state.db.conn)
        .await?;
    let names = crate::ssr::services::names::user_names(
        &state.db.conn,
        rows.iter()
            .flat_map(|r| std::iter::once(r.submitted_by).chain(r.reviewer_id)),
    )
    .await?;
    let mut versions: HashMap<i32, i32> = HashMap::new();
    for id in rows.iter().filter_map(|r| r.catalog_id) {
        if let Some(c) = review_catalogs::Entity::find_by_id(id)
            .one(&state.db.conn)
            .await?
        {
            versions.insert(id, c.version);
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let matched: Vec<Criterion> = serde_json::from_str(&r.matched).unwrap_or_default();
            let findings: Vec<PointFinding> = r
                .findings
                .as_deref()
                .and_then(|f| serde_json::from_str(f).ok())
                .unwrap_or_default();
            RoundView {
                id: r.id,
                round: r.round,
                submitted_at: minute(r.submitted_at),
                submitted_by: names.get(&r.submitted_by).cloned().unwrap_or_default(),
                due_on: r.due_on,
                outcome: ReviewOutcome::parse(&r.status),
                reviewer: r.reviewer_id.and_then(|id| names.get(&id).cloned()),
                decided_at: r.decided_at.map(minute),
                opinion: r.opinion.filter(|o| !o.is_empty()),
                catalog_version: r.catalog_id.and_then(|id| versions.get(&id).copied()),
                matched: matched.iter().map(|m| m.describe(lang)).collect(),
                findings: findings
                    .into_iter()
                    .map(|f| FindingView {
                        point: f.point,
                        verdict: f.verdict,
                        comment: f.comment,
                    })
                    .collect(),
                materials: serde_json::from_str(&r.materials).unwrap_or_default(),
            }
        })
        .collect())
}

/// The work page of one round: the case, the round's materials, every round, and whether this
/// user may decide it now (and why not).
pub async fn page(
    state: &AppState,
    actor: &Actor,
    round_id: i32,
    lang: Lang,
) -> Result<ReviewPage, ServiceError> {
    let round = review_rounds::Entity::find_by_id(round_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (row, agency) = case_service::visible(state, actor, round.case_id).await?;
    let rounds = rounds_of(state, row.id, lang).await?;
    let this = rounds
        .iter()
        .find(|r| r.id == round_id)
        .cloned()
        .ok_or(ServiceError::NotFound)?;
    let judged = if round.status == "pending" {
        case_service::may_take(state, actor, &row, CommandKind::ApproveReview).await?
    } else {
        Err(CaseError::NotAllowedInState {
            state: case::CaseState::parse(&row.state).unwrap_or_default(),
            command: CommandKind::ApproveReview,
        })
    };
    let officers = case_service::officer_names(state, row.id).await?;
    let parties = parties::Entity::find()
        .filter(parties::Column::CaseId.eq(row.id))
        .order_by_asc(parties::Column::Id)
        .all(&state.db.conn)
        .await?
        .iter()
        .map(case_service::party_view)
        .collect();
    Ok(ReviewPage {
        case_id: row.id,
        case_number: row.number.clone(),
        case_title: row.title.clone(),
        agency: agency.name,
        officers,
        parties,
        proposed_fine_fen: row.proposed_fine_fen,
        round: this,
        rounds,
        can_decide: judged.is_ok(),
        refusal: match judged {
            Err(e)
                if actor.role == tianping_domain::role::Role::LegalReviewer
                    && round.status == "pending" =>
            {
                Some(e.message(lang))
            }
            _ => None,
        },
    })
}

/// Review figures per agency and per reviewer, over the agencies the actor may read.
pub async fn figures(state: &AppState, actor: &Actor) -> Result<ReviewFiguresView, ServiceError> {
    let visible =
        crate::ssr::services::agencies_where(state, actor, |s| Action::ViewReviewFigures(s))
            .await?;
    if visible.is_empty() {
        // Officers and integrations may read no agency's figures.
        can(
            actor,
            &Action::ViewReviewFigures(&AgencyScope {
                agency_id: actor.agency_id.unwrap_or(0),
                region_code: actor.region_code.clone().unwrap_or_default(),
            }),
        )?;
    }
    let rounds = review_rounds::Entity::find().all(&state.db.conn).await?;
    let case_ids: Vec<i32> = crate::ssr::util::distinct(rounds.iter().map(|r| r.case_id));
    let agency_of: HashMap<i32, i32> = cases::Entity::find()
        .filter(cases::Column::Id.is_in(case_ids))
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|c| (c.id, c.agency_id))
        .collect();
    let records: Vec<RoundRecord> = rounds
        .iter()
        .filter_map(|r| {
            let agency_id = *agency_of.get(&r.case_id)?;
            if !visible.contains_key(&agency_id) {
                return None;
            }
            Some(RoundRecord {
                agency_id,
                reviewer_id: r.reviewer_id,
                submitted_at: r.submitted_at,
                decided: match (r.decided_at, ReviewOutcome::parse(&r.status)) {
                    (Some(at), Some(o)) => Some((at, o)),
                    _ => None,
                },
            })
        })
        .collect();
    let names = crate::ssr::services::names::user_names(
        &state.db.conn,
        records.iter().filter_map(|r| r.reviewer_id),
    )
    .await?;
    let row = |name: String, f: review::ReviewFigures| FigureRow {
        name,
        done: f.done,
        approved: f.approved,
        returned: f.returned,
        pending: f.pending,
        approval_rate: f.approval_rate(),
        return_rate: f.return_rate(),
        median_hours: f.median_hours,
    };
    let mut agencies_sorted: Vec<&agencies::Model> = visible.values().collect();
    agencies_sorted.sort_by_key(|a| a.id);
    let by_agency_map = review::figures::grouped(&records, |r| Some(r.agency_id));
    Ok(ReviewFiguresView {
        by_agency: agencies_sorted
            .into_iter()
            .filter(|a| a.kind == "enforcement")
            .map(|a| {
                row(
                    a.name.clone(),
                    by_agency_map.get(&a.id).copied().unwrap_or_default(),
                )
            })
            .collect(),
        by_reviewer: review::figures::grouped(&records, |r| r.reviewer_id)
            .into_iter()
            .map(|(id, f)| row(names.get(&id).cloned().unwrap_or_default(), f))
            .collect(),
    })
}
