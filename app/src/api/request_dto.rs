//! Wire types of the public's requests about a published decision (更正、信用修复提前移出): the
//! receipt, the status the requester reads by the tracking number, and the agency's queue.

use serde::{Deserialize, Serialize};

/// What the requester gets back when the request is received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RequestReceipt {
    /// The tracking number (it alone opens the status page).
    pub tracking_no: String,
    /// The last day of the agency's review.
    pub review_by: chrono::NaiveDate,
}

/// A request as anyone holding its number sees it: never the requester's name, phone or
/// reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicRequestView {
    /// The tracking number.
    pub tracking_no: String,
    /// `correction` or `early_removal`.
    pub kind: String,
    /// The kind for people.
    pub kind_label: String,
    /// The decision's public page id.
    pub decision_id: i32,
    /// The decision number (文号).
    pub decision_number: String,
    /// The publishing agency.
    pub agency: String,
    /// Status machine name.
    pub status: String,
    /// Status for people.
    pub status_label: String,
    /// Received on.
    pub received_on: chrono::NaiveDate,
    /// The last day of the review.
    pub review_by: chrono::NaiveDate,
    /// Answered on.
    pub answered_on: Option<chrono::NaiveDate>,
    /// The agency's answer.
    pub answer: Option<String>,
    /// The public explanation of an accepted request.
    pub public_note: Option<String>,
}

/// A request in the agency's queue (and the supervision side's list), with the requester's
/// contact data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicationRequestView {
    /// Id.
    pub id: i32,
    /// The tracking number.
    pub tracking_no: String,
    /// `correction` or `early_removal`.
    pub kind: String,
    /// The kind for people.
    pub kind_label: String,
    /// The publication record's id (its public page).
    pub publication_id: i32,
    /// The decision number.
    pub decision_number: String,
    /// The case title.
    pub title: String,
    /// The publishing agency.
    pub agency: String,
    /// The requester (private).
    pub requester_name: String,
    /// The requester's phone (private).
    pub contact_phone: String,
    /// The reason (private).
    pub reason: String,
    /// Status machine name.
    pub status: String,
    /// Status for people.
    pub status_label: String,
    /// Received on.
    pub received_on: chrono::NaiveDate,
    /// The last day of the review.
    pub review_by: chrono::NaiveDate,
    /// Open past the deadline, or answered after it.
    pub overdue: bool,
    /// The answer.
    pub answer: Option<String>,
    /// The public explanation.
    pub public_note: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// Answered on.
    pub answered_on: Option<chrono::NaiveDate>,
    /// Whether this user may decide it now.
    pub can_decide: bool,
}

/// The agency's decision on a request, as both edges receive it: `accept` with the answer and
/// the public explanation, or `reject` with the answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RequestStepForm {
    /// `accept` or `reject`.
    pub step: String,
    /// The answer to the requester.
    #[serde(default)]
    pub answer: String,
    /// The public explanation (accept).
    #[serde(default)]
    pub public_note: String,
}

impl TryFrom<RequestStepForm> for tianping_domain::publicity::request::RequestStep {
    type Error = tianping_domain::validate::ValidationError;

    fn try_from(form: RequestStepForm) -> Result<Self, Self::Error> {
        use tianping_domain::{
            publicity::request::RequestStep,
            validate::{Field, Rule, ValidationError},
        };
        match form.step.as_str() {
            "accept" => Ok(RequestStep::Accept {
                answer: form.answer,
                public_note: form.public_note,
            }),
            "reject" => Ok(RequestStep::Reject {
                answer: form.answer,
            }),
            _ => Err(ValidationError::new(Field::Step, Rule::OneOf)),
        }
    }
}
