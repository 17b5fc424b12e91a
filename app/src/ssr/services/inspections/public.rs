//! The public side of inspections, no account needed: anyone at the door checks an
//! inspection code (genuine or not, agency, item, officers and their certificates' standing,
//! approved window: nothing private); the enterprise opens its own records with its
//! supervision code and rates each inspection once. Lookups are limited per client at the
//! edge, like the other lookups by secret number.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use sha2::Digest;
use tianping_domain::{
    i18n::{Lang, china_time},
    inspection::{
        SupervisionCode,
        lifecycle::{self, InspectionState, Outcome},
        parse_inspection_code,
    },
    validate::{self, Field, Rule, ValidationError},
};

use super::{AUDIT_SUBJECT_TYPE, cap_rules, certificates_on, officers_of, row_state};
use crate::{
    api::inspection_dto::{
        CheckedOfficer, EnterpriseInspection, EnterpriseRecord, InspectionCheck, RateInspectionForm,
    },
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{enterprises, inspection_items, inspections},
        error::ServiceError,
        services::names,
    },
};

/// The check at the door: whether `code` is an inspection on record, and what it may cover.
pub async fn check(
    state: &AppState,
    code: &str,
    lang: Lang,
) -> Result<InspectionCheck, ServiceError> {
    let typed = code.trim();
    if typed.is_empty() {
        return Err(ValidationError::new(Field::InspectionCode, Rule::Required).into());
    }
    let canonical = parse_inspection_code(typed)
        .ok_or(ValidationError::new(Field::InspectionCode, Rule::Malformed))?;
    let conn = &state.db.conn;
    let Some(row) = inspections::Entity::find()
        .filter(inspections::Column::Code.eq(canonical.as_str()))
        .one(conn)
        .await?
    else {
        return Ok(InspectionCheck {
            genuine: false,
            code: canonical,
            agency: None,
            item: None,
            approved: false,
            window_from: None,
            window_to: None,
            state_label: None,
            officers: Vec::new(),
        });
    };
    let today = china_time(state.clock.now()).date_naive();
    let officers = officers_of(conn, &[row.id])
        .await?
        .remove(&row.id)
        .unwrap_or_default();
    let people = names::user_names(conn, officers.iter().copied()).await?;
    let certificates = certificates_on(conn, officers.iter().copied(), today).await?;
    let item = inspection_items::Entity::find_by_id(row.item_id)
        .one(conn)
        .await?;
    let agencies = names::agency_names(conn).await?;
    Ok(InspectionCheck {
        genuine: true,
        code: row.code.clone(),
        agency: agencies.get(&row.agency_id).cloned(),
        item: item.map(|i| i.name),
        approved: row.approved,
        window_from: Some(row.window_from),
        window_to: Some(row.window_to),
        state_label: Some(row_state(&row)?.label(lang).to_owned()),
        officers: officers
            .iter()
            .map(|u| {
                let (number, in_force) = certificates.get(u).cloned().unwrap_or_default();
                CheckedOfficer {
                    name: people.get(u).cloned().unwrap_or_default(),
                    certificate_number: number,
                    certificate_in_force: in_force,
                }
            })
            .collect(),
    })
}

/// The enterprise holding this supervision code.
async fn enterprise(state: &AppState, code: &str) -> Result<enterprises::Model, ServiceError> {
    if code.trim().is_empty() {
        return Err(ValidationError::new(Field::SupervisionCode, Rule::Required).into());
    }
    let code = SupervisionCode::parse(code).ok_or(ValidationError::new(
        Field::SupervisionCode,
        Rule::Malformed,
    ))?;
    enterprises::Entity::find()
        .filter(enterprises::Column::SupervisionCode.eq(code.as_str()))
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// The enterprise's own page: its inspections (who, when, what, the result), the ones
/// notified to come, its grade and the published cap.
pub async fn enterprise_record(
    state: &AppState,
    code: &str,
    lang: Lang,
) -> Result<EnterpriseRecord, ServiceError> {
    let firm = enterprise(state, code).await?;
    let conn = &state.db.conn;
    let rows = inspections::Entity::find()
        .filter(inspections::Column::EnterpriseId.eq(firm.id))
        .order_by_desc(inspections::Column::Id)
        .limit(200)
        .all(conn)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let officers = officers_of(conn, &ids).await?;
    let people = names::user_names(conn, officers.values().flatten().copied()).await?;
    let agencies = names::agency_names(conn).await?;
    let items: HashMap<i32, String> = inspection_items::Entity::find()
        .filter(inspection_items::Column::Id.is_in(rows.iter().map(|r| r.item_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|i| (i.id, i.name))
        .collect();
    let grade = tianping_domain::inspection::Grade::parse(&firm.grade)
        .unwrap_or(tianping_domain::inspection::Grade::D);
    let (mut visits, mut upcoming) = (Vec::new(), Vec::new());
    for row in rows {
        let st = row_state(&row)?;
        // A proposal not yet approved is the agency's internal business.
        if st == InspectionState::Proposed && !row.emergency {
            continue;
        }
        let entry = EnterpriseInspection {
            code: row.code.clone(),
            agency: agencies.get(&row.agency_id).cloned().unwrap_or_default(),
            item: items.get(&row.item_id).cloned().unwrap_or_default(),
            on: row.registered_on.unwrap_or(row.window_from),
            officers: officers
                .get(&row.id)
                .map(|list| list.iter().filter_map(|u| people.get(u).cloned()).collect())
                .unwrap_or_default(),
            state_label: st.label(lang).to_owned(),
            outcome_label: row
                .outcome
                .as_deref()
                .and_then(Outcome::parse)
                .map(|o| o.label(lang).to_owned()),
            result_note: row.result_note.clone(),
            may_rate: lifecycle::may_rate(st, row.rating.is_some()),
            rating: row.rating,
        };
        if st.visited() {
            visits.push(entry);
        } else {
            upcoming.push(entry);
        }
    }
    Ok(EnterpriseRecord {
        name: firm.name,
        credit_code: firm.credit_code,
        grade_label: grade.label(lang).to_owned(),
        yearly_cap: cap_rules().cap(grade),
        visits,
        upcoming,
    })
}

/// The enterprise rates an inspection it was told the result of, once (评议). `client` is the
/// caller's address (the submission limit).
pub async fn rate(
    state: &AppState,
    form: &RateInspectionForm,
    client: &str,
    lang: Lang,
) -> Result<EnterpriseRecord, ServiceError> {
    let firm = enterprise(state, &form.supervision_code).await?;
    let code = parse_inspection_code(&form.inspection_code)
        .ok_or(ValidationError::new(Field::InspectionCode, Rule::Malformed))?;
    if !(1..=5).contains(&form.rating) {
        return Err(ValidationError::new(Field::Rating, Rule::OneOf).into());
    }
    let comment = if form.comment.trim().is_empty() {
        String::new()
    } else {
        validate::text(Field::Comment, &form.comment, 1, 500)?
    };
    let now = state.clock.now();
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    // Read in the unit of work: of two ratings at once, the second finds the first.
    let row = uow
        .locked(
            inspections::Entity::find()
                .filter(inspections::Column::Code.eq(code.as_str()))
                .filter(inspections::Column::EnterpriseId.eq(firm.id)),
        )
        .one(uow.txn())
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !lifecycle::may_rate(row_state(&row)?, row.rating.is_some()) {
        return Err(ServiceError::StateConflict(
            lang.pick(
                "该检查尚未告知结果或已经评价过，不能再评价",
                "This inspection has no result yet or was rated already",
            )
            .to_owned(),
        ));
    }
    crate::ssr::rate_limit::admit(
        &uow,
        &state.settings.complaint_rate,
        crate::ssr::rate_limit::Form::InspectionRating,
        client,
    )
    .await?;
    let mut am: inspections::ActiveModel = row.clone().into();
    am.rating = Set(Some(form.rating));
    am.rating_comment = Set((!comment.is_empty()).then_some(comment.clone()));
    am.rated_at = Set(Some(now));
    am.update(uow.txn()).await?;
    uow.record(NewEvent {
        actor: AuditActor::anonymous(),
        action: "inspection.rate",
        subject_type: AUDIT_SUBJECT_TYPE,
        subject_id: row.id.to_string(),
        payload: json!({
            "code": row.code,
            "rating": form.rating,
            "comment_sha256": hex::encode(sha2::Sha256::digest(comment.as_bytes())),
        }),
    });
    uow.commit().await?;
    enterprise_record(state, &form.supervision_code, lang).await
}
