//! The snapshot of a case a document is composed from, read from its rows and the step's
//! audit event.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use tianping_domain::{
    case::{self, CloseReason, ClueSource, DocumentKind, InvestigationOutcome, ServiceMethod},
    credential::{self, CredentialKind},
    discretion::Circumstance,
    document::{
        CaseFile,
        compose::{AgencyInfo, OfficerInfo, PartyInfo, ReviewInfo},
    },
    i18n::{Lang, china_time},
    review::{Measure, PointFinding, ReviewOutcome, Verdict},
    role::Role,
};

use crate::ssr::services::cases::codes::parse_code;
use crate::ssr::{
    entities::{
        agencies, audit_events, case_documents, case_officers, cases, clues, credentials,
        discretion_standards, evidence, parties, review_rounds, users,
    },
    error::ServiceError,
};

fn date_of(payload: &serde_json::Value, key: &str) -> Option<chrono::NaiveDate> {
    payload
        .get(key)
        .and_then(|v| v.as_str())
        .and_then(|s| s.parse().ok())
}

/// The natural persons the case names who are not its parties: the people questioned in its
/// interview records and the person who reported the clue. Their names are masked wherever
/// they appear in a public version (issue 19 item 12); officers' names stay public.
async fn other_persons<C: ConnectionTrait>(
    conn: &C,
    row: &cases::Model,
    parties: &[parties::Model],
    evidence: &[evidence::Model],
) -> Result<Vec<String>, ServiceError> {
    let mut names: Vec<String> = evidence
        .iter()
        .filter(|e| e.kind == tianping_domain::evidence::EvidenceKind::InquiryRecord.as_str())
        .filter_map(|e| e.subject.clone())
        .collect();
    if let Some(clue) = row.clue_id {
        names.extend(
            clues::Entity::find_by_id(clue)
                .one(conn)
                .await?
                .and_then(|c| c.reporter_name),
        );
    }
    names.retain(|n| {
        tianping_domain::document::redact::looks_like_person_name(n)
            && !parties.iter().any(|p| p.name.trim() == n.trim())
    });
    names.sort();
    names.dedup();
    Ok(names)
}

/// The snapshot of the case a document is composed from.
pub(super) async fn case_file<C: ConnectionTrait>(
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
    let other_persons = other_persons(conn, row, &party_rows, &evidence_rows).await?;
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
        other_persons,
        correction_due: payload.get("command").and_then(|c| date_of(c, "due_on")),
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

pub(super) async fn document_record<C: ConnectionTrait>(
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
