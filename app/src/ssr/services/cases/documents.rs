//! Official documents of a case (执法文书): preview, issue, supersede, download, and the
//! public check of a document by its verification code or its file.
//!
//! Invariants:
//! - A document can be issued only from a document record a step of the case produced, by the
//!   agency's officers or heads; issuing draws the next serial of the agency, year and kind
//!   (bumped in the same transaction, so no gaps and no duplicates), renders the PDF, stores it
//!   content-addressed, and appends a `document.issue` audit event carrying its SHA-256, all in
//!   one unit of work.
//! - An issued document is never changed. Issuing the same record again needs a reason and
//!   supersedes the version in force; both are kept.
//! - Rendering is deterministic: the stored model and issue time give the same bytes again.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    sea_query::{Expr, ExprTrait},
};
use serde_json::json;
use sha2::{Digest, Sha256};
use tianping_domain::{
    authz::{Action, Actor, AgencyScope, can},
    case::{self, CloseReason, ClueSource, DocumentKind, InvestigationOutcome, ServiceMethod},
    credential::{self, CredentialKind},
    discretion::Circumstance,
    document::{
        self, CaseFile, DocNumber, DocumentModel, VerificationCode,
        compose::{AgencyInfo, OfficerInfo, PartyInfo, ReviewInfo},
        model::Verification,
    },
    i18n::{Lang, china_time},
    review::{Measure, PointFinding, ReviewOutcome, Verdict},
    role::Role,
    validate::{Field, Rule, ValidationError},
};

use super::{codes::parse_code, visible_case};
use crate::{
    api::case_dto::{DocumentCheck, IssuedDocumentView},
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        blobs::BlobStore,
        entities::{
            agencies, audit_events, blobs, case_documents, case_officers, cases, credentials,
            discretion_standards, document_counters, evidence, issued_documents, parties,
            review_rounds, users,
        },
        error::ServiceError,
        pdf::{self, Fonts},
    },
};

/// A PDF to send.
#[derive(Debug, Clone)]
pub struct PdfFile {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// A file name for the download.
    pub file_name: String,
}

/// The kinds whose public (redacted) version is kept for the portal.
fn has_public_version(kind: DocumentKind) -> bool {
    matches!(
        kind,
        DocumentKind::PenaltyDecision
            | DocumentKind::NoPenaltyDecision
            | DocumentKind::OnTheSpotDecision
    )
}

/// The fonts, parsed once (off the async runtime).
pub async fn fonts(state: &AppState) -> Result<std::sync::Arc<Fonts>, ServiceError> {
    let dir = state.settings.font_dir.clone();
    state
        .fonts
        .get_or_try_init(|| async move {
            tokio::task::spawn_blocking(move || Fonts::load(&dir))
                .await
                .map_err(|e| ServiceError::Internal(e.to_string()))?
                .map_err(|e| ServiceError::Internal(format!("document fonts: {e}")))
        })
        .await
        .cloned()
}

/// Renders on a blocking thread.
async fn render(
    state: &AppState,
    model: DocumentModel,
    issued_at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Vec<u8>, ServiceError> {
    let fonts = fonts(state).await?;
    tokio::task::spawn_blocking(move || pdf::render(&model, &fonts, issued_at))
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))
}

fn date_of(payload: &serde_json::Value, key: &str) -> Option<chrono::NaiveDate> {
    payload
        .get(key)
        .and_then(|v| v.as_str())
        .and_then(|s| s.parse().ok())
}

/// The snapshot of the case a document is composed from.
async fn case_file<C: ConnectionTrait>(
    conn: &C,
    row: &cases::Model,
    agency: &agencies::Model,
    kind: DocumentKind,
    doc: &case_documents::Model,
) -> Result<CaseFile, ServiceError> {
    let event = match doc.audit_seq {
        Some(seq) => audit_events::Entity::find_by_id(seq).one(conn).await?,
        None => None,
    };
    let payload: serde_json::Value = event
        .as_ref()
        .and_then(|e| serde_json::from_str(&e.payload).ok())
        .unwrap_or_default();
    let step_on =
        date_of(&payload, "on").unwrap_or_else(|| china_time(doc.created_at).date_naive());
    let step_reason = ["reason", "opinion", "note", "to"].iter().find_map(|k| {
        payload
            .get(*k)
            .or_else(|| payload.get("command").and_then(|c| c.get(*k)))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    });

    let party_rows = parties::Entity::find()
        .filter(parties::Column::CaseId.eq(row.id))
        .order_by_asc(parties::Column::Id)
        .all(conn)
        .await?;
    let officer_rows = case_officers::Entity::find()
        .filter(case_officers::Column::CaseId.eq(row.id))
        .filter(case_officers::Column::Recused.eq(false))
        .all(conn)
        .await?;
    let officer_ids: Vec<i32> = officer_rows
        .iter()
        .filter(|o| o.assigned || o.investigator)
        .map(|o| o.user_id)
        .collect();
    let heads = users::Entity::find()
        .filter(users::Column::AgencyId.eq(row.agency_id))
        .filter(users::Column::Role.eq(Role::AgencyHead.as_str()))
        .filter(users::Column::Active.eq(true))
        .order_by_asc(users::Column::Id)
        .all(conn)
        .await?;
    let officer_users = users::Entity::find()
        .filter(users::Column::Id.is_in(officer_ids.clone()))
        .order_by_asc(users::Column::Id)
        .all(conn)
        .await?;
    let certificates = credentials::Entity::find()
        .filter(credentials::Column::UserId.is_in(officer_ids))
        .filter(credentials::Column::Kind.eq(CredentialKind::EnforcementCertificate.as_str()))
        .all(conn)
        .await?;
    let officers = officer_users
        .iter()
        .map(|u| OfficerInfo {
            name: u.display_name.clone(),
            certificate: certificates
                .iter()
                .find(|c| {
                    c.user_id == u.id
                        && credential::status(c.valid_from, c.valid_to, c.revoked, step_on)
                            .in_force()
                })
                .map(|c| c.number.clone()),
        })
        .collect();
    let evidence_rows = evidence::Entity::find()
        .filter(evidence::Column::CaseId.eq(row.id))
        .order_by_asc(evidence::Column::CollectedAt)
        .all(conn)
        .await?;
    let standard = match row.discretion_standard_id {
        Some(id) => {
            discretion_standards::Entity::find_by_id(id)
                .one(conn)
                .await?
        }
        None => None,
    };
    let circumstance = row.circumstance.as_deref().and_then(Circumstance::parse);
    let review = review_rounds::Entity::find()
        .filter(review_rounds::Column::CaseId.eq(row.id))
        .filter(review_rounds::Column::Status.ne("pending"))
        .order_by_desc(review_rounds::Column::Round)
        .one(conn)
        .await?;
    let review = match review {
        Some(r) => {
            let reviewer = match r.reviewer_id {
                Some(id) => users::Entity::find_by_id(id)
                    .one(conn)
                    .await?
                    .map(|u| u.display_name),
                None => None,
            };
            let findings: Vec<PointFinding> = r
                .findings
                .as_deref()
                .and_then(|f| serde_json::from_str(f).ok())
                .unwrap_or_default();
            Some(ReviewInfo {
                round: r.round,
                reviewer: reviewer.unwrap_or_default(),
                outcome: parse_code::<ReviewOutcome>(&r.status)
                    .map(|o| o.label(Lang::Zh).to_owned())
                    .unwrap_or_else(|| r.status.clone()),
                opinion: r.opinion.clone().unwrap_or_default(),
                findings: findings
                    .iter()
                    .map(|f| {
                        (
                            f.point.label(Lang::Zh).to_owned(),
                            f.verdict == Verdict::Pass,
                            f.comment.clone(),
                        )
                    })
                    .collect(),
                decided_on: r.decided_at.map(|t| china_time(t).date_naive()),
            })
        }
        None => None,
    };
    // The hearing host is named when the hearing is held.
    let hearing_host = match payload_of_command(conn, row.id, "hold_hearing").await? {
        Some(p) => match p
            .get("command")
            .and_then(|c| c.get("host_id"))
            .and_then(serde_json::Value::as_i64)
            .and_then(|id| i32::try_from(id).ok())
        {
            Some(id) => users::Entity::find_by_id(id)
                .one(conn)
                .await?
                .map(|u| u.display_name),
            None => None,
        },
        None => None,
    };
    Ok(CaseFile {
        kind,
        agency: AgencyInfo {
            name: agency.name.clone(),
            region_name: agency.region_name.clone(),
            reconsideration_body: tianping_domain::agency::reconsideration_body(
                &agency.region_name,
                agency.reconsideration_body.as_deref(),
            ),
        },
        case_number: row.number.clone(),
        title: row.title.clone(),
        description: row.description.clone(),
        location: row.location.clone(),
        source: parse_code::<ClueSource>(&row.source)
            .map(|s| s.label(Lang::Zh).to_owned())
            .unwrap_or_else(|| row.source.clone()),
        received_on: row.received_on,
        act_date: row.act_date,
        filed_on: row.filed_on,
        parties: party_rows
            .iter()
            .map(|p| PartyInfo {
                natural_person: p.kind == "natural_person",
                name: p.name.clone(),
                id_number: p.id_number.clone(),
                credit_code: p.credit_code.clone(),
                legal_representative: p.legal_representative.clone(),
                address: p.address.clone(),
                phone: p.phone.clone(),
            })
            .collect(),
        officers,
        heads: heads.into_iter().map(|u| u.display_name).collect(),
        evidence: evidence_rows.iter().map(|e| e.title.clone()).collect(),
        provision: standard
            .as_ref()
            .map(|s| s.provision.clone())
            .filter(|p| !p.trim().is_empty()),
        basis: Some(tianping_domain::case::LegalBasis::new(
            row.provision_violated.as_deref().unwrap_or_default(),
            row.provision_applied.as_deref().unwrap_or_default(),
        ))
        .filter(|b| !b.is_blank()),
        // The standard is a published benchmark of the agency, not a law: referred to by its
        // title in quotation marks, never in 《》 (国办发〔2022〕27号).
        discretion: standard.as_ref().map(|s| match circumstance {
            Some(c) => format!("“{}”行政处罚裁量基准的{}情形", s.title, c.label(Lang::Zh)),
            None => format!("“{}”行政处罚裁量基准", s.title),
        }),
        outcome: row
            .outcome
            .as_deref()
            .and_then(parse_code::<InvestigationOutcome>)
            .map(|o| o.label(Lang::Zh).to_owned()),
        no_penalty_ground: row
            .outcome
            .as_deref()
            .and_then(parse_code::<InvestigationOutcome>)
            .filter(|o| o.is_no_penalty()),
        proposed_fine_fen: row.proposed_fine_fen,
        fine_fen: row.fine_fen,
        confiscation_fen: row.confiscation_fen,
        measures: row
            .measures
            .split(',')
            .filter_map(Measure::parse)
            .map(|m| m.decision_text().to_owned())
            .collect(),
        justification: row.discretion_justification.clone(),
        prior_notice_on: row.prior_notice_on,
        statement_window_ends: row.statement_window_ends,
        hearing_eligible: row.hearing_eligible,
        hearing_request_window_ends: row.hearing_request_window_ends,
        hearing_date: row.hearing_date,
        hearing_host,
        decided_on: row.decided_on,
        served_on: row.served_on,
        service_method: row
            .service_method
            .as_deref()
            .and_then(parse_code::<ServiceMethod>)
            .map(|m| m.label(Lang::Zh).to_owned()),
        paid_fen: row.paid_fen,
        review,
        close_reason: row
            .close_reason
            .as_deref()
            .and_then(parse_code::<CloseReason>)
            .map(|r| r.label(Lang::Zh).to_owned()),
        step_reason,
        date: match kind {
            DocumentKind::PenaltyDecision | DocumentKind::NoPenaltyDecision => {
                row.decided_on.unwrap_or(step_on)
            }
            _ => step_on,
        },
    })
}

/// The payload of the latest event of the case whose command is `command`.
async fn payload_of_command<C: ConnectionTrait>(
    conn: &C,
    case_id: i32,
    command: &str,
) -> Result<Option<serde_json::Value>, ServiceError> {
    let events = audit_events::Entity::find()
        .filter(audit_events::Column::SubjectType.eq(case::AUDIT_SUBJECT_TYPE))
        .filter(audit_events::Column::SubjectId.eq(case_id.to_string()))
        .filter(audit_events::Column::Payload.contains(format!("\"{command}\"")))
        .order_by_desc(audit_events::Column::Seq)
        .all(conn)
        .await?;
    Ok(events.into_iter().find_map(|e| {
        let p: serde_json::Value = serde_json::from_str(&e.payload).ok()?;
        (p.get("command")
            .and_then(|c| c.get("command"))
            .and_then(|c| c.as_str())
            == Some(command))
        .then_some(p)
    }))
}

async fn document_record<C: ConnectionTrait>(
    conn: &C,
    case_id: i32,
    document_id: i32,
) -> Result<(case_documents::Model, DocumentKind), ServiceError> {
    let doc = case_documents::Entity::find_by_id(document_id)
        .one(conn)
        .await?
        .filter(|d| d.case_id == case_id)
        .ok_or(ServiceError::NotFound)?;
    let kind = parse_code::<DocumentKind>(&doc.kind)
        .ok_or_else(|| ServiceError::Internal(format!("document {document_id} has a bad kind")))?;
    Ok((doc, kind))
}

fn file_name(kind: DocumentKind, number: Option<&str>, case_number: &str, public: bool) -> String {
    let base = match number {
        Some(n) => format!("{}-{n}", kind.label(Lang::Zh)),
        None => format!("{}-{case_number}-预览", kind.label(Lang::Zh)),
    };
    if public {
        format!("{base}-公开版.pdf")
    } else {
        format!("{base}.pdf")
    }
}

/// A preview of the document a step produced: the current case data, marked as a preview,
/// without number or verification code. Anyone who may see the case may preview it.
pub async fn preview(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    document_id: i32,
) -> Result<PdfFile, ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let conn = &state.db.conn;
    let (row, agency) = visible_case(conn, actor, case_id, false).await?;
    let (doc, kind) = document_record(conn, case_id, document_id).await?;
    let file = case_file(conn, &row, &agency, kind, &doc).await?;
    let model = document::compose(&file);
    let bytes = render(state, model, None).await?;
    Ok(PdfFile {
        bytes,
        file_name: file_name(kind, None, &row.number, false),
    })
}

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
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let (row, agency) = visible_case(uow.txn(), actor, case_id, uow.locks_rows()).await?;
    can(
        actor,
        &Action::IssueDocument(&AgencyScope {
            agency_id: agency.id,
            region_code: agency.region_code.clone(),
        }),
    )?;
    let (doc, kind) = document_record(uow.txn(), case_id, document_id).await?;
    let current = issued_documents::Entity::find()
        .filter(issued_documents::Column::CaseDocumentId.eq(doc.id))
        .filter(issued_documents::Column::Status.eq("in_force"))
        .one(uow.txn())
        .await?;
    if current.is_some() && reason.is_empty() {
        return Err(ValidationError::new(Field::Reason, Rule::Required).into());
    }
    if reason.chars().count() > 500 {
        return Err(ValidationError::new(Field::Reason, Rule::Length { min: 0, max: 500 }).into());
    }
    let now = uow.now();
    let year = chrono::Datelike::year(&china_time(now));
    let serial = next_serial(&uow, agency.id, year, kind).await?;
    let number = DocNumber {
        agency_short_name: agency.short_name.clone(),
        kind,
        year,
        serial,
    }
    .text();
    let code = verification_code()?;
    let verification = Verification {
        code: code.printed(),
        url: format!(
            "{}/portal/verify?code={}",
            state.settings.public_url,
            code.as_str()
        ),
    };
    let file = case_file(uow.txn(), &row, &agency, kind, &doc).await?;
    let finish = |mut m: DocumentModel, public: bool| {
        m.number = Some(number.clone());
        m.verification = Some(verification.clone());
        m.draft = false;
        m.public_version = public;
        m
    };
    let model = finish(document::compose(&file), false);
    let public_model =
        has_public_version(kind).then(|| finish(document::compose(&file.redacted()), true));
    // The seconds of the issue time are what the PDF's metadata carries.
    let issued_at = chrono::DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    let bytes = render(state, model.clone(), Some(issued_at)).await?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);

    let store = BlobStore::new(&state.settings.data_dir);
    if blobs::Entity::find_by_id(sha256.clone())
        .one(uow.txn())
        .await?
        .is_none()
    {
        blobs::ActiveModel {
            sha256: Set(sha256.clone()),
            size: Set(size),
            created_at: Set(now),
        }
        .insert(uow.txn())
        .await?;
    }
    let fresh = store
        .put_bytes(&sha256, &bytes)
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    let result = async {
        let to_json = |m: &DocumentModel| {
            serde_json::to_string(m).map_err(|e| ServiceError::Internal(e.to_string()))
        };
        let inserted = issued_documents::ActiveModel {
            case_id: Set(case_id),
            case_document_id: Set(doc.id),
            agency_id: Set(agency.id),
            kind: Set(kind.as_str().to_owned()),
            year: Set(year),
            serial: Set(serial),
            number: Set(number.clone()),
            verification_code: Set(code.as_str().to_owned()),
            sha256: Set(sha256.clone()),
            size: Set(size),
            model: Set(to_json(&model)?),
            public_model: Set(public_model.as_ref().map(to_json).transpose()?),
            issued_at: Set(issued_at),
            issued_by: Set(actor.user_id),
            supersedes_id: Set(current.as_ref().map(|c| c.id)),
            status: Set("in_force".to_owned()),
            status_reason: Set(None),
            audit_seq: Set(None),
            ..Default::default()
        }
        .insert(uow.txn())
        .await?;
        if let Some(old) = &current {
            issued_documents::Entity::update_many()
                .col_expr(issued_documents::Column::Status, Expr::value("superseded"))
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
            payload: json!({
                "document_id": inserted.id, "kind": kind.as_str(), "number": number,
                "agency": agency.code, "case_number": row.number,
                "sha256": sha256, "size": size,
                "supersedes": current.as_ref().map(|c| json!({"id": c.id, "number": c.number, "reason": reason})),
            }),
        });
        // A penalty decision drafts its publication record (redacted) in the same unit of work.
        if kind == DocumentKind::PenaltyDecision
            && let Some(public) = &public_model
        {
            super::super::publications::draft_from_issue(
                &mut uow,
                state,
                &row,
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
            Err(e)
        }
    }
}

async fn actor_name(state: &AppState, id: i32) -> Result<String, ServiceError> {
    Ok(users::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default())
}

/// The wire view of an issued document.
pub fn view(d: &issued_documents::Model, issued_by: &str) -> IssuedDocumentView {
    IssuedDocumentView {
        id: d.id,
        case_document_id: d.case_document_id,
        number: d.number.clone(),
        verification_code: VerificationCode::parse(&d.verification_code)
            .map(|c| c.printed())
            .unwrap_or_else(|| d.verification_code.clone()),
        sha256: d.sha256.clone(),
        size: d.size,
        issued_at: china_time(d.issued_at).to_rfc3339(),
        issued_by: issued_by.to_owned(),
        status: d.status.clone(),
        status_reason: d.status_reason.clone(),
        has_public_version: d.public_model.is_some(),
        audit_seq: d.audit_seq,
    }
}

/// Every issued version of the case's documents, newest first, with the issuers' names.
pub async fn issued_for_case<C: ConnectionTrait>(
    conn: &C,
    case_id: i32,
) -> Result<Vec<IssuedDocumentView>, ServiceError> {
    let rows = issued_documents::Entity::find()
        .filter(issued_documents::Column::CaseId.eq(case_id))
        .order_by_desc(issued_documents::Column::Id)
        .all(conn)
        .await?;
    let names: std::collections::HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(rows.iter().map(|r| r.issued_by)))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(rows
        .iter()
        .map(|r| view(r, names.get(&r.issued_by).map_or("", String::as_str)))
        .collect())
}

/// An issued document's PDF (or its redacted public version), for those who may see the case.
pub async fn download(
    state: &AppState,
    actor: &Actor,
    issued_id: i32,
    public: bool,
) -> Result<PdfFile, ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let conn = &state.db.conn;
    let issued = issued_documents::Entity::find_by_id(issued_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (row, _) = visible_case(conn, actor, issued.case_id, false).await?;
    let kind = parse_code::<DocumentKind>(&issued.kind).ok_or_else(|| {
        ServiceError::Internal(format!("issued document {issued_id} has a bad kind"))
    })?;
    let bytes = if public {
        let model: DocumentModel = issued
            .public_model
            .as_deref()
            .and_then(|m| serde_json::from_str(m).ok())
            .ok_or(ServiceError::NotFound)?;
        render(state, model, Some(issued.issued_at)).await?
    } else {
        let store = BlobStore::new(&state.settings.data_dir);
        tokio::fs::read(store.path_of(&issued.sha256))
            .await
            .map_err(|e| ServiceError::Internal(format!("issued document file: {e}")))?
    };
    Ok(PdfFile {
        bytes,
        file_name: file_name(kind, Some(&issued.number), &row.number, public),
    })
}

/// The redacted public version of a published decision, for anyone (the disclosure portal):
/// only while its publication is public.
pub async fn public_download(
    state: &AppState,
    publication_id: i32,
) -> Result<PdfFile, ServiceError> {
    let decision =
        super::super::publications::public_detail(state, publication_id, Lang::Zh).await?;
    // Removed after credit repair: the decision is no longer shown, nor its document.
    if decision.removed {
        return Err(ServiceError::NotFound);
    }
    let issued = issued_documents::Entity::find_by_id(decision.document_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let model: DocumentModel = issued
        .public_model
        .as_deref()
        .and_then(|m| serde_json::from_str(m).ok())
        .ok_or(ServiceError::NotFound)?;
    let bytes = render(state, model, Some(issued.issued_at)).await?;
    Ok(PdfFile {
        bytes,
        file_name: format!("{}（公开版）.pdf", issued.number),
    })
}

/// Renders an issued document again from its stored model and issue time (for checks: the
/// bytes must hash to the recorded SHA-256).
pub async fn rerender(state: &AppState, issued_id: i32) -> Result<Vec<u8>, ServiceError> {
    let issued = issued_documents::Entity::find_by_id(issued_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let model: DocumentModel = serde_json::from_str(&issued.model)
        .map_err(|e| ServiceError::Internal(format!("stored model: {e}")))?;
    render(state, model, Some(issued.issued_at)).await
}

async fn check(
    state: &AppState,
    found: Option<issued_documents::Model>,
) -> Result<Option<DocumentCheck>, ServiceError> {
    let Some(d) = found else {
        return Ok(None);
    };
    let agency = agencies::Entity::find_by_id(d.agency_id)
        .one(&state.db.conn)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    Ok(Some(DocumentCheck {
        kind: parse_code::<DocumentKind>(&d.kind)
            .map(|k| k.label(Lang::Zh).to_owned())
            .unwrap_or_else(|| d.kind.clone()),
        number: d.number,
        agency,
        issued_on: china_time(d.issued_at).date_naive(),
        status: d.status,
        status_reason: d.status_reason,
        sha256: d.sha256,
        audit_seq: d.audit_seq,
    }))
}

/// The public check by verification code: `Ok(None)` when no document has it.
pub async fn check_code(
    state: &AppState,
    code: &str,
) -> Result<Option<DocumentCheck>, ServiceError> {
    let code = VerificationCode::parse(code)
        .ok_or_else(|| ValidationError::new(Field::VerificationCode, Rule::Malformed))?;
    let found = issued_documents::Entity::find()
        .filter(issued_documents::Column::VerificationCode.eq(code.as_str()))
        .one(&state.db.conn)
        .await?;
    check(state, found).await
}

/// The public check of a file: genuine when its SHA-256 is that of an issued document.
pub async fn check_file(
    state: &AppState,
    bytes: &[u8],
) -> Result<Option<DocumentCheck>, ServiceError> {
    if bytes.is_empty() {
        return Err(ValidationError::new(Field::DocumentFile, Rule::Required).into());
    }
    check_hash(state, &hex::encode(Sha256::digest(bytes))).await
}

fn parse_sha256(sha256: &str) -> Result<String, ServiceError> {
    let sha = sha256.trim().to_ascii_lowercase();
    if sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(sha)
    } else {
        Err(ValidationError::new(Field::DocumentFile, Rule::Malformed).into())
    }
}

/// The public check by a file's SHA-256 (hex).
pub async fn check_hash(
    state: &AppState,
    sha256: &str,
) -> Result<Option<DocumentCheck>, ServiceError> {
    let sha = parse_sha256(sha256)?;
    let found = issued_documents::Entity::find()
        .filter(issued_documents::Column::Sha256.eq(sha))
        .one(&state.db.conn)
        .await?;
    check(state, found).await
}

/// The sequence number of the audit event that issued the document with this SHA-256.
pub async fn issue_seq_of(state: &AppState, sha256: &str) -> Result<i64, ServiceError> {
    let sha = parse_sha256(sha256)?;
    issued_documents::Entity::find()
        .filter(issued_documents::Column::Sha256.eq(sha))
        .one(&state.db.conn)
        .await?
        .and_then(|d| d.audit_seq)
        .ok_or(ServiceError::NotFound)
}
