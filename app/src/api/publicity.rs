//! After-the-fact publication: the agency's queue (approve, withdraw) and the public search
//! and decision pages.

use leptos::prelude::*;

use super::{
    AppError,
    publicity_dto::{AnnualReport, DecisionPage, PublicDecision, PublicationView},
};

/// The publication records of the caller's agency (officers and heads).
#[server]
pub async fn list_publications() -> Result<Vec<PublicationView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::publications::queue(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Approves a record (`approve`, optional `display_until`) or withdraws it (`withdraw`, with
/// `basis` and `reason`).
#[server]
pub async fn step_publication(
    publication_id: i32,
    step: String,
    #[server(default)] display_until: String,
    #[server(default)] basis: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use super::publicity_dto::PublicationStepForm;
    let (state, session, lang) = super::ctx::caller().await?;
    let fail = |e| AppError::from_service(e, lang);
    let step = PublicationStepForm {
        step,
        display_until: Some(display_until),
        basis,
        reason,
    }
    .try_into()
    .map_err(|e: tianping_domain::validate::ValidationError| fail(e.into()))?;
    crate::ssr::services::publications::step(&state, &session.actor, publication_id, &step, lang)
        .await
        .map_err(fail)
}

/// The public search of published decisions.
#[server]
pub async fn search_decisions(
    query: tianping_domain::publicity::SearchInput,
) -> Result<DecisionPage, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    crate::ssr::services::publications::search(&state, &query, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// One public decision.
#[server]
pub async fn get_public_decision(id: i32) -> Result<PublicDecision, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    crate::ssr::services::publications::public_detail(&state, id, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The annual enforcement data of a year (empty: the previous year).
#[server]
pub async fn get_annual_report(#[server(default)] year: String) -> Result<AnnualReport, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    crate::ssr::services::annual::report(&state, &year, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}
