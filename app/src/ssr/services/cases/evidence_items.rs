//! Evidence items and records with their files, and the logged download of a file.

use super::*;

/// An evidence item or record as submitted, with the name and type of its file (the file
/// itself comes separately, streamed).
#[derive(Debug, Clone, Default)]
pub struct EvidenceInput {
    /// The item's fields.
    pub raw: RawEvidence,
    /// The uploaded file's name.
    pub file_name: String,
    /// The uploaded file's content type.
    pub content_type: String,
}

/// Whether `actor` may add evidence to the case at all (it is visible to them and they are one
/// of its agency's officers or heads): checked before an upload's first byte is accepted, so
/// nobody else can fill the disk. The step itself is judged again when it is recorded.
pub async fn may_add_evidence(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
) -> Result<(), ServiceError> {
    let (_, agency) = visible_case(&state.db.conn, actor, case_id, false).await?;
    can(
        actor,
        &tianping_domain::authz::Action::IssueDocument(&agency.scope()),
    )?;
    Ok(())
}

/// Records an evidence item or record on a case, with its streamed file if any. The file's
/// hash goes into the audit event; identical files are stored once.
pub async fn record_evidence(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    input: &EvidenceInput,
    file: Option<Staged>,
) -> Result<i32, ServiceError> {
    let result = record_evidence_inner(state, actor, case_id, input, file.as_ref()).await;
    if let Some(staged) = file {
        // Moved into place on success; otherwise nothing of the upload remains.
        staged.discard().await;
    }
    result
}

async fn record_evidence_inner(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    input: &EvidenceInput,
    file: Option<&Staged>,
) -> Result<i32, ServiceError> {
    let today = state.today();
    let item =
        evidence::parse(&input.raw, file.is_some(), today).map_err(ServiceError::ValidationMany)?;
    let officers = item.collectors.clone();
    let collected_at = item.collected_at;
    let uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let (row, _) = visible_case(uow.txn(), actor, case_id, uow.locks_rows()).await?;
    let facts = facts::load(uow.txn(), &row, actor, &officers, today).await?;
    let command = Command::RecordEvidence {
        collected_by: officers.clone(),
    };
    let transition = case::apply(&facts, &command, actor, today).map_err(refused)?;
    let store = BlobStore::new(&state.settings.data_dir);
    let mut new_blob = None;
    if let Some(staged) = file {
        let known = blobs::Entity::find_by_id(staged.sha256.clone())
            .one(uow.txn())
            .await?
            .is_some();
        if !known {
            blobs::ActiveModel {
                sha256: Set(staged.sha256.clone()),
                size: Set(i64::try_from(staged.size).unwrap_or(i64::MAX)),
                created_at: Set(uow.now()),
            }
            .insert(uow.txn())
            .await?;
        }
        let fresh = store
            .put(staged)
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        if fresh {
            new_blob = Some(staged.sha256.clone());
        }
    }
    let stored = evidence_rows::ActiveModel {
        case_id: Set(case_id),
        kind: Set(item.kind.as_str().to_owned()),
        title: Set(item.title.clone()),
        sha256: Set(file.map(|f| f.sha256.clone())),
        file_name: Set(file.map(|_| sanitize_name(&input.file_name))),
        content_type: Set(file.map(|_| sanitize_type(&input.content_type))),
        size: Set(file.map(|f| i64::try_from(f.size).unwrap_or(i64::MAX))),
        collected_at: Set(collected_at),
        ended_at: Set(None),
        location: Set(item.location.clone()),
        subject: Set(item.subject.clone()),
        content: Set(item.content.clone()),
        device: Set(item.device.clone()),
        certified_collectors: Set(i32::try_from(officers.len()).unwrap_or(0)),
        recorded_by: Set(actor.user_id),
        recorded_at: Set(uow.now()),
        ..Default::default()
    }
    .insert(uow.txn())
    .await;
    let item = match stored {
        Ok(item) => item,
        Err(e) => {
            if let Some(sha) = &new_blob {
                store.remove(sha).await;
            }
            return Err(e.into());
        }
    };
    for user_id in &officers {
        evidence_collectors::ActiveModel {
            evidence_id: Set(item.id),
            user_id: Set(*user_id),
        }
        .insert(uow.txn())
        .await?;
    }
    let extra = json!({
        "evidence_id": item.id, "kind": item.kind, "title": item.title,
        "sha256": item.sha256, "size": item.size, "file_name": item.file_name,
        "collected_at": tianping_domain::audit::format_timestamp(collected_at),
        "location": item.location, "collectors": officers,
    });
    let outcome = finish(state, uow, actor, &row, &command, &transition, today, extra).await;
    if outcome.is_err()
        && let Some(sha) = &new_blob
    {
        store.remove(sha).await;
    }
    outcome.map(|_| item.id)
}

fn sanitize_name(name: &str) -> String {
    let cleaned: String = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    if cleaned.is_empty() {
        "file".into()
    } else {
        cleaned
    }
}

fn sanitize_type(t: &str) -> String {
    let t = t.trim();
    if !t.is_empty() && t.len() <= 100 && t.chars().all(|c| c.is_ascii_graphic()) {
        t.to_owned()
    } else {
        "application/octet-stream".into()
    }
}

/// A stored evidence file the actor may download.
#[derive(Debug, Clone)]
pub struct EvidenceFile {
    /// Where it lives.
    pub path: std::path::PathBuf,
    /// Its name.
    pub file_name: String,
    /// Its type.
    pub content_type: String,
    /// Its size.
    pub size: u64,
    /// Its hash.
    pub sha256: String,
}

/// Finds an evidence file, authorised like the case itself. The access is logged (调阅 is
/// itself supervised, DOMAIN.md §1b).
pub async fn evidence_file(
    state: &AppState,
    actor: &Actor,
    evidence_id: i32,
) -> Result<EvidenceFile, ServiceError> {
    let item = evidence_rows::Entity::find_by_id(evidence_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    visible_case(&state.db.conn, actor, item.case_id, false).await?;
    let sha = item.sha256.clone().ok_or(ServiceError::NotFound)?;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "case.download_evidence",
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: item.case_id.to_string(),
        payload: json!({"evidence_id": item.id, "sha256": sha}),
    });
    uow.commit().await?;
    Ok(EvidenceFile {
        path: BlobStore::new(&state.settings.data_dir).path_of(&sha),
        file_name: item.file_name.unwrap_or_else(|| "file".into()),
        content_type: item
            .content_type
            .unwrap_or_else(|| "application/octet-stream".into()),
        size: u64::try_from(item.size.unwrap_or(0)).unwrap_or(0),
        sha256: sha,
    })
}
