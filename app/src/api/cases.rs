//! Penalty cases: list, page, steps, parties, on-the-spot decisions. Evidence files are
//! uploaded and downloaded through streaming routes of the server (`/api/v1/cases/{id}/evidence`,
//! `/api/v1/evidence/{id}/file`), not server functions.

use leptos::prelude::*;

use super::{
    AppError,
    case_dto::{
        CaseDetail, CaseFilter, CaseSummary, NewCaseForm, RemediesView, RemedyFiling, RemedyRuling,
        StaffingForm, StepForm, StepOutcome, SummaryForm,
    },
};
use tianping_domain::party::RawParty;

/// The cases the caller may see, filtered.
#[server]
pub async fn list_cases(filter: CaseFilter) -> Result<Vec<CaseSummary>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::cases::list(&state, &session.actor, &filter)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The caller's to-do list: cases waiting for a step of theirs, and their cases waiting for
/// someone else (issue 22 item 1).
#[server]
pub async fn my_work() -> Result<crate::api::case_dto::WorkList, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::cases::todo(&state, &session.actor)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// How many cases wait for a step of the caller: the count beside 工作台 in the navigation
/// (issue 22 item 1), from a short-lived per-user cache so that every page does not rebuild
/// the whole list.
#[server]
pub async fn my_work_count() -> Result<usize, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::cases::todo_count(&state, &session.actor)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// One case with everything its page shows.
#[server]
pub async fn get_case(id: i32) -> Result<CaseDetail, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::cases::detail(&state, &session.actor, id, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Takes one step on a case.
#[server]
pub async fn take_step(id: i32, form: StepForm) -> Result<StepOutcome, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::cases::step(&state, &session.actor, id, &form)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Registers a case from a clue or an inspection.
#[server]
pub async fn register_case(form: NewCaseForm) -> Result<StepOutcome, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::cases::register(&state, &session.actor, &form)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Decides a case on the spot (简易程序).
#[server]
pub async fn decide_on_the_spot(form: SummaryForm) -> Result<StepOutcome, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::cases::summary(&state, &session.actor, &form)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Adds a party to a case.
#[server]
pub async fn add_party(id: i32, party: RawParty) -> Result<i32, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::cases::add_party(&state, &session.actor, id, &party)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Changes who handles a case (recusal, assignment; agency heads).
#[server]
pub async fn change_staffing(id: i32, form: StaffingForm) -> Result<StepOutcome, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::cases::change_staffing(&state, &session.actor, id, &form)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The reconsiderations and suits against a case's decision.
#[server]
pub async fn case_remedies(id: i32) -> Result<RemediesView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::remedies::of_case(&state, &session.actor, id, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Records a reconsideration or suit against a case's decision.
#[server]
pub async fn file_remedy(id: i32, form: RemedyFiling) -> Result<i32, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::remedies::file(&state, &session.actor, id, &form, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Records the result of a reconsideration or suit (withdrawing the published decision when
/// the result touches it).
#[server]
pub async fn rule_remedy(remedy: i32, form: RemedyRuling) -> Result<(), AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::remedies::rule(&state, &session.actor, remedy, &form, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}
