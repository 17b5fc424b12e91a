//! Annual enforcement data (年度行政执法数据) for the public portal: per enforcement agency
//! and calendar year, the database adds the figures up (one grouped query per table) and
//! `tianping_domain::publicity::annual` does the rest. Public: aggregated figures only, no
//! party and no person. Every value put into the SQL text is typed (dates, fixed codes).

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, Statement,
};
use tianping_domain::{
    agency::AgencyKind,
    i18n::Lang,
    money::format_yuan,
    publicity::annual::{self, AnnualCounts},
    remedy::{RemedyKind, RemedyOutcome},
    review::ReviewOutcome,
    supervision::figures::show,
};

use crate::{
    api::publicity_dto::{AnnualReport, AnnualRow},
    ssr::{AppState, entities::agencies, error::ServiceError},
};

#[derive(Debug, FromQueryResult)]
struct CaseRow {
    agency_id: i32,
    cases: i64,
    ordinary: i64,
    summary: i64,
    transfers: i64,
}

#[derive(Debug, FromQueryResult)]
struct DecisionRow {
    agency_id: i32,
    penalties: i64,
    no_penalties: i64,
    warnings: i64,
    fines: i64,
    confiscations: i64,
    other_measures: i64,
    fine_fen: i64,
    confiscation_fen: i64,
}

#[derive(Debug, FromQueryResult)]
struct CountRow {
    agency_id: i32,
    code: Option<String>,
    n: i64,
}

#[derive(Debug, FromQueryResult)]
struct RemedyRow {
    agency_id: i32,
    kind: String,
    outcome: Option<String>,
    filed: i64,
    ruled: i64,
}

async fn rows<T: FromQueryResult, C: ConnectionTrait>(
    conn: &C,
    sql: String,
) -> Result<Vec<T>, ServiceError> {
    Ok(
        T::find_by_statement(Statement::from_string(conn.get_database_backend(), sql))
            .all(conn)
            .await?,
    )
}

/// The figures of every enforcement agency for `year`, keyed by agency id.
async fn counts<C: ConnectionTrait>(
    conn: &C,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<HashMap<i32, AnnualCounts>, ServiceError> {
    let mut out: HashMap<i32, AnnualCounts> = HashMap::new();
    let received = format!("received_on >= '{start}' AND received_on < '{end}'");
    for r in rows::<CaseRow, _>(
        conn,
        format!(
            "SELECT agency_id, CAST(COUNT(*) AS BIGINT) AS cases,
                CAST(SUM(CASE WHEN procedure = 'ordinary' THEN 1 ELSE 0 END) AS BIGINT) AS ordinary,
                CAST(SUM(CASE WHEN procedure = 'summary' THEN 1 ELSE 0 END) AS BIGINT) AS summary,
                CAST(SUM(CASE WHEN state = 'transferred' THEN 1 ELSE 0 END) AS BIGINT) AS transfers
             FROM cases WHERE {received} GROUP BY agency_id"
        ),
    )
    .await?
    {
        let c = out.entry(r.agency_id).or_default();
        c.cases = r.cases;
        c.ordinary = r.ordinary;
        c.summary = r.summary;
        c.transfers = r.transfers;
    }
    let penalty = "decision_outcome = 'penalty'";
    let fine = "COALESCE(fine_fen, 0) > 0";
    for r in rows::<DecisionRow, _>(
        conn,
        format!(
            "SELECT agency_id,
                CAST(SUM(CASE WHEN {penalty} THEN 1 ELSE 0 END) AS BIGINT) AS penalties,
                CAST(SUM(CASE WHEN decision_outcome = 'no_penalty' THEN 1 ELSE 0 END) AS BIGINT) AS no_penalties,
                CAST(SUM(CASE WHEN {penalty} AND NOT ({fine}) AND confiscation_fen = 0 AND measures IN ('', 'warning') THEN 1 ELSE 0 END) AS BIGINT) AS warnings,
                CAST(SUM(CASE WHEN {penalty} AND {fine} THEN 1 ELSE 0 END) AS BIGINT) AS fines,
                CAST(SUM(CASE WHEN {penalty} AND confiscation_fen > 0 THEN 1 ELSE 0 END) AS BIGINT) AS confiscations,
                CAST(SUM(CASE WHEN {penalty} AND measures NOT IN ('', 'warning') THEN 1 ELSE 0 END) AS BIGINT) AS other_measures,
                CAST(SUM(CASE WHEN {penalty} THEN COALESCE(fine_fen, 0) ELSE 0 END) AS BIGINT) AS fine_fen,
                CAST(SUM(CASE WHEN {penalty} THEN confiscation_fen ELSE 0 END) AS BIGINT) AS confiscation_fen
             FROM cases WHERE decided_on >= '{start}' AND decided_on < '{end}' GROUP BY agency_id"
        ),
    )
    .await?
    {
        let c = out.entry(r.agency_id).or_default();
        c.penalties = r.penalties;
        c.no_penalties = r.no_penalties;
        c.warnings = r.warnings;
        c.fines = r.fines;
        c.confiscations = r.confiscations;
        c.other_measures = r.other_measures;
        c.fine_fen = r.fine_fen;
        c.confiscation_fen = r.confiscation_fen;
    }
    for r in rows::<CountRow, _>(
        conn,
        format!(
            "SELECT agency_id, NULL AS code, CAST(COUNT(*) AS BIGINT) AS n FROM cases
             WHERE hearing_held AND hearing_date >= '{start}' AND hearing_date < '{end}'
             GROUP BY agency_id"
        ),
    )
    .await?
    {
        out.entry(r.agency_id).or_default().hearings = r.n;
    }
    // Review rounds by the instant submitted, within the China year (bound as typed values,
    // so each backend compares them as timestamps).
    let china = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - chrono::Duration::hours(8)
    };
    let backend = conn.get_database_backend();
    let (p1, p2) = match backend {
        sea_orm::DbBackend::Postgres => ("$1", "$2"),
        _ => ("?", "?"),
    };
    for r in CountRow::find_by_statement(Statement::from_sql_and_values(
        backend,
        format!(
            "SELECT c.agency_id AS agency_id, r.status AS code, CAST(COUNT(*) AS BIGINT) AS n
             FROM review_rounds r JOIN cases c ON c.id = r.case_id
             WHERE r.submitted_at >= {p1} AND r.submitted_at < {p2}
             GROUP BY c.agency_id, r.status"
        ),
        [china(start).into(), china(end).into()],
    ))
    .all(conn)
    .await?
    {
        let c = out.entry(r.agency_id).or_default();
        match r.code.as_deref().and_then(ReviewOutcome::parse) {
            Some(o) if o.passes() => c.reviews_passed += r.n,
            Some(_) => c.reviews_returned += r.n,
            None => {}
        }
    }
    let in_year = |col: &str| format!("{col} >= '{start}' AND {col} < '{end}'");
    for r in rows::<RemedyRow, _>(
        conn,
        format!(
            "SELECT c.agency_id AS agency_id, m.kind AS kind, m.outcome AS outcome,
                CAST(SUM(CASE WHEN {filed} THEN 1 ELSE 0 END) AS BIGINT) AS filed,
                CAST(SUM(CASE WHEN m.decided_on IS NOT NULL AND {ruled} THEN 1 ELSE 0 END) AS BIGINT) AS ruled
             FROM case_remedies m JOIN cases c ON c.id = m.case_id
             WHERE ({filed}) OR (m.decided_on IS NOT NULL AND {ruled})
             GROUP BY c.agency_id, m.kind, m.outcome",
            filed = in_year("m.filed_on"),
            ruled = in_year("m.decided_on"),
        ),
    )
    .await?
    {
        let c = out.entry(r.agency_id).or_default();
        let outcome = r.outcome.as_deref().and_then(RemedyOutcome::parse);
        let (filed, upheld, corrected) = match RemedyKind::parse(&r.kind) {
            Some(RemedyKind::Reconsideration) => (
                &mut c.reconsiderations,
                &mut c.reconsiderations_upheld,
                &mut c.reconsiderations_corrected,
            ),
            Some(RemedyKind::Litigation) => {
                (&mut c.suits, &mut c.suits_upheld, &mut c.suits_corrected)
            }
            None => continue,
        };
        *filed += r.filed;
        match outcome {
            Some(RemedyOutcome::Upheld) => *upheld += r.ruled,
            Some(o) if o.corrects() => *corrected += r.ruled,
            _ => {}
        }
    }
    for r in rows::<CountRow, _>(
        conn,
        format!(
            "SELECT agency_id, NULL AS code, CAST(COUNT(*) AS BIGINT) AS n FROM complaints
             WHERE {received} GROUP BY agency_id"
        ),
    )
    .await?
    {
        out.entry(r.agency_id).or_default().complaints = r.n;
    }
    Ok(out)
}

fn row(code: String, name: String, counts: AnnualCounts) -> AnnualRow {
    AnnualRow {
        code,
        name,
        fines_yuan: format_yuan(counts.fine_fen),
        confiscations_yuan: format_yuan(counts.confiscation_fen),
        review_pass_rate: show(counts.review_pass_rate(), "%"),
        correction_rate: show(counts.correction_rate(), "%"),
        counts,
    }
}

/// How long a computed annual report is served before it is added up again.
pub const ANNUAL_CACHE_SECS: i64 = 60;

/// Annual reports lately computed, keyed by year, language and day; each kept for
/// [`ANNUAL_CACHE_SECS`]. At most a few dozen entries (ten years, two languages, today), so
/// an anonymous client cannot grow it: a year outside the range is refused before it is
/// looked up.
#[derive(Debug, Default)]
pub struct AnnualCache {
    entries: std::sync::Mutex<CacheEntries>,
}

/// When each report was computed, by year, language and the day it was computed on.
type CacheEntries = HashMap<(i32, Lang, NaiveDate), (chrono::DateTime<chrono::Utc>, AnnualReport)>;

impl AnnualCache {
    fn entries(&self) -> std::sync::MutexGuard<'_, CacheEntries> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The annual data of the year asked for (empty: the previous year), from the cache when it
/// was computed less than [`ANNUAL_CACHE_SECS`] ago.
pub async fn report(
    state: &AppState,
    year: &str,
    lang: Lang,
) -> Result<AnnualReport, ServiceError> {
    let today = state.today();
    let year = annual::parse_year(year, today)?;
    let now = state.clock.now();
    let key = (year, lang, today);
    if let Some((at, cached)) = state.annual_cache.entries().get(&key)
        && (now - *at).num_seconds() < ANNUAL_CACHE_SECS
    {
        return Ok(cached.clone());
    }
    let report = compute(state, year, today, lang).await?;
    let mut entries = state.annual_cache.entries();
    entries.retain(|(_, _, day), (at, _)| {
        *day == today && (now - *at).num_seconds() < ANNUAL_CACHE_SECS
    });
    entries.insert(key, (now, report.clone()));
    Ok(report)
}

async fn compute(
    state: &AppState,
    year: i32,
    today: NaiveDate,
    lang: Lang,
) -> Result<AnnualReport, ServiceError> {
    let (start, end) = annual::year_bounds(year);
    let conn = &state.db.conn;
    let mut figures = counts(conn, start, end).await?;
    let agencies = agencies::Entity::find()
        .filter(agencies::Column::Kind.eq(AgencyKind::Enforcement.as_str()))
        .order_by_asc(agencies::Column::Name)
        .all(conn)
        .await?;
    let mut total = AnnualCounts::default();
    let rows: Vec<AnnualRow> = agencies
        .into_iter()
        .map(|a| {
            let c = figures.remove(&a.id).unwrap_or_default();
            total.add(&c);
            row(a.code, a.name, c)
        })
        .collect();
    let first = chrono::Datelike::year(&today)
        .min(year)
        .max(annual::FIRST_YEAR);
    let years = (annual::FIRST_YEAR.max(first - 9)..=chrono::Datelike::year(&today))
        .rev()
        .collect();
    Ok(AnnualReport {
        year,
        provisional: annual::provisional(year, today),
        due_on: annual::report_due(year),
        rows,
        total: row(String::new(), lang.pick("合计", "Total").to_owned(), total),
        years,
    })
}

/// The report as CSV (UTF-8 with a byte-order mark, CRLF), the same figures as the page.
pub fn csv(report: &AnnualReport, lang: Lang) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&annual::csv_header(lang));
    for r in report.rows.iter().chain(std::iter::once(&report.total)) {
        out.push_str(&annual::csv_row(&r.name, report.year, &r.counts));
    }
    out
}
