//! The year's figures of inspections and coercive measures per agency (issue 23 item 9), for
//! the agencies the caller may read: the facts are read here, counted by
//! `tianping_domain::inspection::figures`.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tianping_domain::{
    authz::{Action, Actor},
    coercive::{self, TestingPeriod},
    i18n::china_time,
    inspection::{
        figures::{MeasureFact, VisitFact, summarise},
        warnings::InspectionWarning,
    },
    role::Role,
    validate::{Field, Rule, ValidationError},
};

use crate::{
    api::inspection_dto::EnforcementActsRow,
    ssr::{
        AppState,
        entities::{coercive_measures, enterprises, inspections},
        error::ServiceError,
        services::names,
    },
};

/// The years figures are given for.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The figures of `year` as typed, `YYYY` (this year when empty).
pub async fn figures(
    state: &AppState,
    actor: &Actor,
    year: &str,
) -> Result<Vec<EnforcementActsRow>, ServiceError> {
    match actor.role {
        Role::LegalReviewer => return Err(ServiceError::Forbidden),
        Role::Integration => return Err(ServiceError::NotFound),
        _ => {}
    }
    let today = china_time(state.clock.now()).date_naive();
    let year = match year.trim() {
        "" => chrono::Datelike::year(&today),
        typed => typed
            .parse::<i32>()
            .ok()
            .filter(|y| YEARS.contains(y))
            .ok_or(ValidationError::new(Field::Year, Rule::Format))?,
    };
    let (first, last) = (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today),
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today),
    );
    let agencies =
        crate::ssr::services::agencies_where(state, actor, |a| Action::ViewInspections(a)).await?;
    let conn = &state.db.conn;
    let rows = inspections::Entity::find()
        .filter(inspections::Column::AgencyId.is_in(agencies.keys().copied()))
        .filter(inspections::Column::RegisteredOn.between(first, last))
        .all(conn)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let officers = super::officers_of(conn, &ids).await?;
    let firms: std::collections::HashMap<i32, enterprises::Model> = enterprises::Entity::find()
        .filter(enterprises::Column::Id.is_in(rows.iter().map(|r| r.enterprise_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let warned = super::visit_warnings(conn, &rows, &officers, &firms).await?;
    let visits: Vec<VisitFact> = rows
        .iter()
        .filter_map(|r| {
            let w = warned.get(&r.id).map_or(&[][..], Vec::as_slice);
            Some(VisitFact {
                agency_id: r.agency_id,
                enterprise_id: r.enterprise_id,
                on: r.registered_on?,
                joint: r.joint_group.is_some(),
                over_cap: w.contains(&InspectionWarning::OverCap),
                warned: !w.is_empty(),
            })
        })
        .collect();
    let measures: Vec<MeasureFact> = coercive_measures::Entity::find()
        .filter(coercive_measures::Column::AgencyId.is_in(agencies.keys().copied()))
        .filter(coercive_measures::Column::DecidedOn.between(first, last))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|m| {
            let testing: Vec<TestingPeriod> = serde_json::from_str(&m.testing).unwrap_or_default();
            let limits = coercive::MeasureFacts {
                decided_on: m.decided_on?,
                extension_days: m.extension_days.and_then(|d| u64::try_from(d).ok()),
                testing,
                released_on: m.released_on,
            };
            Some(MeasureFact {
                agency_id: m.agency_id,
                seizure: m.kind == "seizure",
                decided_on: limits.decided_on,
                released_on: m.released_on,
                overdue: coercive::overdue(&limits, today),
            })
        })
        .collect();
    let agency_names = names::agency_names(conn).await?;
    Ok(summarise(year, &visits, &measures)
        .into_iter()
        .map(|r| EnforcementActsRow {
            agency_id: r.agency_id,
            agency: agency_names.get(&r.agency_id).cloned().unwrap_or_default(),
            joint_permille: r.joint_permille(),
            visits: r.visits,
            joint_visits: r.joint_visits,
            warned_visits: r.warned_visits,
            enterprises: r.enterprises,
            enterprises_over_cap: r.enterprises_over_cap,
            per_month: r.per_month.to_vec(),
            seal_ups: r.seal_ups,
            seizures: r.seizures,
            in_force: r.in_force,
            overdue: r.overdue,
            released: r.released,
            mean_days: r.mean_days,
        })
        .collect())
}
