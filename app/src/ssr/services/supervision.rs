//! Supervision (执法监督): the warnings of the cases an actor oversees — supervisors their
//! region, agency heads their agency — computed by the pure rules of
//! `tianping_domain::supervision`, their acknowledgement with a comment, and supervision
//! matters (督办) opened by supervisors and answered by the agencies' heads. Every write is an
//! audit event in the same unit of work.

use std::collections::{BTreeSet, HashMap};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, Set,
};
use serde_json::json;
use tianping_domain::{
    authz::{Action, Actor, AgencyScope, can},
    case::{self, CaseState, DeadlineKind},
    credential::CredentialKind,
    discretion::DiscretionCheck,
    i18n::{Lang, china_time},
    supervision::{
        self, CaseSnapshot, CertificatePeriod, EvidenceFact, RunningDeadline, WarningRules,
        matter::{self, MatterError, MatterStatus, MatterStep},
    },
    validate::{Field, Rule, ValidationError},
};

use super::cases::{parse_code, today};
use crate::{
    api::supervision_dto::{AckView, MatterView, WarningView},
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{
            agencies, case_deadlines, cases, credentials, evidence, evidence_collectors,
            supervision_matters, users, warning_acks,
        },
        error::ServiceError,
    },
};

/// The longest acknowledgement comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 500;

fn rules(state: &AppState) -> WarningRules {
    WarningRules {
        deadlines: state.settings.deadline_rules.clone(),
        ..WarningRules::default()
    }
}

/// The columns of a case the warnings read (not its texts): a narrow row, so that judging
/// tens of thousands of cases stays cheap.
#[derive(Debug, Clone, FromQueryResult)]
struct Judged {
    id: i32,
    number: String,
    title: String,
    agency_id: i32,
    state: String,
    major: bool,
    review_passed: bool,
    decided_on: Option<chrono::NaiveDate>,
    decision_outcome: Option<String>,
    discretion_check: Option<String>,
    discretion_justification: Option<String>,
    suspended_on: Option<chrono::NaiveDate>,
}

impl From<&cases::Model> for Judged {
    fn from(r: &cases::Model) -> Self {
        Judged {
            id: r.id,
            number: r.number.clone(),
            title: r.title.clone(),
            agency_id: r.agency_id,
            state: r.state.clone(),
            major: r.major,
            review_passed: r.review_passed,
            decided_on: r.decided_on,
            decision_outcome: r.decision_outcome.clone(),
            discretion_check: r.discretion_check.clone(),
            discretion_justification: r.discretion_justification.clone(),
            suspended_on: r.suspended_on,
        }
    }
}

/// The snapshots of the given cases, by id.
async fn snapshots<C: sea_orm::ConnectionTrait>(
    conn: &C,
    rows: &[Judged],
) -> Result<HashMap<i32, CaseSnapshot>, ServiceError> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut deadlines: HashMap<i32, Vec<RunningDeadline>> = HashMap::new();
    for d in case_deadlines::Entity::find()
        .filter(case_deadlines::Column::CaseId.is_in(ids.clone()))
        .filter(case_deadlines::Column::Status.eq("running"))
        .all(conn)
        .await?
    {
        if let Some(kind) = parse_code::<DeadlineKind>(&d.kind) {
            deadlines
                .entry(d.case_id)
                .or_default()
                .push(RunningDeadline {
                    kind,
                    due: d.due_on,
                });
        }
    }
    let evidence_rows = evidence::Entity::find()
        .filter(evidence::Column::CaseId.is_in(ids))
        .all(conn)
        .await?;
    let collectors = evidence_collectors::Entity::find()
        .filter(evidence_collectors::Column::EvidenceId.is_in(evidence_rows.iter().map(|e| e.id)))
        .all(conn)
        .await?;
    let people: BTreeSet<i32> = collectors.iter().map(|c| c.user_id).collect();
    let mut periods: HashMap<i32, Vec<CertificatePeriod>> = HashMap::new();
    for c in credentials::Entity::find()
        .filter(credentials::Column::UserId.is_in(people))
        .filter(credentials::Column::Kind.eq(CredentialKind::EnforcementCertificate.as_str()))
        .all(conn)
        .await?
    {
        periods
            .entry(c.user_id)
            .or_default()
            .push(CertificatePeriod {
                valid_from: c.valid_from,
                valid_to: c.valid_to,
                revoked: c.revoked,
            });
    }
    let mut facts: HashMap<i32, Vec<EvidenceFact>> = HashMap::new();
    for e in &evidence_rows {
        facts.entry(e.case_id).or_default().push(EvidenceFact {
            id: e.id,
            collected_on: china_time(e.collected_at).date_naive(),
            collectors: collectors
                .iter()
                .filter(|c| c.evidence_id == e.id)
                .map(|c| {
                    (
                        c.user_id,
                        periods.get(&c.user_id).cloned().unwrap_or_default(),
                    )
                })
                .collect(),
        });
    }
    Ok(rows
        .iter()
        .map(|r| {
            let suspended = parse_code::<CaseState>(&r.state) == Some(CaseState::Suspended);
            (
                r.id,
                CaseSnapshot {
                    major: r.major,
                    review_passed: r.review_passed,
                    decided_on: r.decided_on,
                    penalty: r.decision_outcome.as_deref() == Some("penalty"),
                    discretion_check: r
                        .discretion_check
                        .as_deref()
                        .and_then(parse_code::<DiscretionCheck>),
                    justification: r.discretion_justification.clone(),
                    deadlines: deadlines.remove(&r.id).unwrap_or_default(),
                    evidence: facts.remove(&r.id).unwrap_or_default(),
                    suspended_on: if suspended { r.suspended_on } else { None },
                },
            )
        })
        .collect())
}

/// Cases judged per chunk (bounds the query parameters and the memory).
const CHUNK: usize = 2_000;

/// The ids of the agencies' cases that can raise a warning at all: a running deadline binding
/// the agency, a decision on a major case without a passed review, a penalty outside the
/// discretion band, a suspension, or evidence flagged as possibly collected by fewer than two
/// officers or by one without a certificate in force on the (China) day of collection. A
/// superset: the pure rules decide; closed cases without a problem never leave the database.
async fn candidate_cases<C: sea_orm::ConnectionTrait>(
    conn: &C,
    agency_ids: impl Iterator<Item = i32>,
) -> Result<Vec<i32>, ServiceError> {
    use sea_orm::Statement;

    #[derive(Debug, sea_orm::FromQueryResult)]
    struct Id {
        id: i32,
    }
    let backend = conn.get_database_backend();
    let agencies: Vec<String> = agency_ids.map(|i| i.to_string()).collect();
    if agencies.is_empty() {
        return Ok(Vec::new());
    }
    let binding: Vec<String> = DeadlineKind::ALL
        .into_iter()
        .filter(|k| k.binds_the_agency())
        .map(|k| format!("'{}'", crate::api::case_dto_code(&k)))
        .collect();
    let departures: Vec<String> = [DiscretionCheck::Above, DiscretionCheck::Below]
        .iter()
        .map(|d| format!("'{}'", crate::api::case_dto_code(d)))
        .collect();
    let suspended = crate::api::case_dto_code(&CaseState::Suspended);
    // One indexed subset per cause, so the database never walks every case: suspensions
    // (agency, state), major decisions without a passed review and departures from the band
    // (partial indexes whose conditions these repeat), running binding deadlines (status,
    // kind) and evidence that may have a collector problem (a flag kept in the unit of work,
    // `ssr::rollup`, with a partial index).
    let sql = format!(
        "SELECT c.id AS id FROM cases c
            WHERE c.agency_id IN ({agencies}) AND c.state = '{suspended}'
        UNION SELECT c.id FROM cases c
            WHERE c.major AND NOT c.review_passed AND c.decided_on IS NOT NULL
              AND c.agency_id IN ({agencies})
        UNION SELECT c.id FROM cases c
            WHERE c.discretion_check IN ({departures}) AND c.decision_outcome = 'penalty'
              AND c.decided_on IS NOT NULL AND c.agency_id IN ({agencies})
        UNION SELECT c.id FROM case_deadlines d JOIN cases c ON c.id = d.case_id
            WHERE d.status = 'running' AND d.kind IN ({binding}) AND c.agency_id IN ({agencies})
        UNION SELECT c.id FROM evidence e JOIN cases c ON c.id = e.case_id
            WHERE e.collector_problem AND c.agency_id IN ({agencies})
        ORDER BY id",
        agencies = agencies.join(","),
        departures = departures.join(", "),
        binding = binding.join(","),
    );
    Ok(Id::find_by_statement(Statement::from_string(backend, sql))
        .all(conn)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect())
}

/// The warnings of every case the actor oversees, most serious and unacknowledged first.
pub async fn warnings(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<WarningView>, ServiceError> {
    can(actor, &Action::Supervise)?;
    let agencies = super::agencies_where(state, actor, |a| Action::ViewWarnings(a)).await?;
    let candidates = candidate_cases(&state.db.conn, agencies.keys().copied()).await?;
    judge(state, actor, &agencies, &candidates, lang).await
}

/// The same warnings, judged over every case in scope without the database's narrowing: what
/// [`warnings`] must equal (tests compare the two).
pub async fn warnings_of_every_case(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<WarningView>, ServiceError> {
    can(actor, &Action::Supervise)?;
    let agencies = super::agencies_where(state, actor, |a| Action::ViewWarnings(a)).await?;
    let all: Vec<i32> = cases::Entity::find()
        .select_only()
        .column(cases::Column::Id)
        .filter(cases::Column::AgencyId.is_in(agencies.keys().copied()))
        .into_tuple()
        .all(&state.db.conn)
        .await?;
    judge(state, actor, &agencies, &all, lang).await
}

/// The warnings of the given cases, loaded and judged a chunk at a time.
async fn judge(
    state: &AppState,
    actor: &Actor,
    agencies: &HashMap<i32, agencies::Model>,
    candidates: &[i32],
    lang: Lang,
) -> Result<Vec<WarningView>, ServiceError> {
    let conn = &state.db.conn;
    let today = today(state);
    let rules = rules(state);
    let mut out = Vec::new();
    // The rules decide; the database only narrows the cases down (a superset of those that
    // can raise a warning), then one chunk of cases at a time is loaded and judged.
    for chunk in candidates.chunks(CHUNK) {
        let rows = cases::Entity::find()
            .select_only()
            .columns([
                cases::Column::Id,
                cases::Column::Number,
                cases::Column::Title,
                cases::Column::AgencyId,
                cases::Column::State,
                cases::Column::Major,
                cases::Column::ReviewPassed,
                cases::Column::DecidedOn,
                cases::Column::DecisionOutcome,
                cases::Column::DiscretionCheck,
                cases::Column::DiscretionJustification,
                cases::Column::SuspendedOn,
            ])
            .filter(cases::Column::Id.is_in(chunk.iter().copied()))
            .into_model::<Judged>()
            .all(conn)
            .await?;
        let snaps = snapshots(conn, &rows).await?;
        let acks = warning_acks::Entity::find()
            .filter(warning_acks::Column::CaseId.is_in(chunk.iter().copied()))
            .all(conn)
            .await?;
        let names: HashMap<i32, String> = users::Entity::find()
            .filter(users::Column::Id.is_in(acks.iter().map(|a| a.acknowledged_by)))
            .all(conn)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect();
        for row in &rows {
            let Some(snap) = snaps.get(&row.id) else {
                continue;
            };
            for w in supervision::warnings(snap, today, &rules) {
                let ack = acks
                    .iter()
                    .filter(|a| a.case_id == row.id && a.warning_key == w.key)
                    .max_by_key(|a| a.id)
                    .map(|a| AckView {
                        by: names.get(&a.acknowledged_by).cloned().unwrap_or_default(),
                        at: china_time(a.acknowledged_at).to_rfc3339(),
                        comment: a.comment.clone(),
                    });
                out.push(WarningView {
                    case_id: row.id,
                    case_number: row.number.clone(),
                    case_title: row.title.clone(),
                    agency: agencies
                        .get(&row.agency_id)
                        .map(|a| a.name.clone())
                        .unwrap_or_default(),
                    kind: w.kind.code(),
                    label: w.kind.label(lang),
                    severity: w.severity,
                    key: w.key,
                    detail: w.subject.describe(lang),
                    acknowledged: ack,
                    can_open_matter: actor.role == tianping_domain::role::Role::Supervisor,
                });
            }
        }
    }
    out.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.acknowledged.is_some().cmp(&b.acknowledged.is_some()))
            .then(a.case_number.cmp(&b.case_number))
    });
    Ok(out)
}

/// Acknowledges a current warning of a case with a comment.
pub async fn acknowledge(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    key: &str,
    comment: &str,
) -> Result<(), ServiceError> {
    can(actor, &Action::Supervise)?;
    let comment = comment.trim();
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let row = cases::Entity::find_by_id(case_id)
        .one(uow.txn())
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(uow.txn())
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(
        actor,
        &Action::ViewWarnings(&AgencyScope {
            agency_id: agency.id,
            region_code: agency.region_code.clone(),
        }),
    )?;
    if comment.is_empty() {
        return Err(ValidationError::new(Field::Comment, Rule::Required).into());
    }
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(ValidationError::new(
            Field::Comment,
            Rule::Length {
                min: 1,
                max: MAX_COMMENT_CHARS,
            },
        )
        .into());
    }
    let snaps = snapshots(uow.txn(), &[Judged::from(&row)]).await?;
    let current = snaps
        .get(&row.id)
        .map(|s| supervision::warnings(s, today(state), &rules(state)))
        .unwrap_or_default();
    let warning = current
        .into_iter()
        .find(|w| w.key == key)
        .ok_or(ServiceError::NotFound)?;
    warning_acks::ActiveModel {
        case_id: Set(case_id),
        warning_key: Set(warning.key.clone()),
        comment: Set(comment.to_owned()),
        acknowledged_by: Set(actor.user_id),
        acknowledged_at: Set(uow.now()),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "supervision.acknowledge_warning",
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: case_id.to_string(),
        payload: json!({"key": warning.key, "kind": warning.kind.code(), "comment": comment}),
    });
    uow.commit().await?;
    Ok(())
}

fn matter_error(e: MatterError) -> ServiceError {
    match e {
        MatterError::Forbidden => ServiceError::Forbidden,
        MatterError::WrongStatus(s) => ServiceError::MatterRefused(s),
        MatterError::Invalid(v) => ServiceError::Validation(v),
    }
}

async fn scoped_case<C: sea_orm::ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    case_id: i32,
) -> Result<(cases::Model, agencies::Model), ServiceError> {
    let row = cases::Entity::find_by_id(case_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(
        actor,
        &Action::ViewWarnings(&AgencyScope {
            agency_id: agency.id,
            region_code: agency.region_code.clone(),
        }),
    )?;
    Ok((row, agency))
}

/// Opens a supervision matter (督办) on a case: what the agency must correct, by when.
pub async fn open_matter(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    requirement: &str,
    due: &str,
) -> Result<i32, ServiceError> {
    can(actor, &Action::Supervise)?;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let (row, agency) = scoped_case(uow.txn(), actor, case_id).await?;
    let due = match due.trim() {
        "" => None,
        s => Some(
            s.parse::<chrono::NaiveDate>()
                .map_err(|_| ValidationError::new(Field::DueDate, Rule::Date))?,
        ),
    };
    let (requirement, due) =
        matter::open(actor.role, requirement, due, today(state)).map_err(matter_error)?;
    let inserted = supervision_matters::ActiveModel {
        case_id: Set(row.id),
        agency_id: Set(agency.id),
        status: Set(MatterStatus::Open.as_str().to_owned()),
        requirement: Set(requirement.clone()),
        due_on: Set(due),
        opened_by: Set(actor.user_id),
        opened_at: Set(uow.now()),
        rounds: Set(1),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "supervision.open_matter",
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: case_id.to_string(),
        payload: json!({"matter_id": inserted.id, "requirement": requirement, "due": due.to_string()}),
    });
    uow.commit().await?;
    Ok(inserted.id)
}

/// Answers, closes or reopens a matter.
pub async fn step_matter(
    state: &AppState,
    actor: &Actor,
    matter_id: i32,
    step: &MatterStep,
) -> Result<(), ServiceError> {
    can(actor, &Action::Supervise)?;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let mut query = supervision_matters::Entity::find_by_id(matter_id);
    if uow.locks_rows() {
        query = query.lock_exclusive();
    }
    let m = query.one(uow.txn()).await?.ok_or(ServiceError::NotFound)?;
    scoped_case(uow.txn(), actor, m.case_id).await?;
    let status = MatterStatus::parse(&m.status)
        .ok_or_else(|| ServiceError::Internal(format!("matter {matter_id} has a bad status")))?;
    let (next, text) = matter::apply(status, actor.role, step).map_err(matter_error)?;
    let now = uow.now();
    let mut active: supervision_matters::ActiveModel = m.clone().into();
    active.status = Set(next.as_str().to_owned());
    let action = match step {
        MatterStep::Answer { .. } => {
            active.response = Set(Some(text.clone()));
            active.answered_by = Set(Some(actor.user_id));
            active.answered_at = Set(Some(now));
            "supervision.answer_matter"
        }
        MatterStep::Close { .. } => {
            active.conclusion = Set(Some(text.clone()));
            active.closed_by = Set(Some(actor.user_id));
            active.closed_at = Set(Some(now));
            "supervision.close_matter"
        }
        MatterStep::Reopen { .. } => {
            active.requirement = Set(text.clone());
            active.rounds = Set(m.rounds + 1);
            "supervision.reopen_matter"
        }
    };
    active.update(uow.txn()).await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action,
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: m.case_id.to_string(),
        payload: json!({"matter_id": matter_id, "status": next.as_str(), "text": text}),
    });
    uow.commit().await?;
    Ok(())
}

/// The matters of the agencies the actor oversees, open ones first.
pub async fn matters(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<MatterView>, ServiceError> {
    can(actor, &Action::Supervise)?;
    let agencies = super::agencies_where(state, actor, |a| Action::ViewWarnings(a)).await?;
    let conn = &state.db.conn;
    let rows = supervision_matters::Entity::find()
        .filter(supervision_matters::Column::AgencyId.is_in(agencies.keys().copied()))
        .all(conn)
        .await?;
    let case_rows: HashMap<i32, cases::Model> = cases::Entity::find()
        .filter(cases::Column::Id.is_in(rows.iter().map(|m| m.case_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let people: BTreeSet<i32> = rows
        .iter()
        .flat_map(|m| [Some(m.opened_by), m.answered_by, m.closed_by])
        .flatten()
        .collect();
    let names: HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(people))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let name = |id: Option<i32>| id.and_then(|i| names.get(&i).cloned());
    let today = today(state);
    let mut out: Vec<MatterView> = rows
        .into_iter()
        .filter_map(|m| {
            let status = MatterStatus::parse(&m.status)?;
            let case = case_rows.get(&m.case_id)?;
            Some(MatterView {
                id: m.id,
                case_id: m.case_id,
                case_number: case.number.clone(),
                case_title: case.title.clone(),
                agency: agencies
                    .get(&m.agency_id)
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
                status: status.as_str().to_owned(),
                status_label: status.label(lang).to_owned(),
                requirement: m.requirement,
                due_on: m.due_on,
                overdue: status == MatterStatus::Open && m.due_on < today,
                opened_by: name(Some(m.opened_by)).unwrap_or_default(),
                opened_at: china_time(m.opened_at).to_rfc3339(),
                response: m.response,
                answered_by: name(m.answered_by),
                conclusion: m.conclusion,
                closed_by: name(m.closed_by),
                rounds: m.rounds,
                can_answer: actor.role == tianping_domain::role::Role::AgencyHead
                    && status == MatterStatus::Open,
                can_close: actor.role == tianping_domain::role::Role::Supervisor
                    && status == MatterStatus::Answered,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.status == "closed")
            .cmp(&(b.status == "closed"))
            .then(a.due_on.cmp(&b.due_on))
    });
    Ok(out)
}
