//! Organisation: agencies, users, certificates and qualifications, reviewer assignments, and
//! the public roster.

mod accounts;

pub use accounts::{
    CreatedUser, add_credential, add_reviewer_assignment, all_users, assign_reviewer, create_user,
    get_user, insert_credential, insert_user, issue_api_token, list_users, set_user_active,
};

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use tianping_domain::{
    agency::AgencyKind,
    authz::{Action, Actor, can},
    credential::{self, CredentialKind},
    i18n::Lang,
    role::Role,
    validate::{self, CreditCode, Field, Rule, ValidationError},
};

use crate::{
    api::dto::{
        AgencyRef, AgencyView, CredentialView, Me, NewAgency, PublicAgency, PublicOfficer,
        PublicPower,
    },
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, credentials, discretion_standards, users},
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
        must_change_password: user.must_change_password,
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
        .filter(|a| can(actor, &Action::ViewAgency(&a.scope())).is_ok())
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
    can(actor, &Action::ViewAgency(&agency.scope()))?;
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

/// Enforcement agencies with what they publish before acting (事前公开), for the public
/// portal (no login): legal basis, powers list with discretion benchmarks, the supervision body
/// of their region, and the current officer roster (officers with a certificate in force
/// today, China time).
pub async fn public_agencies(
    state: &AppState,
    lang: Lang,
) -> Result<Vec<PublicAgency>, ServiceError> {
    use tianping_domain::discretion::{Circumstance, FineBand};

    let today = state.today();
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
