//! After-the-fact publication (事后公开) of penalty decisions: a record drafted when the decision
//! is issued (redacted by `tianping_domain::document::redact`), approved by an officer or head
//! of the agency after comparing it with the original, public for its display period, and
//! withdrawn — with the reason and its legal basis — when the decision is changed. The rules are
//! `tianping_domain::publicity`; every write is an audit event in the same unit of work.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, sea_query::Expr,
};
use serde_json::json;
use tianping_domain::{
    authz::{Action, Actor, AgencyScope, can},
    case,
    document::{CaseFile, DocumentModel, model::Block},
    i18n::{Lang, china_time},
    money::format_yuan,
    publicity::{
        self, PublicationError, PublicationStatus, PublicationStep, Search, SearchInput,
        WithdrawalBasis, request, search_index::Filters,
    },
    validate::{Field, Rule, ValidationError},
};

use super::cases::today;
use crate::{
    api::publicity_dto::{DecisionPage, PublicDecision, PublicationView},
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
                &state.settings.calendar,
                &state.settings.publication_rules,
            )
        },
        |d| d.due_on,
    );
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
            provision: Set(file.provision.clone().unwrap_or_default()),
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
    let today = today(state);
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
    can(
        actor,
        &Action::IssueDocument(&AgencyScope {
            agency_id: agency.id,
            region_code: agency.region_code.clone(),
        }),
    )?;
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
            let until =
                publicity::display_until(today, *display_until, &state.settings.publication_rules)?;
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
            (
                "publication.publish",
                json!({"publication_id": p.id, "number": p.number, "display_until": until.to_string(), "late": today > p.due_on}),
            )
        }
        PublicationStep::Withdraw { basis, reason } => {
            let basis = basis.unwrap_or(WithdrawalBasis::Changed);
            active.withdrawn_at = Set(Some(now));
            active.withdrawn_by = Set(Some(actor.user_id));
            active.withdrawal_basis = Set(Some(basis.as_str().to_owned()));
            active.withdrawal_reason = Set(Some(reason.trim().to_owned()));
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

/// Whether the record was removed early after credit repair (its content is hidden).
fn removed(p: &publications::Model) -> bool {
    p.withdrawal_basis
        .as_deref()
        .and_then(WithdrawalBasis::parse)
        .is_some_and(WithdrawalBasis::hides_record)
}

/// The agency's name and code, as a public decision shows them.
fn agency_of(agencies: &HashMap<i32, agencies::Model>, id: i32) -> (&str, &str) {
    agencies
        .get(&id)
        .map_or(("", ""), |a| (a.name.as_str(), a.code.as_str()))
}

fn public_view(
    p: &publications::Model,
    (agency_name, agency_code): (&str, &str),
    today: chrono::NaiveDate,
    rules: &publicity::PublicationRules,
    lang: Lang,
) -> PublicDecision {
    let status = PublicationStatus::parse(&p.status).unwrap_or(PublicationStatus::Draft);
    if removed(p) {
        // After credit repair only the notice stays: who, what and how much are not shown.
        return PublicDecision {
            id: p.id,
            number: p.number.clone(),
            title: p.title.clone(),
            agency: agency_name.to_owned(),
            agency_code: agency_code.to_owned(),
            party: String::new(),
            party_kind: String::new(),
            provision: String::new(),
            fine: None,
            decided_on: p.decided_on,
            published_on: p.published_on,
            display_until: p.display_until,
            withdrawn: true,
            withdrawal: withdrawal_text(p, lang),
            withdrawn_on: p.withdrawn_at.map(|t| china_time(t).date_naive()),
            body: String::new(),
            document_id: p.document_id,
            verification_code: None,
            removed: true,
            corrections: Vec::new(),
            takes_requests: false,
            removable_from: None,
        };
    }
    PublicDecision {
        id: p.id,
        number: p.number.clone(),
        title: p.title.clone(),
        agency: agency_name.to_owned(),
        agency_code: agency_code.to_owned(),
        party: p.party_name.clone(),
        party_kind: p.party_kind.clone(),
        provision: p.provision.clone(),
        fine: p
            .fine_fen
            .map(|f| format!("{}{}", format_yuan(f), lang.pick("元", " yuan"))),
        decided_on: p.decided_on,
        published_on: p.published_on,
        display_until: p.display_until,
        withdrawn: status == PublicationStatus::Withdrawn,
        withdrawal: withdrawal_text(p, lang),
        withdrawn_on: p.withdrawn_at.map(|t| china_time(t).date_naive()),
        body: p.body.clone(),
        document_id: p.document_id,
        verification_code: None,
        removed: false,
        corrections: Vec::new(),
        takes_requests: request::eligible(status, p.display_until, today).is_ok(),
        removable_from: p.published_on.map(|d| request::removable_from(d, rules)),
    }
}

fn visible_now(today: chrono::NaiveDate) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(publications::Column::Status.eq(PublicationStatus::Published.as_str()))
                .add(publications::Column::DisplayUntil.gte(today)),
        )
        .add(publications::Column::Status.eq(PublicationStatus::Withdrawn.as_str()))
}

/// What the search index needs of a checked search: the agency's code becomes its id (an
/// unknown code matches nothing) and only decisions still displayed today count.
fn filters(
    q: &Search,
    agencies: &HashMap<i32, agencies::Model>,
    today: chrono::NaiveDate,
) -> Filters {
    Filters {
        agency_id: q.agency.as_ref().map(|code| {
            agencies
                .values()
                .find(|a| &a.code == code)
                .map_or(-1, |a| a.id)
        }),
        from: q.from,
        to: q.to,
        fine_min: q.fine_min,
        fine_max: q.fine_max,
        party_kind: q.party_kind.clone(),
        visible_on: Some(today),
    }
}

/// The records with these ids that are public results today, in the order of `ids`. The index
/// chose them; the database has the last word (a record withdrawn by another process since is
/// left out).
async fn results(
    conn: &sea_orm::DatabaseConnection,
    ids: &[i32],
    today: chrono::NaiveDate,
) -> Result<Vec<publications::Model>, ServiceError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = publications::Entity::find()
        .filter(publications::Column::Id.is_in(ids.iter().copied()))
        .filter(publications::Column::Status.eq(PublicationStatus::Published.as_str()))
        .filter(publications::Column::DisplayUntil.gte(today))
        .all(conn)
        .await?;
    let mut by_id: HashMap<i32, publications::Model> =
        rows.into_iter().map(|p| (p.id, p)).collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

async fn agency_map(
    conn: &sea_orm::DatabaseConnection,
) -> Result<HashMap<i32, agencies::Model>, ServiceError> {
    Ok(agencies::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

/// Up to `limit` public decisions matching the search with an id above `after`, in id order
/// (bulk downloads page through them this way, whatever their number).
pub async fn export_chunk(
    state: &AppState,
    input: &SearchInput,
    after: i32,
    limit: u64,
    lang: Lang,
) -> Result<Vec<PublicDecision>, ServiceError> {
    let q: Search = publicity::search(input).map_err(ServiceError::ValidationMany)?;
    let conn = &state.db.conn;
    let agencies = agency_map(conn).await?;
    let today = today(state);
    let rules = &state.settings.publication_rules;
    let ids = state.search.read().ids_after(
        &q.words,
        &filters(&q, &agencies, today),
        after,
        usize::try_from(limit).unwrap_or(usize::MAX),
    );
    let rows = results(conn, &ids, today).await?;
    Ok(rows
        .iter()
        .map(|p| public_view(p, agency_of(&agencies, p.agency_id), today, rules, lang))
        .collect())
}

/// The public search: published decisions matching every word and filter, newest first;
/// withdrawn ones are not results (their own page still shows them as withdrawn). Answered
/// from the search index ([`crate::ssr::search_index`]).
pub async fn search(
    state: &AppState,
    input: &SearchInput,
    lang: Lang,
) -> Result<DecisionPage, ServiceError> {
    let q: Search = publicity::search(input).map_err(ServiceError::ValidationMany)?;
    let today = today(state);
    let conn = &state.db.conn;
    let agencies = agency_map(conn).await?;
    let page_size = usize::try_from(publicity::PAGE_SIZE).unwrap_or(20);
    let offset = usize::try_from(q.page - 1).unwrap_or(0) * page_size;
    let hits =
        state
            .search
            .read()
            .search(&q.words, &filters(&q, &agencies, today), offset, page_size);
    let rows = results(conn, &hits.ids, today).await?;
    let total = hits.total;
    let mut agency_list: Vec<(String, String)> = agencies
        .values()
        .map(|a| (a.code.clone(), a.name.clone()))
        .collect();
    agency_list.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(DecisionPage {
        total,
        page: q.page,
        pages: std::cmp::max(total.div_ceil(publicity::PAGE_SIZE), 1),
        items: rows
            .iter()
            .map(|p| {
                public_view(
                    p,
                    agency_of(&agencies, p.agency_id),
                    today,
                    &state.settings.publication_rules,
                    lang,
                )
            })
            .collect(),
        agencies: agency_list,
    })
}

/// One decision's public page: published and displayed, or withdrawn (shown as such).
pub async fn public_detail(
    state: &AppState,
    id: i32,
    lang: Lang,
) -> Result<PublicDecision, ServiceError> {
    let conn = &state.db.conn;
    let today = today(state);
    // One query for the page: the record with its agency, its document's verification code
    // and how many corrections it has (read only when there are some).
    let row = publications::Entity::find_by_id(id)
        .filter(visible_now(today))
        .column_as(
            Expr::cust("(SELECT name FROM agencies WHERE agencies.id = publications.agency_id)"),
            "agency_name",
        )
        .column_as(
            Expr::cust("(SELECT code FROM agencies WHERE agencies.id = publications.agency_id)"),
            "agency_code",
        )
        .column_as(
            Expr::cust("(SELECT verification_code FROM issued_documents WHERE issued_documents.id = publications.document_id)"),
            "verification_code",
        )
        .column_as(
            Expr::cust(format!(
                "(SELECT COUNT(*) FROM publication_requests WHERE publication_requests.publication_id = publications.id AND publication_requests.kind = '{}' AND publication_requests.status = '{}')",
                request::RequestKind::Correction.as_str(),
                request::RequestStatus::Accepted.as_str()
            )),
            "corrections",
        )
        .into_model::<DetailRow>()
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let p = &row.publication;
    let mut view = public_view(
        p,
        (
            row.agency_name.as_deref().unwrap_or_default(),
            row.agency_code.as_deref().unwrap_or_default(),
        ),
        today,
        &state.settings.publication_rules,
        lang,
    );
    if view.removed {
        return Ok(view);
    }
    view.verification_code = row
        .verification_code
        .as_deref()
        .and_then(tianping_domain::document::VerificationCode::parse)
        .map(|c| c.printed());
    if row.corrections > 0 {
        view.corrections = super::publication_requests::corrections(conn, p.id).await?;
    }
    Ok(view)
}

/// A public decision's record with what its page shows beside it.
#[derive(Debug, sea_orm::FromQueryResult)]
struct DetailRow {
    #[sea_orm(nested)]
    publication: publications::Model,
    agency_name: Option<String>,
    agency_code: Option<String>,
    verification_code: Option<String>,
    corrections: i64,
}

/// The ids of every public decision page, newest first (the sitemap).
pub async fn public_ids(state: &AppState) -> Result<Vec<(i32, chrono::NaiveDate)>, ServiceError> {
    Ok(publications::Entity::find()
        .filter(visible_now(today(state)))
        .order_by_desc(publications::Column::Id)
        .limit(50_000)
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p.published_on.unwrap_or(p.decided_on)))
        .collect())
}

/// Whether an issued document may be downloaded in its public version: its publication is
/// public now, and was not removed after credit repair.
pub async fn document_is_public(state: &AppState, document_id: i32) -> Result<bool, ServiceError> {
    Ok(publications::Entity::find()
        .filter(publications::Column::DocumentId.eq(document_id))
        .filter(visible_now(today(state)))
        .all(&state.db.conn)
        .await?
        .iter()
        .any(|p| !removed(p)))
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
