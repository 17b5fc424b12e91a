//! After-the-fact publication (事后公开) of penalty decisions: a record drafted when the decision
//! is issued (redacted by `tianping_domain::document::redact`), approved by an officer or head
//! of the agency after comparing it with the original, public for its display period, and
//! withdrawn — with the reason and its legal basis — when the decision is changed. The rules are
//! `tianping_domain::publicity`; every write is an audit event in the same unit of work.

mod portal;

pub use portal::{document_is_public, export_chunk, public_detail, public_ids, search};

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::Expr,
};
use serde_json::json;
use tianping_domain::{
    authz::{Action, Actor, can},
    case::{self, PartyKind, Procedure},
    document::{CaseFile, DocumentModel, model::Block},
    i18n::{Lang, china_time},
    publicity::{self, PublicationError, PublicationStatus, PublicationStep, WithdrawalBasis},
    validate::{Field, Rule, ValidationError},
};

use crate::{
    api::publicity_dto::PublicationView,
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{
            agencies, case_deadlines, case_remedies, cases, issued_documents, publications, users,
        },
        error::ServiceError,
    },
};

/// The text of a document's body, one block per line (tables as `label：value`).
pub fn body_text(model: &DocumentModel) -> String {
    let mut lines = Vec::new();
    for block in &model.blocks {
        match block {
            Block::Paragraph(t) | Block::Plain(t) | Block::Heading(t) | Block::Right(t) => {
                lines.push(t.clone());
            }
            Block::Table { rows, .. } => {
                for row in rows {
                    lines.push(row.join("："));
                }
            }
            Block::Gap(_) => {}
        }
    }
    lines.join("\n")
}

/// Drafts (or refreshes, after a corrected re-issue) the publication record of a penalty
/// decision, inside the unit of work that issues it. `file` is the redacted case file and
/// `public_model` the redacted document.
pub async fn draft_from_issue(
    uow: &mut UnitOfWork,
    state: &AppState,
    row: &cases::Model,
    document_id: i32,
    number: &str,
    file: &CaseFile,
    public_model: &DocumentModel,
) -> Result<(), ServiceError> {
    let now = uow.now();
    let decided_on = row
        .decided_on
        .unwrap_or_else(|| china_time(now).date_naive());
    // The case's own publication deadline when it runs, else the rule's.
    let deadline = case_deadlines::Entity::find()
        .filter(case_deadlines::Column::CaseId.eq(row.id))
        .filter(case_deadlines::Column::Kind.eq("publication"))
        .one(uow.txn())
        .await?;
    let due_on = deadline.map_or_else(
        || {
            publicity::due_on(
                decided_on,
                &state.calendar(),
                &state.settings.publication_rules,
            )
        },
        |d| d.due_on,
    );
    // Not every decision is published (SAMR Order No. 45, Art. 2; minors' cases never): such
    // a decision gets no draft, its publication deadline stops, and the log says why.
    if let Err(reason) = publishable(uow, state, row, file).await? {
        case_deadlines::Entity::update_many()
            .col_expr(case_deadlines::Column::Status, Expr::value("stopped"))
            .col_expr(case_deadlines::Column::EndedOn, Expr::value(decided_on))
            .filter(case_deadlines::Column::CaseId.eq(row.id))
            .filter(case_deadlines::Column::Kind.eq("publication"))
            .filter(case_deadlines::Column::Status.eq("running"))
            .exec(uow.txn())
            .await?;
        uow.record(NewEvent {
            actor: AuditActor::system(),
            action: "publication.not_published",
            subject_type: case::AUDIT_SUBJECT_TYPE,
            subject_id: row.id.to_string(),
            payload: json!({"document_id": document_id, "number": number, "reason": reason.as_str()}),
        });
        return Ok(());
    }
    let party = file.parties.first();
    let party_kind = match party {
        Some(p) if p.natural_person => "natural_person",
        _ => "organisation",
    };
    let body = body_text(public_model);
    let existing = publications::Entity::find()
        .filter(publications::Column::CaseId.eq(row.id))
        .one(uow.txn())
        .await?;
    let action = if let Some(old) = existing {
        uow.touch_publication(old.id);
        let mut active: publications::ActiveModel = old.into();
        active.document_id = Set(document_id);
        active.number = Set(number.to_owned());
        active.body = Set(body.clone());
        active.party_name = Set(party.map(|p| p.name.clone()).unwrap_or_default());
        active.fine_fen = Set(file.fine_fen);
        active.provision = Set(provisions(file));
        active.updated_at = Set(now);
        active.update(uow.txn()).await?;
        "publication.refresh"
    } else {
        publications::ActiveModel {
            case_id: Set(row.id),
            agency_id: Set(row.agency_id),
            document_id: Set(document_id),
            number: Set(number.to_owned()),
            case_number: Set(row.number.clone()),
            title: Set(file.title.clone()),
            party_kind: Set(party_kind.to_owned()),
            party_name: Set(party.map(|p| p.name.clone()).unwrap_or_default()),
            provision: Set(provisions(file)),
            fine_fen: Set(file.fine_fen),
            decided_on: Set(decided_on),
            due_on: Set(due_on),
            body: Set(body.clone()),
            status: Set(PublicationStatus::Draft.as_str().to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(uow.txn())
        .await?;
        "publication.draft"
    };
    uow.record(NewEvent {
        actor: AuditActor::system(),
        action,
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: row.id.to_string(),
        payload: json!({"document_id": document_id, "number": number, "due_on": due_on.to_string()}),
    });
    Ok(())
}

/// The provisions a published decision names (APL Art. 59 ¶1(2)(3)): the one violated and the
/// one applied, else the discretion standard's.
fn provisions(file: &CaseFile) -> String {
    match &file.basis {
        Some(b) if !b.violated.trim().is_empty() => {
            if b.applied.trim().is_empty() {
                b.violated.trim().to_owned()
            } else {
                format!("{}；{}", b.violated.trim(), b.applied.trim())
            }
        }
        _ => file.provision.clone().unwrap_or_default(),
    }
}

/// Whether the decision of `row` is published under the agency's scope: not a warning alone,
/// not a minor's (age on the day of the act, from the party's resident ID number), not the
/// summary procedure.
async fn publishable(
    uow: &UnitOfWork,
    state: &AppState,
    row: &cases::Model,
    file: &CaseFile,
) -> Result<Result<(), publicity::scope::NotPublished>, ServiceError> {
    let procedure = crate::ssr::services::cases::codes::parse_code::<Procedure>(&row.procedure)
        .unwrap_or(Procedure::Ordinary);
    let act_on = row
        .act_date
        .or(row.decided_on)
        .unwrap_or_else(|| state.today());
    let minor = crate::ssr::entities::parties::Entity::find()
        .filter(crate::ssr::entities::parties::Column::CaseId.eq(row.id))
        .all(uow.txn())
        .await?
        .iter()
        .filter(|p| p.kind == "natural_person")
        .filter_map(|p| {
            p.birth_date.or_else(|| {
                p.id_number
                    .as_deref()
                    .and_then(tianping_domain::liability::birth_date)
            })
        })
        .any(|born| publicity::scope::minor_on(born, act_on));
    let parts = crate::ssr::services::cases::facts::penalty_parts(row);
    Ok(publicity::scope::publishable(
        &publicity::scope::DecisionFacts {
            procedure,
            party_minor: minor,
            fine_fen: file.fine_fen.unwrap_or(0),
            parts: &parts,
        },
        &state.settings.publication_rules.scope,
    ))
}

/// The withdrawal's basis and public explanation, for people.
fn withdrawal_text(p: &publications::Model, lang: Lang) -> Option<String> {
    let basis = p
        .withdrawal_basis
        .as_deref()
        .and_then(WithdrawalBasis::parse)?;
    Some(format!(
        "{}：{}",
        basis.label(lang),
        p.withdrawal_reason.clone().unwrap_or_default()
    ))
}

fn view(
    p: &publications::Model,
    original: Option<String>,
    agency: &str,
    names: &HashMap<i32, String>,
    today: chrono::NaiveDate,
    can_approve: bool,
    can_withdraw: bool,
    lang: Lang,
) -> PublicationView {
    let status = PublicationStatus::parse(&p.status).unwrap_or(PublicationStatus::Draft);
    PublicationView {
        id: p.id,
        case_id: p.case_id,
        case_number: p.case_number.clone(),
        number: p.number.clone(),
        title: p.title.clone(),
        agency: agency.to_owned(),
        status: status.as_str().to_owned(),
        status_label: status.label(lang).to_owned(),
        due_on: p.due_on,
        overdue: status == PublicationStatus::Draft && today > p.due_on,
        redacted: p.body.clone(),
        original,
        approved_by: p.approved_by.and_then(|id| names.get(&id).cloned()),
        published_on: p.published_on,
        display_until: p.display_until,
        withdrawal: withdrawal_text(p, lang),
        can_approve,
        can_withdraw,
        overturned: None,
    }
}

/// The agency's publication records (officers and heads), drafts first, with the original
/// text beside the redacted one.
pub async fn queue(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<PublicationView>, ServiceError> {
    let agencies = super::agencies_where(state, actor, |a| Action::IssueDocument(a)).await?;
    if agencies.is_empty() {
        can(actor, &Action::UseWorkbench)?;
        return Err(ServiceError::Forbidden);
    }
    let conn = &state.db.conn;
    let rows = publications::Entity::find()
        .filter(publications::Column::AgencyId.is_in(agencies.keys().copied()))
        .order_by_asc(publications::Column::DueOn)
        .limit(500)
        .all(conn)
        .await?;
    let originals: HashMap<i32, String> = issued_documents::Entity::find()
        .filter(issued_documents::Column::Id.is_in(rows.iter().map(|r| r.document_id)))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|d| {
            serde_json::from_str::<DocumentModel>(&d.model)
                .ok()
                .map(|m| (d.id, body_text(&m)))
        })
        .collect();
    let names: HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(rows.iter().filter_map(|r| r.approved_by)))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let today = state.today();
    let mut overturned: HashMap<i32, String> = HashMap::new();
    for p in rows
        .iter()
        .filter(|p| p.status == PublicationStatus::Draft.as_str())
    {
        if let Err(PublicationError::Overturned(o)) =
            publicity::still_standing(&rulings(conn, p.case_id).await?)
        {
            overturned.insert(p.id, o.message(lang));
        }
    }
    let mut out: Vec<PublicationView> = rows
        .iter()
        .map(|p| {
            let status = PublicationStatus::parse(&p.status).unwrap_or(PublicationStatus::Draft);
            let allowed = |step: &PublicationStep| {
                !matches!(
                    publicity::apply(status, actor.role, step),
                    Err(PublicationError::Forbidden | PublicationError::WrongStatus(_))
                )
            };
            let mut v = view(
                p,
                originals.get(&p.document_id).cloned(),
                agencies.get(&p.agency_id).map_or("", |a| a.name.as_str()),
                &names,
                today,
                allowed(&PublicationStep::Approve {
                    display_until: None,
                }),
                allowed(&PublicationStep::Withdraw {
                    basis: Some(WithdrawalBasis::Changed),
                    reason: "x".into(),
                }),
                lang,
            );
            // A draft whose decision was overturned is never to be published: not approvable,
            // and not late.
            if let Some(why) = overturned.get(&p.id) {
                v.overturned = Some(why.clone());
                v.can_approve = false;
                v.overdue = false;
            }
            v
        })
        .collect();
    out.sort_by_key(|p| (p.status != PublicationStatus::Draft.as_str(), p.due_on));
    Ok(out)
}

fn refused(e: PublicationError, lang: Lang) -> ServiceError {
    match e {
        PublicationError::Forbidden => ServiceError::Forbidden,
        PublicationError::WrongStatus(s) => ServiceError::StateConflict(match lang {
            Lang::Zh => format!("该公示记录当前为「{}」，不能办理此操作。", s.label(lang)),
            Lang::En => format!(
                "The record is “{}”: this step is not possible now.",
                s.label(lang)
            ),
        }),
        PublicationError::Invalid(v) => ServiceError::Validation(v),
        PublicationError::Overturned(o) => ServiceError::StateConflict(o.message(lang)),
    }
}

/// The results recorded against a case's decision, oldest first, as the publication rules
/// read them.
async fn rulings(
    conn: &impl sea_orm::ConnectionTrait,
    case_id: i32,
) -> Result<Vec<publicity::Overturn>, ServiceError> {
    use tianping_domain::remedy::{RemedyKind, RemedyOutcome};
    Ok(case_remedies::Entity::find()
        .filter(case_remedies::Column::CaseId.eq(case_id))
        .filter(case_remedies::Column::Outcome.is_not_null())
        .order_by_asc(case_remedies::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(publicity::Overturn {
                kind: RemedyKind::parse(&r.kind)?,
                body: r.body,
                outcome: r.outcome.as_deref().and_then(RemedyOutcome::parse)?,
                decided_on: r.decided_on?,
            })
        })
        .collect())
}

/// Approves (publishes) or withdraws a publication record.
pub async fn step(
    state: &AppState,
    actor: &Actor,
    publication_id: i32,
    step: &PublicationStep,
    lang: Lang,
) -> Result<(), ServiceError> {
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let query = uow.locked(publications::Entity::find_by_id(publication_id));
    let p = query.one(uow.txn()).await?.ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(p.agency_id)
        .one(uow.txn())
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(actor, &Action::IssueDocument(&agency.scope()))?;
    let status = PublicationStatus::parse(&p.status)
        .ok_or_else(|| ServiceError::Internal(format!("publication {} has a bad status", p.id)))?;
    let next = publicity::apply(status, actor.role, step).map_err(|e| refused(e, lang))?;
    // A decision changed, revoked, or found illegal or invalid since it was drafted is not
    // published (APL Art. 48(2)); nothing is written.
    if matches!(step, PublicationStep::Approve { .. }) {
        publicity::still_standing(&rulings(uow.txn(), p.case_id).await?)
            .map_err(|e| refused(e, lang))?;
    }
    let now = uow.now();
    let today = china_time(now).date_naive();
    let mut active: publications::ActiveModel = p.clone().into();
    active.status = Set(next.as_str().to_owned());
    active.updated_at = Set(now);
    let (action, payload) = match step {
        PublicationStep::Approve { display_until } => {
            // The rule sets the period by penalty (SAMR Order No. 45, Art. 13); the head may
            // only shorten it, never below the minimum.
            let rules = &state.settings.publication_rules;
            let case_row = cases::Entity::find_by_id(p.case_id)
                .one(uow.txn())
                .await?
                .ok_or(ServiceError::NotFound)?;
            let party_kind = if p.party_kind == "natural_person" {
                PartyKind::NaturalPerson
            } else {
                PartyKind::Organisation
            };
            let months = publicity::scope::display_months(
                p.fine_fen.unwrap_or(0),
                &crate::ssr::services::cases::facts::penalty_parts(&case_row),
                None,
                party_kind,
                &rules.scope,
            );
            let until = publicity::display_until_by_rule(today, *display_until, months, rules)?;
            active.approved_by = Set(Some(actor.user_id));
            active.published_at = Set(Some(now));
            active.published_on = Set(Some(today));
            active.display_until = Set(Some(until));
            // The case's publication deadline is met.
            case_deadlines::Entity::update_many()
                .col_expr(case_deadlines::Column::Status, Expr::value("stopped"))
                .col_expr(case_deadlines::Column::EndedOn, Expr::value(today))
                .filter(case_deadlines::Column::CaseId.eq(p.case_id))
                .filter(case_deadlines::Column::Kind.eq("publication"))
                .filter(case_deadlines::Column::Status.eq("running"))
                .exec(uow.txn())
                .await?;
            // The public version's registered hash: what the portal serves verifies as it.
            let public_sha256 = issued_documents::Entity::find_by_id(p.document_id)
                .one(uow.txn())
                .await?
                .and_then(|d| d.public_sha256);
            (
                "publication.publish",
                json!({"publication_id": p.id, "number": p.number, "display_until": until.to_string(), "late": today > p.due_on, "public_sha256": public_sha256}),
            )
        }
        PublicationStep::Withdraw { basis, reason } => {
            let basis = basis.unwrap_or(WithdrawalBasis::Changed);
            active.withdrawn_at = Set(Some(now));
            active.withdrawn_by = Set(Some(actor.user_id));
            active.withdrawal_basis = Set(Some(basis.as_str().to_owned()));
            active.withdrawal_reason = Set(Some(reason.trim().to_owned()));
            crate::ssr::services::cases::documents::end_decision(
                uow.txn(),
                p.case_id,
                basis,
                &format!("{}：{}", basis.label(lang), reason.trim()),
            )
            .await?;
            (
                "publication.withdraw",
                json!({"publication_id": p.id, "number": p.number, "basis": basis.as_str(), "reason": reason.trim()}),
            )
        }
    };
    active.update(uow.txn()).await?;
    uow.touch_publication(p.id);
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action,
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: p.case_id.to_string(),
        payload,
    });
    uow.commit().await?;
    Ok(())
}

/// Validation error for an unknown withdrawal basis.
pub fn basis(input: &str) -> Result<Option<WithdrawalBasis>, ServiceError> {
    match input.trim() {
        "" => Ok(None),
        s => WithdrawalBasis::parse(s)
            .map(Some)
            .ok_or_else(|| ValidationError::new(Field::WithdrawalBasis, Rule::OneOf).into()),
    }
}
