//! Derived data kept in the unit of work: the running totals of the supervision statistics
//! (`tianping_domain::supervision::rollup`: each case's facts in `case_stat_facts`, their sums in
//! `case_stat_rollups`), and each evidence item's `collector_problem` flag, which lets the
//! warnings find the evidence worth judging through an index instead of checking every item.
//!
//! The flag is a superset: TRUE until computed, and computed from the certificates as they are
//! at the write. Certificates are only ever added (the application has no revocation), which
//! can clear a problem but never create one; a stale TRUE only means one more item judged by the
//! pure rules. Should revocation be added, it must recompute the flags of that user's evidence.
//!
//! Invariants:
//! - every unit of work that records a case event refreshes that case's facts and applies the
//!   change to the totals in the same transaction ([`refresh`], called by
//!   [`super::derived::in_transaction`]), so the totals never disagree with a committed case;
//! - the totals are derived data, not a record: [`rebuild`] recomputes them from the cases (on
//!   start when they do not cover every case, e.g. after an upgrade or a bulk import) without an
//!   audit event, and a test checks that the incremental totals equal a rebuild.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement, sea_query::OnConflict,
};
use tianping_domain::{
    case::DeadlineKind,
    review::ReviewOutcome,
    supervision::{
        figures::Counts,
        rollup::{self, CaseFacts, RollupKey},
    },
};

use super::{
    db::Db,
    entities::{
        case_deadlines, case_officers, case_stat_facts, case_stat_rollups, cases, review_rounds,
    },
    error::ServiceError,
    util::parse_code,
};

#[derive(Debug, FromQueryResult)]
struct CaseRow {
    id: i32,
    agency_id: i32,
    received_on: NaiveDate,
    discretion_standard_id: Option<i32>,
    closed_on: Option<NaiveDate>,
    decision_outcome: Option<String>,
    fine_fen: Option<i64>,
    hearing_held: bool,
}

/// The facts of the cases with ids in `lo..=hi` (or exactly `ids`, when given), from the live
/// tables.
async fn facts_between<C: ConnectionTrait>(
    conn: &C,
    lo: i32,
    hi: i32,
    ids: Option<&BTreeSet<i32>>,
) -> Result<BTreeMap<i32, CaseFacts>, ServiceError> {
    let mut case_query = cases::Entity::find()
        .select_only()
        .columns([
            cases::Column::Id,
            cases::Column::AgencyId,
            cases::Column::ReceivedOn,
            cases::Column::DiscretionStandardId,
            cases::Column::ClosedOn,
            cases::Column::DecisionOutcome,
            cases::Column::FineFen,
            cases::Column::HearingHeld,
        ])
        .filter(cases::Column::Id.between(lo, hi));
    if let Some(ids) = ids {
        case_query = case_query.filter(cases::Column::Id.is_in(ids.iter().copied()));
    }
    let mut out: BTreeMap<i32, CaseFacts> = case_query
        .into_model::<CaseRow>()
        .all(conn)
        .await?
        .into_iter()
        .map(|c| {
            (
                c.id,
                CaseFacts {
                    agency_id: c.agency_id,
                    received_on: c.received_on,
                    matter: c.discretion_standard_id,
                    officers: Vec::new(),
                    closed_on: c.closed_on,
                    penalty: c.decision_outcome.as_deref() == Some("penalty"),
                    no_penalty: c.decision_outcome.as_deref() == Some("no_penalty"),
                    fine_fen: c.fine_fen.unwrap_or(0),
                    reviews_passed: 0,
                    reviews_returned: 0,
                    hearing: c.hearing_held,
                    overdue_settled: false,
                    running_due: None,
                },
            )
        })
        .collect();
    if out.is_empty() {
        return Ok(out);
    }
    let (lo, hi) = (
        out.keys().next().copied().unwrap_or(lo),
        out.keys().next_back().copied().unwrap_or(hi),
    );
    for o in case_officers::Entity::find()
        .filter(case_officers::Column::CaseId.between(lo, hi))
        .filter(case_officers::Column::Assigned.eq(true))
        .filter(case_officers::Column::Recused.eq(false))
        .all(conn)
        .await?
    {
        if let Some(f) = out.get_mut(&o.case_id) {
            f.officers.push(o.user_id);
        }
    }
    for r in review_rounds::Entity::find()
        .select_only()
        .columns([review_rounds::Column::CaseId, review_rounds::Column::Status])
        .filter(review_rounds::Column::CaseId.between(lo, hi))
        .into_tuple::<(i32, String)>()
        .all(conn)
        .await?
    {
        if let (Some(f), Some(outcome)) = (out.get_mut(&r.0), ReviewOutcome::parse(&r.1)) {
            if outcome.passes() {
                f.reviews_passed += 1;
            } else {
                f.reviews_returned += 1;
            }
        }
    }
    for d in case_deadlines::Entity::find()
        .filter(case_deadlines::Column::CaseId.between(lo, hi))
        .all(conn)
        .await?
    {
        let binding = parse_code::<DeadlineKind>(&d.kind).is_some_and(|k| k.binds_the_agency());
        let Some(f) = out.get_mut(&d.case_id) else {
            continue;
        };
        if !binding {
            continue;
        }
        if d.ended_on.is_some_and(|ended| ended > d.due_on) {
            f.overdue_settled = true;
        }
        if d.status == "running" {
            f.running_due = Some(f.running_due.map_or(d.due_on, |due| due.min(d.due_on)));
        }
    }
    for f in out.values_mut() {
        f.officers.sort_unstable();
        f.officers.dedup();
    }
    Ok(out)
}

fn officers_text(officers: &[i32]) -> String {
    officers
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The officers of a stored facts row.
pub fn officers_of(text: &str) -> Vec<i32> {
    text.split(',').filter_map(|s| s.parse().ok()).collect()
}

fn to_facts(m: &case_stat_facts::Model) -> CaseFacts {
    CaseFacts {
        agency_id: m.agency_id,
        received_on: m.received_on,
        matter: m.matter_id,
        officers: officers_of(&m.officers),
        closed_on: m.closed_on,
        penalty: m.penalty,
        no_penalty: m.no_penalty,
        fine_fen: m.fine_fen,
        reviews_passed: m.reviews_passed,
        reviews_returned: m.reviews_returned,
        hearing: m.hearing,
        overdue_settled: m.overdue_settled,
        running_due: m.running_due,
    }
}

fn to_active(case_id: i32, f: &CaseFacts) -> case_stat_facts::ActiveModel {
    case_stat_facts::ActiveModel {
        case_id: Set(case_id),
        agency_id: Set(f.agency_id),
        month: Set(rollup::month_of(f.received_on)),
        received_on: Set(f.received_on),
        matter_id: Set(f.matter),
        officers: Set(officers_text(&f.officers)),
        closed_on: Set(f.closed_on),
        penalty: Set(f.penalty),
        no_penalty: Set(f.no_penalty),
        fine_fen: Set(f.fine_fen),
        reviews_passed: Set(f.reviews_passed),
        reviews_returned: Set(f.reviews_returned),
        hearing: Set(f.hearing),
        overdue_settled: Set(f.overdue_settled),
        running_due: Set(f.running_due),
    }
}

const COUNT_COLUMNS: [&str; 10] = [
    "opened",
    "closed",
    "penalties",
    "no_penalties",
    "fines_fen",
    "handling_days",
    "reviews_passed",
    "reviews_returned",
    "hearings",
    "overdue",
];

fn count_values(c: &Counts) -> [i64; 10] {
    [
        c.opened,
        c.closed,
        c.penalties,
        c.no_penalties,
        c.fines_fen,
        c.handling_days,
        c.reviews_passed,
        c.reviews_returned,
        c.hearings,
        c.overdue,
    ]
}

/// Adds `changes` to the totals (creating rows as needed), in one statement per 200 rows.
async fn add_to_totals<C: ConnectionTrait>(
    conn: &C,
    changes: &[(RollupKey, Counts)],
) -> Result<(), ServiceError> {
    let backend = conn.get_database_backend();
    let placeholder = |i: usize| match backend {
        DbBackend::Postgres => format!("${i}"),
        _ => "?".to_owned(),
    };
    let updates = COUNT_COLUMNS
        .iter()
        .map(|c| format!("{c} = case_stat_rollups.{c} + excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    for chunk in changes.chunks(200) {
        let mut values = Vec::with_capacity(chunk.len() * 14);
        let mut rows = Vec::with_capacity(chunk.len());
        for (key, counts) in chunk {
            let start = values.len();
            values.push(sea_orm::Value::from(key.dimension.as_str()));
            values.push(sea_orm::Value::from(key.key.clone()));
            values.push(sea_orm::Value::from(key.agency_id));
            values.push(sea_orm::Value::from(key.month.clone()));
            for v in count_values(counts) {
                values.push(sea_orm::Value::from(v));
            }
            let marks: Vec<String> = (start + 1..=values.len()).map(placeholder).collect();
            rows.push(format!("({})", marks.join(", ")));
        }
        let sql = format!(
            "INSERT INTO case_stat_rollups (dimension, key, agency_id, month, {}) VALUES {}
             ON CONFLICT (dimension, agency_id, month, key) DO UPDATE SET {updates}",
            COUNT_COLUMNS.join(", "),
            rows.join(", "),
        );
        conn.execute_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?;
    }
    Ok(())
}

/// Brings the facts and the totals of `case_ids` up to date with the cases as they are in
/// `conn` (the unit of work's transaction).
pub async fn refresh<C: ConnectionTrait>(
    conn: &C,
    case_ids: &BTreeSet<i32>,
) -> Result<(), ServiceError> {
    let (Some(&lo), Some(&hi)) = (case_ids.first(), case_ids.last()) else {
        return Ok(());
    };
    let current = facts_between(conn, lo, hi, Some(case_ids)).await?;
    let stored: HashMap<i32, CaseFacts> = case_stat_facts::Entity::find()
        .filter(case_stat_facts::Column::CaseId.is_in(case_ids.iter().copied()))
        .all(conn)
        .await?
        .iter()
        .map(|m| (m.case_id, to_facts(m)))
        .collect();
    let mut changes: BTreeMap<RollupKey, Counts> = BTreeMap::new();
    for id in case_ids {
        let old = stored.get(id);
        let new = current.get(id);
        if old == new {
            continue;
        }
        for (k, c) in rollup::delta(old, new) {
            changes.entry(k).or_default().add(&c);
        }
        match new {
            Some(f) => {
                case_stat_facts::Entity::insert(to_active(*id, f))
                    .on_conflict(
                        OnConflict::column(case_stat_facts::Column::CaseId)
                            .update_columns([
                                case_stat_facts::Column::AgencyId,
                                case_stat_facts::Column::Month,
                                case_stat_facts::Column::ReceivedOn,
                                case_stat_facts::Column::MatterId,
                                case_stat_facts::Column::Officers,
                                case_stat_facts::Column::ClosedOn,
                                case_stat_facts::Column::Penalty,
                                case_stat_facts::Column::NoPenalty,
                                case_stat_facts::Column::FineFen,
                                case_stat_facts::Column::ReviewsPassed,
                                case_stat_facts::Column::ReviewsReturned,
                                case_stat_facts::Column::Hearing,
                                case_stat_facts::Column::OverdueSettled,
                                case_stat_facts::Column::RunningDue,
                            ])
                            .to_owned(),
                    )
                    .exec_without_returning(conn)
                    .await?;
            }
            None => {
                case_stat_facts::Entity::delete_by_id(*id)
                    .exec(conn)
                    .await?;
            }
        }
    }
    let changes: Vec<(RollupKey, Counts)> = changes
        .into_iter()
        .filter(|(_, c)| *c != Counts::default())
        .collect();
    add_to_totals(conn, &changes).await?;
    refresh_evidence(conn, Some(case_ids)).await
}

/// The condition, per evidence row (`evidence`), that it may have a collector problem: the
/// warning rule of `tianping_domain::supervision` in SQL.
fn collector_problem_sql(backend: DbBackend) -> String {
    let day = match backend {
        DbBackend::Postgres => "CAST((evidence.collected_at AT TIME ZONE 'Asia/Shanghai') AS DATE)",
        _ => "date(evidence.collected_at, '+8 hours')",
    };
    let certificate = tianping_domain::credential::CredentialKind::EnforcementCertificate.as_str();
    format!(
        "((SELECT COUNT(*) FROM evidence_collectors ec WHERE ec.evidence_id = evidence.id) < 2
          OR EXISTS (SELECT 1 FROM evidence_collectors ec WHERE ec.evidence_id = evidence.id
            AND NOT EXISTS (SELECT 1 FROM credentials cr WHERE cr.user_id = ec.user_id
              AND cr.kind = '{certificate}' AND NOT cr.revoked AND cr.valid_from <= {day}
              AND (cr.valid_to IS NULL OR cr.valid_to >= {day}))))"
    )
}

/// Recomputes the collector-problem flag of the evidence of `case_ids` (`None`: of every item
/// still flagged).
async fn refresh_evidence<C: ConnectionTrait>(
    conn: &C,
    case_ids: Option<&BTreeSet<i32>>,
) -> Result<(), ServiceError> {
    let backend = conn.get_database_backend();
    let which = match case_ids {
        Some(ids) if ids.is_empty() => return Ok(()),
        Some(ids) => format!(
            "case_id IN ({})",
            ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
        ),
        None => "collector_problem".to_owned(),
    };
    conn.execute_raw(Statement::from_string(
        backend,
        format!(
            "UPDATE evidence SET collector_problem = {} WHERE {which}",
            collector_problem_sql(backend)
        ),
    ))
    .await?;
    Ok(())
}

/// Cases read per step of a rebuild.
const REBUILD_CHUNK: i32 = 2_000;

/// Recomputes every case's facts and the totals from scratch, in one transaction. Returns the
/// number of cases counted.
pub async fn rebuild(db: &Db) -> Result<u64, ServiceError> {
    let _guard = db.write_guard().await;
    let txn = db.begin_write().await?;
    case_stat_rollups::Entity::delete_many().exec(&txn).await?;
    case_stat_facts::Entity::delete_many().exec(&txn).await?;
    let max: Option<i32> = cases::Entity::find()
        .select_only()
        .column(cases::Column::Id)
        .order_by_desc(cases::Column::Id)
        .into_tuple()
        .one(&txn)
        .await?;
    let mut totals: BTreeMap<RollupKey, Counts> = BTreeMap::new();
    let mut counted = 0u64;
    let mut lo = 1;
    while let Some(max) = max.filter(|m| lo <= *m) {
        let hi = lo.saturating_add(REBUILD_CHUNK - 1);
        let facts = facts_between(&txn, lo, hi, None).await?;
        for (k, c) in rollup::totals(facts.values()) {
            totals.entry(k).or_default().add(&c);
        }
        let rows: Vec<case_stat_facts::ActiveModel> =
            facts.iter().map(|(id, f)| to_active(*id, f)).collect();
        counted += rows.len() as u64;
        for batch in rows.chunks(500) {
            case_stat_facts::Entity::insert_many(batch.to_vec())
                .exec_without_returning(&txn)
                .await?;
        }
        if hi >= max {
            break;
        }
        lo = hi + 1;
    }
    let totals: Vec<(RollupKey, Counts)> = totals.into_iter().collect();
    add_to_totals(&txn, &totals).await?;
    refresh_evidence(&txn, None).await?;
    txn.commit().await?;
    Ok(counted)
}

/// Rebuilds the totals when the facts do not cover exactly the cases (a fresh upgrade, a bulk
/// import outside the application), and computes the evidence flags still unchecked. Cheap
/// otherwise: two counts and an update of the few items flagged.
pub async fn ensure(db: &Db) -> Result<(), ServiceError> {
    let cases = cases::Entity::find().count(&db.conn).await?;
    let facts = case_stat_facts::Entity::find().count(&db.conn).await?;
    if cases != facts {
        let n = rebuild(db).await?;
        tracing::info!("statistics totals rebuilt over {n} cases");
    } else {
        let _guard = db.write_guard().await;
        refresh_evidence(&db.conn, None).await?;
    }
    Ok(())
}
