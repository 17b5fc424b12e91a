//! Supervision: warnings and their acknowledgement, matters, statistics, officer profiles,
//! the complaints queue and the portal's public complaint endpoints.

use app::api::supervision_dto::{ComplaintStepForm, MatterStepForm};
use app::ssr::AppState;
use app::ssr::services::{
    complaints,
    statistics::{self, StatsQuery},
    supervision,
};
use axum::http::{Extensions, HeaderMap};
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use serde::{Deserialize, Serialize};
use tianping_domain::supervision::{
    complaint::{ComplaintInput, ComplaintStep},
    matter::MatterStep,
};
use tianping_domain::validate::Field;
use utoipa::{IntoParams, ToSchema};

use super::{
    bodies::Done,
    error::{ApiResult, fail, fail_named},
    extract::{Body, Caller, Path, Query, ReqLang},
};

/// A matter step's fields as the body names them (the domain's names differ).
const MATTER_STEP_NAMES: &[(Field, &str)] = &[
    (Field::Response, "text"),
    (Field::Conclusion, "text"),
    (Field::Requirement, "text"),
];

/// A complaint step's fields as the body names them.
const COMPLAINT_STEP_NAMES: &[(Field, &str)] = &[
    (Field::Agency, "agency_id"),
    (Field::HandlingNote, "text"),
    (Field::Reply, "text"),
];

/// A notice's fields as the body names them.
const NOTICE_NAMES: &[(Field, &str)] = &[
    (Field::NoticeKind, "kind"),
    (Field::DecisionOrder, "order"),
    (Field::NoticeSource, "source"),
    (Field::Reference, "source_ref"),
    (Field::Rectification, "requirements"),
    (Field::NoticeBasis, "basis"),
    (Field::RectifyBy, "deadline"),
];

/// A round's fields as the body names them.
const ROUND_NAMES: &[(Field, &str)] = &[(Field::Title, "name"), (Field::Agency, "agencies")];

/// An objection's field as the body names it.
const OBJECTION_NAMES: &[(Field, &str)] = &[(Field::Objection, "reason")];

/// A notice step's fields as the body names them.
const NOTICE_STEP_NAMES: &[(Field, &str)] = &[
    (Field::Report, "text"),
    (Field::Reason, "text"),
    (Field::EvidenceList, "evidence"),
];

/// A complaint's fields as the body names them.
const COMPLAINT_NAMES: &[(Field, &str)] = &[
    (Field::ComplaintKind, "kind"),
    (Field::ComplaintSubject, "subject"),
    (Field::ComplaintContent, "content"),
];

/// `?kind=&page=&per_page=` of the warnings list (raw: the service validates them).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct WarningParams {
    /// Only warnings of this kind.
    kind: Option<String>,
    /// The page, from 1.
    #[param(pattern = r"^\d{0,9}$")]
    page: Option<String>,
    /// Warnings per page.
    #[param(pattern = r"^\d{0,9}$")]
    per_page: Option<String>,
}

/// Deadline and supervision warnings over the cases the caller oversees, a page at a time.
#[utoipa::path(get, path = "/supervision/warnings", tag = "supervision", params(WarningParams),
    responses((status = 200, description = "A page of warnings", body = app::api::supervision_dto::WarningPage)))]
pub(super) async fn list_warnings(
    State(state): State<AppState>,
    c: Caller,
    Query(q): Query<WarningParams>,
) -> ApiResult<impl IntoResponse> {
    let (kind, page) = (q.kind.as_deref(), q.page.as_deref());
    // The service names both numbers `page`: parsed without `per_page` first, so an error that
    // remains is `per_page`'s.
    supervision::WarningQuery::parse(kind, page, None)
        .map_err(fail_named(c.lang, &[(Field::WarningKind, "kind")]))?;
    let query = supervision::WarningQuery::parse(kind, page, q.per_page.as_deref())
        .map_err(fail_named(c.lang, &[(Field::Page, "per_page")]))?;
    Ok(Json(
        supervision::warnings(&state, &c.session.actor, c.lang, &query)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// A warning to acknowledge.
#[derive(Deserialize, ToSchema)]
pub(super) struct AckBody {
    /// The case's id.
    case_id: i32,
    /// The warning's key (from the list).
    key: String,
    /// A comment.
    #[serde(default)]
    comment: String,
}

/// Acknowledges a warning.
#[utoipa::path(post, path = "/supervision/warnings/acknowledge", tag = "supervision", request_body = AckBody,
    responses((status = 200, description = "Acknowledged", body = Acknowledged)))]
pub(super) async fn acknowledge_warning(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<AckBody>,
) -> ApiResult<impl IntoResponse> {
    supervision::acknowledge(&state, &c.session.actor, b.case_id, &b.key, &b.comment)
        .await
        .map_err(fail(c.lang))?;
    Ok(Json(Acknowledged { acknowledged: true }))
}

/// Supervision matters (督办).
#[utoipa::path(get, path = "/supervision/matters", tag = "supervision",
    responses((status = 200, description = "The matters", body = Vec<app::api::supervision_dto::MatterView>)))]
pub(super) async fn list_matters(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::matters(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// A supervision matter to open.
#[derive(Deserialize, ToSchema)]
pub(super) struct MatterBody {
    /// The case's id.
    case_id: i32,
    /// What the agency must do.
    #[serde(default)]
    requirement: String,
    /// By when, `YYYY-MM-DD`.
    #[serde(default)]
    due: String,
}

/// A matter was opened.
#[derive(Serialize, ToSchema)]
pub(super) struct MatterOpened {
    /// The matter's id.
    matter_id: i32,
}

/// A warning was acknowledged.
#[derive(Serialize, ToSchema)]
pub(super) struct Acknowledged {
    /// Always `true`.
    acknowledged: bool,
}

/// Opens a supervision matter on a case (supervisors).
#[utoipa::path(post, path = "/supervision/matters", tag = "supervision", request_body = MatterBody,
    responses((status = 201, description = "Opened", body = MatterOpened)))]
pub(super) async fn open_matter(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<MatterBody>,
) -> ApiResult<impl IntoResponse> {
    let id = supervision::open_matter(&state, &c.session.actor, b.case_id, &b.requirement, &b.due)
        .await
        .map_err(fail_named(c.lang, &[(Field::DueDate, "due")]))?;
    Ok((StatusCode::CREATED, Json(MatterOpened { matter_id: id })))
}

/// One step of a matter (`kind` names it).
#[utoipa::path(post, path = "/supervision/matters/{id}/steps", tag = "supervision",
    params(("id" = i32, Path, description = "The matter's id")), request_body = MatterStepForm,
    responses((status = 200, description = "Taken", body = Done)))]
pub(super) async fn step_matter(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(form): Body<MatterStepForm>,
) -> ApiResult<impl IntoResponse> {
    let step =
        MatterStep::try_from(form).map_err(|e| fail_named(c.lang, MATTER_STEP_NAMES)(e.into()))?;
    supervision::step_matter(&state, &c.session.actor, id, &step)
        .await
        .map_err(fail_named(c.lang, MATTER_STEP_NAMES))?;
    Ok(Json(Done::new()))
}

/// Enforcement statistics by agency, officer, matter or month.
#[utoipa::path(get, path = "/supervision/statistics", tag = "supervision", params(StatsQuery),
    responses((status = 200, description = "The figures", body = app::api::supervision_dto::StatsReport)))]
pub(super) async fn statistics_json(
    State(state): State<AppState>,
    c: Caller,
    Query(q): Query<StatsQuery>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        statistics::statistics(&state, &c.session.actor, &q, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// The complaints the caller handles.
#[utoipa::path(get, path = "/supervision/complaints", tag = "supervision",
    responses((status = 200, description = "The complaints", body = Vec<app::api::supervision_dto::ComplaintView>)))]
pub(super) async fn list_complaints(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        complaints::list(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// One step of a complaint (`kind` names it).
#[utoipa::path(post, path = "/supervision/complaints/{id}/steps", tag = "supervision",
    params(("id" = i32, Path, description = "The complaint's id")), request_body = ComplaintStepForm,
    responses((status = 200, description = "Taken", body = Done)))]
pub(super) async fn step_complaint(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(form): Body<ComplaintStepForm>,
) -> ApiResult<impl IntoResponse> {
    let step = ComplaintStep::try_from(form)
        .map_err(|e| fail_named(c.lang, COMPLAINT_STEP_NAMES)(e.into()))?;
    complaints::step(&state, &c.session.actor, id, &step)
        .await
        .map_err(fail_named(c.lang, COMPLAINT_STEP_NAMES))?;
    Ok(Json(Done::new()))
}

/// An officer's profile: credentials, cases, figures.
#[utoipa::path(get, path = "/supervision/officers/{id}", tag = "supervision",
    params(("id" = i32, Path, description = "The officer's user id")),
    responses((status = 200, description = "The profile", body = app::api::supervision_dto::OfficerProfile)))]
pub(super) async fn officer_profile(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        statistics::officer_profile(&state, &c.session.actor, id, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// The public's complaint about enforcement (rate-limited per client address).
#[utoipa::path(post, path = "/public/complaints", tag = "supervision", request_body = ComplaintInput,
    responses((status = 201, description = "Received; keep the number and code", body = app::api::supervision_dto::ComplaintReceipt)))]
pub(super) async fn submit_complaint(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    ext: Extensions,
    headers: HeaderMap,
    Body(input): Body<ComplaintInput>,
) -> ApiResult<impl IntoResponse> {
    let client = app::ssr::client::client_id(&state, &ext, &headers);
    let receipt = complaints::submit(&state, &input, &client)
        .await
        .map_err(fail_named(lang, COMPLAINT_NAMES))?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

/// A complaint's status, by its number and code (`NO-CODE`).
#[utoipa::path(get, path = "/public/complaints/{no}", tag = "supervision",
    params(("no" = String, Path, description = "The complaint's number and query code")),
    responses((status = 200, description = "The status", body = app::api::supervision_dto::PublicComplaintView)))]
pub(super) async fn complaint_status(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(no): Path<String>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        complaints::public_status(&state, &no, lang)
            .await
            .map_err(fail(lang))?,
    ))
}

/// Behaviour signals (issue 24 item 5) of the agencies the caller oversees: clues left
/// unhandled (有案不立), a party fined again and again without an order to correct (以罚代管),
/// cases located outside the agency's region, fines well above their own history, repeated
/// complaints about one officer. Ordered by kind, agency and subject, never by amount.
#[utoipa::path(get, path = "/supervision/signals", tag = "supervision",
    responses((status = 200, description = "The signals", body = Vec<app::api::supervision_dto::SignalView>)))]
pub(super) async fn list_signals(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::signals(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// The interviews (约谈) of the agencies the caller oversees, latest first.
#[utoipa::path(get, path = "/supervision/interviews", tag = "supervision",
    responses((status = 200, description = "The interviews", body = Vec<app::api::supervision_dto::InterviewView>)))]
pub(super) async fn list_interviews(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::interviews(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// Records an interview held with an agency of the supervisor's region: held on a day not
/// ahead, one participant or more, reasons, commitments, a follow-up day within a year.
#[utoipa::path(post, path = "/supervision/interviews", tag = "supervision",
    request_body = tianping_domain::supervision::oversight::RawInterview,
    responses((status = 201, description = "Recorded", body = app::api::supervision_dto::InterviewView)))]
pub(super) async fn record_interview(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<tianping_domain::supervision::oversight::RawInterview>,
) -> ApiResult<impl IntoResponse> {
    let view = supervision::record_interview(&state, &c.session.actor, &b, c.lang)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Records the follow-up of an interview: what the supervisor found (once).
#[utoipa::path(post, path = "/supervision/interviews/{id}/follow-up", tag = "supervision",
    params(("id" = i32, Path, description = "The interview's id")),
    request_body = app::api::supervision_dto::FollowUpForm,
    responses((status = 200, description = "Recorded", body = app::api::supervision_dto::InterviewView)))]
pub(super) async fn follow_up_interview(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<app::api::supervision_dto::FollowUpForm>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::follow_up(&state, &c.session.actor, id, &b.note, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// The supervision opinions and decisions (监督意见书 / 监督决定书) addressed to the agencies the
/// caller oversees: those still owed first, by deadline; closed ones last.
#[utoipa::path(get, path = "/supervision/notices", tag = "supervision",
    responses((status = 200, description = "The notices", body = Vec<app::api::supervision_dto::NoticeView>)))]
pub(super) async fn list_notices(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::notices(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// Issues an opinion or a decision of the supervisor's body to an agency of its region: the
/// problems, the requirements, the basis and a rectification deadline after today and within
/// 90 days; a decision says what it orders. Numbered per instrument and year.
#[utoipa::path(post, path = "/supervision/notices", tag = "supervision",
    request_body = tianping_domain::supervision::notice::RawNotice,
    responses((status = 201, description = "Issued", body = app::api::supervision_dto::NoticeView)))]
pub(super) async fn issue_notice(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<tianping_domain::supervision::notice::RawNotice>,
) -> ApiResult<impl IntoResponse> {
    let view = supervision::issue_notice(&state, &c.session.actor, &b, c.lang)
        .await
        .map_err(fail_named(c.lang, NOTICE_NAMES))?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// One notice with its reports, acceptances and returns.
#[utoipa::path(get, path = "/supervision/notices/{id}", tag = "supervision",
    params(("id" = i32, Path, description = "The notice's id")),
    responses((status = 200, description = "The notice", body = app::api::supervision_dto::NoticeView)))]
pub(super) async fn get_notice(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::notice(&state, &c.session.actor, id, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// A step on a notice: `report` (the agency's head: what was done and its evidence), `accept`
/// or `return` (the supervisors: a note, or the reason to report again).
#[utoipa::path(post, path = "/supervision/notices/{id}/steps", tag = "supervision",
    params(("id" = i32, Path, description = "The notice's id")),
    request_body = app::api::supervision_dto::NoticeStepForm,
    responses((status = 200, description = "Taken", body = app::api::supervision_dto::NoticeView)))]
pub(super) async fn step_notice(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<app::api::supervision_dto::NoticeStepForm>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::step_notice(&state, &c.session.actor, id, &b, c.lang)
            .await
            .map_err(fail_named(c.lang, NOTICE_STEP_NAMES))?,
    ))
}

/// The document of a notice (PDF).
#[utoipa::path(get, path = "/supervision/notices/{id}/pdf", tag = "supervision",
    params(("id" = i32, Path, description = "The notice's id")),
    responses((status = 200, description = "The PDF", content_type = "application/pdf")))]
pub(super) async fn notice_pdf(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<axum::response::Response> {
    let file = supervision::notice_pdf(&state, &c.session.actor, id)
        .await
        .map_err(fail(c.lang))?;
    Ok(super::documents::pdf_response(file, false))
}

/// The case-file review rounds (案卷评查) the caller may read, newest first, with their files
/// (an agency's head: the agency's files only) and results per agency, criterion and officer.
#[utoipa::path(get, path = "/supervision/file-reviews", tag = "supervision",
    responses((status = 200, description = "The rounds", body = Vec<app::api::supervision_dto::FileReviewRound>)))]
pub(super) async fn list_file_reviews(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::rounds(&state, &c.session.actor, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// Opens a round over the closed cases of a period (ended by today) of the agencies named, or
/// of every enforcement agency of the supervisor's region: the seed's SHA-256 is logged first
/// (`file_review.commit`), then 1–50 files are drawn with it (`file_review.draw`).
#[utoipa::path(post, path = "/supervision/file-reviews", tag = "supervision",
    request_body = tianping_domain::supervision::file_review::RawRound,
    responses((status = 201, description = "Opened and drawn", body = app::api::supervision_dto::FileReviewRound)))]
pub(super) async fn open_file_review(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<tianping_domain::supervision::file_review::RawRound>,
) -> ApiResult<impl IntoResponse> {
    let view = supervision::open_round(&state, &c.session.actor, &b, c.lang)
        .await
        .map_err(fail_named(c.lang, ROUND_NAMES))?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// One round.
#[utoipa::path(get, path = "/supervision/file-reviews/{id}", tag = "supervision",
    params(("id" = i32, Path, description = "The round's id")),
    responses((status = 200, description = "The round", body = app::api::supervision_dto::FileReviewRound)))]
pub(super) async fn get_file_review(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::round(&state, &c.session.actor, id, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// Scores a drawn file (supervisors): points lost per criterion, never beyond its weight,
/// each with its reason; again after the agency's objection (final).
#[utoipa::path(post, path = "/supervision/file-reviews/files/{id}/score", tag = "supervision",
    params(("id" = i32, Path, description = "The drawn file's id")),
    request_body = app::api::supervision_dto::ScoreForm,
    responses((status = 200, description = "Scored: the round", body = app::api::supervision_dto::FileReviewRound)))]
pub(super) async fn score_review_file(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<app::api::supervision_dto::ScoreForm>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::score_file(&state, &c.session.actor, id, &b, c.lang)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// The agency's head objects to a file's score, once.
#[utoipa::path(post, path = "/supervision/file-reviews/files/{id}/objection", tag = "supervision",
    params(("id" = i32, Path, description = "The drawn file's id")),
    request_body = app::api::supervision_dto::ObjectionForm,
    responses((status = 200, description = "Recorded: the round", body = app::api::supervision_dto::FileReviewRound)))]
pub(super) async fn object_review_file(
    State(state): State<AppState>,
    c: Caller,
    Path(id): Path<i32>,
    Body(b): Body<app::api::supervision_dto::ObjectionForm>,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::object_file(&state, &c.session.actor, id, &b, c.lang)
            .await
            .map_err(fail_named(c.lang, OBJECTION_NAMES))?,
    ))
}

/// The circulars (通报) the caller may read, latest first.
#[utoipa::path(get, path = "/supervision/circulars", tag = "supervision",
    responses((status = 200, description = "The circulars", body = Vec<app::api::supervision_dto::CircularView>)))]
pub(super) async fn list_circulars(
    State(state): State<AppState>,
    c: Caller,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::circulars(&state, &c.session.actor)
            .await
            .map_err(fail(c.lang))?,
    ))
}

/// Issues a circular of the supervisor's body (`internal` or `public`), numbered in its year.
#[utoipa::path(post, path = "/supervision/circulars", tag = "supervision",
    request_body = tianping_domain::supervision::oversight::RawCircular,
    responses((status = 201, description = "Issued", body = app::api::supervision_dto::CircularView)))]
pub(super) async fn issue_circular(
    State(state): State<AppState>,
    c: Caller,
    Body(b): Body<tianping_domain::supervision::oversight::RawCircular>,
) -> ApiResult<impl IntoResponse> {
    let view = supervision::issue_circular(&state, &c.session.actor, &b)
        .await
        .map_err(fail(c.lang))?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The public circulars, as published (private numbers and home addresses masked).
#[utoipa::path(get, path = "/public/circulars", tag = "supervision",
    responses((status = 200, description = "The public circulars", body = Vec<app::api::supervision_dto::PublicCircular>)))]
pub(super) async fn public_circulars(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
) -> ApiResult<impl IntoResponse> {
    Ok(Json(
        supervision::public_circulars(&state)
            .await
            .map_err(fail(lang))?,
    ))
}
