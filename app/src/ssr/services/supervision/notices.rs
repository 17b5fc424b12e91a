//! Supervision opinions and decisions (监督意见书 / 监督决定书, issue 24 item 2): issued by
//! supervisors to the enforcement agencies of their region, answered by the agency's head
//! with a rectification report, accepted or returned by the supervisors; read by both sides.
//! The rules are `tianping_domain::supervision::notice`; every write is one audit event in the
//! same unit of work, and a step is one conditional update (still in the status it was read
//! in), so two steps at once give one success and one 409.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use serde_json::json;
use tianping_domain::{
    authz::{Action, Actor, can},
    i18n::Lang,
    supervision::notice::{
        self, DecisionOrder, NoticeDoc, NoticeKind, NoticeSource, NoticeStatus, NoticeStep,
        RawNotice, Rectification, ValidNotice,
    },
    validate::{Field, Rule, ValidationError},
};

use super::oversight::{agency_ref, names_of, own_body, target_agency};
use crate::{
    api::supervision_dto::{NoticeStepForm, NoticeStepView, NoticeView},
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, supervision_notice_steps as steps, supervision_notices as notices},
        error::ServiceError,
        services::cases::documents::{PdfFile, render},
    },
};

fn status_of(row: &notices::Model) -> NoticeStatus {
    NoticeStatus::parse(&row.status).unwrap_or(NoticeStatus::Issued)
}

fn kind_of(row: &notices::Model) -> NoticeKind {
    NoticeKind::parse(&row.kind).unwrap_or(NoticeKind::Opinion)
}

/// The notice as its rules know it, read back from its row.
fn valid_of(row: &notices::Model) -> ValidNotice {
    ValidNotice {
        kind: kind_of(row),
        order: row.order_kind.as_deref().and_then(DecisionOrder::parse),
        source: NoticeSource::parse(&row.source).unwrap_or(NoticeSource::Other),
        source_ref: row.source_ref.clone(),
        problems: row.problems.clone(),
        requirements: row.requirements.clone(),
        basis: row.basis.clone(),
        deadline: row.deadline,
    }
}

/// The steps the actor may take on a notice now.
fn open_for(actor: &Actor, agency: &agencies::Model, status: NoticeStatus) -> Vec<NoticeStep> {
    let scope = agency.scope();
    notice::open_steps(status)
        .into_iter()
        .filter(|s| {
            let action = if s.by_agency() {
                Action::ReportRectification(&scope)
            } else {
                Action::RecordOversight(&scope)
            };
            can(actor, &action).is_ok()
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn view(
    row: notices::Model,
    agency: &agencies::Model,
    body_name: &str,
    row_steps: Vec<steps::Model>,
    names: &HashMap<i32, String>,
    actor: &Actor,
    today: NaiveDate,
    lang: Lang,
) -> NoticeView {
    let status = status_of(&row);
    let kind = kind_of(&row);
    let rectification = Rectification::of(row.deadline, status, row.first_report_on, today);
    let source = NoticeSource::parse(&row.source).unwrap_or(NoticeSource::Other);
    let source = if row.source_ref.is_empty() {
        source.label(lang).to_owned()
    } else {
        format!("{}（{}）", source.label(lang), row.source_ref)
    };
    NoticeView {
        id: row.id,
        number: row.number,
        kind,
        title: kind.label(lang).to_owned(),
        order: row
            .order_kind
            .as_deref()
            .and_then(DecisionOrder::parse)
            .map(|o| o.label(lang).to_owned()),
        agency: agency_ref(agency),
        issued_by: body_name.to_owned(),
        issued_on: row.issued_on,
        source,
        problems: row.problems,
        requirements: row.requirements,
        basis: row.basis,
        deadline: row.deadline,
        status,
        status_label: status.label(lang).to_owned(),
        rectification,
        rectification_label: rectification.label(lang).to_owned(),
        steps: row_steps
            .into_iter()
            .map(|s| {
                let step = NoticeStep::parse(&s.step).unwrap_or(NoticeStep::Report);
                NoticeStepView {
                    step,
                    label: step.label(lang).to_owned(),
                    text: s.body,
                    evidence: s
                        .evidence
                        .lines()
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    by: names.get(&s.actor_id).cloned().unwrap_or_default(),
                    on: s.on_day,
                }
            })
            .collect(),
        can: open_for(actor, agency, status),
        pdf: format!("/api/v1/supervision/notices/{}/pdf", row.id),
    }
}

async fn all_agencies(state: &AppState) -> Result<HashMap<i32, agencies::Model>, ServiceError> {
    Ok(agencies::Entity::find()
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

/// Builds the views of `rows` (each of an agency in `visible`) with their steps and names.
async fn views(
    state: &AppState,
    actor: &Actor,
    rows: Vec<notices::Model>,
    lang: Lang,
) -> Result<Vec<NoticeView>, ServiceError> {
    let agencies = all_agencies(state).await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut by_notice: HashMap<i32, Vec<steps::Model>> = HashMap::new();
    for s in steps::Entity::find()
        .filter(steps::Column::NoticeId.is_in(ids))
        .order_by_asc(steps::Column::Id)
        .all(&state.db.conn)
        .await?
    {
        by_notice.entry(s.notice_id).or_default().push(s);
    }
    let names = names_of(
        state,
        by_notice
            .values()
            .flatten()
            .map(|s| s.actor_id)
            .collect::<Vec<_>>(),
    )
    .await?;
    let today = state.today();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let agency = agencies.get(&r.agency_id)?;
            let body = agencies
                .get(&r.body_id)
                .map(|b| b.name.as_str())
                .unwrap_or_default();
            let s = by_notice.remove(&r.id).unwrap_or_default();
            Some(view(r, agency, body, s, &names, actor, today, lang))
        })
        .collect())
}

/// The notices addressed to the agencies the actor oversees (supervisors their region, heads
/// their agency, admins all): the ones still owed first, then by deadline, latest first.
pub async fn notices(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<NoticeView>, ServiceError> {
    can(actor, &Action::Supervise)?;
    let visible = super::super::agencies_where(state, actor, |a| Action::ViewOversight(a)).await?;
    let rows = notices::Entity::find()
        .filter(notices::Column::AgencyId.is_in(visible.keys().copied()))
        .order_by_asc(notices::Column::Deadline)
        .order_by_desc(notices::Column::Id)
        .all(&state.db.conn)
        .await?;
    let mut list = views(state, actor, rows, lang).await?;
    // Closed ones last; among the rest, the earliest deadline first.
    list.sort_by_key(|n| (n.status == NoticeStatus::Closed, n.deadline));
    Ok(list)
}

/// A notice the actor may read, or not found.
async fn readable(
    state: &AppState,
    actor: &Actor,
    id: i32,
) -> Result<(notices::Model, agencies::Model), ServiceError> {
    can(actor, &Action::Supervise)?;
    let row = notices::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(actor, &Action::ViewOversight(&agency.scope()))?;
    Ok((row, agency))
}

/// One notice with its steps.
pub async fn notice(
    state: &AppState,
    actor: &Actor,
    id: i32,
    lang: Lang,
) -> Result<NoticeView, ServiceError> {
    let (row, _) = readable(state, actor, id).await?;
    views(state, actor, vec![row], lang)
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)
}

/// Issues an opinion or a decision of the supervisor's body to an agency of its region,
/// numbered per instrument and year.
pub async fn issue_notice(
    state: &AppState,
    actor: &Actor,
    raw: &RawNotice,
    lang: Lang,
) -> Result<NoticeView, ServiceError> {
    let body = own_body(state, actor).await?;
    let agency = target_agency(state, actor, &raw.agency).await?;
    let today = state.today();
    let valid = notice::validate_notice(raw, today).map_err(ServiceError::ValidationMany)?;
    let year = today.year();
    let now = state.clock.now();
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    // The number is taken inside the unit of work (writes are serialised); the unique index
    // on (body, instrument, year, seq) refuses a second notice with the same number.
    let last: Option<i32> = notices::Entity::find()
        .select_only()
        .column_as(notices::Column::Seq.max(), "max")
        .filter(notices::Column::BodyId.eq(body.id))
        .filter(notices::Column::Kind.eq(valid.kind.as_str()))
        .filter(notices::Column::Year.eq(year))
        .into_tuple::<Option<i32>>()
        .one(uow.txn())
        .await?
        .flatten();
    let seq = last.unwrap_or(0) + 1;
    let number = notice::notice_number(
        &body.short_name,
        valid.kind,
        year,
        u32::try_from(seq).unwrap_or(1),
    );
    let row = notices::Entity::insert(notices::ActiveModel {
        body_id: Set(body.id),
        agency_id: Set(agency.id),
        kind: Set(valid.kind.as_str().into()),
        order_kind: Set(valid.order.map(|o| o.as_str().to_owned())),
        number: Set(number.clone()),
        year: Set(year),
        seq: Set(seq),
        source: Set(valid.source.as_str().into()),
        source_ref: Set(valid.source_ref.clone()),
        problems: Set(valid.problems.clone()),
        requirements: Set(valid.requirements.clone()),
        basis: Set(valid.basis.clone()),
        deadline: Set(valid.deadline),
        status: Set(NoticeStatus::Issued.as_str().into()),
        first_report_on: Set(None),
        closed_on: Set(None),
        issued_on: Set(today),
        issued_by: Set(actor.user_id),
        issued_at: Set(now),
        ..Default::default()
    })
    .exec_with_returning(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "supervision.notice",
        subject_type: "notice",
        subject_id: row.id.to_string(),
        payload: json!({
            "number": number, "kind": valid.kind.as_str(),
            "order": valid.order.map(DecisionOrder::as_str),
            "agency_id": agency.id, "source": valid.source.as_str(),
            "source_ref": valid.source_ref, "problems": valid.problems,
            "requirements": valid.requirements, "basis": valid.basis,
            "deadline": valid.deadline.to_string(),
        }),
    });
    uow.commit().await?;
    Ok(view(
        row,
        &agency,
        &body.name,
        Vec::new(),
        &HashMap::new(),
        actor,
        today,
        lang,
    ))
}

/// Takes a step on a notice: the agency head's report, the supervisor's acceptance or return.
pub async fn step_notice(
    state: &AppState,
    actor: &Actor,
    id: i32,
    form: &NoticeStepForm,
    lang: Lang,
) -> Result<NoticeView, ServiceError> {
    let (row, agency) = readable(state, actor, id).await?;
    let step = NoticeStep::parse(&form.step).ok_or_else(|| {
        ValidationError::new(
            Field::Step,
            if form.step.trim().is_empty() {
                Rule::Required
            } else {
                Rule::OneOf
            },
        )
    })?;
    let scope = agency.scope();
    if step.by_agency() {
        can(actor, &Action::ReportRectification(&scope))?;
    } else {
        can(actor, &Action::RecordOversight(&scope))?;
    }
    let status = status_of(&row);
    let refused = || {
        ServiceError::StateConflict(
            format!(
                "{}{}{}",
                lang.pick("该监督文书当前为「", "This notice is now “"),
                status.label(lang),
                lang.pick("」，不能", "” and cannot take the step: "),
            ) + step.label(lang),
        )
    };
    let after = notice::next(status, step).ok_or_else(refused)?;
    let (text, evidence) = if step == NoticeStep::Report {
        let r = notice::validate_report(&form.text, &form.evidence)
            .map_err(ServiceError::ValidationMany)?;
        (r.text, r.evidence)
    } else {
        (notice::validate_verdict(step, &form.text)?, Vec::new())
    };
    let today = state.today();
    let now = state.clock.now();
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    let mut update = notices::Entity::update_many()
        .col_expr(notices::Column::Status, Expr::value(after.as_str()))
        .filter(notices::Column::Id.eq(id))
        .filter(notices::Column::Status.eq(status.as_str()));
    let first_report = step == NoticeStep::Report && row.first_report_on.is_none();
    if first_report {
        update = update.col_expr(notices::Column::FirstReportOn, Expr::value(today));
    }
    if after == NoticeStatus::Closed {
        update = update.col_expr(notices::Column::ClosedOn, Expr::value(today));
    }
    if update.exec(uow.txn()).await?.rows_affected != 1 {
        // Someone took a step since this one read the notice.
        return Err(ServiceError::StateConflict(
            lang.pick(
                "该监督文书刚刚已被他人处理，请刷新后再试",
                "Someone has just acted on this notice; reload and try again",
            )
            .to_owned(),
        ));
    }
    steps::Entity::insert(steps::ActiveModel {
        notice_id: Set(id),
        step: Set(step.as_str().into()),
        body: Set(text.clone()),
        evidence: Set(evidence.join("\n")),
        actor_id: Set(actor.user_id),
        on_day: Set(today),
        at: Set(now),
        ..Default::default()
    })
    .exec(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: match step {
            NoticeStep::Report => "supervision.notice_report",
            NoticeStep::Accept => "supervision.notice_accept",
            NoticeStep::Return => "supervision.notice_return",
        },
        subject_type: "notice",
        subject_id: id.to_string(),
        payload: json!({
            "number": row.number, "from": status.as_str(), "to": after.as_str(),
            "text": text, "evidence": evidence,
            "late": step == NoticeStep::Report && today > row.deadline,
        }),
    });
    uow.commit().await?;
    notice(state, actor, id, lang).await
}

/// The document of a notice (PDF), as issued.
pub async fn notice_pdf(state: &AppState, actor: &Actor, id: i32) -> Result<PdfFile, ServiceError> {
    let (row, agency) = readable(state, actor, id).await?;
    let body = agencies::Entity::find_by_id(row.body_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let valid = valid_of(&row);
    let model = notice::document(&NoticeDoc {
        body_name: &body.name,
        agency_name: &agency.name,
        number: &row.number,
        issued_on: row.issued_on,
        notice: &valid,
    });
    let bytes = render(state, model, Some(row.issued_at)).await?;
    Ok(PdfFile {
        bytes,
        file_name: format!("{}.pdf", row.number),
    })
}
