//! Supervision: warnings of the cases the caller oversees, and their acknowledgement.

use leptos::prelude::*;

use super::{
    AppError,
    supervision_dto::{MatterView, WarningView},
};

/// The warnings of every case the caller oversees (supervisors, agency heads, admins).
#[server]
pub async fn list_warnings() -> Result<Vec<WarningView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::supervision::warnings(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Acknowledges a current warning of a case with a comment (an audit event).
#[server]
pub async fn acknowledge_warning(
    case_id: i32,
    key: String,
    comment: String,
) -> Result<(), AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::supervision::acknowledge(&state, &session.actor, case_id, &key, &comment)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The supervision matters of the agencies the caller oversees.
#[server]
pub async fn list_matters() -> Result<Vec<MatterView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::supervision::matters(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Opens a supervision matter on a case (supervisors).
#[server]
pub async fn open_matter(case_id: i32, requirement: String, due: String) -> Result<i32, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::supervision::open_matter(
        &state,
        &session.actor,
        case_id,
        &requirement,
        &due,
    )
    .await
    .map_err(|e| AppError::from_service(e, lang))
}

/// Answers (`answer`, agency heads), closes (`close`) or reopens (`reopen`, supervisors) a matter.
#[server]
pub async fn step_matter(matter_id: i32, step: String, text: String) -> Result<(), AppError> {
    use tianping_domain::supervision::matter::MatterStep;
    let (state, session, lang) = super::ctx::caller().await?;
    let step = match step.as_str() {
        "answer" => MatterStep::Answer { response: text },
        "close" => MatterStep::Close { conclusion: text },
        "reopen" => MatterStep::Reopen { requirement: text },
        _ => {
            return Err(AppError::invalid(
                &[tianping_domain::validate::ValidationError::new(
                    tianping_domain::validate::Field::Body,
                    tianping_domain::validate::Rule::OneOf,
                )],
                lang,
            ));
        }
    };
    crate::ssr::services::supervision::step_matter(&state, &session.actor, matter_id, &step)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}
