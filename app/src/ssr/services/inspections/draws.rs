//! 双随机、一公开 (issue 23 item 3): the agency's head draws enterprises from the agency's
//! region and officers from those with a certificate in force today, for an item on the
//! agency's published list. The draw is `tianping_domain::inspection::draw`: first a unit of
//! work logs the commitment to a fresh random seed (its SHA-256) in the audit log and commits;
//! only then is the draw made from the seed and stored, with a second audit event, and
//! published with its seed and candidates so that anyone can re-run it.

use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use tianping_domain::{
    authz::{Action, Actor, can},
    i18n::{Lang, china_time},
    inspection::{
        draw::{self, PublishedDraw},
        registration::within_region,
    },
    role::Role,
    validate::{Field, Rule, ValidationError},
};

use super::certificates_on;
use crate::{
    api::inspection_dto::{DrawEntry, DrawForm, DrawView},
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, credentials, enterprises, inspection_draws, inspection_items, users},
        error::ServiceError,
    },
};

/// The audit subject type of draws.
pub const AUDIT_SUBJECT_TYPE: &str = "inspection_draw";

/// The most enterprises or officers one draw may ask for.
pub const MAX_DRAWN: u32 = 500;

/// Makes a draw: the head of the item's agency only.
pub async fn run(
    state: &AppState,
    actor: &Actor,
    form: &DrawForm,
    lang: Lang,
) -> Result<DrawView, ServiceError> {
    let conn = &state.db.conn;
    let now = state.clock.now();
    let today = china_time(now).date_naive();
    let item = inspection_items::Entity::find_by_id(form.item_id)
        .one(conn)
        .await?;
    let agency = match &item {
        Some(i) => agencies::Entity::find_by_id(i.agency_id).one(conn).await?,
        None => None,
    };
    let (item, agency) = match (item, agency) {
        (Some(i), Some(a)) if can(actor, &Action::ViewInspections(&a.scope())).is_ok() => (i, a),
        _ => {
            return Err(match actor.role {
                Role::Officer | Role::AgencyHead => {
                    ValidationError::new(Field::InspectionItem, Rule::Exists).into()
                }
                Role::Integration => ServiceError::NotFound,
                _ => ServiceError::Forbidden,
            });
        }
    };
    can(actor, &Action::ProposeInspection(&agency.scope()))?;
    // The draw decides who is inspected: the agency's head, as for an approval.
    if actor.role != Role::AgencyHead {
        return Err(ServiceError::Forbidden);
    }
    let mut errors = Vec::new();
    if !item.published {
        errors.push(ValidationError::new(Field::InspectionItem, Rule::Exists));
    }
    if form.enterprises == 0 || form.enterprises > MAX_DRAWN {
        errors.push(ValidationError::new(Field::Enterprise, Rule::Positive));
    }
    if form.officers < 2 || form.officers > MAX_DRAWN {
        errors.push(ValidationError::new(
            Field::Officers,
            Rule::TooFew { min: 2 },
        ));
    }
    if !errors.is_empty() {
        return Err(ServiceError::ValidationMany(errors));
    }

    // The candidates: the region's enterprises, and the agency's officers certified today.
    let firms: Vec<DrawEntry> = enterprises::Entity::find()
        .order_by_asc(enterprises::Column::CreditCode)
        .all(conn)
        .await?
        .into_iter()
        .filter(|f| within_region(&agency.region_code, &f.region_code))
        .map(|f| DrawEntry {
            id: f.credit_code,
            name: f.name,
        })
        .collect();
    let staff: Vec<users::Model> = users::Entity::find()
        .filter(users::Column::AgencyId.eq(agency.id))
        .filter(users::Column::Active.eq(true))
        .filter(users::Column::Role.eq(Role::Officer.as_str()))
        .all(conn)
        .await?;
    let standing = certificates_on(conn, staff.iter().map(|u| u.id), today).await?;
    let mut officers: Vec<DrawEntry> = staff
        .iter()
        .filter_map(|u| match standing.get(&u.id) {
            Some((Some(number), true)) => Some(DrawEntry {
                id: number.clone(),
                name: u.display_name.clone(),
            }),
            _ => None,
        })
        .collect();
    officers.sort_by(|a, b| a.id.cmp(&b.id));
    if firms.is_empty() || officers.len() < 2 {
        return Err(ServiceError::StateConflict(
            lang.pick(
                "辖区内没有检查对象，或本机关持有效执法证的执法人员少于两名，不能抽取",
                "No enterprise in the region, or fewer than two officers with a certificate in force: nothing to draw from",
            )
            .to_owned(),
        ));
    }

    // First the commitment, in its own commit: the seed is fixed before the draw is made.
    let seed: [u8; 32] = crate::ssr::util::random_bytes()?;
    let commitment = draw::commitment(&seed);
    let ids = |list: &[DrawEntry]| list.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    let firm_ids = ids(&firms);
    let officer_ids = ids(&officers);
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "inspection_draw.commit",
        subject_type: AUDIT_SUBJECT_TYPE,
        subject_id: format!("{}:{}", agency.code, item.code),
        payload: json!({
            "commitment": commitment,
            "agency_id": agency.id,
            "item_id": item.id,
            "enterprise_candidates": firm_ids,
            "officer_candidates": officer_ids,
            "enterprises": form.enterprises,
            "officers": form.officers,
        }),
    });
    let seqs = uow.commit().await?;
    let commitment_seq = seqs
        .first()
        .copied()
        .ok_or_else(|| ServiceError::Internal("the draw's commitment was not logged".to_owned()))?;

    // Then the draw, from the committed seed.
    let enterprises_drawn = draw::draw(&seed, &firm_ids, form.enterprises as usize);
    let officers_drawn = draw::draw(&seed, &officer_ids, form.officers as usize);
    let as_json = |v: &[String]| serde_json::to_string(v).unwrap_or_else(|_| "[]".to_owned());
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    let row = inspection_draws::ActiveModel {
        agency_id: Set(agency.id),
        item_id: Set(item.id),
        drawn_on: Set(today),
        commitment: Set(commitment.clone()),
        commitment_seq: Set(commitment_seq),
        seed: Set(hex::encode(seed)),
        enterprise_candidates: Set(as_json(&firm_ids)),
        enterprises_drawn: Set(as_json(&enterprises_drawn)),
        officer_candidates: Set(as_json(&officer_ids)),
        officers_drawn: Set(as_json(&officers_drawn)),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "inspection_draw.draw",
        subject_type: AUDIT_SUBJECT_TYPE,
        subject_id: row.id.to_string(),
        payload: json!({
            "commitment_seq": commitment_seq,
            "seed": row.seed,
            "enterprises_drawn": enterprises_drawn,
            "officers_drawn": officers_drawn,
        }),
    });
    uow.commit().await?;
    view(state, row).await
}

/// The draws of the agencies whose inspections the actor may read, newest first.
pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<DrawView>, ServiceError> {
    let agencies = super::visible_agencies(state, actor).await?;
    let rows = inspection_draws::Entity::find()
        .filter(inspection_draws::Column::AgencyId.is_in(agencies.keys().copied()))
        .order_by_desc(inspection_draws::Column::Id)
        .all(&state.db.conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(view(state, row).await?);
    }
    Ok(out)
}

/// A published draw (public: everything in it is published).
pub async fn published(state: &AppState, id: i32) -> Result<DrawView, ServiceError> {
    let row = inspection_draws::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    view(state, row).await
}

fn strings(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// The view of a stored draw, re-run by the server from its seed and candidates.
async fn view(state: &AppState, row: inspection_draws::Model) -> Result<DrawView, ServiceError> {
    let conn = &state.db.conn;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let item = inspection_items::Entity::find_by_id(row.item_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let firm_candidates = strings(&row.enterprise_candidates);
    let officer_candidates = strings(&row.officer_candidates);
    let firms_drawn = strings(&row.enterprises_drawn);
    let officers_drawn = strings(&row.officers_drawn);
    let firm_names: HashMap<String, String> = enterprises::Entity::find()
        .filter(enterprises::Column::CreditCode.is_in(firm_candidates.iter().cloned()))
        .all(conn)
        .await?
        .into_iter()
        .map(|f| (f.credit_code, f.name))
        .collect();
    // Certificate number -> holder.
    let holders: HashMap<String, i32> = credentials::Entity::find()
        .filter(credentials::Column::Number.is_in(officer_candidates.iter().cloned()))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| (c.number, c.user_id))
        .collect();
    let user_names =
        crate::ssr::services::names::user_names(conn, holders.values().copied()).await?;
    let officer_name = |number: &String| {
        holders
            .get(number)
            .and_then(|u| user_names.get(u).cloned())
            .unwrap_or_default()
    };
    let entries = |ids: &[String], name: &dyn Fn(&String) -> String| {
        ids.iter()
            .map(|id| DrawEntry {
                id: id.clone(),
                name: name(id),
            })
            .collect::<Vec<_>>()
    };
    let firm_name = |code: &String| firm_names.get(code).cloned().unwrap_or_default();
    let n_firms = firms_drawn.len();
    let n_officers = officers_drawn.len();
    let verified = [
        (firm_candidates.clone(), n_firms, firms_drawn.clone()),
        (
            officer_candidates.clone(),
            n_officers,
            officers_drawn.clone(),
        ),
    ]
    .into_iter()
    .all(|(candidates, n, result)| {
        draw::verify(&PublishedDraw {
            commitment: row.commitment.clone(),
            seed: row.seed.clone(),
            candidates,
            n,
            result,
        })
        .is_ok()
    });
    Ok(DrawView {
        id: row.id,
        agency: agency.name,
        item_code: item.code,
        item: item.name,
        drawn_on: row.drawn_on,
        commitment: row.commitment,
        commitment_seq: row.commitment_seq,
        seed: row.seed,
        enterprise_candidates: entries(&firm_candidates, &firm_name),
        enterprises: entries(&firms_drawn, &firm_name),
        officer_candidates: entries(&officer_candidates, &officer_name),
        officers: entries(&officers_drawn, &officer_name),
        verified,
    })
}

/// The items a draw may be made for by the actor: its agency's published list (a head only;
/// others have none).
pub async fn items(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<(i32, String, String)>, ServiceError> {
    let agencies = super::visible_agencies(state, actor).await?;
    let Some(own) = actor.agency_id.filter(|_| actor.role == Role::AgencyHead) else {
        return Ok(Vec::new());
    };
    if !agencies.contains_key(&own) {
        return Ok(Vec::new());
    }
    Ok(inspection_items::Entity::find()
        .filter(inspection_items::Column::AgencyId.eq(own))
        .filter(inspection_items::Column::Published.eq(true))
        .order_by_asc(inspection_items::Column::Code)
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|i| (i.id, i.code, i.name))
        .collect())
}
