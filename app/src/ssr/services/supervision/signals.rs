//! Behaviour signals (issue 24 item 5) for the agencies an actor oversees — supervisors their
//! region, agency heads their agency: the facts are read here, the rules are
//! `tianping_domain::supervision::behaviour`. Read-only.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tianping_domain::{
    agency::AgencyKind,
    authz::{Action, Actor, can},
    i18n::{Lang, china_time},
    supervision::{
        behaviour::{self, Finding, Signal},
        notice::NoticeStatus,
    },
};

use crate::{
    api::{dto::AgencyRef, supervision_dto::SignalView},
    ssr::{
        AppState,
        entities::{
            agencies, case_documents, case_officers, cases, clues, complaints, parties,
            supervision_notices, users,
        },
        error::ServiceError,
    },
};

/// The signals of every agency the actor oversees, by kind, agency and subject.
pub async fn signals(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<SignalView>, ServiceError> {
    can(actor, &Action::Supervise)?;
    let visible = super::super::agencies_where(state, actor, |a| Action::ViewWarnings(a)).await?;
    let ids: Vec<i32> = visible
        .values()
        .filter(|a| a.kind == AgencyKind::Enforcement.as_str())
        .map(|a| a.id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let conn = &state.db.conn;
    let today = state.today();

    let pending: Vec<behaviour::PendingClue> = clues::Entity::find()
        .filter(clues::Column::AgencyId.is_in(ids.iter().copied()))
        .filter(clues::Column::Status.eq("pending"))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| behaviour::PendingClue {
            clue_id: c.id,
            agency_id: c.agency_id,
            received_on: china_time(c.received_at).date_naive(),
        })
        .collect();

    let case_rows = cases::Entity::find()
        .filter(cases::Column::AgencyId.is_in(ids.iter().copied()))
        .all(conn)
        .await?;
    let case_ids: Vec<i32> = case_rows.iter().map(|c| c.id).collect();
    let mut officers: HashMap<i32, Vec<i32>> = HashMap::new();
    for o in case_officers::Entity::find()
        .filter(case_officers::Column::CaseId.is_in(case_ids.iter().copied()))
        .filter(case_officers::Column::Assigned.eq(true))
        .all(conn)
        .await?
    {
        officers.entry(o.case_id).or_default().push(o.user_id);
    }
    let corrected: HashSet<i32> = case_documents::Entity::find()
        .filter(case_documents::Column::CaseId.is_in(case_ids.iter().copied()))
        .filter(case_documents::Column::Kind.eq("correction_order"))
        .all(conn)
        .await?
        .into_iter()
        .map(|d| d.case_id)
        .collect();
    // The first party of each case: who the decisions were about.
    let mut party: HashMap<i32, parties::Model> = HashMap::new();
    for p in parties::Entity::find()
        .filter(parties::Column::CaseId.is_in(case_ids.iter().copied()))
        .all(conn)
        .await?
    {
        match party.get(&p.case_id) {
            Some(first) if first.id < p.id => {}
            _ => {
                party.insert(p.case_id, p);
            }
        }
    }

    let mut decisions = Vec::new();
    let mut fines = Vec::new();
    for c in &case_rows {
        let Some(decided_on) = c.decided_on else {
            continue;
        };
        let fen = c.fine_fen.unwrap_or(0);
        if let Some(p) = party.get(&c.id) {
            let key = p
                .credit_code
                .clone()
                .or_else(|| p.id_number.clone())
                .unwrap_or_else(|| p.name.clone());
            decisions.push(behaviour::Decision {
                case_id: c.id,
                agency_id: c.agency_id,
                party_key: key,
                party_name: p.name.clone(),
                decided_on,
                fined: fen > 0,
                correction_ordered: corrected.contains(&c.id),
            });
        }
        if fen > 0 {
            fines.push(behaviour::Fine {
                agency_id: c.agency_id,
                officer_ids: officers.get(&c.id).cloned().unwrap_or_default(),
                decided_on,
                fen,
            });
        }
    }

    let all_agencies = agencies::Entity::find().all(conn).await?;
    let mut regions: Vec<behaviour::Region> = Vec::new();
    for a in &all_agencies {
        if !regions.iter().any(|r| r.code == a.region_code) {
            regions.push(behaviour::Region {
                code: a.region_code.clone(),
                name: a.region_name.clone(),
            });
        }
    }
    let region_of: HashMap<i32, String> = all_agencies
        .iter()
        .map(|a| (a.id, a.region_code.clone()))
        .collect();
    let locations: Vec<behaviour::CaseLocation> = case_rows
        .iter()
        .map(|c| behaviour::CaseLocation {
            case_id: c.id,
            agency_id: c.agency_id,
            agency_region: region_of.get(&c.agency_id).cloned().unwrap_or_default(),
            location: c.location.clone(),
        })
        .collect();

    let by_number: HashMap<&str, &cases::Model> =
        case_rows.iter().map(|c| (c.number.as_str(), c)).collect();
    let complained: Vec<behaviour::CaseComplaint> = complaints::Entity::find()
        .filter(complaints::Column::CaseNumber.is_not_null())
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|k| {
            let case = by_number.get(k.case_number.as_deref()?.trim())?;
            Some(behaviour::CaseComplaint {
                complaint_id: k.id,
                agency_id: case.agency_id,
                received_on: k.received_on,
                officer_ids: officers.get(&case.id).cloned().unwrap_or_default(),
            })
        })
        .collect();

    let owed: Vec<behaviour::OwedNotice> = supervision_notices::Entity::find()
        .filter(supervision_notices::Column::AgencyId.is_in(ids.iter().copied()))
        .filter(supervision_notices::Column::Status.is_in([
            NoticeStatus::Issued.as_str(),
            NoticeStatus::Returned.as_str(),
        ]))
        .all(conn)
        .await?
        .into_iter()
        .map(|n| behaviour::OwedNotice {
            notice_id: n.id,
            agency_id: n.agency_id,
            number: n.number,
            deadline: n.deadline,
        })
        .collect();

    let calendar = state.calendar();
    let mut all: Vec<Signal> = behaviour::overdue_rectifications(&owed, today);
    all.extend(behaviour::idle_clues(&pending, today, &calendar));
    all.extend(behaviour::fines_without_correction(&decisions, today));
    all.extend(behaviour::outside_region(&locations, &regions));
    all.extend(behaviour::fine_surges(&fines, today));
    all.extend(behaviour::repeated_complaints(&complained, today));
    behaviour::sort(&mut all);

    let officer_ids: Vec<i32> = all
        .iter()
        .filter_map(|s| match s.finding {
            Finding::FineSurge { officer_id, .. } => officer_id,
            Finding::RepeatedComplaints { officer_id, .. } => Some(officer_id),
            _ => None,
        })
        .collect();
    let names: HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(officer_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let case_no: HashMap<i32, &str> = case_rows
        .iter()
        .map(|c| (c.id, c.number.as_str()))
        .collect();
    Ok(all
        .into_iter()
        .filter_map(|s| {
            let agency = visible.get(&s.agency_id)?;
            let (link, cases) = match &s.finding {
                Finding::RectificationOverdue { .. } => {
                    (Some("/work/notices".to_owned()), Vec::new())
                }
                Finding::ClueIdle { .. } => (Some("/work/clues".to_owned()), Vec::new()),
                Finding::FinesWithoutCorrection { case_ids, .. } => (
                    case_ids.first().map(|id| format!("/work/cases/{id}")),
                    case_ids.clone(),
                ),
                Finding::OutsideRegion { case_id, .. } => {
                    (Some(format!("/work/cases/{case_id}")), vec![*case_id])
                }
                Finding::FineSurge { .. } => (Some("/work/statistics".to_owned()), Vec::new()),
                Finding::RepeatedComplaints { .. } => {
                    (Some("/work/complaints".to_owned()), Vec::new())
                }
            };
            Some(SignalView {
                key: s.key(),
                kind: s.kind(),
                kind_label: s.kind().label(lang).to_owned(),
                agency: AgencyRef {
                    id: agency.id,
                    name: agency.name.clone(),
                },
                description: s.describe(lang, |id| {
                    names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
                }),
                case_numbers: cases
                    .iter()
                    .filter_map(|id| case_no.get(id).map(|n| (*n).to_owned()))
                    .collect(),
                link,
                finding: s.finding,
            })
        })
        .collect())
}
