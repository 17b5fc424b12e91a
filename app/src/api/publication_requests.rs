//! The public's requests about a published decision (更正、信用修复提前移出): filing on the portal
//! and the status by tracking number (no login), the agency's queue and its decisions.

use leptos::prelude::*;

use super::{
    AppError,
    request_dto::{PublicRequestView, PublicationRequestView, RequestReceipt},
};

/// Files a request on a public decision (anonymous, rate limited), then goes to its status
/// page: a plain form post (no JavaScript) is redirected there, the browser app follows.
#[server]
pub async fn submit_publication_request(
    publication_id: i32,
    form: tianping_domain::publicity::request::RequestInput,
) -> Result<RequestReceipt, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    let client = crate::ssr::client::current_client(&state);
    let receipt = crate::ssr::services::publication_requests::submit(
        &state,
        publication_id,
        &form,
        &client,
        lang,
    )
    .await
    .map_err(|e| AppError::from_service(e, lang))?;
    leptos_axum::redirect(&format!(
        "/portal/requests/status?no={}&new=1",
        receipt.tracking_no
    ));
    Ok(receipt)
}

/// A request's status by its tracking number (public: no name, phone or reason).
#[server]
pub async fn publication_request_status(
    tracking_no: String,
) -> Result<PublicRequestView, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    crate::ssr::services::publication_requests::public_status(&state, &tracking_no, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The requests the caller reads: their agency's (officers, heads), their region's
/// (supervisors), all (admins).
#[server]
pub async fn list_publication_requests() -> Result<Vec<PublicationRequestView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::publication_requests::list(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Accepts (`accept`, with the answer and the public explanation) or rejects (`reject`, with
/// the answer) a request.
#[server]
pub async fn decide_publication_request(
    request_id: i32,
    step: String,
    #[server(default)] answer: String,
    #[server(default)] public_note: String,
) -> Result<(), AppError> {
    use super::request_dto::RequestStepForm;
    let (state, session, lang) = super::ctx::caller().await?;
    let step = RequestStepForm {
        step,
        answer,
        public_note,
    }
    .try_into()
    .map_err(|e: tianping_domain::validate::ValidationError| {
        AppError::from_service(e.into(), lang)
    })?;
    crate::ssr::services::publication_requests::step(
        &state,
        &session.actor,
        request_id,
        &step,
        lang,
    )
    .await
    .map_err(|e| AppError::from_service(e, lang))
}
