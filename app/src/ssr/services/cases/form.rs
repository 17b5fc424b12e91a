//! Turns a submitted step form into the state machine's command, checking each field and
//! reporting every bad one at once.

use chrono::NaiveDate;
use tianping_domain::{
    calendar::WorkCalendar,
    case::{
        CloseReason, Command, CommandKind, DecisionOutcome, InvestigationOutcome, Proposal,
        ServiceMethod, StepDetails,
    },
    deadline::DeadlineRules,
    discretion::Circumstance,
    money,
    review::{Measure, ReviewDecision, Submission},
    validate::{self, Field, Rule, ValidationError},
};

use super::codes::parse_code;
use crate::api::case_dto::StepForm;

/// A step's parsed form: the details the step records (see [`StepDetails`]) and the inputs
/// the service resolves against the agency's data before the step is judged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepInput {
    /// What the step records besides the command (the proposal, consent, confirmation, note);
    /// the service adds the catalog classification and the discretion judgement.
    pub details: StepDetails,
    /// The materials of a submission to legal review, as typed (checked against the case's
    /// stage when the step is judged).
    pub submission: Option<Submission>,
    /// The reviewer's checked decision on a round (only `services::reviews` sets it: the
    /// generic step form cannot approve or return a review).
    pub review: Option<(i32, ReviewDecision)>,
    /// The discretion standard and circumstance chosen for a decision, with the justification
    /// of a fine outside the band.
    pub discretion: Option<(i32, Circumstance, String)>,
}

fn checked(v: &str) -> bool {
    matches!(v.trim(), "on" | "true")
}

/// Collects field errors while parsing.
#[derive(Default)]
struct Errors(Vec<ValidationError>);

impl Errors {
    fn take<T>(&mut self, r: Result<T, ValidationError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }
}

fn required(field: Field, s: &str) -> Result<String, ValidationError> {
    validate::text(field, s, 1, 2000)
}

fn user_id(field: Field, s: &str) -> Result<i32, ValidationError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ValidationError::new(field, Rule::Required));
    }
    s.parse()
        .map_err(|_| ValidationError::new(field, Rule::Exists))
}

/// Parses an amount in yuan into fen, naming `field` when it is not one.
pub fn amount(field: Field, s: &str) -> Result<i64, ValidationError> {
    money::parse_yuan(s).map_err(|e| {
        ValidationError::new(
            field,
            match e {
                money::AmountError::Empty => Rule::Required,
                money::AmountError::Malformed | money::AmountError::TooLarge => Rule::Amount,
            },
        )
    })
}

fn one_of<T: serde::de::DeserializeOwned>(field: Field, s: &str) -> Result<T, ValidationError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ValidationError::new(field, Rule::Required));
    }
    parse_code(s).ok_or_else(|| ValidationError::new(field, Rule::OneOf))
}

/// Parses the form for the step its `kind` names. `today` fills dates left empty where the
/// step happens now.
pub fn parse(
    form: &StepForm,
    today: NaiveDate,
    rules: &DeadlineRules,
    calendar: &WorkCalendar,
) -> Result<(Command, StepInput), Vec<ValidationError>> {
    let kind: CommandKind = one_of(Field::Step, &form.kind).map_err(|e| vec![e])?;
    let mut errors = Errors::default();
    let mut extras = StepInput {
        details: StepDetails {
            e_service_consent: checked(&form.e_consent),
            confirmed: checked(&form.confirmed),
            note: form.reason.trim().to_owned(),
            ..StepDetails::default()
        },
        ..StepInput::default()
    };
    let date_or_today = |errors: &mut Errors| -> Option<NaiveDate> {
        if form.date.trim().is_empty() {
            Some(today)
        } else {
            errors.take(validate::date(Field::Date, &form.date))
        }
    };
    let command = match kind {
        CommandKind::RegisterClue | CommandKind::SummaryDecide => {
            // These create a case and have their own forms.
            return Err(vec![ValidationError::new(Field::Step, Rule::OneOf)]);
        }
        CommandKind::FileCase => errors
            .take(tianping_domain::evidence::officers(
                &form.officer_1,
                &form.officer_2,
                &form.officer_3,
            ))
            .map(|officer_ids| Command::FileCase { officer_ids }),
        CommandKind::DeclineClue => errors
            .take(required(Field::Reason, &form.reason))
            .map(|reason| Command::DeclineClue { reason }),
        CommandKind::ApproveFiling => Some(Command::ApproveFiling),
        CommandKind::StartInvestigation => Some(Command::StartInvestigation),
        CommandKind::RecordEvidence => {
            // Evidence has its own form, with the file.
            return Err(vec![ValidationError::new(Field::Step, Rule::OneOf)]);
        }
        CommandKind::ConcludeInvestigation => {
            let outcome = errors.take(one_of::<InvestigationOutcome>(
                Field::Outcome,
                &form.outcome,
            ));
            let optional_amount = |field, s: &str| {
                if s.trim().is_empty() {
                    Ok(0)
                } else {
                    amount(field, s)
                }
            };
            let fine_fen = errors.take(optional_amount(Field::Fine, &form.amount));
            let confiscation_fen =
                errors.take(optional_amount(Field::Confiscation, &form.confiscation));
            let mut measures = Vec::new();
            for k in form
                .measures
                .iter()
                .filter(|(_, v)| checked(v))
                .map(|(k, _)| k)
            {
                match Measure::parse(k) {
                    Some(m) => measures.push(m),
                    None => {
                        errors.take::<()>(Err(ValidationError::new(Field::Measures, Rule::OneOf)));
                    }
                }
            }
            let flags: Vec<String> = form
                .flags
                .iter()
                .filter(|(_, v)| checked(v))
                .map(|(k, _)| k.clone())
                .collect();
            extras.details.basis = basis_of(form);
            extras.details.proposal = Some(Proposal {
                fine_fen: fine_fen.unwrap_or(0),
                confiscation_fen: confiscation_fen.unwrap_or(0),
                measures,
                flags,
                departure: checked(&form.departure),
            });
            outcome.map(|outcome| Command::ConcludeInvestigation { outcome })
        }
        CommandKind::SubmitForReview => {
            extras.submission = Some(crate::ssr::services::reviews::submission_of(form));
            Some(Command::SubmitForReview)
        }
        CommandKind::ApproveReview | CommandKind::ReturnReview => {
            // A review is decided on its own form, with the checklist (services::reviews).
            return Err(vec![ValidationError::new(Field::Step, Rule::OneOf)]);
        }
        CommandKind::ServePriorNotice => {
            let served_on = date_or_today(&mut errors);
            let fine = errors.take(amount(Field::Fine, &form.amount));
            let method = errors.take(one_of::<ServiceMethod>(Field::ServiceMethod, &form.method));
            match (served_on, fine, method) {
                (Some(served_on), Some(proposed_fine_fen), Some(method)) => {
                    Some(Command::ServePriorNotice {
                        served_on,
                        proposed_fine_fen,
                        method,
                    })
                }
                _ => None,
            }
        }
        CommandKind::RecordStatement => {
            let received_on = date_or_today(&mut errors);
            errors.take(required(Field::Reason, &form.reason));
            received_on.map(|received_on| Command::RecordStatement { received_on })
        }
        CommandKind::RequestHearing => {
            date_or_today(&mut errors).map(|requested_on| Command::RequestHearing { requested_on })
        }
        CommandKind::WaiveRights => Some(Command::WaiveRights),
        CommandKind::NoticeHearing => {
            let noticed_on = date_or_today(&mut errors);
            let hearing_date = errors.take(validate::date(Field::HearingDate, &form.hearing_date));
            match (noticed_on, hearing_date) {
                (Some(noticed_on), Some(hearing_date)) => Some(Command::NoticeHearing {
                    hearing_date,
                    noticed_on,
                    latest_notice_date: rules.latest_hearing_notice(calendar, hearing_date),
                }),
                _ => None,
            }
        }
        CommandKind::HoldHearing => errors
            .take(user_id(Field::Host, &form.host))
            .map(|host_id| Command::HoldHearing { host_id }),
        CommandKind::HoldCollectiveDiscussion => {
            errors.take(required(Field::Reason, &form.reason));
            Some(Command::HoldCollectiveDiscussion)
        }
        CommandKind::Decide => {
            extras.details.basis = basis_of(form);
            let decided_on = date_or_today(&mut errors);
            let outcome = errors.take(one_of::<DecisionOutcome>(Field::Outcome, &form.outcome));
            let fine_fen = match outcome {
                Some(DecisionOutcome::NoPenalty) => Some(0),
                _ => errors.take(amount(Field::Fine, &form.amount)),
            };
            if outcome == Some(DecisionOutcome::Penalty) && !form.standard.trim().is_empty() {
                let standard = errors.take(
                    form.standard
                        .trim()
                        .parse::<i32>()
                        .map_err(|_| ValidationError::new(Field::Standard, Rule::Exists)),
                );
                let circumstance = errors.take(
                    Circumstance::parse(form.circumstance.trim())
                        .ok_or_else(|| ValidationError::new(Field::Circumstance, Rule::OneOf)),
                );
                if let (Some(s), Some(c)) = (standard, circumstance) {
                    extras.discretion = Some((s, c, form.justification.trim().to_owned()));
                }
            }
            match (decided_on, outcome, fine_fen) {
                (Some(decided_on), Some(outcome), Some(fine_fen)) => Some(Command::Decide {
                    decided_on,
                    outcome,
                    fine_fen,
                }),
                _ => None,
            }
        }
        CommandKind::Serve => {
            let served_on = date_or_today(&mut errors);
            let method = errors.take(one_of::<ServiceMethod>(Field::ServiceMethod, &form.method));
            match (served_on, method) {
                (Some(served_on), Some(method)) => Some(Command::Serve { served_on, method }),
                _ => None,
            }
        }
        CommandKind::RecordPayment => {
            let paid_on = date_or_today(&mut errors);
            let amount_fen = errors.take(amount(Field::Fine, &form.amount));
            match (paid_on, amount_fen) {
                (Some(paid_on), Some(amount_fen)) => Some(Command::RecordPayment {
                    amount_fen,
                    paid_on,
                }),
                _ => None,
            }
        }
        CommandKind::RecordExecution => errors
            .take(required(Field::Reason, &form.reason))
            .map(|note| Command::RecordExecution { note }),
        CommandKind::Close => errors
            .take(one_of::<CloseReason>(Field::Outcome, &form.outcome))
            .map(|reason| Command::Close { reason }),
        CommandKind::Archive => Some(Command::Archive),
        CommandKind::Withdraw => errors
            .take(required(Field::Reason, &form.reason))
            .map(|reason| Command::Withdraw { reason }),
        CommandKind::Transfer => errors
            .take(required(Field::Reason, &form.reason))
            .map(|to| Command::Transfer { to }),
        CommandKind::Suspend => errors
            .take(required(Field::Reason, &form.reason))
            .map(|reason| Command::Suspend { reason }),
        CommandKind::Resume => Some(Command::Resume),
        CommandKind::OrderCorrection => {
            // The day by which to correct; empty: at once.
            let due_on = match form.date.trim() {
                "" => Some(None),
                s => errors.take(validate::date(Field::Date, s)).map(Some),
            };
            let reason = errors.take(required(Field::Reason, &form.reason));
            match (reason, due_on) {
                (Some(reason), Some(due_on)) => Some(Command::OrderCorrection { reason, due_on }),
                _ => None,
            }
        }
        CommandKind::Extend => {
            let reason = errors.take(required(Field::Reason, &form.reason));
            let days = errors.take(
                form.days
                    .trim()
                    .parse::<u32>()
                    .map_err(|_| ValidationError::new(Field::Days, Rule::OneOf)),
            );
            match (reason, days) {
                (Some(reason), Some(days)) => Some(Command::Extend { days, reason }),
                _ => None,
            }
        }
        CommandKind::FileSummaryRecord => Some(Command::FileSummaryRecord),
    };
    match command {
        Some(command) if errors.0.is_empty() => Ok((command, extras)),
        _ => Err(errors.0),
    }
}

/// The legal basis a conclusion or decision form states (APL Art. 59), when any provision is
/// filled in; whether both are there is the state machine's to judge.
fn basis_of(form: &StepForm) -> Option<tianping_domain::case::LegalBasis> {
    Some(tianping_domain::case::LegalBasis::new(
        &form.provision_violated,
        &form.provision_applied,
    ))
    .filter(|b| !b.is_blank())
}
