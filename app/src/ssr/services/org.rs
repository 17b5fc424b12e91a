//! Organisation: agencies, users, certificates and qualifications, reviewer assignments, and
//! the public roster.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use tianping_domain::{
    agency::AgencyKind,
    authz::{Action, Actor, AgencyScope, UserScope, can},
    credential::{self, CredentialKind},
    i18n::Lang,
    role::Role,
    validate::{self, CreditCode, Field, Password, Rule, Username, ValidationError},
};

use crate::{
    api::dto::{
        AgencyRef, AgencyView, CredentialView, Me, NewAgency, NewCredential, NewUser, PublicAgency,
        PublicOfficer, PublicPower, UserView,
    },
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        auth,
        entities::{agencies, credentials, discretion_standards, reviewer_assignments, users},
        error::ServiceError,
    },
};

fn agency_view(a: agencies::Model) -> AgencyView {
    AgencyView {
        id: a.id,
        kind: AgencyKind::parse(&a.kind).unwrap_or(AgencyKind::Enforcement),
        code: a.code,
        name: a.name,
        short_name: a.short_name,
        region_code: a.region_code,
        region_name: a.region_name,
        credit_code: a.credit_code,
        legal_basis: a.legal_basis,
    }
}

fn scope_of(a: &agencies::Model) -> AgencyScope {
    AgencyScope {
        agency_id: a.id,
        region_code: a.region_code.clone(),
    }
}

fn credential_view(c: credentials::Model, today: NaiveDate) -> CredentialView {
    CredentialView {
        id: c.id,
        kind: CredentialKind::parse(&c.kind).unwrap_or(CredentialKind::EnforcementCertificate),
        status: credential::status(c.valid_from, c.valid_to, c.revoked, today),
        number: c.number,
        scope: c.scope,
        valid_from: c.valid_from,
        valid_to: c.valid_to,
    }
}

/// The signed-in user's own profile.
pub async fn me(state: &AppState, actor: &Actor) -> Result<Me, ServiceError> {
    let user = users::Entity::find_by_id(actor.user_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agency = match user.agency_id {
        Some(id) => agencies::Entity::find_by_id(id)
            .one(&state.db.conn)
            .await?
            .map(|a| AgencyRef {
                id: a.id,
                name: a.name,
            }),
        None => None,
    };
    let today = state.clock.now().date_naive();
    let creds = credentials::Entity::find()
        .filter(credentials::Column::UserId.eq(user.id))
        .order_by_asc(credentials::Column::Id)
        .all(&state.db.conn)
        .await?;
    Ok(Me {
        user_id: user.id,
        role: actor.role,
        username: user.username,
        display_name: user.display_name,
        agency,
        credentials: creds
            .into_iter()
            .map(|c| credential_view(c, today))
            .collect(),
    })
}

/// Agencies the actor may see, by name.
pub async fn list_agencies(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<AgencyView>, ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let all = agencies::Entity::find()
        .order_by_asc(agencies::Column::Id)
        .all(&state.db.conn)
        .await?;
    Ok(all
        .into_iter()
        .filter(|a| can(actor, &Action::ViewAgency(&scope_of(a))).is_ok())
        .map(agency_view)
        .collect())
}

/// One agency, if the actor may see it (otherwise `NotFound`, as if it did not exist).
pub async fn get_agency(
    state: &AppState,
    actor: &Actor,
    id: i32,
) -> Result<AgencyView, ServiceError> {
    let agency = agencies::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(actor, &Action::ViewAgency(&scope_of(&agency)))?;
    Ok(agency_view(agency))
}

/// Parsed input for a new agency.
struct AgencyInput {
    code: String,
    name: String,
    short_name: String,
    kind: AgencyKind,
    region_code: String,
    region_name: String,
    credit_code: CreditCode,
    legal_basis: String,
}

fn parse_agency(input: &NewAgency) -> Result<AgencyInput, ServiceError> {
    let mut errors = Vec::new();
    let mut take =
        |r: Result<String, ValidationError>| r.map_err(|e| errors.push(e)).unwrap_or_default();
    let code = take(validate::agency_code(&input.code));
    let name = take(validate::text(Field::AgencyName, &input.name, 2, 100));
    let short_name = take(validate::text(Field::ShortName, &input.short_name, 1, 20));
    let region_code = take(validate::region_code(&input.region_code));
    let region_name = take(validate::text(Field::RegionName, &input.region_name, 2, 50));
    let legal_basis = take(validate::text(
        Field::LegalBasis,
        &input.legal_basis,
        2,
        5000,
    ));
    let kind = AgencyKind::parse(input.kind.trim());
    if kind.is_none() {
        errors.push(ValidationError::new(Field::AgencyKind, Rule::OneOf));
    }
    let credit_code = CreditCode::parse(&input.credit_code)
        .map_err(|e| errors.push(e))
        .ok();
    match (kind, credit_code) {
        (Some(kind), Some(credit_code)) if errors.is_empty() => Ok(AgencyInput {
            code,
            name,
            short_name,
            kind,
            region_code,
            region_name,
            credit_code,
            legal_basis,
        }),
        _ => Err(ServiceError::ValidationMany(errors)),
    }
}

/// Creates an agency (admins).
pub async fn create_agency(
    state: &AppState,
    actor: &Actor,
    input: &NewAgency,
) -> Result<AgencyView, ServiceError> {
    can(actor, &Action::ManageOrganisation)?;
    insert_agency(state, AuditActor::from(actor), input).await
}

/// Creates an agency on behalf of `by` without an authorization check (command line, seeding).
pub async fn insert_agency(
    state: &AppState,
    by: AuditActor,
    input: &NewAgency,
) -> Result<AgencyView, ServiceError> {
    let a = parse_agency(input)?;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    for (field, col, value) in [
        (Field::AgencyCode, agencies::Column::Code, a.code.clone()),
        (Field::AgencyName, agencies::Column::Name, a.name.clone()),
        (
            Field::CreditCode,
            agencies::Column::CreditCode,
            a.credit_code.as_str().to_owned(),
        ),
    ] {
        if agencies::Entity::find()
            .filter(col.eq(value))
            .one(uow.txn())
            .await?
            .is_some()
        {
            return Err(ValidationError::new(field, Rule::Unique).into());
        }
    }
    let model = agencies::ActiveModel {
        code: Set(a.code),
        name: Set(a.name),
        short_name: Set(a.short_name),
        kind: Set(a.kind.as_str().to_owned()),
        region_code: Set(a.region_code),
        region_name: Set(a.region_name),
        credit_code: Set(a.credit_code.as_str().to_owned()),
        legal_basis: Set(a.legal_basis),
        created_at: Set(uow.now()),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: by,
        action: "agency.create",
        subject_type: "agency",
        subject_id: model.id.to_string(),
        payload: json!({
            "code": model.code, "name": model.name, "kind": model.kind,
            "region_code": model.region_code, "credit_code": model.credit_code,
        }),
    });
    uow.commit().await?;
    Ok(agency_view(model))
}

async fn user_view(
    state: &AppState,
    u: users::Model,
    agency_names: &HashMap<i32, String>,
) -> Result<UserView, ServiceError> {
    let today = state.clock.now().date_naive();
    let creds = credentials::Entity::find()
        .filter(credentials::Column::UserId.eq(u.id))
        .order_by_asc(credentials::Column::Id)
        .all(&state.db.conn)
        .await?;
    let served = reviewer_assignments::Entity::find()
        .filter(reviewer_assignments::Column::ReviewerId.eq(u.id))
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|r| AgencyRef {
            id: r.agency_id,
            name: agency_names.get(&r.agency_id).cloned().unwrap_or_default(),
        })
        .collect();
    Ok(UserView {
        served_agencies: served,
        id: u.id,
        role: Role::parse(&u.role).unwrap_or(Role::Officer),
        agency: u.agency_id.map(|id| AgencyRef {
            id,
            name: agency_names.get(&id).cloned().unwrap_or_default(),
        }),
        username: u.username,
        display_name: u.display_name,
        active: u.active,
        credentials: creds
            .into_iter()
            .map(|c| credential_view(c, today))
            .collect(),
    })
}

fn user_scope(u: &users::Model, agencies_by_id: &HashMap<i32, agencies::Model>) -> UserScope {
    UserScope {
        user_id: u.id,
        agency: u
            .agency_id
            .and_then(|id| agencies_by_id.get(&id))
            .map(scope_of),
    }
}

/// Users the actor may see.
pub async fn list_users(state: &AppState, actor: &Actor) -> Result<Vec<UserView>, ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let agencies_by_id: HashMap<i32, agencies::Model> = agencies::Entity::find()
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let names: HashMap<i32, String> = agencies_by_id
        .iter()
        .map(|(id, a)| (*id, a.name.clone()))
        .collect();
    let all = users::Entity::find()
        .order_by_asc(users::Column::Id)
        .all(&state.db.conn)
        .await?;
    let mut out = Vec::new();
    for u in all {
        if can(actor, &Action::ViewUser(&user_scope(&u, &agencies_by_id))).is_ok() {
            out.push(user_view(state, u, &names).await?);
        }
    }
    Ok(out)
}

/// One user, if the actor may see them.
pub async fn get_user(state: &AppState, actor: &Actor, id: i32) -> Result<UserView, ServiceError> {
    let user = users::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agencies_by_id: HashMap<i32, agencies::Model> = agencies::Entity::find()
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    can(
        actor,
        &Action::ViewUser(&user_scope(&user, &agencies_by_id)),
    )?;
    let names = agencies_by_id
        .iter()
        .map(|(id, a)| (*id, a.name.clone()))
        .collect();
    user_view(state, user, &names).await
}

/// Creates a user (admins).
pub async fn create_user(
    state: &AppState,
    actor: &Actor,
    input: &NewUser,
) -> Result<UserView, ServiceError> {
    can(actor, &Action::ManageOrganisation)?;
    let user = insert_user(state, AuditActor::from(actor), input).await?;
    get_user(state, actor, user.id).await
}

/// Creates a user on behalf of `by` without an authorization check (command line, seeding).
/// Returns the stored row's id and login name.
pub async fn insert_user(
    state: &AppState,
    by: AuditActor,
    input: &NewUser,
) -> Result<CreatedUser, ServiceError> {
    let mut errors = Vec::new();
    let username = Username::parse(&input.username)
        .map_err(|e| errors.push(e))
        .ok();
    let display_name = validate::text(Field::DisplayName, &input.display_name, 1, 50)
        .map_err(|e| errors.push(e))
        .ok();
    let role = Role::parse(input.role.trim());
    if role.is_none() {
        errors.push(ValidationError::new(Field::Role, Rule::OneOf));
    }
    let password = Password::parse(Field::Password, &input.password)
        .map_err(|e| errors.push(e))
        .ok();
    let agency_code = input
        .agency_code
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_uppercase);
    let agency = match &agency_code {
        Some(code) => {
            let found = agencies::Entity::find()
                .filter(agencies::Column::Code.eq(code.clone()))
                .one(&state.db.conn)
                .await?;
            if found.is_none() {
                errors.push(ValidationError::new(Field::Agency, Rule::Exists));
            }
            found
        }
        None => None,
    };
    if let Some(role) = role {
        let needs_agency = role.requires_agency() || role.requires_region();
        if needs_agency && agency_code.is_none() {
            errors.push(ValidationError::new(Field::Agency, Rule::Required));
        }
        // Supervisors belong to a supervision body; everyone else with an agency to an
        // enforcement agency (legal reviewers may belong to either, or none).
        if let Some(a) = &agency {
            let kind = AgencyKind::parse(&a.kind);
            let fits = match role {
                Role::Supervisor => kind == Some(AgencyKind::Supervision),
                Role::Officer | Role::AgencyHead | Role::Integration => {
                    kind == Some(AgencyKind::Enforcement)
                }
                Role::LegalReviewer | Role::Admin => true,
            };
            if !fits {
                errors.push(ValidationError::new(Field::Agency, Rule::OneOf));
            }
        }
    }
    let (Some(username), Some(display_name), Some(role), Some(password)) =
        (username, display_name, role, password)
    else {
        return Err(ServiceError::ValidationMany(errors));
    };
    if !errors.is_empty() {
        return Err(ServiceError::ValidationMany(errors));
    }
    let hash = auth::hash_password_blocking(password.expose().to_owned()).await?;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    if users::Entity::find()
        .filter(users::Column::Username.eq(username.as_str()))
        .one(uow.txn())
        .await?
        .is_some()
    {
        return Err(ValidationError::new(Field::Username, Rule::Unique).into());
    }
    let model = users::ActiveModel {
        username: Set(username.as_str().to_owned()),
        display_name: Set(display_name),
        role: Set(role.as_str().to_owned()),
        agency_id: Set(agency.as_ref().map(|a| a.id)),
        password_hash: Set(hash),
        active: Set(true),
        password_changed_at: Set(uow.now()),
        created_at: Set(uow.now()),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: by,
        action: "user.create",
        subject_type: "user",
        subject_id: model.id.to_string(),
        payload: json!({
            "username": model.username, "display_name": model.display_name,
            "role": model.role, "agency_id": model.agency_id,
        }),
    });
    uow.commit().await?;
    Ok(CreatedUser {
        id: model.id,
        username: model.username,
    })
}

/// A user just created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedUser {
    /// Id.
    pub id: i32,
    /// Login name.
    pub username: String,
}

/// Adds a certificate or qualification to a user (admins).
pub async fn add_credential(
    state: &AppState,
    actor: &Actor,
    user_id: i32,
    input: &NewCredential,
) -> Result<UserView, ServiceError> {
    can(actor, &Action::ManageOrganisation)?;
    insert_credential(state, AuditActor::from(actor), user_id, input).await?;
    get_user(state, actor, user_id).await
}

/// Adds a credential on behalf of `by` without an authorization check.
pub async fn insert_credential(
    state: &AppState,
    by: AuditActor,
    user_id: i32,
    input: &NewCredential,
) -> Result<i32, ServiceError> {
    let user = users::Entity::find_by_id(user_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let role =
        Role::parse(&user.role).ok_or_else(|| ServiceError::Internal("unknown role".into()))?;
    let mut errors = Vec::new();
    let kind = CredentialKind::parse(input.kind.trim());
    match kind {
        None => errors.push(ValidationError::new(Field::CredentialKind, Rule::OneOf)),
        Some(k) if !k.held_by(role) => {
            errors.push(ValidationError::new(Field::CredentialKind, Rule::OneOf))
        }
        Some(_) => {}
    }
    let number = validate::credential_number(&input.number)
        .map_err(|e| errors.push(e))
        .ok();
    let scope = validate::text(Field::CredentialScope, &input.scope, 1, 100)
        .map_err(|e| errors.push(e))
        .ok();
    let window = validate::validity(&input.valid_from, input.valid_to.as_deref())
        .map_err(|e| errors.push(e))
        .ok();
    let (Some(kind), Some(number), Some(scope), Some((valid_from, valid_to))) =
        (kind, number, scope, window)
    else {
        return Err(ServiceError::ValidationMany(errors));
    };
    if !errors.is_empty() {
        return Err(ServiceError::ValidationMany(errors));
    }
    if kind == CredentialKind::EnforcementCertificate && valid_to.is_none() {
        return Err(ValidationError::new(Field::ValidTo, Rule::Required).into());
    }
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let duplicate = credentials::Entity::find()
        .filter(credentials::Column::Kind.eq(kind.as_str()))
        .filter(credentials::Column::Number.eq(number.clone()))
        .one(uow.txn())
        .await?;
    if duplicate.is_some() {
        return Err(ValidationError::new(Field::CredentialNumber, Rule::Unique).into());
    }
    let model = credentials::ActiveModel {
        user_id: Set(user.id),
        kind: Set(kind.as_str().to_owned()),
        number: Set(number),
        scope: Set(scope),
        valid_from: Set(valid_from),
        valid_to: Set(valid_to),
        revoked: Set(false),
        created_at: Set(uow.now()),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: by,
        action: "credential.add",
        subject_type: "user",
        subject_id: user.id.to_string(),
        payload: json!({
            "credential_id": model.id, "kind": model.kind, "number": model.number,
            "scope": model.scope, "valid_from": model.valid_from.to_string(),
            "valid_to": model.valid_to.map(|d| d.to_string()),
        }),
    });
    // A certificate can clear the collector warnings of the evidence this officer collected.
    if kind == CredentialKind::EnforcementCertificate {
        for case_id in crate::ssr::warning_index::cases_collected_by(uow.txn(), user.id).await? {
            uow.touch_case(case_id);
        }
    }
    uow.commit().await?;
    Ok(model.id)
}

/// Enables or disables an account (admins). Disabling revokes its sessions.
pub async fn set_user_active(
    state: &AppState,
    actor: &Actor,
    user_id: i32,
    active: bool,
) -> Result<UserView, ServiceError> {
    can(actor, &Action::ManageOrganisation)?;
    let user = users::Entity::find_by_id(user_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if user.id == actor.user_id && !active {
        return Err(ServiceError::Forbidden);
    }
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let mut row: users::ActiveModel = user.into();
    row.active = Set(active);
    row.update(uow.txn()).await?;
    if !active {
        auth::revoke_all_sessions(&uow, user_id).await?;
    }
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: if active {
            "user.enable"
        } else {
            "user.disable"
        },
        subject_type: "user",
        subject_id: user_id.to_string(),
        payload: json!({ "active": active }),
    });
    uow.commit().await?;
    get_user(state, actor, user_id).await
}

/// Assigns a legal reviewer to serve an agency given by its code (admins).
pub async fn add_reviewer_assignment(
    state: &AppState,
    actor: &Actor,
    reviewer_id: i32,
    agency_code: &str,
) -> Result<UserView, ServiceError> {
    can(actor, &Action::ManageOrganisation)?;
    let code = validate::agency_code(agency_code)
        .map_err(|e| ValidationError::new(Field::Agency, e.rule))?;
    let agency = agencies::Entity::find()
        .filter(agencies::Column::Code.eq(code))
        .one(&state.db.conn)
        .await?
        .filter(|a| a.kind == AgencyKind::Enforcement.as_str())
        .ok_or(ServiceError::Validation(ValidationError::new(
            Field::Agency,
            Rule::Exists,
        )))?;
    assign_reviewer(state, AuditActor::from(actor), reviewer_id, agency.id).await?;
    get_user(state, actor, reviewer_id).await
}

/// Assigns a legal reviewer to serve an agency, on behalf of `by` (admins, seeding).
pub async fn assign_reviewer(
    state: &AppState,
    by: AuditActor,
    reviewer_id: i32,
    agency_id: i32,
) -> Result<(), ServiceError> {
    let reviewer = users::Entity::find_by_id(reviewer_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if Role::parse(&reviewer.role) != Some(Role::LegalReviewer) {
        return Err(ValidationError::new(Field::Role, Rule::OneOf).into());
    }
    agencies::Entity::find_by_id(agency_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let already = reviewer_assignments::Entity::find_by_id((reviewer_id, agency_id))
        .one(uow.txn())
        .await?;
    if already.is_some() {
        return Err(ValidationError::new(Field::Agency, Rule::Unique).into());
    }
    reviewer_assignments::ActiveModel {
        reviewer_id: Set(reviewer_id),
        agency_id: Set(agency_id),
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: by,
        action: "reviewer.assign",
        subject_type: "user",
        subject_id: reviewer_id.to_string(),
        payload: json!({ "agency_id": agency_id }),
    });
    uow.commit().await?;
    Ok(())
}

/// Every user with role and agency, for `tianping user list --json` (operators only).
pub async fn all_users(
    state: &AppState,
) -> Result<Vec<(users::Model, Option<String>)>, ServiceError> {
    let names: HashMap<i32, String> = agencies::Entity::find()
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    Ok(users::Entity::find()
        .order_by_asc(users::Column::Id)
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|u| {
            let agency = u.agency_id.and_then(|id| names.get(&id).cloned());
            (u, agency)
        })
        .collect())
}

/// Enforcement agencies with what they publish before acting (事前公开), for the public
/// portal (no login): legal basis, powers list with discretion benchmarks, the supervision body
/// of their region, and the current officer roster (officers with a certificate in force
/// today, China time).
pub async fn public_agencies(
    state: &AppState,
    lang: Lang,
) -> Result<Vec<PublicAgency>, ServiceError> {
    use tianping_domain::discretion::{Circumstance, FineBand};

    let today = super::cases::today(state);
    let conn = &state.db.conn;
    let all = agencies::Entity::find()
        .order_by_asc(agencies::Column::Id)
        .all(conn)
        .await?;
    let officers = users::Entity::find()
        .filter(users::Column::Active.eq(true))
        .filter(users::Column::Role.is_in([Role::Officer.as_str(), Role::AgencyHead.as_str()]))
        .order_by_asc(users::Column::Id)
        .all(conn)
        .await?;
    let certs = credentials::Entity::find()
        .filter(credentials::Column::Kind.eq(CredentialKind::EnforcementCertificate.as_str()))
        .all(conn)
        .await?;
    let standards = discretion_standards::Entity::find()
        .filter(discretion_standards::Column::Active.eq(true))
        .order_by_asc(discretion_standards::Column::Provision)
        .order_by_asc(discretion_standards::Column::Id)
        .all(conn)
        .await?;
    let supervisors: Vec<&agencies::Model> = all
        .iter()
        .filter(|a| a.kind == AgencyKind::Supervision.as_str())
        .collect();
    Ok(all
        .iter()
        .filter(|a| a.kind == AgencyKind::Enforcement.as_str())
        .map(|a| {
            let roster = officers
                .iter()
                .filter(|u| u.agency_id == Some(a.id))
                .filter_map(|u| {
                    certs
                        .iter()
                        .filter(|c| c.user_id == u.id)
                        .find(|c| {
                            credential::status(c.valid_from, c.valid_to, c.revoked, today)
                                .in_force()
                        })
                        .map(|c| PublicOfficer {
                            name: u.display_name.clone(),
                            certificate_number: c.number.clone(),
                            scope: c.scope.clone(),
                            valid_to: c.valid_to,
                        })
                })
                .collect();
            let powers = standards
                .iter()
                .filter(|s| s.agency_id == a.id)
                .map(|s| PublicPower {
                    title: s.title.clone(),
                    provision: s.provision.clone(),
                    kind: lang.pick("行政处罚", "Administrative penalty").to_owned(),
                    tiers: Circumstance::ALL
                        .into_iter()
                        .zip([
                            (s.minor_min_fen, s.minor_max_fen),
                            (s.general_min_fen, s.general_max_fen),
                            (s.serious_min_fen, s.serious_max_fen),
                        ])
                        .map(|(c, (min_fen, max_fen))| {
                            format!(
                                "{} {}",
                                c.label(lang),
                                FineBand { min_fen, max_fen }.label()
                            )
                        })
                        .collect(),
                })
                .collect();
            // The supervision body of the region (the same rule as the supervisors' scope).
            let supervisor = supervisors
                .iter()
                .find(|s| s.region_code == a.region_code)
                .map(|s| s.name.clone());
            PublicAgency {
                code: a.code.clone(),
                name: a.name.clone(),
                region_name: a.region_name.clone(),
                credit_code: a.credit_code.clone(),
                legal_basis: a.legal_basis.clone(),
                officers: roster,
                powers,
                supervisor,
            }
        })
        .collect())
}
