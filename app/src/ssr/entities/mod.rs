//! sea-orm entities, one module per table; plain declarations, no behaviour (that lives in
//! `ssr::services`). `server/tests/it` checks that they match the migrated schema on both
//! backends.

pub mod agencies;
pub mod audit_checkpoints;
pub mod audit_events;
pub mod audit_head;
pub mod audit_keys;
pub mod blobs;
pub mod case_deadlines;
pub mod case_documents;
pub mod case_officers;
pub mod case_remedies;
pub mod case_stat_facts;
pub mod case_stat_rollups;
pub mod case_warnings;
pub mod cases;
pub mod clue_routing_rules;
pub mod clues;
pub mod coercive_measure_officers;
pub mod coercive_measures;
pub mod complaints;
pub mod credentials;
pub mod discretion_standards;
pub mod document_counters;
pub mod enterprises;
pub mod evidence;
pub mod evidence_collectors;
pub mod holiday_years;
pub mod inspection_draws;
pub mod inspection_items;
pub mod inspection_officers;
pub mod inspections;
pub mod issued_documents;
pub mod login_throttle;
pub mod merkle_nodes;
pub mod parties;
pub mod publication_requests;
pub mod publications;
pub mod rate_windows;
pub mod review_catalogs;
pub mod review_rounds;
pub mod reviewer_assignments;
pub mod sessions;
pub mod supervision_matters;
pub mod users;
pub mod warning_acks;
