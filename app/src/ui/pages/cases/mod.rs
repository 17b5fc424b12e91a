//! Penalty cases: the list with filters and deadline badges, registering a case, the
//! on-the-spot (summary procedure) form, and the case page with its next steps, tabs and
//! timeline.

mod badges;
mod detail;
mod documents;
mod evidence;
mod fields;
mod list;
mod new_case;
mod overview;
mod parties;
mod remedies;
mod steps;
mod summary;

use leptos_router::hooks::use_navigate;

use crate::api::{AppError, case_dto::StepOutcome};
use crate::ui::form::{Input, Select};
pub use badges::DeadlineBadgeView;
use badges::state_badge;
pub use detail::CasePage;
use fields::officer_options;
pub use list::CaseList;
pub use new_case::NewCase;
pub use summary::SummaryCase;

/// Opens the case a form created, once it has.
fn go_to_case(outcome: Option<Result<StepOutcome, AppError>>) {
    if let Some(Ok(o)) = outcome {
        let navigate = use_navigate();
        navigate(&format!("/work/cases/{}", o.case_id), Default::default());
    }
}
