//! Penalty cases: registering, taking steps through the state machine, parties, evidence and
//! records, and reading cases back with their deadlines, documents and timeline.
//!
//! Every write runs in one [`UnitOfWork`]: the case facts are loaded inside the transaction,
//! the pure state machine judges the step, and the case change, its deadlines, its documents and
//! its audit event are written together or not at all.

mod codes;
pub mod documents;
mod facts;
pub mod form;
mod store;
mod view;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QuerySelect, Set,
};
use serde_json::json;
use tianping_domain::{
    authz::{Action, Actor, AgencyScope, can},
    case::{
        self, CaseError, CaseFacts, CaseState, ClueSource, Command, PartyKind, Procedure,
        SummaryPenalty,
    },
    discretion::{self, FineBand},
    evidence::{self, RawEvidence},
    party::{self, RawParty},
    validate::{self, Field, Rule, ValidationError},
};

pub use crate::ssr::util::today;
pub use codes::{code, parse_code};
pub use view::{detail, list};

use crate::{
    api::case_dto::{NewCaseForm, StaffingForm, StepForm, StepOutcome, SummaryForm},
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        blobs::{BlobStore, Staged},
        entities::{
            agencies, blobs, case_officers, cases, clues, discretion_standards,
            evidence as evidence_rows, evidence_collectors, parties, users,
        },
        error::ServiceError,
    },
};

/// Loads a case the actor may see, inside `conn`; others answer "not found". With `lock`,
/// the case row is locked until the transaction ends, so concurrent steps on one case are
/// judged one after the other.
pub(crate) async fn visible_case<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: i32,
    lock: bool,
) -> Result<(cases::Model, agencies::Model), ServiceError> {
    let mut query = cases::Entity::find_by_id(id);
    if lock {
        query = query.lock_exclusive();
    }
    let row = query.one(conn).await?.ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(
        actor,
        &Action::ViewCase(&AgencyScope {
            agency_id: agency.id,
            region_code: agency.region_code.clone(),
        }),
    )?;
    Ok((row, agency))
}

/// The actor's agency, locked on PostgreSQL until the unit of work ends (case numbers are
/// drawn under this lock).
async fn agency_for_update(
    uow: &UnitOfWork,
    agency_id: i32,
) -> Result<agencies::Model, ServiceError> {
    let query = uow.locked(agencies::Entity::find_by_id(agency_id));
    query.one(uow.txn()).await?.ok_or(ServiceError::NotFound)
}

/// Whether the actor may open a case with this first step at all: its role, in an agency.
/// Checked before the input, so that those who may not act learn nothing about it.
fn may_open(actor: &Actor, first: case::CommandKind) -> Result<(), ServiceError> {
    if actor.role == first.required_role() && actor.agency_id.is_some() {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// Refuses a step the state machine refused, naming why.
fn refused(e: CaseError) -> ServiceError {
    ServiceError::Refused(e)
}

/// The next case number of an agency in a year: `<CODE>-<YEAR>-<NNNNN>`. The caller holds the
/// agency row locked (see `agency_for_update`), so two registrations never draw one number.
async fn next_number<C: ConnectionTrait>(
    conn: &C,
    agency: &agencies::Model,
    year: i32,
) -> Result<String, ServiceError> {
    let prefix = format!("{}-{year}-", agency.code);
    let count = cases::Entity::find()
        .filter(cases::Column::AgencyId.eq(agency.id))
        .filter(cases::Column::Number.starts_with(prefix.clone()))
        .count(conn)
        .await?;
    Ok(format!("{prefix}{:05}", count + 1))
}

/// A step's audit payload: the state machine's record, with what the service adds about the
/// rows the step created (a case's number, a review round, an evidence file).
#[derive(serde::Serialize)]
struct StepAudit<'a, E: serde::Serialize> {
    #[serde(flatten)]
    step: &'a case::StepRecord,
    #[serde(flatten)]
    rows: E,
}

/// Registers a case (S0 案源登记) in the actor's agency, from a clue in the intake queue or
/// from the officer's own inspection.
pub async fn register(
    state: &AppState,
    actor: &Actor,
    form: &NewCaseForm,
) -> Result<StepOutcome, ServiceError> {
    let today = today(state);
    may_open(actor, case::CommandKind::RegisterClue)?;
    let mut errors = Vec::new();
    let mut take = |r: Result<String, ValidationError>| match r {
        Ok(v) => v,
        Err(e) => {
            errors.push(e);
            String::new()
        }
    };
    let title = take(validate::text(Field::Title, &form.title, 2, 200));
    let description = take(validate::text(
        Field::Description,
        &form.description,
        1,
        5000,
    ));
    let location = take(validate::text(Field::Location, &form.location, 2, 200));
    let source = if form.source.trim().is_empty() && !form.clue.trim().is_empty() {
        Some(ClueSource::ComplaintOrReport)
    } else {
        parse_code::<ClueSource>(form.source.trim())
    };
    if source.is_none() {
        errors.push(ValidationError::new(Field::ClueSource, Rule::OneOf));
    }
    let received_on = if form.received_on.trim().is_empty() {
        Ok(today)
    } else {
        validate::date(Field::ReceivedOn, &form.received_on)
    };
    let act_date = validate::date(Field::ActDate, &form.act_date);
    let clue_id = if form.clue.trim().is_empty() {
        None
    } else {
        match form.clue.trim().parse::<i32>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push(ValidationError::new(Field::Clue, Rule::Exists));
                None
            }
        }
    };
    let (received_on, act_date) = match (received_on, act_date) {
        (Ok(r), Ok(a)) if a > today => {
            errors.push(ValidationError::new(Field::ActDate, Rule::NotInFuture));
            (r, a)
        }
        (Ok(r), Ok(a)) => (r, a),
        (r, a) => {
            errors.extend(r.err());
            errors.extend(a.err());
            (today, today)
        }
    };
    let (Some(source), true) = (source, errors.is_empty()) else {
        return Err(ServiceError::ValidationMany(errors));
    };

    let uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let Some(agency_id) = actor.agency_id else {
        return Err(ServiceError::Forbidden);
    };
    let agency = agency_for_update(&uow, agency_id).await?;
    let clue = match clue_id {
        Some(id) => {
            let clue = clues::Entity::find_by_id(id)
                .one(uow.txn())
                .await?
                .filter(|c| c.agency_id == agency_id)
                .ok_or(ServiceError::Validation(ValidationError::new(
                    Field::Clue,
                    Rule::Exists,
                )))?;
            if clue.status != "pending" {
                return Err(ServiceError::Validation(ValidationError::new(
                    Field::Clue,
                    Rule::Unique,
                )));
            }
            Some(clue)
        }
        None => None,
    };
    let mut facts = facts::for_new_case(uow.txn(), actor, Procedure::Ordinary, &[], today).await?;
    facts.agency_id = agency_id;
    let command = Command::RegisterClue {
        source,
        received_on,
    };
    let transition = case::apply(&facts, &command, actor, today).map_err(refused)?;
    let now = uow.now();
    let limitation_ends = state.settings.deadline_rules.due(
        &state.settings.calendar,
        tianping_domain::deadline::DeadlineKind::Limitation {
            endangers_safety_or_finance: false,
            caused_harm: false,
        },
        act_date,
    );
    let row = cases::ActiveModel {
        number: Set(next_number(uow.txn(), &agency, chrono::Datelike::year(&received_on)).await?),
        agency_id: Set(agency_id),
        clue_id: Set(clue.as_ref().map(|c| c.id)),
        procedure: Set(Procedure::Ordinary.as_str().into()),
        state: Set(transition.to.as_str().into()),
        title: Set(title),
        description: Set(description),
        location: Set(location),
        source: Set(code(&source)),
        received_on: Set(received_on),
        act_date: Set(Some(act_date)),
        limitation_ends: Set(Some(limitation_ends)),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    if let Some(clue) = clue {
        let mut c = clue.into_active_model();
        c.status = Set("registered".into());
        c.decided_at = Set(Some(now));
        c.decided_by = Set(Some(actor.user_id));
        c.update(uow.txn()).await?;
    }
    finish(
        state,
        uow,
        actor,
        &row,
        &command,
        &transition,
        today,
        json!({
            "number": row.number, "title": row.title, "clue_id": row.clue_id,
            "act_date": act_date, "limitation_ends": limitation_ends,
        }),
    )
    .await
}

/// Writes a transition's deadlines, audit event and documents, and commits. `rows` adds to the
/// audit payload what the service knows of the rows the step wrote.
#[allow(clippy::too_many_arguments)]
async fn finish(
    state: &AppState,
    mut uow: UnitOfWork,
    actor: &Actor,
    row: &cases::Model,
    command: &Command,
    transition: &case::Transition,
    today: NaiveDate,
    rows: impl serde::Serialize,
) -> Result<StepOutcome, ServiceError> {
    let payload = serde_json::to_value(StepAudit {
        step: &transition.record,
        rows,
    })
    .map_err(|e| ServiceError::Internal(format!("audit payload: {e}")))?;
    store::apply_deadlines(
        uow.txn(),
        row.id,
        &transition.deadlines,
        command.happened_on(today),
        today,
        &state.settings.deadline_rules,
        &state.settings.calendar,
    )
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: transition.action,
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: row.id.to_string(),
        payload,
    });
    let seqs = uow.flush().await?;
    let seq = seqs.last().copied().unwrap_or_default();
    store::add_documents(uow.txn(), row.id, transition, seq, actor.user_id, uow.now()).await?;
    fail_point(state, "case.before_commit")?;
    uow.commit().await?;
    Ok(StepOutcome {
        case_id: row.id,
        state: transition.to,
        seq,
    })
}

/// A failure injected by tests after the case change and its audit event are written and
/// before the commit (`AppState::fail_at`). Never set in the server.
fn fail_point(state: &AppState, name: &str) -> Result<(), ServiceError> {
    let armed = state
        .fail_at
        .read()
        .map(|point| *point == Some(name))
        .unwrap_or(false);
    if armed {
        return Err(ServiceError::Internal(format!(
            "injected failure at {name}"
        )));
    }
    Ok(())
}

/// Takes one step on a case.
pub async fn step(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    form: &StepForm,
) -> Result<StepOutcome, ServiceError> {
    let today = today(state);
    // Those who may not see the case learn nothing about it, not even what is wrong with
    // their input.
    visible_case(&state.db.conn, actor, case_id, false).await?;
    let (command, extras) = form::parse(
        form,
        today,
        &state.settings.deadline_rules,
        &state.settings.calendar,
    )
    .map_err(ServiceError::ValidationMany)?;
    run_step(state, actor, case_id, command, extras, Vec::new()).await
}

/// A case the actor may see, with its agency; others answer "not found".
pub(crate) async fn visible(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
) -> Result<(cases::Model, agencies::Model), ServiceError> {
    visible_case(&state.db.conn, actor, case_id, false).await
}

/// Whether the actor may take a step of this kind on the case today, and if not, why.
pub(crate) async fn may_take(
    state: &AppState,
    actor: &Actor,
    row: &cases::Model,
    kind: case::CommandKind,
) -> Result<Result<(), CaseError>, ServiceError> {
    let today = today(state);
    let facts = facts::load(&state.db.conn, row, actor, &[], today).await?;
    Ok(case::check(&facts, kind, actor, today))
}

/// The names of the officers assigned to a case.
pub(crate) async fn officer_names(
    state: &AppState,
    case_id: i32,
) -> Result<Vec<String>, ServiceError> {
    let ids: Vec<i32> = case_officers::Entity::find()
        .filter(case_officers::Column::CaseId.eq(case_id))
        .filter(case_officers::Column::Assigned.eq(true))
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|o| o.user_id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|u| u.display_name)
        .collect())
}

/// The one write path of a step on an existing case: inside one unit of work, load and lock
/// the case, load its facts, resolve the step's input against the agency's data (catalog,
/// discretion standards, review materials), let the state machine judge the command, then
/// store what it decided: the case's changes, its officers, deadlines, documents, review round
/// and audit event. `deferred` holds input errors found before the step was judged: they are
/// reported only to someone the state machine lets take the step, so that those who may not
/// act learn nothing about it.
pub(crate) async fn run_step(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    command: Command,
    mut input: form::StepInput,
    mut deferred: Vec<ValidationError>,
) -> Result<StepOutcome, ServiceError> {
    let today = today(state);
    let uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let (row, _agency) = visible_case(uow.txn(), actor, case_id, uow.locks_rows()).await?;
    let named: Vec<i32> = match &command {
        Command::FileCase { officer_ids } => officer_ids.clone(),
        Command::HoldHearing { host_id } => vec![*host_id],
        _ => Vec::new(),
    };
    let mut facts = facts::load(uow.txn(), &row, actor, &named, today).await?;
    view::with_file_state(uow.txn(), &row, &mut facts).await?;
    let prepared = prepare(uow.txn(), &row, &mut facts, &command, &mut input, today).await?;
    let transition =
        case::apply_step(&facts, &command, &input.details, actor, today).map_err(refused)?;
    deferred.extend(prepared.errors);
    if !deferred.is_empty() {
        return Err(ServiceError::ValidationMany(deferred));
    }

    let mut model = row.clone().into_active_model();
    store::apply_changes(
        &mut model,
        transition.to,
        &transition.changes,
        &state.settings.deadline_rules,
        &state.settings.calendar,
    );
    model.updated_at = Set(uow.now());
    let row = model.update(uow.txn()).await?;
    if let Command::FileCase { officer_ids } = &command {
        for id in officer_ids {
            store::set_officer(uow.txn(), row.id, *id, true).await?;
        }
    }
    let mut review = ReviewAudit::default();
    if let (Command::SubmitForReview, Some(submission)) = (&command, &prepared.submission) {
        let classification = prepared.classification.clone().unwrap_or_default();
        let due_on = case::due_date(
            case::DeadlineKind::LegalReview,
            today,
            case::ScheduleFacts::default(),
            &state.settings.deadline_rules,
            &state.settings.calendar,
        );
        let round = super::reviews::open_round(
            uow.txn(),
            &row,
            actor,
            &classification,
            submission,
            due_on,
            uow.now(),
        )
        .await?;
        review.round = Some(round);
        review.review_due_on = Some(due_on);
    }
    if let Some((round_id, decision)) = &input.review {
        super::reviews::close_round(uow.txn(), *round_id, actor, decision, uow.now()).await?;
        review.round_id = Some(*round_id);
        review.review_outcome = Some(decision.outcome);
        // A return's opinion is already in the command.
        review.opinion = (decision.outcome.passes() && !decision.opinion.is_empty())
            .then(|| decision.opinion.clone());
        review.problems = Some(
            decision
                .findings
                .iter()
                .filter(|f| f.verdict == tianping_domain::review::Verdict::Problem)
                .map(|f| ReviewProblem {
                    point: f.point,
                    comment: f.comment.clone(),
                })
                .collect(),
        );
    }
    if let Some(clue_id) = row.clue_id
        && transition.to == CaseState::ClueDeclined
        && let Some(clue) = clues::Entity::find_by_id(clue_id).one(uow.txn()).await?
    {
        let mut c = clue.into_active_model();
        c.status = Set("declined".into());
        c.decline_reason = Set(row.state_reason.clone());
        c.update(uow.txn()).await?;
    }
    finish(
        state,
        uow,
        actor,
        &row,
        &command,
        &transition,
        today,
        review,
    )
    .await
}

/// What a review step adds to its audit payload: the round it opened or closed.
#[derive(Debug, Default, serde::Serialize)]
struct ReviewAudit {
    #[serde(skip_serializing_if = "Option::is_none")]
    round: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    review_due_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    round_id: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    review_outcome: Option<tianping_domain::review::ReviewOutcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    opinion: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problems: Option<Vec<ReviewProblem>>,
}

/// A checklist point the reviewer found a problem with.
#[derive(Debug, serde::Serialize)]
struct ReviewProblem {
    point: tianping_domain::review::CheckPoint,
    comment: String,
}

/// What [`prepare`] found before the state machine judges a step.
#[derive(Default)]
struct Prepared {
    /// Input errors to report once the step itself is allowed.
    errors: Vec<ValidationError>,
    /// The case's classification against the major-decision catalog, for the steps it matters
    /// to (conclusion, submission, prior notice, hearing, decision).
    classification: Option<super::reviews::Classification>,
    /// The checked materials of a submission to review.
    submission: Option<tianping_domain::review::Submission>,
}

/// Resolves a step's input against the agency's data before the state machine judges it: the
/// case's classification against the major-decision catalog (with what the step proposes or
/// decides), hearing eligibility from the proposed fine, the discretion standard of a
/// decision, the materials a submission must carry. What they mean for the case is the state
/// machine's to decide.
async fn prepare<C: ConnectionTrait>(
    conn: &C,
    row: &cases::Model,
    facts: &mut CaseFacts,
    command: &Command,
    input: &mut form::StepInput,
    today: NaiveDate,
) -> Result<Prepared, ServiceError> {
    use super::reviews::{self, Judged};
    let mut prepared = Prepared::default();
    let kind = party_kind(conn, row.id).await?;
    let mut profile = reviews::profile_of(row, kind);
    let judged = match command {
        Command::ConcludeInvestigation { .. } => {
            let p = input.details.proposal.clone().unwrap_or_default();
            let known = reviews::known_flags(conn, row.agency_id, today).await?;
            if p.flags.iter().any(|f| !known.iter().any(|(c, ..)| c == f)) {
                prepared
                    .errors
                    .push(ValidationError::new(Field::FlagCode, Rule::Exists));
            }
            profile.fine_fen = p.fine_fen;
            profile.confiscation_fen = p.confiscation_fen;
            profile.measures = p.measures.clone();
            profile.flags = p.flags.clone();
            profile.discretion_departure = p.departure;
            Some(Judged::Today)
        }
        Command::SubmitForReview => {
            let stage = tianping_domain::review::SubmissionStage {
                statement_due: row.prior_notice_on.is_some() && !row.rights_waived,
                hearing_held: row.hearing_held,
                evidence_count: facts.evidence.len(),
            };
            let raw = input.submission.clone().unwrap_or_default();
            match tianping_domain::review::check_submission(&raw, stage) {
                Ok(s) => prepared.submission = Some(s),
                Err(e) => prepared.errors.extend(e),
            }
            Some(Judged::Today)
        }
        Command::ServePriorNotice {
            proposed_fine_fen, ..
        } => {
            facts.hearing_eligible = case::hearing_eligible(kind, *proposed_fine_fen);
            profile.fine_fen = profile.fine_fen.max(*proposed_fine_fen);
            Some(Judged::AsSubmitted)
        }
        Command::RequestHearing { .. } | Command::HoldHearing { .. } => {
            profile.hearing = true;
            Some(Judged::AsSubmitted)
        }
        Command::Decide {
            fine_fen, outcome, ..
        } => {
            if *outcome == case::DecisionOutcome::Penalty {
                profile.fine_fen = profile.fine_fen.max(*fine_fen);
                if let Some((standard_id, circumstance, justification)) = &input.discretion {
                    let standard = discretion_standards::Entity::find_by_id(*standard_id)
                        .one(conn)
                        .await?
                        .filter(|s| s.agency_id == row.agency_id && s.active)
                        .ok_or(ServiceError::Validation(ValidationError::new(
                            Field::Standard,
                            Rule::Exists,
                        )))?;
                    let band = band_of(&standard, *circumstance);
                    let check = discretion::assess(band, *fine_fen, justification)?;
                    profile.discretion_departure |= check.is_departure();
                    input.details.discretion = Some(case::DiscretionRecord::new(
                        standard.id,
                        standard.provision.clone(),
                        *circumstance,
                        band,
                        check,
                        justification,
                    ));
                }
            }
            Some(Judged::AsSubmitted)
        }
        _ => None,
    };
    if let Some(judged) = judged {
        let c = reviews::classify(conn, row, &profile, today, judged).await?;
        input.details.major = Some(case::MajorRecord {
            catalog_version: c.catalog_version,
            matched: c.matched.clone(),
        });
        prepared.classification = Some(c);
    }
    Ok(prepared)
}

/// The band of a standard for a circumstance.
pub fn band_of(s: &discretion_standards::Model, c: discretion::Circumstance) -> FineBand {
    let (min_fen, max_fen) = match c {
        discretion::Circumstance::Minor => (s.minor_min_fen, s.minor_max_fen),
        discretion::Circumstance::General => (s.general_min_fen, s.general_max_fen),
        discretion::Circumstance::Serious => (s.serious_min_fen, s.serious_max_fen),
    };
    FineBand { min_fen, max_fen }
}

/// The kind of the case's parties: an organisation if any party is one.
pub(crate) async fn party_kind<C: ConnectionTrait>(
    conn: &C,
    case_id: i32,
) -> Result<Option<PartyKind>, ServiceError> {
    let all = parties::Entity::find()
        .filter(parties::Column::CaseId.eq(case_id))
        .all(conn)
        .await?;
    Ok(all
        .iter()
        .filter_map(|p| parse_code::<PartyKind>(&p.kind))
        .max_by_key(|k| matches!(k, PartyKind::Organisation)))
}

/// Changes who handles a case: recusal (回避) or assignment of an officer, decided by the
/// agency head.
pub async fn change_staffing(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    form: &StaffingForm,
) -> Result<StepOutcome, ServiceError> {
    let today = today(state);
    visible_case(&state.db.conn, actor, case_id, false).await?;
    let mut errors = Vec::new();
    let user_id = form.user_id.trim().parse::<i32>().map_err(|_| {
        errors.push(ValidationError::new(
            Field::Officers,
            if form.user_id.trim().is_empty() {
                Rule::Required
            } else {
                Rule::Exists
            },
        ))
    });
    let change = match (form.change.trim(), user_id) {
        ("recuse", Ok(user_id)) => Some(case::StaffingChange::Recuse { user_id }),
        ("assign", Ok(user_id)) => Some(case::StaffingChange::Assign { user_id }),
        ("recuse" | "assign", Err(())) => None,
        _ => {
            errors.push(ValidationError::new(Field::Step, Rule::OneOf));
            None
        }
    };
    let reason = form.reason.trim().to_owned();
    if matches!(change, Some(case::StaffingChange::Recuse { .. }))
        && let Err(e) = validate::text(Field::Reason, &reason, 2, 2000)
    {
        errors.push(e);
    }
    let (Some(change), true) = (change, errors.is_empty()) else {
        return Err(ServiceError::ValidationMany(errors));
    };
    let named = match change {
        case::StaffingChange::Recuse { user_id } | case::StaffingChange::Assign { user_id } => {
            user_id
        }
    };
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let (row, _) = visible_case(uow.txn(), actor, case_id, uow.locks_rows()).await?;
    let facts = facts::load(uow.txn(), &row, actor, &[named], today).await?;
    case::check_staffing(&facts, actor, change).map_err(refused)?;
    match change {
        case::StaffingChange::Recuse { user_id } => {
            store::set_recused(uow.txn(), case_id, user_id).await?;
        }
        case::StaffingChange::Assign { user_id } => {
            store::set_officer(uow.txn(), case_id, user_id, true).await?;
        }
    }
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: change.action(),
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: case_id.to_string(),
        payload: json!({ "change": change, "reason": reason, "state": facts.state }),
    });
    let seqs = uow.commit().await?;
    Ok(StepOutcome {
        case_id,
        state: facts.state,
        seq: seqs.last().copied().unwrap_or_default(),
    })
}

/// Adds a party (当事人) to a case.
pub async fn add_party(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    raw: &RawParty,
) -> Result<i32, ServiceError> {
    let today = today(state);
    let parsed = party::parse_party(raw).map_err(ServiceError::ValidationMany)?;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let (row, _) = visible_case(uow.txn(), actor, case_id, uow.locks_rows()).await?;
    let facts = facts::load(uow.txn(), &row, actor, &[], today).await?;
    if !facts.may_add_parties(actor) {
        return Err(ServiceError::Forbidden);
    }
    let model = store::insert_party(uow.txn(), case_id, &parsed, uow.now()).await?;
    // The ID number and phone are personal data: the audit log keeps the masked number only.
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "case.add_party",
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: case_id.to_string(),
        payload: json!({
            "party_id": model.id, "kind": model.kind, "name": model.name,
            "id_masked": parsed.masked_id(), "credit_code": model.credit_code,
        }),
    });
    uow.commit().await?;
    Ok(model.id)
}

/// An evidence item or record as submitted, with the name and type of its file (the file
/// itself comes separately, streamed).
#[derive(Debug, Clone, Default)]
pub struct EvidenceInput {
    /// The item's fields.
    pub raw: RawEvidence,
    /// The uploaded file's name.
    pub file_name: String,
    /// The uploaded file's content type.
    pub content_type: String,
}

/// Records an evidence item or record on a case, with its streamed file if any. The file's
/// hash goes into the audit event; identical files are stored once.
pub async fn record_evidence(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    input: &EvidenceInput,
    file: Option<Staged>,
) -> Result<i32, ServiceError> {
    let result = record_evidence_inner(state, actor, case_id, input, file.as_ref()).await;
    if let Some(staged) = file {
        // Moved into place on success; otherwise nothing of the upload remains.
        staged.discard().await;
    }
    result
}

async fn record_evidence_inner(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    input: &EvidenceInput,
    file: Option<&Staged>,
) -> Result<i32, ServiceError> {
    let today = today(state);
    let item =
        evidence::parse(&input.raw, file.is_some(), today).map_err(ServiceError::ValidationMany)?;
    let officers = item.collectors.clone();
    let collected_at = item.collected_at;
    let uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let (row, _) = visible_case(uow.txn(), actor, case_id, uow.locks_rows()).await?;
    let facts = facts::load(uow.txn(), &row, actor, &officers, today).await?;
    let command = Command::RecordEvidence {
        collected_by: officers.clone(),
    };
    let transition = case::apply(&facts, &command, actor, today).map_err(refused)?;
    let store = BlobStore::new(&state.settings.data_dir);
    let mut new_blob = None;
    if let Some(staged) = file {
        let known = blobs::Entity::find_by_id(staged.sha256.clone())
            .one(uow.txn())
            .await?
            .is_some();
        if !known {
            blobs::ActiveModel {
                sha256: Set(staged.sha256.clone()),
                size: Set(i64::try_from(staged.size).unwrap_or(i64::MAX)),
                created_at: Set(uow.now()),
            }
            .insert(uow.txn())
            .await?;
        }
        let fresh = store
            .put(staged)
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        if fresh {
            new_blob = Some(staged.sha256.clone());
        }
    }
    let stored = evidence_rows::ActiveModel {
        case_id: Set(case_id),
        kind: Set(item.kind.as_str().to_owned()),
        title: Set(item.title.clone()),
        sha256: Set(file.map(|f| f.sha256.clone())),
        file_name: Set(file.map(|_| sanitize_name(&input.file_name))),
        content_type: Set(file.map(|_| sanitize_type(&input.content_type))),
        size: Set(file.map(|f| i64::try_from(f.size).unwrap_or(i64::MAX))),
        collected_at: Set(collected_at),
        ended_at: Set(None),
        location: Set(item.location.clone()),
        subject: Set(item.subject.clone()),
        content: Set(item.content.clone()),
        device: Set(item.device.clone()),
        certified_collectors: Set(i32::try_from(officers.len()).unwrap_or(0)),
        recorded_by: Set(actor.user_id),
        recorded_at: Set(uow.now()),
        ..Default::default()
    }
    .insert(uow.txn())
    .await;
    let item = match stored {
        Ok(item) => item,
        Err(e) => {
            if let Some(sha) = &new_blob {
                store.remove(sha).await;
            }
            return Err(e.into());
        }
    };
    for user_id in &officers {
        evidence_collectors::ActiveModel {
            evidence_id: Set(item.id),
            user_id: Set(*user_id),
        }
        .insert(uow.txn())
        .await?;
    }
    let extra = json!({
        "evidence_id": item.id, "kind": item.kind, "title": item.title,
        "sha256": item.sha256, "size": item.size, "file_name": item.file_name,
        "collected_at": tianping_domain::audit::format_timestamp(collected_at),
        "location": item.location, "collectors": officers,
    });
    let outcome = finish(state, uow, actor, &row, &command, &transition, today, extra).await;
    if outcome.is_err()
        && let Some(sha) = &new_blob
    {
        store.remove(sha).await;
    }
    outcome.map(|_| item.id)
}

fn sanitize_name(name: &str) -> String {
    let cleaned: String = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    if cleaned.is_empty() {
        "file".into()
    } else {
        cleaned
    }
}

fn sanitize_type(t: &str) -> String {
    let t = t.trim();
    if !t.is_empty() && t.len() <= 100 && t.chars().all(|c| c.is_ascii_graphic()) {
        t.to_owned()
    } else {
        "application/octet-stream".into()
    }
}

/// A stored evidence file the actor may download.
#[derive(Debug, Clone)]
pub struct EvidenceFile {
    /// Where it lives.
    pub path: std::path::PathBuf,
    /// Its name.
    pub file_name: String,
    /// Its type.
    pub content_type: String,
    /// Its size.
    pub size: u64,
    /// Its hash.
    pub sha256: String,
}

/// Finds an evidence file, authorised like the case itself. The access is logged (调阅 is
/// itself supervised, DOMAIN.md §1b).
pub async fn evidence_file(
    state: &AppState,
    actor: &Actor,
    evidence_id: i32,
) -> Result<EvidenceFile, ServiceError> {
    let item = evidence_rows::Entity::find_by_id(evidence_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    visible_case(&state.db.conn, actor, item.case_id, false).await?;
    let sha = item.sha256.clone().ok_or(ServiceError::NotFound)?;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "case.download_evidence",
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: item.case_id.to_string(),
        payload: json!({"evidence_id": item.id, "sha256": sha}),
    });
    uow.commit().await?;
    Ok(EvidenceFile {
        path: BlobStore::new(&state.settings.data_dir).path_of(&sha),
        file_name: item.file_name.unwrap_or_else(|| "file".into()),
        content_type: item
            .content_type
            .unwrap_or_else(|| "application/octet-stream".into()),
        size: u64::try_from(item.size.unwrap_or(0)).unwrap_or(0),
        sha256: sha,
    })
}

/// Decides an on-the-spot case (简易程序): creates it with its party and the decision in one
/// step.
pub async fn summary(
    state: &AppState,
    actor: &Actor,
    form: &SummaryForm,
) -> Result<StepOutcome, ServiceError> {
    let today = today(state);
    may_open(actor, case::CommandKind::SummaryDecide)?;
    let mut errors = Vec::new();
    let title = validate::text(Field::Title, &form.title, 2, 200)
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let description = validate::text(Field::Description, &form.description, 1, 5000)
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let location = validate::text(Field::Location, &form.location, 2, 200)
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let second = evidence::officers(&actor.user_id.to_string(), &form.officer_2, "")
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let penalty = match form.penalty.trim() {
        "warning" => Some(SummaryPenalty::Warning),
        "fine" => form::amount(Field::Fine, &form.amount)
            .map_err(|e| errors.push(e))
            .ok()
            .map(|fen| SummaryPenalty::Fine { fen }),
        "" => {
            errors.push(ValidationError::new(Field::Penalty, Rule::Required));
            None
        }
        _ => {
            errors.push(ValidationError::new(Field::Penalty, Rule::OneOf));
            None
        }
    };
    let raw = RawParty {
        kind: form.party_kind.clone(),
        name: form.party_name.clone(),
        id_number: form.id_number.clone(),
        credit_code: form.credit_code.clone(),
        legal_representative: form.legal_representative.clone(),
        phone: form.phone.clone(),
        address: form.address.clone(),
    };
    let parsed = party::parse_party(&raw)
        .map_err(|es| errors.extend(es))
        .ok();
    let (Some(penalty), Some(parsed), true) = (penalty, parsed, errors.is_empty()) else {
        return Err(ServiceError::ValidationMany(errors));
    };
    let Some(agency_id) = actor.agency_id else {
        return Err(ServiceError::Forbidden);
    };
    let uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let agency = agency_for_update(&uow, agency_id).await?;
    let facts = facts::for_new_case(uow.txn(), actor, Procedure::Summary, &second, today).await?;
    let facts = CaseFacts { agency_id, ..facts };
    let command = Command::SummaryDecide {
        penalty,
        party_kind: parsed.kind,
    };
    let transition = case::apply(&facts, &command, actor, today).map_err(refused)?;
    let now = uow.now();
    let mut model = cases::ActiveModel {
        number: Set(next_number(uow.txn(), &agency, chrono::Datelike::year(&today)).await?),
        agency_id: Set(agency_id),
        procedure: Set(Procedure::Summary.as_str().into()),
        state: Set(transition.to.as_str().into()),
        title: Set(title),
        description: Set(description),
        location: Set(location),
        source: Set(code(&ClueSource::Inspection)),
        received_on: Set(today),
        act_date: Set(Some(today)),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let placeholder = model.clone().insert(uow.txn()).await?;
    model = placeholder.into_active_model();
    store::apply_changes(
        &mut model,
        transition.to,
        &transition.changes,
        &state.settings.deadline_rules,
        &state.settings.calendar,
    );
    let row = model.update(uow.txn()).await?;
    for id in &second {
        store::set_officer(uow.txn(), row.id, *id, true).await?;
    }
    let party = store::insert_party(uow.txn(), row.id, &parsed, now).await?;
    let fine = match penalty {
        SummaryPenalty::Warning => 0,
        SummaryPenalty::Fine { fen } => fen,
    };
    finish(state, uow, actor, &row, &command, &transition, today, json!({
        "number": row.number, "title": row.title, "location": row.location,
        "officers": second, "fine_fen": fine,
        "party": {"party_id": party.id, "kind": party.kind, "name": party.name, "id_masked": parsed.masked_id()},
    }))
    .await
}

/// The ids, each once, in ascending order.
pub(crate) fn distinct(ids: impl IntoIterator<Item = i32>) -> Vec<i32> {
    ids.into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}
