//! Wire types of after-the-fact publication: the agency's records and the public decisions.

use serde::{Deserialize, Serialize};

/// A publication record for the agency (officers and heads): the redacted text beside the
/// original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicationView {
    /// Id.
    pub id: i32,
    /// Case id.
    pub case_id: i32,
    /// Case number.
    pub case_number: String,
    /// Decision number (文号).
    pub number: String,
    /// Case title.
    pub title: String,
    /// Agency.
    pub agency: String,
    /// Status machine name.
    pub status: String,
    /// Status for people.
    pub status_label: String,
    /// Publish by.
    pub due_on: chrono::NaiveDate,
    /// A draft past its deadline.
    pub overdue: bool,
    /// The redacted text the public will read.
    pub redacted: String,
    /// The decision's original text (staff only).
    pub original: Option<String>,
    /// Who approved it.
    pub approved_by: Option<String>,
    /// Published on.
    pub published_on: Option<chrono::NaiveDate>,
    /// Displayed until.
    pub display_until: Option<chrono::NaiveDate>,
    /// Withdrawal basis and reason.
    pub withdrawal: Option<String>,
    /// Whether this user may approve it now.
    pub can_approve: bool,
    /// Whether this user may withdraw it now.
    pub can_withdraw: bool,
    /// Why a draft cannot be approved: the reconsideration or court result that overturned its
    /// decision.
    #[serde(default)]
    pub overturned: Option<String>,
}

/// A decision as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicDecision {
    /// Id (stable URL `/portal/decisions/{id}`).
    pub id: i32,
    /// Decision number.
    pub number: String,
    /// Title.
    pub title: String,
    /// Agency.
    pub agency: String,
    /// Agency code.
    pub agency_code: String,
    /// The party, redacted (natural persons: surname and 某).
    pub party: String,
    /// `natural_person` or `organisation`.
    pub party_kind: String,
    /// The provision violated.
    pub provision: String,
    /// The fine, formatted.
    pub fine: Option<String>,
    /// Decided on.
    pub decided_on: chrono::NaiveDate,
    /// Published on.
    pub published_on: Option<chrono::NaiveDate>,
    /// Displayed until.
    pub display_until: Option<chrono::NaiveDate>,
    /// Withdrawn.
    pub withdrawn: bool,
    /// Why (basis and explanation).
    pub withdrawal: Option<String>,
    /// Withdrawn on.
    pub withdrawn_on: Option<chrono::NaiveDate>,
    /// The redacted text.
    pub body: String,
    /// The issued document (its public PDF).
    pub document_id: i32,
    /// The verification code printed on the document (`XXXX-XXXX-XXXX-XXXX`), filled on its own page.
    pub verification_code: Option<String>,
    /// Removed early after credit repair: the record's content (party, text, fine, PDF) is no
    /// longer shown, only the notice.
    #[serde(default)]
    pub removed: bool,
    /// Corrections of the record the agency accepted, oldest first, filled on its own page.
    #[serde(default)]
    pub corrections: Vec<PublicCorrection>,
    /// Whether the public may ask for a correction or early removal now (published and
    /// displayed).
    #[serde(default)]
    pub takes_requests: bool,
    /// The first day early removal may be asked for (the shortest display period's end).
    #[serde(default)]
    pub removable_from: Option<chrono::NaiveDate>,
}

/// A correction of a published record, as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicCorrection {
    /// The day the correction was accepted.
    pub on: chrono::NaiveDate,
    /// What was corrected.
    pub note: String,
}

/// One page of public search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DecisionPage {
    /// Matches in all.
    pub total: u64,
    /// This page (1-based).
    pub page: u64,
    /// Pages in all.
    pub pages: u64,
    /// The decisions on this page.
    pub items: Vec<PublicDecision>,
    /// The agencies to filter by: (code, name).
    pub agencies: Vec<(String, String)>,
}

/// One agency's (or the total's) annual figures, as the portal shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AnnualRow {
    /// Agency code (empty for the total).
    pub code: String,
    /// Agency name, or "合计".
    pub name: String,
    /// The figures.
    pub counts: tianping_domain::publicity::annual::AnnualCounts,
    /// Fines in yuan for people.
    pub fines_yuan: String,
    /// Confiscations in yuan for people.
    pub confiscations_yuan: String,
    /// Legal-review pass rate for people ("—" without reviews).
    pub review_pass_rate: String,
    /// Correction rate of reconsideration and litigation for people.
    pub correction_rate: String,
}

/// The annual enforcement data of a year (年度行政执法数据).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AnnualReport {
    /// The year.
    pub year: i32,
    /// Whether the year is still running (provisional figures).
    pub provisional: bool,
    /// When the report is due (31 January of the next year).
    pub due_on: chrono::NaiveDate,
    /// One row per enforcement agency, in the order of their names.
    pub rows: Vec<AnnualRow>,
    /// The total.
    pub total: AnnualRow,
    /// The years one may choose, newest first.
    pub years: Vec<i32>,
}

/// A step on a publication record, as both edges receive it (the server function's form
/// fields and the JSON API's body): `approve` with an optional `display_until` (`YYYY-MM-DD`),
/// or `withdraw` with a `basis` and a `reason`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PublicationStepForm {
    /// `approve` or `withdraw`.
    pub step: String,
    /// The last day on display (approve; empty or absent: the rules' default).
    #[serde(default)]
    pub display_until: Option<String>,
    /// The withdrawal's basis (withdraw; empty: none).
    #[serde(default)]
    pub basis: String,
    /// The withdrawal's reason (withdraw).
    #[serde(default)]
    pub reason: String,
}

impl TryFrom<PublicationStepForm> for tianping_domain::publicity::PublicationStep {
    type Error = tianping_domain::validate::ValidationError;

    fn try_from(form: PublicationStepForm) -> Result<Self, Self::Error> {
        use tianping_domain::{
            publicity::{PublicationStep, WithdrawalBasis},
            validate::{Field, Rule, ValidationError},
        };
        match form.step.as_str() {
            "approve" => Ok(PublicationStep::Approve {
                display_until: match form.display_until.as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(day) => Some(
                        day.parse()
                            .map_err(|_| ValidationError::new(Field::DisplayUntil, Rule::Date))?,
                    ),
                },
            }),
            "withdraw" => Ok(PublicationStep::Withdraw {
                basis: match form.basis.trim() {
                    "" => None,
                    basis => Some(
                        WithdrawalBasis::parse(basis)
                            .ok_or(ValidationError::new(Field::WithdrawalBasis, Rule::OneOf))?,
                    ),
                },
                reason: form.reason,
            }),
            _ => Err(ValidationError::new(Field::Step, Rule::OneOf)),
        }
    }
}
