//! Coercive measures (查封、扣押, issue 23 item 6) for the staff's page. Authorization is in the
//! services.

use leptos::prelude::*;

use super::{AppError, coercive_dto::CoerciveMeasureView};

/// The measures the caller may read, newest first.
#[server]
pub async fn list_measures() -> Result<Vec<CoerciveMeasureView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::coercive::list(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The people of the caller's agency who may carry out a measure: (id, name, certified today).
#[server]
pub async fn measure_officers() -> Result<Vec<(i32, String, bool)>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::coercive::colleagues(&state, &session.actor)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Proposes a measure, or records one taken on the spot in an emergency. Checkboxes send a
/// value when ticked; the officers come from up to three selects (blank ones are skipped).
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn open_measure(
    kind: String,
    party: String,
    place: String,
    items: String,
    legal_basis: String,
    reason: String,
    party_present: Option<String>,
    witness: Option<String>,
    custody: Option<String>,
    officer_a: Option<String>,
    officer_b: Option<String>,
    officer_c: Option<String>,
    emergency: Option<String>,
) -> Result<CoerciveMeasureView, AppError> {
    use tianping_domain::validate::{Field, Rule, ValidationError};
    let (state, session, lang) = super::ctx::caller().await?;
    let mut officer_ids = Vec::new();
    for raw in [officer_a, officer_b, officer_c].into_iter().flatten() {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        officer_ids.push(raw.parse::<i32>().map_err(|_| {
            AppError::from_service(
                ValidationError::new(Field::Officers, Rule::Exists).into(),
                lang,
            )
        })?);
    }
    let form = super::coercive_dto::CoerciveMeasureForm {
        kind,
        party,
        place,
        items,
        legal_basis,
        reason,
        party_present: party_present.is_some(),
        witness: witness.unwrap_or_default(),
        custody: custody.unwrap_or_default(),
        officer_ids,
        emergency: emergency.is_some(),
        inspection_id: None,
    };
    crate::ssr::services::coercive::open(&state, &session.actor, &form, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Takes a step on a measure.
#[server]
pub async fn measure_step(
    id: i32,
    step: String,
    days: Option<String>,
    reason: Option<String>,
    release_reason: Option<String>,
) -> Result<CoerciveMeasureView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    let days = match days.as_deref().map(str::trim) {
        None | Some("") => 0,
        Some(d) => d.parse().map_err(|_| {
            AppError::from_service(
                tianping_domain::validate::ValidationError::new(
                    tianping_domain::validate::Field::Days,
                    tianping_domain::validate::Rule::Between {
                        min: 1,
                        max: tianping_domain::coercive::EXTENSION_DAYS,
                    },
                )
                .into(),
                lang,
            )
        })?,
    };
    let form = super::coercive_dto::CoerciveStepForm {
        step,
        days,
        reason: reason.unwrap_or_default(),
        release_reason: release_reason.unwrap_or_default(),
    };
    crate::ssr::services::coercive::step(&state, &session.actor, id, &form, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}
