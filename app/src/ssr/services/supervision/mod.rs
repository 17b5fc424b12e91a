//! Supervision (执法监督): the warnings of the cases an actor oversees — supervisors their
//! region, agency heads their agency — computed by the pure rules of
//! `tianping_domain::supervision`, their acknowledgement with a comment, and supervision
//! matters (督办) opened by supervisors and answered by the agencies' heads. Every write is an
//! audit event in the same unit of work.

mod file_reviews;
mod matters;
mod notices;
mod oversight;
mod signals;

pub use file_reviews::{object_file, open_round, round, rounds, score_file};
pub use matters::{matters, open_matter, step_matter};
pub use notices::{issue_notice, notice, notice_pdf, notices, step_notice};
pub use oversight::{
    circulars, follow_up, interviews, issue_circular, public_circulars, record_interview,
};
pub use signals::signals;

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, Set,
};
use serde_json::json;
use tianping_domain::{
    authz::{Action, Actor, can},
    case,
    i18n::{Lang, china_time},
    supervision::{self, Severity, Timing, WarningRules},
    validate::{Field, Rule, ValidationError},
};

use crate::{
    api::supervision_dto::{
        AckView, MAX_WARNINGS_PER_PAGE, WARNINGS_PER_PAGE, WarningKindCount, WarningPage,
        WarningView,
    },
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, cases, supervision_matters, users, warning_acks},
        error::ServiceError,
        warning_index::{Judged, judged_rows, severity_rank, snapshots},
    },
};

/// The longest acknowledgement comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 500;

fn rules(state: &AppState) -> WarningRules {
    WarningRules {
        deadlines: state.settings.deadline_rules.clone(),
        ..WarningRules::default()
    }
}

impl From<&cases::Model> for Judged {
    fn from(r: &cases::Model) -> Self {
        Judged {
            id: r.id,
            number: r.number.clone(),
            title: r.title.clone(),
            agency_id: r.agency_id,
            state: r.state.clone(),
            major: r.major,
            review_passed: r.review_passed,
            decided_on: r.decided_on,
            decision_outcome: r.decision_outcome.clone(),
            discretion_check: r.discretion_check.clone(),
            discretion_justification: r.discretion_justification.clone(),
            suspended_on: r.suspended_on,
        }
    }
}

/// What the warnings page asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningQuery {
    /// Only warnings of this kind ([`supervision::WarningKind::code`]).
    pub kind: Option<String>,
    /// The page, from 1.
    pub page: u32,
    /// Warnings per page, at most [`MAX_WARNINGS_PER_PAGE`].
    pub per_page: u32,
}

impl Default for WarningQuery {
    fn default() -> Self {
        Self {
            kind: None,
            page: 1,
            per_page: WARNINGS_PER_PAGE,
        }
    }
}

impl WarningQuery {
    /// From the page's or the API's raw parameters: a bad kind or page is refused, naming it.
    pub fn parse(
        kind: Option<&str>,
        page: Option<&str>,
        per_page: Option<&str>,
    ) -> Result<Self, ServiceError> {
        let kind = match kind.map(str::trim).filter(|k| !k.is_empty()) {
            None => None,
            Some(k) => Some(
                supervision::WarningKind::parse(k)
                    .ok_or_else(|| ValidationError::new(Field::WarningKind, Rule::OneOf))?
                    .code(),
            ),
        };
        let number = |raw: Option<&str>, default: u32, max: u32| -> Result<u32, ServiceError> {
            match raw.map(str::trim).filter(|p| !p.is_empty()) {
                None => Ok(default),
                Some(p) => p
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=max).contains(n))
                    .ok_or_else(|| ValidationError::new(Field::Page, Rule::Positive).into()),
            }
        };
        Ok(Self {
            kind,
            page: number(page, 1, 1_000_000)?,
            per_page: number(per_page, WARNINGS_PER_PAGE, MAX_WARNINGS_PER_PAGE)?,
        })
    }
}

/// The SQL condition (over `case_warnings w`) for the warnings of these agencies that hold on
/// `today`: each timing's anchor range, from the pure rules (`Timing::anchors_on`).
fn holding_today(agencies: &[i32], today: NaiveDate, rules: &WarningRules) -> String {
    let timings: Vec<String> = Timing::ALL
        .into_iter()
        .map(|t| {
            let range = t.anchors_on(today, rules);
            let mut cond = format!("w.timing = '{}'", t.code());
            if let Some(from) = range.from {
                cond.push_str(&format!(" AND w.anchor >= '{from}'"));
            }
            if let Some(to) = range.to {
                cond.push_str(&format!(" AND w.anchor <= '{to}'"));
            }
            format!("({cond})")
        })
        .collect();
    format!(
        "w.agency_id IN ({}) AND ({})",
        agencies
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(","),
        timings.join(" OR ")
    )
}

/// The order of the list: most serious first, unacknowledged before acknowledged, then by case
/// number and key (byte order on both backends, as Rust compares strings).
fn list_order(a: &WarningView, b: &WarningView) -> std::cmp::Ordering {
    b.severity
        .cmp(&a.severity)
        .then(a.acknowledged.is_some().cmp(&b.acknowledged.is_some()))
        .then(a.case_number.cmp(&b.case_number))
        .then(a.key.cmp(&b.key))
}

/// One page of the current warnings of every case the actor oversees, with the counts per
/// kind: read from the warning index (`ssr::warning_index`), then the page's cases judged by
/// the pure rules for their details.
pub async fn warnings(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
    query: &WarningQuery,
) -> Result<WarningPage, ServiceError> {
    use sea_orm::Statement;

    #[derive(Debug, FromQueryResult)]
    struct KindRow {
        kind: String,
        severity: i16,
        n: i64,
    }
    #[derive(Debug, FromQueryResult)]
    struct Listed {
        case_id: i32,
        warning_key: String,
    }
    can(actor, &Action::Supervise)?;
    let agencies = super::agencies_where(state, actor, |a| Action::ViewWarnings(a)).await?;
    let ids: Vec<i32> = agencies.keys().copied().collect();
    let empty = |kinds| WarningPage {
        items: Vec::new(),
        total: 0,
        critical: 0,
        page: query.page,
        per_page: query.per_page,
        kind: query.kind.clone(),
        kinds,
    };
    if ids.is_empty() {
        return Ok(empty(Vec::new()));
    }
    let conn = &state.db.conn;
    let backend = conn.get_database_backend();
    let holding = holding_today(&ids, state.today(), &rules(state));
    let counts = KindRow::find_by_statement(Statement::from_string(
        backend,
        format!(
            "SELECT w.kind AS kind, w.severity AS severity, COUNT(*) AS n FROM case_warnings w \
             WHERE {holding} GROUP BY w.kind, w.severity"
        ),
    ))
    .all(conn)
    .await?;
    let mut kinds: Vec<WarningKindCount> = counts
        .iter()
        .filter_map(|r| {
            let kind = supervision::WarningKind::parse(&r.kind)?;
            Some(WarningKindCount {
                kind: r.kind.clone(),
                label: kind.label(lang),
                severity: if r.severity >= severity_rank(Severity::Critical) {
                    Severity::Critical
                } else {
                    Severity::Warning
                },
                count: u64::try_from(r.n).unwrap_or(0),
            })
        })
        .collect();
    kinds.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(b.count.cmp(&a.count))
            .then(a.kind.cmp(&b.kind))
    });
    let chosen = kinds
        .iter()
        .filter(|k| query.kind.as_ref().is_none_or(|q| *q == k.kind));
    let total: u64 = chosen.clone().map(|k| k.count).sum();
    let critical: u64 = chosen
        .filter(|k| k.severity == Severity::Critical)
        .map(|k| k.count)
        .sum();
    if total == 0 {
        return Ok(empty(kinds));
    }
    let kind_filter = query
        .kind
        .as_ref()
        .map(|k| format!(" AND w.kind = '{k}'"))
        .unwrap_or_default();
    let collate = match backend {
        sea_orm::DbBackend::Postgres => " COLLATE \"C\"",
        _ => "",
    };
    let offset = u64::from(query.page - 1) * u64::from(query.per_page);
    let listed = Listed::find_by_statement(Statement::from_string(
        backend,
        format!(
            "SELECT w.case_id AS case_id, w.warning_key AS warning_key \
             FROM case_warnings w JOIN cases c ON c.id = w.case_id \
             WHERE {holding}{kind_filter} \
             ORDER BY w.severity DESC, \
               CASE WHEN EXISTS (SELECT 1 FROM warning_acks a \
                 WHERE a.case_id = w.case_id AND a.warning_key = w.warning_key) THEN 1 ELSE 0 END, \
               c.number{collate}, w.warning_key{collate} \
             LIMIT {} OFFSET {offset}",
            query.per_page
        ),
    ))
    .all(conn)
    .await?;
    let cases: Vec<i32> = listed
        .iter()
        .map(|l| l.case_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut judged: HashMap<(i32, String), WarningView> =
        judge(state, actor, &agencies, &cases, lang)
            .await?
            .into_iter()
            .map(|w| ((w.case_id, w.key.clone()), w))
            .collect();
    let items = listed
        .into_iter()
        .filter_map(|l| {
            let found = judged.remove(&(l.case_id, l.warning_key.clone()));
            if found.is_none() {
                tracing::warn!(
                    "warning index lists {} on case {} but the rules do not: run `tianping reindex`",
                    l.warning_key,
                    l.case_id
                );
            }
            found
        })
        .collect();
    Ok(WarningPage {
        items,
        total,
        critical,
        page: query.page,
        per_page: query.per_page,
        kind: query.kind.clone(),
        kinds,
    })
}

/// Every current warning of the given cases the actor oversees (an officer's profile), in the
/// list's order: the index narrows the cases down, the pure rules judge them.
pub async fn warnings_of_cases(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
    case_ids: &BTreeSet<i32>,
) -> Result<Vec<WarningView>, ServiceError> {
    use sea_orm::Statement;

    #[derive(Debug, FromQueryResult)]
    struct Id {
        case_id: i32,
    }
    can(actor, &Action::Supervise)?;
    let agencies = super::agencies_where(state, actor, |a| Action::ViewWarnings(a)).await?;
    let ids: Vec<i32> = agencies.keys().copied().collect();
    if ids.is_empty() || case_ids.is_empty() {
        return Ok(Vec::new());
    }
    let conn = &state.db.conn;
    let holding = holding_today(&ids, state.today(), &rules(state));
    let wanted: Vec<i32> = case_ids.iter().copied().collect();
    let mut candidates = Vec::new();
    for chunk in wanted.chunks(CHUNK) {
        let list = chunk
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        candidates.extend(
            Id::find_by_statement(Statement::from_string(
                conn.get_database_backend(),
                format!(
                    "SELECT DISTINCT w.case_id AS case_id FROM case_warnings w \
                     WHERE {holding} AND w.case_id IN ({list})"
                ),
            ))
            .all(conn)
            .await?
            .into_iter()
            .map(|r| r.case_id),
        );
    }
    candidates.sort_unstable();
    let mut out = judge(state, actor, &agencies, &candidates, lang).await?;
    out.sort_by(list_order);
    Ok(out)
}

/// Every current warning of every case in scope, judged by the pure rules without the index,
/// in the list's order: what the pages of [`warnings`] must add up to (tests compare the two).
pub async fn warnings_of_every_case(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<WarningView>, ServiceError> {
    can(actor, &Action::Supervise)?;
    let agencies = super::agencies_where(state, actor, |a| Action::ViewWarnings(a)).await?;
    let all: Vec<i32> = cases::Entity::find()
        .select_only()
        .column(cases::Column::Id)
        .filter(cases::Column::AgencyId.is_in(agencies.keys().copied()))
        .into_tuple()
        .all(&state.db.conn)
        .await?;
    let mut out = judge(state, actor, &agencies, &all, lang).await?;
    out.sort_by(list_order);
    Ok(out)
}

/// Cases judged per chunk (bounds the query parameters and the memory).
const CHUNK: usize = 2_000;

/// The warnings of the given cases, loaded and judged a chunk at a time (unordered).
async fn judge(
    state: &AppState,
    actor: &Actor,
    agencies: &HashMap<i32, agencies::Model>,
    candidates: &[i32],
    lang: Lang,
) -> Result<Vec<WarningView>, ServiceError> {
    let conn = &state.db.conn;
    let today = state.today();
    let rules = rules(state);
    let mut out = Vec::new();
    for chunk in candidates.chunks(CHUNK) {
        let rows = judged_rows(conn, chunk).await?;
        let snaps = snapshots(conn, &rows).await?;
        let acks = warning_acks::Entity::find()
            .filter(warning_acks::Column::CaseId.is_in(chunk.iter().copied()))
            .all(conn)
            .await?;
        // The latest supervision matter (督办) of each case: a warning that has one says so.
        let mut matters: HashMap<i32, supervision_matters::Model> = HashMap::new();
        for m in supervision_matters::Entity::find()
            .filter(supervision_matters::Column::CaseId.is_in(chunk.iter().copied()))
            .all(conn)
            .await?
        {
            if matters.get(&m.case_id).is_none_or(|old| old.id < m.id) {
                matters.insert(m.case_id, m);
            }
        }
        let names: HashMap<i32, String> = users::Entity::find()
            .filter(users::Column::Id.is_in(acks.iter().map(|a| a.acknowledged_by)))
            .all(conn)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect();
        for row in &rows {
            let Some(snap) = snaps.get(&row.id) else {
                continue;
            };
            for w in supervision::warnings(snap, today, &rules) {
                let ack = acks
                    .iter()
                    .filter(|a| a.case_id == row.id && a.warning_key == w.key)
                    .max_by_key(|a| a.id)
                    .map(|a| AckView {
                        by: names.get(&a.acknowledged_by).cloned().unwrap_or_default(),
                        at: china_time(a.acknowledged_at).to_rfc3339(),
                        comment: a.comment.clone(),
                    });
                out.push(WarningView {
                    case_id: row.id,
                    case_number: row.number.clone(),
                    case_title: row.title.clone(),
                    agency: agencies
                        .get(&row.agency_id)
                        .map(|a| a.name.clone())
                        .unwrap_or_default(),
                    kind: w.kind.code(),
                    label: w.kind.label(lang),
                    severity: w.severity,
                    key: w.key,
                    detail: w.subject.describe(lang),
                    acknowledged: ack,
                    matter: matters.get(&row.id).map(|m| {
                        let status =
                            tianping_domain::supervision::matter::MatterStatus::parse(&m.status)
                                .map_or(m.status.as_str(), |st| st.label(lang));
                        match lang {
                            Lang::Zh => format!("已督办（整改期限 {}，{status}）", m.due_on),
                            Lang::En => format!(
                                "A supervision matter is open on this case (due {}, {status})",
                                m.due_on
                            ),
                        }
                    }),
                    can_open_matter: actor.role == tianping_domain::role::Role::Supervisor,
                });
            }
        }
    }
    Ok(out)
}

/// Acknowledges a current warning of a case with a comment.
pub async fn acknowledge(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    key: &str,
    comment: &str,
) -> Result<(), ServiceError> {
    can(actor, &Action::Supervise)?;
    let comment = comment.trim();
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let row = cases::Entity::find_by_id(case_id)
        .one(uow.txn())
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(row.agency_id)
        .one(uow.txn())
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(actor, &Action::ViewWarnings(&agency.scope()))?;
    if comment.is_empty() {
        return Err(ValidationError::new(Field::Comment, Rule::Required).into());
    }
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(ValidationError::new(
            Field::Comment,
            Rule::Length {
                min: 1,
                max: MAX_COMMENT_CHARS,
            },
        )
        .into());
    }
    let snaps = snapshots(uow.txn(), &[Judged::from(&row)]).await?;
    let current = snaps
        .get(&row.id)
        .map(|s| supervision::warnings(s, state.today(), &rules(state)))
        .unwrap_or_default();
    let warning = current
        .into_iter()
        .find(|w| w.key == key)
        .ok_or(ServiceError::NotFound)?;
    warning_acks::ActiveModel {
        case_id: Set(case_id),
        warning_key: Set(warning.key.clone()),
        comment: Set(comment.to_owned()),
        acknowledged_by: Set(actor.user_id),
        acknowledged_at: Set(uow.now()),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "supervision.acknowledge_warning",
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: case_id.to_string(),
        payload: json!({"key": warning.key, "kind": warning.kind.code(), "comment": comment}),
    });
    uow.commit().await?;
    Ok(())
}
