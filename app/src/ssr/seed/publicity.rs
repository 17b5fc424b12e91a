//! What followed the demo decisions in public: their publication, the challenges to some of
//! them (reconsideration, litigation) and the parties' requests about what was published.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tianping_domain::{
    i18n::{Lang, china_time},
    publicity::{PublicationStep, request::RequestInput},
};

use super::{
    super::{
        AppState,
        entities::{agencies, publications},
        error::ServiceError,
        services::{publication_requests, publications as service, remedies},
    },
    actor, at,
    stories::TEAMS,
};
use crate::api::case_dto::{RemedyFiling, RemedyRuling};

/// Which published decision a challenge is about.
enum Which {
    /// The oldest published.
    Oldest,
    /// The n-th newest published (0 is the newest).
    Newest(usize),
}

/// A challenge to a published decision: which one, the kind of remedy, the body that hears it
/// and its ruling, if any yet.
struct Challenge {
    which: Which,
    kind: &'static str,
    body: &'static str,
    outcome: Option<&'static str>,
}

/// The oldest published decision revoked on reconsideration (which withdraws its publication
/// at once), one upheld, and a suit still pending.
const CHALLENGES: [Challenge; 3] = [
    Challenge {
        which: Which::Oldest,
        kind: "reconsideration",
        body: "临江市人民政府",
        outcome: Some("revoked"),
    },
    Challenge {
        which: Which::Newest(0),
        kind: "reconsideration",
        body: "临江市人民政府",
        outcome: Some("upheld"),
    },
    Challenge {
        which: Which::Newest(1),
        kind: "litigation",
        body: "临江市人民法院",
        outcome: None,
    },
];

/// A party's request about a published decision: the agency, how many days ago, who asked and
/// why.
struct Filing {
    agency: &'static str,
    days_ago: i64,
    name: &'static str,
    phone: &'static str,
    reason: &'static str,
}

/// A correction awaiting the market regulator (within its 10 working days) and one the
/// city-management bureau let run past its deadline, so the supervision side shows it as late.
const FILINGS: [Filing; 2] = [
    Filing {
        agency: "SCJG",
        days_ago: 2,
        name: "陈立新（当事人委托代理人）",
        phone: "13905710003",
        reason: "公示信息中的违法行为发生地点有误：应为临江市解放路 18 号门店，公示为仓库地址，请予更正。",
    },
    Filing {
        agency: "CGZF",
        days_ago: 20,
        name: "刘海平",
        phone: "13905710004",
        reason: "公示的罚款金额与处罚决定书载明的金额不一致，请核对后更正公示信息。",
    },
];

/// The demo decisions' publication: each approved by an officer of its agency two days after
/// the decision, except the newest one of each agency (left in the queue); then the
/// challenges, recorded through the services at the days they happened.
pub(super) async fn seed_publications(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let mut teams = HashMap::new();
    for team in &TEAMS {
        if let Some(a) = agencies::Entity::find()
            .filter(agencies::Column::Code.eq(team.code))
            .one(&state.db.conn)
            .await?
        {
            teams.insert(a.id, team.officer);
        }
    }
    let drafts = publications::Entity::find()
        .order_by_desc(publications::Column::DecidedOn)
        .order_by_desc(publications::Column::Id)
        .all(&state.db.conn)
        .await?;
    let mut kept = BTreeSet::new();
    let mut published = Vec::new();
    for p in &drafts {
        if kept.insert(p.agency_id) {
            continue;
        }
        let Some(officer) = teams.get(&p.agency_id) else {
            continue;
        };
        let officer = actor(state, officer).await?;
        let day = after(p.decided_on, 2, now);
        let approve = PublicationStep::Approve {
            display_until: None,
        };
        service::step(&at(state, day), &officer, p.id, &approve, Lang::Zh).await?;
        published.push(p);
    }
    seed_challenges(state, now, &teams, &published).await
}

/// 02:00 UTC `days` after `decided_on`, but not after `now`.
fn after(decided_on: NaiveDate, days: i64, now: DateTime<Utc>) -> DateTime<Utc> {
    (decided_on + Duration::days(days))
        .and_hms_opt(2, 0, 0)
        .map_or(now, |t| t.and_utc())
        .min(now)
}

/// Files (ten days after the decision) and rules on (thirty days after) each challenge, as an
/// officer of the decision's agency.
async fn seed_challenges(
    state: &AppState,
    now: DateTime<Utc>,
    teams: &HashMap<i32, &'static str>,
    published: &[&publications::Model],
) -> Result<(), ServiceError> {
    let mut used = BTreeSet::new();
    for challenge in &CHALLENGES {
        let index = match challenge.which {
            Which::Oldest => published.len().saturating_sub(1),
            Which::Newest(n) => n,
        };
        let Some(p) = published.get(index) else {
            continue;
        };
        if !used.insert(p.id) {
            continue;
        }
        let Some(officer) = teams.get(&p.agency_id) else {
            continue;
        };
        let officer = actor(state, officer).await?;
        let filed_at = after(p.decided_on, 10, now);
        let filing = RemedyFiling {
            kind: challenge.kind.into(),
            body: challenge.body.into(),
            filed_on: china_time(filed_at).date_naive().to_string(),
        };
        let id =
            remedies::file(&at(state, filed_at), &officer, p.case_id, &filing, Lang::Zh).await?;
        if let Some(outcome) = challenge.outcome {
            let ruled_at = after(p.decided_on, 30, now);
            let ruling = RemedyRuling {
                outcome: outcome.into(),
                decided_on: china_time(ruled_at).date_naive().to_string(),
                note: "临政复决〔2026〕12号".into(),
                effective: "on".into(),
            };
            remedies::rule(&at(state, ruled_at), &officer, id, &ruling, Lang::Zh).await?;
        }
    }
    Ok(())
}

/// Requests of parties about their published decisions, filed through the portal's service on
/// the days they happened, each about a decision of the agency that was already public that
/// day.
pub(super) async fn seed_publication_requests(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    for filing in &FILINGS {
        let when = now - Duration::days(filing.days_ago);
        let day = china_time(when).date_naive();
        let Some(agency) = agencies::Entity::find()
            .filter(agencies::Column::Code.eq(filing.agency))
            .one(&state.db.conn)
            .await?
        else {
            continue;
        };
        let Some(p) = publications::Entity::find()
            .filter(publications::Column::AgencyId.eq(agency.id))
            .filter(publications::Column::Status.eq("published"))
            .filter(publications::Column::PublishedOn.lte(day))
            .order_by_desc(publications::Column::PublishedOn)
            .one(&state.db.conn)
            .await?
        else {
            continue;
        };
        let input = RequestInput {
            kind: "correction".into(),
            requester_name: filing.name.into(),
            contact_phone: filing.phone.into(),
            reason: filing.reason.into(),
        };
        publication_requests::submit(&at(state, when), p.id, &input, "seed", Lang::Zh).await?;
    }
    Ok(())
}
