//! The official holiday arrangements administrators load (issue 19 item 11): which years the
//! calendar has from the State Council's notice and which it only knows from the fixed
//! holidays of the regulation, the warning from 1 November when next year's notice is missing,
//! and loading a year. The rules are the domain's ([`tianping_domain::calendar`]); loaded
//! years are kept in `holiday_years` and replace the running calendar at once.

use std::sync::Arc;

use sea_orm::{ConnectionTrait, EntityTrait, sea_query::OnConflict};
use serde_json::json;
use sha2::Digest;
use tianping_domain::{
    authz::{Action, Actor, can},
    calendar::{HolidayYear, WorkCalendar},
    validate::{Field, Rule, ValidationError},
};

use crate::{
    api::dto::{HolidayStatus, HolidayYearView},
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::holiday_years,
        error::ServiceError,
    },
};

/// The largest arrangement accepted, in bytes (a year is a few hundred).
pub const MAX_JSON_BYTES: usize = 64 * 1024;

/// `base` with every year administrators loaded (at start, for every process).
pub async fn calendar_with_loaded_years(
    conn: &impl ConnectionTrait,
    base: &WorkCalendar,
) -> Result<WorkCalendar, ServiceError> {
    let mut calendar = base.clone();
    for row in holiday_years::Entity::find().all(conn).await? {
        let year: HolidayYear = serde_json::from_str(&row.data)
            .map_err(|e| ServiceError::Internal(format!("holiday year {}: {e}", row.year)))?;
        calendar
            .load_year(row.year, year)
            .map_err(|e| ServiceError::Internal(format!("holiday year {}: {e}", row.year)))?;
    }
    Ok(calendar)
}

/// What the calendar knows of this year and the next two, and which official arrangements are
/// missing today (the administrators' warning). Administrators only.
pub fn status(state: &AppState, actor: &Actor) -> Result<HolidayStatus, ServiceError> {
    can(actor, &Action::ManageOrganisation)?;
    let calendar = state.calendar();
    let today = state.today();
    let this_year = chrono::Datelike::year(&today);
    Ok(HolidayStatus {
        missing: calendar.missing_official_years(today),
        years: (this_year..=this_year + 2)
            .map(|year| HolidayYearView {
                year,
                basis: crate::ssr::util::code(&calendar.year_basis(year)),
            })
            .collect(),
    })
}

/// Loads the years of `json` (the calendar's JSON format) into the calendar: checked whole
/// (nothing is loaded if any year is refused), stored, recorded in the audit log, and in use
/// at once. Administrators only.
pub async fn load(state: &AppState, actor: &Actor, json: &str) -> Result<Vec<i32>, ServiceError> {
    can(actor, &Action::ManageOrganisation)?;
    if json.trim().is_empty() {
        return Err(ValidationError::new(Field::HolidayData, Rule::Required).into());
    }
    if json.len() > MAX_JSON_BYTES {
        return Err(ValidationError::new(
            Field::HolidayData,
            Rule::Length {
                min: 1,
                max: MAX_JSON_BYTES,
            },
        )
        .into());
    }
    let mut calendar = (*state.calendar()).clone();
    let years = calendar.merge_json(json).map_err(|e| {
        ServiceError::Validation(ValidationError::new(
            Field::HolidayData,
            Rule::HolidayData {
                detail: e.to_string(),
            },
        ))
    })?;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let now = uow.now();
    for year in &years {
        let data = calendar
            .holidays(*year)
            .map(|h| serde_json::to_string(h).unwrap_or_default())
            .unwrap_or_default();
        holiday_years::Entity::insert(holiday_years::ActiveModel {
            year: sea_orm::Set(*year),
            data: sea_orm::Set(data),
            loaded_at: sea_orm::Set(now),
            loaded_by: sea_orm::Set(actor.user_id),
        })
        .on_conflict(
            OnConflict::column(holiday_years::Column::Year)
                .update_columns([
                    holiday_years::Column::Data,
                    holiday_years::Column::LoadedAt,
                    holiday_years::Column::LoadedBy,
                ])
                .to_owned(),
        )
        .exec(uow.txn())
        .await?;
    }
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "calendar.load",
        subject_type: "calendar",
        subject_id: years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(","),
        payload: json!({"years": years, "sha256": hex::encode(sha2::Sha256::digest(json.as_bytes()))}),
    });
    uow.commit().await?;
    if let Ok(mut running) = state.holidays.write() {
        *running = Arc::new(calendar);
    }
    Ok(years)
}
