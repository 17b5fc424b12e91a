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
    publicity::seed_publication_requests(state, now).await?;
    seed_file_review(state, now).await
}

/// A finished case-file review round over the last year's closed cases: four files drawn and
/// scored (one graded poor), an objection by the agency's head and the final second score.
async fn seed_file_review(state: &AppState, now: DateTime<Utc>) -> Result<(), ServiceError> {
    use crate::{
        api::supervision_dto::{ObjectionForm, ScoreForm},
        ssr::{entities::users, services::supervision},
    };
    use tianping_domain::{i18n::Lang, role::Role, supervision::file_review::RawRound};
    let supervisor = super::actor(state, "supervisor.wu").await?;
    let today = tianping_domain::i18n::china_time(now).date_naive();
    let raw = RawRound {
        name: "2026 年度行政处罚案卷评查".into(),
        period_from: (today - chrono::Duration::days(365)).to_string(),
        period_to: today.to_string(),
        agencies: Vec::new(),
        sample_size: "4".into(),
        criteria: None,
    };
    let round = match supervision::open_round(state, &supervisor, &raw, Lang::Zh).await {
        Ok(round) => round,
        // No closed case to draw from (a trimmed demo): no round.
        Err(ServiceError::StateConflict(_)) => return Ok(()),
        Err(e) => return Err(e),
    };
    let form = |lost: &[(&str, &str, &str)]| ScoreForm {
        lost: lost
            .iter()
            .map(|(k, p, _)| ((*k).to_owned(), (*p).to_owned()))
            .collect(),
        comments: lost
            .iter()
            .map(|(k, _, c)| ((*k).to_owned(), (*c).to_owned()))
            .collect(),
    };
    let scripts: [&[(&str, &str, &str)]; 4] = [
        &[("documents", "3", "送达回证未注明送达方式")],
        &[
            ("procedure", "12", "卷内无听证权利告知的送达记录"),
            ("facts_and_evidence", "10", "现场照片未注明拍摄时间和拍摄人"),
        ],
        &[],
        &[
            ("procedure", "25", "重大执法决定未经法制审核即作出"),
            ("facts_and_evidence", "20", "认定违法所得的关键证据缺失"),
            ("legal_basis", "5", "引用条款未具体到项"),
        ],
    ];
    for (file, script) in round.files.iter().zip(scripts) {
        supervision::score_file(state, &supervisor, file.id, &form(script), Lang::Zh).await?;
    }
    let Some(second) = round.files.get(1) else {
        return Ok(());
    };
    let head = users::Entity::find()
        .filter(users::Column::AgencyId.eq(second.agency.id))
        .filter(users::Column::Role.eq(Role::AgencyHead.as_str()))
        .one(&state.db.conn)
        .await?;
    let Some(head) = head else {
        return Ok(());
    };
    let head = super::actor(state, &head.username).await?;
    supervision::object_file(
        state,
        &head,
        second.id,
        &ObjectionForm {
            reason: "听证权利告知书已于立案后第 20 日直接送达当事人，送达回证在卷第 14 页".into(),
        },
        Lang::Zh,
    )
    .await?;
    supervision::score_file(
        state,
        &supervisor,
        second.id,
        &form(&[
            ("procedure", "2", "听证告知送达回证未归入程序卷"),
            ("facts_and_evidence", "10", "现场照片未注明拍摄时间和拍摄人"),
        ]),
        Lang::Zh,
    )
    .await?;
    Ok(())
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
