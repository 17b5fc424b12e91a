//! Inclusion and consistency proofs over the stored tree, as served to the public.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use tianping_domain::{
    audit::EventRecord,
    merkle::{self, NodeSource},
};

use super::{checkpoints::latest, tree::with_nodes};
use crate::ssr::{
    AppState,
    entities::{audit_checkpoints, audit_events, audit_head},
    error::ServiceError,
};

/// Actions whose events the public may read in full (a `document.issue` only while its document
/// is a decision on the portal); for any other event an inclusion proof carries hashes only.
pub const PUBLIC_ACTIONS: [&str; 3] = ["document.issue", "decision.publish", "decision.withdraw"];

/// An inclusion proof of one event in the tree of a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InclusionProof {
    /// The event's sequence number (leaf index + 1).
    pub seq: i64,
    /// The leaf index.
    pub leaf_index: u64,
    /// The tree size the proof is for.
    pub tree_size: u64,
    /// SHA-256(0x00 ‖ canonical bytes of the event), hex.
    pub leaf_hash: String,
    /// The audit path, leaf first, hex.
    pub proof: Vec<String>,
    /// The tree's root at that size, hex.
    pub root: String,
    /// The checkpoint of that size, if one was signed.
    pub checkpoint: Option<String>,
    /// The event itself, for public events only.
    pub event: Option<EventRecord>,
}

/// A consistency proof between two tree sizes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ConsistencyProof {
    /// The older size.
    pub from: u64,
    /// The newer size.
    pub to: u64,
    /// The older root, hex.
    pub from_root: String,
    /// The newer root, hex.
    pub to_root: String,
    /// The proof, hex.
    pub proof: Vec<String>,
}

async fn tree_size(state: &AppState) -> Result<u64, ServiceError> {
    let head = audit_head::Entity::find_by_id(1)
        .one(&state.db.conn)
        .await?;
    Ok(head.map_or(0, |h| u64::try_from(h.tree_size).unwrap_or(0)))
}

fn out_of_range() -> ServiceError {
    ServiceError::Validation(tianping_domain::validate::ValidationError::new(
        tianping_domain::validate::Field::TreeSize,
        tianping_domain::validate::Rule::OneOf,
    ))
}

/// The inclusion proof of event `seq` in the tree of `size` events (default: the latest
/// checkpoint's size). `holds_the_document`: the caller found the event by the hash of the
/// document it registered, so a `document.issue` event is shown even if the document is not on
/// the portal.
pub async fn inclusion(
    state: &AppState,
    seq: i64,
    size: Option<u64>,
    holds_the_document: bool,
) -> Result<InclusionProof, ServiceError> {
    let have = tree_size(state).await?;
    let size = match size {
        Some(s) => s,
        None => latest(&state.db.conn)
            .await?
            .map_or(have, |c| u64::try_from(c.size).unwrap_or(0)),
    };
    if size == 0 || size > have {
        return Err(out_of_range());
    }
    let index = u64::try_from(seq - 1).map_err(|_| ServiceError::NotFound)?;
    if index >= size {
        return Err(ServiceError::NotFound);
    }
    let conn = &state.db.conn;
    let (leaf, proof, root) = with_nodes(conn, |nodes| {
        Ok((
            nodes.node(0, index)?,
            merkle::inclusion_proof(index, size, nodes)?,
            merkle::subtree_root(0, size, nodes)?,
        ))
    })
    .await?;
    let checkpoint = audit_checkpoints::Entity::find()
        .filter(audit_checkpoints::Column::Size.eq(i64::try_from(size).unwrap_or(i64::MAX)))
        .one(conn)
        .await?
        .map(|c| c.note);
    let event = match audit_events::Entity::find_by_id(seq)
        .one(conn)
        .await?
        .filter(|e| PUBLIC_ACTIONS.contains(&e.action.as_str()))
    {
        Some(e)
            if e.action == "document.issue"
                && !holds_the_document
                && !on_the_portal(conn, &e).await? =>
        {
            None
        }
        Some(e) => Some(crate::ssr::audit::from_model(e).record),
        None => None,
    };
    Ok(InclusionProof {
        seq,
        leaf_index: index,
        tree_size: size,
        leaf_hash: hex::encode(leaf),
        proof: proof.iter().map(hex::encode).collect(),
        root: hex::encode(root),
        checkpoint,
        event,
    })
}

/// Whether the document an issue event registered is a decision published on the portal now:
/// the issue of any other document (a notice, a decision not or no longer public) is proven by
/// hashes only, its payload stays private.
async fn on_the_portal(
    conn: &sea_orm::DatabaseConnection,
    event: &audit_events::Model,
) -> Result<bool, ServiceError> {
    let payload: serde_json::Value = serde_json::from_str(&event.payload).unwrap_or_default();
    let Some(document_id) = payload
        .get("document_id")
        .and_then(serde_json::Value::as_i64)
        .and_then(|id| i32::try_from(id).ok())
    else {
        return Ok(false);
    };
    Ok(crate::ssr::entities::publications::Entity::find()
        .filter(crate::ssr::entities::publications::Column::DocumentId.eq(document_id))
        .filter(crate::ssr::entities::publications::Column::Status.eq("published"))
        .one(conn)
        .await?
        .is_some())
}

/// The consistency proof between the trees of `from` and `to` events.
pub async fn consistency(
    state: &AppState,
    from: u64,
    to: u64,
) -> Result<ConsistencyProof, ServiceError> {
    let have = tree_size(state).await?;
    if from == 0 || from > to || to > have {
        return Err(out_of_range());
    }
    let (proof, old, new) = with_nodes(&state.db.conn, |nodes| {
        Ok((
            merkle::consistency_proof(from, to, nodes)?,
            merkle::subtree_root(0, from, nodes)?,
            merkle::subtree_root(0, to, nodes)?,
        ))
    })
    .await?;
    Ok(ConsistencyProof {
        from,
        to,
        from_root: hex::encode(old),
        to_root: hex::encode(new),
        proof: proof.iter().map(hex::encode).collect(),
    })
}
