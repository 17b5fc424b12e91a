//! Coercive measures (查封、扣押, issue 23 item 6): a proposal the head approves into a
//! decision, or a measure taken on the spot in an emergency, reported within 24 hours and
//! approved afterwards; its one extension, its testing periods and its release. The rules are
//! `tianping_domain::coercive` (limits, extension, life cycle, what a measure must state,
//! warnings); this module loads their facts and writes each step through one unit of work with
//! its audit event in the same commit. A refused step writes nothing.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::json;
use tianping_domain::{
    authz::{Action, Actor, can},
    coercive::{
        self, ExtensionRefusal, MeasureFacts, TestingPeriod,
        lifecycle::{
            self, Asker, MeasureKind, MeasureState, NewMeasure, StepFacts, StepKind, WarningFacts,
            measure_code,
        },
    },
    i18n::{Lang, china_time},
    role::Role,
    validate::{Field, Rule, ValidationError},
};

use crate::{
    api::coercive_dto::{
        CoerciveChoice, CoerciveMeasureForm, CoerciveMeasureView, CoerciveOfficer,
        CoerciveStepForm, CoerciveTestingPeriod,
    },
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, coercive_measure_officers, coercive_measures, inspections, users},
        error::ServiceError,
        services::{
            inspections::{all_enforcers_of, certificates_on},
            names,
        },
    },
};

/// The audit subject type of coercive measure events.
pub const AUDIT_SUBJECT_TYPE: &str = "coercive_measure";

/// The most measures a list answers with (newest first).
pub const LIST_LIMIT: u64 = 500;

fn row_state(row: &coercive_measures::Model) -> Result<MeasureState, ServiceError> {
    MeasureState::parse(&row.state).ok_or_else(|| {
        ServiceError::Internal(format!("coercive measure {} has a bad state", row.id))
    })
}

fn row_kind(row: &coercive_measures::Model) -> MeasureKind {
    MeasureKind::parse(&row.kind).unwrap_or(MeasureKind::SealUp)
}

fn row_testing(row: &coercive_measures::Model) -> Result<Vec<TestingPeriod>, ServiceError> {
    serde_json::from_str(&row.testing)
        .map_err(|e| ServiceError::Internal(format!("coercive measure {} testing: {e}", row.id)))
}

/// The limits of a decided measure.
fn limits(row: &coercive_measures::Model, testing: &[TestingPeriod]) -> Option<MeasureFacts> {
    Some(MeasureFacts {
        decided_on: row.decided_on?,
        extension_days: row.extension_days.and_then(|d| u64::try_from(d).ok()),
        testing: testing.to_vec(),
        released_on: row.released_on,
    })
}

fn step_facts(
    row: &coercive_measures::Model,
    testing: &[TestingPeriod],
) -> Result<StepFacts, ServiceError> {
    Ok(StepFacts {
        state: Some(row_state(row)?),
        emergency: row.emergency,
        approved: row.approved,
        reported: row.reported_at.is_some(),
        extended: row.extension_days.is_some(),
        testing: testing.last().is_some_and(|t| t.to.is_none()),
    })
}

/// The officers of these measures, by measure.
async fn officers_of<C: ConnectionTrait>(
    conn: &C,
    ids: &[i32],
) -> Result<HashMap<i32, Vec<i32>>, ServiceError> {
    let mut out: HashMap<i32, Vec<i32>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    for row in coercive_measure_officers::Entity::find()
        .filter(coercive_measure_officers::Column::MeasureId.is_in(ids.iter().copied()))
        .order_by_asc(coercive_measure_officers::Column::UserId)
        .all(conn)
        .await?
    {
        out.entry(row.measure_id).or_default().push(row.user_id);
    }
    Ok(out)
}

/// The measures the actor may read, newest first.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<CoerciveMeasureView>, ServiceError> {
    match actor.role {
        Role::LegalReviewer => return Err(ServiceError::Forbidden),
        Role::Integration => return Err(ServiceError::NotFound),
        _ => {}
    }
    let agencies = super::agencies_where(state, actor, |a| Action::ViewCoerciveMeasures(a)).await?;
    let rows = coercive_measures::Entity::find()
        .filter(coercive_measures::Column::AgencyId.is_in(agencies.keys().copied()))
        .order_by_desc(coercive_measures::Column::Id)
        .limit(LIST_LIMIT)
        .all(&state.db.conn)
        .await?;
    views(state, actor, rows, lang).await
}

/// One measure, if the actor may read it.
pub async fn get(
    state: &AppState,
    actor: &Actor,
    id: i32,
    lang: Lang,
) -> Result<CoerciveMeasureView, ServiceError> {
    let row = readable(state, actor, id).await?;
    views(state, actor, vec![row], lang)
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)
}

/// A measure the actor may read; another agency's is as absent as none.
async fn readable(
    state: &AppState,
    actor: &Actor,
    id: i32,
) -> Result<coercive_measures::Model, ServiceError> {
    if actor.role == Role::LegalReviewer {
        return Err(ServiceError::NotFound);
    }
    let row = coercive_measures::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(actor, &Action::ViewCoerciveMeasures(&agency.scope()))?;
    Ok(row)
}

fn choice(value: &str, label: &str) -> CoerciveChoice {
    CoerciveChoice {
        value: value.to_owned(),
        label: label.to_owned(),
    }
}

/// The views of these rows, read in a few queries.
async fn views(
    state: &AppState,
    actor: &Actor,
    rows: Vec<coercive_measures::Model>,
    lang: Lang,
) -> Result<Vec<CoerciveMeasureView>, ServiceError> {
    let conn = &state.db.conn;
    let now = state.clock.now();
    let today = china_time(now).date_naive();
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let officers = officers_of(conn, &ids).await?;
    let people = officers
        .values()
        .flatten()
        .copied()
        .chain(rows.iter().map(|r| r.proposed_by))
        .chain(rows.iter().filter_map(|r| r.approved_by));
    let user_names = names::user_names(conn, people).await?;
    let certificates = certificates_on(conn, officers.values().flatten().copied(), today).await?;
    let agency_names = names::agency_names(conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let state_now = row_state(&row)?;
        let kind = row_kind(&row);
        let testing = row_testing(&row)?;
        let facts = step_facts(&row, &testing)?;
        let named = officers.get(&row.id).cloned().unwrap_or_default();
        let who = Asker {
            role: actor.role,
            own_agency: actor.agency_id == Some(row.agency_id),
            named: named.contains(&actor.user_id),
        };
        let limits = limits(&row, &testing);
        let warnings = match &limits {
            Some(l) => lifecycle::warnings(
                &WarningFacts {
                    limits: l.clone(),
                    emergency_taken_at: row.emergency.then_some(row.taken_at).flatten(),
                    reported_at: row.reported_at,
                    approved: row.approved,
                    state: state_now,
                },
                now,
                today,
            ),
            None => Vec::new(),
        };
        let mut steps = lifecycle::available(facts, who);
        // Past its limit a measure can only be released: the extension is not offered.
        if let Some(l) = &limits
            && matches!(
                coercive::check_extension(l, 1, true, "-", today),
                Err(ExtensionRefusal::LimitPassed { .. })
            )
        {
            steps.retain(|k| *k != StepKind::Extend);
        }
        let release = row
            .release_reason
            .as_deref()
            .and_then(lifecycle::parse_reason);
        out.push(CoerciveMeasureView {
            id: row.id,
            code: row.code.clone(),
            agency_id: row.agency_id,
            agency: agency_names
                .get(&row.agency_id)
                .cloned()
                .unwrap_or_default(),
            inspection_id: row.inspection_id,
            kind: kind.as_str().to_owned(),
            kind_label: kind.label(lang).to_owned(),
            state: state_now.as_str().to_owned(),
            state_label: state_now.label(lang).to_owned(),
            party: row.party.clone(),
            place: row.place.clone(),
            items: row.items.lines().map(str::to_owned).collect(),
            legal_basis: row.legal_basis.clone(),
            reason: row.reason.clone(),
            party_present: row.party_present,
            witness: row.witness.clone(),
            custody: row.custody.clone(),
            emergency: row.emergency,
            taken_at: row.taken_at,
            report_due: row
                .emergency
                .then_some(row.taken_at)
                .flatten()
                .map(coercive::report_due),
            reported_at: row.reported_at,
            approved: row.approved,
            approved_by: row.approved_by.and_then(|u| user_names.get(&u).cloned()),
            decided_on: row.decided_on,
            last_day: limits.as_ref().map(|l| coercive::last_day(l, today)),
            extension_days: row.extension_days,
            extension_reason: row.extension_reason.clone(),
            testing: testing
                .iter()
                .map(|t| CoerciveTestingPeriod {
                    from: t.from,
                    to: t.to,
                })
                .collect(),
            release_reason: release.map(|r| choice(lifecycle::reason_name(r), r.label(lang))),
            released_on: row.released_on,
            proposed_by: user_names
                .get(&row.proposed_by)
                .cloned()
                .unwrap_or_default(),
            officers: named
                .iter()
                .map(|u| {
                    let (number, in_force) = certificates.get(u).cloned().unwrap_or_default();
                    CoerciveOfficer {
                        user_id: *u,
                        name: user_names.get(u).cloned().unwrap_or_default(),
                        certificate_number: number,
                        certified_today: in_force,
                    }
                })
                .collect(),
            warnings: warnings
                .into_iter()
                .map(|w| choice(w.code(), w.label(lang)))
                .collect(),
            release_reasons: if steps.contains(&StepKind::Release) {
                lifecycle::release_reasons(facts)
                    .into_iter()
                    .map(|r| choice(lifecycle::reason_name(r), r.label(lang)))
                    .collect()
            } else {
                Vec::new()
            },
            steps: steps
                .into_iter()
                .map(|k| choice(k.as_str(), k.label(lang)))
                .collect(),
        });
    }
    Ok(out)
}

/// Proposes a measure for the head's approval, or records one taken on the spot in an
/// emergency: the agency's officers and head, for their own agency.
pub async fn open(
    state: &AppState,
    actor: &Actor,
    form: &CoerciveMeasureForm,
    lang: Lang,
) -> Result<CoerciveMeasureView, ServiceError> {
    let now = state.clock.now();
    let today = china_time(now).date_naive();
    let conn = &state.db.conn;
    let agency = match actor.agency_id {
        Some(id) => agencies::Entity::find_by_id(id).one(conn).await?,
        None => None,
    };
    let Some(agency) = agency else {
        return Err(match actor.role {
            Role::Integration => ServiceError::NotFound,
            _ => ServiceError::Forbidden,
        });
    };
    can(actor, &Action::TakeCoerciveMeasure(&agency.scope()))?;
    let mut errors = match lifecycle::validate(&NewMeasure {
        kind: &form.kind,
        party: &form.party,
        place: &form.place,
        items: &form.items,
        legal_basis: &form.legal_basis,
        reason: &form.reason,
        party_present: form.party_present,
        witness: &form.witness,
        custody: &form.custody,
        officer_ids: &form.officer_ids,
    }) {
        Ok(valid) => {
            let mut errors = Vec::new();
            if !all_enforcers_of(conn, agency.id, &valid.officer_ids).await? {
                errors.push(ValidationError::new(Field::Officers, Rule::Exists));
            }
            if let Some(inspection) = form.inspection_id {
                let same_agency = inspections::Entity::find_by_id(inspection)
                    .one(conn)
                    .await?
                    .is_some_and(|i| i.agency_id == agency.id);
                if !same_agency {
                    errors.push(ValidationError::new(Field::InspectionCode, Rule::Exists));
                }
            }
            if errors.is_empty() {
                return insert(state, actor, &agency, valid, form, now, today, lang).await;
            }
            errors
        }
        Err(errors) => errors,
    };
    errors.dedup();
    Err(ServiceError::ValidationMany(errors))
}

/// Writes a checked new measure: officers certified today (Art. 17), then one unit of work.
#[allow(clippy::too_many_arguments)]
async fn insert(
    state: &AppState,
    actor: &Actor,
    agency: &agencies::Model,
    valid: lifecycle::ValidMeasure,
    form: &CoerciveMeasureForm,
    now: DateTime<Utc>,
    today: NaiveDate,
    lang: Lang,
) -> Result<CoerciveMeasureView, ServiceError> {
    let conn = &state.db.conn;
    let certificates = certificates_on(conn, valid.officer_ids.iter().copied(), today).await?;
    let uncertified: Vec<i32> = valid
        .officer_ids
        .iter()
        .copied()
        .filter(|u| !certificates.get(u).is_some_and(|c| c.1))
        .collect();
    if !uncertified.is_empty() {
        let who = names::user_names(conn, uncertified.iter().copied()).await?;
        let list: Vec<String> = uncertified
            .iter()
            .map(|u| who.get(u).cloned().unwrap_or_else(|| u.to_string()))
            .collect();
        return Err(ServiceError::StateConflict(match lang {
            Lang::Zh => format!(
                "{} 今日无有效执法证件：行政强制措施由具备资格的行政执法人员实施（《行政强制法》第十七条）",
                list.join("、")
            ),
            Lang::En => format!(
                "{} hold no enforcement certificate in force today: only qualified officers take coercive measures (Art. 17)",
                list.join(", ")
            ),
        }));
    }
    let code = measure_code(today, super::random_bytes()?);
    let initial = if form.emergency {
        MeasureState::InForce
    } else {
        MeasureState::Proposed
    };
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    let row = coercive_measures::ActiveModel {
        code: Set(code.clone()),
        agency_id: Set(agency.id),
        inspection_id: Set(form.inspection_id),
        kind: Set(valid.kind.as_str().to_owned()),
        state: Set(initial.as_str().to_owned()),
        party: Set(valid.party.clone()),
        place: Set(valid.place.clone()),
        items: Set(valid.items.join("\n")),
        legal_basis: Set(valid.legal_basis.clone()),
        reason: Set(valid.reason.clone()),
        party_present: Set(valid.witness.is_none()),
        witness: Set(valid.witness.clone()),
        custody: Set(valid.custody.clone()),
        emergency: Set(form.emergency),
        taken_at: Set(form.emergency.then_some(now)),
        reported_at: Set(None),
        approved: Set(false),
        approved_by: Set(None),
        approved_at: Set(None),
        decided_on: Set(form.emergency.then_some(today)),
        extension_days: Set(None),
        extension_reason: Set(None),
        testing: Set("[]".into()),
        release_reason: Set(None),
        released_on: Set(None),
        released_by: Set(None),
        proposed_by: Set(actor.user_id),
        proposed_at: Set(now),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    for user_id in &valid.officer_ids {
        coercive_measure_officers::ActiveModel {
            measure_id: Set(row.id),
            user_id: Set(*user_id),
        }
        .insert(uow.txn())
        .await?;
    }
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: if form.emergency {
            "coercive.take_on_spot"
        } else {
            "coercive.propose"
        },
        subject_type: AUDIT_SUBJECT_TYPE,
        subject_id: row.id.to_string(),
        payload: json!({
            "code": code,
            "agency_id": agency.id,
            "kind": row.kind,
            "party": row.party,
            "place": row.place,
            "items": valid.items,
            "legal_basis": row.legal_basis,
            "reason": row.reason,
            "witness": row.witness,
            "custody": row.custody,
            "emergency": form.emergency,
            "officers": valid.officer_ids,
            "inspection_id": form.inspection_id,
            "state": initial.as_str(),
        }),
    });
    uow.commit().await?;
    get(state, actor, row.id, lang).await
}

/// Takes a step on a measure.
pub async fn step(
    state: &AppState,
    actor: &Actor,
    id: i32,
    form: &CoerciveStepForm,
    lang: Lang,
) -> Result<CoerciveMeasureView, ServiceError> {
    let now = state.clock.now();
    let today = china_time(now).date_naive();
    let conn = &state.db.conn;
    let row = readable(state, actor, id).await?;
    let kind =
        StepKind::parse(form.step.trim()).ok_or(ValidationError::new(Field::Step, Rule::OneOf))?;
    let officer_ids = officers_of(conn, &[row.id])
        .await?
        .remove(&row.id)
        .unwrap_or_default();
    let mut testing = row_testing(&row)?;
    let facts = step_facts(&row, &testing)?;
    let who = Asker {
        role: actor.role,
        own_agency: actor.agency_id == Some(row.agency_id),
        named: officer_ids.contains(&actor.user_id),
    };
    let next = lifecycle::step(facts, kind, who).map_err(|r| match r {
        lifecycle::StepRefusal::NotAllowed => ServiceError::Forbidden,
        other => ServiceError::StateConflict(other.message(lang)),
    })?;

    // Judge the step's input before anything is written.
    let mut payload = json!({
        "code": row.code,
        "from": facts.state.map(MeasureState::as_str),
        "to": next.as_str(),
    });
    let mut am: coercive_measures::ActiveModel = row.clone().into();
    am.state = Set(next.as_str().to_owned());
    match kind {
        StepKind::Approve => {
            am.approved = Set(true);
            am.approved_by = Set(Some(actor.user_id));
            am.approved_at = Set(Some(now));
            if row.decided_on.is_none() {
                am.decided_on = Set(Some(today));
                payload["decided_on"] = json!(today.to_string());
            }
        }
        StepKind::Report => {
            am.reported_at = Set(Some(now));
            if let Some(taken) = row.taken_at {
                payload["late"] = json!(coercive::report_late(taken, Some(now), now));
            }
        }
        StepKind::Extend => {
            let reason = form.reason.trim();
            let limits = limits(&row, &testing).ok_or_else(|| {
                ServiceError::Internal(format!(
                    "coercive measure {id} in force without a decision day"
                ))
            })?;
            let days = u64::try_from(form.days).unwrap_or(0);
            coercive::check_extension(&limits, days, true, reason, today).map_err(|r| match r {
                ExtensionRefusal::BadLength { .. } => {
                    ServiceError::Validation(ValidationError::new(
                        Field::Days,
                        Rule::Between {
                            min: 1,
                            max: coercive::EXTENSION_DAYS,
                        },
                    ))
                }
                ExtensionRefusal::NoReasons => {
                    ServiceError::Validation(ValidationError::new(Field::Reason, Rule::Required))
                }
                other => ServiceError::StateConflict(other.message(lang)),
            })?;
            let reason = tianping_domain::validate::text(Field::Reason, reason, 1, 2000)?;
            am.extension_days = Set(i32::try_from(days).ok());
            am.extension_reason = Set(Some(reason.clone()));
            payload["days"] = json!(days);
            payload["reason"] = json!(reason);
        }
        StepKind::StartTesting => {
            testing.push(TestingPeriod {
                from: today,
                to: None,
            });
            payload["testing_from"] = json!(today.to_string());
        }
        StepKind::EndTesting => {
            if let Some(last) = testing.last_mut() {
                last.to = Some(today);
            }
            payload["testing_to"] = json!(today.to_string());
        }
        StepKind::Release => {
            let reason = lifecycle::parse_reason(form.release_reason.trim())
                .filter(|r| lifecycle::release_reasons(facts).contains(r))
                .ok_or(ValidationError::new(Field::ReleaseReason, Rule::OneOf))?;
            let note = tianping_domain::validate::text(Field::Reason, &form.reason, 0, 2000)?;
            am.release_reason = Set(Some(lifecycle::reason_name(reason).to_owned()));
            am.released_on = Set(Some(today));
            am.released_by = Set(Some(actor.user_id));
            payload["release_reason"] = json!(lifecycle::reason_name(reason));
            payload["note"] = json!(note);
        }
    }
    am.testing = Set(serde_json::to_string(&testing)
        .map_err(|e| ServiceError::Internal(format!("testing periods: {e}")))?);

    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    // The facts read above must still hold: of two people stepping at once, one wins.
    let fresh = uow
        .locked(coercive_measures::Entity::find_by_id(id))
        .one(uow.txn())
        .await?
        .ok_or(ServiceError::NotFound)?;
    if step_facts(&fresh, &row_testing(&fresh)?)? != facts {
        return Err(ServiceError::StateConflict(
            lang.pick(
                "该措施已被他人办理，请刷新后重试",
                "Someone else has just taken a step on this measure: reload and try again",
            )
            .to_owned(),
        ));
    }
    am.update(uow.txn()).await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: step_action(kind),
        subject_type: AUDIT_SUBJECT_TYPE,
        subject_id: row.id.to_string(),
        payload,
    });
    uow.commit().await?;
    get(state, actor, id, lang).await
}

/// The audit action of a step.
fn step_action(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Approve => "coercive.approve",
        StepKind::Report => "coercive.report",
        StepKind::Extend => "coercive.extend",
        StepKind::StartTesting => "coercive.start_testing",
        StepKind::EndTesting => "coercive.end_testing",
        StepKind::Release => "coercive.release",
    }
}

/// The people of the caller's agency who may carry out a measure (officers and its head,
/// active), with whether they hold a certificate in force today: (id, name, certified).
pub async fn colleagues(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<(i32, String, bool)>, ServiceError> {
    let conn = &state.db.conn;
    let Some(agency) = actor.agency_id else {
        return Err(ServiceError::Forbidden);
    };
    let agency = agencies::Entity::find_by_id(agency)
        .one(conn)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    can(actor, &Action::TakeCoerciveMeasure(&agency.scope()))?;
    let today = china_time(state.clock.now()).date_naive();
    let people: Vec<users::Model> = users::Entity::find()
        .filter(users::Column::AgencyId.eq(agency.id))
        .filter(users::Column::Active.eq(true))
        .order_by_asc(users::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .filter(|u| matches!(Role::parse(&u.role), Some(Role::Officer | Role::AgencyHead)))
        .collect();
    let certificates = certificates_on(conn, people.iter().map(|u| u.id), today).await?;
    Ok(people
        .into_iter()
        .map(|u| {
            let certified = certificates.get(&u.id).is_some_and(|c| c.1);
            (u.id, u.display_name, certified)
        })
        .collect())
}
