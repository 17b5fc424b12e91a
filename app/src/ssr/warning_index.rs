//! The warning index (预警索引): for every case, the warnings it can raise on some day
//! (`tianping_domain::supervision::indexed_warnings`), stored in `case_warnings` with when each
//! holds, so that the supervision dashboard finds the day's warnings of a whole region with a
//! range query instead of judging every case.
//!
//! Invariants:
//! - every unit of work that records a case event (or touches a case,
//!   [`super::audit::UnitOfWork::touch_case`]) re-indexes that case in the same transaction
//!   ([`reindex`], called by [`super::derived::in_transaction`] after the statistics' facts),
//!   so the index never disagrees with a committed case;
//! - the index holds the rules' output, not a copy of the rules: it is computed from the same
//!   snapshots the pure rules judge, and the thresholds that depend on the day or on local
//!   settings are applied when reading (`Timing::anchors_on`);
//! - it is derived data: cases not marked `warnings_indexed` (existing cases after an upgrade,
//!   rows written outside the application) are indexed by [`ensure`] on start and by
//!   `tianping reindex`, without an audit event.

use std::collections::{BTreeSet, HashMap};

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, Set,
    Statement,
};
use tianping_domain::{
    case::{CaseState, DeadlineKind},
    credential::CredentialKind,
    discretion::DiscretionCheck,
    i18n::china_time,
    supervision::{
        self, CaseSnapshot, CertificatePeriod, EvidenceFact, RunningDeadline, Severity, WarningKind,
    },
};

use super::{
    db::Db,
    entities::{case_deadlines, case_warnings, cases, credentials, evidence, evidence_collectors},
    error::ServiceError,
    util::parse_code,
};

/// The columns of a case the warnings read (not its texts): a narrow row, so that judging
/// tens of thousands of cases stays cheap.
#[derive(Debug, Clone, FromQueryResult)]
pub(crate) struct Judged {
    pub id: i32,
    pub number: String,
    pub title: String,
    pub agency_id: i32,
    pub state: String,
    pub major: bool,
    pub review_passed: bool,
    pub decided_on: Option<chrono::NaiveDate>,
    pub decision_outcome: Option<String>,
    pub discretion_check: Option<String>,
    pub discretion_justification: Option<String>,
    pub suspended_on: Option<chrono::NaiveDate>,
}

/// The narrow rows of the cases with these ids.
pub(crate) async fn judged_rows<C: ConnectionTrait>(
    conn: &C,
    ids: &[i32],
) -> Result<Vec<Judged>, ServiceError> {
    Ok(cases::Entity::find()
        .select_only()
        .columns([
            cases::Column::Id,
            cases::Column::Number,
            cases::Column::Title,
            cases::Column::AgencyId,
            cases::Column::State,
            cases::Column::Major,
            cases::Column::ReviewPassed,
            cases::Column::DecidedOn,
            cases::Column::DecisionOutcome,
            cases::Column::DiscretionCheck,
            cases::Column::DiscretionJustification,
            cases::Column::SuspendedOn,
        ])
        .filter(cases::Column::Id.is_in(ids.iter().copied()))
        .into_model::<Judged>()
        .all(conn)
        .await?)
}

/// What the pure rules read of the given cases, by id.
pub(crate) async fn snapshots<C: ConnectionTrait>(
    conn: &C,
    rows: &[Judged],
) -> Result<HashMap<i32, CaseSnapshot>, ServiceError> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut deadlines: HashMap<i32, Vec<RunningDeadline>> = HashMap::new();
    for d in case_deadlines::Entity::find()
        .filter(case_deadlines::Column::CaseId.is_in(ids.clone()))
        .filter(case_deadlines::Column::Status.eq("running"))
        .all(conn)
        .await?
    {
        if let Some(kind) = parse_code::<DeadlineKind>(&d.kind) {
            deadlines
                .entry(d.case_id)
                .or_default()
                .push(RunningDeadline {
                    kind,
                    due: d.due_on,
                });
        }
    }
    let evidence_rows = evidence::Entity::find()
        .filter(evidence::Column::CaseId.is_in(ids))
        .all(conn)
        .await?;
    let mut collectors: HashMap<i32, Vec<i32>> = HashMap::new();
    for c in evidence_collectors::Entity::find()
        .filter(evidence_collectors::Column::EvidenceId.is_in(evidence_rows.iter().map(|e| e.id)))
        .all(conn)
        .await?
    {
        collectors.entry(c.evidence_id).or_default().push(c.user_id);
    }
    let people: BTreeSet<i32> = collectors.values().flatten().copied().collect();
    let mut periods: HashMap<i32, Vec<CertificatePeriod>> = HashMap::new();
    for c in credentials::Entity::find()
        .filter(credentials::Column::UserId.is_in(people))
        .filter(credentials::Column::Kind.eq(CredentialKind::EnforcementCertificate.as_str()))
        .all(conn)
        .await?
    {
        periods
            .entry(c.user_id)
            .or_default()
            .push(CertificatePeriod {
                valid_from: c.valid_from,
                valid_to: c.valid_to,
                revoked: c.revoked,
            });
    }
    let mut facts: HashMap<i32, Vec<EvidenceFact>> = HashMap::new();
    for e in &evidence_rows {
        facts.entry(e.case_id).or_default().push(EvidenceFact {
            id: e.id,
            collected_on: china_time(e.collected_at).date_naive(),
            collectors: collectors
                .get(&e.id)
                .into_iter()
                .flatten()
                .map(|user| (*user, periods.get(user).cloned().unwrap_or_default()))
                .collect(),
        });
    }
    Ok(rows
        .iter()
        .map(|r| {
            let suspended = parse_code::<CaseState>(&r.state) == Some(CaseState::Suspended);
            (
                r.id,
                CaseSnapshot {
                    major: r.major,
                    review_passed: r.review_passed,
                    decided_on: r.decided_on,
                    penalty: r.decision_outcome.as_deref() == Some("penalty"),
                    discretion_check: r
                        .discretion_check
                        .as_deref()
                        .and_then(parse_code::<DiscretionCheck>),
                    justification: r.discretion_justification.clone(),
                    deadlines: deadlines.remove(&r.id).unwrap_or_default(),
                    evidence: facts.remove(&r.id).unwrap_or_default(),
                    suspended_on: if suspended { r.suspended_on } else { None },
                },
            )
        })
        .collect())
}

/// The stored rank of a severity (sortable: critical first when descending).
pub(crate) fn severity_rank(s: Severity) -> i16 {
    match s {
        Severity::Warning => 1,
        Severity::Critical => 2,
    }
}

/// Cases indexed per step (bounds the query parameters and the memory).
const CHUNK: usize = 2_000;

fn id_list(ids: &[i32]) -> String {
    ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
}

/// Re-indexes the warnings of `case_ids` from the cases as they are in `conn` (the unit of
/// work's transaction), and marks them indexed.
pub async fn reindex<C: ConnectionTrait>(
    conn: &C,
    case_ids: &BTreeSet<i32>,
) -> Result<(), ServiceError> {
    let backend = conn.get_database_backend();
    let ids: Vec<i32> = case_ids.iter().copied().collect();
    for chunk in ids.chunks(CHUNK) {
        let rows = judged_rows(conn, chunk).await?;
        let snaps = snapshots(conn, &rows).await?;
        case_warnings::Entity::delete_many()
            .filter(case_warnings::Column::CaseId.is_in(chunk.iter().copied()))
            .exec(conn)
            .await?;
        let mut new = Vec::new();
        for row in &rows {
            let Some(snap) = snaps.get(&row.id) else {
                continue;
            };
            for w in supervision::indexed_warnings(snap) {
                new.push(case_warnings::ActiveModel {
                    case_id: Set(row.id),
                    agency_id: Set(row.agency_id),
                    kind: Set(w.kind.code()),
                    severity: Set(severity_rank(w.severity)),
                    warning_key: Set(w.key),
                    timing: Set(w.timing.code().to_owned()),
                    anchor: Set(w.anchor),
                    ..Default::default()
                });
            }
        }
        for batch in new.chunks(500) {
            case_warnings::Entity::insert_many(batch.to_vec())
                .exec_without_returning(conn)
                .await?;
        }
        conn.execute_raw(Statement::from_string(
            backend,
            format!(
                "UPDATE case_stat_facts SET warnings_indexed = TRUE WHERE case_id IN ({})",
                id_list(chunk)
            ),
        ))
        .await?;
    }
    Ok(())
}

/// Indexes every case not yet indexed, a chunk per transaction. Returns how many were indexed.
/// Call after [`super::rollup::ensure`] (which gives every case its facts row).
pub async fn ensure(db: &Db) -> Result<u64, ServiceError> {
    #[derive(Debug, FromQueryResult)]
    struct Id {
        case_id: i32,
    }
    let mut indexed = 0u64;
    loop {
        let _guard = db.write_guard().await;
        let txn = db.begin_write().await?;
        let ids: BTreeSet<i32> = Id::find_by_statement(Statement::from_string(
            db.backend(),
            format!(
                "SELECT case_id FROM case_stat_facts WHERE NOT warnings_indexed \
                 ORDER BY case_id LIMIT {CHUNK}"
            ),
        ))
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| r.case_id)
        .collect();
        if ids.is_empty() {
            txn.commit().await?;
            return Ok(indexed);
        }
        reindex(&txn, &ids).await?;
        txn.commit().await?;
        indexed += ids.len() as u64;
    }
}

/// Re-indexes every case (after rows were written outside the application, e.g. an import
/// straight into the database): marks all unindexed, then [`ensure`].
pub async fn rebuild(db: &Db) -> Result<u64, ServiceError> {
    {
        let _guard = db.write_guard().await;
        db.conn
            .execute_raw(Statement::from_string(
                db.backend(),
                "UPDATE case_stat_facts SET warnings_indexed = FALSE".to_owned(),
            ))
            .await?;
    }
    ensure(db).await
}

/// The cases whose warnings a new certificate of `user_id` can change: those with evidence the
/// user collected and a collector warning in the index (a certificate only ever clears one).
pub async fn cases_collected_by<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
) -> Result<Vec<i32>, ServiceError> {
    #[derive(Debug, FromQueryResult)]
    struct Id {
        case_id: i32,
    }
    Ok(Id::find_by_statement(Statement::from_string(
        conn.get_database_backend(),
        format!(
            "SELECT DISTINCT e.case_id AS case_id FROM evidence e \
             JOIN evidence_collectors ec ON ec.evidence_id = e.id \
             WHERE ec.user_id = {user_id} AND EXISTS (SELECT 1 FROM case_warnings w \
               WHERE w.case_id = e.case_id AND w.kind IN ('{}', '{}'))",
            WarningKind::ActedWithoutCertificate.code(),
            WarningKind::TooFewCollectors.code()
        ),
    ))
    .all(conn)
    .await?
    .into_iter()
    .map(|r| r.case_id)
    .collect())
}
