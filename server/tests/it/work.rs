//! The workbench's to-do list (issue 22 item 1): a case appears for whoever can move it now,
//! with exactly the steps its page offers them; the officers who handle it see it waiting for
//! the head or the reviewer meanwhile; other roles have no list.

use axum::http::StatusCode;
use leptos::server_fn::ServerFn;
use serde_json::{Value, json};

use app::api::cases::MyWork;

use crate::helpers::TestApp;

async fn work(app: &TestApp, token: &str) -> Value {
    let r = app.server_fn(MyWork::PATH, Some(token), "").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.body
}

fn item(list: &Value, section: &str, id: i64) -> Option<Value> {
    list[section]
        .as_array()?
        .iter()
        .find(|i| i["case"]["id"].as_i64() == Some(id))
        .cloned()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Every case listed as the caller's offers exactly the steps of its page that move it on.
async fn agrees_with_the_case_pages(app: &TestApp, token: &str, list: &Value) {
    for it in list["yours"].as_array().expect("yours") {
        let id = it["case"]["id"].as_i64().expect("id");
        let page = app.get(&format!("/api/v1/cases/{id}"), Some(token)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        let offered = strings(&page.body["actions"]);
        for step in strings(&it["steps"]) {
            assert!(
                offered.contains(&step),
                "case {id}: {step} not on its page {offered:?}"
            );
        }
        assert!(!strings(&it["steps"]).is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_is_on_the_list_of_whoever_can_move_it_now() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    let head = app.login("head.scjg").await;
    let reviewer = app.login("reviewer.sun").await;
    let created = app
        .post(
            "/api/v1/cases",
            Some(&officer),
            json!({"source": "inspection", "title": "待办测试：销售过期食品", "description": "抽检发现过期食品",
                   "location": "临江市解放路 1 号", "act_date": "2026-11-20"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.body["case_id"].as_i64().expect("id");

    // A clue: the officers may propose filing it; the head may decline it.
    let mine = work(&app, &officer).await;
    let clue = item(&mine, "yours", id).expect("the clue is on the officer's list");
    assert_eq!(strings(&clue["steps"]), ["file_case"]);
    assert_eq!(strings(&clue["held_by"]), ["officer", "agency_head"]);
    let heads = work(&app, &head).await;
    assert_eq!(
        strings(&item(&heads, "yours", id).expect("on the head's list")["steps"]),
        ["decline_clue"]
    );
    assert!(item(&work(&app, &reviewer).await, "yours", id).is_none());

    // Proposed for filing: the head's to approve; the assigned officer sees it waiting.
    let zhang = app.id_of_user("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    let r = app
        .post(
            &format!("/api/v1/cases/{id}/steps"),
            Some(&officer),
            json!({"kind": "file_case", "officer_1": zhang.to_string(), "officer_2": li.to_string()}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    let heads = work(&app, &head).await;
    let approval = item(&heads, "yours", id).expect("the approval is the head's");
    assert_eq!(
        strings(&approval["steps"]),
        ["decline_clue", "approve_filing"]
    );
    let mine = work(&app, &officer).await;
    assert!(
        item(&mine, "yours", id).is_none(),
        "nothing for the officer to do"
    );
    let waiting = item(&mine, "waiting", id).expect("the officer's case, waiting");
    assert_eq!(strings(&waiting["held_by"]), ["agency_head"]);
    agrees_with_the_case_pages(&app, &head, &heads).await;

    // Approved: the officers' turn again, to start the investigation.
    let r = app
        .post(
            &format!("/api/v1/cases/{id}/steps"),
            Some(&head),
            json!({"kind": "approve_filing"}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    assert!(item(&work(&app, &head).await, "yours", id).is_none());
    let mine = work(&app, &officer).await;
    assert_eq!(
        strings(&item(&mine, "yours", id).expect("back with the officer")["steps"]),
        ["start_investigation"]
    );
    agrees_with_the_case_pages(&app, &officer, &mine).await;
    // Another agency's officer never sees it.
    let other = app.login("officer.wang").await;
    let theirs = work(&app, &other).await;
    assert!(item(&theirs, "yours", id).is_none() && item(&theirs, "waiting", id).is_none());
    // Roles that take no step have no list.
    for user in ["supervisor.wu", "admin"] {
        let token = app.login(user).await;
        let list = work(&app, &token).await;
        assert_eq!(list["yours"], json!([]), "{user}");
        assert_eq!(list["waiting"], json!([]), "{user}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inspections_and_coercive_measures_waiting_for_a_step_are_on_the_list_too() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    let head = app.login("head.scjg").await;
    let zhang = app.id_of_user("officer.zhang").await;
    let li = app.id_of_user("officer.li").await;
    let measure = json!({
        "kind": "seal_up", "party": "临江市永盛食品厂", "place": "高新区创业路 9 号车间",
        "items": "生产线 1 条", "legal_basis": "《食品安全法》第一百一十条", "reason": "卫生条件不符合标准",
        "party_present": true, "officer_ids": [zhang, li],
    });
    let p = app
        .post("/api/v1/coercive-measures", Some(&officer), measure)
        .await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.text);
    let id = p.body["id"].as_i64().expect("id");
    let task = |list: &Value| -> Option<Value> {
        list["tasks"]
            .as_array()?
            .iter()
            .find(|t| t["kind"] == "coercive_measure" && t["id"].as_i64() == Some(id))
            .cloned()
    };
    // Waiting for the head's decision: on the head's list with that step, not the officer's.
    let theirs = work(&app, &head).await;
    let t = task(&theirs).expect("the head decides it");
    assert_eq!(strings(&t["steps"]), ["approve"]);
    assert_eq!(t["href"], "/work/coercive");
    assert!(task(&work(&app, &officer).await).is_none());
    let a = app
        .post(
            &format!("/api/v1/coercive-measures/{id}/steps"),
            Some(&head),
            json!({"step": "approve"}),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    // In force: the officers may start a testing period; the head may also extend or release.
    let theirs = task(&work(&app, &head).await).expect("still the head's");
    assert_eq!(
        strings(&theirs["steps"]),
        ["start_testing", "extend", "release"]
    );
    // Past its limit, the extension is no longer offered, and the warning shows.
    app.clock.advance(chrono::Duration::days(31));
    let head = app.login("head.scjg").await;
    let late = task(&work(&app, &head).await).expect("still the head's");
    assert_eq!(strings(&late["steps"]), ["start_testing", "release"]);
    assert_eq!(strings(&late["warnings"]), ["measure_overdue"]);
    // Other roles have no such list.
    for user in ["supervisor.wu", "reviewer.sun", "admin"] {
        let token = app.login(user).await;
        assert_eq!(work(&app, &token).await["tasks"], json!([]), "{user}");
    }
}
