//! Supervision: warnings of the cases the caller oversees, and their acknowledgement.

use leptos::prelude::*;

use super::{
    AppError,
    supervision_dto::{MatterView, WarningPage},
};

/// One page of the current warnings of every case the caller oversees (supervisors, agency
/// heads, admins), optionally of one kind, with the counts per kind.
#[server]
pub async fn list_warnings(
    kind: Option<String>,
    page: Option<String>,
) -> Result<WarningPage, AppError> {
    use crate::ssr::services::supervision::{self, WarningQuery};
    let (state, session, lang) = super::ctx::caller().await?;
    let query = WarningQuery::parse(kind.as_deref(), page.as_deref(), None)
        .map_err(|e| AppError::from_service(e, lang))?;
    supervision::warnings(&state, &session.actor, lang, &query)
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
    use super::supervision_dto::MatterStepForm;
    let (state, session, lang) = super::ctx::caller().await?;
    let step = MatterStepForm { step, text }.try_into().map_err(
        |e: tianping_domain::validate::ValidationError| AppError::from_service(e.into(), lang),
    )?;
    crate::ssr::services::supervision::step_matter(&state, &session.actor, matter_id, &step)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The complaints the caller handles (supervisors: their region; heads: assigned to them).
#[server]
pub async fn list_complaints() -> Result<Vec<super::supervision_dto::ComplaintView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::complaints::list(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Assigns (`assign`, with `agency`), records handling (`handle`) or answers (`reply`) a
/// complaint.
#[server]
pub async fn step_complaint(
    complaint_id: i32,
    step: String,
    #[server(default)] text: String,
    #[server(default)] agency: String,
) -> Result<(), AppError> {
    use super::supervision_dto::ComplaintStepForm;
    let (state, session, lang) = super::ctx::caller().await?;
    let step = ComplaintStepForm {
        step,
        text,
        agency_id: agency.trim().parse().ok(),
    }
    .try_into()
    .map_err(|e: tianping_domain::validate::ValidationError| {
        AppError::from_service(e.into(), lang)
    })?;
    crate::ssr::services::complaints::step(&state, &session.actor, complaint_id, &step)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Statistics of the agencies the caller oversees.
#[server]
pub async fn statistics(
    dimension: String,
    from: String,
    to: String,
    agency: String,
) -> Result<super::supervision_dto::StatsReport, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    let query = crate::ssr::services::statistics::StatsQuery {
        dimension,
        from,
        to,
        agency,
    };
    crate::ssr::services::statistics::statistics(&state, &session.actor, &query, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// An officer's profile (supervisors, the officer's agency head, admins).
#[server]
pub async fn officer_profile(
    user_id: i32,
) -> Result<super::supervision_dto::OfficerProfile, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::statistics::officer_profile(&state, &session.actor, user_id, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Files a complaint, report or evaluation from the portal (anonymous, rate limited).
#[server]
pub async fn submit_complaint(
    form: tianping_domain::supervision::complaint::ComplaintInput,
) -> Result<super::supervision_dto::ComplaintReceipt, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    let client = crate::ssr::client::current_client(&state);
    crate::ssr::services::complaints::submit(&state, &form, &client)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// A complaint's status by its tracking number (public: no content, no contact data).
#[server]
pub async fn complaint_status(
    tracking_no: String,
) -> Result<super::supervision_dto::PublicComplaintView, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    crate::ssr::services::complaints::public_status(&state, &tracking_no, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The agencies a complaint may be about: `(code, name)`.
#[server]
pub async fn complaint_agencies() -> Result<Vec<(String, String)>, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    crate::ssr::services::complaints::agency_options(&state)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The behaviour signals of the agencies the caller oversees.
#[server]
pub async fn list_signals() -> Result<Vec<super::supervision_dto::SignalView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::supervision::signals(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The interviews of the agencies the caller oversees.
#[server]
pub async fn list_interviews() -> Result<Vec<super::supervision_dto::InterviewView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::supervision::interviews(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Records an interview (约谈).
#[server]
pub async fn record_interview(
    agency: String,
    held_on: String,
    participants: String,
    reasons: String,
    commitments: String,
    follow_up_on: String,
) -> Result<super::supervision_dto::InterviewView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    let raw = tianping_domain::supervision::oversight::RawInterview {
        agency,
        held_on,
        participants,
        reasons,
        commitments,
        follow_up_on,
    };
    crate::ssr::services::supervision::record_interview(&state, &session.actor, &raw, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Records an interview's follow-up.
#[server]
pub async fn follow_up_interview(
    interview_id: i32,
    note: String,
) -> Result<super::supervision_dto::InterviewView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::supervision::follow_up(&state, &session.actor, interview_id, &note, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The supervision opinions and decisions addressed to the agencies the caller oversees.
#[server]
pub async fn list_notices() -> Result<Vec<super::supervision_dto::NoticeView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::supervision::notices(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Issues a supervision opinion or decision (监督意见书 / 监督决定书).
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn issue_notice(
    kind: String,
    order: Option<String>,
    agency: String,
    source: String,
    source_ref: String,
    problems: String,
    requirements: String,
    basis: String,
    deadline: String,
) -> Result<super::supervision_dto::NoticeView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    let raw = tianping_domain::supervision::notice::RawNotice {
        kind,
        order: order.unwrap_or_default(),
        agency,
        source,
        source_ref,
        problems,
        requirements,
        basis,
        deadline,
    };
    crate::ssr::services::supervision::issue_notice(&state, &session.actor, &raw, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Takes a step on a notice: the head's report, the supervisor's acceptance or return.
#[server]
pub async fn step_notice(
    notice_id: i32,
    step: String,
    text: String,
    evidence: Option<String>,
) -> Result<super::supervision_dto::NoticeView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    let form = super::supervision_dto::NoticeStepForm {
        step,
        text,
        evidence: evidence.unwrap_or_default(),
    };
    crate::ssr::services::supervision::step_notice(&state, &session.actor, notice_id, &form, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The case-file review rounds the caller may read (the caller's files only, for a head).
#[server]
pub async fn list_file_reviews() -> Result<Vec<super::supervision_dto::FileReviewRound>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::supervision::rounds(&state, &session.actor, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Opens a case-file review round and draws its sample; `agency` names one agency, or none
/// for every enforcement agency of the region.
#[server]
pub async fn open_file_review(
    name: String,
    period_from: String,
    period_to: String,
    agency: Option<String>,
    sample_size: String,
) -> Result<super::supervision_dto::FileReviewRound, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    let raw = tianping_domain::supervision::file_review::RawRound {
        name,
        period_from,
        period_to,
        agencies: agency
            .into_iter()
            .filter(|a| !a.trim().is_empty())
            .collect(),
        sample_size,
        criteria: None,
    };
    crate::ssr::services::supervision::open_round(&state, &session.actor, &raw, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Scores a drawn file: points lost and why, keyed by criterion.
#[server]
pub async fn score_review_file(
    file_id: i32,
    lost: Option<std::collections::BTreeMap<String, String>>,
    comments: Option<std::collections::BTreeMap<String, String>>,
) -> Result<super::supervision_dto::FileReviewRound, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    let form = super::supervision_dto::ScoreForm {
        lost: lost.unwrap_or_default(),
        comments: comments.unwrap_or_default(),
    };
    crate::ssr::services::supervision::score_file(&state, &session.actor, file_id, &form, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The agency's objection to a file's score (once).
#[server]
pub async fn object_review_file(
    file_id: i32,
    reason: String,
) -> Result<super::supervision_dto::FileReviewRound, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    let form = super::supervision_dto::ObjectionForm { reason };
    crate::ssr::services::supervision::object_file(&state, &session.actor, file_id, &form, lang)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The circulars the caller may read.
#[server]
pub async fn list_circulars() -> Result<Vec<super::supervision_dto::CircularView>, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    crate::ssr::services::supervision::circulars(&state, &session.actor)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// Issues a circular (通报); `agency` names one agency it concerns, or none.
#[server]
pub async fn issue_circular(
    title: String,
    body: String,
    scope: String,
    agency: Option<String>,
) -> Result<super::supervision_dto::CircularView, AppError> {
    let (state, session, lang) = super::ctx::caller().await?;
    let raw = tianping_domain::supervision::oversight::RawCircular {
        title,
        body,
        scope,
        agencies: agency
            .into_iter()
            .filter(|a| !a.trim().is_empty())
            .collect(),
    };
    crate::ssr::services::supervision::issue_circular(&state, &session.actor, &raw)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}

/// The public circulars (no sign-in).
#[server]
pub async fn public_circulars() -> Result<Vec<super::supervision_dto::PublicCircular>, AppError> {
    let (state, _, lang) = super::ctx::request()?;
    crate::ssr::services::supervision::public_circulars(&state)
        .await
        .map_err(|e| AppError::from_service(e, lang))
}
