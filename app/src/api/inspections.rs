//! Inspections of enterprises (issue 23): the staff's list and steps, and the public check at
//! the door and the enterprise's page. Authorization is in the services.

use leptos::prelude::*;

use super::{
    AppError,
    inspection_dto::{EnterpriseRecord, InspectionCheck, InspectionView},
};

/// The inspections the caller may read, newest first.
#[server]
pub async fn list_inspections() -> Result<Vec<InspectionView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::inspections::list(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Takes a step on an inspection (approve, register by supervision code, record, notify,
/// close).
#[server]
pub async fn inspection_step(
    id: i32,
    step: String,
    supervision_code: Option<String>,
    findings: Option<String>,
    outcome: Option<String>,
    note: Option<String>,
) -> Result<InspectionView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    let form = super::inspection_dto::InspectionStepForm {
        step,
        supervision_code: supervision_code.unwrap_or_default(),
        findings: findings.unwrap_or_default(),
        outcome: outcome.unwrap_or_default(),
        note: note.unwrap_or_default(),
    };
    crate::ssr::services::inspections::step(&state, &session.actor, id, &form, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The check at the door by inspection code (public: nothing private).
#[server]
pub async fn check_inspection(code: String) -> Result<InspectionCheck, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    crate::ssr::services::inspections::public::check(&state, &code, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The enterprise's own inspection records by its supervision code.
#[server]
pub async fn enterprise_records(code: String) -> Result<EnterpriseRecord, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    crate::ssr::services::inspections::public::enterprise_record(&state, &code, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The enterprise rates an inspection (once, after the result).
#[server]
pub async fn rate_inspection(
    supervision_code: String,
    inspection_code: String,
    rating: String,
    comment: Option<String>,
) -> Result<EnterpriseRecord, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    let client = crate::ssr::client::current_client(&state);
    let rating = rating.trim().parse::<i16>().map_err(|_| {
        AppError::from_service(
            tianping_domain::validate::ValidationError::new(
                tianping_domain::validate::Field::Rating,
                tianping_domain::validate::Rule::OneOf,
            )
            .into(),
            lang,
        )
    })?;
    let form = super::inspection_dto::RateInspectionForm {
        supervision_code,
        inspection_code,
        rating,
        comment: comment.unwrap_or_default(),
    };
    crate::ssr::services::inspections::public::rate(&state, &form, &client, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// A published draw (双随机、一公开): public.
#[server]
pub async fn published_draw(id: i32) -> Result<super::inspection_dto::DrawView, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    crate::ssr::services::inspections::draws::published(&state, id)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The draws of the caller's agency (supervisors: their region's), newest first.
#[server]
pub async fn list_draws() -> Result<Vec<super::inspection_dto::DrawView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::inspections::draws::list(&state, &session.actor)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The items on the caller's agency's published list a draw may be made for: (id, code, name).
#[server]
pub async fn draw_items() -> Result<Vec<(i32, String, String)>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::inspections::draws::items(&state, &session.actor)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Makes a draw (the agency's head).
#[server]
pub async fn run_draw(
    item_id: String,
    enterprises: String,
    officers: String,
) -> Result<super::inspection_dto::DrawView, AppError> {
    use tianping_domain::validate::{Field, Rule, ValidationError};
    let (state, session, lang) = super::ctx::caller().await?;
    let number = |s: &str, field: Field| {
        s.trim().parse::<u32>().map_err(|_| {
            AppError::from_service(ValidationError::new(field, Rule::Positive).into(), lang)
        })
    };
    let form = super::inspection_dto::DrawForm {
        item_id: item_id.trim().parse::<i32>().map_err(|_| {
            AppError::from_service(
                ValidationError::new(Field::InspectionItem, Rule::Required).into(),
                lang,
            )
        })?,
        enterprises: number(&enterprises, Field::Enterprise)?,
        officers: number(&officers, Field::Officers)?,
    };
    crate::ssr::services::inspections::draws::run(&state, &session.actor, &form, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The year's figures of inspections and coercive measures per agency (this year when
/// `year` is empty).
#[server]
pub async fn inspection_figures(
    year: String,
) -> Result<Vec<super::inspection_dto::EnforcementActsRow>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::inspections::figures::figures(&state, &session.actor, &year)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}
