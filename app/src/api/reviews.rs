//! Server functions of legal review: the reviewer's queue and work page, the decision on a
//! round, the major-decision catalogs and the review figures.

use leptos::prelude::*;

use super::{
    AppError,
    case_dto::StepOutcome,
    review_dto::{
        AgencyCatalogs, CatalogForm, QueueItem, ReviewFiguresView, ReviewForm, ReviewPage,
    },
};

/// The pending rounds of the agencies the reviewer serves, oldest first.
#[server]
pub async fn review_queue() -> Result<Vec<QueueItem>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::reviews::queue(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// One round's work page.
#[server]
pub async fn get_review(id: i32) -> Result<ReviewPage, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::reviews::page(&state, &session.actor, id, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Decides a round: the checklist, the outcome and the written opinion.
#[server]
pub async fn decide_review(id: i32, form: ReviewForm) -> Result<StepOutcome, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::reviews::decide(&state, &session.actor, id, &form)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Every agency's catalog versions (administrators).
#[server]
pub async fn list_catalogs() -> Result<Vec<AgencyCatalogs>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::reviews::catalogs(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Publishes a new catalog version of an agency (administrators).
#[server]
pub async fn publish_catalog(form: CatalogForm) -> Result<i32, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::reviews::publish_catalog(&state, &session.actor, &form)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Review figures per agency and reviewer, within the caller's scope.
#[server]
pub async fn review_figures() -> Result<ReviewFiguresView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::reviews::figures(&state, &session.actor)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}
