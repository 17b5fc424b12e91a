//! Agencies, users and credentials.

use leptos::prelude::*;

use super::{
    AppError,
    dto::{
        AgencyView, ApiTokenView, AuditStatus, NewAgency, NewCredential, NewUser, PublicAgency,
        UserView,
    },
};

/// Agencies the caller may see.
#[server]
pub async fn list_agencies() -> Result<Vec<AgencyView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::org::list_agencies(&state, &session.actor)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// One agency, if the caller may see it.
#[server]
pub async fn get_agency(id: i32) -> Result<AgencyView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::org::get_agency(&state, &session.actor, id)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Creates an agency (admins).
#[server]
pub async fn create_agency(input: NewAgency) -> Result<AgencyView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::org::create_agency(&state, &session.actor, &input)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Users the caller may see.
#[server]
pub async fn list_users() -> Result<Vec<UserView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::org::list_users(&state, &session.actor)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Creates a user (admins).
#[server]
pub async fn create_user(input: NewUser) -> Result<UserView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::org::create_user(&state, &session.actor, &input)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Adds a certificate or qualification (admins).
#[server]
pub async fn add_credential(user_id: i32, input: NewCredential) -> Result<UserView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::org::add_credential(&state, &session.actor, user_id, &input)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Assigns a legal reviewer to serve an agency (admins).
#[server]
pub async fn assign_reviewer(user_id: i32, agency_code: String) -> Result<UserView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::org::add_reviewer_assignment(
        &state,
        &session.actor,
        user_id,
        &agency_code,
    )
    .await
    .map_err(|e| AppError::from_service(e, lang))
}

/// Enables or disables an account (admins).
#[server]
pub async fn set_user_active(user_id: i32, active: bool) -> Result<UserView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::org::set_user_active(&state, &session.actor, user_id, active)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Issues a new API token to an integration account, replacing its earlier one (admins).
#[server]
pub async fn issue_api_token(user_id: i32) -> Result<ApiTokenView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::org::issue_api_token(&state, &session.actor, user_id)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Enforcement agencies with their current officer roster (public, no login).
#[server]
pub async fn public_agencies() -> Result<Vec<PublicAgency>, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    crate::ssr::services::org::public_agencies(&state, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Verifies the audit chain (admins and supervisors).
#[server]
pub async fn verify_audit_log() -> Result<AuditStatus, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::audit_log::verify(&state, &session.actor)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The public transparency page's data: the latest checkpoints and every signing key.
#[server]
pub async fn public_audit() -> Result<super::audit_dto::PublicAudit, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    crate::ssr::transparency::public_page(&state)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Which years the working-day calendar knows from the official arrangement, and which are
/// missing today (administrators).
#[server]
pub async fn holiday_status() -> Result<super::dto::HolidayStatus, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::holidays::status(&state, &session.actor)
        .map_err(|e| AppError::from_service(e, lang))
}

/// Loads official holiday arrangements (the calendar's JSON format; administrators).
#[server]
pub async fn load_holidays(json: String) -> Result<Vec<i32>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::holidays::load(&state, &session.actor, &json)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}
