//! The clue intake queue, and routing: sending a clue back (its agency) and assigning one
//! (the supervision body). Authorization is in the services.

use leptos::prelude::*;

use super::{AppError, dto::ClueView};

/// Clues in the intake queues the caller may see, newest first.
#[server]
pub async fn list_clues() -> Result<Vec<ClueView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::clues::list(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Sends a clue back to the supervision body as outside the agency's powers (退回).
#[server]
pub async fn return_clue(id: i32, reason: String) -> Result<ClueView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::clues::send_back(
        &state,
        &session.actor,
        id,
        &super::dto::ClueReturnForm { reason },
        lang,
    )
    .await
    .map_err(|e| AppError::from_service(e, lang))
}

/// Assigns a clue waiting in the supervision body's queue to an agency (分拨).
#[server]
pub async fn assign_clue(id: i32, agency: String, note: String) -> Result<ClueView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::clues::assign(
        &state,
        &session.actor,
        id,
        &super::dto::ClueAssignForm { agency, note },
        lang,
    )
    .await
    .map_err(|e| AppError::from_service(e, lang))
}
