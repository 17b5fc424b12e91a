//! Tianping's schema. One file per migration, named `mYYYYMMDD_HHMMSS_verb_noun.rs`; shipped
//! migrations are never edited, only followed by new ones. Each has a `down`.

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_create_organisation;
mod m20261126_000002_create_audit_log;
mod m20261126_000003_create_clues;
mod m20261126_000004_create_cases;
mod m20261127_000005_create_legal_review;
mod m20261127_000006_create_transparency;
mod m20261201_000007_create_documents;
mod m20261201_000008_create_supervision;
mod m20261201_000009_create_complaints;
mod m20261201_000010_create_publications;
mod m20261201_000011_create_stat_rollups;
mod m20261201_000012_create_case_remedies;
mod m20261201_000013_create_case_warnings;
mod m20261201_000014_create_publication_requests;
mod m20261201_000015_audit_head_frontier;
mod m20261210_000016_law_corrections;
mod m20261211_000017_session_idle;
mod m20261212_000018_public_version_hash;
mod m20261212_000019_party_documents;
mod m20261212_000020_holiday_years;
mod m20261213_000021_account_credentials;
mod m20261213_000022_longer_codes;
mod m20261214_000023_complaint_submission_key;
mod m20261215_000024_create_inspections;
mod m20261216_000025_create_inspection_draws;
mod m20261217_000026_create_coercive_measures;
mod m20261218_000027_clue_routing;
mod m20261219_000028_create_oversight;
mod m20261220_000029_create_supervision_notices;
mod m20261221_000030_create_file_reviews;

/// Runs Tianping's migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_create_organisation::Migration),
            Box::new(m20261126_000002_create_audit_log::Migration),
            Box::new(m20261126_000003_create_clues::Migration),
            Box::new(m20261126_000004_create_cases::Migration),
            Box::new(m20261127_000005_create_legal_review::Migration),
            Box::new(m20261127_000006_create_transparency::Migration),
            Box::new(m20261201_000007_create_documents::Migration),
            Box::new(m20261201_000008_create_supervision::Migration),
            Box::new(m20261201_000009_create_complaints::Migration),
            Box::new(m20261201_000010_create_publications::Migration),
            Box::new(m20261201_000011_create_stat_rollups::Migration),
            Box::new(m20261201_000012_create_case_remedies::Migration),
            Box::new(m20261201_000013_create_case_warnings::Migration),
            Box::new(m20261201_000014_create_publication_requests::Migration),
            Box::new(m20261201_000015_audit_head_frontier::Migration),
            Box::new(m20261210_000016_law_corrections::Migration),
            Box::new(m20261211_000017_session_idle::Migration),
            Box::new(m20261212_000018_public_version_hash::Migration),
            Box::new(m20261212_000019_party_documents::Migration),
            Box::new(m20261212_000020_holiday_years::Migration),
            Box::new(m20261213_000021_account_credentials::Migration),
            Box::new(m20261213_000022_longer_codes::Migration),
            Box::new(m20261214_000023_complaint_submission_key::Migration),
            Box::new(m20261215_000024_create_inspections::Migration),
            Box::new(m20261216_000025_create_inspection_draws::Migration),
            Box::new(m20261217_000026_create_coercive_measures::Migration),
            Box::new(m20261218_000027_clue_routing::Migration),
            Box::new(m20261219_000028_create_oversight::Migration),
            Box::new(m20261220_000029_create_supervision_notices::Migration),
            Box::new(m20261221_000030_create_file_reviews::Migration),
        ]
    }
}
