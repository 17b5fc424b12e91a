//! Supervision statistics against direct SQL counts on the seeded demo, the CSV with the same
//! figures, scope and validation for every role, and the officer profile.

use axum::http::StatusCode;
use serde_json::Value;

use crate::helpers::TestApp;

const PERIOD: &str = "from=2023-01&to=2026-12";
const WHERE: &str = "received_on >= '2023-01-01' AND received_on < '2027-01-01'";

fn row<'a>(report: &'a Value, key: &str) -> &'a Value {
    report["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no row {key}: {report}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_figures_by_agency_month_and_officer_equal_direct_sql_counts_and_the_csv_says_the_same()
{
    let app = TestApp::demo().await;
    let token = app.login("supervisor.wu").await;
    let r = app
        .get(
            &format!("/api/v1/supervision/statistics?dimension=agency&{PERIOD}"),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let mut total_opened = 0;
    for code in ["SCJG", "CGZF", "STHJ"] {
        let id = app.id_of_agency(code).await;
        let row = row(&r.body, &id.to_string());
        let c = &row["counts"];
        let sql = |extra: &str| {
            format!("SELECT COUNT(*) FROM cases WHERE agency_id = {id} AND {WHERE} {extra}")
        };
        let opened = app.scalar(&sql("")).await;
        total_opened += opened;
        assert_eq!(c["opened"], opened, "{code} opened");
        assert_eq!(
            c["closed"],
            app.scalar(&sql("AND closed_on IS NOT NULL")).await,
            "{code} closed"
        );
        assert_eq!(
            c["penalties"],
            app.scalar(&sql("AND decision_outcome = 'penalty'")).await,
            "{code}"
        );
        assert_eq!(
            c["no_penalties"],
            app.scalar(&sql("AND decision_outcome = 'no_penalty'"))
                .await,
            "{code}"
        );
        let fines = app
            .scalar(&format!(
                "SELECT CAST(COALESCE(SUM(fine_fen), 0) AS BIGINT) FROM cases WHERE agency_id = {id} AND {WHERE} AND decision_outcome = 'penalty'"
            ))
            .await;
        assert_eq!(c["fines_fen"], fines, "{code} fines");
        let hearings = app
            .scalar(&format!(
                "SELECT CAST(COALESCE(SUM(CASE WHEN hearing_held THEN 1 ELSE 0 END), 0) AS BIGINT) FROM cases WHERE agency_id = {id} AND {WHERE}"
            ))
            .await;
        assert_eq!(c["hearings"], hearings, "{code} hearings");
        let passed = app
            .scalar(&format!(
                "SELECT COUNT(*) FROM review_rounds r JOIN cases c ON c.id = r.case_id WHERE c.agency_id = {id} AND c.{WHERE} AND r.status IN ('approve', 'approve_with_opinions')"
            ))
            .await;
        assert_eq!(c["reviews_passed"], passed, "{code} reviews");
        let complaints = app
            .scalar(&format!(
                "SELECT COUNT(*) FROM complaints WHERE agency_id = {id}"
            ))
            .await;
        assert_eq!(c["complaints"], complaints, "{code} complaints");
    }
    let all = app
        .scalar(&format!("SELECT COUNT(*) FROM cases WHERE {WHERE}"))
        .await;
    assert!(all > 10, "the demo has cases: {all}");
    assert_eq!(total_opened, all);
    assert_eq!(r.body["total"]["counts"]["opened"], all);
    assert!(r.body["total"]["counts"]["penalties"].as_i64().expect("n") > 0);
    assert!(
        r.body["total"]["counts"]["reviews_passed"]
            .as_i64()
            .expect("n")
            > 0
    );
    assert_eq!(
        r.body["total"]["counts"]["complaints"],
        app.scalar("SELECT COUNT(*) FROM complaints").await
    );
    assert!(
        r.body["total"]["counts"]["overdue"].as_i64().expect("n") > 0,
        "the demo has overdue cases"
    );
    assert_eq!(r.body["months"].as_array().expect("months").len(), 48);

    // By month: every month's count is the SQL count of that month; they add up to the total.
    let m = app
        .get(
            &format!("/api/v1/supervision/statistics?dimension=month&{PERIOD}"),
            Some(&token),
        )
        .await;
    let mut sum = 0;
    for month in m.body["rows"].as_array().expect("rows") {
        let key = month["key"].as_str().expect("key");
        let opened = month["counts"]["opened"].as_i64().expect("n");
        sum += opened;
        if opened > 0 {
            let (y, mo) = key.split_once('-').expect("month");
            let next = if mo == "12" {
                format!("{}-01", y.parse::<i32>().expect("y") + 1)
            } else {
                format!("{y}-{:02}", mo.parse::<u32>().expect("m") + 1)
            };
            let sql = format!(
                "SELECT COUNT(*) FROM cases WHERE received_on >= '{key}-01' AND received_on < '{next}-01'"
            );
            assert_eq!(opened, app.scalar(&sql).await, "{key}");
        }
    }
    assert_eq!(sum, all);

    // By officer: each officer's cases are the cases they are assigned to (not recused).
    let o = app
        .get(
            &format!("/api/v1/supervision/statistics?dimension=officer&{PERIOD}"),
            Some(&token),
        )
        .await;
    let zhang = app.id_of_user("officer.zhang").await;
    let expected = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM case_officers co JOIN cases c ON c.id = co.case_id WHERE co.user_id = {zhang} AND co.assigned AND NOT co.recused AND c.{WHERE}"
        ))
        .await;
    assert!(expected > 0);
    let zrow = row(&o.body, &zhang.to_string());
    assert_eq!(zrow["counts"]["opened"], expected);
    assert_eq!(zrow["link"], format!("/work/officers/{zhang}"));

    // The CSV: a byte-order mark, a header, one line per agency and the total, same figures.
    let csv = app
        .get(
            &format!("/api/v1/supervision/statistics.csv?dimension=agency&{PERIOD}"),
            Some(&token),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers[axum::http::header::CONTENT_TYPE]
            .to_str()
            .expect("type")
            .starts_with("text/csv")
    );
    assert!(csv.text.starts_with('\u{feff}'), "BOM");
    let lines: Vec<&str> = csv.text.trim_start_matches('\u{feff}').lines().collect();
    assert!(
        lines[0].starts_with("项目,受理案件,办结案件"),
        "{}",
        lines[0]
    );
    let rows = r.body["rows"].as_array().expect("rows").len();
    // The region's three enforcement agencies; the supervision body (SFJ) handles no cases
    // and has no row of zeros (issue 22 item 10).
    assert_eq!(
        rows, 3,
        "the supervisor's region has three enforcement agencies"
    );
    let sfj = app.id_of_agency("SFJ").await.to_string();
    assert!(
        r.body["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .all(|row| row["key"].as_str() != Some(sfj.as_str())),
        "{}",
        r.text
    );
    assert_eq!(lines.len(), 1 + rows + 1, "{}", csv.text);
    for r0 in r.body["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .chain(std::iter::once(&r.body["total"]))
    {
        let label = r0["label"].as_str().expect("label");
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("{label},")))
            .expect("line");
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells[1], r0["counts"]["opened"].to_string(), "{label}");
        assert_eq!(cells[2], r0["counts"]["closed"].to_string(), "{label}");
        let fen = r0["counts"]["fines_fen"].as_i64().expect("fen");
        assert_eq!(
            cells[5],
            format!("{}.{:02}", fen / 100, fen % 100),
            "{label}"
        );
        assert_eq!(cells[11], r0["counts"]["complaints"].to_string(), "{label}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statistics_are_scoped_per_role_and_bad_filters_are_named() {
    let app = TestApp::demo().await;
    let scjg = app.id_of_agency("SCJG").await;
    let cgzf = app.id_of_agency("CGZF").await;
    for (user, status, rows) in [
        // The three enforcement agencies (the supervision body has no row).
        ("supervisor.wu", StatusCode::OK, 3),
        ("admin", StatusCode::OK, 3),
        ("head.scjg", StatusCode::OK, 1),
        ("officer.zhang", StatusCode::FORBIDDEN, 0),
        ("reviewer.sun", StatusCode::FORBIDDEN, 0),
        ("hotline12345", StatusCode::FORBIDDEN, 0),
    ] {
        let token = app.login(user).await;
        let r = app
            .get("/api/v1/supervision/statistics", Some(&token))
            .await;
        assert_eq!(r.status, status, "{user}: {}", r.text);
        if status == StatusCode::OK {
            assert_eq!(
                r.body["rows"].as_array().expect("rows").len(),
                rows,
                "{user}"
            );
        }
        let csv = app
            .get("/api/v1/supervision/statistics.csv", Some(&token))
            .await;
        assert_eq!(csv.status, status, "{user} csv");
    }
    assert_eq!(
        app.get("/api/v1/supervision/statistics", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let head = app.login("head.scjg").await;
    let own = app
        .get(
            &format!("/api/v1/supervision/statistics?agency={scjg}"),
            Some(&head),
        )
        .await;
    assert_eq!(own.status, StatusCode::OK);
    let other = app
        .get(
            &format!("/api/v1/supervision/statistics?agency={cgzf}"),
            Some(&head),
        )
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    app.assert_refused_naming(
        "/api/v1/supervision/statistics",
        &head,
        &[
            ("from=2026-13", "month"),
            ("from=2026-05&to=2026-04", "month"),
            ("from=%27%20OR%201%3D1", "month"),
            ("dimension=fines", "dimension"),
            ("agency=abc", "agency"),
        ],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supervisors_see_an_officers_certificate_cases_warnings_and_complaints() {
    let app = TestApp::demo().await;
    let zhang = app.id_of_user("officer.zhang").await;
    let sup = app.login("supervisor.wu").await;
    let p = app
        .get(&format!("/api/v1/supervision/officers/{zhang}"), Some(&sup))
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.text);
    assert!(!p.body["certificates"].as_array().expect("certs").is_empty());
    let cases = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM case_officers WHERE user_id = {zhang}"
        ))
        .await;
    assert_eq!(
        p.body["cases"].as_array().expect("cases").len() as i64,
        cases
    );
    assert_eq!(p.body["figures"]["counts"]["opened"], cases);
    // The demo's answered complaint quotes one of SCJG's cases, handled by officer.zhang.
    let quoted = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM complaints q JOIN cases c ON c.number = q.case_number JOIN case_officers co ON co.case_id = c.id WHERE co.user_id = {zhang}"
        ))
        .await;
    assert_eq!(
        p.body["complaints"].as_array().expect("complaints").len() as i64,
        quoted
    );
    assert!(quoted > 0);
    for (user, status) in [
        ("head.scjg", StatusCode::OK),
        ("head.cgzf", StatusCode::NOT_FOUND),
        ("officer.li", StatusCode::FORBIDDEN),
        ("reviewer.sun", StatusCode::FORBIDDEN),
        ("admin", StatusCode::OK),
    ] {
        let token = app.login(user).await;
        let r = app
            .get(
                &format!("/api/v1/supervision/officers/{zhang}"),
                Some(&token),
            )
            .await;
        assert_eq!(r.status, status, "{user}: {}", r.text);
    }
    let reviewer = app.id_of_user("reviewer.sun").await;
    let r = app
        .get(
            &format!("/api/v1/supervision/officers/{reviewer}"),
            Some(&sup),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "only officers and heads have profiles"
    );
}

/// The running totals that every unit of work keeps (while the whole demo was seeded through
/// the services) equal totals rebuilt from the cases, and "overdue" — partly a matter of the
/// calendar — equals a direct SQL count over the deadlines.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_running_totals_kept_by_every_write_equal_a_rebuild_and_overdue_equals_sql() {
    use app::ssr::{
        clock::Clock as _,
        entities::{case_stat_facts, case_stat_rollups},
        rollup,
    };
    use sea_orm::{EntityTrait, QueryOrder};
    use tianping_domain::case::DeadlineKind;

    let app = TestApp::demo().await;
    let db = &app.state.db;
    let read = || async {
        let facts = case_stat_facts::Entity::find()
            .order_by_asc(case_stat_facts::Column::CaseId)
            .all(&db.conn)
            .await
            .expect("facts");
        let totals: Vec<case_stat_rollups::Model> = case_stat_rollups::Entity::find()
            .order_by_asc(case_stat_rollups::Column::Dimension)
            .order_by_asc(case_stat_rollups::Column::AgencyId)
            .order_by_asc(case_stat_rollups::Column::Month)
            .order_by_asc(case_stat_rollups::Column::Key)
            .all(&db.conn)
            .await
            .expect("totals")
            .into_iter()
            .filter(|r| {
                [
                    r.opened,
                    r.closed,
                    r.penalties,
                    r.no_penalties,
                    r.fines_fen,
                    r.handling_days,
                    r.reviews_passed,
                    r.reviews_returned,
                    r.hearings,
                    r.overdue,
                ]
                .iter()
                .any(|v| *v != 0)
            })
            .collect();
        (facts, totals)
    };
    let (facts, totals) = read().await;
    assert_eq!(
        i64::try_from(facts.len()).expect("n"),
        app.scalar("SELECT COUNT(*) FROM cases").await,
        "one facts row per case"
    );
    assert!(totals.len() > 10, "{totals:?}");
    let counted = rollup::rebuild(db).await.expect("rebuild");
    assert_eq!(counted as usize, facts.len());
    let (rebuilt_facts, rebuilt_totals) = read().await;
    assert_eq!(facts, rebuilt_facts);
    assert_eq!(totals, rebuilt_totals);

    let binding: Vec<String> = DeadlineKind::ALL
        .into_iter()
        .filter(|k| k.binds_the_agency())
        .map(|k| format!("'{}'", app::api::case_dto_code(&k)))
        .collect();
    let today = tianping_domain::i18n::china_time(app.clock.now()).date_naive();
    let overdue = app
        .scalar(&format!(
            "SELECT COUNT(DISTINCT d.case_id) FROM case_deadlines d JOIN cases c ON c.id = d.case_id
             WHERE c.{WHERE} AND d.kind IN ({}) AND ((d.status = 'running' AND d.due_on < '{today}')
                OR (d.ended_on IS NOT NULL AND d.ended_on > d.due_on))",
            binding.join(",")
        ))
        .await;
    assert!(overdue > 0, "the demo has overdue cases");
    let token = app.login("supervisor.wu").await;
    for dimension in ["agency", "month", "matter"] {
        let r = app
            .get(
                &format!("/api/v1/supervision/statistics?dimension={dimension}&{PERIOD}"),
                Some(&token),
            )
            .await;
        assert_eq!(r.body["total"]["counts"]["overdue"], overdue, "{dimension}");
        let sum: i64 = r.body["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|row| row["counts"]["overdue"].as_i64().expect("n"))
            .sum();
        assert_eq!(sum, overdue, "{dimension}: the rows add up");
    }
}
