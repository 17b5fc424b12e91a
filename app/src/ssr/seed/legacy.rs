//! The one case imported from a previous system, which did not go through the state machine.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::super::{
    AppState,
    audit::{AuditActor, NewEvent, UnitOfWork},
    entities::{agencies, cases as case_rows, evidence, evidence_collectors, users},
    error::ServiceError,
};

/// One case imported from the city-management bureau's previous system (历史数据导入): it came
/// in as it was recorded there, not through the state machine — decided as a major case without
/// a legal review, a fine above the discretion band without reasons, evidence collected in 2023
/// by one officer before his certificate was issued — so the supervision warnings must catch
/// what it lacks. Written through the one audited path, as an import event.
pub(super) async fn seed_legacy_import(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let agency = agencies::Entity::find()
        .filter(agencies::Column::Code.eq("CGZF"))
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let officer = users::Entity::find()
        .filter(users::Column::Username.eq("officer.wang"))
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let collected = DateTime::parse_from_rfc3339("2023-06-15T02:00:00Z")
        .map_err(|e| ServiceError::Internal(e.to_string()))?
        .with_timezone(&Utc);
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    let row = legacy_row(agency.id, officer.id, now)
        .insert(uow.txn())
        .await?;
    let item = evidence::ActiveModel {
        case_id: Set(row.id),
        kind: Set("photo".into()),
        title: Set("原系统现场照片".into()),
        collected_at: Set(collected),
        location: Set("临江市中山路 8 号".into()),
        certified_collectors: Set(0),
        recorded_by: Set(officer.id),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    evidence_collectors::ActiveModel {
        evidence_id: Set(item.id),
        user_id: Set(officer.id),
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::system(),
        action: "case.import_legacy",
        subject_type: tianping_domain::case::AUDIT_SUBJECT_TYPE,
        subject_id: row.id.to_string(),
        payload: serde_json::json!({
            "number": row.number, "state": row.state, "source_system": "原城管执法办案系统",
            "evidence": [item.id],
        }),
    });
    uow.commit().await?;
    Ok(())
}

/// The imported case as the previous system recorded it: decided, major, no legal review, a
/// fine above the band without reasons.
fn legacy_row(agency_id: i32, officer_id: i32, now: DateTime<Utc>) -> case_rows::ActiveModel {
    let day = |days: i64| -> NaiveDate { (now - Duration::days(days)).date_naive() };
    case_rows::ActiveModel {
        number: Set("CGZF-2023-L0001".into()),
        agency_id: Set(agency_id),
        procedure: Set("ordinary".into()),
        state: Set("decided".into()),
        title: Set("（历史数据导入）擅自占用城市道路经营".into()),
        description: Set("原系统导入：当事人在临江市中山路 8 号门前擅自占道设摊经营。".into()),
        location: Set("临江市中山路 8 号".into()),
        source: Set("inspection".into()),
        received_on: Set(day(70)),
        act_date: Set(Some(day(72))),
        filed_on: Set(Some(day(68))),
        created_by: Set(officer_id),
        created_at: Set(now),
        updated_at: Set(now),
        major: Set(true),
        review_passed: Set(false),
        review_passed_after_hearing: Set(false),
        hearing_eligible: Set(true),
        rights_waived: Set(true),
        hearing_held: Set(false),
        collective_discussion_required: Set(false),
        collective_discussion_done: Set(false),
        extensions_granted: Set(0),
        extension_days: Set(0),
        extension_discussed: Set(false),
        suspended_days: Set(0),
        decision_outcome: Set(Some("penalty".into())),
        fine_fen: Set(Some(5_000_000)),
        decided_on: Set(Some(day(20))),
        discretion_check: Set(Some("above".into())),
        discretion_justification: Set(None),
        paid_fen: Set(0),
        execution_finished: Set(false),
        e_service_consent: Set(false),
        confiscation_fen: Set(0),
        measures: Set(String::new()),
        review_flags: Set(String::new()),
        departure_flagged: Set(false),
        ..Default::default()
    }
}
