//! User accounts: list, create, credentials, activation, reviewer assignments.

use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use tianping_domain::{
    agency::AgencyKind,
    authz::{Action, Actor, UserScope, can},
    credential::CredentialKind,
    role::Role,
    validate::{self, Field, Password, Rule, Username, ValidationError},
};

use super::credential_view;
use crate::{
    api::dto::{AgencyRef, NewCredential, NewUser, UserView},
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        auth,
        entities::{agencies, credentials, reviewer_assignments, users},
        error::ServiceError,
    },
};

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
            .map(agencies::Model::scope),
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
    let user = insert_user(state, AuditActor::from(actor), input, true).await?;
    get_user(state, actor, user.id).await
}

/// Creates a user on behalf of `by` without an authorization check (command line, seeding).
/// Returns the stored row's id and login name. `must_change_password`: the password was set by
/// someone other than its owner (an administrator, the command line), so the account can do
/// nothing until its owner changes it (issue 20 item 12); only the demo seed, whose shared
/// password is documented, leaves it off.
pub async fn insert_user(
    state: &AppState,
    by: AuditActor,
    input: &NewUser,
    must_change_password: bool,
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
    let secret = password.expose().to_owned();
    let hash = state
        .login_guard
        .with_permit(move |m| auth::hash_password_in(&secret, m))
        .await??;
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
        must_change_password: Set(must_change_password),
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
            "must_change_password": must_change_password,
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

/// Issues a new API token to an integration account (admins), replacing its earlier one.
pub async fn issue_api_token(
    state: &AppState,
    actor: &Actor,
    user_id: i32,
) -> Result<crate::api::dto::ApiTokenView, ServiceError> {
    can(actor, &Action::ManageOrganisation)?;
    let issued = auth::issue_api_token(state, AuditActor::from(actor), user_id, None).await?;
    Ok(crate::api::dto::ApiTokenView {
        user_id,
        token: issued.token,
        issued_at: issued.issued_at.to_rfc3339(),
    })
}
