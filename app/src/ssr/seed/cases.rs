//! The demo cases: the agencies' discretion standards, the case stories told in order, the
//! legacy import and the summary cases, then what followed them (publication, challenges,
//! complaints, requests).
//!
//! The audit events of a story carry its (past) days as their times, in seeding order.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::{
    super::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        blobs::BlobStore,
        entities::{agencies, discretion_standards},
        error::ServiceError,
    },
    complaints, legacy, publicity,
    stories::STORIES,
    story, summary,
};

/// Seeds the demo cases and the agencies' discretion standards.
pub(super) async fn seed_cases(state: &AppState) -> Result<(), ServiceError> {
    let now = state.clock.now();
    seed_standards(state, now).await?;
    let store = BlobStore::new(&state.settings.data_dir);
    for s in &STORIES {
        story::tell(state, &store, now, s).await?;
    }
    legacy::seed_legacy_import(state, now).await?;
    summary::seed_summary_cases(state, now).await?;
    publicity::seed_publications(state, now).await?;
    complaints::seed_complaints(state, now).await?;
    super::inspections::seed_inspections(state, now).await?;
    super::coercive::seed_measures(state, now).await?;
    publicity::seed_publication_requests(state, now).await
}

/// One discretion standard per enforcement agency (bands in fen).
async fn seed_standards(state: &AppState, now: DateTime<Utc>) -> Result<(), ServiceError> {
    let standards = [
        (
            "SCJG",
            "《食品安全法》第一百二十四条",
            "经营超过保质期的食品",
            [
                (500_000, 2_000_000),
                (2_000_000, 5_000_000),
                (5_000_000, 10_000_000),
            ],
        ),
        (
            "CGZF",
            "《城市市容和环境卫生管理条例》第三十六条",
            "占道经营、乱张贴",
            [(5_000, 20_000), (20_000, 100_000), (100_000, 500_000)],
        ),
        (
            "STHJ",
            "《水污染防治法》第八十三条",
            "超标排放水污染物",
            [
                (10_000_000, 30_000_000),
                (30_000_000, 60_000_000),
                (60_000_000, 100_000_000),
            ],
        ),
    ];
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    for (code, provision, title, bands) in standards {
        let Some(agency) = agencies::Entity::find()
            .filter(agencies::Column::Code.eq(code))
            .one(uow.txn())
            .await?
        else {
            continue;
        };
        let row = discretion_standards::ActiveModel {
            agency_id: Set(agency.id),
            provision: Set(provision.into()),
            title: Set(title.into()),
            minor_min_fen: Set(bands[0].0),
            minor_max_fen: Set(bands[0].1),
            general_min_fen: Set(bands[1].0),
            general_max_fen: Set(bands[1].1),
            serious_min_fen: Set(bands[2].0),
            serious_max_fen: Set(bands[2].1),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(uow.txn())
        .await?;
        uow.record(NewEvent {
            actor: AuditActor::system(),
            action: "discretion.create",
            subject_type: "discretion_standard",
            subject_id: row.id.to_string(),
            payload: serde_json::json!({"agency_id": agency.id, "provision": provision, "bands": bands}),
        });
    }
    uow.commit().await?;
    Ok(())
}
