//! Legal review of major decisions (重大执法决定法制审核): the versioned catalog of each
//! agency, the classification of a case against it, the review rounds (opened by a submission,
//! closed by the reviewer's decision), the reviewer's queue and work page, and the figures.
//!
//! Steps that change a case (submission, decision) run through the case write path
//! (`services::cases`), which calls [`open_round`] and [`close_round`] inside its unit of work so
//! the round, the case and the audit event are committed together.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use tianping_domain::{
    authz::{Action, Actor, AgencyScope, can},
    case::{self, CaseError, CommandKind, PartyKind},
    i18n::{Lang, china_time},
    money,
    review::{
        self, CaseProfile, CatalogVersion, Criterion, Measure, PointFinding, ReviewCatalog,
        ReviewDecision, ReviewOutcome, RoundRecord, Submission,
    },
    validate::{self, Field, Rule, ValidationError},
};

use super::cases::{self as case_service, form::StepInput};
use crate::{
    api::{
        case_dto::{StepForm, StepOutcome},
        review_dto::{
            AgencyCatalogs, CatalogForm, CatalogVersionView, EvidenceRef, FigureRow, FindingView,
            MaterialsView, QueueItem, ReviewFiguresView, ReviewForm, ReviewPage, RoundView,
        },
    },
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, cases, evidence, review_catalogs, review_rounds, users},
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

/// The pending rounds of the agencies the reviewer serves, oldest first.
pub async fn queue(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<QueueItem>, ServiceError> {
    can(actor, &Action::WorkReviewQueue)?;
    let today = case_service::today(state);
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
    let agency_names = agency_names(state).await?;
    let names = user_names(state, pending.iter().map(|r| r.submitted_by)).await?;
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

fn minute(t: chrono::DateTime<chrono::Utc>) -> String {
    china_time(t).format("%Y-%m-%d %H:%M").to_string()
}

async fn agency_names(state: &AppState) -> Result<HashMap<i32, String>, ServiceError> {
    Ok(agencies::Entity::find()
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect())
}

async fn user_names(
    state: &AppState,
    ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, String>, ServiceError> {
    let ids = super::cases::distinct(ids);
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
    let names = user_names(
        state,
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
    Ok(ReviewPage {
        case_id: row.id,
        case_number: row.number.clone(),
        case_title: row.title.clone(),
        agency: agency.name,
        officers,
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

/// Every agency's catalog versions, for administrators.
pub async fn catalogs(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<AgencyCatalogs>, ServiceError> {
    can(actor, &Action::ManageReviewCatalog)?;
    let today = case_service::today(state);
    let mut out = Vec::new();
    let all = agencies::Entity::find()
        .order_by_asc(agencies::Column::Id)
        .all(&state.db.conn)
        .await?;
    for a in all.into_iter().filter(|a| a.kind == "enforcement") {
        let versions = versions(&state.db.conn, a.id).await?;
        let plain: Vec<CatalogVersion> = versions.iter().map(|(_, v)| v.clone()).collect();
        let current = review::in_force(&plain, today).map(|v| v.version);
        let creators = user_names(state, versions.iter().map(|(r, _)| r.created_by)).await?;
        let draft = form_of(
            a.id,
            review::in_force(&plain, today)
                .map(|v| v.catalog.clone())
                .unwrap_or_else(ReviewCatalog::typical),
        );
        out.push(AgencyCatalogs {
            agency_id: a.id,
            agency_name: a.name.clone(),
            versions: versions
                .iter()
                .rev()
                .map(|(row, v)| CatalogVersionView {
                    id: row.id,
                    version: row.version,
                    effective_from: row.effective_from,
                    in_force: Some(v.version) == current,
                    criteria: v
                        .catalog
                        .criteria
                        .iter()
                        .map(|c| c.describe(lang))
                        .collect(),
                    note: row.note.clone(),
                    created_by: creators.get(&row.created_by).cloned().unwrap_or_default(),
                    created_at: minute(row.created_at),
                })
                .collect(),
            draft,
        });
    }
    Ok(out)
}

fn yuan(fen: i64) -> String {
    money::format_yuan(fen).replace(',', "")
}

/// The form that would publish `catalog` again (the prefill of the next version).
fn form_of(agency_id: i32, catalog: ReviewCatalog) -> CatalogForm {
    let mut form = CatalogForm {
        agency: agency_id.to_string(),
        ..CatalogForm::default()
    };
    let mut flags = Vec::new();
    for c in catalog.criteria {
        match c {
            Criterion::Fine {
                natural_person_fen,
                organisation_fen,
            } => {
                form.fine_person = yuan(natural_person_fen);
                form.fine_organisation = yuan(organisation_fen);
            }
            Criterion::Confiscation {
                natural_person_fen,
                organisation_fen,
            } => {
                form.confiscation_person = yuan(natural_person_fen);
                form.confiscation_organisation = yuan(organisation_fen);
            }
            Criterion::Measures { measures } => {
                for m in measures {
                    form.measures.insert(m.as_str().to_owned(), "on".into());
                }
            }
            Criterion::Hearing => form.hearing = "on".into(),
            Criterion::DiscretionDeparture => form.departure = "on".into(),
            Criterion::Flag {
                code,
                label_zh,
                label_en,
            } => flags.push(format!("{code} | {label_zh} | {label_en}")),
        }
    }
    form.flags = flags.join("\n");
    form
}

fn on(s: &str) -> bool {
    matches!(s.trim(), "on" | "true")
}

/// Parses the catalog form into a catalog, naming every bad field.
pub fn parse_catalog_form(form: &CatalogForm) -> Result<ReviewCatalog, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let mut criteria = Vec::new();
    let mut pair = |field: Field, a: &str, b: &str| -> Option<(i64, i64)> {
        if a.trim().is_empty() && b.trim().is_empty() {
            return None;
        }
        let parse = |s: &str| money::parse_yuan(s).ok();
        match (parse(a), parse(b)) {
            (Some(x), Some(y)) => Some((x, y)),
            _ => {
                errors.push(ValidationError::new(field, Rule::Amount));
                None
            }
        }
    };
    if let Some((p, o)) = pair(
        Field::FineThreshold,
        &form.fine_person,
        &form.fine_organisation,
    ) {
        criteria.push(Criterion::Fine {
            natural_person_fen: p,
            organisation_fen: o,
        });
    }
    if let Some((p, o)) = pair(
        Field::ConfiscationThreshold,
        &form.confiscation_person,
        &form.confiscation_organisation,
    ) {
        criteria.push(Criterion::Confiscation {
            natural_person_fen: p,
            organisation_fen: o,
        });
    }
    let mut measures = Vec::new();
    for (k, v) in &form.measures {
        if !on(v) {
            continue;
        }
        match Measure::parse(k) {
            Some(m) => measures.push(m),
            None => errors.push(ValidationError::new(Field::Measures, Rule::OneOf)),
        }
    }
    if !measures.is_empty() {
        measures.sort();
        criteria.push(Criterion::Measures { measures });
    }
    if on(&form.hearing) {
        criteria.push(Criterion::Hearing);
    }
    if on(&form.departure) {
        criteria.push(Criterion::DiscretionDeparture);
    }
    for line in form.flags.lines().filter(|l| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        match parts.as_slice() {
            [code, zh, en] => criteria.push(Criterion::Flag {
                code: (*code).to_owned(),
                label_zh: (*zh).to_owned(),
                label_en: (*en).to_owned(),
            }),
            [code, zh] => criteria.push(Criterion::Flag {
                code: (*code).to_owned(),
                label_zh: (*zh).to_owned(),
                label_en: (*zh).to_owned(),
            }),
            _ => errors.push(ValidationError::new(Field::FlagLabel, Rule::Malformed)),
        }
    }
    let catalog = ReviewCatalog { criteria };
    if let Err(more) = catalog.check() {
        errors.extend(more);
    }
    if errors.is_empty() {
        Ok(catalog)
    } else {
        Err(errors)
    }
}

/// Publishes a new catalog version of an agency; the audit event carries the whole catalog.
pub async fn publish_catalog(
    state: &AppState,
    actor: &Actor,
    form: &CatalogForm,
) -> Result<i32, ServiceError> {
    can(actor, &Action::ManageReviewCatalog)?;
    let today = case_service::today(state);
    let mut errors = Vec::new();
    let agency_id = form.agency.trim().parse::<i32>().ok();
    let effective_from = if form.effective_from.trim().is_empty() {
        Some(today)
    } else {
        match validate::date(Field::EffectiveFrom, &form.effective_from) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(e);
                None
            }
        }
    };
    let note = validate::text(Field::Reason, &form.note, 0, 2000);
    let catalog = parse_catalog_form(form);
    let uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let agency = match agency_id {
        Some(id) => agencies::Entity::find_by_id(id)
            .one(uow.txn())
            .await?
            .filter(|a| a.kind == "enforcement"),
        None => None,
    };
    if agency.is_none() {
        errors.push(ValidationError::new(Field::Agency, Rule::Exists));
    }
    let note = note.map_err(|e| errors.push(e)).unwrap_or_default();
    let catalog = catalog.map_err(|e| errors.extend(e)).ok();
    let (Some(agency), Some(effective_from), Some(catalog), true) =
        (agency, effective_from, catalog, errors.is_empty())
    else {
        return Err(ServiceError::ValidationMany(errors));
    };
    insert_version(uow, actor, &agency, effective_from, &catalog, &note).await
}

/// Writes a catalog version (numbered after the agency's last) and its audit event.
pub async fn insert_version(
    mut uow: UnitOfWork,
    actor: &Actor,
    agency: &agencies::Model,
    effective_from: NaiveDate,
    catalog: &ReviewCatalog,
    note: &str,
) -> Result<i32, ServiceError> {
    let last = uow.locked(
        review_catalogs::Entity::find()
            .filter(review_catalogs::Column::AgencyId.eq(agency.id))
            .order_by_desc(review_catalogs::Column::Version),
    );
    let version = last.one(uow.txn()).await?.map_or(1, |r| r.version + 1);
    let row = review_catalogs::ActiveModel {
        agency_id: Set(agency.id),
        version: Set(version),
        effective_from: Set(effective_from),
        criteria: Set(serde_json::to_string(catalog).unwrap_or_default()),
        note: Set(note.to_owned()),
        created_by: Set(actor.user_id),
        created_at: Set(uow.now()),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "review.publish_catalog",
        subject_type: "agency",
        subject_id: agency.id.to_string(),
        payload: json!({
            "version": version, "effective_from": effective_from,
            "catalog": catalog, "note": note,
        }),
    });
    uow.flush().await?;
    uow.commit().await?;
    Ok(row.id)
}

/// Review figures per agency and per reviewer, over the agencies the actor may read.
pub async fn figures(state: &AppState, actor: &Actor) -> Result<ReviewFiguresView, ServiceError> {
    let visible = super::agencies_where(state, actor, |s| Action::ViewReviewFigures(s)).await?;
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
    let case_ids: Vec<i32> = super::cases::distinct(rounds.iter().map(|r| r.case_id));
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
    let names = user_names(state, records.iter().filter_map(|r| r.reviewer_id)).await?;
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

/// Parses the materials of a submission from the step form (checked later against the stage).
pub fn submission_of(form: &StepForm) -> Submission {
    Submission {
        investigation_report: form.report.clone(),
        draft_decision: form.draft_decision.clone(),
        statement_record: form.statement_record.clone(),
        hearing_record: form.hearing_record.clone(),
    }
}
