//! Signed checkpoints of the tree (the transparency-dev note format), and the public page
//! that lists them with the keys.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use tianping_domain::checkpoint::{self, Body};

use super::{
    keys::{keys, signer},
    tree::{catch_up, root},
};
use crate::ssr::{
    AppState,
    entities::{audit_checkpoints, audit_head},
    error::ServiceError,
};

/// A stored checkpoint, as served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CheckpointView {
    /// Tree size.
    pub size: i64,
    /// Root, hex.
    pub root: String,
    /// When it was signed.
    pub signed_at: DateTime<Utc>,
    /// The key that signed it.
    pub key_name: String,
    /// The signed note, byte for byte.
    pub note: String,
}

fn view(row: audit_checkpoints::Model) -> CheckpointView {
    CheckpointView {
        size: row.size,
        root: row.root,
        signed_at: row.signed_at,
        key_name: row.key_name,
        note: row.note,
    }
}

/// Signs a checkpoint of the tree as it stands, unless the latest checkpoint already covers
/// it (or `force`). Returns the new checkpoint, if one was made.
pub async fn make_checkpoint(
    state: &AppState,
    force: bool,
) -> Result<Option<CheckpointView>, ServiceError> {
    // First, so that registering a new key (an audited write) is inside the checkpoint.
    let signer = signer(state).await?;
    let head = audit_head::Entity::find_by_id(1)
        .one(&state.db.conn)
        .await?
        .ok_or_else(|| ServiceError::Internal("audit head row is missing".into()))?;
    if head.tree_size < head.seq {
        catch_up(&state.db).await?;
        return Box::pin(make_checkpoint(state, force)).await;
    }
    let size = head.tree_size;
    if size == 0 {
        return Ok(None);
    }
    let latest = latest(&state.db.conn).await?;
    if !force && latest.as_ref().is_some_and(|c| c.size >= size) {
        return Ok(None);
    }
    let root = root(&state.db.conn, u64::try_from(size).unwrap_or(0)).await?;
    let now = state.clock.now();
    let signed = checkpoint::sign(
        Body {
            origin: state.settings.log_origin.clone(),
            size: u64::try_from(size).unwrap_or(0),
            root,
            timestamp: now.timestamp(),
        },
        &signer.name,
        &signer.secret,
    );
    // A write like any other on SQLite: under the process's write guard, so that it never
    // meets a unit of work's lock and answers "database is locked" (issue 21 item 2).
    let _guard = state.db.write_guard().await;
    let row = audit_checkpoints::ActiveModel {
        size: Set(size),
        root: Set(hex::encode(root)),
        signed_at: Set(DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)),
        key_name: Set(signer.name.clone()),
        note: Set(signed.text()),
        ..Default::default()
    }
    .insert(&state.db.conn)
    .await?;
    Ok(Some(view(row)))
}

/// The latest checkpoint.
pub async fn latest<C: ConnectionTrait>(conn: &C) -> Result<Option<CheckpointView>, ServiceError> {
    Ok(audit_checkpoints::Entity::find()
        .order_by_desc(audit_checkpoints::Column::Size)
        .order_by_desc(audit_checkpoints::Column::Id)
        .one(conn)
        .await?
        .map(view))
}

/// Checkpoints, newest first, at most `limit`, below `before` (a size) if given.
pub async fn checkpoints(
    state: &AppState,
    before: Option<i64>,
    limit: u64,
) -> Result<Vec<CheckpointView>, ServiceError> {
    let mut q = audit_checkpoints::Entity::find()
        .order_by_desc(audit_checkpoints::Column::Size)
        .order_by_desc(audit_checkpoints::Column::Id)
        .limit(limit.clamp(1, 500));
    if let Some(b) = before {
        q = q.filter(audit_checkpoints::Column::Size.lt(b));
    }
    Ok(q.all(&state.db.conn).await?.into_iter().map(view).collect())
}

/// The public transparency page: the latest checkpoints and every key.
pub async fn public_page(
    state: &AppState,
) -> Result<crate::api::audit_dto::PublicAudit, ServiceError> {
    use crate::api::audit_dto::{PublicAudit, PublicCheckpoint, PublicKeyView};
    use tianping_domain::i18n::china_time;
    let fmt = |t: DateTime<Utc>| china_time(t).format("%Y-%m-%d %H:%M:%S").to_string();
    let checkpoints = checkpoints(state, None, 10)
        .await?
        .into_iter()
        .map(|c| PublicCheckpoint {
            size: c.size,
            root: c.root,
            signed_at: fmt(c.signed_at),
            key_name: c.key_name,
            note: c.note,
        })
        .collect();
    let keys = keys(&state.db.conn)
        .await?
        .into_iter()
        .map(|k| PublicKeyView {
            verifier: k.verifier_string(),
            name: k.name,
            valid_from: fmt(k.valid_from),
            valid_to: k.valid_to.map(fmt),
        })
        .collect();
    Ok(PublicAudit { checkpoints, keys })
}
