//! The clue API: external systems push clues into an agency's intake queue.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;

fn clue(reference: &str) -> Value {
    json!({
        "source": "12345", "reference": reference, "title": "餐馆后厨卫生问题",
        "description": "市民反映某餐馆后厨脏乱，存在过期食材。", "location": "临江市滨江路 88 号",
        "reported_at": "2026-11-26T09:30:00+08:00",
        "reporter": {"name": "王某", "phone": "13800138000"}, "agency": "SCJG",
    })
}

fn find<'a>(list: &'a [Value], reference: &str) -> &'a Value {
    list.iter()
        .find(|c| c["reference"] == reference)
        .unwrap_or_else(|| panic!("{reference} is in the list"))
}

async fn clue_count(app: &TestApp) -> i64 {
    app.scalar("SELECT COUNT(*) FROM clues").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_valid_clue_lands_in_the_right_queue_and_a_resend_is_stored_once() {
    let app = TestApp::seeded().await;
    let seeded = clue_count(&app).await;
    let hotline = app.login("hotline12345").await;
    let first = app
        .post("/api/v1/clues", Some(&hotline), clue("HL-1"))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    assert_eq!(first.body["agency"], "SCJG");
    assert_eq!(first.body["duplicate"], false);
    let again = app
        .post("/api/v1/clues", Some(&hotline), clue("HL-1"))
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.body["duplicate"], true);
    assert_eq!(again.body["id"], first.body["id"]);
    assert_eq!(clue_count(&app).await, seeded + 1);

    assert_eq!(first.body["routing"]["by"], "sender");

    let officer = app.login("officer.zhang").await;
    let queue = app.get("/api/v1/clues", Some(&officer)).await;
    assert_eq!(queue.status, StatusCode::OK);
    let ours = queue.body.as_array().expect("list");
    let received = find(ours, "HL-1");
    assert_eq!(received["reporter_phone"], "13800138000");
    assert_eq!(received["agency"]["name"], "临江市市场监督管理局");
    assert!(
        ours.iter()
            .all(|c| c["agency"]["name"] == "临江市市场监督管理局"),
        "only the agency's own queue"
    );
    let other_agency = app.login("officer.wang").await;
    let queue = app.get("/api/v1/clues", Some(&other_agency)).await;
    assert!(
        queue
            .body
            .as_array()
            .expect("list")
            .iter()
            .all(|c| c["reference"] != "HL-1"),
        "another agency's queue does not show it"
    );
    let supervisor = app.login("supervisor.wu").await;
    let region = app.get("/api/v1/clues", Some(&supervisor)).await;
    let seen = region.body.as_array().expect("list").len() as i64;
    assert_eq!(seen, seeded + 1, "the supervisor sees the whole region");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reporters_private_data_stays_out_of_the_audit_log() {
    let app = TestApp::seeded().await;
    let hotline = app.login("hotline12345").await;
    app.post("/api/v1/clues", Some(&hotline), clue("HL-2"))
        .await;
    let leaked = app.scalar("SELECT COUNT(*) FROM audit_events WHERE payload LIKE '%13800138000%' OR payload LIKE '%王某%' OR payload LIKE '%13700137000%' OR payload LIKE '%赵某%'").await;
    assert_eq!(leaked, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_oversized_and_unauthenticated_clues_get_clear_4xx_and_store_nothing() {
    let app = TestApp::seeded().await;
    let hotline = app.login("hotline12345").await;
    let events = app.audit_count().await;
    let seeded = clue_count(&app).await;

    let res = app.post("/api/v1/clues", None, clue("HL-3")).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);

    let mut bad = clue("HL-4");
    bad["source"] = json!("fax");
    bad["reported_at"] = json!("2099-01-01T00:00:00Z");
    bad["reporter"]["phone"] = json!("12345");
    let res = app.post("/api/v1/clues", Some(&hotline), bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = res.body["error"]["fields"]
        .as_array()
        .expect("f")
        .iter()
        .map(|f| f["field"].as_str().expect("s"))
        .collect();
    assert_eq!(fields, ["clue_source", "reported_at", "reporter_phone"]);
    assert!(
        res.text.contains("「反映时间」不能晚于当前时间"),
        "{}",
        res.text
    );

    let mut huge = clue("HL-5");
    huge["description"] = json!("食".repeat(30_000));
    let res = app.post("/api/v1/clues", Some(&hotline), huge).await;
    assert!(res.status.is_client_error(), "{}", res.status);

    let res = app
        .post("/api/v1/clues", Some(&hotline), json!({"source": 12345}))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.body["error"]["fields"][0]["field"], "body");

    let mut nowhere = clue("HL-6");
    nowhere["agency"] = json!("NOPE");
    let res = app.post("/api/v1/clues", Some(&hotline), nowhere).await;
    assert_eq!(res.body["error"]["fields"][0]["field"], "agency");

    let mut supervision = clue("HL-7");
    supervision["agency"] = json!("SFJ");
    let res = app.post("/api/v1/clues", Some(&hotline), supervision).await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "clues go to enforcement agencies only"
    );

    let admin = app.login("admin").await;
    let res = app.post("/api/v1/clues", Some(&admin), clue("HL-8")).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    assert_eq!(clue_count(&app).await, seeded);
    assert_eq!(
        app.audit_count().await,
        events + 1,
        "only the admin's login was recorded"
    );
}
/// 400 racing resends of one reference (the hotline retries on a timeout): every answer is `201`
/// or `200 duplicate`, exactly one stores the clue, none is a 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_resends_of_one_reference_store_it_once_and_never_fail() {
    use axum::{
        body::Body,
        http::{Method, Request, header},
    };
    let app = TestApp::seeded().await;
    let seeded = clue_count(&app).await;
    let hotline = app.login("hotline12345").await;
    let tasks: Vec<_> = (0..400)
        .map(|_| {
            let router = app.router.clone();
            let req = Request::builder()
                .method(Method::POST)
                .uri("/api/v1/clues")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::AUTHORIZATION, format!("Bearer {hotline}"))
                .body(Body::from(clue("HL-RACE").to_string()))
                .expect("request");
            tokio::spawn(async move {
                let res = tower::ServiceExt::oneshot(router, req)
                    .await
                    .expect("response");
                let status = res.status();
                let body = axum::body::to_bytes(res.into_body(), 1 << 20)
                    .await
                    .unwrap_or_default();
                (status, String::from_utf8_lossy(&body).into_owned())
            })
        })
        .collect();
    let mut created = 0;
    for t in tasks {
        let (status, body) = t.await.expect("task");
        assert!(
            status == StatusCode::CREATED || status == StatusCode::OK,
            "{status} {body}"
        );
        created += usize::from(status == StatusCode::CREATED);
    }
    assert_eq!(created, 1, "stored once");
    assert_eq!(clue_count(&app).await, seeded + 1);
}

/// A clue as the city's hotline sends it when it does not know the competent agency.
fn unaddressed(reference: &str, title: &str, description: &str) -> Value {
    json!({
        "source": "12345", "reference": reference, "title": title, "description": description,
        "location": "临江市人民路 1 号", "reported_at": "2026-11-26T09:30:00+08:00",
    })
}

/// Issue 24 item 7: a clue that names no agency is routed by the agencies' matters and says
/// why; what fits no matter, or two agencies equally, waits for the supervision body.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clue_naming_no_agency_is_routed_by_the_agencies_matters_and_says_why() {
    let app = TestApp::seeded().await;
    let hotline = app.login("hotline12345").await;

    let food = app
        .post(
            "/api/v1/clues",
            Some(&hotline),
            unaddressed("R-1", "饭店卖变质食品", "顾客反映饭店出售变质食品。"),
        )
        .await;
    assert_eq!(food.status, StatusCode::CREATED, "{}", food.text);
    assert_eq!(food.body["agency"], "SCJG");
    assert_eq!(food.body["routing"]["by"], "rules");
    assert_eq!(food.body["routing"]["matter"], "食品安全");
    assert_eq!(
        food.body["routing"]["matched"],
        json!(["食品", "变质", "饭店"])
    );
    assert_eq!(
        food.body["routing"]["explanation"],
        "按职责「食品安全」自动分拨：线索中有「食品」「变质」「饭店」"
    );
    // The event records how it was routed.
    let payload = app
        .scalar_text("SELECT payload FROM audit_events WHERE action = 'clue.receive' ORDER BY seq DESC LIMIT 1")
        .await;
    assert!(payload.contains("\"by\":\"rules\""), "{payload}");

    // Noise fits the city administration and the environment bureau equally: a person decides.
    let noise = app
        .post(
            "/api/v1/clues",
            Some(&hotline),
            unaddressed("R-2", "噪音扰民", "晚上很吵。"),
        )
        .await;
    assert_eq!(noise.status, StatusCode::CREATED, "{}", noise.text);
    assert_eq!(noise.body["agency"], "SFJ");
    assert_eq!(noise.body["routing"]["by"], "unrouted");
    assert_eq!(
        noise.body["routing"]["explanation"],
        "线索同时符合临江市城市管理综合行政执法局、临江市生态环境局的职责，待监督机构分拨"
    );
    let nothing = app
        .post(
            "/api/v1/clues",
            Some(&hotline),
            unaddressed("R-3", "路灯不亮", "小区门口路灯坏了。"),
        )
        .await;
    assert_eq!(nothing.body["agency"], "SFJ");
    assert_eq!(nothing.body["routing"]["by"], "unrouted");
    // A resend answers the same routing, in English when asked.
    let again = app
        .send(
            axum::http::Request::builder()
                .method(axum::http::Method::POST)
                .uri("/api/v1/clues")
                .header("authorization", format!("Bearer {hotline}"))
                .header("content-type", "application/json")
                .header("accept-language", "en")
                .body(axum::body::Body::from(
                    unaddressed("R-1", "饭店卖变质食品", "顾客反映饭店出售变质食品。").to_string(),
                ))
                .expect("request"),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.body["duplicate"], true);
    assert!(
        again.body["routing"]["explanation"]
            .as_str()
            .expect("text")
            .starts_with("Routed by the matter"),
        "{}",
        again.text
    );

    // The supervisor's queue holds what waits for assignment, with the step offered; the
    // agencies' queues never show it.
    let supervisor = app.login("supervisor.wu").await;
    let all = app.get("/api/v1/clues", Some(&supervisor)).await;
    let list = all.body.as_array().expect("list");
    let waiting = find(list, "R-2");
    assert_eq!(waiting["status"], "to_assign");
    assert_eq!(waiting["can_assign"], true);
    assert_eq!(find(list, "R-1")["can_assign"], false);
    let officer = app.login("officer.wang").await;
    let theirs = app.get("/api/v1/clues", Some(&officer)).await;
    assert!(
        theirs
            .body
            .as_array()
            .expect("list")
            .iter()
            .all(|c| c["reference"] != "R-2")
    );

    // The rules are readable by the queues' readers.
    let rules = app
        .get("/api/v1/clue-routing-rules", Some(&supervisor))
        .await;
    assert_eq!(rules.status, StatusCode::OK);
    assert_eq!(rules.body.as_array().expect("rules").len(), 9);
    let own = app.get("/api/v1/clue-routing-rules", Some(&officer)).await;
    assert!(
        own.body
            .as_array()
            .expect("rules")
            .iter()
            .all(|r| r["agency"]["name"] == "临江市城市管理综合行政执法局")
    );
}

/// How the demo's seven clues without an agency were routed (the figure the closing note gives).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_clues_without_an_agency_are_routed_as_their_matters_say() {
    let app = TestApp::seeded().await;
    let by_agency = app
        .strings(
            "SELECT a.code || ':' || c.routed_by || ':' || c.reference FROM clues c \
             JOIN agencies a ON a.id = c.agency_id ORDER BY c.reference",
        )
        .await;
    assert_eq!(
        by_agency,
        [
            "STHJ:sender:GRID-339900-8821",
            "CGZF:rules:GRID-339900-9034",
            "STHJ:sender:HL-20261120-0415",
            "SCJG:rules:HL-20261125-0102",
            "SCJG:rules:HL-20261125-0230",
            "CGZF:rules:HL-20261126-0311",
            "SFJ:unrouted:HL-20261126-0417",
            "SFJ:unrouted:HL-20261127-0120",
            "SCJG:rules:HL-OLD-0077",
        ]
    );
}

/// An agency sends back a clue outside its powers (with its reason); the supervisor assigns
/// it to another agency, which may register it. Every refusal names its cause and writes
/// nothing; each step is one audit event.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agency_sends_a_clue_back_and_the_supervisor_assigns_it() {
    let app = TestApp::seeded().await;
    let id = app
        .scalar("SELECT CAST(id AS BIGINT) FROM clues WHERE reference = 'HL-20261125-0230'")
        .await;
    let zhang = app.login("officer.zhang").await;
    let supervisor = app.login("supervisor.wu").await;
    let wang = app.login("officer.wang").await;
    let events = app.audit_count().await;

    // A blank reason: refused naming the field, nothing changed.
    let blank = app
        .post(
            &format!("/api/v1/clues/{id}/return"),
            Some(&zhang),
            json!({"reason": "  "}),
        )
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(blank.body["error"]["fields"][0]["field"], "reason");
    // Another agency cannot send it back: it does not see it.
    let foreign = app
        .post(
            &format!("/api/v1/clues/{id}/return"),
            Some(&wang),
            json!({"reason": "不是我们的"}),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    // It is not waiting for assignment yet.
    let early = app
        .post(
            &format!("/api/v1/clues/{id}/assign"),
            Some(&supervisor),
            json!({"agency": "CGZF"}),
        )
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.text);
    assert_eq!(app.audit_count().await, events);

    let back = app
        .post(
            &format!("/api/v1/clues/{id}/return"),
            Some(&zhang),
            json!({"reason": "系商品房物业收费，属住建部门职责"}),
        )
        .await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.text);
    assert_eq!(back.body["status"], "to_assign");
    assert_eq!(back.body["agency"]["name"], "临江市司法局");
    assert_eq!(back.body["routing"]["by"], "returned");
    assert_eq!(
        back.body["routing"]["explanation"],
        "承办机关退回：系商品房物业收费，属住建部门职责"
    );
    // Gone from the agency's queue; a second send-back does not find it.
    let queue = app.get("/api/v1/clues", Some(&zhang)).await;
    assert!(
        queue
            .body
            .as_array()
            .expect("list")
            .iter()
            .all(|c| c["id"] != id)
    );
    let twice = app
        .post(
            &format!("/api/v1/clues/{id}/return"),
            Some(&zhang),
            json!({"reason": "再退一次"}),
        )
        .await;
    assert_eq!(twice.status, StatusCode::NOT_FOUND);

    // Assigning: to a supervision body, an unknown code or nothing is refused naming `agency`.
    for agency in ["SFJ", "NOPE", ""] {
        let res = app
            .post(
                &format!("/api/v1/clues/{id}/assign"),
                Some(&supervisor),
                json!({"agency": agency}),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{agency}");
        assert_eq!(
            res.body["error"]["fields"][0]["field"], "agency",
            "{agency}"
        );
    }
    let assigned = app
        .post(
            &format!("/api/v1/clues/{id}/assign"),
            Some(&supervisor),
            json!({"agency": "CGZF", "note": "请先核查是否涉及占道经营"}),
        )
        .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.text);
    assert_eq!(assigned.body["status"], "pending");
    assert_eq!(assigned.body["routing"]["by"], "supervisor");
    let again = app
        .post(
            &format!("/api/v1/clues/{id}/assign"),
            Some(&supervisor),
            json!({"agency": "STHJ"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "assigned once");
    let theirs = app.get("/api/v1/clues", Some(&wang)).await;
    let now_theirs = theirs
        .body
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["id"] == id)
        .expect("in the city administration's queue")
        .clone();
    assert_eq!(now_theirs["can_return"], true);
    assert_eq!(
        now_theirs["routing"]["explanation"],
        "由监督机构分拨：请先核查是否涉及占道经营"
    );
    assert_eq!(
        app.strings(&format!(
            "SELECT action FROM audit_events WHERE subject_type = 'clue' AND subject_id = '{id}' ORDER BY seq"
        ))
        .await,
        ["clue.receive", "clue.return", "clue.assign"]
    );
}

/// Two supervisors assigning one clue at once: one wins, the other is told, one event.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_assignments_at_once_assign_the_clue_once() {
    let app = TestApp::seeded().await;
    let id = app
        .scalar("SELECT CAST(id AS BIGINT) FROM clues WHERE reference = 'HL-20261126-0417'")
        .await;
    let supervisor = app.login("supervisor.wu").await;
    let path = format!("/api/v1/clues/{id}/assign");
    let (a, b) = tokio::join!(
        app.post(&path, Some(&supervisor), json!({"agency": "CGZF"})),
        app.post(&path, Some(&supervisor), json!({"agency": "STHJ"})),
    );
    let mut codes = [a.status.as_u16(), b.status.as_u16()];
    codes.sort_unstable();
    assert_eq!(codes, [200, 409], "{} / {}", a.text, b.text);
    assert_eq!(
        app.scalar(&format!(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'clue.assign' AND subject_id = '{id}'"
        ))
        .await,
        1
    );
}
