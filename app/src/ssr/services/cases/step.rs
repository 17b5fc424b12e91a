//! Taking a step on an existing case: the one write path from a form to the audited change.

use super::*;

/// Takes one step on a case.
pub async fn step(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    form: &StepForm,
) -> Result<StepOutcome, ServiceError> {
    let today = state.today();
    // Those who may not see the case learn nothing about it, not even what is wrong with
    // their input.
    visible_case(&state.db.conn, actor, case_id, false).await?;
    let (command, extras) = form::parse(
        form,
        today,
        &state.settings.deadline_rules,
        &state.calendar(),
    )
    .map_err(ServiceError::ValidationMany)?;
    run_step(state, actor, case_id, command, extras, Vec::new()).await
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
    let today = state.today();
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
        &state.calendar(),
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
            &state.calendar(),
        );
        let round = crate::ssr::services::reviews::open_round(
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
        crate::ssr::services::reviews::close_round(
            uow.txn(),
            *round_id,
            actor,
            decision,
            uow.now(),
        )
        .await?;
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
    classification: Option<crate::ssr::services::reviews::Classification>,
    /// The checked materials of a submission to review.
    submission: Option<tianping_domain::review::Submission>,
}

/// The agency's "large amount" thresholds of APL Art. 63 [L]; a threshold it has not set is
/// the platform's default.
pub(crate) async fn hearing_thresholds<C: ConnectionTrait>(
    conn: &C,
    agency_id: i32,
) -> Result<tianping_domain::penalty::HearingThresholds, ServiceError> {
    use tianping_domain::penalty::HearingThresholds;
    let agency = agencies::Entity::find_by_id(agency_id).one(conn).await?;
    let default = HearingThresholds::DEFAULT;
    Ok(HearingThresholds {
        natural_person_fen: agency
            .as_ref()
            .and_then(|a| a.hearing_threshold_person_fen)
            .unwrap_or(default.natural_person_fen),
        organisation_fen: agency
            .as_ref()
            .and_then(|a| a.hearing_threshold_org_fen)
            .unwrap_or(default.organisation_fen),
    })
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
    use crate::ssr::services::reviews::{self, Judged};
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
            // APL Art. 63: every heavier penalty proposed, with the agency's [L] thresholds.
            let thresholds = hearing_thresholds(conn, row.agency_id).await?;
            facts.hearing_eligible = tianping_domain::penalty::hearing_right(
                kind,
                *proposed_fine_fen,
                &facts.penalty,
                thresholds,
            );
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
