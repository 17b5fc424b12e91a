//! The checkpoint signing keys: the secret from the settings (`TIANPING_AUDIT_KEY`) or a key
//! file in the data directory, and every public key on record (each registration an audited
//! write), so that old checkpoints still verify after a rotation.

use std::{io::Write, path::Path};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use tianping_domain::checkpoint::{self, PublicKey};

use super::tree::decode;
use crate::ssr::{
    AppState,
    audit::{AuditActor, NewEvent, UnitOfWork},
    entities::audit_keys,
    error::ServiceError,
};

/// The key that signs checkpoints now.
pub struct CheckpointSigner {
    /// The key's name.
    pub name: String,
    pub(super) secret: [u8; 32],
}

const KEY_FILE: &str = "audit-signing.key";

fn write_secret(path: &Path, secret: &[u8; 32]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut file = opts.open(&tmp)?;
    file.write_all(hex::encode(secret).as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)
}

fn random_secret() -> Result<[u8; 32], ServiceError> {
    crate::ssr::util::random_bytes()
}

/// The secret signing key: the configured one (`TIANPING_AUDIT_KEY`, 64 hex digits) if set,
/// else the key file in the data directory, created (mode 0600) on first use.
fn secret(state: &AppState) -> Result<[u8; 32], ServiceError> {
    if let Some(hexed) = &state.settings.audit_key {
        return decode(hexed.expose().trim()).ok_or_else(|| {
            ServiceError::Internal("TIANPING_AUDIT_KEY must be 64 hexadecimal digits".into())
        });
    }
    let path = state.settings.data_dir.join(KEY_FILE);
    if let Ok(existing) = std::fs::read_to_string(&path) {
        return decode(existing.trim()).ok_or_else(|| {
            ServiceError::Internal(format!("{} is not a signing key", path.display()))
        });
    }
    std::fs::create_dir_all(&state.settings.data_dir)
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    let secret = random_secret()?;
    write_secret(&path, &secret).map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok(secret)
}

fn to_public(row: &audit_keys::Model) -> Option<PublicKey> {
    Some(PublicKey {
        name: row.name.clone(),
        key: decode(&row.public_key)?,
        valid_from: row.valid_from,
        valid_to: row.valid_to,
    })
}

/// Every key that ever signed checkpoints, oldest first.
pub async fn keys<C: ConnectionTrait>(conn: &C) -> Result<Vec<PublicKey>, ServiceError> {
    Ok(audit_keys::Entity::find()
        .order_by_asc(audit_keys::Column::Id)
        .all(conn)
        .await?
        .iter()
        .filter_map(to_public)
        .collect())
}

/// The current signer, registering its public key (an audited write) on first use.
pub async fn signer(state: &AppState) -> Result<CheckpointSigner, ServiceError> {
    let secret = secret(state)?;
    let public = hex::encode(checkpoint::public_key(&secret));
    if let Some(row) = audit_keys::Entity::find()
        .filter(audit_keys::Column::PublicKey.eq(public.clone()))
        .one(&state.db.conn)
        .await?
    {
        return Ok(CheckpointSigner {
            name: row.name,
            secret,
        });
    }
    match register_key(state, &public, None).await {
        Ok(name) => Ok(CheckpointSigner { name, secret }),
        Err(e) => {
            // Another server sharing the key registered it at the same moment.
            match audit_keys::Entity::find()
                .filter(audit_keys::Column::PublicKey.eq(public))
                .one(&state.db.conn)
                .await?
            {
                Some(row) => Ok(CheckpointSigner {
                    name: row.name,
                    secret,
                }),
                None => Err(e),
            }
        }
    }
}

/// Registers a public key valid from now, retiring the keys in force; returns its name.
async fn register_key(
    state: &AppState,
    public: &str,
    reason: Option<&str>,
) -> Result<String, ServiceError> {
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let now = uow.now();
    let existing = audit_keys::Entity::find().all(uow.txn()).await?;
    // Another server sharing the key registered it since this one looked: use that
    // registration rather than retire it (its checkpoints would fall outside their window).
    if reason.is_none()
        && let Some(k) = existing
            .iter()
            .find(|k| k.public_key == public && k.valid_to.is_none())
    {
        return Ok(k.name.clone());
    }
    let name = format!("tianping-audit-{}", existing.len() + 1);
    for old in existing.into_iter().filter(|k| k.valid_to.is_none()) {
        let mut k: audit_keys::ActiveModel = old.into();
        k.valid_to = Set(Some(now));
        k.update(uow.txn()).await?;
    }
    audit_keys::ActiveModel {
        name: Set(name.clone()),
        public_key: Set(public.to_owned()),
        valid_from: Set(now),
        valid_to: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::system(),
        action: if reason.is_some() {
            "audit.rotate_key"
        } else {
            "audit.register_key"
        },
        subject_type: "audit_key",
        subject_id: name.clone(),
        payload: serde_json::json!({"name": name, "public_key": public}),
    });
    uow.commit().await?;
    Ok(name)
}

/// Rotates the signing key: a new key file, the old key retired (its checkpoints still verify
/// within its window). Refused when the key comes from the environment.
pub async fn rotate_key(state: &AppState) -> Result<String, ServiceError> {
    if state.settings.audit_key.is_some() {
        return Err(ServiceError::Internal(
            "the signing key comes from TIANPING_AUDIT_KEY: set a new value there instead".into(),
        ));
    }
    // Make sure the current key is registered (and so retired below).
    signer(state).await?;
    let secret = random_secret()?;
    let public = hex::encode(checkpoint::public_key(&secret));
    let name = register_key(state, &public, Some("rotation")).await?;
    write_secret(&state.settings.data_dir.join(KEY_FILE), &secret)
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok(name)
}
