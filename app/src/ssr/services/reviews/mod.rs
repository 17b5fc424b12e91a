//! Legal review of major decisions (重大执法决定法制审核): the versioned catalog of each
//! agency, the classification of a case against it, the review rounds (opened by a submission,
//! closed by the reviewer's decision), the reviewer's queue and work page, and the figures.
//!
//! Steps that change a case (submission, decision) run through the case write path
//! (`services::cases`), which calls [`open_round`] and [`close_round`] inside its unit of work so
//! the round, the case and the audit event are committed together.

mod catalogs;
mod queue;

pub use catalogs::{catalogs, insert_version, parse_catalog_form, publish_catalog};
pub use queue::{figures, page, queue, rounds_of};

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use tianping_domain::{
    authz::Actor,
    case::{self, CaseError, CommandKind, PartyKind},
    i18n::china_time,
    review::{
        self, CaseProfile, CatalogVersion, Criterion, Measure, ReviewCatalog, ReviewDecision,
        Submission,
    },
};

use crate::ssr::services::cases::{self as case_service, form::StepInput};
use crate::{
    api::{
        case_dto::{StepForm, StepOutcome},
        review_dto::{EvidenceRef, MaterialsView, ReviewForm},
    },
    ssr::{
        AppState,
        entities::{cases, evidence, review_catalogs, review_rounds},
        error::ServiceError,
    },
};

/// A case's classification against a catalog version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Classification {
    /// The catalog row used, if the agency has one.
    pub catalog_id: Option<i32>,
    /// Its version number.
    pub catalog_version: Option<i32>,
    /// The entries matched; the case is major when there is any.
    pub matched: Vec<Criterion>,
}

impl Classification {
    /// Whether the case is major.
    pub fn is_major(&self) -> bool {
        !self.matched.is_empty()
    }

    /// The matched entries as JSON for audit payloads.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "catalog_version": self.catalog_version,
            "matched": self.matched,
        })
    }
}

fn parse_catalog(row: &review_catalogs::Model) -> Result<CatalogVersion, ServiceError> {
    let catalog: ReviewCatalog = serde_json::from_str(&row.criteria)
        .map_err(|e| ServiceError::Internal(format!("catalog {} is not readable: {e}", row.id)))?;
    Ok(CatalogVersion {
        version: u32::try_from(row.version).unwrap_or(0),
        effective_from: row.effective_from,
        catalog,
    })
}

/// Every version of an agency's catalog, oldest first.
pub async fn versions<C: ConnectionTrait>(
    conn: &C,
    agency_id: i32,
) -> Result<Vec<(review_catalogs::Model, CatalogVersion)>, ServiceError> {
    review_catalogs::Entity::find()
        .filter(review_catalogs::Column::AgencyId.eq(agency_id))
        .order_by_asc(review_catalogs::Column::Version)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| {
            let v = parse_catalog(&row)?;
            Ok((row, v))
        })
        .collect()
}

/// The agency's catalog version in force on `day`, with its row id.
pub async fn in_force_on<C: ConnectionTrait>(
    conn: &C,
    agency_id: i32,
    day: NaiveDate,
) -> Result<Option<(i32, CatalogVersion)>, ServiceError> {
    let all = versions(conn, agency_id).await?;
    let plain: Vec<CatalogVersion> = all.iter().map(|(_, v)| v.clone()).collect();
    Ok(review::in_force(&plain, day).and_then(|chosen| {
        all.iter()
            .find(|(_, v)| v.version == chosen.version)
            .map(|(row, v)| (row.id, v.clone()))
    }))
}

/// Splits a comma-separated list stored on the case row.
fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').map(str::trim).filter(|x| !x.is_empty())
}

/// What the catalog looks at, from the case row as it stands.
pub fn profile_of(row: &cases::Model, party_kind: Option<PartyKind>) -> CaseProfile {
    CaseProfile {
        party_kind,
        fine_fen: row
            .proposed_fine_fen
            .unwrap_or(0)
            .max(row.fine_fen.unwrap_or(0)),
        confiscation_fen: row.confiscation_fen,
        measures: list(&row.measures).filter_map(Measure::parse).collect(),
        hearing: row.hearing_held || row.hearing_date.is_some() || row.state == "hearing_requested",
        discretion_departure: row.departure_flagged
            || matches!(row.discretion_check.as_deref(), Some("below" | "above")),
        flags: list(&row.review_flags).map(str::to_owned).collect(),
    }
}

/// Which catalog judges a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    /// The version in force today (conclusion, submission).
    Today,
    /// The version the last submission was judged by, else the one in force today (prior
    /// notice, decision): "a case is judged by the catalog in force when it was submitted".
    AsSubmitted,
}

/// Classifies a case profile against its agency's catalog.
pub async fn classify<C: ConnectionTrait>(
    conn: &C,
    row: &cases::Model,
    profile: &CaseProfile,
    today: NaiveDate,
    judged: Judged,
) -> Result<Classification, ServiceError> {
    let submitted = if judged == Judged::AsSubmitted {
        match review_rounds::Entity::find()
            .filter(review_rounds::Column::CaseId.eq(row.id))
            .order_by_desc(review_rounds::Column::Round)
            .one(conn)
            .await?
            .and_then(|r| r.catalog_id)
        {
            Some(id) => match review_catalogs::Entity::find_by_id(id).one(conn).await? {
                Some(c) => Some((c.id, parse_catalog(&c)?)),
                None => None,
            },
            None => None,
        }
    } else {
        None
    };
    let chosen = match submitted {
        Some(c) => Some(c),
        None => in_force_on(conn, row.agency_id, today).await?,
    };
    Ok(match chosen {
        Some((id, v)) => Classification {
            catalog_id: Some(id),
            catalog_version: i32::try_from(v.version).ok(),
            matched: v.catalog.classify(profile),
        },
        // An agency without a catalog of its own is judged by the typical entries
        // (DOMAIN.md §1c) rather than by none.
        None => Classification {
            catalog_id: None,
            catalog_version: None,
            matched: ReviewCatalog::typical().classify(profile),
        },
    })
}

/// The flags of the catalog in force today, to check an officer's flags against.
pub async fn known_flags<C: ConnectionTrait>(
    conn: &C,
    agency_id: i32,
    today: NaiveDate,
) -> Result<Vec<(String, String, String)>, ServiceError> {
    let catalog = in_force_on(conn, agency_id, today)
        .await?
        .map_or_else(ReviewCatalog::typical, |(_, v)| v.catalog);
    Ok(catalog
        .flags()
        .map(|(c, zh, en)| (c.to_owned(), zh.to_owned(), en.to_owned()))
        .collect())
}

/// Opens a review round for a submitted case, inside the step's unit of work. Returns the
/// round's number.
#[allow(clippy::too_many_arguments)]
pub async fn open_round<C: ConnectionTrait>(
    conn: &C,
    row: &cases::Model,
    actor: &Actor,
    classification: &Classification,
    submission: &Submission,
    due_on: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i32, ServiceError> {
    let previous = review_rounds::Entity::find()
        .filter(review_rounds::Column::CaseId.eq(row.id))
        .all(conn)
        .await?;
    if previous.iter().any(|r| r.status == "pending") {
        return Err(ServiceError::Refused(CaseError::NotAllowedInState {
            state: case::CaseState::UnderLegalReview,
            command: CommandKind::SubmitForReview,
        }));
    }
    let round = i32::try_from(previous.len()).unwrap_or(i32::MAX - 1) + 1;
    let items: Vec<EvidenceRef> = evidence::Entity::find()
        .filter(evidence::Column::CaseId.eq(row.id))
        .order_by_asc(evidence::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|e| EvidenceRef {
            id: e.id,
            label: e.title,
            sha256: e.sha256,
        })
        .collect();
    let materials = MaterialsView {
        investigation_report: submission.investigation_report.clone(),
        draft_decision: submission.draft_decision.clone(),
        statement_record: submission.statement_record.clone(),
        hearing_record: submission.hearing_record.clone(),
        evidence: items,
    };
    review_rounds::ActiveModel {
        case_id: Set(row.id),
        round: Set(round),
        catalog_id: Set(classification.catalog_id),
        matched: Set(serde_json::to_string(&classification.matched).unwrap_or_default()),
        materials: Set(serde_json::to_string(&materials).unwrap_or_default()),
        submitted_by: Set(actor.user_id),
        submitted_at: Set(now),
        due_on: Set(due_on),
        status: Set("pending".into()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(round)
}

/// Closes the pending round with the reviewer's decision, inside the step's unit of work.
pub async fn close_round<C: ConnectionTrait>(
    conn: &C,
    round_id: i32,
    actor: &Actor,
    decision: &ReviewDecision,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ServiceError> {
    let round = review_rounds::Entity::find_by_id(round_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut r = round.into_active_model();
    r.status = Set(decision.outcome.as_str().to_owned());
    r.reviewer_id = Set(Some(actor.user_id));
    r.decided_at = Set(Some(now));
    r.findings = Set(Some(
        serde_json::to_string(&decision.findings).unwrap_or_default(),
    ));
    r.opinion = Set(Some(decision.opinion.clone()));
    r.update(conn).await?;
    Ok(())
}

/// Decides a round: checks the checklist, outcome and opinion, and takes the approve or return
/// step on the case through the case write path.
pub async fn decide(
    state: &AppState,
    actor: &Actor,
    round_id: i32,
    form: &ReviewForm,
) -> Result<StepOutcome, ServiceError> {
    let round = review_rounds::Entity::find_by_id(round_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let checked = review::check_decision(
        |p| form.verdicts.get(p.as_str()).cloned().unwrap_or_default(),
        |p| form.comments.get(p.as_str()).cloned().unwrap_or_default(),
        &form.outcome,
        &form.opinion,
    );
    let (command, decision, deferred) = match checked {
        Ok(d) => {
            let command = if d.outcome.passes() {
                case::Command::ApproveReview
            } else {
                case::Command::ReturnReview {
                    opinion: d.opinion.clone(),
                }
            };
            (command, Some(d), Vec::new())
        }
        // The role, agency and independence are judged before the input is reported.
        Err(errors) => (case::Command::ApproveReview, None, errors),
    };
    if round.status != "pending" {
        let row = cases::Entity::find_by_id(round.case_id)
            .one(&state.db.conn)
            .await?
            .ok_or(ServiceError::NotFound)?;
        case_service::visible(state, actor, row.id).await?;
        return Err(ServiceError::Refused(CaseError::NotAllowedInState {
            state: case::CaseState::parse(&row.state).unwrap_or_default(),
            command: CommandKind::ApproveReview,
        }));
    }
    let extras = StepInput {
        review: decision.map(|d| (round.id, d)),
        ..StepInput::default()
    };
    case_service::run_step(state, actor, round.case_id, command, extras, deferred).await
}

/// Parses the materials of a submission from the step form (checked later against the stage).
pub fn submission_of(form: &StepForm) -> Submission {
    Submission {
        investigation_report: form.report.clone(),
        draft_decision: form.draft_decision.clone(),
        statement_record: form.statement_record.clone(),
        hearing_record: form.hearing_record.clone(),
    }
}

/// A time as reviewers read it (China, to the minute).
fn minute(t: chrono::DateTime<chrono::Utc>) -> String {
    china_time(t).format("%Y-%m-%d %H:%M").to_string()
}
