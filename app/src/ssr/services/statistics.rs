//! Supervision statistics (执法统计) and the officer profile for supervisors.
//!
//! The figures come from the running totals per agency, officer, matter and month that every
//! case change keeps up to date (`ssr::rollup`), so a request reads a few hundred rows however
//! many cases there are; `tianping_domain::supervision::figures` does the arithmetic on them. Every value put
//! into the SQL text is typed (ids, dates, fixed codes from the domain), never user text.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    Statement,
};
use tianping_domain::{
    authz::{Action, Actor, UserScope, can},
    case::CaseState,
    credential::{self, CredentialKind},
    i18n::Lang,
    role::Role,
    supervision::{
        complaint::ComplaintStatus,
        figures::{Counts, Dimension, Period, show},
        rollup::{NO_MATTER, RollupDimension, month_of},
    },
};

use crate::{
    api::supervision_dto::{
        AgencyOption, CertificateView, MonthPoint, OfficerCase, OfficerComplaint, OfficerProfile,
        StatsReport, StatsRow,
    },
    ssr::{
        AppState,
        entities::{
            agencies, case_officers, cases, complaints, credentials, discretion_standards, users,
        },
        error::ServiceError,
    },
};

/// What a statistics request asks for, as text (query string or form).
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize, utoipa::IntoParams,
)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// `agency`, `officer`, `matter` or `month`.
    #[serde(default)]
    #[param(pattern = r"^(agency|officer|matter|month)?$")]
    pub dimension: String,
    /// First month, `YYYY-MM` (empty: twelve months back).
    #[serde(default)]
    #[param(pattern = r"^(\d{4}-\d{2})?$")]
    pub from: String,
    /// Last month, `YYYY-MM` (empty: this month).
    #[serde(default)]
    #[param(pattern = r"^(\d{4}-\d{2})?$")]
    pub to: String,
    /// One agency's id (empty: every agency the caller oversees).
    #[serde(default)]
    #[param(pattern = r"^\d{0,9}$")]
    pub agency: String,
}

#[derive(Debug, Clone, FromQueryResult)]
struct Row {
    k: Option<String>,
    m: Option<String>,
    opened: i64,
    closed: i64,
    penalties: i64,
    no_penalties: i64,
    fines: i64,
    handling_days: i64,
    reviews_passed: i64,
    reviews_returned: i64,
    hearings: i64,
    overdue: i64,
}

#[derive(Debug, FromQueryResult)]
struct ComplaintRow {
    agency_id: i32,
    m: String,
    n: i64,
}

/// The values of a statement, bound as parameters: every value in the SQL text is a
/// placeholder (`$n` on PostgreSQL, `?n` on SQLite), never spliced in.
struct Params {
    backend: DbBackend,
    values: Vec<sea_orm::Value>,
}

impl Params {
    fn new(backend: DbBackend) -> Self {
        Self {
            backend,
            values: Vec::new(),
        }
    }

    /// A placeholder for `value`.
    fn bind(&mut self, value: impl Into<sea_orm::Value>) -> String {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => format!("${}", self.values.len()),
            _ => format!("?{}", self.values.len()),
        }
    }

    /// Placeholders for a list of ids (`NULL` for none: `IN (NULL)` matches nothing).
    fn list(&mut self, ids: impl IntoIterator<Item = i32>) -> String {
        let v: Vec<String> = ids.into_iter().map(|i| self.bind(i)).collect();
        if v.is_empty() {
            "NULL".to_owned()
        } else {
            v.join(",")
        }
    }

    fn statement(self, sql: String) -> Statement {
        Statement::from_sql_and_values(self.backend, sql, self.values)
    }
}

fn month_expr(backend: DbBackend, column: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("to_char({column}, 'YYYY-MM')"),
        _ => format!("substr({column}, 1, 7)"),
    }
}

/// Rows with the same key (by `key`) added up; the key goes into `k`.
fn merge(rows: &[Row], key: impl Fn(&Row) -> Option<String>) -> Vec<Row> {
    let mut out: BTreeMap<Option<String>, Row> = BTreeMap::new();
    for r in rows {
        let k = key(r);
        let e = out.entry(k.clone()).or_insert_with(|| Row::empty(k, None));
        e.opened += r.opened;
        e.closed += r.closed;
        e.penalties += r.penalties;
        e.no_penalties += r.no_penalties;
        e.fines += r.fines;
        e.handling_days += r.handling_days;
        e.reviews_passed += r.reviews_passed;
        e.reviews_returned += r.reviews_returned;
        e.hearings += r.hearings;
        e.overdue += r.overdue;
    }
    out.into_values().collect()
}

/// The counts of the cases of `agency_ids` received in `period`, one row per key and month:
/// read from the running totals (`ssr::rollup`), plus the cases whose running deadline has
/// passed its due date since (the part of "overdue" that the calendar changes).
async fn grouped<C: ConnectionTrait>(
    conn: &C,
    dimension: Dimension,
    agency_ids: &[i32],
    period: Period,
    today: NaiveDate,
) -> Result<Vec<Row>, ServiceError> {
    #[derive(Debug, FromQueryResult)]
    struct Late {
        agency_id: i32,
        month: String,
        matter_id: Option<i32>,
        officers: String,
    }
    let backend = conn.get_database_backend();
    let (kept, key) = match dimension {
        Dimension::Agency => (RollupDimension::Agency, "key"),
        Dimension::Officer => (RollupDimension::Officer, "key"),
        Dimension::Matter => (RollupDimension::Matter, "key"),
        Dimension::Month => (RollupDimension::Agency, "month"),
    };
    let (from, to) = (month_of(period.start), month_of(period.end));
    let sum = |c: &str| format!("CAST(SUM({c}) AS BIGINT) AS {c}");
    let mut p = Params::new(backend);
    let dimension_value = p.bind(kept.as_str());
    let agencies = p.list(agency_ids.iter().copied());
    let from_value = p.bind(from.clone());
    let to_value = p.bind(to.clone());
    let sql = format!(
        "SELECT {key} AS k, month AS m, {opened}, {closed}, {penalties}, {no_penalties},
            CAST(SUM(fines_fen) AS BIGINT) AS fines, {handling_days}, {reviews_passed},
            {reviews_returned}, {hearings}, {overdue}
        FROM case_stat_rollups
        WHERE dimension = {dimension_value} AND agency_id IN ({agencies})
          AND month >= {from_value} AND month < {to_value}
        GROUP BY {key}, month
        HAVING SUM(opened) > 0",
        opened = sum("opened"),
        closed = sum("closed"),
        penalties = sum("penalties"),
        no_penalties = sum("no_penalties"),
        handling_days = sum("handling_days"),
        reviews_passed = sum("reviews_passed"),
        reviews_returned = sum("reviews_returned"),
        hearings = sum("hearings"),
        overdue = sum("overdue"),
    );
    let mut rows = Row::find_by_statement(p.statement(sql)).all(conn).await?;
    let mut p = Params::new(backend);
    let sql = format!(
        "SELECT agency_id, month, matter_id, officers FROM case_stat_facts
         WHERE running_due < {today} AND NOT overdue_settled
           AND agency_id IN ({agencies}) AND month >= {from} AND month < {to}",
        today = p.bind(today),
        agencies = p.list(agency_ids.iter().copied()),
        from = p.bind(from),
        to = p.bind(to),
    );
    let late = Late::find_by_statement(p.statement(sql)).all(conn).await?;
    let mut at: HashMap<(Option<String>, Option<String>), usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.k.clone(), r.m.clone()), i))
        .collect();
    for case in late {
        let keys = match dimension {
            Dimension::Agency => vec![case.agency_id.to_string()],
            Dimension::Month => vec![case.month.clone()],
            Dimension::Matter => vec![
                case.matter_id
                    .map_or_else(|| NO_MATTER.to_owned(), |m| m.to_string()),
            ],
            Dimension::Officer => crate::ssr::rollup::officers_of(&case.officers)
                .into_iter()
                .map(|o| o.to_string())
                .collect(),
        };
        for k in keys {
            let slot = (Some(k), Some(case.month.clone()));
            let i = *at.entry(slot.clone()).or_insert_with(|| {
                rows.push(Row::empty(slot.0, slot.1));
                rows.len() - 1
            });
            rows[i].overdue += 1;
        }
    }
    Ok(rows)
}

/// Complaints received in the period about the agencies, by agency and month.
async fn complaint_counts<C: ConnectionTrait>(
    conn: &C,
    agency_ids: &[i32],
    period: Period,
) -> Result<Vec<ComplaintRow>, ServiceError> {
    let backend = conn.get_database_backend();
    let mut p = Params::new(backend);
    let sql = format!(
        "SELECT agency_id, {m} AS m, CAST(COUNT(*) AS BIGINT) AS n FROM complaints
         WHERE agency_id IN ({agencies}) AND received_on >= {start} AND received_on < {end}
         GROUP BY agency_id, {m}",
        m = month_expr(backend, "received_on"),
        agencies = p.list(agency_ids.iter().copied()),
        start = p.bind(period.start),
        end = p.bind(period.end),
    );
    Ok(ComplaintRow::find_by_statement(p.statement(sql))
        .all(conn)
        .await?)
}

impl Row {
    fn empty(k: Option<String>, m: Option<String>) -> Row {
        Row {
            k,
            m,
            opened: 0,
            closed: 0,
            penalties: 0,
            no_penalties: 0,
            fines: 0,
            handling_days: 0,
            reviews_passed: 0,
            reviews_returned: 0,
            hearings: 0,
            overdue: 0,
        }
    }

    fn counts(&self) -> Counts {
        Counts {
            opened: self.opened,
            closed: self.closed,
            penalties: self.penalties,
            no_penalties: self.no_penalties,
            fines_fen: self.fines,
            handling_days: self.handling_days,
            reviews_passed: self.reviews_passed,
            reviews_returned: self.reviews_returned,
            hearings: self.hearings,
            complaints: 0,
            overdue: self.overdue,
        }
    }
}

fn stats_row(key: String, label: String, counts: Counts, link: Option<String>) -> StatsRow {
    StatsRow {
        key,
        label,
        average_days: show(counts.average_handling_days(), ""),
        pass_rate: show(counts.review_pass_rate(), "%"),
        overdue_rate: show(counts.overdue_rate(), "%"),
        counts,
        link,
    }
}

/// The statistics of the agencies the caller oversees, grouped by `query.dimension`, with the
/// monthly series and the totals.
pub async fn statistics(
    state: &AppState,
    actor: &Actor,
    query: &StatsQuery,
    lang: Lang,
) -> Result<StatsReport, ServiceError> {
    can(actor, &Action::Supervise)?;
    let dimension = Dimension::parse(&query.dimension)?;
    let today = state.today();
    let period = Period::parse(&query.from, &query.to, today)?;
    // Enforcement agencies only: a supervision body handles no cases and would show as a row
    // of zeros (issue 22 item 10).
    let visible: HashMap<i32, agencies::Model> =
        super::agencies_where(state, actor, |a| Action::ViewStatistics(a))
            .await?
            .into_iter()
            .filter(|(_, a)| a.kind != tianping_domain::agency::AgencyKind::Supervision.as_str())
            .collect();
    let agency_filter = match query.agency.trim() {
        "" => None,
        s => {
            let id = s.parse::<i32>().map_err(|_| {
                tianping_domain::validate::ValidationError::new(
                    tianping_domain::validate::Field::Agency,
                    tianping_domain::validate::Rule::Exists,
                )
            })?;
            if !visible.contains_key(&id) {
                return Err(ServiceError::NotFound);
            }
            Some(id)
        }
    };
    let ids: Vec<i32> = match agency_filter {
        Some(id) => vec![id],
        None => visible.keys().copied().collect(),
    };
    let conn = &state.db.conn;
    // One scan gives the table and the monthly series, except by officer (a case counts once
    // per officer, so its months are added up separately).
    let main = grouped(conn, dimension, &ids, period, today).await?;
    let monthly = if dimension == Dimension::Officer {
        merge(
            &grouped(conn, Dimension::Month, &ids, period, today).await?,
            |r| r.m.clone(),
        )
    } else {
        merge(&main, |r| r.m.clone())
    };
    let found = merge(&main, |r| r.k.clone());
    let complaint_rows = complaint_counts(conn, &ids, period).await?;
    let mut complaints_by_month: HashMap<String, i64> = HashMap::new();
    let mut complaints_by_agency: HashMap<i32, i64> = HashMap::new();
    for c in &complaint_rows {
        *complaints_by_month.entry(c.m.clone()).or_default() += c.n;
        *complaints_by_agency.entry(c.agency_id).or_default() += c.n;
    }
    let mut by_month: BTreeMap<String, Counts> = period
        .months()
        .into_iter()
        .map(|m| (m, Counts::default()))
        .collect();
    for r in &monthly {
        if let Some(m) = &r.k {
            let entry = by_month.entry(m.clone()).or_default();
            *entry = r.counts();
        }
    }
    for (m, n) in &complaints_by_month {
        by_month.entry(m.clone()).or_default().complaints = *n;
    }
    let mut total = Counts::default();
    for c in by_month.values() {
        total.add(c);
    }
    let months: Vec<MonthPoint> = by_month
        .iter()
        .map(|(m, c)| MonthPoint {
            month: m.clone(),
            opened: c.opened,
            closed: c.closed,
        })
        .collect();
    let rows: Vec<StatsRow> = match dimension {
        Dimension::Month => by_month
            .into_iter()
            .map(|(m, c)| stats_row(m.clone(), m, c, None))
            .collect(),
        Dimension::Agency => {
            let mut counts: HashMap<i32, Counts> = HashMap::new();
            for r in &found {
                if let Some(id) = r.k.as_deref().and_then(|k| k.parse().ok()) {
                    counts.insert(id, r.counts());
                }
            }
            let mut rows: Vec<StatsRow> = ids
                .iter()
                .filter_map(|id| visible.get(id))
                .map(|a| {
                    let mut c = counts.remove(&a.id).unwrap_or_default();
                    c.complaints = complaints_by_agency.get(&a.id).copied().unwrap_or(0);
                    stats_row(a.id.to_string(), a.name.clone(), c, None)
                })
                .collect();
            rows.sort_by(|a, b| a.label.cmp(&b.label));
            rows
        }
        Dimension::Officer => {
            let people: HashMap<i32, String> = users::Entity::find()
                .filter(users::Column::AgencyId.is_in(ids.clone()))
                .all(conn)
                .await?
                .into_iter()
                .map(|u| (u.id, u.display_name))
                .collect();
            let mut rows: Vec<StatsRow> = found
                .iter()
                .filter_map(|r| {
                    let id: i32 = r.k.as_deref()?.parse().ok()?;
                    Some(stats_row(
                        id.to_string(),
                        people.get(&id).cloned().unwrap_or_else(|| format!("#{id}")),
                        r.counts(),
                        Some(format!("/work/officers/{id}")),
                    ))
                })
                .collect();
            rows.sort_by(|a, b| a.label.cmp(&b.label));
            rows
        }
        Dimension::Matter => {
            let titles: HashMap<i32, String> = discretion_standards::Entity::find()
                .filter(discretion_standards::Column::AgencyId.is_in(ids.clone()))
                .all(conn)
                .await?
                .into_iter()
                .map(|s| (s.id, format!("{}（{}）", s.title, s.provision)))
                .collect();
            let mut rows: Vec<StatsRow> = found
                .iter()
                .map(|r| {
                    let id: Option<i32> = r.k.as_deref().and_then(|k| k.parse().ok());
                    let label = match id {
                        Some(id) => titles.get(&id).cloned().unwrap_or_else(|| format!("#{id}")),
                        None => lang
                            .pick(
                                "未适用裁量基准（尚未调查终结等）",
                                "No discretion standard applied yet",
                            )
                            .to_owned(),
                    };
                    stats_row(
                        id.map_or_else(|| "none".to_owned(), |i| i.to_string()),
                        label,
                        r.counts(),
                        None,
                    )
                })
                .collect();
            rows.sort_by(|a, b| (a.key == "none", &a.label).cmp(&(b.key == "none", &b.label)));
            rows
        }
    };
    let (from, to) = period.bounds();
    let mut agencies: Vec<AgencyOption> = visible
        .values()
        .map(|a| AgencyOption {
            id: a.id,
            name: a.name.clone(),
        })
        .collect();
    agencies.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(StatsReport {
        dimension: dimension.as_str().to_owned(),
        dimension_label: dimension.label(lang).to_owned(),
        from,
        to,
        agency: agency_filter,
        agencies,
        complaints_counted: matches!(dimension, Dimension::Agency | Dimension::Month),
        rows,
        total: stats_row(
            "total".to_owned(),
            lang.pick("合计", "Total").to_owned(),
            total,
            None,
        ),
        months,
    })
}

/// Fen as plain yuan for spreadsheets: `1234.50` (no thousands separators).
fn plain_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// The statistics as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the
/// Chinese text), the same figures as the page.
pub fn statistics_csv(report: &StatsReport, lang: Lang) -> String {
    use tianping_domain::supervision::figures::csv_line;
    let mut out = String::from("\u{feff}");
    let header = [
        lang.pick("项目", "Row"),
        lang.pick("受理案件", "Opened"),
        lang.pick("办结案件", "Closed"),
        lang.pick("作出处罚决定", "Penalty decisions"),
        lang.pick("不予处罚", "No penalty"),
        lang.pick("罚款金额（元）", "Fines (yuan)"),
        lang.pick("平均办案天数", "Average days to close"),
        lang.pick("法制审核通过", "Reviews passed"),
        lang.pick("法制审核退回", "Reviews returned"),
        lang.pick("审核通过率", "Review pass rate"),
        lang.pick("听证", "Hearings"),
        lang.pick("投诉举报", "Complaints"),
        lang.pick("超期案件", "Overdue cases"),
        lang.pick("超期率", "Overdue rate"),
    ];
    out.push_str(&csv_line(header));
    for r in report.rows.iter().chain(std::iter::once(&report.total)) {
        let c = &r.counts;
        let complaints = if report.complaints_counted {
            c.complaints.to_string()
        } else {
            String::new()
        };
        let cells = [
            r.label.clone(),
            c.opened.to_string(),
            c.closed.to_string(),
            c.penalties.to_string(),
            c.no_penalties.to_string(),
            plain_yuan(c.fines_fen),
            r.average_days.replace('—', ""),
            c.reviews_passed.to_string(),
            c.reviews_returned.to_string(),
            r.pass_rate.replace('—', ""),
            c.hearings.to_string(),
            complaints,
            c.overdue.to_string(),
            r.overdue_rate.replace('—', ""),
        ];
        out.push_str(&csv_line(cells.iter().map(String::as_str)));
    }
    out
}

/// A supervisor's view of one officer: certificates, cases, figures, warnings, complaints.
pub async fn officer_profile(
    state: &AppState,
    actor: &Actor,
    user_id: i32,
    lang: Lang,
) -> Result<OfficerProfile, ServiceError> {
    can(actor, &Action::Supervise)?;
    let conn = &state.db.conn;
    let user = users::Entity::find_by_id(user_id)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let role = Role::parse(&user.role).ok_or(ServiceError::NotFound)?;
    if !matches!(role, Role::Officer | Role::AgencyHead) {
        return Err(ServiceError::NotFound);
    }
    let agency = agencies::Entity::find_by_id(user.agency_id.ok_or(ServiceError::NotFound)?)
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let scope = agency.scope();
    can(
        actor,
        &Action::ViewUser(&UserScope {
            user_id,
            agency: Some(scope.clone()),
        }),
    )?;
    can(actor, &Action::ViewStatistics(&scope))?;
    let today = state.today();
    let certificates = credentials::Entity::find()
        .filter(credentials::Column::UserId.eq(user_id))
        .order_by_desc(credentials::Column::ValidFrom)
        .all(conn)
        .await?
        .into_iter()
        .map(|c| {
            let status = credential::status(c.valid_from, c.valid_to, c.revoked, today);
            CertificateView {
                kind: CredentialKind::parse(&c.kind)
                    .map_or_else(|| c.kind.clone(), |k| k.label(lang).to_owned()),
                number: c.number,
                scope: c.scope,
                valid_from: c.valid_from,
                valid_to: c.valid_to,
                status_label: status.label(lang).to_owned(),
                in_force: status.in_force(),
            }
        })
        .collect();
    let links = case_officers::Entity::find()
        .filter(case_officers::Column::UserId.eq(user_id))
        .all(conn)
        .await?;
    let case_rows = cases::Entity::find()
        .filter(cases::Column::Id.is_in(links.iter().map(|l| l.case_id)))
        .order_by_desc(cases::Column::ReceivedOn)
        .all(conn)
        .await?;
    let mut counts = Counts::default();
    for c in &case_rows {
        counts.opened += 1;
        if let Some(closed) = c.closed_on {
            counts.closed += 1;
            counts.handling_days += (closed - c.received_on).num_days();
        }
        match c.decision_outcome.as_deref() {
            Some("penalty") => {
                counts.penalties += 1;
                counts.fines_fen += c.fine_fen.unwrap_or(0);
            }
            Some("no_penalty") => counts.no_penalties += 1,
            _ => {}
        }
        if c.hearing_held {
            counts.hearings += 1;
        }
    }
    let numbers: Vec<String> = case_rows.iter().map(|c| c.number.clone()).collect();
    let complaints = complaints::Entity::find()
        .filter(complaints::Column::CaseNumber.is_in(numbers))
        .order_by_desc(complaints::Column::ReceivedAt)
        .all(conn)
        .await?
        .into_iter()
        .map(|c| OfficerComplaint {
            tracking_no: c.tracking_no,
            subject: c.subject,
            case_number: c.case_number.unwrap_or_default(),
            received_on: c.received_on,
            status_label: ComplaintStatus::parse(&c.status)
                .map_or_else(String::new, |s| s.label(lang).to_owned()),
        })
        .collect::<Vec<_>>();
    counts.complaints = i64::try_from(complaints.len()).unwrap_or(i64::MAX);
    let case_ids: std::collections::BTreeSet<i32> = case_rows.iter().map(|c| c.id).collect();
    let warnings = super::supervision::warnings_of_cases(state, actor, lang, &case_ids).await?;
    let cases = case_rows
        .into_iter()
        .map(|c| {
            let link = links.iter().find(|l| l.case_id == c.id);
            OfficerCase {
                id: c.id,
                number: c.number,
                title: c.title,
                state_label: CaseState::parse(&c.state)
                    .map_or_else(|| c.state.clone(), |s| s.label(lang).to_owned()),
                received_on: c.received_on,
                investigator: link.is_some_and(|l| l.investigator),
                recused: link.is_some_and(|l| l.recused),
            }
        })
        .collect();
    Ok(OfficerProfile {
        id: user.id,
        name: user.display_name,
        username: user.username,
        role_label: role.label(lang).to_owned(),
        agency: agency.name,
        active: user.active,
        certificates,
        figures: stats_row(
            user.id.to_string(),
            lang.pick("全部案件", "All cases").to_owned(),
            counts,
            None,
        ),
        cases,
        warnings,
        complaints,
    })
}
