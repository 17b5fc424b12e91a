//! Administrative inspections of enterprises (issue 23): proposals, the head's approval, the
//! code-registered entry at the door (扫码入企), the on-site record, the result notice and the
//! close, with a penalty case's clue opened from a visit that found a violation. The rules are
//! `tianping_domain::inspection` (life cycle, proposal, registration); this module loads their
//! facts and writes through one unit of work per step, its audit event in the same commit. A
//! refused step writes nothing. The public side (the check at the door, the enterprise's page
//! and its rating) is [`public`].

pub mod draws;
pub mod figures;
pub mod public;

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::json;
use sha2::Digest;
use tianping_domain::{
    authz::{Action, Actor, can},
    credential::{self, CredentialKind},
    i18n::{Lang, china_time},
    inspection::{
        CapRules, Grade, InspectionKind, PastVisit, SupervisionCode, counted_visits,
        inspection_code,
        lifecycle::{self, Asker, InspectionState, Outcome, StepFacts, StepKind},
        proposal,
        registration::{self, Approval, RegistrationFacts, VisitingOfficer},
        warnings::{
            InspectionSnapshot, InspectionWarning, PairVisit, WarningRules, history,
            inspection_warnings,
        },
    },
    role::Role,
    validate::{self, Field, Rule, ValidationError},
};

use crate::{
    api::inspection_dto::{
        InspectingOfficer, InspectionStepForm, InspectionStepOption, InspectionView,
        InspectionWarningView, ProposeInspectionForm,
    },
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{
            agencies, clues, credentials, enterprises, inspection_items, inspection_officers,
            inspections, users,
        },
        error::ServiceError,
        services::names,
    },
};

/// The audit subject type of inspection events.
pub const AUDIT_SUBJECT_TYPE: &str = "inspection";

/// The most inspections a list answers with (newest first).
pub const LIST_LIMIT: u64 = 500;

/// The published yearly caps per grade [L]: the provincial defaults until a province
/// configures its own.
pub fn cap_rules() -> CapRules {
    CapRules::default()
}

/// The kind stored in a row.
pub(crate) fn row_kind(row: &inspections::Model) -> InspectionKind {
    proposal::parse_kind(&row.kind).unwrap_or(InspectionKind::Routine)
}

pub(crate) fn row_state(row: &inspections::Model) -> Result<InspectionState, ServiceError> {
    InspectionState::parse(&row.state)
        .ok_or_else(|| ServiceError::Internal(format!("inspection {} has a bad state", row.id)))
}

/// The officers named for these inspections, by inspection.
pub(crate) async fn officers_of<C: ConnectionTrait>(
    conn: &C,
    ids: &[i32],
) -> Result<HashMap<i32, Vec<i32>>, ServiceError> {
    let mut out: HashMap<i32, Vec<i32>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    for row in inspection_officers::Entity::find()
        .filter(inspection_officers::Column::InspectionId.is_in(ids.iter().copied()))
        .order_by_asc(inspection_officers::Column::UserId)
        .all(conn)
        .await?
    {
        out.entry(row.inspection_id).or_default().push(row.user_id);
    }
    Ok(out)
}

/// Each user's enforcement certificate as it stands on `day`: the number of the one in force
/// (else the latest) and whether one is in force.
pub(crate) async fn certificates_on<C: ConnectionTrait>(
    conn: &C,
    user_ids: impl IntoIterator<Item = i32>,
    day: NaiveDate,
) -> Result<HashMap<i32, (Option<String>, bool)>, ServiceError> {
    Ok(standing_on(&certificates_of(conn, user_ids).await?, day))
}

/// The enforcement certificates of these users, oldest first.
async fn certificates_of<C: ConnectionTrait>(
    conn: &C,
    user_ids: impl IntoIterator<Item = i32>,
) -> Result<Vec<credentials::Model>, ServiceError> {
    let ids: Vec<i32> = crate::ssr::util::distinct(user_ids);
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(credentials::Entity::find()
        .filter(credentials::Column::UserId.is_in(ids))
        .filter(credentials::Column::Kind.eq(CredentialKind::EnforcementCertificate.as_str()))
        .order_by_asc(credentials::Column::ValidFrom)
        .all(conn)
        .await?)
}

/// Each holder's standing on `day` among `certificates` (oldest first): the number of the one
/// in force (else the latest) and whether one is in force.
fn standing_on(
    certificates: &[credentials::Model],
    day: NaiveDate,
) -> HashMap<i32, (Option<String>, bool)> {
    let mut out: HashMap<i32, (Option<String>, bool)> = HashMap::new();
    for c in certificates {
        let in_force = credential::status(c.valid_from, c.valid_to, c.revoked, day).in_force();
        let entry = out.entry(c.user_id).or_insert((None, false));
        if in_force || !entry.1 {
            *entry = (Some(c.number.clone()), in_force || entry.1);
        }
    }
    out
}

/// Whether every one of `ids` is an active officer or head of the agency: who may inspect,
/// seal up or seize for it.
pub(crate) async fn all_enforcers_of<C: ConnectionTrait>(
    conn: &C,
    agency_id: i32,
    ids: &[i32],
) -> Result<bool, ServiceError> {
    let found: HashSet<i32> = users::Entity::find()
        .filter(users::Column::Id.is_in(ids.iter().copied()))
        .filter(users::Column::AgencyId.eq(agency_id))
        .filter(users::Column::Active.eq(true))
        .all(conn)
        .await?
        .into_iter()
        .filter(|u| matches!(Role::parse(&u.role), Some(Role::Officer | Role::AgencyHead)))
        .map(|u| u.id)
        .collect();
    Ok(ids.iter().all(|id| found.contains(id)))
}

/// The agencies whose inspections `actor` may read, by id.
async fn visible_agencies(
    state: &AppState,
    actor: &Actor,
) -> Result<HashMap<i32, agencies::Model>, ServiceError> {
    match actor.role {
        Role::LegalReviewer => return Err(ServiceError::Forbidden),
        Role::Integration => return Err(ServiceError::NotFound),
        _ => {}
    }
    super::agencies_where(state, actor, |a| Action::ViewInspections(a)).await
}

/// The inspections the actor may read, newest first.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<InspectionView>, ServiceError> {
    let agencies = visible_agencies(state, actor).await?;
    let rows = inspections::Entity::find()
        .filter(inspections::Column::AgencyId.is_in(agencies.keys().copied()))
        .order_by_desc(inspections::Column::Id)
        .limit(LIST_LIMIT)
        .all(&state.db.conn)
        .await?;
    views(state, actor, rows, lang).await
}

/// One inspection, if the actor may read it.
pub async fn get(
    state: &AppState,
    actor: &Actor,
    id: i32,
    lang: Lang,
) -> Result<InspectionView, ServiceError> {
    let row = inspections::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if actor.role == Role::LegalReviewer {
        return Err(ServiceError::NotFound);
    }
    can(actor, &Action::ViewInspections(&agency.scope()))?;
    views(state, actor, vec![row], lang)
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)
}

/// The views of these rows, read in a few queries.
async fn views(
    state: &AppState,
    actor: &Actor,
    rows: Vec<inspections::Model>,
    lang: Lang,
) -> Result<Vec<InspectionView>, ServiceError> {
    let conn = &state.db.conn;
    let today = china_time(state.clock.now()).date_naive();
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let officers = officers_of(conn, &ids).await?;
    let items: HashMap<i32, inspection_items::Model> = inspection_items::Entity::find()
        .filter(inspection_items::Column::Id.is_in(rows.iter().map(|r| r.item_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let firms: HashMap<i32, enterprises::Model> = enterprises::Entity::find()
        .filter(enterprises::Column::Id.is_in(rows.iter().map(|r| r.enterprise_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let people: Vec<i32> = officers
        .values()
        .flatten()
        .copied()
        .chain(rows.iter().map(|r| r.proposed_by))
        .chain(rows.iter().filter_map(|r| r.approved_by))
        .collect();
    let user_names = names::user_names(conn, people.iter().copied()).await?;
    let certificates = certificates_on(conn, officers.values().flatten().copied(), today).await?;
    let agency_names = names::agency_names(conn).await?;
    let mut warned = visit_warnings(conn, &rows, &officers, &firms).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let state_now = row_state(&row)?;
        let kind = row_kind(&row);
        let named = officers.get(&row.id).cloned().unwrap_or_default();
        let who = Asker {
            role: actor.role,
            own_agency: actor.agency_id == Some(row.agency_id),
            named: named.contains(&actor.user_id),
        };
        let facts = StepFacts {
            state: state_now,
            approved: row.approved,
            emergency: row.emergency,
        };
        let item = items.get(&row.item_id);
        let firm = firms.get(&row.enterprise_id);
        let outcome = row.outcome.as_deref().and_then(Outcome::parse);
        out.push(InspectionView {
            id: row.id,
            code: row.code.clone(),
            agency_id: row.agency_id,
            agency: agency_names
                .get(&row.agency_id)
                .cloned()
                .unwrap_or_default(),
            item_code: item.map(|i| i.code.clone()).unwrap_or_default(),
            item: item.map(|i| i.name.clone()).unwrap_or_default(),
            enterprise: firm.map(|f| f.name.clone()).unwrap_or_default(),
            enterprise_credit_code: firm.map(|f| f.credit_code.clone()).unwrap_or_default(),
            grade: firm.map(|f| f.grade.clone()).unwrap_or_default(),
            kind: proposal::kind_name(kind).to_owned(),
            kind_label: proposal::kind_label(kind, lang).to_owned(),
            joint_group: row.joint_group,
            emergency: row.emergency,
            state: state_now.as_str().to_owned(),
            state_label: state_now.label(lang).to_owned(),
            window_from: row.window_from,
            window_to: row.window_to,
            approved: row.approved,
            approved_by: row.approved_by.and_then(|u| user_names.get(&u).cloned()),
            proposed_by: user_names
                .get(&row.proposed_by)
                .cloned()
                .unwrap_or_default(),
            registered_on: row.registered_on,
            officers: named
                .iter()
                .map(|u| {
                    let (number, in_force) = certificates.get(u).cloned().unwrap_or_default();
                    InspectingOfficer {
                        user_id: *u,
                        name: user_names.get(u).cloned().unwrap_or_default(),
                        certificate_number: number,
                        certified_today: in_force,
                    }
                })
                .collect(),
            findings: row.findings.clone(),
            outcome: outcome.map(|o| o.as_str().to_owned()),
            outcome_label: outcome.map(|o| o.label(lang).to_owned()),
            result_note: row.result_note.clone(),
            clue_id: row.clue_id,
            rating: row.rating,
            rating_comment: row.rating_comment.clone(),
            warnings: warned
                .remove(&row.id)
                .unwrap_or_default()
                .into_iter()
                .map(|w| InspectionWarningView {
                    code: w.code().to_owned(),
                    label: w.label(lang).to_owned(),
                })
                .collect(),
            steps: lifecycle::available(facts, who)
                .into_iter()
                .map(|k| InspectionStepOption {
                    step: k.as_str().to_owned(),
                    label: k.label(lang).to_owned(),
                })
                .collect(),
        });
    }
    Ok(out)
}

/// The supervision warnings of each visit made among `rows` (乱检查), judged by the pure rules
/// on the facts of the visit's day: approval, certificates, region, the year's count against
/// the cap and the previous visit of the same agency.
pub(crate) async fn visit_warnings<C: ConnectionTrait>(
    conn: &C,
    rows: &[inspections::Model],
    officers: &HashMap<i32, Vec<i32>>,
    firms: &HashMap<i32, enterprises::Model>,
) -> Result<HashMap<i32, Vec<InspectionWarning>>, ServiceError> {
    let visited: Vec<(&inspections::Model, NaiveDate)> = rows
        .iter()
        .filter_map(|r| r.registered_on.map(|on| (r, on)))
        .collect();
    let mut out = HashMap::new();
    if visited.is_empty() {
        return Ok(out);
    }
    let agency_ids = crate::ssr::util::distinct(visited.iter().map(|(r, _)| r.agency_id));
    let firm_ids = crate::ssr::util::distinct(visited.iter().map(|(r, _)| r.enterprise_id));
    let regions: HashMap<i32, String> = agencies::Entity::find()
        .filter(agencies::Column::Id.is_in(agency_ids.iter().copied()))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a.region_code))
        .collect();
    // Every registered visit of those agencies to those enterprises, by pair.
    let mut pairs: HashMap<(i32, i32), Vec<PairVisit>> = HashMap::new();
    for r in inspections::Entity::find()
        .filter(inspections::Column::AgencyId.is_in(agency_ids))
        .filter(inspections::Column::EnterpriseId.is_in(firm_ids))
        .filter(inspections::Column::RegisteredOn.is_not_null())
        .all(conn)
        .await?
    {
        if let Some(on) = r.registered_on {
            pairs
                .entry((r.agency_id, r.enterprise_id))
                .or_default()
                .push(pair_visit(&r, on));
        }
    }
    let certificates = certificates_of(
        conn,
        visited
            .iter()
            .flat_map(|(r, _)| officers.get(&r.id).cloned().unwrap_or_default()),
    )
    .await?;
    let rules = WarningRules {
        caps: cap_rules(),
        ..WarningRules::default()
    };
    for (row, on) in visited {
        let (counted_in_year, previous_visit_on) = history(
            pairs
                .get(&(row.agency_id, row.enterprise_id))
                .map_or(&[][..], Vec::as_slice),
            &pair_visit(row, on),
        );
        let standing = standing_on(&certificates, on);
        let certified_officers = officers.get(&row.id).map_or(0, |ids| {
            ids.iter()
                .filter(|u| standing.get(u).is_some_and(|c| c.1))
                .count()
        });
        let firm = firms.get(&row.enterprise_id);
        let snapshot = InspectionSnapshot {
            on,
            kind: row_kind(row),
            registered: true,
            approved: row.approved,
            approved_until: Some(row.window_to),
            certified_officers,
            agency_region: regions.get(&row.agency_id).cloned().unwrap_or_default(),
            target_region: firm.map(|f| f.region_code.clone()).unwrap_or_default(),
            grade: firm
                .and_then(|f| Grade::parse(&f.grade))
                .unwrap_or(Grade::D),
            counted_in_year,
            previous_visit_on,
        };
        out.insert(row.id, inspection_warnings(&snapshot, &rules));
    }
    Ok(out)
}

/// A registered visit as [`history`] reads it.
fn pair_visit(row: &inspections::Model, on: NaiveDate) -> PairVisit {
    PairVisit {
        id: i64::from(row.id),
        on,
        kind: row_kind(row),
        joint_group: row.joint_group,
    }
}

/// Finds an enterprise by its unified social credit code or its supervision code.
async fn find_enterprise<C: ConnectionTrait>(
    conn: &C,
    input: &str,
) -> Result<enterprises::Model, ServiceError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(ValidationError::new(Field::Enterprise, Rule::Required).into());
    }
    let by_credit = enterprises::Entity::find()
        .filter(enterprises::Column::CreditCode.eq(input.to_ascii_uppercase()))
        .one(conn)
        .await?;
    if let Some(found) = by_credit {
        return Ok(found);
    }
    if let Some(code) = SupervisionCode::parse(input)
        && let Some(found) = enterprises::Entity::find()
            .filter(enterprises::Column::SupervisionCode.eq(code.as_str()))
            .one(conn)
            .await?
    {
        return Ok(found);
    }
    Err(ValidationError::new(Field::Enterprise, Rule::Exists).into())
}

/// Proposes an inspection (the approval form): the agency's officers and head.
pub async fn propose(
    state: &AppState,
    actor: &Actor,
    form: &ProposeInspectionForm,
    lang: Lang,
) -> Result<InspectionView, ServiceError> {
    let now = state.clock.now();
    let today = china_time(now).date_naive();
    let conn = &state.db.conn;
    let item = inspection_items::Entity::find_by_id(form.item_id)
        .one(conn)
        .await?;
    // The item decides the agency; an item the caller cannot see is as absent as none.
    let agency = match &item {
        Some(i) => agencies::Entity::find_by_id(i.agency_id).one(conn).await?,
        None => None,
    };
    let (item, agency) = match (item, agency) {
        (Some(i), Some(a)) if can(actor, &Action::ViewInspections(&a.scope())).is_ok() => (i, a),
        _ => {
            // Only people who may propose at all hear about the field.
            match actor.role {
                Role::Officer | Role::AgencyHead => {
                    return Err(ValidationError::new(Field::InspectionItem, Rule::Exists).into());
                }
                Role::Integration => return Err(ServiceError::NotFound),
                _ => return Err(ServiceError::Forbidden),
            }
        }
    };
    can(actor, &Action::ProposeInspection(&agency.scope()))?;
    let mut errors = Vec::new();
    let firm = match find_enterprise(conn, &form.enterprise).await {
        Ok(f) => Some(f),
        Err(ServiceError::Validation(e)) => {
            errors.push(e);
            None
        }
        Err(e) => return Err(e),
    };
    let valid = proposal::validate(
        &form.kind,
        &form.window_from,
        &form.window_to,
        &form.officer_ids,
        today,
    );
    let valid = match valid {
        Ok(v) => Some(v),
        Err(mut more) => {
            errors.append(&mut more);
            None
        }
    };
    if let Some(v) = &valid {
        if !all_enforcers_of(conn, agency.id, &v.officer_ids).await? {
            errors.push(ValidationError::new(Field::Officers, Rule::Exists));
        }
    }
    let lead = match form.joint_group {
        Some(group) => {
            let lead = inspections::Entity::find_by_id(i32::try_from(group).unwrap_or(-1))
                .one(conn)
                .await?;
            match (&lead, &firm) {
                (Some(l), Some(f)) if l.enterprise_id == f.id => lead,
                _ => {
                    errors.push(ValidationError::new(Field::InspectionCode, Rule::Exists));
                    None
                }
            }
        }
        None => None,
    };
    let (Some(firm), Some(valid)) = (firm, valid) else {
        return Err(ServiceError::ValidationMany(errors));
    };
    if !errors.is_empty() {
        return Err(ServiceError::ValidationMany(errors));
    }
    let code = inspection_code(today, super::random_bytes()?);
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    // A joint inspection is led by its first inspection, whose id names the group.
    let joint_group = match &lead {
        Some(l) => {
            if l.joint_group.is_none() {
                let mut am: inspections::ActiveModel = l.clone().into();
                am.joint_group = Set(Some(i64::from(l.id)));
                am.update(uow.txn()).await?;
            }
            Some(l.joint_group.unwrap_or(i64::from(l.id)))
        }
        None => None,
    };
    let row = inspections::ActiveModel {
        code: Set(code.clone()),
        agency_id: Set(agency.id),
        item_id: Set(item.id),
        enterprise_id: Set(firm.id),
        kind: Set(proposal::kind_name(valid.kind).to_owned()),
        joint_group: Set(joint_group),
        emergency: Set(form.emergency),
        state: Set(InspectionState::Proposed.as_str().to_owned()),
        window_from: Set(valid.from),
        window_to: Set(valid.to),
        approved: Set(false),
        approved_by: Set(None),
        approved_at: Set(None),
        proposed_by: Set(actor.user_id),
        proposed_at: Set(now),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    for user_id in &valid.officer_ids {
        inspection_officers::ActiveModel {
            inspection_id: Set(row.id),
            user_id: Set(*user_id),
        }
        .insert(uow.txn())
        .await?;
    }
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "inspection.propose",
        subject_type: AUDIT_SUBJECT_TYPE,
        subject_id: row.id.to_string(),
        payload: json!({
            "code": code,
            "agency_id": agency.id,
            "item_id": item.id,
            "item_code": item.code,
            "enterprise_id": firm.id,
            "kind": row.kind,
            "joint_group": joint_group,
            "emergency": form.emergency,
            "window": [valid.from.to_string(), valid.to.to_string()],
            "officers": valid.officer_ids,
        }),
    });
    uow.commit().await?;
    get(state, actor, row.id, lang).await
}

/// Everything the registration at the door is judged on, read from the database.
async fn registration_facts<C: ConnectionTrait>(
    conn: &C,
    row: &inspections::Model,
    agency: &agencies::Model,
    firm: &enterprises::Model,
    officer_ids: &[i32],
    on: NaiveDate,
) -> Result<RegistrationFacts, ServiceError> {
    let item = inspection_items::Entity::find_by_id(row.item_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("inspection {} lost its item", row.id)))?;
    let certificates = certificates_on(conn, officer_ids.iter().copied(), on).await?;
    let year_start = NaiveDate::from_ymd_opt(on.year(), 1, 1).unwrap_or(on);
    let year_end = NaiveDate::from_ymd_opt(on.year(), 12, 31).unwrap_or(on);
    let earlier = inspections::Entity::find()
        .filter(inspections::Column::AgencyId.eq(row.agency_id))
        .filter(inspections::Column::EnterpriseId.eq(row.enterprise_id))
        .filter(inspections::Column::RegisteredOn.between(year_start, year_end))
        .filter(inspections::Column::Id.ne(row.id))
        .all(conn)
        .await?;
    let past: Vec<PastVisit> = earlier
        .iter()
        .map(|e| PastVisit {
            kind: row_kind(e),
            joint_group: e.joint_group,
            id: i64::from(e.id),
        })
        .collect();
    // A joint visit already registered by any agency this year is the same visit.
    let joins_counted_joint_visit = match row.joint_group {
        Some(group) => inspections::Entity::find()
            .filter(inspections::Column::JointGroup.eq(group))
            .filter(inspections::Column::RegisteredOn.between(year_start, year_end))
            .filter(inspections::Column::Id.ne(row.id))
            .one(conn)
            .await?
            .is_some(),
        None => false,
    };
    Ok(RegistrationFacts {
        on,
        kind: row_kind(row),
        approval: row.approved.then_some(Approval {
            from: row.window_from,
            to: row.window_to,
        }),
        emergency: row.emergency,
        item_published: item.published && item.agency_id == row.agency_id,
        officers: officer_ids
            .iter()
            .map(|u| VisitingOfficer {
                user_id: *u,
                certified: certificates.get(u).is_some_and(|c| c.1),
            })
            .collect(),
        agency_region: agency.region_code.clone(),
        target_region: firm.region_code.clone(),
        grade: Grade::parse(&firm.grade).unwrap_or(Grade::D),
        counted_this_year: counted_visits(&past),
        joins_counted_joint_visit,
    })
}

/// Takes a step on an inspection.
pub async fn step(
    state: &AppState,
    actor: &Actor,
    id: i32,
    form: &InspectionStepForm,
    lang: Lang,
) -> Result<InspectionView, ServiceError> {
    let now = state.clock.now();
    let today = china_time(now).date_naive();
    let conn = &state.db.conn;
    let row = inspections::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if actor.role == Role::LegalReviewer {
        return Err(ServiceError::NotFound);
    }
    can(actor, &Action::ViewInspections(&agency.scope()))?;
    let kind =
        StepKind::parse(form.step.trim()).ok_or(ValidationError::new(Field::Step, Rule::OneOf))?;
    let officer_ids = officers_of(conn, &[row.id])
        .await?
        .remove(&row.id)
        .unwrap_or_default();
    let facts = StepFacts {
        state: row_state(&row)?,
        approved: row.approved,
        emergency: row.emergency,
    };
    let who = Asker {
        role: actor.role,
        own_agency: actor.agency_id == Some(row.agency_id),
        named: officer_ids.contains(&actor.user_id),
    };
    let next = lifecycle::step(facts, kind, who).map_err(|r| match r {
        lifecycle::StepRefusal::NotAllowed => ServiceError::Forbidden,
        other => ServiceError::StateConflict(other.message(lang)),
    })?;
    let firm = enterprises::Entity::find_by_id(row.enterprise_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("inspection {id} lost its enterprise")))?;

    // Judge the step's input before anything is written.
    let mut payload =
        json!({ "code": row.code, "from": facts.state.as_str(), "to": next.as_str() });
    let mut am: inspections::ActiveModel = row.clone().into();
    am.state = Set(next.as_str().to_owned());
    let mut open_clue: Option<(String, String)> = None;
    match kind {
        StepKind::Approve => {
            am.approved = Set(true);
            am.approved_by = Set(Some(actor.user_id));
            am.approved_at = Set(Some(now));
        }
        StepKind::Register => {
            let scanned = form.supervision_code.trim();
            if scanned.is_empty() {
                return Err(ValidationError::new(Field::SupervisionCode, Rule::Required).into());
            }
            let code = SupervisionCode::parse(scanned).ok_or(ValidationError::new(
                Field::SupervisionCode,
                Rule::Malformed,
            ))?;
            if code.as_str() != firm.supervision_code {
                return Err(ServiceError::StateConflict(
                    lang.pick(
                        "扫描的行政执法监督码不是本次检查对象的监督码，请核对企业",
                        "The supervision code scanned is not the code of this inspection's enterprise",
                    )
                    .to_owned(),
                ));
            }
            let facts = registration_facts(conn, &row, &agency, &firm, &officer_ids, today).await?;
            if let Err(refusals) = registration::check(&facts, &cap_rules()) {
                let sentences: Vec<String> = refusals.iter().map(|r| r.message(lang)).collect();
                return Err(ServiceError::StateConflict(
                    sentences.join(lang.pick("；", "; ")),
                ));
            }
            am.registered_on = Set(Some(today));
            am.registered_at = Set(Some(now));
            am.registered_by = Set(Some(actor.user_id));
            payload["registered_on"] = json!(today.to_string());
            payload["counted_this_year"] = json!(facts.counted_this_year);
        }
        StepKind::Record => {
            let findings = validate::text(Field::Findings, &form.findings, 1, 5000)?;
            payload["findings_sha256"] =
                json!(hex::encode(sha2::Sha256::digest(findings.as_bytes())));
            am.findings = Set(Some(findings));
        }
        StepKind::Notify => {
            let outcome = Outcome::parse(form.outcome.trim())
                .ok_or(ValidationError::new(Field::Outcome, Rule::OneOf))?;
            let min = usize::from(outcome != Outcome::NoProblem);
            let note = validate::text(Field::Reason, &form.note, min, 2000);
            let note = match (note, min) {
                (Ok(n), _) => n,
                (Err(_), 0) if form.note.trim().is_empty() => String::new(),
                (Err(e), _) => return Err(e.into()),
            };
            payload["outcome"] = json!(outcome.as_str());
            payload["note"] = json!(note);
            am.outcome = Set(Some(outcome.as_str().to_owned()));
            am.result_note = Set((!note.is_empty()).then_some(note.clone()));
            am.notified_at = Set(Some(now));
            if outcome == Outcome::Penalty {
                open_clue = Some((
                    format!(
                        "{}{}",
                        lang.pick("行政检查发现：", "Found on inspection: "),
                        firm.name
                    ),
                    format!("{}\n{}", row.findings.clone().unwrap_or_default(), note),
                ));
            }
        }
        StepKind::Close => {
            am.closed_at = Set(Some(now));
        }
    }

    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    // The state read above must still hold: of two officers stepping at once, one wins.
    let fresh = uow
        .locked(inspections::Entity::find_by_id(id))
        .one(uow.txn())
        .await?
        .ok_or(ServiceError::NotFound)?;
    if fresh.state != row.state || fresh.approved != row.approved {
        return Err(ServiceError::StateConflict(
            lang.pick(
                "检查已被他人办理，请刷新后重试",
                "Someone else has just taken a step on this inspection: reload and try again",
            )
            .to_owned(),
        ));
    }
    if let Some((title, description)) = open_clue {
        let clue = clues::ActiveModel {
            agency_id: Set(row.agency_id),
            submitted_by: Set(actor.user_id),
            source: Set("inspection".into()),
            reference: Set(row.code.clone()),
            title: Set(title.chars().take(100).collect()),
            description: Set(description.chars().take(5000).collect()),
            location: Set(firm.address.chars().take(200).collect()),
            reported_at: Set(now),
            reporter_name: Set(None),
            reporter_phone: Set(None),
            status: Set("pending".into()),
            decline_reason: Set(None),
            received_at: Set(now),
            decided_at: Set(None),
            decided_by: Set(None),
            ..Default::default()
        }
        .insert(uow.txn())
        .await?;
        am.clue_id = Set(Some(clue.id));
        payload["clue_id"] = json!(clue.id);
        uow.record(NewEvent {
            actor: AuditActor::from(actor),
            action: "clue.receive",
            subject_type: "clue",
            subject_id: clue.id.to_string(),
            payload: json!({
                "agency_id": row.agency_id, "source": "inspection", "reference": row.code,
                "title": clue.title, "location": clue.location,
                "reported_at": tianping_domain::audit::format_timestamp(now),
                "has_reporter": false, "inspection_id": row.id,
            }),
        });
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
        StepKind::Approve => "inspection.approve",
        StepKind::Register => "inspection.register",
        StepKind::Record => "inspection.record",
        StepKind::Notify => "inspection.notify",
        StepKind::Close => "inspection.close",
    }
}
