//! Reading the log back: a stored row in the domain's form, the streaming walk, the full
//! verification and one subject's events.

use std::ops::ControlFlow;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tianping_domain::audit::{ChainError, ChainSummary, ChainVerifier, EventRecord, StoredEvent};

use crate::ssr::{db::Db, entities::audit_events, error::ServiceError};

/// Converts a stored row back to the domain's form.
pub fn from_model(m: audit_events::Model) -> StoredEvent {
    StoredEvent {
        record: EventRecord {
            seq: m.seq,
            occurred_at: m.occurred_at,
            actor_id: m.actor_id,
            actor_role: m.actor_role,
            action: m.action,
            subject_type: m.subject_type,
            subject_id: m.subject_id,
            payload: m.payload,
        },
        prev_hash: m.prev_hash,
        hash: m.hash,
    }
}

/// Rows fetched per page while streaming the log.
const PAGE: u64 = 5_000;

/// Streams the log in sequence order, a page at a time, calling `visit` for each event.
/// Memory stays flat whatever the log's length.
pub async fn for_each_event<C, F>(conn: &C, mut visit: F) -> Result<(), ServiceError>
where
    C: ConnectionTrait,
    F: FnMut(StoredEvent) -> Result<(), ServiceError>,
{
    let mut after = 0i64;
    loop {
        let rows = audit_events::Entity::find()
            .filter(audit_events::Column::Seq.gt(after))
            .order_by_asc(audit_events::Column::Seq)
            .limit(PAGE)
            .all(conn)
            .await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.seq;
        for row in rows {
            visit(from_model(row))?;
        }
    }
}

/// The outcome of verifying the stored log.
pub type VerifyOutcome = Result<ChainSummary, ChainError>;

/// Re-hashes every stored event and checks the links, the sequence and the recorded head;
/// stops at the first bad event.
pub async fn verify_log(db: &Db) -> Result<VerifyOutcome, ServiceError> {
    let mut verifier = ChainVerifier::new();
    let mut failure: Option<ChainError> = None;
    let head = super::scan::scan(db, |event| {
        match verifier.check_bytes(event.seq, event.canonical, event.prev_hash, event.hash) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                failure = Some(e);
                ControlFlow::Break(())
            }
        }
    })
    .await?;
    if let Some(e) = failure {
        return Ok(Err(e));
    }
    Ok(verifier.finish(head.as_ref().map(|h| (h.seq, h.hash.as_str()))))
}

/// The events about one subject, oldest first (case timelines, user histories).
pub async fn events_for(
    db: &Db,
    subject_type: &str,
    subject_id: &str,
) -> Result<Vec<StoredEvent>, ServiceError> {
    Ok(audit_events::Entity::find()
        .filter(audit_events::Column::SubjectType.eq(subject_type))
        .filter(audit_events::Column::SubjectId.eq(subject_id))
        .order_by_asc(audit_events::Column::Seq)
        .all(&db.conn)
        .await?
        .into_iter()
        .map(from_model)
        .collect())
}
