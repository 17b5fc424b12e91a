//! The clue intake queue.

use leptos::prelude::*;

use super::{AppError, dto::ClueView};

/// Clues in the intake queues the caller may see, newest first.
#[server]
pub async fn list_clues() -> Result<Vec<ClueView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::clues::list(&state, &session.actor)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}
