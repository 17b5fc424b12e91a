//! Issuing (签发) a document: serial, verification code, PDF, content-addressed file and the
//! audit event, in one unit of work.
//!
//! The PDF is rendered before the write lock is taken (rendering takes tens of milliseconds,
//! and SQLite writers would wait for it): the case is read and the serial peeked outside the
//! lock, the document rendered, then the unit of work reads both again. If nothing changed
//! meanwhile, the rendered bytes are stored; otherwise the attempt is dropped and made again,
//! and the last attempt renders under the lock, so an issue always completes.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    sea_query::{Expr, ExprTrait},
};
use serde_json::json;
use sha2::{Digest, Sha256};
use tianping_domain::{
    authz::{Action, Actor, can},
    case::{self, DocumentKind},
    document::{
        self, CaseFile, DocNumber, DocumentModel, IssuedStatus, VerificationCode,
        model::Verification,
    },
    i18n::china_time,
    validate::{Field, Rule, ValidationError},
};

use super::{actor_name, case_file, document_record, has_public_version, render, view};
use crate::{
    api::case_dto::IssuedDocumentView,
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        blobs::BlobStore,
        entities::{agencies, blobs, case_documents, cases, document_counters, issued_documents},
        error::ServiceError,
        services::cases::visible_case,
    },
};

/// How many times an issue renders outside the lock before it renders under it.
const ATTEMPTS: usize = 3;

/// Draws the next serial of an agency, year and kind, inside the unit of work. The counter row
/// is created if missing and bumped with one `UPDATE`, which on PostgreSQL holds its row lock to
/// the commit: concurrent issuers are served one after the other.
async fn next_serial(
    uow: &UnitOfWork,
    agency_id: i32,
    year: i32,
    kind: DocumentKind,
) -> Result<i64, ServiceError> {
    let txn = uow.txn();
    document_counters::Entity::insert(document_counters::ActiveModel {
        agency_id: Set(agency_id),
        year: Set(year),
        kind: Set(kind.as_str().to_owned()),
        last_serial: Set(0),
    })
    .on_conflict_do_nothing()
    .exec(txn)
    .await?;
    document_counters::Entity::update_many()
        .col_expr(
            document_counters::Column::LastSerial,
            Expr::col(document_counters::Column::LastSerial).add(1),
        )
        .filter(document_counters::Column::AgencyId.eq(agency_id))
        .filter(document_counters::Column::Year.eq(year))
        .filter(document_counters::Column::Kind.eq(kind.as_str()))
        .exec(txn)
        .await?;
    let counter =
        document_counters::Entity::find_by_id((agency_id, year, kind.as_str().to_owned()))
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::Internal("document counter vanished".into()))?;
    Ok(counter.last_serial)
}

fn verification_code() -> Result<VerificationCode, ServiceError> {
    Ok(VerificationCode::from_random(
        crate::ssr::services::random_bytes()?,
    ))
}

/// The serial the next issue of an agency, year and kind would draw (read without a lock).
async fn peek_serial<C: ConnectionTrait>(
    conn: &C,
    agency_id: i32,
    year: i32,
    kind: DocumentKind,
) -> Result<i64, ServiceError> {
    let last = document_counters::Entity::find_by_id((agency_id, year, kind.as_str().to_owned()))
        .one(conn)
        .await?
        .map_or(0, |c| c.last_serial);
    Ok(last + 1)
}

/// Everything an issue is made of, read from the database: the case, the document record, the
/// version in force, the case file the text is composed from and the serial.
struct Plan {
    row: cases::Model,
    agency: agencies::Model,
    doc: case_documents::Model,
    kind: DocumentKind,
    current: Option<issued_documents::Model>,
    file: CaseFile,
    year: i32,
    serial: i64,
}

impl Plan {
    /// Reads the plan and checks that the actor may issue and that the reason is given where a
    /// version is superseded. `serial` is the peeked one; inside the unit of work it is replaced
    /// by the drawn one.
    async fn read<C: ConnectionTrait>(
        conn: &C,
        actor: &Actor,
        ids: (i32, i32),
        reason: &str,
        now: chrono::DateTime<chrono::Utc>,
        lock: bool,
    ) -> Result<Self, ServiceError> {
        let (case_id, document_id) = ids;
        let (row, agency) = visible_case(conn, actor, case_id, lock).await?;
        can(actor, &Action::IssueDocument(&agency.scope()))?;
        let (doc, kind) = document_record(conn, case_id, document_id).await?;
        let current = issued_documents::Entity::find()
            .filter(issued_documents::Column::CaseDocumentId.eq(doc.id))
            .filter(issued_documents::Column::Status.eq("in_force"))
            .one(conn)
            .await?;
        if current.is_some() && reason.is_empty() {
            return Err(ValidationError::new(Field::Reason, Rule::Required).into());
        }
        if reason.chars().count() > 500 {
            return Err(
                ValidationError::new(Field::Reason, Rule::Length { min: 0, max: 500 }).into(),
            );
        }
        let year = chrono::Datelike::year(&china_time(now));
        let serial = peek_serial(conn, agency.id, year, kind).await?;
        let file = case_file(conn, &row, &agency, kind, &doc).await?;
        Ok(Self {
            row,
            agency,
            doc,
            kind,
            current,
            file,
            year,
            serial,
        })
    }

    /// Whether the document rendered from `earlier` is still the one to issue.
    fn same_document(&self, earlier: &Plan) -> bool {
        self.serial == earlier.serial
            && self.file == earlier.file
            && self.current.as_ref().map(|c| c.id) == earlier.current.as_ref().map(|c| c.id)
    }

    fn number(&self) -> String {
        DocNumber {
            agency_short_name: self.agency.short_name.clone(),
            kind: self.kind,
            year: self.year,
            serial: self.serial,
        }
        .text()
    }
}

/// The rendered document, and its public version's model and PDF (each version has its own
/// registered hash: the portal's public PDF verifies as the public version of the decision).
struct Rendered {
    model: DocumentModel,
    public_model: Option<DocumentModel>,
    bytes: Vec<u8>,
    public_bytes: Option<Vec<u8>>,
}

async fn render_plan(
    state: &AppState,
    plan: &Plan,
    code: &VerificationCode,
    issued_at: chrono::DateTime<chrono::Utc>,
) -> Result<Rendered, ServiceError> {
    let number = plan.number();
    let verification = Verification {
        code: code.printed(),
        url: format!(
            "{}/portal/verify?code={}",
            state.settings.public_url,
            code.as_str()
        ),
    };
    let finish = |mut m: DocumentModel, public: bool| {
        m.number = Some(number.clone());
        m.verification = Some(verification.clone());
        m.draft = false;
        m.public_version = public;
        m
    };
    let model = finish(document::compose(&plan.file), false);
    // Never issued with a placeholder where the law requires a fact (issue 22 item 6).
    if let Some(gap) = document::gaps(&model).first() {
        return Err(ServiceError::Refused(
            tianping_domain::case::CaseError::DocumentIncomplete { gap: *gap },
        ));
    }
    let public_model = has_public_version(plan.kind)
        .then(|| finish(document::compose(&plan.file.redacted()), true));
    let bytes = render(state, model.clone(), Some(issued_at)).await?;
    let public_bytes = match &public_model {
        Some(m) => Some(render(state, m.clone(), Some(issued_at)).await?),
        None => None,
    };
    Ok(Rendered {
        model,
        public_model,
        bytes,
        public_bytes,
    })
}

/// Issues (签发) the document a step produced: number, verification code, PDF, hash in the
/// audit log. When a version is already in force, `reason` is required and the new version
/// supersedes it.
pub async fn issue(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    document_id: i32,
    reason: &str,
) -> Result<IssuedDocumentView, ServiceError> {
    let reason = reason.trim();
    let code = verification_code()?;
    for attempt in 1..=ATTEMPTS {
        let now = state.clock.now();
        // The seconds of the issue time are what the PDF's metadata carries.
        let issued_at = chrono::DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
        let ids = (case_id, document_id);
        let outside = Plan::read(&state.db.conn, actor, ids, reason, now, false).await?;
        let rendered = render_plan(state, &outside, &code, issued_at).await?;

        let uow = UnitOfWork::begin(&state.db, now).await?;
        let mut inside = Plan::read(uow.txn(), actor, ids, reason, now, uow.locks_rows()).await?;
        inside.serial = next_serial(&uow, inside.agency.id, inside.year, inside.kind).await?;
        let rendered = if inside.same_document(&outside) {
            rendered
        } else if attempt == ATTEMPTS {
            // Still changing under us: render under the lock this time.
            render_plan(state, &inside, &code, issued_at).await?
        } else {
            // Dropping the unit of work rolls the drawn serial back.
            continue;
        };
        return store(
            state, actor, uow, inside, rendered, &code, reason, issued_at,
        )
        .await;
    }
    unreachable!("the last attempt always stores")
}

/// Records a content-addressed file in the unit of work and writes it: its SHA-256, its size
/// and whether the file is new (to remove it again when the unit of work fails).
async fn put_blob(
    uow: &UnitOfWork,
    store: &BlobStore,
    bytes: &[u8],
) -> Result<(String, i64, bool), ServiceError> {
    let sha256 = hex::encode(Sha256::digest(bytes));
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    if blobs::Entity::find_by_id(sha256.clone())
        .one(uow.txn())
        .await?
        .is_none()
    {
        blobs::ActiveModel {
            sha256: Set(sha256.clone()),
            size: Set(size),
            created_at: Set(uow.now()),
        }
        .insert(uow.txn())
        .await?;
    }
    let fresh = store
        .put_bytes(&sha256, bytes)
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    Ok((sha256, size, fresh))
}

/// Stores the rendered document in the unit of work: the file, the issued row, the superseded
/// version, the audit event and, for a penalty decision, its publication draft.
#[allow(clippy::too_many_arguments)]
async fn store(
    state: &AppState,
    actor: &Actor,
    mut uow: UnitOfWork,
    plan: Plan,
    rendered: Rendered,
    code: &VerificationCode,
    reason: &str,
    issued_at: chrono::DateTime<chrono::Utc>,
) -> Result<IssuedDocumentView, ServiceError> {
    let Plan {
        row,
        agency,
        doc,
        kind,
        current,
        file,
        year,
        serial,
    } = &plan;
    let (case_id, number) = (row.id, plan.number());
    let Rendered {
        model,
        public_model,
        bytes,
        public_bytes,
    } = rendered;
    let store = BlobStore::new(&state.settings.data_dir);
    let (sha256, size, fresh) = put_blob(&uow, &store, &bytes).await?;
    let public = match &public_bytes {
        Some(b) => match put_blob(&uow, &store, b).await {
            Ok((sha, _, fresh)) => Some((sha, fresh)),
            Err(e) => {
                if fresh {
                    store.remove(&sha256).await;
                }
                return Err(e);
            }
        },
        None => None,
    };
    let public_sha256 = public.as_ref().map(|(sha, _)| sha.clone());
    let result = async {
        let to_json = |m: &DocumentModel| {
            serde_json::to_string(m).map_err(|e| ServiceError::Internal(e.to_string()))
        };
        let inserted = issued_documents::ActiveModel {
            case_id: Set(case_id),
            case_document_id: Set(doc.id),
            agency_id: Set(agency.id),
            kind: Set(kind.as_str().to_owned()),
            year: Set(*year),
            serial: Set(*serial),
            number: Set(number.clone()),
            verification_code: Set(code.as_str().to_owned()),
            sha256: Set(sha256.clone()),
            size: Set(size),
            model: Set(to_json(&model)?),
            public_model: Set(public_model.as_ref().map(to_json).transpose()?),
            issued_at: Set(issued_at),
            issued_by: Set(actor.user_id),
            supersedes_id: Set(current.as_ref().map(|c| c.id)),
            status: Set(IssuedStatus::InForce.as_str().to_owned()),
            status_reason: Set(None),
            audit_seq: Set(None),
            public_sha256: Set(public_sha256.clone()),
            ..Default::default()
        }
        .insert(uow.txn())
        .await?;
        if let Some(old) = current {
            issued_documents::Entity::update_many()
                .col_expr(
                    issued_documents::Column::Status,
                    Expr::value(IssuedStatus::Superseded.as_str()),
                )
                .col_expr(issued_documents::Column::StatusReason, Expr::value(reason))
                .filter(issued_documents::Column::Id.eq(old.id))
                .exec(uow.txn())
                .await?;
        }
        uow.record(NewEvent {
            actor: AuditActor::from(actor),
            action: "document.issue",
            subject_type: case::AUDIT_SUBJECT_TYPE,
            subject_id: case_id.to_string(),
            // Public fields only (an inclusion proof may show them); the reason for superseding
            // is free text and goes into a private event of its own.
            payload: json!({
                "document_id": inserted.id, "kind": kind.as_str(), "number": number,
                "agency": agency.code, "sha256": sha256, "size": size,
                "public_sha256": public_sha256,
                "supersedes": current.as_ref().map(|c| json!({"id": c.id, "number": c.number})),
            }),
        });
        if let Some(old) = &current {
            uow.record(NewEvent {
                actor: AuditActor::from(actor),
                action: "document.supersede",
                subject_type: case::AUDIT_SUBJECT_TYPE,
                subject_id: case_id.to_string(),
                payload: json!({
                    "document_id": old.id, "number": old.number, "by": inserted.id,
                    "case_number": row.number, "reason": reason,
                }),
            });
        }
        // A penalty decision drafts its publication record (redacted) in the same unit of work.
        if *kind == DocumentKind::PenaltyDecision
            && let Some(public) = &public_model
        {
            crate::ssr::services::publications::draft_from_issue(
                &mut uow,
                state,
                row,
                inserted.id,
                &number,
                &file.redacted(),
                public,
            )
            .await?;
        }
        // The issue event is the first flushed (a publication draft may follow it).
        let seqs = uow.flush().await?;
        if let Some(seq) = seqs.first() {
            issued_documents::Entity::update_many()
                .col_expr(issued_documents::Column::AuditSeq, Expr::value(*seq))
                .filter(issued_documents::Column::Id.eq(inserted.id))
                .exec(uow.txn())
                .await?;
        }
        uow.commit().await?;
        Ok::<_, ServiceError>(inserted.id)
    }
    .await;
    match result {
        Ok(id) => {
            let issued = issued_documents::Entity::find_by_id(id)
                .one(&state.db.conn)
                .await?
                .ok_or(ServiceError::NotFound)?;
            Ok(view(&issued, &actor_name(state, actor.user_id).await?))
        }
        Err(e) => {
            if fresh {
                store.remove(&sha256).await;
            }
            if let Some((sha, true)) = &public {
                store.remove(sha).await;
            }
            Err(e)
        }
    }
}
