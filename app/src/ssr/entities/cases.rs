//! `cases`: one penalty case, its current state and the facts its state machine needs.

use sea_orm::entity::prelude::*;

/// One case.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub number: String,
    pub agency_id: i32,
    pub clue_id: Option<i32>,
    pub procedure: String,
    pub state: String,
    pub suspended_from: Option<String>,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub location: String,
    pub source: String,
    pub received_on: Date,
    pub act_date: Option<Date>,
    pub limitation_ends: Option<Date>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub filed_on: Option<Date>,
    pub outcome: Option<String>,
    pub major: bool,
    pub review_passed: bool,
    pub review_passed_after_hearing: bool,
    pub discretion_standard_id: Option<i32>,
    pub circumstance: Option<String>,
    pub prior_notice_on: Option<Date>,
    pub proposed_fine_fen: Option<i64>,
    pub statement_window_ends: Option<Date>,
    pub hearing_request_window_ends: Option<Date>,
    pub hearing_eligible: bool,
    pub rights_waived: bool,
    pub hearing_date: Option<Date>,
    pub hearing_held: bool,
    pub collective_discussion_required: bool,
    pub collective_discussion_done: bool,
    pub extensions_granted: i32,
    pub extension_days: i32,
    pub extension_discussed: bool,
    pub suspended_on: Option<Date>,
    pub suspended_days: i32,
    pub decision_outcome: Option<String>,
    pub fine_fen: Option<i64>,
    pub decided_on: Option<Date>,
    pub discretion_check: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub discretion_justification: Option<String>,
    pub served_on: Option<Date>,
    pub service_method: Option<String>,
    pub e_service_consent: bool,
    pub paid_fen: i64,
    pub execution_finished: bool,
    pub close_reason: Option<String>,
    pub closed_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub state_reason: Option<String>,
    pub next_due_on: Option<Date>,
    pub next_due_kind: Option<String>,
    pub confiscation_fen: i64,
    /// Comma-separated `Measure` machine names proposed at the conclusion.
    pub measures: String,
    /// Comma-separated codes of the catalog circumstances the officer flagged.
    pub review_flags: String,
    /// The officer proposes mitigation or a departure from the discretion standard.
    pub departure_flagged: bool,
    /// The provision violated (APL Art. 59).
    #[sea_orm(column_type = "Text", nullable)]
    pub provision_violated: Option<String>,
    /// The provision applied (APL Art. 59).
    #[sea_orm(column_type = "Text", nullable)]
    pub provision_applied: Option<String>,
    /// The parts of the penalty beyond the fine were carried out.
    pub other_parts_performed: bool,
}

/// No navigable relations: services join explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
