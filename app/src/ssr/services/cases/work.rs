//! The to-do list of the workbench (issue 22 item 1): for officers, their cases (and the
//! agency's clues waiting for a filing proposal); for agency heads and legal reviewers, the
//! cases of their agencies in a state they hold (approvals, decisions, reviews). Each case is
//! judged by the state machine itself ([`case::allowed_commands`], the steps the case page
//! offers), so the list never offers what the case page would refuse.

use std::collections::{BTreeSet, HashMap};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tianping_domain::{
    authz::{Action, Actor, can},
    case::{self, CaseState, Procedure},
    role::Role,
};

use super::{
    facts,
    view::{summaries, with_file_state},
};
use crate::{
    api::case_dto::{WorkItem, WorkList, WorkTask},
    ssr::{
        AppState,
        entities::{case_officers, cases},
        error::ServiceError,
    },
};

/// Cases looked at for one list: the most urgent first.
const CANDIDATES: u64 = 200;

/// The states in which `role` holds a case of some procedure.
fn states_held_by(role: Role) -> Vec<&'static str> {
    CaseState::ALL
        .into_iter()
        .filter(|&s| {
            Procedure::ALL
                .into_iter()
                .any(|p| s.belongs_to(p) && case::holders(s, p).contains(&role))
        })
        .map(CaseState::as_str)
        .collect()
}

/// How long a to-do count is reused for the navigation of the same user.
const COUNT_TTL: std::time::Duration = std::time::Duration::from_secs(20);

/// The last to-do counts per user, with when they were counted.
static COUNTS: std::sync::LazyLock<std::sync::Mutex<HashMap<i32, (std::time::Instant, usize)>>> =
    std::sync::LazyLock::new(Default::default);

fn remember_count(user_id: i32, n: usize) {
    if let Ok(mut counts) = COUNTS.lock() {
        let now = std::time::Instant::now();
        counts.retain(|_, (at, _)| now.duration_since(*at) < COUNT_TTL);
        counts.insert(user_id, (now, n));
    }
}

/// How many cases, inspections and coercive measures wait for a step of the caller: counted at most every [`COUNT_TTL`] per
/// user (every full to-do list counts afresh).
pub async fn todo_count(state: &AppState, actor: &Actor) -> Result<usize, ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let cached = COUNTS.lock().ok().and_then(|counts| {
        counts
            .get(&actor.user_id)
            .filter(|(at, _)| at.elapsed() < COUNT_TTL)
            .map(|&(_, n)| n)
    });
    match cached {
        Some(n) => Ok(n),
        None => {
            let list = todo(state, actor).await?;
            Ok(list.yours.len() + list.tasks.len())
        }
    }
}

/// The caller's to-do list.
pub async fn todo(state: &AppState, actor: &Actor) -> Result<WorkList, ServiceError> {
    can(actor, &Action::UseWorkbench)?;
    let db = &state.db.conn;
    let visible =
        crate::ssr::services::agencies_where(state, actor, |s| Action::ViewCase(s)).await?;
    if visible.is_empty()
        || !matches!(
            actor.role,
            Role::Officer | Role::AgencyHead | Role::LegalReviewer
        )
    {
        return Ok(WorkList::default());
    }
    let tasks = other_tasks(state, actor).await?;
    let today = state.today();
    let open: Vec<&str> = CaseState::ALL
        .into_iter()
        .filter(|s| !s.is_terminal())
        .map(CaseState::as_str)
        .collect();
    let mut query = cases::Entity::find()
        .filter(cases::Column::AgencyId.is_in(visible.keys().copied()))
        .filter(cases::Column::State.is_in(open));
    let assigned: BTreeSet<i32> = case_officers::Entity::find()
        .filter(case_officers::Column::UserId.eq(actor.user_id))
        .filter(case_officers::Column::Assigned.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.case_id)
        .collect();
    query = match actor.role {
        // Their own cases, and the clues anyone of the agency may propose to file.
        Role::Officer => query.filter(
            sea_orm::Condition::any()
                .add(cases::Column::Id.is_in(assigned.iter().copied()))
                .add(cases::Column::State.eq(CaseState::ClueRegistered.as_str())),
        ),
        _ => query.filter(cases::Column::State.is_in(states_held_by(actor.role))),
    };
    let rows = query
        .order_by_asc(cases::Column::NextDueOn.is_null())
        .order_by_asc(cases::Column::NextDueOn)
        .order_by_asc(cases::Column::Id)
        .limit(CANDIDATES)
        .all(db)
        .await?;
    let mut steps: HashMap<i32, Vec<case::CommandKind>> = HashMap::new();
    for row in &rows {
        let mut facts = facts::load(db, row, actor, &[], today).await?;
        if row.state == CaseState::Closed.as_str() {
            // Archiving depends on the case file being complete.
            with_file_state(db, row, &mut facts).await?;
        }
        let mine: Vec<_> = case::allowed_commands(&facts, actor, today)
            .into_iter()
            .filter(|k| case::advances(*k))
            .collect();
        steps.insert(row.id, mine);
    }
    let rules = &state.settings.deadline_rules;
    let mut list = WorkList::default();
    for summary in summaries(state, rows, &visible, today, rules).await? {
        let steps = steps.remove(&summary.id).unwrap_or_default();
        let held_by = case::holders(summary.state, summary.procedure)
            .into_iter()
            .collect();
        let item = WorkItem {
            case: summary,
            steps,
            held_by,
        };
        if !item.steps.is_empty() {
            list.yours.push(item);
        } else if assigned.contains(&item.case.id) {
            list.waiting.push(item);
        }
    }
    list.tasks = tasks;
    remember_count(actor.user_id, list.yours.len() + list.tasks.len());
    Ok(list)
}

/// The inspections and coercive measures with a step the caller can take now (officers and
/// heads), by the same lists and life cycles their pages use: measures first (their limits
/// are legal ones), warned ones first.
async fn other_tasks(state: &AppState, actor: &Actor) -> Result<Vec<WorkTask>, ServiceError> {
    if !matches!(actor.role, Role::Officer | Role::AgencyHead) {
        return Ok(Vec::new());
    }
    let lang = tianping_domain::i18n::Lang::Zh;
    let mut measures: Vec<WorkTask> = crate::ssr::services::coercive::list(state, actor, lang)
        .await?
        .into_iter()
        .filter(|m| !m.steps.is_empty())
        .map(|m| WorkTask {
            kind: "coercive_measure".into(),
            id: m.id,
            code: m.code,
            title: format!("{}：{}", m.kind_label, m.party),
            steps: m.steps.into_iter().map(|s| s.value).collect(),
            warnings: m.warnings.into_iter().map(|w| w.value).collect(),
            href: "/work/coercive".into(),
        })
        .collect();
    let mut visits: Vec<WorkTask> = crate::ssr::services::inspections::list(state, actor, lang)
        .await?
        .into_iter()
        .filter(|i| !i.steps.is_empty())
        .map(|i| WorkTask {
            kind: "inspection".into(),
            id: i.id,
            code: i.code,
            title: i.enterprise,
            steps: i.steps.into_iter().map(|s| s.step).collect(),
            warnings: i.warnings.into_iter().map(|w| w.code).collect(),
            href: "/work/inspections".into(),
        })
        .collect();
    measures.sort_by_key(|t| t.warnings.is_empty());
    visits.sort_by_key(|t| t.warnings.is_empty());
    measures.append(&mut visits);
    Ok(measures)
}

#[cfg(test)]
mod tests {
    use super::states_held_by;
    use tianping_domain::role::Role;

    #[test]
    fn heads_hold_approvals_and_decisions_and_reviewers_the_reviews() {
        let head = states_held_by(Role::AgencyHead);
        for s in [
            "filing_proposed",
            "collective_discussion",
            "suspended",
            "executing",
        ] {
            assert!(head.contains(&s), "{s}: {head:?}");
        }
        assert!(!head.contains(&"under_legal_review"));
        assert_eq!(states_held_by(Role::LegalReviewer), ["under_legal_review"]);
        assert!(states_held_by(Role::Supervisor).is_empty());
    }
}
