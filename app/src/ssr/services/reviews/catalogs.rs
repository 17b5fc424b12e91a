//! The versioned catalog of major decisions of each agency: list, the form, publish.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use tianping_domain::{
    authz::{Action, Actor, can},
    i18n::Lang,
    money,
    review::{self, CatalogVersion, Criterion, Measure, ReviewCatalog},
    validate::{self, Field, Rule, ValidationError},
};

use super::{minute, versions};
use crate::{
    api::review_dto::{AgencyCatalogs, CatalogForm, CatalogVersionView},
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, review_catalogs},
        error::ServiceError,
    },
};

/// Every agency's catalog versions, for administrators.
pub async fn catalogs(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<AgencyCatalogs>, ServiceError> {
    can(actor, &Action::ManageReviewCatalog)?;
    let today = state.today();
    let mut out = Vec::new();
    let all = agencies::Entity::find()
        .order_by_asc(agencies::Column::Id)
        .all(&state.db.conn)
        .await?;
    for a in all.into_iter().filter(|a| a.kind == "enforcement") {
        let versions = versions(&state.db.conn, a.id).await?;
        let plain: Vec<CatalogVersion> = versions.iter().map(|(_, v)| v.clone()).collect();
        let current = review::in_force(&plain, today).map(|v| v.version);
        let creators = crate::ssr::services::names::user_names(
            &state.db.conn,
            versions.iter().map(|(r, _)| r.created_by),
        )
        .await?;
        let draft = form_of(
            a.id,
            review::in_force(&plain, today)
                .map(|v| v.catalog.clone())
                .unwrap_or_else(ReviewCatalog::typical),
        );
        out.push(AgencyCatalogs {
            agency_id: a.id,
            agency_name: a.name.clone(),
            versions: versions
                .iter()
                .rev()
                .map(|(row, v)| CatalogVersionView {
                    id: row.id,
                    version: row.version,
                    effective_from: row.effective_from,
                    in_force: Some(v.version) == current,
                    criteria: v
                        .catalog
                        .criteria
                        .iter()
                        .map(|c| c.describe(lang))
                        .collect(),
                    note: row.note.clone(),
                    created_by: creators.get(&row.created_by).cloned().unwrap_or_default(),
                    created_at: minute(row.created_at),
                })
                .collect(),
            draft,
        });
    }
    Ok(out)
}

fn yuan(fen: i64) -> String {
    money::format_yuan(fen).replace(',', "")
}

/// The form that would publish `catalog` again (the prefill of the next version).
fn form_of(agency_id: i32, catalog: ReviewCatalog) -> CatalogForm {
    let mut form = CatalogForm {
        agency: agency_id.to_string(),
        ..CatalogForm::default()
    };
    let mut flags = Vec::new();
    for c in catalog.criteria {
        match c {
            Criterion::Fine {
                natural_person_fen,
                organisation_fen,
            } => {
                form.fine_person = yuan(natural_person_fen);
                form.fine_organisation = yuan(organisation_fen);
            }
            Criterion::Confiscation {
                natural_person_fen,
                organisation_fen,
            } => {
                form.confiscation_person = yuan(natural_person_fen);
                form.confiscation_organisation = yuan(organisation_fen);
            }
            Criterion::Measures { measures } => {
                for m in measures {
                    form.measures.insert(m.as_str().to_owned(), "on".into());
                }
            }
            Criterion::Hearing => form.hearing = "on".into(),
            Criterion::DiscretionDeparture => form.departure = "on".into(),
            Criterion::Flag {
                code,
                label_zh,
                label_en,
            } => flags.push(format!("{code} | {label_zh} | {label_en}")),
        }
    }
    form.flags = flags.join("\n");
    form
}

fn on(s: &str) -> bool {
    matches!(s.trim(), "on" | "true")
}

/// Parses the catalog form into a catalog, naming every bad field.
pub fn parse_catalog_form(form: &CatalogForm) -> Result<ReviewCatalog, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let mut criteria = Vec::new();
    let mut pair = |field: Field, a: &str, b: &str| -> Option<(i64, i64)> {
        if a.trim().is_empty() && b.trim().is_empty() {
            return None;
        }
        let parse = |s: &str| money::parse_yuan(s).ok();
        match (parse(a), parse(b)) {
            (Some(x), Some(y)) => Some((x, y)),
            _ => {
                errors.push(ValidationError::new(field, Rule::Amount));
                None
            }
        }
    };
    if let Some((p, o)) = pair(
        Field::FineThreshold,
        &form.fine_person,
        &form.fine_organisation,
    ) {
        criteria.push(Criterion::Fine {
            natural_person_fen: p,
            organisation_fen: o,
        });
    }
    if let Some((p, o)) = pair(
        Field::ConfiscationThreshold,
        &form.confiscation_person,
        &form.confiscation_organisation,
    ) {
        criteria.push(Criterion::Confiscation {
            natural_person_fen: p,
            organisation_fen: o,
        });
    }
    let mut measures = Vec::new();
    for (k, v) in &form.measures {
        if !on(v) {
            continue;
        }
        match Measure::parse(k) {
            Some(m) => measures.push(m),
            None => errors.push(ValidationError::new(Field::Measures, Rule::OneOf)),
        }
    }
    if !measures.is_empty() {
        measures.sort();
        criteria.push(Criterion::Measures { measures });
    }
    if on(&form.hearing) {
        criteria.push(Criterion::Hearing);
    }
    if on(&form.departure) {
        criteria.push(Criterion::DiscretionDeparture);
    }
    for line in form.flags.lines().filter(|l| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        match parts.as_slice() {
            [code, zh, en] => criteria.push(Criterion::Flag {
                code: (*code).to_owned(),
                label_zh: (*zh).to_owned(),
                label_en: (*en).to_owned(),
            }),
            [code, zh] => criteria.push(Criterion::Flag {
                code: (*code).to_owned(),
                label_zh: (*zh).to_owned(),
                label_en: (*zh).to_owned(),
            }),
            _ => errors.push(ValidationError::new(Field::FlagLabel, Rule::Malformed)),
        }
    }
    let catalog = ReviewCatalog { criteria };
    if let Err(more) = catalog.check() {
        errors.extend(more);
    }
    if errors.is_empty() {
        Ok(catalog)
    } else {
        Err(errors)
    }
}

/// Publishes a new catalog version of an agency; the audit event carries the whole catalog.
pub async fn publish_catalog(
    state: &AppState,
    actor: &Actor,
    form: &CatalogForm,
) -> Result<i32, ServiceError> {
    can(actor, &Action::ManageReviewCatalog)?;
    let today = state.today();
    let mut errors = Vec::new();
    let agency_id = form.agency.trim().parse::<i32>().ok();
    let effective_from = if form.effective_from.trim().is_empty() {
        Some(today)
    } else {
        match validate::date(Field::EffectiveFrom, &form.effective_from) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(e);
                None
            }
        }
    };
    // Every version says why it changes (the history is read by reviewers and auditors).
    let note = validate::text(Field::CatalogNote, &form.note, 1, 2000);
    let catalog = parse_catalog_form(form);
    let uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let agency = match agency_id {
        Some(id) => agencies::Entity::find_by_id(id)
            .one(uow.txn())
            .await?
            .filter(|a| a.kind == "enforcement"),
        None => None,
    };
    if agency.is_none() {
        errors.push(ValidationError::new(Field::Agency, Rule::Exists));
    }
    let note = note.map_err(|e| errors.push(e)).unwrap_or_default();
    let catalog = catalog.map_err(|e| errors.extend(e)).ok();
    if let (Some(agency), Some(catalog)) = (&agency, &catalog) {
        let latest = review_catalogs::Entity::find()
            .filter(review_catalogs::Column::AgencyId.eq(agency.id))
            .order_by_desc(review_catalogs::Column::Version)
            .one(uow.txn())
            .await?
            .and_then(|row| serde_json::from_str::<ReviewCatalog>(&row.criteria).ok());
        if let Err(e) = review::check_new_version(latest.as_ref(), catalog) {
            errors.push(e);
        }
    }
    let (Some(agency), Some(effective_from), Some(catalog), true) =
        (agency, effective_from, catalog, errors.is_empty())
    else {
        return Err(ServiceError::ValidationMany(errors));
    };
    insert_version(uow, actor, &agency, effective_from, &catalog, &note).await
}

/// Writes a catalog version (numbered after the agency's last) and its audit event.
pub async fn insert_version(
    mut uow: UnitOfWork,
    actor: &Actor,
    agency: &agencies::Model,
    effective_from: NaiveDate,
    catalog: &ReviewCatalog,
    note: &str,
) -> Result<i32, ServiceError> {
    let last = uow.locked(
        review_catalogs::Entity::find()
            .filter(review_catalogs::Column::AgencyId.eq(agency.id))
            .order_by_desc(review_catalogs::Column::Version),
    );
    let version = last.one(uow.txn()).await?.map_or(1, |r| r.version + 1);
    let row = review_catalogs::ActiveModel {
        agency_id: Set(agency.id),
        version: Set(version),
        effective_from: Set(effective_from),
        criteria: Set(serde_json::to_string(catalog).unwrap_or_default()),
        note: Set(note.to_owned()),
        created_by: Set(actor.user_id),
        created_at: Set(uow.now()),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "review.publish_catalog",
        subject_type: "agency",
        subject_id: agency.id.to_string(),
        payload: json!({
            "version": version, "effective_from": effective_from,
            "catalog": catalog, "note": note,
        }),
    });
    uow.flush().await?;
    uow.commit().await?;
    Ok(row.id)
}
