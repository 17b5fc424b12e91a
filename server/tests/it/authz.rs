//! Server-side authorization for every JSON endpoint and server function, for every role,
//! anonymous callers and forged tokens. Things a caller may not see answer 404.

use app::api::{
    auth::{ChangePassword, CurrentUser, Login},
    cases::{
        AddParty, CaseRemedies, DecideOnTheSpot, FileRemedy, GetCase, ListCases, MyWork,
        MyWorkCount, RegisterCase, RuleRemedy, TakeStep,
    },
    clues::{AssignClue, ListClues, ReturnClue},
    documents::{CheckDocument, IssueDocument},
    org::{
        AddCredential, AssignReviewer, CreateAgency, CreateUser, GetAgency, ListAgencies,
        ListUsers, PublicAgencies, SetUserActive, VerifyAuditLog,
    },
    publication_requests::{
        DecidePublicationRequest, ListPublicationRequests, PublicationRequestStatus,
        SubmitPublicationRequest,
    },
    reviews::{DecideReview, GetReview, ListCatalogs, PublishCatalog, ReviewFigures, ReviewQueue},
    supervision::{
        AcknowledgeWarning, ComplaintAgencies, ComplaintStatus, IssueCircular, IssueNotice,
        ListCirculars, ListComplaints, ListFileReviews, ListInterviews, ListMatters, ListNotices,
        ListSignals, ListWarnings, ObjectReviewFile, OfficerProfile, OpenFileReview, OpenMatter,
        PublicCirculars, RecordInterview, ScoreReviewFile, Statistics, StepComplaint, StepMatter,
        StepNotice,
    },
};
use axum::http::{Method, StatusCode};
use leptos::server_fn::ServerFn;
use serde_json::{Value, json};

use crate::helpers::TestApp;

/// The callers: every demo role, plus anonymous and a forged token.
const CALLERS: [&str; 8] = [
    "admin",
    "officer.zhang",
    "head.scjg",
    "reviewer.sun",
    "supervisor.wu",
    "hotline12345",
    "anonymous",
    "forged",
];

async fn tokens(app: &TestApp) -> Vec<(&'static str, Option<String>)> {
    let mut out = Vec::new();
    for who in CALLERS {
        let token = match who {
            "anonymous" => None,
            "forged" => Some("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.c2lnbmF0dXJl".to_owned()),
            name => Some(app.login(name).await),
        };
        out.push((who, token));
    }
    out
}

/// A request body built for the n-th caller.
type BodyFor = Box<dyn Fn(usize) -> Value>;

/// An endpoint, its body (if any), and the status each caller expects.
type EndpointCase = (Method, String, Option<BodyFor>, [StatusCode; 8]);

/// Expected status per caller, in `CALLERS` order.
fn row(codes: [u16; 8]) -> [StatusCode; 8] {
    codes.map(|c| StatusCode::from_u16(c).expect("status"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_answers_every_caller_as_the_rules_say() {
    let app = TestApp::seeded().await;
    let callers = tokens(&app).await;
    let scjg = app.id_of_agency("SCJG").await;
    let cgzf = app.id_of_agency("CGZF").await;
    let wang = app.id_of_user("officer.wang").await;
    let li = app.id_of_user("officer.li").await;
    let agency_body = |i: usize| {
        json!({
            "code": format!("NEW{i}"), "name": format!("临江市新机关{i}"), "short_name": "临新", "kind": "enforcement",
            "region_code": "339900", "region_name": "临江市", "credit_code": "11339900MB0500015W", "legal_basis": "测试依据",
        })
    };
    let user_body = |i: usize| {
        json!({
            "username": format!("new.user{i}"), "display_name": "新用户", "role": "officer",
            "agency_code": "SCJG", "password": "A-good-password",
        })
    };
    let credential_body = |i: usize| {
        json!({
            "kind": "enforcement_certificate", "number": format!("ZJ9999000{i}"), "scope": "市场监管",
            "valid_from": "2026-01-01", "valid_to": "2028-12-31",
        })
    };
    //                       admin officer head reviewer supervisor integration anon forged
    let cases: Vec<EndpointCase> = vec![
        (
            Method::GET,
            "/api/v1/me".into(),
            None,
            row([200, 200, 200, 200, 200, 200, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/agencies".into(),
            None,
            row([200, 200, 200, 200, 200, 403, 401, 401]),
        ),
        (
            Method::GET,
            format!("/api/v1/agencies/{scjg}"),
            None,
            row([200, 200, 200, 200, 200, 404, 401, 401]),
        ),
        (
            Method::GET,
            format!("/api/v1/agencies/{cgzf}"),
            None,
            row([200, 404, 404, 200, 200, 404, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/agencies/99999".into(),
            None,
            row([404, 404, 404, 404, 404, 404, 401, 401]),
        ),
        (
            Method::POST,
            "/api/v1/agencies".into(),
            Some(Box::new(agency_body)),
            row([201, 403, 403, 403, 403, 403, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/users".into(),
            None,
            row([200, 200, 200, 200, 200, 403, 401, 401]),
        ),
        (
            Method::GET,
            format!("/api/v1/users/{wang}"),
            None,
            row([200, 404, 404, 200, 200, 404, 401, 401]),
        ),
        (
            Method::POST,
            "/api/v1/users".into(),
            Some(Box::new(user_body)),
            row([201, 403, 403, 403, 403, 403, 401, 401]),
        ),
        (
            Method::POST,
            format!("/api/v1/users/{li}/credentials"),
            Some(Box::new(credential_body)),
            row([201, 403, 403, 403, 403, 403, 401, 401]),
        ),
        (
            Method::PUT,
            format!("/api/v1/users/{li}/active"),
            Some(Box::new(|_| json!({"active": true}))),
            row([200, 403, 403, 403, 403, 403, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/audit/verify".into(),
            None,
            row([200, 403, 403, 403, 200, 403, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/public/agencies".into(),
            None,
            row([200, 200, 200, 200, 200, 200, 200, 200]),
        ),
        (
            Method::GET,
            "/api/v1/openapi.json".into(),
            None,
            row([200, 200, 200, 200, 200, 200, 200, 200]),
        ),
    ];
    let clue_body = |i: usize| {
        json!({
            "source": "12345", "reference": format!("REF-{i}"), "title": "t", "description": "d", "location": "l",
            "reported_at": "2026-11-26T09:00:00+08:00", "agency": "SCJG",
        })
    };
    let mut cases = cases;
    let sun = app.id_of_user("reviewer.sun").await;
    // The reviewer already serves SCJG: the admin passes authorization and meets the rule.
    cases.push((
        Method::POST,
        format!("/api/v1/users/{sun}/assignments"),
        Some(Box::new(|_| json!({"agency_code": "SCJG"}))),
        row([422, 403, 403, 403, 403, 403, 401, 401]),
    ));
    // Legal review: the queue is the reviewers', catalogs the admins', figures the
    // supervision side's; rounds that do not exist are 404 to everyone signed in.
    let catalog_body = move |_: usize| json!({"agency": scjg.to_string(), "fine_person": "10000", "fine_organisation": "100000", "hearing": "on", "note": "调整罚款审核标准"});
    cases.extend([
        (
            Method::GET,
            "/api/v1/reviews".into(),
            None,
            row([403, 403, 403, 200, 403, 403, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/reviews/figures".into(),
            None,
            row([200, 403, 200, 200, 200, 403, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/reviews/99999".into(),
            None,
            row([404, 404, 404, 404, 404, 404, 401, 401]),
        ),
        (
            Method::POST,
            "/api/v1/reviews/99999/decision".into(),
            Some(Box::new(|_| json!({"outcome": "approve"})) as BodyFor),
            row([404, 404, 404, 404, 404, 404, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/review-catalogs".into(),
            None,
            row([200, 403, 403, 403, 403, 403, 401, 401]),
        ),
        (
            Method::POST,
            "/api/v1/review-catalogs".into(),
            Some(Box::new(catalog_body) as BodyFor),
            row([201, 403, 403, 403, 403, 403, 401, 401]),
        ),
    ]);
    cases.push((
        Method::GET,
        "/api/v1/clues".into(),
        None,
        row([200, 200, 200, 403, 200, 403, 401, 401]),
    ));
    cases.push((
        Method::POST,
        "/api/v1/clues".into(),
        Some(Box::new(clue_body)),
        row([403, 201, 403, 403, 403, 201, 401, 401]),
    ));
    // Routing: a clue the rules sent to SCJG, one waiting in the supervision body's queue.
    // A blank reason or agency lets every caller reach the check that concerns it and changes
    // nothing: those allowed get 422, the others 403/404.
    let routed = app
        .scalar("SELECT CAST(id AS BIGINT) FROM clues WHERE reference = 'HL-20261125-0102'")
        .await;
    let waiting = app
        .scalar("SELECT CAST(id AS BIGINT) FROM clues WHERE reference = 'HL-20261127-0120'")
        .await;
    cases.push((
        Method::POST,
        format!("/api/v1/clues/{routed}/return"),
        Some(Box::new(|_| json!({"reason": " "}))),
        row([403, 422, 422, 403, 403, 403, 401, 401]),
    ));
    cases.push((
        Method::POST,
        format!("/api/v1/clues/{waiting}/assign"),
        Some(Box::new(|_| json!({"agency": ""}))),
        row([403, 404, 404, 403, 422, 403, 401, 401]),
    ));
    // Interviews and circulars: a blank body lets those allowed reach validation (422).
    let interview = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM supervision_interviews")
        .await;
    // The demo's notices: SCJG's opinion (reported, waiting for the supervisor) and CGZF's
    // decision (overdue).
    let scjg_notice = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM supervision_notices")
        .await;
    let cgzf_notice = app
        .scalar("SELECT CAST(MAX(id) AS BIGINT) FROM supervision_notices")
        .await;
    for (method, path, body, codes) in [
        (
            Method::GET,
            "/api/v1/supervision/file-reviews".to_owned(),
            None,
            [200, 403, 200, 403, 200, 403, 401, 401],
        ),
        (
            Method::POST,
            "/api/v1/supervision/file-reviews".to_owned(),
            Some(json!({"name": "", "period_from": "", "period_to": "", "sample_size": ""})),
            [403, 403, 403, 403, 422, 403, 401, 401],
        ),
        (
            Method::GET,
            "/api/v1/supervision/file-reviews/999999".to_owned(),
            None,
            [404, 403, 404, 403, 404, 403, 401, 401],
        ),
        (
            Method::POST,
            "/api/v1/supervision/file-reviews/files/999999/score".to_owned(),
            Some(json!({"lost": {}})),
            [404, 403, 404, 403, 404, 403, 401, 401],
        ),
        (
            Method::POST,
            "/api/v1/supervision/file-reviews/files/999999/objection".to_owned(),
            Some(json!({"reason": "x"})),
            [404, 403, 404, 403, 404, 403, 401, 401],
        ),
        (
            Method::GET,
            "/api/v1/supervision/notices".to_owned(),
            None,
            [200, 403, 200, 403, 200, 403, 401, 401],
        ),
        (
            Method::POST,
            "/api/v1/supervision/notices".to_owned(),
            Some(
                json!({"kind": "", "agency": "SCJG", "source": "", "problems": "", "requirements": "", "basis": "", "deadline": ""}),
            ),
            [403, 403, 403, 403, 422, 403, 401, 401],
        ),
        (
            Method::GET,
            format!("/api/v1/supervision/notices/{scjg_notice}"),
            None,
            [200, 403, 200, 403, 200, 403, 401, 401],
        ),
        (
            Method::GET,
            format!("/api/v1/supervision/notices/{cgzf_notice}"),
            None,
            // Another agency's notice does not exist for SCJG's head.
            [200, 403, 404, 403, 200, 403, 401, 401],
        ),
        (
            Method::GET,
            format!("/api/v1/supervision/notices/{scjg_notice}/pdf"),
            None,
            [200, 403, 200, 403, 200, 403, 401, 401],
        ),
        (
            Method::POST,
            format!("/api/v1/supervision/notices/{scjg_notice}/steps"),
            Some(json!({"step": "return", "text": " "})),
            // Only the supervisors examine a report.
            [403, 403, 403, 403, 422, 403, 401, 401],
        ),
        (
            Method::POST,
            format!("/api/v1/supervision/notices/{scjg_notice}/steps"),
            Some(json!({"step": "report", "text": " "})),
            // Only the head reports; this one's report is already in (409).
            [403, 403, 409, 403, 403, 403, 401, 401],
        ),
        (
            Method::POST,
            format!("/api/v1/supervision/notices/{cgzf_notice}/steps"),
            Some(json!({"step": "report", "text": " "})),
            [403, 403, 404, 403, 403, 403, 401, 401],
        ),
        (
            Method::GET,
            "/api/v1/supervision/interviews".to_owned(),
            None,
            [200, 403, 200, 403, 200, 403, 401, 401],
        ),
        (
            Method::POST,
            "/api/v1/supervision/interviews".to_owned(),
            Some(
                json!({"agency": "SCJG", "held_on": "", "participants": "", "reasons": "", "follow_up_on": ""}),
            ),
            [403, 403, 403, 403, 422, 403, 401, 401],
        ),
        (
            Method::POST,
            format!("/api/v1/supervision/interviews/{interview}/follow-up"),
            Some(json!({"note": " "})),
            // The first demo interview is CGZF's: SCJG's head does not see it.
            [403, 403, 404, 403, 422, 403, 401, 401],
        ),
        (
            Method::GET,
            "/api/v1/supervision/circulars".to_owned(),
            None,
            [200, 403, 200, 403, 200, 403, 401, 401],
        ),
        (
            Method::POST,
            "/api/v1/supervision/circulars".to_owned(),
            Some(json!({"title": "", "body": "", "scope": ""})),
            [403, 403, 403, 403, 422, 403, 401, 401],
        ),
        (
            Method::GET,
            "/api/v1/public/circulars".to_owned(),
            None,
            [200, 200, 200, 200, 200, 200, 200, 200],
        ),
    ] {
        cases.push((
            method,
            path,
            body.map(|b| Box::new(move |_| b.clone()) as BodyFor),
            row(codes),
        ));
    }
    cases.push((
        Method::GET,
        "/api/v1/supervision/signals".into(),
        None,
        row([200, 403, 200, 403, 200, 403, 401, 401]),
    ));
    cases.push((
        Method::GET,
        "/api/v1/clue-routing-rules".into(),
        None,
        row([200, 200, 200, 403, 200, 403, 401, 401]),
    ));
    // A case of SCJG registered by officer.zhang, for the case endpoints.
    let zhang_token = app.login("officer.zhang").await;
    let created = app
        .post(
            "/api/v1/cases",
            Some(&zhang_token),
            json!({"source": "inspection", "title": "销售过期食品", "description": "d",
                   "location": "临江市解放路", "act_date": "2026-11-20"}),
        )
        .await;
    let case_id = created.body["case_id"].as_i64().expect("case id");
    let zhang = app.id_of_user("officer.zhang").await;
    let case_body = |_: usize| {
        json!({"source": "inspection", "title": "销售过期食品", "description": "d",
               "location": "临江市解放路", "act_date": "2026-11-20"})
    };
    cases.push((
        Method::GET,
        "/api/v1/cases".into(),
        None,
        row([200, 200, 200, 200, 200, 403, 401, 401]),
    ));
    cases.push((
        Method::GET,
        format!("/api/v1/cases/{case_id}"),
        None,
        row([200, 200, 200, 200, 200, 403, 401, 401]),
    ));
    cases.push((
        Method::POST,
        "/api/v1/cases".into(),
        Some(Box::new(case_body)),
        row([403, 201, 403, 403, 403, 403, 401, 401]),
    ));
    cases.push((
        Method::POST,
        format!("/api/v1/cases/{case_id}/steps"),
        Some(Box::new(move |_| {
            json!({"kind": "file_case", "officer_1": zhang.to_string(), "officer_2": li.to_string()})
        })),
        row([403, 200, 403, 403, 403, 404, 401, 401]),
    ));
    cases.push((
        Method::POST,
        format!("/api/v1/cases/{case_id}/parties"),
        Some(Box::new(|_| {
            json!({"kind": "natural_person", "name": "陈某", "id_number": "110101199003071516", "address": "临江市"})
        })),
        row([403, 201, 403, 403, 403, 404, 401, 401]),
    ));
    // After the filing proposal above: only the agency's head changes the officers.
    cases.push((
        Method::POST,
        format!("/api/v1/cases/{case_id}/staffing"),
        Some(Box::new(
            move |_| json!({"change": "assign", "user_id": li.to_string()}),
        )),
        row([403, 403, 200, 403, 403, 404, 401, 401]),
    ));
    cases.push((
        Method::GET,
        "/api/v1/evidence/999999/file".into(),
        None,
        row([404, 404, 404, 404, 404, 404, 401, 401]),
    ));
    // Documents: previews follow the case's visibility, issuing is the agency's officers' and
    // heads' (every call after the first supersedes, so each gives a reason), verification is
    // public.
    let doc = app
        .scalar(&format!(
            "SELECT CAST(MIN(id) AS BIGINT) FROM case_documents WHERE case_id = {case_id}"
        ))
        .await;
    cases.extend([
        (
            Method::GET,
            format!("/api/v1/cases/{case_id}/documents/{doc}/preview"),
            None,
            row([200, 200, 200, 200, 200, 403, 401, 401]),
        ),
        (
            Method::POST,
            format!("/api/v1/cases/{case_id}/documents/{doc}/issue"),
            Some(Box::new(|_| json!({"reason": "授权测试"})) as BodyFor),
            row([403, 201, 201, 403, 403, 404, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/documents/999999/file".into(),
            None,
            row([404, 404, 404, 404, 404, 403, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/public/documents/verify?code=0000-0000".into(),
            None,
            row([200, 200, 200, 200, 200, 200, 200, 200]),
        ),
        (
            Method::GET,
            "/api/v1/supervision/warnings".into(),
            None,
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/supervision/matters".into(),
            None,
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            Method::POST,
            "/api/v1/supervision/matters".into(),
            Some(Box::new(
                move |_| json!({"case_id": case_id, "requirement": "补正", "due": "2099-01-01"}),
            ) as BodyFor),
            row([403, 403, 403, 403, 201, 403, 401, 401]),
        ),
        (
            Method::POST,
            "/api/v1/supervision/matters/999999/steps".into(),
            Some(Box::new(|_| json!({"step": "answer", "text": "x"})) as BodyFor),
            row([404, 403, 404, 403, 404, 403, 401, 401]),
        ),
        (
            Method::POST,
            "/api/v1/supervision/warnings/acknowledge".into(),
            Some(
                Box::new(move |_| json!({"case_id": case_id, "key": "none", "comment": "x"}))
                    as BodyFor,
            ),
            row([404, 403, 404, 403, 404, 403, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/supervision/statistics".into(),
            None,
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/supervision/statistics.csv".into(),
            None,
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/supervision/complaints".into(),
            None,
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            Method::POST,
            "/api/v1/supervision/complaints/999999/steps".into(),
            Some(Box::new(|_| json!({"step": "reply", "text": "x"})) as BodyFor),
            row([404, 403, 404, 403, 404, 403, 401, 401]),
        ),
        (
            Method::GET,
            format!("/api/v1/supervision/officers/{zhang}"),
            None,
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/public/complaints/TS20261126-00000000".into(),
            None,
            row([404, 404, 404, 404, 404, 404, 404, 404]),
        ),
        // Correction and early-removal requests: read by the agency and its supervisors,
        // decided by the agency (a missing one is not found for everyone signed in); filed and
        // tracked by anyone.
        (
            Method::GET,
            "/api/v1/publication-requests".into(),
            None,
            row([200, 200, 200, 403, 200, 403, 401, 401]),
        ),
        (
            Method::POST,
            "/api/v1/publication-requests/999999/steps".into(),
            Some(Box::new(|_| json!({"step": "reject", "answer": "x"})) as BodyFor),
            row([404, 404, 404, 404, 404, 404, 401, 401]),
        ),
        (
            Method::GET,
            "/api/v1/public/requests/GS20261126-00000000".into(),
            None,
            row([404, 404, 404, 404, 404, 404, 404, 404]),
        ),
        (
            Method::POST,
            "/api/v1/public/decisions/999999/requests".into(),
            Some(Box::new(|_| {
                json!({"kind": "correction", "requester_name": "x", "contact_phone": "13905718888", "reason": "公示信息有误请予更正"})
            }) as BodyFor),
            row([404, 404, 404, 404, 404, 404, 404, 404]),
        ),
    ]);
    let mut failures = Vec::new();
    for (i, (method, path, body, expected)) in cases.iter().enumerate() {
        for (j, (who, token)) in callers.iter().enumerate() {
            let res = app
                .request(
                    method.clone(),
                    path,
                    token.as_deref(),
                    body.as_ref().map(|b| b(i * 10 + j)),
                )
                .await;
            if res.status != expected[j] {
                failures.push(format!(
                    "{method} {path} as {who}: got {}, want {} ({})",
                    res.status, expected[j], res.text
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorization mismatches:\n{}",
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_server_function_checks_the_caller_on_the_server() {
    let app = TestApp::seeded().await;
    let callers = tokens(&app).await;
    let cgzf = app.id_of_agency("CGZF").await;
    let li = app.id_of_user("officer.li").await;
    let zhang = app.id_of_user("officer.zhang").await;
    let scjg = app.id_of_agency("SCJG").await;
    let sun = app.id_of_user("reviewer.sun").await;
    let routed = app
        .scalar("SELECT CAST(id AS BIGINT) FROM clues WHERE reference = 'HL-20261125-0102'")
        .await;
    let waiting = app
        .scalar("SELECT CAST(id AS BIGINT) FROM clues WHERE reference = 'HL-20261127-0120'")
        .await;
    let scjg_notice = app
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM supervision_notices")
        .await;
    let create_user = "input%5Busername%5D=fn.user{n}&input%5Bdisplay_name%5D=x&input%5Brole%5D=officer&input%5Bagency_code%5D=SCJG&input%5Bpassword%5D=A-good-password";
    let add_credential = format!(
        "user_id={li}&input%5Bkind%5D=enforcement_certificate&input%5Bnumber%5D=FN000{{n}}&input%5Bscope%5D=x&input%5Bvalid_from%5D=2026-01-01&input%5Bvalid_to%5D=2027-01-01"
    );
    let create_agency = "input%5Bcode%5D=FN{n}&input%5Bname%5D=%E6%96%B0%E6%9C%BA%E5%85%B3{n}&input%5Bshort_name%5D=x&input%5Bkind%5D=enforcement&input%5Bregion_code%5D=339900&input%5Bregion_name%5D=%E4%B8%B4%E6%B1%9F&input%5Bcredit_code%5D=11339900MB0500015W&input%5Blegal_basis%5D=%E4%BE%9D%E6%8D%AE%E4%BE%9D%E6%8D%AE";
    let cases: Vec<(&str, String, [StatusCode; 8])> = vec![
        (
            ListAgencies::PATH,
            String::new(),
            row([200, 200, 200, 200, 200, 403, 401, 401]),
        ),
        (
            GetAgency::PATH,
            format!("id={cgzf}"),
            row([200, 404, 404, 200, 200, 404, 401, 401]),
        ),
        (
            CreateAgency::PATH,
            create_agency.to_owned(),
            row([200, 403, 403, 403, 403, 403, 401, 401]),
        ),
        (
            ListUsers::PATH,
            String::new(),
            row([200, 200, 200, 200, 200, 403, 401, 401]),
        ),
        (
            VerifyAuditLog::PATH,
            String::new(),
            row([200, 403, 403, 403, 200, 403, 401, 401]),
        ),
        (
            CreateUser::PATH,
            create_user.to_owned(),
            row([200, 403, 403, 403, 403, 403, 401, 401]),
        ),
        (
            AddCredential::PATH,
            add_credential,
            row([200, 403, 403, 403, 403, 403, 401, 401]),
        ),
        (
            SetUserActive::PATH,
            format!("user_id={li}&active=true"),
            row([200, 403, 403, 403, 403, 403, 401, 401]),
        ),
        (
            ListClues::PATH,
            String::new(),
            row([200, 200, 200, 403, 200, 403, 401, 401]),
        ),
        (
            ListInterviews::PATH,
            String::new(),
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            RecordInterview::PATH,
            "agency=SCJG&held_on=&participants=&reasons=&commitments=&follow_up_on=".to_owned(),
            row([403, 403, 403, 403, 422, 403, 401, 401]),
        ),
        (
            ListCirculars::PATH,
            String::new(),
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            ListNotices::PATH,
            String::new(),
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            ListFileReviews::PATH,
            String::new(),
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            OpenFileReview::PATH,
            "name=&period_from=&period_to=&sample_size=".to_owned(),
            row([403, 403, 403, 403, 422, 403, 401, 401]),
        ),
        (
            ScoreReviewFile::PATH,
            "file_id=999999".to_owned(),
            row([404, 403, 404, 403, 404, 403, 401, 401]),
        ),
        (
            ObjectReviewFile::PATH,
            "file_id=999999&reason=x".to_owned(),
            row([404, 403, 404, 403, 404, 403, 401, 401]),
        ),
        (
            IssueNotice::PATH,
            "kind=&agency=SCJG&source=&source_ref=&problems=&requirements=&basis=&deadline="
                .to_owned(),
            row([403, 403, 403, 403, 422, 403, 401, 401]),
        ),
        (
            StepNotice::PATH,
            format!("notice_id={scjg_notice}&step=return&text=+"),
            row([403, 403, 403, 403, 422, 403, 401, 401]),
        ),
        (
            IssueCircular::PATH,
            "title=&body=&scope=".to_owned(),
            row([403, 403, 403, 403, 422, 403, 401, 401]),
        ),
        (
            PublicCirculars::PATH,
            String::new(),
            row([200, 200, 200, 200, 200, 200, 200, 200]),
        ),
        (
            ListSignals::PATH,
            String::new(),
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            ReturnClue::PATH,
            format!("id={routed}&reason=+"),
            row([403, 422, 422, 403, 403, 403, 401, 401]),
        ),
        (
            AssignClue::PATH,
            format!("id={waiting}&agency=&note="),
            row([403, 404, 404, 403, 422, 403, 401, 401]),
        ),
        (
            AssignReviewer::PATH,
            format!("user_id={sun}&agency_code=SCJG"),
            row([422, 403, 403, 403, 403, 403, 401, 401]),
        ),
        // Who is signed in: nobody is a valid answer, not an error.
        (
            CurrentUser::PATH,
            String::new(),
            row([200, 200, 200, 200, 200, 200, 200, 200]),
        ),
        (
            PublicAgencies::PATH,
            String::new(),
            row([200, 200, 200, 200, 200, 200, 200, 200]),
        ),
        // A wrong current password is bad input for a signed-in caller.
        (
            ChangePassword::PATH,
            "current_password=wrong&new_password=A-new-password-1".into(),
            row([422, 422, 422, 422, 422, 422, 401, 401]),
        ),
        // Wrong credentials are refused whoever asks.
        (
            Login::PATH,
            "username=ghost{n}&password=wrong&next=%2Fwork".into(),
            row([401, 401, 401, 401, 401, 401, 401, 401]),
        ),
    ];
    // A case of SCJG in state clue_registered, for the case server functions.
    let zhang_token = app.login("officer.zhang").await;
    let created = app
        .post(
            "/api/v1/cases",
            Some(&zhang_token),
            json!({"source": "inspection", "title": "销售过期食品", "description": "d",
                   "location": "临江市解放路", "act_date": "2026-11-20"}),
        )
        .await;
    let case_id = created.body["case_id"].as_i64().expect("case id");
    let mut cases = cases;
    cases.extend([
        (
            ListCases::PATH,
            "filter%5Bq%5D=".to_owned(),
            row([200, 200, 200, 200, 200, 403, 401, 401]),
        ),
        (
            MyWork::PATH,
            String::new(),
            row([200, 200, 200, 200, 200, 403, 401, 401]),
        ),
        (
            MyWorkCount::PATH,
            String::new(),
            row([200, 200, 200, 200, 200, 403, 401, 401]),
        ),
        (
            GetCase::PATH,
            format!("id={case_id}"),
            row([200, 200, 200, 200, 200, 403, 401, 401]),
        ),
        // Starting the investigation of an unfiled case: another role's step is 403, the
        // officer's own step is refused by the state (409), another agency's caller sees nothing.
        (
            TakeStep::PATH,
            format!("id={case_id}&form%5Bkind%5D=start_investigation"),
            row([403, 409, 403, 403, 403, 404, 401, 401]),
        ),
        (ReviewQueue::PATH, String::new(), row([403, 403, 403, 200, 403, 403, 401, 401])),
        (ReviewFigures::PATH, String::new(), row([200, 403, 200, 200, 200, 403, 401, 401])),
        (GetReview::PATH, "id=99999".to_owned(), row([404, 404, 404, 404, 404, 404, 401, 401])),
        (
            DecideReview::PATH,
            "id=99999&form%5Boutcome%5D=approve".to_owned(),
            row([404, 404, 404, 404, 404, 404, 401, 401]),
        ),
        (ListCatalogs::PATH, String::new(), row([200, 403, 403, 403, 403, 403, 401, 401])),
        (
            PublishCatalog::PATH,
            format!("form%5Bagency%5D={scjg}&form%5Bfine_person%5D=10000&form%5Bfine_organisation%5D=100000&form%5Bnote%5D=%E8%B0%83%E6%95%B4"),
            row([200, 403, 403, 403, 403, 403, 401, 401]),
        ),
        (
            RegisterCase::PATH,
            "form%5Bsource%5D=inspection&form%5Btitle%5D=%E5%8D%A0%E9%81%93&form%5Bdescription%5D=d&form%5Blocation%5D=%E4%B8%B4%E6%B1%9F&form%5Bact_date%5D=2026-11-20".to_owned(),
            row([403, 200, 403, 403, 403, 403, 401, 401]),
        ),
        (
            AddParty::PATH,
            format!("id={case_id}&party%5Bkind%5D=natural_person&party%5Bname%5D=%E9%99%88%E6%9F%90&party%5Bid_number%5D=110101199003071516&party%5Baddress%5D=%E4%B8%B4%E6%B1%9F"),
            row([403, 200, 403, 403, 403, 404, 401, 401]),
        ),
        (
            DecideOnTheSpot::PATH,
            format!("form%5Btitle%5D=%E5%8D%A0%E9%81%93&form%5Bdescription%5D=d&form%5Blocation%5D=%E4%B8%B4%E6%B1%9F&form%5Bofficer_2%5D={li}&form%5Bpenalty%5D=warning&form%5Bparty_kind%5D=natural_person&form%5Bparty_name%5D=%E9%99%88%E6%9F%90&form%5Bid_number%5D=110101199003071516&form%5Baddress%5D=%E4%B8%B4%E6%B1%9F"),
            row([403, 200, 403, 403, 403, 403, 401, 401]),
        ),
    ]);
    let doc = app
        .scalar(&format!(
            "SELECT CAST(MIN(id) AS BIGINT) FROM case_documents WHERE case_id = {case_id}"
        ))
        .await;
    cases.extend([
        (
            IssueDocument::PATH,
            format!("case_id={case_id}&document_id={doc}&reason=x"),
            row([403, 200, 200, 403, 403, 404, 401, 401]),
        ),
        // Reconsideration and litigation: read with the case; recorded by the agency's
        // officers and heads (this case has no decision yet: a conflict, nothing written).
        (
            CaseRemedies::PATH,
            format!("id={case_id}"),
            row([200, 200, 200, 200, 200, 404, 401, 401]),
        ),
        (
            FileRemedy::PATH,
            format!("id={case_id}&form%5Bkind%5D=litigation&form%5Bbody%5D=%E4%B8%B4%E6%B1%9F%E6%B3%95%E9%99%A2&form%5Bfiled_on%5D=2026-11-20"),
            row([403, 409, 409, 403, 403, 404, 401, 401]),
        ),
        (
            RuleRemedy::PATH,
            "remedy=999999&form%5Boutcome%5D=upheld&form%5Bdecided_on%5D=2026-11-20".to_owned(),
            row([404, 404, 404, 404, 404, 404, 401, 401]),
        ),
        (
            CheckDocument::PATH,
            "code=0000-0000&sha256=".to_owned(),
            row([200, 200, 200, 200, 200, 200, 200, 200]),
        ),
        (
            ListWarnings::PATH,
            String::new(),
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            ListMatters::PATH,
            String::new(),
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            OpenMatter::PATH,
            format!("case_id={case_id}&requirement=x&due=2099-01-01"),
            row([403, 403, 403, 403, 200, 403, 401, 401]),
        ),
        (
            StepMatter::PATH,
            "matter_id=999999&step=answer&text=x".to_owned(),
            row([404, 403, 404, 403, 404, 403, 401, 401]),
        ),
        (
            AcknowledgeWarning::PATH,
            format!("case_id={case_id}&key=none&comment=x"),
            row([404, 403, 404, 403, 404, 403, 401, 401]),
        ),
        (
            ListComplaints::PATH,
            String::new(),
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            StepComplaint::PATH,
            "complaint_id=999999&step=reply&text=x".to_owned(),
            row([404, 403, 404, 403, 404, 403, 401, 401]),
        ),
        (
            Statistics::PATH,
            "dimension=&from=&to=&agency=".to_owned(),
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            OfficerProfile::PATH,
            format!("user_id={zhang}"),
            row([200, 403, 200, 403, 200, 403, 401, 401]),
        ),
        (
            ComplaintStatus::PATH,
            "tracking_no=TS20261126-00000000".to_owned(),
            row([404, 404, 404, 404, 404, 404, 404, 404]),
        ),
        (
            ComplaintAgencies::PATH,
            String::new(),
            row([200, 200, 200, 200, 200, 200, 200, 200]),
        ),
        (
            ListPublicationRequests::PATH,
            String::new(),
            row([200, 200, 200, 403, 200, 403, 401, 401]),
        ),
        (
            DecidePublicationRequest::PATH,
            "request_id=999999&step=reject&answer=x".to_owned(),
            row([404, 404, 404, 404, 404, 404, 401, 401]),
        ),
        (
            PublicationRequestStatus::PATH,
            "tracking_no=GS20261126-00000000".to_owned(),
            row([404, 404, 404, 404, 404, 404, 404, 404]),
        ),
        (
            SubmitPublicationRequest::PATH,
            "publication_id=999999&form%5Bkind%5D=correction".to_owned(),
            row([404, 404, 404, 404, 404, 404, 404, 404]),
        ),
    ]);
    let mut failures = Vec::new();
    for (path, form, expected) in &cases {
        for (j, (who, token)) in callers.iter().enumerate() {
            let form = form.replace("{n}", &j.to_string());
            let status = app.server_fn(path, token.as_deref(), &form).await.status;
            if status != expected[j] {
                failures.push(format!(
                    "{path} as {who}: got {status}, want {}",
                    expected[j]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "server function authorization mismatches:\n{}",
        failures.join("\n")
    );
}
