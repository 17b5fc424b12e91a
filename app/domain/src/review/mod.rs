//! Legal review of major decisions (重大执法决定法制审核, DOMAIN.md §1c): the catalog that says
//! which cases are major, the review round with its materials, checklist and outcome, and the
//! figures supervisors read.

pub mod catalog;
pub mod figures;
pub mod round;

pub use catalog::{
    CaseProfile, CatalogVersion, Criterion, Measure, ReviewCatalog, check_new_version, in_force,
};
pub use figures::{ReviewFigures, RoundRecord};
pub use round::{
    CheckPoint, Material, PointFinding, ReviewDecision, ReviewOutcome, Submission, SubmissionStage,
    Verdict, check_decision, check_submission, required_materials,
};
